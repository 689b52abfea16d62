"""One decision per document: status changes that race are serialised.

Each race runs two real transactions at once, in two threads with their own
database connections, on objects both loaded before either decided (as two
people who opened the same page). On PostgreSQL the second waits on the row
lock (SELECT ... FOR UPDATE); on SQLite on the database's write lock. Either
way the second finds the first's decision and is refused: one decision, one
history record, one version.
"""

import datetime
import threading

import pytest
from django.db import connections
from django.urls import reverse

from incluportal.workflow import InvalidTransition
from schemes import services
from schemes.models import (
    ActionPlan,
    ActionPlanVersion,
    AssessmentStatus,
    DocumentStatus,
    PlanStatus,
    SchemeStage,
    SelfAssessment,
    StepMark,
)
from schemes.work.services import self_assessments as assessment_services
from tests import factories
from tests.schemes.test_document_workflow import _complete

COUNCIL_DAY = datetime.date(2026, 2, 20)
# The day the version went to the council, before its decision.
SUBMITTED_AT = datetime.datetime(2026, 2, 2, 9, tzinfo=datetime.UTC)


def _race(*calls):
    """Run the calls at once, each in its own thread and connection; return
    what each returned or raised, in the order given."""
    start = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            start.wait(timeout=10)
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 -- the outcome under test
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _colleague(organisation, email):
    user = factories.UserFactory(email=email)
    factories.MembershipFactory(user=user, organisation=organisation)
    return user


def _refused_once(outcomes):
    refused = [o for o in outcomes if isinstance(o, InvalidTransition)]
    done = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(refused) == 1 and len(done) == 1, outcomes
    return outcomes.index(refused[0])


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_approving_and_returning_a_plan_at_once_record_one_decision(
    world,
):
    plan = world.scheme.action_plan
    services.action_plan_submit(plan=plan, by=world.users["mentee"])
    plan.versions.update(frozen_at=SUBMITTED_AT)  # before the council decided
    other = _colleague(world.coordinator_org, "coordinator2@example.org")
    records = plan.history.count()
    # Both coordinators opened the submitted plan before either decided.
    seen_by_one = ActionPlan.objects.get(pk=plan.pk)
    seen_by_two = ActionPlan.objects.get(pk=plan.pk)

    outcomes = _race(
        lambda: services.action_plan_approve(
            plan=seen_by_one,
            by=world.users["coordinator"],
            decision_date=COUNCIL_DAY,
            decision_reference="Nr. 7/12",
        ),
        lambda: services.action_plan_return(
            plan=seen_by_two, by=other, comment="Add a budget line"
        ),
    )

    loser = _refused_once(outcomes)
    plan.refresh_from_db()
    version = plan.versions.get(number=2)
    if loser == 1:  # approved
        assert (plan.status, plan.version) == (PlanStatus.APPROVED, 2)
        assert (version.status, version.decision_reference) == ("approved", "Nr. 7/12")
    else:
        assert (plan.status, plan.version) == (PlanStatus.RETURNED, 3)
        assert (version.status, version.decision_reference) == ("returned", "")
    assert list(plan.versions.values_list("number", flat=True)) == [1, 2]
    assert plan.history.count() == records + 1


@pytest.mark.django_db(transaction=True)
def test_two_officers_submitting_a_plan_at_once_freeze_one_version(world):
    plan = world.scheme.action_plan
    colleague = _colleague(world.mentee_city, "colleague@example.org")
    seen_by_one = ActionPlan.objects.get(pk=plan.pk)
    seen_by_two = ActionPlan.objects.get(pk=plan.pk)

    outcomes = _race(
        lambda: services.action_plan_submit(plan=seen_by_one, by=world.users["mentee"]),
        lambda: services.action_plan_submit(plan=seen_by_two, by=colleague),
    )

    _refused_once(outcomes)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert list(ActionPlanVersion.objects.filter(plan=plan).values_list("number")) == [
        (1,),
        (2,),
    ]


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_approving_and_returning_a_document_at_once(world):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    services.document_submit(document=needs, by=world.users["mentee"])
    other = _colleague(world.coordinator_org, "coordinator2@example.org")
    records = needs.history.count()
    model = type(needs)
    seen_by_one = model.objects.get(pk=needs.pk)
    seen_by_two = model.objects.get(pk=needs.pk)

    outcomes = _race(
        lambda: services.document_approve(
            document=seen_by_one, by=world.users["coordinator"]
        ),
        lambda: services.document_return(
            document=seen_by_two, by=other, comment="Add figures"
        ),
    )

    loser = _refused_once(outcomes)
    needs.refresh_from_db()
    if loser == 1:
        assert (needs.status, needs.review_comment) == (DocumentStatus.APPROVED, "")
    else:
        assert needs.status == DocumentStatus.RETURNED
        assert needs.review_comment == "Add figures"
    assert needs.history.count() == records + 1


