"""Exports that open as they should in Excel whatever its locale: CSV with
commas or with semicolons (Excel's separator where the decimal mark is a
comma: Latvian, French, Belgian settings), both UTF-8 with a byte-order mark;
workbooks whose numbers and dates are numbers and dates."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from schemes.models import ActionPlanRow

pytestmark = pytest.mark.django_db

EXPORTS = {
    "programme data": lambda world: reverse(
        "schemes:data_export", args=[world.programme.slug, "cities"]
    ),
    "key factors": lambda world: reverse("benchmarks:benchmark_export"),
}


def _get(client, url, fmt):
    return client.get(url, {"format": fmt})


def _rows(text, delimiter):
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


@pytest.mark.parametrize("export", EXPORTS)
def test_a_semicolon_csv_is_the_comma_csv_with_semicolons(world, client_for, export):
    client = client_for("coordinator")
    url = EXPORTS[export](world)
    comma = _get(client, url, "csv")
    semicolon = _get(client, url, "csv-semicolon")
    assert semicolon.status_code == 200
    assert semicolon["Content-Type"] == "text/csv; charset=utf-8"
    assert semicolon["Content-Disposition"].endswith('.csv"')
    # The byte-order mark makes Excel read UTF-8 (ā, ņ, ė) in both.
    assert comma.content.startswith("\ufeff".encode())
    assert semicolon.content.startswith("\ufeff".encode())
    header = semicolon.content.decode("utf-8-sig").splitlines()[0]
    assert ";" in header and "," not in header
    assert _rows(semicolon.content.decode("utf-8-sig"), ";") == _rows(
        comma.content.decode("utf-8-sig"), ","
    )


def test_the_dashboard_offers_and_exports_a_semicolon_csv(world, client_for):
    client = client_for("coordinator")
    url = reverse("schemes:dashboard", args=[world.programme.slug])
    page = client.get(url).content.decode()
    assert "export=csv-semicolon" in page
    response = client.get(url, {"export": "csv-semicolon"})
    assert response.status_code == 200
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert ";" in header


def test_every_export_page_offers_both_separators(world, client_for):
    client = client_for("coordinator")
    for url in (
        reverse("schemes:data", args=[world.programme.slug]),
        reverse("benchmarks:benchmark_list"),
    ):
        page = client.get(url).content.decode()
        assert "format=csv-semicolon" in page and "CSV for Excel (semicolon)" in page
        assert "CSV (comma)" in page


def test_an_unknown_format_is_a_clear_400(world, client_for):
    response = _get(client_for("coordinator"), EXPORTS["programme data"](world), "xls")
    assert response.status_code == 400
    assert "csv-semicolon" in response.content.decode()


def _sheet(response):
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.rows)
    headers = [cell.value for cell in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def test_a_workbook_holds_numbers_as_numbers(world, client_for):
    client = client_for("coordinator")
    world.mentee_city.population = 56_000
    world.mentee_city.save()
    cities = _sheet(_get(client, EXPORTS["programme data"](world), "xlsx"))
    jelgava = next(row for row in cities if row["slug"].value == "jelgava")
    assert jelgava["population"].data_type == "n"
    assert jelgava["population"].value == 56_000
    factors = _sheet(_get(client, EXPORTS["key factors"](world), "xlsx"))
    assert factors and all(row["number"].data_type == "n" for row in factors)


def test_a_workbook_holds_dates_as_dates(world, client_for):
    ActionPlanRow.objects.filter(plan=world.scheme.action_plan).update(
        start=datetime.date(2026, 3, 1), end=datetime.date(2026, 6, 30)
    )
    url = reverse(
        "schemes:data_export", args=[world.programme.slug, "action-plan-rows"]
    )
    rows = _sheet(_get(client_for("coordinator"), url, "xlsx"))
    assert rows
    for row in rows:
        assert row["start"].is_date and row["end"].is_date
        assert row["start"].value.date() == datetime.date(2026, 3, 1)
        assert row["number"].data_type == "n"
