"""A table the app offers for download as CSV, with text that cannot run as a formula.

Owns the CSV form of on-screen tables (the Compare page's figures). A cell of text that starts
with = + - @ (or a tab or carriage return, which some programs skip before one) gets a leading
apostrophe, the mark spreadsheet programs read as "this is text", so a district named
``=HYPERLINK(…)`` opens as that text, never as a live formula. Numbers stay numbers.
Never reads uploads.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: object) -> object:
    """The value as a CSV cell: formula-like text made inert, missing numbers left blank."""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    return value


def to_csv(rows: Sequence[Mapping[str, object]]) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read accents; CRLF as Excel writes."""
    if not rows:
        return b""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutral(str(column)) for column in rows[0]])
    for row in rows:
        writer.writerow([neutral(value) for value in row.values()])
    return buffer.getvalue().encode("utf-8-sig")
