"""Text is cleaned once as it is read: invisible characters out, lengths capped, each located."""

from __future__ import annotations

import re

import pytest

from advocacy.ingest import text_clean
from advocacy.ingest.fields import Fact
from advocacy.load import load_files
from advocacy.location import in_sheet
from advocacy.model import OutcomePoint, RevenueLine, SchoolYear, SpendingLine, UseLine
from tests import factories


def _load(name: str, nces: str = "0612345", metric: str = "Reading"):
    rows = [["District", "NCES ID", "Students", "School year", "Title II-A"],
            [name, nces, "100", "2022-23", "$1,000"]]
    outcome = [["District", "Metric", "School year", "Value", "Unit"],
               [name, metric, "2022-23", "50", "%"]]
    return load_files([factories.csv(rows, name="d.csv"), factories.csv(outcome, name="o.csv")])


@pytest.mark.parametrize(("typed", "kept"), [
    ("Zero\u200bWidth Unified", "ZeroWidth Unified"), ("Tab\tCounty", "Tab County"),
    ("Bidi\u202eSchools", "BidiSchools"), ("Private\ue000 Use", "Private Use"),
])
def test_invisible_characters_are_removed_with_a_located_warning(typed, kept):
    result = _load(typed)
    assert [d.name for d in result.districts] == [kept]
    cleaned = [(i.code, str(i.at)) for i in result.issues if i.code == "text.cleaned"]
    assert ("text.cleaned", "d.csv › row 2, column A") in cleaned
    assert result.ready(kept)


def test_an_id_with_a_zero_width_space_and_a_tab_is_cleaned():
    result = _load("Maple", nces="06\u200b123\t45")
    assert result.districts[0].nces_id == "06123 45"


def test_a_long_name_is_cut_to_the_limit_with_a_warning():
    result = _load("Lakeland " * 40)
    [district] = result.districts
    assert len(district.name) == 150 and district.name.endswith("…")
    assert [str(i.at) for i in result.issues if i.code == "text.too_long"] == [
        "d.csv › row 2, column A", "o.csv › row 2, column A"]


def test_a_name_with_no_letters_is_an_error_that_blocks_only_itself():
    result = _load("😀😀😀")
    assert [(i.code, str(i.at)) for i in result.issues if i.is_error] == [
        ("text.no_letters", "d.csv › row 2, column A"),
        ("text.no_letters", "o.csv › row 2, column A")]
    assert not result.ready(result.districts[0].name)


def test_metric_labels_are_cleaned_too():
    result = _load("Maple", metric="Read\u200bing\x07")
    assert [p.metric for p in result.districts[0].outcomes] == ["Reading"]


@pytest.mark.parametrize(("typed", "kept"), [
    # Characters of the removed categories that a quick regex screen once let through: a tag
    # character (Cf, U+E0041) and an unassigned code point (Cn, U+0378).
    ("Tag\U000e0041ged Schools", "Tagged Schools"),
    ("Un\u0378assigned County", "Unassigned County"),
    ("Soft\u00adHyphen Unified", "SoftHyphen Unified"),
])
def test_every_character_of_the_removed_categories_goes(typed, kept):
    result = _load(typed)
    assert [d.name for d in result.districts] == [kept]
    assert "text.cleaned" in [i.code for i in result.issues]


@pytest.mark.parametrize("typed", ["São Tomé  Unified", "Ōtautahi\u00a0Schools",
                                   "=SUM(A1) District", "Schools 😀 of 北京", "Ünïted   ISD"])
def test_visible_text_keeps_every_character_as_written(typed):
    result = _load(typed)
    assert [d.name for d in result.districts] == [typed]
    assert [i.code for i in result.issues if i.code.startswith("text.")] == []


def test_the_contract_doc_states_exactly_what_is_cleaned():
    from advocacy.ingest import text_clean
    from tests.app.conftest import ROOT

    flat = " ".join((ROOT / "docs" / "check-json.md").read_text(encoding="utf-8").split())
    named = set(re.findall(r"\b(C[cfosn]) \(", flat))
    assert named == set(text_clean._DROPPED)
    limits = text_clean.LIMITS
    for words, limit in {"district names and labels": limits["name"],
                         "NCES and state IDs": limits["nces_id"], "`state`": limits["state"],
                         "`county`": limits["county"], "each story part": limits["story"],
                         "other text": limits["other"]}.items():
        assert f"{words} {limit:,}" in flat, words
    assert limits["line"] == limits["name"] and limits["state_id"] == limits["nces_id"]


