"""Finishing the PDF's tagged structure where Typst cannot: row headers in tables.

Typst tags a table's header row as TH with column scope, but every other cell as TD, so a
screen reader moving along "Title II-A  $298,000  $305,600" hears the amounts with no source.
Every table our templates draw keeps its row labels in the first column (a source, a use,
"Total", the packet summary's district), so this module rewrites the first cell of each body
row as a TH with row scope and an ID, and adds that ID to the Headers of the row's other cells,
as Typst already does for the column headers. The IDs go into the structure tree's IDTree, so
the document stays valid PDF/UA-1. Owns no layout and no wording; never touches page content.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, String

CELLS = (Name.TD, Name.TH)
BODY = (Name.TBody, Name.TFoot)


def tag_row_headers(data: bytes) -> bytes:
    """The same PDF with each table body row's first cell a row header."""
    with pikepdf.open(io.BytesIO(data)) as document:
        root = document.Root.get("/StructTreeRoot")
        if root is None:
            return data
        ids = _id_tree(document, root)
        tables = list(_elements(root, Name.Table))
        if not tables:
            return data
        for number, table in enumerate(tables, start=1):
            _tag_table(table, number, ids)
        out = io.BytesIO()
        # Streams are copied as they are: recompressing them would cost time and change nothing.
        document.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                      deterministic_id=True)
        return out.getvalue()


def _id_tree(document: pikepdf.Pdf, root: Dictionary) -> pikepdf.NameTree:
    if "/IDTree" not in root:
        root.IDTree = pikepdf.NameTree.new(document).obj
    return pikepdf.NameTree(root.IDTree)


def _elements(node, kind: Name):
    """Structure elements of ``kind`` in document order (not looking inside a match)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Array):
            stack.extend(reversed(list(item)))
        elif isinstance(item, Dictionary):
            if item.get("/S") == kind:
                yield item
            elif "/K" in item and item.get("/Type") != Name.MCR:
                stack.append(item.K)


def _kids(element: Dictionary) -> list[Dictionary]:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = list(kids) if isinstance(kids, Array) else [kids]
    return [kid for kid in kids if isinstance(kid, Dictionary) and "/S" in kid]


def _tag_table(table: Dictionary, number: int, ids: pikepdf.NameTree) -> None:
    rows = [row for part in _kids(table) if part.S in BODY for row in _kids(part)
            if row.S == Name.TR]
    rows += [row for row in _kids(table) if row.S == Name.TR and not _is_header_row(row)]
    for index, row in enumerate(rows):
        cells = [cell for cell in _kids(row) if cell.S in CELLS]
        if len(cells) < 2:
            continue
        label, others = cells[0], cells[1:]
        identifier = f"RowHeader{number}-{index}"
        while identifier in ids:
            identifier += "+"
        label.S = Name.TH
        label.ID = String(identifier)
        _table_attributes(label).Scope = Name.Row
        ids[identifier] = label
        for cell in others:
            attributes = _table_attributes(cell)
            headers = attributes.get("/Headers")
            if not isinstance(headers, Array):
                headers = attributes.Headers = Array()
            headers.append(String(identifier))


def _is_header_row(row: Dictionary) -> bool:
    return all(cell.S == Name.TH for cell in _kids(row))


def _table_attributes(cell: Dictionary) -> Dictionary:
    """The cell's attribute dictionary owned by /Table, created when it has none."""
    attributes = cell.get("/A")
    if isinstance(attributes, Dictionary):
        attributes = cell.A = Array([attributes])
    elif not isinstance(attributes, Array):
        attributes = cell.A = Array()
    for item in attributes:
        if isinstance(item, Dictionary) and item.get("/O") == Name.Table:
            return item
    owned = Dictionary(O=Name.Table)
    attributes.append(owned)
    return owned
