"""Who must sign in with two-factor: the coordinators of a programme that
asks for it. ``incluportal.twofactor`` reads this rule through the
``TWO_FACTOR_REQUIREMENT`` setting, so the portal's core names no app."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from schemes.models import Participation, Programme
from schemes.network.models.programmes import ParticipationRole


def requirement():
    """Whether the user of the row coordinates a programme that asks for
    two-factor, as an expression on ``User`` rows (the rule of
    ``Programme.objects.coordinated_by``: a superuser coordinates them all)."""
    strict = Programme.objects.filter(require_two_factor=True)
    coordinating = Participation.objects.filter(
        role=ParticipationRole.COORDINATOR,
        programme__require_two_factor=True,
        organisation__memberships__user=OuterRef("pk"),
    )
    return ExpressionWrapper(
        (Q(is_superuser=True) & Exists(strict)) | Exists(coordinating),
        output_field=BooleanField(),
    )
