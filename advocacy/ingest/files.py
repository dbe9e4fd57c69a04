"""Bytes → Sheets of addressed cells.

Owns file formats (.xlsx, .xlsm, .xls, .ods, .csv), telling them apart by content rather than
by name, hidden sheets, merged ranges, percent number formats, and turning every unreadable or
hostile file into one located Issue while the other files still load. Limits live in
``safety``. Never interprets a value (cells.py does), never looks for tables (layouts.py does).
``each_sheet`` gives a file's sheets one at a time and parses later ones on a second thread
meanwhile (the reader works without Python's lock), each as soon as the cell limit clears it,
so the caller's work (checking the limit, reading the sheets before) and the parse take the same
time instead of one after the other.

Values are kept as the reader gives them: python-calamine returns every number in .xlsx and
.ods as a float (12 → 12.0) and .xls integers as int; cells.py reads both, so no rounding here.
Blank cells are None, trailing blank rows and columns are dropped, leading ones are kept so
addresses stay true. Formula error cells (#N/A, #DIV/0!) read as blank, as the reader gives
them; a formula saved with no value at all is a located warning (``formulas``).
``number_formats`` holds percent formats only ("0%", "0.00%"), the one format that
changes how a number reads, for .xlsx/.xlsm and .ods; .xls cells carry none.
"""

from __future__ import annotations

import csv
import functools
import io
import posixpath
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from advocacy.ingest import csv_text, formulas, ods, ooxml, safety, xls
from advocacy.issues import Issue
from advocacy.location import Location, column_letter, in_csv, in_sheet

# What each extension should hold, as ``safety.sniff`` names contents.
_EXPECTED = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".ods": "ods",
    ".xls": "xls",
    ".csv": "text",
    ".tsv": "text",
    ".txt": "text",
}
_DESCRIBED = {
    "xlsx": "an Excel workbook",
    "ods": "an OpenDocument spreadsheet",
    "xls": "an Excel 97-2003 workbook",
    "text": "delimited text (CSV)",
    "markup": "a web page or XML document",
    "pdf": "a PDF document",
    "binary": "a binary file",
    "zip": "a zip archive that is not a spreadsheet",
    "xlsb": "an Excel binary workbook (.xlsb)",
    "cfb": "an Office document that is not a spreadsheet",
}
_SUPPORTED = ".xlsx, .xlsm, .xls, .ods or .csv"
_RESAVE = "Open it in your spreadsheet program, save a new copy as .xlsx, and upload that"
_HINTS = {
    "file.encrypted": "Remove the password in Excel (File › Info › Protect Workbook › Encrypt "
    "with Password), save, and upload again",
    "file.truncated": "The upload may have been cut off. " + _RESAVE,
    "file.unreadable": _RESAVE,
    "file.xml_entities": _RESAVE,
    "file.zip_bomb": "This is not how spreadsheet programs save files. " + _RESAVE,
    "file.too_many_cells": "Delete unused rows and columns, or split the file",
    "file.too_large": "Delete unused sheets, images and formatting, or split the file",
    "file.mislabelled": _RESAVE,
    "file.unsupported": f"Upload a {_SUPPORTED} file",
}
# Per sheet: merged ranges when the cell reader cannot give them, percent formats, and
# formulas saved without a value.
_Extras = tuple[
    tuple[tuple[int, int, int, int], ...] | None, dict[tuple[int, int], str], formulas.Found
]


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One uploaded file: its name as uploaded and its bytes."""

    name: str
    data: bytes


@dataclass(slots=True)
class Sheet:
    """One grid of saved values, addressed by zero-based (row, col)."""

    file: str
    name: str | None
    rows: list[list[object]]
    is_csv: bool = False
    merged: tuple[tuple[int, int, int, int], ...] = ()
    number_formats: dict[tuple[int, int], str] = field(default_factory=dict)

    def location(self, row: int, col: int) -> Location:
        if self.is_csv or self.name is None:
            return in_csv(self.file, row, column=column_letter(col))
        return in_sheet(self.file, self.name, row, col)

    def locator(self) -> Callable[[int, int], Location]:
        """``location`` as one call, for a loop that locates every cell of a table."""
        if self.is_csv or self.name is None:
            return self.location
        return functools.partial(in_sheet, self.file, self.name)

    def value(self, row: int, col: int) -> object | None:
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= col < len(cells):
                return cells[col]
        return None


def read_files(files: Iterable[SourceFile], issues: list[Issue]) -> list[Sheet]:
    """Every visible, non-empty sheet of every file, in upload order."""
    sheets: list[Sheet] = []
    for file in files:
        sheets.extend(read_file(file, issues))
    return sheets


def read_file(file: SourceFile, issues: list[Issue]) -> list[Sheet]:
    sheets: list[Sheet] = []
    try:
        sheets.extend(each_sheet(file, issues))
    except FileRefused:
        return []
    return sheets


class FileRefused(Exception):  # noqa: N818 - a verdict, not a fault: the issues say why
    """Raised by ``each_sheet`` when a file it already gave sheets of turns out unreadable or
    past the cell limit: the caller drops what it made of those sheets, as ``read_file`` would
    have given none of them. The file's issues are in the caller's list by then."""


def each_sheet(file: SourceFile, issues: list[Issue]) -> Iterator[Sheet]:
    """The file's sheets one at a time, each as soon as it is read, so the caller works on one
    while the reader parses the next (``_ReadAhead``); the same sheets, in the same order,
    as ``read_file`` gives. The file's issues join ``issues`` when the sheets run out."""
    found: list[Issue] = []
    given = False
    try:
        for sheet in _read(file, found):
            given = True
            yield sheet
    except FileRefused:
        issues.extend(found)
        raise
    except Exception:
        # The reader libraries raise their own types on malformed bytes; whatever they raise,
        # a bad upload must stay one message and not stop the other files.
        found = [issue for issue in found if not issue.is_error]
        # Their messages name library internals ("CalamineError: Cannot detect file format");
        # the reader is told what we saw, in our words.
        found.append(_error(file, "file.unreadable",
                            "contents the spreadsheet reader could not make sense of"))
        issues.extend(found)
        if given:
            raise FileRefused(file.name) from None
        return
    issues.extend(found)


