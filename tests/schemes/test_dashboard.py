import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from schemes import services
from tests import factories

pytestmark = pytest.mark.django_db


def _url(world):
    return reverse("schemes:dashboard", args=[world.programme.slug])


def _add_schemes(world, count):
    for _ in range(count):
        scheme = factories.SchemeFactory(
            programme=world.programme,
            mentee_city=factories.CityFactory(),
            mentor_city=world.mentor_city,
            theme=world.benchmark.theme,
        )
        services.scheme_setup(scheme=scheme)


def test_it_shows_every_scheme_with_its_documents_and_plan(world, client_for):
    html = client_for("coordinator").get(_url(world)).content.decode()
    assert "Jelgava – Schaerbeek" in html and "Capaci – Mechelen" in html
    assert "Draft · version 2" in html  # the world's plan: version 1 came back


def test_its_query_count_does_not_grow_with_schemes(
    world, client_for, django_assert_max_num_queries
):
    client = client_for("coordinator")
    _add_schemes(world, 2)
    with django_assert_max_num_queries(30) as small:
        client.get(_url(world))
    _add_schemes(world, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(_url(world))
    assert response.content.decode().count("<tr>") >= 16


def _at_the_visits(world):
    """The world's scheme as its documents put it at its visits: its needs
    analysis submitted, its training marked done."""
    needs = world.scheme.needs_analysis
    needs.status = "submitted"
    needs.submitted_at = datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC)
    needs.save()
    services.step_mark(
        scheme=world.scheme,
        step="training",
        reached_on=datetime.date(2025, 11, 20),
        note="",
        by=world.users["coordinator"],
    )


def test_it_filters_by_theme_country_and_stage(world, client_for):
    client = client_for("coordinator")
    html = client.get(_url(world), {"stage": "needs_analysis"}).content.decode()
    assert "Jelgava – Schaerbeek" in html and "Capaci – Mechelen" in html
    _at_the_visits(world)
    html = client.get(_url(world), {"stage": "visits"}).content.decode()
    assert "Jelgava – Schaerbeek" in html and "Capaci – Mechelen" not in html
    assert "<td>Mentoring visits</td>" in html
    html = client.get(_url(world), {"stage": "needs_analysis"}).content.decode()
    assert "Jelgava – Schaerbeek" not in html and "Capaci – Mechelen" in html
    html = client.get(_url(world), {"country": "IT"}).content.decode()
    assert "Capaci – Mechelen" in html and "Jelgava – Schaerbeek" not in html


def test_it_flags_what_is_overdue(frozen_day, world, client_for):
    scheme = world.scheme
    # The training is marked done while the needs analysis waits.
    services.step_mark(
        scheme=scheme,
        step="training",
        reached_on=datetime.date(2025, 11, 20),
        note="",
        by=world.users["coordinator"],
    )
    scheme.end_date = timezone.localdate() - datetime.timedelta(days=1)
    scheme.save()
    visit = scheme.visits.first()
    visit.start_date = timezone.localdate() - datetime.timedelta(days=10)
    visit.save()
    html = client_for("coordinator").get(_url(world)).content.decode()
    assert "Needs analysis not submitted" in html
    assert "No outcomes recorded for visit 1" in html
    assert "Action plan not approved by the scheme&#x27;s end date" in html


def test_it_exports_csv_and_xlsx_with_formulas_neutralised(world, client_for):
    world.mentee_city.name = "=HYPERLINK(1)"
    world.mentee_city.save()
    client = client_for("coordinator")
    csv = client.get(_url(world), {"export": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1)" in csv.content.decode()
    xlsx = client.get(_url(world), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "Mentee or convening city"
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_the_export_shows_the_stage_the_documents_give(world, client_for):
    _at_the_visits(world)
    client = client_for("coordinator")
    xlsx = client.get(_url(world), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[1]]
    column = header.index("Stage")
    stages = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    assert stages == {"Jelgava": "Mentoring visits", "Capaci": "Needs analysis"}
