"""Real spreadsheet and CSV files built in code, for tests.

Every builder returns ``SourceFile(name, data)`` holding the bytes a real program wrote
(openpyxl, xlsxwriter, xlwt, odfpy, the csv module), so tests exercise the real readers.
Cell values are fictional. Never used by the app itself.
"""

from __future__ import annotations

import csv as _csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from advocacy.ingest.files import SourceFile

Rows = Sequence[Sequence[object]]
Sheets = Mapping[str, Rows]


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula cell with the value a spreadsheet program saved for it (xlsxwriter only)."""

    text: str  # "=SUM(B2:B3)"
    value: object


@dataclass(frozen=True, slots=True)
class Uncalculated:
    """A formula saved with no value, as scripts write them (openpyxl, odfpy, xlwt)."""

    text: str  # "=SUM(B2:B3)"


@dataclass(frozen=True, slots=True)
class Percent:
    """A number shown as a percent: 0.12 displays as 12% (ods only; xlsx uses number_formats)."""

    value: float


def xlsx(
    sheets: Sheets,
    *,
    name: str = "upload.xlsx",
    hidden: Iterable[str] = (),
    very_hidden: Iterable[str] = (),
    merged: Mapping[str, Iterable[str]] | None = None,
    number_formats: Mapping[str, Mapping[str, str]] | None = None,
) -> SourceFile:
    """An .xlsx written by openpyxl. Strings starting with "=" become formulas with no saved
    value (openpyxl cannot compute them); use ``xlsx_xlsxwriter`` for saved formula values."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([_plain(value) for value in row])
        for ref in (merged or {}).get(title, ()):
            sheet.merge_cells(ref)
        for ref, fmt in (number_formats or {}).get(title, {}).items():
            sheet[ref].number_format = fmt
    for title in hidden:
        book[title].sheet_state = "hidden"
    for title in very_hidden:
        book[title].sheet_state = "veryHidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return SourceFile(name, buffer.getvalue())


def xlsx_xlsxwriter(
    sheets: Sheets,
    *,
    name: str = "upload.xlsx",
    hidden: Iterable[str] = (),
    merged: Mapping[str, Iterable[str]] | None = None,
    number_formats: Mapping[str, Mapping[str, str]] | None = None,
) -> SourceFile:
    """An .xlsx written by xlsxwriter; ``Formula`` cells keep their saved value, as Excel's do."""
    import xlsxwriter
    from xlsxwriter.utility import xl_cell_to_rowcol, xl_range

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    hidden = set(hidden)
    for title, rows in sheets.items():
        sheet = book.add_worksheet(title)
        formats = {
            xl_cell_to_rowcol(ref): book.add_format({"num_format": fmt})
            for ref, fmt in (number_formats or {}).get(title, {}).items()
        }
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                fmt = formats.get((r, c))
                if isinstance(value, Formula):
                    sheet.write_formula(r, c, value.text, fmt, value.value)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, c, value, fmt or date_format)
                elif value is not None:
                    sheet.write(r, c, value, fmt)
                elif fmt is not None:
                    sheet.write_blank(r, c, None, fmt)
        for ref in (merged or {}).get(title, ()):
            first, last = ref.split(":")
            (r0, c0), (r1, c1) = xl_cell_to_rowcol(first), xl_cell_to_rowcol(last)
            value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else None
            sheet.merge_range(xl_range(r0, c0, r1, c1), value)
        if title in hidden:
            sheet.hide()
    book.close()
    return SourceFile(name, buffer.getvalue())


