"""The short way through a plain long table's rows: District, School year, Source (or Use, or
Metric …), Amount (or Value), and nothing else.

Owns reading a statewide workbook's 35,000 such rows without asking of each what its cells say:
a row whose name, school year and label each read before without an issue, holding a plain
number its field takes as it is, gives here exactly the facts ``row_reader`` would give (the
district's name first, once per district, then its line or outcome point). Every other row (a
negative, masked, text or implausible amount, an unread year, a section heading, a total, a
short row) goes to ``row_reader``, which also says what is wrong with it. Rows are taken in
runs checked whole, column by column, so a run of plain rows costs C loops over its columns and
one Python call a row (its line or point); a run holding any other row is read row by row.
Never decides which tables are plain (that is ``records``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, groupby, islice, repeat

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
from advocacy.location import Location, column_letter
from advocacy.model import SchoolYear, Unit

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
        self.read = sorted({self.district, self.label, self.value,
                            *(() if self.year is None else (self.year,))})  # its columns
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

    def columns(self, rows, start: int, end: int) -> Columns | None:
        """The cells of rows ``start`` to ``end`` that are read, column by column; None when a
        row is too short to hold every column read."""
        run = rows[start:end]
        if len(run[0]) <= 2 * self.width + 8:
            # The whole rows turned about (zip stops at the shortest row, so no wider than it)
            columns = list(zip(*run, strict=False))
            return columns if len(columns) >= self.width else None
        # Rows far wider than the table (a stray cell far to the right): only its columns
        try:
            cells = list(map(operator.itemgetter(*self.read), run))
        except IndexError:
            return None
        return dict(zip(self.read, zip(*cells, strict=True), strict=True))

    def names(self, raws: tuple) -> list[tuple[str, int]] | None:
        """The run's district names, as (name, rows) for each stretch of rows naming one (a
        long table names a district on several rows in a row); None when a row names none by
        its text alone, so the row reader should say what it is."""
        verdicts, table = self.table.verdicts, self.table
        stretches = []
        for raw, same in groupby(raws):
            name = verdicts.get(raw)
            if name is None and raw.__class__ is str:
                district_name(table, self.one_cell(raw))  # remembers what this text is
                name = verdicts.get(raw)
            if name.__class__ is not str:
                return None
            stretches.append((name, len(list(same))))
        return stretches

    def one_cell(self, raw: object) -> list[object]:
        """A row holding only ``raw``, as its name: what a plain table's name is depends on
        that cell alone (it has no school, state, county or ID column)."""
        row: list[object] = [None] * self.width
        row[self.district] = raw
        return row

    def years(self, columns: Columns) -> Iterator[SchoolYear] | None:
        """Each row's school year, when every row's was read before without an issue."""
        if self.year is None:
            default = self.table.default_year
            return None if default is None else repeat(default)
        known, raws = self.table.years, columns[self.year]
        if not all(map(known.__contains__, set(raws))):
            return None
        return map(known.__getitem__, raws)

    def locations(self, start: int, end: int) -> list[Location]:
        """``at_value`` of each row ``start`` to ``end``, in one C loop for a workbook sheet."""
        sheet = self.table.sheet
        if sheet.is_csv or sheet.name is None:
            return list(map(self.at_value, range(start, end)))
        # as ``location.column_locator`` writes them ("D7"), but with no call per row
        cells = map(f"{column_letter(self.value)}{{}}".format, range(start + 1, end + 1))
        return list(map(_new, repeat(Location), zip(
            repeat(sheet.file), repeat(sheet.name), cells, repeat(None), repeat(None))))

    def put(self, key: str, start: int, stretches: list[tuple[str, int]], made: Iterator,
            at: list[Location]) -> None:
        """The facts of a run of plain rows from ``start``, in order: each district's name fact
        (as ``first`` gives it) before its first line, then the lines ``made``."""
        facts, units = self.table.facts, self.units
        named: list[tuple[int, Fact]] = []
        done = 0
        for name, count in stretches:
            if name not in units:
                before = len(facts)
                self.first(start + done, name)
                if len(facts) > before:
                    named.append((done, facts.pop()))
            done += count
        names, counts = zip(*stretches, strict=True)
        unit_of = list(map(units.__getitem__, names))
        made = map(_new, repeat(Fact), zip(
            repeat(key), made, at, _spread(names, counts), repeat(None), _spread(unit_of, counts)
        ))
        done = 0
        for i, fact in named:
            facts.extend(islice(made, i - done))
            facts.append(fact)
            done = i
        facts.extend(made)
        self.table.unit = unit_of[-1]


# A run's cells by column index: all its columns, or only those read
Columns = list[tuple] | dict[int, tuple]


def _spread(values: Sequence, counts: Sequence[int]) -> Iterator:
    """Each value repeated its count of times, one after another."""
    return chain.from_iterable(map(repeat, values, counts))


def _read_lines(table: Table, rows, body: range, seen: set[object], table_id) -> None:
    """Rows of amounts: a plain amount within its line's bound becomes that line here. Runs of
    rows are tried whole (``_line_run``); a run holding one row that is not plain is read row
    by row, and the next run starts short again."""
    way = _Rows(table, seen, table_id)
    lines: dict[object, tuple[str, float]] = {}  # a plain label → its line's name and bound
    _in_runs(body, lambda start, end: _line_run(way, rows, start, end, lines),
             lambda run, sections: _line_rows(way, rows, run, lines, sections))


def _in_runs(body: range, read_run: Callable[[int, int], bool],
             read_rows: Callable[[range, bool], bool]) -> None:
    """Rows ``body`` in runs, each tried whole by ``read_run``, which takes it or leaves it
    untouched; a run left is read row by row (``read_rows``, which says whether a section
    heading was met: then no later run is tried whole), and the next run starts short again."""
    start, size, sections = body.start, _FIRST_RUN, False
    while start < body.stop:
        end = min(start + size, body.stop)
        if not sections and read_run(start, end):
            size = min(2 * size, _MOST_RUN)
        else:
            sections = read_rows(range(start, end), sections)
            size = _FIRST_RUN
        start = end


# A run's rows are read column by column in C; its set-up costs some dozens of calls, a row
# that fails it costs the whole run read again row by row.
_FIRST_RUN, _MOST_RUN = 64, 4096


def _line_run(way: _Rows, rows, start: int, end: int, lines: dict) -> bool:
    """Rows ``start`` to ``end`` read as ``_line_rows`` would read them, when every one of them
    is plain; False, having read nothing, when one is not."""
    table = way.table
    columns = way.columns(rows, start, end)
    if columns is None:
        return False
    values, labels = columns[way.value], columns[way.label]
    if set(map(type, values)) != {float} or not _known_lines(table, set(labels), lines):
        return False
    years = way.years(columns)
    if years is None or not _plain_amounts(values, labels, lines):
        return False
    stretches = way.names(columns[way.district])
    if stretches is None:
        return False
    kind = table.kind
    assert kind is not None  # as records asked
    key, make = LINE_FACTS[kind]
    at = way.locations(start, end)
    found = map(lines.__getitem__, labels)
    way.put(key, start, stretches, map(make, years, map(_CANONICAL, found), values, at), at)
    return True


def _known_lines(table: Table, labels: set, lines: dict) -> bool:
    """Whether each of these labels names a line as ``_plain_label`` reads it (and then each
    is in ``lines``)."""
    kind = table.kind
    assert kind is not None  # as records asked
    for raw in labels:
        if raw not in lines:
            named = _plain_label(table, raw)
            if named is None:
                return False
            lines[raw] = canonical_line(kind, named)
    return True


def _plain_amounts(values: tuple, labels: tuple, lines: dict) -> bool:
    """Whether each amount is one ``_line_rows`` takes as it is: 0 to its line's bound, and
    none above 0 but below the least amount read."""
    total = sum(values)
    if total - total != 0:  # a NaN or an infinity (or a sum past the largest float)
        return False
    least = min(values)
    if least < _MIN and (least < 0 or min(filter(None, values), default=_MIN) < _MIN):
        return False
    bounds = {most for _, most in lines.values()}
    return max(values) <= min(bounds) or all(
        map(operator.le, values, map(_MOST, map(lines.__getitem__, labels))))


_CANONICAL, _MOST = operator.itemgetter(0), operator.itemgetter(1)


def _line_rows(way: _Rows, rows, body: range, lines: dict, sections: bool) -> bool:
    """Rows ``body`` one at a time, each plain one read here and any other by the row reader;
    True once a section heading has been read."""
    table = way.table
    kind = table.kind
    assert kind is not None  # as records asked
    key, make = LINE_FACTS[kind]
    width, d, label_at, value_at, y = way.width, way.district, way.label, way.value, way.year
    verdicts, years, default_year = table.verdicts, table.years, table.default_year
    facts, units, at_value = table.facts, way.units, way.at_value
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
    return sections


def _read_points(table: Table, rows, body: range, seen: set[object], table_id) -> None:
    """Rows of one outcome's values, each with its unit, group and direction columns; runs of
    rows tried whole as in ``_read_lines``."""
    way = _Rows(table, seen, table_id)
    details_at = [(c.index, c.role) for c in table.columns if c.role in OUTCOME_DETAILS]
    way.width = max([way.width, *(c + 1 for c, _ in details_at)])
    way.read = sorted({*way.read, *(c for c, _ in details_at)})
    points = _Points(details_at)
    _in_runs(body, lambda start, end: _point_run(way, rows, start, end, points),
             lambda run, sections: _point_rows(way, rows, run, points, sections))


class _Points:
    """What an outcomes table's rows are read with besides ``_Rows``: its detail columns, and
    each plain label's metric and each detail cells' reading, once worked out."""

    def __init__(self, details_at: list[tuple[int, str]]) -> None:
        self.details_at = details_at
        at = [c for c, _ in details_at]
        self.cells_of = operator.itemgetter(*at) if at else None
        self.details: dict[object, tuple] = {}  # the detail cells' values → (unit, group, higher)
        self.metrics: dict[object, str] = {}  # a plain label → its metric

    def shape(self, table: Table, width: int, key: tuple) -> tuple | None:
        """(metric, unit, group, higher) of rows whose label and detail cells are ``key``,
        when they are plain: text (or empty) cells, a label read before, details that read
        without an issue."""
        if any(cell is not None and cell.__class__ is not str for cell in key):
            return None  # 1, 1.0 and True are one key, but read apart ("1", "Yes")
        label, cells = key[0], key[1:]
        metric = self.metrics.get(label)
        if metric is None:
            metric = _plain_label(table, label)
            if metric is None:
                return None
            self.metrics[label] = metric
        written = cells[0] if len(cells) == 1 else (cells or None)
        detail = self.details.get(written)
        if detail is None:
            row: list[object] = [None] * width
            for (c, _), cell in zip(self.details_at, cells, strict=True):
                row[c] = cell
            detail = _details(self.details_at, row)
            if detail is None:
                return None
            self.details[written] = detail
        return (metric, *detail)


def _point_run(way: _Rows, rows, start: int, end: int, points: _Points) -> bool:
    """Rows ``start`` to ``end`` read as ``_point_rows`` would read them, when every one of
    them is plain; False, having read nothing, when one is not."""
    columns = way.columns(rows, start, end)
    if columns is None:
        return False
    values = columns[way.value]
    if set(map(type, values)) != {float}:
        return False
    keys = zip(columns[way.label], *(columns[c] for c, _ in points.details_at), strict=True)
    shapes, counts = [], []
    for key, same in groupby(keys):
        shape = points.shape(way.table, way.width, key)
        if shape is None:
            return False
        shapes.append(shape)
        counts.append(len(list(same)))
    metric, unit, group, higher = zip(*shapes, strict=True)
    years = way.years(columns)
    if years is None or not _plain_values(values, set(unit), unit, counts):
        return False
    stretches = way.names(columns[way.district])
    if stretches is None:
        return False
    at = way.locations(start, end)
    made = map(building.outcome, _spread(metric, counts), years, values, _spread(unit, counts),
               _spread(group, counts), _spread(higher, counts), at)
    way.put("outcomes", start, stretches, made, at)
    return True


def _plain_values(values: tuple, kinds: set, units: tuple, counts: list[int]) -> bool:
    """Whether ``_plain_point`` takes each value, each with the unit of its stretch of rows."""
    total = sum(values)
    if total - total != 0:  # a NaN or an infinity (or a sum past the largest float)
        return False
    if len(kinds) > 1:
        return all(map(_plain_point, values, _spread(units, counts)))
    if Unit.PERCENT in kinds:
        return min(values) > 1 and max(values) <= template.PERCENT_MOST
    return (min(values) >= -template.OUTCOME_MOST and max(values) <= template.OUTCOME_MOST
            and min(map(abs, filter(None, values)), default=_MIN) >= _MIN
            and -999.0 not in values and -9.0 not in values)


def _point_rows(way: _Rows, rows, body: range, points: _Points, sections: bool) -> bool:
    """Rows ``body`` one at a time, each plain one read here and any other by the row reader;
    True once a section heading has been read."""
    table = way.table
    width, d, label_at, value_at, y = way.width, way.district, way.label, way.value, way.year
    verdicts, years, default_year = table.verdicts, table.years, table.default_year
    facts, units, at_value = table.facts, way.units, way.at_value
    details_at, cells_of, details, metrics = (
        points.details_at, points.cells_of, points.details, points.metrics)
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
    return sections


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
