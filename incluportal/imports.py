"""Reading uploaded CSV, XLSX and JSON files into datasets, with clear errors."""

import csv
import io
import json

import tablib
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class UnreadableFile(ValueError):
    """The file cannot be read as the format it claims; the message says why."""


def check_size(size: int):
    if size > MAX_UPLOAD_BYTES:
        raise UnreadableFile(
            _("The file is larger than %(size)s MB.")
            % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )


def read_dataset(data: bytes, file_format: str) -> tablib.Dataset:
    check_size(len(data))
    if not data.strip():
        raise UnreadableFile(_("The file is empty."))
    if file_format == "csv":
        return _read_csv(data)
    if file_format == "xlsx":
        return _read_xlsx(data)
    if file_format == "json":
        return _read_json(data)
    raise UnreadableFile(_("Choose CSV, XLSX or JSON."))


def _read_csv(data):
    if data[:4] == b"PK\x03\x04":
        raise UnreadableFile(
            _("This looks like an Excel workbook: choose the XLSX format.")
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            _(
                "The file is not UTF-8 text. In your spreadsheet program, save it "
                "as “CSV UTF-8” and upload it again."
            )
        ) from None
    if "\x00" in text:
        raise UnreadableFile(_("The file contains null characters: is it really CSV?"))
    if not text.strip():  # a byte-order mark alone, say
        raise UnreadableFile(_("The file is empty."))
    first_line = text.splitlines()[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise UnreadableFile(
            _("The CSV file is malformed: %(error)s.") % {"error": error}
        ) from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:  # separators and blank lines only
        raise UnreadableFile(_("The file is empty."))
    headers = [h.strip() for h in rows[0]]
    if len(headers) == 1 and not headers[0]:
        raise UnreadableFile(_("The first row must name the columns."))
    dataset = tablib.Dataset(headers=headers)
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(headers):
            raise UnreadableFile(
                _(
                    "Line %(line)s has %(found)s cells where the header has "
                    "%(expected)s. Check the separators and the quotes."
                )
                % {"line": number, "found": len(row), "expected": len(headers)}
            )
        dataset.append(row)
    return dataset


def _read_xlsx(data):
    import openpyxl

    try:
        # data_only=False: a formula cell reads as its formula ("=A1+1"), so
        # the importer can refuse it instead of taking an empty cached value.
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # openpyxl raises many kinds on a bad file
        raise UnreadableFile(
            _("The file cannot be read as an Excel workbook (.xlsx).")
        ) from None
    # The sheet it opens on, unless that is a chart: then the first table.
    sheet = workbook.active
    if not hasattr(sheet, "iter_rows"):
        sheet = next(iter(workbook.worksheets), None)
    if sheet is None:
        raise UnreadableFile(_("The file is empty."))
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    rows = [r for r in rows if any(v not in (None, "") for v in r)]
    if not rows:
        raise UnreadableFile(_("The file is empty."))
    headers = ["" if h is None else str(h).strip() for h in rows[0]]
    dataset = tablib.Dataset(headers=headers)
    for row in rows[1:]:
        dataset.append((list(row) + [None] * len(headers))[: len(headers)])
    return dataset


def _read_json(data):
    try:
        rows = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableFile(
            _("The file is not valid JSON: %(error)s.") % {"error": error}
        ) from None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise UnreadableFile(_("The JSON file must hold a list of objects."))
    headers = []
    for row in rows:
        headers.extend(k for k in row if k not in headers)
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        dataset.append(["" if row.get(h) is None else row.get(h) for h in headers])
    return dataset
