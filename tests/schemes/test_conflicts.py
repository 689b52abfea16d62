"""Edit conflicts: the second of two saves never silently overwrites the first."""

import threading

import pytest
from django.test import Client
from django.urls import reverse

from incluportal import conflicts
from tests.support.htmlforms import parse

pytestmark = pytest.mark.django_db


def _needs_url(world, part="A"):
    return reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, part])


def _second_mentee(world):
    from tests import factories

    user = factories.UserFactory(email="colleague@example.org")
    factories.MembershipFactory(user=user, organisation=world.mentee_city)
    client = Client()
    client.force_login(user)
    return client


def test_the_second_save_of_the_same_answer_gets_the_conflict_page(world, client_for):
    needs = world.scheme.needs_analysis
    opened_at = needs.revision  # both open the form now
    first = client_for("mentee")
    assert (
        first.post(
            _needs_url(world),
            {"challenges": "Ours: evening courses", "revision": opened_at},
        ).status_code
        == 302
    )
    second = _second_mentee(world)
    response = second.post(
        _needs_url(world),
        {"challenges": "Mine: a language café", "revision": opened_at},
    )
    assert response.status_code == 409
    page = response.content.decode()
    # Their text beside the saved one, and the form still holds what they typed.
    assert "Someone else saved this while you were editing" in page
    assert page.count("Mine: a language café") >= 2  # the table and the form
    assert "Ours: evening courses" in page
    needs.refresh_from_db()
    assert needs.challenges == "Ours: evening courses"
    # The page carries the new revision: saving again keeps their version.
    assert f'name="revision" value="{needs.revision}"' in page
    again = second.post(
        _needs_url(world),
        {"challenges": "Mine: a language café", "revision": needs.revision},
    )
    assert again.status_code == 302
    needs.refresh_from_db()
    assert needs.challenges == "Mine: a language café"


def test_changes_to_different_answers_are_merged(world, client_for):
    needs = world.scheme.needs_analysis
    opened_at = needs.revision
    first = client_for("mentee")
    first.post(
        _needs_url(world),
        {"challenges": "Answer one", "cross_cutting_topics": "", "revision": opened_at},
    )
    # The colleague opened part A at the same time and changed only NA-A2.
    second = _second_mentee(world)
    response = second.post(
        _needs_url(world),
        {"challenges": "", "cross_cutting_topics": "Answer two", "revision": opened_at},
    )
    assert response.status_code == 302
    needs.refresh_from_db()
    assert (needs.challenges, needs.cross_cutting_topics) == (
        "Answer one",
        "Answer two",
    )


def test_a_tampered_revision_is_a_conflict_not_an_overwrite(world, client_for):
    client = client_for("mentee")
    client.post(_needs_url(world), {"challenges": "Saved", "revision": 1})
    response = client.post(_needs_url(world), {"challenges": "Blind", "revision": "x"})
    assert response.status_code == 409
    world.scheme.needs_analysis.refresh_from_db()
    assert world.scheme.needs_analysis.challenges == "Saved"


def _row_url(world, row):
    return reverse("schemes:action_plan_row_edit", args=[world.scheme.pk, row.pk])


@pytest.mark.parametrize("htmx", [False, True])
def test_two_edits_of_the_same_action(world, client_for, htmx):
    row = world.row
    opened_at = row.revision
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    first = client_for("mentee")
    first.post(
        _row_url(world, row),
        {"action": "Evening courses, twice a week", "revision": opened_at},
        **headers,
    )
    second = _second_mentee(world)
    response = second.post(
        _row_url(world, row),
        {"action": "Weekend courses", "revision": opened_at},
        **headers,
    )
    # htmx only swaps 2xx answers: the fragment comes with 200.
    assert response.status_code == (200 if htmx else 409)
    page = response.content.decode()
    assert "Weekend courses" in page and "Evening courses, twice a week" in page
    row.refresh_from_db()
    assert row.action == "Evening courses, twice a week"


