"""The mentee city's journey: its needs analysis, its self-assessment, the radar.

Jelgava (jelgava@incluportal.test) answers parts A and B of its needs analysis
(Annex 2), rates itself on the key factors of its scheme's benchmark for the
end-of-scheme round (the demo's baseline is submitted) and reads the radar
chart of its answers against the baseline. Keyboard only, every page scanned
with axe; once in English, once in Latvian, once more in Latvian on a
phone, where the navigation is a collapsed menu, and once in French.
"""

import math

import pytest
from django.core.management import call_command
from django.utils import translation

from incluportal import grammar
from schemes.models import (
    AssessmentRound,
    City,
    Level,
    NeedsAnalysis,
    Scheme,
    SelfAssessment,
)
from schemes.work.annexes import LOCAL_CONTEXT_FIELDS, NEEDS_PART_A
from tests.browser.journey import PHONE, Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTIONS = {f.id: f for f in NEEDS_PART_A.fields + LOCAL_CONTEXT_FIELDS}

ANSWERS = {
    "en": {
        "NA-A1": "Newcomers wait months for a place in a Latvian language course.",
        "NA-A3": "Our 2024 survey: half of the newcomers give up learning Latvian.",
        "NA-A4": "How Schaerbeek teaches French through everyday activities.",
        "LC-1": "Arrivals from Ukraine since 2022 tripled the demand for courses.",
        "LC-2a note": "Central Statistical Bureau, 2024",
        "note": "The mayor publicly backs the language courses.",
        "evidence": "Council decision No. 12 of 2024.",
        "question": "The library and two schools offer rooms in the evening.",
    },
    "lv": {
        "NA-A1": "Jaunpienācēji mēnešiem gaida vietu latviešu valodas kursos.",
        "NA-A3": "Mūsu 2024. gada aptauja: puse jaunpienācēju pārtrauc mācības.",
        "NA-A4": "Kā Skārbeka māca franču valodu ikdienas nodarbēs ar iedzīvotājiem.",
        "LC-1": "Kopš 2022. gada ieceļotāji no Ukrainas trīskāršoja kursu skaitu.",
        "LC-2a note": "Centrālā statistikas pārvalde, 2024",
        "note": "Mērs publiski atbalsta latviešu valodas kursus.",
        "evidence": "Domes lēmums Nr. 12, 2024. gads.",
        "question": "Bibliotēka un divas skolas vakaros piedāvā telpas.",
    },
    "fr": {
        "NA-A1": "On attend des mois une place en cours de letton.",
        "NA-A3": "Enquête de 2024 : la moitié des nouveaux venus abandonnent.",
        "NA-A4": "Comment Schaerbeek enseigne le français au quotidien.",
        "LC-1": "Depuis 2022, les arrivées d’Ukraine ont triplé la demande de cours.",
        "LC-2a note": "Bureau central de la statistique, 2024",
        "note": "Le maire soutient publiquement les cours de langue.",
        "evidence": "Délibération du conseil municipal n° 12 de 2024.",
        "question": "La bibliothèque et deux écoles prêtent des salles le soir.",
    },
}
INHABITANTS = 55972

# The final round's level on each of the benchmark's eleven key factors, in
# order (0 not in place … 3 fully in place); the first four are saved as a
# draft before the rest.
LEVELS = [3, 2, 2, 1, 2, 3, 1, 2, 1, 2, 0]
DRAFTED = 4

# benchmarks.charts.radar_svg draws a 420 px chart: centre 210, radius 170,
# and the outer ring is the highest level.
CENTRE, RADIUS, TOP_LEVEL = 210, 170, 3


def radar_levels(points):
    """The level of each vertex of a radar polygon, from its distance to the
    centre."""
    levels = []
    for pair in points.split():
        x, y = (float(n) for n in pair.split(","))
        levels.append(round(math.hypot(x - CENTRE, y - CENTRE) / RADIUS * TOP_LEVEL))
    return levels


