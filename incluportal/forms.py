import re
from decimal import Decimal, DecimalException

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    UserChangeForm,
    UserCreationForm,
)
from django.core.exceptions import ValidationError
from django.db import connections
from django.forms.boundfield import BoundField
from django.forms.utils import flatatt
from django.utils import formats
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from incluportal.models import User
from incluportal.validators import group_length_limits


class UserAdminCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]


class UserAdminChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class EmailAuthenticationForm(AuthenticationForm):
    """The sign-in form, labelled for an e-mail address rather than a username."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class SiteUrlPasswordResetForm(PasswordResetForm):
    """Django's reset form, whose link starts with SITE_URL as every other
    e-mail's does (incluportal/emails.py), not with the request's host."""

    def save(self, *args, extra_email_context=None, **kwargs):
        from incluportal.emails import site_url

        extra_email_context = {"site_url": site_url(), **(extra_email_context or {})}
        return super().save(*args, extra_email_context=extra_email_context, **kwargs)


class LongSelect(forms.Select):
    """A ``<select>`` of hundreds of options, such as every city of the portal.

    Django renders each option through a template, which for a few hundred
    options costs a page more than all its queries; this writes the same
    markup directly. Flat choices (no groups), one value.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, " selected" if str(option) in selected else "", label)
                for option, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            options,
        )


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, taking an integer too large for the database as an invalid
    choice: in a ``pk__in`` lookup SQLite raises OverflowError on it (a 500)
    where the single-choice field's ``pk=`` lookup just finds nothing."""

    def _check_values(self, value):
        meta = self.queryset.model._meta
        model_field = (
            meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        )
        ops = connections[self.queryset.db].ops
        internal_type = getattr(
            model_field, "target_field", model_field
        ).get_internal_type()
        if internal_type in ops.integer_field_ranges:
            low, high = ops.integer_field_range(internal_type)
            for item in value:
                try:
                    number = int(str(item))
                except ValueError:
                    continue  # not a number: Django's own check refuses it
                if not low <= number <= high:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super()._check_values(value)


# Spaces a number may be grouped with: plain, no-break and narrow no-break
# (French writes 1 000 000,50 with U+202F, Latvian with a space).
_GROUPING_SPACES = re.compile(r"[\s\u00a0\u202f]")
_GROUPED = re.compile(r"^[-+]?\d{1,3}(?:X\d{3})+$")


def _grouped(text, separator):
    return bool(_GROUPED.match(text.replace(separator, "X")))


def read_decimal(text, decimal_separator):
    """A number as people type it, in canonical form ("98.5"), or None when
    it cannot be read without guessing.

    Spaces between digit groups are dropped. Where the language writes a
    decimal comma (Latvian, French), a point is read as one too, so "98,5"
    and "98.5" are both 98.5 and never 985; a separator repeated, or the
    other one before the last, groups thousands ("1.000.000,50",
    "1,000,000.50"). Where the language writes a decimal point (English), a
    comma only groups thousands: "98,5" is refused rather than read as 985.
    """
    text = _GROUPING_SPACES.sub("", text)
    if decimal_separator == ",":
        commas, points = text.count(","), text.count(".")
        if commas and points:
            last = max(text.rfind(","), text.rfind("."))
            whole, decimals = text[:last], text[last + 1 :]
            other = "." if text[last] == "," else ","
            if other in decimals or not _grouped(whole, other):
                return None
            return f"{whole.replace(other, '')}.{decimals}"
        for separator, count in ((",", commas), (".", points)):
            if count > 1:
                return (
                    text.replace(separator, "") if _grouped(text, separator) else None
                )
            if count == 1:
                return text.replace(separator, ".")
        return text
    if "," in text:
        whole, _point, decimals = text.partition(".")
        if not _grouped(whole, ","):
            return None
        text = whole.replace(",", "") + (f".{decimals}" if _point else "")
    return text


class LocalDecimalField(forms.DecimalField):
    """A decimal typed in the reader's language: "98,5" in Latvian or French
    is 98.5 (``read_decimal``), and the value is shown as the language writes
    it. A text box (``inputmode="decimal"``) rather than ``type="number"``,
    whose handling of a decimal comma depends on the browser."""

    def __init__(self, **kwargs):
        kwargs["localize"] = True
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if isinstance(value, str):
            text = read_decimal(text, formats.get_format("DECIMAL_SEPARATOR"))
        try:
            return Decimal(text) if text is not None else Decimal("x")
        except DecimalException:
            example = formats.number_format(Decimal("1250.5"), decimal_pos=2)
            raise ValidationError(
                _("Enter a number, such as %(example)s.") % {"example": example},
                code="invalid",
            ) from None


class MarkedBoundField(BoundField):
    """A field that must be answered before its document is submitted, though
    a draft may be saved without it: its wrapper gets ``field-required``,
    which ``forms.css`` marks with an asterisk beside the label."""

    def css_classes(self, extra_classes=None):
        classes = super().css_classes(extra_classes)
        if getattr(self.field, "required_to_submit", False):
            classes = f"{classes} field-required".strip()
        return classes


def mark_required_to_submit(formfield):
    """Mark ``formfield`` as required to submit (not to save a draft): seen
    (``MarkedBoundField``) and told to screen readers (``aria-required``;
    a group of tick boxes says it in its legend)."""
    formfield.required_to_submit = True
    if not isinstance(formfield.widget, forms.CheckboxSelectMultiple):
        formfield.widget.attrs["aria-required"] = "true"


class CountedTextarea(forms.Textarea):
    """A long answer with its limit written beside it ("Up to 10,000
    characters."), which ``static/incluportal/js/forms.js`` turns into a live
    count ("1,234 of 10,000 characters") and, once few are left, tells screen
    readers after a pause in the typing (not at every key)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        limit = attrs.get("maxlength") or self.attrs.get("maxlength")
        field_id = attrs.get("id") or self.attrs.get("id")
        if not limit or not field_id:
            return super().render(name, value, attrs, renderer)
        limit_id = f"{field_id}_limit"
        described = attrs.get("aria-describedby") or self.attrs.get(
            "aria-describedby", ""
        )
        attrs["aria-describedby"] = f"{limit_id} {described}".strip()
        attrs["data-char-limit"] = limit_id
        shown = number_format(int(limit), force_grouping=True)
        return format_html(
            '{}<div class="form-text char-limit" id="{}" data-limit="{}" '
            'data-count-text="{}" data-left-text="{}" data-over-text="{}">'
            "<span data-char-text>{}</span>"
            '<span class="visually-hidden" aria-live="polite" data-char-live></span>'
            "</div>",
            super().render(name, value, attrs, renderer),
            limit_id,
            limit,
            gettext("%(count)s of %(limit)s characters"),
            gettext("Characters left: %(left)s"),
            gettext("Characters over the limit: %(over)s"),
            gettext("Up to %(limit)s characters.") % {"limit": shown},
        )


def count_characters(form):
    """Give every long answer of ``form`` with a limit its counter
    (``CountedTextarea``), keeping the widget's attributes, and every field
    with a limit a message that writes it as the language groups numbers."""
    for formfield in form.fields.values():
        widget = formfield.widget
        limit = getattr(formfield, "max_length", None)
        if limit:
            group_length_limits(formfield)
        if limit and type(widget) is forms.Textarea:
            formfield.widget = CountedTextarea(
                attrs={**widget.attrs, "maxlength": str(limit)}
            )
