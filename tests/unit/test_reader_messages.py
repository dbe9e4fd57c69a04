"""Every reader failure is told in our words, with sizes precise enough to see why."""

from __future__ import annotations

import re

import pytest

from advocacy.ingest import safety
from advocacy.ingest.files import SourceFile, megabytes
from advocacy.ingest.mapping import ColumnMapping
from advocacy.load import load_files
from tests import factories

# Library exception names and messages that must never reach a reader.
_INTERNALS = re.compile(r"Calamine|WorksheetNotFound|Error\b|Exception|Traceback|\bEOF\b|"
                        r"Cannot detect|field limit|zipfile|xml\.", re.IGNORECASE)


def _garbled(part_name: str):
    def edit(name: str, data: bytes) -> bytes:
        return b"\x00not xml at all" if name == part_name else data
    return edit


def _damaged_files() -> list[SourceFile]:
    good = factories.xlsx({"Profile": [["District name", "Maple"], ["Number of students", 10]]})
    return [
        factories.rezip(good, "garbled.xlsx", _garbled("xl/workbook.xml")),
        factories.rezip(good, "sheet.xlsx", _garbled("xl/worksheets/sheet1.xml")),
        factories.rezip(good, "styles.xlsx", _garbled("xl/styles.xml")),
        SourceFile("cut.xlsx", good.data[: len(good.data) // 2]),
        SourceFile("quote.csv", b'District,Note\r\nMaple,"never closed' + b"x" * 200_000),
        SourceFile("noise.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        SourceFile("random.ods", bytes(range(256)) * 4),
    ]


@pytest.mark.parametrize("source", _damaged_files(), ids=lambda s: s.name)
def test_damaged_files_get_our_words_never_a_library_name(source):
    result = load_files([source])
    errors = [i for i in result.issues if i.is_error]
    assert errors, "a damaged file must be an error"
    for issue in result.issues:
        assert not _INTERNALS.search(issue.message), issue.message


def test_a_file_just_over_the_limit_shows_a_size_over_the_limit():
    size = int(20.0001 * 2**20)
    result = load_files([SourceFile("big.csv", b"a" * size)])
    [issue] = result.issues
    assert issue.code == "file.too_large"
    assert issue.found == f"20.0001 MB ({size:,} bytes)"
    assert "Expected at most 20 MB (20,971,520 bytes)" in issue.message


@pytest.mark.parametrize(("size", "text"), [
    (safety.MAX_FILE_BYTES + 1, "20.000001 MB"), (int(20.06 * 2**20), "20.1 MB"),
    (int(20.05 * 2**20), "20.05 MB"),
    (30 * 2**20, "30.0 MB"),
])
def test_megabytes_never_round_onto_the_limit(size, text):
    assert megabytes(size, safety.MAX_FILE_BYTES) == text


def test_a_broken_mapping_file_is_described_not_quoted_from_the_parser():
    issues: list = []
    assert ColumnMapping.from_json("{not json", issues) is None
    assert issues[0].found == "text that is not JSON"
