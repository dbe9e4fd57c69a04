"""ingest.files against hostile and broken files, each built in code.

Every case must become one located error (or a readable sheet), quickly, in little memory.
Cases that would make a careless reader allocate gigabytes run in a child process under an
address-space limit, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from advocacy.ingest import safety
from advocacy.ingest.files import SourceFile, read_files
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
CHILD_MEMORY_CAP = 2 * 1024**3
PEAK_MB = 100  # a child that imports the readers and reads a small file peaks near 20 MB
SECONDS = 5.0


def read(*files: SourceFile) -> tuple[list, list[tuple[str, str]]]:
    issues: list = []
    sheets = read_files(files, issues)
    return sheets, [(issue.code, str(issue.at)) for issue in issues]


def read_in_child(tmp_path: Path, source: SourceFile) -> dict:
    """Read in a fresh interpreter capped at CHILD_MEMORY_CAP; report issues, time, peak RSS."""
    path = tmp_path / source.name
    path.write_bytes(source.data)
    script = textwrap.dedent(f"""
        import json, resource, time
        resource.setrlimit(resource.RLIMIT_AS, ({CHILD_MEMORY_CAP}, {CHILD_MEMORY_CAP}))
        from advocacy.ingest.files import SourceFile, read_files
        def peak_mb():  # this process's own high-water mark (ru_maxrss counts the parent's)
            for line in open("/proc/self/status"):
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        data = open({str(path)!r}, "rb").read()
        issues = []
        start = time.perf_counter()
        sheets = read_files([SourceFile({source.name!r}, data)], issues)
        print(json.dumps({{
            "seconds": time.perf_counter() - start,
            "peak_mb": peak_mb(),
            "issues": [[i.code, str(i.at)] for i in issues],
            "sheets": [[s.name, len(s.rows)] for s in sheets],
        }}))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


# --- builders of hostile files -------------------------------------------------------------


def small_xlsx() -> SourceFile:
    return factories.xlsx({"Profile": [["Students", 4500], ["Teachers", 300]]})


def padded_sheet(megabytes: int):
    def edit(part: str, content: bytes) -> bytes:
        if part.endswith("sheet1.xml"):
            return content.replace(b"</sheetData>", b"</sheetData>" + b" " * megabytes * 2**20)
        return content

    return edit


def lie_about_sizes(data: bytes, part: str, declared: int) -> bytes:
    """Rewrite a part's uncompressed size in its local header and central directory."""
    data = bytearray(data)
    name = part.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, start + size_at, declared)
            start += 4
    return bytes(data)


def billion_laughs(part: str, content: bytes) -> bytes:
    if not part.endswith("workbook.xml"):
        return content
    body = content.split(b"?>", 1)[-1] if content.startswith(b"<?xml") else content
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
        + entities.encode()
        + b"]>"
        + body
    )


def far_cell(part: str, content: bytes) -> bytes:
    if part.endswith("sheet1.xml"):
        return content.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>',
        )
    return content


def far_cell_r_last(part: str, content: bytes) -> bytes:
    """The far cell with its address after another attribute, which readers still honour."""
    if part.endswith("sheet1.xml"):
        return content.replace(
            b"</sheetData>", b'<row><c t="n" r="XFD1048576"><v>1</v></c></row></sheetData>'
        )
    return content


def shared_strings_flood(count: int):
    def edit(part: str, content: bytes) -> bytes:
        if part.endswith("sharedStrings.xml"):
            texts = b"".join(b"<si><t>unused %d</t></si>" % i for i in range(count))
            return content.replace(b"</sst>", texts + b"</sst>")
        return content

    return edit


def encrypted_xlsx() -> SourceFile:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(small_xlsx().data)).encrypt("fictional-password", out)
    return SourceFile("locked.xlsx", out.getvalue())


def encrypted_xls() -> SourceFile:
    """An .xls whose workbook stream carries an RC4 FILEPASS record after its first BOF, as
    Excel writes for "Encrypt with Password"."""
    import xlwt
    from xlwt.CompoundDoc import XlsDoc

    book = xlwt.Workbook()
    book.add_sheet("Profile").write(0, 0, "Students")
    stream = book.get_biff_data()
    filepass = struct.pack("<HHHHH", 0x2F, 54, 1, 1, 1) + bytes(48)
    buffer = io.BytesIO()
    XlsDoc().save(buffer, stream[:20] + filepass + stream[20:])
    return SourceFile("locked.xls", buffer.getvalue())


def repeated_ods() -> SourceFile:
    def edit(part: str, content: bytes) -> bytes:
        if part != "content.xml":
            return content
        return content.replace(
            b"<table:table-row>", b'<table:table-row table:number-rows-repeated="1000000">', 1
        ).replace(
            b'<table:table-cell office:value-type="string"',
            b'<table:table-cell table:number-columns-repeated="16000" office:value-type="string"',
            1,
        )

    return factories.rezip(factories.ods({"Profile": [["Students", 4500]]}), "repeat.ods", edit)