# The quick look (each distinct text once) and the fact-by-fact pass, on the same facts.
_AT = in_sheet("s.xlsx", "Spending", 4, 3)
_YEAR = SchoolYear(2022)


def _line(source: str) -> SpendingLine:
    return SpendingLine(school_year=_YEAR, source=source, amount_usd=1.0, at=_AT)


def _point(metric: str, group: str | None = None) -> OutcomePoint:
    return OutcomePoint(metric=metric, school_year=_YEAR, value=5.0, group=group, at=_AT)


def _rows(name: str, *values: object) -> list[Fact]:
    facts = [Fact("name", name, _AT, name)]
    for value in values:
        key = "outcomes" if isinstance(value, OutcomePoint) else (
            "uses" if isinstance(value, UseLine) else "spending")
        facts.append(Fact(key, value, _AT, name) if not isinstance(value, tuple)
                     else Fact(value[0], value[1], _AT, name))
    return facts


_CLEAN = [
    *_rows("Maple Valley", _line("Title II-A"), _line("State"), ("state", "OR"),
           UseLine(school_year=_YEAR, use="Coaching", amount_usd=2.0, at=_AT),
           RevenueLine(school_year=_YEAR, source="Title II-A", amount_usd=3.0, at=_AT),
           _point("Retention"), _point("Retention", "Coached"), ("nces_id", "")),
    *_rows("Cedar Ridge", _line("Title II-A"), ("story.impact", "Line one, line two")),
    # longer than the shortest limit but within their own, and a text of no letters that is
    # not a name: quiet, though the quick look must ask them with their key
    *_rows("Birch Hollow", ("county", "Lane " * 19), ("state", "-"), ("story.impact", "a " * 500)),
    Fact("students", 420, _AT),  # a number: nothing to clean
]
_DIRTY = {
    "a district": _rows("Maple\u200b Valley", _line("Title II-A")),
    "a profile text": _rows("Maple", ("county", "Lane\tCounty"), ("county", "Lane\tCounty")),
    "a name with no letters": _rows("***", _line("State")),
    "an empty name": [Fact("name", "", _AT)],
    "a long source": _rows("Maple", _line("Grant " * 40), _line("Grant " * 40)),
    "an outcome group": _rows("Maple", _point("Retention", "Coached\u202e")),
    "an outcome group of nothing but a mark": _rows("Maple", _point("Retention", "\u200b")),
    "a metric": _rows("Maple", _point("Read\x07ing")),
    "a long story": _rows("Maple", ("story.impact", "word " * 5000)),
    # each over its own key's limit, and no longer than the shortest limit elsewhere
    "a state over its limit": _rows("Maple", ("county", "x" * 61), ("state", "x" * 61)),
    "an ID over its limit": _rows("Maple", ("nces_id", "1" * 41)),
    # kept as it is, but a line break is a control character: the quick look leaves it be
    "a story in two lines": _rows("Maple", ("story.impact", "Line one\nline two")),
}


@pytest.mark.parametrize("facts", [_CLEAN, *_DIRTY.values()], ids=["clean", *_DIRTY])
def test_the_quick_look_gives_what_the_fact_by_fact_pass_gives(facts):
    quick_issues: list = []
    slow_issues: list = []
    quick = text_clean.clean_facts(facts, quick_issues)
    slow = text_clean._cleaned(facts, slow_issues)
    assert quick == slow
    assert [(i.code, i.at, i.found) for i in quick_issues] == [
        (i.code, i.at, i.found) for i in slow_issues]
    # an unchanged fact is the same object either way
    assert [a is f for a, f in zip(quick, facts, strict=True)] == [
        b is f for b, f in zip(slow, facts, strict=True)]


def test_clean_facts_take_the_quick_look_and_come_back_as_they_were():
    assert text_clean._clean_already(_CLEAN)
    assert all(not text_clean._clean_already(facts) for facts in _DIRTY.values())
    issues: list = []
    assert all(a is b for a, b in zip(text_clean.clean_facts(_CLEAN, issues), _CLEAN,
                                      strict=True))
    assert issues == []
