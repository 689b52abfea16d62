"""One snapshot format for an action plan's rows.

A frozen version held its rows in a format of its own (the key factor by
name, no links, no progress notes) and the plan's historical records in
another (the key factor by id). Both now hold the rows as
``ActionPlan.history_children`` gives them: every column of a row (links by
id), the name of its key factor, and its progress notes. This gives the rows
stored before what they lacked: a version's rows the columns it did not
keep (empty: not recorded then), a record's rows the name of their key
factor (as it is now).
"""

from django.db import migrations

# What a version's row did not keep, as an empty row has it.
VERSION_GAPS = {
    "revision": None,
    "key_factor_id": None,
    "added_at_visit_id": None,
    "implementation_status": "not_started",
    "notes": [],
}


def version_rows(snapshot):
    """A version's snapshot in the one format (unchanged if it is already)."""
    for row in (snapshot or {}).get("rows", []):
        for key, empty in VERSION_GAPS.items():
            row.setdefault(key, list(empty) if isinstance(empty, list) else empty)
    return snapshot


def record_rows(children, factor_names):
    """A historical record's rows in the one format."""
    for row in (children or {}).get("rows", []):
        if "key_factor" not in row:
            row["key_factor"] = factor_names.get(row.get("key_factor_id"), "")
    return children


def one_snapshot_format(apps, schema_editor):
    KeyFactor = apps.get_model("benchmarks", "KeyFactor")
    ActionPlanVersion = apps.get_model("schemes", "ActionPlanVersion")
    HistoricalActionPlan = apps.get_model("schemes", "HistoricalActionPlan")
    for version in ActionPlanVersion.objects.all().iterator():
        version.snapshot = version_rows(version.snapshot)
        version.save(update_fields=["snapshot"])
    names = {
        factor.pk: f"{factor.number}. {factor.title}"
        for factor in KeyFactor.objects.all()
    }
    for record in HistoricalActionPlan.objects.exclude(children=None).iterator():
        record.children = record_rows(record.children, names)
        record.save(update_fields=["children"])


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0013_fill_scheme_documents"),
    ]

    operations = [
        migrations.RunPython(one_snapshot_format, migrations.RunPython.noop),
    ]
