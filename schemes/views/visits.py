"""Mentoring visits: agenda, participants, notes and outcomes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incluportal import conflicts
from incluportal.conflicts import EditConflict, posted_revision
from schemes import access, selectors, services
from schemes.forms import VisitForm
from schemes.work.models.visits import NEW_MEETING


def _visit_for(request, scheme_pk, visit_pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    visit = get_object_or_404(
        scheme.visits.prefetch_related(
            "agenda_items",
            "team_participants",
            "support_group_attendees",
            "added_actions",
        ),
        pk=visit_pk,
    )
    return scheme, visit


@login_required
def visit_detail(request, scheme_pk, visit_pk):
    scheme, visit = _visit_for(request, scheme_pk, visit_pk)
    return render(
        request,
        "schemes/visit_detail.html",
        {
            "scheme": scheme,
            "visit": visit,
            "can_organise": access.can_organise_visits(request.user, scheme),
            "plan_readable": access.can_read_scheme_plan(request.user, scheme),
        },
    )


@login_required
def visit_edit(request, scheme_pk, visit_pk):
    scheme, visit = _visit_for(request, scheme_pk, visit_pk)
    if not access.can_organise_visits(request.user, scheme):
        raise PermissionDenied
    form = VisitForm(request.POST or None, instance=visit, scheme=scheme)
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in VisitForm.Meta.fields}
        try:
            services.visit_update(
                visit=visit,
                values=values,
                agenda=form.agenda_lines(),
                team=form.cleaned_data["team"],
                support=form.cleaned_data["support"],
                by=request.user,
                revision=posted_revision(request.POST),
            )
        except EditConflict as exc:
            conflict = exc
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The visit is saved."))
            return redirect(visit)
    return render(
        request,
        "schemes/visit_form.html",
        {
            "scheme": scheme,
            "visit": visit,
            "form": form,
            **conflicts.form_context(conflict, visit),
        },
        status=conflicts.status(conflict),
    )


@login_required
@require_POST
def visit_add(request, scheme_pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    # A city of the scheme by its short name, or a virtual meeting.
    host = scheme.city_by_slug(request.POST.get("host", ""))
    try:
        visit = services.visit_create(
            scheme=scheme, by=request.user, host_city=host, purpose=NEW_MEETING
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(scheme)
    return redirect("schemes:visit_edit", scheme_pk=scheme.pk, visit_pk=visit.pk)


@login_required
@require_POST
def visit_delete(request, scheme_pk, visit_pk):
    scheme, visit = _visit_for(request, scheme_pk, visit_pk)
    try:
        services.visit_delete(visit=visit, by=request.user)
        messages.success(request, _("The visit is removed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(scheme)


@login_required
@require_POST
def visit_move(request, scheme_pk, visit_pk, direction):
    scheme, visit = _visit_for(request, scheme_pk, visit_pk)
    if direction not in ("up", "down"):
        raise Http404
    services.visit_move(
        visit=visit, by=request.user, offset=-1 if direction == "up" else 1
    )
    return redirect(scheme)
