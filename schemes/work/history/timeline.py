"""A page of a document's history: its records, newest first, each with
its changes to the record before (a fixed number of queries a page)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from incluportal.history import describe_reason, link_accessors, links
from schemes.work.history.diff import Names, field_changes

KIND_LABELS = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}


@dataclass
class Entry:
    record: object
    changes: list
    is_latest: bool

    @property
    def kind(self):
        return KIND_LABELS.get(self.record.history_type, "")

    @property
    def reason(self):
        return describe_reason(self.record.history_change_reason)


def content(record):
    """What a record holds beside its columns: the document's rows (its
    snapshot) and its links (simple-history's ``m2m_fields``), by name."""
    if record is None:
        return {}
    if not hasattr(record, "_content"):
        record._content = {**(record.children or {}), **links(record)}
    return record._content


def changes_between(tracked, previous, record, names):
    """What ``record`` changed after ``previous`` (None: it is the first)."""
    changes = field_changes(tracked.model, previous, record)
    return changes + tracked.child_changes(content(previous), content(record), names)


def timeline(tracked, obj, *, limit, offset=0):
    """The records of ``obj``, newest first, each with its changes to the
    record before. Returns (entries, has_more)."""
    link_rows = link_accessors(tracked.model.history.model).values()
    records = list(
        tracked.model.history.filter(id=obj.pk)
        .select_related("history_user")
        .prefetch_related(*link_rows)
        .order_by("-history_date", "-history_id")[offset : offset + limit + 1]
    )
    names = Names()
    tracked.prime([content(record) for record in records], names)
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        entries.append(
            Entry(
                record=record,
                changes=changes_between(tracked, previous, record, names),
                is_latest=offset + index == 0,
            )
        )
    return entries, len(records) > limit
