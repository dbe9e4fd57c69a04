"""Reading the rows of one column-headed table into facts.

Owns row-level rules: which rows are districts (not state, region, section, school, total,
note or unlabelled rows), which column names each row's source, use or metric, school years
across the columns or down the rows, long tables (District, School year, Source, Amount), and a
percent column's scale. Never finds the header (that is ``layouts``); the lines themselves and
totals rows are ``lines``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from advocacy.ingest import cells, rules, vocabulary
from advocacy.ingest.fields import (
    IDENTITY_KEYS,
    PERCENT_KEYS,
    SCALAR_KINDS,
    Fact,
    fact_key,
    percent_scale,
    read_field,
)
from advocacy.ingest.files import Sheet
from advocacy.ingest.headers import Column, as_source, unrecognised_issue
from advocacy.ingest.lines import (
    LINE_FACTS,
    Table,
    add_line,
    add_outcome,
    canonical_line,
    cell_at,
    check_row_total,
    check_total,
)
from advocacy.ingest.mapping import ColumnMapping, header_key
from advocacy.ingest.tables import (
    NOTE_LENGTH,
    header_year,
    is_blank_cell,
    is_not_district,
    is_note_text,
    is_number,
    looks_like_note,
    norm,
    strip_footnote,
    year_from_value,
)
from advocacy.ingest.vocabulary import Kind
from advocacy.issues import Issue, tag
from advocacy.model import FUNDING_SOURCES, SchoolYear

_SCHOOL_TOTALS = {"all schools", "district", "district total", "all"}
_VALUE_ROLES = {"key", "line", "year", "amount", "value"}
_LINE_TABLES = {"source", "use", "revenue"}


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
            table.scales[column.index] = percent_scale(cell_at(rows[r], column.index) for r in body)
    before = len(facts)
    seen: set[object] = set()
    if _plain_table(table):
        _read_plain(table, rows, body, seen, table_id)
    else:
        for r in body:
            _read_row(table, rows[r], r, seen, table_id)
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
    ``_read_plain``."""
    if len(table.readable) != 1 or table.readable[0].year is not None:
        return False
    role = table.readable[0].role
    return (
        ((table.kind in _LINE_TABLES and role == "amount") or
         (table.kind == "metric" and role == "value"))
        and table.label is not None
        and table.district is not None
        and table.school is None
        and not table.keep
        and not table.constants
        and table.total is None
        and not table.identity
    )


def _read_plain(table: Table, rows, body: range, seen: set[object], table_id) -> None:
    """The rows of a plain long table. A row whose name, school year and label were each read
    before without an issue, holding a plain number, gives exactly what ``_read_row`` would
    give without asking again what those cells say: an amount within its bound becomes its
    line here, an outcome's value is read by ``add_outcome`` as the row reader reads it. Any
    other row goes through ``_read_row``. A statewide workbook has 35,000 such rows."""
    d, label_at, value_at = table.district, table.label, table.readable[0].index
    assert d is not None and label_at is not None  # as _plain_table asked
    y = table.school_year
    width = max(d, label_at, value_at, -1 if y is None else y) + 1
    kind = table.kind
    assert kind is not None
    lines = kind in _LINE_TABLES
    key, make = LINE_FACTS.get(kind, LINE_FACTS["use"])
    verdicts, labels, years = table.verdicts, table.labels, table.years
    locate, facts, formats = table.locate, table.facts, table.sheet.number_formats
    assert locate is not None
    plain: dict[object, tuple[str, float]] = {}  # a plain label → its line's name and bound
    units: dict[str, tuple] = {}  # a name → its rows' unit
    for r in body:
        row = rows[r]
        if len(row) < width or table.section is not None:
            _read_row(table, row, r, seen, table_id)
            continue
        value, name, label = row[value_at], verdicts.get(row[d]), row[label_at]
        year = years.get(row[y]) if y is not None else table.default_year
        line = plain.get(label)
        if line is None and (reading := labels.get(label)) is not None and reading[0] and not (
            reading[1] or reading[2] or reading[3] is not None or reading[4] is not None
        ):
            line = plain[label] = canonical_line(kind, reading[0]) if lines else (reading[0], 0)
        if value.__class__ is not float or name.__class__ is not str or not name or (
            line is None or year is None
        ):
            _read_row(table, row, r, seen, table_id)
            continue
        named, most = line
        if lines and not (0 <= value <= most and (value == 0 or value >= cells.MIN_MAGNITUDE)):
            _read_row(table, row, r, seen, table_id)  # a negative, masked or implausible amount
            continue
        # No section heading yet, and the row reader saw this name first (its verdict is kept):
        # so the name stands as written, as ``_qualified`` would leave it.
        unit = units.get(name)
        if unit is None:
            unit = units[name] = (table_id, (_folded(name),))
        table.unit = unit
        at = locate(r, value_at)
        if not lines:
            before, problems = len(facts), len(table.issues)
            add_outcome(table, row, r, named, value, at, year, name,
                        formats.get((r, value_at)) if formats else None)
            _row_done(table, row, r, name, before, problems, seen)
            continue
        if unit not in seen:
            seen.add(unit)
            facts.append(Fact("name", name, locate(r, d), name, None, unit))
        facts.append(Fact(key, make(year, named, value, at), at, name, None, unit))
    table.row_sum = None


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


