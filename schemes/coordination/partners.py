"""What coordinators do with partners: a technical partner or a method
coordinator attached to every scheme of a programme or to chosen ones
(``Participation`` of a partner role, ``PartnerScheme``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from schemes import access
from schemes.coordination.services import organisation_require_managed
from schemes.models import Organisation, Participation
from schemes.network.models.programmes import PARTNER_ROLES
from schemes.network.models.schemes import PartnerScheme


def _partner_scope(*, programme, role, all_schemes, schemes):
    """Refuse a role that is not a partner's, or a scope of no scheme or of
    another programme's; the chosen schemes, as a list."""
    if role not in PARTNER_ROLES:
        raise ValidationError({"role": _("Choose a partner's role.")})
    schemes = list(schemes)
    if not all_schemes and not schemes:
        raise ValidationError(
            {"schemes": _("Choose the schemes it supports, or every scheme.")}
        )
    if any(scheme.programme_id != programme.pk for scheme in schemes):
        raise ValidationError({"schemes": _("Choose schemes of this programme.")})
    return [] if all_schemes else schemes


def _partner_schemes_set(participation, schemes):
    participation.scheme_links.exclude(scheme__in=schemes).delete()
    for scheme in schemes:
        link = PartnerScheme(participation=participation, scheme=scheme)
        if not participation.scheme_links.filter(scheme=scheme).exists():
            link.full_clean()
            link.save()


@transaction.atomic
def partner_attach(
    *, programme, organisation, role, all_schemes, schemes=(), by
) -> Participation:
    """Attach a partner organisation to the programme: to every scheme of it
    (those made later too) or to the chosen ones. Its people then read what
    the schemes' participants read and help prepare their visits."""
    access.require_coordinator(by, programme)
    schemes = _partner_scope(
        programme=programme, role=role, all_schemes=all_schemes, schemes=schemes
    )
    organisation_require_managed(organisation=organisation, by=by)
    participation = Participation(
        programme=programme,
        organisation=organisation,
        role=role,
        all_schemes=all_schemes,
    )
    participation.full_clean()
    participation.save()
    _partner_schemes_set(participation, schemes)
    return participation


@transaction.atomic
def partner_create(
    *, programme, role, all_schemes, schemes=(), by, **fields
) -> Participation:
    """A new partner organisation, attached to the programme."""
    access.require_coordinator(by, programme)
    _partner_scope(
        programme=programme, role=role, all_schemes=all_schemes, schemes=schemes
    )
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    return partner_attach(
        programme=programme,
        organisation=organisation,
        role=role,
        all_schemes=all_schemes,
        schemes=schemes,
        by=by,
    )


@transaction.atomic
def partner_change(
    *, participation, role, all_schemes, schemes=(), by
) -> Participation:
    """Change a partner's role or the schemes it supports."""
    programme = participation.programme
    access.require_coordinator(by, programme)
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if not participation.is_partner:
        raise ValidationError(_("This organisation is not a partner."))
    schemes = _partner_scope(
        programme=programme, role=role, all_schemes=all_schemes, schemes=schemes
    )
    participation.role = role
    participation.all_schemes = all_schemes
    participation.full_clean()
    participation.save(update_fields=["role", "all_schemes"])
    _partner_schemes_set(participation, schemes)
    return participation


@transaction.atomic
def partner_detach(*, participation, by) -> None:
    """The partner leaves the programme: its people no longer see its schemes."""
    access.require_coordinator(by, participation.programme)
    if not participation.is_partner:
        raise ValidationError(_("This organisation is not a partner."))
    participation.delete()
