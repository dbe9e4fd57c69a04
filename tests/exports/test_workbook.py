"""The workbook export read back: openpyxl for the layout, the real importer for the round trip.

Districts are fictional (advocacy/fictional.py) or built here; none is real.
"""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
import pytest

from advocacy import fictional
from advocacy.exports import workbook
from advocacy.ingest.files import SourceFile
from advocacy.load import load_files
from advocacy.model import (
    COACHING,
    DISTRICT,
    TITLE_II_A,
    Contact,
    District,
    OutcomePoint,
    Profile,
    SchoolYear,
    SpendingLine,
    Story,
    Unit,
    UseLine,
)

Y = SchoolYear
LONG_TEXT = " ".join(f"word{n}" for n in range(2000))


def unlocated(d: District) -> District:
    """The district without where its values were read, lines in the loader's canonical order
    (grouped by source, use or series in first-seen order, each oldest first)."""
    def canonical(lines, key):
        order = list(dict.fromkeys(key(line) for line in lines))
        return tuple(sorted((replace(line, at=None) for line in lines),
                            key=lambda line: (order.index(key(line)), line.school_year)))
    return replace(d, located=(), spending=canonical(d.spending, lambda s: s.source),
                   uses=canonical(d.uses, lambda u: u.use),
                   outcomes=canonical(d.outcomes, lambda p: p.series_key))


def reload(data: bytes, name: str = "district.xlsx"):
    return load_files([SourceFile(name, data)])


def hostile() -> District:
    return District(
        name="=HYPERLINK(\"http://example.org\") Unified",
        state="+Lakeland",
        fictional=True,
        profile=Profile(students=1200, teachers=80, schools=3),
        spending=(SpendingLine(school_year=Y(2022), source="@evil source", amount_usd=1000),
                  SpendingLine(school_year=Y(2023), source="@evil source", amount_usd=1200)),
        uses=(UseLine(school_year=Y(2023), use="-1+1 <b>bold</b>", amount_usd=900),),
        outcomes=(OutcomePoint(metric="=1/0 rate 🎉", school_year=Y(2023), value=50,
                               unit=Unit.PERCENT, group="مدرسة الأمل", higher_is_better=True),),
        story=Story(challenge="=SUM(A1:A9) is not a formula",
                    solution="<script>alert('x')</script> & 😀 emoji, עברית and العربية",
                    impact=LONG_TEXT),
        contact=Contact(name="@Dana", title="-Director", organization="+Org",
                        email="=dana@example.org", phone="+1 (555) 010-0199"),
        data_sources="=Fictional sample data; not a real district.",
    )


def missing_values() -> District:
    return District(
        name="Sparse Fictional District",
        profile=Profile(students=900, title_i_eligible_pct=41.5),
        spending=(SpendingLine(school_year=Y(2021), source=TITLE_II_A, amount_usd=5000),
                  SpendingLine(school_year=Y(2023), source=TITLE_II_A, amount_usd=5500),
                  SpendingLine(school_year=Y(2023), source=DISTRICT, amount_usd=0)),
        uses=(UseLine(school_year=Y(2023), use=COACHING, amount_usd=4000),),
        outcomes=(OutcomePoint(metric="Survey score", school_year=Y(2022), value=3.5),),
        story=Story(impact="Only the impact is written."),
        contact=Contact(email="someone@example.org"),
    )


@pytest.mark.parametrize("district", [
    *fictional.sample_districts(), hostile(), missing_values()],
    ids=["maple_valley", "cedar_creek", "harbor_city", "hostile", "missing_values"])
def test_render_reimports_to_the_same_district(district):
    result = reload(workbook.render(district).data)
    assert [unlocated(d) for d in result.districts] == [unlocated(district)]
    assert not [i for i in result.issues if i.is_error]


@pytest.mark.parametrize("districts", [
    fictional.statewide(12), (hostile(), missing_values(), *fictional.sample_districts())],
    ids=["statewide", "hostile_and_missing"])
def test_render_many_reimports_every_district(districts):
    result = reload(workbook.render_many(districts).data, "statewide.xlsx")
    assert [unlocated(d) for d in result.districts] == [unlocated(d) for d in districts]
    assert result.issues == ()


def test_text_with_formula_prefixes_is_stored_as_strings():
    book = openpyxl.load_workbook(io.BytesIO(workbook.render(hostile()).data))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.value[:1] in "=+-@"]
    formulas = {cell.coordinate for cell in cells if cell.data_type == "f"}
    texts = {(cell.parent.title, cell.value) for cell in cells if cell.data_type == "s"}
    assert ("Story", "=SUM(A1:A9) is not a formula") in texts
    assert ("Profile", "=HYPERLINK(\"http://example.org\") Unified") in texts
    assert ("Contact", "=dana@example.org") in texts
    # Only the Total rows hold formulas, and those are ours.
    assert {(c.parent.title, c.value[:4]) for c in cells if c.data_type == "f"} == {
        ("Spending", "=SUM"), ("Uses", "=SUM")}
    assert formulas


def test_total_rows_are_formulas_with_saved_values_and_are_not_imported():
    data = workbook.render(fictional.maple_valley()).data
    formulas = openpyxl.load_workbook(io.BytesIO(data))["Spending"]
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Spending"]
    assert [formulas.cell(7, col).value for col in (1, 2, 6)] == [
        "Total", "=SUM(B4:B6)", "=SUM(F4:F6)"]
    # 2023-24 is the newest year, so column B; 298,000 + 240,000 + 640,000.
    assert values["B7"].value == 1_178_000
    assert formulas["B3"].value == "2023-24"


def test_template_has_read_me_validation_formats_and_frozen_headers():
    book = openpyxl.load_workbook(io.BytesIO(workbook.template(years=[Y(2024 - n)
                                                                      for n in range(5)])))
    assert book.sheetnames == ["Read me", "Profile", "Spending", "Uses", "Outcomes", "Story",
                               "Contact"]
    read_me = {row[0]: row[1] for row in book["Read me"].iter_rows(min_row=3, values_only=True)}
    assert "Percent points" in read_me["% English learners"]
    assert "FICTIONAL" not in read_me
    profile = book["Profile"]
    assert [profile.cell(r, 1).value for r in (3, 4, 7)] == [
        "Field", "District name", "Number of students"]
    assert profile["B7"].number_format == "#,##0"
    assert profile["B11"].number_format == "0.0\\%"
    assert profile.freeze_panes == "B4"
    spending = book["Spending"]
    assert [c.value for c in spending[3]] == ["Source", "2024-25", "2023-24", "2022-23",
                                              "2021-22", "2020-21"]
    assert [spending.cell(r, 1).value for r in range(4, 8)] == [
        "Title II-A", "State", "District", "Total"]
    assert spending.column_dimensions["A"].width > 20
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in book["Outcomes"].data_validations
             .dataValidation}
    assert lists == {"C4": '"%,count,$,score"', "D4": '"Yes,No"'}


def test_fictional_districts_say_so_in_read_me():
    book = openpyxl.load_workbook(io.BytesIO(workbook.render(fictional.cedar_creek()).data))
    first = next(book["Read me"].iter_rows(min_row=3, values_only=True))
    assert first[0] == "FICTIONAL"
    assert workbook.render(fictional.cedar_creek()).filename == "cedar-creek-schools.xlsx"


def test_blank_template_loads_without_errors_or_districts():
    result = reload(workbook.template())
    assert result.districts == ()
    assert not [i for i in result.issues if i.is_error]
