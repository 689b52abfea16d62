from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from schemes import selectors
from schemes.models import Programme


@login_required
def programme_list(request):
    programmes = selectors.programmes_for_user(user=request.user)
    return render(request, "schemes/programme_list.html", {"programmes": programmes})


@login_required
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
        },
    )


@login_required
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
def scheme_detail(request, pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "schemes/scheme_detail.html",
        {
            "scheme": scheme,
            "is_coordinator": scheme.programme.is_coordinated_by(request.user),
        },
    )
