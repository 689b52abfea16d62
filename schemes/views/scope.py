"""The scheme's scope: its page, its form, each side's agreement, its PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incluportal import conflicts
from incluportal.conflicts import EditConflict, posted_revision
from incluportal.pdf import pdf_response
from incluportal.views import transition_refused
from incluportal.workflow import InvalidTransition
from schemes import access, pdfs_work, selectors, services
from schemes.forms_work import ScopeForm
from schemes.models import Scope
from schemes.work.services.scope import sides_of


def _scope_for(request, scheme_pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    scope = get_object_or_404(
        Scope.objects.select_related(
            "mentee_agreed_by",
            "mentor_agreed_by",
            "updated_by",
        ),
        scheme=scheme,
    )
    scope.scheme = scheme  # read with its cities and programme
    return scheme, scope


@login_required
def scope_detail(request, scheme_pk):
    scheme, scope = _scope_for(request, scheme_pk)
    readable = access.can_read(request.user, scope)
    writable = readable and access.can_write(request.user, scope)
    sides = sides_of(request.user, scope) if writable else []
    return render(
        request,
        "schemes/scope.html",
        {
            "scheme": scheme,
            "scope": scope,
            "readable": readable,
            "writable": writable,
            # The sides this reader may agree for, not agreed yet.
            "to_agree": [
                agreement
                for agreement in scope.agreements()
                if agreement["side"] in sides and agreement["at"] is None
            ],
        },
    )


@login_required
def scope_edit(request, scheme_pk):
    scheme, scope = _scope_for(request, scheme_pk)
    if not access.can_write(request.user, scope):
        if access.can_read(request.user, scope):
            raise PermissionDenied
        raise Http404
    form = ScopeForm(request.POST or None, instance=scope)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.scope_save(
                scope=scope,
                values={name: form.cleaned_data[name] for name in form.fields},
                by=request.user,
                revision=posted_revision(request.POST),
            )
        except EditConflict as exc:
            conflict = exc
        except InvalidTransition as error:
            return transition_refused(request, error, back_url=scope.get_absolute_url())
        else:
            messages.success(request, _("The scope is saved."))
            return redirect(scope)
    return render(
        request,
        "schemes/scope_form.html",
        {
            "scheme": scheme,
            "scope": scope,
            "form": form,
            **conflicts.form_context(conflict, scope),
        },
        status=conflicts.status(conflict),
    )


@login_required
@require_POST
def scope_agree(request, scheme_pk):
    scheme, scope = _scope_for(request, scheme_pk)
    if not access.can_read(request.user, scope):
        raise Http404
    side = request.POST.get("side", "")
    if side not in sides_of(request.user, scope):
        raise PermissionDenied
    try:
        services.scope_agree(scope=scope, side=side, by=request.user)
    except InvalidTransition as error:
        return transition_refused(request, error, back_url=scope.get_absolute_url())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if scope.is_agreed:
            messages.success(request, _("Both sides agree: the scope is agreed."))
        else:
            messages.success(
                request, _("Your agreement is recorded: the other side agrees next.")
            )
    return redirect(scope)


@login_required
def scope_pdf(request, scheme_pk):
    _scheme, scope = _scope_for(request, scheme_pk)
    if not access.can_read(request.user, scope):
        raise Http404
    pdf, name = pdfs_work.scope_pdf(request.user, scope)
    return pdf_response(pdf, *name)
