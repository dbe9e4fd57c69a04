"""District ↔ editable rows: values shown as people write them, read back with upload rules."""

from __future__ import annotations

from dataclasses import replace

import pytest

from advocacy import edit, fictional
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import Profile, SchoolYear

MAPLE = fictional.maple_valley()


def rows_with(rows, index, column, value):
    changed = [dict(row) for row in rows]
    changed[index][column] = value
    return changed


def located(issues) -> list[tuple[str, str]]:
    return [(issue.code, str(issue.at)) for issue in issues]


def test_profile_rows_follow_the_template_order_as_people_write_them():
    rows = edit.profile_rows(MAPLE)
    assert [row[edit.FIELD] for row in rows][:3] == [
        "Number of students", "Number of teachers (FTE)", "Number of schools"]
    shown = {row[edit.FIELD]: row[edit.VALUE] for row in rows}
    assert shown.items() >= {
        "Number of students": "8,420", "Per-pupil expenditure": "$13,250",
        "% English learners": "12.5%", "Student-to-teacher ratio": "16.4:1"}.items()


def test_spending_rows_show_the_newest_year_first():
    first = edit.spending_rows(MAPLE)[0]
    assert list(first) == ["Source", "2023-24", "2022-23", "2021-22", "2020-21", "2019-20"]
    assert first["Source"] == "Title II-A" and first["2023-24"] == "$298,000"


def test_unchanged_rows_give_back_the_same_district():
    issues = []
    same = edit.apply_profile(MAPLE, edit.profile_rows(MAPLE), issues)
    same = edit.apply_spending(same, edit.spending_rows(MAPLE), issues)
    same = edit.apply_uses(same, edit.use_rows(MAPLE), issues)
    assert same == MAPLE and issues == []


@pytest.mark.parametrize(("index", "typed", "field", "value"), [
    (0, "9,001", "students", 9001),
    (1, "498.5", "teachers", 498.5),
    (3, "$14,000", "per_pupil_expenditure_usd", 14000.0),
    (6, "7.5%", "english_learners_pct", 7.5),
    (6, "7.5", "english_learners_pct", 7.5),
    (7, "15:1", "student_teacher_ratio", 15.0),
    (0, "", "students", None),
])
def test_typed_profile_values_are_read_with_upload_rules(index, typed, field, value):
    issues = []
    fixed = edit.apply_profile(MAPLE, rows_with(edit.profile_rows(MAPLE), index, edit.VALUE,
                                                typed), issues)
    assert getattr(fixed.profile, field) == value and issues == []
    if value is not None:
        assert str(fixed.where(field)) == f"Edited in the app › District description › B{index + 2}"


@pytest.mark.parametrize(("index", "typed", "code"), [
    (0, "lots", "count.unreadable"),
    (4, "150%", "percent.out_of_range"),
    (7, "sixteen", "ratio.unreadable"),
])
def test_a_bad_typed_value_is_located_in_the_grid_and_the_old_value_kept(index, typed, code):
    issues = []
    fixed = edit.apply_profile(MAPLE, rows_with(edit.profile_rows(MAPLE), index, edit.VALUE,
                                                typed), issues)
    assert located(issues) == [(code, f"Edited in the app › District description › B{index + 2}")]
    assert issues[0].district == MAPLE.name
    assert fixed.profile == MAPLE.profile


def test_a_typed_amount_replaces_that_year_only():
    issues = []
    rows = rows_with(edit.spending_rows(MAPLE), 1, "2023-24", "$250,000")
    fixed = edit.apply_spending(MAPLE, rows, issues)
    changed = {(line.source, line.school_year): line.amount_usd for line in fixed.spending}
    assert changed[("State", SchoolYear(2023))] == 250_000
    assert changed[("State", SchoolYear(2022))] == 236_500
    assert len(fixed.spending) == len(MAPLE.spending) and issues == []


def test_bad_dollars_are_flagged_at_their_grid_cell():
    issues = []
    fixed = edit.apply_spending(MAPLE, rows_with(edit.spending_rows(MAPLE), 1, "2023-24",
                                                 "$1,2,3"), issues)
    assert located(issues) == [("money.unreadable", "Edited in the app › Spending by source › B3")]
    assert fixed.spending == MAPLE.spending


def test_a_new_use_row_adds_the_districts_own_line():
    issues = []
    rows = [*edit.use_rows(MAPLE), {"Use": "Mentoring", "2023-24": "$12,500", "2022-23": None}]
    fixed = edit.apply_uses(MAPLE, rows, issues)
    assert fixed.use_names()[-1] == "Mentoring" and issues == []
    assert [line.amount_usd for line in fixed.uses if line.use == "Mentoring"] == [12_500]


def test_a_row_without_a_name_is_an_error_not_a_silent_drop():
    issues = []
    edit.apply_uses(MAPLE, [*edit.use_rows(MAPLE), {"Use": "", "2023-24": "$5"}], issues)
    row = len(edit.use_rows(MAPLE)) + 2
    assert located(issues) == [
        ("edit.unknown_field", f"Edited in the app › How dollars are spent › A{row}")]


def test_value_errors_settle_only_once_nothing_is_missing():
    flagged = Issue.error("count.unreadable", at=Location(file="x.xlsx", sheet="Profile",
                                                         cell="B6"), district=MAPLE.name)
    assert edit.recheck([flagged], MAPLE) == []
    gap = replace(MAPLE, profile=replace(MAPLE.profile, students=None))
    assert flagged in edit.recheck([flagged], gap)


def test_recheck_puts_errors_first():
    at = Location(file="x.xlsx")
    warning = Issue.warning("sheet.hidden_skipped", at=at)
    error = Issue.error("file.truncated", at=at)
    assert edit.recheck([warning, error, warning], None) == [error, warning]


def test_profile_labels_cover_every_field():
    assert len({edit.profile_label(name) for name in Profile.field_names()}) == 10
