"""ingest.assemble and ingest.identity's units: the quick paths give what the general ones give.

A district's lines are ordered by a plain pass when each series lists its years oldest first,
once each, and by the general path (which also reports repeats) otherwise; facts join their
unit by runs when a row's facts come together, and by look-up otherwise. Each quick path is
checked against its general one on the same input, odd rows included. All data is fictional.
"""

from __future__ import annotations

import random

import pytest

from advocacy.ingest import assemble, identity
from advocacy.ingest.fields import Fact
from advocacy.load import load_files
from advocacy.location import Location
from advocacy.model import OutcomePoint, SchoolYear, SpendingLine, Unit, UseLine
from tests import factories

SOURCES = ("Title II-A", "State", "District")


def _spending(cells: list[tuple[str, int]]) -> list[Fact]:
    facts = []
    for row, (source, start) in enumerate(cells, start=2):
        at = Location(file="pl.xlsx", sheet="Spending", cell=f"D{row}")
        line = SpendingLine(school_year=SchoolYear(start), source=source,
                            amount_usd=float(row * 100), at=at)
        facts.append(Fact("spending", line, at, district="Alder"))
    return facts


YEAR_MAJOR = [(source, start) for start in range(2019, 2024) for source in SOURCES]
SERIES_MAJOR = [(source, start) for source in SOURCES for start in range(2019, 2024)]


@pytest.mark.parametrize("cells", [YEAR_MAJOR, SERIES_MAJOR, YEAR_MAJOR[:1], YEAR_MAJOR[:4]],
                         ids=["year-major", "series-major", "one", "ragged"])
def test_lines_in_order_are_what_the_general_path_gives(cells):
    facts = _spending(cells)
    quick: list = []
    general: list = []
    lines = assemble._lines("Alder", facts, assemble._SOURCE, quick)
    assert lines == assemble._lines_with_repeats("Alder", facts, assemble._SOURCE, general)
    assert quick == general == []
    assert [(line.source, line.school_year.start) for line in lines] == sorted(
        cells, key=lambda cell: (SOURCES.index(cell[0]), cell[1]))


@pytest.mark.parametrize("seed", range(6))
def test_lines_out_of_order_or_repeated_take_the_general_path(seed):
    rng = random.Random(seed)
    cells = YEAR_MAJOR + rng.sample(YEAR_MAJOR, seed)  # that many repeated once each
    rng.shuffle(cells)
    facts = _spending(cells)
    quick: list = []
    general: list = []
    lines = assemble._lines("Alder", facts, assemble._SOURCE, quick)
    assert lines == assemble._lines_with_repeats("Alder", facts, assemble._SOURCE, general)
    assert quick == general
    assert len(quick) == seed
    series = [line.source for line in lines]
    assert [(s, line.school_year.start) for s, line in zip(series, lines, strict=True)] == \
        sorted(set(cells), key=lambda cell: (series.index(cell[0]), cell[1]))


def test_outcome_series_are_told_apart_by_group_and_uses_by_use():
    at = Location(file="o.csv", row=2)
    points = [OutcomePoint(metric="Retention", group=group, school_year=SchoolYear(start),
                           value=float(start), unit=Unit.PERCENT, at=at)
              for start in (2021, 2022) for group in ("new", "all", None)]
    facts = [Fact("outcomes", point, at, district="Alder") for point in points]
    lines = assemble._lines("Alder", facts, assemble._SERIES, [])
    assert lines == assemble._lines_with_repeats("Alder", facts, assemble._SERIES, [])
    assert [(p.group, p.school_year.start) for p in lines] == [
        ("new", 2021), ("new", 2022), ("all", 2021), ("all", 2022), (None, 2021), (None, 2022)]
    uses = [Fact("uses", UseLine(school_year=SchoolYear(start), use=use, amount_usd=1.0), at)
            for start in (2023, 2022) for use in ("Coaching", "Courses/workshops")]
    assert assemble._lines("Alder", uses, assemble._USE, []) == assemble._lines_with_repeats(
        "Alder", uses, assemble._USE, [])


