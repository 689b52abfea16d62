"""Status pipelines: every status change goes through one guarded setter.

Each kind of document declares its pipeline as data, which status may follow
which (``{"draft": ("submitted",), ...}``), and every status change (submit,
return, approve, a new draft) calls ``transition``. It locks the row
(``SELECT ... FOR UPDATE``; SQLite's write lock does the same), reads the
status saved now, and refuses a step the pipeline does not allow with
``InvalidTransition``. Two people deciding on the same document at once thus
queue on the lock, and the second finds the first's decision: one decision,
one history record, one version. Views answer the refusal with a 409 page.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from incluportal.conflicts import lock


class InvalidTransition(ValidationError):
    """The status saved now does not allow the step, most often because
    someone else decided first. A ValidationError, so that a caller that only
    knows those still refuses cleanly; views catch it first and answer 409."""

    def __init__(self, obj, new_status):
        self.obj = obj
        self.current = obj.get_status_display()
        self.wanted = _status_label(obj, new_status)
        super().__init__(
            _(
                "%(what)s is now “%(current)s”, so it cannot become "
                "“%(wanted)s”. Someone else may have changed it after you "
                "opened the page: nothing was recorded from your side."
            )
            % {"what": obj, "current": self.current, "wanted": self.wanted},
            code="invalid_transition",
        )


def _status_label(obj, status):
    choices = dict(type(obj)._meta.get_field("status").flatchoices)
    return str(choices.get(status, status))


def allowed(pipeline, status):
    """The statuses that may follow ``status`` (choices or plain strings)."""
    return next((after for before, after in pipeline.items() if before == status), ())


def after_lock():
    """A hook for the concurrency tests (they may slow the first step down)."""


def transition(obj, pipeline, new_status):
    """Lock ``obj``'s row, reload it, and set its status to ``new_status`` if
    ``pipeline`` allows the step from the status saved now.

    Must run inside ``transaction.atomic`` and before anything is written, so
    that a refusal leaves nothing behind. The caller saves ``obj``.
    """
    lock(obj)
    after_lock()
    if new_status not in allowed(pipeline, obj.status):
        raise InvalidTransition(obj, new_status)
    obj.status = new_status
    return obj
