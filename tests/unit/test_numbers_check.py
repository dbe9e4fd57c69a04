"""The numbers check: every number in a story is verified, contradicted or flagged."""

from __future__ import annotations

import pytest

from advocacy import metrics
from advocacy.fictional import harbor_city, maple_valley
from advocacy.location import Location, in_sheet
from advocacy.model import Story
from advocacy.narrative import CONTRADICTS, UNVERIFIED, VERIFIED, check_story, story_issues
from advocacy.narrative.spans import find_numbers

MAPLE = maple_valley()
MAPLE_FIGURES = metrics.compute(MAPLE)

PLANTED = Story(
    challenge=("In 2019-20, 29% of our new teachers left within a year, and Title II-A paid for "
               "40% of our professional learning."),
    solution=("We moved dollars from workshops to coaching: 22 coaches now work with every "
              "first- and second-year teacher, and coaching more than doubled to $680,000."),
    impact=("New-teacher retention rose from 71% to 91% in four years, and coaching cycles "
            "grew from 140 to 460 a year. We spent $48K on substitutes."),
)


def _verdicts(text: str, part: str = "impact"):
    story = Story(**{part: text})
    return [(c.text, c.status, c.expected if c.status == CONTRADICTS else c.source)
            for c in check_story(MAPLE, MAPLE_FIGURES, story)]


@pytest.mark.parametrize("text,found", [
    ("$298,000", [("usd", "$298,000", 298000, None)]),
    ("nearly $1.2 million", [("usd", "nearly $1.2 million", 1.2e6, "nearly")]),
    ("$48K", [("usd", "$48K", 48000, None)]),
    ("88% and 88 percent", [("pct", "88%", 88, None), ("pct", "88 percent", 88, None)]),
    ("8,420 students, 18 coaches", [("count", "8,420", 8420, None), ("count", "18", 18, None)]),
    ("eighteen coaches", [("count", "eighteen", 18, None)]),
    ("twenty-two coaches", [("count", "twenty-two", 22, None)]),
    ("2019-20, SY 2020-2021, FY19, since 2019",
     [("year", "2019-20", 2019, None), ("year", "SY 2020-2021", 2020, None),
      ("year", "FY19", 2018, None), ("year", "2019", 2019, None)]),
    ("16.4:1", [("ratio", "16.4:1", 16.4, None)]),
    ("more than one in four", [("fraction", "more than one in four", 25, "more than")]),
    ("about half", [("fraction", "about half", 50, "about")]),
    ("tripled, three times", [("multiple", "tripled", 3, None),
                              ("multiple", "three times", 3, None)]),
    ("+17 points", [("points", "17 points", 17, None)]),
    ("in four years", [("years", "four years", 4, None)]),
    ("from 71 to 88 percent", [("pct", "71", 71, None), ("pct", "88 percent", 88, None)]),
    ("one-off workshops, first-year teachers, grade 3, K-12, 1st", []),
])
def test_find_numbers(text, found):
    assert [(s.kind, s.text, pytest.approx(s.value, abs=1e-6), s.qualifier)
            for s in find_numbers(text)] == found


