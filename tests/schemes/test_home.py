"""The home page: signed out, what the portal is and the way in; signed in,
the person's programmes and schemes."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_signed_out_it_says_what_the_portal_is_and_links_to_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "IncluCities method" in html
    assert "mentor city helps a less experienced mentee city" in html
    assert "Who it is for" in html
    assert f'href="{reverse("login")}"' in html


def test_signed_in_it_shows_the_persons_schemes_not_the_introduction(world, client_for):
    html = client_for("mentee").get(reverse("home")).content.decode()
    assert "Your mentoring schemes" in html and world.scheme.title in html
    assert "Who it is for" not in html
