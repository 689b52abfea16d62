"""One numeric date style per language, everywhere a date is printed.

Pages, PDFs, footers, e-mails and spreadsheet exports print a day with the
language's ``SHORT_DATE_FORMAT`` (``incluportal/formats``: 06/12/2026 in
English, 06.12.2026 in Latvian) and a month in the same style without the day
(12/2026, 12.2026). Templates print a day with ``|date:"SHORT_DATE_FORMAT"``;
Python code, and the timeline tag, call these functions.
"""

import datetime
import re

from django.utils import formats, timezone


def month_format():
    """The active language's month format: its short date without the day."""
    return re.sub(r"^[dj]\W", "", formats.get_format("SHORT_DATE_FORMAT"))


def _as_date(value):
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return value


def day(value):
    """A day as the active language writes it: ``06.12.2026``; "" for none."""
    if not value:
        return ""
    return formats.date_format(_as_date(value), "SHORT_DATE_FORMAT")


def month(value):
    """A month as the active language writes it: ``12.2026``; "" for none."""
    if not value:
        return ""
    return formats.date_format(_as_date(value), month_format())


def moment(value):
    """A date and time in the reader's time zone: ``06.12.2026 14:05``."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATETIME_FORMAT")
