"""The review report and the strategy of a scheme's city: page, form, PDF,
and the button that starts one. Submit, approve and return are the annex
documents' actions (``schemes.views.documents.document_action``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from incluportal import conflicts
from incluportal.conflicts import EditConflict, posted_revision
from incluportal.pdf import pdf_response
from schemes import access, pdfs_work, selectors, services
from schemes.forms_work import city_report_form_class
from schemes.work.models.city_reports import CITY_REPORTS

# The service that starts each kind.
STARTS = {
    "review-report": services.review_report_start,
    "strategy": services.strategy_start,
}


def _report_for(request, scheme_pk, kind):
    """The scheme (a 404 if the user cannot see it) and its document of the
    kind (a 404 if it is not started)."""
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    model = CITY_REPORTS[kind]
    document = model.objects.select_related("updated_by").filter(scheme=scheme).first()
    if document is None:
        raise Http404
    document.scheme = scheme  # read with its cities and programme
    return scheme, document


@login_required
def city_report_detail(request, scheme_pk, kind):
    scheme, document = _report_for(request, scheme_pk, kind)
    actions = selectors.document_actions(request.user, document)
    return render(
        request,
        "schemes/city_report.html",
        {
            "scheme": scheme,
            "document": document,
            "doc_type": kind,
            "actions": actions,
            "readable": actions["readable"],
            "writable": access.can_write(request.user, document),
            "answered_required": document.completeness(),
            "kind_name": document._meta.verbose_name,
            "pdf_url": reverse(f"schemes:{document.URL_NAME}_pdf", args=[scheme.pk]),
            "edit_url": reverse(f"schemes:{document.URL_NAME}_edit", args=[scheme.pk]),
        },
    )


@login_required
def city_report_edit(request, scheme_pk, kind):
    scheme, document = _report_for(request, scheme_pk, kind)
    if not access.can_write(request.user, document):
        if access.is_author(request.user, document):
            messages.info(
                request,
                _("This document is %(status)s and can no longer be edited.")
                % {"status": document.get_status_display().lower()},
            )
            return redirect(document)
        if access.can_read(request.user, document):
            raise PermissionDenied
        raise Http404
    form_class = city_report_form_class(type(document))
    form = form_class(request.POST or None, instance=document)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.city_report_save(
                document=document,
                values={name: form.cleaned_data[name] for name in form.fields},
                by=request.user,
                revision=posted_revision(request.POST),
            )
        except EditConflict as exc:
            conflict = exc
        else:
            messages.success(request, _("Your text is saved."))
            return redirect(document)
    return render(
        request,
        "schemes/city_report_form.html",
        {
            "scheme": scheme,
            "document": document,
            "form": form,
            **conflicts.form_context(conflict, document),
        },
        status=conflicts.status(conflict),
    )


@login_required
@require_POST
def city_report_start(request, scheme_pk, kind):
    """Start the document (the scheme's programme asks for it)."""
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    document = STARTS[kind](scheme=scheme, by=request.user)
    return redirect(document)


@login_required
def city_report_pdf(request, scheme_pk, kind):
    _scheme, document = _report_for(request, scheme_pk, kind)
    if not access.can_read(request.user, document):
        raise Http404
    pdf, name = pdfs_work.city_report_pdf(request.user, document)
    return pdf_response(pdf, *name)


def scheme_rows(user, scheme, progress):
    """The scheme page's rows of the review report and the strategy: each
    once started, or its "start" button for those who may start it when a
    phase of the programme's process delivers it (``progress``: the scheme's,
    whose steps know their phases)."""
    from schemes.work.services.city_reports import can_start

    rows = []
    may_start = can_start(user, scheme)
    asked = {
        key
        for step in progress.steps
        if step.phase is not None
        for key in step.phase.deliverables
    }
    for kind, model in CITY_REPORTS.items():
        # Its one-to-one (read with the scheme's documents on its page).
        document = getattr(scheme, model.URL_NAME, None)
        if document is None and not (may_start and kind in asked):
            continue
        rows.append(
            {
                "label": str(model._meta.verbose_name).capitalize(),
                "document": document,
                "url": reverse(f"schemes:{model.URL_NAME}", args=[scheme.pk]),
                "readable": document is not None and access.can_read(user, document),
                "start_url": reverse(
                    f"schemes:{model.URL_NAME}_start", args=[scheme.pk]
                ),
                "start_label": START_LABELS[kind],
            }
        )
    return rows


START_LABELS = {
    "review-report": gettext_lazy("Start the review report"),
    "strategy": gettext_lazy("Start the strategy"),
}
