"""Reading the rows of one column-headed table into facts.

Owns a table's shape: which column names each row's district, school, source, use or metric,
school years across the columns or down the rows, long tables (District, School year, Source,
Amount), a percent column's scale, the warnings about its headings, and which way its rows are
read: the general row reader (``row_reader``) or, for a plain long table, the short way
(``plain``). Never finds the header (that is ``layouts``); the lines themselves and totals rows
are ``lines``.
"""

from __future__ import annotations

import operator

from advocacy.ingest import cells, plain, row_reader, rules
from advocacy.ingest.fields import IDENTITY_KEYS, PERCENT_KEYS, Fact, field_reader, percent_scale
from advocacy.ingest.files import Sheet
from advocacy.ingest.headers import Column, as_source, unrecognised_issue
from advocacy.ingest.lines import LINE_TABLES, Table, cell_at, column_at
from advocacy.ingest.mapping import ColumnMapping
from advocacy.ingest.row_names import left_out_issue
from advocacy.ingest.tables import header_year, is_blank_cell, is_number, norm, strip_footnote
from advocacy.issues import Issue

_VALUE_ROLES = {"key", "line", "year", "amount", "value"}


def read_table(
    sheet: Sheet,
    rows: list[list[object]],
    header_row: int,
    end: int,
    columns: list[Column],
    facts: list[Fact],
    issues: list[Issue],
    mapping: ColumnMapping | None = None,
) -> bool:
    """Append the facts of rows ``header_row+1 .. end-1``; warn about unknown headings.

    True when the table is one we can read, even if it has no rows yet (an empty Outcomes
    sheet); False when its headings say nothing usable (district names and salary years)."""
    columns = _resolve_sources(columns, rows[header_row + 1 : min(end, header_row + 21)])
    table = Table(
        sheet,
        columns,
        facts,
        issues,
        kind=None,
        label=None,
        district=_first(columns, "district"),
        names=[],
        school=_first(columns, "school"),
        scales={},
        sums={},
        school_year=_first(columns, "school_year"),
        total=_first(columns, "total"),
        readable=[c for c in columns if c.role in _VALUE_ROLES],
        locate=sheet.locator(),
    )
    table.key_cells = {
        c.index: (field_reader(c.key), column_at(sheet, c.index))
        for c in table.readable if c.role == "key" and c.key is not None
    }
    _find_label(table, sheet)
    table.long = table.school_year is not None or table.label is not None
    table.identity = [c.index for c in columns if c.role == "key" and c.key in IDENTITY_KEYS]
    table_id = (sheet.file, sheet.name, header_row)
    rules.apply(table, mapping, rows, header_row)
    if table.district is None and table.label is None:
        first_data = next((c.index for c in columns if c.role in {"key", "line"}), 0)
        table.names = [c.index for c in columns[:first_data] if c.role in {"blank", "unknown"}]
    for column in columns:
        if column.role == "year":  # a bare 2019 heading is read as 2018-19, with a warning
            at = sheet.location(header_row, column.index)
            issues.extend(header_year(strip_footnote(norm(column.header)), at)[2])
    body = range(header_row + 1, end)
    for column in columns:
        if column.role == "key" and column.key in PERCENT_KEYS:
            table.scales[column.index] = percent_scale(_column(rows, body, column.index))
    before = len(facts)
    seen: set[object] = set()
    if _plain_table(table):
        plain.read_plain(table, rows, body, seen, table_id)
    else:
        read_row = row_reader.read_row
        for r in body:
            read_row(table, rows[r], r, seen, table_id)
    left_out = left_out_issue(table)
    if left_out is not None and len(facts) > before:
        issues.append(left_out)
    if len(facts) > before:
        for column in columns:
            if column.role == "unknown" and not is_number(column.header):
                at = sheet.location(header_row, column.index)
                issues.append(unrecognised_issue(column, at, table.suggestions))
    return table.label is not None or any(
        c.role == "line" or (c.role == "key" and c.key not in IDENTITY_KEYS) for c in columns
    )


def _plain_table(table: Table) -> bool:
    """A long table of lines (District, School year, Source, Amount) or of one outcome's values
    (District, Metric, …, Value), and nothing else: most of its rows can take the short way in
    ``plain``."""
    if len(table.readable) != 1 or table.readable[0].year is not None:
        return False
    role = table.readable[0].role
    return (
        ((table.kind in LINE_TABLES and role == "amount") or
         (table.kind == "metric" and role == "value"))
        and table.label is not None
        and table.district is not None
        and table.school is None
        and not table.keep
        and not table.constants
        and table.total is None
        and not table.identity
    )



def _resolve_sources(columns: list[Column], sample: list[list[object]]) -> list[Column]:
    """Beside "Title II-A" columns, "State" and "District" are funding sources too, when their
    cells hold amounts rather than names; and when two columns mean the same thing ("ADM", then
    "Adjusted ADM"), the first one is read."""
    sources = any(c.role == "line" and (c.key or "").startswith("source:") for c in columns)
    if sources and not any(c.role == "source" for c in columns):
        columns = [
            as_source(c)
            if (c.role == "district" or (c.role == "key" and c.key == "state"))
            and _holds_amounts(sample, c.index)
            else c
            for c in columns
        ]
    seen: set[tuple] = set()
    out = []
    for column in columns:
        meaning = (column.role, column.key, column.year)
        if column.role in {"key", "line", "district", "school_year"} and meaning in seen:
            column = Column(column.index, column.header, "unknown")
        seen.add(meaning)
        out.append(column)
    return out


def _holds_amounts(sample: list[list[object]], c: int) -> bool:
    """A column headed "District" beside "Title II-A" is the local source when its cells are
    numbers (or empty), and the district's name when they are words."""
    filled = [cell_at(row, c) for row in sample if not is_blank_cell(cell_at(row, c))]
    words = sum(1 for value in filled if not is_number(value) and not cells.is_missing(value))
    return words * 2 <= len(filled) or not filled


def _column(rows: list[list[object]], body: range, c: int) -> list[object]:
    """Column ``c`` of rows ``body`` (None where a row is too short), in one C loop when every
    row reaches it."""
    run = rows[body.start:body.stop]
    try:
        return list(map(operator.itemgetter(c), run))
    except IndexError:
        return [cell_at(row, c) for row in run]


def _first(columns: list[Column], role: str) -> int | None:
    return next((c.index for c in columns if c.role == role), None)


def _find_label(table: Table, sheet: Sheet) -> None:
    """Which column names what each row holds, when the years run across the columns."""
    for role in ("source", "use", "metric"):
        index = _first(table.columns, role)
        if index is not None:
            column = next(c for c in table.columns if c.index == index)
            table.kind = "revenue" if column.key == "revenue" else role
            table.label = index
            return
    if not any(c.role == "year" for c in table.columns):
        return
    first_year = min(c.index for c in table.columns if c.role == "year")
    candidates = [
        c.index for c in table.columns if c.index < first_year and c.role in {"blank", "unknown"}
    ]
    if candidates and table.district is None:
        table.label = candidates[0]
        table.kind = _kind_from_sheet(sheet.name)


def _kind_from_sheet(name: str | None) -> str | None:
    text = (name or "").casefold()
    if "outcome" in text or "result" in text:
        return "metric"
    if "use" in text or "title ii" in text or "how" in text:
        return "use"
    if "spend" in text or "source" in text or "fund" in text:
        return "source"
    return None