def _csv_problem(error: csv.Error) -> str:
    text = str(error).lower()
    if "field limit" in text:
        return "a single cell longer than the CSV reader accepts"
    if "eof" in text or "end of data" in text:
        return "a quoted cell that runs to the end of the file"
    return "a line that could not be split into cells"


def megabytes(size: int, limit: int) -> str:
    """A size in MB with as many decimals as it takes to differ from ``limit``: a refused
    20.0001 MB file must not read as "20.0 MB" beside a 20 MB limit."""
    for decimals in range(1, 7):
        text = f"{size / 2**20:,.{decimals}f}"
        if (float(text.replace(",", "")) > limit / 2**20) == (size > limit):
            return f"{text} MB"
    return f"{size:,} bytes"


def _read(file: SourceFile, issues: list[Issue]) -> Iterable[Sheet]:
    size = len(file.data)
    if size > safety.MAX_FILE_BYTES:
        issues.append(
            _error(
                file,
                "file.too_large",
                f"{megabytes(size, safety.MAX_FILE_BYTES)} ({size:,} bytes)",
                expected=f"at most {safety.MAX_FILE_BYTES // 2**20} MB "
                f"({safety.MAX_FILE_BYTES:,} bytes)",
            )
        )
        return []
    if not file.data.strip():
        issues.append(_error(file, "file.empty", "no data" if size else "0 bytes"))
        return []
    extension = posixpath.splitext(file.name.lower())[1]
    expected = _EXPECTED.get(extension)
    kind = safety.sniff(file.data)
    if kind == "zip":
        return _read_zip(file, expected, issues)
    if kind == "cfb":
        return _read_cfb(file, expected, issues)
    if kind == "text" and expected is not None:
        _check_label(file, expected, "text", issues)
        return _read_csv(file, issues)
    code = "file.mislabelled" if expected else "file.unsupported"
    issues.append(_error(file, code, _DESCRIBED.get(kind, kind), expected=_SUPPORTED))
    return []


