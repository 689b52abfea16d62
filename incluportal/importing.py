"""The upload -> preview -> confirm flow shared by every import page.

The first post reads the file and runs a dry run: the page shows every row
with what would happen to it, or its errors. Only a file without errors can
be confirmed; the confirmation names the preview by its token and imports
the very bytes that were previewed (kept in the session, on the server,
bound to this user) in one transaction.
"""

import base64
import secrets
import time

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from incluportal.imports import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    Deadline,
    UnreadableFile,
    check_size,
    read_dataset,
)
from incluportal.spreadsheets import neutralise_dataset

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "json": ("application/json", "json"),
}
# Exports only: CSV separated by semicolons, as Excel reads CSV where the
# decimal mark is a comma (Latvian, French, Belgian settings). Imports need no
# such format: they read the separator from the header row.
CSV_SEMICOLON = "csv-semicolon"
EXPORT_FORMATS = {**FORMATS, CSV_SEMICOLON: FORMATS["csv"]}


def _unknown_format():
    return HttpResponse(
        _("Unknown format: choose csv, csv-semicolon, xlsx or json."),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def resource_export_response(resource, file_format, filename):
    """``export_response`` of an import-export resource. In a workbook its
    numbers and dates stay numbers and dates (the widgets' native values);
    in CSV and JSON they are written as text, as imports read them back."""
    if file_format not in EXPORT_FORMATS:
        return _unknown_format()
    dataset = resource.export(force_native_type=file_format == "xlsx")
    return export_response(dataset, file_format, filename)


def export_response(dataset, file_format, filename):
    if file_format not in EXPORT_FORMATS:
        return _unknown_format()
    if file_format != "json":
        dataset = neutralise_dataset(dataset)
    dataset.title = filename[:31]  # the sheet's name in a workbook
    content_type, extension = EXPORT_FORMATS[file_format]
    if file_format == CSV_SEMICOLON:
        content = dataset.export("csv", delimiter=";")
    else:
        content = dataset.export(file_format)
    if extension == "csv":
        # The byte-order mark makes Excel read the file as UTF-8 (ā, ņ, ·).
        content = "\ufeff" + content
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response


def _pending(request, session_key, token):
    """The preview that ``token`` names, if it is this page's pending one,
    of this user, and not expired; else the reason it cannot be confirmed."""
    pending = request.session.get(session_key)
    if not token:
        return None, _("Nothing to import: upload the file again.")
    if not isinstance(pending, dict) or not secrets.compare_digest(
        str(pending.get("token", "")).encode(), str(token).encode()
    ):
        return None, _(
            "This preview is no longer the one waiting for confirmation (another "
            "file was uploaded since, or it was already imported): nothing was "
            "imported. Upload the file again."
        )
    if pending.get("user") != request.user.pk:
        return None, _("Nothing to import: upload the file again.")
    if time.time() - pending.get("created", 0) > settings.IMPORT_PREVIEW_MINUTES * 60:
        return None, _(
            "This preview has expired: nothing was imported. Upload the file again."
        )
    return pending, None


def import_page(
    request, *, make_resource, template, context, session_key, done_url, formats=FORMATS
):
    """Upload -> preview (a dry run) -> confirm, for one resource.

    A preview without errors is kept in the session (stored on the server)
    under a random token; the confirmation form posts that token and
    imports exactly that file, checked again. Uploading another file
    discards the pending preview, so a confirmation can never import a file
    other than the one its page showed.
    """
    context = {
        **context,
        "formats": formats,
        "max_rows": MAX_ROWS,
        "max_megabytes": MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    deadline = Deadline(settings.IMPORT_TIME_LIMIT)
    if request.method == "POST" and "confirm" in request.POST:
        pending, refusal = _pending(request, session_key, request.POST.get("token"))
        if refusal:
            context["error"] = refusal
            return render(request, template, context, status=400)
        # One confirmation per preview: a second post of the form finds nothing.
        del request.session[session_key]
        resource = make_resource()
        resource.deadline = deadline
        try:
            dataset = read_dataset(
                base64.b64decode(pending["data"]), pending["format"], deadline
            )
            result = resource.import_data(dataset, dry_run=False)
        except UnreadableFile as error:
            context["error"] = str(error)
            return render(request, template, context, status=400)
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, _("Nothing was imported: the file has errors."))
            return render(
                request,
                template,
                {**context, "result": result, "filename": pending["name"]},
                status=400,
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
        # A new upload replaces whatever preview was waiting on this page.
        request.session.pop(session_key, None)
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
                dataset = read_dataset(data, file_format, deadline)
                resource = make_resource()
                resource.deadline = deadline
                result = resource.import_data(dataset, dry_run=True)
            except UnreadableFile as error:
                context["error"] = str(error)
            else:
                context.update(result=result, filename=upload.name)
                if not (result.has_errors() or result.has_validation_errors()):
                    token = secrets.token_urlsafe(24)
                    request.session[session_key] = {
                        "token": token,
                        "user": request.user.pk,
                        "created": time.time(),
                        "data": base64.b64encode(data).decode(),
                        "format": file_format,
                        "name": upload.name,
                    }
                    context.update(can_confirm=True, token=token)
        status = 400 if "error" in context else 200
        return render(request, template, context, status=status)
    return render(request, template, context)
