"""The self-assessment PDF shows what its page shows, and lays out cleanly."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from incluportal import pdf as pdf_module
from schemes.pdfs_self_assessment import assessment_context
from schemes.work.services import self_assessments as services
from tests import factories

pytestmark = pytest.mark.django_db


def _text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def _rate(assessment, by, levels, answer="", note="", evidence=""):
    ratings = {
        r.key_factor_id: {"level": level, "note": note, "evidence": evidence}
        for r, level in zip(
            assessment.ratings.order_by("key_factor__number"), levels, strict=True
        )
    }
    answers = {
        q.pk: answer
        for r in assessment.ratings.all()
        for q in r.key_factor.questions.all()
    }
    services.self_assessment_save(
        assessment=assessment, ratings=ratings, answers=answers, by=by
    )


@pytest.fixture
def final(world, frozen_day):
    mentee = world.users["mentee"]
    _rate(world.assessment, mentee, [0, 1, 2, 3, 1])
    services.self_assessment_submit(assessment=world.assessment, by=mentee)
    final = services.self_assessment_start(
        scheme=world.scheme, city=world.mentee_city, round="final", by=mentee
    )
    _rate(
        final,
        mentee,
        [2, 1, 3, 2, None],
        answer="Kopā ar bibliotēku un NVO",
        evidence="Domes 2025. gada pārskats",
    )
    return final


def test_a_final_assessment_prints_the_baseline_beside_it_and_the_change(
    world, final, client_for
):
    text = _text(
        client_for("mentee").get(reverse("schemes:assessment_pdf", args=[final.pk]))
    )
    assert "Change since the baseline" in text
    for heading in ("Key factor", "Baseline", "Final", "Change in level"):
        assert heading in text
    # Key factor 1 went from 0 to 2, 4 from 3 to 2; 5 is not rated yet.
    assert "0 · Not in place 2 · Partly in place +2" in text
    assert "3 · Fully in place 2 · Partly in place −1" in text
    assert "1 · Emerging not rated —" in text
    # The answers to the guiding questions, under their questions.
    question = world.benchmark.key_factors.get(number=1).questions.first()
    assert question.text in text
    assert "Kopā ar bibliotēku un NVO" in text
    assert "Domes 2025. gada pārskats" in text


def test_a_baseline_prints_its_levels_alone(world, client_for):
    text = _text(
        client_for("mentee").get(
            reverse("schemes:assessment_pdf", args=[world.assessment.pk])
        )
    )
    assert "Levels" in text and "Change since the baseline" not in text


def test_latvian_headings_are_whole_words(world, final, client_for):
    client = client_for("mentee")
    client.post(reverse("set_language"), {"language": "lv"})
    text = _text(client.get(reverse("schemes:assessment_pdf", args=[final.pk])))
    # Each heading whole: none is cut mid-word over two lines ("Pierādī jumi").
    for heading in (
        "Pamata faktors",
        "Sākotnējais",
        "Noslēguma",
        "Līmeņa izmaiņas",
        "Pierādījumi",
    ):
        assert heading in text


def _boxes(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def _boxes_outside_tables(box):
    yield box
    for child in getattr(box, "children", []):
        if getattr(child, "element_tag", None) != "table":
            yield from _boxes_outside_tables(child)


@pytest.mark.parametrize("language", ["en", "lv"])
def test_no_row_or_heading_is_left_alone_on_a_page(world, language):
    """40 key factors with long answers: the levels table and the texts run
    over several pages, and no page ends on a heading or holds a lone row."""
    from weasyprint import HTML

    benchmark = factories.benchmark_with_factors(count=40, slug="long")
    scheme = factories.SchemeFactory(
        programme=world.programme,
        theme=benchmark.theme,
        benchmark=benchmark,
        mentee_city=world.mentee_city,
    )
    assessment = services.self_assessment_start(
        scheme=scheme,
        city=world.mentee_city,
        round="baseline",
        by=world.users["mentee"],
    )
    _rate(
        assessment,
        world.users["mentee"],
        [n % 4 for n in range(40)],
        answer="Valodas kursi notiek divreiz nedēļā pilsētas bibliotēkā. " * 6,
        note="Pierādījumi ir pašvaldības pārskatā. " * 4,
    )
    with translation.override(language):
        html = pdf_module.render_html(
            "pdf/document.html",
            {
                **assessment_context(assessment),
                "body_template": "pdf/_self_assessment_body.html",
                "title": "Self-assessment",
            },
        )
    document = HTML(string=html, base_url=pdf_module.BASE_URL).render()
    assert len(document.pages) > 5
    level_rows = []
    for page in document.pages:
        boxes = list(_boxes(page._page_box))
        levels = {
            box
            for box in boxes
            if getattr(box, "element_tag", None) == "table"
            and "levels" in box.element.get("class", "")
        }
        level_rows.append(
            len(
                {
                    row.element
                    for table in levels
                    for group in table.children
                    if getattr(group, "element_tag", None) == "tbody"
                    for row in group.children
                }
            )
        )
        blocks = [
            box
            for box in _boxes_outside_tables(page._page_box)
            if getattr(box, "element_tag", None) in ("h2", "h3", "dt", "dd", "p")
        ]
        if page is not document.pages[-1] and blocks:
            assert blocks[-1].element_tag in ("dd", "p"), (
                f"a page ends on its {blocks[-1].element_tag}: "
                f"{getattr(blocks[-1], 'text', '')[:40]}"
            )
    assert sum(level_rows) == 40
    assert level_rows.count(1) == 0, level_rows


def test_the_levels_table_leaves_no_row_alone_on_a_page():
    """20 rows of two lines: without the rule, the 20th went alone to page
    2 ([19, 1]); with it, the last two go together ([18, 2])."""
    from types import SimpleNamespace

    from weasyprint import HTML

    title = "Valodas apguves atbalsts pielāgots laikam un vietai "
    rows = [
        {
            "rating": SimpleNamespace(
                key_factor=SimpleNamespace(number=n, title=title * (1 + n % 2)),
                note="",
                evidence="",
            ),
            "level": "2 · Daļēji ieviests",
            "baseline": "",
            "change": "",
            "answers": [],
        }
        for n in range(1, 21)
    ]
    assessment = SimpleNamespace(
        city=SimpleNamespace(name="Jelgava"),
        benchmark=SimpleNamespace(title="Valodas apguve"),
        get_round_display="Baseline",
        get_status_display="Submitted",
        submitted_at=None,
    )
    html = pdf_module.render_html(
        "pdf/document.html",
        {
            "assessment": assessment,
            "rows": rows,
            "chart": None,
            "baseline": None,
            "body_template": "pdf/_self_assessment_body.html",
            "title": "Self-assessment",
        },
    )
    document = HTML(string=html, base_url=pdf_module.BASE_URL).render()
    per_page = []
    for page in document.pages:
        tables = [
            box
            for box in _boxes(page._page_box)
            if getattr(box, "element_tag", None) == "table"
            and "levels" in box.element.get("class", "")
        ]
        per_page.append(
            len(
                {
                    row.element
                    for table in tables
                    for group in table.children
                    if getattr(group, "element_tag", None) == "tbody"
                    for row in group.children
                }
            )
        )
    assert sum(per_page) == 20 and len([n for n in per_page if n]) > 1, per_page
    assert 1 not in per_page, per_page
