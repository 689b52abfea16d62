"""History adapter of the action plan (``schemes.work.models.action_plans``).

A plan's rows are compared by the same ``row_diff`` as its frozen versions
(``schemes.work.services.action_plans.version_diff``): one snapshot, one engine.
"""

from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from benchmarks.models import KeyFactor
from schemes.models import ActionPlan, ActionPlanRow, Visit
from schemes.work.history import Tracked
from schemes.work.history.diff import change, display, row_diff
from schemes.work.services.visits import _renumber

_ROW_FIELDS = {f.attname: f for f in ActionPlanRow.content_fields()}
# What the history compares in a row: every column but its number (a row
# moved reads as such), and its progress notes.
_COMPARED = [name for name in _ROW_FIELDS if name != "number"] + ["notes"]


def _label(number):
    return _("Action %(number)s") % {"number": number}


class ActionPlanHistory(Tracked):
    model = ActionPlan

    def prime(self, contents, names):
        rows = [row for c in contents for row in c.get("rows", [])]
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
        return display(model_field, value)

    def child_changes(self, old, new, names):
        changes = []
        for entry in row_diff(old.get("rows", []), new.get("rows", []), _COMPARED):
            row = entry["row"]
            label = _label(row["number"])
            if entry["kind"] == "added":
                changes.append(change(label, "", row.get("action"), "added"))
                continue
            if entry["kind"] == "removed":
                changes.append(change(label, row.get("action"), "", "removed"))
                continue
            if entry["old_number"] != entry["new_number"]:
                changes.append(change(label, _label(entry["old_number"]), label))
            for attname, before, after in entry["changes"]:
                if attname == "notes":
                    if len(before or []) != len(after or []):
                        changes += [
                            change(
                                f"{label} – {_('progress note')}",
                                "",
                                note["text"],
                                "added",
                            )
                            for note in (after or [])[len(before or []) :]
                        ]
                    continue
                changes.append(
                    change(
                        f"{label} – {_ROW_FIELDS[attname].verbose_name}",
                        self._value(attname, before, names),
                        self._value(attname, after, names),
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