@pytest.mark.parametrize("text,verdicts", [
    # matching
    ("New-teacher retention rose from 71% to 88%.", [
        ("71%", VERIFIED, "New-teacher retention rate, 2019-20 (71%)"),
        ("88%", VERIFIED, "New-teacher retention rate, 2023-24 (88%)")]),
    ("We spend $2,299 per teacher.", [
        ("$2,299", VERIFIED, "PL dollars per teacher, 2023-24 ($2,299)")]),
    ("Our 18 instructional coaches serve 14 schools.", [
        ("18", VERIFIED, "Number of instructional coaches (18)"),
        ("14", VERIFIED, "Number of schools (14)")]),
    ("Coaching took 58 percent of our dollars.", [
        ("58 percent", VERIFIED, "Coaching share of PL dollars, 2023-24 (57.7%)")]),
    ("Title II-A fell 12%.", [
        ("12%", VERIFIED, "relative change in Title II-A, 2019-20 to 2023-24 (−12.4%)")]),
    ("In 2019-20, 29% of new teachers left.", [
        ("2019-20", VERIFIED, "school year 2019-20 is in the data"),
        ("29%", VERIFIED, "the rest of New-teacher retention rate, 2019-20 (71%) (29%)")]),
    # contradicting: the figure for the metric named beside the number
    ("New-teacher retention rose to 91%.", [("91%", CONTRADICTS, "88%")]),
    ("We have 7 Title I schools.", [("7", CONTRADICTS, "6")]),
    ("Our ratio is 18:1.", [("18:1", CONTRADICTS, "16.4:1")]),
    ("Retention rose 20 points.", [("20 points", CONTRADICTS, "+17 points")]),
    ("In 2019-20, Title II-A paid for 40% of professional learning.", [
        ("2019-20", VERIFIED, "school year 2019-20 is in the data"),
        ("40%", CONTRADICTS, "34%")]),
    # rounded, within the stated tolerances
    ("About 90% of new teachers stay.", [
        ("About 90%", VERIFIED, "New-teacher retention rate, 2023-24 (88%)")]),
    ("We spend nearly $1.2 million a year.", [
        ("nearly $1.2 million", VERIFIED, "Total PL dollars, 2023-24 ($1,178,000)")]),
    ("We serve more than 8,000 students.", [
        ("more than 8,000", VERIFIED, "Number of students (8,420)")]),
    ("We serve more than 9,000 students.", [("more than 9,000", CONTRADICTS, "8,420")]),
    # spelled out, fractions and multipliers
    ("Eighteen coaches work with new teachers.", [
        ("Eighteen", VERIFIED, "Number of instructional coaches (18)")]),
    ("Twenty coaches work with new teachers.", [("Twenty", CONTRADICTS, "18")]),
    ("One in eight of our students is an English learner.", [
        ("One in eight", VERIFIED, "% English learners (12.5%)")]),
    ("One in three of our students is an English learner.", [
        ("One in three", CONTRADICTS, "12.5%")]),
    ("Coaching cycles more than tripled.", [
        ("more than tripled", VERIFIED,
         "Coaching cycles completed, 2019-20 to 2023-24, last ÷ first (×3.3)")]),
    ("Coaching cycles tripled.", [("tripled", CONTRADICTS, "×3.3")]),
    ("We have one coach for every 28 teachers.", [
        ("28", VERIFIED, "Teachers per instructional coach (28.5)")]),
    ("We average 16 students per teacher.", [
        ("16", VERIFIED, "Student-to-teacher ratio (16.4:1)")]),
    ("Title II-A gave us $1.6 million over five years.", [
        ("$1.6 million", VERIFIED, "Title II-A, 2019-20 to 2023-24 total ($1,595,000)"),
        ("over five years", VERIFIED, "5 school years of data")]),
    # years
    ("Since 2019, FY20 and FY2024.", [
        ("2019", VERIFIED, "school year 2019-20 is in the data"),
        ("FY20", VERIFIED, "school year 2019-20 is in the data"),
        ("FY2024", VERIFIED, "school year 2023-24 is in the data")]),
    ("In 2018-19 few stayed.", [("2018-19", UNVERIFIED, None)]),
    ("Over five years we grew; in four years retention rose.", [
        ("Over five years", VERIFIED, "5 school years of data"),
        ("four years", VERIFIED, "2019-20 to 2023-24 (4 years)")]),
    ("Over nine years we grew.", [("Over nine years", UNVERIFIED, None)]),
    # untraceable: flagged, never silently accepted
    ("We spent $48K on substitutes.", [("$48K", UNVERIFIED, None)]),
    ("Three summer institutes served 512.5 teachers.", [
        ("Three", UNVERIFIED, None), ("512.5", VERIFIED, "Number of teachers (512.5)")]),
])
def test_verdicts_on_maple_valley(text, verdicts):
    assert _verdicts(text) == verdicts


def test_spans_point_into_their_part():
    checks = check_story(MAPLE, MAPLE_FIGURES, PLANTED)
    for check in checks:
        assert getattr(PLANTED, check.part)[check.start:check.end] == check.text
    assert [c.part for c in checks if c.status != VERIFIED] == [
        "challenge", "solution", "impact", "impact"]


