import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from incluportal.services import user_notifications_set
from schemes import services
from tests.schemes.test_document_workflow import _complete

pytestmark = pytest.mark.django_db


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_coordinators_hear_of_a_submission_and_authors_of_the_review(
    world, django_capture_on_commit_callbacks
):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    with django_capture_on_commit_callbacks(execute=True):
        services.document_submit(document=needs, by=world.users["mentee"])
    assert _recipients() == ["coordinator@example.org"]
    assert "Submitted for review" in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.document_return(
            document=needs, by=world.users["coordinator"], comment="More figures"
        )
    assert _recipients() == ["mentee@example.org"]
    assert "More figures" in mail.outbox[0].body


def test_a_person_can_turn_the_emails_off(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for("coordinator")
    # The box unticked (the language, a select, is always sent).
    client.post(reverse("notification_settings"), {"language": "en"})
    world.users["coordinator"].refresh_from_db()
    assert world.users["coordinator"].email_notifications is False
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    with django_capture_on_commit_callbacks(execute=True):
        services.document_submit(document=needs, by=world.users["mentee"])
    assert mail.outbox == []


def test_only_the_person_turns_their_emails_off(world):
    mentee, coordinator = world.users["mentee"], world.users["coordinator"]
    with pytest.raises(PermissionDenied):
        user_notifications_set(user=mentee, email_notifications=False, by=coordinator)
    mentee.refresh_from_db()
    assert mentee.email_notifications is True
    user_notifications_set(user=mentee, email_notifications=False, by=mentee)
    mentee.refresh_from_db()
    assert mentee.email_notifications is False


def test_nothing_is_sent_when_the_change_is_rolled_back(world):
    # No on_commit callback runs inside the test transaction's rollback.
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    services.document_submit(document=needs, by=world.users["mentee"])
    assert mail.outbox == []


def test_action_plan_approval_reaches_the_mentee_city(
    world, django_capture_on_commit_callbacks
):
    plan = world.scheme.action_plan
    with django_capture_on_commit_callbacks(execute=True):
        services.action_plan_submit(plan=plan, by=world.users["mentee"])
    assert _recipients() == ["coordinator@example.org"]
    mail.outbox.clear()
    plan.versions.update(
        frozen_at=datetime.datetime(2025, 5, 2, 9, tzinfo=datetime.UTC)
    )  # sent to the council before it decided
    with django_capture_on_commit_callbacks(execute=True):
        services.action_plan_approve(
            plan=plan,
            by=world.users["coordinator"],
            decision_date=datetime.date(2025, 5, 25),
            decision_reference="7/12",
        )
    assert _recipients() == ["mentee@example.org"]
    assert "approved" in mail.outbox[0].subject


def test_visit_reminders_go_out_once_a_week_ahead(
    frozen_day, world, django_capture_on_commit_callbacks
):
    visit = world.scheme.visits.get(order=1)
    visit.start_date = timezone.localdate() + datetime.timedelta(days=6)
    visit.save()
    far = world.scheme.visits.get(order=2)
    far.start_date = timezone.localdate() + datetime.timedelta(days=30)
    far.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_visit_reminders", verbosity=0)
    assert _recipients() == [
        "coordinator@example.org",
        "mentee@example.org",
        "mentor@example.org",
    ]
    assert "In a week" in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_visit_reminders", verbosity=0)
    assert mail.outbox == []
