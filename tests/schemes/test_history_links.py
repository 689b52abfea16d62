"""A document's status line links to its history only for those who may
read it: a draft shown to someone it is not shared with yet says so, with no
link to a page that would answer 404."""

import pytest
from django.urls import reverse

from schemes.models import MentorProfile

pytestmark = pytest.mark.django_db


def _profile_page(world, client_for, persona):
    url = reverse(
        "schemes:mentor_profile", args=[world.programme.slug, world.mentor_city.slug]
    )
    response = client_for(persona).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_draft_profile_links_to_its_history_for_its_readers_only(world, client_for):
    profile = MentorProfile.objects.get(
        programme=world.programme, city=world.mentor_city
    )
    history = reverse("schemes:history", args=["mentor-profile", profile.pk])
    assert profile.status == "draft"
    for persona in ("mentor", "coordinator"):
        assert f'href="{history}"' in _profile_page(world, client_for, persona)
        assert client_for(persona).get(history).status_code == 200
    page = _profile_page(world, client_for, "mentee")
    assert f'href="{history}"' not in page
    assert client_for("mentee").get(history).status_code == 404
