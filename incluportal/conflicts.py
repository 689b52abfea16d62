"""Edit conflicts: two people saving the same document never overwrite each other.

A form carries the revision of the row it was opened at (``revision`` in the
POST data). On save, the row is locked (``SELECT ... FOR UPDATE``) and its
revision compared:

* the same revision: the save goes ahead;
* a newer one: the change is merged three ways against the historical record
  at the form's revision. A field only one of the two changed takes that
  change; a field both changed differently is a conflict, and the save is
  refused with ``EditConflict`` -- the view shows the user's text beside the
  saved one and offers the form again, nothing lost.

A POST without a revision (a script, an old page) is not checked.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from incluportal.history import links

REVISION_FIELD = "revision"


def posted_revision(data):
    """The revision a form was opened at; -1 when it is not a number (so that
    a tampered value is always a conflict, never a blind overwrite)."""
    return posted_number(data, REVISION_FIELD)


def posted_number(data, name):
    """What the page showed in the hidden field ``name`` (a revision, a
    position): None when not sent, -1 when it is not a number."""
    raw = data.get(name)
    if raw is None:
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        return -1


@dataclass
class Difference:
    label: str
    mine: object
    theirs: object


@dataclass
class EditConflict(Exception):
    """Someone else saved the same fields since the form was opened."""

    current: models.Model
    differences: list = field(default_factory=list)

    @property
    def revision(self):
        return self.current.revision

    @cached_property
    def _record(self):
        return _latest_record(self.current)

    @property
    def saved_by(self):
        return self._record.history_user if self._record else None

    @property
    def saved_at(self):
        return self._record.history_date if self._record else None

    def __str__(self):
        return str(_("Someone else saved this in the meantime."))


def _latest_record(obj):
    history = getattr(obj, "history", None)
    if history is None:
        return None
    return history.select_related("history_user").order_by("-history_date").first()


def _is_m2m(model, name):
    try:
        return model._meta.get_field(name).many_to_many
    except FieldDoesNotExist:  # part of the document's rows, not a column
        return False


def _normal(value):
    """Comparable form of a value: model instances and lists become pks."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        # Many-to-many links compare as ids, in any order.
        return sorted(_normal(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def _current_value(obj, name):
    try:
        model_field = type(obj)._meta.get_field(name)
    except FieldDoesNotExist:
        # Not a column: part of the document's rows (a visit's agenda, say).
        return obj.history_children()[name]
    if model_field.many_to_many:
        return list(getattr(obj, name).values_list("pk", flat=True))
    return getattr(obj, model_field.attname)


def _base_record(obj, revision):
    """The row as it was at ``revision``: its historical record, or what the
    model finds in its document's history (``history_base``)."""
    history = getattr(type(obj), "history", None)
    if history is not None:
        return (
            history.filter(id=obj.pk, revision=revision)
            .order_by("-history_date")
            .first()
        )
    finder = getattr(obj, "history_base", None)
    return finder(revision) if finder else None


def _base_value(record, name):
    if record is None:
        raise LookupError(name)
    if isinstance(record, dict):
        if name in record:
            return record[name]
        raise LookupError(name)
    if name in {f.name for f in getattr(record, "_history_m2m_fields", ())}:
        return links(record)[name]
    if hasattr(record, name):
        value = getattr(record, name)
        field_ = record._meta.get_field(name)
        return getattr(record, field_.attname) if field_.is_relation else value
    children = record.children or {}
    if name in children:
        return children[name]
    raise LookupError(name)


def _label(model, name):
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if model_field.auto_created and not model_field.concrete:
        # The other side of a many-to-many (a visit's support group
        # attendees): a relation has no label of its own, its model does.
        return str(model_field.related_model._meta.verbose_name_plural)
    return str(model_field.verbose_name)


def _display(value):
    if isinstance(value, models.QuerySet):
        value = list(value)
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else value


def lock(obj):
    """Lock the row of ``obj`` until the transaction ends and load what is
    saved now into ``obj`` (the caller's object, with its caches, stays the
    one it works with)."""
    saved = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    for model_field in type(obj)._meta.concrete_fields:
        setattr(obj, model_field.attname, getattr(saved, model_field.attname))
    return obj


def after_lock():
    """A hook for the concurrency tests (they slow the first save down)."""


def merge(obj, revision, values):
    """Lock ``obj`` and return ``(current, values to write)``.

    Must run inside a transaction. ``values`` maps field names (many-to-many
    too) to what the user posted. Raises ``EditConflict`` when someone else
    changed a field differently since ``revision``.
    """
    current = lock(obj)
    after_lock()
    if revision is None or current.revision == revision:
        return current, values
    base = _base_record(obj, revision) if revision >= 0 else None

    def base_value(name):
        return _base_value(base, name)

    def shown(name):
        if _is_m2m(type(obj), name):
            return getattr(current, name).all()
        try:
            type(obj)._meta.get_field(name)
        except FieldDoesNotExist:
            return _current_value(current, name)
        return getattr(current, name)

    merged, differences = three_way(
        values,
        theirs=lambda name: _current_value(current, name),
        base=base_value,
        label=lambda name: _label(type(obj), name),
        shown=shown,
    )
    if differences:
        raise EditConflict(current=current, differences=differences)
    return current, merged


def three_way(mine, *, theirs, base, label, shown=None):
    """Merge the posted ``mine`` (a dict) with the saved values.

    ``theirs(name)`` and ``base(name)`` give the saved value and the one the
    form was opened with (``base`` raises LookupError when it is unknown).
    Returns ``(values to write, [Difference])``.
    """
    merged, differences = {}, []
    for name, value in mine.items():
        saved = theirs(name)
        if _normal(value) == _normal(saved):
            continue
        try:
            before = _normal(base(name))
        except LookupError:
            before = object()  # unknown: every difference is a conflict
        if _normal(value) == before:
            continue  # only they changed it: keep theirs
        if _normal(saved) == before:
            merged[name] = value  # only I changed it
            continue
        differences.append(
            Difference(
                label=label(name),
                mine=_display(value),
                theirs=_display(shown(name) if shown else saved),
            )
        )
    return merged, differences


def apply(obj, values):
    """Write merged values into ``obj``: columns are set on it, many-to-many
    links (the object exists already) are replaced. The caller saves.

    A name that is no field of ``obj`` is a mistake of the caller, refused
    rather than dropped: an answer posted under a wrong name would be lost."""
    for name in values:
        obj._meta.get_field(name)  # FieldDoesNotExist for a wrong name
    for name, value in values.items():
        if _is_m2m(type(obj), name):
            getattr(obj, name).set(value)
        else:
            setattr(obj, name, value)


def base_record(obj, revision):
    """The historical record of ``obj`` at ``revision``, or None."""
    if revision is None or revision < 0:
        return None
    return _base_record(obj, revision)


def form_context(conflict, obj):
    """What a form page needs: the conflict panel, and the revision its form
    carries (the saved one after a conflict, so that saving again is a choice)."""
    if conflict is not None:
        return {"conflict": conflict, "revision": conflict.revision}
    return {"conflict": None, "revision": getattr(obj, "revision", 0)}


def status(conflict):
    return 409 if conflict is not None else 200
