"""Light walk over a legacy .xls (BIFF8) workbook stream before the cell reader runs.

Owns two facts the reader cannot give safely: whether the workbook is password-protected
(a FILEPASS record; the reader only says it "cannot detect the format") and how large a grid
each sheet will allocate (two cells at A1 and IV65536 make 16.7 million); and which FORMULA
records hold no saved result (xlwt and other scripts write an empty one). Reads record headers,
cell addresses and formula results only; never raises on user data.
"""

from __future__ import annotations

import io
import struct

from xlrd.compdoc import CompDoc, CompDocError

from advocacy.ingest.formulas import Found, xls_formula_text

_BOF, _FILEPASS, _BOUNDSHEET, _FORMULA = 0x0809, 0x002F, 0x0085, 0x0006
# Records holding one cell's value; the row and column are their first two 16-bit fields.
_CELL = {0x0203, 0x0204, 0x00FD, 0x027E, 0x0205, 0x0006, 0x00D6}
_MULRK = 0x00BD  # a run of numbers: row, first column, ..., last column in the final 2 bytes
_HEADER = struct.Struct("<HH")
_ROW_COL = struct.Struct("<HH")
_LAST_COL = struct.Struct("<H")
_OFFSET = struct.Struct("<L")


def inspect(
    data: bytes, max_cells: int, formulas: dict[str, Found] | None = None
) -> tuple[str, str] | None:
    """``(code, found)`` for the one Issue this .xls becomes, or None when it is safe to read.
    ``formulas`` is filled with each sheet's formula cells that have no saved result."""
    try:
        document = CompDoc(data, logfile=io.StringIO())
        stream = document.get_named_stream("Workbook") or document.get_named_stream("Book")
    except (CompDocError, struct.error, IndexError, ValueError, MemoryError):
        return "file.truncated", "a damaged Excel 97-2003 container"
    if not stream:
        return "file.unsupported", "an Office document with no workbook stream"
    return _walk(stream, max_cells, {} if formulas is None else formulas)


def _walk(stream: bytes, max_cells: int, formulas: dict[str, Found]) -> tuple[str, str] | None:
    offset, end = 0, len(stream)
    substreams = total = rows = cols = 0
    sheets: dict[int, str] = {}  # stream offset of a sheet's BOF → its name
    current: Found = {}
    while offset + 4 <= end:
        kind, length = _HEADER.unpack_from(stream, offset)
        body = offset + 4
        if kind == _BOF:
            total += rows * cols
            substreams, rows, cols = substreams + 1, 0, 0
            current = formulas.setdefault(sheets[offset], {}) if offset in sheets else {}
        elif kind == _BOUNDSHEET and length >= 8:
            sheets[_OFFSET.unpack_from(stream, body)[0]] = _sheet_name(
                stream[body + 6 : body + length]
            )
        elif kind == _FILEPASS and substreams == 1:
            return "file.encrypted", "a password-protected workbook"
        elif (kind in _CELL or kind == _MULRK) and length >= 4:
            row, col = _ROW_COL.unpack_from(stream, body)
            if kind == _MULRK and length >= 6:
                col = _LAST_COL.unpack_from(stream, body + length - 2)[0]
            rows, cols = max(rows, row + 1), max(cols, col + 1)
            if kind == _FORMULA and length >= 22 and _no_result(stream[body + 6 : body + 14]):
                size = _LAST_COL.unpack_from(stream, body + 20)[0]
                current[(row, col)] = xls_formula_text(stream[body + 22 : body + 22 + size])
            if total + rows * cols > max_cells:
                return "file.too_many_cells", f"a sheet reaching row {rows:,}, column {cols:,}"
        offset = body + length
    return None


def _no_result(result: bytes) -> bool:
    # 0xFFFF in the top bytes marks a non-number; type 3 is "empty", what scripts save.
    return len(result) == 8 and result[6:8] == b"\xff\xff" and result[0] == 3


def _sheet_name(raw: bytes) -> str:
    if len(raw) < 2:
        return ""
    count, flags = raw[0], raw[1]
    if flags & 1:
        return raw[2 : 2 + count * 2].decode("utf-16-le", "replace")
    return raw[2 : 2 + count].decode("latin-1")
