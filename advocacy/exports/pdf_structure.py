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
from pikepdf import Array, Dictionary, Name, Object, String

CELLS = (Name.TD, Name.TH)
BODY = (Name.TBody, Name.TFoot)


def tag_row_headers(data: bytes) -> bytes:
    """The same PDF with each table body row's first cell a row header.

    The changed structure elements are appended as an incremental update (PDF 7.5.6): the
    compiled bytes stay as they are, so a packet of a hundred districts is not rewritten."""
    with pikepdf.open(io.BytesIO(data)) as document:
        root = document.Root.get("/StructTreeRoot")
        if not isinstance(root, Dictionary) or not root.is_indirect:
            return data
        ids = _id_names(root)
        tables = _tables(ids) or list(_elements(root, Name.Table))
        if not tables:
            return data
        changed: dict[tuple[int, int], Dictionary] = {root.objgen: root}
        for number, table in enumerate(tables, start=1):
            _tag_table(table, number, ids, changed)
        # A name tree's keys are sorted; one flat /Names array is a valid tree of any size.
        root.IDTree = Dictionary(Names=Array(
            [item for key in sorted(ids, key=_key_bytes) for item in (String(key), ids[key])]))
        return append_update(data, document, list(changed.values()))


def _key_bytes(key: str) -> bytes:
    return key.encode("latin-1", "replace")


def _id_names(root: Dictionary) -> dict[str, Object]:
    if "/IDTree" not in root:
        return {}
    return {str(key): value for key, value in pikepdf.NameTree(root.IDTree).items()}


def append_update(data: bytes, document: pikepdf.Pdf, objects: list[Object]) -> bytes:
    """``data`` with ``objects`` written again after it, a new xref section and trailer."""
    previous = int(data[data.rindex(b"startxref") + 9:].split()[0])
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets: dict[int, tuple[int, int]] = {}
    for item in sorted(objects, key=lambda o: o.objgen):
        number, generation = item.objgen
        offsets[number] = (len(out), generation)
        out += b"%d %d obj\n" % (number, generation)
        if isinstance(item, pikepdf.Stream):
            raw = item.read_raw_bytes()
            header = Dictionary({str(key): value for key, value in item.stream_dict.items()})
            header.Length = len(raw)
            out += b"%s\nstream\n%s\nendstream\nendobj\n" % (header.unparse(resolved=True), raw)
        else:
            out += b"%s\nendobj\n" % item.unparse(resolved=True)
    start = len(out)
    # Entry 0 heads the section as in the original table; some readers expect it there.
    out += b"xref\n0 1\n0000000000 65535 f\r\n"
    numbers = sorted(offsets)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        out += b"%d %d\n" % (run[0], len(run))
        out += b"".join(b"%010d %05d n\r\n" % offsets[number] for number in run)
    old = document.trailer
    trailer = Dictionary(Size=max(int(old.Size), numbers[-1] + 1), Root=old.Root,
                         Prev=previous)
    for key in ("/Info", "/ID"):
        if key in old:
            trailer[key] = old[key]
    out += b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer.unparse(), start)
    return bytes(out)


def _tables(ids: dict[str, Object]) -> list[Dictionary]:
    """Tables found from their column headers, which Typst lists in the IDTree: much faster
    than walking a packet's whole structure tree (hundreds of elements per district)."""
    tables: dict[tuple[int, int], Dictionary] = {}
    for cell in ids.values():
        node: Object | None = cell
        for _ in range(4):  # TH → TR → THead → Table
            node = node.get("/P") if isinstance(node, Dictionary) else None
            if isinstance(node, Dictionary) and node.get("/S") == Name.Table:
                tables.setdefault(node.objgen, node)
                break
    return sorted(tables.values(), key=lambda table: table.objgen)


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
    listed = list(kids) if isinstance(kids, Array) else [kids]
    return [kid for kid in listed if isinstance(kid, Dictionary) and "/S" in kid]


def _tag_table(table: Dictionary, number: int, ids: dict[str, Object],
               changed: dict[tuple[int, int], Dictionary]) -> None:
    rows = [row for part in _kids(table) if part.S in BODY for row in _kids(part)
            if row.S == Name.TR]
    rows += [row for row in _kids(table) if row.S == Name.TR and not _is_header_row(row)]
    for index, row in enumerate(rows):
        cells = [cell for cell in _kids(row) if cell.S in CELLS]
        if len(cells) < 2:
            continue
        label, others = cells[0], cells[1:]
        if label.S == Name.TH:
            continue  # tagged already (a row of headers, or a second pass)
        identifier = f"RowHeader{number}-{index}"
        while identifier in ids:
            identifier += "+"
        label.S = Name.TH
        label.ID = String(identifier)
        _table_attributes(label).Scope = Name.Row
        ids[identifier] = label
        for cell in cells:
            if not cell.is_indirect:
                raise ValueError("a table cell is not an indirect object; cannot update it")
            changed[cell.objgen] = cell
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

