"""Light read of an .ods's content.xml for what the cell reader does not give us.

Owns one walk over each table's rows and cells that yields the grid's real extent (repeated
rows and columns counted, so "repeat this value 16,000 times" is refused before anything
allocates), merged ranges (``number-columns-spanned``) percent cells (value type
"percentage") and formula cells saved without a value. Never reads cell values, never raises
on user data.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_TOKEN = re.compile(
    rb'<table:table\s[^>]*?table:name="([^"]*)"'
    rb"|<table:table-row\b([^>]*?)(/?)>"
    rb"|<table:(?:covered-)?table-cell\b([^>]*?)(/?)>"
    rb"|(</table:table-row>)"
)
_REPEAT_ROWS = re.compile(rb'number-rows-repeated="(\d{1,9})"')
_REPEAT_COLS = re.compile(rb'number-columns-repeated="(\d{1,9})"')
_SPAN_ROWS = re.compile(rb'number-rows-spanned="(\d{1,9})"')
_SPAN_COLS = re.compile(rb'number-columns-spanned="(\d{1,9})"')
_FORMULA = re.compile(rb"""table:formula=(?:"([^"]*)"|'([^']*)')""")
# Repeated percent cells are listed one by one only up to this many per run.
_RUN_LISTED = 256


@dataclass(slots=True)
class Table:
    name: str
    rows: int = 0
    cols: int = 0
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    percent: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # with no saved value


def tables(content: bytes, max_cells: int) -> dict[str, Table] | None:
    """Sheet name → Table facts; None when the grids together pass ``max_cells``."""
    if content.count(b"office:value-type") > max_cells:
        return None
    found: dict[str, Table] = {}
    table = Table("")
    done = row = col = row_repeat = row_width = 0
    for match in _TOKEN.finditer(content):
        name, row_attrs, row_closed, cell_attrs, cell_closed, row_end = match.groups()
        if name is not None:
            done += table.rows * table.cols
            table = Table(html.unescape(name.decode("utf-8", "replace")))
            found[table.name] = table
            row = 0
        elif row_attrs is not None:
            row_repeat, col, row_width = _number(_REPEAT_ROWS, row_attrs), 0, 0
            if row_closed:
                row += row_repeat
        elif row_end is not None:
            if row_width:
                table.rows = row + row_repeat
                table.cols = max(table.cols, row_width)
                if done + table.rows * table.cols > max_cells:
                    return None
            row += row_repeat
        else:
            repeat = _number(_REPEAT_COLS, cell_attrs)
            # A cell with content but no value type may still be read as text: count it.
            if b"office:value-type" in cell_attrs or not cell_closed:
                row_width = col + repeat
            _note_cell(table, row, col, repeat, cell_attrs)
            col += repeat
    return found


def _note_cell(table: Table, row: int, col: int, repeat: int, attrs: bytes) -> None:
    spans = _number(_SPAN_ROWS, attrs), _number(_SPAN_COLS, attrs)
    if spans != (1, 1):
        table.merged.append((row, col, row + spans[0] - 1, col + spans[1] - 1))
    if b'value-type="percentage"' in attrs:
        for offset in range(min(repeat, _RUN_LISTED)):
            table.percent[(row, col + offset)] = "0%"
    formula = _FORMULA.search(attrs) if b"table:formula" in attrs else None
    if formula and b"office:value-type" not in attrs:
        text = html.unescape(
            (formula.group(1) or formula.group(2) or b"").decode("utf-8", "replace")
        )
        table.formulas[(row, col)] = "=" + text.partition("=")[2] if "=" in text else text


def _number(pattern: re.Pattern[bytes], attrs: bytes) -> int:
    match = pattern.search(attrs)
    return max(int(match.group(1)), 1) if match else 1
