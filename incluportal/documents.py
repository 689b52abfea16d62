"""The registry of document kinds: each kind of document is declared once.

A kind is declared beside its model (``register(DocumentKind(...))`` after the
class) and everything that enumerates documents -- who may read them, the
workflow actions, the history pages, the programme export -- iterates
``kinds()`` or looks a kind up by its URL key or its model. So do the
places that gather documents: what a new scheme gets (``setup``), the
scheme page's list of documents (``scheme_page``), the coordinator's
dashboard (``dashboard``), the scheme dossier (``dossier``) and the
programme file (``programme_file``); a kind takes part in each by declaring
its hook.

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


def _nothing_overdue(scheme, value, today):
    return []


@dataclass(frozen=True)
class SchemeSetup:
    """What a new scheme gets of a kind (``scheme_setup`` iterates them)."""

    # present(scheme): the expressions (``Exists`` over ``OuterRef`` to the
    # scheme's fields) that are all true once the scheme has this kind's
    # documents; none if the scheme needs none. Asked of every kind at once,
    # a scheme that has everything costs one query.
    present: Callable
    # create(scheme): make whatever is missing; safe to run again. It runs in
    # the set-up's transaction.
    create: Callable


@dataclass(frozen=True)
class DashboardColumn:
    """A column of the coordinator's dashboard: one value for each scheme."""

    # The column's heading on the page, and in the CSV/XLSX export.
    heading: str
    export_heading: str
    # The export's text(value), and the page's cell: a template given
    # ``value`` ("": the text alone).
    text: Callable
    template: str = ""
    # Where the values come from, flat in the number of schemes: either a
    # one-to-one of the scheme, read with the schemes' own query
    # (``select_related``), or values(programme, schemes) -> {scheme pk:
    # value}, one query for all of them. A scheme missing from it has None.
    related: str = ""
    values: Callable | None = None
    # overdue(scheme, value, today): what the dashboard flags for the scheme.
    overdue: Callable = _nothing_overdue
    # Shown only for a programme whose process asks for the kind (one of its
    # phases' deliverables): a document started on demand, such as seed
    # 003's review report, is no column of an IncluCities programme.
    when_asked: bool = False


@dataclass(frozen=True)
class DossierSection:
    """The sections a kind adds to the scheme dossier, in the kinds' order."""

    # The template of one section.
    template: str
    # Dotted path of sections(user, scheme) -> one context per section (none:
    # nothing to show), each with a "contents" entry: its line in the
    # dossier's table of contents. It applies the read rules of the pages.
    sections: str

    @cached_property
    def contexts(self):
        return import_string(self.sections)


def file_rows(model, **lookups):
    """Every row of ``model`` matching ``lookups``, in primary-key order, with
    its many-to-many fields prefetched: what a kind's ``programme_file``
    returns, written with the base manager so that nothing is filtered out."""
    m2m = [field.name for field in model._meta.many_to_many]
    return list(
        model._base_manager.filter(**lookups).order_by("pk").prefetch_related(*m2m)
    )


def _no_ids(obj):
    return frozenset()


@dataclass(frozen=True)
class DocumentKind:
    """What the portal needs to know about one kind of document."""

    # The kind's name in URLs, e.g. "needs-analysis" in /history/needs-analysis/1/.
    key: str
    model: type
    # The organisation that writes the document (None: a document of the
    # whole scheme, such as a visit); its members always read it.
    author: Callable = _none
    # co_authors(obj): the ids of the organisations that write it with its
    # author, as the author does (the other peers of a community of
    # practice); empty for most kinds.
    co_authors: Callable = _no_ids
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
    # What a new scheme gets of this kind, its dashboard column and its
    # sections of the scheme dossier (None: it has none).
    setup: SchemeSetup | None = None
    dashboard: DashboardColumn | None = None
    dossier: DossierSection | None = None
    # Dotted path of entries(user, scheme) -> the kind's lines in the scheme
    # page's list of documents, each a dict with "label", "document" (None:
    # not started), "url" and "readable" (empty: the kind is shown elsewhere
    # on the page, as visits are, or not there at all).
    scheme_page: str = ""
    # programme_file(programme, schemes, cities) -> the kind's objects in the
    # programme file (``schemes`` and ``cities``: the ids of the programme's
    # schemes and cities): its documents, then the rows that belong to them,
    # dependencies first (``file_rows`` reads each). Every kind with a history
    # declares it; the export fails for one that does not.
    programme_file: Callable | None = None

    @cached_property
    def scheme_page_entries(self):
        return import_string(self.scheme_page) if self.scheme_page else None

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


def unregister(kind):
    """Take ``kind`` out of the registry (for tests that declare their own)."""
    if _BY_KEY.get(kind.key) is kind:
        del _BY_KEY[kind.key]
    if _BY_MODEL.get(kind.model) is kind:
        del _BY_MODEL[kind.model]


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
