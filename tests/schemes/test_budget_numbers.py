"""A budget typed as the reader's language writes it (issue 22, point 11)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from incluportal.forms import read_decimal
from schemes.forms import part_form_class
from schemes.models import NeedsAnalysis
from schemes.work import annexes

PART = annexes.NEEDS_ANALYSIS.parts[1]


def _form(budget):
    return part_form_class(NeedsAnalysis, PART)(
        {"municipal_budget": budget, "municipal_budget_currency": "EUR"}
    )


@pytest.mark.parametrize("language", ["lv", "fr"])
@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("98,5", Decimal("98.5")),
        ("98.5", Decimal("98.5")),
        ("120 000 000,50", Decimal("120000000.50")),
        ("120\u00a0000\u00a0000,50", Decimal("120000000.50")),
        ("120\u202f000\u202f000,50", Decimal("120000000.50")),
        ("1.000.000,50", Decimal("1000000.50")),
        ("1 000 000", Decimal("1000000")),
    ],
)
def test_a_decimal_comma_is_read_as_a_decimal_comma(language, typed, read):
    with translation.override(language):
        form = _form(typed)
        assert not form.errors, form.errors
        assert form.cleaned_data["municipal_budget"] == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [("98.5", Decimal("98.5")), ("1,250.50", Decimal("1250.50"))],
)
def test_english_reads_a_decimal_point_and_grouping_commas(typed, read):
    with translation.override("en"):
        form = _form(typed)
        assert not form.errors, form.errors
        assert form.cleaned_data["municipal_budget"] == read


@pytest.mark.parametrize(
    ("language", "typed"),
    [("en", "98,5"), ("lv", "1,2,3"), ("lv", "98,5,1"), ("lv", "12,5 miljoni")],
)
def test_a_number_that_would_need_a_guess_is_a_form_error(language, typed):
    with translation.override(language):
        form = _form(typed)
        assert not form.is_valid()
        assert "municipal_budget" in form.errors
        if language == "lv":
            assert "1250,50" in form.errors["municipal_budget"][0]


def test_the_budget_is_shown_with_the_languages_decimal_comma():
    with translation.override("lv"):
        form = part_form_class(NeedsAnalysis, PART)(
            instance=NeedsAnalysis(municipal_budget=Decimal("98.50"))
        )
        html = str(form["municipal_budget"])
    assert 'value="98,50"' in html
    assert 'inputmode="decimal"' in html


@pytest.mark.parametrize(
    ("typed", "separator", "read"),
    [
        ("98,5", ",", "98.5"),
        ("98.5", ",", "98.5"),
        ("98,5", ".", None),
        ("1,000", ".", "1000"),
        ("1.234,5", ",", "1234.5"),
        ("1,234.5", ",", "1234.5"),
        ("12.34,5", ",", None),
    ],
)
def test_read_decimal(typed, separator, read):
    assert read_decimal(typed, separator) == read


@pytest.mark.django_db
def test_a_latvian_budget_saved_through_the_page_is_98_5(world, client_for):
    """The form as the mentee city fills it, with the interface in Latvian."""
    client = client_for("mentee")
    client.post(reverse("set_language"), {"language": "lv"})
    url = reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, PART.key])
    response = client.post(
        url, {"municipal_budget": "98,5", "municipal_budget_currency": "EUR"}
    )
    assert response.status_code == 302
    needs = world.scheme.needs_analysis
    needs.refresh_from_db()
    assert needs.municipal_budget == Decimal("98.5")
    assert 'value="98,50"' in client.get(url).content.decode()
