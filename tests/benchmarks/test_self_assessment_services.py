import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from schemes.models import AssessmentStatus, Level, Rating, SelfAssessment
from schemes.work.services import self_assessments as services
from tests import factories

pytestmark = pytest.mark.django_db


def _rate_all(assessment, user, level=Level.PARTLY):
    ratings = {
        r.key_factor_id: {"level": level, "note": "", "evidence": ""}
        for r in assessment.ratings.all()
    }
    services.self_assessment_save(
        assessment=assessment, ratings=ratings, answers={}, by=user
    )


def test_starting_creates_an_empty_rating_per_key_factor(world):
    assert world.assessment.status == AssessmentStatus.DRAFT
    assert world.assessment.ratings.count() == 5
    assert not world.assessment.ratings.exclude(level=None).exists()


def test_only_the_citys_own_people_start_its_assessment(world):
    with pytest.raises(PermissionDenied):
        services.self_assessment_start(
            scheme=world.scheme,
            city=world.mentor_city,
            round="baseline",
            by=world.users["mentee"],
        )


def test_a_city_outside_the_scheme_cannot_be_assessed_in_it(world):
    with pytest.raises(ValidationError):
        services.self_assessment_start(
            scheme=world.scheme,
            city=world.other_city,
            round="baseline",
            by=world.users["other_programme"],
        )


def test_the_same_round_cannot_start_twice(world):
    with pytest.raises(ValidationError, match="started already"):
        services.self_assessment_start(
            scheme=world.scheme,
            city=world.mentee_city,
            round="baseline",
            by=world.users["mentee"],
        )


def test_the_final_round_waits_for_a_submitted_baseline(world):
    with pytest.raises(ValidationError, match="baseline"):
        services.self_assessment_start(
            scheme=world.scheme,
            city=world.mentee_city,
            round="final",
            by=world.users["mentee"],
        )
    _rate_all(world.assessment, world.users["mentee"])
    services.self_assessment_submit(
        assessment=world.assessment, by=world.users["mentee"]
    )
    final = services.self_assessment_start(
        scheme=world.scheme,
        city=world.mentee_city,
        round="final",
        by=world.users["mentee"],
    )
    assert final.round == "final"


def test_a_scheme_without_benchmark_has_nothing_to_assess(world):
    world.scheme.benchmark = None
    world.scheme.save()
    with pytest.raises(ValidationError, match="no benchmark"):
        services.self_assessment_start(
            scheme=world.scheme,
            city=world.mentor_city,
            round="baseline",
            by=world.users["mentor"],
        )


def test_submitting_needs_every_key_factor_rated(world):
    user = world.users["mentee"]
    first = world.assessment.ratings.order_by("key_factor__number").first()
    services.self_assessment_save(
        assessment=world.assessment,
        ratings={first.key_factor_id: {"level": 3, "note": "", "evidence": ""}},
        answers={},
        by=user,
    )
    with pytest.raises(ValidationError, match="Not rated yet"):
        services.self_assessment_submit(assessment=world.assessment, by=user)
    world.assessment.refresh_from_db()
    assert world.assessment.status == AssessmentStatus.DRAFT


def test_a_submitted_assessment_is_read_only(world):
    user = world.users["mentee"]
    _rate_all(world.assessment, user)
    services.self_assessment_submit(assessment=world.assessment, by=user)
    world.assessment.refresh_from_db()
    assert world.assessment.submitted_by == user
    with pytest.raises(PermissionDenied):
        _rate_all(world.assessment, user, level=Level.FULLY)
    with pytest.raises(ValidationError):
        services.self_assessment_submit(assessment=world.assessment, by=user)
    assert set(
        Rating.objects.filter(assessment=world.assessment).values_list(
            "level", flat=True
        )
    ) == {Level.PARTLY}


def test_answers_are_saved_per_guiding_question(world):
    user = world.users["mentee"]
    kf = world.benchmark.key_factors.get(number=1)
    question = kf.questions.first()
    services.self_assessment_save(
        assessment=world.assessment,
        ratings={},
        answers={question.pk: "Yes, since 2021."},
        by=user,
    )
    services.self_assessment_save(
        assessment=world.assessment,
        ratings={},
        answers={question.pk: "Yes, since 2022."},
        by=user,
    )
    rating = world.assessment.ratings.get(key_factor=kf)
    assert [a.text for a in rating.answers.all()] == ["Yes, since 2022."]


def test_each_city_has_its_own_assessment(world):
    mentor_assessment = services.self_assessment_start(
        scheme=world.scheme,
        city=world.mentor_city,
        round="baseline",
        by=world.users["mentor"],
    )
    assert SelfAssessment.objects.filter(scheme=world.scheme).count() == 2
    assert mentor_assessment.benchmark == world.benchmark


def test_key_factors_of_another_benchmark_are_not_in_the_form(world, client_for):
    foreign = factories.benchmark_with_factors(count=3)
    foreign_kf = foreign.key_factors.first()
    client = client_for("mentee")
    url = f"/self-assessments/{world.assessment.pk}/edit/"
    response = client.post(url, {f"level_{foreign_kf.pk}": "3", "save": "1"})
    assert response.status_code == 302
    assert not Rating.objects.filter(key_factor=foreign_kf).exists()
