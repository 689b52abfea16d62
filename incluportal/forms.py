from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    UserChangeForm,
    UserCreationForm,
)
from django.core.exceptions import ValidationError
from django.db import connections
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from incluportal.models import User


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
