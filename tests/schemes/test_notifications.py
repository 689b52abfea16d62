import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from incluportal.services import user_notifications_set
from schemes import services
from tests import factories
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


# Each message in its reader's language, whoever caused it (issue 21).


def _colleague(world, email, language):
    """Another person of the coordinating body, reading ``language``."""
    person = factories.UserFactory(email=email, language=language)
    factories.MembershipFactory(user=person, organisation=world.coordinator_org)
    return person


def _by_reader():
    return {message.to[0]: message for message in mail.outbox}


def test_a_latvian_page_submission_mails_each_coordinator_in_their_language(
    world, client_for, django_capture_on_commit_callbacks
):
    _colleague(world, "lv.coordinator@example.org", "lv")
    mentee = world.users["mentee"]
    mentee.language = "lv"
    mentee.save()
    needs = world.scheme.needs_analysis
    _complete(needs, mentee)
    client = client_for("mentee")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "schemes:document_action", args=["needs-analysis", needs.pk, "submit"]
            )
        )
    assert response.status_code == 302
    assert response.wsgi_request.LANGUAGE_CODE == "lv"  # the request's language
    messages = _by_reader()
    english = messages["coordinator@example.org"]
    assert english.subject.startswith("Submitted for review: ")
    assert "has submitted" in english.body
    assert english.extra_headers["Content-Language"] == "en"
    latvian = messages["lv.coordinator@example.org"]
    assert latvian.subject.startswith("Iesniegts izskatīšanai: ")
    assert "Submitted" not in latvian.subject + latvian.body
    assert latvian.extra_headers["Content-Language"] == "lv"


def test_a_french_reading_coordinator_gets_the_submission_in_french(
    world, django_capture_on_commit_callbacks
):
    _colleague(world, "fr.coordinator@example.org", "fr")
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    # Submitted from a Latvian page.
    with translation.override("lv"), django_capture_on_commit_callbacks(execute=True):
        services.document_submit(document=needs, by=world.users["mentee"])
    messages = _by_reader()
    french = messages["fr.coordinator@example.org"]
    assert french.extra_headers["Content-Language"] == "fr"
    assert french.subject.startswith("Soumis pour examen : ")
    english = messages["coordinator@example.org"]
    assert english.extra_headers["Content-Language"] == "en"
    assert english.subject.startswith("Submitted for review: ")


@override_settings(LANGUAGES=[("en", "English"), ("lv", "Latvian")])
def test_a_language_the_portal_no_longer_offers_reads_as_the_default(
    world, django_capture_on_commit_callbacks
):
    # Stored when French was offered; the setting since lists en and lv.
    _colleague(world, "gone@example.org", "fr")
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    with django_capture_on_commit_callbacks(execute=True):
        services.document_submit(document=needs, by=world.users["mentee"])
    message = _by_reader()["gone@example.org"]
    assert message.extra_headers["Content-Language"] == "en"
    assert message.subject.startswith("Submitted for review: ")


def test_the_review_reaches_a_latvian_mentee_in_latvian_from_an_english_page(
    world, django_capture_on_commit_callbacks
):
    mentee = world.users["mentee"]
    mentee.language = "lv"
    mentee.save()
    needs = world.scheme.needs_analysis
    _complete(needs, mentee)
    services.document_submit(document=needs, by=mentee)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.document_return(
            document=needs, by=world.users["coordinator"], comment="More figures"
        )
    (message,) = mail.outbox
    assert message.to == ["mentee@example.org"]
    assert message.extra_headers["Content-Language"] == "lv"
    assert "Sent back" not in message.subject
    assert "More figures" in message.body


def test_each_visit_reminder_is_in_its_readers_language(
    frozen_day, world, django_capture_on_commit_callbacks
):
    world.users["mentee"].language = "lv"
    world.users["mentee"].save()
    world.users["mentor"].language = "fr"
    world.users["mentor"].save()
    visit = world.scheme.visits.get(order=1)
    visit.start_date = timezone.localdate() + datetime.timedelta(days=6)
    visit.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_visit_reminders", verbosity=0)
    messages = _by_reader()
    languages = {
        reader: message.extra_headers["Content-Language"]
        for reader, message in messages.items()
    }
    assert languages == {
        "coordinator@example.org": "en",
        "mentee@example.org": "lv",
        "mentor@example.org": "fr",
    }
    assert messages["coordinator@example.org"].subject.startswith("In a week: ")
    assert messages["mentee@example.org"].subject.startswith("Pēc nedēļas: ")
    assert messages["mentor@example.org"].subject.startswith("Dans une semaine : ")
