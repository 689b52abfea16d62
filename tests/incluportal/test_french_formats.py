"""French as French administrative writing has it: « 7 décembre 2026 »,
07/12/2026, a decimal comma and a space between thousands (10 000,5), on
pages, in forms and in an action's timeline (incluportal/formats/fr)."""

import datetime
import decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

from schemes.work import timeline

DAY = datetime.date(2026, 12, 7)


def test_dates_read_day_month_year_with_the_month_in_words():
    with translation.override("fr"):
        assert formats.date_format(DAY) == "7 décembre 2026"
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == "07/12/2026"
        moment = datetime.datetime(2026, 2, 3, 9, 5)
        assert (
            formats.date_format(moment, "DATETIME_FORMAT") == "3 février 2026 à 09:05"
        )
        assert formats.date_format(DAY, "YEAR_MONTH_FORMAT") == "décembre 2026"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_a_template_prints_a_french_date_and_number():
    template = Template('{{ day|date:"DATE_FORMAT" }} · {{ amount }} · {{ share }}')
    with translation.override("fr"):
        text = template.render(
            Context({"day": DAY, "amount": 10000, "share": decimal.Decimal("0.5")})
        )
    # Numbers are grouped only where the template asks (intcomma, below):
    # a year or an identifier never gets a space.
    assert text == "7 décembre 2026 · 10000 · 0,5"


def test_numbers_have_a_decimal_comma_and_a_space_between_thousands():
    with translation.override("fr"):
        assert formats.number_format(10000.5, 1, force_grouping=True) == "10\xa0000,5"
        assert formats.number_format(1234567, force_grouping=True) == "1\xa0234\xa0567"
        assert formats.localize(decimal.Decimal("0.25")) == "0,25"


@pytest.mark.parametrize("typed", ["2026-12-07", "07/12/2026", "07.12.2026"])
def test_a_date_field_reads_what_a_french_reader_types(typed):
    with translation.override("fr"):
        assert forms.DateField().clean(typed) == DAY


def test_a_decimal_field_reads_a_decimal_comma(settings):
    with translation.override("fr"):
        field = forms.DecimalField(localize=True)
        assert field.clean("0,5") == decimal.Decimal("0.5")


@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision", "printed"),
    [
        (
            "2026-06-01",
            "month",
            "2026-07-31",
            "month",
            "juin\xa02026\xa0– juil.\xa02026",
        ),
        (
            "2026-02-01",
            "month",
            "2026-12-31",
            "quarter",
            "fév.\xa02026\xa0– T4\xa02026",
        ),
        ("2026-08-07", "day", "2026-08-07", "day", "7\xa0août\xa02026"),
        ("2026-01-01", "year", "2027-12-31", "year", "2026\xa0– 2027"),
    ],
)
def test_a_timeline_prints_in_french_and_reads_back(
    start, start_precision, end, end_precision, printed
):
    # French three-letter months would print June and July alike ("jui"):
    # the timeline uses French abbreviations, and "T" for a quarter.
    line = timeline.Timeline(
        datetime.date.fromisoformat(start),
        start_precision,
        datetime.date.fromisoformat(end),
        end_precision,
    )
    with translation.override("fr"):
        assert timeline.display(line) == printed
        assert timeline.parse(printed) == line
