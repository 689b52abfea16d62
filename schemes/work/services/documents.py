"""Scheme set-up and the review workflow of the annex documents."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal import conflicts, emails
from incluportal.documents import kinds
from incluportal.history import one_record
from incluportal.validators import reject_nul
from incluportal.workflow import transition
from schemes import access
from schemes.models import MentorProfile, Programme, Scheme
from schemes.network.models.programmes import ParticipationRole
from schemes.work.models.documents import DOCUMENT_TRANSITIONS, DocumentStatus

# The visits a new scheme gets are the visit kind's (migration 0013 reads
# them here).


def scheme_setup(*, scheme) -> Scheme:
    """Give a scheme its documents and default visits (safe to run again):
    what each kind's ``setup`` makes, in the registry's order.

    The services that create a scheme or change its cities or associations
    call it, in their transaction: pages only read what it made (a missing
    document is a 404). A scheme that has everything costs one query.
    """
    if _is_set_up(scheme):
        return scheme
    return _scheme_setup(scheme)


def mentor_profile_ensure(*, programme, city) -> MentorProfile:
    """The mentor city's profile in the programme, created if it has none.

    Called wherever a mentor city joins a programme (participation_add,
    scheme_create, the demo and a restored programme); ``scheme_setup`` makes
    the same through the mentor profile kind's ``setup``.
    """
    profile, _created = MentorProfile.objects.get_or_create(
        programme=programme, city=city
    )
    return profile


@transaction.atomic
def programme_documents_fill(*, programme: Programme) -> None:
    """Set up every scheme of the programme and give every mentor city its
    profile: for content that comes in without the services (the demo's
    fixtures, a restored programme file). Safe to run again."""
    for scheme in programme.schemes.with_cities().select_related("programme"):
        scheme_setup(scheme=scheme)
    for participation in programme.participations.filter(
        role=ParticipationRole.MENTOR_CITY
    ).select_related("organisation"):
        mentor_profile_ensure(programme=programme, city=participation.organisation)


def _setups():
    return [kind.setup for kind in kinds() if kind.setup is not None]


def _is_set_up(scheme):
    """Whether the scheme has every kind's documents: one query."""
    checks = {
        f"present_{n}": expression
        for n, expression in enumerate(
            expression for setup in _setups() for expression in setup.present(scheme)
        )
    }
    if not checks:
        return True
    found = Scheme.objects.filter(pk=scheme.pk).values(**checks).first()
    return found is not None and all(found.values())


@transaction.atomic
def _scheme_setup(scheme):
    for setup in _setups():
        setup.create(scheme)
    return scheme


@transaction.atomic
def document_save(*, document, values, by, revision=None):
    """Write a part's answers into a draft document the user may edit.

    ``values`` may hold many-to-many fields (lists). ``revision`` is the one
    the form was opened at: someone else's save since then is merged, or
    refused with ``EditConflict`` where both changed the same answer.
    """
    document, values = conflicts.merge(document, revision, values)
    if not access.can_write(by, document):
        raise PermissionDenied
    # A change of its text: the document is in the writer's language now.
    document.mark_written(values)
    with one_record(document):
        conflicts.apply(document, values)
        document.updated_by = by
        document.full_clean()
        document.save()
    return document


def _transition(document, new_status):
    """Lock the document and take the step (``incluportal.workflow``)."""
    transition(document, DOCUMENT_TRANSITIONS, new_status)


@transaction.atomic
def document_submit(*, document, by):
    """The author submits a draft (or a returned document) for review."""
    access.require_author(by, document)
    _transition(document, DocumentStatus.SUBMITTED)
    answered, required = document.completeness()
    if answered < required:
        raise ValidationError(
            _(
                "Answer every required question before submitting "
                "(%(answered)s of %(required)s answered)."
            )
            % {"answered": answered, "required": required}
        )
    document.submitted_at = timezone.now()
    document.submitted_by = by
    document.save(update_fields=["status", "submitted_at", "submitted_by"])
    programme = access.document_programme(document)
    if programme is not None:
        emails.document_submitted(document, programme)
    return document


@transaction.atomic
def document_approve(*, document, by):
    """A coordinator approves a submitted document."""
    access.require_reviewer(by, document)
    _transition(document, DocumentStatus.APPROVED)
    document.reviewed_at = timezone.now()
    document.reviewed_by = by
    document.review_comment = ""
    document.save(
        update_fields=["status", "reviewed_at", "reviewed_by", "review_comment"]
    )
    emails.document_reviewed(document)
    return document


@transaction.atomic
def document_return(*, document, by, comment):
    """A coordinator sends a submitted document back to its author."""
    access.require_reviewer(by, document)
    if not comment.strip():
        raise ValidationError(_("Say what should change: the comment is required."))
    reject_nul(comment)  # PostgreSQL cannot store it: a 500 otherwise
    _transition(document, DocumentStatus.RETURNED)
    document.reviewed_at = timezone.now()
    document.reviewed_by = by
    document.review_comment = comment.strip()
    document.save(
        update_fields=["status", "reviewed_at", "reviewed_by", "review_comment"]
    )
    emails.document_reviewed(document)
    return document
