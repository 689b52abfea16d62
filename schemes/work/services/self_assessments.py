"""Writes to self-assessments. Each function is atomic and checks its rules."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal import conflicts
from incluportal.conflicts import EditConflict
from incluportal.history import one_record
from incluportal.workflow import transition
from incluportal.written import active_language
from schemes import access
from schemes.models import (
    AssessmentRound,
    AssessmentStatus,
    QuestionAnswer,
    Rating,
    SelfAssessment,
)
from schemes.work.models.self_assessments import ASSESSMENT_TRANSITIONS


@transaction.atomic
def self_assessment_start(*, scheme, city, round, by) -> SelfAssessment:
    """Create a draft self-assessment with an empty rating per key factor."""
    if city not in scheme.cities:
        raise ValidationError(_("Only the scheme's cities assess themselves."))
    access.require_author(by, SelfAssessment(scheme=scheme, city=city))
    if scheme.benchmark is None:
        raise ValidationError(_("This scheme has no benchmark to assess against."))
    benchmark = scheme.benchmark.current_edition
    key_factors = list(benchmark.key_factors.all())
    if not key_factors:
        raise ValidationError(_("This scheme's benchmark has no key factors yet."))
    existing = SelfAssessment.objects.filter(scheme=scheme, city=city)
    if existing.filter(round=round).exists():
        raise ValidationError(_("This self-assessment has been started already."))
    if (
        round == AssessmentRound.FINAL
        and not existing.filter(
            round=AssessmentRound.BASELINE, status=AssessmentStatus.SUBMITTED
        ).exists()
    ):
        raise ValidationError(
            _("Submit the baseline self-assessment before starting the final one.")
        )
    assessment = SelfAssessment(
        scheme=scheme, city=city, benchmark=benchmark, round=round, created_by=by
    )
    assessment.full_clean()
    with one_record(assessment):
        assessment.save()
        Rating.objects.bulk_create(
            Rating(assessment=assessment, key_factor=kf) for kf in key_factors
        )
    return assessment


def _flat(children):
    """A self-assessment's content as {form field name: value}."""
    values = {}
    for rating in (children or {}).get("ratings", []):
        factor = rating["key_factor"]
        values[f"level_{factor}"] = rating["level"]
        values[f"note_{factor}"] = rating["note"]
        values[f"evidence_{factor}"] = rating["evidence"]
        for question, text in rating.get("answers", {}).items():
            values[f"answer_{question}"] = text
    return values


def _labels(assessment):
    labels = {}
    for factor in assessment.benchmark.key_factors.prefetch_related("questions"):
        labels[f"level_{factor.pk}"] = f"{factor} – {_('level')}"
        labels[f"note_{factor.pk}"] = f"{factor} – {_('note')}"
        labels[f"evidence_{factor.pk}"] = f"{factor} – {_('evidence')}"
        for question in factor.questions.all():
            labels[f"answer_{question.pk}"] = f"{factor} – {question.text}"
    return labels


def _merge(assessment, revision, ratings, answers):
    """Merge with a save made since ``revision`` (see ``incluportal.conflicts``);
    returns the ratings and answers to write."""
    mine = {}
    for factor, values in ratings.items():
        for key in ("level", "note", "evidence"):
            mine[f"{key}_{factor}"] = values[key]
    for question, text in answers.items():
        mine[f"answer_{question}"] = text
    saved = _flat(assessment.history_children())
    record = conflicts.base_record(assessment, revision)
    before = _flat(record.children) if record is not None else None

    def base(name):
        if before is None:
            raise LookupError(name)
        return before.get(name, "")

    labels = _labels(assessment)
    merged, differences = conflicts.three_way(
        mine,
        theirs=lambda name: saved.get(name, ""),
        base=base,
        label=lambda name: labels.get(name, name),
    )
    if differences:
        raise EditConflict(current=assessment, differences=differences)
    final = {**saved, **merged}
    ratings = {
        factor: {key: final.get(f"{key}_{factor}") for key in values}
        for factor, values in ratings.items()
    }
    for values in ratings.values():
        values["note"] = values["note"] or ""
        values["evidence"] = values["evidence"] or ""
    answers = {question: final.get(f"answer_{question}", "") for question in answers}
    return ratings, answers


