"""location: an address is a value: equal, hashable and printed the same however it was made."""

from __future__ import annotations

import pickle

import pytest

from advocacy.location import (
    Location,
    a1,
    column_letter,
    column_locator,
    column_number,
    in_csv,
    in_sheet,
)


@pytest.mark.parametrize(("row", "col", "cell"), [(0, 0, "A1"), (6, 2, "C7"), (9, 25, "Z10"),
                                                  (14_999, 26, "AA15000"), (0, 701, "ZZ1")])
def test_a_sheet_cell_is_its_a1_address(row, col, cell):
    at = in_sheet("budget.xlsx", "Spending", row, col)
    assert at == Location("budget.xlsx", "Spending", cell) == Location(
        file="budget.xlsx", sheet="Spending", cell=cell)
    assert hash(at) == hash(Location("budget.xlsx", "Spending", cell))
    assert column_locator("budget.xlsx", "Spending", col)(row) == at
    assert a1(row, col) == cell and column_letter(col) == cell.rstrip("0123456789")
    assert str(at) == f"budget.xlsx › Spending › {cell}"
    assert (at.file, at.sheet, at.cell, at.row, at.column) == ("budget.xlsx", "Spending", cell,
                                                                None, None)


def test_a_csv_row_prints_its_row_and_column():
    assert str(in_csv("d.csv", 1, "A")) == "d.csv › row 2, column A"
    assert str(in_csv("d.csv", 1)) == "d.csv › row 2"
    assert str(Location("d.csv")) == "d.csv"
    assert in_csv("d.csv", 1, "A") == Location(file="d.csv", row=2, column="A")


def test_a_location_cannot_be_changed_and_survives_a_round_trip():
    at = in_sheet("budget.xlsx", "Spending", 3, 3)
    with pytest.raises(AttributeError):
        at.cell = "A1"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(at)) == at
    assert repr(at) == ("Location(file='budget.xlsx', sheet='Spending', cell='D4', row=None, "
                        "column=None)")
    assert {at: 1}[Location("budget.xlsx", "Spending", "D4")] == 1
    assert at != Location("budget.xlsx", "Spending", "D5")


@pytest.mark.parametrize("col", [0, 1, 25, 26, 27, 51, 52, 701, 702, 703, 16_383, 16_384])
def test_column_number_is_column_letter_inverted(col):
    letters = column_letter(col)
    assert column_number(letters) == column_number(letters.lower()) == col + 1
    assert column_number(letters.encode()) == col + 1
