"""Light walk over a legacy .xls (BIFF8) workbook stream before the cell reader runs.

Owns two facts the reader cannot give safely: whether the workbook is password-protected
(a FILEPASS record; the reader only says it "cannot detect the format") and how large a grid
each sheet will allocate (two cells at A1 and IV65536 make 16.7 million). Reads record
headers and cell addresses only; never reads values, never raises on user data.
"""

from __future__ import annotations

import io
import struct

from xlrd.compdoc import CompDoc, CompDocError

_BOF, _FILEPASS = 0x0809, 0x002F
# Records holding one cell's value; the row and column are their first two 16-bit fields.
_CELL = {0x0203, 0x0204, 0x00FD, 0x027E, 0x0205, 0x0006, 0x00D6}
_MULRK = 0x00BD  # a run of numbers: row, first column, ..., last column in the final 2 bytes
_HEADER = struct.Struct("<HH")
_ROW_COL = struct.Struct("<HH")
_LAST_COL = struct.Struct("<H")


def inspect(data: bytes, max_cells: int) -> tuple[str, str] | None:
    """``(code, found)`` for the one Issue this .xls becomes, or None when it is safe to read."""
    try:
        document = CompDoc(data, logfile=io.StringIO())
        stream = document.get_named_stream("Workbook") or document.get_named_stream("Book")
    except (CompDocError, struct.error, IndexError, ValueError, MemoryError):
        return "file.truncated", "a damaged Excel 97-2003 container"
    if not stream:
        return "file.unsupported", "an Office document with no workbook stream"
    return _walk(stream, max_cells)


def _walk(stream: bytes, max_cells: int) -> tuple[str, str] | None:
    offset, end = 0, len(stream)
    substreams = total = rows = cols = 0
    while offset + 4 <= end:
        kind, length = _HEADER.unpack_from(stream, offset)
        body = offset + 4
        if kind == _BOF:
            total += rows * cols
            substreams, rows, cols = substreams + 1, 0, 0
        elif kind == _FILEPASS and substreams == 1:
            return "file.encrypted", "a password-protected workbook"
        elif (kind in _CELL or kind == _MULRK) and length >= 4:
            row, col = _ROW_COL.unpack_from(stream, body)
            if kind == _MULRK and length >= 6:
                col = _LAST_COL.unpack_from(stream, body + length - 2)[0]
            rows, cols = max(rows, row + 1), max(cols, col + 1)
            if total + rows * cols > max_cells:
                return "file.too_many_cells", f"a sheet reaching row {rows:,}, column {cols:,}"
        offset = body + length
    return None
