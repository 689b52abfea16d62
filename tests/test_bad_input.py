"""Bad input gets a clear message and writes nothing, never a 500.

First, a property-based test: every form of the project that is posted to
(found on the pages of the permission table, tests/test_permissions.py) gets
random and hostile values from Hypothesis, signed in as someone allowed to
post it. Whatever is sent, the answer is never a server error; a refusal
(a 4xx, an error message, a form with errors) leaves every table exactly as
it was, and each form error is said on the page.

Then the cases worth reading on their own: tampered formset management
forms (the admin's inlines are the project's formsets), other schemes' ids,
locked documents, NUL bytes and over-long text, ``<script>`` on the page and
in the PDF, and import files of the wrong kind.

Covered elsewhere and not repeated here: row-by-row import errors and
all-or-nothing imports, unreadable and oversized files
(tests/benchmarks/test_import_export.py, tests/schemes/test_programme_data.py),
workbook formulas and CSV sent as XLSX
(tests/schemes/test_review_fixes_coordination.py), another city's practice
in a mentor profile, a late edit of a submitted needs analysis
(tests/schemes/test_document_views.py), another scheme's visits or key
factor in a new row or member (tests/schemes/test_action_plans.py,
tests/schemes/test_support_group.py), a NUL byte and user HTML in a
self-assessment (tests/benchmarks/test_assessment_views.py), tags in the
action plan PDF (tests/schemes/test_pdfs.py).

The 500s this file found have their regression tests beside those: a bare
word as the next address (test_document_views.py), an id beyond 64 bits
(test_support_group.py), blank files, a workbook opening on a chart
(test_import_export.py, test_programme_data.py), the admin's URL fields
(tests/incluportal/test_admin.py).

BAD_INPUT_EXAMPLES=500 makes the property hunt longer than the suite's.
"""

import datetime
import hashlib
import html
import io
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import messages as django_messages
from django.contrib.auth.tokens import default_token_generator
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.urls import Resolver404, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemes import services
from schemes.resources_programme import RESOURCES
from tests.a11y import error_problems
from tests.schemes.test_document_workflow import _complete
from tests.test_permissions import MATRIX

pytestmark = pytest.mark.django_db


# --- Reading the forms of a page ----------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # an <input> type, "textarea", "select" or "button"
    options: list = field(default_factory=list)
    multiple: bool = False
    value: list = field(default_factory=list)  # what a browser would send
    maxlength: int | None = None


@dataclass
class Form:
    action: str
    multipart: bool
    htmx: bool
    fields: dict = field(default_factory=dict)
    buttons: list = field(default_factory=list)  # (name, value) of submit buttons


