"""A programme's Process page: its coordinators adapt its phases.

Every change is a POST (the up and down buttons too): the page works
without JavaScript, and after each change it shows the process again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incluportal.conflicts import posted_number, posted_revision
from schemes import services
from schemes.forms_coordination import PhaseForm, ProcessApplyForm
from schemes.models import Phase
from schemes.views.coordination import _add_errors, coordinated_programme
from schemes.work.phases import programme_phases


def _page(request, programme, *, add_form=None, edited=None, apply_form=None):
    phases = programme_phases([programme.pk])[programme.pk]
    stored = bool(phases) and phases[0].pk is not None
    rows = []
    for phase in phases:
        if edited is not None and phase.pk == edited.instance.pk:
            form = edited
        else:
            form = PhaseForm(instance=phase, prefix=f"phase-{phase.pk}")
        rows.append({"phase": phase, "form": form})
    return render(
        request,
        "schemes/coordination/process.html",
        {
            "programme": programme,
            "rows": rows,
            "stored": stored,
            "add_form": add_form or PhaseForm(prefix="new"),
            "apply_form": apply_form
            or ProcessApplyForm(initial={"process": programme.process}),
        },
    )


def _to_process(programme, phase=None):
    url = reverse("schemes:programme_process", args=[programme.slug])
    return redirect(url + (f"#phase-{phase.pk}" if phase else ""))


@login_required
def programme_process(request, slug):
    """The process; a POST adds a phase at its end."""
    programme = coordinated_programme(request, slug)
    if request.method != "POST":
        return _page(request, programme)
    form = PhaseForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            phase = services.phase_create(
                programme=programme, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The phase is added."))
            return _to_process(programme, phase)
    return _page(request, programme, add_form=form)


@login_required
@require_POST
def programme_process_apply(request, slug):
    """Start the process again from a shipped one."""
    programme = coordinated_programme(request, slug)
    form = ProcessApplyForm(request.POST)
    if form.is_valid():
        services.programme_process_apply(
            programme=programme, process=form.cleaned_data["process"], by=request.user
        )
        messages.success(request, _("The programme follows the process chosen."))
        return _to_process(programme)
    return _page(request, programme, apply_form=form)


def _phase(request, slug, pk):
    programme = coordinated_programme(request, slug)
    return programme, get_object_or_404(
        Phase.objects.select_related("programme"), programme=programme, pk=pk
    )


@login_required
@require_POST
def phase_edit(request, slug, pk):
    programme, phase = _phase(request, slug, pk)
    form = PhaseForm(request.POST, instance=phase, prefix=f"phase-{phase.pk}")
    if form.is_valid():
        try:
            services.phase_update(
                phase=phase,
                by=request.user,
                revision=posted_revision(request.POST),
                **form.cleaned_data,
            )
        except ValidationError as error:
            if not hasattr(error, "message_dict"):
                # Changed by someone else: the phase as saved now, to edit again.
                messages.error(request, " ".join(error.messages))
                return _to_process(programme, phase)
            _add_errors(form, error)
        else:
            messages.success(request, _("The phase is saved."))
            return _to_process(programme, phase)
    # The form shows the phase as sent; the others as stored.
    phase.refresh_from_db()
    return _page(request, programme, edited=form)


@login_required
@require_POST
def phase_delete(request, slug, pk):
    programme, phase = _phase(request, slug, pk)
    try:
        services.phase_delete(
            phase=phase, by=request.user, revision=posted_revision(request.POST)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The phase is dropped."))
    return _to_process(programme)


@login_required
@require_POST
def phase_move(request, slug, pk, direction):
    programme, phase = _phase(request, slug, pk)
    if direction not in ("up", "down"):
        raise Http404
    try:
        services.phase_move(
            phase=phase,
            by=request.user,
            offset=-1 if direction == "up" else 1,
            position=posted_number(request.POST, "position"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _to_process(programme, phase)
