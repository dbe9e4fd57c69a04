"""Where a value came from: file, sheet and A1 cell, or a CSV row.

Owns the one address type shared by the model and by issues. Imports nothing of ours.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache

SEPARATOR = " › "


@lru_cache(maxsize=1024)  # every located cell asks; sheets have few columns
def column_letter(index: int) -> str:
    """Zero-based column index → spreadsheet letters (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def a1(row: int, col: int) -> str:
    """Zero-based (row, col) → "C7"."""
    return f"{column_letter(col)}{row + 1}"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an uploaded file.

    Spreadsheets use ``sheet`` and ``cell`` (A1). CSV files use ``row`` (the 1-based record
    number as a spreadsheet program shows it, header included) and optionally ``column``
    (the header text), because CSV rows are how people find a line in a text file.
    """

    file: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.cell:
            parts.append(self.cell)
        elif self.row is not None:
            parts.append(f"row {self.row}" + (f", column {self.column}" if self.column else ""))
        return SEPARATOR.join(parts)


def in_sheet(file: str, sheet: str, row: int, col: int) -> Location:
    """Location of a zero-based (row, col) cell in a workbook sheet."""
    # Every value read from a table gets one, so this is the hot constructor: a frozen
    # dataclass's __init__ sets each field through object.__setattr__, which costs about twice
    # what setting the slots directly does; the object is the same either way.
    at = _new(Location)
    _set_file(at, file)
    _set_sheet(at, sheet)
    _set_cell(at, f"{column_letter(col)}{row + 1}")
    _set_row(at, None)
    _set_column(at, None)
    return at


_new = object.__new__
if tuple(f.name for f in fields(Location)) != ("file", "sheet", "cell", "row", "column"):
    raise TypeError("in_sheet sets Location's fields one by one; give it the new field too")
_set_file, _set_sheet, _set_cell, _set_row, _set_column = (
    Location.__dict__[name].__set__ for name in ("file", "sheet", "cell", "row", "column")
)


def in_csv(file: str, row: int, column: str | None = None) -> Location:
    """Location of a zero-based record in a CSV file (shown 1-based, header included)."""
    return Location(file=file, row=row + 1, column=column)
