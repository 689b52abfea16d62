"""Import and export of the key factors of the benchmarks a user may change."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from benchmarks import selectors
from benchmarks.resources import REQUIRED_COLUMNS, TEXT_COLUMNS, KeyFactorResource
from incluportal.importing import import_page, resource_export_response


def _refused(request):
    """403, saying why: the user may change no benchmark."""
    return render(
        request,
        "403.html",
        {
            "reason": _(
                "You may not change any benchmark. A programme's benchmarks are "
                "changed by its coordinators; the benchmarks shared by the whole "
                "portal by the portal's editors."
            )
        },
        status=403,
    )


@login_required
def benchmark_export(request):
    if not selectors.user_manages_benchmarks(request.user):
        return _refused(request)
    return resource_export_response(
        KeyFactorResource(user=request.user),
        request.GET.get("format", "csv"),
        "benchmark-key-factors",
    )


@login_required
def benchmark_import(request):
    """Upload -> dry-run preview with a row-by-row report -> confirm."""
    editable = list(selectors.benchmarks_editable_by(request.user))
    if not editable:
        return _refused(request)
    return import_page(
        request,
        make_resource=lambda: KeyFactorResource(user=request.user),
        template="benchmarks/benchmark_import.html",
        context={
            "editable": editable,
            # Every interface language's columns (title_lv, title_fr, …).
            "optional_columns": format_html_join(
                ", ",
                "<code>{}</code>",
                ((c,) for c in TEXT_COLUMNS if c not in REQUIRED_COLUMNS),
            ),
        },
        session_key="benchmark_import",
        done_url=reverse("benchmarks:benchmark_list"),
    )
