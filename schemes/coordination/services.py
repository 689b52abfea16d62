"""What coordinators do in the browser: programmes, organisations,
invitations and schemes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from incluportal import dates, emails
from incluportal.i18n import default_language
from incluportal.models import User
from incluportal.translated import columns, first_text
from schemes import access
from schemes.coordination.processes import programme_process_apply
from schemes.models import (
    Invitation,
    Membership,
    Organisation,
    Participation,
    Programme,
    Scheme,
    SchemeCity,
)
from schemes.network.models.programmes import ParticipationRole
from schemes.network.models.schemes import (
    MAX_MENTORS,
    PEER_GROUP_MAX,
    PEER_GROUP_MIN,
    SchemeShape,
    city_q,
)
from schemes.work.search import fold
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
    """A new programme, coordinated by one of the creator's organisations.
    Its name, funder and description come per language (``name_en``…)."""
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
    """A new organisation, added to the programme with a role. Its name,
    acronym and description come per language (``name_en``, ``name_lv``…).
    Without a short name (``slug``), it gets one made from its name."""
    access.require_coordinator(by, programme)
    if not fields.get("slug"):
        fields["slug"] = _organisation_slug(first_text(fields, "name"))
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    organisation.associations.set(associations)
    # New, so it takes part nowhere else: participation_add lets it in.
    participation_add(programme=programme, organisation=organisation, role=role, by=by)
    return organisation


# The texts kept per portal language that their pages let people change.
PROGRAMME_TEXTS = ("name", "funder", "description")
ORGANISATION_TEXTS = ("name", "acronym", "description")


def _texts_set(obj, names, texts):
    unknown = set(texts) - set(columns(*names))
    if unknown:
        raise ValueError(f"Not a text of {obj._meta.model_name}: {sorted(unknown)}")
    for column, value in texts.items():
        setattr(obj, column, value)
    obj.full_clean()
    # The base columns too: they hold the text as read at save time.
    obj.save(update_fields=[*names, *texts])


@transaction.atomic
def programme_texts_set(*, programme, by, **texts) -> Programme:
    """Write the programme's name, funder and description in the languages
    given (``name_en=…``, ``description_lv=…``); a column not given keeps
    its text. Its coordinators write them."""
    access.require_coordinator(by, programme)
    _texts_set(programme, PROGRAMME_TEXTS, texts)
    return programme


@transaction.atomic
def organisation_texts_set(*, organisation, by, **texts) -> Organisation:
    """Write the organisation's name, acronym and description in the
    languages given (``name_lv=…``); a column not given keeps its text. Its
    own people write them, or a coordinator of every programme it takes
    part in (``access.can_name_organisation``)."""
    if not access.can_name_organisation(by, organisation):
        raise PermissionDenied
    _texts_set(organisation, ORGANISATION_TEXTS, texts)
    return organisation


@transaction.atomic
def invitation_send(
    *, programme, organisation, email, by, full_name="", position="", language=""
):
    """Invite a person to an organisation of the programme, by e-mail, in
    ``language`` (theirs; the portal's default when not given)."""
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
        language=language or default_language(),
        invited_by=by,
    )
    invitation.full_clean()  # refuses a language not in settings.LANGUAGES
    invitation.save()
    emails.invitation_sent(invitation)
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
def invitation_accept(
    *, invitation, full_name, password=None, user=None, language=""
) -> User:
    """Create the account (or use the signed-in one) and its membership. A
    new account reads the portal in ``language``, else the invitation's; an
    existing one keeps its own."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has been used already."))
    invitation_check(invitation=invitation)
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("An account with this address exists: sign in to accept.")
            )
        # The language the invitation chose, or the one the person switched
        # its page to (invitation_accept's view passes it).
        user = User(
            email=invitation.email,
            full_name=full_name,
            language=language or invitation.language,
        )
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


def _check_scheme_cities(programme, mentee_city, others, shape, fields):
    """Refuse (``ValidationError``) a set of cities the scheme cannot have."""
    if shape == SchemeShape.PEERS:
        if not PEER_GROUP_MIN <= len(others) + 1 <= PEER_GROUP_MAX:
            raise ValidationError(
                {
                    "other_cities": _(
                        "A community of practice has %(min)s to %(max)s cities: "
                        "choose %(low)s to %(high)s peers besides the convening city."
                    )
                    % {
                        "min": PEER_GROUP_MIN,
                        "max": PEER_GROUP_MAX,
                        "low": PEER_GROUP_MIN - 1,
                        "high": PEER_GROUP_MAX - 1,
                    }
                }
            )
    elif not 1 <= len(others) <= MAX_MENTORS:
        raise ValidationError(
            {
                "other_cities": _("Choose one to %(max)s mentor cities.")
                % {"max": MAX_MENTORS}
            }
        )
    if mentee_city in others or len(set(others)) != len(others):
        raise ValidationError(
            {"other_cities": _("Each city takes part in the scheme once.")}
        )
    in_programme = set(
        programme.participations.values_list("organisation_id", flat=True)
    )
    for label, organisation in [
        ("mentee_city", mentee_city),
        *(("other_cities", city) for city in others),
        ("mentee_association", fields.get("mentee_association")),
    ]:
        if organisation is not None and organisation.pk not in in_programme:
            raise ValidationError(
                {label: _("Choose an organisation of this programme.")}
            )
    if shape == SchemeShape.MENTORING:
        roles = set(
            programme.participations.filter(
                organisation__in=[mentee_city, *others]
            ).values_list("organisation_id", "role")
        )
        if (mentee_city.pk, ParticipationRole.MENTOR_CITY) in roles:
            raise ValidationError(
                {"mentee_city": _("This city is a mentor city here.")}
            )
        for city in others:
            if (city.pk, ParticipationRole.MENTEE_CITY) in roles:
                raise ValidationError(
                    {
                        "other_cities": _("%(city)s is a mentee city here.")
                        % {"city": city}
                    }
                )
    association = fields.get("mentee_association")
    own = set(mentee_city.associations.values_list("pk", flat=True))
    if association is not None and own and association.pk not in own:
        raise ValidationError(
            {
                "mentee_association": _("%(city)s is not a member of this association.")
                % {"city": mentee_city}
            }
        )
    wanted = {mentee_city.pk, *(city.pk for city in others)}
    for existing in programme.schemes.filter(city_q([mentee_city])).with_cities():
        if existing.city_ids == wanted:
            raise ValidationError(
                _("These cities already have a scheme in this programme: %(scheme)s.")
                % {"scheme": existing.title}
            )


def _organisation_slug(name):
    """A free short name made from ``name`` ("Rīga" -> "riga", "riga-2")."""
    max_length = Organisation._meta.get_field("slug").max_length
    base = slugify(fold(name))[: max_length - 4].strip("-")
    if not base:
        raise ValidationError(
            {
                "slug": _(
                    "Write a short name: none can be made from this name "
                    "(Latin letters, digits and hyphens)."
                )
            }
        )
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _scheme_slug(programme, cities):
    """The cities' short names, joined; numbered if a scheme has it already."""
    base = slugify("-".join(city.slug for city in cities))[:240].strip("-")
    slug, n = base, 1
    while programme.schemes.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def programme_association(programme, city):
    """The city's association that takes part in the programme, if any."""
    return (
        city.associations.filter(participations__programme=programme)
        .order_by("name")
        .first()
    )


