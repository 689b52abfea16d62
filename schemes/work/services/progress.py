"""A coordinator marks done a step no document shows (the training)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal.validators import reject_nul
from schemes import access
from schemes.work.models.progress import StepMark


@transaction.atomic
def step_mark(*, scheme, step, reached_on, note, by) -> StepMark:
    """Mark ``step`` of ``scheme`` done on ``reached_on``, with a note; a step
    marked already gets the new date and note."""
    access.require_coordinator(by, scheme.programme)
    if reached_on is None:
        raise ValidationError({"reached_on": _("Give the date the step was reached.")})
    if reached_on > timezone.localdate():
        raise ValidationError(
            {"reached_on": _("A step cannot be marked done on a future date.")}
        )
    note = (note or "").strip()
    reject_nul(note)
    values = {
        "reached_on": reached_on,
        "note": note,
        "marked_by": by,
        "marked_at": timezone.now(),
    }
    mark = StepMark.objects.select_for_update().filter(scheme=scheme, step=step).first()
    if mark is None:
        mark = StepMark(scheme=scheme, step=step, **values)
        mark.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                mark.save(force_insert=True)
            return mark
        except IntegrityError:
            # A colleague marked the step at the same moment: theirs is
            # saved; this mark, the later one, updates it.
            mark = StepMark.objects.select_for_update().get(scheme=scheme, step=step)
    for name, value in values.items():
        setattr(mark, name, value)
    mark.full_clean()
    mark.save()
    return mark


@transaction.atomic
def step_unmark(*, scheme, step, by):
    """Undo a coordinator's mark: the step is no longer reached."""
    access.require_coordinator(by, scheme.programme)
    StepMark.objects.filter(scheme=scheme, step=step).delete()
