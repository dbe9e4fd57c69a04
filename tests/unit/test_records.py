"""records: a plain long table of lines read the short way gives what the general row reader
gives, row for row, whatever its rows hold."""

from __future__ import annotations

import json

import pytest

from advocacy import cli, load
from advocacy.ingest import plain, records, row_reader
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


def _count_general_rows(monkeypatch):
    """Counts the rows ``row_reader`` reads from here on; the returned call tells how many."""
    counted = 0
    read_row = row_reader.read_row

    def counting(*args):
        nonlocal counted
        counted += 1
        return read_row(*args)

    monkeypatch.setattr(row_reader, "read_row", counting)
    return lambda: counted


def test_a_plain_long_table_takes_the_short_way(monkeypatch):
    """Only rows that say something new (a school year or a source not read before) go row by
    row; a district's first row does not, as its name needs no reading beside its text."""
    rows = [[f"Lake {chr(64 + d)} Schools", f"20{y}-{y + 1}", source, 1_000.0 * d]
            for d in range(1, 21) for y in range(19, 24) for source in ("Title II-A", "State")]
    file = factories.xlsx({"Spending": [HEADER, *rows]})
    general_rows = _count_general_rows(monkeypatch)
    result = load.load_files([file])
    assert len(result.districts) == 20
    assert [len(d.spending) for d in result.districts] == [10] * 20
    assert general_rows() == 1 + 4 + 1  # the first row, each later year's first, State's first


def _facts_both_ways(monkeypatch, file) -> tuple[tuple, tuple]:
    """(facts, issues) of each sheet read the short way, then the general way."""
    from advocacy.ingest import files, layouts

    def read() -> tuple:
        found = []
        sheets = files.read_file(file, found)
        results = [layouts.read_sheet(sheet, found) for sheet in sheets]
        return [fact for result in results for fact in result.facts], found

    short = read()
    monkeypatch.setattr(records, "_plain_table", lambda table: False)
    general = read()
    monkeypatch.undo()
    return short, general


def _long_lines(districts: int) -> list[list[object]]:
    """Many districts' plain rows, with rows the short way cannot take here and there: runs of
    rows are read whole, and a run holding one of these is read row by row."""
    rows: list[list[object]] = []
    for d in range(districts):
        for y in range(19, 23):
            for source in ("Title II-A", "State", "District"):
                rows.append([f"Lake {d:03d} Schools", f"20{y}-{y + 1}", source,
                             1_000.0 * d + y + (source == "State")])
    rows[3][3] = 0.0
    # each far enough from the last that it is in a run of its own
    rows[150][3] = -5.0  # a negative amount
    rows[450] = [rows[450][0], "2020-21", "State", "n/a"]
    rows[750][0] = "State total"
    rows[1050][2] = "Titel 2"  # a near miss of a source, said on every row
    rows[1350][3] = 1e-9
    rows[1950][3] = 9e12  # past any line's bound
    rows[2250] = rows[2250][:3]  # a short row
    rows[2550][1] = "FY21"  # a year not read before
    rows[2850] = [rows[2850][0]]  # a name alone: a section heading, no row after it is plain
    return rows


@pytest.mark.parametrize("kind", ["Source", "Use"])
def test_runs_of_plain_rows_give_the_facts_and_issues_the_row_reader_gives(monkeypatch, kind):
    rows = _long_lines(250)
    if kind == "Use":
        uses = {"Title II-A": "Coaching", "State": "Mentoring", "District": "Class size reduction"}
        rows = [[*row[:2], uses.get(row[2], row[2]),
                 *row[3:]] if len(row) > 2 else row for row in rows]
    # names met again later, out of turn, and a name first met in the middle of a run
    rows[2720:2720] = [["Lake 005 Schools", "2021-22", rows[1][2], 7.0],
                       ["Lake 999 Schools", "2021-22", rows[1][2], 8.0]]
    header = [*HEADER[:2], kind, HEADER[3]]
    general_rows = _count_general_rows(monkeypatch)
    file = factories.xlsx({"Spending" if kind == "Source" else "Uses": [header, *rows]})
    short, general = _facts_both_ways(monkeypatch, file)
    assert short == general
    assert len(short[0]) > 2800
    assert general_rows() < len(rows) + len(rows) // 2  # the short way read most rows itself