class _FormParser(HTMLParser):
    """Every ``<form method="post">`` of a page with its named fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def _field(self, name, kind, **kwargs):
        existing = self._form.fields.get(name)
        if existing is None:
            existing = self._form.fields[name] = Field(name, kind, **kwargs)
        return existing

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = Form(
                    action=a.get("action") or "",
                    multipart="multipart" in (a.get("enctype") or ""),
                    htmx="hx-post" in a,
                )
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "image"):
                self._form.buttons.append((name, a.get("value") or ""))
                return
            maxlength = int(a["maxlength"]) if a.get("maxlength") else None
            if kind in ("checkbox", "radio"):
                f = self._field(name, kind, multiple=kind == "checkbox")
                f.options.append(a.get("value", "on"))
                if "checked" in a:
                    f.value.append(a.get("value", "on"))
            else:
                f = self._field(name, kind, maxlength=maxlength)
                f.value = [a.get("value") or ""]
        elif tag == "button" and name:
            if (a.get("type") or "submit").lower() == "submit":
                self._form.buttons.append((name, a.get("value") or ""))
        elif tag == "textarea" and name:
            maxlength = int(a["maxlength"]) if a.get("maxlength") else None
            self._textarea = self._field(name, "textarea", maxlength=maxlength)
            self._textarea.value = [""]
        elif tag == "select" and name:
            self._select = self._field(name, "select", multiple="multiple" in a)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value") or "")
            if "selected" in a:
                self._select.value.append(a.get("value") or "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value[0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the newline that opens a textarea's content.
            text = self._textarea.value[0]
            self._textarea.value[0] = text[1:] if text.startswith("\n") else text
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select = self._select
            if not select.value and not select.multiple and select.options:
                select.value = [select.options[0]]  # what a browser sends
            self._select = None


def post_forms(html):
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


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


# --- Every form that is posted to, and who may post it ------------------------------


@dataclass
class Target:
    """Posts to the URL ``name`` from the forms on ``page``, signed in as
    ``persona``; ``setup`` first brings the world into the state where the
    form is shown."""

    name: str
    persona: str
    page: object  # world -> the path of the page holding the form
    setup: object = None  # world -> None
    id: str = ""
    # For a URL posted to without a form of its own: world -> its path.
    url: object = None

    def __post_init__(self):
        self.id = self.id or f"{self.name}-{self.persona}"


def _scheme_url(name, *args):
    return lambda w: reverse(name, args=[w.scheme.pk, *args])


def _programme_url(name, *args):
    return lambda w: reverse(name, args=[w.programme.slug, *args])


_needs_edit = _scheme_url("schemes:needs_analysis_edit", "A")


def _row_edit(w):
    return reverse("schemes:action_plan_row_edit", args=[w.scheme.pk, w.row.pk])


def _visit_edit(w):
    return reverse("schemes:visit_edit", args=[w.scheme.pk, w.scheme.visits.first().pk])


def _member_edit(w):
    return reverse(
        "schemes:support_group_member_edit", args=[w.scheme.pk, "mentee", w.member.pk]
    )


def _practice_edit(w):
    return reverse("schemes:good_practice_edit", args=[w.draft_practice.pk])


def _assessment_edit(w):
    return reverse("benchmarks:assessment_edit", args=[w.assessment.pk])


def _programme_create(w):
    return reverse("schemes:programme_create")


_invitation_create = _programme_url("schemes:invitation_create")


def _profile_part(part):
    return lambda w: reverse(
        "schemes:mentor_profile_edit",
        args=[w.programme.slug, w.mentor_city.slug, part],
    )


_profile_edit = _profile_part("A")


def submitted_needs(w):
    _complete(w.scheme.needs_analysis, w.users["mentee"])
    services.document_submit(document=w.scheme.needs_analysis, by=w.users["mentee"])


def needs_answered_twice(w):
    """A needs analysis with earlier versions to go back to."""
    for answer in ("First answer", "Second answer"):
        services.document_save(
            document=w.scheme.needs_analysis,
            values={"challenges": answer},
            by=w.users["mentee"],
        )


def submitted_plan(w):
    services.action_plan_submit(plan=w.scheme.action_plan, by=w.users["mentee"])


def approved_plan(w):
    submitted_plan(w)
    services.action_plan_approve(
        plan=w.scheme.action_plan,
        by=w.users["coordinator"],
        decision_date=datetime.date(2025, 5, 25),
        decision_reference="Nr. 7/12",
    )


def a_mentee_without_scheme(w):
    from schemes.models.programmes import ParticipationRole
    from tests import factories

    city = factories.CityFactory(name="Ventspils", slug="ventspils", country="LV")
    factories.ParticipationFactory(
        programme=w.programme, organisation=city, role=ParticipationRole.MENTEE_CITY
    )


def _invitation_url(w):
    from schemes.models import Invitation

    invitation = Invitation.objects.create(
        email="newcomer@example.org",
        organisation=w.mentee_city,
        programme=w.programme,
        invited_by=w.users["coordinator"],
    )
    return invitation.get_absolute_url()


def _password_reset_url(w):
    user = w.users["mentee"]
    return reverse(
        "password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )


TARGETS = [
    # Accounts.
    Target("login", "anonymous", lambda w: reverse("login")),
    Target("logout", "mentee", lambda w: reverse("home")),
    Target("set_language", "mentee", lambda w: reverse("home")),
    Target("password_change", "mentee", lambda w: reverse("password_change")),
    Target("password_reset", "anonymous", lambda w: reverse("password_reset")),
    Target("password_reset_confirm", "anonymous", _password_reset_url),
    Target(
        "notification_settings", "mentee", lambda w: reverse("notification_settings")
    ),
    Target("invitation_accept", "anonymous", _invitation_url),
    Target("two_factor_setup", "mentee", lambda w: reverse("two_factor_setup")),
    # The coordinator's workspace.
    Target("schemes:programme_create", "coordinator", _programme_create),
    Target(
        "schemes:programme_two_factor",
        "coordinator",
        lambda w: w.programme.get_absolute_url(),
    ),
    Target(
        "schemes:organisation_add",
        "coordinator",
        _programme_url("schemes:organisation_add"),
    ),
    Target("schemes:invitation_create", "coordinator", _invitation_create),
    Target(
        "schemes:scheme_create", "coordinator", _programme_url("schemes:scheme_create")
    ),
    Target(
        "schemes:matching_all",
        "coordinator",
        _programme_url("schemes:matching_all"),
        setup=a_mentee_without_scheme,
    ),
    *[
        Target(
            "schemes:data_import",
            "coordinator",
            _programme_url("schemes:data_import", key),
            id=f"data_import-{key}",
        )
        for key in RESOURCES
    ],
    Target(
        "benchmarks:benchmark_import",
        "coordinator",
        lambda w: reverse("benchmarks:benchmark_import"),
    ),
    # Annex 2 and 3.
    *[
        Target(
            "schemes:needs_analysis_edit",
            persona,
            _scheme_url("schemes:needs_analysis_edit", part),
            id=f"needs_analysis_edit-{part}",
        )
        for part, persona in [("A", "mentee"), ("B", "mentee"), ("C", "association")]
    ],
    *[
        Target(
            "schemes:mentor_profile_edit",
            persona,
            _profile_part(part),
            id=f"mentor_profile_edit-{part}",
        )
        for part, persona in [
            ("A", "mentor"),
            ("B", "mentor"),
            ("C", "mentor_association"),
        ]
    ],
    Target("schemes:document_action", "mentee", _scheme_url("schemes:needs_analysis")),
    Target(
        "schemes:document_action",
        "coordinator",
        _scheme_url("schemes:needs_analysis"),
        setup=submitted_needs,
    ),
    Target(
        "schemes:history_restore",
        "mentee",
        lambda w: reverse(
            "schemes:history", args=["needs-analysis", w.scheme.needs_analysis.pk]
        ),
        setup=needs_answered_twice,
    ),
    # Annex 4.
    Target(
        "schemes:good_practice_create",
        "mentor",
        lambda w: reverse("schemes:good_practice_create"),
    ),
    Target("schemes:good_practice_edit", "mentor", _practice_edit),
    Target(
        "schemes:good_practice_criteria",
        "mentor",
        lambda w: reverse("schemes:good_practice_criteria", args=[w.draft_practice.pk]),
    ),
    Target(
        "schemes:document_action",
        "mentor",
        lambda w: w.draft_practice.get_absolute_url(),
        id="document_action-good-practice",
    ),
    # Annex 5.
    Target(
        "schemes:support_group_member_add",
        "mentee",
        _scheme_url("schemes:support_group_member_add", "mentee"),
    ),
    Target("schemes:support_group_member_edit", "mentee", _member_edit),
    Target(
        "schemes:support_group_member_delete",
        "mentee",
        _scheme_url("schemes:support_group", "mentee"),
    ),
    # Annex 6.
    *[
        Target(name, "mentee", _scheme_url("schemes:action_plan"))
        for name in [
            "schemes:action_plan_row_add",
            "schemes:action_plan_row_delete",
            "schemes:action_plan_row_move",
            "schemes:action_plan_action",
        ]
    ],
    Target("schemes:action_plan_row_edit", "mentee", _row_edit),
    Target(
        "schemes:action_plan_action",
        "coordinator",
        _scheme_url("schemes:action_plan"),
        setup=submitted_plan,
    ),
    *[
        Target(name, "mentee", _scheme_url("schemes:action_plan"), setup=approved_plan)
        for name in [
            "schemes:action_plan_row_status",
            "schemes:action_plan_row_note",
        ]
    ],
    Target(
        "schemes:action_plan_action",
        "mentee",
        _scheme_url("schemes:action_plan"),
        setup=approved_plan,
        id="action_plan_action-new-draft",
    ),
    # Visits.
    *[
        Target(name, persona, _scheme_url("schemes:scheme_detail"))
        for name, persona in [
            ("schemes:visit_add", "mentee"),
            ("schemes:visit_move", "coordinator"),
            ("schemes:visit_delete", "mentee"),
        ]
    ],
    Target("schemes:visit_edit", "mentor", _visit_edit),
    # Self-assessment.
    Target(
        "benchmarks:assessment_start",
        "mentee",
        lambda w: reverse("benchmarks:scheme_assessments", args=[w.scheme.pk]),
    ),
    # Posted by scripts only: the edit page submits with a button of its own.
    Target(
        "benchmarks:assessment_submit",
        "mentee",
        page=None,
        url=lambda w: reverse("benchmarks:assessment_submit", args=[w.assessment.pk]),
    ),
    Target("benchmarks:assessment_edit", "mentee", _assessment_edit),
]


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


def foreign_ids(w):
    """Ids of things outside the world's scheme: another scheme's visits,
    agenda items, rows and members, another programme's organisations."""
    from benchmarks.models import KeyFactor
    from schemes.models import (
        ActionPlanRow,
        AgendaItem,
        GoodPractice,
        Organisation,
        SupportGroupMember,
        Visit,
    )

    other = w.other_scheme
    ids = set()
    for queryset in [
        Visit.objects.filter(scheme=other),
        AgendaItem.objects.filter(visit__scheme=other),
        ActionPlanRow.objects.filter(plan__scheme=other),
        SupportGroupMember.objects.filter(scheme=other),
        Organisation.objects.filter(participations__programme=w.other_programme),
        KeyFactor.objects.exclude(benchmark=w.benchmark),
        GoodPractice.objects.exclude(city=w.mentor_city),
    ]:
        ids.update(queryset.values_list("pk", flat=True))
    return sorted(str(pk) for pk in ids)


