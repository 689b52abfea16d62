"""Annex 2 and 3 pages, and the workflow actions of the annex documents (the kinds
whose transitions are DOCUMENT_TRANSITIONS)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from incluportal import conflicts
from incluportal.conflicts import EditConflict, posted_revision
from incluportal.documents import kinds
from incluportal.views import transition_refused
from incluportal.workflow import InvalidTransition
from schemes import access, selectors, services
from schemes.forms import MentorLinksForm, part_form_class
from schemes.models import (
    GoodPractice,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
)
from schemes.work import annexes
from schemes.work.models.city_reports import CityReport
from schemes.work.models.documents import DOCUMENT_TRANSITIONS

# The kinds whose workflow is draft, submitted, approved or returned: the
# annex documents, reviewed by coordinators (the action plan and the
# self-assessment have pages of their own).
DOCUMENT_TYPES = {
    kind.key: kind.model for kind in kinds() if kind.transitions is DOCUMENT_TRANSITIONS
}


def _section(user, document, part, edit_url):
    return selectors.part_section(
        user=user, document=document, part=part, edit_url=edit_url
    )


# --- Annex 2 ---------------------------------------------------------------------


def _needs_documents(scheme):
    needs = selectors.scheme_needs_analysis(scheme=scheme)
    national = (
        NationalContext.objects.filter(
            programme=scheme.programme, city=scheme.mentee_city
        )
        .select_related("programme", "association")
        .first()
    )
    return needs, national


def _needs_edit_url(scheme, part):
    return reverse("schemes:needs_analysis_edit", args=[scheme.pk, part.key])


@login_required
def needs_analysis(request, scheme_pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    needs, national = _needs_documents(scheme)
    part_a, part_b, part_c = annexes.NEEDS_ANALYSIS.parts
    sections = [
        _section(request.user, doc, part, _needs_edit_url(scheme, part))
        for doc, part in ((needs, part_a), (needs, part_b), (national, part_c))
    ]
    return render(
        request,
        "schemes/needs_analysis.html",
        {
            "scheme": scheme,
            "template": annexes.NEEDS_ANALYSIS,
            "needs": needs,
            "national": national,
            "sections": sections,
            "needs_actions": selectors.document_actions(request.user, needs),
            "national_actions": selectors.document_actions(request.user, national),
        },
    )


def _edit_part(request, *, document, part, template_context, back_url, extra_form=None):
    if not access.can_write(request.user, document):
        if access.is_author(request.user, document):
            # The author's own document, submitted or approved: say why.
            messages.info(
                request,
                _("This document is %(status)s and can no longer be edited.")
                % {"status": document.get_status_display().lower()},
            )
            return redirect(back_url)
        if access.can_read(request.user, document):
            raise PermissionDenied
        raise Http404
    form_class = part_form_class(type(document), part)
    form = form_class(request.POST or None, instance=document)
    extra_valid = extra_form is None or extra_form.is_valid()
    conflict = None
    if request.method == "POST" and form.is_valid() and extra_valid:
        values = {name: form.cleaned_data[name] for name in part.field_names()}
        if extra_form is not None:
            values.update(extra_form.cleaned_data)
        try:
            services.document_save(
                document=document,
                values=values,
                by=request.user,
                revision=posted_revision(request.POST),
            )
        except EditConflict as exc:
            conflict = exc
        else:
            messages.success(request, _("Your answers are saved."))
            return redirect(back_url)
    answered, required = part.completeness(document)
    return render(
        request,
        "schemes/document_part_form.html",
        {
            **template_context,
            "document": document,
            "part": part,
            "form": form,
            "extra_form": extra_form,
            "back_url": back_url,
            "answered": answered,
            "required": required,
            **conflicts.form_context(conflict, document),
        },
        status=conflicts.status(conflict),
    )


@login_required
def needs_analysis_edit(request, scheme_pk, part_key):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    needs, national = _needs_documents(scheme)
    parts = {p.key: p for p in annexes.NEEDS_ANALYSIS.parts}
    if part_key not in parts:
        raise Http404
    document = national if part_key == "C" else needs
    if document is None:
        raise Http404
    return _edit_part(
        request,
        document=document,
        part=parts[part_key],
        template_context={"scheme": scheme, "template": annexes.NEEDS_ANALYSIS},
        back_url=needs.get_absolute_url(),
    )


# --- Annex 3 ---------------------------------------------------------------------


def _mentor_documents(request, programme_slug, city_slug):
    profile = selectors.mentor_profile_get_for_user(
        user=request.user, programme_slug=programme_slug, city_slug=city_slug
    )
    programme, city = profile.programme, profile.city
    national = NationalContext.objects.filter(programme=programme, city=city).first()
    return programme, city, profile, national


@login_required
def mentor_profile(request, programme_slug, city_slug):
    programme, city, profile, national = _mentor_documents(
        request, programme_slug, city_slug
    )
    part_a, part_b, part_c = annexes.MENTOR_PROFILE.parts
    sections = [
        _section(
            request.user,
            doc,
            part,
            reverse(
                "schemes:mentor_profile_edit",
                args=[programme.slug, city.slug, part.key],
            ),
        )
        for doc, part in ((profile, part_a), (profile, part_b), (national, part_c))
    ]
    return render(
        request,
        "schemes/mentor_profile.html",
        {
            "programme": programme,
            "city": city,
            "profile": profile,
            "national": national,
            "template": annexes.MENTOR_PROFILE,
            "sections": sections,
            "key_factors": profile.key_factors.select_related("benchmark"),
            "good_practices": profile.good_practices.visible_to(request.user),
            "profile_actions": selectors.document_actions(request.user, profile),
            "national_actions": selectors.document_actions(request.user, national),
        },
    )


@login_required
def mentor_profile_edit(request, programme_slug, city_slug, part_key):
    from benchmarks.models import FrameworkKind, KeyFactor

    programme, city, profile, national = _mentor_documents(
        request, programme_slug, city_slug
    )
    parts = {p.key: p for p in annexes.MENTOR_PROFILE.parts}
    if part_key not in parts:
        raise Http404
    document = national if part_key == "C" else profile
    if document is None:
        raise Http404
    extra_form = None
    if part_key == "A" and access.can_write(request.user, profile):
        extra_form = MentorLinksForm(
            request.POST or None,
            key_factors=KeyFactor.objects.filter(
                benchmark__kind=FrameworkKind.BENCHMARK,
                benchmark__schemes__programme=programme,
            )
            .select_related("benchmark")
            .distinct(),
            good_practices=GoodPractice.objects.filter(city=city),
            initial={
                "key_factors": profile.key_factors.all(),
                "good_practices": profile.good_practices.all(),
            },
        )
    return _edit_part(
        request,
        document=document,
        part=parts[part_key],
        template_context={
            "programme": programme,
            "city": city,
            "template": annexes.MENTOR_PROFILE,
            "show_mentor_guidance": part_key == "A",
        },
        back_url=profile.get_absolute_url(),
        extra_form=extra_form,
    )


# --- Workflow actions --------------------------------------------------------------


@login_required
@require_POST
def document_action(request, doc_type, pk, action):
    model = DOCUMENT_TYPES.get(doc_type)
    if model is None or action not in ("submit", "approve", "return"):
        raise Http404
    document = get_object_or_404(model, pk=pk)
    if not access.can_read(request.user, document):
        raise Http404
    try:
        if action == "submit":
            services.document_submit(document=document, by=request.user)
            messages.success(
                request, _("Submitted: the coordinators can now review it.")
            )
        elif action == "approve":
            services.document_approve(document=document, by=request.user)
            messages.success(request, _("Approved."))
        else:
            services.document_return(
                document=document,
                by=request.user,
                comment=request.POST.get("comment", "")[:5000],
            )
            messages.success(request, _("Sent back to its author with your comment."))
    except InvalidTransition as error:
        return transition_refused(request, error, back_url=_next_url(request))
    except ValidationError as error:
        missing = _missing(document, request) if action == "submit" else []
        if missing:
            messages.error(request, _missing_message(missing))
        else:
            messages.error(request, " ".join(error.messages))
    return HttpResponseRedirect(_next_url(request))


def _missing(document, request):
    """[(text, url of its field or "")] of each required question or section
    of ``document`` still blank: an annex's questions on their part's edit
    page, a review report's or strategy's sections on its edit page."""
    if isinstance(document, CityReport):
        edit_url = reverse(
            f"schemes:{document.URL_NAME}_edit", args=[document.scheme_id]
        )
        return [
            (section["label"], f"{edit_url}#id_{section['name']}")
            for section in document.sections()
            if section["required"] and not section["text"].strip()
        ]
    missing = []
    for part, annex_field in document.missing_answers():
        # The question's code (annex_field.id) is the template's internal
        # reference: officials read the question itself.
        text = _("Part %(key)s: %(question)s") % {
            "key": part.key,
            "question": annex_field.label,
        }
        url = _part_edit_url(document, part, _next_url(request))
        missing.append((text, f"{url}#id_{annex_field.name}" if url else ""))
    return missing


def _missing_message(missing):
    """A refused submission: each required question still blank, linked to
    its field."""
    links = [
        format_html('<a class="alert-link" href="{}">{}</a>', url, text)
        if url
        else text
        for text, url in missing
    ]
    heading = ngettext(
        "Not submitted: %(count)s required question is not answered yet.",
        "Not submitted: %(count)s required questions are not answered yet.",
        len(missing),
    ) % {"count": len(missing)}
    return format_html(
        '{}<ul class="mb-0 mt-1 ps-3 missing-answers">{}</ul>',
        heading,
        format_html_join("", "<li>{}</li>", ((link,) for link in links)),
    )


def _part_edit_url(document, part, next_url):
    """Where ``part`` of ``document`` is edited; "" if nowhere the reader came
    from. A city's national context (part C) is edited from the page of the
    document it completes: the one the reader submitted it from."""
    if isinstance(document, NeedsAnalysis):
        return reverse(
            "schemes:needs_analysis_edit", args=[document.scheme_id, part.key]
        )
    if isinstance(document, MentorProfile):
        return reverse(
            "schemes:mentor_profile_edit",
            args=[document.programme.slug, document.city.slug, part.key],
        )
    if isinstance(document, GoodPractice):
        return reverse("schemes:good_practice_edit", args=[document.pk])
    if isinstance(document, NationalContext):
        try:
            match = resolve(next_url.split("?", 1)[0])
        except Resolver404:
            return ""
        if match.view_name in ("schemes:needs_analysis", "schemes:mentor_profile"):
            return reverse(
                f"{match.view_name}_edit", kwargs={**match.kwargs, "part_key": "C"}
            )
    return ""


def _next_url(request):
    next_url = request.POST.get("next", "")
    # A page of this site, given as a path: anything else (another host, or
    # a bare word that redirect() would take for a view's name) goes home.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return next_url
