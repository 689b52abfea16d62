"""A PDF of a document not yet final says so on every page; emoji and flags
print from a colour emoji font, never as empty boxes."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from incluportal import pdf as pdf_module
from schemes.models import (
    ActionPlan,
    GoodPractice,
    NeedsAnalysis,
    SelfAssessment,
    Visit,
)
from schemes.work.models.scope import Scope
from schemes.work.services import self_assessments as services

pytestmark = pytest.mark.django_db

MARK_EN = "DRAFT: not the final version"
MARK_LV = "MELNRAKSTS: nav galīgā versija"


def _reader(client, assessment):
    response = client.get(reverse("schemes:assessment_pdf", args=[assessment.pk]))
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _pages(reader):
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _fonts(reader):
    return {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def _rate_all(assessment, by, note):
    services.self_assessment_save(
        assessment=assessment,
        ratings={
            r.key_factor_id: {"level": 2, "note": note, "evidence": ""}
            for r in assessment.ratings.all()
        },
        answers={},
        by=by,
    )


def test_a_draft_is_marked_on_every_page(world, client_for):
    # Long notes: the draft runs over several pages.
    _rate_all(world.assessment, world.users["mentee"], "Valodas kursi. " * 300)
    client = client_for("mentee")
    pages = _pages(_reader(client, world.assessment))
    assert len(pages) > 2
    assert all(MARK_EN in page for page in pages)
    client.post(reverse("set_language"), {"language": "lv"})
    pages = _pages(_reader(client, world.assessment))
    assert all(MARK_LV in page for page in pages)


def test_a_final_document_is_not_marked(world, client_for, frozen_day):
    mentee = world.users["mentee"]
    _rate_all(world.assessment, mentee, "")
    services.self_assessment_submit(assessment=world.assessment, by=mentee)
    text = " ".join(_pages(_reader(client_for("mentee"), world.assessment)))
    assert "Self-assessment of Jelgava" in text
    assert "DRAFT" not in text


@pytest.mark.parametrize(
    ("model", "status", "draft"),
    [
        (NeedsAnalysis, "draft", True),
        (NeedsAnalysis, "submitted", True),
        (NeedsAnalysis, "returned", True),
        (NeedsAnalysis, "approved", False),
        (GoodPractice, "submitted", True),
        (GoodPractice, "approved", False),
        (ActionPlan, "draft", True),
        (ActionPlan, "submitted", True),
        (ActionPlan, "approved", False),
        (SelfAssessment, "draft", True),
        (SelfAssessment, "submitted", False),  # nobody reviews it: final
        (Scope, "draft", True),
        (Scope, "agreed", False),
    ],
)
def test_a_document_is_a_draft_until_its_pipeline_is_done(model, status, draft):
    assert pdf_module.is_draft(model(status=status)) is draft


def test_a_visit_is_never_a_draft():
    assert pdf_module.is_draft(Visit()) is False


def test_other_kinds_pdfs_are_marked_too(world, client_for):
    """The needs analysis, a draft, says so; the visit report never does."""
    client = client_for("mentee")
    needs = client.get(reverse("schemes:needs_analysis_pdf", args=[world.scheme.pk]))
    pages = _pages(PdfReader(io.BytesIO(needs.content)))
    assert all(MARK_EN in page for page in pages)
    visit = world.scheme.visits.first()
    report = client.get(reverse("schemes:visit_pdf", args=[world.scheme.pk, visit.pk]))
    assert "DRAFT" not in " ".join(_pages(PdfReader(io.BytesIO(report.content))))


def test_emoji_and_flags_print_from_the_colour_emoji_font(world, client_for):
    client = client_for("mentee")
    # Without emoji, no emoji font: digits and punctuation stay in DejaVu.
    _rate_all(world.assessment, world.users["mentee"], "Kursi 2025. gadā: 12 grupas")
    assert not any(
        "Emoji" in font for font in _fonts(_reader(client, world.assessment))
    )
    _rate_all(world.assessment, world.users["mentee"], "Paldies 🙂 🇱🇻 🇧🇪")
    reader = _reader(client, world.assessment)
    assert any("Noto-Color-Emoji" in font for font in _fonts(reader))
    # The emoji are text, as written (no .notdef box in their place).
    assert "🙂" in " ".join(_pages(reader))
    assert "🇱🇻" in " ".join(_pages(reader))


def test_a_draft_action_plan_is_marked_on_every_page(world, client_for):
    response = client_for("mentee").get(
        reverse("schemes:action_plan_pdf", args=[world.scheme.pk])
    )
    pages = _pages(PdfReader(io.BytesIO(response.content)))
    assert world.scheme.action_plan.status == "draft"
    assert pages and all(MARK_EN in page for page in pages)
