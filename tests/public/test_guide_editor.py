"""The editor of a city's page for newcomers, inside the portal."""

import pytest
from django.urls import reverse

from schemes.models import CityGuide, GuideEntry
from schemes.public import services

pytestmark = pytest.mark.django_db


def url(name, world, *args):
    return reverse(f"schemes:{name}", args=[world.mentee_city.slug, *args])


@pytest.fixture
def officer(client_for):
    return client_for("mentee")


@pytest.fixture
def guide(world):
    guide = services.guide_for_city(city=world.mentee_city, by=world.users["mentee"])
    guide.city_language = "lv"
    guide.extra_languages = ["uk", "ar"]
    guide.save()
    return guide


def make_entries(guide, count):
    categories = ["language", "housing", "health"]
    GuideEntry.objects.bulk_create(
        GuideEntry(
            guide=guide,
            category=categories[n % 3],
            position=n,
            title={"en": f"Service {n}", "lv": f"Pakalpojums {n}"},
            description={"en": "Help", "lv": "Palīdzība", "uk": "Допомога"},
        )
        for n in range(count)
    )


def entry_post(revision, **more):
    return {
        "revision": revision,
        "category": "language",
        "provider": "Jelgava city",
        "address": "Lielā iela 11",
        "map_url": "",
        "phone": "+371 630 05 555",
        "email": "info@jelgava.lv",
        "link": "",
        "languages_spoken": ["lv", "ru"],
        "title__en": "Latvian courses",
        "title__lv": "Latviešu valodas kursi",
        "description__en": "Free lessons. Bring your passport.",
        "cost__en": "Free",
        **more,
    }


def test_the_first_visit_starts_the_page(world, officer):
    response = officer.get(url("guide_overview", world))
    assert response.status_code == 200
    assert CityGuide.objects.filter(city=world.mentee_city).exists()
    assert "Not published" in response.content.decode()


def test_non_members_get_404_and_start_nothing(world, client_for):
    for persona in ("mentor", "coordinator", "other_scheme"):
        assert client_for(persona).get(url("guide_overview", world)).status_code == 404
    assert not CityGuide.objects.exists()
    response = client_for("mentee").get(
        reverse("schemes:guide_overview", args=["no-such-city"])
    )
    assert response.status_code == 404


def test_settings_form_offers_every_public_language(world, officer, guide):
    page = officer.get(url("guide_settings", world)).content.decode()
    assert 'value="fa"' in page and "فارسی" in page
    assert "written right to left" in page
    assert 'name="intro__ar"' in page and 'dir="rtl"' in page
    response = officer.post(
        url("guide_settings", world),
        {
            "revision": guide.revision,
            "city_language": "lv",
            "extra_languages": ["uk", "ar", "ru"],
            "intro__lv": "Sveiki",
            "intro__en": "Welcome",
        },
    )
    # A new language: back to the form, where its introduction can be written.
    assert response.status_code == 302
    assert response.url == url("guide_settings", world)
    guide.refresh_from_db()
    assert guide.languages == ["lv", "en", "uk", "ar", "ru"]
    assert guide.intro == {"lv": "Sveiki", "en": "Welcome"}


