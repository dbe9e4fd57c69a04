"""Reading one row of a column-headed table into facts, the general way.

Owns a row's shape (blank, section heading, data), its school year, its label's reading (a
source, use or metric, a totals row, a profile field, a code to ignore), each cell's value
through ``fields`` and ``lines``, and what a row adds once read: its district's name fact, its
constants, and its issues' district. Every row of every table can take this way; ``plain``
takes a shorter one for the rows of plain long tables. Which rows are districts is
``row_names``.
"""

from __future__ import annotations

import functools

from advocacy.ingest import rules, vocabulary
from advocacy.ingest.fields import (
    IDENTITY_KEYS,
    SCALAR_KINDS,
    Fact,
    fact_key,
    read_field,
)
from advocacy.ingest.headers import Column
from advocacy.ingest.lines import (
    LINE_TABLES,
    Table,
    add_line,
    add_outcome,
    cell_at,
    check_row_total,
    check_total,
)
from advocacy.ingest.mapping import header_key
from advocacy.ingest.row_names import (
    LeftOut,
    district_name,
    name_at,
    note_name,
    qualified,
    row_identity,
)
from advocacy.ingest.tables import (
    NOTE_LENGTH,
    is_blank_cell,
    is_number,
    looks_like_note,
    norm,
    year_from_value,
)
from advocacy.ingest.vocabulary import Kind
from advocacy.issues import Issue, tag
from advocacy.model import FUNDING_SOURCES, SchoolYear

_new = tuple.__new__  # a Fact from its six fields in one C call


def read_row(table: Table, row: list[object], r: int, seen: set[object], table_id) -> None:
    shape = _shape(row)
    if shape is _BLANK:
        return
    if table.keep and not rules.kept(table, row):
        return
    if shape is _SECTION:
        table.section = norm(next(value for value in row if norm(value)))
        return
    name = district_name(table, row)
    if name is False:
        return
    if isinstance(name, LeftOut):
        if any(is_number(value) for value in row):
            table.left_out.append((name.label, r))
        return
    if name:
        name = qualified(table, name)
        table.unit = (table_id, row_identity(table, row, name) if table.long else r)
    else:
        table.unit = None
    # the cheap test on the name first: looks_like_note scans every cell of the row
    if (name is None or len(name) > NOTE_LENGTH or note_name(name)) and looks_like_note(row):
        return
    year = None
    problems = len(table.issues)
    school_year = table.school_year
    if school_year is not None:
        year = _row_year(table, row, r, school_year)
    before = len(table.facts)
    _read_values(table, row, r, name, year or table.default_year)
    row_done(table, row, r, name, before, problems, seen)


def row_done(
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
                else name_at(table, row, r),
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
    width = len(row)
    # A profile, identity, story or contact cell ("key" column) is read here, not in
    # ``_read_cell``: a table of one row per district has a dozen in each row, so what they
    # are read with is looked up once per row and each costs no call of its own.
    key_cells, issues, facts, unit = table.key_cells, table.issues, table.facts, table.unit
    formats, scales = table.sheet.number_formats, table.scales
    row_year = year or table.default_year
    for column in table.readable:
        c = column.index
        raw = row[c] if c < width else None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        if column.role != "key":
            _read_cell(table, raw, row, r, column, name, year, label)
            continue
        key = column.key
        assert key is not None  # headers.classify names the field of every "key" column
        read, locate = key_cells[c]
        at = locate(r)
        before = len(issues)
        value = read(raw, at, issues, formats.get((r, c)) if formats else None, scales.get(c))
        if len(issues) > before:
            tag(issues, before, key)
        if value is not None:
            facts.append(_new(Fact, (key, value, at, name, column.year or row_year, unit)))
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
    role = column.role  # "key" columns are ``_read_values``' own
    if role == "line":
        assert column.key is not None  # headers.classify names the line of every "line" column
        kind, _, canonical = column.key.partition(":")
        add_line(table, kind, canonical, raw, at, year, name, column.index)
        return
    if role == "amount":
        if table.kind in LINE_TABLES and label:
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
