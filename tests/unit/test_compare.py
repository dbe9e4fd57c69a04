"""compare: the Compare table's exact state filter, sort, pages and one precision per column."""

from __future__ import annotations

import math

import pytest

from advocacy import compare, fictional, metrics

ROWS = [
    {"District": "Topeka", "State": "Kansas", "PL dollars": 300.0, "Title II-A share": 0.2549},
    {"District": "Little Rock", "State": "Arkansas", "PL dollars": 500.0,
     "Title II-A share": 0.5},
    {"District": "Wichita", "State": "kansas", "PL dollars": None, "Title II-A share": None},
    {"District": "Salina", "State": "Kansas", "PL dollars": math.nan, "Title II-A share": 0.1},
    {"District": "Abilene", "State": "Kansas", "PL dollars": 900.0, "Title II-A share": 0.3},
]


def test_a_state_matches_exactly_so_kansas_never_matches_arkansas():
    assert [r["District"] for r in compare.filtered(ROWS, state="Kansas")] == [
        "Topeka", "Wichita", "Salina", "Abilene"]
    assert [r["District"] for r in compare.filtered(ROWS, state="Arkansas")] == ["Little Rock"]
    assert compare.states(ROWS)[0] == "Arkansas"
    assert sorted(compare.states(ROWS)) == ["Arkansas", "Kansas", "kansas"]


def test_a_name_matches_by_substring_whatever_the_case():
    assert [r["District"] for r in compare.filtered(ROWS, name="  LI ")] == [
        "Little Rock", "Salina"]


@pytest.mark.parametrize("descending, expected", [
    (False, ["Topeka", "Little Rock", "Abilene", "Wichita", "Salina"]),
    (True, ["Abilene", "Little Rock", "Topeka", "Wichita", "Salina"]),
])
def test_sorting_puts_missing_values_last_either_way(descending, expected):
    ordered = compare.ordered(ROWS, "PL dollars", descending=descending)
    assert [r["District"] for r in ordered] == expected


def test_pages_split_rows_and_clamp_the_page_number():
    rows = [{"District": str(i)} for i in range(120)]
    assert compare.page_count(rows) == 3
    assert [r["District"] for r in compare.page(rows, 3)] == [str(i) for i in range(100, 120)]
    assert compare.page(rows, 9) == compare.page(rows, 3)
    assert compare.page_count([]) == 1 and compare.page([], 1) == []


def test_every_value_of_a_column_has_that_columns_one_precision():
    rows = metrics.comparison_rows(fictional.statewide(30))
    labels = [column.label for column in compare.COLUMNS]
    shown = [compare.shown(row, labels) for row in rows]
    for column in compare.COLUMNS:
        if column.kind is compare.Kind.TEXT:
            continue
        decimals = compare.DECIMALS[column.kind]
        for row in shown:
            value = row[column.label]
            assert value is None or round(value, decimals) == value, column.label
    assert compare.shown(ROWS[0], ["Title II-A share"]) == {"Title II-A share": 25.0}


def test_all_ten_profile_fields_are_columns():
    from advocacy import template

    labels = {column.label for column in compare.COLUMNS}
    assert {field.short for field in template.PROFILE} <= labels
    assert len(template.PROFILE) == 10
