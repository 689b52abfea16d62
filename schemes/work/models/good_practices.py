"""Annex 4: a city's good practice, rated against the criteria of a
framework; the practices form the network's library."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incluportal.documents import DocumentKind, file_rows, register
from schemes.network.models.organisations import Organisation, OrganisationKind
from schemes.network.models.programmes import Participation
from schemes.work import annexes
from schemes.work.models.documents import (
    DOCUMENT_TRANSITIONS,
    SHARED_STATUSES,
    GoodPracticeAnswers,
    WorkflowDocument,
    author_edits,
    coordinated_programmes,
    own_organisations,
)


def _city_coordinator_reviews(user, document):
    from schemes import access

    return access.coordinates_city(user, document.city)


class GoodPracticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Shared public practices for every signed-in user; every practice,
        draft or not, for the owning city and the coordinators of its
        programmes."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        # Subqueries, not joins: a practice appears once without DISTINCT,
        # which on a library of thousands would sort every row, text and all.
        own = own_organisations(user)
        coordinated = Participation.objects.filter(
            programme__in=coordinated_programmes(user)
        ).values("organisation_id")
        return self.filter(
            models.Q(is_public=True, status__in=SHARED_STATUSES)
            | models.Q(city__in=own)
            | models.Q(city__in=coordinated)
        )


class GoodPractice(WorkflowDocument, GoodPracticeAnswers):
    """Annex 4: a good practice, for the network's library."""

    city = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="good_practices",
        limit_choices_to={"kind": OrganisationKind.CITY},
        verbose_name=_("city"),
    )
    themes = models.ManyToManyField(
        "benchmarks.Theme",
        blank=True,
        related_name="good_practices",
        verbose_name=_("themes"),
    )
    key_factors = models.ManyToManyField(
        "benchmarks.KeyFactor",
        blank=True,
        related_name="good_practices",
        verbose_name=_("key factors it illustrates"),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True
    )
    is_public = models.BooleanField(
        _("public in the network's library"),
        default=True,
        help_text=_("Once submitted, every signed-in user of the portal can find it."),
    )

    PARTS = annexes.GOOD_PRACTICE.parts
    # Its links, in each historical record (simple-history's ``m2m_fields``).
    _history_m2m_fields = ["themes", "key_factors"]

    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title or str(_("Untitled good practice"))

    def get_absolute_url(self):
        return reverse("schemes:good_practice_detail", args=[self.pk])

    @property
    def author(self):
        return self.city

    def clean(self):
        if self.start_year and not 1900 <= self.start_year <= 2100:
            raise ValidationError({"start_year": _("Enter a year such as 2019.")})

    def history_children(self):
        return {
            "criteria": [
                {"area": c.criteria_area_id, "level": c.level, "comment": c.comment}
                for c in self.criteria.order_by("criteria_area_id")
            ],
        }

    def link_list(self):
        """The links of GP-12, one a line."""
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class GoodPracticeCriterion(models.Model):
    """How a good practice meets one of the UNHCR good-practice criteria areas."""

    good_practice = models.ForeignKey(
        GoodPractice,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("good practice"),
    )
    criteria_area = models.ForeignKey(
        "benchmarks.KeyFactor",
        on_delete=models.PROTECT,
        related_name="good_practice_criteria",
        verbose_name=_("criteria area"),
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=[
            (0, _("Not met")),
            (1, _("Partly met")),
            (2, _("Largely met")),
            (3, _("Fully met")),
        ],
        null=True,
        blank=True,
    )
    comment = models.TextField(_("comment"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("good-practice criterion")
        verbose_name_plural = _("good-practice criteria")
        ordering = ["good_practice", "criteria_area__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["good_practice", "criteria_area"],
                name="unique_good_practice_criterion",
            )
        ]

    def __str__(self):
        return f"{self.good_practice} – {self.criteria_area}"


def _practices_file(programme, schemes, cities):
    """The practices of the programme's cities, with their criteria."""
    practices = file_rows(GoodPractice, city__in=cities)
    return [
        *practices,
        *file_rows(GoodPracticeCriterion, good_practice__in=[p.pk for p in practices]),
    ]


register(
    DocumentKind(
        key="good-practice",
        model=GoodPractice,
        programme_file=_practices_file,
        author=lambda document: document.author,
        # A practice belongs to its city, not to one programme: the
        # coordinators of every programme the city takes part in read and
        # review it (see GoodPracticeQuerySet and ``reviewers``).
        programme=lambda document: None,
        writers=author_edits,
        reviewers=_city_coordinator_reviews,
        annex=annexes.GOOD_PRACTICE,
        transitions=DOCUMENT_TRANSITIONS,
        history="schemes.work.history.good_practices.GoodPracticeHistory",
        history_rows=("criteria",),
        pdf="schemes.pdfs.good_practice_pdf",
        export="schemes:good_practice_pdf",
    )
)