@pytest.mark.parametrize(
    "language, viewport",
    [("en", None), ("lv", None), ("lv", PHONE), ("fr", None)],
    ids=["en", "lv", "lv-phone", "fr"],
)
def test_the_mentee_city_analyses_its_needs_and_assesses_itself(
    browser, live_server, language, viewport
):
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.select_related("benchmark").get(
        programme__slug="inclucities", mentee_city__slug="jelgava"
    )
    answers = ANSWERS[language]
    journey = Journey(browser, live_server, language, viewport)
    page, keys, t = journey.page, journey.keys, journey.t
    journey.sign_in("jelgava@incluportal.test")

    # --- Needs analysis, part A -------------------------------------------------
    journey.follow(page.get_by_role("link", name="Jelgava – Schaerbeek"))
    journey.follow(page.get_by_role("link", name=t("Needs analysis, parts A and B")))
    part_a = page.locator("#part-A")
    journey.follow(part_a.get_by_role("link", name=t("Edit this part")))
    for key in ("NA-A1", "NA-A3", "NA-A4"):
        keys.type(page.get_by_label(t(QUESTIONS[key].label)), answers[key])
    journey.follow(page.get_by_role("button", name=t("Save"), exact=True))
    assert page.get_by_text(t("Your answers are saved.")).is_visible()
    for key in ("NA-A1", "NA-A3", "NA-A4"):
        assert part_a.get_by_text(answers[key]).is_visible()

    # --- Part B: the local context, a number with its source --------------------
    part_b = page.locator("#part-B")
    journey.follow(part_b.get_by_role("link", name=t("Edit this part")))
    keys.type(page.get_by_label(t(QUESTIONS["LC-1"].label)), answers["LC-1"])
    keys.type(
        page.get_by_label(t(QUESTIONS["LC-2a"].label), exact=True), str(INHABITANTS)
    )
    keys.type(page.get_by_label(t("Source and year")), answers["LC-2a note"])
    journey.follow(page.get_by_role("button", name=t("Save"), exact=True))
    assert part_b.get_by_text(answers["LC-1"]).is_visible()
    assert part_b.get_by_text(answers["LC-2a note"]).is_visible()

    needs = NeedsAnalysis.objects.get(scheme=scheme)
    assert (needs.challenges, needs.reasons, needs.lessons_sought) == (
        answers["NA-A1"],
        answers["NA-A3"],
        answers["NA-A4"],
    )
    assert needs.migration_trends == answers["LC-1"]
    assert (needs.population, needs.population_note) == (
        INHABITANTS,
        answers["LC-2a note"],
    )
    assert needs.status == "draft"

    # --- Self-assessment: back home through the menu, to the scheme -------------
    journey.menu(t("Home"))
    journey.follow(page.get_by_role("link", name="Jelgava – Schaerbeek"))
    journey.follow(page.get_by_role("link", name=t("Self-assessment")))
    # Latvian names the city in the genitive the demo stores ("Jelgavas").
    with translation.override(language):
        jelgava = grammar.name_genitive(City.objects.get(slug="jelgava"))
    start = t("Start the final self-assessment of %(city)s", city=jelgava)
    journey.follow(page.get_by_role("button", name=start))

    factors = page.locator("fieldset.key-factor")
    assert factors.count() == len(LEVELS)
    level_names = {level.value: t(level.label) for level in Level}
    first = factors.nth(0)
    keys.press(first.locator("summary"))  # opens the guiding questions
    keys.type(first.locator("details textarea").first, answers["question"])
    keys.type(first.get_by_label(t("Note")), answers["note"])
    keys.type(factors.nth(1).get_by_label(t("Evidence")), answers["evidence"])
    for i in range(DRAFTED):
        radio = factors.nth(i).get_by_role(
            "radio", name=level_names[LEVELS[i]], exact=True
        )
        keys.choose(radio)
    journey.follow(page.get_by_role("button", name=t("Save draft")))
    assert page.get_by_text(t("Your draft is saved.")).is_visible()
    assert f"{DRAFTED} / {len(LEVELS)}" in page.locator("main").inner_text()

    assessment = SelfAssessment.objects.get(scheme=scheme, round="final")
    ratings = list(assessment.ratings.order_by("key_factor__number"))
    assert [r.level for r in ratings] == LEVELS[:DRAFTED] + [None] * (
        len(LEVELS) - DRAFTED
    )
    assert ratings[0].note == answers["note"]
    assert ratings[1].evidence == answers["evidence"]
    assert answers["question"] in [a.text for a in ratings[0].answers.all()]
    assert assessment.status == "draft"

    # The draft keeps what was chosen; the rest is rated and submitted.
    factors = page.locator("fieldset.key-factor")
    assert (
        factors.nth(0)
        .get_by_role("radio", name=level_names[LEVELS[0]], exact=True)
        .is_checked()
    )
    for i in range(DRAFTED, len(LEVELS)):
        radio = factors.nth(i).get_by_role(
            "radio", name=level_names[LEVELS[i]], exact=True
        )
        keys.choose(radio)
    journey.follow(page.get_by_role("button", name=t("Save and submit")))
    assert page.get_by_text(t("The self-assessment is submitted.")).is_visible()

    # --- The radar: this round drawn with the levels given, beside the baseline -
    with translation.override(language):
        title = t("Self-assessment: %(benchmark)s", benchmark=str(scheme.benchmark))
        final = f"Jelgava – {t(AssessmentRound.FINAL.label)}"
    figure = page.get_by_role("figure")
    radar = figure.get_by_role("img", name=title)
    assert radar.locator(".radar-axis").count() == len(LEVELS)
    drawn = radar.locator(f'.radar-series[data-series="{final}"]')
    assert radar_levels(drawn.get_attribute("points")) == LEVELS
    assert radar.locator(".radar-series").count() == 2  # and the baseline
    # Its text alternative: the same levels in a table beside it.
    values = figure.get_by_role("table")
    assert values.get_by_role("columnheader").nth(1).inner_text() == final
    assert [
        row.get_by_role("cell").first.inner_text()
        for row in values.locator("tbody").get_by_role("row").all()
    ] == [str(level) for level in LEVELS]
    assert page.get_by_role("heading", name=t("Change since the baseline")).count()
    assert page.get_by_role("heading", name=t("Strengths")).count()
    assert answers["note"] in page.locator("main").inner_text()

    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert [
        r.level for r in assessment.ratings.order_by("key_factor__number")
    ] == LEVELS
    journey.finish()
