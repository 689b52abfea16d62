"""A long answer counts its characters as one types, and tells a screen
reader politely, after a pause, once few are left (issue 22, point 9)."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from schemes.models import Scheme
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_count_follows_the_typing(browser, live_server):
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    journey = Journey(browser, live_server, "en")
    page = journey.page
    journey.sign_in("jelgava@incluportal.test")
    journey.visit(f"/schemes/{scheme.pk}/action-plan/")
    add_form = page.get_by_role("region", name="Add an action")
    actions = journey.field("Actions", within=add_form)
    limit = add_form.locator(f"#{actions.get_attribute('id')}_limit")
    live = limit.locator("[data-char-live]")
    expect(limit).to_have_text("0 of 5,000 characters")  # the script's count
    actions.press_sequentially("Kursi")
    expect(limit).to_have_text("5 of 5,000 characters")
    page.wait_for_timeout(1500)
    expect(live).to_have_text("")  # plenty left: nothing announced
    actions.fill("x" * 4600)
    actions.press_sequentially("yz")
    expect(limit).to_contain_text("4,602 of 5,000 characters")
    expect(limit).to_have_class(re.compile(r"\bis-near\b"))
    expect(live).to_have_text("Characters left: 398", timeout=3000)
    assert live.get_attribute("aria-live") == "polite"
    assert "_limit" in actions.get_attribute("aria-describedby")
    journey.arrived(f"{page.url} (counting)")
    journey.finish()


def test_the_count_groups_thousands_as_the_written_limit_in_latvian(
    browser, live_server
):
    """Latvian groups "5 000" under the field; the live count says the same,
    not "5000" (Intl leaves four Latvian digits ungrouped by default)."""
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    journey = Journey(browser, live_server, "lv")
    page = journey.page
    journey.sign_in("jelgava@incluportal.test")
    journey.switch_language("lv")
    journey.visit(f"/schemes/{scheme.pk}/action-plan/")
    actions = page.locator("form [data-char-limit]").first
    limit = page.locator(f"#{actions.get_attribute('id')}_limit")
    expect(limit).to_have_text("0 no 5\u00a0000 zīmēm")
    actions.fill("x" * 1234)
    expect(limit).to_have_text("1\u00a0234 no 5\u00a0000 zīmēm")
    journey.finish()
