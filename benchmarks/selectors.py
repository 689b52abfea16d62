"""Reads scoped to a user, for benchmarks."""

from benchmarks.models import Benchmark

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
    # The programme model by the string reference of Benchmark.programme: the
    # benchmarks app imports nothing of the schemes app.
    programmes = Benchmark._meta.get_field("programme").related_model
    return current.filter(programme__in=programmes.objects.coordinated_by(user))


def user_manages_benchmarks(user):
    return benchmarks_editable_by(user).exists()