def test_removing_an_action_someone_just_changed_is_refused(world, client_for):
    row = world.row
    opened_at = row.revision
    client_for("mentee").post(
        _row_url(world, row), {"action": "Changed", "revision": opened_at}
    )
    second = _second_mentee(world)
    url = reverse("schemes:action_plan_row_delete", args=[world.scheme.pk, row.pk])
    response = second.post(url, {"revision": opened_at}, follow=True)
    assert "Someone changed this action" in response.content.decode()
    assert world.scheme.action_plan.rows.filter(pk=row.pk).exists()


def test_two_saves_of_the_same_self_assessment(world, client_for):
    assessment = world.assessment
    factor = assessment.ratings.first().key_factor
    url = reverse("schemes:assessment_edit", args=[assessment.pk])
    opened_at = assessment.revision
    client_for("mentee").post(
        url, {f"level_{factor.pk}": 1, f"note_{factor.pk}": "A", "revision": opened_at}
    )
    second = _second_mentee(world)
    response = second.post(
        url, {f"level_{factor.pk}": 3, f"note_{factor.pk}": "B", "revision": opened_at}
    )
    assert response.status_code == 409
    rating = assessment.ratings.get(key_factor=factor)
    assert (rating.level, rating.note) == (1, "A")


def test_self_assessment_edits_of_different_factors_merge(world, client_for):
    assessment = world.assessment
    one, two = [r.key_factor for r in assessment.ratings.all()[:2]]
    url = reverse("schemes:assessment_edit", args=[assessment.pk])
    opened_at = assessment.revision
    client_for("mentee").post(url, {f"level_{one.pk}": 2, "revision": opened_at})
    response = _second_mentee(world).post(
        url, {f"level_{two.pk}": 3, "revision": opened_at}
    )
    assert response.status_code == 302
    levels = dict(assessment.ratings.values_list("key_factor", "level"))
    assert (levels[one.pk], levels[two.pk]) == (2, 3)


def test_two_saves_of_the_same_visit(world, client_for):
    visit = world.scheme.visits.first()
    url = reverse("schemes:visit_edit", args=[world.scheme.pk, visit.pk])
    opened_at = visit.revision
    data = {
        "host_city": visit.host_city_id or "",
        "purpose": visit.purpose,
        "revision": opened_at,
    }
    client_for("mentor").post(url, {**data, "outcomes": "Mentor's notes"})
    response = client_for("mentee").post(url, {**data, "outcomes": "Mentee's notes"})
    assert response.status_code == 409
    visit.refresh_from_db()
    assert visit.outcomes == "Mentor's notes"


def test_two_saves_of_the_same_good_practice(world, client_for):
    from tests import factories

    practice = world.draft_practice
    url = reverse("schemes:good_practice_edit", args=[practice.pk])
    opened_at = practice.revision
    data = {"title": "Draft idea", "meta-is_public": "on", "revision": opened_at}
    client_for("mentor").post(url, {**data, "location": "First description"})
    colleague = factories.UserFactory(email="mentor2@example.org")
    factories.MembershipFactory(user=colleague, organisation=world.mentor_city)
    second = Client()
    second.force_login(colleague)
    response = second.post(url, {**data, "location": "Second description"})
    assert response.status_code == 409
    practice.refresh_from_db()
    assert practice.location == "First description"


