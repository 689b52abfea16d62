"""The writes that pages made themselves, now services: each checks who may
write, validates before it saves, and writes all of it or nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from benchmarks.models import Benchmark
from incluportal.history import links
from schemes import services
from schemes.models import GoodPractice, Scheme, SupportGroupMember
from schemes.network.models.programmes import ParticipationRole
from tests import factories

pytestmark = pytest.mark.django_db


def test_only_a_sides_people_keep_its_support_group(world):
    values = {"name": "Ana", "stakeholder_type": "ngo", "visits_attended": []}
    for persona in ("mentor", "coordinator", "association", "other_scheme"):
        with pytest.raises(PermissionDenied):
            services.support_group_member_create(
                scheme=world.scheme,
                city=world.scheme.mentee_city,
                values=values,
                by=world.users[persona],
            )
        with pytest.raises(PermissionDenied):
            services.support_group_member_update(
                member=world.member, values={"name": "X"}, by=world.users[persona]
            )
        with pytest.raises(PermissionDenied):
            services.support_group_member_delete(
                member=world.member, by=world.users[persona]
            )
    visit = world.scheme.visits.order_by("order").first()
    member = services.support_group_member_create(
        scheme=world.scheme,
        city=world.scheme.mentee_city,
        values={**values, "visits_attended": [visit]},
        by=world.users["mentee"],
    )
    assert list(member.visits_attended.all()) == [visit]
    # The first record holds the visits, written after the member.
    assert links(member.history.get())["visits_attended"] == [visit.pk]
    services.support_group_member_delete(member=member, by=world.users["mentee"])
    assert not SupportGroupMember.objects.filter(pk=member.pk).exists()


def test_a_support_group_member_is_validated_before_it_is_saved(world):
    count = SupportGroupMember.objects.count()
    with pytest.raises(ValidationError):
        services.support_group_member_create(
            scheme=world.scheme,
            city=world.scheme.mentee_city,
            values={"name": "", "stakeholder_type": "not-a-type"},
            by=world.users["mentee"],
        )
    assert SupportGroupMember.objects.count() == count


def test_a_good_practice_is_written_by_its_citys_people(world):
    values = {"title": "Buddy scheme", "themes": [world.benchmark.theme]}
    for persona in ("mentee", "coordinator", "association"):
        with pytest.raises(PermissionDenied):
            services.good_practice_create(
                city=world.mentor_city, values=values, by=world.users[persona]
            )
    practice = services.good_practice_create(
        city=world.mentor_city, values=values, by=world.users["mentor"]
    )
    assert practice.updated_by == world.users["mentor"]
    assert list(practice.themes.all()) == [world.benchmark.theme]
    assert links(practice.history.get())["themes"] == [world.benchmark.theme.pk]


def test_criteria_ratings_need_an_editor_and_a_valid_level(world):
    areas = list(
        Benchmark.objects.get(slug="unhcr-good-practice-criteria").key_factors.all()
    )
    practice = world.draft_practice
    with pytest.raises(PermissionDenied):
        services.good_practice_criteria_save(
            practice=practice, ratings={areas[0]: (2, "")}, by=world.users["mentee"]
        )
    with pytest.raises(ValidationError):
        services.good_practice_criteria_save(
            practice=practice,
            ratings={areas[0]: (2, "Fine"), areas[1]: (9, "Off the scale")},
            by=world.users["mentor"],
        )
    assert not practice.criteria.exists()  # all or nothing
    services.good_practice_criteria_save(
        practice=practice,
        ratings={areas[0]: (2, "Fine"), areas[1]: (None, "")},
        by=world.users["mentor"],
    )
    services.good_practice_criteria_save(
        practice=practice, ratings={areas[0]: (3, "Better")}, by=world.users["mentor"]
    )
    assert dict(practice.criteria.values_list("criteria_area", "level")) == {
        areas[0].pk: 3,
        areas[1].pk: None,
    }
    assert GoodPractice.history.filter(id=practice.pk).first().history_change_reason


def test_proposed_schemes_are_created_all_or_none(world):
    coordinator = world.users["coordinator"]
    mentees = [factories.CityFactory(slug=f"mentee-{n}") for n in range(2)]
    for city in mentees:
        factories.ParticipationFactory(
            programme=world.programme,
            organisation=city,
            role=ParticipationRole.MENTEE_CITY,
        )
    count = Scheme.objects.count()
    with pytest.raises(PermissionDenied):
        services.schemes_create_proposed(
            programme=world.programme,
            pairs=[(mentees[0], world.mentor_city, None)],
            by=world.users["mentee"],
        )
    with pytest.raises(ValidationError):
        services.schemes_create_proposed(
            programme=world.programme,
            pairs=[
                (mentees[0], world.mentor_city, None),
                (mentees[1], world.other_city, None),  # not of this programme
            ],
            by=coordinator,
        )
    assert Scheme.objects.count() == count
    created = services.schemes_create_proposed(
        programme=world.programme,
        pairs=[(city, world.mentor_city, world.benchmark) for city in mentees],
        by=coordinator,
    )
    assert [s.theme for s in created] == [world.benchmark.theme] * 2
    assert all(s.needs_analysis and s.action_plan for s in created)


def test_only_a_coordinator_sets_the_programmes_two_factor_rule(world):
    for persona in ("mentee", "other_coordinator"):
        with pytest.raises(PermissionDenied):
            services.programme_set_two_factor(
                programme=world.programme, required=True, by=world.users[persona]
            )
    services.programme_set_two_factor(
        programme=world.programme, required=True, by=world.users["coordinator"]
    )
    world.programme.refresh_from_db()
    assert world.programme.require_two_factor
