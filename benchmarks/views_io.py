"""Import and export of benchmark key factors (coordinators only)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from benchmarks import selectors
from benchmarks.resources import KeyFactorResource
from incluportal.importing import export_response, import_page


def _require_manager(user):
    if not selectors.user_manages_benchmarks(user):
        raise PermissionDenied


@login_required
def benchmark_export(request):
    _require_manager(request.user)
    return export_response(
        KeyFactorResource().export(),
        request.GET.get("format", "csv"),
        "benchmark-key-factors",
    )


@login_required
def benchmark_import(request):
    """Upload -> dry-run preview with a row-by-row report -> confirm."""
    _require_manager(request.user)
    return import_page(
        request,
        make_resource=KeyFactorResource,
        template="benchmarks/benchmark_import.html",
        context={},
        session_key="benchmark_import",
        done_url=reverse("benchmarks:benchmark_list"),
    )