def test_runs_of_a_csv_give_what_the_row_reader_gives(monkeypatch):
    rows = [row for row in _long_lines(250) if len(row) == 4]
    short, general = _facts_both_ways(monkeypatch, factories.csv([HEADER, *rows]))
    assert short == general
    assert short[0][5].at.row is not None  # located as a CSV row, not a cell


@pytest.mark.parametrize("values", [(5.0, float("nan"), 7.0), (5.0, float("inf"), 7.0),
                                    (5.0, -0.5, 7.0), (5.0, 1e-9, 0.0), (5.0, 2e9, 7.0)])
def test_a_run_with_an_amount_the_short_way_would_not_take_is_read_row_by_row(values):
    # (a workbook cannot hold NaN or infinity, so no file above brings them)
    lines = {"Title II-A": ("Title II-A", 1e9)}
    assert not plain._plain_amounts(values, ("Title II-A",) * 3, lines)
    assert plain._plain_amounts((5.0, 0.0, -0.0, 7.0), ("Title II-A",) * 4, lines)


def _long_outcomes(districts: int, units: tuple[str, ...]) -> list[list[object]]:
    """Many districts' plain outcome rows (of one unit, or of several in each run), with rows
    the short way cannot take here and there, each in a run of its own."""
    rows: list[list[object]] = []
    for d in range(districts):
        for y in range(19, 23):
            year = f"20{y}-{y + 1}"
            if "%" in units:
                rows.append([f"Lake {d:03d} Schools", "Retention", None, "%", "Yes", year,
                             60.0 + d % 30 + y / 10])
            if "count" in units:
                rows.append([f"Lake {d:03d} Schools", "Coaching cycles", "Coached", "count",
                             "Yes", year, float(d % 7)])
    step = len(rows) // 15
    rows[step][6] = 0.83  # a fraction among points
    rows[2 * step][6] = 140.0  # past 100 percent
    rows[3 * step][4] = "maybe"
    rows[4 * step][3] = 1.0  # a unit that is a number
    rows[5 * step][2] = True  # a group that is one key with 1 and 1.0 but read apart
    rows[6 * step][2] = 1.0
    rows[7 * step][1] = "Total"
    rows[8 * step][0] = "State total"
    rows[9 * step][5] = "FY21"
    rows[10 * step] = rows[10 * step][:6]  # a short row
    rows[11 * step][6] = -999.0  # masked
    rows[12 * step][6] = -9.0
    rows[13 * step][6] = 1e-9
    rows[14 * step] = [rows[14 * step][0]]  # a section heading
    return rows


@pytest.mark.parametrize("units", [("%",), ("count",), ("%", "count")])
def test_runs_of_outcome_rows_give_the_facts_and_issues_the_row_reader_gives(monkeypatch, units):
    rows = _long_outcomes(250, units)
    file = factories.xlsx({"Outcomes": [OUTCOMES[0], *rows]})
    short, general = _facts_both_ways(monkeypatch, file)
    assert short == general
    assert len(short[0]) > 1000


def test_runs_of_rows_far_wider_than_the_table_give_what_the_row_reader_gives(monkeypatch):
    """Rows with a note far to the right: only the table's own columns are taken from each
    run."""
    rows = [[*row, *([None] * 36), "note"] if len(row) == 4 else row for row in _long_lines(250)]
    in_runs = 0
    line_run = plain._line_run

    def counted(way, rows, start, end, lines):
        nonlocal in_runs
        read = line_run(way, rows, start, end, lines)
        in_runs += (end - start) * read
        return read

    monkeypatch.setattr(plain, "_line_run", counted)
    short, general = _facts_both_ways(monkeypatch, factories.xlsx({"Spending": [HEADER, *rows]}))
    assert short == general
    assert in_runs > len(rows) // 3  # the runs between the rows that are not plain


@pytest.mark.parametrize("short", [False, True])
def test_a_percent_column_takes_its_scale_from_every_row_short_rows_among_them(short):
    # 7.5 in the first row says the column holds points, so 0.5 is half a percent, not 50
    rows = [["District", "Number of students", "% English learners"],
            ["Maple Valley", 1200.0, 7.5], ["Cedar Ridge", 900.0, 0.5]]
    if short:
        rows.insert(2, ["Oak Grove", 100.0])  # no cell in the percent column
    result = load.load_files([factories.xlsx({"Profile": rows})])
    shares = {d.name: d.profile.english_learners_pct for d in result.districts}
    assert shares["Maple Valley"] == 7.5 and shares["Cedar Ridge"] == 0.5
