"""The history page of each document: who changed what, and a way back.

Every document kind of the registry (``incluportal.documents``) names its
history adapter, a ``Tracked`` declared in the module of this package named
like its model's (``schemes.work.history.visits`` for ``schemes.work.models.visits``):
how the rows of its snapshot read as changes and how they are put back. Who
may see the history and who may restore come from the kind (its read rule
and its writers).

- ``diff``: the one engine that turns two records into readable changes;
- ``timeline``: a page of records, each with its changes to the one before;
- restoring is a write: ``schemes.work.services.history.history_restore``.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from incluportal.documents import kind_for_key, kind_for_model, kinds
from schemes import access


class Tracked:
    """A kind of document with a history page (its kind names it in the
    registry, ``incluportal.documents``)."""

    model = None

    @property
    def kind(self):
        return kind_for_model(self.model)

    def get(self, user, pk):
        """The document, if the user may read it (404 otherwise)."""
        obj = get_object_or_404(self.model, pk=pk)
        if not access.can_read(user, obj):
            raise Http404  # a draft's history is as private as the draft
        return obj

    def can_restore(self, user, obj):
        """Whether the user may put an earlier version back: its writers."""
        return self.kind.writers(user, obj)

    def back_url(self, obj):
        return obj.get_absolute_url()

    # A record's content, below, is what it holds beside the document's
    # columns: the rows of its snapshot and its links, by name
    # (``schemes.work.history.timeline.content``).

    def prime(self, contents, names):
        """Load the names the records' rows and links point at."""

    def child_changes(self, old, new, names):
        """Changes between the contents of two records."""
        return []

    def restore_children(self, obj, children):
        """Put the rows and links of a record's content back."""


def tracked_for(doc_type):
    """The history adapter of the kind named ``doc_type`` (404 if none)."""
    return kind_for_key(doc_type).tracked


def __getattr__(name):
    # Built from the registry when asked, so that importing this package
    # never depends on every kind being declared already.
    if name == "TRACKED":
        return {kind.key: kind.tracked for kind in kinds() if kind.history}
    if name == "DOC_TYPE_OF":
        return {kind.model: kind.key for kind in kinds() if kind.history}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
