"""Spending, use and outcome lines read from one table's cells, and its totals rows.

Owns the shared state of a table being read (``Table``), turning one cell into a SpendingLine,
UseLine or OutcomePoint (with its school year, unit, group and direction), and checking a
totals row against the rows above it without ever counting it. Never decides which rows are
districts (that is ``records``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from advocacy import template
from advocacy.ingest import building, cells, vocabulary
from advocacy.ingest.fields import Fact, Reader, percent_format, percent_scale
from advocacy.ingest.files import Sheet
from advocacy.ingest.headers import Column
from advocacy.ingest.tables import is_blank_cell, norm
from advocacy.ingest.vocabulary import Kind
from advocacy.issues import Issue, line_subject, tag
from advocacy.location import Location, column_locator
from advocacy.model import Dated, SchoolYear, Unit

OUTCOME_DETAILS = {"unit", "group", "higher_is_better"}
LINE_TABLES = {"source", "use", "revenue"}  # the kinds of table whose rows are lines
_TOLERANCE = 0.5  # dollars; totals are often rounded to the cent or the dollar


@dataclass(slots=True)
class Table:
    sheet: Sheet
    columns: list[Column]
    facts: list[Fact]
    issues: list[Issue]
    kind: str | None  # "source", "use", "metric" for the row labels of a years-across table
    label: int | None  # the column whose text names each row's source/use/metric/field
    district: int | None
    names: list[int]  # where a district's name sits when no heading says so (NCES tables)
    school: int | None
    scales: dict[int, str | None]
    sums: dict[int, float]
    row_sum: float | None = None  # this row's lines, for a "5-yr total" column beside them
    section: str | None = None  # "COUNTIES", "CITIES": headings between groups of rows
    sections: dict[str, str | None] = field(default_factory=dict)  # name → its first section
    # Worked out once per table, not per row: a statewide long table has tens of thousands.
    school_year: int | None = None  # the column giving each row's school year
    total: int | None = None  # a "5-yr total" column beside the lines
    readable: list[Column] = field(default_factory=list)  # the columns whose cells hold values
    # Which rows are one district: in a table of one row per district each row is its own, so
    # two same-named rows never merge; in a long table (a school-year or source column) rows
    # with the same name and identifiers are one district. ``unit`` is the current row's.
    long: bool = False
    identity: list[int] = field(default_factory=list)  # state, county and ID columns
    unit: object = None
    left_out: list[tuple[str, int]] = field(default_factory=list)  # (label, row) not districts
    # From the title rows or the user's mapping (``rules``): the year a figure describes when
    # neither its column nor its row says, and the mapping's constants, filters and codes.
    default_year: SchoolYear | None = None
    constants: list[tuple[str, str]] = field(default_factory=list)
    keep: list[tuple[int, set[str]]] = field(default_factory=list)
    codes: dict[str, str] | None = None  # the label column's code → name
    outcome_details: dict[str, tuple[Unit | None, bool | None]] = field(default_factory=dict)
    suggestions: vocabulary.Suggestions = field(default_factory=vocabulary.Suggestions)
    # Row labels the user's mapping names ("Titel 2" → "Title II-A", a did-you-mean accepted),
    # keyed by ``mapping.header_key``.
    line_names: dict[str, str] = field(default_factory=dict)
    # A district cell's text → its name, or records' mark for a row left out (records owns that
    # type, so this table cannot name it).
    verdicts: dict[str, Any] = field(default_factory=dict)
    # A row label's text → what it says, and a school-year text → its year, each worked out
    # once (``records``): a long table repeats a few of them on every row.
    labels: dict[str, tuple] = field(default_factory=dict)
    years: dict[str, SchoolYear] = field(default_factory=dict)
    locate: Callable[[int, int], Location] | None = None  # the sheet's locator, when reading
    # Each "key" column's reader and locator (``column_at``), worked out before its rows.
    key_cells: dict[int, tuple[Reader, Callable[[int], Location]]] = field(default_factory=dict)
    outcome_at: list[tuple[int, str]] | None = None  # (column, role) of outcome details
    values_at: list[int] = field(default_factory=list)  # the year and value columns
    details: dict[tuple, object] = field(default_factory=dict)  # outcome units and directions read


def column_at(sheet: Sheet, col: int) -> Callable[[int], Location]:
    """The location of a row's cell in column ``col``, given the row: a loop over a table's
    rows locates each value in one call."""
    if sheet.is_csv or sheet.name is None:
        return functools.partial(sheet.location, col=col)
    return column_locator(sheet.file, sheet.name, col)


def cell_at(row: list[object], c: int) -> object:
    return row[c] if c < len(row) else None


def _year_missing(table: Table, raw, at) -> None:
    table.issues.append(
        Issue.warning(
            "year.missing",
            at=at,
            found=norm(raw),
            expected="a school year in the row or the heading",
        )
    )


def add_line(table: Table, kind: str, label: str, raw, at, year, name, c: int) -> None:
    if year is None:
        _year_missing(table, raw, at)
        return
    if kind == "outcome":
        _outcome_column(table, label, raw, at, year, name)
        return
    canonical, most = canonical_line(kind, label)
    before = len(table.issues)
    amount = cells.read_money(raw, at, table.issues, most=most)
    subject = None
    if len(table.issues) > before:
        subject = line_subject(_LINE_KINDS[kind], canonical, year.start)
        tag(table.issues, before, subject)
    role = table.columns[c].role
    if role == "year":  # only years-across tables have a totals row to check
        # An unreadable cell makes the column's sum unknown (NaN), so its total is not checked.
        table.sums[c] = table.sums.get(c, 0.0) + (float("nan") if amount is None else amount)
    elif role == "line":
        table.row_sum = (table.row_sum or 0.0) + (float("nan") if amount is None else amount)
    if amount is None:
        return
    if amount < 0:
        # Kept, since a refund or correction can be real; but a minus sign is more often a
        # stray from an accounting export, and it would lower every total it joins.
        table.issues.append(
            Issue.warning(
                "money.negative",
                at=at,
                found=norm(raw),
                expected="zero or more dollars spent",
                hint="It was imported as a negative amount; check the sign",
                subject=subject or line_subject(_LINE_KINDS[kind], canonical, year.start),
            )
        )
    key, make = LINE_FACTS.get(kind, LINE_FACTS["use"])
    table.facts.append(Fact(key, make(year, canonical, amount, at), at, district=name,
                            unit=table.unit))


# A line table's kind → the key of its facts and the line one amount makes.
LINE_FACTS: dict[str, tuple[str, Callable[[SchoolYear, str, float, Location], Dated]]] = {
    "revenue": ("revenue", building.revenue), "source": ("spending", building.spending),
    "use": ("uses", building.use),
}


@functools.lru_cache(maxsize=4096)  # a long table names the same few sources on every row
def canonical_line(kind: str, label: str) -> tuple[str, float]:
    """The line's canonical name and its plausible most in a year."""
    term = vocabulary.lookup(label, kinds=(Kind.USE if kind == "use" else Kind.SOURCE,))
    canonical = term.key if term is not None else label
    return canonical, template.line_most_usd(canonical)


