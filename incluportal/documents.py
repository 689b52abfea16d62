"""The registry of document kinds: each kind of document is declared once.

A kind is declared beside its model (``register(DocumentKind(...))`` after the
class) and everything that enumerates documents -- who may read them, the
workflow actions, the history pages, the programme export -- iterates
``kinds()`` or looks a kind up by its URL key or its model.

This module is the mechanism only: it imports no app, so that any app's
models module may declare its kinds without an import cycle. What a kind
points at in other modules (its history adapter, its PDF builder) is given
as a dotted path and imported when first used.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.utils.module_loading import import_string


def _nobody(user, obj):
    return False


def _none(obj):
    return None


def _never(obj):
    return False


@dataclass(frozen=True)
class DocumentKind:
    """What the portal needs to know about one kind of document."""

    # The kind's name in URLs, e.g. "needs-analysis" in /history/needs-analysis/1/.
    key: str
    model: type
    # The organisation that writes the document (None: a document of the
    # whole scheme, such as a visit); its members always read it.
    author: Callable = _none
    # The programme whose coordinators always read it (None: no single one).
    programme: Callable = _none
    # private(obj): whether, for now, only the author organisation and the
    # programme's coordinators read it (a draft). Its queryset says the same;
    # this lets a check of one document answer without asking the database.
    private: Callable = _never
    # writers(user, obj): who may change it now (and restore an earlier version).
    writers: Callable = _nobody
    # reviewers(user, obj): who approves or returns it once submitted.
    reviewers: Callable = _nobody
    # The annex template its screens and PDF follow, or None.
    annex: object = None
    # Its status pipeline, as used with ``incluportal.workflow.transition``.
    transitions: Mapping | None = None
    # Dotted path of its history adapter (a ``schemes.work.history.Tracked``).
    history: str = ""
    # The rows its history follows: the keys of ``model.history_children()``.
    history_rows: tuple = ()
    # Dotted path of its PDF builder, and the URL name of its PDF download.
    pdf: str | None = None
    export: str | None = None

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name

    def readable_by(self, user):
        """The documents of this kind the user may read: the read rule, stated
        once by the ``visible_to`` queryset method of the kind's model."""
        if not user.is_authenticated:
            # No document is public to someone signed out (and not every
            # queryset takes an anonymous user in its subqueries).
            return self.model._default_manager.none()
        return self.model._default_manager.visible_to(user)

    @cached_property
    def tracked(self):
        """The history adapter (imported on first use: it imports the models)."""
        if not self.history:
            raise Http404
        return import_string(self.history)()


_BY_KEY: dict[str, DocumentKind] = {}
_BY_MODEL: dict[type, DocumentKind] = {}


def register(kind):
    """Add ``kind`` to the registry; a key or a model is declared once."""
    for existing in (_BY_KEY.get(kind.key), _BY_MODEL.get(kind.model)):
        # The same declaration read twice (a module imported again) is no news.
        if existing is not None and (existing.key, existing.model) != (
            kind.key,
            kind.model,
        ):
            raise ImproperlyConfigured(
                f"Document kind {kind.key!r} ({kind.model.__name__}) clashes with "
                f"{existing.key!r} ({existing.model.__name__})."
            )
    _BY_KEY[kind.key] = kind
    _BY_MODEL[kind.model] = kind
    return kind


def kinds():
    """Every registered kind, in the order they were declared."""
    return tuple(_BY_KEY.values())


def kind_for_key(key):
    """The kind named ``key`` in a URL; 404 for anything else."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise Http404 from None


def kind_for_model(model):
    """The kind of ``model`` (a class), or None if it is no document."""
    return _BY_MODEL.get(model)
