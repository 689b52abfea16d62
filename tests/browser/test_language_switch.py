import pytest
from django.core.management import call_command

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_switches_the_portal_to_latvian(page, settings):
    call_command("load_demo", verbosity=0)
    sign_in(page, "coordinator@incluportal.test", "incluportal-demo")
    nav = page.get_by_role("navigation", name="Main navigation")
    assert nav.get_by_role("link", name="Programmes").is_visible()
    assert page.get_by_role("heading", name="Your programmes").is_visible()

    page.get_by_role("button", name="Latviešu").click()

    nav = page.get_by_role("navigation", name="Galvenā navigācija")
    nav.get_by_role("link", name="Programmas").wait_for()
    assert nav.get_by_role("link", name="Sākums").is_visible()
    assert page.get_by_role("heading", name="Jūsu programmas").is_visible()
    assert page.locator("html").get_attribute("lang") == "lv"
    page.screenshot(path=str(settings.BASE_DIR / ".pytest_cache" / "home-lv.png"))


def test_the_navigation_collapses_on_a_phone(browser, live_server):
    call_command("load_demo", verbosity=0)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    sign_in(page, "jelgava@incluportal.test", "incluportal-demo")
    programmes = page.get_by_role("link", name="Programmes")
    assert not programmes.is_visible()
    page.get_by_role("button", name="Show or hide navigation").click()
    programmes.wait_for(state="visible")
    programmes.click()
    page.get_by_role("heading", name="Programmes").wait_for()
    assert "IncluCities" in page.content()
    context.close()