def _read_row(table: Table, row: list[object], r: int, seen: set[object], table_id) -> None:
    shape = _shape(row)
    if shape is _BLANK:
        return
    if table.keep and not rules.kept(table, row):
        return
    if shape is _SECTION:
        table.section = norm(next(value for value in row if norm(value)))
        return
    name = _district_name(table, row)
    if name is False:
        return
    if isinstance(name, _LeftOut):
        if any(is_number(value) for value in row):
            table.left_out.append((name.label, r))
        return
    if name:
        name = _qualified(table, name)
        table.unit = (table_id, _row_identity(table, row, name) if table.long else r)
    else:
        table.unit = None
    # the cheap test on the name first: looks_like_note scans every cell of the row
    if (name is None or len(name) > NOTE_LENGTH or _note_name(name)) and looks_like_note(row):
        return
    year = None
    problems = len(table.issues)
    school_year = table.school_year
    if school_year is not None:
        year = _row_year(table, row, r, school_year)
    before = len(table.facts)
    _read_values(table, row, r, name, year or table.default_year)
    _row_done(table, row, r, name, before, problems, seen)


def _row_done(
    table: Table, row: list[object], r: int, name: str | None, before: int, problems: int,
    seen: set[object],
) -> None:
    """After a row's values (facts from ``before``, issues from ``problems``): its district's
    name, its constants, and its issues' district."""
    if name and not _has_data(table.facts, before):
        del table.facts[before:]  # a name, a state and an ID alone are not a district's data
    if name and table.constants and len(table.facts) > before:
        rules.add_constants(table, r, name)
    if name and len(table.issues) > problems:
        # Each problem in a district's row is that district's, even when the row gave nothing
        # else: a long table lists every district, so no other rule could tell. (A name that
        # two districts share is told apart by row in ``identity``.)
        table.issues[problems:] = [
            issue if issue.district else issue.for_district(name)
            for issue in table.issues[problems:]
        ]
    unit = table.unit
    if name and unit not in seen and (len(table.facts) > before or len(table.issues) > problems):
        # A name with nothing beside it is a section or a note; one whose only figure failed to
        # read is still a district, so its issue has a district to block.
        seen.add(unit)
        table.facts.insert(
            before,
            Fact(
                "name",
                name,
                table.sheet.location(r, table.district)
                if table.district is not None
                else _name_at(table, row, r),
                district=name,
                unit=table.unit,
            ),
        )


def _read_values(table: Table, row, r: int, name: str | None, year: SchoolYear | None) -> None:
    label = None
    if table.label is not None:
        raw = row[table.label] if table.label < len(row) else None
        reading = table.labels.get(raw) if raw.__class__ is str else None
        if reading is None:
            reading = _label_reading(table, raw)
            if raw.__class__ is str:
                table.labels[raw] = reading
        label, ignored, total, near, profile_key = reading
        if ignored:
            return
        if total:
            check_total(table, row, r)
            return
        if near is not None:
            _near_template_source(table, label, r, near)
        if profile_key is not None:
            _label_value(table, row, r, profile_key, name)
            return
    table.row_sum = None
    for column in table.readable:
        raw = row[column.index] if column.index < len(row) else None
        if raw is not None and (not isinstance(raw, str) or raw.strip()):
            _read_cell(table, raw, row, r, column, name, year, label)
    check_row_total(table, row, r)


def _label_reading(table: Table, raw: object) -> tuple[str | None, bool, bool, str | None,
                                                        str | None]:
    """What a row label says, the same on every row that writes it: (the label, a row to
    ignore?, a totals row?, the template source it nearly spells, the profile field it names).
    """
    label: str | None = norm(raw)
    if label and table.codes is not None:
        label = table.codes.get(label)  # a code the mapping names, else a row to ignore
        if label is None:
            return (None, True, False, None, None)
    if label and table.line_names:
        label = table.line_names.get(header_key(label), label)
    if not label:
        return (label, False, False, None, None)
    if vocabulary.is_total_label(label):
        return (label, False, True, None, None)
    near = _near_source(table, label) if table.kind == "source" else None
    key = _profile_key(label, table.kind) if table.kind != "metric" else None
    return (label, False, False, near, key)


