"""The public library in the browser: an anonymous visitor on a phone
searches, filters and reads a practice; a city officer previews, publishes
and withdraws one. Every page is scanned with axe (nothing serious or
critical), checked as valid HTML and, on the phone, for sideways scrolling."""

import os
import re

import pytest
from django.urls import reverse

from schemes.models import PublishedPractice
from schemes.work.services.good_practices import good_practice_publish
from tests import factories
from tests.browser.journey import PHONE, Journey
from tests.public.practices import approved_practice

# Set SCREENSHOT_DIR to look at the pages (a phone and a desktop).
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _publish(world, title, theme, **answers):
    practice = approved_practice(world.mentor_city, title=title, **answers)
    practice.themes.add(theme)
    return good_practice_publish(practice=practice, by=world.users["mentor"])


def _result_titles(page):
    return page.locator("main h3 a").all_inner_texts()


def test_a_visitor_on_a_phone_searches_filters_and_reads(browser, live_server, world):
    language = world.benchmark.theme
    housing = factories.ThemeFactory(slug="housing", name="Housing")
    _publish(
        world,
        "Café des langues",
        language,
        description="Conversation tables at the town hall, every Tuesday.",
    )
    _publish(world, "Rooms for families", housing, description="Flats to rent.")
    _publish(world, "Language buddies", language, description="Pairs of neighbours.")
    journey = Journey(browser, live_server, viewport=PHONE)
    page = journey.page
    journey.visit(reverse("public:library"))
    assert "3 good practices" in page.locator("main").inner_text()

    # "cafe" finds "Café", without its accent.
    journey.keys.type(page.get_by_label("Search", exact=True), "cafe")
    journey.follow(page.get_by_role("button", name="Search", exact=True))
    assert _result_titles(page) == ["Café des langues"]
    _shot(page, "library_phone")

    journey.keys.type(page.get_by_label("Search", exact=True), "")
    journey.keys.select(page.get_by_label("Theme"), "Housing")
    journey.follow(page.get_by_role("button", name="Search", exact=True))
    assert _result_titles(page) == ["Rooms for families"]
    assert "1 good practice" in page.locator("main").inner_text()

    journey.follow(page.get_by_role("link", name="Rooms for families"))
    assert page.get_by_role("heading", level=1).inner_text() == "Rooms for families"
    assert "Schaerbeek" in page.locator("main").inner_text()
    assert "Flats to rent." in page.locator("main").inner_text()
    assert "anna.berzina" not in page.content()
    _shot(page, "practice_phone")

    # The same page in Arabic, right to left.
    journey.language = "ar"
    journey.follow(page.locator('a[hreflang="ar"]'))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert "Rooms for families" in page.locator("main").inner_text()
    _shot(page, "practice_phone_ar")
    journey.finish()


def test_the_library_on_a_desktop(browser, live_server, world):
    _publish(world, "Café des langues", world.benchmark.theme)
    journey = Journey(browser, live_server, viewport={"width": 1280, "height": 900})
    journey.visit(reverse("public:library"))
    _shot(journey.page, "library_desktop")
    journey.finish()


def test_an_officer_previews_publishes_and_withdraws(browser, live_server, world):
    from tests.factories import TEST_PASSWORD

    practice = approved_practice(world.mentor_city, title="Welcome desk")
    journey = Journey(browser, live_server)
    page = journey.page
    journey.sign_in(world.users["mentor"].email, TEST_PASSWORD)
    journey.visit(practice.get_absolute_url())
    assert "Not public" in page.locator("main").inner_text()

    journey.follow(page.get_by_role("link", name="Preview and publish"))
    preview = page.locator("main").inner_text()
    assert "A desk open every morning, in five languages." in preview
    assert "Bērziņa" not in preview
    _shot(page, "preview_desktop")
    journey.follow(page.get_by_role("button", name="Publish in the public library"))
    copy = PublishedPractice.objects.get(practice=practice)
    assert re.search("In the public library since", page.locator("main").inner_text())
    _shot(page, "detail_published_desktop")

    journey.follow(page.get_by_role("link", name="Open the public page"))
    assert page.url.endswith(copy.get_absolute_url())
    journey.language = "en"

    journey.visit(practice.get_absolute_url())
    journey.follow(
        page.get_by_role("button", name="Withdraw from the public library"),
        confirm=(
            "Withdraw this good practice from the public library? Its public "
            "page disappears; you can publish it again later."
        ),
    )
    assert not PublishedPractice.objects.exists()
    assert "Not public" in page.locator("main").inner_text()
    journey.finish()
