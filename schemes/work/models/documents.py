"""What the annex documents share: their workflow (draft, submitted, approved,
returned), their read and write rules' parts, and their answer columns,
generated from ``schemes.work.annexes``. The documents themselves are declared
in ``needs`` (needs analysis, national context), ``mentor_profiles`` and
``good_practices``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incluportal.documents import DocumentKind
from incluportal.history import Revisioned, tracked
from incluportal.written import Written
from schemes.network.models.organisations import (
    Membership,
)
from schemes.network.models.programmes import Programme
from schemes.network.models.schemes import Scheme, SchemeCity, participant_q
from schemes.work import annexes


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


class WorkflowDocument(Written, Revisioned):
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

    def missing_answers(self):
        """[(part, annex field)] of the required questions not answered yet,
        in the template's order."""
        return [
            (part, f)
            for part in self.PARTS
            for f in part.fields
            if f.required and not f.is_answered(self)
        ]

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
    """The author organisation, while the document is a draft or returned."""
    from schemes import access

    return document.is_editable and access.is_author(user, document)


def coordinator_reviews(user, document):
    from schemes import access

    return access.is_coordinator(user, document.programme)


def city_in_a_scheme_with(own):
    """Documents of a city that takes part in a scheme of the document's
    programme together with one of ``own``."""
    return models.Exists(
        Scheme.objects.filter(
            models.Q(mentee_city=models.OuterRef("city"))
            | models.Q(
                pk__in=SchemeCity.objects.filter(
                    city=models.OuterRef(models.OuterRef("city"))
                ).values("scheme_id")
            ),
            participant_q(own),
            programme=models.OuterRef("programme"),
        )
    )


def scheme_learners(document):
    """The co-authors of a document of a scheme's own (``co_authors``): in a
    community of practice, every peer writes it with the convening city."""
    return frozenset(document.scheme.learning_city_ids)


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


def annex_document_kind(**declared):
    """The declaration of an annex document of a programme: written by its
    author organisation while a draft or returned, private until submitted,
    reviewed by the programme's coordinators through the document pipeline.
    ``declared`` gives the rest (key, model, annex, history, hooks…) and may
    override any of these."""
    return DocumentKind(
        **{
            "author": lambda document: document.author,
            "programme": lambda document: document.programme,
            "private": lambda document: not document.is_shared,
            "writers": author_edits,
            "reviewers": coordinator_reviews,
            "transitions": DOCUMENT_TRANSITIONS,
            **declared,
        }
    )
