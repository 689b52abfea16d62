"""Form errors are announced and linked to their fields, with the keyboard alone.

A refused form puts the focus on its error summary (a screen reader reads it
out: role="alert" and the focus); Tab reaches the first error's link, and
Enter on it puts the focus in the field. After an htmx swap of the action
plan's new-row form the summary is a live alert and the focus is in the field
to correct. In English and Latvian.
"""

import pytest
from django.core.management import call_command

from schemes.models import Scheme
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_SUMMARY = (
    "() => document.activeElement && "
    "document.activeElement.hasAttribute('data-error-summary')"
)


@pytest.mark.parametrize("language", ["en", "lv"])
def test_errors_take_the_focus_and_lead_to_their_fields(browser, live_server, language):
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    members = scheme.support_group_members.count()
    journey = Journey(browser, live_server, language)
    journey.sign_in("jelgava@incluportal.test")
    page, keys = journey.page, journey.keys

    journey.visit(f"/schemes/{scheme.pk}/support-group/jelgava/add/")
    with page.expect_navigation():
        keys.press(page.get_by_role("button", name=journey.t("Save"), exact=True))
    journey.arrived()
    assert page.evaluate(FOCUSED_SUMMARY), "the summary has the focus"
    summary = page.locator("[data-error-summary]")
    assert journey.t("Please correct the errors below: nothing was saved.") in (
        summary.inner_text()
    )
    page.keyboard.press("Tab")
    first_link = summary.get_by_role("link").first
    assert first_link.evaluate("(el) => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_name"
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    assert scheme.support_group_members.count() == members  # nothing saved

    # An htmx swap: a new action with a month that does not exist.
    journey.visit(f"/schemes/{scheme.pk}/action-plan/")
    rows = scheme.action_plan.rows.count()
    editor = page.locator("#plan-editor")
    keys.type(editor.get_by_label(journey.exact("Actions")).last, "Valodas kafejnīca")
    keys.type(editor.get_by_label(journey.exact("Timeline")).last, "13/2025")
    keys.press(editor.get_by_role("button", name=journey.t("Add the action")))
    summary = page.locator("#plan-editor [data-error-summary]")
    summary.wait_for()
    journey.arrived("action plan, refused row")
    # The summary appears as a live alert (read out as it appears), and the
    # focus is in the field to correct, which the summary links to.
    assert summary.get_attribute("role") == "alert"
    assert summary.get_by_role("link").get_attribute("href") == "#id_timeline"
    assert page.evaluate("() => document.activeElement.id") == "id_timeline"
    assert page.locator("#id_timeline").input_value() == "13/2025"  # nothing lost
    assert scheme.action_plan.rows.count() == rows
    journey.finish()
