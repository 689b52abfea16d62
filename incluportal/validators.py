from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def reject_nul(value):
    """Refuse text with a null character: PostgreSQL cannot store it."""
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(_("This text contains a null character."))
