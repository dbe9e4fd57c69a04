"""Light reads of an .xlsx/.xlsm's XML parts that the cell reader does not give us.

Owns: which part holds which sheet, a sheet's real extent (read from cell addresses, so a
hostile file is refused before anything allocates its grid) and a bound on it found in a few
searches, for the usual sheets well under the limit, and which cells carry a percent
number format (Excel stores 12% as 0.12 with format "0%"). Byte-level regular expressions over
parts already unpacked by ``safety.unpack``; never reads cell values, never raises on user data.
"""

from __future__ import annotations

import functools
import operator
import posixpath
import re
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import ElementTree

from advocacy.ingest.parsed_extent import parsed_extent
from advocacy.location import column_letter, column_number

# Built-in number formats 9 and 10 are "0%" and "0.00%"; files reference them by id only.
_BUILTIN_PERCENT = {9: "0%", 10: "0.00%"}
_MAX_TREE_BYTES = 4 * 1024 * 1024
_SLICE = 4 * 1024 * 1024
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# A cell with content: self-closing <c .../> tags only carry a style and are never read.
_PLAIN_FILLED_CELL = re.compile(rb'<c r="([A-Za-z]+)(\d+)"[^>]*(?<!/)>')
# A cell or row tag behind a namespace prefix (or text that looks like one): extent and
# extent_bound both leave such a sheet to the parser.
_PREFIXED_TAG = re.compile(rb":(?:c|row)(?![\w.:-])")
# Addresses past XFD or ten million rows are not read here (and int() refuses thousands of
# digits): such a cell, or a declared extent, is left to extent.
_PLAIN_ADDRESS = re.compile(rb'<c r="([A-Za-z]{1,3})(\d{1,7})"')
_DIMENSION = re.compile(rb'<dimension ref="(?:[A-Za-z]+\d+:)?([A-Za-z]{1,3})(\d{1,7})"')
# No possessive repeat of a group here: Python 3.11.2 (Debian 12's) gets one inside a lookahead
# wrong, and let a far cell after a ">" in a value through (tests/unit/test_ooxml_bound.py). The
# group's repeat is greedy: what follows it ("/" or ">") is never the space each repeat starts
# with, so giving one back never finds another match. Possessive single characters stay.
# The one form of a cell tag every writer we know produces: r first, then attributes other
# than r, each name="value" with no ">" in the value, one space apart. Read by pattern only in
# this form; a second r (the reader keeps the last) or a value with ">" (where the tag does
# not end) would hide a far cell from a pattern.
_PLAIN_ATTRIBUTES = r'(?: (?!r=)[A-Za-z]++="[^"<>]*+")*/?>'
_PLAIN_CELL = re.compile(rb'<c r="([A-Za-z]{1,3})(\d{1,7})"' + _PLAIN_ATTRIBUTES.encode())
_UNUSUAL_CELL = re.compile(rb'<c(?![\w.:-])(?! r="[A-Za-z]+\d+"' + _PLAIN_ATTRIBUTES.encode()
                           + rb")")
# What openpyxl, Excel and LibreOffice write after nearly every address: nothing, a style, a
# type (most often "s", a shared text, tried first), both, or "/>". A search that lets only these
# through takes far fewer steps per cell than one that reads any plain attributes, and each cell
# it stops at is then held to the plain form, so it finds the same first cell outside a bound.
_COMMON_ATTRIBUTES = (
    r'(?:>| t="s">| s="\d++"(?:>| t="s">|/>| t="[A-Za-z]++">)| t="[A-Za-z]++">|/>)'
)
# Past this many stops at cells the plain form lets through (a writer that adds other
# attributes), the rest of the sheet is searched in the plain form alone.
_FALSE_ALARMS = 32
# Each widening is one more search; a sheet whose far cells keep appearing is left to extent.
_WIDENINGS = 4
_REF = re.compile(rb'\sr="([A-Z]+)(\d+)"')
_STYLE = re.compile(rb'\ss="(\d+)"')


def sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet name → path of its part, e.g. {"Spending": "xl/worksheets/sheet1.xml"}."""
    book_path = _office_document(parts)
    book = _parse(parts.get(book_path))
    rels = _parse(parts.get(_rels_path(book_path)))
    if book is None or rels is None:
        return {}
    base = posixpath.dirname(book_path)
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter() if rel.get("Id")}
    found: dict[str, str] = {}
    for sheet in book.iter():
        if _local(sheet.tag) == "sheet" and sheet.get(_REL) in targets:
            target = targets[sheet.get(_REL)]
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            found[sheet.get("name", "")] = posixpath.normpath(path)
    return found


def shared_string_count(parts: dict[str, bytes]) -> int:
    """How many strings the shared-string table holds; the reader keeps every one in memory."""
    table = parts.get("xl/sharedStrings.xml", b"")
    return table.count(b"<si>") + table.count(b"<si ") + table.count(b":si>")


def is_binary_workbook(parts: dict[str, bytes]) -> bool:
    """An .xlsb: the same package, but its workbook and sheets are binary parts."""
    return _office_document(parts).endswith(".bin")


def extent(xml: bytes, max_cells: int) -> tuple[int, int]:
    """(rows, columns) bounding the grid the reader will allocate for this sheet, from the
    addresses of cells that hold something. Past ``max_cells`` cells, a bound saying so."""
    tags = xml.count(b"<c") + xml.count(b":c")  # counted in C, before any list is built
    if tags > max_cells:
        return tags, 1
    if _PREFIXED_TAG.search(xml) or _UNUSUAL_CELL.search(xml):
        # Anything but <c r="A1" ...> with plain attributes could hide where a cell is from a
        # pattern (a second r, single quotes, ">" inside a value): an XML parser decides.
        return parsed_extent(xml)
    # Every cell says where it is, first thing, so one fast pass finds every address.
    return _last_address(xml, _PLAIN_FILLED_CELL)


def fitting_loosely(sheets: list[bytes | None], max_cells: int) -> Iterator[int]:
    """How many sheets, from the first, fit within ``max_cells`` by their ``extent_bound``s
    summed, yielded as each bound is known (so a caller can act on the first sheets while the
    later ones are searched); it stops at a sheet with none (or no part) or past the limit,
    where ``extent`` must decide."""
    total = 0
    for count, xml in enumerate(sheets, start=1):
        bound = None if xml is None else extent_bound(xml, max_cells)
        if bound is None:
            return
        total += bound[0] * bound[1]
        if total > max_cells:
            return
        yield count


def fits_loosely(sheets: list[bytes | None], max_cells: int) -> bool:
    """Whether every sheet fits by ``fitting_loosely``."""
    return sum(1 for _ in fitting_loosely(sheets, max_cells)) == len(sheets)


def extent_bound(xml: bytes, max_cells: int) -> tuple[int, int] | None:
    """(rows, columns) at least as large as ``extent`` gives, in two searches instead of a read
    of every address; None when the sheet is unusual (prefixed tags, a cell not in the plain
    form, a far cell after several widenings), and ``extent`` must decide. Rows need no look:
    when every cell is plain, each says where it is, and extent reads only the cells."""
    # extent refuses on its count of "<c" and ":c" alone: each takes two bytes, one a "c".
    if (
        len(xml) > 2 * max_cells
        and xml.count(b"c") > max_cells
        and xml.count(b"<c") + xml.count(b":c") > max_cells
    ):
        return None
    if _PREFIXED_TAG.search(xml):
        return None
    rows, cols = _guess(xml, max_cells)
    start = 0
    for _ in range(_WIDENINGS):
        # A bound to the digit count costs least per cell; it is used while a few sheets
        # bounded so loosely would still fit under the limit.
        coarse = 10 ** len(str(rows)) * cols <= max_cells // 4
        within, rows, cols = _within(rows, cols, coarse)
        outlier = _first_outlier(xml, within, start)
        if outlier is None:
            return rows, cols
        address = _PLAIN_CELL.match(xml, outlier.start())
        if address is None:
            return None  # not <c r="A1" ...> with plain attributes: extent decides
        # Every cell before this one is inside the old bound, so the search goes on from here.
        rows = max(rows, int(address.group(2)))
        cols = max(cols, column_number(address.group(1)))
        if rows * cols > max_cells:
            return None
        start = outlier.end()
    return None


def _guess(xml: bytes, max_cells: int) -> tuple[int, int]:
    """The extent a writer declared and the last cell's address, the larger of each: what most
    sheets' cells stay within, so the search that checks it usually finds nothing."""
    rows = cols = 1
    last = _PLAIN_ADDRESS.match(xml, max(xml.rfind(b'<c r="'), 0))
    if last:
        rows, cols = int(last.group(2)), column_number(last.group(1))
    cells_start = xml.find(b"<sheetData")
    declared = _DIMENSION.search(xml, 0, cells_start if cells_start > 0 else len(xml))
    if declared:
        declared_rows = int(declared.group(2))
        declared_cols = column_number(declared.group(1))
        # A declared extent is the writer's word: past the limit it is not worth checking.
        if max(declared_rows, rows) * max(declared_cols, cols) <= max_cells:
            rows, cols = max(declared_rows, rows), max(declared_cols, cols)
    return rows, cols


