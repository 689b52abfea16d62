"""Posting bad values to the portal's forms, and what a refusal must keep.

The harness of the bad-input hunt (tests/test_bad_input.py), for any test
that posts to a form: the forms of a page that post to a URL, what a browser
would send from one, Hypothesis strategies for hostile values of each kind of
field, a fingerprint of every table, and the rules every post keeps (no 500;
a refusal writes nothing and says each error on the page, announced and
linked to its field).
"""

import datetime
import hashlib
from urllib.parse import urlsplit

from django.apps import apps
from django.contrib import messages as django_messages
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.urls import Resolver404, resolve
from django.utils.html import escape
from hypothesis import strategies as st

from tests.support.a11y import error_problems
from tests.support.htmlforms import post_forms

# --- The forms of a page -------------------------------------------------------------


def url_name(path):
    """The name of the URL a form posts to ("namespace:name"), or None."""
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def forms_posting_to(html, page_path, name):
    """The page's forms whose action is the URL ``name``, with that URL."""
    found = []
    for form in post_forms(html):
        action = urlsplit(form.action).path or page_path
        if url_name(action) == name:
            found.append((action, form))
    return found


def form_data(form):
    """What a browser would post from ``form`` (a ``htmlforms.Form``) as
    shown, without its CSRF token and files: a dict for the test client."""
    data = {}
    for f in form.fields.values():
        if f.name != "csrfmiddlewaretoken" and f.kind != "file" and f.value:
            data[f.name] = f.value if len(f.value) > 1 else f.value[0]
    return data


def page_form_data(client, url, name=None):
    """What a browser would post from the form on the page ``url`` that posts
    to the URL ``name`` (or to the page itself)."""
    response = client.get(url)
    assert response.status_code == 200, url
    path = urlsplit(url).path
    forms = forms_posting_to(response.content.decode(), path, name or url_name(path))
    assert forms, url
    _action, form = forms[0]
    return form_data(form)


# --- What "nothing changed" means ---------------------------------------------------

# Rows that change with every request of a signed-in person and hold no data.
VOLATILE_MODELS = {"sessions.session"}


def fingerprint():
    """Row count and a hash of every row of every table (in plain SQL: the
    property runs it twice a post)."""
    print_ = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed or meta.label_lower in VOLATILE_MODELS:
                continue
            table, pk = map(connection.ops.quote_name, (meta.db_table, meta.pk.column))
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")  # noqa: S608
            rows = cursor.fetchall()
            print_[meta.label] = (
                len(rows),
                hashlib.sha256(repr(rows).encode()).hexdigest()[:16],
            )
    return print_


def changed_tables(before, after):
    return sorted(k for k in before if before[k] != after.get(k))


class rolled_back:
    """``with rolled_back():`` runs its body in a transaction it then undoes."""

    def __enter__(self):
        self._atomic = transaction.atomic()
        self._atomic.__enter__()

    def __exit__(self, exc_type, exc, tb):
        transaction.set_rollback(True)
        self._atomic.__exit__(exc_type, exc, tb)
        return False


def error_messages(response):
    return [
        str(m)
        for m in get_messages(response.wsgi_request)
        if m.level >= django_messages.ERROR
    ]


def forms_with_errors(response):
    """Bound forms and formsets of the rendered context that have errors."""
    found = []
    for context in response.context or []:
        for layer in getattr(context, "dicts", [context]):
            for value in layer.values():
                if isinstance(value, BaseForm | BaseFormSet) and value.is_bound:
                    has_errors = (
                        bool(value.errors)
                        if isinstance(value, BaseForm)
                        else not value.is_valid()
                    )
                    if has_errors and value not in found:
                        found.append(value)
    return found


def check_outcome(response, before, after, *, htmx=False, what=""):
    """The rules every post keeps: no 500; a refusal writes nothing."""
    assert response.status_code < 500, f"{what}: {response.status_code}"
    changed = changed_tables(before, after)
    refused = (
        response.status_code >= 400
        or error_messages(response)
        or forms_with_errors(response)
    )
    if refused:
        assert changed == [], f"{what}: refused but wrote to {changed}"
    page = response.content.decode() if response.status_code == 200 else ""
    for form in forms_with_errors(response):
        errors = form.errors.items() if isinstance(form, BaseForm) else []
        for name, messages in errors:
            unseen = [m for m in messages if escape(m) not in page]
            assert not unseen, (
                f"{what}: {name!r} refused, not said on the page: {unseen}"
            )
    portal = not response.wsgi_request.path.startswith("/admin/")
    if page and portal and forms_with_errors(response):
        # Announced (the focused summary) and linked to the fields. (The
        # admin, for the superusers, keeps Django's own error note.)
        problems = error_problems(page, forms_with_errors(response))
        assert not problems, f"{what}: " + "; ".join(problems)
    if changed:
        succeeded = response.status_code in (301, 302, 303) or (
            htmx and response.status_code == 200
        )
        assert succeeded, f"{what}: {response.status_code} but wrote to {changed}"
    return changed


def post(client, url, data, **extra):
    """Post and return (response, tables written to), failing on a 500."""
    before = fingerprint()
    response = client.post(url, data, **extra)
    changed = check_outcome(response, before, fingerprint(), what=f"POST {url}")
    return response, changed


def form_field(response, name):
    """The field ``name`` of the forms the page shows."""
    for context in response.context:
        for layer in context.dicts:
            for value in layer.values():
                if isinstance(value, BaseForm) and name in value.fields:
                    return value.fields[name]
    raise AssertionError(f"no form field {name}")


# --- Random and hostile values -------------------------------------------------------

OMIT = object()  # the field is not sent at all

NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "'; DROP TABLE schemes_scheme; --",
    "%s %(name)s {0} {{ x }}",
    "🙂" * 40,
    "Jelgava ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž",
    "\u202eevil",
    "\r\n\r\n",
    "ﬁ ０１２ ½",
    "javascript:alert(1)",
    "http://",
    "../../../etc/passwd",
    '=HYPERLINK("http://x")',
    "jelgava|schaerbeek|language-learning",
]
NUMBERS = [
    "0", "-1", "1", "2", "3", "1.5", "1e309", "NaN", "inf",
    "99999999999999999999999", "-99999999999999999999999", "2147483648", "٣",
    "0x10", " 7 ",
]  # fmt: skip
DATES = [
    "2025-02-29", "2024-02-29", "0001-01-01", "9999-12-31", "10000-01-01",
    "2025-13-01", "31/12/2025", "12/2025", "00/2025", "2025-00", "0000-00-00",
    "yesterday",
]  # fmt: skip
MANAGEMENT = ["100000", "-1", "abc", "", "1.5", "2147483648"]
FILES = [
    b"",
    b"\x00\x00\x00",
    b"\xff\xfe\x00bad",
    b"PK\x03\x04 not a workbook",
    b"{not json",
    b'[{"a": 1}]',
    b'{"slug": "x"}',
    b"slug,name_en,country\n",
    b"slug,name_en,country\nriga,Riga,LV\n",
    b'slug,name_en\n"unterminated,x\n',
    b"email,organisation\nx@example.org,riga\n",
    b"scheme,number,action\njelgava/schaerbeek,1,<script>alert(1)</script>\n",
    b"benchmark,number,title_en\nlanguage-learning,99,\x00\n",
    b"a;b;c\n1;2\n",
    b'[{"email": "a\\u0000b", "organisation": "jelgava", "slug": "x\\u0000"}]',
    b'[{"benchmark": {"a": 1}, "number": [1, 2], "title_en": null, "slug": 7}]',
    b'[{"\\u0000": 1, "": 2}]',
]
# Good files, one for each import, for the confirmation after their preview.
GOOD_FILES = [
    b"slug,name_en,country\nventspils,Ventspils,LV\n",
    b"slug,name_en,country\nlps,LPS,LV\n",
    b"email,organisation\nnew@example.org,jelgava\n",
    b"city,title\nschaerbeek,Evening classes\n",
    b"scheme,number,action\njelgava/schaerbeek,2,Evening classes\n",
    b"benchmark,number,title_en\nlanguage-learning,9,Ninth\n",
]

_characters = st.characters(exclude_categories=("Cs",))  # UTF-8 can carry the rest


def _text(maxlength):
    choices = [st.sampled_from(NASTY_TEXT), st.text(_characters, max_size=40)]
    if maxlength:
        choices.append(st.just("x" * (maxlength + 1)))
    choices.append(st.just("y" * 20_000))
    return st.one_of(*choices)


def _number():
    return st.one_of(st.sampled_from(NUMBERS), st.integers().map(str))


def _date():
    return st.one_of(st.sampled_from(DATES), st.dates().map(datetime.date.isoformat))


def value_strategy(f, foreign_ids):
    """Values for one field, as the list of strings to send."""
    if f.name.endswith(
        ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
    ):
        return st.sampled_from(MANAGEMENT).map(lambda v: [v])
    foreign = st.sampled_from(foreign_ids)
    if f.kind in ("checkbox", "radio", "select"):
        one = st.one_of(
            st.sampled_from(f.options) if f.options else _number(),
            foreign,
            _number(),
            _text(None),
        )
        if f.multiple:
            return st.lists(one, max_size=4)
        return one.map(lambda v: [v])
    if f.kind == "number":
        one = _number()
    elif f.kind in ("date", "datetime-local", "month"):
        one = _date()
    elif f.kind == "hidden":
        one = st.one_of(_number(), foreign, _text(f.maxlength))
    else:
        one = _text(f.maxlength)
    return one.map(lambda v: [v])


def file_strategy():
    return st.tuples(
        st.one_of(
            st.sampled_from(GOOD_FILES),
            st.sampled_from(FILES),
            st.binary(max_size=300),
        ),
        st.sampled_from(["data.csv", "data.xlsx", "data.json", "x.exe", ""]),
    )


@st.composite
def payloads(draw, form, foreign_ids):
    """A post of ``form``: as shown, with one field changed, or all at random."""
    fields = [f for f in form.fields.values() if f.name != "csrfmiddlewaretoken"]
    mode = draw(st.sampled_from(["one", "all"]), label="mode")
    changed = (
        {draw(st.sampled_from(fields), label="field").name}
        if fields and mode == "one"
        else {f.name for f in fields}
    )
    data = {}
    for f in fields:
        if f.kind == "file":
            content, name = draw(file_strategy(), label=f.name)
            data[f.name] = SimpleUploadedFile(name or "upload", content)
            continue
        value = f.value
        if f.name in changed:
            value = draw(
                st.one_of(
                    st.just(OMIT), st.just(f.value), value_strategy(f, foreign_ids)
                ),
                label=f.name,
            )
        if value is not OMIT and value != []:
            data[f.name] = value if len(value) != 1 else value[0]
    if form.buttons:
        name, value = draw(st.sampled_from(form.buttons), label="button")
        data[name] = value
    # Now and then, fields the form does not have.
    extras = draw(
        st.dictionaries(
            st.sampled_from(["id", "pk", "status", "next", "version", "submit", "-"]),
            st.one_of(_number(), st.sampled_from(foreign_ids), _text(None)),
            max_size=2,
        ),
        label="extras",
    )
    return {**extras, **data}
