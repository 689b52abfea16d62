"""Pages and their forms, read with lxml's HTML parser as a browser reads them.

The one reading of HTML for the tests: the bad-input hunt
(tests/support/badinput.py) fills every form it finds, the load users
(tests/load/htmlforms.py) post what a person would, the accessibility checks
(tests/support/a11y.py) follow ids and links, and the focus tests
(tests/schemes/test_action_plan_focus.py) look for ``autofocus``. No Django
here: locust imports this module too.
"""

from dataclasses import dataclass, field

import lxml.html

# Inputs that send nothing unless clicked (buttons) or that carry a file.
NOT_SENT = {"submit", "button", "image", "reset", "file"}


def parse(html):
    """The page or fragment ``html`` (a str) as an lxml element; an htmx
    fragment of several elements comes wrapped in one ``<div>``."""
    if not html.strip():
        html = "<html></html>"  # lxml refuses an empty document
    return lxml.html.fromstring(html)


def kind(control):
    """An ``<input>``'s type, or "textarea" or "select"."""
    if control.tag == "input":
        return (control.get("type") or "text").lower()
    return control.tag


def values(control):
    """What a browser sends for ``control`` as the page shows it, disabled
    or not: a list, empty for an unticked box or a select without options."""
    if control.tag == "textarea":
        # A browser drops the newline that opens a textarea's content.
        return [control.value.removeprefix("\n")]
    if control.tag == "select":
        if control.multiple:
            return list(control.value)  # the selected options, in page order
        # None selected: the first option.
        return [] if control.value is None else [control.value]
    if kind(control) in ("checkbox", "radio"):
        return [control.get("value", "on")] if control.checked else []
    return [control.get("value") or ""]


def sent(form):
    """The (name, value) pairs a browser posts from the lxml ``form`` as
    shown, in page order, without clicking a button or choosing a file."""
    return [
        (control.name, value)
        for control in form.inputs
        if control.name
        and "disabled" not in control.attrib
        and kind(control) not in NOT_SENT
        for value in values(control)
    ]


@dataclass
class Field:
    name: str
    kind: str  # an <input> type, "textarea" or "select"
    options: list = field(default_factory=list)
    multiple: bool = False
    value: list = field(default_factory=list)  # what a browser would send
    maxlength: int | None = None


@dataclass
class Form:
    action: str
    multipart: bool
    htmx: bool
    fields: dict = field(default_factory=dict)  # name: Field, in page order
    buttons: list = field(default_factory=list)  # (name, value) of submit buttons


def _maxlength(control):
    return int(control.get("maxlength")) if control.get("maxlength") else None


def read_form(form):
    """The lxml ``form`` with every named control, disabled ones too (a
    hostile post sends them all the same)."""
    found = Form(
        action=form.get("action") or "",
        multipart="multipart" in (form.get("enctype") or ""),
        htmx=form.get("data-hx-post") is not None,
    )
    for button in form.xpath(".//input[@name] | .//button[@name]"):
        # A <button> submits unless its type says otherwise.
        button_kind = kind(button) if button.tag == "input" else button.get("type")
        if (button_kind or "submit").lower() in ("submit", "image"):
            found.buttons.append((button.get("name"), button.get("value") or ""))
    for control in form.inputs:
        name, control_kind = control.name, kind(control)
        if not name or control_kind in ("submit", "image"):
            continue
        if control_kind in ("checkbox", "radio"):
            f = found.fields.setdefault(
                name, Field(name, control_kind, multiple=control_kind == "checkbox")
            )
            f.options.append(control.get("value", "on"))
            f.value += values(control)
        elif control_kind == "select":
            found.fields[name] = Field(
                name,
                "select",
                options=control.value_options,
                multiple=control.multiple,
                value=values(control),
            )
        else:
            found.fields[name] = Field(
                name, control_kind, value=values(control), maxlength=_maxlength(control)
            )
    return found


def post_forms(html):
    """Every ``<form method="post">`` of the page ``html``, read."""
    return [
        read_form(form)
        for form in parse(html).forms
        if (form.get("method") or "get").lower() == "post"
    ]