def test_settings_bad_input_is_a_form_error(world, officer, guide):
    response = officer.post(
        url("guide_settings", world),
        {"revision": guide.revision, "city_language": "xx"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    guide.refresh_from_db()
    assert guide.revision == 0


def test_a_stale_settings_form_shows_the_conflict_and_keeps_the_text(
    world, officer, guide
):
    guide.revision = 3
    guide.save()
    response = officer.post(
        url("guide_settings", world),
        {
            "revision": 2,
            "city_language": "lv",
            "intro__en": "My own welcome text",
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this while you were editing" in page
    assert "My own welcome text" in page
    assert 'name="revision" value="3"' in page
    guide.refresh_from_db()
    assert guide.intro == {}


def test_add_a_service_with_fieldsets_per_language(world, officer, guide):
    page = officer.get(url("guide_entry_add", world)).content.decode()
    assert 'name="title__ar"' in page
    assert 'lang="ar" dir="rtl"' in page
    assert "Say whether it is free" in page
    response = officer.post(url("guide_entry_add", world), entry_post(guide.revision))
    assert response.status_code == 302
    entry = guide.entries.get()
    assert entry.title == {"en": "Latvian courses", "lv": "Latviešu valodas kursi"}
    assert entry.languages_spoken == ["lv", "ru"]
    page = officer.get(url("guide_overview", world)).content.decode()
    assert "Latvian courses" in page
    assert "missing" in page and "complete" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title__en", ""),
        ("email", "not an address"),
        ("phone", "call me"),
        ("map_url", "javascript:alert(1)"),
        ("category", "party"),
        ("languages_spoken", "xx"),
        ("title__uk", "x" * 201),
    ],
)
def test_bad_service_input_is_a_form_error(world, officer, guide, field, value):
    response = officer.post(
        url("guide_entry_add", world), entry_post(guide.revision, **{field: value})
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not guide.entries.exists()


def test_edit_delete_and_move(world, officer, guide):
    make_entries(guide, 4)
    entries = list(guide.entries.all())
    edit = url("guide_entry_edit", world, entries[0].pk)
    assert "Service 0" in officer.get(edit).content.decode()
    response = officer.post(edit, entry_post(guide.revision, title__en="Renamed"))
    assert response.status_code == 302
    guide.refresh_from_db()
    response = officer.post(
        url("guide_entry_move", world, entries[3].pk),
        {"revision": guide.revision, "direction": "up"},
    )
    assert response.status_code == 302
    language = [str(e) for e in guide.entries.filter(category="language")]
    assert language == ["Service 3", "Renamed"]
    guide.refresh_from_db()
    delete = url("guide_entry_delete", world, entries[1].pk)
    assert officer.get(delete).status_code == 200
    assert officer.post(delete, {"revision": guide.revision}).status_code == 302
    assert guide.entries.count() == 3
    # Another page's service is no one's here.
    assert officer.get(url("guide_entry_edit", world, 999999)).status_code == 404


def test_a_stale_delete_is_refused(world, officer, guide):
    make_entries(guide, 1)
    entry = guide.entries.get()
    response = officer.post(
        url("guide_entry_delete", world, entry.pk), {"revision": guide.revision + 5}
    )
    assert response.status_code == 409
    assert guide.entries.exists()


def test_preview_by_language_then_publish_then_withdraw(world, officer, guide):
    page = officer.get(url("guide_preview", world)).content.decode()
    assert "Add at least one service before publishing." in page
    make_entries(guide, 2)
    page = officer.get(url("guide_preview", world) + "?lang=ar").content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert "Service 0" in page
    assert 'lang="en" dir="ltr"' in page  # the English fallback, marked
    guide.refresh_from_db()
    response = officer.post(url("guide_preview", world), {"revision": guide.revision})
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.current.number == 1
    page = officer.get(url("guide_overview", world)).content.decode()
    assert "Publication 1" in page and "The draft is what the public reads." in page
    history = officer.get(url("guide_history", world)).content.decode()
    assert "Publication 1" in history
    response = officer.post(url("guide_withdraw", world))
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.current is None
    history = officer.get(url("guide_history", world)).content.decode()
    assert "Withdrawn on" in history
    old = officer.get(url("guide_publication", world, 1) + "?lang=uk").content.decode()
    assert "Допомога" in old
    assert officer.get(url("guide_publication", world, 2)).status_code == 404


def test_a_stale_preview_does_not_publish(world, officer, guide):
    make_entries(guide, 1)
    response = officer.post(url("guide_preview", world), {"revision": 7})
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.current is None


def test_links_to_the_editor(world, officer, client_for):
    editor = url("guide_overview", world)
    assert editor in officer.get(reverse("home")).content.decode()
    assert editor in officer.get(world.mentee_city.get_absolute_url()).content.decode()
    coordinator = client_for("coordinator")
    assert (
        editor
        not in coordinator.get(world.mentee_city.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("count", [3, 30])
def test_overview_queries_do_not_grow(
    world, officer, guide, count, django_assert_num_queries
):
    make_entries(guide, count)
    services.guide_publish(guide=guide, by=world.users["mentee"])
    officer.get(url("guide_overview", world))  # sessions, caches warmed
    with django_assert_num_queries(QUERIES["overview"]):
        response = officer.get(url("guide_overview", world))
    assert response.status_code == 200
    with django_assert_num_queries(QUERIES["preview"]):
        officer.get(url("guide_preview", world))


QUERIES = {"overview": 4, "preview": 4}


@pytest.mark.django_db(transaction=True)
def test_two_officers_saving_the_same_service_at_once(world, guide, monkeypatch):
    """Two real transactions: one wins, the other gets the conflict page
    with its text intact (the page's row lock, then the revision)."""
    import threading

    from django.db import connections
    from django.test import Client

    from incluportal import conflicts
    from tests import factories

    make_entries(guide, 1)
    entry = guide.entries.get()
    opened_at = guide.revision
    colleague = factories.UserFactory(email="colleague@example.org")
    factories.MembershipFactory(user=colleague, organisation=world.mentee_city)
    first_holds_lock, second_waiting = threading.Event(), threading.Event()
    calls, responses = [], {}

    def slow_first_save():
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            first_holds_lock.set()
            second_waiting.wait(timeout=5)
            threading.Event().wait(0.5)

    monkeypatch.setattr(conflicts, "after_lock", slow_first_save)

    def post(name, user, title):
        client = Client()
        client.force_login(user)
        try:
            responses[name] = client.post(
                url("guide_entry_edit", world, entry.pk),
                entry_post(opened_at, title__en=title),
            )
        finally:
            connections.close_all()

    first = threading.Thread(target=post, args=("first", world.users["mentee"], "Mine"))
    second = threading.Thread(target=post, args=("second", colleague, "Theirs"))
    first.start()
    assert first_holds_lock.wait(timeout=10)
    second.start()
    second_waiting.set()
    first.join(timeout=30)
    second.join(timeout=30)
    assert responses["first"].status_code == 302
    assert responses["second"].status_code == 409
    page = responses["second"].content.decode()
    assert 'value="Theirs"' in page and "en: Mine" in page
    entry.refresh_from_db()
    assert entry.title["en"] == "Mine"
