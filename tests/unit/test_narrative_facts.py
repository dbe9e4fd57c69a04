"""Headline facts: which facts the data supports, ranked, sourced; which are refused and why."""

from __future__ import annotations

from dataclasses import replace

import pytest

from advocacy import metrics
from advocacy.fictional import cedar_creek, harbor_city, maple_valley
from advocacy.location import Location, in_sheet
from advocacy.model import (
    COACHING,
    COURSES_WORKSHOPS,
    DISTRICT,
    STATE,
    TITLE_II_A,
    District,
    OutcomePoint,
    Profile,
    SchoolYear,
    SpendingLine,
    Unit,
    UseLine,
)
from advocacy.narrative import headline_facts, refused_facts
from advocacy.narrative.facts import fraction_words

Y19, Y20, Y21, Y22, Y23 = (SchoolYear(2019 + offset) for offset in range(5))


def _facts(district: District):
    return headline_facts(district, metrics.compute(district))


def _refused(district: District):
    return [(r.kind, r.subject, r.reason)
            for r in refused_facts(district, metrics.compute(district))]


def _district(*, outcomes=(), uses=None, spending=None, profile=None) -> District:
    """A small district built in code: two years of spending and uses unless told otherwise."""
    if spending is None:
        spending = [SpendingLine(school_year=y, source=s, amount_usd=a)
                    for y, s, a in ((Y19, TITLE_II_A, 40000), (Y19, DISTRICT, 60000),
                                    (Y23, TITLE_II_A, 30000), (Y23, DISTRICT, 90000))]
    if uses is None:
        uses = [UseLine(school_year=y, use=u, amount_usd=a)
                for y, u, a in ((Y19, COACHING, 20000), (Y19, COURSES_WORKSHOPS, 80000),
                                (Y23, COACHING, 70000), (Y23, COURSES_WORKSHOPS, 50000))]
    return District(name="Code-built District", profile=profile or Profile(teachers=50),
                    spending=tuple(spending), uses=tuple(uses), outcomes=tuple(outcomes))


def _series(metric, values, *, unit=Unit.PERCENT, higher_is_better=True, years=None):
    years = years or (Y19, Y20, Y21, Y22, Y23)
    return [OutcomePoint(metric=metric, school_year=y, value=v, unit=unit,
                         higher_is_better=higher_is_better) for y, v in zip(years, values,
                                                                            strict=False)]


@pytest.mark.parametrize("district,kinds", [
    (maple_valley(), ["outcome_gain"] * 3 + ["use_shift", "title_ii_a_share",
                                             "title_ii_a_dollars", "per_teacher",
                                             "total_dollars"] + ["profile"] * 3),
    (cedar_creek(), ["outcome_gain"] * 2 + ["use_shift", "title_ii_a_share",
                                            "title_ii_a_dollars", "per_teacher",
                                            "total_dollars"] + ["profile"] * 3),
    # All teachers' retention went from 83% to 84%: a one-point wobble is not a gain.
    (harbor_city(), ["outcome_gain"] * 2 + ["use_shift", "title_ii_a_share",
                                            "title_ii_a_dollars", "per_teacher",
                                            "total_dollars"] + ["profile"] * 3),
], ids=["maple", "cedar", "harbor"])
def test_samples_rank_results_then_dollars_then_profile(district, kinds):
    assert [fact.kind for fact in _facts(district)] == kinds
    assert _refused(district) == ([] if district.name != harbor_city().name else [
        ("outcome_gain", "Teacher retention for all teachers",
         "it held steady (a change of a point or less)")])


