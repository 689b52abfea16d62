"""One history (issue 16): a write makes one record holding the document
with its rows, whatever order they were saved in; a plan's frozen versions
and its historical records hold its rows in one format, compared by one
engine; rows stored in the formats of before are migrated."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from incluportal.history import links, one_record, snapshot
from schemes import services
from schemes.models import ActionPlanVersion, SupportGroupMember, Visit
from schemes.work.history.diff import field_changes
from schemes.work.models.support import StakeholderType
from schemes.work.services.action_plans import version_diff

pytestmark = pytest.mark.django_db

migration = importlib.import_module("schemes.migrations.0014_one_snapshot_format")


def _migrate():
    """As ``migrate`` runs it: with the models as they stand at the migration."""
    node = ("schemes", migration.__name__.rsplit(".", 1)[1])
    state = MigrationLoader(connection).project_state(node, at_end=True)
    migration.one_snapshot_format(state.apps, schema_editor=None)


def test_a_new_document_and_its_links_make_one_record(world):
    themes = [world.benchmark.theme]
    practice = services.good_practice_create(
        city=world.mentee_city,
        values={"title": "Language club", "themes": themes},
        by=world.users["mentee"],
    )
    records = list(practice.history.all())
    assert [r.history_type for r in records] == ["+"]
    assert links(records[0])["themes"] == [t.pk for t in themes]

    member = services.support_group_member_create(
        scheme=world.scheme,
        city=world.scheme.mentee_city,
        values={
            "name": "Anna",
            "stakeholder_type": StakeholderType.values[0],
            "visits_attended": [world.scheme.visits.first()],
        },
        by=world.users["mentee"],
    )
    records = list(member.history.all())
    assert [r.history_type for r in records] == ["+"]
    assert links(records[0])["visits_attended"] == [world.scheme.visits.first().pk]


def test_the_record_holds_the_rows_whatever_the_order_of_the_saves(world):
    visit = world.scheme.visits.first()
    count = visit.history.count()
    with one_record(visit):
        visit.save()  # first: the rows below are written after it
        visit.agenda_items.all().delete()
        visit.agenda_items.create(order=1, text="Tour of the language centre")
        visit.team_participants.set([world.users["mentee"]])
    assert visit.history.count() == count + 1
    record = visit.history.latest()
    assert record.children["agenda"] == ["Tour of the language centre"]
    assert links(record)["team_participants"] == [world.users["mentee"].pk]
    assert record.children == snapshot(visit)


def test_a_failed_write_leaves_no_record(world):
    member = world.member
    count = SupportGroupMember.history.filter(id=member.pk).count()
    with pytest.raises(RuntimeError), one_record(member):
        member.save()
        raise RuntimeError
    assert SupportGroupMember.history.filter(id=member.pk).count() == count
    assert not hasattr(member, "skip_history_when_saving")


def test_a_version_holds_the_rows_as_the_history_does(world, plan):
    mentee = world.users["mentee"]
    factor = world.benchmark.key_factors.first()
    services.row_create(
        plan=plan, values={"action": "Courses", "key_factor": factor}, by=mentee
    )
    version = services.action_plan_submit(plan=plan, by=mentee)
    record = plan.history.latest()
    assert version.snapshot["rows"] == record.children["rows"]
    assert version.snapshot["rows"][0]["key_factor"] == str(factor)
    assert version.snapshot["rows"][0]["key_factor_id"] == factor.pk


def test_the_columns_are_compared_by_simple_history(world):
    visit = world.scheme.visits.first()
    before = visit.history.latest()
    visit.place = "Jelgava library"
    visit.save()
    after = visit.history.latest()
    changes = field_changes(Visit, before, after)
    assert [(c.old, c.new) for c in changes] == [("", "Jelgava library")]
    assert [c.field for c in after.diff_against(before).changes] == ["place"]


def test_rows_stored_in_the_formats_of_before_are_migrated(world, plan):
    mentee = world.users["mentee"]
    factor = world.benchmark.key_factors.first()
    row = services.row_create(
        plan=plan, values={"action": "Courses", "key_factor": factor}, by=mentee
    )
    # A version frozen before: the key factor by name, no links, no notes.
    old_row = {
        "id": row.pk,
        "number": 1,
        "action": "Courses",
        "results": "",
        "start": None,
        "start_precision": "day",
        "end": None,
        "end_precision": "day",
        "leads": "",
        "resources": "",
        "success": "",
        "need": "",
        "key_factor": str(factor),
    }
    version = ActionPlanVersion.objects.create(
        plan=plan,
        number=1,
        status="submitted",
        snapshot={
            "scheme": "S",
            "mentee_city": "J",
            "mentor_city": "B",
            "rows": [old_row],
        },
    )
    # A record written before: the key factor by id only.
    record = plan.history.latest()
    for stored in record.children["rows"]:
        del stored["key_factor"]
    record.save(update_fields=["children"])

    _migrate()

    version.refresh_from_db()
    migrated = version.snapshot["rows"][0]
    assert {k: migrated[k] for k in old_row} == old_row  # nothing lost
    assert migrated["notes"] == [] and migrated["key_factor_id"] is None
    assert migrated["implementation_status"] == "not_started"
    record.refresh_from_db()
    assert record.children["rows"][0]["key_factor"] == str(factor)
    assert set(record.children["rows"][0]) == set(migrated)  # one format
    # A version of before compares with one of now.
    services.row_update(row=row, values={"action": "More courses"}, by=mentee)
    diff = version_diff(version.snapshot, {"rows": snapshot(plan)["rows"]})
    assert ("action", "Courses", "More courses") in diff[0]["changes"]


@pytest.mark.django_db(transaction=True)
def test_links_stored_in_the_snapshots_of_before_are_migrated(world):
    practice = world.draft_practice
    theme = world.benchmark.theme
    member = world.member
    visit = world.scheme.visits.first()
    # Records written before: their links in their snapshot, none kept apart.
    practice_record = practice.history.latest()
    practice_record.children = {"themes": [theme.pk], "key_factors": [], "criteria": []}
    practice_record.save(update_fields=["children"])
    type(practice_record).themes.model.objects.filter(history=practice_record).delete()
    member_record = member.history.latest()
    member_record.children = {"visits": [visit.pk]}
    member_record.save(update_fields=["children"])
    type(member_record).visits_attended.model.objects.filter(
        history=member_record
    ).delete()

    # As ``migrate`` runs 0015 on a database of before it: back to 0014,
    # then forward to today's tables.
    executor = MigrationExecutor(connection)
    executor.migrate([("schemes", "0014_one_snapshot_format")])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    practice_record.refresh_from_db()
    assert practice_record.children == {"criteria": []}
    assert links(practice_record)["themes"] == [theme.pk]
    member_record.refresh_from_db()
    assert member_record.children == {}
    assert links(member_record)["visits_attended"] == [visit.pk]
