"""Reads scoped to a user. Views, forms and exports fetch through these.

Anything the user may not see behaves as if it did not exist (404), so a
foreign id or slug tells nothing about what else is in the portal.
"""

from itertools import groupby

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from incluportal.documents import kinds
from schemes import access
from schemes.models import (
    ActionPlan,
    Membership,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
    Organisation,
    Participation,
    Programme,
    Scheme,
)
from schemes.network.models.programmes import ParticipationRole


def programme_get_for_user(*, user, slug) -> Programme:
    return get_object_or_404(Programme.objects.visible_to(user), slug=slug)


def organisation_get_for_user(*, user, slug) -> Organisation:
    return get_object_or_404(Organisation.objects.visible_to(user), slug=slug)


def programmes_for_user(*, user):
    """The user's programmes, each with ``my_participations``: their own roles."""
    mine = Participation.objects.filter(
        organisation__memberships__user=user
    ).select_related("organisation")
    return Programme.objects.visible_to(user).prefetch_related(
        Prefetch("participations", queryset=mine, to_attr="my_participations")
    )


def programme_participations_by_role(*, programme):
    """[(role label, [participations])] in the order roles are declared:
    coordinators first, then mentor and mentee cities, associations, partners."""
    order = {role: index for index, role in enumerate(ParticipationRole.values)}
    participations = sorted(
        programme.participations.select_related("organisation"),
        key=lambda p: (order[p.role], p.organisation.name.casefold()),
    )
    return [
        (ParticipationRole(role).label, list(items))
        for role, items in groupby(participations, key=lambda p: p.role)
    ]


def organisation_members_visible_to(*, user, organisation):
    """People of an organisation, shown to its own members and to coordinators
    of a programme it takes part in; nobody else sees who works where."""
    is_member = organisation.memberships.filter(user=user).exists()
    coordinates = (
        Programme.objects.coordinated_by(user)
        .filter(participations__organisation=organisation)
        .exists()
    )
    if not (is_member or coordinates or user.is_superuser):
        return Membership.objects.none()
    return organisation.memberships.select_related("user").order_by(
        "user__full_name", "user__email"
    )


def scheme_get_for_user(*, user, pk) -> Scheme:
    return get_object_or_404(
        Scheme.objects.visible_to(user)
        .with_cities()
        .select_related("programme", "theme", "benchmark"),
        pk=pk,
    )


def scheme_prefetch_documents(*, scheme, names):
    """Read the scheme's one-to-one documents ``names`` (``"scope"``...) in one
    query and keep them on ``scheme``, each knowing its scheme: reading
    ``scheme.<name>`` afterwards costs nothing (a missing one raises as ever)."""
    found = Scheme.objects.select_related(*names).get(pk=scheme.pk)
    for name in names:
        document = getattr(found, name, None)
        if document is not None:
            document.scheme = scheme
        Scheme._meta.get_field(name).set_cached_value(scheme, document)
    return scheme


def scheme_needs_analysis(*, scheme) -> NeedsAnalysis:
    """The scheme's needs analysis, through the scheme (so that it knows its
    scheme, programme and cities without a query when access rules ask).

    A scheme's documents are made when it is (``services.scheme_setup``):
    one missing is a 404, never created by a read.
    """
    try:
        return scheme.needs_analysis
    except NeedsAnalysis.DoesNotExist:
        raise Http404 from None


def scheme_action_plan(*, scheme) -> ActionPlan:
    """The scheme's action plan (made with the scheme); missing, a 404."""
    try:
        return scheme.action_plan
    except ActionPlan.DoesNotExist:
        raise Http404 from None


