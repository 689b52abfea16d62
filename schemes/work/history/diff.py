"""Readable differences: the one engine behind every history page.

A record's own columns are compared by django-simple-history's
``diff_against``; a document's rows (its snapshot, see
``incluportal.history.snapshot``) and links (simple-history's
``m2m_fields``) are compared by its adapter with the helpers below. Either
way a difference reads as a ``Change``.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from incluportal import dates

# Columns that are bookkeeping or identity, not what a document says.
HIDDEN = {
    "id",
    "revision",
    "children",
    "created_at",
    "updated_at",
    "updated_by",
    "submitted_at",
    "submitted_by",
    "reviewed_at",
    "reviewed_by",
    "reminder_sent_at",
    "created_by",
    "scheme",
    "programme",
    "city",
    "association",
    "benchmark",
    "side",
    "order",
}


@dataclass
class Change:
    label: str
    old: str = ""
    new: str = ""
    kind: str = "changed"  # "changed", "added", "removed"
    segments: list = field(default_factory=list)  # [(op, text)], for long texts


_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """[(op, text)] with op "=", "-" or "+": what a reader sees struck or added.

    Texts of several lines are compared line by line first, then word by word
    within lines that were rewritten one for one.
    """
    old, new = old or "", new or ""
    if "\n" not in old + new:
        return _diff_tokens(_TOKENS.findall(old), _TOKENS.findall(new))
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, a, b, autojunk=False
    ).get_opcodes():
        if op == "equal":
            segments.append(("=", "".join(a[i1:i2])))
        elif op == "replace" and i2 - i1 == j2 - j1:
            for before, after in zip(a[i1:i2], b[j1:j2], strict=True):
                segments += _diff_tokens(
                    _TOKENS.findall(before), _TOKENS.findall(after)
                )
        else:
            if i2 > i1:
                segments.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                segments.append(("+", "".join(b[j1:j2])))
    return segments


def _diff_tokens(a, b):
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, a, b, autojunk=False
    ).get_opcodes():
        if op == "equal":
            segments.append(("=", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("-", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("+", "".join(b[j1:j2])))
    return segments


def change(label, old, new, kind="changed"):
    """A ``Change``; long or multi-line texts get a word-by-word diff."""
    old = "" if old is None else str(old)
    new = "" if new is None else str(new)
    result = Change(label=str(label), old=old, new=new, kind=kind)
    if kind == "changed" and (len(old) > 60 or len(new) > 60 or "\n" in old + new):
        result.segments = word_diff(old, new)
    return result


def display(model_field, value):
    """A stored value as a reader sees it."""
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if hasattr(value, "isoformat") and not hasattr(value, "hour"):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, datetime.datetime):  # when a side agreed to a scope
        return dates.moment(value)
    return str(value)


def content_fields(model):
    """The columns of ``model`` (or of its historical model) that say something."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN and not f.name.startswith("history_")
    ]


def field_changes(model, old, new):
    """Changes of the document's own columns between two records, by
    simple-history's ``diff_against`` (a first record is compared with a blank
    one: a new document's defaults are not news)."""
    compared = [f for f in content_fields(model) if not f.is_relation and f.editable]
    if not compared:
        return []
    blank = old is None
    if blank:
        old = type(new)()
    delta = new.diff_against(old, included_fields=[f.name for f in compared])
    moved = {c.field: c for c in delta.changes}
    # Columns that may hold a text the portal ships: read in the reader's
    # language, as the page shows them (``incluportal.written``).
    shipped = getattr(model, "SHIPPED_TEXTS", {})
    changes = []
    for model_field in compared:  # in the order of the form, not of the alphabet
        found = moved.get(model_field.name)
        if found is None:
            continue
        before, after = found.old, found.new
        if blank and (
            after in (None, "", False, [], {}) or after == model_field.get_default()
        ):
            continue
        if before in (None, "", []) and after in (None, "", []):
            continue
        if model_field.name in shipped:
            before, after = map(shipped[model_field.name].show, (before, after))
        changes.append(
            change(
                model_field.verbose_name,
                display(model_field, before),
                display(model_field, after),
            )
        )
    return changes


class Names:
    """Names of the things rows point at, one query per kind for a page."""

    def __init__(self):
        self._cache = {}

    def prime(self, model, ids):
        ids = {i for i in ids if i is not None} - set(self._cache.get(model, {}).keys())
        if ids:
            found = {o.pk: str(o) for o in model._default_manager.filter(pk__in=ids)}
            self._cache.setdefault(model, {}).update(found)

    def __call__(self, model, pk):
        if pk is None:
            return ""
        return self._cache.get(model, {}).get(pk) or _("(removed) #%(id)s") % {"id": pk}


def set_changes(label, model, old_ids, new_ids, names):
    """Links added and removed (sets of ids), named."""
    old_ids, new_ids = set(old_ids or ()), set(new_ids or ())
    changes = []
    added, removed = new_ids - old_ids, old_ids - new_ids
    if added:
        changes.append(
            change(
                label, "", "; ".join(names(model, i) for i in sorted(added)), "added"
            )
        )
    if removed:
        changes.append(
            change(
                label,
                "; ".join(names(model, i) for i in sorted(removed)),
                "",
                "removed",
            )
        )
    return changes


def collect(contents, key):
    """Every id listed under ``key`` in the records' contents."""
    return {i for c in contents for i in c.get(key, [])}


def row_diff(old_rows, new_rows, compared):
    """The rows of two snapshots matched by identity ("id"): one entry for
    each row added, removed, or changed in one of ``compared`` or in its
    number -- {"kind": "added"|"removed"|"changed", "old_number",
    "new_number", "row", "changes": [(name, old value, new value)]} -- the
    rows of the new snapshot first, in its order, then those removed."""
    before = {row["id"]: row for row in old_rows}
    after = {row["id"]: row for row in new_rows}

    def entry(kind, old, new, changes=()):
        return {
            "kind": kind,
            "old_number": old["number"] if old else None,
            "new_number": new["number"] if new else None,
            "row": new or old,
            "changes": list(changes),
        }

    diff = []
    for row_id, row in after.items():
        was = before.get(row_id)
        if was is None:
            diff.append(entry("added", None, row))
            continue
        changes = [
            (name, was.get(name), row.get(name))
            for name in compared
            if was.get(name) != row.get(name)
        ]
        if changes or was["number"] != row["number"]:
            diff.append(entry("changed", was, row, changes))
    diff.extend(
        entry("removed", row, None)
        for row_id, row in before.items()
        if row_id not in after
    )
    return diff
