"""A public page is rendered once per validator (schemes.public.http.keep):
the next reader gets the kept answer for the ETag's one query, and whatever
changes the page changes the ETag, so nobody reads an old page from it."""

import pytest
from django.urls import reverse

from schemes.models import GuideEntry, Organisation
from schemes.public import services
from schemes.work.services.good_practices import (
    good_practice_publish,
    good_practice_withdraw,
)
from tests.public.practices import approved_practice

pytestmark = pytest.mark.django_db

LIBRARY = reverse("public:library")


@pytest.fixture
def guide(world):
    guide = services.guide_for_city(city=world.mentee_city, by=world.users["mentee"])
    guide.city_language = "lv"
    guide.extra_languages = ["uk"]
    guide.intro = {"en": "Welcome to Jelgava"}
    guide.save()
    GuideEntry.objects.create(
        guide=guide, category="language", position=0, title={"en": "First course"}
    )
    services.guide_publish(guide=guide, by=world.users["mentee"])
    return guide


def page_url(world, language="en"):
    return reverse("public:city_guide", args=[world.mentee_city.slug, language])


def test_the_second_reader_gets_the_kept_page_for_one_query(
    world, client, guide, django_assert_num_queries
):
    first = client.get(page_url(world))
    with django_assert_num_queries(1):  # the ETag's
        second = client.get(page_url(world))
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    for header in ("Content-Type", "Content-Language", "Cache-Control"):
        assert second[header] == first[header]
    assert not second.cookies


def test_a_new_publication_shows_at_once(world, client, guide):
    assert "First course" in client.get(page_url(world)).content.decode()
    GuideEntry.objects.filter(guide=guide).update(title={"en": "Second course"})
    services.guide_publish(guide=guide, by=world.users["mentee"])
    page = client.get(page_url(world)).content.decode()
    assert "Second course" in page and "First course" not in page


def test_a_withdrawn_page_is_gone_at_once(world, client, guide):
    assert client.get(page_url(world)).status_code == 200
    services.guide_withdraw(guide=guide, by=world.users["mentee"])
    assert client.get(page_url(world)).status_code == 404


def test_a_renamed_city_shows_its_new_name(world, client, guide):
    first = client.get(page_url(world))
    assert "Jelgava" in first.content.decode()
    Organisation.objects.filter(pk=world.mentee_city.pk).update(
        name="Jelgavas valstspilsēta"
    )
    renamed = client.get(page_url(world))
    assert renamed["ETag"] != first["ETag"], (renamed["ETag"], first["ETag"])
    assert "Jelgavas valstspilsēta" in renamed.content.decode()


def test_each_language_and_each_host_has_its_own_page(world, client, guide, settings):
    settings.ALLOWED_HOSTS = ["testserver", "portal.example.org"]
    english = client.get(page_url(world, "en"))
    ukrainian = client.get(page_url(world, "uk"))
    assert ukrainian["Content-Language"] == "uk" != english["Content-Language"]
    other = client.get(page_url(world), HTTP_HOST="portal.example.org")
    # The page's links are absolute (canonical, alternates): on its own host.
    assert "http://portal.example.org/" in other.content.decode()
    assert "http://portal.example.org/" not in english.content.decode()


def test_a_missing_page_is_not_kept(world, client, guide):
    assert client.get(page_url(world, "ar")).status_code == 404
    guide.extra_languages = ["uk", "ar"]
    guide.save()
    services.guide_publish(guide=guide, by=world.users["mentee"])
    assert client.get(page_url(world, "ar")).status_code == 200


def test_the_library_shows_a_publication_and_a_withdrawal_at_once(world, client):
    def titles():
        return client.get(LIBRARY).content.decode()

    practice = approved_practice(world.mentor_city, title="Welcome desk")
    good_practice_publish(practice=practice, by=world.users["mentor"])
    assert "Welcome desk" in titles()
    other = approved_practice(world.mentor_city, title="Language café")
    good_practice_publish(practice=other, by=world.users["mentor"])
    assert "Language café" in titles()
    good_practice_withdraw(practice=other, by=world.users["mentor"])
    page = titles()
    assert "Language café" not in page and "Welcome desk" in page


def test_a_practice_republished_shows_its_new_text(world, client):
    practice = approved_practice(world.mentor_city, title="Welcome desk")
    copy = good_practice_publish(practice=practice, by=world.users["mentor"])
    url = copy.get_absolute_url()
    assert "Welcome desk" in client.get(url).content.decode()
    type(practice).objects.filter(pk=practice.pk).update(title="Welcome point")
    practice.refresh_from_db()
    good_practice_publish(practice=practice, by=world.users["mentor"])
    assert "Welcome point" in client.get(url).content.decode()
