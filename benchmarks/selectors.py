"""Reads scoped to a user, for benchmarks and self-assessments."""

from django.shortcuts import get_object_or_404

from benchmarks.models import AssessmentStatus, SelfAssessment
from schemes import selectors as schemes_selectors
from schemes.models import Programme, Scheme


def user_manages_benchmarks(user):
    """Benchmark content is edited by programme coordinators (and staff)."""
    if not user.is_authenticated:
        return False
    return user.is_staff or Programme.objects.coordinated_by(user).exists()


def scheme_get_for_user(*, user, pk) -> Scheme:
    return schemes_selectors.scheme_get_for_user(user=user, pk=pk)


def assessment_get_for_user(*, user, pk) -> SelfAssessment:
    return get_object_or_404(
        SelfAssessment.objects.visible_to(user).select_related(
            "scheme__mentee_city",
            "scheme__mentor_city",
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
