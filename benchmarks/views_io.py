"""Import and export of benchmark key factors (coordinators only)."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from benchmarks import selectors
from benchmarks.resources import FORMATS, KeyFactorResource
from incluportal.imports import UnreadableFile, read_dataset
from incluportal.spreadsheets import neutralise_dataset

SESSION_KEY = "benchmark_import"


def _require_manager(user):
    if not selectors.user_manages_benchmarks(user):
        raise PermissionDenied


@login_required
def benchmark_export(request):
    _require_manager(request.user)
    file_format = request.GET.get("format", "csv")
    if file_format not in FORMATS:
        return HttpResponse(
            _("Unknown format: choose csv, xlsx or json."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    dataset = KeyFactorResource().export()
    if file_format != "json":
        dataset = neutralise_dataset(dataset)
    content_type, extension = FORMATS[file_format]
    response = HttpResponse(dataset.export(file_format), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="benchmark-key-factors.{extension}"'
    )
    return response


@login_required
def benchmark_import(request):
    """Upload -> dry-run preview with a row-by-row report -> confirm."""
    _require_manager(request.user)
    context = {"formats": FORMATS}
    if request.method == "POST" and "confirm" in request.POST:
        pending = request.session.pop(SESSION_KEY, None)
        if not pending:
            messages.error(request, _("Nothing to import: upload the file again."))
            return redirect("benchmarks:benchmark_import")
        dataset = read_dataset(base64.b64decode(pending["data"]), pending["format"])
        result = KeyFactorResource().import_data(dataset, dry_run=False)
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, _("Nothing was imported: the file has errors."))
            return render(
                request,
                "benchmarks/benchmark_import.html",
                {**context, "result": result, "filename": pending["name"]},
            )
        totals = result.totals
        messages.success(
            request,
            _("Imported: %(new)s new, %(update)s updated, %(skip)s unchanged.")
            % {
                "new": totals.get("new", 0),
                "update": totals.get("update", 0),
                "skip": totals.get("skip", 0),
            },
        )
        return redirect("benchmarks:benchmark_list")

    if request.method == "POST":
        upload = request.FILES.get("import_file")
        file_format = request.POST.get("format", "")
        if upload is None:
            context["error"] = _("Choose a file to upload.")
        elif file_format not in FORMATS:
            context["error"] = _("Choose the file's format: CSV, XLSX or JSON.")
        else:
            data = upload.read()
            try:
                dataset = read_dataset(data, file_format)
            except UnreadableFile as error:
                context["error"] = str(error)
            else:
                result = KeyFactorResource().import_data(dataset, dry_run=True)
                context.update(result=result, filename=upload.name)
                if not (result.has_errors() or result.has_validation_errors()):
                    request.session[SESSION_KEY] = {
                        "data": base64.b64encode(data).decode(),
                        "format": file_format,
                        "name": upload.name,
                    }
                    context["can_confirm"] = True
        status = 400 if "error" in context else 200
        return render(
            request, "benchmarks/benchmark_import.html", context, status=status
        )
    return render(request, "benchmarks/benchmark_import.html", context)
