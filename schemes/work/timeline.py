"""An action's timeline: read from what people write, printed in one style.

People write a day ("12.03.2024", "2024-03-12"), a month ("03.2024", "March
2024", "2024. gada marts"), a quarter ("Q3 2024", "2024. gada 3. ceturksnis",
"T3 2024"), a year ("2024"), or a range of these ("03.2024–06.2024", "Q1 2024
- Q2 2025"). ``parse`` turns it into a ``Timeline``: the first day of its
start, the last day of its end (so that plans sort by them), and the unit
each was written in, which ``display`` prints in one style per language
("Mar 2024 – Jun 2024", "2024. gada marts – jūnijs"). Pages, the editor and
the PDFs all print through ``display`` (the ``timeline`` template tag), and
what it prints reads back to the same timeline.
"""

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.db import models
from django.utils import formats, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    YEAR = "year", _("year")


@dataclass(frozen=True)
class Point:
    first: datetime.date
    last: datetime.date
    precision: str


@dataclass(frozen=True)
class Timeline:
    start: datetime.date | None = None
    start_precision: str = Precision.DAY
    end: datetime.date | None = None
    end_precision: str = Precision.DAY


class TimelineError(ValueError):
    """Unreadable text (``code`` "invalid"), or a range that ends before it
    starts ("order")."""

    def __init__(self, text, code="invalid"):
        super().__init__(text)
        self.code = code


