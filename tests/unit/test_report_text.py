"""``report_text.check_text`` writes exactly what ``strict_json(check_json(...))`` writes.

The fast text is held to the reference dicts on real loads (where it must not fall back to
them) and on hand-made reports full of odd values: quotes, control characters, line feeds
and ", " inside labels, non-finite and huge numbers, ints where floats are usual, empty
lists, thousands of shared messages, and types the model never holds (where it may fall back,
and still must match).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy import checked, fictional, load, report_json, report_text
from advocacy.exports import workbook
from advocacy.ingest.files import SourceFile
from advocacy.issues import Issue, Severity
from advocacy.load import LoadResult
from advocacy.location import Location
from advocacy.model import (
    Contact,
    District,
    OutcomePoint,
    Profile,
    RevenueLine,
    SchoolYear,
    SpendingLine,
    Story,
    Unit,
    UseLine,
)
from tests import factories

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_data").glob("*.xlsx"))


def _reference(result: LoadResult) -> str:
    return report_json.strict_json(report_json.check_json(result))


@pytest.fixture
def no_fallback(monkeypatch):
    """The reference refuses to run: the text came from the fast path alone."""
    def refuse(result):
        raise AssertionError("check_text fell back to the dicts")
    monkeypatch.setattr(report_text, "check_json", refuse)


def _loads() -> list[tuple[str, list]]:
    national = factories.csv([
        ["Agency Name", "State Name", "Agency ID - NCES Assigned", "Total Students All Grades",
         "Full-Time Equivalent (FTE) Teachers", "English Language Learners"],
        *[[f"Union {n % 3}", ("Ohio", "Iowa")[n % 2], f"39{n:05d}", str(100 + n), "9.5",
           str(n)] for n in range(40)],
        ["Union 1", "Ohio", "3900001", "n/a", "—", "12,5%"],
    ])
    statewide = SourceFile("lakeland.xlsx", workbook.render_many(fictional.statewide(40)).data)
    return ([(path.name, [path]) for path in SAMPLES]
            + [("all samples", [p for p in SAMPLES if p.stem != "template"]),
               ("national csv", [national]), ("statewide", [statewide])])


LOADS = _loads()


@pytest.mark.parametrize(("name", "files"), LOADS, ids=[name for name, _ in LOADS])
def test_real_loads_are_written_as_the_reference_writes_them(name, files, no_fallback):
    result = checked.review(load.load_files(files))
    assert report_text.check_text(result) == _reference(result)


def test_a_statewide_load_has_lines_of_every_kind_and_issues():
    """The loads above exercise what they claim to."""
    result = checked.review(load.load_files(
        [SourceFile("lakeland.xlsx", workbook.render_many(fictional.statewide(40)).data)]))
    report = json.loads(report_text.check_text(result))
    assert all(report["districts"][0][kind] for kind in ("spending", "uses", "outcomes"))
    national = checked.review(load.load_files([factories.csv(
        [["District", "Students"], ["Maple", "10"], ["Cedar", "x"]])]))
    assert json.loads(report_text.check_text(national))["issues"]


AT = Location(file="a.xlsx", sheet="Spending", cell="C7")
ODD_TEXT = ['say "hi"', "back\\slash", "line\nfeed", "tab\there", "a, b", "\x00\x1f", "😀 é",
            "\u2028\u2029", "", " ", "null", "}, {", "[1, 2]"]


def _district(name: str, **fields) -> District:
    return District(name=name, **fields)


def _result(*districts: District, issues: tuple[Issue, ...] = ()) -> LoadResult:
    return LoadResult(districts=districts, issues=issues)


def _odd_district() -> District:
    years = [SchoolYear(2019), SchoolYear(2020), SchoolYear(1999)]
    return _district(
        'The "Odd", District\n', state="Ohio", nces_id="0012345", county="Lucas, OH",
        congressional_district="\t2004",
        profile=Profile(students=10**20, teachers=0.1 + 0.2, schools=0,
                        per_pupil_expenditure_usd=-0.0, title_i_eligible_pct=1e-7,
                        english_learners_pct=1e300),
        spending=tuple(SpendingLine(school_year=year, source=label, amount_usd=amount)
                       for year in years for label, amount in
                       (("Title II-A", 1.5), ("a, b", 2.0), ("line\nfeed", 1e16))),
        uses=(UseLine(school_year=years[0], use="}, {", amount_usd=3),
              UseLine(school_year=years[0], use="Coaching", amount_usd=0.0)),
        revenue=(RevenueLine(school_year=years[1], source="Title II-A", amount_usd=123456.789),),
        outcomes=(OutcomePoint(metric="Retention", school_year=years[0], value=54.0,
                               unit=Unit.PERCENT, group="coached, new"),
                  OutcomePoint(metric="Retention", school_year=years[1], value=7,
                               unit=None, group=None),
                  OutcomePoint(metric="Score", school_year=years[1], value=-1.25e-5,
                               unit=Unit.SCORE)),
        story=Story(challenge="Line one\nline two", impact=""),
        contact=Contact(name="Ana “Q” Ruiz", email="a@example.org"),
    )


def _issues() -> tuple[Issue, ...]:
    same = [Issue.warning("check.no_spending", at=Location(file="a.csv"), district=f"D{n}",
                          expected="spending", hint="Fill in the Spending sheet")
            for n in range(50)]
    return (
        *same,
        Issue.error("money.unreadable", at=AT, found="12,5 $", subject="spending:State:2019",
                    district='The "Odd", District\n'),
        Issue.error("count.unreadable", at=Location(file="a.csv", row=12, column="Students"),
                    found="x" * 200, subject="english_learners_count"),
        Issue.warning("made.up_code", at=Location(file="b.xlsx", sheet="S"), subject="students"),
        Issue.warning("year.ambiguous", at=AT, found="2019", expected="a school year",
                      hint="Write 2019-20?"),
    )


def test_odd_values_are_written_as_the_reference_writes_them(no_fallback):
    result = _result(_odd_district(), _district("Empty"), issues=_issues())
    text = report_text.check_text(result)
    assert text == _reference(result)
    assert json.loads(text)["districts"][1]["spending"] == []


def test_a_non_finite_number_is_null_as_the_reference_writes_it(no_fallback):
    district = _district("Maple", profile=Profile(teachers=math.nan, students=3),
                         spending=(SpendingLine(school_year=SchoolYear(2020), source="State",
                                                amount_usd=math.inf),),
                         outcomes=(OutcomePoint(metric="m", school_year=SchoolYear(2020),
                                                value=-math.inf),))
    result = _result(district)
    text = report_text.check_text(result)
    assert text == _reference(result)
    assert "NaN" not in text and "Infinity" not in text


def test_amounts_whose_sum_overflows_are_each_written_as_they_are(no_fallback):
    lines = tuple(SpendingLine(school_year=SchoolYear(2020 + n), source="State",
                               amount_usd=1.7e308) for n in range(3))
    result = _result(_district("Maple", spending=lines))
    assert report_text.check_text(result) == _reference(result)


class _Label(str):
    pass


class _Issue(Issue):
    @property
    def message(self) -> str:
        return "worded otherwise"


@pytest.mark.parametrize("district", [
    _district("Maple", profile=Profile(students=True)),
    _district("Maple", profile=Profile(teachers=np.float64(2.5))),
    _district(_Label("Maple")),
    _district("Maple", state=7),  # type: ignore[arg-type]
    _district("Maple", spending=(SpendingLine(school_year=SchoolYear(2020), source=["a", "b"],
                                              amount_usd=1.0),)),  # type: ignore[arg-type]
    _district("Maple", uses=(UseLine(school_year=SchoolYear(2020), use=_Label("Coaching"),
                                     amount_usd=np.float64(1.5)),)),
    _district("Maple", outcomes=(OutcomePoint(metric="m", school_year=SchoolYear(2020),
                                              value=1.0, group=3),)),  # type: ignore[arg-type]
], ids=["bool", "numpy float", "str subclass", "int state", "list label", "numpy amount",
        "int group"])
def test_types_the_model_never_holds_are_written_as_the_reference_writes_them(district):
    result = _result(district)
    assert report_text.check_text(result) == _reference(result)


def test_an_issue_subclass_keeps_its_own_message():
    issue = _Issue(severity=Severity.ERROR, code="x.y", at=AT)
    result = _result(_district("Maple"), issues=(issue,))
    assert report_text.check_text(result) == _reference(result)
    assert "worded otherwise" in report_text.check_text(result)


def test_found_values_equal_but_of_two_types_keep_their_own_messages():
    issues = (Issue.error("count.unreadable", at=AT, found=1),  # type: ignore[arg-type]
              Issue.error("count.unreadable", at=AT, found=1.0))  # type: ignore[arg-type]
    result = _result(issues=issues)
    text = report_text.check_text(result)
    assert text == _reference(result)
    assert "“1”" in text and "“1.0”" in text


texts = st.one_of(st.none(), st.sampled_from(ODD_TEXT), st.text(max_size=12))
labels = st.one_of(st.sampled_from(["Title II-A", "State", *ODD_TEXT]), st.text(max_size=8))
numbers = st.one_of(st.none(), st.floats(), st.integers(min_value=-10**20, max_value=10**20))
amounts = st.one_of(st.floats(), st.integers(min_value=-10**6, max_value=10**6))
years = st.builds(SchoolYear, st.integers(min_value=1990, max_value=2040))


def _lines(kind, label_field: str):
    return st.lists(st.builds(kind, school_year=years, amount_usd=amounts,
                              **{label_field: labels}), max_size=4).map(tuple)


districts = st.builds(
    District, name=st.text(max_size=10), state=texts, nces_id=texts, county=texts,
    profile=st.builds(Profile, students=numbers, teachers=numbers, student_teacher_ratio=numbers),
    spending=_lines(SpendingLine, "source"), uses=_lines(UseLine, "use"),
    revenue=_lines(RevenueLine, "source"),
    outcomes=st.lists(st.builds(OutcomePoint, metric=labels, school_year=years, value=amounts,
                                unit=st.one_of(st.none(), st.sampled_from(Unit)),
                                group=texts), max_size=4).map(tuple),
    story=st.builds(Story, challenge=texts), contact=st.builds(Contact, email=texts))
issues = st.builds(
    Issue, severity=st.sampled_from(Severity), code=st.sampled_from(["money.unreadable", "x.y"]),
    at=st.builds(Location, file=st.text(max_size=6), sheet=texts, cell=texts,
                 row=st.one_of(st.none(), st.integers(min_value=1, max_value=10**6))),
    found=texts, expected=texts, hint=texts, district=texts,
    subject=st.one_of(st.none(), st.sampled_from(["students", "english_learners_count",
                                                   "spending:State:2020"]), texts))


@settings(max_examples=100, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(found=st.lists(districts, max_size=4), problems=st.lists(issues, max_size=6))
def test_any_report_is_written_as_the_reference_writes_it(found, problems):
    result = _result(*found, issues=tuple(problems))
    assert report_text.check_text(result) == _reference(result)
