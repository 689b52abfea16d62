from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _


def reject_nul(value):
    """Refuse text with a null character: PostgreSQL cannot store it."""
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(_("This text contains a null character."))


def slug_or_empty(value):
    """A short name read from a request, or "" if it cannot be one: looked up
    as it is, a NUL character in it is a 500 on PostgreSQL."""
    return value if isinstance(value, str) and slug_re.match(value) else ""
