"""The short way through a plain long table's rows: District, School year, Source (or Use, or
Metric …), Amount (or Value), and nothing else.

Owns reading a statewide workbook's 35,000 such rows without asking of each what its cells say:
a row whose name, school year and label each read before without an issue, holding a plain
number its field takes as it is, gives here exactly the facts ``row_reader`` would give (the
district's name first, once per district, then its line or outcome point). Every other row (a
negative, masked, text or implausible amount, an unread year, a section heading, a total, a
short row) goes to ``row_reader``, which also says what is wrong with it. Never decides which
tables are plain (that is ``records``).
"""

from __future__ import annotations

import operator

from advocacy import template
from advocacy.ingest import building, cells, row_reader
from advocacy.ingest.fields import Fact
from advocacy.ingest.lines import (
    LINE_FACTS,
    LINE_TABLES,
    OUTCOME_DETAILS,
    Table,
    canonical_line,
    column_at,
)
from advocacy.ingest.row_names import district_name, folded
from advocacy.ingest.tables import is_blank_cell
from advocacy.location import Location
from advocacy.model import Unit

_new = tuple.__new__  # a Fact from its six fields in one C call
_MIN = cells.MIN_MAGNITUDE


def read_plain(table: Table, rows: list[list[object]], body: range, seen: set[object],
               table_id: object) -> None:
    """The facts of rows ``body`` of a table ``records`` found plain; its issues too."""
    if table.kind in LINE_TABLES:
        _read_lines(table, rows, body, seen, table_id)
    else:
        _read_points(table, rows, body, seen, table_id)
    table.row_sum = None


class _Rows:
    """What the rows of one plain table are read with: its columns, and each name's, year's and
    label's reading, worked out on its first sight and looked up on every row after."""

    def __init__(self, table: Table, seen: set[object], table_id: object) -> None:
        assert table.district is not None and table.label is not None  # as records asked
        self.table, self.seen, self.table_id = table, seen, table_id
        self.district, self.label = table.district, table.label
        self.value = table.readable[0].index
        self.year = table.school_year
        self.width = 1 + max(self.district, self.label, self.value,
                             -1 if self.year is None else self.year)
        # A district's name → its rows' unit, once its name fact is in (so later rows only look)
        self.units: dict[str, tuple] = {}
        self.at_value = column_at(table.sheet, self.value)
        self.at_name = column_at(table.sheet, self.district)

    def name(self, row: list) -> object:
        """The row's district name, or what ``row_names`` says instead (worked out once per
        text: a long table names each district on every row)."""
        raw = row[self.district]
        if raw.__class__ is str:
            district_name(self.table, row)  # remembers what this text is
        return self.table.verdicts.get(raw)

    def first(self, r: int, name: str) -> tuple:
        """The unit of a district's rows, as ``row_reader`` makes it: its folded name (a plain
        table has no state, county or ID column). On the district's first row in this table,
        its name fact comes first, unless the row reader gave it; and its name is recorded as
        seen before any section heading, as ``row_names.qualified`` records it."""
        key = folded(name)
        self.table.sections.setdefault(key, None)
        unit = self.units[name] = (self.table_id, (key,))
        if unit not in self.seen:
            self.seen.add(unit)
            self.table.facts.append(_new(Fact, ("name", name, self.at_name(r), name, None, unit)))
        return unit

    def general(self, row: list[object], r: int) -> bool:
        """The row read the general way; True once a section heading has been read (no row
        after it is plain: its names may be qualified by the section)."""
        row_reader.read_row(self.table, row, r, self.seen, self.table_id)
        return self.table.section is not None


def _read_lines(table: Table, rows, body: range, seen: set[object], table_id) -> None:
    """Rows of amounts: a plain amount within its line's bound becomes that line here."""
    way = _Rows(table, seen, table_id)
    kind = table.kind
    assert kind is not None  # as records asked
    key, make = LINE_FACTS[kind]
    lines: dict[object, tuple[str, float]] = {}  # a plain label → its line's name and bound
    width, d, label_at, value_at, y = way.width, way.district, way.label, way.value, way.year
    verdicts, years, default_year = table.verdicts, table.years, table.default_year
    facts, units, at_value = table.facts, way.units, way.at_value
    sections = False
    for r in body:
        row = rows[r]
        if sections or len(row) < width:
            sections = way.general(row, r)
            continue
        value = row[value_at]
        name = verdicts.get(row[d]) or way.name(row)
        line = lines.get(row[label_at])
        if line is None and (named := _plain_label(table, row[label_at])) is not None:
            line = lines[row[label_at]] = canonical_line(kind, named)
        year = years.get(row[y]) if y is not None else default_year
        if type(value) is not float or type(name) is not str or line is None or year is None:
            sections = way.general(row, r)
            continue
        canonical, most = line
        if not (0 <= value <= most and (value == 0 or value >= _MIN)):
            sections = way.general(row, r)  # a negative, masked or implausible amount
            continue
        unit = units.get(name) or way.first(r, name)
        table.unit = unit
        at = at_value(r)
        facts.append(_new(Fact, (key, make(year, canonical, value, at), at, name, None, unit)))


