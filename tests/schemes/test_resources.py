"""Import and export of cities, associations and programmes by natural keys."""

import pytest
import tablib
from django.core.management import call_command
from import_export.formats.base_formats import CSV

from incluportal import translated
from schemes.models import Association, City, Programme
from schemes.resources import AssociationResource, CityResource, ProgrammeResource

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("loaddata", "demo_programmes", verbosity=0)


@pytest.mark.parametrize(
    ("resource_class", "model", "key"),
    [
        (CityResource, City, "jelgava"),
        (AssociationResource, Association, "lalrg"),
        (ProgrammeResource, Programme, "inclucities"),
    ],
)
def test_export_then_import_round_trips(demo, resource_class, model, key):
    exported = resource_class().export()
    assert "id" not in exported.headers  # natural keys only
    before = model.objects.count()
    snapshot = {row["slug"]: row for row in exported.dict}

    result = resource_class().import_data(exported, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    result = resource_class().import_data(exported, dry_run=False)
    assert not result.has_errors()

    assert model.objects.count() == before
    again = {row["slug"]: row for row in resource_class().export().dict}
    assert again == snapshot


def test_cities_link_associations_by_slug(demo):
    data = tablib.Dataset(
        headers=[
            "slug",
            "name_en",
            "name_lv",
            "country",
            "population",
            "website",
            "associations",
        ]
    )
    data.append(["ventspils", "Ventspils", "Ventspils", "LV", "33000", "", "lalrg"])
    result = CityResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    ventspils = City.objects.get(slug="ventspils")
    assert [a.slug for a in ventspils.associations.all()] == ["lalrg"]
    assert ventspils.kind == "city"


def test_a_bad_row_writes_nothing_and_is_reported_by_row(demo):
    before = City.objects.count()
    data = tablib.Dataset(
        headers=[
            "slug",
            "name_en",
            "name_lv",
            "country",
            "population",
            "website",
            "associations",
        ]
    )
    data.append(["ventspils", "Ventspils", "", "LV", "33000", "", "lalrg"])
    data.append(["liepaja", "Liepāja", "", "LV", "many", "", "lalrg"])
    result = CityResource().import_data(data, dry_run=False, use_transactions=True)
    assert result.has_validation_errors()
    invalid = result.invalid_rows
    assert [row.number for row in invalid] == [2]
    assert "population" in invalid[0].field_specific_errors
    assert City.objects.count() == before
    assert not City.objects.filter(slug="ventspils").exists()


def test_exports_neutralise_spreadsheet_formulas(demo):
    City.objects.filter(slug="jelgava").update(website='=HYPERLINK("http://x")')
    csv_text = CSV().export_data(CityResource().export())
    assert "=HYPERLINK" not in csv_text
    assert 'HYPERLINK(""http://x"")' in csv_text


@pytest.mark.parametrize(
    ("resource_class", "names"),
    [
        (CityResource, ("name", "description")),
        (AssociationResource, ("acronym", "name", "description")),
        (ProgrammeResource, ("name", "funder", "description")),
    ],
)
def test_every_translated_field_has_a_column_per_portal_language(
    demo, resource_class, names
):
    headers = resource_class().export().headers
    expected = [f"{name}_{code}" for name in names for code in translated.codes()]
    assert set(expected) <= set(headers)
    assert "name" not in headers  # only the languages' own columns


def test_a_file_writes_each_languages_text_and_leaves_absent_columns_alone(demo):
    riga = City.objects.get(slug="riga")
    data = tablib.Dataset(
        headers=["slug", "name_en", "country", "description_en", "description_lv"]
    )
    data.append(["riga", "Riga", "LV", "The capital.", "Galvaspilsēta."])
    result = CityResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    riga.refresh_from_db()
    assert (riga.description_en, riga.description_lv) == (
        "The capital.",
        "Galvaspilsēta.",
    )
    assert riga.name_lv == "Rīga"  # no name_lv column: kept
