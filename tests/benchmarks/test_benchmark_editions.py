"""A change to a benchmark that submitted self-assessments use makes a new
edition: they keep what they were assessed against."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from benchmarks.models import Benchmark, KeyFactor
from schemes.models import Rating
from schemes.work.services import self_assessments as services
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "benchmark,number,title_en,questions_en\n"
NEW_ROWS = 'language-learning,1,Rewritten factor,"A new question?"\n'


def _token(preview):
    context = preview.context
    return context["token"] if context is not None and "token" in context else ""


def _import(client, rows=NEW_ROWS, confirm=True):
    """Upload ``rows`` (and confirm); the preview's response."""
    preview = client.post(
        reverse("benchmarks:benchmark_import"),
        {
            "import_file": SimpleUploadedFile("f.csv", (HEADER + rows).encode()),
            "format": "csv",
        },
    )
    if confirm:
        client.post(
            reverse("benchmarks:benchmark_import"),
            # The confirmation names the previewed file (none: a refused file).
            {"confirm": "1", "token": _token(preview)},
        )
    return preview


def _submit(assessment, by, level=2):
    Rating.objects.filter(assessment=assessment).update(level=level)
    return services.self_assessment_submit(assessment=assessment, by=by)


@pytest.fixture
def submitted(world):
    """The mentee's baseline, submitted against edition 1."""
    kf = world.benchmark.key_factors.get(number=1)
    kf.title_en = "Original factor"
    kf.save()
    return _submit(world.assessment, world.users["mentee"])


def test_an_import_into_a_benchmark_used_by_a_submitted_assessment_makes_a_new_edition(
    world, client_for, submitted
):
    _import(client_for("coordinator"))

    earlier = Benchmark.objects.get(edition_of=world.benchmark)
    world.benchmark.refresh_from_db()
    submitted.refresh_from_db()
    assert (earlier.edition, world.benchmark.edition) == (1, 2)
    assert submitted.benchmark == earlier
    assert {r.key_factor.benchmark_id for r in submitted.ratings.all()} == {earlier.pk}
    assert earlier.key_factors.get(number=1).title_en == "Original factor"
    assert earlier.key_factors.count() == 5
    # The benchmark itself, at its address, is the newest edition.
    assert world.benchmark.key_factors.get(number=1).title_en == "Rewritten factor"
    assert world.scheme.benchmark == world.benchmark


def test_the_old_assessments_page_still_shows_the_old_key_factors(
    world, client_for, submitted
):
    _import(client_for("coordinator"))
    html = client_for("mentee").get(submitted.get_absolute_url()).content.decode()
    assert "Original factor" in html
    assert "Rewritten factor" not in html


def test_the_old_assessments_pdf_still_shows_the_old_key_factors(
    world, client_for, submitted
):
    _import(client_for("coordinator"))
    response = client_for("mentee").get(
        reverse("schemes:assessment_pdf", args=[submitted.pk])
    )
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Original factor" in text
    assert "Rewritten factor" not in text


def test_a_benchmark_no_submitted_assessment_uses_is_changed_in_place(
    world, client_for
):
    _import(client_for("coordinator"))
    assert not Benchmark.objects.filter(edition_of=world.benchmark).exists()
    world.benchmark.refresh_from_db()
    assert world.benchmark.edition == 1
    # The draft rates the benchmark as it is now.
    assert (
        world.assessment.ratings.get(key_factor__number=1).key_factor.title_en
        == "Rewritten factor"
    )


def test_a_preview_makes_no_edition(world, client_for, submitted):
    _import(client_for("coordinator"), confirm=False)
    assert not Benchmark.objects.filter(edition_of=world.benchmark).exists()


def test_new_assessments_use_the_newest_edition(world, client_for, submitted):
    _import(client_for("coordinator"))
    final = services.self_assessment_start(
        scheme=world.scheme,
        city=world.mentee_city,
        round="final",
        by=world.users["mentee"],
    )
    assert final.benchmark == world.benchmark
    html = client_for("mentee").get(reverse("schemes:assessment_edit", args=[final.pk]))
    assert "Rewritten factor" in html.content.decode()


