"""History adapter of the scheme's scope (``schemes.work.models.scope``)."""

from schemes.models import Scope
from schemes.work.history import Tracked
from schemes.work.services.scope import reopen


class ScopeHistory(Tracked):
    model = Scope

    def restore_children(self, obj, children):
        """A version put back is a change: the two sides agree again (the
        row is locked by the restore; its agreements are not put back)."""
        reopen(obj)
