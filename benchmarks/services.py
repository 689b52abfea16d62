"""Writes to benchmarks. Each function is atomic and checks its rules."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from benchmarks.models import Benchmark
from benchmarks.selectors import benchmarks_editable_by

# What an earlier edition keeps: objects with ``uses(benchmark)`` (what
# submitted work was made against the benchmark as it is now, falsy for
# nothing) and ``move(used, earlier=, factors=, questions=)`` (move it to the
# earlier edition, given {old id: copy's id} of the key factors and guiding
# questions). The benchmarks app names no app that uses it: the schemes app
# registers its self-assessments (``SchemesConfig.ready``).
EDITION_USERS = []


def register_edition_user(user):
    """Add ``user`` (see ``EDITION_USERS``) once."""
    if user not in EDITION_USERS:
        EDITION_USERS.append(user)
    return user


def _copy(obj, **changes):
    """Save a copy of ``obj`` as a new row, with ``changes``."""
    obj.pk = None
    obj._state.adding = True
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def _earlier_slug(benchmark):
    suffix = f"-edition-{benchmark.edition}"
    slug = benchmark.slug[: 80 - len(suffix)] + suffix
    taken = Benchmark.objects.filter(slug__startswith=slug).values_list(
        "slug", flat=True
    )
    extra = 1
    while slug in taken:  # another benchmark's slug ends the same way
        extra += 1
        slug = f"{benchmark.slug[: 80 - len(suffix) - 4]}{suffix}-{extra}"
    return slug


@transaction.atomic
def benchmark_new_edition(*, benchmark, by) -> Benchmark | None:
    """Call before changing ``benchmark``: keep what submitted self-assessments
    were assessed against.

    If submitted self-assessments use it, its content as it is now (text,
    contextual factors, key factors, questions, examples) is copied into an
    earlier edition, a new row linked to it (``edition_of``); those
    assessments, their ratings and answers and their history move to the
    copy; and ``benchmark`` becomes the next edition, which the caller then
    changes. It keeps its address, schemes, drafts and links, so new
    assessments use the newest edition. Returns the earlier edition, or None
    when nothing submitted uses the benchmark (it is changed in place).
    """
    benchmark = Benchmark.objects.select_for_update().get(pk=benchmark.pk)
    if not benchmarks_editable_by(by).filter(pk=benchmark.pk).exists():
        raise PermissionDenied
    used = [(user, user.uses(benchmark)) for user in EDITION_USERS]
    used = [(user, what) for user, what in used if what]
    if not used:
        return None
    earlier = _copy(
        Benchmark.objects.get(pk=benchmark.pk),
        slug=_earlier_slug(benchmark),
        edition_of=benchmark,
    )
    for factor in benchmark.contextual_factors.all():
        _copy(factor, benchmark=earlier)
    factors, questions = {}, {}
    for factor in benchmark.key_factors.prefetch_related("questions", "examples"):
        old_pk, parts = factor.pk, (factor.questions.all(), factor.examples.all())
        factors[old_pk] = _copy(factor, benchmark=earlier).pk
        for question in parts[0]:
            old_question = question.pk
            questions[old_question] = _copy(question, key_factor_id=factors[old_pk]).pk
        for example in parts[1]:
            _copy(example, key_factor_id=factors[old_pk])

    for user, what in used:
        user.move(what, earlier=earlier, factors=factors, questions=questions)

    benchmark.edition += 1
    benchmark.full_clean()
    benchmark.save(update_fields=["edition"])
    return earlier
