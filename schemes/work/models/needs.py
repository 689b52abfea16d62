"""Annex 2: the mentee city's needs analysis (parts A and B) and a city's
national context (part C, written by its association)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from incluportal.documents import DossierSection, file_rows, register
from schemes.network.models.organisations import Organisation, OrganisationKind
from schemes.network.models.programmes import Programme
from schemes.network.models.schemes import SchemeStage, learner_q, participant_q
from schemes.work import annexes
from schemes.work.models.documents import (
    SHARED_STATUSES,
    LocalContextAnswers,
    NationalContextAnswers,
    NeedsAnswers,
    WorkflowDocument,
    annex_document_kind,
    city_in_a_scheme_with,
    coordinated_programmes,
    own_organisations,
    scheme_learners,
)
from schemes.work.models.hooks import (
    by_city,
    one_per_city,
    one_per_scheme,
    status_column,
)


class NeedsAnalysisQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The mentee city and the programme's coordinators always; the
        scheme's other participants once it is submitted or approved."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        own = own_organisations(user)
        return self.filter(
            learner_q(own, "scheme__")
            | models.Q(scheme__programme__in=coordinated_programmes(user))
            | models.Q(participant_q(own, "scheme__"), status__in=SHARED_STATUSES)
        )


class NeedsAnalysis(WorkflowDocument, NeedsAnswers, LocalContextAnswers):
    """Annex 2, parts A and B: written by the mentee city."""

    scheme = models.OneToOneField(
        "schemes.Scheme",
        on_delete=models.CASCADE,
        related_name="needs_analysis",
        verbose_name=_("scheme"),
    )

    PARTS = annexes.NEEDS_ANALYSIS.parts[:2]

    objects = NeedsAnalysisQuerySet.as_manager()

    class Meta:
        verbose_name = _("needs analysis")
        verbose_name_plural = _("needs analyses")

    def __str__(self):
        return _("Needs analysis of %(city)s") % {"city": self.scheme.mentee_city}

    def get_absolute_url(self):
        return reverse("schemes:needs_analysis", args=[self.scheme_id])

    @property
    def author(self):
        return self.scheme.mentee_city

    @property
    def programme(self):
        return self.scheme.programme


def _needs_overdue(scheme, needs, today):
    """A step past the matching reached (``scheme.progress``, the dashboard's)
    while the needs analysis waits."""
    early = (SchemeStage.NEEDS_ANALYSIS, SchemeStage.MATCHING)
    steps = [step for step in scheme.progress.steps if step.key not in early]
    if needs is not None and needs.is_editable and any(s.reached for s in steps):
        return [gettext("Needs analysis not submitted")]
    return []


def _needs_file(programme, schemes, cities):
    return file_rows(NeedsAnalysis, scheme__in=schemes)


register(
    annex_document_kind(
        key="needs-analysis",
        model=NeedsAnalysis,
        co_authors=scheme_learners,
        annex=annexes.NEEDS_ANALYSIS,
        history="schemes.work.history.documents.NeedsAnalysisHistory",
        pdf="schemes.pdfs.needs_analysis_pdf",
        export="schemes:needs_analysis_pdf",
        setup=one_per_scheme(NeedsAnalysis),
        dashboard=status_column(
            _("Needs analysis"),
            _("Needs analysis, parts A and B"),
            related="needs_analysis",
            overdue=_needs_overdue,
        ),
        # With its Part C, the mentee city's national context.
        dossier=DossierSection(
            template="pdf/_needs_analysis_body.html",
            sections="schemes.pdfs.needs_analysis_dossier",
        ),
        scheme_page="schemes.selectors.needs_analysis_entries",
        programme_file=_needs_file,
    )
)


class NationalContextQuerySet(models.QuerySet):
    def for_city(self, programme, city):
        return self.filter(programme=programme, city=city).first()

    def visible_to(self, user):
        """The association and the programme's coordinators always; once it
        is submitted or approved, everyone in a scheme of the programme where
        the city takes part."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        own = own_organisations(user)
        return self.filter(
            models.Q(association__in=own)
            | models.Q(programme__in=coordinated_programmes(user))
            | models.Q(city_in_a_scheme_with(own), status__in=SHARED_STATUSES)
        )


class NationalContext(WorkflowDocument, NationalContextAnswers):
    """Part C of Annexes 2 and 3: a city's national context, by its association."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="national_contexts",
        verbose_name=_("programme"),
    )
    city = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="national_contexts",
        limit_choices_to={"kind": OrganisationKind.CITY},
        verbose_name=_("city"),
    )
    association = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="national_contexts_written",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
        verbose_name=_("association"),
    )

    PARTS = (annexes.national_context_part("association"),)

    objects = NationalContextQuerySet.as_manager()

    class Meta:
        verbose_name = _("national/regional context")
        verbose_name_plural = _("national/regional contexts")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "city"], name="unique_national_context"
            )
        ]

    def __str__(self):
        return _("National context of %(city)s") % {"city": self.city}

    @property
    def author(self):
        return self.association


def _national_file(programme, schemes, cities):
    return file_rows(NationalContext, programme=programme)


register(
    annex_document_kind(
        key="national-context",
        model=NationalContext,
        # Part C of Annexes 2 and 3: shown and printed with either of them.
        annex=None,
        history="schemes.work.history.documents.NationalContextHistory",
        # Each city of the scheme whose association takes part writes one.
        setup=one_per_city(
            NationalContext,
            lambda scheme: [
                (city, {"association_id": association.pk})
                for city, association, _role in scheme.roles()
                if association is not None
            ],
        ),
        # The mentee city's, as Part C of its needs analysis.
        dashboard=status_column(
            _("Part C"),
            _("Needs analysis, part C"),
            values=by_city(NationalContext, lambda scheme: scheme.mentee_city),
        ),
        # No section of its own: it is Part C of the needs analysis and of
        # the mentor profile, printed with them.
        scheme_page="schemes.selectors.national_context_entries",
        programme_file=_national_file,
    )
)