def _read_zip(file: SourceFile, expected: str | None, issues: list[Issue]) -> Iterable[Sheet]:
    unpacked = safety.unpack(file.data)
    if isinstance(unpacked, tuple):
        code, found = unpacked
        issues.append(_error(file, code, found))
        return []
    parts = unpacked.parts
    if "content.xml" in parts:
        actual = "ods"
    elif ooxml.sheet_parts(parts):
        actual = "xlsx"
    else:
        kind = "xlsb" if ooxml.is_binary_workbook(parts) else "zip"
        issues.append(_error(file, "file.unsupported", _DESCRIBED[kind], expected=_SUPPORTED))
        return []
    _check_label(file, expected, actual, issues)
    if actual == "xlsx":
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(unpacked.repacked))
        return _read_xlsx(file, workbook, parts, issues)
    # The .ods reader parses every sheet as it opens, so its limits are checked first.
    extras = _ods_extras(parts)
    if isinstance(extras, str):
        issues.append(_too_many_cells(file, extras))
        return []
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(unpacked.repacked))
    return _read_workbook(file, workbook, extras, issues)


def _read_cfb(file: SourceFile, expected: str | None, issues: list[Issue]) -> Iterable[Sheet]:
    if safety.cfb_is_encrypted(file.data):
        issues.append(_error(file, "file.encrypted", "a password-protected workbook"))
        return []
    uncalculated: dict[str, formulas.Found] = {}
    problem = xls.inspect(file.data, safety.MAX_CELLS, uncalculated)
    if problem:
        issues.append(_error(file, *problem))
        return []
    _check_label(file, expected, "xls", issues)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(file.data))
    except Exception as error:  # calamine's error types vary by version and format
        text = str(error).lower()
        encrypted = "password" in text or "encrypt" in text
        code = "file.encrypted" if encrypted else "file.truncated"
        found = "a password-protected workbook" if encrypted else "an .xls file that ends early"
        issues.append(_error(file, code, found))
        return []
    extras: dict[str, _Extras] = {name: (None, {}, found) for name, found in uncalculated.items()}
    return _read_workbook(file, workbook, extras, issues)


def _read_csv(file: SourceFile, issues: list[Issue]) -> list[Sheet]:
    text = csv_text.decode(file.data, file.name, issues)
    try:
        rows = csv_text.records(text, safety.MAX_CELLS)
    except csv.Error as error:
        # Almost always a stray double quote that swallows the rest of the file.
        issues.append(
            _error(
                file,
                "file.unreadable",
                _csv_problem(error),
                hint='Look for a double quote (") that is never closed',
            )
        )
        return []
    if rows is None:
        issues.append(_too_many_cells(file, f"more than {safety.MAX_CELLS:,} cells"))
        return []
    if not rows:
        issues.append(_error(file, "file.empty", "only blank lines"))
        return []
    return [Sheet(file=file.name, name=None, rows=rows, is_csv=True)]


def _read_xlsx(file: SourceFile, workbook, parts, issues: list[Issue]) -> Iterator[Sheet]:
    """The workbook's sheets, as ``_read_workbook`` gives them, each cleared for the reader as
    soon as the cells of it and the sheets before it are known to fit the limit: the reader
    parses the first sheets while the later ones are still being checked."""
    sheets_metadata = workbook.sheets_metadata  # read before the reader's thread uses it
    paths = ooxml.sheet_parts(parts)
    strings = ooxml.shared_string_count(parts)
    if strings > safety.MAX_CELLS:  # more than the cells could ever use
        issues.append(_too_many_cells(file, f"{strings:,} distinct texts"))
        return
    # Listed, not keyed by name: a sheet named twice counts twice against the limit.
    sheets = [(meta.name, parts.get(paths.get(meta.name, "")))
              for meta in _visible_worksheets(sheets_metadata)]
    with _ReadAhead(workbook, [name for name, _ in sheets]) as grids:
        problem = _clear_within_limit(sheets, paths, parts, grids)
        if problem:
            issues.append(_too_many_cells(file, problem))
            return
        styles = ooxml.percent_styles(parts)
        extras: dict[str, _Extras] = {
            name: (None, ooxml.percent_cells(styles, xml or b""),
                   formulas.in_xlsx_sheet(xml or b""))
            for name, xml in sheets
        }
        yield from _sheets(file, sheets_metadata, grids, extras, issues)


