"""The pages of the page for newcomers are valid HTML (the W3C's Nu
checker), with services, texts in right-to-left languages, a conflict and
form errors on them."""

import pytest
from django.urls import reverse

from schemes.models import GuideEntry
from schemes.public import services
from tests.support.htmlvalidator import html_errors

pytestmark = pytest.mark.django_db


def test_editor_and_public_pages_are_valid_html(world, client_for, client):
    officer = client_for("mentee")
    guide = services.guide_for_city(city=world.mentee_city, by=world.users["mentee"])
    guide.city_language = "lv"
    guide.extra_languages = ["uk", "ar"]
    guide.intro = {"en": "Welcome", "ar": "أهلا بك"}
    guide.save()
    for n, category in enumerate(["language", "language", "health"]):
        GuideEntry.objects.create(
            guide=guide,
            category=category,
            position=n,
            title={"en": f"Service {n}", "ar": "دورات اللغة"},
            description={"en": "Bring your passport."},
            cost={"en": "Free"},
            opening_hours={"en": "Monday to Friday, 9:00 to 17:00"},
            eligibility={"en": "Everyone"},
            provider="Jelgava city",
            address="Lielā iela 11",
            map_url="https://www.openstreetmap.org/",
            phone="+371 630 05 555",
            email="info@jelgava.lv",
            link="https://jelgava.lv",
            languages_spoken=["lv", "ru", "ar"],
        )
    services.guide_publish(guide=guide, by=world.users["mentee"])
    entry = guide.entries.first()
    slug = world.mentee_city.slug

    def editor(name, *args):
        return reverse(f"schemes:{name}", args=[slug, *args])

    pages = [
        officer.get(editor("guide_overview")),
        officer.get(editor("guide_settings")),
        officer.get(editor("guide_entry_add")),
        officer.get(editor("guide_entry_edit", entry.pk)),
        officer.get(editor("guide_entry_delete", entry.pk)),
        officer.get(editor("guide_preview") + "?lang=ar"),
        officer.get(editor("guide_history")),
        officer.get(editor("guide_publication", 1) + "?lang=uk"),
        # Refused forms: the errors and the conflict panel.
        officer.post(editor("guide_entry_add"), {"revision": guide.revision}),
        officer.post(
            editor("guide_settings"),
            {"revision": guide.revision - 1, "city_language": "lv"},
        ),
        client.get(reverse("public:city_guide", args=[slug, "ar"])),
        client.get(reverse("public:city_guide", args=[slug, "uk"])),
    ]
    problems = []
    for response in pages:
        assert response.status_code in (200, 409), response.status_code
        problems += html_errors(response.content)
    assert problems == []