def _has_data(facts: list[Fact], start: int) -> bool:
    for index in range(start, len(facts)):  # noqa: SIM110 - asked of every row; any() costs more
        if facts[index].key not in _IDENTITY:
            return True
    return False


_IDENTITY = frozenset(IDENTITY_KEYS)


def _row_identity(table: Table, row: list[object], name: str) -> tuple:
    """In a long table, the rows of one district share its name, state, county and IDs."""
    if not table.identity:
        return (_folded(name),)
    return (_folded(name), *(norm(cell_at(row, c)) for c in table.identity))


@functools.lru_cache(maxsize=8192)  # a long table names each district on every row
def _note_name(name: str) -> bool:
    return is_note_text(name)


def _row_year(table: Table, row: list[object], r: int, c: int) -> SchoolYear | None:
    """The row's school year; a text read once without an issue reads the same on every row
    (a long table repeats five or so), so it is looked up, not read again."""
    raw = row[c] if c < len(row) else None
    if raw.__class__ is str:
        known = table.years.get(raw)
        if known is not None:
            return known
    if is_blank_cell(raw):
        return None
    before = len(table.issues)
    year = year_from_value(raw, lambda: table.sheet.location(r, c), table.issues)
    if raw.__class__ is str and year is not None and len(table.issues) == before:
        table.years[raw] = year
    return year


@functools.lru_cache(maxsize=65536)  # a long table repeats each name on several rows
def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


_BLANK, _SECTION, _DATA = object(), object(), object()


def _shape(row: list[object]) -> object:
    """_BLANK, _SECTION (one short text alone: "COUNTIES") or _DATA, in one pass."""
    only = None
    for value in row:
        if value is None:
            continue
        if not isinstance(value, str):
            return _DATA  # a number: a row of data
        if not value.strip():
            continue
        if only is not None:
            return _DATA  # a second filled cell
        only = value
    if only is None:
        return _BLANK
    return _SECTION if len(norm(only)) <= 40 and not is_number(only) else _DATA


def _qualified(table: Table, name: str) -> str:
    """Virginia has a Franklin County and a Franklin City: the same name under another section
    heading is another district, so it takes the section's name."""
    first = table.sections.setdefault(_folded(name), table.section)
    if table.section and first != table.section:
        return f"{name} ({table.section.title()})"
    return name


def _district_name(table: Table, row: list[object]) -> str | _LeftOut | Literal[False] | None:
    """The row's district; None when the table is about one district; False to skip the row."""
    if table.school is not None:
        school = norm(cell_at(row, table.school)).casefold()
        if school and school not in _SCHOOL_TOTALS:
            return False
    if table.district is not None:
        raw = cell_at(row, table.district)
        # A long table names each district on many rows: what a name is depends on its text
        # alone, except a region's name, which its row's state, county or ID decide.
        known = table.verdicts.get(raw) if raw.__class__ is str else None
        if known is not None:
            return known
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # a code typed as a number: 112011103.0 is 112011103
        name = cells.read_text(raw)  # as written, only the ends trimmed
        if name and norm(name).casefold() in _REGIONS:
            if any(norm(cell_at(row, c)) for c in table.identity):
                return name  # "NORTHEAST" with a state, county or ID beside it: a Kansas district
        elif raw.__class__ is str:
            table.verdicts[raw] = verdict = _name_verdict(name)
            return verdict
        return _name_verdict(name)
    for c in table.names:
        value = cell_at(row, c)
        if isinstance(value, str) and norm(value):
            name = value.strip()
            if is_not_district(name, states_too=True) or vocabulary.is_total_label(name):
                return _LeftOut(name)
            return name
    return None


def _name_verdict(name: str | None) -> str | _LeftOut:
    if not name or is_not_district(name) or vocabulary.is_total_label(name):
        return _LeftOut(name or "")  # unlabelled rows after the districts are state totals
    return name


@dataclass(frozen=True, slots=True)
class _LeftOut:
    """A row that is not a district: a state, region, nation or total row."""

    label: str


_REGIONS = {"northeast", "midwest", "south", "west", "southeast", "southwest", "northwest"}


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


def _name_at(table: Table, row: list[object], r: int):
    c = next((c for c in table.names if norm(cell_at(row, c))), 0)
    return table.sheet.location(r, c)


