"""load.load_files: located issues, merging, mappings, inputs of every kind, and speed.

Issues are asserted as exact (code, location) pairs. Workbooks are real (openpyxl), and all
districts are fictional.
"""

from __future__ import annotations

import io
import json

import pytest

from advocacy import fictional
from advocacy.ingest.files import SourceFile
from advocacy.ingest.mapping import TARGETS, ColumnMapping, UnrecognisedTable
from advocacy.load import LoadResult, load_files
from advocacy.model import TITLE_II_A
from tests import factories
from tests.unit.test_layouts import codes, template

PROFILE = {"Profile": [["District name", "Quarry Schools"], ["Number of students", 900]]}


def test_unreadable_money_is_located_and_the_rest_still_loads():
    district = fictional.maple_valley()
    book = template(district)
    result = load_files([_edit(book, "Spending", "C4", "$1,2,3")])
    assert codes(result) == [("money.unreadable", "upload.xlsx › Spending › C4")]
    assert result.issues[0].district == district.name
    assert not result.ready(district.name)
    (loaded,) = result.districts
    assert len(loaded.spending) == len(district.spending) - 1
    assert loaded.profile == district.profile


def test_error_in_one_district_does_not_block_another():
    rows = [
        ["District", "School year", "Source", "Amount"],
        ["Alder", "2023-24", "Title II-A", "lots"],
        ["Birch", "2023-24", "Title II-A", "$5,000"],
    ]
    result = load_files([factories.csv(rows)])
    assert codes(result) == [("money.unreadable", "upload.csv › row 2, column D")]
    assert (result.ready("Alder"), result.ready("Birch")) == (False, True)
    assert [i.code for i in result.for_district("Alder")] == ["money.unreadable"]
    assert [d.name for d in result.districts] == ["Alder", "Birch"]


def test_unknown_label_and_heading_suggest_the_template_wording():
    book = factories.xlsx(
        {
            "Profile": [["District name", "Quarry Schools"], ["Nmber of students", 900]],
            "Spending": [
                ["District", "School year", "Sourse", "Source", "Amount"],
                ["Quarry Schools", "2023-24", "x", "State", 10],
            ],
        }
    )
    result = load_files([book])
    assert codes(result) == [
        ("label.unknown", "upload.xlsx › Profile › A2"),
        ("header.unrecognised", "upload.xlsx › Spending › C1"),
    ]
    assert "Did you mean" in result.issues[0].message
    assert all(issue.district == "Quarry Schools" for issue in result.issues)


def test_sheet_with_nothing_recognisable_is_offered_for_mapping():
    rows = [["Org", "Kids", "Staff"], ["Alder", 1000, 60], ["Birch", 2000, 110]]
    result = load_files([factories.csv(rows, name="lea.csv")])
    assert result.districts == ()
    assert codes(result) == [("sheet.unrecognised", "lea.csv"), ("file.no_tables", "lea.csv")]
    assert result.unrecognised == (
        UnrecognisedTable(
            file="lea.csv", sheet=None, header_row=0, headers=("Org", "Kids", "Staff")
        ),
    )


def test_column_mapping_makes_an_unrecognised_table_import():
    rows = [["Org", "Kids", "Staff"], ["Alder", 1000, 60], ["Birch", 2000, 110]]
    mapping = ColumnMapping(
        columns=(("Org", "district"), ("kids", "students"), ("Staff", "teachers"))
    )
    result = load_files([factories.csv(rows, name="lea.csv")], mapping=mapping)
    assert [(d.name, d.profile.students, d.profile.teachers) for d in result.districts] == [
        ("Alder", 1000, 60),
        ("Birch", 2000, 110),
    ]
    assert codes(result) == []


def test_column_mapping_round_trips_through_json():
    mapping = ColumnMapping(columns=(("LEA", "district"), ("Title 2 $", f"source:{TITLE_II_A}")))
    issues = []
    assert ColumnMapping.from_json(mapping.to_json(), issues) == mapping
    assert issues == []
    assert all(target in TARGETS for _, target in mapping.columns)