def _clear_within_limit(sheets, paths, parts, grids: _ReadAhead) -> str | None:
    """Clears the sheets for parsing, in order, while ``ooxml.fitting_loosely`` vouches for
    them: a few searches per sheet usually show the file is well under the limit. Every bound
    is at least its sheet's extent, so what the reader allocates for the sheets cleared so far
    stays within the limit whatever the later sheets hold. When the bounds cannot vouch for
    every sheet, the exact extents decide, and name the sheet that passes it. Returns that
    problem, or None once every sheet is cleared."""
    cleared = 0
    for cleared in ooxml.fitting_loosely([xml for _, xml in sheets], safety.MAX_CELLS):
        grids.clear(cleared)
    if cleared == len(sheets):
        return None
    problem = _past_the_limit(sheets, paths, parts)
    if problem is None:
        grids.clear(len(sheets))
    return problem


def _past_the_limit(sheets, paths, parts) -> str | None:
    # The extent is checked on the XML before the reader runs: the reader allocates the whole
    # grid at once, and one far-away cell (XFD1048576) would ask it for hundreds of gigabytes.
    total = 0
    for name, xml in sheets:
        if xml is None:
            # The reader named a sheet we could not map to its part: bound it by every part.
            rows, cols = max(
                (ooxml.extent(parts.get(path, b""), safety.MAX_CELLS) for path in paths.values()),
                key=lambda e: e[0] * e[1],
                default=(0, 0),
            )
        else:
            rows, cols = ooxml.extent(xml, safety.MAX_CELLS)
        total += rows * cols
        if total > safety.MAX_CELLS:
            return f"sheet {name} reaching row {rows:,}, column {column_letter(cols - 1)}"
    return None


def _ods_extras(parts) -> dict[str, _Extras] | str:
    tables = ods.tables(parts["content.xml"], safety.MAX_CELLS)
    if tables is None:
        return f"sheets reaching past {safety.MAX_CELLS:,} cells"
    return {
        name: (tuple(table.merged), table.percent, table.formulas)
        for name, table in tables.items()
    }


def _read_workbook(file, workbook, extras: dict[str, _Extras], issues) -> Iterator[Sheet]:
    """The sheets of a workbook whose limits were checked as it opened, every one cleared
    for the reader at once."""
    sheets_metadata = workbook.sheets_metadata  # read before the reader's thread uses it
    visible = [meta.name for meta in _visible_worksheets(sheets_metadata)]
    with _ReadAhead(workbook, visible) as grids:
        grids.clear(len(visible))
        yield from _sheets(file, sheets_metadata, grids, extras, issues)


def _sheets(file, sheets_metadata, grids: _ReadAhead, extras: dict[str, _Extras],
            issues) -> Iterator[Sheet]:
    """The workbook's sheets, each sheet's cells parsed by ``_ReadAhead`` while the caller
    works on the sheets before it. Raises FileRefused when the cells pass the limit after
    sheets were given."""
    given = 0
    hidden = 0
    total = 0
    for meta in sheets_metadata:
        if meta.typ is not SheetTypeEnum.WorkSheet:
            continue  # chart and dialog sheets hold no cells
        if meta.visible is not SheetVisibleEnum.Visible:
            hidden += 1
            state = "very hidden" if meta.visible is SheetVisibleEnum.VeryHidden else "hidden"
            issues.append(
                Issue.warning(
                    "sheet.hidden_skipped",
                    at=Location(file=file.name, sheet=meta.name),
                    found=f"a {state} sheet",
                    hint="Unhide it in your spreadsheet program if it holds data you want used",
                )
            )
            continue
        grid = grids.next()
        # The grid is padded from A1 so addresses stay true; that padding counts too.
        last_row, last_col = grid.end or (-1, -1)
        total += (last_row + 1) * (last_col + 1)
        if total > safety.MAX_CELLS:
            issues.append(_too_many_cells(file, f"sheet {meta.name} and those before it"))
            if given:
                raise FileRefused(file.name)
            return
        rows = _tidy(grid.to_python(skip_empty_area=False))
        merged, formats, uncalculated = extras.get(meta.name, (None, {}, {}))
        if uncalculated:
            formulas.apply(
                rows, uncalculated, lambda r, c, s=meta.name: in_sheet(file.name, s, r, c),
                issues,
            )
        if not rows:
            continue
        if merged is None:
            merged = tuple(
                (r0, c0, r1, c1) for (r0, c0), (r1, c1) in grid.merged_cell_ranges or ()
            )
        del grid  # its cells are rows now; the reader's copy need not outlive them
        given += 1
        yield Sheet(
            file=file.name, name=meta.name, rows=rows, merged=merged, number_formats=formats
        )
    if not given:
        found = "only hidden sheets" if hidden else "no filled cells"
        issues.append(_error(file, "file.empty", found))


