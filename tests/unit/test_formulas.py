"""formulas.in_xlsx_sheet: an uncalculated formula is found wherever it sits, and a sheet whose
only "f"s are in other words (footer, defaultRowHeight) is passed over."""

from __future__ import annotations

import pytest

from advocacy.ingest import formulas


@pytest.mark.parametrize(
    "xml",
    [
        b'<c r="B2"><f>100*2</f><v></v></c>',
        b'<row r="2" spans="1:2"><c r="B2"><f>1+1</f></c></row>',
        b'<sheetData footer="f"><row r="2"><c r="B2"><f t="shared" si="0"/></c></row></sheetData>',
    ],
    ids=["first-tag", "in-a-row", "after-other-fs"],
)
def test_an_uncalculated_formula_is_found(xml):
    assert list(formulas.in_xlsx_sheet(xml)) == [(1, 1)]


@pytest.mark.parametrize(
    "xml",
    [b"", b"f", b"<sheetFormatPr defaultRowHeight='15'/><c r=\"A1\"><v>1</v></c>", b"</f>"],
    ids=["empty", "only-f", "f-in-names", "end-tag-only"],
)
def test_a_sheet_without_formula_tags_has_none(xml):
    assert formulas.in_xlsx_sheet(xml) == {}
