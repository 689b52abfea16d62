"""Checks that a page with form errors announces them and links them to fields.

Used by the bad-input hunt (tests/support/badinput.py, on every form of the
portal) and by tests/incluportal/test_error_summary.py. The page is read with
lxml (tests/support/htmlforms.py); an element's text is all the text inside it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.forms import BaseForm

from tests.support.htmlforms import parse as parse_html


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


def _element(node):
    around = [*reversed(list(node.iterancestors())), node]  # outermost first
    return Element(
        tag=node.tag,
        attrs=dict(node.attrib),
        text=node.text_content(),
        links=[str(href) for href in node.xpath(".//a/@href")],
        invalid=any(n.get("aria-invalid") == "true" for n in around),
        described_by=[i for n in around for i in n.get("aria-describedby", "").split()],
    )


class _ById(Mapping):
    """The elements of a page by id (the first of each id), read when asked."""

    def __init__(self, root):
        self._nodes = {}
        for node in root.xpath("//*[@id]"):
            self._nodes.setdefault(node.get("id"), node)

    def __getitem__(self, key):
        return _element(self._nodes[key])

    def __iter__(self):
        return iter(self._nodes)

    def __len__(self):
        return len(self._nodes)


@dataclass
class Page:
    by_id: Mapping  # id: Element
    summaries: list  # the error summaries (data-error-summary), as Elements


def parse(html):
    """Elements with an id (with their text) and the error summaries."""
    root = parse_html(html)
    return Page(
        by_id=_ById(root),
        summaries=[_element(n) for n in root.xpath("//*[@data-error-summary]")],
    )


def _norm(text):
    # The parser, like a browser, reads a NUL character as U+FFFD.
    return " ".join(str(text).replace("\x00", "\ufffd").split())


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
