"""Real agency files from ../shared/real-data (see its README): what a user would expect.

These files are public agency data kept byte for byte; they are not ours and are not shipped.
Where the folder is absent (users' machines, CI), every test here is skipped with the reason.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from advocacy.load import load_files

REAL = Path(__file__).resolve().parents[3] / "shared" / "real-data"

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.skipif(not REAL.is_dir(), reason=f"real agency data not present at {REAL}"),
]


def _load(name: str):
    started = time.perf_counter()
    result = load_files([REAL / name])
    return result, time.perf_counter() - started


def _by_name(result):
    return {district.name: district for district in result.districts}


def test_kentucky_turnover_gives_district_teacher_counts_without_schools_or_state():
    result, elapsed = _load("KYRC24_OVW_Teacher_Turnover (1).csv")
    districts = _by_name(result)
    assert len(districts) == 177  # 178 "All Schools" rows less the "All Districts" state row
    assert "All Districts" not in districts
    assert districts["Adair County"].profile.teachers == 203
    assert districts["Allen County"].profile.teachers == 196
    assert str(districts["Adair County"].where("teachers")) == (
        "KYRC24_OVW_Teacher_Turnover (1).csv › row 3, column N"
    )
    assert not any(issue.is_error for issue in result.issues)
    assert "year.unreadable" not in {issue.code for issue in result.issues}  # 20232024
    assert elapsed < 10


def test_virginia_table_15_gives_divisions_not_sections_or_the_state_row():
    result, elapsed = _load("final-fy23-table-15.xlsm")
    districts = _by_name(result)
    # 132 divisions; Covington has no figures in this year's table, so 131 districts.
    assert len(districts) == 131
    assert "Covington" not in districts
    assert not {"COUNTIES", "CITIES", "TOWNS", "State", "State7"} & set(districts)
    # Franklin County and Franklin City share a name; the section heading tells them apart.
    assert districts["Franklin"].profile.students == 6215
    assert districts["Franklin (Cities)"].profile.students == 1015
    accomack = districts["Accomack"]
    assert accomack.profile.students == 4781
    assert accomack.profile.per_pupil_expenditure_usd == 15308
    assert str(accomack.where("students")) == "final-fy23-table-15.xlsm › FY 2023 TABLE 15 › C11"
    assert elapsed < 10


def test_pennsylvania_adm_gives_500_districts_without_the_statewide_total():
    result, _ = _load("adm_22_23.csv")
    districts = _by_name(result)
    assert len(districts) == 500
    assert districts["Bermudian Springs SD"].profile.students == 1872
    assert all(d.profile.students and d.profile.students < 1_000_000 for d in districts.values())


def test_nces_per_pupil_table_gives_expenditure_rows_without_crashing():
    result, _ = _load("sppe18.xlsx")
    districts = _by_name(result)
    assert districts["New Haven City Schools"].profile.per_pupil_expenditure_usd == 19289
    assert districts["Seattle School District 1"].profile.per_pupil_expenditure_usd == 15014
    assert not {"United States", "Northeast", "Connecticut", "Oregon"} & set(districts)


def test_kentucky_salaries_give_a_clear_warning_not_garbage_districts():
    result, _ = _load("Average Certified Salaries.xlsx")
    assert result.districts == ()
    assert [(i.code, i.is_error) for i in result.issues] == [
        ("sheet.unrecognised", False),
        ("file.no_tables", False),
    ]
    (table,) = result.unrecognised
    assert table.headers[:3] == ("Dist No", "District name", "1989-90")


def test_pennsylvania_revenue_file_loads_without_exception():
    result, elapsed = _load("revenue_22_23.csv")
    assert isinstance(result.districts, tuple)
    assert elapsed < 30


MAPPING = Path(__file__).resolve().parents[2] / "docs" / "examples" / "pennsylvania-title-ii-a.json"


def test_pennsylvania_worked_example_through_mapping_gives_481_districts_with_revenue():
    import io
    import json

    from advocacy import cli

    out = io.StringIO()
    code = cli.main(["check", "--json", "--mapping", str(MAPPING), str(REAL / "revenue_22_23.csv"),
                     str(REAL / "adm_22_23.csv")], out=out)
    report = json.loads(out.getvalue())
    assert code == 0
    districts = report["districts"]
    assert len(districts) == 500  # every ADM district; 19 have no Title II-A row
    assert len({d["state_id"] for d in districts}) == 500  # each row its own district (AUN)
    funded = [d for d in districts if d["revenue"]]
    assert len(funded) == 481
    assert all(d["profile"]["students"] for d in funded)
    assert all(d["spending"] == [] for d in districts)  # revenue is never spending
    gallatin = next(d for d in funded if d["state_id"] == "101260303")
    assert (gallatin["name"], gallatin["state"], gallatin["county"]) == (
        "Albert Gallatin Area SD", "PA", "Fayette")
    assert gallatin["revenue"] == [
        {"school_year": "2022-23", "source": "Title II-A", "amount": 161544.46}]
    assert sum(line["amount"] for d in funded for line in d["revenue"]) == pytest.approx(
        61_479_198.16)


def test_kentucky_turnover_gives_district_numbers_and_turnover_as_an_outcome():
    result, _ = _load("KYRC24_OVW_Teacher_Turnover (1).csv")
    adair = _by_name(result)["Adair County"]
    assert (adair.state_id, adair.county) == ("001", "ADAIR")
    (point,) = adair.outcomes
    assert (point.metric, str(point.school_year), point.value, point.higher_is_better) == (
        "Teacher turnover", "2023-24", 19.2, False)
    assert len({d.state_id for d in result.districts}) == len(result.districts)


def test_kentucky_salaries_through_a_mapping_are_an_outcome_per_year_with_ids():
    from advocacy.ingest.mapping import ColumnMapping

    issues = []
    mapping = ColumnMapping.from_json(json.dumps({"columns": [], "outcomes": [
        {"metric": "Average certified salary", "unit": "$", "higher_is_better": True,
         "columns": "years"}]}), issues)
    result = load_files([REAL / "Average Certified Salaries.xlsx"], mapping=mapping)
    assert issues == []
    assert len(result.districts) == 176  # names that differ by a trailing space stay apart
    assert len({d.state_id for d in result.districts}) == 176
    adair = next(d for d in result.districts if d.state_id == "001")
    series = {str(p.school_year): p.value for p in adair.outcomes}
    assert len(series) == 36 and series["1989-90"] > 0
    assert all(p.metric == "Average certified salary" for p in adair.outcomes)


def test_virginia_figures_take_the_fiscal_year_of_the_title():
    result, _ = _load("final-fy23-table-15.xlsm")
    accomack = _by_name(result)["Accomack"]
    assert accomack.profile.students == 4781
    assert str(accomack.where("students")).endswith("› C11")
