"""The annex documents: needs analysis, mentor profile, national context,
good practice. Their answer columns are generated from ``schemes.work.annexes``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from incluportal.documents import DocumentKind, DossierSection, register
from incluportal.history import Revisioned, tracked
from schemes.network.models.organisations import (
    Membership,
    Organisation,
    OrganisationKind,
)
from schemes.network.models.programmes import Programme
from schemes.network.models.schemes import Scheme, SchemeStage, participant_q
from schemes.work import annexes
from schemes.work.models.hooks import (
    by_city,
    one_per_city,
    one_per_scheme,
    status_column,
)


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


# The workflow as data: which status may follow which.
DOCUMENT_TRANSITIONS = {
    DocumentStatus.DRAFT: (DocumentStatus.SUBMITTED,),
    DocumentStatus.SUBMITTED: (DocumentStatus.APPROVED, DocumentStatus.RETURNED),
    DocumentStatus.RETURNED: (DocumentStatus.SUBMITTED,),
    DocumentStatus.APPROVED: (),
}
EDITABLE_STATUSES = (DocumentStatus.DRAFT, DocumentStatus.RETURNED)
SHARED_STATUSES = (DocumentStatus.SUBMITTED, DocumentStatus.APPROVED)


class WorkflowDocument(Revisioned):
    """Draft -> submitted -> approved, or returned to its author with a comment."""

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DocumentStatus,
        default=DocumentStatus.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_comment = models.TextField(_("coordinator's comment"), blank=True)

    # The annex parts this document holds; set by each document.
    PARTS = ()

    history = tracked(inherit=True)

    class Meta:
        abstract = True

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def is_shared(self):
        """Submitted or approved: readable by the scheme's other participants."""
        return self.status in SHARED_STATUSES

    def completeness(self):
        """(answered, required) over every part of the document."""
        answered = required = 0
        for part in self.PARTS:
            a, r = part.completeness(self)
            answered += a
            required += r
        return answered, required

    @property
    def percent_complete(self):
        answered, required = self.completeness()
        return round(100 * answered / required) if required else 100


# --- Who reads, writes and reviews: used by the declarations below ------------
# (schemes.access imports the models, so it is imported when a rule is asked.)


def own_organisations(user):
    return Membership.objects.filter(user=user).values("organisation_id")


def coordinated_programmes(user):
    return Programme.objects.coordinated_by(user)


def author_edits(user, document):
    from schemes import access

    return access.can_edit(user, document)


def _programme_coordinator_reviews(user, document):
    from schemes import access

    return access.is_coordinator(user, document.programme)


def _city_in_a_scheme_with(own):
    """Documents of a city that takes part in a scheme of the document's
    programme together with one of ``own``."""
    return models.Exists(
        Scheme.objects.filter(
            models.Q(mentee_city=models.OuterRef("city"))
            | models.Q(mentor_city=models.OuterRef("city")),
            participant_q(own),
            programme=models.OuterRef("programme"),
        )
    )


def _answers_model(name, *parts):
    """An abstract model with the answer columns of the given annex parts."""
    attrs = {
        "__module__": __name__,
        "Meta": type("Meta", (), {"abstract": True}),
    }
    for part in parts:
        attrs.update(part.model_fields())
    return type(name, (models.Model,), attrs)


NeedsAnswers = _answers_model("NeedsAnswers", annexes.NEEDS_PART_A)
LocalContextAnswers = _answers_model(
    "LocalContextAnswers", annexes.local_context_part("city")
)
NationalContextAnswers = _answers_model(
    "NationalContextAnswers", annexes.national_context_part("association")
)
MentorAnswers = _answers_model("MentorAnswers", annexes.MENTOR_PART_A)
GoodPracticeAnswers = _answers_model("GoodPracticeAnswers", annexes.GOOD_PRACTICE_PART)


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
            models.Q(scheme__mentee_city__in=own)
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


