"""Migration 0023: the month flags of an action's timeline become the unit
it was written in, in rows, frozen versions and history; and back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from schemes import services
from tests import factories

BEFORE = [("schemes", "0023_accent_free_search")]
AFTER = [("schemes", "0024_timeline_precision")]
D = datetime.date


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


OLD_ROW = {
    "start": "2024-03-01",
    "start_is_month": True,
    "end": "2024-06-01",
    "end_is_month": True,
}


@pytest.mark.django_db(transaction=True)
def test_month_flags_become_units_and_back():
    scheme = factories.SchemeFactory()
    services.scheme_setup(scheme=scheme)
    plan_pk = scheme.action_plan.pk
    try:
        old = _migrate(BEFORE)
        Row = old.get_model("schemes", "ActionPlanRow")
        Version = old.get_model("schemes", "ActionPlanVersion")
        Record = old.get_model("schemes", "HistoricalActionPlan")
        months = Row.objects.create(
            plan_id=plan_pk,
            number=1,
            action="Kursi",
            start=D(2024, 3, 1),
            start_is_month=True,
            end=D(2024, 6, 1),
            end_is_month=True,
        )
        days = Row.objects.create(
            plan_id=plan_pk, number=2, action="Diena", start=D(2024, 3, 12)
        )
        version = Version.objects.create(
            plan_id=plan_pk,
            number=1,
            status="submitted",
            snapshot={"rows": [{"id": months.pk, **OLD_ROW}]},
        )
        record = Record.objects.filter(id=plan_pk).first()
        if record is not None:
            record.children = {"rows": [{"id": months.pk, **OLD_ROW}]}
            record.save()

        new = _migrate(AFTER)
        Row = new.get_model("schemes", "ActionPlanRow")
        row = Row.objects.get(pk=months.pk)
        assert (row.start, row.start_precision, row.end, row.end_precision) == (
            D(2024, 3, 1),
            "month",
            D(2024, 6, 30),  # the last day of the month it ends in
            "month",
        )
        row = Row.objects.get(pk=days.pk)
        assert (row.start, row.start_precision, row.end) == (
            D(2024, 3, 12),
            "day",
            None,
        )
        # A quarter written since goes back as its first and last month.
        Row.objects.filter(pk=days.pk).update(
            start=D(2024, 7, 1),
            start_precision="quarter",
            end=D(2024, 9, 30),
            end_precision="quarter",
        )
        snapshot = (
            new.get_model("schemes", "ActionPlanVersion")
            .objects.get(pk=version.pk)
            .snapshot
        )
        assert snapshot["rows"][0] == {
            "id": months.pk,
            "start": "2024-03-01",
            "start_precision": "month",
            "end": "2024-06-30",
            "end_precision": "month",
        }
        if record is not None:
            children = (
                new.get_model("schemes", "HistoricalActionPlan")
                .objects.get(pk=record.pk)
                .children
            )
            assert children["rows"][0]["end_precision"] == "month"

        old = _migrate(BEFORE)
        Row = old.get_model("schemes", "ActionPlanRow")
        row = Row.objects.get(pk=months.pk)
        assert (row.start, row.start_is_month, row.end, row.end_is_month) == (
            D(2024, 3, 1),
            True,
            D(2024, 6, 1),
            True,
        )
        row = Row.objects.get(pk=days.pk)
        assert (row.start, row.start_is_month, row.end, row.end_is_month) == (
            D(2024, 7, 1),
            True,
            D(2024, 9, 1),
            True,
        )
        snapshot = (
            old.get_model("schemes", "ActionPlanVersion")
            .objects.get(pk=version.pk)
            .snapshot
        )
        assert snapshot["rows"][0] == {"id": months.pk, **OLD_ROW}
    finally:
        _migrate(_latest())
