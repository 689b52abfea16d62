from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schemes import access, selectors, services
from schemes.forms import StepMarkForm
from schemes.models import (
    Phase,
    ProcessRule,
    Programme,
)
from schemes.views import city_reports
from schemes.work.models.progress import MARKABLE_STEPS
from schemes.work.phases import programme_phases
from schemes.work.progress import attach_progress, scheme_progress


@login_required
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
            "phases": programme_phases([programme.pk])[programme.pk],
            "schemes": attach_progress(
                selectors.schemes_for_user(user=request.user).filter(
                    programme=programme
                )
            ),
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
            "can_name": access.can_name_organisation(request.user, organisation),
        },
    )


@login_required
def scheme_detail(request, pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=pk)
    # The scheme's one-to-one documents in one query, each knowing its
    # scheme (and its programme and cities) when access rules ask.
    selectors.scheme_prefetch_documents(
        scheme=scheme,
        names=["needs_analysis", "action_plan", "scope", "review_report", "strategy"],
    )
    action_plan = selectors.scheme_action_plan(scheme=scheme)
    rows = selectors.scheme_documents(user=request.user, scheme=scheme)
    progress = scheme_progress(scheme)
    group_counts = dict(
        scheme.support_group_members.values_list("city")
        .annotate(n=Count("pk"))
        .values_list("city", "n")
    )
    support_groups = [
        (city, role, group_counts.get(city.pk, 0)) for city, _a, role in scheme.roles()
    ]
    return render(
        request,
        "schemes/scheme_detail.html",
        {
            "scheme": scheme,
            "documents": rows,
            "support_groups": support_groups,
            "visits": scheme.visits.select_related("host_city"),
            "visit_hosts": [(c.slug, c.name) for c in scheme.cities]
            + [("", _("Virtual meeting"))],
            "action_plan": action_plan,
            # After the action plan: the review report and the strategy.
            "later_documents": city_reports.scheme_rows(request.user, scheme, progress),
            "can_organise": access.can_organise_visits(request.user, scheme),
            "is_coordinator": access.is_coordinator(request.user, scheme.programme),
            "progress": progress,
            "mark_form": StepMarkForm(),
            "partners": list(scheme.partners()),
        },
    )


def _markable_scheme(request, scheme_pk, step):
    """The scheme (a 404 if the user cannot see it) whose ``step`` a
    coordinator marks, and what to mark: {"step": the method's step} or
    {"phase": a phase of its programme reached when marked, "phase-<id>"};
    a step a document shows cannot be marked (404)."""
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    which = {"step": step}
    if step not in MARKABLE_STEPS:
        number = step.removeprefix("phase-")
        phase = (
            Phase.objects.filter(
                programme=scheme.programme_id,
                rule=ProcessRule.MARKED,
                pk=int(number),
            ).first()
            if step.startswith("phase-") and number.isdigit() and len(number) < 10
            else None
        )
        if phase is None:
            raise Http404
        which = {"phase": phase}
    if not access.is_coordinator(request.user, scheme.programme):
        raise PermissionDenied
    return scheme, which


def _to_steps(scheme):
    return redirect(scheme.get_absolute_url() + "#steps")


@login_required
@require_POST
def step_mark(request, scheme_pk, step):
    """A coordinator marks a step done (the training), with a date and a note."""
    scheme, which = _markable_scheme(request, scheme_pk, step)
    form = StepMarkForm(request.POST)
    if form.is_valid():
        try:
            services.step_mark(
                scheme=scheme,
                **which,
                reached_on=form.cleaned_data["reached_on"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The step is marked done."))
    else:
        messages.error(
            request,
            _("The step is not marked: %(errors)s")
            % {
                "errors": " ".join(
                    f"{form.fields[name].label}: {' '.join(errors)}"
                    for name, errors in form.errors.items()
                )
            },
        )
    return _to_steps(scheme)


@login_required
@require_POST
def step_unmark(request, scheme_pk, step):
    """A coordinator undoes a mark: the step is no longer done."""
    scheme, which = _markable_scheme(request, scheme_pk, step)
    services.step_unmark(scheme=scheme, **which, by=request.user)
    messages.success(request, _("The mark is undone: the step is no longer done."))
    return _to_steps(scheme)
