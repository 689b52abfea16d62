"""Annex 5: the members of the local support group of each of a scheme's
cities.

The people of a city keep its group; everyone else is refused
(``PermissionDenied``).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from incluportal import conflicts
from incluportal.history import one_record
from incluportal.models import User
from schemes import access
from schemes.models import Organisation, Scheme, SupportGroupMember


def _require_group_keeper(user, scheme, city):
    """A city of the scheme keeps its own group (the kind's ``writers``)."""
    if city.pk not in scheme.city_ids:
        raise PermissionDenied
    access.require_writer(user, SupportGroupMember(scheme=scheme, city=city))


def _m2m_names():
    return {f.name for f in SupportGroupMember._meta.many_to_many}


@transaction.atomic
def support_group_member_create(
    *, scheme: Scheme, city: Organisation, values: dict, by: User
) -> SupportGroupMember:
    """A new member of the city's group; ``values`` may hold the visits
    attended (a list)."""
    _require_group_keeper(by, scheme, city)
    m2m = {name: values[name] for name in _m2m_names() if name in values}
    columns = {name: value for name, value in values.items() if name not in m2m}
    member = SupportGroupMember(scheme=scheme, city=city, **columns)
    member.full_clean()
    with one_record(member):
        member.save()
        for name, value in m2m.items():
            getattr(member, name).set(value)
    return member


@transaction.atomic
def support_group_member_update(
    *, member: SupportGroupMember, values: dict, by: User, revision: int | None = None
) -> SupportGroupMember:
    """Save a member's details. ``revision`` is the one the form was opened
    at: someone else's save since then is merged, or refused with
    ``EditConflict`` (``incluportal.conflicts``)."""
    _require_group_keeper(by, member.scheme, member.city)
    member, values = conflicts.merge(member, revision, values)
    with one_record(member):
        conflicts.apply(member, values)
        member.full_clean()
        member.save()
    return member


@transaction.atomic
def support_group_member_delete(*, member: SupportGroupMember, by: User) -> None:
    """Remove a member from the group (its history stays)."""
    _require_group_keeper(by, member.scheme, member.city)
    member.delete()
