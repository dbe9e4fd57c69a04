"""CSV and other delimited text: encoding, delimiter, records.

Owns decoding (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode text" saves, else
Windows-1252 with a warning), sniffing "," ";" or tab, and splitting records with quoted
fields that span lines. Cells stay text; never interprets a value, never raises on user data.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import Counter

from advocacy.issues import Issue, Location

_DELIMITERS = (",", ";", "\t")
_SNIFF_RECORDS = 50


def decode(data: bytes, name: str, issues: list[Issue]) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 is what Excel on Windows writes for "CSV (Comma delimited)"; five of its
    # byte values are unassigned, so replace rather than fail on them.
    issues.append(
        Issue.warning(
            "file.encoding",
            at=Location(file=name),
            found="text that is not UTF-8",
            expected="UTF-8",
            hint="It was read as Windows-1252; if accents look wrong, save it as CSV UTF-8",
        )
    )
    return data.decode("cp1252", errors="replace")


def delimiter(text: str) -> str:
    """The delimiter under which the first records split into the same number of fields."""
    best, best_score = ",", 0
    for candidate in _DELIMITERS:
        records = list(itertools.islice(_reader(text[:65536], candidate), _SNIFF_RECORDS))
        widths = Counter(len(record) for record in records if any(record))
        if not widths:
            continue
        width, rows = widths.most_common(1)[0]
        score = rows if width > 1 else 0
        if score > best_score:
            best, best_score = candidate, score
    return best


def records(text: str, max_cells: int) -> list[list[object]] | None:
    """Rows of text cells (blank → None), trailing blanks trimmed; None past ``max_cells``."""
    rows: list[list[object]] = []
    cells = 0
    for record in _reader(text, delimiter(text)):
        while record and not record[-1].strip():
            record.pop()
        cells += len(record)
        if cells > max_cells:
            return None
        rows.append([value if value.strip() else None for value in record])
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _reader(text: str, delimiter: str):
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
