"""The action plan as a council reads it, alone and in the scheme dossier
(issue 22, points 1-3): pages read back with pypdf, their sizes, their text
line by line and the dossier's anchors (WeasyPrint writes each section's id
as a named destination)."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from schemes import services
from schemes.models import Level, PlanStatus
from schemes.work.services import self_assessments as assessment_services

pytestmark = pytest.mark.django_db

# Cells a portrait page split in the middle ("Termi/ņš", "03/202/4",
# "bibliotēk/a"): every word here is shorter than the hyphenation limit.
CELLS = {
    "action": "Latviešu valodas kursi pieaugušajiem bibliotēkā",
    "results": "Dalībnieki runā latviski ikdienas situācijās",
    "leads": "Jelgavas pilsētas bibliotēka",
    "resources": "Skolotāji, telpas bibliotēkā, 12 000 EUR",
    "success": "Apmeklējums, dalībnieku aptauja, eksāmeni",
}
SUBMITTED_AT = datetime.datetime(2026, 2, 2, 9, tzinfo=datetime.UTC)


def _reader(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _flat(text):
    return " ".join(text.split())


def _fill(plan, user, rows=14):
    for i in range(rows):
        services.row_create(
            plan=plan,
            values={
                **CELLS,
                "start": datetime.date(2024, 3, 1),
                "start_precision": "month",
                # The last action runs into the next year: the plan's period.
                "end": datetime.date(2025, 6, 30) if i == rows - 1 else None,
                "end_precision": "month" if i == rows - 1 else "day",
            },
            by=user,
        )


def _submitted(world):
    plan = world.scheme.action_plan
    _fill(plan, world.users["mentee"])
    services.action_plan_submit(plan=plan, by=world.users["mentee"])
    plan.versions.filter(number=plan.version).update(frozen_at=SUBMITTED_AT)
    return plan


def _dossier(client_for, world, language):
    client = client_for("coordinator")
    client.post(reverse("set_language"), {"language": language})
    return _reader(
        client.get(reverse("schemes:scheme_dossier_pdf", args=[world.scheme.pk]))
    )


def _is_landscape(page):
    return float(page.mediabox.width) > float(page.mediabox.height)


# --- Point 1: the plan in the dossier ------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading", "words"),
    [
        ("en", "Success evaluation", ["Timeline", "Mar 2024", "bibliotēka"]),
        ("lv", "Panākumu novērtēšana", ["Termiņš", "2024. gada marts", "bibliotēka"]),
    ],
)
def test_the_dossier_prints_the_plan_on_landscape_pages_with_whole_words(
    world, client_for, language, heading, words
):
    _fill(world.scheme.action_plan, world.users["mentee"])
    reader = _dossier(client_for, world, language)
    texts = [page.extract_text() for page in reader.pages]
    plan_pages = [i for i, text in enumerate(texts) if heading in _flat(text)]
    assert len(plan_pages) >= 2  # the table runs over pages
    for i, page in enumerate(reader.pages):
        # The plan's pages in landscape, every other page of the dossier in
        # portrait; no blank page where the orientation changes.
        assert _is_landscape(page) == (i in plan_pages), i
        assert texts[i].strip(), i
    for i in plan_pages:
        text = texts[i]
        # The heading row on each page, and no word of the cells broken over
        # two lines: each occurs whole in the page's text.
        assert heading in _flat(text)
        for word in words[1:]:
            # (A timeline's words are held together by no-break spaces.)
            assert word in _flat(text), (i, word)
        for cell in CELLS.values():
            for word in re.findall(r"\w+", cell):
                assert word in text, (i, word)
    assert words[0] in texts[plan_pages[0]]


def test_a_word_too_long_for_its_column_is_hyphenated_not_cut(world, client_for):
    """A long Latvian word may break only where Latvian hyphenates it, with a
    hyphen at the end of the line."""
    long_word = "starpinstitucionālās"
    plan = world.scheme.action_plan
    services.row_create(
        plan=plan,
        # "Who leads?" is too narrow for it: it is hyphenated there.
        values={
            "action": "x",
            "leads": f"{long_word} {long_word}",
            "success": long_word,
        },
        by=world.users["mentee"],
    )
    reader = _dossier(client_for, world, "lv")
    text = "\n".join(p.extract_text() for p in reader.pages if _is_landscape(p))
    joined = re.sub(r"[-\u2010\u00ad]\s*\n\s*", "", text)
    assert joined.count(long_word) >= 3
    # Hyphenated where Latvian hyphenates it ("starpinstitucio‐nālās"),
    # the hyphen at the end of the line.
    assert re.search(r"starpinstitucio[-\u2010]\s*\n\s*nālās", text)
    # A piece of the word without its hyphen would be a cut, not a hyphenation.
    cut = [
        token
        for token in text.split()
        if token != long_word and len(token) >= 3 and long_word.startswith(token)
    ]
    assert cut == []


# --- Point 2: the action plan's PDF --------------------------------------------------


def test_the_plans_title_names_the_city_theme_and_period(world, client_for):
    plan = _submitted(world)
    response = client_for("mentee").get(
        reverse("schemes:action_plan_pdf", args=[world.scheme.pk])
    )
    reader = _reader(response)
    first = _flat(reader.pages[0].extract_text())
    theme = world.scheme.theme.name
    assert first.startswith(f"Action plan — Jelgava: {theme}, 2024–2025")
    assert plan.status == PlanStatus.SUBMITTED


def test_the_approval_block_stays_with_the_table_and_reads_as_a_sentence(
    world, client_for, frozen_day
):
    plan = _submitted(world)
    services.action_plan_approve(
        plan=plan,
        by=world.users["coordinator"],
        decision_date=datetime.date(2026, 2, 20),
        decision_reference="Nr. 3/15",
    )
    client = client_for("mentee")
    for language, sentence in [
        (
            "en",
            "Approved by the municipal council of Jelgava on 20/02/2026, "
            "decision Nr. 3/15.",
        ),
        ("lv", "Apstiprināts ar pašvaldības domes 20.02.2026. lēmumu Nr. 3/15"),
    ]:
        client.post(reverse("set_language"), {"language": language})
        reader = _reader(
            client.get(reverse("schemes:action_plan_pdf", args=[world.scheme.pk]))
        )
        last = _flat(reader.pages[-1].extract_text())
        assert sentence in last
        # Never alone on its page: the table's last action is with it.
        assert f"{plan.rows.count()} Latviešu valodas kursi" in last


def test_a_plan_awaiting_its_decision_prints_blanks_to_fill_in(world, client_for):
    _submitted(world)
    reader = _reader(
        client_for("coordinator").get(
            reverse("schemes:action_plan_pdf", args=[world.scheme.pk])
        )
    )
    last = _flat(reader.pages[-1].extract_text())
    assert "Approved by the municipal council of Jelgava on ____" in last
    assert "Approved by:" not in last


def test_the_service_refuses_a_decision_older_than_the_version(world, frozen_day):
    plan = _submitted(world)  # submitted on 2 February 2026
    with pytest.raises(ValidationError) as refused:
        services.action_plan_approve(
            plan=plan,
            by=world.users["coordinator"],
            decision_date=datetime.date(2026, 2, 1),
            decision_reference="Nr. 3/15",
        )
    assert "submitted on 02/02/2026" in refused.value.message_dict["decision_date"][0]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.versions.get(number=plan.version).decision_date is None
    # The day it was submitted is a possible day.
    services.action_plan_approve(
        plan=plan,
        by=world.users["coordinator"],
        decision_date=datetime.date(2026, 2, 2),
        decision_reference="Nr. 3/15",
    )


def test_the_form_says_a_decision_cannot_predate_the_version(
    world, client_for, frozen_day
):
    plan = _submitted(world)
    client = client_for("coordinator")
    url = reverse("schemes:action_plan", args=[world.scheme.pk])
    assert 'min="2026-02-02"' in client.get(url).content.decode()
    response = client.post(
        reverse("schemes:action_plan_action", args=[world.scheme.pk, "approve"]),
        {"decision_date": "2025-05-25", "decision_reference": "Nr. 3/15"},
    )
    assert response.status_code == 200  # the form again, with its error
    html = response.content.decode()
    assert "before it was submitted on 02/02/2026" in html
    assert 'id="id_decision_date_error"' in html
    assert 'value="Nr. 3/15"' in html  # what was typed stays
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    # In Latvian too.
    client.post(reverse("set_language"), {"language": "lv"})
    response = client.post(
        reverse("schemes:action_plan_action", args=[world.scheme.pk, "approve"]),
        {"decision_date": "2025-05-25", "decision_reference": "Nr. 3/15"},
    )
    assert "agrāk, nekā tā tika iesniegta (02.02.2026)" in response.content.decode()


def test_a_refused_date_is_shown_on_the_form_not_lost(world, client_for, frozen_day):
    _submitted(world)
    response = client_for("coordinator").post(
        reverse("schemes:action_plan_action", args=[world.scheme.pk, "approve"]),
        {"decision_date": "not a date", "decision_reference": ""},
    )
    assert response.status_code == 200
    assert 'id="id_decision_reference_error"' in response.content.decode()


# --- Point 3: the dossier's contents and stage --------------------------------------


def _assessed(world, round):
    assessment = (
        world.assessment
        if round == "baseline"
        else assessment_services.self_assessment_start(
            scheme=world.scheme,
            city=world.mentee_city,
            round=round,
            by=world.users["mentee"],
        )
    )
    assessment_services.self_assessment_save(
        assessment=assessment,
        ratings={
            r.key_factor_id: {"level": Level.PARTLY, "note": "", "evidence": ""}
            for r in assessment.ratings.all()
        },
        answers={},
        by=world.users["mentee"],
    )
    assessment_services.self_assessment_submit(
        assessment=assessment, by=world.users["mentee"]
    )


def _contents(reader):
    """[(entry, page number)] of the dossier's table of contents."""
    lines = reader.pages[0].extract_text().splitlines()
    entries = []
    for line in lines:
        found = re.match(r"^\s*(\d+)\. (.+?)[\s.]*?\s(\d+)\s*$", line)
        if found and "." * 3 in line:
            entries.append((found.group(2).rstrip(" ."), int(found.group(3))))
    return entries


