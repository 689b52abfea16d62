"""Reading uploaded CSV, XLSX and JSON files into datasets, with clear errors.

Every file is bounded before it is parsed: its size in bytes, for a workbook
(a zip archive) the total size of what it unpacks to and the ratio of that to
the file (a "zip bomb" of a few kilobytes can unpack to gigabytes), and its
number of rows, counted while reading so that reading stops at the limit.
"""

import csv
import io
import json
import time
import zipfile

import tablib
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# Rows of data (the header row aside) in one file: a few seconds to import.
MAX_ROWS = 5000
# A workbook of 5,000 full rows unpacks to a few MB, squeezed at most 20 times
# or so; a zip bomb is squeezed hundreds or thousands of times. The declared
# sizes are what zipfile lets a reader unpack (it stops at the declared size
# and fails the checksum), so checking them is checking the real thing.
MAX_XLSX_UNPACKED_BYTES = 30 * 1024 * 1024
MAX_XLSX_RATIO = 100
MAX_XLSX_MEMBERS = 500


class UnreadableFile(ValueError):
    """The file cannot be read as the format it claims; the message says why."""


class ImportTooLong(UnreadableFile):
    """An import ran past its time limit; it was stopped and wrote nothing."""


class Deadline:
    """The time an import may take, checked at every row it reads or imports.

    Python cannot stop a thread from outside, so the import stops itself:
    past the limit the next check raises ``ImportTooLong`` and the
    transaction is rolled back. One row's work (a few milliseconds) may run
    past the limit, never more.
    """

    def __init__(self, seconds):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self):
        if time.monotonic() > self.ends:
            raise ImportTooLong(
                _(
                    "The import was stopped after %(seconds)s seconds, the limit "
                    "for one file, and nothing was written. Split the file into "
                    "smaller ones and import them one by one."
                )
                % {"seconds": self.seconds}
            )


def check_size(size: int):
    if size > MAX_UPLOAD_BYTES:
        raise UnreadableFile(
            _("The file is larger than %(size)s MB.")
            % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )


def too_many_rows():
    return UnreadableFile(
        ngettext(
            "The file has more than %(limit)s row of data: split it into files "
            "of at most %(limit)s rows and import them one by one.",
            "The file has more than %(limit)s rows of data: split it into files "
            "of at most %(limit)s rows and import them one by one.",
            MAX_ROWS,
        )
        % {"limit": MAX_ROWS}
    )


def read_dataset(data: bytes, file_format: str, deadline=None) -> tablib.Dataset:
    check_size(len(data))
    if not data.strip():
        raise UnreadableFile(_("The file is empty."))
    if file_format == "csv":
        return _read_csv(data)
    if file_format == "xlsx":
        return _read_xlsx(data, deadline)
    if file_format == "json":
        return _read_json(data)
    raise UnreadableFile(_("Choose CSV, XLSX or JSON."))


def _separator(header):
    """The separator that splits the header row into the most columns: a
    comma, a semicolon (Excel's CSV where the decimal mark is a comma, and
    the portal's "CSV for Excel") or a tab. csv.Sniffer guesses wrong on a
    header of long names ("GP-2 Where is it? City / area;GP-3 …")."""
    counts = {
        separator: len(next(csv.reader([header], delimiter=separator), []))
        for separator in (",", ";", "\t")
    }
    return max(counts, key=counts.get)  # a tie keeps the comma (first)


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
    delimiter = _separator(text.splitlines()[0])
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter, strict=True):
            if any(cell.strip() for cell in row):
                rows.append(row)
                if len(rows) > MAX_ROWS + 1:  # the header and the limit
                    raise too_many_rows()
    except csv.Error as error:
        raise UnreadableFile(
            _("The CSV file is malformed: %(error)s.") % {"error": error}
        ) from None
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


def check_workbook(data):
    """Refuse a workbook that unpacks to too much, from its zip directory
    alone: nothing is unpacked here."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise UnreadableFile(
            _("The file cannot be read as an Excel workbook (.xlsx).")
        ) from None
    unpacked = sum(member.file_size for member in members)
    if (
        len(members) > MAX_XLSX_MEMBERS
        or unpacked > MAX_XLSX_UNPACKED_BYTES
        or unpacked > MAX_XLSX_RATIO * max(len(data), 1)
    ):
        raise UnreadableFile(
            _(
                "The workbook unpacks to %(size)s MB, more than this portal reads "
                "(%(limit)s MB, and at most %(ratio)s times the file's size). "
                "Save the sheet as CSV, or split it, and upload it again."
            )
            % {
                "size": f"{unpacked / (1024 * 1024):.1f}",
                "limit": MAX_XLSX_UNPACKED_BYTES // (1024 * 1024),
                "ratio": MAX_XLSX_RATIO,
            }
        )


def _read_xlsx(data, deadline=None):
    import openpyxl

    check_workbook(data)
    try:
        # read_only: rows are streamed from the archive, never all in memory.
        # data_only=False: a formula cell reads as its formula ("=A1+1"), so
        # the importer can refuse it instead of taking an empty cached value.
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False
        )
    except Exception:  # openpyxl raises many kinds on a bad file
        raise UnreadableFile(
            _("The file cannot be read as an Excel workbook (.xlsx).")
        ) from None
    try:
        rows = _workbook_rows(workbook, deadline)
    except UnreadableFile:
        raise
    except Exception:  # a damaged sheet inside a valid archive
        raise UnreadableFile(
            _("The file cannot be read as an Excel workbook (.xlsx).")
        ) from None
    finally:
        workbook.close()
    if not rows:
        raise UnreadableFile(_("The file is empty."))
    headers = ["" if h is None else str(h).strip() for h in rows[0]]
    dataset = tablib.Dataset(headers=headers)
    for row in rows[1:]:
        dataset.append((list(row) + [None] * len(headers))[: len(headers)])
    return dataset


def _workbook_rows(workbook, deadline):
    # The sheet it opens on, unless that is a chart: then the first table.
    sheet = workbook.active
    if not hasattr(sheet, "iter_rows"):
        sheet = next(iter(workbook.worksheets), None)
    if sheet is None:
        raise UnreadableFile(_("The file is empty."))
    # The sheet's stated dimensions are not trusted (a file can claim a
    # million columns): each row is as wide as its own cells.
    sheet.reset_dimensions()
    rows = []
    for row in sheet.iter_rows(values_only=True):
        if deadline is not None:
            deadline.check()  # a sheet of blank rows is read row by row too
        if any(v not in (None, "") for v in row):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:  # the header and the limit
                raise too_many_rows()
    return rows


def _read_json(data):
    try:
        rows = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableFile(
            _("The file is not valid JSON: %(error)s.") % {"error": error}
        ) from None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise UnreadableFile(_("The JSON file must hold a list of objects."))
    if len(rows) > MAX_ROWS:
        raise too_many_rows()
    headers = []
    for row in rows:
        headers.extend(k for k in row if k not in headers)
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        dataset.append(["" if row.get(h) is None else row.get(h) for h in headers])
    return dataset
