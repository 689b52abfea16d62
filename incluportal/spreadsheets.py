"""Spreadsheet safety shared by every import and export.

A cell starting with ``= + - @``, a tab or a carriage return is run as a
formula by spreadsheet programs (CSV/formula injection). Exports prefix such
cells with an apostrophe, which spreadsheets show as text; imports accept
that prefix back, and refuse a cell that still looks like a formula.
"""

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# "- item" (a bullet) and "-5" stay text in every spreadsheet; "=1+1",
# "+cmd|' /C calc'!A0", "@SUM(A1)" or "-2+3" do not.
_FORMULA = re.compile(r"^(=|@|[+-](?![\s\d.,]*$)(?!\s))")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_dataset(dataset):
    """Return a copy of a tablib Dataset with every formula-like cell made text."""
    import tablib

    safe = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        safe.append([neutralise(cell) for cell in row])
    return safe


def restore(value):
    """Undo :func:`neutralise` on import."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] in FORMULA_START:
        return value[1:]
    return value


def check_cells(row):
    """Restore cells the portal exported as text and return {column: error}
    for the rest: a live formula, or a null character."""
    from django.utils.translation import gettext as _

    errors = {}
    for column in row:
        raw = row[column]
        row[column] = restore(raw)
        # A cell exported as text ('=...) stays text; a live formula typed or
        # kept in a spreadsheet is refused.
        if row[column] is raw and looks_like_formula(raw):
            errors[column] = _(
                "This cell holds a spreadsheet formula, which is not accepted."
            )
        elif isinstance(row[column], str) and "\x00" in row[column]:
            errors[column] = _("This cell contains a null character.")
    return errors


def looks_like_formula(value):
    return isinstance(value, str) and bool(_FORMULA.match(value.lstrip("\ufeff")))
