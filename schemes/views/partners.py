"""The partners page of a programme: its coordinators attach technical
partners and method coordinators to its schemes, change and detach them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schemes import services
from schemes.forms_partners import (
    CHOSEN_SCHEMES,
    EVERY_SCHEME,
    ExistingPartnerForm,
    NewPartnerForm,
    PartnerScopeForm,
)
from schemes.models import Scheme
from schemes.network.models.programmes import PARTNER_ROLES
from schemes.views.coordination import _add_errors, coordinated_programme


def _partners(programme):
    return (
        programme.participations.filter(role__in=PARTNER_ROLES)
        .select_related("organisation")
        .prefetch_related(Prefetch("schemes", queryset=Scheme.objects.with_cities()))
        .order_by("organisation__name", "role")
    )


@login_required
def partner_list(request, slug):
    """The programme's partners and the forms to attach one: an organisation
    already in the portal, or a new one."""
    programme = coordinated_programme(request, slug)
    posted = request.method == "POST"
    existing = ExistingPartnerForm(
        request.POST if posted and "existing" in request.POST else None,
        programme=programme,
        user=request.user,
        prefix="existing",
    )
    new = NewPartnerForm(
        request.POST if posted and "new" in request.POST else None,
        programme=programme,
        prefix="new",
    )
    if posted:
        form = existing if "existing" in request.POST else new
        if form.is_bound and form.is_valid():
            try:
                if form is existing:
                    participation = services.partner_attach(
                        programme=programme,
                        organisation=form.cleaned_data["organisation"],
                        by=request.user,
                        **form.scope_data(),
                    )
                else:
                    participation = services.partner_create(
                        programme=programme,
                        by=request.user,
                        **form.scope_data(),
                        **form.organisation_data(),
                    )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(organisation)s is attached as %(role)s.")
                    % {
                        "organisation": participation.organisation,
                        "role": participation.get_role_display().lower(),
                    },
                )
                return redirect("schemes:partner_list", slug=programme.slug)
    return render(
        request,
        "schemes/coordination/partners.html",
        {
            "programme": programme,
            "partners": _partners(programme),
            "existing": existing,
            "new": new,
        },
    )


def _partner(request, slug, pk):
    programme = coordinated_programme(request, slug)
    participation = get_object_or_404(
        programme.participations.filter(role__in=PARTNER_ROLES).select_related(
            "organisation", "programme"
        ),
        pk=pk,
    )
    return programme, participation


@login_required
def partner_edit(request, slug, pk):
    """Change a partner's role or the schemes it supports."""
    programme, participation = _partner(request, slug, pk)
    initial = {
        "role": participation.role,
        "scope": EVERY_SCHEME if participation.all_schemes else CHOSEN_SCHEMES,
        "schemes": list(participation.schemes.all()),
    }
    form = PartnerScopeForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_change(
                participation=participation, by=request.user, **form.scope_data()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The schemes %(organisation)s supports are saved.")
                % {"organisation": participation.organisation},
            )
            return redirect("schemes:partner_list", slug=programme.slug)
    return render(
        request,
        "schemes/coordination/partner_form.html",
        {"programme": programme, "participation": participation, "form": form},
    )


@login_required
@require_POST
def partner_detach(request, slug, pk):
    """The partner leaves the programme."""
    programme, participation = _partner(request, slug, pk)
    services.partner_detach(participation=participation, by=request.user)
    messages.success(
        request,
        _("%(organisation)s is detached: its people no longer see these schemes.")
        % {"organisation": participation.organisation},
    )
    return redirect("schemes:partner_list", slug=programme.slug)
