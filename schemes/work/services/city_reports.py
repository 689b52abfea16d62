"""The review report and the strategy of a city: started on demand, written
by the city, reviewed by the programme's coordinators (submit, approve and
return are the annex documents' ``document_submit`` and its siblings)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from incluportal import conflicts
from incluportal.history import one_record
from schemes import access
from schemes.work.models.city_reports import ReviewReport, Strategy


def can_start(user, scheme):
    """The city itself, or the programme's coordinators."""
    return access.is_member(user, scheme.mentee_city) or access.is_coordinator(
        user, scheme.programme
    )


@transaction.atomic
def _start(model, scheme, by):
    if not can_start(by, scheme):
        raise PermissionDenied
    document = model.objects.filter(scheme=scheme).first()
    if document is not None:
        return document  # started already (by someone else, perhaps)
    document = model(scheme=scheme, updated_by=by)
    document.full_clean()
    document.save()
    return document


def review_report_start(*, scheme, by) -> ReviewReport:
    """Start the scheme's intercultural review report (safe to run again)."""
    return _start(ReviewReport, scheme, by)


def strategy_start(*, scheme, by) -> Strategy:
    """Start the city's strategy (safe to run again)."""
    return _start(Strategy, scheme, by)


@transaction.atomic
def city_report_save(*, document, values, by, revision=None):
    """Its writers change its sections while it is a draft or returned.
    ``revision``: as ``document_save`` (merge, or ``EditConflict``)."""
    allowed = {name for name, _required in document.SECTIONS}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"not a section: {sorted(unknown)}")
    document, values = conflicts.merge(document, revision, values)
    access.require_writer(by, document)
    document.mark_written(values)
    with one_record(document):
        conflicts.apply(document, values)
        document.updated_by = by
        document.full_clean()
        document.save()
    return document
