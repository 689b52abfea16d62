"""What coordinators do in the browser: programmes, organisations,
invitations and schemes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal import dates, emails
from incluportal.models import User
from schemes import access
from schemes.coordination.processes import programme_process_apply
from schemes.models import (
    Invitation,
    Membership,
    Organisation,
    Participation,
    Programme,
    Scheme,
)
from schemes.network.models.programmes import ParticipationRole
from schemes.work.services.documents import mentor_profile_ensure, scheme_setup


def user_can_create_programmes(user):
    return user.is_authenticated and (
        user.is_staff or Programme.objects.coordinated_by(user).exists()
    )


def organisation_require_managed(*, organisation, by, field="organisation"):
    """Refuse unless ``by`` coordinates every programme ``organisation`` takes
    part in (``Organisation.objects.managed_by``).

    The one gate through which an organisation enters a programme or gains a
    member: programme_create, participation_add, invitation_send,
    invitation_accept and the people import all pass here, so that nobody
    becomes a member of another programme's organisation (its coordinating
    body above all) through a programme they coordinate.
    """
    if not access.manages_organisation(by, organisation):
        raise ValidationError(
            {
                field: _(
                    "%(organisation)s also takes part in a programme you do not "
                    "coordinate: only a coordinator of each of its programmes "
                    "can add it to a programme or give it members."
                )
                % {"organisation": organisation}
            }
        )


@transaction.atomic
def programme_create(*, by, coordinator, **fields) -> Programme:
    """A new programme, coordinated by one of the creator's organisations."""
    if not user_can_create_programmes(by) or not access.is_member(by, coordinator):
        raise PermissionDenied
    # Its members become the new programme's coordinators.
    organisation_require_managed(organisation=coordinator, by=by, field="coordinator")
    programme = Programme(**fields)
    programme.full_clean()
    programme.save()
    Participation.objects.create(
        programme=programme,
        organisation=coordinator,
        role=ParticipationRole.COORDINATOR,
    )
    # Its phases, as the process it starts from ships them.
    programme_process_apply(programme=programme, process=programme.process, by=by)
    return programme


@transaction.atomic
def programme_set_two_factor(*, programme: Programme, required: bool, by: User) -> None:
    """Require (or stop requiring) two-factor sign-in of the programme's
    coordinators; one of them decides."""
    access.require_coordinator(by, programme)
    programme.require_two_factor = required
    programme.full_clean()
    programme.save(update_fields=["require_two_factor"])


@transaction.atomic
def participation_add(*, programme, organisation, role, by) -> Participation:
    """The organisation takes part in the programme with a role: one new to
    the portal, or one taking part only in programmes ``by`` coordinates."""
    access.require_coordinator(by, programme)
    organisation_require_managed(organisation=organisation, by=by)
    participation = Participation(
        programme=programme, organisation=organisation, role=role
    )
    participation.full_clean()
    participation.save()
    if role == ParticipationRole.MENTOR_CITY:
        mentor_profile_ensure(programme=programme, city=organisation)
    return participation


@transaction.atomic
def organisation_create(
    *, programme, role, by, associations=(), **fields
) -> Organisation:
    """A new organisation, added to the programme with a role."""
    access.require_coordinator(by, programme)
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    organisation.associations.set(associations)
    # New, so it takes part nowhere else: participation_add lets it in.
    participation_add(programme=programme, organisation=organisation, role=role, by=by)
    return organisation


@transaction.atomic
def invitation_send(
    *, programme, organisation, email, by, full_name="", position="", site_url=None
):
    """Invite a person to an organisation of the programme, by e-mail."""
    access.require_coordinator(by, programme)
    if not programme.participations.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("Choose an organisation of this programme.")}
        )
    organisation_require_managed(organisation=organisation, by=by)
    email = User.objects.normalize_email(email)
    if Membership.objects.filter(
        user__email__iexact=email, organisation=organisation
    ).exists():
        raise ValidationError(
            {"email": _("This person already works for this organisation.")}
        )
    pending = Invitation.objects.filter(
        email__iexact=email, organisation=organisation, accepted_at__isnull=True
    ).first()
    if pending is not None:
        raise ValidationError(
            {
                "email": _("An invitation to this address is pending (sent %(date)s).")
                % {"date": dates.day(pending.created_at)}
            }
        )
    invitation = Invitation(
        email=email,
        full_name=full_name,
        organisation=organisation,
        programme=programme,
        position=position,
        invited_by=by,
    )
    invitation.full_clean()
    invitation.save()
    emails.invitation_sent(invitation, site_url=site_url)
    return invitation


