from django.core import validators
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from incluportal.grammar import format_count


def reject_nul(value):
    """Refuse text with a null character: PostgreSQL cannot store it."""
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(_("This text contains a null character."))


def slug_or_empty(value):
    """A short name read from a request, or "" if it cannot be one: looked up
    as it is, a NUL character in it is a 500 on PostgreSQL."""
    return value if isinstance(value, str) and slug_re.match(value) else ""


class LengthLimitValidator(validators.MaxLengthValidator):
    """Django's length limit, with the numbers written as the reader's
    language groups them ("10 000" in Latvian, not "10000") and the noun
    agreeing with the limit through ``ngettext``: Django's message uses
    ``%d``, which no translation can group."""

    def __call__(self, value):
        cleaned = self.clean(value)
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        if self.compare(cleaned, limit):
            message = ngettext(
                "Ensure this text has at most %(limit_value)s character "
                "(it has %(show_value)s).",
                "Ensure this text has at most %(limit_value)s characters "
                "(it has %(show_value)s).",
                limit,
            )
            raise ValidationError(
                message,
                code=self.code,
                params={
                    "limit_value": format_count(limit),
                    "show_value": format_count(cleaned),
                    "value": value,
                },
            )


def group_length_limits(formfield):
    """Give ``formfield`` the length limit message with grouped numbers in
    place of Django's own."""
    formfield.validators = [
        LengthLimitValidator(v.limit_value)
        if type(v) is validators.MaxLengthValidator
        else v
        for v in formfield.validators
    ]