class _ReadAhead:
    """Parses a workbook's sheets in order on a second thread, ahead of the caller. The reader
    (calamine) lets go of Python's lock while it parses, about a quarter of a statewide check,
    so that time runs beside the caller's work (checking the later sheets' limits, reading the
    sheets before) instead of after it. A sheet is parsed only once ``clear`` says the sheets
    up to it fit the cell limit, and at most ``_AHEAD`` sheets the caller has not taken are
    parsed or under way: the limit bounds all of a file's sheets together, so no more cells
    are held than a file at the limit holds, and a many-sheet file holds only a few sheets'.
    Nothing else may use the workbook while the thread runs."""

    def __init__(self, workbook, names: list[str]) -> None:
        self._workbook, self._names = workbook, names
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sheet-read-ahead")
        self._cleared = 0
        self._taken = 0
        self._pending: deque[Future] = deque()

    def __enter__(self) -> _ReadAhead:
        return self

    def __exit__(self, *_: object) -> None:
        # A caller that stops early (a refused file) waits for the one parse under way.
        self._pool.shutdown(wait=True, cancel_futures=True)

    def clear(self, count: int) -> None:
        """The first ``count`` sheets may be parsed."""
        self._cleared = max(self._cleared, count)
        self._ask()

    def next(self):
        """The next visible sheet's grid, parsed; the parse of a later one starts now."""
        assert self._pending, "every sheet is cleared before the caller takes one"
        grid = self._pending.popleft().result()  # the reader's own error, if it raised
        self._taken += 1
        self._ask()
        return grid

    def _ask(self) -> None:
        asked = self._taken + len(self._pending)
        while asked < self._cleared and len(self._pending) < _AHEAD:
            self._pending.append(
                self._pool.submit(self._workbook.get_sheet_by_name, self._names[asked]))
            asked += 1


# Three: a statewide workbook opens with a short sheet or two before its long tables, and the
# reader should be on the first long one while the caller still checks and reads those.
_AHEAD = 3


def _visible_worksheets(sheets_metadata):
    return [
        meta
        for meta in sheets_metadata
        if meta.typ is SheetTypeEnum.WorkSheet and meta.visible is SheetVisibleEnum.Visible
    ]


def _tidy(rows: list[list[object]]) -> list[list[object]]:
    # In place: a copy would double the memory of the largest grid we accept.
    for row in rows:
        if "" in row:  # a test in C: most rows of a statewide table have no empty text
            row[:] = [None if value == "" else value for value in row]
        while row and row[-1] is None:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _check_label(file, expected: str | None, actual: str, issues: list[Issue]) -> None:
    if expected != actual:
        issues.append(
            Issue.warning(
                "file.mislabelled",
                at=Location(file=file.name),
                found=_DESCRIBED[actual],
                hint="It was read by its contents; rename it to match",
            )
        )


def _too_many_cells(file: SourceFile, found: str) -> Issue:
    return _error(
        file, "file.too_many_cells", found, expected=f"at most {safety.MAX_CELLS:,} cells in all"
    )


def _error(file: SourceFile, code: str, found: str, **fields: str | None) -> Issue:
    fields.setdefault("hint", _HINTS.get(code))
    return Issue.error(code, at=Location(file=file.name), found=found, **fields)