def other_scheme_things(w):
    """Give the other scheme documents, visits, a row and a support group."""
    from schemes.models import ActionPlanRow, GoodPractice, SupportGroupMember

    services.scheme_setup(scheme=w.other_scheme)
    ActionPlanRow.objects.create(
        plan=w.other_scheme.action_plan, number=1, action="Theirs"
    )
    SupportGroupMember.objects.create(
        scheme=w.other_scheme, side="mentee", name="Theirs", stakeholder_type="ngo"
    )
    GoodPractice.objects.create(city=w.other_scheme.mentee_city, title="Theirs")


def sign_in(client, w, persona):
    client.logout()
    if w.users[persona] is not None:
        client.force_login(w.users[persona])


# --- The property --------------------------------------------------------------------


# Examples a form: enough for the suite; raise it for a longer hunt.
EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "8"))


@pytest.mark.parametrize("target", TARGETS, ids=[t.id for t in TARGETS])
def test_random_posts_never_fail_and_refusals_write_nothing(target, world, client):
    other_scheme_things(world)
    if target.setup:
        target.setup(world)
    sign_in(client, world, target.persona)
    if target.url is not None:
        url = target.url(world)
        forms = [(url, Form(action=url, multipart=False, htmx=False))]
    else:
        page = target.page(world)
        response = client.get(page, follow=True)
        assert response.status_code == 200, page
        page_path = response.request["PATH_INFO"]
        forms = forms_posting_to(response.content.decode(), page_path, target.name)
        assert forms, f"no form on {page_path} posts to {target.name}"
    ids = foreign_ids(world)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
        database=None,
    )
    @given(data=st.data())
    def post_something(data):
        with rolled_back():
            sign_in(client, world, target.persona)
            step = forms
            # A page that answers with a new form of its own (an import's
            # "confirm") is posted again.
            for _step in range(2):
                action, form = data.draw(st.sampled_from(step), label="form")
                payload = data.draw(payloads(form, ids), label="payload")
                htmx = form.htmx and data.draw(st.booleans(), label="htmx")
                headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
                before = fingerprint()
                response = client.post(action, payload, **headers)
                check_outcome(
                    response, before, fingerprint(), htmx=htmx, what=f"POST {action}"
                )
                if response.status_code != 200 or htmx:
                    break
                shown = forms_posting_to(response.content.decode(), action, target.name)
                step = [
                    (a, f) for a, f in shown if f.fields.keys() != form.fields.keys()
                ]
                if not step:
                    break

    post_something()