def _first_outlier(xml: bytes, within: str, start: int) -> re.Match[bytes] | None:
    """The first cell tag at or after ``start`` not plain with its address ``within`` (from
    ``_within``): what the plain search finds, found mostly by the cheaper common one."""
    common = _outside(within, common=True)
    for _ in range(_FALSE_ALARMS):
        # The common search stops at the "c" of "<c", so a tag at start is found from start + 1.
        stop = common.search(xml, start + 1)
        if stop is None:
            return None
        outlier = _outside(within, common=False).match(xml, stop.start() - 1)
        if outlier is not None:
            return outlier
        start = stop.end()
    return _outside(within, common=False).search(xml, start)


@functools.lru_cache(maxsize=64)
def _within(rows: int, cols: int, coarse: bool) -> tuple[str, int, int]:
    """A pattern for a cell's address inside a bound at least (rows, cols), and that bound.
    It is rounded up, so the pattern stays short: to its leading letter (D → D, AD → AZ), and
    to its number of digits when ``coarse`` (15001 → 99999, the cheapest test per cell) or else
    to its leading digit (15001 → 19999)."""
    digits = str(max(rows, 1))
    if coarse:
        within_rows, rows_bound = rf"\d{{1,{len(digits)}}}+", 10 ** len(digits) - 1
    else:
        rows_bound = (int(digits[0]) + 1) * 10 ** (len(digits) - 1) - 1
        within_rows = rf"[0-{digits[0]}]"
        if len(digits) > 1:
            within_rows += rf"?\d{{1,{len(digits) - 1}}}+"
    letters = column_letter(max(cols, 1) - 1)
    first = letters[0]
    within_cols = f"[A-{first}a-{first.lower()}]" + "[A-Za-z]" * (len(letters) - 1)
    if len(letters) > 1:
        within_cols = f"(?:[A-Za-z]{{1,{len(letters) - 1}}}+|{within_cols})"
    cols_bound = column_number(first + "Z" * (len(letters) - 1))
    return f' r="{within_cols}{within_rows}"', rows_bound, cols_bound