def _read_points(table: Table, rows, body: range, seen: set[object], table_id) -> None:
    """Rows of one outcome's values, each with its unit, group and direction columns."""
    way = _Rows(table, seen, table_id)
    details_at = [(c.index, c.role) for c in table.columns if c.role in OUTCOME_DETAILS]
    width = max([way.width, *(c + 1 for c, _ in details_at)])
    cells_of = operator.itemgetter(*(c for c, _ in details_at)) if details_at else None
    details: dict[object, tuple] = {}  # the detail cells' values → (unit, group, higher)
    metrics: dict[object, str] = {}  # a plain label → its metric
    d, label_at, value_at, y = way.district, way.label, way.value, way.year
    verdicts, years, default_year = table.verdicts, table.years, table.default_year
    facts, units, at_value = table.facts, way.units, way.at_value
    sections = False
    for r in body:
        row = rows[r]
        if sections or len(row) < width:
            sections = way.general(row, r)
            continue
        value = row[value_at]
        name = verdicts.get(row[d]) or way.name(row)
        metric = metrics.get(row[label_at])
        if metric is None and (named := _plain_label(table, row[label_at])) is not None:
            metric = metrics[row[label_at]] = named
        written = cells_of(row) if cells_of is not None else None
        detail = details.get(written)
        if detail is None:
            detail = _details(details_at, row)
            # Only text is remembered: 1, 1.0 and True are one key, but read apart ("1", "Yes").
            if detail is not None and all(
                cell is None or cell.__class__ is str for cell in _as_cells(written)
            ):
                details[written] = detail
        year = years.get(row[y]) if y is not None else default_year
        if type(value) is not float or type(name) is not str or metric is None or (
            year is None or detail is None or not _plain_point(value, detail[0])
        ):
            sections = way.general(row, r)
            continue
        unit = units.get(name) or way.first(r, name)
        table.unit = unit
        at = at_value(r)
        point = building.outcome(metric, year, value, detail[0], detail[1], detail[2], at)
        facts.append(_new(Fact, ("outcomes", point, at, name, None, unit)))


def _as_cells(written: object) -> tuple:
    return written if isinstance(written, tuple) else (written,)


def _plain_label(table: Table, raw: object) -> str | None:
    """The name a row label gives its line or metric, once ``row_reader`` has read that label
    without an issue and found it names one (not a total, a row to ignore, a near-miss of a
    template source or a profile field)."""
    reading = table.labels.get(raw) if raw.__class__ is str else None
    if reading is None or not reading[0] or reading[1] or reading[2]:
        return None
    if reading[3] is not None or reading[4] is not None:
        return None
    return reading[0]


def _details(details_at: list[tuple[int, str]], row: list[object]) -> tuple | None:
    """(unit, group, higher is better) as ``lines.add_outcome`` reads them, or None when one of
    them raises an issue (the row reader says it, with the cell)."""
    unit = group = higher = None
    problems: list = []
    nowhere = Location(file="")
    for c, role in details_at:
        cell = row[c]
        if role == "group":
            group = cells.read_text(cell)
        elif not is_blank_cell(cell):
            if role == "unit":
                unit = cells.read_unit(cell, nowhere, problems)
            else:
                higher = cells.read_yes_no(cell, nowhere, problems)
    return None if problems else (unit, group, higher)


def _plain_point(value: float, unit: Unit | None) -> bool:
    """A value ``add_outcome`` takes as it is: for a percent, points above 1 (a column of one
    value at most 1 would be fractions); for anything else, a number within the outcome bound
    that is not a masked -999 or -9."""
    if unit is Unit.PERCENT:
        return 1 < value <= template.PERCENT_MOST
    return (-template.OUTCOME_MOST <= value <= template.OUTCOME_MOST
            and (value == 0 or abs(value) >= _MIN) and value not in (-999.0, -9.0))
