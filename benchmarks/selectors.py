"""Reads scoped to a user, for benchmarks and self-assessments."""

from django.shortcuts import get_object_or_404

from benchmarks.models import AssessmentStatus, Benchmark, SelfAssessment
from schemes import selectors as schemes_selectors
from schemes.models import Programme, Scheme

# The portal's editors: whoever holds this permission (given in the admin,
# e.g. to an "Editors" group) changes every benchmark, shared or not.
EDITOR_PERMISSION = "benchmarks.change_benchmark"


def benchmarks_editable_by(user):
    """The benchmarks ``user`` may change: the one rule for the import, the
    export, the admin and the links to them.

    A benchmark of a programme (``Benchmark.programme``) is changed by that
    programme's coordinators and the portal's editors; a shared one (no
    programme, such as those the portal ships) by the editors alone. Earlier
    editions are never changed: they are what past self-assessments were
    assessed against.
    """
    current = Benchmark.objects.current()
    if not user.is_authenticated:
        return current.none()
    if user.has_perm(EDITOR_PERMISSION):
        return current
    return current.filter(programme__in=Programme.objects.coordinated_by(user))


def user_manages_benchmarks(user):
    return benchmarks_editable_by(user).exists()


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
