"""Cross-field checks: districts built in code, and the same faults read from real workbooks.

All districts are fictional (advocacy/fictional.py, or variations of its Maple Valley).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from advocacy import checks, fictional
from advocacy.exports import workbook
from advocacy.ingest.files import SourceFile
from advocacy.issues import Severity
from advocacy.load import load_files
from advocacy.location import Location
from advocacy.model import (
    COACHING,
    STATE,
    TITLE_II_A,
    District,
    OutcomePoint,
    SchoolYear,
    SpendingLine,
    Unit,
    UseLine,
)

TODAY = dt.date(2025, 3, 1)  # school year 2024-25
MAPLE = fictional.maple_valley()
NAME = MAPLE.name
Y = SchoolYear


def with_profile(**changes) -> District:
    return replace(MAPLE, profile=replace(MAPLE.profile, **changes))


def without_year(lines, year: int):
    return tuple(line for line in lines if line.school_year != Y(year))


def codes(issues) -> list[tuple[str, str]]:
    return [(issue.code, str(issue.at)) for issue in issues]


def test_fictional_samples_pass_every_check():
    for district in (*fictional.sample_districts(), *fictional.statewide(30)):
        assert checks.check_district(district, today=TODAY) == []


CASES = [
    # (id, district, [(code, severity)])
    ("title_i_schools_above_schools", with_profile(title_i_schools=15),
     [("check.title_i_schools_exceed_schools", Severity.ERROR)]),
    ("title_i_schools_equal_schools", with_profile(title_i_schools=14), []),
    ("coaches_above_teachers", with_profile(instructional_coaches=513),
     [("check.coaches_exceed_teachers", Severity.ERROR)]),
    ("percent_above_100", with_profile(special_education_pct=100.5),
     [("percent.out_of_range", Severity.ERROR)]),
    ("percent_below_0", with_profile(english_learners_pct=-1),
     [("percent.out_of_range", Severity.ERROR)]),
    ("percent_exactly_100", with_profile(title_i_eligible_pct=100), []),
    ("outcome_percent_above_100", replace(MAPLE, outcomes=MAPLE.outcomes + (
        OutcomePoint(metric="Attendance", school_year=Y(2023), value=101, unit=Unit.PERCENT),)),
     [("percent.out_of_range", Severity.ERROR)]),
    ("outcome_count_above_100", replace(MAPLE, outcomes=MAPLE.outcomes + (
        OutcomePoint(metric="Visits", school_year=Y(2023), value=101, unit=Unit.COUNT),)), []),
    # 8,420 / 512.5 = 16.43; 10% either side is 14.79 to 18.07
    ("ratio_within_10_percent", with_profile(student_teacher_ratio=18.0), []),
    ("ratio_beyond_10_percent", with_profile(student_teacher_ratio=18.2),
     [("check.ratio_inconsistent", Severity.WARNING)]),
    ("ratio_without_teachers_not_checked", with_profile(student_teacher_ratio=40, teachers=None),
     []),
    ("uses_above_spending", replace(MAPLE, uses=MAPLE.uses + (
        UseLine(school_year=Y(2023), use="Travel", amount_usd=10_000),)),
     [("check.uses_exceed_total", Severity.ERROR)]),
    # 2023-24 spending is 1,178,000; 0.5% is 5,890
    ("uses_above_spending_within_rounding", replace(MAPLE, uses=MAPLE.uses + (
        UseLine(school_year=Y(2023), use="Travel", amount_usd=5_800),)), []),
    ("gap_in_spending", replace(MAPLE, spending=without_year(MAPLE.spending, 2021)),
     [("check.year_gap", Severity.WARNING)]),
    ("gap_in_uses", replace(MAPLE, uses=without_year(MAPLE.uses, 2020)),
     [("check.year_gap", Severity.WARNING)]),
    ("gap_in_one_outcome_series", replace(MAPLE, outcomes=tuple(
        p for p in MAPLE.outcomes
        if not (p.metric == "Coaching cycles completed" and p.school_year == Y(2022)))),
     [("check.year_gap", Severity.WARNING)]),
    ("no_spending", replace(MAPLE, spending=(), uses=()),
     [("check.no_spending", Severity.WARNING)]),
    ("next_school_year", replace(MAPLE, spending=MAPLE.spending + (
        SpendingLine(school_year=Y(2025), source=STATE, amount_usd=1),)),
     # 2024-25 has no spending, so the series has a gap too
     [("check.year_gap", Severity.WARNING), ("check.future_year", Severity.WARNING)]),
    ("duplicated_row", replace(MAPLE, spending=MAPLE.spending + MAPLE.spending[:1]),
     [("row.duplicate", Severity.WARNING)]),
]


@pytest.mark.parametrize(("district", "expected"), [(d, e) for _id, d, e in CASES],
                         ids=[case[0] for case in CASES])
def test_check_finds_exactly_the_planted_fault(district, expected):
    found = checks.check_district(district, today=TODAY)
    assert [(issue.code, issue.severity) for issue in found] == expected
    assert {issue.district for issue in found} <= {NAME}


def test_issue_without_a_known_cell_points_at_the_first_file():
    located = replace(with_profile(title_i_schools=20),
                      located=(("name", Location("maple.xlsx", "Profile", "B4")),))
    unlocated = with_profile(title_i_schools=20)
    assert codes(checks.check_district(located, today=TODAY)) == [
        ("check.title_i_schools_exceed_schools", "maple.xlsx")]
    assert codes(checks.check_district(unlocated, today=TODAY)) == [
        ("check.title_i_schools_exceed_schools", NAME)]


def test_gap_message_names_the_missing_years_and_the_series():
    district = replace(MAPLE, outcomes=(
        OutcomePoint(metric="Retention", group="coached", school_year=Y(2019), value=80),
        OutcomePoint(metric="Retention", group="coached", school_year=Y(2022), value=85)))
    (gap,) = checks.check_district(district, today=TODAY)
    assert gap.found == "“Retention” (coached): no 2020-21, 2021-22"


def test_future_year_is_reported_once_per_year():
    future = tuple(SpendingLine(school_year=Y(2026), source=s, amount_usd=1)
                   for s in (TITLE_II_A, STATE))
    district = replace(MAPLE, spending=MAPLE.spending + future,
                       uses=MAPLE.uses + (UseLine(school_year=Y(2026), use=COACHING,
                                                  amount_usd=1),))
    found = [i for i in checks.check_district(district, today=TODAY)
             if i.code == "check.future_year"]
    assert [i.found for i in found] == ["2026-27"]


def loaded(district: District, name: str = "maple.xlsx"):
    return load_files([SourceFile(name, workbook.render(district).data)])


def test_review_locates_profile_faults_at_their_cells():
    bad = with_profile(title_i_schools=20, instructional_coaches=600, student_teacher_ratio=25)
    result = checks.review(loaded(bad), today=TODAY)
    assert codes(result.issues) == [
        ("check.title_i_schools_exceed_schools", "maple.xlsx › Profile › B12"),
        ("check.coaches_exceed_teachers", "maple.xlsx › Profile › B15"),
        ("check.ratio_inconsistent", "maple.xlsx › Profile › B14"),
    ]
    assert {i.district for i in result.issues} == {NAME}
    assert not result.ready(NAME)


def test_review_locates_line_faults_at_their_cells():
    # Spending columns are newest first: 2023-24 in B … 2019-20 in F; 2021-22 left blank (D).
    bad = replace(MAPLE, spending=without_year(MAPLE.spending, 2021), uses=MAPLE.uses + (
        UseLine(school_year=Y(2023), use="Travel", amount_usd=10_000),))
    result = checks.review(loaded(bad), today=TODAY)
    assert codes(result.issues) == [
        ("check.uses_exceed_total", "maple.xlsx › Uses › B4"),
        ("check.year_gap", "maple.xlsx › Spending › C4"),
    ]
    assert result.districts == loaded(bad).districts


def test_review_does_not_repeat_what_loading_reported():
    result = checks.review(loaded(with_profile(english_learners_pct=130)), today=TODAY)
    assert codes(result.issues) == [("percent.out_of_range", "maple.xlsx › Profile › B13")]


def test_review_of_many_districts_names_each_issue_district():
    districts = [fictional.cedar_creek(), replace(MAPLE, spending=())]
    data = workbook.render_many(districts).data
    result = checks.review(load_files([SourceFile("two.xlsx", data)]), today=TODAY)
    assert [(i.code, i.district, str(i.at)) for i in result.issues] == [
        ("check.no_spending", NAME, "two.xlsx")]
    assert result.ready(NAME) and result.ready("Cedar Creek Schools")


def _not_printable(district: District) -> list[tuple[str, str, str]]:
    return [(i.code, str(i.at), i.found) for i in checks.check_district(district, today=TODAY)
            if i.code == "text.not_printable"]


def test_a_name_in_chinese_warns_that_the_pdf_cannot_print_it():
    issues = [i for i in checks.check_district(replace(MAPLE, name="北京市第一学区"), today=TODAY)
              if i.code == "text.not_printable"]
    assert [(i.severity, i.found, i.district) for i in issues] == [
        (Severity.WARNING, "北京市第一学区", "北京市第一学区")]
    assert "Chinese, Japanese or Korean" in issues[0].message
    assert "placeholder name" in issues[0].message


def test_emoji_in_the_story_warn_at_the_story_cell():
    at = Location(file="story.xlsx", sheet="Story", cell="B4")
    district = replace(MAPLE, story=replace(MAPLE.story, impact="Up 🎉 and 👩‍🏫"),
                       located=MAPLE.located + (("story.impact", at),))
    assert _not_printable(district) == [
        ("text.not_printable", "story.xlsx › Story › B4", "🎉👩🏫")]


def test_arabic_hebrew_and_latin_print_without_a_warning():
    district = replace(MAPLE, name="مدارس النور الموحدة",
                       story=replace(MAPLE.story, solution="שלום למורים, café"))
    assert _not_printable(district) == []


def _general(district: District) -> list[tuple[str, str, str | None]]:
    """What each check's general path finds, its quick "nothing can be wrong" test aside."""
    found: list = []
    checks._gap(district, "spending", district.spending, found)
    checks._gap(district, "uses", district.uses, found)
    for (metric, group), points in district.outcome_series().items():
        checks._gap(district, f"“{metric}”" + (f" ({group})" if group else ""), points, found)
    return [(i.code, str(i.at), i.found) for i in found]


