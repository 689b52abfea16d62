from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    UserChangeForm,
    UserCreationForm,
)
from django.core.exceptions import ValidationError
from django.db import connections
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
