"""Text is cleaned once as it is read: invisible characters out, lengths capped, each located."""

from __future__ import annotations

import re

import pytest

from advocacy.load import load_files
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