def far_xls() -> SourceFile:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Profile")
    sheet.write(0, 0, "Students")
    sheet.write(65535, 255, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return SourceFile("far.xls", buffer.getvalue())


def many_parts() -> SourceFile:
    extra = {f"xl/media/image{i}.png": b"" for i in range(safety.MAX_ZIP_ENTRIES + 1)}
    return factories.rezip(small_xlsx(), "parts.xlsx", extra=extra)


# --- tests --------------------------------------------------------------------------------

CHILD_CASES = [
    (
        lambda: factories.rezip(small_xlsx(), "bomb.xlsx", padded_sheet(60)),
        ("file.zip_bomb", "bomb.xlsx"),
    ),
    (
        lambda: SourceFile(
            "liar.xlsx",
            lie_about_sizes(
                factories.rezip(small_xlsx(), "x", padded_sheet(60)).data,
                "xl/worksheets/sheet1.xml",
                2000,
            ),
        ),
        ("file.zip_bomb", "liar.xlsx"),
    ),
    (many_parts, ("file.zip_bomb", "parts.xlsx")),
    (
        lambda: factories.rezip(small_xlsx(), "laughs.xlsx", billion_laughs),
        ("file.xml_entities", "laughs.xlsx"),
    ),
    (
        lambda: factories.rezip(small_xlsx(), "far.xlsx", far_cell),
        ("file.too_many_cells", "far.xlsx"),
    ),
    (
        lambda: factories.rezip(small_xlsx(), "sly.xlsx", far_cell_r_last),
        ("file.too_many_cells", "sly.xlsx"),
    ),
    (repeated_ods, ("file.too_many_cells", "repeat.ods")),
    (far_xls, ("file.too_many_cells", "far.xls")),
    (encrypted_xlsx, ("file.encrypted", "locked.xlsx")),
    (encrypted_xls, ("file.encrypted", "locked.xls")),
]


@pytest.mark.parametrize(
    ("build", "expected"),
    CHILD_CASES,
    ids=[
        "ratio-bomb",
        "lying-sizes",
        "many-parts",
        "billion-laughs",
        "xlsx-far-cell",
        "xlsx-far-cell-address-last",
        "ods-repeated-cells",
        "xls-far-cell",
        "encrypted-xlsx",
        "encrypted-xls",
    ],
)
def test_hostile_file_is_one_error_fast_and_small(tmp_path, build, expected):
    report = read_in_child(tmp_path, build())
    assert report["issues"] == [list(expected)]
    assert report["sheets"] == []
    assert report["seconds"] < SECONDS
    assert report["peak_mb"] < PEAK_MB


def test_enormous_declared_dimension_alone_reads_the_real_cells(tmp_path):
    def edit(part: str, content: bytes) -> bytes:
        return content.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>')

    report = read_in_child(tmp_path, factories.rezip(small_xlsx(), "dimension.xlsx", edit))
    assert (report["issues"], report["sheets"]) == ([], [["Profile", 2]])
    assert report["peak_mb"] < PEAK_MB


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (SourceFile("cut.xlsx", small_xlsx().data[:-200]), ("file.truncated", "cut.xlsx")),
        (
            SourceFile("cut.xls", factories.xls({"S": [[1]] * 50}).data[:1500]),
            ("file.truncated", "cut.xls"),
        ),
        (
            SourceFile("page.xlsx", b"<!DOCTYPE html><html><table><tr><td>1</td></tr></table>"),
            ("file.mislabelled", "page.xlsx"),
        ),
        (
            SourceFile("big.csv", b"a,b\r\n" * (safety.MAX_FILE_BYTES // 5 + 1)),
            ("file.too_large", "big.csv"),
        ),
        (
            SourceFile("wide.csv", b"1," * (safety.MAX_CELLS + 10)),
            ("file.too_many_cells", "wide.csv"),
        ),
        (
            SourceFile("quote.csv", b'District,Note\r\nExample,"never closed' + b"x" * 200_000),
            ("file.unreadable", "quote.csv"),
        ),
    ],
    ids=[
        "truncated-xlsx",
        "truncated-xls",
        "html-named-xlsx",
        "too-large",
        "csv-cells",
        "unclosed-quote",
    ],
)
def test_broken_file_is_one_located_error(source, expected):
    start = time.perf_counter()
    sheets, issues = read(source)
    assert (sheets, issues) == ([], [expected])
    assert time.perf_counter() - start < SECONDS


@pytest.mark.parametrize(
    "build",
    [
        lambda: factories.xlsx({"Big": [[1] * 10] * 10}, name="limit.xlsx"),
        lambda: factories.xls({"Big": [[1] * 10] * 10}, name="limit.xls"),
        lambda: factories.ods({"Big": [[1] * 10] * 10}, name="limit.ods"),
        lambda: factories.csv([[1] * 10] * 10, name="limit.csv"),
    ],
    ids=["xlsx", "xls", "ods", "csv"],
)
def test_cell_limit_applies_to_every_format(monkeypatch, build):
    source = build()
    monkeypatch.setattr(safety, "MAX_CELLS", 99)
    assert read(source) == ([], [("file.too_many_cells", source.name)])
    monkeypatch.setattr(safety, "MAX_CELLS", 100)
    assert read(source)[1] == []


def test_shared_strings_beyond_the_cell_limit_are_refused(monkeypatch):
    source = factories.rezip(
        factories.xlsx_xlsxwriter({"S": [["Students"]]}), "strings.xlsx", shared_strings_flood(60)
    )
    monkeypatch.setattr(safety, "MAX_CELLS", 50)
    assert read(source) == ([], [("file.too_many_cells", "strings.xlsx")])


def test_hostile_files_do_not_stop_the_good_ones():
    good = factories.csv([["District", "Students"], ["Example (fictional)", "4500"]])
    sheets, issues = read(
        factories.rezip(small_xlsx(), "laughs.xlsx", billion_laughs),
        good,
        SourceFile("cut.xlsx", small_xlsx().data[:-200]),
    )
    assert [sheet.file for sheet in sheets] == ["upload.csv"]
    assert issues == [("file.xml_entities", "laughs.xlsx"), ("file.truncated", "cut.xlsx")]


def test_every_error_says_what_to_try():
    issues: list = []
    read_files([SourceFile("cut.xlsx", small_xlsx().data[:-200])], issues)
    assert "save a new copy" in issues[0].message