def test_the_contents_give_the_page_each_section_starts_on(world, client_for):
    _fill(world.scheme.action_plan, world.users["mentee"])
    _assessed(world, "baseline")
    _assessed(world, "final")
    reader = _dossier(client_for, world, "en")
    entries = _contents(reader)
    names = [name for name, _page in entries]
    # The two rounds of Jelgava's self-assessment are told apart.
    assert "Baseline self-assessment of Jelgava" in names
    assert "Final self-assessment of Jelgava" in names
    assert len(set(names)) == len(names)
    # Each number is the page the section's anchor is on.
    starts = {
        name: reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
        if name.startswith("section-")
    }
    assert len(starts) == len(entries) >= 5
    for i, (name, page) in enumerate(entries, start=1):
        assert starts[f"section-{i}"] == page, name
    assert [page for _name, page in entries] == sorted(page for _n, page in entries)
    # The action plan is the last section: its entry points at a landscape page.
    assert entries[-1][0] == "Action plan"
    assert _is_landscape(reader.pages[entries[-1][1] - 1])


def test_the_dossier_shows_the_schemes_real_stage(world, client_for, frozen_day):
    """An approved plan puts the scheme in its implementation, whatever was
    left behind (here the needs analysis, still a draft), as on its page."""
    plan = _submitted(world)
    services.action_plan_approve(
        plan=plan,
        by=world.users["coordinator"],
        decision_date=datetime.date(2026, 2, 20),
        decision_reference="Nr. 3/15",
    )
    reader = _dossier(client_for, world, "en")
    first = _flat(reader.pages[0].extract_text())
    assert "Stage Implementation (as of 06/03/2026)" in first
    assert "Implementation under way: in progress" in first
    assert "Needs analysis submitted: not yet" in first
    page = client_for("coordinator").get(world.scheme.get_absolute_url())
    assert 'aria-current="step"' in page.content.decode()


def test_a_section_not_final_is_marked_as_a_draft_in_the_dossier(
    world, client_for, frozen_day
):
    """The dossier marks the pages of a document not final yet, as its own
    PDF does: the plan sent to the council, until the council approves it."""
    plan = _submitted(world)
    reader = _dossier(client_for, world, "en")
    texts = [_flat(page.extract_text()) for page in reader.pages]
    plan_pages = [i for i, page in enumerate(reader.pages) if _is_landscape(page)]
    assert plan_pages
    assert all("DRAFT: not the final version" in texts[i] for i in plan_pages)
    assert "DRAFT" not in texts[0]  # the dossier's own first page
    services.action_plan_approve(
        plan=plan,
        by=world.users["coordinator"],
        decision_date=datetime.date(2026, 2, 20),
        decision_reference="Nr. 3/15",
    )
    reader = _dossier(client_for, world, "en")
    for page in reader.pages:
        if _is_landscape(page):
            assert "DRAFT" not in page.extract_text()
