"""History and revisions of the documents people write together.

Every save of a tracked document (annex documents, self-assessments, visits,
action plans) writes a historical record with django-simple-history: who,
when, every field, its links (many-to-many, kept by simple-history's
``m2m_fields``, read with ``links``) and -- for documents made of several
rows -- the document's snapshot of its rows (``children``, see
``snapshot``), so that one record is the whole document as it was.
Imports and commands save through the same models, so they are recorded
too.

A write that changes a document and its rows (links, agenda items, ratings)
runs inside ``one_record``: the record is written once, when the write ends,
whatever order the document and its rows were saved in.

``Revisioned`` gives a document a revision number that every save increments;
forms carry the number they were opened at, and ``incluportal.conflicts``
refuses a save made on top of someone else's.
"""

from contextlib import contextmanager

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import (
    post_create_historical_m2m_records,
    pre_create_historical_m2m_records,
    pre_create_historical_record,
)

# Fields that change on every save and say nothing about the content.
UNTRACKED = ("updated_at",)


class Revisioned(models.Model):
    """A revision number, incremented by every save of the row."""

    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.revision = (self.revision or 0) + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "revision"}
        super().save(*args, **kwargs)


class SnapshotHistory(models.Model):
    """Base of every historical model: the document's rows as they were."""

    children = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class DocumentHistory(HistoricalRecords):
    """simple-history's records, reachable from the model they record (so
    that ``one_record`` writes one when a write ends). A document's links
    (``m2m_fields``) are kept in each record as simple-history keeps them;
    changing links alone writes no record: the write that changes them does."""

    def finalize(self, sender, **kwargs):
        registered = hasattr(sender._meta, "simple_history_manager_attribute")
        super().finalize(sender, **kwargs)
        if not registered and hasattr(sender._meta, "simple_history_manager_attribute"):
            sender._document_history = self

    def get_history_model_name(self, model):
        # The links a record keeps are no record: "GoodPractice_themes_history",
        # not "HistoricalGoodPractice_themes".
        if model._meta.auto_created:  # a many-to-many's table of links
            return f"{model._meta.object_name}_history"
        return super().get_history_model_name(model)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        """One record a write (``one_record``), not one a link changed."""

    def create_historical_record_m2ms(self, history_instance, instance):
        """simple-history's, reading the links of the document at hand (its
        own rebuilds the document from the record: a query a link field)."""
        for field in history_instance._history_m2m_fields:
            m2m_history_model = self.m2m_models[field]
            through = getattr(instance, field.name).through
            names = [f.name for f in through._meta.fields]
            related = [f.name for f in through._meta.fields if f.is_relation]
            rows = through.objects.filter(**{field.m2m_field_name(): instance})
            insert_rows = [
                m2m_history_model(
                    history=history_instance,
                    **{name: getattr(row, name) for name in names},
                )
                for row in rows.select_related(*related)
            ]
            pre_create_historical_m2m_records.send(
                sender=m2m_history_model,
                rows=insert_rows,
                history_instance=history_instance,
                instance=instance,
                field=field,
            )
            created_rows = m2m_history_model.objects.bulk_create(insert_rows)
            post_create_historical_m2m_records.send(
                sender=m2m_history_model,
                created_rows=created_rows,
                history_instance=history_instance,
                instance=instance,
                field=field,
            )


def link_accessors(history_model):
    """{link name: the record's reverse accessor of its rows}, which
    ``prefetch_related`` accepts (the manager named like the link does not)."""
    return {
        field.name: getattr(history_model, field.name)
        .model._meta.get_field("history")
        .remote_field.get_accessor_name()
        for field in history_model._history_m2m_fields
    }


def links(record):
    """{name: sorted ids} of the links a historical record holds (read from
    a prefetch of ``link_accessors`` when there is one)."""
    result = {}
    accessors = link_accessors(type(record))
    for field in record._history_m2m_fields:
        target = f"{field.m2m_reverse_field_name()}_id"
        rows = getattr(record, accessors[field.name]).all()
        result[field.name] = sorted(getattr(row, target) for row in rows)
    return result


def tracked(**kwargs):
    """The history of a document (``history = tracked()`` on its model).
    ``excluded_fields`` may only name fields the model has: simple-history
    looks each one up when it keeps a record's links."""
    kwargs.setdefault("excluded_fields", list(UNTRACKED))
    return DocumentHistory(bases=[SnapshotHistory], **kwargs)


def snapshot(document):
    """The document's rows as plain data -- ``{name: rows}``, the model's
    ``history_children()``, or None for a document without rows. The one
    format of a document's content: each historical record holds it
    (``children``), and so does a frozen action-plan version."""
    rows = getattr(document, "history_children", None)
    return rows() if callable(rows) else None


@receiver(pre_create_historical_record)
def _snapshot_children(sender, instance, history_instance, **kwargs):
    history_instance.children = snapshot(instance)


@contextmanager
def one_record(instance, reason=None):
    """Everything written to ``instance`` and its rows inside the block makes
    one historical record, written as the block ends (not if it fails): the
    document with its rows as they are then, in whatever order they were
    saved. ``reason`` is one of the codes below, or a text."""
    adding = instance._state.adding
    instance.skip_history_when_saving = True
    try:
        yield instance
    finally:
        del instance.skip_history_when_saving
    if reason is not None:
        instance._change_reason = str(reason)[:100]
    type(instance)._document_history.create_historical_record(
        instance, "+" if adding else "~"
    )


# Why a record was written, stored as a code and shown in the reader's language.
IMPORTED = "import"
CRITERIA = "criteria"
RESTORED = "restored:"  # followed by the restored record's date, ISO 8601


def save_with_reason(instance, reason, **kwargs):
    """Save and note why in the history (one of the codes above)."""
    instance._change_reason = str(reason)[:100]
    instance.save(**kwargs)


def describe_reason(reason):
    """The stored reason of a record, in the reader's language."""
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    if not reason:
        return ""
    if reason == IMPORTED:
        return gettext("Imported from a file")
    if reason == CRITERIA:
        return gettext("Criteria ratings")
    if reason.startswith(RESTORED):
        moment = parse_datetime(reason[len(RESTORED) :])
        if moment is not None:
            return gettext("Restored the version of %(date)s") % {
                "date": date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
            }
    return reason