register(
    DocumentKind(
        key="needs-analysis",
        model=NeedsAnalysis,
        author=lambda document: document.author,
        programme=lambda document: document.programme,
        private=lambda document: not document.is_shared,
        writers=author_edits,
        reviewers=_programme_coordinator_reviews,
        annex=annexes.NEEDS_ANALYSIS,
        transitions=DOCUMENT_TRANSITIONS,
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
            | models.Q(_city_in_a_scheme_with(own), status__in=SHARED_STATUSES)
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


register(
    DocumentKind(
        key="national-context",
        model=NationalContext,
        author=lambda document: document.author,
        programme=lambda document: document.programme,
        private=lambda document: not document.is_shared,
        writers=author_edits,
        reviewers=_programme_coordinator_reviews,
        # Part C of Annexes 2 and 3: shown and printed with either of them.
        annex=None,
        transitions=DOCUMENT_TRANSITIONS,
        history="schemes.work.history.documents.NationalContextHistory",
        # Each city of the scheme whose association takes part writes one.
        setup=one_per_city(
            NationalContext,
            lambda scheme: [
                (side, {"association_id": getattr(scheme, f"{side}_association_id")})
                for side in ("mentee", "mentor")
                if getattr(scheme, f"{side}_association_id")
            ],
        ),
        # The mentee city's, as Part C of its needs analysis.
        dashboard=status_column(
            _("Part C"),
            _("Needs analysis, part C"),
            values=by_city(NationalContext, "mentee_city_id"),
        ),
        # No section of its own: it is Part C of the needs analysis and of
        # the mentor profile, printed with them.
    )
)


class MentorProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The mentor city and the programme's coordinators always; once it
        is submitted or approved, everyone in a scheme of the programme where
        the city takes part."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        own = own_organisations(user)
        return self.filter(
            models.Q(city__in=own)
            | models.Q(programme__in=coordinated_programmes(user))
            | models.Q(_city_in_a_scheme_with(own), status__in=SHARED_STATUSES)
        )

    def pages_visible_to(self, user):
        """The profiles whose page the user may open: those they may read,
        and, shown as "not shared yet" until submitted, those of a city they
        work with: its association (which writes Part C on that page) and
        the people of the city's schemes as a mentor."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        writes_part_c = models.Exists(
            NationalContext.objects.filter(
                programme=models.OuterRef("programme"),
                city=models.OuterRef("city"),
                association__in=own_organisations(user),
            )
        )
        in_its_schemes = models.Exists(
            Scheme.objects.visible_to(user).filter(
                programme=models.OuterRef("programme"),
                mentor_city=models.OuterRef("city"),
            )
        )
        return self.filter(
            models.Q(pk__in=self.visible_to(user).values("pk"))
            | writes_part_c
            | in_its_schemes
        )


class MentorProfile(WorkflowDocument, MentorAnswers, LocalContextAnswers):
    """Annex 3, parts A and B: a mentor city's strengths, reused across the
    schemes of a programme."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="mentor_profiles",
        verbose_name=_("programme"),
    )
    city = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mentor_profiles",
        limit_choices_to={"kind": OrganisationKind.CITY},
        verbose_name=_("city"),
    )
    key_factors = models.ManyToManyField(
        "benchmarks.KeyFactor",
        blank=True,
        related_name="mentor_profiles",
        verbose_name=_("key factors the city is strong in"),
    )
    good_practices = models.ManyToManyField(
        "schemes.GoodPractice",
        blank=True,
        related_name="mentor_profiles",
        verbose_name=_("good practices"),
    )

    PARTS = annexes.MENTOR_PROFILE.parts[:2]
    # Its links, in each historical record (simple-history's ``m2m_fields``).
    _history_m2m_fields = ["key_factors", "good_practices"]

    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "city"], name="unique_mentor_profile"
            )
        ]

    def __str__(self):
        return _("Mentor profile of %(city)s") % {"city": self.city}

    def get_absolute_url(self):
        return reverse(
            "schemes:mentor_profile", args=[self.programme.slug, self.city.slug]
        )

    def history_children(self):
        """No rows: its links are kept by simple-history (``m2m_fields``)."""
        return {}

    @property
    def author(self):
        return self.city


register(
    DocumentKind(
        key="mentor-profile",
        model=MentorProfile,
        author=lambda document: document.author,
        programme=lambda document: document.programme,
        private=lambda document: not document.is_shared,
        writers=author_edits,
        reviewers=_programme_coordinator_reviews,
        annex=annexes.MENTOR_PROFILE,
        transitions=DOCUMENT_TRANSITIONS,
        history="schemes.work.history.documents.MentorProfileHistory",
        pdf="schemes.pdfs.mentor_profile_pdf",
        export="schemes:mentor_profile_pdf",
        # The mentor city's, which its other schemes of the programme share.
        setup=one_per_city(MentorProfile, lambda scheme: [("mentor", {})]),
        dashboard=status_column(
            _("Mentor profile"),
            _("Mentor profile"),
            values=by_city(MentorProfile, "mentor_city_id"),
        ),
        # With its Part C, its key factors and its good practices.
        dossier=DossierSection(
            template="pdf/_mentor_profile_body.html",
            sections="schemes.pdfs.mentor_profile_dossier",
        ),
    )
)
