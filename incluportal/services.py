"""Writes to a person's own account (the apps' writes are in their services)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

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
