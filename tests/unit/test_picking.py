"""`check` and `build` on statewide and national files: --district, --state, and runs that find
no district, non-district rows and zero ratios. Tables are generated here; all fictional."""

from __future__ import annotations

import io
import json

import pytest

from advocacy import cli
from advocacy.load import load_files
from tests import factories

HEADER = ["Agency Name", "State Name", "Agency ID - NCES Assigned", "County Name",
          "Total Students All Grades (Excludes AE)", "Full-Time Equivalent (FTE) Teachers",
          "Pupil/Teacher Ratio"]
ROWS = [
    ["NORTHEAST", "KANSAS", "2000001", "Cherokee County", 480, 40.0, 12.0],
    ["Springfield Local", "OHIO", "3900001", "Lucas County", 2100, 140.0, 15.0],
    ["Springfield Local", "OHIO", "3900002", "Mahoning County", 1200, 80.0, 0],
    ["Albany Fictional SD", "NEW YORK", "3600001", "Albany County", 9000, 600.0, 15.0],
    ["State total", "", "", "", 12780, 860.0, 14.9],
    ["NORTHEAST", "", "", "", 480, 40.0, 12.0],  # the census region row of a national table
]


@pytest.fixture
def national(tmp_path):
    path = tmp_path / "national.csv"
    path.write_bytes(factories.csv([HEADER, *ROWS], name="national.csv").data)
    return path


def run(*argv: str) -> tuple[int, dict]:
    out = io.StringIO()
    code = cli.main(["check", "--json", *argv], out=out)
    return code, json.loads(out.getvalue())


def test_northeast_kansas_is_a_district_and_left_out_rows_are_counted(national):
    code, report = run(str(national))
    assert code == 0  # a ratio of 0 is a warning, never an error
    names = [d["name"] for d in report["districts"]]
    assert names == ["NORTHEAST", "Springfield Local (Lucas County, OH)",
                     "Springfield Local (Mahoning County, OH)", "Albany Fictional SD"]
    (left_out,) = [i for i in report["issues"] if i["code"] == "row.not_district"]
    assert (left_out["severity"], left_out["row"]) == ("warning", 6)
    assert "2 rows: “State total”, “NORTHEAST”" in left_out["message"]
    (zero,) = [i for i in report["issues"] if i["code"] == "ratio.zero"]
    assert (zero["severity"], zero["row"], zero["district"]) == (
        "warning", 4, "Springfield Local (Mahoning County, OH)")


@pytest.mark.parametrize(("argv", "expected"), [
    (["--district", "3900002"], ["Springfield Local (Mahoning County, OH)"]),
    (["--district", "springfield local (lucas county, oh)"],
     ["Springfield Local (Lucas County, OH)"]),
    (["--district", "Springfield Local", "--state", "OH"],
     ["Springfield Local (Lucas County, OH)", "Springfield Local (Mahoning County, OH)"]),
    (["--state", "Kansas"], ["NORTHEAST"]),
    (["--district", "NORTHEAST", "--district", "Albany Fictional SD"],
     ["NORTHEAST", "Albany Fictional SD"]),
])
def test_district_and_state_pick_from_a_national_file(national, argv, expected):
    code, report = run(*argv, str(national))
    assert code == 0
    assert [d["name"] for d in report["districts"]] == expected
    kept = set(expected)
    assert all(i["district"] in kept or i["district"] is None for i in report["issues"])


def test_a_district_not_in_the_files_is_an_error_with_a_suggestion(national):
    code, report = run("--district", "Albany Fictionl SD", str(national))
    assert code == 1
    assert report["districts"] == []
    (error,) = [i for i in report["issues"] if i["severity"] == "error"]
    assert error["code"] == "district.not_found"
    assert "Did you mean “Albany Fictional SD”?" in error["message"]


def test_a_run_where_no_file_yields_a_district_exits_1_with_an_error(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("Bus route,Stops\nNorth,12\nSouth,9\n", encoding="utf-8")
    code, report = run(str(path))
    assert code == 1
    assert [i["code"] for i in report["issues"] if i["severity"] == "error"] == [
        "run.no_districts"]
    out = io.StringIO()
    assert cli.main(["build", str(path), "--out", str(tmp_path / "out")], out=out) == 1
    assert "No file gave any district data" in out.getvalue()


def test_build_makes_only_the_picked_district(national, tmp_path):
    out = io.StringIO()
    code = cli.main(["build", str(national), "--out", str(tmp_path / "out"), "--format", "xlsx",
                     "--district", "3900001"], out=out)
    assert code == 0, out.getvalue()
    assert [p.name for p in (tmp_path / "out").iterdir()] == [
        "springfield-local-lucas-county-oh.xlsx"]


def test_a_zero_ratio_in_a_profile_does_not_block_the_district():
    rows = [["District name", "Zero Fictional"], ["Number of students", 10],
            ["Student-to-teacher ratio", "0:1"]]
    result = load_files([factories.xlsx({"Profile": rows})])
    assert result.ready("Zero Fictional")
    assert [i.code for i in result.issues] == ["ratio.zero"]
