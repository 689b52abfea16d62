import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from schemes import services
from schemes.models import ActionPlanRow, PlanStatus
from schemes.work.services.action_plans import snapshot, version_diff

pytestmark = pytest.mark.django_db


def _add(plan, user, action, **values):
    return services.row_create(plan=plan, values={"action": action, **values}, by=user)


def test_rows_are_numbered_moved_and_renumbered(world, plan):
    mentee = world.users["mentee"]
    a, b, c = (_add(plan, mentee, x) for x in ("A", "B", "C"))
    services.row_move(row=c, by=mentee, offset=-1)
    assert list(plan.rows.values_list("action", flat=True)) == ["A", "C", "B"]
    services.row_delete(row=a, by=mentee)
    assert list(plan.rows.values_list("number", "action")) == [(1, "C"), (2, "B")]


def test_rows_are_validated_on_the_server(world, plan, client_for):
    client = client_for("mentee")
    url = reverse("schemes:action_plan_row_add", args=[world.scheme.pk])
    bad = [
        {"action": ""},
        {"action": "x", "timeline": "13/2025"},
        {"action": "x", "timeline": "06/2025 – 01/2025"},
        {"action": "x\x00"},
    ]
    for data in bad:
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert (
            "invalid-feedback" in response.content.decode()
            or "alert" in response.content.decode()
        )
    assert not plan.rows.exists()
    response = client.post(
        url, {"action": "Courses", "timeline": "03/2025 – 15/12/2025"}
    )
    assert response.status_code == 302
    row = plan.rows.get()
    assert (row.start, row.start_precision) == (datetime.date(2025, 3, 1), "month")
    assert (row.end, row.end_precision) == (datetime.date(2025, 12, 15), "day")


def test_a_row_cannot_point_at_another_schemes_key_factor_or_visit(
    world, plan, client_for
):
    from tests import factories

    foreign_kf = factories.benchmark_with_factors(count=3).key_factors.first()
    services.scheme_setup(scheme=world.other_scheme)
    foreign_visit = world.other_scheme.visits.first()
    url = reverse("schemes:action_plan_row_add", args=[world.scheme.pk])
    client = client_for("mentee")
    for data in ({"key_factor": foreign_kf.pk}, {"added_at_visit": foreign_visit.pk}):
        response = client.post(url, {"action": "x", **data})
        assert response.status_code == 200
    assert not plan.rows.exists()


def test_htmx_gets_fragments_and_plain_posts_get_redirects(world, plan, client_for):
    client = client_for("mentee")
    url = reverse("schemes:action_plan_row_add", args=[world.scheme.pk])
    response = client.post(url, {"action": "With htmx"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<div id="plan-editor">')
    assert "<html" not in html
    assert client.post(url, {"action": "Without"}).status_code == 302


def test_submission_freezes_a_version_and_locks_the_rows(world, plan):
    mentee = world.users["mentee"]
    row = _add(plan, mentee, "Courses in Latvian")
    version = services.action_plan_submit(plan=plan, by=mentee)
    assert (version.number, version.status) == (1, PlanStatus.SUBMITTED)
    assert version.snapshot["rows"][0]["action"] == "Courses in Latvian"
    with pytest.raises(PermissionDenied):
        services.row_update(row=row, values={"action": "changed"}, by=mentee)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_an_empty_plan_cannot_be_submitted(world, plan):
    with pytest.raises(ValidationError, match="at least one action"):
        services.action_plan_submit(plan=plan, by=world.users["mentee"])


def test_return_resubmit_approve_and_new_draft(world, plan):
    mentee, coordinator = world.users["mentee"], world.users["coordinator"]
    _add(plan, mentee, "First")
    services.action_plan_submit(plan=plan, by=mentee)
    services.action_plan_return(plan=plan, by=coordinator, comment="Add a budget line")
    plan.refresh_from_db()
    assert (plan.status, plan.version) == (PlanStatus.RETURNED, 2)
    _add(plan, mentee, "Budget line")
    services.action_plan_submit(plan=plan, by=mentee)
    plan.versions.update(
        frozen_at=datetime.datetime(2023, 5, 2, 9, tzinfo=datetime.UTC)
    )  # sent to the council before it decided
    with pytest.raises(ValidationError):
        services.action_plan_approve(
            plan=plan, by=coordinator, decision_date=None, decision_reference=""
        )
    services.action_plan_approve(
        plan=plan,
        by=coordinator,
        decision_date=datetime.date(2023, 5, 25),
        decision_reference="Nr. 7/12",
    )
    versions = list(plan.versions.values_list("number", "status"))
    assert versions == [(1, "returned"), (2, "approved")]
    services.action_plan_new_draft(plan=plan, by=mentee)
    plan.refresh_from_db()
    assert (plan.status, plan.version) == (PlanStatus.DRAFT, 3)
    assert plan.versions.get(number=2).snapshot["rows"][1]["action"] == "Budget line"


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("draft", "approve"),
        ("draft", "return"),
        ("approved", "submit"),
        ("submitted", "new_draft"),
        ("returned", "approve"),
    ],
)
def test_illegal_plan_transitions_are_refused(frozen_day, world, plan, status, action):
    mentee, coordinator = world.users["mentee"], world.users["coordinator"]
    _add(plan, mentee, "x")
    type(plan).objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()
    with pytest.raises((ValidationError, PermissionDenied)):
        if action == "approve":
            services.action_plan_approve(
                plan=plan, by=coordinator, decision_date=frozen_day,
                decision_reference="x",
            )  # fmt: skip
        elif action == "return":
            services.action_plan_return(plan=plan, by=coordinator, comment="x")
        elif action == "submit":
            services.action_plan_submit(plan=plan, by=mentee)
        else:
            services.action_plan_new_draft(plan=plan, by=mentee)
    plan.refresh_from_db()
    assert plan.status == status


