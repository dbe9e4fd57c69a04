"""What a table says once for all its rows: a title's school year, and the user's mapping rules.

Owns finding the school year a table's title states ("Fiscal Year 2023", "Enrollment 2022-23"),
and applying a ColumnMapping's file-wide constants (school year, state, data source), row
filters ("keep rows whose InstCat is 01") and code translations (account 8515 → Title II-A,
other codes ignored) to a ``lines.Table`` before its rows are read. Never finds headers and
never reads values.
"""

from __future__ import annotations

import re

from advocacy.ingest import cells
from advocacy.ingest.fields import Fact
from advocacy.ingest.lines import Table, cell_at
from advocacy.ingest.mapping import ColumnMapping, header_key
from advocacy.ingest.tables import header_year, norm
from advocacy.location import Location
from advocacy.model import SchoolYear, Unit

_TITLE_ROWS = 6  # agency titles sit in the few rows above the header
# "Fiscal Year 2023" is the year ending June 2023: school year 2022-23.
_FISCAL_YEAR = re.compile(r"\b(?:fiscal|school) year\s+((?:19|20)\d{2}(?:\s?[-–]\s?\d{2,4})?)\b",
                          re.IGNORECASE)
_UNITS = {unit.value: unit for unit in Unit}


def title_year(rows: list[list[object]], header_row: int) -> SchoolYear | None:
    """The one school year the title rows above a header name; None when none or several."""
    found: set[SchoolYear] = set()
    for row in rows[max(0, header_row - _TITLE_ROWS) : header_row]:
        texts = [norm(value) for value in row if isinstance(value, str) and norm(value)]
        if len(texts) != 1:
            continue  # a title is one cell; several are an upper header row
        found |= _years_in(texts[0])
    return next(iter(found)) if len(found) == 1 else None


def _years_in(text: str) -> set[SchoolYear]:
    fiscal = _FISCAL_YEAR.findall(text)
    if fiscal:
        years = {cells.read_school_year(_fiscal(y), Location(file=""), []) for y in fiscal}
        return {year for year in years if year is not None}
    year, rest, _ = header_year(text, Location(file=""))
    if year is None or header_year(rest, Location(file=""))[0] is not None:
        return set()  # "1989-90 THROUGH 2024-25" names a span, not a year
    return {year}


def _fiscal(text: str) -> str:
    return text if re.search(r"[-–]", text) else f"FY {text}"


def apply(table: Table, mapping: ColumnMapping | None, rows, header_row: int) -> None:
    table.default_year = title_year(rows, header_row)
    if mapping is None:
        return
    constant_year = mapping.constant("school_year")
    if constant_year:
        table.default_year = cells.read_school_year(constant_year, Location(file=""), [])
    table.line_names = {header_key(text): target.partition(":")[2]
                        for text, target in mapping.columns
                        if target.startswith(("source:", "use:"))}
    has_state = any(c.role == "key" and c.key == "state" for c in table.columns)
    table.constants = [
        (key, value) for key, value in mapping.constants
        if key == "data_sources" or (key == "state" and not has_state)
    ]
    for column in table.columns:
        values = mapping.kept_values(column.header)
        if values is not None:
            table.keep.append((column.index, {header_key(v) for v in values}))
    label = next((c for c in table.columns if c.index == table.label), None)
    if label is not None:
        codes = mapping.translation(label.header)
        if codes is not None:
            table.codes = {norm(code): name for code, name in codes.items()}
    for outcome in mapping.outcomes:
        unit = _UNITS.get(outcome.unit) if outcome.unit else None
        table.outcome_details[outcome.metric] = (unit, outcome.higher_is_better)


def kept(table: Table, row: list[object]) -> bool:
    """A row whose filtered columns hold one of the values the mapping keeps."""
    return all(header_key(norm(cell_at(row, c))) in values for c, values in table.keep)


def add_constants(table: Table, r: int, name: str) -> None:
    """The mapping's state and data source, as facts of this row's district."""
    column = table.district if table.district is not None else 0
    at = table.sheet.location(r, column)
    for key, value in table.constants:
        table.facts.append(Fact(key, value, at, district=name, unit=table.unit))
