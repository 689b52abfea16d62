"""Read a page's forms as a browser would submit them.

The load users fill the portal's real forms: they read the page, take every
field with its current value (the CSRF token and the ``revision`` the form
was opened at among them), change one answer and post the lot, as a person
in a browser does. A form that gains a field keeps working here. The page is
read by tests/support/htmlforms.py, as every test reads one.
"""

from dataclasses import dataclass, field

from tests.support import htmlforms


@dataclass
class Form:
    action: str
    method: str
    fields: list = field(default_factory=list)  # [(name, value)], in page order
    textareas: list = field(default_factory=list)  # names, in page order

    def names(self):
        return [name for name, _value in self.fields]

    def value(self, name):
        return next((v for n, v in self.fields if n == name), None)

    def data(self, **changes):
        """What the browser posts, with ``changes`` replacing those fields."""
        sent = [(n, changes.get(n, v)) for n, v in self.fields]
        sent += [(n, v) for n, v in changes.items() if n not in self.names()]
        return sent


def forms_in(html):
    return [
        Form(
            action=form.get("action") or "",
            method=(form.get("method") or "get").lower(),
            fields=htmlforms.sent(form),
            textareas=[
                control.name
                for control in form.inputs
                if control.name
                and htmlforms.kind(control) == "textarea"
                and "disabled" not in control.attrib
            ],
        )
        for form in htmlforms.parse(html).forms
    ]


def form_with(html, name):
    """The page's first POST form with a field called ``name``."""
    for form in forms_in(html):
        if form.method == "post" and name in form.names():
            return form
    raise LookupError(f"no form with a field {name!r} on the page")
