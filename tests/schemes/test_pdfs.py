"""The PDF exports, read back with pypdf."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from incluportal import pdf as pdf_module
from schemes import services

pytestmark = pytest.mark.django_db

HEADINGS_EN = [
    "Actions",
    "Results",
    "Timeline",
    "Who leads?",
    "Resources and partners",
    "Success evaluation",
]
HEADINGS_LV = [
    "Darbības",
    "Rezultāti",
    "Termiņš",
    "Kurš vada?",
    "Resursi un partneri",
    "Panākumu novērtēšana",
]


def _text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # Cells wrap their text over lines: compare with single spaces.
    return reader, " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


@pytest.fixture
def approved_plan(frozen_day, world):
    plan = world.scheme.action_plan
    plan.versions.all().delete()
    plan.rows.all().delete()
    plan.version = 3
    plan.save()
    mentee = world.users["mentee"]
    for i in range(12):
        services.row_create(
            plan=plan,
            values={
                "action": f"Latviešu valodas kursi pieaugušajiem Nr. {i + 1}",
                "results": "Dalībnieki runā latviski; ĀČĒĢĪĶĻŅŠŪŽ",
                "start": datetime.date(2024, 3, 1),
                "start_precision": "month",
                "end": datetime.date(2024, 6, 30),
                "end_precision": "month",
                "leads": "Jelgavas izglītības pārvalde",
                "resources": "Skolotāji, bibliotēkas",
                "success": "200 dalībnieku gadā",
            },
            by=mentee,
        )
    services.action_plan_submit(plan=plan, by=mentee)
    # Sent to the council before it decided (the decision's date is checked).
    plan.versions.update(
        frozen_at=datetime.datetime(2023, 5, 2, 9, tzinfo=datetime.UTC)
    )
    services.action_plan_approve(
        plan=plan,
        by=world.users["coordinator"],
        decision_date=datetime.date(2023, 5, 25),
        decision_reference="Nr. 7/12",
    )
    return plan


def test_the_action_plan_pdf_is_council_ready(world, approved_plan, client_for):
    response = client_for("mentee").get(
        reverse("schemes:action_plan_version_pdf", args=[world.scheme.pk, 3])
    )
    assert 'filename="action-plan-jelgava-v3.pdf"' in response["Content-Disposition"]
    reader, text = _text(response)
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)  # landscape
    assert len(reader.pages) >= 2
    for heading in HEADINGS_EN:
        assert heading in text
    for i in range(12):
        assert f"Latviešu valodas kursi pieaugušajiem Nr. {i + 1}" in text
    assert "ĀČĒĢĪĶĻŅŠŪŽ" in text
    assert f"page 1 of {len(reader.pages)}" in text
    assert "DRAFT" not in text  # approved by the council: final
    assert "version 3, 02/05/2023" in text  # the day it went to the council
    assert "Mar 2024 – Jun 2024" in text  # the timeline, in the one style
    assert "Approval" in text and "Signature" in text
    assert (
        "Approved by the municipal council of Jelgava on 25/05/2023, decision Nr. 7/12."
    ) in text
    # The heading row repeats on every page.
    for page in reader.pages[:-1]:
        assert "Success evaluation" in " ".join(page.extract_text().split())


def test_the_action_plan_pdf_in_latvian(world, approved_plan, client_for):
    client = client_for("mentee")
    client.post(reverse("set_language"), {"language": "lv"})
    response = client.get(reverse("schemes:action_plan_pdf", args=[world.scheme.pk]))
    reader, text = _text(response)
    for heading in HEADINGS_LV:
        assert heading in text
    assert f"1. lapa no {len(reader.pages)}" in text
    assert "Apstiprināšana" in text and "Paraksts" in text
    # The running footer dates the version as Latvian pages do (dd.mm.yyyy,
    # with leading zeros), and a month of the timeline in the same style.
    assert "3. versija, 06.03.2026" in text
    assert "2024. gada marts – jūnijs" in text
    # The council's decision, as a sentence.
    assert (
        "Apstiprināts ar pašvaldības domes 25.05.2023. lēmumu Nr. 7/12 (Jelgava)."
    ) in text


HEADINGS_FR = [
    "Résultats",
    "Calendrier",
    "Pilote",
    "Ressources et partenaires",
    "Évaluation du succès",
]


def test_the_action_plan_pdf_in_french(world, approved_plan, client_for):
    client = client_for("mentee")
    client.post(reverse("set_language"), {"language": "fr"})
    response = client.get(reverse("schemes:action_plan_pdf", args=[world.scheme.pk]))
    reader, text = _text(response)
    for heading in HEADINGS_FR:
        assert heading in text
    for heading in ("Who leads?", "Success evaluation", "Timeline"):
        assert heading not in text
    assert f"page 1 sur {len(reader.pages)}" in text
    assert "Approbation" in text and "Signature" in text
    # French dates (07/12 style, two digits), a timeline in French months.
    assert "version 3, 06/03/2026" in text
    assert "mars 2024 – juin 2024" in text
    assert (
        "Approuvé par le conseil municipal de Jelgava le 25/05/2023, décision Nr. 7/12."
    ) in text


def test_user_text_is_escaped_and_the_fetcher_asks_for_static_files_only(
    world, client_for, monkeypatch
):
    asked = []
    real = pdf_module._static_path

    def spy(url):
        asked.append(url)
        return real(url)

    monkeypatch.setattr(pdf_module, "_static_path", spy)
    plan = world.scheme.action_plan
    services.row_create(
        plan=plan,
        values={
            "action": '<img src="file:///etc/passwd"> and <a href="http://127.0.0.1:9/">x</a>',
            "results": '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
            "leads": "Δήμος Λεβαδέων; Saint-Jean-de-la-Ruelle, élus; Jelgavas dome",
        },
        by=world.users["mentee"],
    )
    response = client_for("mentee").get(
        reverse("schemes:action_plan_pdf", args=[world.scheme.pk])
    )
    _reader, text = _text(response)
    assert '<img src="file:///etc/passwd">' in text
    # The fonts cover Greek, French and Latvian.
    assert "Δήμος Λεβαδέων" in text and "élus" in text and "Jelgavas" in text
    assert all(url.startswith("https://incluportal.invalid/static/") for url in asked)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://incluportal.invalid/static/../../settings.py",
        "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=",
        "https://example.org/static/incluportal/css/portal.css",
    ],
)
def test_the_fetcher_refuses_everything_but_static_files(url):
    with pytest.raises(pdf_module.RefusedResource):
        pdf_module.make_fetcher().fetch(url)


def test_the_fetcher_serves_a_static_file():
    response = pdf_module.make_fetcher().fetch(
        "https://incluportal.invalid/static/incluportal/css/portal.css"
    )
    assert b".portal-navbar" in response.read()


def test_page_counters_follow_the_translation():
    assert pdf_module.page_counter_css("page %(page)s of %(pages)s") == (
        '"page " counter(page) " of " counter(pages)'
    )
    assert pdf_module.page_counter_css("%(page)s. lapa no %(pages)s") == (
        'counter(page) ". lapa no " counter(pages)'
    )


def test_the_needs_analysis_pdf_follows_the_template(world, client_for):
    needs = world.scheme.needs_analysis
    services.document_save(
        document=needs,
        values={"challenges": "Valodas kursu trūkums"},
        by=world.users["mentee"],
    )
    response = client_for("mentee").get(
        reverse("schemes:needs_analysis_pdf", args=[world.scheme.pk])
    )
    _reader, text = _text(response)
    flat = " ".join(text.split())
    assert "Which challenges/problems/needs in integration policy" in flat
    assert "How can mentoring help your project" in flat
    assert "Are there particular problems, sensitive issues" in flat
    # The template's internal codes are ids for exports, not for officials.
    assert "NA-A1" not in text and "LC-6" not in text
    assert "Valodas kursu trūkums" in text
    # Part C is the association's draft: not shown to the mentee city yet.
    assert "Not shared yet" in text


def test_a_draft_stays_out_of_other_readers_pdfs(world, client_for):
    services.document_save(
        document=world.scheme.needs_analysis,
        values={"challenges": "Secret draft"},
        by=world.users["mentee"],
    )
    response = client_for("mentor").get(
        reverse("schemes:needs_analysis_pdf", args=[world.scheme.pk])
    )
    _reader, text = _text(response)
    assert "Secret draft" not in text
    assert "Not shared yet" in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("mentor_profile", "Annex 3"),
        ("good_practice", "Language café"),
        ("visit", "Visit report"),
        ("assessment", "Self-assessment of Jelgava"),
        ("dossier", "Scheme dossier"),
    ],
)
def test_every_document_exports(world, client_for, name, expected):
    urls = {
        "mentor_profile": reverse(
            "schemes:mentor_profile_pdf", args=[world.programme.slug, "schaerbeek"]
        ),
        "good_practice": reverse(
            "schemes:good_practice_pdf", args=[world.public_practice.pk]
        ),
        "visit": reverse(
            "schemes:visit_pdf", args=[world.scheme.pk, world.scheme.visits.first().pk]
        ),
        "assessment": reverse("schemes:assessment_pdf", args=[world.assessment.pk]),
        "dossier": reverse("schemes:scheme_dossier_pdf", args=[world.scheme.pk]),
    }
    _reader, text = _text(client_for("mentee").get(urls[name]))
    assert expected in text


def test_the_self_assessment_pdf_holds_the_radar_chart(world, client_for):
    response = client_for("mentee").get(
        reverse("schemes:assessment_pdf", args=[world.assessment.pk])
    )
    reader, text = _text(response)
    for kf in world.benchmark.key_factors.all():
        assert kf.title in text
    # The chart is vector graphics; its axis numbers are text on the page.
    page_lines = reader.pages[0].extract_text().splitlines()
    assert all(str(n) in page_lines for n in range(1, 6))


def _boxes(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


@pytest.mark.parametrize("language", ["en", "lv", "fr"])
def test_the_plan_table_fits_the_page(world, approved_plan, language):
    """No column of the plan runs off the page's right edge (it did: the
    columns' widths and paddings added up to more than the page)."""
    from django.utils import translation
    from weasyprint import HTML

    from schemes import pdfs

    with translation.override(language):
        html, _ = pdfs.action_plan_html(approved_plan)
    document = HTML(string=html, base_url=pdf_module.BASE_URL).render()
    for page in document.pages:
        page_box = page._page_box
        right_edge = page_box.margin_left + page_box.width  # inside the margin
        tables = [
            box
            for box in _boxes(page_box)
            if getattr(box, "element_tag", None) == "table"
        ]
        assert tables
        for table in tables:
            right = table.position_x + table.margin_width()
            assert right <= right_edge + 0.5, (
                f"a table ends at {right:.0f}px, "
                f"the page's content at {right_edge:.0f}px"
            )
