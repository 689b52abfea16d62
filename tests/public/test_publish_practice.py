"""A city publishes an approved good practice in the public library, sees
first exactly what becomes public, and may withdraw it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from schemes.models import PublishedPractice
from schemes.work.services.good_practices import (
    good_practice_publish,
    good_practice_withdraw,
)
from tests.public.practices import CONTACT, approved_practice

pytestmark = pytest.mark.django_db


def _publish_url(practice):
    return reverse("schemes:good_practice_publish", args=[practice.pk])


def test_the_preview_shows_what_becomes_public_without_the_contact(world, client_for):
    practice = approved_practice(world.mentor_city, title="Café des langues")
    practice.themes.add(world.benchmark.theme)
    response = client_for("mentor").get(_publish_url(practice))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Café des langues" in page
    assert "A desk open every morning, in five languages." in page
    assert "https://example.org/desk" in page
    assert world.benchmark.theme.name in page
    # Personal data stays inside, and the preview says so.
    assert "Bērziņa" not in page and "anna.berzina@example.org" not in page
    assert "Never published, to protect personal data" in page
    assert "Contact (person and position)" in page
    # A link that is no web address is shown as no link.
    assert "javascript:" not in page
    assert not PublishedPractice.objects.exists()


def test_publishing_freezes_a_copy_the_public_reads(world, client_for):
    practice = approved_practice(world.mentor_city, title="Café des langues")
    practice.themes.add(world.benchmark.theme)
    factor = world.benchmark.key_factors.first()
    practice.key_factors.add(factor)
    response = client_for("mentor").post(_publish_url(practice))
    assert response.status_code == 302
    copy = PublishedPractice.objects.get(practice=practice)
    assert copy.title == "Café des langues"
    assert copy.city == world.mentor_city
    assert copy.published_by == world.users["mentor"]
    assert list(copy.themes.all()) == [world.benchmark.theme]
    assert list(copy.key_factors.all()) == [factor]
    assert copy.content["start_year"] == 2019
    assert copy.content["links"] == ["https://example.org/desk", "javascript:alert(1)"]
    names = [part["name"] for part in copy.content["parts"]]
    assert "contact" not in names and "rationale" in names
    assert CONTACT not in str(copy.content)
    # Lower case, without accents: "cafe" finds "Café".
    assert "cafe des langues" in copy.search_text
    assert "bērziņa" not in copy.search_text and "berzina" not in copy.search_text

    client_for("anonymous")
    public = client_for("anonymous").get(copy.get_absolute_url())
    assert public.status_code == 200
    page = public.content.decode()
    assert "Café des langues" in page
    assert "Newcomers did not know where to start." in page
    assert "Berzina" not in page and "anna.berzina" not in page
    assert 'href="https://example.org/desk"' in page
    assert 'href="javascript:' not in page

    detail = client_for("mentor").get(practice.get_absolute_url()).content.decode()
    assert "In the public library since" in detail
    assert copy.get_absolute_url() in detail
    assert "Withdraw from the public library" in detail
    assert "Preview and publish again" in detail


def test_publishing_again_replaces_the_copy_and_edits_wait_until_then(
    world, client_for
):
    practice = approved_practice(world.mentor_city)
    first = good_practice_publish(practice=practice, by=world.users["mentor"])
    # The practice changes after it was published (an administrator's fix).
    practice.refresh_from_db()
    practice.description = "Now also on Saturdays."
    practice.save()

    detail = client_for("mentor").get(practice.get_absolute_url()).content.decode()
    assert "publish again to update it" in detail
    public = client_for("anonymous").get(first.get_absolute_url()).content.decode()
    assert "Now also on Saturdays." not in public
    assert "A desk open every morning" in public

    again = good_practice_publish(practice=practice, by=world.users["mentor"])
    assert again.pk == first.pk
    assert PublishedPractice.objects.count() == 1
    public = client_for("anonymous").get(first.get_absolute_url()).content.decode()
    assert "Now also on Saturdays." in public
    detail = client_for("mentor").get(practice.get_absolute_url()).content.decode()
    assert "publish again to update it" not in detail


def test_a_practice_not_approved_cannot_be_published(world, client_for):
    practice = world.public_practice  # submitted, not approved yet
    preview = client_for("mentor").get(_publish_url(practice))
    assert preview.status_code == 200
    assert "Only an approved good practice can be published" in (
        preview.content.decode()
    )
    assert b'type="submit" class="btn btn-primary"' not in preview.content
    response = client_for("mentor").post(_publish_url(practice))
    assert response.status_code == 409
    assert "Only an approved good practice can be published" in (
        response.content.decode()
    )
    assert not PublishedPractice.objects.exists()
    with pytest.raises(ValidationError):
        good_practice_publish(practice=practice, by=world.users["mentor"])
    detail = client_for("mentor").get(practice.get_absolute_url()).content.decode()
    assert "Not public" in detail
    assert _publish_url(practice) not in detail


@pytest.mark.parametrize("persona", ["mentee", "coordinator", "association"])
def test_only_the_citys_officers_publish_or_withdraw(world, client_for, persona):
    practice = approved_practice(world.mentor_city)
    assert client_for(persona).post(_publish_url(practice)).status_code == 403
    assert not PublishedPractice.objects.exists()
    with pytest.raises(PermissionDenied):
        good_practice_publish(practice=practice, by=world.users[persona])
    good_practice_publish(practice=practice, by=world.users["mentor"])
    withdraw = reverse("schemes:good_practice_withdraw", args=[practice.pk])
    assert client_for(persona).post(withdraw).status_code == 403
    with pytest.raises(PermissionDenied):
        good_practice_withdraw(practice=practice, by=world.users[persona])
    assert PublishedPractice.objects.count() == 1
    detail = client_for(persona).get(practice.get_absolute_url()).content.decode()
    assert "Withdraw from the public library" not in detail
    assert "Preview and publish" not in detail


def test_withdrawing_takes_the_page_down(world, client_for):
    practice = approved_practice(world.mentor_city)
    copy = good_practice_publish(practice=practice, by=world.users["mentor"])
    withdraw = reverse("schemes:good_practice_withdraw", args=[practice.pk])
    assert client_for("mentor").get(withdraw).status_code == 405
    response = client_for("mentor").post(withdraw)
    assert response.status_code == 302
    assert not PublishedPractice.objects.exists()
    assert client_for("anonymous").get(copy.get_absolute_url()).status_code == 404
    library = client_for("anonymous").get(reverse("public:library")).content.decode()
    assert practice.title not in library
    detail = client_for("mentor").get(practice.get_absolute_url()).content.decode()
    assert "Not public" in detail


def test_the_pages_are_valid_html(world, client_for):
    from tests.support.htmlvalidator import html_errors

    practice = approved_practice(world.mentor_city)
    practice.themes.add(world.benchmark.theme)
    practice.key_factors.add(world.benchmark.key_factors.first())
    preview = client_for("mentor").get(_publish_url(practice)).content
    copy = good_practice_publish(practice=practice, by=world.users["mentor"])
    practice.save()  # changed since it was published
    pages = {
        "preview": preview,
        "refused": client_for("mentor")
        .get(_publish_url(world.public_practice))
        .content,
        "detail": client_for("mentor").get(practice.get_absolute_url()).content,
        "public": client_for("anonymous").get(copy.get_absolute_url()).content,
        "library": client_for("anonymous")
        .get(reverse("public:library"), {"q": "desk", "lang": "ar"})
        .content,
    }
    problems = {name: html_errors(page) for name, page in pages.items()}
    assert problems == dict.fromkeys(pages, [])
