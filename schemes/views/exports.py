"""PDF downloads, in the reader's language, with the pages' access rules."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from incluportal.pdf import pdf_response
from schemes import pdfs, selectors
from schemes.views.action_plans import _plan_for, _readable_plan_for
from schemes.views.documents import _mentor_documents
from schemes.views.good_practices import _get_readable
from schemes.views.visits import _visit_for


@login_required
def action_plan_pdf(request, scheme_pk):
    plan = _readable_plan_for(request, scheme_pk)
    return pdf_response(*_split(pdfs.action_plan_pdf(plan)))


@login_required
def action_plan_version_pdf(request, scheme_pk, number):
    plan = _plan_for(request, scheme_pk)
    version = get_object_or_404(plan.versions, number=number)
    return pdf_response(*_split(pdfs.action_plan_pdf(plan, version)))


@login_required
def needs_analysis_pdf(request, scheme_pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    selectors.scheme_needs_analysis(scheme=scheme)  # a 404 if it has none
    return pdf_response(*_split(pdfs.needs_analysis_pdf(request.user, scheme)))


@login_required
def mentor_profile_pdf(request, programme_slug, city_slug):
    programme, city, _profile, _national = _mentor_documents(
        request, programme_slug, city_slug
    )
    return pdf_response(*_split(pdfs.mentor_profile_pdf(request.user, programme, city)))


@login_required
def good_practice_pdf(request, pk):
    practice = _get_readable(request.user, pk)
    return pdf_response(*_split(pdfs.good_practice_pdf(practice)))


@login_required
def visit_pdf(request, scheme_pk, visit_pk):
    scheme, visit = _visit_for(request, scheme_pk, visit_pk)
    return pdf_response(*_split(pdfs.visit_pdf(request.user, scheme, visit)))


@login_required
def scheme_dossier_pdf(request, scheme_pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    # A 404 if either is missing (they are made with the scheme).
    selectors.scheme_needs_analysis(scheme=scheme)
    selectors.scheme_action_plan(scheme=scheme)
    return pdf_response(*_split(pdfs.scheme_dossier_pdf(request.user, scheme)))


def _split(result):
    pdf, name_parts = result
    return (pdf, *name_parts)
