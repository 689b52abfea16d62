"""A scheme of three cities, from its set-up to its approved plan.

CEMR's coordinator sets up a community of practice in IncluCities: Jelgava
convenes it, Schaerbeek and Mechelen are its peers. The scheme page names
each city's role, lists a local support group for each, and the method's
visits go round the three cities. Schaerbeek's officer, a peer, adds an
action to the group's plan; Jelgava's submits it to the council; the
coordinator records the council's approval. The tracker follows each step
(the plan submitted, then approved, then its implementation) with nobody in
``/admin/``. Keyboard only, every page scanned with axe, in English and
Latvian.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import formats, translation

from schemes.models import PlanStatus, Scheme
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Jelgava, Mechelen, Schaerbeek"
ACTION = "Kopīgs jaunpienācēju valodas kursu kalendārs"
DECISION_DATE = datetime.date(2026, 5, 25)
SUBMITTED_AT = datetime.datetime(2026, 5, 2, 9, tzinfo=datetime.UTC)
REFERENCE = "Nr. 9/3"


def _current_step(journey):
    tracker = journey.page.get_by_role("list", name=journey.t("Steps of the method"))
    return tracker.locator('[aria-current="step"]')


@pytest.mark.parametrize("language", ["en", "lv"])
def test_a_community_of_three_cities_goes_from_set_up_to_an_approved_plan(
    browser, live_server, language
):
    call_command("load_demo", verbosity=0)
    journey = Journey(browser, live_server, language)
    page, keys, t = journey.page, journey.keys, journey.t

    # --- The coordinator sets the community up -----------------------------------
    journey.sign_in("coordinator@incluportal.test")
    journey.menu(t("Programmes"))
    journey.follow(page.get_by_role("link", name="IncluCities"))
    journey.follow(page.get_by_role("link", name=t("New scheme")))
    form = page.locator("main form")
    keys.choose(
        form.get_by_role(
            "radio", name=t("Community of practice: a group of peer cities")
        )
    )
    keys.select(journey.field("Mentee city, or the convening city"), "Jelgava")
    for peer in ("Schaerbeek", "Mechelen"):
        keys.check(form.get_by_role("checkbox", name=peer))
    journey.follow(form.get_by_role("button", name=t("Create the scheme")))
    assert page.get_by_text(
        t("The scheme is created, with its documents.")
    ).is_visible()
    assert page.get_by_role("heading", name=TITLE).is_visible()
    scheme = Scheme.objects.get(
        programme__slug="inclucities", slug="jelgava-mechelen-schaerbeek"
    )
    assert scheme.is_peer_group
    assert [city.slug for city in scheme.cities] == [
        "jelgava",
        "mechelen",
        "schaerbeek",
    ]
    # Each city's role, and a support group for each.
    assert page.get_by_text(t("Convening city"), exact=True).is_visible()
    assert page.get_by_text(t("Peer city"), exact=True).count() == 2
    for city in ("Jelgava", "Schaerbeek", "Mechelen"):
        group = f"{t('Local support group')}: {city}"
        assert page.get_by_role("link", name=re.compile(re.escape(group))).is_visible()
    # The method's three visits go round the cities.
    assert [v.host_city.slug for v in scheme.visits.order_by("order")] == [
        "jelgava",
        "mechelen",
        "schaerbeek",
    ]
    assert (
        _current_step(journey).get_by_text(t("Needs analysis submitted")).is_visible()
    )
    journey.finish()

    # --- A peer writes in the group's plan ----------------------------------------
    journey = Journey(browser, live_server, language)
    page, keys, t = journey.page, journey.keys, journey.t
    journey.sign_in("schaerbeek@incluportal.test")
    journey.follow(page.get_by_role("link", name=TITLE))
    journey.follow(page.get_by_role("link", name=re.compile("^" + t("Action plan"))))
    add_form = page.get_by_role("region", name=t("Add an action"))
    for label, text in {
        "Actions": ACTION,
        "Results": "Viens kalendārs trīs pilsētās",
        "Timeline": "03/2026",
        "Who leads?": "Schaerbeek",
    }.items():
        keys.type(journey.field(label, within=add_form), text)
    keys.press(add_form.get_by_role("button", name=t("Add the action")))
    page.locator("#plan-rows tr.plan-row").first.get_by_text(ACTION).wait_for()
    journey.arrived(f"{page.url} (editor)")
    journey.finish()

    # --- The convening city submits it to the council -----------------------------
    journey = Journey(browser, live_server, language)
    page, keys, t = journey.page, journey.keys, journey.t
    journey.sign_in("jelgava@incluportal.test")
    journey.follow(page.get_by_role("link", name=TITLE))
    journey.follow(page.get_by_role("link", name=re.compile("^" + t("Action plan"))))
    assert page.get_by_text(ACTION).is_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    journey.follow(
        page.get_by_role(
            "button", name=t("Submit version %(number)s to the council", number=1)
        )
    )
    plan = scheme.action_plan
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    # The council met on DECISION_DATE, after the version went to it (a
    # decision older than the version is refused): the version is dated so.
    plan.versions.filter(number=1).update(frozen_at=SUBMITTED_AT)
    journey.visit(scheme.get_absolute_url())
    # The plan is submitted: the council's approval comes next.
    assert _current_step(journey).get_by_text(t("Plan approved")).is_visible()
    journey.finish()

    # --- The coordinator records the council's approval ---------------------------
    journey = Journey(browser, live_server, language)
    page, keys, t = journey.page, journey.keys, journey.t
    journey.sign_in("coordinator@incluportal.test")
    journey.visit(plan.get_absolute_url())
    keys.date(journey.field("Date of the council's decision"), DECISION_DATE)
    keys.type(journey.field("Reference of the decision"), REFERENCE)
    journey.follow(page.get_by_role("button", name=t("Record the approval")))
    assert page.get_by_text(t("The approval is recorded.")).is_visible()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    journey.visit(scheme.get_absolute_url())
    current = _current_step(journey)
    assert current.get_by_text(t("Implementation under way")).is_visible()
    tracker = page.get_by_role("list", name=t("Steps of the method"))
    approved = tracker.get_by_role("listitem").filter(has_text=t("Plan approved"))
    with translation.override(language):
        shown_day = formats.date_format(DECISION_DATE, "DATE_FORMAT")
    assert approved.get_by_text(shown_day).is_visible()
    journey.follow(page.get_by_role("link", name="IncluCities").first)
    journey.follow(page.get_by_role("link", name=t("Dashboard"), exact=True))
    # The dashboard shows the group at its stage (the phase's name).
    row = page.get_by_role("row").filter(has_text=TITLE)
    assert row.get_by_role("cell", name=t("Implementation"), exact=True).is_visible()
    journey.finish()
