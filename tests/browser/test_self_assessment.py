import pytest
from django.core.management import call_command

from schemes.models import Scheme
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_jelgava_completes_its_final_self_assessment_and_sees_the_change(page):
    # The demo's Jelgava submitted its baseline; this is the end-of-scheme round.
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    sign_in(page, "jelgava@incluportal.test", "incluportal-demo")
    page.get_by_role("link", name="Jelgava – Schaerbeek").click()
    page.get_by_role("link", name="Self-assessment").first.click()
    page.get_by_role(
        "button", name="Start the self-assessment of Jelgava: Final (end of the scheme)"
    ).click()

    fieldsets = page.locator("fieldset.key-factor")
    assert fieldsets.count() == 11
    page.locator("fieldset.key-factor").first.get_by_label("Note").fill(
        "Mērs publiski atbalsta latviešu valodas kursus."
    )
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Your draft is saved.").wait_for()
    assert "0 / 11" in page.content()

    levels = ["Fully in place", "Partly in place", "Emerging", "Not in place"]
    for i in range(11):
        fieldsets.nth(i).get_by_label(levels[i % 4], exact=True).check()
    page.get_by_role("button", name="Save and submit").click()
    page.get_by_text("The self-assessment is submitted.").wait_for()

    radar = page.locator("svg.radar")
    assert radar.locator(".radar-axis").count() == 11
    assert radar.locator(".radar-series").count() == 2  # final and baseline
    assert page.get_by_role("heading", name="Change since the baseline").is_visible()
    assert page.get_by_role("heading", name="Strengths").is_visible()
    assert "Mērs publiski atbalsta latviešu valodas kursus." in page.content()
    assert scheme.self_assessments.get(round="final").status == "submitted"
