"""Light reads of an .xlsx/.xlsm's XML parts that the cell reader does not give us.

Owns: which part holds which sheet, a sheet's real extent (read from cell addresses, so a
hostile file is refused before anything allocates its grid) and which cells carry a percent
number format (Excel stores 12% as 0.12 with format "0%"). Byte-level regular expressions over
parts already unpacked by ``safety.unpack``; never reads cell values, never raises on user data.
"""

from __future__ import annotations

import operator
import posixpath
import re
from xml.etree.ElementTree import ParseError

from defusedxml import ElementTree

# Built-in number formats 9 and 10 are "0%" and "0.00%"; files reference them by id only.
_BUILTIN_PERCENT = {9: "0%", 10: "0.00%"}
_MAX_TREE_BYTES = 4 * 1024 * 1024
_SLICE = 4 * 1024 * 1024
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Any attribute order: r need not come first, and a hostile file will not put it first.
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
_ADDRESSED_CELL = re.compile(rb'<(?:\w+:)?c(?=\s)[^>]*?\sr="')
# A cell with content: self-closing <c .../> tags only carry a style and are never read.
_FILLED_CELL = re.compile(rb'<(?:\w+:)?c(?=\s)[^>]*?\sr="([A-Za-z]+)(\d+)"[^>]*(?<!/)>')
_FILLED_CELL_R_FIRST = re.compile(rb'<(?:\w+:)?c r="([A-Za-z]+)(\d+)"[^>]*(?<!/)>')
_PLAIN_FILLED_CELL = re.compile(rb'<c r="([A-Za-z]+)(\d+)"[^>]*(?<!/)>')
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s/>]")
_ADDRESSED_ROW = re.compile(rb'<(?:\w+:)?row(?=\s)[^>]*?\sr="')
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
    addresses of cells that hold something. A cell or row without an address follows the one
    before it, so each of those can add one more. Past ``max_cells`` cells, a bound saying so."""
    # Counted in C, before any list is built. Each count is a pass over the sheet, so those of
    # prefixed tags (":c r=") are skipped when no ":c" (or ":row") occurs at all.
    prefixed_cells = xml.count(b":c")
    tags = xml.count(b"<c") + prefixed_cells
    if tags > max_cells:
        return tags, 1
    prefixed = xml.count(b':c r="') if prefixed_cells else 0
    addressed = xml.count(b'<c r="') + prefixed
    siblings = xml.count(b"<col") + (xml.count(b":col") if prefixed_cells else 0)
    if tags - siblings == addressed or _tags(xml, b"c") == addressed:
        # Every writer we know puts r first; then one fast pass finds every address, twice as
        # fast again when no cell tag carries a namespace prefix.
        pattern, loose_cells = _FILLED_CELL_R_FIRST if prefixed else _PLAIN_FILLED_CELL, 0
    else:
        pattern = _FILLED_CELL
        loose_cells = len(_CELL_TAG.findall(xml)) - len(_ADDRESSED_CELL.findall(xml))
    loose_rows = 0
    if not _rows_addressed(xml):
        loose_rows = len(_ROW_TAG.findall(xml)) - len(_ADDRESSED_ROW.findall(xml))
    last_row, last_col = _last_address(xml, pattern)
    return last_row + loose_rows, last_col + loose_cells


def _rows_addressed(xml: bytes) -> bool:
    """Every row tag starts ``row r="``: in as few counts as it takes (``_all_addressed``)."""
    prefixed = xml.count(b":row")
    row_tags = xml.count(b"<row") + prefixed
    addressed = xml.count(b'<row r="') + (xml.count(b':row r="') if prefixed else 0)
    if row_tags == addressed:
        return True  # so no <rowBreaks> either: it is counted in row_tags, not in addressed
    siblings = xml.count(b"<rowBreaks") + (xml.count(b":rowBreaks") if prefixed else 0)
    return row_tags - siblings == addressed or _tags(xml, b"row") == _tags(xml, b'row r="')


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
            last_col = max(last_col, _column_number(widest.upper()))
    return last_row, last_col


_LETTERS, _DIGITS = operator.itemgetter(0), operator.itemgetter(1)


def _all_addressed(xml: bytes, name: bytes, prefixed: int, sibling: bytes) -> bool:
    """A sufficient test in four counts, not fourteen: ``prefixed`` counts every tag whose name
    starts with ``name`` (cells and rows, and siblings such as <cols> or <rowBreaks>); when
    those, less the siblings, all start ``name r="``, every such tag has an address. When it
    fails, the exact count decides."""
    siblings = xml.count(b"<" + sibling) + xml.count(b":" + sibling)
    return prefixed - siblings == _tags(xml, name + b' r="')


def _tags(xml: bytes, start: bytes) -> int:
    """Tags opening with ``start``, with or without a namespace prefix, counted in C. After a
    bare name any whitespace, "/" or ">" may follow, so a tag cannot hide from the count."""
    ends = (b" ", b"\t", b"\n", b"\r", b"/", b">") if start.isalpha() else (b"",)
    return sum(xml.count(opener + start + end) for opener in (b"<", b":") for end in ends)


def percent_cells(parts: dict[str, bytes], xml: bytes) -> dict[tuple[int, int], str]:
    """Zero-based (row, col) → format code, for cells whose style shows a percent."""
    styles = _percent_styles(parts.get("xl/styles.xml"))
    if not styles:
        return {}
    ids = b"|".join(str(index).encode() for index in styles)
    styled = re.compile(rb'<(?:\w+:)?c(?=\s)([^>]*?\ss="(?:' + ids + rb')"[^>]*)>')
    found: dict[tuple[int, int], str] = {}
    for attributes in styled.findall(xml):
        ref = _REF.search(attributes)
        style = _STYLE.search(attributes)
        if ref and style:
            letters, digits = ref.groups()
            found[(int(digits) - 1, _column_number(letters) - 1)] = styles[int(style.group(1))]
    return found


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


def _column_number(letters: str | bytes) -> int:
    if isinstance(letters, bytes):
        letters = letters.decode()
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