# --- Every form is fuzzed ----------------------------------------------------------

# The first persona with a 200 in the permission table opens each page.
OPENERS = [
    "coordinator", "mentee", "mentor", "association", "mentor_association",
    "anonymous",
]  # fmt: skip


def test_every_form_of_every_page_is_fuzzed(world, client):
    """Open every page of the permission table (as someone who may) and list
    the URLs its forms post to: each must be a target above."""
    fuzzed = {t.name for t in TARGETS}
    found = {}
    for name, (method, build, expected, *_rest) in MATRIX.items():
        if method == "post":
            found.setdefault(name, "the permission table")
            continue
        if name.endswith(("_pdf", "_export")):
            continue
        persona = next((p for p in OPENERS if expected.get(p) == 200), None)
        if persona is None:
            continue
        sign_in(client, world, persona)
        path = build(world)
        response = client.get(path)
        if "html" not in response.get("Content-Type", ""):
            continue
        for form in post_forms(response.content.decode()):
            action = urlsplit(form.action).path or urlsplit(path).path
            found.setdefault(url_name(action), path)
    missing = {name: page for name, page in found.items() if name not in fuzzed}
    assert missing == {}, f"add these form targets to TARGETS: {missing}"


# === Readable cases ==================================================================


def _post(client, url, data, **extra):
    """Post and return (response, tables written to), failing on a 500."""
    before = fingerprint()
    response = client.post(url, data, **extra)
    changed = check_outcome(response, before, fingerprint(), what=f"POST {url}")
    return response, changed


def _form_data(client, url, name=None):
    """What a browser would post from the page's form posting to ``name``
    (or to the page itself)."""
    response = client.get(url)
    assert response.status_code == 200, url
    path = urlsplit(url).path
    forms = forms_posting_to(response.content.decode(), path, name or url_name(path))
    assert forms, url
    _action, form = forms[0]
    data = {}
    for f in form.fields.values():
        if f.name != "csrfmiddlewaretoken" and f.kind != "file" and f.value:
            data[f.name] = f.value if len(f.value) > 1 else f.value[0]
    return data


@pytest.fixture
def staff(world, client):
    from tests import factories

    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    return client


# --- Formsets ------------------------------------------------------------------------
# The portal's own pages have no formset (the property above tampers with any
# management form it finds, should one appear); the admin's inlines are the
# formsets of the project.


