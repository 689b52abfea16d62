"""Jelgava's page for newcomers: built in the portal, read by the public.

(a) A city officer of Jelgava (jelgava@incluportal.test) opens the editor
from the home page, chooses the page's languages (Latvian, English,
Ukrainian and Arabic), adds a language-course service written in Latvian and
English, reads the preview in Arabic and publishes it; keyboard only, once
in the English interface and once in the Latvian one. (b) An anonymous
visitor on a 390×844 phone reads the published page in Arabic (right to
left, the English texts marked) and in Ukrainian. Every page is scanned
with axe and the W3C's checker (tests/browser/journey.py), and on the phone
checked for sideways scrolling.
"""

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from schemes.models import CityGuide, GuideEntry, Organisation
from schemes.public import services
from schemes.public.forms import language_label
from tests.browser.journey import PHONE, Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERVICE = {
    "lv": {
        "title": "Latviešu valodas kursi pieaugušajiem",
        "description": "Bezmaksas nodarbības divreiz nedēļā. Ņemiet līdzi pasi.",
        "cost": "Bez maksas",
    },
    "en": {
        "title": "Latvian lessons for adults",
        "description": "Free lessons twice a week. Bring your passport.",
        "cost": "Free",
    },
}


def _start():
    call_command("load_demo", verbosity=0)
    # The journey builds the page itself, whatever the demo holds.
    CityGuide.objects.filter(city__slug="jelgava").delete()


@pytest.mark.parametrize("language", ["en", "lv"])
def test_a_city_officer_builds_and_publishes_the_page(browser, live_server, language):
    _start()
    journey = Journey(browser, live_server, language)
    page, keys, t = journey.page, journey.keys, journey.t
    journey.sign_in("jelgava@incluportal.test")

    journey.follow(
        page.get_by_role(
            "link",
            name=t(
                "%(city)s's page for newcomers: edit and publish it", city="Jelgava"
            ),
        )
    )
    assert page.get_by_text(t("Not published"), exact=True).is_visible()

    # --- Settings: the languages of the page ----------------------------------
    journey.follow(page.get_by_role("link", name=t("Settings"), exact=True))
    with translation.override(language):
        latvian = language_label("lv")
    keys.select(journey.field("The city's language"), latvian)
    keys.check(page.get_by_role("checkbox", name=re.compile("^Українська")))
    keys.check(page.get_by_role("checkbox", name=re.compile("^العربيّة")))
    journey.follow(page.get_by_role("button", name=t("Save"), exact=True))
    # The new languages' introductions can be written now.
    arabic_intro = page.locator('textarea[name="intro__ar"]')
    assert arabic_intro.get_attribute("dir") == "rtl"
    keys.type(page.locator('textarea[name="intro__en"]'), "Where to start in Jelgava.")
    journey.follow(page.get_by_role("button", name=t("Save"), exact=True))
    guide = CityGuide.objects.get(city__slug="jelgava")
    assert guide.languages == ["lv", "en", "uk", "ar"]

    # --- A service, in Latvian and English ------------------------------------
    journey.follow(page.get_by_role("link", name=t("Add a service"), exact=True))
    assert page.get_by_text(t("Say whether it is free."), exact=True).is_visible()
    keys.select(journey.field("Category"), journey.tp("public", "Language courses"))
    keys.type(journey.field("Provider"), "Jelgavas pilsētas pašvaldība")
    keys.type(journey.field("Phone"), "+371 630 05 555")
    for code, texts in SERVICE.items():
        within = page.locator(f"#language-{code}")
        keys.type(journey.field("Name of the service", within), texts["title"])
        keys.type(journey.field("What it offers", within), texts["description"])
        keys.type(journey.field("Cost", within), texts["cost"])
    journey.follow(page.get_by_role("button", name=t("Save"), exact=True))
    assert page.get_by_text(t("The service is saved.")).is_visible()
    entry = GuideEntry.objects.get(guide=guide)
    assert entry.title == {code: texts["title"] for code, texts in SERVICE.items()}
    table = page.locator("table.guide-completeness")
    assert table.get_by_text(t("missing")).count() == 2  # Ukrainian, Arabic

    # --- Preview in Arabic, then publish --------------------------------------
    journey.follow(page.get_by_role("link", name=t("Preview and publish"), exact=True))
    journey.follow(page.get_by_role("link", name="العربيّة"))
    preview = page.locator(".guide-preview")
    assert preview.get_attribute("dir") == "rtl"
    assert preview.locator('[lang="en"]', has_text=SERVICE["en"]["title"]).count() == 1
    assert preview.locator(".guide-fallback").count() >= 1
    journey.follow(page.get_by_role("button", name=t("Publish"), exact=True))
    assert page.get_by_text(
        t("Publication %(number)s is on the public page.", number=1)
    ).is_visible()
    guide.refresh_from_db()
    assert guide.current.number == 1
    assert guide.current.languages == ["lv", "en", "uk", "ar"]
    assert page.get_by_text(t("The draft is what the public reads.")).is_visible()

    # --- The history: the publication, as it was published -------------------
    journey.follow(page.get_by_role("link", name=t("History"), exact=True))
    journey.follow(page.get_by_role("link", name=t("Publication %(number)s", number=1)))
    # In the city's language first, as the public reads it.
    assert page.get_by_text(SERVICE["lv"]["title"]).is_visible()
    journey.finish()