def invitation_check(*, invitation):
    """Refuse an invitation its sender could no longer send: they no longer
    coordinate its programme, the organisation left it, or it has joined a
    programme they do not coordinate since."""
    inviter, programme = invitation.invited_by, invitation.programme
    try:
        if inviter is None or not access.is_coordinator(inviter, programme):
            raise PermissionDenied
        if not programme.participations.filter(
            organisation=invitation.organisation
        ).exists():
            raise PermissionDenied
        organisation_require_managed(organisation=invitation.organisation, by=inviter)
    except (PermissionDenied, ValidationError):
        raise ValidationError(
            _("This invitation is no longer valid: ask for a new one.")
        ) from None


@transaction.atomic
def invitation_accept(*, invitation, full_name, password=None, user=None) -> User:
    """Create the account (or use the signed-in one) and its membership."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has been used already."))
    invitation_check(invitation=invitation)
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("An account with this address exists: sign in to accept.")
            )
        user = User(email=invitation.email, full_name=full_name)
        user.set_password(password)
        user.full_clean()
        user.save()
    elif user.email.lower() != invitation.email.lower():
        raise PermissionDenied
    try:
        Membership.objects.get_or_create(
            user=user,
            organisation=invitation.organisation,
            defaults={"position": invitation.position},
        )
    except IntegrityError:  # accepted twice at once: the first one won
        raise ValidationError(_("This invitation has been used already.")) from None
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def scheme_create(*, programme, by, mentee_city, mentor_city, **fields) -> Scheme:
    """A new scheme of the programme, with its documents and default visits
    (and its mentor city's profile, if the city is new to the role)."""
    access.require_coordinator(by, programme)
    in_programme = set(
        programme.participations.values_list("organisation_id", flat=True)
    )
    for label, organisation in [
        ("mentee_city", mentee_city),
        ("mentor_city", mentor_city),
        ("mentee_association", fields.get("mentee_association")),
        ("mentor_association", fields.get("mentor_association")),
    ]:
        if organisation is not None and organisation.pk not in in_programme:
            raise ValidationError(
                {label: _("Choose an organisation of this programme.")}
            )
    roles = set(
        programme.participations.filter(
            organisation__in=[mentee_city, mentor_city]
        ).values_list("organisation_id", "role")
    )
    if (mentee_city.pk, ParticipationRole.MENTOR_CITY) in roles:
        raise ValidationError({"mentee_city": _("This city is a mentor city here.")})
    if (mentor_city.pk, ParticipationRole.MENTEE_CITY) in roles:
        raise ValidationError({"mentor_city": _("This city is a mentee city here.")})
    for city, key in [
        (mentee_city, "mentee_association"),
        (mentor_city, "mentor_association"),
    ]:
        association = fields.get(key)
        own = set(city.associations.values_list("pk", flat=True))
        if association is not None and own and association.pk not in own:
            raise ValidationError(
                {
                    key: _("%(city)s is not a member of this association.")
                    % {"city": city}
                }
            )
    scheme = Scheme(
        programme=programme, mentee_city=mentee_city, mentor_city=mentor_city, **fields
    )
    scheme.full_clean()
    scheme.save()
    for city, role in [
        (mentee_city, ParticipationRole.MENTEE_CITY),
        (mentor_city, ParticipationRole.MENTOR_CITY),
    ]:
        Participation.objects.get_or_create(
            programme=programme, organisation=city, role=role
        )
    scheme_setup(scheme=scheme)
    return scheme


@transaction.atomic
def schemes_create_proposed(
    *, programme: Programme, pairs: list[tuple], by: User
) -> list[Scheme]:
    """The schemes a coordinator ticked on the matching proposal, each
    ``(mentee city, mentor city, benchmark or None)``: all of them, or none
    (the first refusal's ValidationError)."""
    access.require_coordinator(by, programme)
    return [
        scheme_create(
            programme=programme,
            by=by,
            mentee_city=mentee_city,
            mentor_city=mentor_city,
            benchmark=benchmark,
            theme=benchmark.theme if benchmark else None,
            mentee_association=None,
            mentor_association=None,
        )
        for mentee_city, mentor_city, benchmark in pairs
    ]
