"""Writes to a person's own account (the apps' writes are in their services)."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import receiver

from incluportal.i18n import is_interface_language
from incluportal.models import User


@transaction.atomic
def user_notifications_set(*, user: User, email_notifications: bool, by: User) -> User:
    """Turn the e-mails the portal sends ``user`` on or off: their own choice."""
    if by.pk != user.pk:
        raise PermissionDenied
    user.email_notifications = email_notifications
    user.full_clean(validate_unique=False, validate_constraints=False)
    user.save(update_fields=["email_notifications"])
    return user


@transaction.atomic
def user_language_set(*, user: User, language: str, by: User) -> User:
    """Set the language ``user`` reads the portal and its e-mails in: their
    own choice (the settings page, or the switcher while signed in)."""
    if by.pk != user.pk:
        raise PermissionDenied
    # Checked before it is set: a refused code must not linger on the
    # object (often request.user) for the rest of the request.
    field = User._meta.get_field("language")
    try:
        language = field.clean(language, user)  # one of settings.LANGUAGES
    except ValidationError as error:
        raise ValidationError({"language": error.error_list}) from None
    user.language = language
    user.save(update_fields=["language"])
    return user


@receiver(user_logged_in, dispatch_uid="incluportal.services.language_chosen")
def _keep_the_language_chosen_before_signing_in(sender, request, user, **kwargs):
    """A language chosen with the switcher before signing in (its cookie) is
    the person's choice: their account keeps it. Without one (a browser's
    Accept-Language is no choice), the account's language stands."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "") if request else ""
    if is_interface_language(chosen) and chosen != user.language:
        user_language_set(user=user, language=chosen, by=user)
