"""Reads of self-assessments, scoped to a user (see ``schemes.selectors``)."""

from django.shortcuts import get_object_or_404

from schemes.models import AssessmentStatus, SelfAssessment


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
