"""A coordinator's journey through a programme's process.

CEMR's coordinator (coordinator@incluportal.test) creates a programme that
runs the intercultural cities partnership's process (assessment with the
technical partners, ending in a review report; participation, ending in a
strategy; implementation), then adapts it on the programme's Process page:
renames the participation phase, gives it a due date and moves it first.
The programme page lists the phases in their new order, and a scheme's
tracker shows the renamed phase first, with its due date passed. Keyboard
only, every page scanned with axe, in English and Latvian.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import formats, translation

from schemes.models import Organisation, Phase, Programme, Scheme, SchemeCity
from schemes.services import scheme_setup
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = {
    "en": ("Intercultural cities 2027", "Participation and strategy"),
    "lv": ("Starpkultūru pilsētas 2027", "Līdzdalība un stratēģija"),
}
SLUG = "intercultural-2027"
DUE = datetime.date(2025, 6, 30)  # past, whenever the test runs


@pytest.mark.parametrize("language", ["en", "lv"])
def test_the_coordinator_adapts_the_process_of_a_new_programme(
    browser, live_server, language
):
    call_command("load_demo", verbosity=0)
    programme_name, phase_name = NAMES[language]
    journey = Journey(browser, live_server, language)
    page, keys, t = journey.page, journey.keys, journey.t
    journey.sign_in("coordinator@incluportal.test")

    # --- A new programme, with seed 003's process --------------------------------
    journey.menu(t("Programmes"))
    journey.follow(page.get_by_role("link", name=t("New programme")))
    keys.type(journey.language_field("name"), programme_name)
    keys.type(journey.field("short name in addresses"), SLUG)
    keys.choose(
        page.get_by_role(
            "radio", name=t("Assessment, review report, participation, strategy")
        )
    )
    journey.follow(page.get_by_role("button", name=t("Create the programme")))
    assert page.get_by_text(t("The programme is created.")).is_visible()
    phases = page.locator("ol.programme-phases > li")
    assert phases.all_inner_texts() == [
        t("Assessment"),
        t("Participation"),
        t("Implementation"),
    ]

    # --- Its Process page: rename a phase, give it a due date, move it first -----
    journey.follow(page.get_by_role("link", name=t("Process"), exact=True))
    card = page.locator("ol.process-phases > li").nth(1)
    keys.press(card.locator("summary"))
    keys.type(journey.field("name", within=card), phase_name)
    keys.date(journey.field("due date", within=card), DUE)
    journey.follow(card.get_by_role("button", name=t("Save the phase")))
    saved = page.get_by_text(t("The phase is saved."))
    saved.wait_for()  # on the process page, at the phase saved
    assert saved.is_visible()
    journey.follow(
        page.get_by_role("button", name=t("Move “%(name)s” up", name=phase_name))
    )
    headings = page.locator("ol.process-phases h2")
    assert headings.all_inner_texts() == [
        phase_name,
        t("Assessment"),
        t("Implementation"),
    ]
    with translation.override(language):
        shown_due = formats.date_format(DUE, "DATE_FORMAT")
    first = page.locator("ol.process-phases > li").first
    assert first.get_by_text(t("due %(date)s", date=shown_due)).is_visible()

    # --- The programme page and a scheme's tracker follow ------------------------
    journey.follow(page.get_by_role("link", name=programme_name))
    assert phases.all_inner_texts()[0].startswith(phase_name)
    programme = Programme.objects.get(slug=SLUG)
    scheme = Scheme.objects.create(
        programme=programme,
        mentee_city=Organisation.objects.get(slug="riga"),
        slug="riga-jelgava",
    )
    SchemeCity.objects.create(
        scheme=scheme, city=Organisation.objects.get(slug="jelgava")
    )
    scheme_setup(scheme=scheme)
    journey.visit(scheme.get_absolute_url())
    tracker = page.get_by_role("list", name=t("Steps of the method"))
    current = tracker.locator('[aria-current="step"]')
    assert current.get_by_text(phase_name, exact=True).is_visible()
    overdue = re.escape(t("due %(date)s", date=shown_due))
    assert current.get_by_text(re.compile(overdue)).is_visible()

    # --- In the database ---------------------------------------------------------
    assert programme.process == "assessment"
    assert list(
        Phase.objects.filter(programme=programme).values_list("name", "rule", "due_on")
    ) == [
        (phase_name, "deliverables", DUE),
        ("Assessment", "deliverables", None),
        ("Implementation", "marked", None),
    ]
    journey.finish()
