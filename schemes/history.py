"""The history page of each document: who changed what, and a way back.

Each document kind of the registry (``incluportal.documents``) names its
adapter here: how its rows (``children`` in each historical record) read as
changes and how they are put back. Who may see the history and who may
restore come from the kind (its read rule and its writers). Records are
compared pairwise in Python, so a page of history costs a fixed number of
queries.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchmarks.models import GuidingQuestion, KeyFactor, Theme
from incluportal import conflicts
from incluportal.documents import kind_for_key, kind_for_model, kinds
from incluportal.history import RESTORED, describe_reason, save_with_reason
from incluportal.models import User
from schemes import access, selectors
from schemes.models import (
    ActionPlan,
    ActionPlanRow,
    AgendaItem,
    GoodPractice,
    GoodPracticeCriterion,
    Level,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
    QuestionAnswer,
    SelfAssessment,
    SupportGroupMember,
    Visit,
)
from schemes.services.visits import _renumber

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
# Shown in the history, but never put back by a restore: the workflow's own.
WORKFLOW = {"status", "review_comment", "version", "round", "submitted_by"}


# --- Readable differences --------------------------------------------------------


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


def _change(label, old, new, kind="changed"):
    old = "" if old is None else str(old)
    new = "" if new is None else str(new)
    change = Change(label=str(label), old=old, new=new, kind=kind)
    if kind == "changed" and (len(old) > 60 or len(new) > 60 or "\n" in old + new):
        change.segments = word_diff(old, new)
    return change


def _display(model_field, value):
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
    return str(value)


def _content_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN and not f.name.startswith("history_")
    ]


def field_changes(model, old, new):
    """Changes of the document's own columns between two records."""
    changes = []
    for model_field in _content_fields(model):
        if model_field.is_relation:
            continue
        before = getattr(old, model_field.attname) if old is not None else None
        after = getattr(new, model_field.attname)
        if (before or None) == (after or None) and before == after:
            continue
        if old is None and (
            after in (None, "", False, [], {}) or after == model_field.get_default()
        ):
            continue  # a new document's defaults are not news
        if before in (None, "", []) and after in (None, "", []):
            continue
        changes.append(
            _change(
                model_field.verbose_name,
                _display(model_field, before),
                _display(model_field, after),
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


def _set_changes(label, model, old_ids, new_ids, names):
    old_ids, new_ids = set(old_ids or ()), set(new_ids or ())
    changes = []
    added, removed = new_ids - old_ids, old_ids - new_ids
    if added:
        changes.append(
            _change(
                label, "", "; ".join(names(model, i) for i in sorted(added)), "added"
            )
        )
    if removed:
        changes.append(
            _change(
                label,
                "; ".join(names(model, i) for i in sorted(removed)),
                "",
                "removed",
            )
        )
    return changes


# --- Each document type ------------------------------------------------------------


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

    def prime(self, records, names):
        """Load the names the records' rows point at (most kinds have rows)."""

    def child_changes(self, old, new, names):
        return []

    def restore_children(self, obj, children):
        """Put the rows of a record back (most kinds have rows)."""


class NeedsAnalysisHistory(Tracked):
    model = NeedsAnalysis


class NationalContextHistory(Tracked):
    model = NationalContext

    def back_url(self, obj):
        scheme = obj.city.schemes_as_mentee.filter(programme=obj.programme).first()
        if scheme is not None:
            return reverse("schemes:needs_analysis", args=[scheme.pk])
        return reverse(
            "schemes:mentor_profile", args=[obj.programme.slug, obj.city.slug]
        )


class MentorProfileHistory(Tracked):
    model = MentorProfile

    def prime(self, records, names):
        children = [r.children or {} for r in records]
        names.prime(KeyFactor, {i for c in children for i in c.get("key_factors", [])})
        names.prime(
            GoodPractice, {i for c in children for i in c.get("good_practices", [])}
        )

    def child_changes(self, old, new, names):
        return _set_changes(
            _("Key factors the city is strong in"),
            KeyFactor,
            old.get("key_factors"),
            new.get("key_factors"),
            names,
        ) + _set_changes(
            _("Good practices"),
            GoodPractice,
            old.get("good_practices"),
            new.get("good_practices"),
            names,
        )

    def restore_children(self, obj, children):
        obj.key_factors.set(
            KeyFactor.objects.filter(pk__in=children.get("key_factors", []))
        )
        obj.good_practices.set(
            GoodPractice.objects.filter(
                pk__in=children.get("good_practices", []), city=obj.city
            )
        )


class GoodPracticeHistory(Tracked):
    model = GoodPractice

    def prime(self, records, names):
        children = [r.children or {} for r in records]
        names.prime(Theme, {i for c in children for i in c.get("themes", [])})
        names.prime(
            KeyFactor,
            {i for c in children for i in c.get("key_factors", [])}
            | {a["area"] for c in children for a in c.get("criteria", [])},
        )

    def child_changes(self, old, new, names):
        changes = _set_changes(
            _("Themes"), Theme, old.get("themes"), new.get("themes"), names
        ) + _set_changes(
            _("Key factors it illustrates"),
            KeyFactor,
            old.get("key_factors"),
            new.get("key_factors"),
            names,
        )
        levels = dict(GoodPracticeCriterion._meta.get_field("level").flatchoices)
        before = {c["area"]: c for c in old.get("criteria", [])}
        for criterion in new.get("criteria", []):
            was = before.get(criterion["area"], {})
            area = names(KeyFactor, criterion["area"])
            if was.get("level") != criterion["level"]:
                changes.append(
                    _change(
                        f"{area} – {_('level')}",
                        levels.get(was.get("level"), ""),
                        levels.get(criterion["level"], ""),
                    )
                )
            if (was.get("comment") or "") != (criterion["comment"] or ""):
                changes.append(
                    _change(
                        f"{area} – {_('comment')}",
                        was.get("comment"),
                        criterion["comment"],
                    )
                )
        return changes

    def restore_children(self, obj, children):
        obj.themes.set(Theme.objects.filter(pk__in=children.get("themes", [])))
        obj.key_factors.set(
            KeyFactor.objects.filter(pk__in=children.get("key_factors", []))
        )
        areas = set(
            KeyFactor.objects.filter(
                pk__in=[c["area"] for c in children.get("criteria", [])]
            ).values_list("pk", flat=True)
        )
        obj.criteria.all().delete()
        GoodPracticeCriterion.objects.bulk_create(
            GoodPracticeCriterion(
                good_practice=obj,
                criteria_area_id=c["area"],
                level=c["level"],
                comment=c["comment"] or "",
            )
            for c in children.get("criteria", [])
            if c["area"] in areas
        )


class SelfAssessmentHistory(Tracked):
    model = SelfAssessment

    def prime(self, records, names):
        children = [r.children or {} for r in records]
        ratings = [r for c in children for r in c.get("ratings", [])]
        names.prime(KeyFactor, {r["key_factor"] for r in ratings})
        names.prime(
            GuidingQuestion,
            {int(q) for r in ratings for q in r.get("answers", {})},
        )

    def child_changes(self, old, new, names):
        levels = dict(Level.choices)
        before = {r["key_factor"]: r for r in old.get("ratings", [])}
        changes = []
        for rating in new.get("ratings", []):
            was = before.get(rating["key_factor"], {})
            factor = names(KeyFactor, rating["key_factor"])
            if was.get("level") != rating["level"]:
                changes.append(
                    _change(
                        f"{factor} – {_('level')}",
                        levels.get(was.get("level"), ""),
                        levels.get(rating["level"], ""),
                    )
                )
            for key, label in (("note", _("note")), ("evidence", _("evidence"))):
                if (was.get(key) or "") != (rating[key] or ""):
                    changes.append(
                        _change(f"{factor} – {label}", was.get(key), rating[key])
                    )
            old_answers = was.get("answers", {})
            for question, text in rating.get("answers", {}).items():
                if (old_answers.get(question) or "") != (text or ""):
                    changes.append(
                        _change(
                            names(GuidingQuestion, int(question)),
                            old_answers.get(question),
                            text,
                        )
                    )
        return changes

    def restore_children(self, obj, children):
        by_factor = {r.key_factor_id: r for r in obj.ratings.all()}
        answers = {
            a.question_id: a
            for a in QuestionAnswer.objects.filter(rating__assessment=obj)
        }
        for values in children.get("ratings", []):
            rating = by_factor.get(values["key_factor"])
            if rating is None:
                continue
            rating.level = values["level"]
            rating.note = values["note"] or ""
            rating.evidence = values["evidence"] or ""
            rating.save()
            for question, text in values.get("answers", {}).items():
                answer = answers.get(int(question))
                if answer is not None:
                    answer.text = text or ""
                    answer.save(update_fields=["text"])
                elif (
                    text
                    and GuidingQuestion.objects.filter(
                        pk=int(question), key_factor_id=rating.key_factor_id
                    ).exists()
                ):
                    QuestionAnswer.objects.create(
                        rating=rating, question_id=int(question), text=text
                    )


class VisitHistory(Tracked):
    model = Visit

    def prime(self, records, names):
        children = [r.children or {} for r in records]
        names.prime(User, {i for c in children for i in c.get("team_participants", [])})
        names.prime(
            SupportGroupMember,
            {i for c in children for i in c.get("support_group_attendees", [])},
        )

    def child_changes(self, old, new, names):
        changes = []
        before = "\n".join(_(t) for t in old.get("agenda", []))
        after = "\n".join(_(t) for t in new.get("agenda", []))
        if before != after and (before or after):
            changes.append(_change(_("Agenda"), before, after))
        return (
            changes
            + _set_changes(
                _("Participants from the city teams"),
                User,
                old.get("team_participants"),
                new.get("team_participants"),
                names,
            )
            + _set_changes(
                _("Participants from the local support groups"),
                SupportGroupMember,
                old.get("support_group_attendees"),
                new.get("support_group_attendees"),
                names,
            )
        )

    def restore_children(self, obj, children):
        obj.agenda_items.all().delete()
        AgendaItem.objects.bulk_create(
            AgendaItem(visit=obj, order=i, text=text)
            for i, text in enumerate(children.get("agenda", []), start=1)
        )
        team = selectors.visit_team_candidates(scheme=obj.scheme).filter(
            pk__in=children.get("team_participants", [])
        )
        obj.team_participants.set(team)
        obj.support_group_attendees.set(
            obj.scheme.support_group_members.filter(
                pk__in=children.get("support_group_attendees", [])
            )
        )


_ROW_LABELS = {f.attname: f.verbose_name for f in ActionPlanRow.content_fields()}
_ROW_FIELDS = {f.attname: f for f in ActionPlanRow.content_fields()}


class ActionPlanHistory(Tracked):
    model = ActionPlan

    def prime(self, records, names):
        rows = [row for r in records for row in (r.children or {}).get("rows", [])]
        names.prime(KeyFactor, {row.get("key_factor_id") for row in rows})
        names.prime(Visit, {row.get("added_at_visit_id") for row in rows})

    def _value(self, attname, value, names):
        if attname == "key_factor_id":
            return names(KeyFactor, value) if value else ""
        if attname == "added_at_visit_id":
            return names(Visit, value) if value else ""
        model_field = _ROW_FIELDS[attname]
        if value and model_field.get_internal_type() == "DateField":
            value = parse_date(value)
        return _display(model_field, value)

    def child_changes(self, old, new, names):
        before = {row["id"]: row for row in old.get("rows", [])}
        after = {row["id"]: row for row in new.get("rows", [])}
        changes = []
        compared = [a for a in _ROW_LABELS if a not in ("number",)]
        for row_id, row in after.items():
            label = _("Action %(number)s") % {"number": row["number"]}
            was = before.get(row_id)
            if was is None:
                changes.append(_change(label, "", row.get("action"), "added"))
                continue
            if was["number"] != row["number"]:
                changes.append(
                    _change(
                        label,
                        _("Action %(number)s") % {"number": was["number"]},
                        label,
                    )
                )
            for attname in compared:
                if was.get(attname) != row.get(attname):
                    changes.append(
                        _change(
                            f"{label} – {_ROW_LABELS[attname]}",
                            self._value(attname, was.get(attname), names),
                            self._value(attname, row.get(attname), names),
                        )
                    )
            if len(was.get("notes", [])) != len(row.get("notes", [])):
                for note in row.get("notes", [])[len(was.get("notes", [])) :]:
                    changes.append(
                        _change(
                            f"{label} – {_('progress note')}",
                            "",
                            note["text"],
                            "added",
                        )
                    )
        for row_id, row in before.items():
            if row_id not in after:
                changes.append(
                    _change(
                        _("Action %(number)s") % {"number": row["number"]},
                        row.get("action"),
                        "",
                        "removed",
                    )
                )
        return changes

    def restore_children(self, obj, children):
        wanted = children.get("rows", [])
        keep = {row["id"] for row in wanted}
        obj.rows.exclude(pk__in=keep).delete()
        existing = {row.pk: row for row in obj.rows.all()}
        valid_factors = set(
            KeyFactor.objects.filter(benchmark=obj.scheme.benchmark_id).values_list(
                "pk", flat=True
            )
        )
        valid_visits = set(obj.scheme.visits.values_list("pk", flat=True))
        links = {"key_factor_id": valid_factors, "added_at_visit_id": valid_visits}
        offset = 1000 + len(wanted) + len(existing)
        restored = []
        for position, values in enumerate(wanted, start=1):
            row = existing.get(values["id"]) or ActionPlanRow(plan=obj)
            for attname, model_field in _ROW_FIELDS.items():
                value = values.get(attname)
                if attname == "number":
                    value = offset + position  # clear of the unique constraint
                elif attname in links and value not in links[attname]:
                    value = None  # what it pointed at is gone
                elif value and model_field.get_internal_type() == "DateField":
                    value = parse_date(value)
                elif value is None and not model_field.null:
                    value = model_field.get_default()
                setattr(row, attname, value)
            row.save()
            restored.append(row)
        _renumber(restored)


class SupportGroupMemberHistory(Tracked):
    model = SupportGroupMember

    def back_url(self, obj):
        return reverse("schemes:support_group", args=[obj.scheme_id, obj.side])

    def prime(self, records, names):
        names.prime(
            Visit, {i for r in records for i in (r.children or {}).get("visits", [])}
        )

    def child_changes(self, old, new, names):
        return _set_changes(
            _("Visits attended"), Visit, old.get("visits"), new.get("visits"), names
        )

    def restore_children(self, obj, children):
        obj.visits_attended.set(obj.scheme.visits.filter(pk__in=children["visits"]))


def tracked_for(doc_type):
    """The history adapter of the kind named ``doc_type`` (404 if none)."""
    return kind_for_key(doc_type).tracked


def __getattr__(name):
    # Built from the registry when asked, so that importing this module
    # never depends on every kind being declared already.
    if name == "TRACKED":
        return {kind.key: kind.tracked for kind in kinds() if kind.history}
    if name == "DOC_TYPE_OF":
        return {kind.model: kind.key for kind in kinds() if kind.history}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- The timeline -------------------------------------------------------------------


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


def timeline(tracked, obj, *, limit, offset=0):
    """The records of ``obj``, newest first, each with its changes to the
    record before. Returns (entries, has_more)."""
    records = list(
        tracked.model.history.filter(id=obj.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[offset : offset + limit + 1]
    )
    names = Names()
    tracked.prime(records, names)
    entries = []
    page = records[:limit]
    for index, record in enumerate(page):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = field_changes(tracked.model, previous, record)
        changes += tracked.child_changes(
            (previous.children or {}) if previous else {}, record.children or {}, names
        )
        entries.append(
            Entry(record=record, changes=changes, is_latest=offset + index == 0)
        )
    return entries, len(records) > limit


@transaction.atomic
def restore(tracked, obj, *, history_id, by):
    """Put the document back as it was in one of its records."""
    if not tracked.can_restore(by, obj):
        raise PermissionDenied
    record = tracked.model.history.filter(id=obj.pk, history_id=history_id).first()
    if record is None:
        raise Http404
    conflicts.lock(obj)
    if not tracked.can_restore(by, obj):
        raise PermissionDenied
    for model_field in _content_fields(tracked.model):
        if model_field.name in WORKFLOW or model_field.is_relation:
            continue
        setattr(obj, model_field.attname, getattr(record, model_field.attname))
    if hasattr(obj, "updated_by_id"):
        obj.updated_by = by
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ValidationError(
            _("This version cannot be restored: %(reason)s")
            % {"reason": " ".join(error.messages)}
        ) from error
    tracked.restore_children(obj, record.children or {})
    save_with_reason(obj, RESTORED + record.history_date.isoformat())
    return obj
