import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_list_shows_only_my_programmes(client_for, world):
    html = client_for("other_programme").get(reverse("schemes:programme_list"))
    html = html.content.decode()
    assert "Elsewhere" in html
    assert "Inclu Test" not in html


def test_the_programme_page_lists_participants_by_role(client_for, world):
    response = client_for("mentor").get(world.programme.get_absolute_url())
    html = response.content.decode()
    headings = ["Coordinator", "Mentor city", "Mentee city", "Association"]
    positions = [html.index(f'card-header fw-semibold">{h}<') for h in headings]
    assert positions == sorted(positions)  # the method's order, not A-Z
    assert "Latvian Association (LALRG)" in html
    assert "You coordinate this programme" not in html


def test_the_programme_page_tells_a_coordinator_so(client_for, world):
    response = client_for("coordinator").get(world.programme.get_absolute_url())
    assert "You coordinate this programme" in response.content.decode()


def test_another_programmes_slug_is_not_found(client_for, world):
    url = world.other_programme.get_absolute_url()
    assert client_for("mentee").get(url).status_code == 404


def test_the_programme_page_query_count_does_not_grow(
    client_for, world, django_assert_max_num_queries
):
    client = client_for("coordinator")
    url = world.programme.get_absolute_url()
    with django_assert_max_num_queries(20) as before:
        client.get(url)
    for _ in range(10):
        factories.ParticipationFactory(programme=world.programme, role="mentor_city")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(url)


def test_people_are_shown_to_members_and_coordinators(client_for, world):
    url = world.mentee_city.get_absolute_url()
    for persona in ["mentee", "coordinator"]:
        html = client_for(persona).get(url).content.decode()
        assert "mentee@example.org" in html, persona


def test_people_are_hidden_from_other_participants(client_for, world):
    html = client_for("mentor").get(world.mentee_city.get_absolute_url())
    assert "mentee@example.org" not in html.content.decode()


def test_the_organisation_page_shows_associations(client_for, world):
    html = client_for("mentee").get(world.mentee_city.get_absolute_url())
    assert "Latvian Association (LALRG)" in html.content.decode()
