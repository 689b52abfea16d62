"""Outgoing e-mail, rendered from templates/emails/<name>-subject.txt and
<name>-body.txt. One ``make_message`` and one-line wrappers per occasion.

Messages go out after the transaction that caused them commits, so a
rolled-back change never announces itself.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

SITE_URL_DEFAULT = "http://127.0.0.1:8000"


def make_message(name, to, context):
    context = {
        "site_url": getattr(settings, "SITE_URL", SITE_URL_DEFAULT),
        **context,
    }
    subject = render_to_string(f"emails/{name}-subject.txt", context).strip()
    body = render_to_string(f"emails/{name}-body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=to)


def _send(name, users, context, *, always=False):
    to = sorted(
        {u.email for u in users if u.is_active and (always or u.email_notifications)}
    )
    if not to:
        return

    def send():
        # One message per person: nobody learns the others' addresses.
        for address in to:
            make_message(name, [address], context).send(fail_silently=False)

    transaction.on_commit(send)


def _members(*organisations):
    from incluportal.models import User

    return User.objects.filter(
        memberships__organisation__in=[o for o in organisations if o is not None]
    ).distinct()


def _coordinators(programme):
    from incluportal.models import User
    from schemes.models.programmes import ParticipationRole

    return User.objects.filter(
        memberships__organisation__participations__programme=programme,
        memberships__organisation__participations__role=ParticipationRole.COORDINATOR,
    ).distinct()


def document_submitted(document, programme):
    _send("document-submitted", _coordinators(programme), {"document": document})


def document_reviewed(document):
    _send("document-reviewed", _members(document.author), {"document": document})


def plan_submitted(plan):
    _send("plan-submitted", _coordinators(plan.scheme.programme), {"plan": plan})


def plan_reviewed(plan):
    _send("plan-reviewed", _members(plan.scheme.mentee_city), {"plan": plan})


def invitation_sent(invitation, site_url=None):
    """``site_url``: the address the coordinator used, when known."""
    from types import SimpleNamespace

    person = SimpleNamespace(email=invitation.email, is_active=True)
    context = {"invitation": invitation}
    if site_url:
        context["site_url"] = site_url.rstrip("/")
    _send("invitation", [person], context, always=True)


def visit_reminder(visit):
    scheme = visit.scheme
    people = list(_members(scheme.mentee_city, scheme.mentor_city)) + list(
        _coordinators(scheme.programme)
    )
    _send("visit-reminder", people, {"visit": visit, "scheme": scheme})