def test_only_coordinators_record_the_councils_decision(frozen_day, world, plan):
    _add(plan, world.users["mentee"], "x")
    services.action_plan_submit(plan=plan, by=world.users["mentee"])
    for persona in ["mentee", "mentor", "association", "other_coordinator"]:
        with pytest.raises(PermissionDenied):
            services.action_plan_approve(
                plan=plan, by=world.users[persona],
                decision_date=frozen_day, decision_reference="x",
            )  # fmt: skip


def test_the_diff_shows_added_removed_changed_and_moved_rows(world, plan):
    mentee = world.users["mentee"]
    a = _add(plan, mentee, "Keep")
    b = _add(plan, mentee, "Change me")
    c = _add(plan, mentee, "Drop me")
    old = snapshot(plan)
    services.row_delete(row=ActionPlanRow.objects.get(pk=c.pk), by=mentee)
    services.row_update(
        row=ActionPlanRow.objects.get(pk=b.pk), values={"action": "Changed"}, by=mentee
    )
    d = _add(plan, mentee, "New one")
    services.row_move(row=ActionPlanRow.objects.get(pk=d.pk), by=mentee, offset=-2)
    diff = version_diff(old, snapshot(plan))
    kinds = {(e["kind"], e["row"]["action"]) for e in diff}
    assert ("added", "New one") in kinds
    assert ("removed", "Drop me") in kinds
    assert ("changed", "Changed") in kinds
    changed = next(e for e in diff if e["row"]["action"] == "Changed")
    assert ("action", "Change me", "Changed") in changed["changes"]
    assert not any(e["row"]["action"] == "Keep" and e["changes"] for e in diff)
    assert a.pk  # kept row stays unchanged apart from its number


def test_the_version_page_shows_the_changes(world, plan, client_for):
    mentee, coordinator = world.users["mentee"], world.users["coordinator"]
    _add(plan, mentee, "First")
    services.action_plan_submit(plan=plan, by=mentee)
    services.action_plan_return(plan=plan, by=coordinator, comment="More")
    _add(plan, mentee, "Second")
    services.action_plan_submit(plan=plan, by=mentee)
    url = reverse("schemes:action_plan_version", args=[world.scheme.pk, 2])
    html = client_for("mentor").get(url, {"compare": 1}).content.decode()
    assert "Action 2 added" in html


def test_implementation_is_tracked_after_approval(world, plan, client_for):
    mentee, coordinator = world.users["mentee"], world.users["coordinator"]
    row = _add(plan, mentee, "Courses")
    with pytest.raises(PermissionDenied):
        services.row_set_status(row=row, status="in_progress", by=mentee)
    services.action_plan_submit(plan=plan, by=mentee)
    plan.versions.update(
        frozen_at=datetime.datetime(2023, 5, 2, 9, tzinfo=datetime.UTC)
    )  # sent to the council before it decided
    services.action_plan_approve(
        plan=plan, by=coordinator, decision_date=datetime.date(2023, 5, 25),
        decision_reference="7/12",
    )  # fmt: skip
    client = client_for("mentee")
    base = [world.scheme.pk, row.pk]
    client.post(
        reverse("schemes:action_plan_row_status", args=base), {"status": "in_progress"}
    )
    client.post(
        reverse("schemes:action_plan_row_note", args=base),
        {"date": "2023-09-01", "text": "First group started"},
    )
    row.refresh_from_db()
    assert row.implementation_status == "in_progress"
    assert row.progress_notes.get().text == "First group started"
    html = client_for("mentor").get(plan.get_absolute_url()).content.decode()
    assert "First group started" in html


def test_a_plan_of_forty_rows_keeps_a_flat_query_count(
    world, plan, client_for, django_assert_max_num_queries
):
    mentee = world.users["mentee"]
    for i in range(5):
        _add(plan, mentee, f"Action {i}")
    client = client_for("mentee")
    with django_assert_max_num_queries(40) as small:
        client.get(plan.get_absolute_url())
    for i in range(35):
        _add(plan, mentee, f"More {i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(plan.get_absolute_url())
    assert response.content.decode().count('class="plan-row"') == 40


def test_a_return_comment_with_a_null_character_is_refused_with_a_message(
    world, plan, client_for
):
    """PostgreSQL cannot store it: the return was a 500 there."""
    _add(plan, world.users["mentee"], "Courses")
    services.action_plan_submit(plan=plan, by=world.users["mentee"])
    response = client_for("coordinator").post(
        reverse("schemes:action_plan_action", args=[world.scheme.pk, "return"]),
        {"comment": "Add\x00 figures"},
        follow=True,
    )
    assert "null character" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_a_council_decision_cannot_be_dated_in_the_future(frozen_day, world):
    plan = world.scheme.action_plan
    services.action_plan_submit(plan=plan, by=world.users["mentee"])
    with pytest.raises(ValidationError, match="future"):
        services.action_plan_approve(
            plan=plan,
            by=world.users["coordinator"],
            decision_date=frozen_day + datetime.timedelta(days=1),
            decision_reference="7/12",
        )
