"""A coordinator marks done a step no document shows (the training)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal.validators import reject_nul
from schemes import access
from schemes.work.models.progress import StepMark


@transaction.atomic
def step_mark(*, scheme, step="", phase=None, reached_on, note, by) -> StepMark:
    """Mark ``step`` of ``scheme`` done on ``reached_on``, with a note; a step
    marked already gets the new date and note. A phase of the programme's
    process reached when marked is marked the same way (``phase``)."""
    access.require_coordinator(by, scheme.programme)
    if reached_on is None:
        raise ValidationError({"reached_on": _("Give the date the step was reached.")})
    if reached_on > timezone.localdate():
        raise ValidationError(
            {"reached_on": _("A step cannot be marked done on a future date.")}
        )
    note = (note or "").strip()
    reject_nul(note)
    which = {"phase": phase} if phase is not None else {"step": step}
    mark = StepMark.objects.select_for_update().filter(
        scheme=scheme, **which
    ).first() or StepMark(scheme=scheme, **which)
    mark.reached_on = reached_on
    mark.note = note
    mark.marked_by = by
    mark.marked_at = timezone.now()
    mark.full_clean()
    mark.save()
    return mark


@transaction.atomic
def step_unmark(*, scheme, step="", phase=None, by):
    """Undo a coordinator's mark: the step is no longer reached."""
    access.require_coordinator(by, scheme.programme)
    which = {"phase": phase} if phase is not None else {"step": step}
    StepMark.objects.filter(scheme=scheme, **which).delete()
