import pytest
from django.contrib.auth.models import AnonymousUser

from schemes.models import MentorProfile, Organisation, Programme
from tests import factories
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db


def test_participants_see_their_programme_only(world):
    for persona in ["coordinator", "mentee", "mentor", "association"]:
        visible = Programme.objects.visible_to(world.users[persona])
        assert list(visible) == [world.programme], persona


def test_a_user_of_another_programme_sees_nothing_of_this_one(world):
    visible = Programme.objects.visible_to(world.users["other_programme"])
    assert list(visible) == [world.other_programme]


def test_anonymous_sees_no_programme(world):
    assert not Programme.objects.visible_to(AnonymousUser()).exists()


def test_only_members_of_the_coordinating_body_coordinate(world):
    assert list(Programme.objects.coordinated_by(world.users["coordinator"])) == [
        world.programme
    ]
    for persona in ["mentee", "mentor", "association", "other_coordinator"]:
        assert world.programme not in Programme.objects.coordinated_by(
            world.users[persona]
        ), persona


def test_a_superuser_sees_every_programme(world):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    assert set(Programme.objects.visible_to(admin)) == {
        world.programme,
        world.other_programme,
    }


def test_organisations_of_other_programmes_are_hidden(world):
    visible = Organisation.objects.visible_to(world.users["mentee"])
    assert world.mentor_city in visible
    assert world.other_city not in visible


def test_a_user_sees_their_own_organisation_even_outside_programmes(db):
    lonely = factories.CityFactory()
    user = factories.UserFactory()
    factories.MembershipFactory(user=user, organisation=lonely)
    assert list(Organisation.objects.visible_to(user)) == [lonely]


def test_membership_in_two_programmes_does_not_duplicate_rows(world):
    user = world.users["mentee"]
    factories.ParticipationFactory(
        programme=world.other_programme, organisation=world.mentee_city, role="city"
    )
    assert Programme.objects.visible_to(user).count() == 2


def test_a_draft_mentor_profiles_page_opens_to_those_who_work_with_the_city(world):
    """Its readers open it; so do the people of the city's schemes and the
    association writing its Part C, who see "not shared yet" until it is
    submitted; nobody else."""
    profile = MentorProfile.objects.get(
        programme=world.programme, city=world.mentor_city
    )
    assert profile.status == "draft"
    opens, reads = set(), set()
    for persona in PERSONAS:
        user = AnonymousUser() if persona == "anonymous" else world.users[persona]
        if MentorProfile.objects.pages_visible_to(user).filter(pk=profile.pk):
            opens.add(persona)
        if MentorProfile.objects.visible_to(user).filter(pk=profile.pk):
            reads.add(persona)
    assert reads == {"coordinator", "mentor"}
    assert reads < opens
    assert {"mentee", "mentor_association"} <= opens
    assert not {"anonymous", "other_programme", "other_coordinator"} & opens
