"""The mentor city documents its strengths (Annex 3) and a good practice (Annex 4).

Schaerbeek's officer, keyboard only, in English and in Latvian: answers Part A
of the mentor profile and ticks a key factor the city is strong in, documents a
new good practice, finds it in the library's search, and links it to the
profile. Every page on the way is scanned with axe-core.
"""

import pytest
from django.core.management import call_command
from django.utils import translation

from benchmarks.models import Benchmark
from schemes.models import GoodPractice, MentorProfile, Programme
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STRENGTHS = {
    "experience_areas": (
        "Valodas apguve ārpus klases: 15 gadu pieredze ar jaunpienācējiem."
    ),
    "replicable_practices": (
        "CAMIM un valodas kafejnīcas: tās var pārņemt arī mazākas pilsētas."
    ),
    "mentor_actors": "Imigrantu biedrības, bibliotēkas un darba devēju organizācijas.",
}
PRACTICE = {
    "title": "Tandēma valodu pastaigas",
    "lead_agencies": "Schaerbeek pašvaldības integrācijas dienests ar bibliotēkām",
    "rationale": (
        "Jaunpienācēji trenē franču valodu pastaigās ar vietējiem iedzīvotājiem."
    ),
    "description": "Kopš 2019. gada: divas pastaigas mēnesī, brīvprātīgie vadītāji.",
    "resources_needed": "Koordinators uz pusslodzi, 20 brīvprātīgie.",
    "results": "Vairāk nekā 300 dalībnieku; 80 % turpina valodas kursos.",
}


@pytest.mark.parametrize("language", ["en", "lv"])
def test_schaerbeek_documents_its_strengths_and_a_good_practice(
    browser, live_server, language
):
    call_command("load_demo", verbosity=0)
    programme = Programme.objects.get(slug="inclucities")
    factor = Benchmark.objects.get(slug="language-learning").key_factors.get(
        number=1
    )  # one Schaerbeek is not yet linked to in the demo
    with translation.override(language):
        factor_label = str(factor)
        theme_label = str(factor.benchmark.theme)

    journey = Journey(browser, live_server, language)
    page, keys, t = journey.page, journey.keys, journey.t
    journey.sign_in("schaerbeek@incluportal.test")

    # Annex 3, Part A: from the scheme page to the profile, then to its form.
    journey.follow(page.get_by_role("link", name="Jelgava – Schaerbeek"))
    journey.follow(page.get_by_role("link", name=t("Mentor profile"), exact=True))
    journey.follow(
        page.locator("#part-A").get_by_role("link", name=t("Edit this part"))
    )
    for name, text in STRENGTHS.items():
        keys.type(page.locator(f"#id_{name}"), text)
    keys.check(page.get_by_label(factor_label, exact=True))
    journey.follow(page.get_by_role("button", name=t("Save")))
    assert page.get_by_text(t("Your answers are saved.")).is_visible()
    assert (
        page.locator("#part-A")
        .get_by_text(STRENGTHS["replicable_practices"])
        .is_visible()
    )

    # Annex 4: a new good practice, from the library.
    journey.follow(page.get_by_role("link", name=t("Good practices"), exact=True))
    journey.follow(page.get_by_role("link", name=t("Document a good practice")))
    for name, text in PRACTICE.items():
        keys.type(page.locator(f"#id_{name}"), text)
    keys.check(page.get_by_label(theme_label, exact=True))
    keys.type(journey.field("start year"), "2019")
    keys.check(journey.field("public in the network's library"))
    journey.follow(page.get_by_role("button", name=t("Save")))
    assert page.get_by_text(t("The good practice is saved.")).is_visible()
    assert page.get_by_role("heading", name=PRACTICE["title"]).is_visible()

    # The library finds it by a word of its description.
    journey.follow(page.get_by_role("link", name=t("Good practices"), exact=True))
    keys.type(page.get_by_label(t("Search"), exact=True), "pastaigās")
    journey.follow(page.get_by_role("button", name=t("Search"), exact=True))
    results = page.locator(".list-group-item-action")
    assert results.count() == 1
    assert results.first.get_by_text(PRACTICE["title"]).is_visible()

    # Back to the profile, to link the new practice in Part A.
    journey.follow(page.get_by_role("link", name=t("Home"), exact=True))
    journey.follow(page.get_by_role("link", name="Jelgava – Schaerbeek"))
    journey.follow(page.get_by_role("link", name=t("Mentor profile"), exact=True))
    journey.follow(
        page.locator("#part-A").get_by_role("link", name=t("Edit this part"))
    )
    keys.check(page.get_by_label(PRACTICE["title"], exact=True))
    journey.follow(page.get_by_role("button", name=t("Save")))
    good_practices = page.get_by_role("heading", name=t("Good practices")).locator(
        "xpath=following-sibling::ul"
    )
    assert good_practices.get_by_role("link", name=PRACTICE["title"]).is_visible()

    practice = GoodPractice.objects.get(title=PRACTICE["title"])
    assert practice.city.slug == "schaerbeek"
    assert practice.start_year == 2019 and practice.is_public
    assert [t.pk for t in practice.themes.all()] == [factor.benchmark.theme_id]
    for name, text in PRACTICE.items():
        assert getattr(practice, name) == text
    profile = MentorProfile.objects.get(programme=programme, city__slug="schaerbeek")
    for name, text in STRENGTHS.items():
        assert getattr(profile, name) == text
    assert profile.key_factors.filter(pk=factor.pk).exists()
    assert list(profile.good_practices.all()) == [practice]
    journey.finish()
