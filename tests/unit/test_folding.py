"""Repeated issues fold into a counted summary; a file's list is capped; blocking is unchanged."""

from __future__ import annotations

from advocacy.ingest import folding, vocabulary
from advocacy.issues import Issue, blocking
from advocacy.load import load_files
from advocacy.location import Location, in_csv, in_sheet
from tests import factories


def test_a_column_of_conflicting_values_lists_three_then_counts_the_rest():
    rows = [["Students"], *[[str(n)] for n in range(1, 5_001)]]
    result = load_files([factories.csv(rows, name="one-column.csv")])
    conflicts = [i for i in result.issues if i.code == "district.conflict"]
    assert [str(i.at) for i in conflicts] == [
        "one-column.csv › row 3, column A", "one-column.csv › row 4, column A",
        "one-column.csv › row 5, column A", "one-column.csv"]
    assert conflicts[-1].found == "the same in 4,996 more rows of column A"
    assert conflicts[-1].district == "one-column"


def test_repeated_spending_rows_fold_per_series():
    rows = [["District", "School year", "Source", "Amount"]]
    rows += [["Maple", "2019-20", "Title II-A", "$1,000"]] * 10
    result = load_files([factories.csv(rows)])
    repeats = [(i.code, str(i.at), i.found) for i in result.issues if i.code == "row.duplicate"]
    assert len(repeats) == 4
    assert repeats[-1] == ("row.duplicate", "upload.csv", "the same in 6 more rows of column D")


def test_twenty_thousand_unknown_headings_are_one_folded_warning():
    headings = ["District", "Students", *[f"Mystery column {n}" for n in range(20_000)]]
    values = ["Maple", "100", *["1"] * 20_000]
    result = load_files([factories.csv([headings, values])])
    unknown = [i for i in result.issues if i.code == "header.unrecognised"]
    assert len(unknown) == 4
    assert unknown[-1].found == "the same in 19,997 more columns of row 1"


def test_folding_never_crosses_districts_so_every_district_stays_blocked():
    issues = [
        Issue.error("money.unreadable", at=in_sheet("s.xlsx", "Data", r, 2), district=f"D{r}")
        for r in range(5_000)
    ]
    folded = folding.fold(issues)
    assert {i.district for i in folded if i.is_error} == {f"D{r}" for r in range(5_000)}
    assert blocking(folded, "D4999")


def test_a_file_over_the_cap_ends_with_a_summary():
    issues = [Issue.warning("year.ambiguous", at=in_csv("a.csv", r, f"C{r}")) for r in range(2_500)]
    folded = folding.fold(issues)
    assert len(folded) == 2_001
    assert (folded[-1].code, str(folded[-1].at)) == ("file.too_many_issues", "a.csv")
    assert folded[-1].found == "500 more issues after the first 2,000"


def test_the_cap_keeps_the_first_error_of_a_district_seen_late():
    warnings = [
        Issue.warning("year.ambiguous", at=in_csv("a.csv", r, f"C{r}")) for r in range(2_100)
    ]
    late = Issue.error("money.unreadable", at=in_csv("a.csv", 3_000, "B"), district="Late")
    folded = folding.cap([*warnings, late])
    assert late in folded
    assert len(folded) == 2_000 + 2


def test_one_more_than_shown_is_listed_rather_than_summarised():
    issues = [Issue.warning("year.ambiguous", at=in_csv("a.csv", r, "B")) for r in range(4)]
    assert folding.fold(issues) == issues


def test_a_single_issue_is_kept_as_it_is():
    issue = Issue.warning("label.unknown", at=Location(file="a.csv", row=2, column="A"))
    assert folding.fold([issue]) == [issue]


def test_suggestions_are_asked_once_per_label_and_bounded_per_sheet():
    suggestions = vocabulary.Suggestions(limit=2)
    assert suggestions("Numbr of students") == "Number of students"
    assert suggestions("Numbr of students") == "Number of students"
    assert suggestions("Numbr of teachers") == "Number of teachers (FTE)"
    assert vocabulary.suggest("Numbr of schools") is not None
    assert suggestions("Numbr of schools") is None  # over the bound: no fuzzy search at all
