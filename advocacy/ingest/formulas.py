"""Formula cells saved without a value: found in each format, then a literal read or a warning.

Owns finding the cells whose formula has no saved result (files written by scripts such as
openpyxl, or never recalculated), in .xlsx sheet XML, .ods content and .xls FORMULA records, and
turning each into either its text (a formula that is only a quoted string or a number, such as
="n/a") or a located warning, so a blank is never silent. Never computes a formula.
"""

from __future__ import annotations

import html
import re

from advocacy.issues import Issue
from advocacy.location import Location, column_number

Found = dict[tuple[int, int], str]  # zero-based (row, col) → the formula as written, "=…"

HINT = (
    "Open the file in your spreadsheet program and save it, so the results are saved too, "
    "then upload it again"
)
# <c r="B2"><f>100*2</f><v></v></c> as openpyxl writes it; <c r="B2"><f>…</f></c> when a
# program never calculated. Excel marks string results t="str", so a typed cell is left alone.
_XLSX_CELL = re.compile(
    rb"<c\b([^>]*?)(?<!/)>\s*<f\b([^>]*?)(?:/>|>([^<]*)</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>"
)
_REF = re.compile(rb'\sr="([A-Za-z]+)(\d+)"')
_TYPED = re.compile(rb'\st="(?!n")')
_STRING = re.compile(r'^="((?:[^"]|"")*)"$')
_NUMBER = re.compile(r"^=\s*(-?\d+(?:\.\d+)?)\s*$")


# Any uncalculated cell leaves one of these byte runs; a sheet of saved formulas has none, so
# it costs a few scans in C instead of a regular expression over every cell.
_TRACES = (b"</f></c>", b"<v></v>", b"<v/>", b"<v />", b"/></c>") + tuple(
    b"</f>" + space for space in (b" ", b"\t", b"\n", b"\r")  # pretty-printed XML: look closer
)


# "<f" found from its "f", which is rare in sheet XML, not from its "<", which opens every tag:
# a third of the time of ``b"<f" in xml``.
_FORMULA_TAG = re.compile(rb"f(?<=<f)")


def in_xlsx_sheet(xml: bytes) -> Found:
    if not _FORMULA_TAG.search(xml) or not any(trace in xml for trace in _TRACES):
        return {}
    found: Found = {}
    for attributes, f_attributes, text in _XLSX_CELL.findall(xml):
        ref = _REF.search(attributes)
        if ref is None or _TYPED.search(attributes):
            continue
        letters, digits = ref.groups()
        formula = "=" + html.unescape(text.decode("utf-8", "replace")) if text else ""
        if not formula and b"shared" in f_attributes:
            formula = "a shared formula"
        found[(int(digits) - 1, column_number(letters) - 1)] = formula or "a formula"
    return found


def literal(formula: str) -> object | None:
    """The value of a formula that is only a constant: ="n/a" → "n/a", =12 → 12.0."""
    text = formula.strip()
    match = _STRING.match(text)
    if match:
        return match.group(1).replace('""', '"')
    match = _NUMBER.match(text)
    if match:
        return float(match.group(1))
    return None


def apply(rows: list[list[object]], found: Found, at, issues: list[Issue]) -> None:
    """Write constants into ``rows``; warn at every other uncalculated cell (``at(r, c)``
    gives its Location). A long run of them is folded with the other issues, in ``load``."""
    for (r, c), formula in sorted(found.items()):
        value = literal(formula)
        if value is not None:
            _put(rows, r, c, value)
            continue
        if rows_value(rows, r, c) is not None:
            continue  # the reader had a value after all
        issues.append(_warning(at(r, c), formula))


def rows_value(rows: list[list[object]], r: int, c: int) -> object | None:
    if r < len(rows) and c < len(rows[r]):
        value = rows[r][c]
        return None if value == "" else value
    return None


def _put(rows: list[list[object]], r: int, c: int, value: object) -> None:
    while len(rows) <= r:
        rows.append([])
    row = rows[r]
    if len(row) <= c:
        row.extend([None] * (c + 1 - len(row)))
    row[c] = value


def _warning(at: Location, formula: str) -> Issue:
    return Issue.warning(
        "formula.uncalculated",
        at=at,
        found=formula,
        expected="the value the formula works out to, saved in the file",
        hint=HINT,
    )


def xls_formula_text(rgce: bytes) -> str:
    """A FORMULA record's parsed tokens as text, where they are one constant (the rest is
    "a formula": decoding Excel's token language is the spreadsheet program's job)."""
    if len(rgce) >= 3 and rgce[0] == 0x17:  # tStr: one string constant
        count, flags = rgce[1], rgce[2]
        raw = rgce[3:]
        text = (
            raw[: count * 2].decode("utf-16-le", "replace")
            if flags & 1
            else raw[:count].decode("latin-1")
        )
        if len(rgce) == 3 + count * (2 if flags & 1 else 1):
            return '="' + text.replace('"', '""') + '"'
    if len(rgce) == 3 and rgce[0] == 0x1E:  # tInt: one whole number
        return f"={int.from_bytes(rgce[1:3], 'little')}"
    return "a formula"
