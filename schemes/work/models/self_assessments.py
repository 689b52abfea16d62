"""A city's self-assessment against the key factors of its scheme's benchmark:
a document of the scheme.

The models were the benchmarks app's: they keep its tables (``db_table``), so
moving them (schemes migration 0011, benchmarks 0005) moved no row."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from benchmarks.models.frameworks import Benchmark, GuidingQuestion, KeyFactor
from incluportal.documents import DocumentKind, DossierSection, file_rows, register
from incluportal.history import Revisioned, tracked
from incluportal.written import Written
from schemes.network.models.organisations import Membership
from schemes.network.models.programmes import Programme
from schemes.network.models.schemes import Scheme


class Level(models.IntegerChoices):
    """The four-step scale of the method."""

    NOT_IN_PLACE = 0, _("Not in place")
    EMERGING = 1, _("Emerging")
    PARTLY = 2, _("Partly in place")
    FULLY = 3, _("Fully in place")


class AssessmentRound(models.TextChoices):
    BASELINE = "baseline", _("Baseline (start of the scheme)")
    FINAL = "final", _("Final (end of the scheme)")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


# The workflow as data: which status may follow which.
ASSESSMENT_TRANSITIONS = {
    AssessmentStatus.DRAFT: (AssessmentStatus.SUBMITTED,),
    AssessmentStatus.SUBMITTED: (),
}


class SelfAssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Self-assessments of the schemes the user takes part in or
        coordinates; a draft only to its city's people and the coordinators
        (a draft is seen by its authors and the coordinators)."""
        own = Membership.objects.filter(user=user).values("organisation_id")
        coordinated = Programme.objects.coordinated_by(user).values("pk")
        return self.filter(scheme__in=Scheme.objects.visible_to(user)).filter(
            models.Q(status=AssessmentStatus.SUBMITTED)
            | models.Q(city__in=own)
            | models.Q(scheme__programme__in=coordinated)
        )


class SelfAssessment(Written, Revisioned):
    """One city's ratings of every key factor, at the start or end of a scheme."""

    scheme = models.ForeignKey(
        "schemes.Scheme",
        on_delete=models.CASCADE,
        related_name="self_assessments",
        verbose_name=_("scheme"),
    )
    city = models.ForeignKey(
        "schemes.Organisation",
        on_delete=models.PROTECT,
        related_name="self_assessments",
        verbose_name=_("city"),
    )
    benchmark = models.ForeignKey(
        Benchmark,
        on_delete=models.PROTECT,
        related_name="self_assessments",
        verbose_name=_("benchmark"),
    )
    round = models.CharField(
        _("round"),
        max_length=20,
        choices=AssessmentRound,
        default=AssessmentRound.BASELINE,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus,
        default=AssessmentStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = SelfAssessmentQuerySet.as_manager()
    history = tracked(table_name="benchmarks_historicalselfassessment")

    class Meta:
        db_table = "benchmarks_selfassessment"
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["scheme", "city__name", "round"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "city", "round"], name="unique_self_assessment"
            )
        ]

    def __str__(self):
        return f"{self.city} – {self.benchmark} ({self.get_round_display()})"

    def get_absolute_url(self):
        return reverse("schemes:assessment_detail", args=[self.pk])

    def history_children(self):
        answers = {}
        for answer in QuestionAnswer.objects.filter(rating__assessment=self):
            answers.setdefault(answer.rating_id, {})[str(answer.question_id)] = (
                answer.text
            )
        return {
            "ratings": [
                {
                    "key_factor": r.key_factor_id,
                    "level": r.level,
                    "note": r.note,
                    "evidence": r.evidence,
                    "answers": answers.get(r.pk, {}),
                }
                for r in self.ratings.order_by("key_factor_id")
            ]
        }

    @property
    def is_draft(self):
        return self.status == AssessmentStatus.DRAFT


class Rating(models.Model):
    """Where a city stands on one key factor, with its note and evidence."""

    assessment = models.ForeignKey(
        SelfAssessment,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("self-assessment"),
    )
    key_factor = models.ForeignKey(
        KeyFactor,
        on_delete=models.PROTECT,
        related_name="ratings",
        verbose_name=_("key factor"),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True, max_length=5000)
    evidence = models.TextField(_("evidence"), blank=True, max_length=5000)

    class Meta:
        db_table = "benchmarks_rating"
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["assessment", "key_factor__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "key_factor"], name="unique_rating"
            )
        ]

    def __str__(self):
        return f"{self.key_factor}: {self.get_level_display() or '—'}"


class QuestionAnswer(models.Model):
    """The city's answer to one guiding question, written as it rates."""

    rating = models.ForeignKey(
        Rating,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("rating"),
    )
    question = models.ForeignKey(
        GuidingQuestion,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("guiding question"),
    )
    text = models.TextField(_("answer"), blank=True, max_length=5000)

    class Meta:
        db_table = "benchmarks_questionanswer"
        verbose_name = _("answer to a guiding question")
        verbose_name_plural = _("answers to guiding questions")
        ordering = ["rating", "question__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["rating", "question"], name="unique_question_answer"
            )
        ]

    def __str__(self):
        return self.text[:80]


def _assessment_writers(user, assessment):
    """Only the assessed city's own people edit, and only while it is a draft."""
    from schemes import access

    return assessment.is_draft and access.is_member(user, assessment.city)


def _assessments_file(programme, schemes, cities):
    """The schemes' self-assessments, their ratings and the answers to the
    guiding questions."""
    assessments = file_rows(SelfAssessment, scheme__in=schemes)
    ratings = file_rows(Rating, assessment__in=[a.pk for a in assessments])
    answers = file_rows(QuestionAnswer, rating__in=[r.pk for r in ratings])
    return [*assessments, *ratings, *answers]


register(
    DocumentKind(
        key="self-assessment",
        model=SelfAssessment,
        programme_file=_assessments_file,
        author=lambda assessment: assessment.city,
        programme=lambda assessment: assessment.scheme.programme,
        private=lambda assessment: assessment.is_draft,
        writers=_assessment_writers,
        # Submitted is final: nobody reviews a self-assessment.
        transitions=ASSESSMENT_TRANSITIONS,
        history="schemes.work.history.self_assessments.SelfAssessmentHistory",
        history_rows=("ratings",),
        pdf="schemes.pdfs_self_assessment.self_assessment_pdf",
        export="schemes:assessment_pdf",
        # Each submitted one of the scheme, with its chart.
        dossier=DossierSection(
            template="pdf/_self_assessment_body.html",
            sections="schemes.pdfs_self_assessment.self_assessment_dossier",
        ),
    )
)