def test_maple_valley_facts_read_plainly_with_their_comparison():
    facts = {fact.kind: fact for fact in reversed(_facts(maple_valley()))}
    # A teacher outcome outranks a perception survey, whose label reads as prose.
    assert [(f.text, f.comparison) for f in _facts(maple_valley())[:2]] == [
        ("New-teacher retention rate rose from 71% in 2019-20 to 88% in 2023-24 (+17 points).",
         "2019-20 vs 2023-24"),
        ("The share of teachers who say professional learning is relevant to their work rose "
         "from 52% in 2019-20 to 77% in 2023-24 (+25 points).", "2019-20 vs 2023-24"),
    ]
    assert facts["use_shift"].text == (
        "Coaching grew from 26% to 58% of professional-learning dollars between 2019-20 and "
        "2023-24, while courses and workshops fell from 48% to 21%.")
    assert facts["title_ii_a_share"].text == (
        "Title II-A paid for 25% of professional learning in 2023-24, down from 34% in 2019-20.")
    assert facts["per_teacher"].text == (
        "In 2023-24, we spent $2,299 per teacher on professional learning, across 513 teachers.")
    assert [(n.value, n.text, n.unit) for n in facts["per_teacher"].numbers] == [
        (pytest.approx(2298.54, abs=0.01), "$2,299", Unit.USD), (512.5, "513", Unit.COUNT)]


def test_counts_that_multiply_say_so():
    cycles = next(f for f in _facts(maple_valley()) if f.subject == "Coaching cycles completed")
    assert cycles.text == ("Coaching cycles completed rose from 140 in 2019-20 to 460 in "
                           "2023-24: it more than tripled.")


def test_lower_is_better_decline_is_a_gain():
    vacancies = next(f for f in _facts(cedar_creek()) if "vacancies" in f.subject)
    assert (vacancies.kind, vacancies.text) == (
        "outcome_gain", "Teacher vacancies in August fell from 9 in 2019-20 to 3 in 2023-24.")


def test_profile_facts_frame_the_challenge_with_plain_fractions():
    texts = [f.text for f in _facts(harbor_city()) if f.kind == "profile"]
    assert texts == [
        "Of our 48,300 students, 72% are eligible for Title I: nearly three in four.",
        "Of our 48,300 students, 28% are English learners: more than one in four.",
        "Of our 48,300 students, 15.5% receive special education services: nearly one in six.",
    ]


@pytest.mark.parametrize("outcomes,refusal", [
    (_series("Retention", [80], years=[Y23]),
     ("outcome_gain", "Retention", "only one school year (2023-24)")),
    (_series("Retention", [80, 80.5], years=[Y19, Y23]),
     ("outcome_gain", "Retention", "it held steady (a change of a point or less)")),
    (_series("Retention", [70, 80], years=[Y19, Y23], higher_is_better=None),
     ("outcome_gain", "Retention", "the data does not say whether higher is better")),
    (_series("Retention", [80, 70], years=[Y19, Y23]),
     ("outcome_gain", "Retention", "the outcome got worse")),
], ids=["one-year", "noise", "direction-unknown", "worse"])
def test_unsupported_outcome_gains_are_refused(outcomes, refusal):
    district = _district(outcomes=outcomes)
    assert refusal in _refused(district)
    assert not [f for f in _facts(district) if f.kind == "outcome_gain"]


def test_unknown_direction_is_stated_as_a_change_not_a_gain():
    district = _district(outcomes=_series("Retention", [70, 80], years=[Y19, Y23],
                                          higher_is_better=None))
    change = next(f for f in _facts(district) if f.subject == "Retention")
    assert (change.kind, change.text) == (
        "outcome_change", "Retention rose from 70% in 2019-20 to 80% in 2023-24 (+10 points).")
    assert _facts(district)[-1].kind == "outcome_change"  # ranked after every other fact


def test_a_use_missing_at_an_endpoint_is_not_read_as_zero():
    uses = [UseLine(school_year=y, use=u, amount_usd=a)
            for y, u, a in ((Y19, COURSES_WORKSHOPS, 80000), (Y19, "Induction", 20000),
                            (Y23, COACHING, 70000), (Y23, COURSES_WORKSHOPS, 30000),
                            (Y23, "Induction", 20000))]
    district = _district(uses=uses)
    assert ("use_shift", COACHING, "missing in 2019-20") in _refused(district)
    shift = next(f for f in _facts(district) if f.kind == "use_shift")
    assert shift.text == ("Courses and workshops fell from 80% to 25% of professional-learning "
                          "dollars between 2019-20 and 2023-24.")


