"""Where a value came from: file, sheet and A1 cell, or a CSV row.

Owns the one address type shared by the model and by issues. Imports nothing of ours.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

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


def column_number(letters: str | bytes) -> int:
    """Spreadsheet letters, either case → one-based column number (A → 1, AA → 27); the
    inverse of ``column_letter``, less one."""
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def a1(row: int, col: int) -> str:
    """Zero-based (row, col) → "C7"."""
    return f"{column_letter(col)}{row + 1}"


class Location(NamedTuple):
    """A place in an uploaded file.

    Spreadsheets use ``sheet`` and ``cell`` (A1). CSV files use ``row`` (the 1-based record
    number as a spreadsheet program shows it, header included) and optionally ``column``
    (the header text), because CSV rows are how people find a line in a text file.

    A named tuple rather than a frozen dataclass: a statewide check locates every one of its
    54,000 values, and a tuple is built in C, where a frozen dataclass sets each field through
    ``object.__setattr__`` at several times the cost. It is as immutable, equal and hashable
    (by the same field values, so it hashes as the dataclass did) and prints the same.
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


_new = tuple.__new__  # a Location from its five fields in one C call, for per-cell code


def in_sheet(file: str, sheet: str, row: int, col: int) -> Location:
    """Location of a zero-based (row, col) cell in a workbook sheet."""
    return _new(Location, (file, sheet, f"{column_letter(col)}{row + 1}", None, None))


def column_locator(file: str, sheet: str, col: int) -> Callable[[int], Location]:
    """``in_sheet`` for one column of one sheet, given only the row: the loop over a long
    table's rows locates each value in one call, its column's letters found once."""
    letters = column_letter(col)

    def locate(row: int) -> Location:
        return _new(Location, (file, sheet, f"{letters}{row + 1}", None, None))

    return locate


def in_csv(file: str, row: int, column: str | None = None) -> Location:
    """Location of a zero-based record in a CSV file (shown 1-based, header included)."""
    return Location(file=file, row=row + 1, column=column)
