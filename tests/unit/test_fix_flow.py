"""Fixing in the app, below the page: each issue says which value it is about, and typing that
value (or marking it "not applicable" or "unknown") settles exactly that issue; other blanks stay
blank and never become 0. Workbooks are real (openpyxl); the districts are fictional."""

from __future__ import annotations

from advocacy import edit
from advocacy.ingest.mapping import ColumnMapping
from advocacy.load import load_files
from advocacy.model import SchoolYear
from tests import factories

NAME = "Birch Hollow"


def flagged_workbook():
    """A district with one bad profile cell, one bad spending cell, and honest blanks."""
    return factories.xlsx({
        "Profile": [
            ["Birch Hollow: district profile (fictional)"],
            ["District name", NAME],
            ["Number of students", "lots"],
            ["Number of teachers", 300],
            ["Number of schools", None],
        ],
        "Spending": [
            ["Source", "2023-24", "2022-23", "2020-21"],
            ["Title II-A", "$1,2,3", 900, 800],
            ["State", 500, None, 400],
        ],
    }, merged={"Profile": ["A1:C1"]})


def loaded():
    result = load_files([flagged_workbook()])
    return result, result.districts[0], list(result.for_district(NAME))


def test_each_value_issue_names_its_subject():
    _, _, issues = loaded()
    assert [(i.code, str(i.at), i.district, i.subject) for i in issues] == [
        ("count.unreadable", "upload.xlsx › Profile › B3", NAME, "students"),
        ("money.unreadable", "upload.xlsx › Spending › B2", NAME, "spending:Title II-A:2023"),
    ]


def test_typing_the_flagged_profile_value_settles_only_its_issue():
    _, district, issues = loaded()
    rows = edit.profile_rows(district)
    rows[0]["Value"] = "6,000"
    found: list = []
    fixed = edit.apply_profile(district, rows, found)
    assert found == []
    after = edit.recheck(issues, fixed)
    assert [(i.code, i.subject) for i in after if not i.code.startswith("check.")] == [
        ("money.unreadable", "spending:Title II-A:2023")]
    assert fixed.profile.students == 6000
    assert fixed.profile.schools is None  # the honest blank stays blank


def test_typing_the_flagged_amount_settles_it_and_blanks_stay_blank():
    _, district, issues = loaded()
    rows = edit.spending_rows(district, issues)
    assert [list(row) for row in rows][0] == [
        "Source", "2023-24", "2022-23", "2021-22", "2020-21", "2019-20"]  # all five years
    assert rows[0] == {"Source": "Title II-A", "2023-24": "", "2022-23": "$900",
                       "2021-22": "", "2020-21": "$800", "2019-20": ""}
    rows[0]["2023-24"] = "$1,000"
    fixed = edit.apply_spending(district, rows, [])
    profile_rows = edit.profile_rows(fixed)
    profile_rows[0]["Value"] = "6000"
    fixed = edit.apply_profile(fixed, profile_rows, [])
    after = edit.recheck(issues, fixed)
    assert not [i for i in after if i.is_error]
    amounts = {(line.source, line.school_year): line.amount_usd for line in fixed.spending}
    assert amounts[("Title II-A", SchoolYear(2023))] == 1000
    assert ("State", SchoolYear(2022)) not in amounts  # never 0
    assert ("Title II-A", SchoolYear(2021)) not in amounts


def test_a_blank_can_be_marked_not_applicable_or_unknown_and_stays_missing():
    _, district, issues = loaded()
    marked = edit.mark(district, "students", edit.UNKNOWN)
    rows = edit.spending_rows(marked, issues)
    rows[0]["2023-24"] = "n/a"
    marked = edit.apply_spending(marked, rows, [])
    assert dict(marked.marked) == {"students": "unknown",
                                   "spending:Title II-A:2023": "not applicable"}
    assert not [i for i in edit.recheck(issues, marked) if i.is_error]
    assert marked.profile.students is None
    assert ("Title II-A", SchoolYear(2023)) not in {
        (line.source, line.school_year) for line in marked.spending}
    assert edit.profile_rows(marked)[0]["Value"] == "unknown"
    assert edit.spending_rows(marked, issues)[0]["2023-24"] == "not applicable"
    # Typing a number later replaces the mark.
    rows = edit.spending_rows(marked, issues)
    rows[0]["2023-24"] = "1200"
    again = edit.apply_spending(marked, rows, [])
    assert "spending:Title II-A:2023" not in dict(again.marked)


def test_flagged_cells_point_into_the_grids():
    _, district, issues = loaded()
    assert edit.flagged_cells(district, issues) == {
        "profile": [("Number of students", "Value")],
        "sources": [("Title II-A", "2023-24")],
        "uses": [],
    }


def test_years_with_open_errors_are_provisional():
    _, _, issues = loaded()
    assert edit.provisional_years(issues) == (SchoolYear(2023),)


def test_did_you_mean_is_one_mapping_away():
    source = factories.xlsx({"Profile": [["District name", NAME], ["Nmber of studnts", 5000]]})
    result = load_files([source])
    [issue] = [i for i in result.issues if i.code == "label.unknown"]
    label, key = edit.suggestion(issue)
    assert (label, key) == ("Number of students", "students")
    again = load_files([source], mapping=ColumnMapping(columns=((issue.found, key),)))
    assert again.districts[0].profile.students == 5000
    assert not [i for i in again.issues if i.code == "label.unknown"]


def test_rename_keeps_everything_else():
    _, district, _ = loaded()
    renamed = edit.rename(district, "  Birch   Hollow  USD ")
    assert renamed.name == "Birch Hollow USD"
    assert renamed.spending == district.spending
    assert edit.rename(district, "   ").name == NAME


def misspelt_sources_workbook():
    return factories.xlsx({
        "Profile": [["District name", NAME], ["Number of students", 5000]],
        "Spending": [
            ["Source", "2023-24", "2022-23"],
            ["Titel 2", 1200, 1100],
            ["Stat", 500, 400],
            ["Distrcit", 300, 200],
            ["Foundation grant", 50, 40],
            ["Title I", 70, 60],
        ],
    })


def test_a_misspelt_source_is_a_located_warning_with_its_did_you_mean():
    result = load_files([misspelt_sources_workbook()])
    found = [(i.code, i.at.sheet, i.at.cell, i.district, edit.suggestion(i))
             for i in result.issues if i.code == "source.unknown"]
    assert found == [
        ("source.unknown", "Spending", "A2", NAME, ("Title II-A", "source:Title II-A")),
        ("source.unknown", "Spending", "A3", NAME, ("State", "source:State")),
        ("source.unknown", "Spending", "A4", NAME, ("District", "source:District")),
    ]
    assert all(not i.is_error for i in result.issues)  # a warning never blocks
    # Kept, under its own name until accepted: the warning says so, nothing is lost.
    assert set(result.districts[0].sources()) == {
        "Titel 2", "Stat", "Distrcit", "Foundation grant", "Title I"}


def test_an_accepted_source_suggestion_reads_the_row_as_the_template_source():
    source = misspelt_sources_workbook()
    mapping = ColumnMapping(columns=(("Titel 2", "source:Title II-A"), ("Stat", "source:State")))
    again = load_files([source], mapping=mapping)
    district = again.districts[0]
    assert district.sources() == ("Title II-A", "State", "Distrcit", "Foundation grant",
                                  "Title I")
    assert [(str(line.school_year), line.amount_usd) for line in district.spending
            if line.source == "Title II-A"] == [("2022-23", 1100), ("2023-24", 1200)]
    assert [i.found for i in again.issues if i.code == "source.unknown"] == ["Distrcit"]