def _published_jelgava():
    call_command("load_demo", verbosity=0)
    city = Organisation.objects.get(slug="jelgava")
    CityGuide.objects.filter(city=city).delete()
    guide = CityGuide.objects.create(
        city=city,
        city_language="lv",
        extra_languages=["uk", "ar"],
        intro={"en": "Where to start in Jelgava.", "uk": "З чого почати в Єлгаві."},
    )
    GuideEntry.objects.create(
        guide=guide,
        category="language",
        title={
            **{c: t["title"] for c, t in SERVICE.items()},
            "uk": "Курси латиської мови",
        },
        description={c: t["description"] for c, t in SERVICE.items()},
        opening_hours={"en": "Monday and Wednesday, 18:00 to 20:00"},
        cost={"en": "Free", "uk": "Безкоштовно"},
        provider="Jelgavas pilsētas pašvaldība",
        address="Lielā iela 11, Jelgava",
        phone="+371 630 05 555",
        email="info@dome.jelgava.lv",
        link="https://www.jelgava.lv/",
        languages_spoken=["lv", "ru", "uk"],
    )
    GuideEntry.objects.create(
        guide=guide,
        category="emergency",
        title={"en": "Emergency number", "uk": "Екстрений номер", "ar": "رقم الطوارئ"},
        phone="112",
    )
    user = city.memberships.first().user
    services.guide_publish(guide=guide, by=user)


def test_an_anonymous_visitor_reads_it_on_a_phone(browser, live_server):
    _published_jelgava()
    journey = Journey(browser, live_server, "ar", PHONE)
    page = journey.page
    journey.visit("/public/cities/jelgava/ar/")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    emergency = page.locator("article", has_text="رقم الطوارئ")
    assert (
        emergency.get_by_role("link", name=re.compile("112")).get_attribute("href")
        == "tel:112"
    )
    course = page.locator("article", has_text=SERVICE["en"]["title"])
    # Not in Arabic: the English texts, each marked.
    assert course.locator('[lang="en"][dir="ltr"]').count() >= 3
    assert course.locator(".guide-fallback").count() >= 3
    assert course.locator(".guide-fallback").first.is_visible()
    phone_link = course.get_by_role("link", name=re.compile("630 05 555"))
    box = phone_link.bounding_box()
    assert box["height"] >= 44 and box["width"] <= PHONE["width"]

    # --- In Ukrainian, from the language links --------------------------------
    journey.language = "uk"
    journey.follow(page.get_by_role("link", name="Українська"))
    assert page.url.endswith("/public/cities/jelgava/uk/")
    assert html.get_attribute("dir") == "ltr"
    course = page.locator("article", has_text="Курси латиської мови")
    assert course.get_by_text("Безкоштовно").is_visible()
    # The description has no Ukrainian text: English, marked.
    assert course.locator(".guide-fallback").count() == 2
    assert page.get_by_text("З чого почати в Єлгаві.").is_visible()

    # Readable on the smallest phones too: nothing wider than 320 px.
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator("script").count() == 0
    journey.finish()
