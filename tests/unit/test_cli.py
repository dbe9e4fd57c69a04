"""The command line run in-process (cli.main) and once as ``python -m advocacy``.

Workbooks are written by exports.workbook from fictional districts; none is real.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from advocacy import cli, fictional
from advocacy.exports import workbook
from advocacy.load import load_files
from advocacy.model import District

ROOT = Path(__file__).resolve().parents[2]
MAPLE = fictional.maple_valley()


def write(tmp_path: Path, district: District, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(workbook.render(district).data)
    return path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(argv), out=out)
    return code, out.getvalue()


def test_clean_file_exits_0_with_a_summary(tmp_path):
    code, text = run("check", str(write(tmp_path, MAPLE, "maple.xlsx")))
    assert (code, text) == (0, "1 district, 0 errors, 0 warnings\n")


def test_errors_exit_1_one_line_each_with_file_sheet_cell(tmp_path):
    bad = replace(MAPLE, profile=replace(MAPLE.profile, title_i_schools=20),
                  story=replace(MAPLE.story, impact="Retention rose from 71% to 95%."))
    path = write(tmp_path, bad, "bad.xlsx")
    code, text = run("check", str(path), str(tmp_path / "missing.xlsx"))
    lines = text.splitlines()
    assert code == 1
    assert [line.split(": ", 2)[:2] for line in lines[:-1]] == [
        ["error", "missing.xlsx"],
        ["error", "bad.xlsx › Profile › B12"],
        ["warning", "bad.xlsx › Story › B6"],
    ]
    assert "More Title I schools than schools" in lines[1]
    assert "Found “95%”. Expected 88%." in lines[2]
    assert lines[-1] == "1 district, 2 errors, 1 warning"


PROFILE_KEYS = {"students", "teachers", "schools", "per_pupil_expenditure",
                "title_i_eligible_pct", "title_i_schools", "english_learners_pct",
                "student_teacher_ratio", "instructional_coaches", "special_education_pct"}
SHAPE = {
    "name": str, "state": (str, type(None)), "nces_id": (str, type(None)),
    "state_id": (str, type(None)), "county": (str, type(None)),
    "congressional_district": (str, type(None)),
    "profile": dict, "spending": list, "revenue": list, "uses": list, "outcomes": list,
    "story": dict,
    "contact": dict,
}
LINES = {
    "spending": {"school_year": str, "source": str, "amount": (int, float)},
    "revenue": {"school_year": str, "source": str, "amount": (int, float)},
    "uses": {"school_year": str, "use": str, "amount": (int, float)},
    "outcomes": {"metric": str, "school_year": str, "value": (int, float),
                 "unit": (str, type(None)), "group": (str, type(None))},
}
TEXT = (str, type(None))
ISSUE = {"severity": str, "code": str, "district": TEXT, "file": str, "sheet": TEXT,
         "cell": TEXT, "row": (int, type(None)), "message": str, "subject": TEXT}


def assert_shape(record: dict, shape: dict) -> None:
    assert set(record) == set(shape)
    for key, kind in shape.items():
        assert isinstance(record[key], kind), key


def test_json_has_exactly_the_documented_shape(tmp_path):
    sparse = District(name="Sparse Fictional District")
    files = [write(tmp_path, d, f"{n}.xlsx") for n, d in (("a", MAPLE), ("b", sparse),
                                                           ("c", fictional.harbor_city()))]
    code, text = run("check", "--json", *map(str, files))
    report = json.loads(text)
    assert set(report) == {"districts", "issues"}
    assert code == 0 and report["issues"]  # the sparse district warns: no spending
    for district in report["districts"]:
        assert_shape(district, SHAPE)
        assert set(district["profile"]) == PROFILE_KEYS
        assert all(v is None or isinstance(v, int | float) for v in district["profile"].values())
        for key, shape in LINES.items():
            for line in district[key]:
                assert_shape(line, shape)
        assert_shape(district["story"], {k: TEXT for k in ("challenge", "solution", "impact")})
        assert_shape(district["contact"], {k: TEXT for k in
                                           ("name", "title", "organization", "email", "phone")})
    for issue in report["issues"]:
        assert_shape(issue, ISSUE)


def test_json_holds_real_values_and_null_for_missing(tmp_path):
    sparse = District(name="Sparse Fictional District")
    hostile = replace(MAPLE, story=replace(MAPLE.story, challenge="=SUM(A1) “quoted” 🎉 العربية"))
    files = [write(tmp_path, hostile, "maple.xlsx"), write(tmp_path, sparse, "sparse.xlsx")]
    report = json.loads(run("check", "--json", *map(str, files))[1])
    maple, empty = report["districts"]
    assert maple["profile"]["students"] == 8420
    assert maple["profile"]["per_pupil_expenditure"] == 13250
    assert maple["nces_id"] is None
    assert maple["spending"][0] == {"school_year": "2019-20", "source": "Title II-A",
                                    "amount": 340100}
    assert maple["outcomes"][0] == {"metric": "New-teacher retention rate",
                                    "school_year": "2019-20", "value": 71, "unit": "%",
                                    "group": None}
    assert maple["story"]["challenge"] == "=SUM(A1) “quoted” 🎉 العربية"
    assert maple["contact"]["email"] == "dwhitfield@maplevalley.example.org"
    assert set(empty["profile"].values()) == {None}
    # The emoji is said at check time, where the PDF will leave it out; Arabic prints.
    assert [(i["code"], i["district"], i["sheet"], i["cell"]) for i in report["issues"]] == [
        ("text.not_printable", maple["name"], "Story", "B4"),
        ("check.no_spending", empty["name"], None, None)]
    assert "Found “🎉”" in report["issues"][0]["message"]
    assert report["issues"][1] == {
        "severity": "warning", "code": "check.no_spending", "district": empty["name"],
        "file": "sparse.xlsx", "sheet": None, "cell": None, "row": None,
        "message": report["issues"][1]["message"], "subject": None}


def test_json_issue_names_the_value_it_is_about(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Profile"
    for row in (("District name", "Fictional Pine ISD"), ("Number of students", "lots"),
                ("% English learners", "many")):
        book.active.append(row)
    spending = book.create_sheet("Spending")
    for row in (("Source", "2021-22", "2022-23"), ("Title II-A", "$1,000", "abc")):
        spending.append(row)
    book.save(tmp_path / "pine.xlsx")
    report = json.loads(run("check", "--json", str(tmp_path / "pine.xlsx"))[1])
    assert [(i["code"], i["cell"], i["subject"]) for i in report["issues"]
            if i["subject"]] == [
        ("count.unreadable", "B2", "students"),
        ("percent.unreadable", "B3", "english_learners_pct"),
        ("money.unreadable", "C2", "spending:Title II-A:2022")]


@pytest.mark.parametrize("argv", [
    [], ["check"], ["frobnicate", "x.xlsx"], ["build", "x.xlsx"],
    ["build", "x.xlsx", "--out", "d", "--format", "pdf,docx"], ["template"],
])
def test_wrong_usage_exits_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_template_writes_the_blank_template(tmp_path):
    path = tmp_path / "blank.xlsx"
    code, text = run("template", str(path))
    assert code == 0 and str(path) in text
    result = load_files([path])
    assert result.districts == () and not [i for i in result.issues if i.is_error]


def test_samples_is_hidden_from_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    help_text = capsys.readouterr().out
    assert "check" in help_text and "samples" not in help_text


def test_module_runs_as_a_program(tmp_path):
    path = write(tmp_path, fictional.cedar_creek(), "cedar.xlsx")
    done = subprocess.run([sys.executable, "-m", "advocacy", "check", "--json", str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["districts"][0]["name"] == "Cedar Creek Schools"


def test_build_writes_ready_districts_and_exits_1_for_a_skipped_one(tmp_path):
    bad = replace(fictional.harbor_city(),
                  profile=replace(fictional.harbor_city().profile, instructional_coaches=4000))
    files = [write(tmp_path, MAPLE, "maple.xlsx"), write(tmp_path, bad, "harbor.xlsx")]
    out_dir = tmp_path / "out"
    code, text = run("build", *map(str, files), "--out", str(out_dir), "--format", "html,xlsx")
    assert code == 1
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "maple-valley-unified-school-district.html", "maple-valley-unified-school-district.xlsx"]
    assert (f"skipped {bad.name}: 1 error to fix: first, more instructional coaches than "
            "teachers at harbor.xlsx › Profile › B15.") in text
    assert "error: harbor.xlsx › Profile › B15: More instructional coaches than teachers" in text
    assert text.splitlines()[-1] == "1 district built, 1 skipped"


def test_build_packet_takes_cover_options_and_names_the_district_left_out(tmp_path):
    bad = replace(fictional.harbor_city(),
                  profile=replace(fictional.harbor_city().profile, instructional_coaches=4000))
    real = replace(MAPLE, fictional=False, data_sources="District finance office")
    files = [write(tmp_path, real, "maple.xlsx"), write(tmp_path, bad, "harbor.xlsx")]
    out_dir = tmp_path / "out"
    code, text = run("build", *map(str, files), "--out", str(out_dir), "--packet",
                     "--title", "Capitol Hill briefing", "--subtitle", "Title II-A at work",
                     "--event", "House Education Committee", "--date", "2026-03-04",
                     "--presenter", "Dana Ortiz", "--organization", "Lakeland Forward",
                     "--note", "Coaching keeps new teachers.")
    assert code == 1
    assert f"skipped {bad.name}: 1 error to fix" in text
    reader = PdfReader(out_dir / "packet.pdf")
    cover = " ".join(reader.pages[0].extract_text().split())
    for expected in ("Capitol Hill briefing", "Title II-A at work",
                     "House Education Committee · March 4, 2026",
                     "Presented by Dana Ortiz · Lakeland Forward", "Coaching keeps new teachers.",
                     "Figures were read from 1 file (maple.xlsx)"):
        assert expected in cover
    assert reader.metadata.author == "Lakeland Forward"
    summary = " ".join(reader.pages[2].extract_text().split())
    assert ("Not in this packet • Harbor City Public Schools: 1 error to fix: first, more "
            "instructional coaches than teachers at harbor.xlsx › Profile › B15.") in summary


def test_build_of_clean_files_exits_0(tmp_path):
    path = write(tmp_path, fictional.cedar_creek(), "cedar.xlsx")
    code, text = run("build", str(path), "--out", str(tmp_path / "out"), "--format", "xlsx")
    assert code == 0
    assert load_files([tmp_path / "out" / "cedar-creek-schools.xlsx"]).districts[0].name == (
        "Cedar Creek Schools")


def test_the_documented_example_has_every_key_the_output_has():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "check-json.md").read_text("utf-8")
    example = json.loads(docs.split("```json", 1)[1].split("```", 1)[0])
    (district,) = example["districts"]
    assert set(district) == set(SHAPE)
    assert set(district["profile"]) == PROFILE_KEYS
    assert all(set(issue) == set(ISSUE) for issue in example["issues"])