@transaction.atomic
def scheme_create(
    *, programme, by, mentee_city, mentor_cities=(), peer_cities=(), **fields
) -> Scheme:
    """A new scheme of the programme, with its documents and default visits:
    a mentee city and its ``mentor_cities`` (one to ``MAX_MENTORS``), or a
    community of practice of ``mentee_city`` (its convening city) and
    ``peer_cities``. Each other city's association is the one of its
    associations that takes part in the programme. New mentor cities get
    their profile."""
    access.require_coordinator(by, programme)
    if mentor_cities and peer_cities:
        raise ValidationError(_("A scheme has mentor cities or peer cities, not both."))
    shape = SchemeShape.PEERS if peer_cities else SchemeShape.MENTORING
    others = list(peer_cities or mentor_cities)
    _check_scheme_cities(programme, mentee_city, others, shape, fields)
    scheme = Scheme(
        programme=programme,
        shape=shape,
        mentee_city=mentee_city,
        slug=_scheme_slug(programme, [mentee_city, *others]),
        **fields,
    )
    scheme.full_clean()
    scheme.save()
    SchemeCity.objects.bulk_create(
        SchemeCity(
            scheme=scheme,
            city=city,
            association=programme_association(programme, city),
            order=order,
        )
        for order, city in enumerate(others, start=1)
    )
    scheme.__dict__.pop("links", None)  # read them again
    if shape == SchemeShape.MENTORING:
        # Each takes its role in the programme (peers keep theirs: every
        # city of a scheme takes part in the programme already).
        Participation.objects.get_or_create(
            programme=programme,
            organisation=mentee_city,
            role=ParticipationRole.MENTEE_CITY,
        )
        for city in others:
            Participation.objects.get_or_create(
                programme=programme,
                organisation=city,
                role=ParticipationRole.MENTOR_CITY,
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
            mentor_cities=[mentor_city],
            benchmark=benchmark,
            theme=benchmark.theme if benchmark else None,
            mentee_association=programme_association(programme, mentee_city),
        )
        for mentee_city, mentor_city, benchmark in pairs
    ]