@functools.lru_cache(maxsize=128)
def _outside(within: str, common: bool) -> re.Pattern[bytes]:
    """A search for the first cell tag that is not ``<c`` then ``within`` (an address inside a
    bound) then plain attributes, or, when ``common``, then the common ones: that search stops
    at a few plain cells too. Each is compiled when first needed; a compile costs ~0.3 ms."""
    # After "<c" a name character means another tag (<col>, <cfRule>); anything else that is
    # not the plain, bounded address is a cell this bound cannot vouch for.
    if common:
        # The engine scans for a one-byte start faster than for "<c": it finds each "c",
        # then looks back for the "<".
        return re.compile(rf"c(?<=<c)(?!{within}{_COMMON_ATTRIBUTES})(?![\w.:-])".encode())
    return re.compile(rf"<c(?!{within}{_PLAIN_ATTRIBUTES})(?![\w.:-])".encode())


def _last_address(xml: bytes, pattern: re.Pattern[bytes]) -> tuple[int, int]:
    """Largest row number and column number among the addresses ``pattern`` finds, read in
    slices ending just after a ">" (no tag spans one), so memory stays flat on big sheets."""
    last_row = last_col = start = 0
    while start < len(xml):
        end = xml.find(b">", start + _SLICE)
        end = len(xml) if end == -1 else end + 1
        refs = pattern.findall(xml, start, end)
        start = end
        if refs:
            # itemgetter keeps the pass in C; zip(*refs) would build one call of every match
            last_row = max(last_row, max(map(int, set(map(_DIGITS, refs)))))
            widest = max(set(map(_LETTERS, refs)), key=lambda text: (len(text), text.upper()))
            last_col = max(last_col, column_number(widest))
    return last_row, last_col


_LETTERS, _DIGITS = operator.itemgetter(0), operator.itemgetter(1)


def percent_styles(parts: dict[str, bytes]) -> dict[int, str]:
    """Style index → format code, for the workbook's styles that show a percent."""
    return _percent_styles(parts.get("xl/styles.xml"))


def percent_cells(styles: dict[int, str], xml: bytes) -> dict[tuple[int, int], str]:
    """Zero-based (row, col) → format code, for cells whose style (``percent_styles``) shows
    a percent."""
    if not styles:
        return {}
    found: dict[tuple[int, int], str] = {}
    for attributes in _styled_cell(tuple(styles)).findall(xml):
        ref = _REF.search(attributes)
        style = _STYLE.search(attributes)
        if ref and style:
            letters, digits = ref.groups()
            found[(int(digits) - 1, column_number(letters) - 1)] = styles[int(style.group(1))]
    return found


@functools.lru_cache(maxsize=16)
def _styled_cell(styles: tuple[int, ...]) -> re.Pattern[bytes]:
    ids = b"|".join(str(index).encode() for index in styles)
    return re.compile(rb'<(?:\w+:)?c(?=\s)([^>]*?\ss="(?:' + ids + rb')"[^>]*)>')


def _percent_styles(xml: bytes | None) -> dict[int, str]:
    root = _parse(xml)
    if root is None:
        return {}
    codes = dict(_BUILTIN_PERCENT)
    for node in root.iter():
        if _local(node.tag) == "numFmt" and "%" in node.get("formatCode", ""):
            codes[_int(node.get("numFmtId"))] = node.get("formatCode")
    found: dict[int, str] = {}
    for node in root.iter():
        if _local(node.tag) == "cellXfs":
            for index, xf in enumerate(child for child in node if _local(child.tag) == "xf"):
                code = codes.get(_int(xf.get("numFmtId")))
                if code:
                    found[index] = code
    return found


def _office_document(parts: dict[str, bytes]) -> str:
    root = _parse(parts.get("_rels/.rels"))
    for rel in root.iter() if root is not None else ():
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return "xl/workbook.xml"


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _parse(xml: bytes | None):
    # Only small parts are parsed into trees (workbook, relationships, styles); a tree costs
    # ~50x its XML in memory, so a part far larger than any real one is left unread.
    if not xml or len(xml) > _MAX_TREE_BYTES:
        return None
    try:
        return ElementTree.fromstring(xml)
    except (ParseError, ValueError):
        return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else -1
