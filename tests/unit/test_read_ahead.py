"""ingest.files.each_sheet and load: a workbook's next sheet is parsed on a second thread while
the sheet before is read into facts, and the result is what reading the file whole gives,
refusals included. Workbooks are written by openpyxl; every value is fictional."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from advocacy import load
from advocacy.ingest import files
from advocacy.ingest.files import FileRefused, SourceFile, each_sheet, read_file
from tests import factories

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"

SPENDING = [
    ["District", "School year", "Source", "Amount"],
    ["Fictional Pines USD", "2023-24", "Title II-A", 120500],
    ["Fictional Pines USD", "2023-24", "District general fund", 80000],
]
USES = [
    ["District", "School year", "Use", "Amount"],
    ["Fictional Pines USD", "2023-24", "Coaching", 150000],
]


def two_sheets(name: str = "pines.xlsx") -> SourceFile:
    return factories.xlsx({"Spending": SPENDING, "Uses": USES}, name=name)


def with_broken_second_sheet() -> SourceFile:
    """The first sheet reads; the second is cut off mid-cell, so the reader raises on it only
    after the first was given."""
    def cut(part: str, content: bytes) -> bytes:
        if part == "xl/worksheets/sheet2.xml":
            return content[: content.index(b"<sheetData>")] + b'<sheetData><row r="1"><c r="A1'
        return content

    return factories.rezip(two_sheets(), "broken.xlsx", edit=cut)


def codes(issues) -> list[tuple[str, str]]:
    return [(issue.code, str(issue.at)) for issue in issues]


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.xlsx")), ids=lambda path: path.name)
def test_sheet_by_sheet_gives_the_sheets_and_issues_of_the_whole_read(sample):
    source = SourceFile(sample.name, sample.read_bytes())
    whole_issues: list = []
    whole = read_file(source, whole_issues)
    one_by_one_issues: list = []
    one_by_one = list(each_sheet(source, one_by_one_issues))
    assert [(s.name, s.rows, s.merged, s.number_formats) for s in one_by_one] == [
        (s.name, s.rows, s.merged, s.number_formats) for s in whole
    ]
    assert codes(one_by_one_issues) == codes(whole_issues)
    assert whole, "every sample has sheets"


class Recording:
    """The real workbook, telling which thread asked for which sheet, and when."""

    def __init__(self, workbook, asked: list[tuple[str, str]], started: dict) -> None:
        self._workbook, self._asked, self._started = workbook, asked, started
        self.sheets_metadata = workbook.sheets_metadata

    def get_sheet_by_name(self, name: str):
        self._asked.append((name, threading.current_thread().name))
        self._started.setdefault(name, threading.Event()).set()
        return self._workbook.get_sheet_by_name(name)

    def __getattr__(self, attribute: str):
        return getattr(self._workbook, attribute)


def recording_workbooks(monkeypatch) -> tuple[list[tuple[str, str]], dict]:
    asked: list[tuple[str, str]] = []
    started: dict[str, threading.Event] = {}
    real = files.CalamineWorkbook

    class Opening:
        @staticmethod
        def from_filelike(data):
            return Recording(real.from_filelike(data), asked, started)

    monkeypatch.setattr(files, "CalamineWorkbook", Opening)
    return asked, started


def test_the_next_sheet_is_parsed_while_the_caller_holds_the_one_before(monkeypatch):
    asked, started = recording_workbooks(monkeypatch)
    uses_started = started.setdefault("Uses", threading.Event())
    sheets = each_sheet(two_sheets(), [])
    first = next(sheets)
    assert first.name == "Spending"
    # Nothing more was asked of the generator, yet the second sheet's parse is under way.
    assert uses_started.wait(timeout=10)
    assert [sheet.name for sheet in sheets] == ["Uses"]
    assert [name for name, _ in asked] == ["Spending", "Uses"]
    assert all(thread.startswith("sheet-read-ahead") for _, thread in asked)


def test_the_first_sheet_is_parsed_while_the_later_ones_are_still_checked(monkeypatch):
    _, started = recording_workbooks(monkeypatch)
    spending_started = started.setdefault("Spending", threading.Event())
    real_bound = files.ooxml.extent_bound
    checked: list[bytes] = []
    waited: list[bool] = []

    def bound(xml: bytes, limit: int):
        checked.append(xml)
        if len(checked) == 2:  # the second sheet's check: the first's parse began before it ends
            waited.append(spending_started.wait(timeout=10))
        return real_bound(xml, limit)

    monkeypatch.setattr(files.ooxml, "extent_bound", bound)
    assert [sheet.name for sheet in each_sheet(two_sheets(), [])] == ["Spending", "Uses"]
    assert waited == [True]


def test_no_sheet_is_parsed_past_the_limit(monkeypatch):
    asked, _ = recording_workbooks(monkeypatch)
    # Each sheet alone fits; together they do not, so the exact extents refuse the file.
    monkeypatch.setattr(files.safety, "MAX_CELLS", len(SPENDING) * len(SPENDING[0]) + 1)
    issues: list = []
    assert list(each_sheet(two_sheets(), issues)) == []
    assert codes(issues) == [("file.too_many_cells", "pines.xlsx")]
    assert "sheet Uses" in issues[0].found
    assert "Uses" not in [name for name, _ in asked]


def test_a_sheet_the_reader_cannot_parse_after_one_it_gave_refuses_the_whole_file():
    source = with_broken_second_sheet()
    issues: list = []
    sheets = each_sheet(source, issues)
    assert next(sheets).name == "Spending"
    with pytest.raises(FileRefused):
        next(sheets)
    assert codes(issues) == [("file.unreadable", "broken.xlsx")]

    whole_issues: list = []
    assert read_file(source, whole_issues) == []
    assert codes(whole_issues) == codes(issues)


def test_load_keeps_nothing_of_a_file_refused_midway_and_keeps_the_other_files():
    result = load.load_files([with_broken_second_sheet(), two_sheets("other.xlsx")])
    refused = [issue for issue in result.issues if issue.at.file == "broken.xlsx"]
    assert codes(refused) == [("file.unreadable", "broken.xlsx")]
    # The district comes only from the other file: the refused file's first sheet is dropped.
    assert [district.name for district in result.districts] == ["Fictional Pines USD"]
    (district,) = result.districts
    facts_from = {location.file for _, location in district.located}
    assert facts_from == {"other.xlsx"}


def test_cells_past_the_limit_on_a_later_sheet_refuse_the_sheets_already_given(monkeypatch):
    # The XML-level check is what usually refuses; this reaches the reader's own count of
    # the parsed grid, which must drop the earlier sheet as well.
    monkeypatch.setattr(files.ooxml, "extent_bound", lambda xml, limit: (1, 1))
    spending_cells = len(SPENDING) * len(SPENDING[0])
    monkeypatch.setattr(files.safety, "MAX_CELLS", spending_cells)
    issues: list = []
    sheets = each_sheet(two_sheets(), issues)
    assert next(sheets).name == "Spending"
    with pytest.raises(FileRefused):
        next(sheets)
    assert codes(issues) == [("file.too_many_cells", "pines.xlsx")]
    assert "sheet Uses and those before it" in issues[0].found

    result = load.load_files([two_sheets()])
    assert result.districts == ()
    assert ("file.too_many_cells", "pines.xlsx") in codes(result.issues)


def test_a_caller_that_stops_early_leaves_no_reading_thread_behind():
    sheets = each_sheet(two_sheets(), [])
    next(sheets)
    sheets.close()
    assert not [thread for thread in threading.enumerate()
                if thread.name.startswith("sheet-read-ahead")]
