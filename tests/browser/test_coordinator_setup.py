import re

import pytest
from django.core import mail
from django.core.management import call_command

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_an_empty_programme_to_a_scheme_on_the_dashboard(browser, live_server):
    call_command("load_demo", verbosity=0)
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "coordinator@incluportal.test", "incluportal-demo")

    page.goto("/programmes/")
    page.get_by_role("link", name="New programme").click()
    page.locator("#id_name_en").fill("Pilot 2026")
    page.locator("#id_slug").fill("pilot-2026")
    page.get_by_role("button", name="Create the programme").click()
    page.get_by_role("heading", name="Pilot 2026").wait_for()

    page.get_by_role("link", name="Add an organisation").click()
    new = page.locator("form").filter(has_text="Create and add")
    new.locator("#id_new-kind").select_option("city")
    new.locator("#id_new-name_en").fill("Ventspils")
    new.locator("#id_new-slug").fill("ventspils")
    new.locator("#id_new-country").select_option("LV")
    new.locator("#id_new-role").select_option("mentee_city")
    new.get_by_role("button", name="Create and add").click()
    page.get_by_text("The organisation is created and takes part.").wait_for()

    page.get_by_role("link", name="Add an organisation").click()
    existing = page.locator("form").filter(has_text="Add to the programme")
    existing.locator("#id_existing-organisation").select_option(label="Schaerbeek")
    existing.locator("#id_existing-role").select_option("mentor_city")
    existing.get_by_role("button", name="Add to the programme").click()

    page.get_by_role("link", name="Invite people").click()
    page.locator("#id_email").fill("officer@ventspils.example")
    page.locator("#id_organisation").select_option(label="Ventspils")
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("The invitation is sent to officer@ventspils.example.").wait_for()

    page.goto("/programmes/pilot-2026/")
    page.get_by_role("link", name="New scheme").click()
    page.locator("#id_mentee_city").select_option(label="Ventspils")
    page.get_by_role("checkbox", name="Schaerbeek").check()
    page.get_by_role("button", name="Create the scheme").click()
    page.get_by_text("The scheme is created, with its documents.").wait_for()

    page.goto("/programmes/pilot-2026/dashboard/")
    assert page.get_by_role("link", name="Ventspils – Schaerbeek").is_visible()
    context.close()

    # The invitee follows the link from the e-mail and lands in Ventspils.
    link = re.search(r"https?://\S+(/invitations/\S+/)", mail.outbox[-1].body).group(1)
    invitee_context = browser.new_context(base_url=live_server.url)
    invitee = invitee_context.new_page()
    invitee.goto(link)
    invitee.locator("#id_full_name").fill("Ventspils officer")
    invitee.locator("#id_password1").fill("a-long-ventspils-passphrase")
    invitee.locator("#id_password2").fill("a-long-ventspils-passphrase")
    invitee.get_by_role("button", name="Create my account").click()
    invitee.get_by_text("You now work for Ventspils").wait_for()
    assert invitee.get_by_role("link", name="Ventspils – Schaerbeek").is_visible()
    invitee.wait_for_load_state("networkidle")
    invitee_context.close()
