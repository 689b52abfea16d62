"""Read a page's forms as a browser would submit them (standard library only).

The load users fill the portal's real forms: they read the page, take every
field with its current value (the CSRF token and the ``revision`` the form
was opened at among them), change one answer and post the lot, as a person
in a browser does. A form that gains a field keeps working here.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Inputs a browser does not send by themselves.
_NOT_SENT = {"submit", "button", "image", "reset", "file"}


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


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._textarea = None  # [name, text]
        self._select = None  # {"name", "multiple", "first", "chosen"}
        self._option = None  # [value or None, text, selected]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(
                action=a.get("action") or "",
                method=(a.get("method") or "get").lower(),
            )
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in _NOT_SENT:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.fields.append((name, a.get("value") or "on"))
                return
            self._form.fields.append((name, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {
                "name": name,
                "multiple": "multiple" in a,
                "first": None,
                "chosen": [],
            }
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "", "selected" in a]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # A newline right after <textarea> is not part of the value.
            if text.startswith("\r\n"):
                text = text[2:]
            elif text.startswith("\n"):
                text = text[1:]
            self._form.fields.append((name, text))
            self._form.textareas.append(name)
            self._textarea = None
        elif tag == "option" and self._option is not None:
            self._end_option()
        elif tag == "select" and self._select is not None:
            if self._option is not None:
                self._end_option()
            select = self._select
            chosen = select["chosen"]
            if not chosen and not select["multiple"] and select["first"] is not None:
                chosen = [select["first"]]  # a browser sends the first option
            self._form.fields.extend((select["name"], v) for v in chosen)
            self._select = None

    def _end_option(self):
        value, text, selected = self._option
        value = text.strip() if value is None else value
        if self._select["first"] is None:
            self._select["first"] = value
        if selected:
            self._select["chosen"].append(value)
        self._option = None


def forms_in(html):
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_with(html, name):
    """The page's first POST form with a field called ``name``."""
    for form in forms_in(html):
        if form.method == "post" and name in form.names():
            return form
    raise LookupError(f"no form with a field {name!r} on the page")
