"""Workbooks as districts really keep them, written by openpyxl, xlsxwriter, odfpy and xlwt.

Merged titles and notes above label/value sheets and year-across tables, label/value blocks
with a header row and a notes column, labels with qualifiers, several blocks on one sheet,
formulas saved without values, entity declarations and files that are not what they say.
Each test asserts the numbers read and every issue as (code, location, district). Fictional.
"""

from __future__ import annotations

import pytest

from advocacy import cli
from advocacy.ingest.files import SourceFile
from advocacy.load import load_files
from advocacy.model import SchoolYear
from tests import factories
from tests.factories import Uncalculated

WRITERS = {
    "openpyxl": factories.xlsx,
    "xlsxwriter": factories.xlsx_xlsxwriter,
    "odfpy": factories.ods,
    "xlwt": factories.xls,
}
EXTENSION = {"openpyxl": "xlsx", "xlsxwriter": "xlsx", "odfpy": "ods", "xlwt": "xls"}


def issues(result):
    return [(i.code, str(i.at), i.district) for i in result.issues]


def build(writer: str, sheets, **options):
    name = f"upload.{EXTENSION[writer]}"
    return WRITERS[writer](sheets, name=name, **options)


PROFILE_UNDER_TITLE = [
    ["Maple Valley School District: district profile, 2023-24"],
    [],
    ["District name", "Maple Valley USD"],
    ["Number of students", 8420],
    ["Number of teachers (FTE)", 512],
    ["% English learners", "7.5%"],
]
SPENDING_UNDER_TITLE = [
    ["How dollars are spent, 2021-22 to 2023-24"],
    ["All amounts in dollars; fictional figures"],
    ["Use", "2023-24", "2022-23", "2021-22"],
    ["Coaching", 120000, 110000, 90000],
    ["Courses/workshops", 40000, 38000, 30000],
]


@pytest.mark.parametrize("writer", list(WRITERS))
def test_merged_title_above_label_value_and_year_tables_is_never_a_heading(writer):
    source = build(
        writer,
        {"District profile": PROFILE_UNDER_TITLE, "How dollars are spent": SPENDING_UNDER_TITLE},
        merged={"District profile": ["A1:D1"], "How dollars are spent": ["A1:D1", "A2:D2"]},
    )
    result = load_files([source])
    assert [d.name for d in result.districts] == ["Maple Valley USD"]
    district = result.districts[0]
    assert (district.profile.students, district.profile.teachers) == (8420, 512)
    assert district.profile.english_learners_pct == 7.5
    assert [(u.use, str(u.school_year), u.amount_usd) for u in district.uses] == [
        ("Coaching", "2021-22", 90000),
        ("Coaching", "2022-23", 110000),
        ("Coaching", "2023-24", 120000),
        ("Courses/workshops", "2021-22", 30000),
        ("Courses/workshops", "2022-23", 38000),
        ("Courses/workshops", "2023-24", 40000),
    ]
    assert issues(result) == []


@pytest.mark.parametrize("writer", list(WRITERS))
def test_header_row_label_value_sheet_with_notes_and_qualified_labels(writer):
    rows = [
        ["Cedar Creek Schools profile"],
        [],
        ["Item", "Value", "Notes"],
        ["District name", "Cedar Creek", None],
        ["Enrollment (Oct. count)", 5120, "October 1 count"],
        ["Teachers (FTE):", 301.5, "as of June"],
        ["Per-pupil expenditure", "$12,345", "audited"],
        ["Number of schools", 9, "2023-24"],
        ["Bus routes (daily)", 5, "not a field"],
    ]
    result = load_files([build(writer, {"Profile": rows}, merged={"Profile": ["A1:C1"]})])
    assert [d.name for d in result.districts] == ["Cedar Creek"]
    profile = result.districts[0].profile
    assert (profile.students, profile.teachers, profile.per_pupil_expenditure_usd) == (
        5120,
        301.5,
        12345,
    )
    assert profile.schools == 9
    assert [(code, at, district) for code, at, district in issues(result)] == [
        ("label.unknown", f"upload.{EXTENSION[writer]} › Profile › A9", "Cedar Creek")
    ]
    assert result.districts[0].spending == ()  # never a table of dollar amounts


