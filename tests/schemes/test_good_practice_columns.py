"""The good-practice spreadsheet heads each answer for a city official, in
the language of the export, and reads the files written before: answers
headed by their old names (gp_1…gp_12), by their names, or in either
language."""

import csv
import io

import pytest
import tablib
from django.urls import reverse
from django.utils import translation

from schemes.models import GoodPractice
from schemes.resources_programme import GoodPracticeResource

pytestmark = pytest.mark.django_db


def _headers(client, language):
    # Signed in, the export is in the person's language (User.language).
    client.post(reverse("set_language"), {"language": language})
    url = reverse("schemes:data_export", args=["inclu-test", "good-practices"])
    response = client.get(url, {"format": "csv"})
    assert response.status_code == 200
    return next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _import(world, headers, *rows, language="en"):
    with translation.override(language):
        resource = GoodPracticeResource(world.programme, by=world.users["coordinator"])
        return resource.import_data(
            tablib.Dataset(*rows, headers=headers), dry_run=False
        )


def _assert_clean(result):
    assert not result.has_errors(), [e.error for e in result.base_errors]
    assert not result.has_validation_errors(), [
        r.validation_error for r in result.invalid_rows
    ]


def test_an_english_export_heads_answers_with_their_id_and_question(world, client_for):
    headers = _headers(client_for("coordinator"), "en")
    assert headers[:3] == [
        "city",
        "GP-1 Name of the good practice",
        "GP-2 Where is it? City / geographical area",
    ]
    assert "GP-12 More information" in headers
    assert not {"gp_1", "gp_12", "title", "links"} & set(headers)


def test_a_latvian_export_heads_answers_in_latvian(world, client_for):
    headers = _headers(client_for("coordinator"), "lv")
    assert "GP-1 Labās prakses nosaukums" in headers
    assert "GP-12 Sīkāka informācija" in headers
    assert "GP-1 Name of the good practice" not in headers


def test_a_file_written_before_the_answers_were_named_still_imports(world):
    result = _import(
        world,
        ["city", "gp_1", "gp_4", "gp_12", "is_public"],
        ["jelgava", "Night school", "Adults work by day", "https://example.org", 1],
    )
    _assert_clean(result)
    practice = GoodPractice.objects.get(title="Night school")
    assert practice.city == world.mentee_city
    assert practice.rationale == "Adults work by day"
    assert practice.link_list() == ["https://example.org"]


@pytest.mark.parametrize(
    "language, headers",
    [
        # The field's name now.
        ("en", ["city", "title", "rationale"]),
        # Headers of a Latvian export, read by an English interface…
        (
            "en",
            ["city", "GP-1 Labās prakses nosaukums", "GP-4 Konteksts un pamatojums"],
        ),
        # …and the other way round, typed with other spaces and case.
        (
            "lv",
            ["city", "gp-1  name of the good practice", " GP-4 Context and rationale"],
        ),
        # The template ids alone.
        ("lv", ["city", "GP-1", "GP-4"]),
    ],
)
def test_answers_are_read_by_any_of_their_headers(world, language, headers):
    result = _import(
        world,
        headers,
        ["jelgava", "Night school", "Adults work by day"],
        language=language,
    )
    _assert_clean(result)
    practice = GoodPractice.objects.get(title="Night school")
    assert practice.rationale == "Adults work by day"


def test_a_latvian_export_updates_the_same_practices_from_an_english_page(world):
    with translation.override("lv"):
        exported = GoodPracticeResource(
            world.programme, by=world.users["coordinator"]
        ).export()
    before = GoodPractice.objects.count()
    result = _import(world, exported.headers, *exported, language="en")
    _assert_clean(result)
    assert GoodPractice.objects.count() == before
    assert {row.import_type for row in result.rows} == {"update"}


def test_an_answers_error_names_its_column(world):
    result = _import(world, ["city", "gp_1", "gp_2"], ["jelgava", "Cafe", "x" * 301])
    [row] = result.rows
    assert set(row.validation_error.message_dict) == {
        "GP-2 Where is it? City / geographical area"
    }
    assert not GoodPractice.objects.filter(title="Cafe").exists()


def test_a_file_without_the_practices_name_is_refused_naming_its_column(world):
    result = _import(world, ["city", "gp_4"], ["jelgava", "Adults work by day"])
    [error] = result.base_errors
    assert "GP-1 Name of the good practice" in str(error.error)
