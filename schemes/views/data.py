"""Bulk import and export of a programme's data (coordinators only)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from incluportal.importing import FORMATS, import_page, resource_export_response
from schemes.resources_programme import RESOURCES
from schemes.views.coordination import coordinated_programme

SPREADSHEETS = {k: v for k, v in FORMATS.items() if k != "json"}


def _resource(key):
    if key not in RESOURCES:
        raise Http404
    return RESOURCES[key]


@login_required
def data_index(request, slug):
    programme = coordinated_programme(request, slug)
    return render(
        request,
        "schemes/coordination/data.html",
        {"programme": programme, "resources": RESOURCES},
    )


@login_required
def data_export(request, slug, key):
    programme = coordinated_programme(request, slug)
    resource_class, _label = _resource(key)
    return resource_export_response(
        resource_class(programme, by=request.user),
        request.GET.get("format", "csv"),
        f"{programme.slug}-{key}",
    )


@login_required
def data_import(request, slug, key):
    programme = coordinated_programme(request, slug)
    resource_class, label = _resource(key)
    return import_page(
        request,
        make_resource=lambda: resource_class(programme, by=request.user),
        template="schemes/coordination/data_import.html",
        context={"programme": programme, "label": label, "key": key},
        session_key=f"programme_import_{programme.pk}_{key}",
        done_url=reverse("schemes:data", args=[programme.slug]),
        formats=SPREADSHEETS,
    )
