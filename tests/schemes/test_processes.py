"""A programme's process, as data: its ordered phases, each reached by one
of the method's steps, by its deliverables or by a coordinator's mark; the
three processes the portal ships; a coordinator adapts them in the browser,
and the schemes follow. Dates are fixed: ``today`` is given, never read."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from schemes import services
from schemes.coordination.dashboard import dashboard_rows
from schemes.models import Phase, Programme, StepMark
from schemes.network.processes import PROCESSES
from schemes.work.progress import programme_progress, scheme_progress
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 6)


def _apply(world, process="inclucities"):
    return services.programme_process_apply(
        programme=world.programme, process=process, by=world.users["coordinator"]
    )


def _phase(world, rule):
    return Phase.objects.get(programme=world.programme, rule=rule)


def _names(progress):
    return [s.stage_label for s in progress.steps]


def _submit_needs(scheme, day=datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)):
    needs = scheme.needs_analysis
    needs.status = "submitted"
    needs.submitted_at = day
    needs.save()


# --- The shipped processes ---------------------------------------------------------


def test_three_processes_are_shipped():
    assert set(PROCESSES) == {"inclucities", "assessment", "community"}
    inclucities = PROCESSES["inclucities"]
    assert [p.rule for p in inclucities] == [
        "needs_analysis",
        "matching",
        "training",
        "visits",
        "action_plan",
        "approval",
        "implementation",
    ]
    assessment = PROCESSES["assessment"]
    assert [(p.name, p.rule, p.deliverables) for p in assessment] == [
        ("Assessment", "deliverables", ("review-report",)),
        ("Participation", "deliverables", ("strategy",)),
        ("Implementation", "marked", ()),
    ]
    community = PROCESSES["community"]
    assert community[0].deliverables == ("scope",)
    assert "marked" in [p.rule for p in community]


def test_a_programme_without_stored_phases_follows_its_process_as_shipped(world):
    progress = scheme_progress(world.scheme, today=TODAY)
    assert [s.key for s in progress.steps] == [p.rule for p in PROCESSES["inclucities"]]
    assert progress.current == "needs_analysis"
    assert progress.current_label == "Needs analysis"


def test_applying_a_process_stores_its_phases_and_replaces_the_old(world):
    phases = _apply(world, "assessment")
    assert [(p.position, p.name, p.rule) for p in phases] == [
        (1, "Assessment", "deliverables"),
        (2, "Participation", "deliverables"),
        (3, "Implementation", "marked"),
    ]
    # Kinds the registry may not know yet are kept as shipped.
    assert phases[0].deliverables == ["review-report"]
    _apply(world, "inclucities")
    assert Phase.objects.filter(programme=world.programme).count() == 7
    world.programme.refresh_from_db()
    assert world.programme.process == "inclucities"


def test_only_a_coordinator_changes_a_process(world):
    for persona in ("mentee", "other_coordinator"):
        with pytest.raises(PermissionDenied):
            services.programme_process_apply(
                programme=world.programme,
                process="community",
                by=world.users[persona],
            )
    _apply(world)
    phase = _phase(world, "training")
    with pytest.raises(PermissionDenied):
        services.phase_update(phase=phase, name="Mine", by=world.users["mentee"])
    with pytest.raises(PermissionDenied):
        services.phase_delete(phase=phase, by=world.users["mentor"])
    with pytest.raises(PermissionDenied):
        services.phase_move(phase=phase, offset=-1, by=world.users["mentee"])
    with pytest.raises(PermissionDenied):
        services.phase_create(
            programme=world.programme,
            name="Mine",
            rule="marked",
            by=world.users["mentee"],
        )
    assert Phase.objects.filter(programme=world.programme).count() == 7


def test_an_unknown_process_is_refused(world):
    with pytest.raises(ValidationError):
        _apply(world, "nonsense")


# --- Adapting the phases -----------------------------------------------------------


def test_a_coordinator_renames_reorders_adds_and_drops_phases(world):
    coordinator = world.users["coordinator"]
    # Adding to a process never stored stores it first.
    added = services.phase_create(
        programme=world.programme,
        name="Final conference",
        rule="marked",
        due_on=datetime.date(2026, 6, 30),
        by=coordinator,
    )
    assert added.position == 8
    training = _phase(world, "training")
    services.phase_update(phase=training, name="Training days", by=coordinator)
    services.phase_move(phase=training, offset=-1, by=coordinator)
    services.phase_move(phase=added, offset=1, by=coordinator)  # the end: no move
    services.phase_delete(phase=_phase(world, "matching"), by=coordinator)
    names = list(
        Phase.objects.filter(programme=world.programme).values_list("name", "position")
    )
    assert names == [
        ("Needs analysis", 1),
        ("Training days", 2),
        ("Mentoring visits", 3),
        ("Action plan", 4),
        ("Approval", 5),
        ("Implementation", 6),
        ("Final conference", 7),
    ]
    progress = scheme_progress(world.scheme, today=TODAY)
    assert _names(progress)[:2] == ["Needs analysis", "Training days"]
    # The overdue rule reads the due date against the day given.
    assert not progress.step(f"phase-{added.pk}").overdue
    later = scheme_progress(world.scheme, today=datetime.date(2026, 7, 1))
    assert later.step(f"phase-{added.pk}").overdue


def test_a_phase_is_validated(world):
    coordinator = world.users["coordinator"]
    _apply(world)
    with pytest.raises(ValidationError) as error:
        services.phase_create(
            programme=world.programme,
            name="Reports",
            rule="deliverables",
            by=coordinator,
        )
    assert "deliverables" in error.value.message_dict
    # One phase per step of the method.
    with pytest.raises(ValidationError) as error:
        services.phase_create(
            programme=world.programme, name="Again", rule="training", by=coordinator
        )
    assert "rule" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.phase_update(phase=_phase(world, "training"), name=" ", by=coordinator)
    assert Phase.objects.filter(programme=world.programme).count() == 7


def test_the_last_phase_cannot_be_dropped(world):
    coordinator = world.users["coordinator"]
    _apply(world, "assessment")
    phases = list(Phase.objects.filter(programme=world.programme))
    services.phase_delete(phase=phases[0], by=coordinator)
    services.phase_delete(phase=phases[1], by=coordinator)
    with pytest.raises(ValidationError):
        services.phase_delete(phase=phases[2], by=coordinator)
    assert Phase.objects.get(programme=world.programme).position == 1


# --- Schemes follow it -------------------------------------------------------------


def test_a_phase_is_reached_when_its_deliverables_are_submitted(world):
    coordinator = world.users["coordinator"]
    _apply(world, "assessment")
    first, second, last = Phase.objects.filter(programme=world.programme)
    # Kinds the branch knows: the needs analysis, then the action plan.
    services.phase_update(phase=first, deliverables=["needs-analysis"], by=coordinator)
    services.phase_update(
        phase=second, deliverables=["needs-analysis", "action-plan"], by=coordinator
    )
    progress = scheme_progress(world.scheme, today=TODAY)
    assert progress.current == f"phase-{first.pk}"
    assert progress.current_label == "Assessment"
    _submit_needs(world.scheme)
    progress = scheme_progress(world.scheme, today=TODAY)
    assessment = progress.step(f"phase-{first.pk}")
    assert (assessment.reached, assessment.reached_on) == (
        True,
        datetime.date(2026, 1, 5),
    )
    participation = progress.step(f"phase-{second.pk}")
    assert not participation.reached
    assert participation.detail == "1 of 2 submitted"
    assert progress.current == f"phase-{second.pk}"
    # A kind the registry does not know is never delivered.
    assert not progress.step(f"phase-{last.pk}").reached


def test_a_marked_phase_is_marked_on_the_scheme_page(world, client_for):
    _apply(world, "assessment")
    last = Phase.objects.get(programme=world.programme, position=3)
    key = f"phase-{last.pk}"
    page = client_for("coordinator").get(world.scheme.get_absolute_url())
    assert reverse("schemes:step_mark", args=[world.scheme.pk, key]) in (
        page.content.decode()
    )
    response = client_for("coordinator").post(
        reverse("schemes:step_mark", args=[world.scheme.pk, key]),
        {"reached_on": "2026-02-01", "note": "Strategy adopted"},
    )
    assert response.status_code == 302
    mark = StepMark.objects.get(scheme=world.scheme)
    assert (mark.phase, mark.step, mark.reached_on) == (
        last,
        "",
        datetime.date(2026, 2, 1),
    )
    progress = scheme_progress(world.scheme, today=TODAY)
    assert progress.step(key).reached and progress.current == key
    # Not a phase of this programme's, nor one a document shows: not found.
    for bad in ("phase-0", f"phase-{last.pk - 1}", "phase-x", "visits"):
        response = client_for("coordinator").post(
            reverse("schemes:step_mark", args=[world.scheme.pk, bad]),
            {"reached_on": "2026-02-01"},
        )
        assert response.status_code == 404, bad
    response = client_for("coordinator").post(
        reverse("schemes:step_unmark", args=[world.scheme.pk, key])
    )
    assert not StepMark.objects.exists()
    # Dropping a marked phase drops its marks.
    services.step_mark(
        scheme=world.scheme,
        phase=last,
        reached_on=datetime.date(2026, 2, 1),
        note="",
        by=world.users["coordinator"],
    )
    services.phase_delete(phase=last, by=world.users["coordinator"])
    assert not StepMark.objects.exists()


def test_the_dashboard_filters_and_flags_by_the_programmes_phases(world, client_for):
    coordinator = world.users["coordinator"]
    _apply(world, "assessment")
    first = Phase.objects.get(programme=world.programme, position=1)
    services.phase_update(
        phase=first,
        name="City assessment",
        deliverables=["needs-analysis"],
        due_on=datetime.date(2026, 1, 31),
        by=coordinator,
    )
    rows = dashboard_rows(world.programme)
    assert {r.progress.current_label for r in rows} == {"City assessment"}
    assert any("City assessment due" in " ".join(r.overdue) for r in rows)
    _submit_needs(world.scheme)
    second = f"phase-{Phase.objects.get(programme=world.programme, position=2).pk}"
    assert [r.scheme for r in dashboard_rows(world.programme, stage=second)] == [
        world.scheme
    ]
    page = client_for("coordinator").get(
        reverse("schemes:dashboard", args=[world.programme.slug]), {"stage": second}
    )
    content = page.content.decode()
    assert page.status_code == 200
    assert f'value="{second}" selected' in content
    assert "Participation" in content
    assert world.other_scheme.mentee_city.name not in content


def test_the_query_count_is_flat_with_deliverable_phases(
    world, django_assert_num_queries
):
    coordinator = world.users["coordinator"]
    _apply(world, "assessment")
    first, second, _last = Phase.objects.filter(programme=world.programme)
    services.phase_update(phase=first, deliverables=["needs-analysis"], by=coordinator)
    services.phase_update(phase=second, deliverables=["action-plan"], by=coordinator)

    def add(count):
        for _ in range(count):
            scheme = factories.SchemeFactory(
                programme=world.programme,
                mentee_city=factories.CityFactory(),
                mentor_city=world.mentor_city,
            )
            services.scheme_setup(scheme=scheme)
            _submit_needs(scheme)

    add(2)
    schemes = list(world.programme.schemes.all())
    # Five for the steps (no action moved), one for the phases, one for each
    # kind delivered.
    with django_assert_num_queries(8) as small:
        programme_progress(schemes, today=TODAY)
    add(8)
    schemes = list(world.programme.schemes.all())
    with django_assert_num_queries(len(small.captured_queries)):
        result = programme_progress(schemes, today=TODAY)
    assert len(result) == 12


# --- The pages ---------------------------------------------------------------------


def test_a_new_programme_starts_from_the_process_chosen(world, client_for):
    response = client_for("coordinator").post(
        reverse("schemes:programme_create"),
        {
            "name_en": "Intercultural Cities Together",
            "slug": "ict",
            "coordinator": world.users["coordinator"].memberships.get().organisation.pk,
            "process": "assessment",
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get(slug="ict")
    assert programme.process == "assessment"
    assert list(programme.phases.values_list("name", flat=True)) == [
        "Assessment",
        "Participation",
        "Implementation",
    ]
    page = client_for("coordinator").get(programme.get_absolute_url())
    assert reverse("schemes:programme_process", args=["ict"]) in page.content.decode()


def test_the_process_page_adapts_a_phase_without_javascript(world, client_for):
    client = client_for("coordinator")
    url = reverse("schemes:programme_process", args=[world.programme.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert "Adapt it" in page.content.decode()
    client.post(
        reverse("schemes:programme_process_apply", args=[world.programme.slug]),
        {"process": "inclucities"},
    )
    training = _phase(world, "training")
    prefix = f"phase-{training.pk}"
    response = client.post(
        reverse("schemes:phase_edit", args=[world.programme.slug, training.pk]),
        {
            f"{prefix}-name": "Study tour",
            f"{prefix}-rule": "training",
            f"{prefix}-due_on": "2026-04-30",
        },
    )
    assert response.status_code == 302
    client.post(
        reverse("schemes:phase_move", args=[world.programme.slug, training.pk, "up"])
    )
    training.refresh_from_db()
    assert (training.name, training.position, training.due_on) == (
        "Study tour",
        2,
        datetime.date(2026, 4, 30),
    )
    # A bad form shows its errors and saves nothing.
    response = client.post(
        reverse("schemes:phase_edit", args=[world.programme.slug, training.pk]),
        {f"{prefix}-name": "", f"{prefix}-rule": "nonsense"},
    )
    assert response.status_code == 200
    training.refresh_from_db()
    assert training.name == "Study tour"
    response = client.post(url, {"new-name": "Closing", "new-rule": "marked"})
    assert response.status_code == 302
    assert _names(scheme_progress(world.scheme, today=TODAY))[-1] == "Closing"
    scheme_page = client.get(world.scheme.get_absolute_url()).content.decode()
    assert "Study tour" in scheme_page and "due " in scheme_page


def test_another_programmes_phase_is_not_found(world, client_for):
    services.programme_process_apply(
        programme=world.other_programme,
        process="community",
        by=world.users["other_coordinator"],
    )
    theirs = Phase.objects.filter(programme=world.other_programme).first()
    client = client_for("coordinator")
    slug = world.programme.slug
    for url, data in [
        (reverse("schemes:phase_edit", args=[slug, theirs.pk]), {}),
        (reverse("schemes:phase_delete", args=[slug, theirs.pk]), {}),
        (reverse("schemes:phase_move", args=[slug, theirs.pk, "up"]), {}),
    ]:
        assert client.post(url, data).status_code == 404
    _apply(world)
    ours = _phase(world, "training")
    url = reverse("schemes:phase_move", args=[slug, ours.pk, "sideways"])
    assert client.post(url).status_code == 404
    assert Phase.objects.filter(programme=world.other_programme).count() == 5


# --- The migration -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_every_existing_programme_gets_the_inclucities_process():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([("schemes", "0016_steps_follow_documents")])
        old = executor.loader.project_state(
            [("schemes", "0016_steps_follow_documents")]
        ).apps
        old.get_model("schemes", "Programme").objects.create(name="Old", slug="old")
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        programme = Programme.objects.get(slug="old")
        assert programme.process == "inclucities"
        assert list(programme.phases.values_list("rule", flat=True)) == [
            p.rule for p in PROCESSES["inclucities"]
        ]
    finally:
        MigrationExecutor(connection).migrate(latest)


# --- Portability -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_phases_and_their_marks_go_with_the_programme_file(world, tmp_path):
    import io
    import json

    from django.core.management import call_command

    coordinator = world.users["coordinator"]
    # As every database is since migration 0013: every scheme its documents.
    services.programme_documents_fill(programme=world.programme)
    _apply(world, "community")
    shared = Phase.objects.get(programme=world.programme, rule="marked")
    services.phase_update(
        phase=shared,
        name="Peer learning",
        due_on=datetime.date(2026, 5, 1),
        by=coordinator,
    )
    services.step_mark(
        scheme=world.scheme,
        phase=shared,
        reached_on=datetime.date(2026, 2, 1),
        note="Online",
        by=coordinator,
    )

    def export():
        out = io.StringIO()
        call_command("export_programme", "inclu-test", stdout=out, stderr=io.StringIO())
        return out.getvalue()

    text = export()
    path = tmp_path / "inclu-test.json"
    path.write_text(text, encoding="utf-8")
    call_command("flush", interactive=False, verbosity=0)
    call_command("import_programme", str(path), stdout=io.StringIO())
    before, after = json.loads(text), json.loads(export())
    before.pop("exported_at")
    after.pop("exported_at")
    assert after == before
    programme = Programme.objects.get(slug="inclu-test")
    assert programme.process == "community"
    assert list(programme.phases.values_list("name", flat=True)) == [
        "Kick-off and scope",
        "Peer exchanges",
        "Peer learning",
        "Action plans",
        "Implementation",
    ]
    mark = StepMark.objects.get()
    assert (mark.phase.name, mark.note) == ("Peer learning", "Online")


# --- The demo ----------------------------------------------------------------------


def test_the_demo_programmes_run_their_processes():
    import io

    from django.core.management import call_command

    for _run in range(2):  # safe to run again: nothing doubles
        call_command("load_demo", "--no-users", stdout=io.StringIO())
    inclucities = Programme.objects.get(slug="inclucities")
    assert list(inclucities.phases.values_list("rule", flat=True)) == [
        p.rule for p in PROCESSES["inclucities"]
    ]
    partnership = Programme.objects.get(slug="intercultural-partnership")
    assert partnership.process == "assessment"
    assert list(partnership.phases.values_list("name", flat=True)) == [
        "Assessment",
        "Participation",
        "Implementation",
    ]


def test_a_phase_changed_by_another_coordinator_since_is_not_overwritten(
    world, client_for
):
    _apply(world)
    training = _phase(world, "training")
    prefix = f"phase-{training.pk}"
    url = reverse("schemes:phase_edit", args=[world.programme.slug, training.pk])
    opened = training.revision
    # Another coordinator saves first.
    services.phase_update(
        phase=training, name="Study tour", by=world.users["coordinator"]
    )
    response = client_for("coordinator").post(
        url,
        {
            "revision": opened,
            f"{prefix}-name": "Training days",
            f"{prefix}-rule": "training",
        },
        follow=True,
    )
    assert "Another coordinator changed this phase" in response.content.decode()
    training.refresh_from_db()
    assert (training.name, training.revision) == ("Study tour", opened + 1)
    # At the revision saved now, the change goes through.
    client_for("coordinator").post(
        url,
        {
            "revision": training.revision,
            f"{prefix}-name": "Training days",
            f"{prefix}-rule": "training",
        },
    )
    training.refresh_from_db()
    assert training.name == "Training days"


def test_a_phase_changed_since_the_page_was_opened_is_neither_dropped_nor_moved(
    world, client_for
):
    """Two coordinators on the Process page: one renames a phase, or moves
    it; the other's drop or move, asked from the page as it was, is refused
    with a message, and nothing changes."""
    _apply(world)
    client = client_for("coordinator")
    slug = world.programme.slug
    training = _phase(world, "training")
    opened = (training.revision, training.position)
    # The other coordinator renames it (its revision moves on).
    services.phase_update(
        phase=training,
        by=world.users["coordinator"],
        revision=training.revision,
        name="Study tour",
    )
    response = client.post(
        reverse("schemes:phase_delete", args=[slug, training.pk]),
        {"revision": opened[0]},
        follow=True,
    )
    assert "Another coordinator changed the process" in response.content.decode()
    assert Phase.objects.filter(pk=training.pk).exists()
    # The other coordinator moves it up: a move asked from the page before is
    # refused, the order kept.
    services.phase_move(phase=training, by=world.users["coordinator"], offset=-1)
    order = list(world.programme.phases.values_list("pk", flat=True))
    response = client.post(
        reverse("schemes:phase_move", args=[slug, training.pk, "up"]),
        {"position": opened[1]},
        follow=True,
    )
    assert "Another coordinator changed the process" in response.content.decode()
    assert list(world.programme.phases.values_list("pk", flat=True)) == order
    # From the page as it is now, both work.
    training.refresh_from_db()
    client.post(
        reverse("schemes:phase_move", args=[slug, training.pk, "up"]),
        {"position": training.position},
    )
    assert Phase.objects.get(pk=training.pk).position == training.position - 1
    client.post(
        reverse("schemes:phase_delete", args=[slug, training.pk]),
        {"revision": training.revision},
    )
    assert not Phase.objects.filter(pk=training.pk).exists()
    # A position or revision that is no number is a conflict, never a blind
    # change.
    matching = _phase(world, "matching")
    client.post(
        reverse("schemes:phase_delete", args=[slug, matching.pk]),
        {"revision": "x"},
    )
    assert Phase.objects.filter(pk=matching.pk).exists()
