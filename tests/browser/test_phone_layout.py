"""On a phone-sized screen no page is wider than the screen."""

import pytest
from django.core.management import call_command

from schemes.models import Scheme
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_main_pages_fit_a_phone_screen(browser, live_server):
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    sign_in(page, "jelgava@incluportal.test", "incluportal-demo")
    pages = [
        "/",
        "/programmes/inclucities/",
        scheme.get_absolute_url(),
        f"/schemes/{scheme.pk}/needs-analysis/",
        f"/schemes/{scheme.pk}/needs-analysis/edit/B/",
        f"/schemes/{scheme.pk}/support-group/jelgava/",
        f"/schemes/{scheme.pk}/self-assessment/",
        "/programmes/inclucities/mentors/schaerbeek/",
        "/benchmarks/",
        "/benchmarks/language-learning/",
        "/good-practices/",
        "/good-practices/new/",
    ]
    too_wide = {}
    for url in pages:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[url] = width
    context.close()
    assert too_wide == {}
