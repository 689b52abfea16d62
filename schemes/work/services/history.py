"""Putting a document back as it was in one of its historical records."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from incluportal import conflicts
from incluportal.history import RESTORED, one_record
from schemes.work.history.diff import content_fields
from schemes.work.history.timeline import content

# Shown in the history, but never put back by a restore: the workflow's own.
WORKFLOW = {"status", "review_comment", "version", "round", "submitted_by"}


@transaction.atomic
def history_restore(*, tracked, obj, history_id, by):
    """Put the document (``tracked`` is its kind's history adapter) back as it
    was in one of its records: its columns and its rows, as one new record."""
    if not tracked.can_restore(by, obj):
        raise PermissionDenied
    record = tracked.model.history.filter(id=obj.pk, history_id=history_id).first()
    if record is None:
        raise Http404
    conflicts.lock(obj)
    if not tracked.can_restore(by, obj):
        raise PermissionDenied
    shipped = getattr(tracked.model, "SHIPPED_TEXTS", {})
    for model_field in content_fields(tracked.model):
        if model_field.name in WORKFLOW or model_field.is_relation:
            continue
        value = getattr(record, model_field.attname)
        if model_field.name in shipped:
            # A version saved before the text was kept as shipped holds it
            # in its writer's language.
            value = shipped[model_field.name].unfreeze(value)
        setattr(obj, model_field.attname, value)
    if hasattr(obj, "updated_by_id"):
        obj.updated_by = by
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ValidationError(
            _("This version cannot be restored: %(reason)s")
            % {"reason": " ".join(error.messages)}
        ) from error
    with one_record(obj, reason=RESTORED + record.history_date.isoformat()):
        tracked.restore_children(obj, content(record))
        obj.save()
    return obj