def test_planted_wrong_numbers_become_located_warnings():
    issues = story_issues(MAPLE.with_story(PLANTED), MAPLE_FIGURES)
    assert [(i.code, str(i.at), i.found, i.expected) for i in issues] == [
        ("story.number_contradicts", "(story)", "40%", "34%"),
        ("story.number_contradicts", "(story)", "22", "18"),
        ("story.number_contradicts", "(story)", "91%", "88%"),
        ("story.number_unverified", "(story)", "$48K",
         "a number that appears in, or follows from, the district's data"),
    ]
    assert {i.district for i in issues} == {MAPLE.name}
    assert not any(i.is_error for i in issues)
    assert issues[2].hint == ("The data shows 88% for new-teacher retention rate in 2023-24, "
                              "not 91%. Correct the impact or the data")


def test_issues_point_at_the_story_cell_and_the_data_cell():
    from dataclasses import replace

    outcomes = tuple(replace(p, at=in_sheet("mv.xlsx", "Outcomes", 3, 3 + p.school_year.start
                                            - 2019 + 1))
                     if p.metric == "New-teacher retention rate" else p for p in MAPLE.outcomes)
    district = replace(MAPLE, outcomes=outcomes, story=Story(impact="Retention rose to 91%."),
                       located=(("story.impact", Location("mv.xlsx", "Story", "B4")),))
    [issue] = story_issues(district, metrics.compute(district))
    assert (issue.code, str(issue.at)) == ("story.number_contradicts", "mv.xlsx › Story › B4")
    assert issue.hint == ("The data shows 88% for new-teacher retention rate in 2023-24, not "
                          "91% (from mv.xlsx › Outcomes › I4). Correct the impact or the data")


@pytest.mark.parametrize("district", [maple_valley(), harbor_city()], ids=["maple", "harbor"])
def test_sample_stories_check_clean(district):
    figures = metrics.compute(district)
    checks = check_story(district, figures, district.story)
    assert checks and all(c.status == VERIFIED for c in checks)
    assert story_issues(district, figures) == []


def test_harbor_city_story_numbers_trace_to_profile_and_outcome():
    district = harbor_city()
    checks = check_story(district, metrics.compute(district), district.story)
    assert [(c.text, c.source) for c in checks] == [
        ("More than one in four", "% English learners (28%)"),
        ("48,300", "Number of students (48,300)"),
        ("22%", "ELA proficiency of English learners, 2019-20 (22%)"),
    ]


def test_a_real_workbook_story_is_checked_against_its_own_cells():
    from advocacy import load
    from tests import factories

    book = factories.xlsx({
        "Profile": [["District profile (fictional)"], [], ["Field", "Value"],
                    ["District name", "Maple Test"], ["Number of students", 8420],
                    ["Number of instructional coaches", 18]],
        "Outcomes": [["Outcomes"], [], ["Metric", "Group", "Unit", "Higher is better",
                                        "2019-20", "2023-24"],
                     ["New-teacher retention rate", None, "%", "Yes", 71, 88]],
        "Story": [["Story"], [], ["Field", "Value"],
                  ["Challenge", "We serve 8,420 students."],
                  ["Impact", "Retention rose from 71% to 91%; 22 coaches."]],
    }, name="maple.xlsx")
    [district] = load.load_files([book]).districts
    issues = story_issues(district, metrics.compute(district))
    assert [(i.code, str(i.at), i.found, i.expected) for i in issues] == [
        ("story.number_contradicts", "maple.xlsx › Story › B5", "91%", "88%"),
        ("story.number_contradicts", "maple.xlsx › Story › B5", "22", "18"),
    ]
    assert [i.hint for i in issues] == [
        "The data shows 88% for new-teacher retention rate in 2023-24, not 91% "
        "(from maple.xlsx › Outcomes › F4). Correct the impact or the data",
        "The data shows 18 for the number of instructional coaches, not 22 "
        "(from maple.xlsx › Profile › B6). Correct the impact or the data",
    ]


def test_a_part_past_its_word_target_is_a_warning_with_the_count():
    long_impact = " ".join(["Retention rose to 88% and stayed there."] * 10)  # 70 words
    issues = story_issues(MAPLE.with_story(Story(challenge="Too many new teachers left.",
                                                  impact=long_impact)), MAPLE_FIGURES)
    assert [(i.code, i.found, i.expected) for i in issues] == [
        ("story.too_long", "impact: 70 words", "about 60 words"),
    ]