def test_several_blocks_on_one_sheet_under_a_merged_title():
    rows = [
        ["Maple Valley USD: professional learning, 2022-23 to 2023-24"],
        ["Prepared by the finance office"],
        [],
        ["District name", "Maple Valley USD"],
        ["Number of students", 8420],
        [],
        ["Source", "2023-24", "2022-23"],
        ["Title II-A", 1000, 900],
        ["State", 500, 400],
        ["Total", 1500, 1300],
        [],
        ["Use", "2023-24", "2022-23"],
        ["Coaching", 700, 600],
        [],
        ["Number of teachers", 512],
        ["Contact email", "pat@example.org"],
        [],
        ["Note: figures are fictional."],
    ]
    for writer in ("openpyxl", "odfpy"):
        result = load_files([build(writer, {"Data": rows}, merged={"Data": ["A1:C1", "A2:C2"]})])
        district = result.districts[0]
        assert district.name == "Maple Valley USD"
        assert (district.profile.students, district.profile.teachers) == (8420, 512)
        assert district.contact.email == "pat@example.org"
        assert [(s.source, s.school_year, s.amount_usd) for s in district.spending] == [
            ("Title II-A", SchoolYear(2022), 900),
            ("Title II-A", SchoolYear(2023), 1000),
            ("State", SchoolYear(2022), 400),
            ("State", SchoolYear(2023), 500),
        ]
        assert [(u.use, u.amount_usd) for u in district.uses] == [
            ("Coaching", 600),
            ("Coaching", 700),
        ]
        assert issues(result) == []


def test_a_topic_sheet_never_names_the_district():
    spending = [["Use", "2023-24"], ["Coaching", 1000]]
    sources = [["Source", "2023-24"], ["Title II-A", 800]]
    result = load_files(
        [factories.xlsx({"How dollars are spent": spending, "Where money comes from": sources})]
    )
    assert [d.name for d in result.districts] == ["upload"]
    assert issues(result) == [("district.missing_name", "upload.xlsx", "upload")]


def test_sheets_named_for_districts_say_so_with_a_district_word():
    table = [["Source", "2023-24"], ["Title II-A", 800]]
    uses = [["Use", "2023-24"], ["Coaching", 300]]
    result = load_files([factories.xlsx({"Maple Valley USD": table, "Cedar Creek Schools": uses})])
    assert [d.name for d in result.districts] == ["Maple Valley USD", "Cedar Creek Schools"]


# formulas ------------------------------------------------------------------------------------


@pytest.mark.parametrize("writer", ["openpyxl", "odfpy", "xlwt"])
def test_formula_without_saved_value_warns_at_its_cell(writer):
    rows = [
        ["District name", "Oak Hills"],
        ["Number of students", Uncalculated("=B5+B6")],
        ["Number of teachers", 300],
        ["State", Uncalculated('="OR"')],
        ["Elementary", 4000],
        ["Secondary", 2000],
    ]
    result = load_files([build(writer, {"Profile": rows})])
    district = result.districts[0]
    assert district.profile.students is None  # missing, never 0
    assert district.profile.teachers == 300
    assert district.state == "OR"  # a formula that is only a quoted string gives its text
    found = [(i.code, str(i.at), i.district) for i in result.issues if i.code.startswith("formula")]
    assert found == [
        ("formula.uncalculated", f"upload.{EXTENSION[writer]} › Profile › B2", "Oak Hills")
    ]
    warning = next(i for i in result.issues if i.code == "formula.uncalculated")
    assert "open the file in your spreadsheet program and save it" in warning.message.lower()
    if writer != "xlwt":  # .xls keeps formulas as tokens; the text is not decoded
        assert warning.found == "=B5+B6"


def test_formulas_with_saved_values_read_silently():
    rows = [
        ["District name", "Oak Hills"],
        ["Number of students", factories.Formula("=B5+B6", 6000)],
        ["Elementary", 4000],
        ["Secondary", 2000],
    ]
    result = load_files([factories.xlsx_xlsxwriter({"Profile": rows})])
    assert result.districts[0].profile.students == 6000
    assert not [i for i in result.issues if i.code == "formula.uncalculated"]


def test_many_uncalculated_formulas_are_listed_then_counted():
    rows = [["Source", "2023-24"]] + [[f"Line {n}", Uncalculated(f"=C{n}*2")] for n in range(30)]
    result = load_files([factories.xlsx({"Spending": rows})])
    found = [i for i in result.issues if i.code == "formula.uncalculated"]
    assert [(str(i.at), i.found) for i in found] == [
        ("upload.xlsx › Spending › B2", "=C0*2"),
        ("upload.xlsx › Spending › B3", "=C1*2"),
        ("upload.xlsx › Spending › B4", "=C2*2"),
        ("upload.xlsx › Spending", "the same in 27 more rows of column B"),
    ]


# safety --------------------------------------------------------------------------------------

_DOCTYPE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY boom "boom">]>'


def _with_doctype(part: str, encoding: str = "utf-8"):
    def edit(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        body = data.split(b"?>", 1)[-1] if data.startswith(b"<?xml") else data
        if encoding == "utf-8":
            return _DOCTYPE + body
        text = (_DOCTYPE + body).decode("utf-8").replace('"1.0"?>', '"1.0" encoding="UTF-16"?>')
        return "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")

    return edit


