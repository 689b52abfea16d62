"""The upload -> preview -> confirm flow shared by every import page.

The first post reads the file and runs a dry run: the page shows every row
with what would happen to it, or its errors. Only a file without errors can
be confirmed; the confirmation imports the very bytes that were previewed
(kept in the session, bound to this user) in one transaction.
"""

import base64

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from incluportal.imports import UnreadableFile, check_size, read_dataset
from incluportal.spreadsheets import neutralise_dataset

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "json": ("application/json", "json"),
}


def export_response(dataset, file_format, filename):
    if file_format not in FORMATS:
        return HttpResponse(
            _("Unknown format: choose csv, xlsx or json."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    if file_format != "json":
        dataset = neutralise_dataset(dataset)
    dataset.title = filename[:31]  # the sheet's name in a workbook
    content_type, extension = FORMATS[file_format]
    content = dataset.export(file_format)
    if file_format == "csv":
        # The byte-order mark makes Excel read the file as UTF-8 (ā, ņ, ·).
        content = "\ufeff" + content
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response


def import_page(
    request, *, make_resource, template, context, session_key, done_url, formats=FORMATS
):
    context = {**context, "formats": formats}
    if request.method == "POST" and "confirm" in request.POST:
        pending = request.session.pop(session_key, None)
        if not pending:
            messages.error(request, _("Nothing to import: upload the file again."))
            return redirect(request.path)
        dataset = read_dataset(base64.b64decode(pending["data"]), pending["format"])
        result = make_resource().import_data(dataset, dry_run=False)
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, _("Nothing was imported: the file has errors."))
            return render(
                request,
                template,
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
        return redirect(done_url)

    if request.method == "POST":
        upload = request.FILES.get("import_file")
        file_format = request.POST.get("format", "")
        if upload is None:
            context["error"] = _("Choose a file to upload.")
        elif file_format not in formats:
            context["error"] = _("Choose the file's format: %(formats)s.") % {
                "formats": ", ".join(key.upper() for key in formats)
            }
        else:
            try:
                check_size(upload.size)  # before reading it all into memory
                data = upload.read()
                dataset = read_dataset(data, file_format)
            except UnreadableFile as error:
                context["error"] = str(error)
            else:
                result = make_resource().import_data(dataset, dry_run=True)
                context.update(result=result, filename=upload.name)
                if not (result.has_errors() or result.has_validation_errors()):
                    request.session[session_key] = {
                        "data": base64.b64encode(data).decode(),
                        "format": file_format,
                        "name": upload.name,
                    }
                    context["can_confirm"] = True
        status = 400 if "error" in context else 200
        return render(request, template, context, status=status)
    return render(request, template, context)