def _admin_pages_with_inlines(world):
    """(model, change page) of the admins with inlines, on an existing row:
    one page for each kind of inline."""
    from django.contrib import admin
    from django.core.mail import send_mail

    # The outgoing-mail queue (django-post_office) holds one message, with
    # its log: one is sent.
    send_mail("Subject", "Body", None, ["someone@example.org"])
    pages, seen = [], set()
    for model, model_admin in admin.site._registry.items():
        if not set(model_admin.inlines) - seen:
            continue
        seen.update(model_admin.inlines)
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the world has no {model.__name__}"
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        pages.append((model, url))
    return pages


def _admin_form(client, url):
    html = client.get(url).content.decode()
    forms = [f for f in post_forms(html) if any("TOTAL_FORMS" in n for n in f.fields)]
    assert len(forms) == 1, url
    data = {}
    for f in forms[0].fields.values():
        if f.name != "csrfmiddlewaretoken" and f.kind != "file" and f.value:
            data[f.name] = f.value if len(f.value) > 1 else f.value[0]
    prefixes = [
        n.removesuffix("-TOTAL_FORMS") for n in data if n.endswith("-TOTAL_FORMS")
    ]
    return data, prefixes


def _without_management_form(data, prefix):
    return {
        k: v
        for k, v in data.items()
        if not (k.startswith(f"{prefix}-") and k.endswith("_FORMS"))
    }


MANAGEMENT_TAMPERING = {
    "TOTAL_FORMS=100000": lambda d, p: {**d, f"{p}-TOTAL_FORMS": "100000"},
    "TOTAL_FORMS=abc": lambda d, p: {**d, f"{p}-TOTAL_FORMS": "abc"},
    "missing": _without_management_form,
    # Django reads these as "no form" and "every form was there before": the
    # page saves as it was and no inline row changes.
    "TOTAL_FORMS=-1": lambda d, p: {**d, f"{p}-TOTAL_FORMS": "-1"},
    "INITIAL_FORMS=100000": lambda d, p: {**d, f"{p}-INITIAL_FORMS": "100000"},
}
TOLERATED = {"TOTAL_FORMS=-1", "INITIAL_FORMS=100000"}


def _saved_as_is(parent, label):
    """A table a save of ``parent``'s page writes even with nothing changed."""
    name = label.split(".")[1]
    parent = parent._meta.concrete_model
    return label in (parent._meta.label, "admin.LogEntry") or name.startswith(
        "Historical"
    )


def test_a_tampered_management_form_writes_no_inline_row(world, staff, monkeypatch):
    """Every kind of admin inline, each kind of tampering."""
    from django.forms import formsets

    # Django caps a formset at 1,000 forms above its maximum: the 2,000 forms
    # of TOTAL_FORMS=100000 take the admin 6 to 30 seconds a page to build,
    # check and show again. A lower cap takes the same path in a blink.
    monkeypatch.setattr(formsets, "DEFAULT_MAX_NUM", 10)
    pages = _admin_pages_with_inlines(world)
    assert len(pages) >= 8
    for parent, url in pages:
        data, prefixes = _admin_form(staff, url)
        assert prefixes, url
        for prefix in prefixes:
            for tampering, tamper in MANAGEMENT_TAMPERING.items():
                where = (url, prefix, tampering)
                response, changed = _post(staff, url, tamper(data, prefix))
                if tampering in TOLERATED:
                    assert response.status_code in (200, 302), where
                    assert all(_saved_as_is(parent, t) for t in changed), where
                    continue
                assert response.status_code == 200, where
                assert "errornote" in response.content.decode(), where
                assert changed == [], where


def test_the_admin_form_as_shown_saves(world, staff):
    """The control: the same pages, untampered, do save."""
    for _parent, url in _admin_pages_with_inlines(world):
        data, _prefixes = _admin_form(staff, url)
        response = staff.post(url, data)
        assert response.status_code == 302, (url, forms_with_errors(response))


def test_an_inline_row_of_another_scheme_is_not_taken_over(world, staff):
    """An agenda item of the other scheme's visit, posted as one of this
    visit's inline rows: Django finds no such row of this visit and leaves
    the other one alone."""
    from schemes.models import AgendaItem

    other_scheme_things(world)
    visit = world.scheme.visits.first()
    theirs = AgendaItem.objects.filter(visit__scheme=world.other_scheme).first()
    before = list(AgendaItem.objects.order_by("pk").values())
    url = reverse("admin:schemes_visit_change", args=[visit.pk])
    data, _prefixes = _admin_form(staff, url)
    data["agenda_items-0-id"] = str(theirs.pk)
    data["agenda_items-0-text"] = "Taken over"
    response, changed = _post(staff, url, data)
    assert response.status_code in (200, 302)
    assert "schemes.AgendaItem" not in changed
    assert list(AgendaItem.objects.order_by("pk").values()) == before


# --- Another scheme's ids ------------------------------------------------------------


def _others(world):
    from schemes.models import ActionPlanRow, SupportGroupMember

    other_scheme_things(world)
    return {
        "row": ActionPlanRow.objects.get(plan__scheme=world.other_scheme),
        "visit": world.other_scheme.visits.first(),
        "member": SupportGroupMember.objects.get(scheme=world.other_scheme),
    }