def _row_facts() -> list[Fact]:
    """Rows of two sheets, a long table's districts interleaved, and facts outside tables
    whose district is spelled two ways."""
    facts = []
    for row, name in enumerate(("Alder", "Birch", "Alder", "Cedar", "Birch"), start=2):
        unit = (("f.xlsx", "Spending", 0), (name.casefold(),))
        at = Location(file="f.xlsx", sheet="Spending", cell=f"A{row}")
        facts.append(Fact("name", name, at, name, unit=unit))
        for start in (2020, 2021):
            line = SpendingLine(school_year=SchoolYear(start), source="State", amount_usd=1.0)
            facts.append(Fact("spending", line, at, name, unit=unit))
    for row, name in enumerate(("Alder", "Birch"), start=2):
        unit = (("f.xlsx", "Profile", 0), row)
        for col, (key, value) in enumerate((("name", name), ("state", "Lakeland"),
                                            ("students", 100 * row), ("state", "OH"))):
            at = Location(file="f.xlsx", sheet="Profile", cell=f"{'ABCD'[col]}{row}")
            facts.append(Fact(key, value, at, name, unit=unit))
    for cell, name in (("B1", "MAPLE VALLEY"), ("B2", "Maple Valley"), ("B3", None)):
        at = Location(file="p.xlsx", sheet="Profile", cell=cell)
        facts.append(Fact("county", f"County {cell}", at, name))
    return facts


def _shape(units: list[identity.Unit]) -> list:
    return [(u.sheet, u.facts, u.by_key, u.name, u.state, u.county, u.nces_id, u.state_id)
            for u in units]


def test_units_by_runs_are_what_a_look_up_per_fact_gives():
    facts = _row_facts()
    # Each fact given its own (equal) unit and key objects: no run is seen, every fact is
    # looked up.
    alone = [Fact("".join(list(f.key)), f.value, f.at, f.district, f.year,
                  None if f.unit is None else tuple(list(f.unit))) for f in facts]
    assert all(a.key is not f.key and (f.unit is None or a.unit is not f.unit)
               for a, f in zip(alone, facts, strict=True))
    by_runs, by_look_up = identity.units(facts), identity.units(alone)
    assert _shape(by_runs) == _shape(by_look_up)
    names = [(unit.sheet[1], unit.name, len(unit.facts)) for unit in by_runs]
    assert names == [("Spending", "Alder", 6), ("Spending", "Birch", 6), ("Spending", "Cedar", 3),
                     ("Profile", "Alder", 4), ("Profile", "Birch", 4),
                     ("Profile", "MAPLE VALLEY", 2), ("Profile", "", 1)]
    assert by_runs[3].state == "lakeland"  # the first state given, folded as state_code folds
    assert by_runs[5].county == "County B1"
    for unit in by_runs:
        assert [f for facts in unit.by_key.values() for f in facts] == sorted(
            unit.facts, key=lambda f: list(unit.by_key).index(f.key))


def test_interleaved_long_table_rows_assemble_as_grouped_rows_do():
    header = ["District", "School year", "Source", "Amount"]
    rows = [["Alder", "2020-21", "State", 1], ["Birch", "2021-22", "State", 2],
            ["Alder", "2019-20", "State", 3], ["Alder", "2020-21", "Title II-A", 4],
            ["Birch", "2020-21", "State", 5], ["Alder", "2020-21", "State", 6]]
    mixed = load_files([factories.csv([header, *rows])])
    alder = mixed.district("Alder")
    assert alder is not None
    assert [(s.source, s.school_year.start, s.amount_usd) for s in alder.spending] == [
        ("State", 2019, 3), ("State", 2020, 1), ("Title II-A", 2020, 4)]
    assert [i.code for i in mixed.issues] == ["district.conflict"]
    ordered = load_files([factories.csv([header, *sorted(rows, key=lambda r: r[0])])])
    assert [d.spending for d in ordered.districts] != []
    assert [[(s.source, s.school_year, s.amount_usd) for s in d.spending]
            for d in ordered.districts] == [
        [(s.source, s.school_year, s.amount_usd) for s in d.spending] for d in mixed.districts]
