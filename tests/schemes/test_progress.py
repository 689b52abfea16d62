"""A scheme's steps follow its documents (schemes.work.progress), and the one
step no document shows, the training, is marked by a coordinator in the
browser. Every date here is fixed: ``today`` is given, never read."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from schemes import services
from schemes.models import ActionPlanVersion, ProgressNote, StepMark
from schemes.work.progress import programme_progress, scheme_progress
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 6)
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")  # the portal's TIME_ZONE


def _states(progress):
    return {s.key: (s.state, s.reached_on) for s in progress.steps}


def _submit_needs(scheme, when):
    needs = scheme.needs_analysis
    needs.status = "submitted"
    needs.submitted_at = when
    needs.save()


def _hold_visits(scheme, held, *, outcomes="Agreed the next steps"):
    """The first ``held`` visits took place in January 2026, with outcomes."""
    for i, visit in enumerate(scheme.visits.order_by("order")):
        if i < held:
            visit.start_date = datetime.date(2026, 1, 10 + i)
            visit.end_date = datetime.date(2026, 1, 11 + i)
            visit.outcomes = outcomes
        else:
            visit.start_date = datetime.date(2026, 5, 1)
        visit.save()


def _approve(scheme, decided):
    plan = scheme.action_plan
    version = ActionPlanVersion.objects.create(
        plan=plan, number=2, status="approved", snapshot={}, decision_date=decided
    )
    ActionPlanVersion.objects.filter(pk=version.pk).update(
        frozen_at=datetime.datetime(2026, 2, 1, 9, tzinfo=BRUSSELS)
    )
    plan.status = "approved"
    plan.save()


def _mark_training(world, day=datetime.date(2025, 11, 20)):
    return services.step_mark(
        scheme=world.scheme,
        step="training",
        reached_on=day,
        note="Two days in Riga",
        by=world.users["coordinator"],
    )


# --- The derivation, step by step ------------------------------------------------


def test_a_new_scheme_is_matched_and_waits_for_its_needs_analysis(world):
    world.scheme.start_date = datetime.date(2025, 9, 1)
    world.scheme.save()
    ActionPlanVersion.objects.all().delete()  # the world's returned version
    progress = scheme_progress(world.scheme, today=TODAY)
    assert progress.current == "needs_analysis"
    assert _states(progress) == {
        "needs_analysis": ("current", None),
        "matching": ("done", datetime.date(2025, 9, 1)),
        "training": ("todo", None),
        "visits": ("todo", None),
        "action_plan": ("todo", None),
        "approval": ("todo", None),
        "implementation": ("todo", None),
    }
    assert progress.step("visits").detail == "0 of 3 held"
    assert progress.current_label == "Needs analysis"


def test_the_stage_follows_the_furthest_step_a_skipped_one_stays_open(world):
    """The Jelgava case: the plan approved by the council, the needs analysis
    never submitted. The scheme implements its plan; the needs analysis
    shows "not yet" (and the dashboard flags it overdue)."""
    scheme = world.scheme
    _approve(scheme, datetime.date(2026, 2, 20))
    progress = scheme_progress(scheme, today=TODAY)
    assert not progress.reached("needs_analysis")
    assert progress.step("needs_analysis").state == "todo"
    assert progress.current == "implementation"
    assert progress.current_label == "Implementation"
    assert progress.step("implementation").state == "current"


def test_a_training_nobody_marked_does_not_hold_the_scheme_back(world):
    scheme = world.scheme
    _submit_needs(scheme, datetime.datetime(2025, 10, 1, 12, tzinfo=BRUSSELS))
    assert scheme_progress(scheme, today=TODAY).current == "training"
    _hold_visits(scheme, 3)
    progress = scheme_progress(scheme, today=TODAY)
    assert not progress.reached("training")
    assert progress.step("training").state == "todo"
    assert progress.current == "action_plan"


def test_a_draft_needs_analysis_is_not_submitted(world):
    needs = world.scheme.needs_analysis
    needs.submitted_at = datetime.datetime(2025, 10, 1, 12, tzinfo=BRUSSELS)
    needs.status = "returned"  # submitted once, sent back: not submitted now
    needs.save()
    assert not scheme_progress(world.scheme, today=TODAY).reached("needs_analysis")


def test_each_step_is_reached_on_the_date_of_its_document(world):
    scheme = world.scheme
    _submit_needs(scheme, datetime.datetime(2025, 10, 1, 23, 30, tzinfo=BRUSSELS))
    _mark_training(world)
    _hold_visits(scheme, 2)
    progress = scheme_progress(scheme, today=TODAY)
    # 23:30 in Brussels on 1 October is 1 October on the portal's clock.
    assert progress.step("needs_analysis").reached_on == datetime.date(2025, 10, 1)
    assert progress.step("training").reached_on == datetime.date(2025, 11, 20)
    # Two of the three held: the visits are the current stage.
    assert progress.current == "visits"
    assert progress.step("visits").detail == "2 of 3 held"
    # The plan went to the council once (the world's version 1) and was sent
    # back: it is being written again, not submitted.
    assert not progress.reached("action_plan")

    _hold_visits(scheme, 3)
    progress = scheme_progress(scheme, today=TODAY)
    assert progress.step("visits").reached_on == datetime.date(2026, 1, 13)
    assert progress.current == "action_plan"

    _approve(scheme, datetime.date(2026, 2, 20))
    progress = scheme_progress(scheme, today=TODAY)
    assert progress.step("approval").reached_on == datetime.date(2026, 2, 20)
    assert progress.current == "implementation"
    assert progress.step("implementation").state == "current"
    assert not progress.reached("implementation")

    ProgressNote.objects.create(
        row=world.row, date=datetime.date(2026, 3, 2), text="First course held"
    )
    progress = scheme_progress(scheme, today=TODAY)
    assert progress.step("implementation").reached_on == datetime.date(2026, 3, 2)
    # Every step reached: the scheme is implementing its plan.
    assert progress.current == "implementation"
    assert all(s.reached for s in progress.steps)


def test_a_visit_is_held_once_its_days_are_past_and_its_outcomes_recorded(world):
    scheme = world.scheme
    _hold_visits(scheme, 3, outcomes="")
    assert scheme_progress(scheme, today=TODAY).step("visits").detail == "0 of 3 held"
    _hold_visits(scheme, 3)
    # On the last visit's last day, it is not over yet.
    day = datetime.date(2026, 1, 13)
    assert not scheme_progress(scheme, today=day).reached("visits")
    assert scheme_progress(scheme, today=day + datetime.timedelta(days=1)).reached(
        "visits"
    )


def test_the_plan_is_submitted_on_its_first_version(world):
    first = ActionPlanVersion.objects.get(plan=world.scheme.action_plan, number=1)
    ActionPlanVersion.objects.filter(pk=first.pk).update(
        frozen_at=datetime.datetime(2025, 12, 3, 10, tzinfo=BRUSSELS)
    )
    _approve(world.scheme, datetime.date(2026, 2, 20))  # version 2, in February
    progress = scheme_progress(world.scheme, today=TODAY)
    assert progress.step("action_plan").reached_on == datetime.date(2025, 12, 3)


def test_an_action_that_moved_starts_the_implementation_that_day(world):
    _approve(world.scheme, datetime.date(2026, 2, 20))
    row = world.scheme.action_plan.rows.get()
    moment = datetime.datetime(2026, 3, 2, 23, 30, tzinfo=BRUSSELS)
    with time_machine.travel(moment, tick=False):
        services.row_set_status(row=row, status="in_progress", by=world.users["mentee"])
    with time_machine.travel(moment + datetime.timedelta(days=3), tick=False):
        services.row_set_status(row=row, status="done", by=world.users["mentee"])
    progress = scheme_progress(world.scheme, today=TODAY)
    assert progress.step("implementation").reached_on == datetime.date(2026, 3, 2)
    # The first of the moves and the notes: a later note changes nothing,
    # an earlier one is the day.
    ProgressNote.objects.create(row=row, date=datetime.date(2026, 3, 5), text="x")
    progress = scheme_progress(world.scheme, today=TODAY)
    assert progress.step("implementation").reached_on == datetime.date(2026, 3, 2)
    ProgressNote.objects.create(row=row, date=datetime.date(2026, 2, 27), text="y")
    progress = scheme_progress(world.scheme, today=TODAY)
    assert progress.step("implementation").reached_on == datetime.date(2026, 2, 27)


def test_an_action_of_a_plan_never_approved_starts_nothing(world):
    world.row.implementation_status = "in_progress"
    world.row.save()
    assert not scheme_progress(world.scheme, today=TODAY).reached("implementation")


def test_the_query_count_does_not_grow_with_the_schemes(
    world, django_assert_num_queries
):
    def add(count):
        for _ in range(count):
            scheme = factories.SchemeFactory(
                programme=world.programme,
                mentee_city=factories.CityFactory(),
                mentor_city=world.mentor_city,
            )
            services.scheme_setup(scheme=scheme)
            StepMark.objects.create(scheme=scheme, step="training")
            # An approved plan whose action moved: its history is read too.
            _approve(scheme, datetime.date(2026, 2, 20))
            plan = scheme.action_plan
            plan.rows.create(
                number=1, action="Courses", implementation_status="in_progress"
            )
            plan.save()  # a record of the plan, its rows as they are

    add(2)
    schemes = list(world.programme.schemes.all())
    # Six for the steps, one for the programme's phases.
    with django_assert_num_queries(7) as small:
        programme_progress(schemes, today=TODAY)
    add(12)
    schemes = list(world.programme.schemes.all())
    with django_assert_num_queries(len(small.captured_queries)):
        result = programme_progress(schemes, today=TODAY)
    assert len(result) == 16


# --- Marking a step: the service ------------------------------------------------------


def test_a_coordinator_marks_the_training_and_undoes_it(world):
    mark = _mark_training(world)
    assert (mark.reached_on, mark.note, mark.marked_by) == (
        datetime.date(2025, 11, 20),
        "Two days in Riga",
        world.users["coordinator"],
    )
    # Marked again: the same mark, another date.
    _mark_training(world, datetime.date(2025, 11, 21))
    assert StepMark.objects.get().reached_on == datetime.date(2025, 11, 21)
    services.step_unmark(
        scheme=world.scheme, step="training", by=world.users["coordinator"]
    )
    assert not StepMark.objects.exists()


@pytest.mark.parametrize(
    "persona",
    ["mentee", "mentor", "association", "other_programme", "other_coordinator"],
)
def test_no_one_else_marks_or_unmarks(world, persona):
    with pytest.raises(PermissionDenied):
        services.step_mark(
            scheme=world.scheme,
            step="training",
            reached_on=datetime.date(2025, 11, 20),
            note="",
            by=world.users[persona],
        )
    _mark_training(world)
    with pytest.raises(PermissionDenied):
        services.step_unmark(
            scheme=world.scheme, step="training", by=world.users[persona]
        )
    assert StepMark.objects.count() == 1


def test_a_step_a_document_shows_or_a_future_date_cannot_be_marked(frozen_day, world):
    coordinator = world.users["coordinator"]
    with pytest.raises(ValidationError):
        services.step_mark(
            scheme=world.scheme,
            step="approval",
            reached_on=datetime.date(2025, 11, 20),
            note="",
            by=coordinator,
        )
    with pytest.raises(ValidationError):
        services.step_mark(
            scheme=world.scheme,
            step="training",
            reached_on=frozen_day + datetime.timedelta(days=1),
            note="",
            by=coordinator,
        )
    assert not StepMark.objects.exists()


# --- Marking a step: the page -----------------------------------------------------


def _mark_url(world, step="training"):
    return reverse("schemes:step_mark", args=[world.scheme.pk, step])


def test_the_scheme_page_offers_the_coordinator_the_mark(world, client_for):
    page = client_for("coordinator").get(world.scheme.get_absolute_url())
    html = page.content.decode()
    assert 'class="stage-tracker"' in html
    assert _mark_url(world) in html and "Cities matched" in html
    mentee_page = client_for("mentee").get(world.scheme.get_absolute_url())
    assert _mark_url(world) not in mentee_page.content.decode()


def test_a_coordinator_marks_and_unmarks_in_the_browser(frozen_day, world, client_for):
    client = client_for("coordinator")
    response = client.post(
        _mark_url(world), {"reached_on": "2026-02-10", "note": "Held in Riga"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(world.scheme.get_absolute_url() + "#steps")
    mark = StepMark.objects.get(scheme=world.scheme)
    assert mark.reached_on == datetime.date(2026, 2, 10)
    assert mark.marked_by == world.users["coordinator"]
    html = client.get(world.scheme.get_absolute_url()).content.decode()
    assert "Held in Riga" in html and "10 February 2026" in html
    # The mentee sees the mark, not the button to undo it.
    mentee_html = (
        client_for("mentee").get(world.scheme.get_absolute_url()).content.decode()
    )
    assert "Held in Riga" in mentee_html
    unmark = reverse("schemes:step_unmark", args=[world.scheme.pk, "training"])
    assert unmark not in mentee_html
    response = client_for("coordinator").post(unmark)
    assert response.status_code == 302
    assert not StepMark.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"reached_on": "not a date"},
        {"reached_on": "2026-03-07"},  # tomorrow
        {"reached_on": "2026-02-10", "note": "x" * 2001},
        {"reached_on": "2026-02-10", "note": "null\x00byte"},
    ],
)
def test_bad_input_is_said_and_marks_nothing(frozen_day, world, client_for, data):
    client = client_for("coordinator")
    response = client.post(_mark_url(world), data, follow=True)
    assert response.status_code == 200
    assert "The step is not marked" in response.content.decode() or (
        "future date" in response.content.decode()
    )
    assert not StepMark.objects.exists()


def test_a_step_a_document_shows_has_no_mark_to_post(world, client_for):
    client = client_for("coordinator")
    for step in ("needs_analysis", "approval", "nonsense"):
        response = client.post(_mark_url(world, step), {"reached_on": "2025-01-01"})
        assert response.status_code == 404
    assert client.get(_mark_url(world)).status_code == 405
    assert not StepMark.objects.exists()


# --- Every page reads the same state ----------------------------------------------


def test_badges_tracker_and_dossier_show_the_derived_stage(
    frozen_day, world, client_for
):
    _submit_needs(world.scheme, timezone.now())
    _mark_training(world)
    client = client_for("coordinator")
    for url in (reverse("home"), world.programme.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Mentoring visits" in html, url
    html = client.get(world.scheme.get_absolute_url()).content.decode()
    assert 'aria-current="step"' in html and "0 of 3 held" in html
