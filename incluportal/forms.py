from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    UserChangeForm,
    UserCreationForm,
)
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