def test_the_final_round_compares_with_a_baseline_of_an_earlier_edition(
    world, client_for, submitted
):
    _import(client_for("coordinator"))
    final = services.self_assessment_start(
        scheme=world.scheme,
        city=world.mentee_city,
        round="final",
        by=world.users["mentee"],
    )
    _submit(final, world.users["mentee"], level=3)
    response = client_for("mentee").get(final.get_absolute_url())
    assert "Change since the baseline" in response.content.decode()
    # Matched by key factor number: both rounds are drawn on every axis.
    rows = response.context["chart_rows"]
    assert [levels for _, levels in rows] == [[3, 2]] * 5


def test_each_edition_shows_its_number_and_links_to_the_others(
    world, client_for, submitted
):
    _import(client_for("coordinator"))
    earlier = Benchmark.objects.get(edition_of=world.benchmark)
    client = client_for("mentor")
    current = client.get(world.benchmark.get_absolute_url()).content.decode()
    assert earlier.get_absolute_url() in current
    old = client.get(earlier.get_absolute_url()).content.decode()
    assert "This is an earlier edition" in old
    assert world.benchmark.get_absolute_url() in old
    assert "Original factor" in old


def test_only_the_current_editions_are_listed_and_importable(
    world, client_for, submitted
):
    _import(client_for("coordinator"))
    earlier = Benchmark.objects.get(edition_of=world.benchmark)
    client = client_for("coordinator")
    listing = client.get(reverse("benchmarks:benchmark_list")).content.decode()
    assert earlier.get_absolute_url() not in listing
    preview = _import(client, f"{earlier.slug},1,Rewriting the past,\n")
    assert "is an earlier edition" in preview.content.decode()
    assert earlier.key_factors.get(number=1).title_en == "Original factor"


def test_a_change_in_the_admin_makes_a_new_edition_too(world, client, submitted):
    editor = factories.UserFactory(email="editor@example.org", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["change_benchmark", "change_keyfactor", "view_keyfactor"]
        )
    )
    client.force_login(editor)
    kf = world.benchmark.key_factors.get(number=1)
    client.post(
        reverse("admin:benchmarks_keyfactor_change", args=[kf.pk]),
        {
            "benchmark": world.benchmark.pk,
            "number": 1,
            "title_en": "Edited in the admin",
            "title_lv": "",
            "why_and_how_en": "",
            "why_and_how_lv": "",
            "practical_tips_en": "",
            "practical_tips_lv": "",
            "questions-TOTAL_FORMS": 0,
            "questions-INITIAL_FORMS": 0,
            "examples-TOTAL_FORMS": 0,
            "examples-INITIAL_FORMS": 0,
        },
    )
    assert KeyFactor.objects.get(pk=kf.pk).title_en == "Edited in the admin"
    submitted.refresh_from_db()
    assert submitted.benchmark.edition_of == world.benchmark
    assert submitted.benchmark.key_factors.get(number=1).title_en == "Original factor"


def test_the_history_of_a_moved_assessment_names_the_edition_it_was_assessed_against(
    world, client_for, submitted
):
    _import(client_for("coordinator"))
    earlier = Benchmark.objects.get(edition_of=world.benchmark)
    factors = set(earlier.key_factors.values_list("pk", flat=True))
    records = list(submitted.history.all())
    assert records
    for record in records:
        assert record.benchmark_id == earlier.pk
        assert {r["key_factor"] for r in record.children["ratings"]} <= factors


def test_matching_still_reads_a_self_assessment_of_an_earlier_edition(
    world, client_for
):
    from schemes.coordination.matching import gaps_of

    Rating.objects.filter(assessment=world.assessment).update(level=0)
    Rating.objects.filter(assessment=world.assessment, key_factor__number=1).update(
        level=3
    )
    services.self_assessment_submit(
        assessment=world.assessment, by=world.users["mentee"]
    )
    _import(client_for("coordinator"))
    gaps, assessed = gaps_of(world.mentee_city, world.benchmark)
    assert assessed
    assert sorted(kf.number for kf in gaps) == [2, 3, 4, 5]
