"""records: a plain long table of lines read the short way gives what the general row reader
gives, row for row, whatever its rows hold."""

from __future__ import annotations

import json

import pytest

from advocacy import cli, load
from advocacy.ingest import records, row_reader
from tests import factories

HEADER = ["District", "School year", "Source", "Amount"]
# Rows the short way takes (plain amounts of names, years and sources already read) between
# rows it must hand to the general reader: a first sight, a negative, a masked value, text,
# an implausible amount, a total row, a section heading, a region, a repeat, a blank row.
ROWS = [
    ["Maple Valley", "2021-22", "Title II-A", 120_000.0],
    ["Maple Valley", "2021-22", "State", 80_000.0],
    ["Maple Valley", "2022-23", "Title II-A", 125_000.0],
    ["Maple Valley", "2022-23", "State", -500.0],
    ["Maple Valley", "2022-23", "District", "n/a"],
    ["Maple Valley", "2022-23", "District", "*"],
    ["Cedar Ridge", "2021-22", "Title II-A", "$90,000"],
    ["Cedar Ridge", "2021-22", "State", 9e12],
    ["Cedar Ridge", "2021-22", "Titel 2", 4_000.0],
    ["Cedar Ridge", "2022-23", "Title II-A", 0.0],
    ["Cedar Ridge", "2022-23", "State", 1e-9],
    ["Cedar Ridge", "2022-23", "Total", 1_000.0],
    [],
    ["Cedar Ridge", "2022-23", "Title II-A", 95_000.0],
    ["Cedar Ridge", "FY24", "Title II-A", 97_000.0],
    ["Cedar Ridge", "2023-24", "Title II-A", 98_000.0],
    # new names mid-table whose first row the short way reads (its year and source are known)
    ["Pine Ridge", "2022-23", "Title II-A", 50_000.0],
    ["Pine  Ridge ", "2022-23", "State", 51_000.0],
    ["Maple Valley", "2023-24", "Title II-A", 126_000.0],
    [112011103.0, "2022-23", "Title II-A", 5_000.0],
    ["Pine Ridge", "2023-24", "Titel 2", 4_200.0],
    ["Northeast", "2022-23", "State", 1_000.0],
    ["State total", "2022-23", "State", 1_000.0],
    ["Cedar Ridge", "2023-24", "Titel 2", 4_100.0],
    ["Cedar Ridge", "2023-24", "Total", 2_000.0],
    ["COUNTIES"],
    ["Maple Valley", "2022-23", "Title II-A", 7.0],
    ["Birch Hollow", "2022-23", "Title II-A", 12],
]


def _both_ways(monkeypatch, file) -> tuple[str, str]:
    def check() -> str:
        result = cli.review(load.load_files([file]))
        return cli.strict_json(cli.check_json(result))

    short = check()
    monkeypatch.setattr(records, "_plain_table", lambda table: False)
    return short, check()


@pytest.mark.parametrize("kind", ["Source", "Use"])
def test_the_short_way_gives_what_the_row_reader_gives(monkeypatch, kind):
    header = [*HEADER[:2], kind, HEADER[3]]
    rows = [[*row[:2], "Coaching" if kind == "Use" and row[2] == "State" else row[2], *row[3:]]
            if len(row) == 4 else row for row in ROWS]
    file = factories.xlsx({"Spending" if kind == "Source" else "Uses": [header, *rows]})
    short, general = _both_ways(monkeypatch, file)
    assert short == general
    codes = {issue["code"] for issue in json.loads(short)["issues"]}
    assert {"money.negative", "money.implausible", "row.not_district"} <= codes


OUTCOMES = [
    ["District", "Metric", "Group", "Unit", "Higher is better", "School year", "Value"],
    ["Maple Valley", "Retention", "", "%", "Yes", "2021-22", 81.5],
    ["Maple Valley", "Retention", "", "%", "Yes", "2022-23", 0.83],
    ["Maple Valley", "Retention", "", "%", "Yes", "2023-24", 140.0],
    ["Maple Valley", "Retention", "Coached", "%", "Yes", "2023-24", 88.0],
    ["Maple Valley", "Cycles", "", "count", "Yes", "2023-24", -999.0],
    ["Maple Valley", "Cycles", "", "count", "maybe", "2022-23", 12.0],
    ["Maple Valley", "Cycles", "", "count", "Yes", "2021-22", "n/a"],
    ["Cedar Ridge", "Retention", "", "%", "Yes", "2021-22", 79.0],
    ["Cedar Ridge", "Retention", "", "%", "Yes", "2022-23", 80.0],
    ["Cedar Ridge", "Retention", "", "%", "Yes", "2023-24", 80.0],
    ["Cedar Ridge", "Cycles", "", "points", "Yes", "2023-24", 3.0],
    ["Cedar Ridge", "Retention", "", "%", "Yes", "2021-22", 150.0],
    ["Cedar Ridge", "Cycles", "", "count", "Yes", "2022-23", -999.0],
    # a new name mid-table; groups and directions that are one key but read apart (1.0, True)
    ["Oak Grove", "Retention", "", "%", "Yes", "2022-23", 70.0],
    ["Oak Grove", "Retention", 1.0, "%", 1.0, "2022-23", 71.0],
    ["Oak Grove", "Retention", True, "%", True, "2023-24", 72.0],
    ["Oak Grove", "Retention", 1, "%", "yes", "2023-24", 73.0],
    ["Oak Grove", "Cycles", "", "count", "No", "2023-24", 0.0],
    ["Oak Grove", "Cycles", "", "count", "No", "2022-23", -9.0],
    ["Oak Grove", "Score", "", "score", "", "2022-23", 1e13],
    ["Maple Valley", "Retention", "", "%", "Yes", "2024-25", 1.0],
    ["Maple Valley", "Retention", "", "%", "Yes", "2025-26", 0.0],
    ["COUNTIES"],
    ["Oak Grove", "Retention", "", "%", "Yes", "2024-25", 74.0],
]


def test_an_outcomes_table_the_short_way_gives_what_the_row_reader_gives(monkeypatch):
    short, general = _both_ways(monkeypatch, factories.xlsx({"Outcomes": OUTCOMES}))
    assert short == general
    codes = {issue["code"] for issue in json.loads(short)["issues"]}
    assert {"value.masked", "percent.out_of_range"} <= codes


def test_the_short_way_reads_a_csv_as_the_row_reader_does(monkeypatch):
    file = factories.csv([HEADER, *(row for row in ROWS if len(row) != 1)])
    short, general = _both_ways(monkeypatch, file)
    assert short == general


def test_a_plain_long_table_takes_the_short_way(monkeypatch):
    """Only rows that say something new (a school year or a source not read before) go row by
    row; a district's first row does not, as its name needs no reading beside its text."""
    rows = [[f"Lake {chr(64 + d)} Schools", f"20{y}-{y + 1}", source, 1_000.0 * d]
            for d in range(1, 21) for y in range(19, 24) for source in ("Title II-A", "State")]
    file = factories.xlsx({"Spending": [HEADER, *rows]})
    general_rows = 0
    read_row = row_reader.read_row

    def counted(*args):
        nonlocal general_rows
        general_rows += 1
        return read_row(*args)

    monkeypatch.setattr(row_reader, "read_row", counted)
    result = load.load_files([file])
    assert len(result.districts) == 20
    assert [len(d.spending) for d in result.districts] == [10] * 20
    assert general_rows == 1 + 4 + 1  # the first row, each later year's first, State's first
