"""Annex 6: the action plan editor, its versions and implementation.

Rows are added, edited, moved and removed with htmx when JavaScript runs
(the server answers with the fragment to swap) and with plain form posts
when it does not (the server redirects back to the plan).

A swap replaces the control that had the keyboard focus, so each fragment
marks with ``autofocus`` where the focus goes next (htmx moves it there):
the field to correct, the next thing to type, or the row just changed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from incluportal import conflicts
from incluportal.conflicts import EditConflict, posted_revision
from incluportal.views import transition_refused
from incluportal.workflow import InvalidTransition
from schemes import access, selectors, services
from schemes.forms import ActionPlanRowForm, PlanApprovalForm, ProgressNoteForm
from schemes.models import ActionPlan, ImplementationStatus, PlanStatus, ProgressNote
from schemes.work import annexes
from schemes.work.services.action_plans import version_diff


def _plan_for(request, scheme_pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    # Made with the scheme (services.scheme_setup): missing, a 404.
    plan = get_object_or_404(ActionPlan, scheme=scheme)
    plan.scheme = scheme  # read with its cities, programme and benchmark
    return plan


def _rows(plan):
    return plan.rows.select_related("key_factor", "added_at_visit").prefetch_related(
        Prefetch(
            "progress_notes", queryset=ProgressNote.objects.select_related("author")
        )
    )


def _autofocus(form):
    """Mark the form's first field in error, or else its first field."""
    name = next((n for n in form.fields if n in form.errors), next(iter(form.fields)))
    form.fields[name].widget.attrs["autofocus"] = True
    return form


def _row_text():
    """The words every displayed row repeats, translated once for the page
    rather than by a tag in each of its rows (``_row.html``)."""
    return {
        "number": _("No."),
        "action": _("Actions"),
        "results": _("Results"),
        "timeline": _("Timeline"),
        "leads": _("Who leads?"),
        "resources": _("Resources and partners"),
        "success": _("Success evaluation"),
        "need": _("Need"),
        "key_factor": _("Key factor"),
        "colon": pgettext("after a label", ":"),
        "edit": _("Edit"),
        "remove": _("Remove"),
        "remove_confirm": _("Remove this action?"),
    }


def _editor_context(request, plan, add_form=None, focus=None):
    """``focus``: after an htmx change, where the focus goes: "add" (the add
    form), or (row, "edit" | "up" | "down") for one of a row's controls."""
    can_edit = access.can_write(request.user, plan)
    add_form = add_form or (ActionPlanRowForm(plan=plan) if can_edit else None)
    if focus == "add" and add_form is not None:
        _autofocus(add_form)
    focus_row, focus_control = focus if isinstance(focus, tuple) else (None, None)
    return {
        "plan": plan,
        "scheme": plan.scheme,
        "rows": _rows(plan),
        "columns": annexes.ACTION_PLAN_COLUMNS,
        "can_edit": can_edit,
        "can_implement": plan.is_approved
        and access.is_member(request.user, plan.scheme.mentee_city),
        "add_form": add_form,
        "statuses": ImplementationStatus.choices,
        "focus_row": getattr(focus_row, "pk", None),
        "focus_control": focus_control,
        "row_text": _row_text(),
    }


def _submitted_version(plan):
    """The version before the council, which the approval form is about."""
    if plan.status != PlanStatus.SUBMITTED:
        return None
    return plan.versions.filter(number=plan.version).first()


@login_required
def action_plan(request, scheme_pk):
    return _plan_page(request, _plan_for(request, scheme_pk))


