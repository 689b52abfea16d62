import pytest
from django.urls import reverse

from schemes.network.models.programmes import ParticipationRole
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_lists_my_programmes_with_my_role(client_for, world):
    response = client_for("mentee").get(reverse("home"))
    html = response.content.decode()
    assert "Inclu Test" in html
    assert 'Mentee city</span> <span class="small">Jelgava' in html
    assert "Elsewhere" not in html


def test_its_title_is_a_title_and_its_schemes_are_listed_once(client_for, world):
    html = client_for("mentee").get(reverse("home")).content.decode()
    assert "<title>Home · IncluPortal</title>" in html
    assert html.count("Your mentoring schemes") == 1


def test_it_tells_a_user_without_programmes_what_to_do(client):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("home"))
    assert "You do not take part in any programme yet" in response.content.decode()


def _add_programmes(user, count):
    for _ in range(count):
        city = factories.CityFactory()
        factories.MembershipFactory(user=user, organisation=city)
        factories.ParticipationFactory(
            organisation=city, role=ParticipationRole.MENTOR_CITY
        )


def test_its_query_count_does_not_grow_with_programmes(
    client, django_assert_num_queries
):
    user = factories.UserFactory()
    client.force_login(user)
    _add_programmes(user, 2)
    with django_assert_num_queries(6) as small:
        client.get(reverse("home"))
    _add_programmes(user, 10)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("home"))
    assert response.content.decode().count('class="card h-100 portal-card"') == 12
