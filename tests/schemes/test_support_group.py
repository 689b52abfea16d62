import pytest
from django.urls import reverse

from schemes.models import SupportGroupMember
from schemes.work.models.support import support_group_warnings

pytestmark = pytest.mark.django_db


def _members(n, migrants=0):
    return [
        SupportGroupMember(
            name=f"M{i}", stakeholder_type="ngo", represents_migrants=i < migrants
        )
        for i in range(n)
    ]


def test_no_warning_for_a_group_of_ten_with_migrants():
    assert support_group_warnings(_members(10, migrants=1)) == []


def test_a_warning_above_ten_members():
    warnings = support_group_warnings(_members(11, migrants=2))
    assert len(warnings) == 1 and "11 members" in warnings[0]


def test_a_warning_without_a_migrant_representative():
    warnings = support_group_warnings(_members(3))
    assert len(warnings) == 1 and "represents migrants" in warnings[0]


def test_an_empty_group_has_no_warning():
    assert support_group_warnings([]) == []


def test_the_mentee_adds_members_and_sees_warnings_but_is_not_blocked(
    world, client_for
):
    client = client_for("mentee")
    add = reverse("schemes:support_group_member_add", args=[world.scheme.pk, "jelgava"])
    visit = world.scheme.visits.get(order=1)
    for i in range(10):
        response = client.post(
            add,
            {
                "name": f"Member {i}",
                "stakeholder_type": "ngo",
                "visits_attended": [visit.pk],
            },
        )
        assert response.status_code == 302
    assert (
        world.scheme.support_group_members.filter(city=world.mentee_city).count() == 11
    )
    html = client.get(response.url).content.decode()
    assert "the method recommends no more than 10" in html
    assert "Annex 5" in html
    member = SupportGroupMember.objects.get(name="Member 0")
    assert list(member.visits_attended.all()) == [visit]


def test_visits_of_another_scheme_are_refused(world, client_for):
    from schemes import services

    services.scheme_setup(scheme=world.other_scheme)
    foreign = world.other_scheme.visits.first()
    client = client_for("mentee")
    add = reverse("schemes:support_group_member_add", args=[world.scheme.pk, "jelgava"])
    response = client.post(
        add,
        {"name": "Sneaky", "stakeholder_type": "ngo", "visits_attended": [foreign.pk]},
    )
    assert response.status_code == 200
    assert not SupportGroupMember.objects.filter(name="Sneaky").exists()


def test_a_member_of_another_side_is_not_found(world, client_for):
    url = reverse(
        "schemes:support_group_member_edit",
        args=[world.scheme.pk, "mentor", world.member.pk],
    )
    assert client_for("mentor").get(url).status_code == 404


def test_an_unknown_side_is_not_found(world, client_for):
    url = reverse("schemes:support_group", args=[world.scheme.pk, "both"])
    assert client_for("mentee").get(url).status_code == 404


@pytest.mark.parametrize(
    "visit_id", ["99999999999999999999999", "-9223372036854775809"]
)
def test_an_id_too_large_for_the_database_is_an_invalid_choice(
    world, client_for, visit_id
):
    """SQLite raised OverflowError on it in a ``pk__in`` lookup: a 500."""
    url = reverse(
        "schemes:support_group_member_edit",
        args=[world.scheme.pk, "jelgava", world.member.pk],
    )
    response = client_for("mentee").post(
        url,
        {"name": "Changed", "stakeholder_type": "ngo", "visits_attended": [visit_id]},
    )
    assert response.status_code == 200
    assert "visits_attended" in response.context["form"].errors
    world.member.refresh_from_db()
    assert world.member.name == "Olena"