def test_one_year_of_spending_refuses_every_trend():
    spending = [SpendingLine(school_year=Y23, source=s, amount_usd=a)
                for s, a in ((TITLE_II_A, 30000), (STATE, 0), (DISTRICT, 0))]
    uses = [UseLine(school_year=Y23, use=COACHING, amount_usd=30000)]
    district = _district(spending=spending, uses=uses)
    assert [f.kind for f in _facts(district)] == ["title_ii_a_share", "per_teacher"]
    assert ("use_shift", "uses", "fewer than two school years") in _refused(district)
    assert _facts(district)[0].text == (
        "Title II-A paid for 100% of professional learning in 2023-24.")


def test_title_ii_a_alone_never_claims_a_share_of_professional_learning():
    spending = [SpendingLine(school_year=Y23, source=TITLE_II_A, amount_usd=30000)]
    district = _district(spending=spending)
    assert "title_ii_a_share" not in [f.kind for f in _facts(district)]
    assert ("title_ii_a_share", TITLE_II_A,
            "the State or District amount is unknown in the latest year") in _refused(district)


def test_steady_shares_are_not_called_a_shift():
    uses = [UseLine(school_year=y, use=u, amount_usd=a)
            for y, u, a in ((Y19, COACHING, 50000), (Y19, COURSES_WORKSHOPS, 50000),
                            (Y23, COACHING, 60300), (Y23, COURSES_WORKSHOPS, 59700))]
    district = _district(uses=uses)
    assert ("use_shift", "uses", "no use's share moved by a point or more") in _refused(district)


def test_missing_teachers_refuses_dollars_per_teacher():
    district = _district(profile=Profile(students=900))
    assert ("per_teacher", "teachers", "the number of teachers is missing") in _refused(district)


def test_facts_carry_the_cells_they_rest_on():
    at = {key: in_sheet("mv.xlsx", sheet, row, col) for key, sheet, row, col in (
        ("retention19", "Outcomes", 3, 4), ("retention23", "Outcomes", 3, 8),
        ("el", "Profile", 9, 1))}
    outcomes = [OutcomePoint(metric="Retention", school_year=Y19, value=70, unit=Unit.PERCENT,
                             higher_is_better=True, at=at["retention19"]),
                OutcomePoint(metric="Retention", school_year=Y23, value=80, unit=Unit.PERCENT,
                             higher_is_better=True, at=at["retention23"])]
    district = replace(_district(outcomes=outcomes),
                       profile=Profile(english_learners_pct=25.0, students=400),
                       located=(("english_learners_pct", at["el"]),))
    facts = {f.kind: f for f in _facts(district)}
    assert [str(loc) for loc in facts["outcome_gain"].sources] == [
        "mv.xlsx › Outcomes › E4", "mv.xlsx › Outcomes › I4"]
    assert facts["profile"].sources == (Location("mv.xlsx", "Profile", "B10"),)
    assert facts["profile"].text == "Of our 400 students, 25% are English learners: one in four."


@pytest.mark.parametrize("percent,words", [
    (12.5, "one in eight"), (14.0, "one in seven"), (28.0, "more than one in four"),
    (38.0, "nearly two in five"), (50.0, "half"), (72.0, "nearly three in four"),
    (3.5, None), (33.0, "one in three"),
])
def test_fraction_words(percent, words):
    assert fraction_words(percent) == words


def test_title_ii_a_missing_in_the_first_year_states_no_trend():
    spending = [SpendingLine(school_year=y, source=s, amount_usd=a)
                for y, s, a in ((Y19, DISTRICT, 60000), (Y23, TITLE_II_A, 30000),
                                (Y23, STATE, 0), (Y23, DISTRICT, 90000))]
    district = _district(spending=spending)
    assert ("title_ii_a_share", "trend",
            "Title II-A is missing in the first year or there is one year") in _refused(district)
    share = next(f for f in _facts(district) if f.kind == "title_ii_a_share")
    assert (share.text, share.comparison) == (
        "Title II-A paid for 25% of professional learning in 2023-24.", "2023-24")
    assert not [f for f in _facts(district) if f.kind == "title_ii_a_dollars"]
