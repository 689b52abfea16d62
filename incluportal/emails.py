"""Outgoing e-mail, rendered from templates/emails/<name>-subject.txt and
<name>-body.txt. One ``make_message`` and one-line wrappers per occasion.

Every message, these and Django's own (password reset), is queued in the
database by django-post_office (``EMAIL_BACKEND``), in the transaction of the
change that caused it: a rolled-back change never announces itself, and a
committed one cannot lose its message. Once that transaction commits the
message is delivered (``deliver``); one the relay refuses is requeued, and
``manage.py send_queued_mail`` (cron, every minute: docs/deploy.md) retries
it every ``POST_OFFICE["RETRY_INTERVAL"]``, ``MAX_RETRIES`` times. Each
attempt is logged (admin: Post Office, Emails and Logs).

Every link in a message starts with ``settings.SITE_URL`` (``site_url``),
never with the host of the request that caused it: a message may be sent by
a command or a retry with no request, and a Host header is the sender's to
choose. ``make run`` and ``make serve`` set SITE_URL to the address they
listen on unless the environment gives one (README, Configuration).
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation
from post_office.models import STATUS, Email
from post_office.settings import get_max_retries, get_retry_timedelta
from post_office.signals import email_queued

from incluportal.i18n import person_language

# A message is delivered right after its commit; until this long after it was
# queued, send_queued_mail leaves it alone, so that the two never both send
# it. Past that, the delivery after commit never happened (the process died)
# and the command sends it.
DELIVERY_LEASE = datetime.timedelta(minutes=10)

logger = logging.getLogger(__name__)


@receiver(email_queued, dispatch_uid="incluportal.emails")
def _deliver_after_commit(sender, emails, **kwargs):
    ids = [email.pk for email in emails]
    Email.objects.filter(pk__in=ids, scheduled_time=None).update(
        scheduled_time=timezone.now() + DELIVERY_LEASE
    )
    transaction.on_commit(lambda: deliver(ids), robust=True)


def deliver(ids):
    """Send the queued messages ``ids`` now. Each attempt is logged; one the
    relay refuses is requeued for send_queued_mail, as post_office does."""
    for email in Email.objects.filter(pk__in=ids, status=STATUS.queued):
        if email.dispatch() == STATUS.sent:  # dispatch logs the attempt
            continue
        retries = email.number_of_retries or 0
        if retries < get_max_retries():
            Email.objects.filter(pk=email.pk).update(
                status=STATUS.requeued,
                number_of_retries=retries + 1,
                scheduled_time=timezone.now() + get_retry_timedelta(),
                last_updated=timezone.now(),
            )
            logger.warning("E-mail %s not sent: queued for a retry", email.pk)


def site_url():
    """The address links in e-mail start with, without a final slash."""
    return settings.SITE_URL.rstrip("/")


def make_message(name, to, context, *, language=None):
    """The message ``name`` to the addresses ``to``, written in ``language``
    (an interface language; the active one when None): its words, its dates
    and numbers. ``Content-Language`` says which."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    context = {"site_url": site_url(), **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{name}-subject.txt", context).strip()
        body = render_to_string(f"emails/{name}-body.txt", context)
    return EmailMessage(
        " ".join(subject.split()),
        body,
        to=to,
        headers={"Content-Language": language},
    )


def _send(name, users, context, *, always=False):
    people = {
        u.email: person_language(u)
        for u in users
        if u.is_active and (always or u.email_notifications)
    }
    # One message per person: nobody learns the others' addresses. Each is
    # in its reader's language, whoever caused it: a submission made on a
    # Latvian page reaches an English-reading coordinator in English. Queued
    # in the caller's transaction, delivered once it commits (above).
    for address in sorted(people):
        message = make_message(name, [address], context, language=people[address])
        message.send(fail_silently=False)


def _members(*organisations):
    from incluportal.models import User

    return User.objects.filter(
        memberships__organisation__in=[o for o in organisations if o is not None]
    ).distinct()


def _authors(document):
    """The people of the document's author organisation and of those that
    write it with it (its kind's ``co_authors``)."""
    from incluportal.documents import kind_for_model
    from incluportal.models import User

    kind = kind_for_model(type(document))
    author = kind.author(document)
    ids = {*kind.co_authors(document), *([author.pk] if author else [])}
    return User.objects.filter(memberships__organisation__in=ids).distinct()


def _coordinators(programme):
    """The people who coordinate ``programme``, as the app's programme says
    (``coordinator_users``): the portal's core names no app."""
    return programme.coordinator_users()


def document_submitted(document, programme):
    _send("document-submitted", _coordinators(programme), {"document": document})


def document_reviewed(document):
    _send("document-reviewed", _authors(document), {"document": document})


def plan_submitted(plan):
    _send("plan-submitted", _coordinators(plan.scheme.programme), {"plan": plan})


def plan_reviewed(plan):
    _send("plan-reviewed", _authors(plan), {"plan": plan})


def invitation_sent(invitation):
    from types import SimpleNamespace

    # No account yet: the invitation says the person's language.
    person = SimpleNamespace(
        email=invitation.email, is_active=True, language=invitation.language
    )
    _send("invitation", [person], {"invitation": invitation}, always=True)


def visit_reminder(visit):
    scheme = visit.scheme
    people = list(_members(*scheme.cities)) + list(_coordinators(scheme.programme))
    _send("visit-reminder", people, {"visit": visit, "scheme": scheme})
