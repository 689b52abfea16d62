"""History: every change recorded (who, when, what), shown as a diff, restorable."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schemes import services
from schemes.models import (
    ActionPlan,
    GoodPractice,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
    ReviewReport,
    Scope,
    SelfAssessment,
    Strategy,
    SupportGroupMember,
    Visit,
)
from schemes.work import history

pytestmark = pytest.mark.django_db


def _url(doc_type, obj):
    return reverse("schemes:history", args=[doc_type, obj.pk])


def _restore(client, doc_type, obj, record):
    return client.post(
        reverse("schemes:history_restore", args=[doc_type, obj.pk]),
        {"history_id": record.history_id},
    )


def _edit_needs(client, world, text):
    needs = world.scheme.needs_analysis
    needs.refresh_from_db()
    response = client.post(
        reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, "A"]),
        {"challenges": text, "revision": needs.revision},
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_a_save_through_the_portal_records_who_when_and_what(world, client_for):
    client = client_for("mentee")
    _edit_needs(client, world, "Few evening courses for working adults.")
    _edit_needs(client, world, "Few evening courses for working parents.")
    needs = world.scheme.needs_analysis
    records = list(needs.history.order_by("-history_date"))
    assert records[0].history_user == world.users["mentee"]
    assert records[0].challenges == "Few evening courses for working parents."
    assert records[1].challenges == "Few evening courses for working adults."

    page = client.get(_url("needs-analysis", needs)).content.decode()
    assert "mentee@example.org" in page or world.users["mentee"].get_full_name() in page
    # The change reads as a diff: the removed word struck, the new one added.
    assert "<del>" in page and "<ins>" in page
    assert "parents" in page and "adults" in page


def test_the_history_escapes_what_people_typed(world, client_for):
    client = client_for("mentee")
    _edit_needs(client, world, "<script>alert(1)</script> courses")
    page = client.get(_url("needs-analysis", world.scheme.needs_analysis)).content
    assert b"<script>alert(1)" not in page
    assert b"&lt;script&gt;alert(1)" in page


def test_the_owner_restores_an_earlier_version(world, client_for):
    client = client_for("mentee")
    _edit_needs(client, world, "First text")
    _edit_needs(client, world, "Second text")
    needs = world.scheme.needs_analysis
    first = needs.history.get(challenges="First text")
    response = _restore(client, "needs-analysis", needs, first)
    assert response.status_code == 302
    needs.refresh_from_db()
    assert needs.challenges == "First text"
    latest = needs.history.latest()
    assert latest.history_change_reason.startswith("restored:")
    page = client.get(_url("needs-analysis", needs)).content.decode()
    assert "Restored the version of" in page
    # Nothing is lost: the replaced text is still in the history.
    assert needs.history.filter(challenges="Second text").exists()


def test_only_the_owner_of_an_editable_document_restores(world, client_for):
    client = client_for("mentee")
    _edit_needs(client, world, "First text")
    _edit_needs(client, world, "Second text")
    needs = world.scheme.needs_analysis
    first = needs.history.get(challenges="First text")
    # The coordinator reads the history but does not rewrite the city's text.
    coordinator = client_for("coordinator")
    assert coordinator.get(_url("needs-analysis", needs)).status_code == 200
    assert _restore(coordinator, "needs-analysis", needs, first).status_code == 403
    # Once submitted, not even the owner can restore.
    NeedsAnalysis.objects.filter(pk=needs.pk).update(status="submitted")
    owner = client_for("mentee")
    assert _restore(owner, "needs-analysis", needs, first).status_code == 403
    needs.refresh_from_db()
    assert needs.challenges == "Second text"


def test_a_record_of_another_document_cannot_be_restored(world, client_for):
    other = (
        world.other_scheme.needs_analysis
        if hasattr(world.other_scheme, "needs_analysis")
        else NeedsAnalysis.objects.create(scheme=world.other_scheme)
    )
    record = other.history.latest()
    client = client_for("mentee")
    response = _restore(client, "needs-analysis", world.scheme.needs_analysis, record)
    assert response.status_code == 404


def test_action_plan_rows_are_in_the_plan_history_and_restored(world, client_for):
    client = client_for("mentee")
    plan = world.scheme.action_plan
    add = reverse("schemes:action_plan_row_add", args=[world.scheme.pk])
    assert client.post(add, {"action": "Language café"}).status_code == 302
    before = plan.history.latest()
    assert [r["action"] for r in before.children["rows"]] == [
        "Evening courses",
        "Language café",
    ]
    row = plan.rows.get(number=1)
    edit = reverse("schemes:action_plan_row_edit", args=[world.scheme.pk, row.pk])
    response = client.post(
        edit, {"action": "Evening courses for parents", "revision": row.revision}
    )
    assert response.status_code == 302
    delete = reverse("schemes:action_plan_row_delete", args=[world.scheme.pk, 2])
    delete = reverse(
        "schemes:action_plan_row_delete",
        args=[world.scheme.pk, plan.rows.get(number=2).pk],
    )
    assert client.post(delete).status_code == 302
    assert plan.rows.count() == 1

    page = client.get(_url("action-plan", plan)).content.decode()
    assert "Evening courses for parents" in page
    assert "removed" in page

    assert _restore(client, "action-plan", plan, before).status_code == 302
    assert list(plan.rows.order_by("number").values_list("action", flat=True)) == [
        "Evening courses",
        "Language café",
    ]


def test_an_import_is_recorded_in_the_history(world, client_for):
    client = client_for("coordinator")
    url = reverse(
        "schemes:data_import", args=[world.programme.slug, "action-plan-rows"]
    )
    csv = "scheme,number,action\njelgava/schaerbeek,2,Newsletter\n"
    preview = client.post(
        url,
        {
            "import_file": SimpleUploadedFile("rows.csv", csv.encode()),
            "format": "csv",
        },
    )
    confirm = {"confirm": "1", "token": preview.context["token"]}
    assert client.post(url, confirm).status_code == 302
    record = world.scheme.action_plan.history.latest()
    assert record.history_change_reason == "import"
    page = client.get(_url("action-plan", world.scheme.action_plan)).content
    assert b"Imported from a file" in page
    assert record.history_user == world.users["coordinator"]
    assert "Newsletter" in [r["action"] for r in record.children["rows"]]


def test_self_assessment_history_and_restore(world, client_for):
    client = client_for("mentee")
    assessment = world.assessment
    factor = assessment.ratings.first().key_factor
    edit = reverse("schemes:assessment_edit", args=[assessment.pk])

    def save(level, note):
        assessment.refresh_from_db()
        response = client.post(
            edit,
            {
                f"level_{factor.pk}": level,
                f"note_{factor.pk}": note,
                "revision": assessment.revision,
            },
        )
        assert response.status_code == 302

    save(1, "Some courses")
    first = assessment.history.latest()
    save(3, "Courses everywhere")
    page = client.get(_url("self-assessment", assessment)).content.decode()
    assert "Courses everywhere" in page and "Fully in place" in page
    assert _restore(client, "self-assessment", assessment, first).status_code == 302
    rating = assessment.ratings.get(key_factor=factor)
    assert (rating.level, rating.note) == (1, "Some courses")


def test_visit_history_and_restore_of_the_agenda(world, client_for):
    client = client_for("mentor")
    visit = world.scheme.visits.first()
    original = visit.history.latest()
    assert original.children["agenda"]  # the default agenda, snapshotted
    edit = reverse("schemes:visit_edit", args=[world.scheme.pk, visit.pk])
    response = client.post(
        edit,
        {
            "host_city": visit.host_city_id or "",
            "purpose": "Situation",
            "agenda": "Welcome\nTour of the language centre",
            "revision": visit.revision,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(_url("visit", visit)).content.decode()
    assert "language" in page and "centre" in page
    assert _restore(client, "visit", visit, original).status_code == 302
    visit.refresh_from_db()
    assert list(visit.agenda_items.values_list("text", flat=True)) == list(
        original.children["agenda"]
    )


@pytest.mark.parametrize(
    ("doc_type", "get_object", "readers"),
    [
        (
            "needs-analysis",
            lambda w: w.scheme.needs_analysis,
            {"mentee", "coordinator"},  # a draft
        ),
        (
            "national-context",
            lambda w: NationalContext.objects.get(
                programme=w.programme, city=w.mentee_city
            ),
            {"association", "coordinator"},
        ),
        (
            "mentor-profile",
            lambda w: MentorProfile.objects.get_or_create(
                programme=w.programme, city=w.mentor_city
            )[0],
            {"mentor", "coordinator"},
        ),
        (
            "good-practice",
            lambda w: w.draft_practice,
            {"mentor", "coordinator"},
        ),
        (
            "self-assessment",
            lambda w: w.assessment,
            {"coordinator", "mentee"},  # a draft
        ),
        (
            "visit",
            lambda w: w.scheme.visits.first(),
            # Shared from the first save: the whole scheme, its partner too.
            {
                "coordinator",
                "mentee",
                "mentor",
                "association",
                "mentor_association",
                "partner",
            },
        ),
        (
            "action-plan",
            lambda w: w.scheme.action_plan,
            {"coordinator", "mentee"},  # a draft
        ),
        (
            "support-member",
            lambda w: w.member,
            # Shared from the first save: the whole scheme, its partner too.
            {
                "coordinator",
                "mentee",
                "mentor",
                "association",
                "mentor_association",
                "partner",
            },
        ),
    ],
)
def test_every_history_is_as_confidential_as_its_document(
    world, client_for, doc_type, get_object, readers
):
    obj = get_object(world)
    url = _url(doc_type, obj)
    for persona in world.users:
        client = client_for(persona)
        status = client.get(url).status_code
        if persona == "anonymous":
            assert status == 302, persona
        elif persona in readers:
            assert status == 200, persona
        else:
            assert status == 404, (persona, status)


def test_every_tracked_model_has_a_history_page():
    tracked_models = {
        NeedsAnalysis,
        NationalContext,
        MentorProfile,
        GoodPractice,
        SelfAssessment,
        Visit,
        ActionPlan,
        SupportGroupMember,
        Scope,
        ReviewReport,
        Strategy,
    }
    assert tracked_models == set(history.DOC_TYPE_OF)


def test_an_unknown_type_or_page_is_not_found(world, client_for):
    client = client_for("mentee")
    needs = world.scheme.needs_analysis
    assert client.get(f"/history/nothing/{needs.pk}/").status_code == 404
    assert client.get(_url("needs-analysis", needs) + "?page=x").status_code == 404
    assert client.get(_url("needs-analysis", needs) + "?page=99").status_code == 404


def _history_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_history_page_costs_the_same_queries_however_long(world, client_for):
    client = client_for("mentee")
    plan = world.scheme.action_plan
    add = reverse("schemes:action_plan_row_add", args=[world.scheme.pk])
    client.post(add, {"action": "First"})
    small = _history_queries(client, _url("action-plan", plan))
    for i in range(25):
        client.post(add, {"action": f"Action {i}"})
    large = _history_queries(client, _url("action-plan", plan))
    assert large == small


def test_a_history_with_links_costs_the_same_queries_however_long(world, client_for):
    """A good practice's records hold links (themes, key factors): they are
    read for the whole page at once, not record by record."""
    client = client_for("mentor")
    practice = world.draft_practice
    url = _url("good-practice", practice)
    services.document_save(
        document=practice, values={"title": "Version 0"}, by=world.users["mentor"]
    )
    small = _history_queries(client, url)
    for i in range(1, 20):
        services.document_save(
            document=practice,
            values={"title": f"Version {i}"},
            by=world.users["mentor"],
        )
    large = _history_queries(client, url)
    assert large == small