def csv(
    rows: Rows,
    *,
    name: str = "upload.csv",
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> SourceFile:
    """A CSV as spreadsheet programs save it: CRLF lines, fields quoted only when needed.
    ``encoding`` "utf-8-sig" adds the byte-order mark Excel writes; "cp1252" is Windows."""
    buffer = io.StringIO(newline="")
    writer = _csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return SourceFile(name, buffer.getvalue().encode(encoding))


def xls(
    sheets: Sheets,
    *,
    name: str = "upload.xls",
    hidden: Iterable[str] = (),
    merged: Mapping[str, Iterable[str]] | None = None,
) -> SourceFile:
    """A legacy Excel 97-2003 .xls written by xlwt; ``Uncalculated`` cells are xlwt formulas,
    saved with no result as xlwt always does."""
    import xlwt
    from openpyxl.utils.cell import range_boundaries

    book = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    hidden = set(hidden)
    for title, rows in sheets.items():
        sheet = book.add_sheet(title)
        spans = {}
        for ref in (merged or {}).get(title, ()):
            c0, r0, c1, r1 = range_boundaries(ref)
            spans[(r0 - 1, c0 - 1)] = (r1 - 1, c1 - 1)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if (r, c) in spans:
                    sheet.write_merge(r, spans[(r, c)][0], c, spans[(r, c)][1], value)
                elif isinstance(value, Uncalculated):
                    sheet.write(r, c, xlwt.Formula(value.text.removeprefix("=")))
                elif isinstance(value, dt.date):
                    sheet.write(r, c, value, date_style)
                elif value is not None:
                    sheet.write(r, c, value)
        if title in hidden:
            sheet.visibility = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return SourceFile(name, buffer.getvalue())


def ods(
    sheets: Sheets,
    *,
    name: str = "upload.ods",
    hidden: Iterable[str] = (),
    merged: Mapping[str, Iterable[str]] | None = None,
) -> SourceFile:
    """An OpenDocument spreadsheet written by odfpy, with typed cells as LibreOffice saves them.
    ``Percent`` cells get the percentage value type."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import Table, TableCell, TableRow
    from odf.text import P
    from openpyxl.utils.cell import range_boundaries

    document = OpenDocumentSpreadsheet()
    hidden_style = Style(name="hidden", family="table")
    hidden_style.addElement(TableProperties(display="false"))
    document.automaticstyles.addElement(hidden_style)
    hidden = set(hidden)
    for title, rows in sheets.items():
        spans = {}
        for ref in (merged or {}).get(title, ()):
            c0, r0, c1, r1 = range_boundaries(ref)
            spans[(r0 - 1, c0 - 1)] = (r1 - r0 + 1, c1 - c0 + 1)
        table = Table(name=title, stylename=hidden_style) if title in hidden else Table(name=title)
        for r, row in enumerate(rows):
            table_row = TableRow()
            for c, value in enumerate(row):
                cell = _ods_cell(value, TableCell, P)
                if (r, c) in spans:
                    cell.setAttribute("numberrowsspanned", spans[(r, c)][0])
                    cell.setAttribute("numbercolumnsspanned", spans[(r, c)][1])
                table_row.addElement(cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return SourceFile(name, buffer.getvalue())


def rezip(
    source: SourceFile,
    name: str,
    edit=None,
    extra: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> SourceFile:
    """The same workbook with parts edited (``edit(part, bytes) -> bytes``) or added,
    zipped again: for damaged and hostile variants of real files."""
    original = zipfile.ZipFile(io.BytesIO(source.data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as out:
        for info in original.infolist():
            content = original.read(info.filename)
            out.writestr(info.filename, edit(info.filename, content) if edit else content)
        for part, content in (extra or {}).items():
            out.writestr(part, content)
    return SourceFile(name, buffer.getvalue())


def _ods_cell(value: object, table_cell, paragraph):
    if value is None:
        return table_cell()
    if isinstance(value, Uncalculated):
        return table_cell(formula="of:" + value.text)
    if isinstance(value, Percent):
        cell = table_cell(valuetype="percentage", value=value.value)
        cell.addElement(paragraph(text=f"{value.value:.0%}"))
        return cell
    if isinstance(value, bool):
        cell = table_cell(valuetype="boolean", booleanvalue=str(value).lower())
    elif isinstance(value, int | float):
        cell = table_cell(valuetype="float", value=value)
    elif isinstance(value, dt.date):
        cell = table_cell(valuetype="date", datevalue=value.isoformat())
    else:
        cell = table_cell(valuetype="string")
    cell.addElement(paragraph(text=str(value)))
    return cell


def _plain(value: object) -> object:
    if isinstance(value, Uncalculated):
        return value.text  # openpyxl saves a string starting with "=" as a formula, no value
    return value.value if isinstance(value, Formula) else value