IN_THE_ADDRESS = [
    ("schemes:action_plan_row_edit", ["row"], {"action": "Taken over"}),
    ("schemes:action_plan_row_delete", ["row"], {}),
    ("schemes:action_plan_row_move", ["row", "up"], {}),
    ("schemes:action_plan_row_status", ["row"], {"status": "done"}),
    ("schemes:action_plan_row_note", ["row"], {"date": "2025-01-01", "text": "x"}),
    ("schemes:visit_edit", ["visit"], {"purpose": "Taken over", "host": "mentee"}),
    ("schemes:visit_delete", ["visit"], {}),
    ("schemes:visit_move", ["visit", "up"], {}),
    ("schemes:support_group_member_edit", ["mentee", "member"], {"name": "x"}),
    ("schemes:support_group_member_delete", ["mentee", "member"], {}),
]


def test_another_schemes_object_in_the_address_is_not_found(world, client_for):
    """The mentee's own scheme in the address, the other scheme's object after it."""
    others = _others(world)
    client = client_for("mentee")
    for name, args, data in IN_THE_ADDRESS:
        args = [others[a].pk if a in others else a for a in args]
        url = reverse(name, args=[world.scheme.pk, *args])
        response, changed = _post(client, url, data)
        assert response.status_code == 404, url
        assert changed == [], url


def test_another_schemes_document_cannot_be_acted_on(world, client_for):
    other_scheme_things(world)
    theirs = world.other_scheme.needs_analysis
    for action in ("submit", "approve", "return"):
        url = reverse(
            "schemes:document_action", args=["needs-analysis", theirs.pk, action]
        )
        response, changed = _post(client_for("mentee"), url, {"comment": "x"})
        assert response.status_code == 404 and changed == []


def test_another_schemes_ids_in_a_form_are_refused(world, client_for):
    """Choices of the other scheme (visits, members, key factors of another
    benchmark) are not choices here."""
    from benchmarks.models import KeyFactor

    others = _others(world)
    client = client_for("mentee")
    foreign_factor = KeyFactor.objects.exclude(benchmark=world.benchmark).first()
    visit = world.scheme.visits.first()
    cases = [
        (
            reverse(
                "schemes:action_plan_row_edit", args=[world.scheme.pk, world.row.pk]
            ),
            {"added_at_visit": others["visit"].pk},
            "added_at_visit",
        ),
        (
            reverse(
                "schemes:action_plan_row_edit", args=[world.scheme.pk, world.row.pk]
            ),
            {"key_factor": foreign_factor.pk},
            "key_factor",
        ),
        (
            reverse("schemes:visit_edit", args=[world.scheme.pk, visit.pk]),
            {"support": [world.member.pk, others["member"].pk]},
            "support",
        ),
        (
            reverse(
                "schemes:support_group_member_edit",
                args=[world.scheme.pk, "mentee", world.member.pk],
            ),
            {"visits_attended": [visit.pk, others["visit"].pk]},
            "visits_attended",
        ),
    ]
    for url, bad, field_name in cases:
        data = {**_form_data(client, url), **bad}
        response, changed = _post(client, url, data)
        assert response.status_code == 200 and changed == [], url
        (form,) = forms_with_errors(response)
        assert field_name in form.errors, (url, form.errors)


def test_another_assessments_ratings_cannot_be_posted_in(world, client_for):
    """The form's fields are the assessment's own: the other scheme's
    assessment of the same benchmark keeps its ratings."""
    from benchmarks import services as benchmark_services
    from benchmarks.models import Rating

    theirs = benchmark_services.self_assessment_start(
        scheme=world.other_scheme,
        city=world.other_scheme.mentee_city,
        round="baseline",
        by=world.users["other_scheme"],
    )
    their_ratings = list(Rating.objects.filter(assessment=theirs).values())
    client = client_for("mentee")
    url = reverse("benchmarks:assessment_edit", args=[world.assessment.pk])
    data = _form_data(client, url)
    for rating in theirs.ratings.all():
        data[f"level_{rating.pk}"] = "3"
        data[f"rating_{rating.pk}"] = "3"
    client.post(url, {**data, "save": "1"})
    assert list(Rating.objects.filter(assessment=theirs).values()) == their_ratings


def test_matching_creates_all_the_ticked_schemes_or_none(world, client_for):
    """A second pair naming a city outside the programme: the first pair's
    scheme is not created either."""
    from schemes.models import Scheme

    a_mentee_without_scheme(world)
    pairs = [
        f"ventspils|{world.mentor_city.slug}|{world.benchmark.slug}",
        f"ventspils|{world.other_city.slug}|{world.benchmark.slug}",
    ]
    count = Scheme.objects.count()
    response, changed = _post(
        client_for("coordinator"),
        reverse("schemes:matching_all", args=[world.programme.slug]),
        {"pair": pairs},
    )
    assert response.status_code == 404
    assert changed == [] and Scheme.objects.count() == count