def add_outcome(
    table: Table, row, r: int, metric: str, raw, at, year, name, number_format: str | None
) -> None:
    if year is None:
        _year_missing(table, raw, at)
        return
    unit = group = higher = None
    if table.outcome_at is None:  # which columns say what, worked out on a table's first row
        table.outcome_at = [(c.index, c.role) for c in table.columns
                            if c.role in OUTCOME_DETAILS]
        table.values_at = [c.index for c in table.columns if c.role in {"year", "value"}]
    for c, role in table.outcome_at:
        cell = cell_at(row, c)
        if role == "group":
            group = cells.read_text(cell)
        elif not is_blank_cell(cell):
            if role == "unit":
                unit = _detail(table, cells.read_unit, cell, r, c)
            else:
                higher = _detail(table, cells.read_yes_no, cell, r, c)
    if unit is Unit.PERCENT:
        values = [cell_at(row, c) for c in table.values_at]
        value = cells.read_percent(
            raw,
            at,
            table.issues,
            scale=percent_scale(values),
            number_format=percent_format(number_format),
        )
    else:
        value = cells.read_number(raw, at, table.issues)
    if value is None:
        return
    point = building.outcome(metric, year, value, unit, group, higher, at)
    table.facts.append(Fact("outcomes", point, at, district=name, unit=table.unit))


def _detail(table: Table, read, cell, r: int, c: int):
    """A unit or yes/no cell; a long table repeats a few of them on every row, and one read
    without an issue reads the same again, so it is read once (and located only then)."""
    key = (read, cell.__class__, cell)
    known = table.details.get(key)
    if known is not None:
        return known
    before = len(table.issues)
    value = read(cell, table.sheet.location(r, c), table.issues)
    if value is not None and len(table.issues) == before:
        table.details[key] = value
    return value


_LINE_KINDS = {"source": "spending", "use": "uses", "revenue": "revenue"}
# Outcomes agency files carry as a column of their own: (unit, higher is better).
AGENCY_OUTCOMES: dict[str, tuple[Unit | None, bool | None]] = {
    "Teacher turnover": (Unit.PERCENT, False)
}


def _outcome_column(table: Table, metric: str, raw, at, year, name) -> None:
    """A column that is one outcome's values ("Turnover Percent", or a year column the user's
    mapping says is "Average certified salary")."""
    unit, higher = table.outcome_details.get(metric) or AGENCY_OUTCOMES.get(metric, (None, None))
    if unit is Unit.PERCENT:
        value = cells.read_percent(raw, at, table.issues, scale="points")
    elif unit is Unit.USD:
        value = cells.read_money(raw, at, table.issues, most=template.OUTCOME_MOST)
    else:
        value = cells.read_number(raw, at, table.issues)
    if value is None:
        return
    point = building.outcome(metric, year, value, unit, None, higher, at)
    table.facts.append(Fact("outcomes", point, at, district=name, unit=table.unit))


def check_total(table: Table, row, r: int) -> None:
    """A totals row is never data; when it disagrees with the rows above, say so."""
    for c, total in list(table.sums.items()):
        _compare(table, row, r, c, total)
    table.sums.clear()


def check_row_total(table: Table, row, r: int) -> None:
    """A totals column ("5-yr total") is never data; it should match the row's lines."""
    if table.total is not None and table.row_sum is not None:
        _compare(table, row, r, table.total, table.row_sum)
    table.row_sum = None


def _compare(table: Table, row, r: int, c: int, total: float) -> None:
    raw = cell_at(row, c)
    if is_blank_cell(raw):
        return
    at = table.sheet.location(r, c)
    # Only compared, never kept: the lines it adds up were each checked against their bound.
    value = cells.read_money(raw, at, [], most=math.inf)
    # A formula saved without its result reads as 0 (xlsxwriter does this), so a zero total
    # says nothing; NaN means a cell it adds up was unreadable and already has its issue.
    if not value or total != total or abs(value - total) <= _TOLERANCE:
        return
    table.issues.append(
        Issue.warning(
            "total.mismatch",
            at=at,
            found=norm(raw),
            expected=f"{total:,.2f}, the sum of the amounts it totals",
            hint="The total was not imported; the amounts were",
        )
    )