def test_two_saves_of_the_same_support_group_member(world, client_for):
    member = world.member
    url = reverse(
        "schemes:support_group_member_edit",
        args=[world.scheme.pk, "jelgava", member.pk],
    )
    data = {
        "name": "Olena",
        "stakeholder_type": "migrant_association",
        "represents_migrants": "on",
        "revision": member.revision,
    }
    client_for("mentee").post(url, {**data, "role": "Chair"})
    response = _second_mentee(world).post(url, {**data, "role": "Secretary"})
    assert response.status_code == 409
    member.refresh_from_db()
    assert member.role == "Chair"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_transactions_saving_the_same_plan(world, monkeypatch):
    """Two real transactions at once: one wins, the other gets the conflict
    page with its text intact. On PostgreSQL the second waits on the row lock
    (SELECT ... FOR UPDATE); on SQLite on the database's write lock."""
    from tests import factories

    row = world.row
    opened_at = row.revision
    colleague = factories.UserFactory(email="colleague@example.org")
    factories.MembershipFactory(user=colleague, organisation=world.mentee_city)
    first_holds_lock = threading.Event()
    second_waiting = threading.Event()
    calls = []

    def slow_first_save():
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            first_holds_lock.set()
            # Keep the row locked until the second transaction is on its way.
            second_waiting.wait(timeout=5)
            threading.Event().wait(0.5)

    monkeypatch.setattr(conflicts, "after_lock", slow_first_save)
    responses = {}

    def post(name, user, text):
        from django.db import connections

        client = Client()
        client.force_login(user)
        try:
            responses[name] = client.post(
                reverse("schemes:action_plan_row_edit", args=[world.scheme.pk, row.pk]),
                {"action": text, "revision": opened_at},
            )
        finally:
            connections.close_all()

    first = threading.Thread(
        target=post, args=("first", world.users["mentee"], "Text of the first")
    )
    second = threading.Thread(target=post, args=("second", colleague, "Second text"))
    first.start()
    assert first_holds_lock.wait(timeout=10)
    second.start()
    second_waiting.set()
    first.join(timeout=30)
    second.join(timeout=30)

    assert responses["first"].status_code == 302
    assert responses["second"].status_code == 409
    page = responses["second"].content.decode()
    assert "Second text" in page and "Text of the first" in page
    row.refresh_from_db()
    assert row.action == "Text of the first"


def test_two_editors_changing_a_visits_attendees_differently_get_the_conflict_page(
    world, client_for
):
    from schemes.models import SupportGroupMember

    visit = world.scheme.visits.first()
    marc = SupportGroupMember.objects.create(
        scheme=world.scheme,
        city=world.scheme.mentor_city,
        name="Marc",
        stakeholder_type="ngo",
    )
    url = reverse("schemes:visit_edit", args=[world.scheme.pk, visit.pk])
    opened = {
        "host_city": visit.host_city_id or "",
        "purpose": visit.purpose,
        "agenda": "\n".join(a.display_text for a in visit.agenda_items.all()),
        "revision": visit.revision,
    }
    mentor, mentee = world.users["mentor"], world.users["mentee"]
    first = client_for("mentor").post(
        url, {**opened, "support": [world.member.pk], "team": [mentor.pk]}
    )
    assert first.status_code == 302
    response = client_for("mentee").post(
        url,
        {
            **opened,
            "support": [marc.pk],
            "team": [mentee.pk],
            "outcomes": "Mentee's notes",
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    # Both sides' choices by name, under the fields' own labels.
    table = page[page.index("conflict-table") :]
    assert "Olena" in table and "Marc" in table
    assert str(mentor) in table and str(mentee) in table
    # What the second editor typed and ticked is still in the form.
    assert "Mentee&#x27;s notes" in page
    assert parse(page).xpath(f'//input[@name="support"][@value="{marc.pk}"][@checked]')
    visit.refresh_from_db()
    assert list(visit.support_group_attendees.all()) == [world.member]
    assert list(visit.team_participants.all()) == [mentor]


def test_attendees_only_one_editor_changed_are_merged(world, client_for):
    visit = world.scheme.visits.first()
    url = reverse("schemes:visit_edit", args=[world.scheme.pk, visit.pk])
    opened = {
        "host_city": visit.host_city_id or "",
        "purpose": visit.purpose,
        "agenda": "\n".join(a.display_text for a in visit.agenda_items.all()),
        "revision": visit.revision,
    }
    client_for("mentor").post(url, {**opened, "support": [world.member.pk]})
    response = client_for("mentee").post(url, {**opened, "outcomes": "Notes"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert list(visit.support_group_attendees.all()) == [world.member]
    assert visit.outcomes == "Notes"
