"""Outgoing e-mail (incluportal/emails.py): queued in the database in the
transaction of the change, delivered once it commits, retried while the relay
fails, every attempt logged."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from post_office.mail import send_queued
from post_office.models import STATUS, Email, Log

from incluportal import emails
from schemes import services
from tests import factories
from tests.schemes.test_document_workflow import _complete

pytestmark = pytest.mark.django_db


class RelayDown(BaseEmailBackend):
    """A mail relay that refuses every message."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("relay down")


@pytest.fixture
def relay_down(settings):
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": f"{__name__}.RelayDown"},
    }


@pytest.fixture
def relay_up(settings):
    def up():
        settings.POST_OFFICE = {
            **settings.POST_OFFICE,
            "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
        }

    return up


@pytest.fixture
def send_queued_mail(tmp_path):
    # A lock file of the test's own: other runs on the machine hold /tmp's.
    return lambda: call_command("send_queued_mail", lockfile=str(tmp_path / "mail"))


def _submit(world):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    services.document_submit(document=needs, by=world.users["mentee"])


def test_a_message_is_queued_with_the_change_and_sent_when_it_commits(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _submit(world)
        # In the change's transaction: in the queue, not sent yet.
        queued = Email.objects.get()
        assert queued.status == STATUS.queued
        assert queued.to == ["coordinator@example.org"]
        assert mail.outbox == []
    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]
    queued.refresh_from_db()
    assert queued.status == STATUS.sent
    assert list(queued.logs.values_list("status", flat=True)) == [STATUS.sent]


def test_a_rolled_back_change_queues_and_sends_nothing(
    world, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _submit(world)
        raise RuntimeError("the change fails after its e-mail")
    assert not Email.objects.exists()
    assert mail.outbox == []


# Real commits: the delivery runs after a commit, and the command closes the
# database connection between batches, as it does in production.
@pytest.mark.django_db(transaction=True)
def test_a_relay_that_fails_leaves_the_message_queued_and_a_retry_delivers_it(
    world, relay_down, relay_up, send_queued_mail, settings
):
    _submit(world)  # the submission stands; its e-mail waits
    needs = world.scheme.needs_analysis
    assert type(needs).objects.get(pk=needs.pk).status == "submitted"
    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert email.number_of_retries == 1
    assert email.scheduled_time > timezone.now()
    failure = Log.objects.get(email=email)
    assert failure.status == STATUS.failed
    assert failure.exception_type == "ConnectionRefusedError"
    assert "relay down" in failure.message
    assert mail.outbox == []

    relay_up()
    send_queued_mail()  # the retry is not due yet
    assert mail.outbox == []
    interval = settings.POST_OFFICE["RETRY_INTERVAL"]
    with time_machine.travel(timezone.now() + interval + datetime.timedelta(seconds=1)):
        send_queued_mail()
    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]
    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert list(email.logs.order_by("pk").values_list("status", flat=True)) == [
        STATUS.failed,
        STATUS.sent,
    ]


def test_a_relay_down_for_a_day_loses_nothing(settings):
    interval = settings.POST_OFFICE["RETRY_INTERVAL"]
    assert interval * settings.POST_OFFICE["MAX_RETRIES"] >= datetime.timedelta(days=1)


def test_a_committed_message_whose_delivery_never_ran_is_sent_later(
    world, django_capture_on_commit_callbacks
):
    # Committed, but the process stopped before delivering: nothing ran.
    with django_capture_on_commit_callbacks(execute=False):
        _submit(world)
    email = Email.objects.get()
    assert email.status == STATUS.queued
    # What send_queued_mail does, batch by batch (the command itself closes
    # the connection, which the test's transaction cannot survive).
    send_queued()  # within the lease: the delivery after commit may be running
    assert mail.outbox == []
    with time_machine.travel(
        timezone.now() + emails.DELIVERY_LEASE + datetime.timedelta(1)
    ):
        send_queued()
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == STATUS.sent


def test_staff_read_every_message_and_its_attempts_in_the_admin(
    world, client, django_capture_on_commit_callbacks, relay_down
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(world)
    email = Email.objects.get()
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:post_office_email_changelist"))
    assert listing.status_code == 200
    assert email.subject in listing.content.decode()
    page = client.get(reverse("admin:post_office_email_change", args=[email.pk]))
    assert page.status_code == 200
    assert "relay down" in page.content.decode()
    logs = client.get(reverse("admin:post_office_log_changelist"))
    assert logs.status_code == 200


def test_a_message_is_written_in_its_readers_language_not_the_active_one(world):
    plan = world.scheme.action_plan
    with translation.override("en"):
        latvian = emails.make_message(
            "plan-submitted", ["x@example.org"], {"plan": plan}, language="lv"
        )
    assert latvian.extra_headers == {"Content-Language": "lv"}
    assert latvian.subject == "Rīcības plāns (Jelgava), 2. versija, iesniegts domei"
    assert translation.get_language() == "en"  # nothing leaks to the caller
    with translation.override("lv"):
        active = emails.make_message(
            "plan-submitted", ["x@example.org"], {"plan": plan}
        )
    assert active.extra_headers == {"Content-Language": "lv"}
    assert active.subject == latvian.subject
