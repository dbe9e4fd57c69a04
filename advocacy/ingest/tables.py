"""Reading a grid of cells as a table: header rows, school years in headers, note and total rows.

Owns the shape-level questions every layout asks: which row is a header (stacked and merged
headers joined), which text names a school year, which rows are titles, footnotes, sections or
statewide rows rather than data. Never decides what a value means (that is ``fields``) and never
builds districts (that is ``assemble``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from advocacy.ingest import cells
from advocacy.ingest.files import Sheet
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import SchoolYear

MAX_HEADER_SCAN = 40  # agency files put at most a few title rows above the header
MAX_HEADER_DEPTH = 5  # VA Table 15 stacks its header over five rows
NOTE_LENGTH = 60  # longer text with no numbers beside it is a footnote or a title
_SCALARS = (str, int, float)  # values whose clean year reading is remembered

# "Local 3", "Pupil 2", "State7": agencies glue footnote digits to header text.
_FOOTNOTE = re.compile(r"(?<=[A-Za-z)])\s?\d(?:\s*,\s*\d)*$")
_EIGHT_DIGIT_YEAR = re.compile(r"^\s*((?:19|20)\d{2})((?:19|20)\d{2})\s*$")
# School years written inside a header: "2022-23 ADM", "Teachers (2018-2019)", "FY19", "SY 18-19".
_HEADER_YEAR = re.compile(
    r"(?:\bSY\s?)?\b(?:19|20)\d{2}\s?[-–/]\s?(?:(?:19|20)\d{2}|\d{2})\b"
    r"|\bSY\s?\d{2}\s?[-–]\s?\d{2}\b"
    r"|\bFY\s?(?:(?:19|20)\d{2}|\d{2})\b"
    r"|\b(?:19|20)\d{2}(?:19|20)\d{2}\b",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*$")
_NOTE_START = re.compile(
    r"^\s*(source|sources|note|notes|\*|†|‡|end of worksheet|data as of)\b", re.IGNORECASE
)

# Rows that describe the state, a region or the nation, never one district.
_NOT_DISTRICTS = {
    "state",
    "statewide",
    "state total",
    "state totals",
    "all districts",
    "state average",
    "total",
    "totals",
    "grand total",
    "all",
    "all schools",
    "united states",
    "u.s.",
    "us",
    "nation",
    "national",
    "northeast",
    "midwest",
    "south",
    "west",
    "counties",
    "cities",
    "towns",
    "district",
    "districts",
    "division",
    "divisions",
}
US_STATES = {
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "district of columbia",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
    "puerto rico",
}


def norm(text: object) -> str:
    """Whitespace collapsed (line breaks inside header cells included), ends stripped; a whole
    float loses its ".0", because a year typed as a heading is saved as 2024.0."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        return str(int(text))
    return " ".join(str(text).split())


def strip_footnote(text: str) -> str:
    return _FOOTNOTE.sub("", text).strip()


def is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, cells.NUMBER_TYPES):
        return True
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("$", "").strip("()%")
        try:
            float(text)
        except ValueError:
            return False
        return bool(text)
    return False


def is_blank_cell(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_blank(row: list[object]) -> bool:
    for value in row:
        if value is not None and (not isinstance(value, str) or value.strip()):
            return False
    return True


def filled(sheet: Sheet) -> list[list[object]]:
    """Rows with merged text spread over its range, so a merged header labels every column.

    Only text spreads: a merged number would otherwise be counted once per column. A merge
    alone in its row from the sheet's left edge is a title or a note, never a heading: spread,
    it would be read as the heading of every column ("Maple Valley profile 2023-24" as years).
    """
    if not sheet.merged:
        # Nothing to spread, so nothing is written: the sheet's own rows are shared, not copied
        # (a copy, and the left edge below, are a pass over every row of a statewide table).
        return sheet.rows
    rows = [list(row) for row in sheet.rows]
    left = min((_first_filled(row) for row in rows if not is_blank(row)), default=0)
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]) or not is_text(rows[r0][c0]):
            continue
        if c1 > c0 and (r0 >= MAX_HEADER_SCAN or r1 - r0 >= MAX_HEADER_DEPTH):
            continue  # a wide merge below the headers is a footnote or a banner
        if c1 > c0 and c0 <= left and _alone(rows, r0, min(r1, len(rows) - 1), c0):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if row[c] is None or row[c] == "":
                    row[c] = value
    return rows


def _first_filled(row: list[object]) -> int:
    return next((c for c, value in enumerate(row) if not is_blank_cell(value)), len(row))


def _alone(rows: list[list[object]], r0: int, r1: int, c0: int) -> bool:
    """Nothing but the merge's own text in rows ``r0..r1``."""
    return all(
        is_blank_cell(value)
        for r in range(r0, r1 + 1)
        for c, value in enumerate(rows[r])
        if not (r == r0 and c == c0)
    )