def mentor_profile_get_for_user(*, user, programme_slug, city_slug) -> MentorProfile:
    """A mentor city's profile in a programme, to someone who may open its
    page (the one rule: ``MentorProfile.objects.pages_visible_to``).

    Anything else, or a profile not made (``services.mentor_profile_ensure``),
    is a 404. The profile comes with its programme and city.
    """
    programme = programme_get_for_user(user=user, slug=programme_slug)
    city = get_object_or_404(
        programme.organisations.filter(
            participations__role=ParticipationRole.MENTOR_CITY
        ).distinct(),
        slug=city_slug,
    )
    profile = get_object_or_404(
        MentorProfile.objects.pages_visible_to(user), programme=programme, city=city
    )
    profile.programme, profile.city = programme, city
    return profile


def schemes_for_user(*, user):
    return (
        Scheme.objects.visible_to(user)
        .with_cities()
        .select_related("programme", "theme")
    )


def document_actions(user, document):
    """What the reader may do with a document shown with its status: open
    its history (only a reader: the page is theirs alone), submit it,
    review it."""
    from schemes import access

    if document is None:
        return {}
    return {
        "readable": access.can_read(user, document),
        "can_submit": access.can_submit(user, document),
        "can_review": access.can_review(user, document),
    }


def part_section(*, user, document, part, edit_url=""):
    """What a page or PDF needs to show one annex part to this user."""
    from schemes import access

    if document is None:
        return {"part": part, "document": None}
    return {
        "part": part,
        "document": document,
        "readable": access.can_read(user, document),
        "editable": access.can_write(user, document),
        "completeness": part.completeness(document),
        "edit_url": edit_url,
    }


def visit_team_candidates(*, scheme):
    """The people a visit may list as participants: the members of the
    scheme's cities and of its partners."""
    from incluportal.models import User

    partners = scheme.partners().values("organisation_id")
    return User.objects.filter(
        Q(memberships__organisation__in=scheme.city_ids)
        | Q(memberships__organisation__in=partners)
    ).distinct()


# --- The scheme page's list of documents -------------------------------------
# Each kind that appears in the list names its function in the registry
# (``scheme_page``); the page shows their entries in the registry's order.


def scheme_documents(*, user, scheme) -> list[dict]:
    """The lines of the scheme page's list of documents, kind by kind."""
    return [
        entry
        for kind in kinds()
        if kind.scheme_page_entries is not None
        for entry in kind.scheme_page_entries(user, scheme)
    ]


def _entry(user, label, document, url):
    return {
        "label": label,
        "document": document,
        "url": url,
        "readable": document is not None and access.can_read(user, document),
    }


def needs_analysis_entries(user, scheme):
    needs = scheme_needs_analysis(scheme=scheme)
    return [
        _entry(
            user, _("Needs analysis, parts A and B"), needs, needs.get_absolute_url()
        )
    ]


def national_context_entries(user, scheme):
    """The mentee city's national context: Part C of its needs analysis."""
    context = (
        NationalContext.objects.filter(
            programme=scheme.programme, city=scheme.mentee_city
        )
        .select_related("programme", "association")
        .first()
    )
    url = reverse("schemes:needs_analysis", args=[scheme.pk]) + "#part-C"
    return [_entry(user, _("Needs analysis, part C"), context, url)]


def mentor_profile_entries(user, scheme):
    """The profile of each mentor city, or of each peer of a community of
    practice (whose strengths the others learn from)."""
    cities = scheme.profile_cities
    profiles = {
        profile.city_id: profile
        for profile in MentorProfile.objects.filter(
            programme=scheme.programme, city__in=cities
        ).select_related("programme", "city")
    }
    return [
        _entry(
            user,
            _("Mentor profile")
            if len(cities) == 1
            else _("Mentor profile: %(city)s") % {"city": city.name},
            profiles.get(city.pk),
            reverse("schemes:mentor_profile", args=[scheme.programme.slug, city.slug]),
        )
        for city in cities
    ]


def scope_entries(user, scheme):
    """The scope the two cities agree (read with the scheme's documents)."""
    scope = getattr(scheme, "scope", None)
    return [_entry(user, _("Scope"), scope, reverse("schemes:scope", args=[scheme.pk]))]
