"""Which rows of a table are districts, and which rows are one district.

Owns a row's district name (not a state, region, section, school, total or unlabelled row),
the name a section heading qualifies ("Franklin (Cities)"), the identity that joins a long
table's rows into one district, and the count of rows left out as not districts. Never reads
a row's values (that is ``row_reader``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from advocacy.ingest import cells, vocabulary
from advocacy.ingest.lines import Table, cell_at
from advocacy.ingest.tables import is_not_district, is_note_text, norm
from advocacy.issues import Issue

_SCHOOL_TOTALS = {"all schools", "district", "district total", "all"}
_REGIONS = {"northeast", "midwest", "south", "west", "southeast", "southwest", "northwest"}


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A row that is not a district: a state, region, nation or total row."""

    label: str


def district_name(table: Table, row: list[object]) -> str | LeftOut | Literal[False] | None:
    """The row's district; None when the table is about one district; False to skip the row."""
    if table.school is not None:
        school = norm(cell_at(row, table.school)).casefold()
        if school and school not in _SCHOOL_TOTALS:
            return False
    if table.district is not None:
        raw = cell_at(row, table.district)
        # A long table names each district on many rows: what a name is depends on its text
        # alone, except a region's name, which its row's state, county or ID decide.
        if raw.__class__ is str:
            known = table.verdicts.get(raw) or _text_verdict(raw)
            if known is not None:
                table.verdicts[raw] = known
                return known
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # a code typed as a number: 112011103.0 is 112011103
        name = cells.read_text(raw)  # as written, only the ends trimmed
        if name and norm(name).casefold() in _REGIONS and any(
            norm(cell_at(row, c)) for c in table.identity
        ):
            return name  # "NORTHEAST" with a state, county or ID beside it: a Kansas district
        return _name_verdict(name)
    for c in table.names:
        value = cell_at(row, c)
        if isinstance(value, str) and norm(value):
            name = value.strip()
            if is_not_district(name, states_too=True) or vocabulary.is_total_label(name):
                return LeftOut(name)
            return name
    return None


@functools.lru_cache(maxsize=65536)  # a workbook names each district on every sheet
def _text_verdict(raw: str) -> str | LeftOut | None:
    """What a district cell's text says, when its text alone says it; None for a region's
    name, which its row decides."""
    name = cells.read_text(raw)
    if name and norm(name).casefold() in _REGIONS:
        return None
    return _name_verdict(name)


def _name_verdict(name: str | None) -> str | LeftOut:
    if not name or is_not_district(name) or vocabulary.is_total_label(name):
        return LeftOut(name or "")  # unlabelled rows after the districts are state totals
    return name


def qualified(table: Table, name: str) -> str:
    """Virginia has a Franklin County and a Franklin City: the same name under another section
    heading is another district, so it takes the section's name."""
    first = table.sections.setdefault(folded(name), table.section)
    if table.section and first != table.section:
        return f"{name} ({table.section.title()})"
    return name


@functools.lru_cache(maxsize=65536)  # a long table repeats each name on several rows
def folded(name: str) -> str:
    return " ".join(name.split()).casefold()


@functools.lru_cache(maxsize=8192)  # a long table names each district on every row
def note_name(name: str) -> bool:
    return is_note_text(name)


def row_identity(table: Table, row: list[object], name: str) -> tuple:
    """In a long table, the rows of one district share its name, state, county and IDs."""
    if not table.identity:
        return (folded(name),)
    return (folded(name), *(norm(cell_at(row, c)) for c in table.identity))


def name_at(table: Table, row: list[object], r: int):
    c = next((c for c in table.names if norm(cell_at(row, c))), 0)
    return table.sheet.location(r, c)


def left_out_issue(table: Table) -> Issue | None:
    """Rows left out as not districts are counted, never dropped silently."""
    if not table.left_out:
        return None
    labels = [f"“{label}”" if label else "an unlabelled row" for label, _ in table.left_out]
    shown = ", ".join(dict.fromkeys(labels[:5])) + (", …" if len(labels) > 5 else "")
    first = table.left_out[0][1]
    column = table.district if table.district is not None else (table.names or [0])[0]
    count = len(table.left_out)
    return Issue.warning(
        "row.not_district",
        at=table.sheet.location(first, column),
        found=f"{count} row{'s' if count != 1 else ''}: {shown}",
        expected="one row per district",
        hint="They were left out as state, region or total rows; give a district with such a "
        "name a state, county or ID column to keep it",
    )