@pytest.mark.parametrize(
    "text,found",
    [
        ("not json", "text that is not JSON"),
        (json.dumps({"columns": [["Org", "districtt"]]}), "districtt"),
        (json.dumps([1, 2]), "[1, 2]"),
    ],
)
def test_bad_column_mapping_is_an_issue_not_an_exception(text, found):
    issues = []
    assert ColumnMapping.from_json(text, issues) in (None, ColumnMapping(columns=()))
    assert [(i.code, str(i.at), i.found) for i in issues] == [
        ("mapping.invalid", "column mapping", found)
    ]


def test_repeated_row_is_counted_once():
    rows = [
        ["District", "School year", "Source", "Amount"],
        ["Alder", "2023-24", "Title II-A", 100],
        ["Alder", "2023-24", "Title II-A", 100],
    ]
    result = load_files([factories.csv(rows)])
    assert [x.amount_usd for x in result.districts[0].spending] == [100]
    assert codes(result) == [("row.duplicate", "upload.csv › row 3, column D")]


def test_amount_without_a_school_year_is_reported():
    rows = [["District", "Source", "Amount"], ["Alder", "Title II-A", 100]]
    result = load_files([factories.csv(rows)])
    assert codes(result) == [("year.missing", "upload.csv › row 2, column C")]


def test_conflicting_values_across_files_name_both_cells():
    first = factories.xlsx(PROFILE, name="a.xlsx")
    second = factories.xlsx(
        {"Profile": [["District name", "QUARRY schools"], ["Number of students", 950]]},
        name="b.xlsx",
    )
    result = load_files([first, second])
    assert codes(result) == [("district.conflict", "b.xlsx › Profile › B2")]
    assert "a.xlsx › Profile › B2" in result.issues[0].message
    assert result.districts[0].profile.students == 900


def test_spending_file_without_a_name_joins_the_only_district():
    spending = factories.csv([["School year", "Title II-A"], ["2023-24", "$12,500"]], name="pl.csv")
    result = load_files([factories.xlsx(PROFILE, name="profile.xlsx"), spending])
    (district,) = result.districts
    assert district.spending[0].amount_usd == 12500
    assert codes(result) == []


def test_missing_file_is_one_issue_and_others_still_load(tmp_path):
    result = load_files([tmp_path / "gone.xlsx", factories.xlsx(PROFILE)])
    assert codes(result) == [("file.unreadable", "gone.xlsx")]
    assert [d.name for d in result.districts] == ["Quarry Schools"]


def test_paths_and_uploads_are_read_like_source_files(tmp_path):
    book = factories.xlsx(PROFILE)
    path = tmp_path / "quarry.xlsx"
    path.write_bytes(book.data)

    class Upload:  # what Streamlit's file_uploader hands over
        name = "quarry-upload.xlsx"

        def getvalue(self):
            return book.data

    result = load_files([str(path), Upload()])
    assert len(result.districts) == 1
    assert str(result.districts[0].where("name")) == "quarry.xlsx › Profile › B1"
    assert codes(result) == []


def test_load_result_is_frozen():
    result = load_files([factories.xlsx(PROFILE)])
    assert isinstance(result, LoadResult)
    with pytest.raises(AttributeError):
        result.districts = ()


def test_eighteen_thousand_rows_become_eighteen_thousand_districts():
    # How fast is bench/bench_check.py's business; here, that nothing is lost at NCES scale.
    header = ["Agency Name", "School Year", "Total Students", "FTE Teachers", "Number of Schools"]
    rows = [header] + [
        [f"Fictional District {i}", "2023-2024", f"{1000 + i:,}", 60.5, 4] for i in range(18_000)
    ]
    result = load_files([factories.csv(rows, name="big.csv")])
    assert len(result.districts) == 18_000
    assert result.districts[-1].profile.students == 18_999
    assert result.issues == ()


def test_negative_spending_is_kept_with_a_located_warning():
    rows = [
        ["District", "School year", "Source", "Amount"],
        ["Alder", "2023-24", "Title II-A", "(1,200)"],
        ["Alder", "2023-24", "State", 5000],
    ]
    result = load_files([factories.csv(rows)])
    assert [x.amount_usd for x in result.districts[0].spending] == [-1200, 5000]
    assert codes(result) == [("money.negative", "upload.csv › row 2, column D")]
    assert result.issues[0].found == "(1,200)"
    assert result.ready("Alder")


def _edit(book: SourceFile, sheet: str, cell: str, value: object) -> SourceFile:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(book.data))
    workbook[sheet][cell] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SourceFile(name=book.name, data=buffer.getvalue())
