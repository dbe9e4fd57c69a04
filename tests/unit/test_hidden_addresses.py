"""Cell addresses written in forms the cell reader accepts but a byte pattern can miss.

Each of these, with its far cell at XFD1048576, once got past the extent check and made the
reader ask for 512 GB, which aborts the process (the whole app for every user): single quotes,
spaces around "=", a value holding ">" before the address, a second r (the reader keeps the
last), and a cell without an address in a far row or after a far empty cell. Each is built
small too, where the reader can be asked: the bound must cover the grid it really allocates.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from advocacy.ingest import files, ooxml, safety

ROOT = Path(__file__).resolve().parents[2]

# (name, the rows to add, given a far cell's letters, row number)
SHAPES = {
    "single-quotes": "<row r=\"{n}\"><c r='{c}{n}'><v>1</v></c></row>",
    "spaces-around-equals": '<row r="{n}"><c r = "{c}{n}"><v>1</v></c></row>',
    "newline-before-equals": '<row r="{n}"><c r\n="{c}{n}"><v>1</v></c></row>',
    "tab-before-address": '<row r="{n}"><c\tr="{c}{n}"><v>1</v></c></row>',
    "greater-than-in-a-value": '<row r="{n}"><c s=">" r="{c}{n}"><v>1</v></c></row>',
    "greater-than-single-quoted": "<row r=\"{n}\"><c s='>' r=\"{c}{n}\"><v>1</v></c></row>",
    "second-address-wins": '<row r="{n}"><c r="A{n}" r="{c}{n}"><v>1</v></c></row>',
    "unaddressed-cell-in-a-far-row": (
        '<row r="3"><c r="{c}3"><v>1</v></c></row><row r="{n}"><c><v>1</v></c></row>'
    ),
    "unaddressed-cell-after-a-far-empty-one": (
        '<row r="{n}"><c r="{c}{n}" s="0"/><c><v>1</v></c></row>'
    ),
    "row-address-after-greater-than": (
        '<row r="3"><c r="{c}3"><v>1</v></c></row><row spans=">" r="{n}"><c><v>1</v></c></row>'
    ),
}


def workbook(rows: str) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["District", "Students"])
    book.active.append(["Maple Valley", 5])
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
            target.writestr(info, data)
    return out.getvalue()


def sheet_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("shape", SHAPES)
def test_the_bound_covers_what_the_reader_allocates(shape):
    data = workbook(SHAPES[shape].format(c="E", n=9))
    end = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Sheet").end
    assert end is not None
    grid = (end[0] + 1, end[1] + 1)
    xml = sheet_xml(data)
    rows, cols = ooxml.extent(xml, safety.MAX_CELLS)
    assert rows >= grid[0] and cols >= grid[1], (rows, cols, grid)
    bound = ooxml.extent_bound(xml, safety.MAX_CELLS)
    if bound is not None:
        assert bound[0] >= grid[0] and bound[1] >= grid[1], (bound, grid)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_far_cell_in_any_form_is_refused(shape):
    data = workbook(SHAPES[shape].format(c="XFD", n=1_048_576))
    rows, cols = ooxml.extent(sheet_xml(data), safety.MAX_CELLS)
    assert rows * cols > safety.MAX_CELLS
    issues: list = []
    assert files.read_file(files.SourceFile(name=f"{shape}.xlsx", data=data), issues) == []
    assert [issue.code for issue in issues] == ["file.too_many_cells"]


def test_check_refuses_every_far_form_and_lives(tmp_path):
    """The same through the command line, in a process of its own under a memory cap, so a
    bound that failed would show as a dead process, not as a dead test run."""
    paths = []
    for shape, rows in SHAPES.items():
        path = tmp_path / f"{shape}.xlsx"
        path.write_bytes(workbook(rows.format(c="XFD", n=1_048_576)))
        paths.append(str(path))
    capped = ("import resource, runpy, sys; "
              "resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30)); "
              "sys.argv = ['advocacy', *sys.argv[1:]]; "
              "runpy.run_module('advocacy', run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", capped, "check", "--json", *paths], cwd=ROOT,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 1, done.stderr[-2000:]
    refused = {issue["file"] for issue in json.loads(done.stdout)["issues"]
               if issue["code"] == "file.too_many_cells"}
    assert refused == {Path(path).name for path in paths}