@transaction.atomic
def self_assessment_save(
    *, assessment, ratings, answers, by, revision=None
) -> SelfAssessment:
    """Save levels, notes, evidence and answers of a draft.

    ``ratings``: {key factor id: {"level", "note", "evidence"}};
    ``answers``: {guiding question id: text}. Ids come from the form, which
    only offers this assessment's own key factors and questions. ``revision``
    is the one the form was opened at: someone else's save since then is
    merged, or refused with ``EditConflict``.
    """
    assessment = conflicts.lock(assessment)
    conflicts.after_lock()
    access.require_writer(by, assessment)
    if revision is not None and assessment.revision != revision:
        ratings, answers = _merge(assessment, revision, ratings, answers)
    # Notes, evidence or answers changed: the assessment is in the writer's
    # language now (levels are no text).
    saved_fields = ["updated_at"]
    if _changes_text(assessment, ratings, answers):
        assessment.language = active_language()
        saved_fields.append("language")
    with one_record(assessment):
        by_factor = {r.key_factor_id: r for r in assessment.ratings.all()}
        for factor_id, values in ratings.items():
            rating = by_factor[factor_id]
            rating.level = values["level"]
            rating.note = values["note"]
            rating.evidence = values["evidence"]
            rating.full_clean(exclude=["assessment", "key_factor"])
        Rating.objects.bulk_update(by_factor.values(), ["level", "note", "evidence"])

        question_factor = dict(
            assessment.benchmark.key_factors.values_list("questions__id", "id")
        )
        existing = {
            a.question_id: a
            for a in QuestionAnswer.objects.filter(rating__assessment=assessment)
        }
        to_create, to_update = [], []
        for question_id, text in answers.items():
            if question_id in existing:
                existing[question_id].text = text
                to_update.append(existing[question_id])
            elif text:
                to_create.append(
                    QuestionAnswer(
                        rating=by_factor[question_factor[question_id]],
                        question_id=question_id,
                        text=text,
                    )
                )
        QuestionAnswer.objects.bulk_create(to_create)
        QuestionAnswer.objects.bulk_update(to_update, ["text"])
        assessment.save(update_fields=saved_fields)
    return assessment


def _changes_text(assessment, ratings, answers):
    saved = _flat(assessment.history_children())
    posted = {
        f"{key}_{factor}": values[key]
        for factor, values in ratings.items()
        for key in ("note", "evidence")
    }
    posted.update({f"answer_{question}": text for question, text in answers.items()})
    return any((text or "") != (saved.get(name) or "") for name, text in posted.items())


@transaction.atomic
def self_assessment_submit(*, assessment, by) -> SelfAssessment:
    """Submit a complete draft; it is read-only from then on."""
    access.require_author(by, assessment)
    transition(assessment, ASSESSMENT_TRANSITIONS, AssessmentStatus.SUBMITTED)
    missing = [
        str(r.key_factor)
        for r in assessment.ratings.select_related("key_factor")
        if r.level is None
    ]
    if missing:
        raise ValidationError(
            _("Rate every key factor before submitting. Not rated yet: %(list)s.")
            % {"list": "; ".join(missing)}
        )
    assessment.submitted_by = by
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_by", "submitted_at"])
    return assessment


class SubmittedAssessments:
    """What a benchmark's earlier edition keeps: the submitted
    self-assessments made against the benchmark as it is now (registered with
    ``benchmarks.services.register_edition_user`` in ``SchemesConfig.ready``)."""

    def uses(self, benchmark):
        """The submitted self-assessments on ``benchmark`` (their ids)."""
        return list(
            SelfAssessment.objects.filter(
                benchmark=benchmark, status=AssessmentStatus.SUBMITTED
            ).values_list("pk", flat=True)
        )

    def move(self, used, *, earlier, factors, questions):
        """Move the assessments ``used`` (from ``uses``), their ratings,
        answers and history to ``earlier``, given {old id: copy's id} of the
        key factors and guiding questions."""
        submitted = used
        # Queryset updates: moving is not an edit, so no revision or record.
        SelfAssessment.objects.filter(pk__in=submitted).update(benchmark=earlier)
        for old, new in factors.items():
            Rating.objects.filter(assessment__in=submitted, key_factor=old).update(
                key_factor=new
            )
        for old, new in questions.items():
            QuestionAnswer.objects.filter(
                rating__assessment__in=submitted, question=old
            ).update(question=new)
        # Their history names the key factors and questions by id: the copies.
        for record in SelfAssessment.history.filter(id__in=submitted):
            record.benchmark_id = earlier.pk
            for rating in (record.children or {}).get("ratings", []):
                rating["key_factor"] = factors.get(
                    rating["key_factor"], rating["key_factor"]
                )
                rating["answers"] = {
                    str(questions.get(int(q), q)): text
                    for q, text in rating.get("answers", {}).items()
                }
            record.save(update_fields=["benchmark", "children"])


submitted_assessments = SubmittedAssessments()
