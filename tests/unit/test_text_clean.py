"""Text is cleaned once as it is read: invisible characters out, lengths capped, each located."""

from __future__ import annotations

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
