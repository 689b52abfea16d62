"""Reads of self-assessments, scoped to a user (see ``schemes.selectors``)."""

from django.shortcuts import get_object_or_404

from schemes.models import AssessmentRound, AssessmentStatus, Rating, SelfAssessment


def assessment_get_for_user(*, user, pk) -> SelfAssessment:
    return get_object_or_404(
        SelfAssessment.objects.visible_to(user).select_related(
            "scheme__mentee_city",
            "scheme__benchmark",
            "scheme__programme",
            "city",
            "benchmark",
        ),
        pk=pk,
    )


def latest_submitted(scheme, city, round=None):
    if city is None:
        return None
    qs = SelfAssessment.objects.filter(
        scheme=scheme, city=city, status=AssessmentStatus.SUBMITTED
    ).select_related("city")
    if round:
        qs = qs.filter(round=round)
    return qs.order_by("-submitted_at").first()


def compared(assessment):
    """What an assessment is compared with, on its page and in its PDF:
    ``(assessments, baseline)``, the assessment first, then the same round of
    each of the scheme's other cities (where submitted) and, for a final
    assessment, the city's own submitted baseline (also ``baseline``)."""
    scheme = assessment.scheme
    others = [
        latest_submitted(scheme, city, round=assessment.round)
        for city in scheme.cities
        if city.pk != assessment.city_id
    ]
    baseline = None
    if assessment.round == AssessmentRound.FINAL:
        baseline = latest_submitted(
            scheme, assessment.city, round=AssessmentRound.BASELINE
        )
    assessments = [a for a in [assessment, *others, baseline] if a is not None]
    return assessments, baseline


def levels_by_key_factor(assessments):
    """{(assessment pk, key factor number): level} for ``assessments``, in
    one query (assessments of other editions match by number)."""
    return {
        (assessment, number): level
        for assessment, number, level in Rating.objects.filter(
            assessment__in=assessments
        ).values_list("assessment_id", "key_factor__number", "level")
    }