def _plan_page(request, plan, approval_form=None):
    versions = list(plan.versions.select_related("frozen_by"))
    if not access.can_read_plan(request.user, plan):
        # A draft: the scheme's other participants see that it is under way
        # and the versions submitted so far, not the working copy.
        return render(
            request,
            "schemes/action_plan.html",
            {"plan": plan, "scheme": plan.scheme, "versions": versions},
        )
    can_review = access.can_review_plan(request.user, plan)
    if approval_form is None and can_review:
        approval_form = PlanApprovalForm(version=_submitted_version(plan))
    return render(
        request,
        "schemes/action_plan.html",
        {
            **_editor_context(request, plan),
            "readable": True,
            "versions": versions,
            "can_review": can_review,
            "can_new_draft": plan.is_approved
            and access.is_member(request.user, plan.scheme.mentee_city),
            "approval_form": approval_form,
            "note_form": ProgressNoteForm(),
        },
    )


def _editor_response(request, plan, add_form=None, focus=None):
    if request.htmx:
        return render(
            request,
            "schemes/action_plan/_editor.html",
            _editor_context(request, plan, add_form, focus),
        )
    return redirect(plan)


@login_required
@require_POST
def row_add(request, scheme_pk):
    plan = _plan_for(request, scheme_pk)
    if not access.can_write(request.user, plan):
        raise PermissionDenied
    form = ActionPlanRowForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            services.row_create(plan=plan, values=form.values(), by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _editor_response(request, plan, focus="add")
    if request.htmx:
        return _editor_response(request, plan, add_form=form, focus="add")
    return render(
        request,
        "schemes/action_plan/row_form_page.html",
        {"plan": plan, "scheme": plan.scheme, "form": form, "row": None},
    )


def _add_errors(form, error):
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def _readable_plan_for(request, scheme_pk):
    """The plan, if the user may read its working copy (else 404: a draft's
    rows are not addressable by those it is not shared with)."""
    plan = _plan_for(request, scheme_pk)
    if not access.can_read_plan(request.user, plan):
        raise Http404
    return plan


def _row_for(request, scheme_pk, row_pk):
    plan = _readable_plan_for(request, scheme_pk)
    row = get_object_or_404(_rows(plan), pk=row_pk)
    return plan, row


@login_required
def row_edit(request, scheme_pk, row_pk):
    plan, row = _row_for(request, scheme_pk, row_pk)
    if not access.can_write(request.user, plan):
        raise PermissionDenied
    form = ActionPlanRowForm(request.POST or None, instance=row, plan=plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.row_update(
                row=row,
                values=form.values(),
                by=request.user,
                revision=posted_revision(request.POST),
            )
        except EditConflict as exc:
            conflict = exc
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if request.htmx:
                return render(
                    request,
                    "schemes/action_plan/_row.html",
                    {
                        **_editor_context(request, plan, focus=(row, "edit")),
                        "row": _rows(plan).get(pk=row.pk),
                    },
                )
            return redirect(plan)
    if request.htmx:
        _autofocus(form)
    template = (
        "schemes/action_plan/_row_form.html"
        if request.htmx
        else "schemes/action_plan/row_form_page.html"
    )
    return render(
        request,
        template,
        {
            "plan": plan,
            "scheme": plan.scheme,
            "form": form,
            "row": row,
            **conflicts.form_context(conflict, row),
        },
        # htmx swaps only 2xx answers: the fragment comes with 200.
        status=409 if conflict and not request.htmx else 200,
    )


@login_required
def row_detail(request, scheme_pk, row_pk):
    """One row as displayed: what "cancel" swaps back in."""
    plan, row = _row_for(request, scheme_pk, row_pk)
    return render(
        request,
        "schemes/action_plan/_row.html",
        {**_editor_context(request, plan, focus=(row, "edit")), "row": row},
    )


@login_required
@require_POST
def row_delete(request, scheme_pk, row_pk):
    plan, row = _row_for(request, scheme_pk, row_pk)
    try:
        services.row_delete(
            row=row, by=request.user, revision=posted_revision(request.POST)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    # The row that took its place, else the last one, else the add form.
    rows = plan.rows.order_by("number")
    after = rows.filter(number__gte=row.number).first() or rows.last()
    return _editor_response(request, plan, focus=(after, "edit") if after else "add")


@login_required
@require_POST
def row_move(request, scheme_pk, row_pk, direction):
    plan, row = _row_for(request, scheme_pk, row_pk)
    if direction not in ("up", "down"):
        raise Http404
    services.row_move(row=row, by=request.user, offset=-1 if direction == "up" else 1)
    row.refresh_from_db(fields=["number"])
    # The same button, unless the row has reached the end it was moving to.
    last = plan.rows.count()
    at_end = row.number == (1 if direction == "up" else last)
    return _editor_response(request, plan, focus=(row, "edit" if at_end else direction))


@login_required
@require_POST
def plan_action(request, scheme_pk, action):
    plan = _plan_for(request, scheme_pk)
    try:
        if action == "submit":
            version = services.action_plan_submit(plan=plan, by=request.user)
            messages.success(
                request,
                _("Version %(number)s is frozen and submitted to the council.")
                % {"number": version.number},
            )
        elif action == "approve":
            return _approve(request, plan)
        elif action == "return":
            services.action_plan_return(
                plan=plan,
                by=request.user,
                comment=request.POST.get("comment", "")[:5000],
            )
            messages.success(request, _("The plan is sent back to the mentee city."))
        elif action == "new-draft":
            services.action_plan_new_draft(plan=plan, by=request.user)
            messages.success(
                request, _("A new draft starts from the approved version.")
            )
        else:
            raise Http404
    except InvalidTransition as error:
        return transition_refused(request, error, back_url=plan.get_absolute_url())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(plan)


def _approve(request, plan):
    """Record the council's decision; a refused one shows the form again
    with its errors beside the fields (to a reviewer: anyone else is
    refused before the form is read)."""
    access.require_reviewer(request.user, plan)
    form = PlanApprovalForm(request.POST, version=_submitted_version(plan))
    if form.is_valid():
        try:
            services.action_plan_approve(
                plan=plan, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            # Checked again under the plan's lock (the form read it before).
            fields = getattr(error, "error_dict", {}).keys()
            form.add_error(
                None, error if fields <= form.fields.keys() else error.messages
            )
        else:
            messages.success(request, _("The approval is recorded."))
            return redirect(plan)
    return _plan_page(request, plan, approval_form=form)


@login_required
@require_POST
def row_status(request, scheme_pk, row_pk):
    plan, row = _row_for(request, scheme_pk, row_pk)
    status = request.POST.get("status")
    if status not in ImplementationStatus.values:
        messages.error(request, _("Choose one of the statuses."))
    else:
        services.row_set_status(row=row, status=status, by=request.user)
    return _row_or_plan(request, plan, row)


@login_required
@require_POST
def row_note(request, scheme_pk, row_pk):
    plan, row = _row_for(request, scheme_pk, row_pk)
    form = ProgressNoteForm(request.POST)
    if form.is_valid():
        services.progress_note_add(row=row, by=request.user, **form.cleaned_data)
    else:
        messages.error(request, _("A progress note needs a date and a text."))
    return _row_or_plan(request, plan, row)


def _row_or_plan(request, plan, row):
    if request.htmx:
        row = _rows(plan).get(pk=row.pk)
        return render(
            request,
            "schemes/action_plan/_row.html",
            {
                **_editor_context(request, plan),
                "row": row,
                "note_form": ProgressNoteForm(),
            },
        )
    return redirect(plan)


@login_required
def version_detail(request, scheme_pk, number):
    plan = _plan_for(request, scheme_pk)
    version = get_object_or_404(plan.versions, number=number)
    others = plan.versions.exclude(pk=version.pk)
    compare = None
    compare_to = request.GET.get("compare", "")
    if compare_to.isdecimal():  # a version's number; anything else compares nothing
        compare = plan.versions.filter(number=compare_to).first()
    diff = version_diff(compare.snapshot, version.snapshot) if compare else None
    return render(
        request,
        "schemes/action_plan_version.html",
        {
            "plan": plan,
            "scheme": plan.scheme,
            "version": version,
            "others": others,
            "compare": compare,
            "diff": diff,
            "columns": annexes.ACTION_PLAN_COLUMNS,
        },
    )