def _point(metric: str, group: str | None, year: int) -> OutcomePoint:
    return OutcomePoint(metric=metric, group=group, school_year=Y(year), value=1.0,
                        at=Location("o.xlsx", "Outcomes", f"C{year - 2000}"))


@pytest.mark.parametrize("years", [
    {"new": (2019, 2021), "all": (2020,)},  # together every year, but "new" misses 2020-21
    {"new": (2019, 2020, 2021), "all": (2019, 2021)},
    {"new": (2019, 2020), "all": (2022, 2023)},  # apart from each other, each whole
    {"new": (2021,), "all": ()},
])
def test_quick_gap_test_finds_what_every_series_walked_finds(years):
    outcomes = tuple(_point("Retention", group, year)
                     for group, starts in years.items() for year in starts)
    district = replace(MAPLE, outcomes=outcomes, uses=without_year(MAPLE.uses, 2020))
    found = [(i.code, str(i.at), i.found) for i in checks.check_district(district, today=TODAY)
             if i.code == "check.year_gap"]
    assert found == _general(district)


def test_repeats_in_uses_and_outcomes_are_found_as_in_spending():
    point = _point("Retention", None, 2021)
    district = replace(MAPLE, uses=MAPLE.uses + MAPLE.uses[-1:],
                       outcomes=(point, replace(point, value=2.0),
                                 replace(point, group="coached")))
    found = checks.check_district(district, today=TODAY)
    assert [(i.code, i.found) for i in found if i.code == "row.duplicate"] == [
        ("row.duplicate", f"{MAPLE.uses[-1].use} {MAPLE.uses[-1].school_year} again"),
        ("row.duplicate", "Retention 2021-22 again")]


def test_unprintable_text_only_in_an_outcome_group_is_found():
    point = _point("Retention", "教师", 2021)
    district = replace(MAPLE, outcomes=(point,))
    (issue,) = [i for i in checks.check_district(district, today=TODAY)
                if i.code == "text.not_printable"]
    assert (issue.found, issue.at, issue.district) == ("教师", point.at, NAME)


def test_an_issue_for_another_district_is_a_copy_and_the_same_district_is_itself():
    (issue,) = checks.check_district(with_profile(title_i_schools=15), today=TODAY)
    assert issue.for_district(NAME) is issue
    other = issue.for_district("Cedar Creek")
    assert other == replace(issue, district="Cedar Creek")
    assert issue.district == NAME