def year_from_value(
    raw: object, at: Location | Callable[[], Location], issues: list[Issue]
) -> SchoolYear | None:
    """A year cell; also KDE's 20232024 for 2023-24. ``at`` may be a function giving the
    location, so rows whose year was read before never build one."""
    # A long table repeats five or so year labels on every row; a reading that raised no issue
    # depends on the text alone, so it is remembered. Readings with issues are redone, because
    # each issue names its own cell.
    key = (type(raw), raw) if isinstance(raw, _SCALARS) else None
    if key is not None and key in _CLEAN_YEARS:
        return _CLEAN_YEARS[key]
    before = len(issues)
    year = _year_from_value(raw, at if isinstance(at, Location) else at(), issues)
    if key is not None and len(issues) == before and len(_CLEAN_YEARS) < 4096:
        _CLEAN_YEARS[key] = year
    return year


_CLEAN_YEARS: dict[tuple[type, object], SchoolYear | None] = {}


def _year_from_value(raw: object, at: Location, issues: list[Issue]) -> SchoolYear | None:
    number = isinstance(raw, cells.NUMBER_TYPES) and not isinstance(raw, bool)
    text = str(raw) if number else norm(raw)
    match = _EIGHT_DIGIT_YEAR.match(text.removesuffix(".0"))
    if match and int(match.group(2)) == int(match.group(1)) + 1:
        return SchoolYear(int(match.group(1)))
    return cells.read_school_year(raw, at, issues)


def header_year(text: str, at: Location) -> tuple[SchoolYear | None, str, list[Issue]]:
    """The school year a header names, the header without it, and the reading's warnings.

    "2022-23 Average Daily Membership" → (2022-23, "Average Daily Membership"); "2019" alone
    is a year (ambiguous, so a warning comes back); "Enrollment" → (None, "Enrollment").
    """
    found: list[Issue] = []
    if _BARE_YEAR.match(text):
        year = cells.read_school_year(text.strip(), at, found)
        return year, "", found
    match = _HEADER_YEAR.search(text)
    if not match:
        return None, text, []
    year = year_from_value(match.group(0), at, found)
    if year is None:
        return None, text, []
    rest = (text[: match.start()] + " " + text[match.end() :]).strip(" -–:()")
    return year, norm(rest), found


def looks_like_note(row: list[object]) -> bool:
    """A footnote, source line or title: text only, and long or starting like a note."""
    values = [value for value in row if value is not None and norm(value)]
    if not values or any(is_number(value) for value in values):
        return False
    first = norm(values[0])
    return bool(_NOTE_START.match(first)) or any(len(norm(v)) > NOTE_LENGTH for v in values)


def is_note_text(text: str) -> bool:
    return bool(_NOTE_START.match(text))


def is_title_row(row: list[object], first_col: int) -> bool:
    """A title above a header: one cell in the table's first column, or a long banner."""
    used = [c for c, value in enumerate(row) if value is not None and norm(value)]
    if not used:
        return True
    if len(used) == 1 and used[0] <= first_col:
        return True
    return any(len(norm(row[c])) > NOTE_LENGTH for c in used)


def header_texts(rows: list[list[object]], header_row: int, width: int, stop=None,
                 texts: Callable[[int], list[str]] | None = None) -> list[str]:
    """The header of each column, joining stacked header rows above ``header_row``.

    ``stop(row)`` marks a row that can never be part of a header (a label/value pair);
    ``texts(r)`` gives row ``r``'s cells normalised, when the caller keeps them for each row.
    """
    if texts is None:
        texts = lambda r: [norm(value) for value in rows[r]]  # noqa: E731
    first_col = next((c for c, v in enumerate(rows[header_row]) if norm(v)), 0)
    top = header_row
    while (
        top > 0
        and header_row - top + 1 < MAX_HEADER_DEPTH
        and not is_title_row(rows[top - 1], first_col)
        and not (stop and stop(rows[top - 1]))
        and not any(is_number(v) and not year_like(v) for v in rows[top - 1])
    ):
        top -= 1
    stack = [texts(r) for r in range(top, header_row + 1)]
    joined = []
    for c in range(width):
        parts: list[str] = []
        for row_texts in stack:
            text = row_texts[c] if c < len(row_texts) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        joined.append(" ".join(parts))
    return joined


def year_like(value: object) -> bool:
    """2019, "2019" or 20232024: a number that is a year heading, not data."""
    text = norm(value).removesuffix(".0")
    return bool(_BARE_YEAR.match(text) or _EIGHT_DIGIT_YEAR.match(text))


@functools.lru_cache(maxsize=8192)  # a long table names each district on every row
def is_not_district(name: str, *, states_too: bool = False) -> bool:
    """State, nation, region, section and total labels are not districts.

    ``states_too`` also rules out state names, for NCES tables that list each state above its
    districts; elsewhere "Washington" may well be a district (a Virginia county's).
    """
    text = strip_footnote(norm(name)).casefold().strip(" :*")
    if text in _NOT_DISTRICTS or (states_too and text in US_STATES):
        return True
    return text.startswith(
        ("state average", "statewide", "all districts", "state total", "total ", "grand total")
    )
