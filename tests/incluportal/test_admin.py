import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

ADMIN_LISTS = [
    "admin:incluportal_user_changelist",
    "admin:schemes_organisation_changelist",
    "admin:schemes_city_changelist",
    "admin:schemes_association_changelist",
    "admin:schemes_partner_changelist",
    "admin:schemes_programme_changelist",
    "admin:schemes_participation_changelist",
    "admin:schemes_membership_changelist",
]


@pytest.mark.parametrize("url_name", ADMIN_LISTS)
def test_staff_can_open_every_admin_list(client, world, url_name):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("persona", ["coordinator", "mentee", "other_programme"])
def test_people_without_staff_status_are_sent_to_the_admin_sign_in(
    client_for, world, persona
):
    response = client_for(persona).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url