@pytest.mark.parametrize(
    ("writer", "part", "encoding"),
    [
        ("openpyxl", "xl/worksheets/sheet1.xml", "utf-8"),
        ("openpyxl", "xl/workbook.xml", "utf-8"),
        ("openpyxl", "[Content_Types].xml", "utf-8"),
        ("openpyxl", "docProps/core.xml", "utf-8"),
        ("xlsxwriter", "xl/sharedStrings.xml", "utf-16"),
        ("xlsxwriter", "xl/styles.xml", "utf-8"),
        ("odfpy", "content.xml", "utf-8"),
        ("odfpy", "styles.xml", "utf-16"),
        ("odfpy", "META-INF/manifest.xml", "utf-8"),
    ],
)
def test_entity_declarations_in_any_xml_part_are_one_clear_error(writer, part, encoding, tmp_path):
    clean = build(writer, {"Profile": PROFILE_UNDER_TITLE})
    hostile = factories.rezip(clean, clean.name, edit=_with_doctype(part, encoding))
    result = load_files([hostile])
    assert result.districts == ()
    assert issues(result) == [("file.xml_entities", clean.name, None)]
    assert "entity declarations" in result.issues[0].message
    path = tmp_path / clean.name
    path.write_bytes(hostile.data)
    assert cli.main(["check", str(path)]) == 1


def test_a_text_file_named_xlsx_is_an_error(tmp_path, capsys):
    text = SourceFile("budget.xlsx", b"These are my notes about the budget.\nNothing more.\n")
    result = load_files([text])
    assert issues(result) == [("file.mislabelled", "budget.xlsx", None)]
    assert result.issues[0].is_error
    assert result.unrecognised == ()
    path = tmp_path / "budget.xlsx"
    path.write_bytes(text.data)
    assert cli.main(["check", str(path)]) == 1
    assert "delimited text" in capsys.readouterr().out


def test_a_csv_named_xlsx_that_holds_data_is_read_with_a_warning():
    data = factories.csv([["District name", "Oak Hills"], ["Number of students", 6000]]).data
    result = load_files([SourceFile("budget.xlsx", data)])
    assert result.districts[0].profile.students == 6000
    assert [(i.code, i.is_error) for i in result.issues] == [("file.mislabelled", False)]


def test_every_issue_from_a_long_table_names_its_district():
    rows = [["District", "School year", "Source", "Amount"]]
    for name in ("Alder", "Birch", "Cedar"):
        for year in ("2022-23", "2023-24"):
            rows.append([name, year, "Title II-A", 1000])
    rows[2][1] = "20xx"  # Alder's second year
    rows[4][3] = "$1,2,3"  # Birch's second year
    rows[6][0] = "CEDAR"  # the same district, spelled another way
    rows[6][3] = "lots"
    result = load_files([factories.csv(rows)])
    assert [d.name for d in result.districts] == ["Alder", "Birch", "Cedar"]
    cedar = "Cedar"  # where it was first seen
    assert issues(result) == [
        ("year.unreadable", "upload.csv › row 3, column B", "Alder"),
        ("year.missing", "upload.csv › row 3, column D", "Alder"),
        ("money.unreadable", "upload.csv › row 5, column D", "Birch"),
        ("money.unreadable", "upload.csv › row 7, column D", cedar),
    ]
    assert not result.ready("Birch") and not result.ready(cedar)


def test_a_formula_never_calculated_warns_and_an_empty_text_result_does_not():
    rows = [["District name", "Oak Hills"], ["Number of students", Uncalculated("=B5+B6")],
            ["Number of teachers", Uncalculated("=IF(B5>0,\"\",1)")]]
    written = factories.xlsx({"Profile": rows})

    def as_excel_saves(part: str, data: bytes) -> bytes:
        if not part.endswith("sheet1.xml"):
            return data
        # B2: never calculated, no <v> at all; B3: calculated to "", which Excel types as str.
        data = data.replace(b"<f>B5+B6</f><v></v>", b"<f>B5+B6</f>")
        return data.replace(b'<c r="B3">', b'<c r="B3" t="str">')

    result = load_files([factories.rezip(written, "upload.xlsx", edit=as_excel_saves)])
    assert [(i.code, str(i.at)) for i in result.issues if i.code.startswith("formula")] == [
        ("formula.uncalculated", "upload.xlsx › Profile › B2")]


@pytest.mark.parametrize(
    "headings",
    [
        ["Item", "Value", "Source"],
        ["Field", "Value", "Notes", "Source"],
        ["Measure", "Amount", "Source"],
        ["Item", "Value", "Year"],
    ],
)
def test_label_value_headings_naming_a_notes_column_are_never_a_table(headings):
    rows = [
        headings,
        ["District name", "Cedar Creek"],
        ["Enrollment (Oct. count)", 5120, "SIS export"],
        ["Per-pupil expenditure", "$12,345", "audit 2023"],
        ["Title II-A allocation", "$120,000", "ED"],  # an allocation is not spending
    ]
    result = load_files([factories.xlsx({"Profile": rows})])
    [district] = result.districts
    assert (district.name, district.profile.students) == ("Cedar Creek", 5120)
    assert district.profile.per_pupil_expenditure_usd == 12345
    assert district.spending == ()
    assert issues(result) == [("label.unknown", "upload.xlsx › Profile › A5", "Cedar Creek")]
