"""Inside the portal: a city's officers edit, preview and publish the city's
page for newcomers. Who may: ``CityGuide.objects.editable_by`` (the city's
members); anyone else gets a 404, as if the page did not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incluportal import conflicts
from incluportal.conflicts import posted_revision
from schemes.models import CityGuide, GuideCategory, GuideEntry, Organisation
from schemes.network import languages
from schemes.public import services
from schemes.public.forms import GuideEntryForm, GuideSettingsForm, language_name
from schemes.public.presenting import complete_languages, guide_view, snapshot


def _guide(request, slug, entries=False):
    """The city's page, if the user may edit it (started on first visit);
    with ``entries``, its services read at once."""
    editable = CityGuide.objects.editable_by(request.user).select_related(
        "city", "current", "current__published_by", "updated_by"
    )
    if entries:
        editable = editable.prefetch_related("entries")
    guide = editable.filter(city__slug=slug).first()
    if guide is None:
        city = get_object_or_404(Organisation.objects.cities(), slug=slug)
        try:
            services.guide_for_city(city=city, by=request.user)
        except PermissionDenied:
            raise Http404 from None
        guide = get_object_or_404(editable, city__slug=slug)
    return guide


def _overview(guide):
    return redirect("schemes:guide_overview", guide.city.slug)


@login_required
def guide_overview(request, slug):
    guide = _guide(request, slug, entries=True)
    entries = guide.entries.all()
    page_languages = guide.languages
    rows = []
    for entry in entries:
        content = snapshot_entry(entry)
        complete = complete_languages(content, page_languages)
        rows.append(
            {
                "entry": entry,
                "cells": [(code, code in complete) for code in page_languages],
            }
        )
    by_category = {}
    for row in rows:
        by_category.setdefault(row["entry"].category, []).append(row)
    groups = [
        {"value": value, "label": label, "rows": by_category[value]}
        for value, label in GuideCategory.choices
        if value in by_category
    ]
    return render(
        request,
        "public/editor/overview.html",
        {
            "guide": guide,
            "groups": groups,
            "rows": rows,
            "page_languages": [languages.info(code) for code in page_languages],
            "differs": services.draft_differs(guide),
            "problems": services.publication_problems(guide),
            "revision": guide.revision,
        },
    )


def snapshot_entry(entry):
    return {name: getattr(entry, name) for name in GuideEntry.TRANSLATED}


@login_required
def guide_settings(request, slug):
    guide = _guide(request, slug)
    form = GuideSettingsForm(request.POST or None, guide=guide)
    conflict = None
    if request.method == "POST" and form.is_valid():
        before = guide.languages
        try:
            saved = services.guide_settings_save(
                guide=guide,
                values=form.values(),
                by=request.user,
                revision=posted_revision(request.POST),
            )
        except services.GuideConflict as exc:
            conflict = exc
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The page's settings are saved."))
            if saved.languages != before:
                # New languages: their introductions can be written now.
                return redirect("schemes:guide_settings", slug)
            return _overview(guide)
    return render(
        request,
        "public/editor/settings.html",
        {"guide": guide, "form": form, **conflicts.form_context(conflict, guide)},
        status=conflicts.status(conflict),
    )


@login_required
def guide_entry_add(request, slug):
    return _entry_form(request, _guide(request, slug), None)


@login_required
def guide_entry_edit(request, slug, pk):
    guide = _guide(request, slug)
    return _entry_form(request, guide, get_object_or_404(guide.entries, pk=pk))


def _entry_form(request, guide, entry):
    form = GuideEntryForm(request.POST or None, guide=guide, entry=entry)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.guide_entry_save(
                guide=guide,
                entry_id=entry.pk if entry else None,
                values=form.values(),
                by=request.user,
                revision=posted_revision(request.POST),
            )
        except services.GuideConflict as exc:
            conflict = exc
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The service is saved."))
            return _overview(guide)
    return render(
        request,
        "public/editor/entry_form.html",
        {
            "guide": guide,
            "entry": entry,
            "form": form,
            **conflicts.form_context(conflict, guide),
        },
        status=conflicts.status(conflict),
    )


@login_required
def guide_entry_delete(request, slug, pk):
    guide = _guide(request, slug)
    entry = get_object_or_404(guide.entries, pk=pk)
    conflict = None
    if request.method == "POST":
        try:
            services.guide_entry_delete(
                guide=guide,
                entry_id=entry.pk,
                by=request.user,
                revision=posted_revision(request.POST),
            )
        except services.GuideConflict as exc:
            conflict = exc
        except ValidationError as error:  # deleted by someone else meanwhile
            messages.info(request, " ".join(error.messages))
            return _overview(guide)
        else:
            messages.success(request, _("The service is deleted from the draft."))
            return _overview(guide)
    return render(
        request,
        "public/editor/entry_delete.html",
        {"guide": guide, "entry": entry, **conflicts.form_context(conflict, guide)},
        status=conflicts.status(conflict),
    )


@login_required
@require_POST
def guide_entry_move(request, slug, pk):
    guide = _guide(request, slug)
    entry = get_object_or_404(guide.entries, pk=pk)
    try:
        services.guide_entry_move(
            guide=guide,
            entry_id=entry.pk,
            up=request.POST.get("direction") == "up",
            by=request.user,
            revision=posted_revision(request.POST),
        )
    except (services.GuideConflict, ValidationError):
        messages.warning(
            request,
            _("Someone else changed the page in the meantime. Look again and move it."),
        )
    return _overview(guide)


def _language(request, page_languages):
    code = request.GET.get("lang")
    return code if code in page_languages else page_languages[0]


def _page_links(page_languages, current, url):
    return [
        {
            **languages.info(code),
            "url": f"{url}?lang={code}",
            "current": code == current,
        }
        for code in page_languages
    ]


def _read_view(content, page_languages, language):
    with translation.override(language):
        return guide_view(content, page_languages, language)


@login_required
def guide_preview(request, slug):
    """GET: the page exactly as the public will read it, language by
    language, with what still blocks publishing. POST: publish it."""
    guide = _guide(request, slug, entries=True)
    if request.method == "POST":
        try:
            publication = services.guide_publish(
                guide=guide, by=request.user, revision=posted_revision(request.POST)
            )
        except services.GuideConflict:
            messages.warning(
                request,
                _(
                    "Someone else changed the page while you read the preview. "
                    "Read it again before publishing."
                ),
            )
            return redirect("schemes:guide_preview", slug)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("schemes:guide_preview", slug)
        messages.success(
            request,
            _("Publication %(number)s is on the public page.")
            % {"number": publication.number},
        )
        return _overview(guide)
    page_languages = guide.languages
    language = _language(request, page_languages)
    return render(
        request,
        "public/editor/preview.html",
        {
            "guide": guide,
            "language": languages.info(language),
            "language_links": _page_links(page_languages, language, request.path),
            "view": _read_view(snapshot(guide), page_languages, language),
            "problems": services.publication_problems(guide),
            "revision": guide.revision,
        },
    )


@login_required
@require_POST
def guide_withdraw(request, slug):
    guide = _guide(request, slug)
    services.guide_withdraw(guide=guide, by=request.user)
    messages.success(request, _("The page is no longer public. Its history is kept."))
    return _overview(guide)


@login_required
def guide_history(request, slug):
    guide = _guide(request, slug)
    publications = guide.publications.select_related("published_by")
    return render(
        request,
        "public/editor/history.html",
        {
            "guide": guide,
            "publications": [
                {
                    "publication": publication,
                    "languages": [language_name(c) for c in publication.languages],
                    "current": publication.pk == guide.current_id,
                }
                for publication in publications
            ],
        },
    )


@login_required
def guide_publication(request, slug, number):
    """One publication, as the public read it."""
    guide = _guide(request, slug)
    publication = get_object_or_404(guide.publications, number=number)
    language = _language(request, publication.languages)
    return render(
        request,
        "public/editor/publication.html",
        {
            "guide": guide,
            "publication": publication,
            "language": languages.info(language),
            "language_links": _page_links(
                publication.languages, language, request.path
            ),
            "view": _read_view(publication.content, publication.languages, language),
        },
    )
