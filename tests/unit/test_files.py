"""ingest.files: every format read back from real files built in code (fictional values)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from advocacy.ingest.files import Sheet, SourceFile, read_files
from tests import factories
from tests.factories import Formula, Percent

REAL_DATA = Path(__file__).resolve().parents[3] / "shared" / "real-data"

ROWS = [
    ["Fictional example district", None, None],
    ["Source", "2018-19", "2019-20"],
    ["Title II-A", 120500, 98000.5],
    ["Opened", dt.date(2019, 8, 26), None],
]


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def read(*files: SourceFile) -> tuple[list[Sheet], list[tuple[str, str]]]:
    issues: list = []
    sheets = read_files(files, issues)
    return sheets, [(issue.code, str(issue.at)) for issue in issues]


def as_numbers(rows):
    """Workbook readers give 120500 or 120500.0 depending on the format; compare by value."""
    return [
        [float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v for v in row]
        for row in rows
    ]


@pytest.mark.parametrize(
    "build",
    [
        lambda: factories.xlsx({"Spending": ROWS}),
        lambda: factories.xlsx({"Spending": ROWS}, name="macro.xlsm"),
        lambda: factories.xlsx_xlsxwriter({"Spending": ROWS}),
        lambda: factories.xls({"Spending": ROWS}),
        lambda: factories.ods({"Spending": ROWS}),
    ],
    ids=["xlsx", "xlsm", "xlsx-xlsxwriter", "xls", "ods"],
)
def test_workbook_formats_read_back_values_types_and_addresses(build):
    source = build()
    sheets, issues = read(source)
    assert issues == []
    [sheet] = sheets
    assert (sheet.file, sheet.name, sheet.is_csv) == (source.name, "Spending", False)
    assert as_numbers(sheet.rows) == as_numbers(
        [
            row[: 1 + max((i for i, v in enumerate(row) if v is not None), default=-1)]
            for row in ROWS
        ]
    )
    assert sheet.value(3, 1) == dt.date(2019, 8, 26)
    assert sheet.value(99, 99) is None
    assert str(sheet.location(2, 2)) == f"{source.name} › Spending › C3"


def test_int_stays_int_in_xls_and_reads_as_float_in_xlsx():
    [xls_sheet], _ = read(factories.xls({"S": [[12]]}))
    [xlsx_sheet], _ = read(factories.xlsx({"S": [[12]]}))
    assert (type(xls_sheet.value(0, 0)), type(xlsx_sheet.value(0, 0))) == (int, float)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ","),
        ("cp1252", ","),
        ("utf-8", ";"),
        ("utf-8-sig", "\t"),
        ("cp1252", ";"),
        ("utf-16", "\t"),
    ],
)
def test_csv_encodings_and_delimiters_read_to_the_same_text(encoding, delimiter):
    rows = [["District", "Note", "Amount"], ["Écoles Unified (fictional)", "PL — coaching", "1,5"]]
    source = factories.csv(rows, encoding=encoding, delimiter=delimiter)
    sheets, issues = read(source)
    assert sheets[0].rows == rows
    assert sheets[0].is_csv and sheets[0].name is None
    expected = [("file.encoding", "upload.csv")] if encoding == "cp1252" else []
    assert issues == expected


def test_csv_quoted_field_with_line_breaks_stays_one_record():
    rows = [["AUN", "2022-23\nAverage Daily\nMembership"], ["101", "1,872.119"]]
    [sheet], issues = read(factories.csv(rows))
    assert sheet.rows == rows
    assert str(sheet.location(1, 1)) == "upload.csv › row 2, column B"


def test_csv_ragged_rows_and_trailing_blanks_are_trimmed():
    data = b"a,b,c,\r\n1,2\r\n,,,\r\n3,,,,\r\n\r\n,,\r\n"
    [sheet], issues = read(SourceFile("ragged.csv", data))
    assert sheet.rows == [["a", "b", "c"], ["1", "2"], [], ["3"]]
    assert issues == []


def test_formulas_read_as_their_saved_values():
    rows = [["Coaching", 100], ["Workshops", 50], ["Total", Formula("=SUM(B1:B2)", 150)]]
    [sheet], issues = read(factories.xlsx_xlsxwriter({"Uses": rows}))
    assert sheet.value(2, 1) == 150
    assert issues == []


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (
            lambda: factories.xlsx(
                {"Data": [[1]], "Old": [[2]], "Macro": [[3]]}, hidden=["Old"], very_hidden=["Macro"]
            ),
            [
                ("sheet.hidden_skipped", "upload.xlsx › Old"),
                ("sheet.hidden_skipped", "upload.xlsx › Macro"),
            ],
        ),
        (
            lambda: factories.xlsx_xlsxwriter({"Data": [[1]], "Old": [[2]]}, hidden=["Old"]),
            [("sheet.hidden_skipped", "upload.xlsx › Old")],
        ),
        (
            lambda: factories.xls({"Data": [[1]], "Old": [[2]]}, hidden=["Old"]),
            [("sheet.hidden_skipped", "upload.xls › Old")],
        ),
        (
            lambda: factories.ods({"Data": [[1]], "Old": [[2]]}, hidden=["Old"]),
            [("sheet.hidden_skipped", "upload.ods › Old")],
        ),
    ],
    ids=["xlsx-hidden-and-very-hidden", "xlsxwriter", "xls", "ods"],
)
def test_hidden_sheets_are_skipped_with_a_warning(build, expected):
    sheets, issues = read(build())
    assert [sheet.name for sheet in sheets] == ["Data"]
    assert issues == expected


def test_only_hidden_sheets_is_an_empty_file():
    source = factories.xlsx({"Blank": [], "Old": [[2]]}, hidden=["Old"], name="h.xlsx")
    sheets, issues = read(source)
    assert sheets == []
    assert issues == [("sheet.hidden_skipped", "h.xlsx › Old"), ("file.empty", "h.xlsx")]


@pytest.mark.parametrize(
    "build",
    [
        lambda: factories.xlsx(
            {"S": [["Spending", None, None], [None, "2018-19", "2019-20"]]},
            merged={"S": ["A1:C1", "A2:A3"]},
        ),
        lambda: factories.xlsx_xlsxwriter(
            {"S": [["Spending"], [None, "2018-19"]]}, merged={"S": ["A1:C1", "A2:A3"]}
        ),
    ],
    ids=["openpyxl", "xlsxwriter"],
)
def test_merged_ranges_are_reported_zero_based_inclusive(build):
    [sheet], _ = read(build())
    assert sorted(sheet.merged) == [(0, 0, 0, 2), (1, 0, 2, 0)]
    assert sheet.value(0, 0) == "Spending"


@pytest.mark.parametrize("fmt", ["0%", "0.0%", "0.00%"])
def test_percent_number_format_is_reported_for_its_cell_only(fmt):
    rows = [["English learners", 0.12], ["Students", 4500]]
    [sheet], _ = read(factories.xlsx({"Profile": rows}, number_formats={"Profile": {"B1": fmt}}))
    assert sheet.value(0, 1) == pytest.approx(0.12)
    assert sheet.number_formats == {(0, 1): fmt}


def test_percent_cells_in_xlsxwriter_and_ods_are_reported():
    [xw], _ = read(
        factories.xlsx_xlsxwriter({"P": [["EL", 0.12]]}, number_formats={"P": {"B1": "0%"}})
    )
    [od], _ = read(factories.ods({"P": [["EL", Percent(0.12)]]}))
    assert (xw.number_formats, od.number_formats) == ({(0, 1): "0%"}, {(0, 1): "0%"})
    assert od.value(0, 1) == pytest.approx(0.12)


def test_ods_merged_header_is_reported():
    [sheet], _ = read(
        factories.ods({"S": [["Spending", None, None], ["x"]]}, merged={"S": ["A1:C1"]})
    )
    assert sheet.merged == ((0, 0, 0, 2),)


def test_leading_blank_rows_and_columns_keep_true_addresses():
    [sheet], _ = read(factories.xlsx({"S": [[], [], [None, None, "Title II-A", 5]]}))
    assert sheet.value(2, 2) == "Title II-A"
    assert str(sheet.location(2, 3)) == "upload.xlsx › S › D3"


def test_several_files_load_when_one_is_broken():
    good_csv = factories.csv(
        [["District", "Students"], ["Example (fictional)", "4500"]], name="profile.csv"
    )
    good_xlsx = factories.xlsx({"Spending": ROWS}, name="spending.xlsx")
    broken = SourceFile("broken.xlsx", factories.xlsx({"S": [[1]]}).data[:300])
    sheets, issues = read(good_csv, broken, good_xlsx)
    assert [(sheet.file, sheet.name) for sheet in sheets] == [
        ("profile.csv", None),
        ("spending.xlsx", "Spending"),
    ]
    assert issues == [("file.truncated", "broken.xlsx")]


@pytest.mark.parametrize(
    ("source", "expected_sheet", "expected"),
    [
        (
            SourceFile("really.csv", factories.xlsx({"S": [[1]]}).data),
            "S",
            [("file.mislabelled", "really.csv")],
        ),
        (
            SourceFile("really.xlsx", b"District,Students\r\nExample,4500\r\n"),
            None,
            [("file.mislabelled", "really.xlsx")],
        ),
        (
            SourceFile("really.xlsx", factories.xls({"S": [[1]]}).data),
            "S",
            [("file.mislabelled", "really.xlsx")],
        ),
        (
            SourceFile("really.xls", factories.ods({"S": [[1]]}).data),
            "S",
            [("file.mislabelled", "really.xls")],
        ),
    ],
    ids=["xlsx-named-csv", "csv-named-xlsx", "xls-named-xlsx", "ods-named-xls"],
)
def test_mislabelled_files_are_read_by_content_with_a_warning(source, expected_sheet, expected):
    sheets, issues = read(source)
    assert [sheet.name for sheet in sheets] == [expected_sheet]
    assert issues == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            SourceFile("page.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>"),
            ("file.mislabelled", "page.xls"),
        ),
        (SourceFile("report.pdf", b"%PDF-1.7\n..."), ("file.unsupported", "report.pdf")),
        (SourceFile("empty.xlsx", b"PK\x05\x06" + bytes(18)), ("file.empty", "empty.xlsx")),
        (SourceFile("letter.docx", _docx()), ("file.unsupported", "letter.docx")),
        (
            SourceFile("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            ("file.unsupported", "logo.png"),
        ),
        (SourceFile("empty.csv", b""), ("file.empty", "empty.csv")),
        (SourceFile("blank.csv", b"\r\n ,, \r\n"), ("file.empty", "blank.csv")),
        (factories.xlsx({"Blank": []}, name="blank.xlsx"), ("file.empty", "blank.xlsx")),
    ],
    ids=[
        "html-named-xls",
        "pdf",
        "empty-zip",
        "docx",
        "png",
        "zero-bytes",
        "blank-csv",
        "blank-xlsx",
    ],
)
def test_unreadable_kinds_become_one_located_error(source, expected):
    sheets, issues = read(source)
    assert sheets == []
    assert issues == [expected]


@pytest.mark.realdata
@pytest.mark.skipif(not REAL_DATA.is_dir(), reason=f"{REAL_DATA} is absent on this machine")
class TestRealAgencyFiles:
    def read_real(self, name: str):
        path = REAL_DATA / name
        return read(SourceFile(name, path.read_bytes()))

    def test_every_real_file_reads_without_error(self):
        for path in sorted(REAL_DATA.iterdir()):
            if path.suffix in {".csv", ".xlsx", ".xlsm", ".xls", ".ods"}:
                sheets, issues = self.read_real(path.name)
                assert sheets, path.name
                assert not [code for code, _ in issues if code != "sheet.hidden_skipped"]

    def test_virginia_xlsm_skips_its_two_hidden_sheets(self):
        name = "final-fy23-table-15.xlsm"
        sheets, issues = self.read_real(name)
        assert issues == [
            ("sheet.hidden_skipped", f"{name} › Division Source"),
            ("sheet.hidden_skipped", f"{name} › Source Data"),
        ]
        assert sheets[0].name == "FY 2023 TABLE 15"
        assert sheets[0].merged

    def test_adm_csv_headers_with_line_breaks_stay_one_record(self):
        [sheet], _ = self.read_real("adm_22_23.csv")
        assert len(sheet.rows) == 503
        assert sheet.rows[0][3] == "2022-23\nAverage Daily Membership (ADM)"

    def test_kentucky_csv_with_bom_reads_its_first_header_cleanly(self):
        [sheet], issues = self.read_real("KYRC24_OVW_Teacher_Turnover (1).csv")
        assert sheet.rows[0][0] == "School Year"
        assert issues == []


def test_xlsx_cells_without_addresses_follow_one_another():
    def drop_addresses(part: str, content: bytes) -> bytes:
        if part.endswith("sheet1.xml"):
            return re.sub(rb' r="[A-Z]*\d+"', b"", content)
        return content

    source = factories.xlsx({"S": [["Students", 4500], ["Teachers", 300, "FTE"]]})
    [sheet], issues = read(factories.rezip(source, "plain.xlsx", drop_addresses))
    assert as_numbers(sheet.rows) == [["Students", 4500.0], ["Teachers", 300.0, "FTE"]]
    assert issues == []


def test_xlsb_is_refused_with_a_way_forward():
    source = factories.rezip(
        factories.xlsx({"S": [[1]]}),
        "binary.xlsb",
        lambda part, content: content.replace(b"workbook.xml", b"workbook.bin"),
    )
    issues: list = []
    assert read_files([source], issues) == []
    assert [(i.code, str(i.at), i.found) for i in issues] == [
        ("file.unsupported", "binary.xlsb", "an Excel binary workbook (.xlsb)")
    ]


def test_ods_trailing_repeated_blank_rows_as_libreoffice_saves_them_are_not_cells():
    filler = (
        b'<table:table-row table:number-rows-repeated="1048574">'
        b'<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )

    def pad(part: str, content: bytes) -> bytes:
        return content.replace(b"</table:table>", filler + b"</table:table>")

    source = factories.rezip(factories.ods({"Profile": [["Students", 4500]]}), "lo.ods", pad)
    [sheet], issues = read(source)
    assert (as_numbers(sheet.rows), issues) == ([["Students", 4500.0]], [])