# --- Locked documents ---------------------------------------------------------------


def _approve_needs(world):
    submitted_needs(world)
    services.document_approve(
        document=world.scheme.needs_analysis, by=world.users["coordinator"]
    )


def _submit_practice(world):
    practice = world.draft_practice
    _complete(practice, world.users["mentor"])
    services.document_submit(document=practice, by=world.users["mentor"])


def _submit_assessment(world):
    from benchmarks import services as benchmark_services

    for rating in world.assessment.ratings.all():
        rating.level = 2
        rating.save()
    benchmark_services.self_assessment_submit(
        assessment=world.assessment, by=world.users["mentee"]
    )


LOCKED = {
    "approved needs analysis": (
        _approve_needs,
        "mentee",
        lambda w: reverse("schemes:needs_analysis_edit", args=[w.scheme.pk, "B"]),
        {"na_b1": "Changed after approval"},
    ),
    "submitted good practice": (
        _submit_practice,
        "mentor",
        lambda w: reverse("schemes:good_practice_edit", args=[w.draft_practice.pk]),
        {"title": "Changed after submitting"},
    ),
    "criteria of a submitted good practice": (
        _submit_practice,
        "mentor",
        lambda w: reverse("schemes:good_practice_criteria", args=[w.draft_practice.pk]),
        {},
    ),
    "submitted self-assessment": (
        _submit_assessment,
        "mentee",
        lambda w: reverse("benchmarks:assessment_edit", args=[w.assessment.pk]),
        {"save": "1"},
    ),
    "row of a submitted plan": (
        submitted_plan,
        "mentee",
        lambda w: reverse("schemes:action_plan_row_edit", args=[w.scheme.pk, w.row.pk]),
        {"action": "Changed after submitting"},
    ),
    "new row in a submitted plan": (
        submitted_plan,
        "mentee",
        lambda w: reverse("schemes:action_plan_row_add", args=[w.scheme.pk]),
        {"action": "Added after submitting"},
    ),
    "row removed from an approved plan": (
        approved_plan,
        "mentee",
        lambda w: reverse(
            "schemes:action_plan_row_delete", args=[w.scheme.pk, w.row.pk]
        ),
        {},
    ),
    "row moved in an approved plan": (
        approved_plan,
        "mentee",
        lambda w: reverse(
            "schemes:action_plan_row_move", args=[w.scheme.pk, w.row.pk, "down"]
        ),
        {},
    ),
}


@pytest.mark.parametrize("case", LOCKED)
def test_a_submitted_or_approved_document_cannot_be_edited(world, client_for, case):
    lock, persona, build, data = LOCKED[case]
    lock(world)
    client = client_for(persona)
    response, changed = _post(client, build(world), data)
    assert changed == []
    if response.status_code == 302:
        # Its authors are sent back to it, told why.
        shown = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("read-only" in m or "no longer be edited" in m for m in shown)
    else:
        assert response.status_code == 403


# --- NUL bytes and over-long text -----------------------------------------------------


# What, by whom, where, which field.
TEXT_FIELDS = [
    ("needs analysis", "mentee", _needs_edit, "challenges"),
    ("action plan row", "mentee", _row_edit, "leads"),
    ("visit", "mentor", _visit_edit, "place"),
    ("support group member", "mentee", _member_edit, "name"),
    ("good practice", "mentor", _practice_edit, "title"),
    ("programme", "coordinator", _programme_create, "name"),
    ("invitation", "coordinator", _invitation_create, "full_name"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "persona", "build", "field_name"),
    TEXT_FIELDS,
    ids=[t[0] for t in TEXT_FIELDS],
)
@pytest.mark.parametrize("bad", ["nul", "too long"])
def test_a_nul_byte_or_too_much_text_is_a_form_error(
    world, client_for, what, persona, build, field_name, bad
):
    client = client_for(persona)
    url = build(world)
    max_length = _form_field(client.get(url), field_name).max_length
    value = "a\x00b" if bad == "nul" else "x" * (max_length + 1)
    data = {**_form_data(client, url), field_name: value}
    response, changed = _post(client, url, data)
    assert response.status_code == 200 and changed == [], what
    errors = forms_with_errors(response)[0].errors[field_name]
    expected = "null character" if bad == "nul" else "at most"
    assert any(expected in e for e in errors), errors


def _form_field(response, name):
    """The field ``name`` of the forms the page shows."""
    for context in response.context:
        for layer in context.dicts:
            for value in layer.values():
                if isinstance(value, BaseForm) and name in value.fields:
                    return value.fields[name]
    raise AssertionError(f"no form field {name}")


