"""Checks that a page with form errors announces them and links them to fields.

Used by the bad-input hunt (tests/test_bad_input.py, every form of the
portal) and by tests/incluportal/test_error_summary.py.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.forms import BaseForm

VOID = {
    "area",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict
    text: str = ""
    links: list = field(default_factory=list)  # hrefs inside
    # aria-invalid and aria-describedby, its own or of a group around it
    # (a <fieldset> or role="radiogroup" of radio buttons and tick boxes).
    invalid: bool = False
    described_by: list = field(default_factory=list)


class _Parser(HTMLParser):
    """Elements with an id (with their text) and the error summaries."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.by_id = {}
        self.summaries = []
        self._open = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        element = Element(tag, a)
        for holder in [*self._open, element]:
            element.invalid |= holder.attrs.get("aria-invalid") == "true"
            element.described_by += holder.attrs.get("aria-describedby", "").split()
        if "id" in a:
            self.by_id.setdefault(a["id"], element)
        if "data-error-summary" in a:
            self.summaries.append(element)
        if tag == "a" and "href" in a:
            for open_element in self._open:
                open_element.links.append(a["href"])
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data


def parse(html):
    parser = _Parser()
    parser.feed(html)
    return parser


def _norm(text):
    return " ".join(str(text).split())


def error_problems(html, forms):
    """What is wrong with how ``forms``' errors are shown on ``html``: a list
    of sentences, empty when every error is announced and linked."""
    page = parse(html)
    problems = []
    errors = [
        (form, name, messages)
        for form in forms
        if isinstance(form, BaseForm)
        for name, messages in form.errors.items()
    ]
    if not errors:
        return problems
    if not page.summaries:
        return ["no error summary (data-error-summary) on the page"]
    summary = page.summaries[0]
    if summary.attrs.get("role") != "alert" or summary.attrs.get("tabindex") != "-1":
        problems.append('the error summary needs role="alert" and tabindex="-1"')
    summary_text = _norm(" ".join(s.text for s in page.summaries))
    links = [href for s in page.summaries for href in s.links]
    for form, name, messages in errors:
        for message in messages:
            if _norm(message) not in summary_text:
                problems.append(f"{name}: {message!r} is not in the error summary")
        if name == "__all__" or name not in form.fields or form[name].is_hidden:
            continue
        bound = form[name]
        target = bound.id_for_label or f"{bound.auto_id}_0"
        if f"#{target}" not in links:
            problems.append(f"{name}: no link to #{target} in the error summary")
            continue
        control = page.by_id.get(target)
        if control is None:
            problems.append(f"{name}: the summary links to #{target}, not on the page")
            continue
        # The control (or its group) is marked invalid and described by its
        # error text.
        ids = control.described_by
        text = _norm(" ".join(page.by_id[i].text for i in ids if i in page.by_id))
        if not control.invalid or not all(_norm(m) in text for m in messages):
            problems.append(
                f"{name}: #{target} is not aria-invalid and described by its error"
            )
    return problems
