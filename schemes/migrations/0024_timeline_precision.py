"""An action's timeline in the unit it was written in: a day, a month, and
now a quarter or a year (``schemes.work.timeline``), and its end as the last
day of that unit, so that plans sort by it.

A row said whether each end was a month (a flag; a month stored as its first
day). Every row, frozen version and historical record converts: nothing was
stored as free text, so nothing is left unread. Reversible: a quarter or a
year goes back as the months it begins and ends with.
"""

import calendar
import datetime

from django.db import migrations, models

PRECISIONS = [
    ("day", "day"),
    ("month", "month"),
    ("quarter", "quarter"),
    ("year", "year"),
]


def _month_end(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _forward(start, start_is_month, end, end_is_month):
    """(start, start precision, end, end precision) from the month flags."""
    if end and end_is_month:
        end = _month_end(end)
    return (
        start,
        "month" if start_is_month else "day",
        end,
        "month" if end_is_month else "day",
    )


def _backward(start, start_precision, end, end_precision):
    """(start, start is a month, end, end is a month): a quarter or a year
    as the months it begins and ends with, a month as its first day."""
    if end and end_precision != "day":
        end = end.replace(day=1)
    if start:
        start = start.replace(day=1) if start_precision != "day" else start
    return start, start_precision != "day", end, end_precision != "day"


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _json_rows(rows, forward):
    """Rows of a snapshot (dates as ISO text) in the other format."""
    for row in rows or []:
        if forward and "start_is_month" in row:
            values = _forward(
                _date(row.get("start")),
                row.pop("start_is_month"),
                _date(row.get("end")),
                row.pop("end_is_month", False),
            )
            keys = ("start", "start_precision", "end", "end_precision")
        elif not forward and "start_precision" in row:
            values = _backward(
                _date(row.get("start")),
                row.pop("start_precision"),
                _date(row.get("end")),
                row.pop("end_precision", "day"),
            )
            keys = ("start", "start_is_month", "end", "end_is_month")
        else:
            continue
        for key, value in zip(keys, values, strict=True):
            row[key] = value.isoformat() if isinstance(value, datetime.date) else value


def _convert(apps, forward):
    ActionPlanRow = apps.get_model("schemes", "ActionPlanRow")
    ActionPlanVersion = apps.get_model("schemes", "ActionPlanVersion")
    HistoricalActionPlan = apps.get_model("schemes", "HistoricalActionPlan")
    for row in ActionPlanRow.objects.all().iterator():
        if forward:
            values = _forward(row.start, row.start_is_month, row.end, row.end_is_month)
            names = ("start", "start_precision", "end", "end_precision")
        else:
            values = _backward(
                row.start, row.start_precision, row.end, row.end_precision
            )
            names = ("start", "start_is_month", "end", "end_is_month")
        for name, value in zip(names, values, strict=True):
            setattr(row, name, value)
        row.save(update_fields=list(names))
    for version in ActionPlanVersion.objects.all().iterator():
        _json_rows((version.snapshot or {}).get("rows"), forward)
        version.save(update_fields=["snapshot"])
    for record in HistoricalActionPlan.objects.exclude(children=None).iterator():
        _json_rows((record.children or {}).get("rows"), forward)
        record.save(update_fields=["children"])


def to_precision(apps, schema_editor):
    _convert(apps, forward=True)


def to_month_flags(apps, schema_editor):
    _convert(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0023_accent_free_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="actionplanrow",
            name="start_precision",
            field=models.CharField(
                choices=PRECISIONS,
                default="day",
                max_length=10,
                verbose_name="start written as",
            ),
        ),
        migrations.AddField(
            model_name="actionplanrow",
            name="end_precision",
            field=models.CharField(
                choices=PRECISIONS,
                default="day",
                max_length=10,
                verbose_name="end written as",
            ),
        ),
        migrations.RunPython(to_precision, to_month_flags),
        migrations.RemoveField(model_name="actionplanrow", name="start_is_month"),
        migrations.RemoveField(model_name="actionplanrow", name="end_is_month"),
    ]