# --- <script> is text, on the page and in the PDF ------------------------------------

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _pdf_text(response):
    """The PDF's text without white space (table cells wrap their lines)."""
    from pypdf import PdfReader

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "".join("".join(p.extract_text().split()) for p in reader.pages)


def test_script_is_shown_as_text_on_every_page_and_in_the_pdfs(world, client_for):
    """Typed into the forms as people do, shown back as the characters typed."""
    kf = world.benchmark.key_factors.first()
    typed = [
        ("mentee", _needs_edit, {"challenges": SCRIPT}),
        ("mentee", _row_edit, {"action": SCRIPT}),
        ("mentee", _visit_edit, {"notes": SCRIPT, "agenda": SCRIPT}),
        ("mentee", _member_edit, {"name": SCRIPT}),
        ("mentee", _assessment_edit, {f"note_{kf.pk}": SCRIPT, "save": "1"}),
        (
            "mentor",
            _practice_edit,
            {"title": SCRIPT + " café", "lead_agencies": SCRIPT},
        ),
        ("mentor", _profile_edit, {"experience_areas": SCRIPT}),
    ]
    for persona, build, values in typed:
        client, url = client_for(persona), build(world)
        response = client.post(url, {**_form_data(client, url), **values})
        assert response.status_code == 302, (url, forms_with_errors(response))

    scheme, programme, city = world.scheme.pk, world.programme.slug, "schaerbeek"
    read = {
        "mentee": [
            reverse("schemes:needs_analysis", args=[scheme]),
            reverse("schemes:action_plan", args=[scheme]),
            world.scheme.visits.first().get_absolute_url(),
            reverse("schemes:support_group", args=[scheme, "mentee"]),
            world.assessment.get_absolute_url(),
        ],
        "mentor": [
            world.draft_practice.get_absolute_url(),
            reverse("schemes:mentor_profile", args=[programme, city]),
        ],
    }
    for persona, pages in read.items():
        client = client_for(persona)
        for page in pages:
            shown = client.get(page).content.decode()
            assert ESCAPED in shown and SCRIPT not in shown, page

    mentee = client_for("mentee")
    dossier = _pdf_text(
        mentee.get(reverse("schemes:scheme_dossier_pdf", args=[scheme]))
    )
    # The needs analysis, the visit's agenda and notes, the plan.
    assert dossier.count(SCRIPT) == 4, dossier
    pdf = reverse("benchmarks:assessment_pdf", args=[world.assessment.pk])
    assert SCRIPT in _pdf_text(mentee.get(pdf))
    mentor = client_for("mentor")
    for pdf in (
        reverse("schemes:good_practice_pdf", args=[world.draft_practice.pk]),
        reverse("schemes:mentor_profile_pdf", args=[programme, city]),
    ):
        assert SCRIPT in _pdf_text(mentor.get(pdf)), pdf


# --- Import files -------------------------------------------------------------------


def _import_urls(world):
    return {
        "key factors": reverse("benchmarks:benchmark_import"),
        "programme people": reverse(
            "schemes:data_import", args=[world.programme.slug, "people"]
        ),
    }


def _xlsx(rows):
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _zip_without_workbook():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40

BAD_FILES = {
    # name: (content, format, what the page says)
    "a picture as CSV": (PNG, "csv", "not UTF-8"),
    "NUL bytes in CSV": (b"a,b\n1,\x002\n", "csv", "null characters"),
    "a picture as XLSX": (PNG, "xlsx", "cannot be read as an Excel workbook"),
    "a zip that is no workbook": (_zip_without_workbook(), "xlsx", "cannot be read"),
    "an empty workbook": (_xlsx([]), "xlsx", "empty"),
    "a workbook of blank rows": (_xlsx([[None, None], ["", ""]]), "xlsx", "empty"),
    "CSV with ragged rows": (b"a,b,c\n1,2\n", "csv", "Line 2 has 2 cells"),
    "a workbook sent as JSON": (_xlsx([["a"], [1]]), "json", "not valid JSON"),
    "JSON with a list of lists": (b"[[1, 2]]", "json", "list of objects"),
    "JSON that is a number": (b"42", "json", "list of objects"),
}


@pytest.mark.parametrize("which", ["key factors", "programme people"])
def test_a_bad_import_file_gets_a_clear_message_and_writes_nothing(
    world, client_for, which
):
    client = client_for("coordinator")
    for bad, (content, file_format, message) in BAD_FILES.items():
        if which == "programme people" and file_format == "json":
            message = "Choose the file's format: CSV, XLSX."  # no JSON there
        response, changed = _post(
            client,
            _import_urls(world)[which],
            {"import_file": SimpleUploadedFile("data", content), "format": file_format},
        )
        assert response.status_code == 400, bad
        assert message in html.unescape(response.content.decode()), bad
        assert changed == [], bad
        pending = ("benchmark_import", f"programme_import_{world.programme.pk}_people")
        assert not any(key in client.session for key in pending), bad