@pytest.mark.django_db(transaction=True)
def test_two_officers_submitting_a_self_assessment_at_once_submit_it_once(world):
    assessment = world.assessment
    for rating in assessment.ratings.all():
        rating.level = 2
        rating.save()
    colleague = _colleague(world.mentee_city, "colleague@example.org")
    records = assessment.history.count()
    seen_by_one = SelfAssessment.objects.get(pk=assessment.pk)
    seen_by_two = SelfAssessment.objects.get(pk=assessment.pk)

    outcomes = _race(
        lambda: assessment_services.self_assessment_submit(
            assessment=seen_by_one, by=world.users["mentee"]
        ),
        lambda: assessment_services.self_assessment_submit(
            assessment=seen_by_two, by=colleague
        ),
    )

    _refused_once(outcomes)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.history.count() == records + 1


# --- The pages: a refused step is a 409 with a clear message --------------------


def _decide_plan(client, world, action, **data):
    url = reverse("schemes:action_plan_action", args=[world.scheme.pk, action])
    return client.post(url, data)


@pytest.mark.django_db
def test_returning_a_plan_someone_just_approved_gets_a_409_and_records_nothing(
    world, client_for, frozen_day
):
    plan = world.scheme.action_plan
    services.action_plan_submit(plan=plan, by=world.users["mentee"])
    plan.versions.update(frozen_at=SUBMITTED_AT)  # before the council decided
    services.action_plan_approve(
        plan=plan,
        by=world.users["coordinator"],
        decision_date=COUNCIL_DAY,
        decision_reference="Nr. 7/12",
    )
    records = plan.history.count()
    # A second coordinator still has the submitted plan open and returns it.
    response = _decide_plan(
        client_for("coordinator"), world, "return", comment="Too late"
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Approved by the council" in page and "Returned for changes" in page
    assert "nothing was recorded" in page
    plan.refresh_from_db()
    assert (plan.status, plan.version, plan.review_comment) == ("approved", 2, "")
    assert plan.versions.get(number=2).status == "approved"
    assert plan.history.count() == records


@pytest.mark.django_db
def test_submitting_a_plan_a_colleague_just_submitted_gets_a_409(world, client_for):
    plan = world.scheme.action_plan
    services.action_plan_submit(plan=plan, by=world.users["mentee"])
    response = _decide_plan(client_for("mentee"), world, "submit")
    assert response.status_code == 409
    assert "Submitted to the council" in response.content.decode()
    assert plan.versions.count() == 2


@pytest.mark.django_db
def test_approving_a_document_someone_just_returned_gets_a_409(world, client_for):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    services.document_submit(document=needs, by=world.users["mentee"])
    services.document_return(
        document=needs, by=world.users["coordinator"], comment="Add figures"
    )
    records = needs.history.count()
    url = reverse(
        "schemes:document_action", args=["needs-analysis", needs.pk, "approve"]
    )
    response = client_for("coordinator").post(url, {"next": needs.get_absolute_url()})
    assert response.status_code == 409
    assert "Returned for changes" in response.content.decode()
    needs.refresh_from_db()
    assert (needs.status, needs.review_comment) == ("returned", "Add figures")
    assert needs.history.count() == records


@pytest.mark.django_db
def test_submitting_a_self_assessment_a_colleague_just_submitted_gets_a_409(
    world, client_for
):
    assessment = world.assessment
    assessment.ratings.update(level=1)
    assessment_services.self_assessment_submit(
        assessment=assessment, by=world.users["mentee"]
    )
    url = reverse("schemes:assessment_submit", args=[assessment.pk])
    response = client_for("mentee").post(url)
    assert response.status_code == 409
    assert "Submitted" in response.content.decode()


@pytest.mark.django_db
def test_the_refusal_is_in_the_readers_language(world, client_for):
    plan = world.scheme.action_plan
    services.action_plan_submit(plan=plan, by=world.users["mentee"])
    client = client_for("mentee")
    client.post(reverse("set_language"), {"language": "lv"})
    response = _decide_plan(client, world, "submit")
    assert response.status_code == 409
    assert "nekas netika ierakstīts" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_marking_the_training_at_once_leave_one_mark(world):
    other = _colleague(world.coordinator_org, "coordinator2@example.org")
    training = SchemeStage.TRAINING

    outcomes = _race(
        lambda: services.step_mark(
            scheme=world.scheme,
            step=training,
            reached_on=datetime.date(2020, 5, 4),
            note="Held in Riga",
            by=world.users["coordinator"],
        ),
        lambda: services.step_mark(
            scheme=world.scheme,
            step=training,
            reached_on=datetime.date(2020, 5, 5),
            note="Held online",
            by=other,
        ),
    )

    # Neither fails: the later mark updates the one saved first.
    assert all(isinstance(outcome, StepMark) for outcome in outcomes), outcomes
    mark = StepMark.objects.get(scheme=world.scheme, step=training)
    assert (mark.reached_on, mark.note, mark.marked_by) in {
        (datetime.date(2020, 5, 4), "Held in Riga", world.users["coordinator"]),
        (datetime.date(2020, 5, 5), "Held online", other),
    }