def _plain(text):
    """Lower case, no accents, one space, one kind of dash."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


# Month names and their usual abbreviations, in English, Latvian (every case
# a plan may use: "marts", "martā", "marta") and French, without accents.
_MONTH_NAMES = {
    1: "january jan janvaris janvari janvara janv janvier",
    2: "february feb februaris februari februara febr fevrier fevr fev",
    3: "march mar marts marta mars",
    4: "april apr aprilis aprili aprila avril avr",
    5: "may maijs maija mai",
    6: "june jun junijs junija juin",
    7: "july jul julijs julija juillet juil",
    8: "august aug augusts augusta aout",
    9: "september sep sept septembris septembri septembra septembre",
    10: "october oct okt oktobris oktobri oktobra octobre",
    11: "november nov novembris novembri novembra novembre",
    12: "december dec decembris decembri decembra decembre",
}
MONTH_WORDS = {
    word: number for number, words in _MONTH_NAMES.items() for word in words.split()
}

_YEAR = r"(?P<year>\d{4})"
_GADA = r"(?:\.?\s*g(?:ada|\.)?)?"  # Latvian "2024. gada", "2024. g."
_WORD = r"(?P<word>[a-z]+)\.?"
# (pattern, precision): each read from the plain text of one point.
_POINTS = [
    (rf"(?P<day>\d{{1,2}})[./](?P<month>\d{{1,2}})[./]{_YEAR}\.?", Precision.DAY),
    (rf"{_YEAR}-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})", Precision.DAY),
    (rf"(?P<day>\d{{1,2}})\.?\s+{_WORD}\s+{_YEAR}{_GADA}", Precision.DAY),
    (rf"{_YEAR}{_GADA}\s+(?P<day>\d{{1,2}})\.?\s+{_WORD}", Precision.DAY),
    (rf"(?P<month>\d{{1,2}})[./]{_YEAR}\.?", Precision.MONTH),
    (rf"{_YEAR}-(?P<month>\d{{1,2}})", Precision.MONTH),
    (rf"{_WORD}\s+{_YEAR}{_GADA}", Precision.MONTH),
    (rf"{_YEAR}{_GADA}\s+{_WORD}", Precision.MONTH),
    (rf"[qt](?P<quarter>[1-4])\s*[/.-]?\s*{_YEAR}", Precision.QUARTER),
    (rf"{_YEAR}\s*[/.-]?\s*[qt](?P<quarter>[1-4])", Precision.QUARTER),
    (
        rf"(?P<quarter>[1-4])(?:\.|st|nd|rd|th|e|er|eme)?\s*"
        rf"(?:ceturksn[a-z]*|quarter|trimestre)\s+{_YEAR}{_GADA}",
        Precision.QUARTER,
    ),
    (
        rf"{_YEAR}{_GADA}\s+(?P<quarter>[1-4])\.?\s*ceturksn[a-z]*",
        Precision.QUARTER,
    ),
    (rf"{_YEAR}(?:{_GADA}|\.?\s*gads)", Precision.YEAR),
]
_POINTS = [
    (re.compile(rf"^(?:{pattern})$"), precision) for pattern, precision in _POINTS
]
# Between the two ends of a range: a dash (spaced or not), "to", "līdz", "au".
_RANGE = re.compile(r"\s*-\s*|\s+(?:to|lidz|au|until)\s+")


def _point(text):
    for pattern, precision in _POINTS:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts.get("year") or 0)
        if not 1900 <= year <= 2200:
            return None
        month = parts.get("month")
        if parts.get("word"):
            month = MONTH_WORDS.get(parts["word"])
            if month is None:
                continue  # "3. ceturksnis" is no day: perhaps a quarter
        try:
            if precision == Precision.DAY:
                day = datetime.date(year, int(month), int(parts["day"]))
                return Point(day, day, precision)
            if precision == Precision.MONTH:
                first = datetime.date(year, int(month), 1)
                return Point(first, _month_end(first), precision)
        except ValueError:
            return None
        if precision == Precision.QUARTER:
            first = datetime.date(year, 3 * int(parts["quarter"]) - 2, 1)
            last = _month_end(datetime.date(year, first.month + 2, 1))
            return Point(first, last, precision)
        return Point(datetime.date(year, 1, 1), datetime.date(year, 12, 31), precision)
    return None


def _month_end(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def parse(text):
    """The ``Timeline`` that ``text`` writes; an empty one for no text.

    Raises ``TimelineError`` for what it cannot read, or for a range that
    ends before it starts."""
    plain = _plain(text or "")
    if not plain:
        return Timeline()
    point = _point(plain)
    if point:
        return Timeline(point.first, point.precision, point.last, point.precision)
    for match in _RANGE.finditer(plain):
        left, right = plain[: match.start()], plain[match.end() :]
        start = _point(left)
        if start is None:
            continue
        # "2024. gada marts – jūnijs", "March – June 2024": the year once.
        end = _point(right) or _point(f"{right} {start.first.year}")
        if end is None:
            continue
        if end.last < start.first:
            raise TimelineError(text, code="order")
        return Timeline(start.first, start.precision, end.last, end.precision)
    raise TimelineError(text)


def _precision(get, end):
    """A row's precision, also from a record saved before there were
    quarters (a month flag)."""
    precision = get(f"{end}_precision")
    if precision:
        return precision
    return Precision.MONTH if get(f"{end}_is_month") else Precision.DAY


def _as_date(value):
    if isinstance(value, str):
        return datetime.date.fromisoformat(value) if value else None
    return value


def _words(day, precision, with_year=True):
    """One end of a timeline in the active language."""
    latvian = translation.get_language() == "lv"
    if precision == Precision.YEAR:
        return f"{day.year}. gads" if latvian else str(day.year)
    if precision == Precision.QUARTER:
        quarter = (day.month - 1) // 3 + 1
        if latvian:
            return (
                f"{day.year}. gada {quarter}. ceturksnis"
                if with_year
                else (f"{quarter}. ceturksnis")
            )
        # French writes a quarter "T3 2024" (trimestre).
        letter = "T" if translation.get_language() == "fr" else "Q"
        return f"{letter}{quarter} {day.year}"
    if latvian:
        month = str(MONTHS[day.month])
        text = month if precision == Precision.MONTH else f"{day.day}. {month}"
        return f"{day.year}. gada {text}" if with_year else text
    if translation.get_language() == "fr":
        # French abbreviations ("juin", "juil.", "févr. 2024"): its three
        # letters ("jui") would not tell June from July.
        style = "N Y" if precision == Precision.MONTH else "j N Y"
    else:
        style = "M Y" if precision == Precision.MONTH else "j M Y"
    return formats.date_format(day, style)


def display(row):
    """A row's timeline (a row, a ``Timeline`` or a row of a frozen
    snapshot) as the active language prints it: "Mar 2024 – Jun 2024",
    "12 Mar 2024", "Q3 2024"; "2024. gada marts – jūnijs". "" for none."""
    if isinstance(row, dict):
        get = row.get
    else:

        def get(name):
            return getattr(row, name, None)

    start, end = _as_date(get("start")), _as_date(get("end"))
    start_precision, end_precision = _precision(get, "start"), _precision(get, "end")
    if start is None and end is None:
        return ""
    if start is None or end is None:
        day, precision = (start, start_precision) if start else (end, end_precision)
        return _keep(_words(day, precision))
    first = _words(start, start_precision)
    if start_precision == end_precision and first == _words(end, end_precision):
        return _keep(first)  # one day, month, quarter or year
    # Latvian names the year once when both ends share it.
    same_year = (
        translation.get_language() == "lv"
        and start.year == end.year
        and Precision.YEAR not in (start_precision, end_precision)
    )
    last = _words(end, end_precision, with_year=not same_year)
    # A narrow column breaks the line after the dash, not before it.
    return f"{_keep(first)}\u00a0– {_keep(last)}"


def _keep(text):
    """``text`` broken, in a narrow column, only between its words: a number
    stays with the word after it ("2024.\u00a0gada", "3.\u00a0ceturksnis",
    "Q3\u00a02024"), and an English end, short, stays whole."""
    if translation.get_language() != "lv":
        return text.replace(" ", "\u00a0")
    return re.sub(r"(\d\.?) ", "\\1\u00a0", text)
