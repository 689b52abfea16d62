from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from incluportal.pagecache import cached_page
from schemes import access, selectors, services
from schemes.models import (
    MentorProfile,
    NationalContext,
    Programme,
    VisitHost,
)


@login_required
@cached_page
def programme_list(request):
    programmes = selectors.programmes_for_user(user=request.user)
    return render(
        request,
        "schemes/programme_list.html",
        {
            "programmes": programmes,
            "can_create": services.user_can_create_programmes(request.user),
        },
    )


@login_required
@cached_page
def programme_detail(request, slug):
    programme = selectors.programme_get_for_user(user=request.user, slug=slug)
    by_role = selectors.programme_participations_by_role(programme=programme)
    return render(
        request,
        "schemes/programme_detail.html",
        {
            "programme": programme,
            "by_role": by_role,
            "is_coordinator": programme.is_coordinated_by(request.user),
            "schemes": selectors.schemes_for_user(user=request.user).filter(
                programme=programme
            ),
        },
    )


@login_required
@cached_page
def organisation_detail(request, slug):
    organisation = selectors.organisation_get_for_user(user=request.user, slug=slug)
    programmes = (
        Programme.objects.visible_to(request.user)
        .filter(participations__organisation=organisation)
        .distinct()
    )
    roles = organisation.participations.filter(programme__in=programmes).select_related(
        "programme"
    )
    members = selectors.organisation_members_visible_to(
        user=request.user, organisation=organisation
    )
    return render(
        request,
        "schemes/organisation_detail.html",
        {
            "organisation": organisation,
            "roles": roles,
            "members": members,
            "associations": organisation.associations.all(),
            "member_cities": organisation.member_cities.all(),
        },
    )


@login_required
@cached_page
def scheme_detail(request, pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=pk)
    # Through the scheme, so that each document knows it (and its programme
    # and cities) without a query when access rules ask.
    needs = selectors.scheme_needs_analysis(scheme=scheme)
    action_plan = selectors.scheme_action_plan(scheme=scheme)
    contexts = {
        c.city_id: c
        for c in NationalContext.objects.filter(
            programme=scheme.programme, city__in=scheme.cities
        ).select_related("programme", "association")
    }
    profile = (
        MentorProfile.objects.filter(
            programme=scheme.programme, city=scheme.mentor_city
        )
        .select_related("programme", "city")
        .first()
    )
    documents = [
        (_("Needs analysis, parts A and B"), needs, needs.get_absolute_url()),
        (
            _("Needs analysis, part C"),
            contexts.get(scheme.mentee_city_id),
            needs.get_absolute_url() + "#part-C",
        ),
        (
            _("Mentor profile"),
            profile,
            reverse(
                "schemes:mentor_profile",
                args=[scheme.programme.slug, scheme.mentor_city.slug],
            ),
        ),
    ]
    rows = [
        {
            "label": label,
            "document": doc,
            "url": url,
            "readable": doc is not None and access.can_read(request.user, doc),
        }
        for label, doc, url in documents
    ]
    group_counts = dict(
        scheme.support_group_members.values_list("side")
        .annotate(n=Count("pk"))
        .values_list("side", "n")
    )
    return render(
        request,
        "schemes/scheme_detail.html",
        {
            "scheme": scheme,
            "documents": rows,
            "group_counts": group_counts,
            "visits": scheme.visits.all(),
            "visit_hosts": VisitHost.choices,
            "action_plan": action_plan,
            "can_organise": access.can_organise_visits(request.user, scheme),
            "is_coordinator": access.is_coordinator(request.user, scheme.programme),
        },
    )