def _label_value(table: Table, row, r: int, key: str, name: str | None) -> None:
    """A label such as "Number of students" inside a years table holds profile values."""
    for column in table.columns:
        raw = cell_at(row, column.index)
        if column.role != "year" or is_blank_cell(raw):
            continue
        at = table.sheet.location(r, column.index)
        before = len(table.issues)
        value = read_field(
            key,
            raw,
            at,
            table.issues,
            number_format=table.sheet.number_formats.get((r, column.index)),
        )
        tag(table.issues, before, key)
        if value is not None:
            table.facts.append(
                Fact(key, value, at, district=name, year=column.year, unit=table.unit)
            )


@functools.lru_cache(maxsize=4096)  # long tables repeat a few labels on every row
def _profile_key(label: str, kind: str | None) -> str | None:
    """The profile field a row label names, unless it names this table's source or use."""
    term = None
    for scalar in SCALAR_KINDS:
        term = vocabulary.lookup(label, kinds=(scalar,))
        if term is not None:
            break
    if term is None or (
        kind and vocabulary.lookup(label, kinds=(Kind.SOURCE if kind == "source" else Kind.USE,))
    ):
        return None
    return fact_key(term)


def _read_cell(
    table: Table,
    raw: object,
    row,
    r: int,
    column: Column,
    name: str | None,
    row_year: SchoolYear | None,
    label: str | None,
) -> None:
    assert table.locate is not None  # set by read_table before any row is read
    at = table.locate(r, column.index)
    year = column.year or row_year or table.default_year
    formats = table.sheet.number_formats
    number_format = formats.get((r, column.index)) if formats else None
    role = column.role
    if role == "key":
        key = column.key
        assert key is not None  # headers.classify names the field of every "key" column
        issues = table.issues
        before = len(issues)
        value = read_field(
            key, raw, at, issues, number_format=number_format, scale=table.scales.get(column.index)
        )
        if len(issues) > before:
            tag(issues, before, key)
        if value is not None:
            table.facts.append(Fact(key, value, at, name, year, table.unit))
        return
    if role == "line":
        assert column.key is not None  # headers.classify names the line of every "line" column
        kind, _, canonical = column.key.partition(":")
        add_line(table, kind, canonical, raw, at, year, name, column.index)
        return
    if role == "amount":
        if table.kind in _LINE_TABLES and label:
            add_line(table, table.kind, label, raw, at, year, name, column.index)
        return
    if not label:
        return
    if column.role == "value" or table.kind == "metric":
        add_outcome(table, row, r, label, raw, at, year, name, number_format)
    elif table.kind in {"source", "use"}:
        add_line(table, table.kind, label, raw, at, year, name, column.index)
    elif table.kind is None:
        _unknown_row_label(table, row, r, label, raw, at, year, name, column.index)


def _near_source(table: Table, label: str) -> str | None:
    """The template source a row's source label nearly spells ("Titel 2", "Stat"), if any."""
    if vocabulary.lookup(label, kinds=(Kind.SOURCE,)) is not None:
        return None
    # None: a source of the district's own ("Foundation grant"), as the form allows
    return table.suggestions(label, (Kind.SOURCE,))


def _near_template_source(table: Table, label: str, r: int, suggestion: str) -> None:
    """A source row that is not the template's but nearly spells one is said, with its
    did-you-mean: kept under its own name it would silently be a new source."""
    assert table.label is not None  # the label was read from that column
    table.issues.append(Issue.warning(
        "source.unknown", at=table.sheet.location(r, table.label), found=label,
        expected=f"one of the template's sources ({', '.join(FUNDING_SOURCES)})",
        hint=f"Did you mean “{suggestion}”? Until then it is kept as a source of its own and "
             f"not counted as {suggestion}"))


def _unknown_row_label(table: Table, row, r, label, raw, at, year, name, c) -> None:
    term = vocabulary.lookup(label, kinds=(Kind.SOURCE, Kind.USE))
    if term is not None:
        kind = "source" if term.kind is Kind.SOURCE else "use"
        add_line(table, kind, term.key, raw, at, year, name, c)
        return
    if c == next(col.index for col in table.columns if col.role == "year"):
        assert table.label is not None  # the row's label was read from that column
        suggestion = table.suggestions(label)
        table.issues.append(
            Issue.warning(
                "label.unknown",
                at=table.sheet.location(r, table.label),
                found=label,
                expected="a funding source, a use of funds or a profile label",
                hint=f"Did you mean “{suggestion}”?" if suggestion else "This row was not imported",
            )
        )
