"""safety: entity declarations found in every encoding, and the repacked archive the cell reader
opens holds exactly the parts that were checked, with their checked CRCs."""

from __future__ import annotations

import io
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from advocacy.ingest import safety
from advocacy.ingest.files import SourceFile, read_files
from tests import factories


@pytest.mark.parametrize("encoding", ["ascii", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("marker", ["<!DOCTYPE x>", '<!ENTITY a "b">'])
def test_entity_declarations_are_found_in_every_encoding(encoding, marker):
    xml = f'<?xml version="1.0"?>{marker}<worksheet/>'.encode(encoding)
    assert safety.has_entity_declarations(xml)


@pytest.mark.parametrize(
    "xml",
    [b"<worksheet/>", b"<c><f>Sheet1!A1</f></c>", b"<!-- a comment -->", "¡".encode("utf-16-le")],
    ids=["no-bang", "formula", "comment", "utf-16-inverted-bang"],
)
def test_parts_without_declarations_pass(xml):
    assert not safety.has_entity_declarations(xml)


def test_the_repacked_archive_holds_the_checked_parts_and_opens_in_the_reader():
    source = factories.xlsx({"Profile": [["Students", 4500]], "Spending": [["Year", 1]] * 30})
    unpacked = safety.unpack(source.data)
    assert isinstance(unpacked, safety.Unpacked)
    repacked = zipfile.ZipFile(io.BytesIO(unpacked.repacked))
    assert repacked.testzip() is None  # every CRC as written matches its content
    assert {info.filename: info.compress_type for info in repacked.infolist()} == dict.fromkeys(
        unpacked.parts, zipfile.ZIP_STORED
    )
    assert {name: repacked.read(name) for name in unpacked.parts} == unpacked.parts
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(unpacked.repacked))
    assert workbook.sheet_names == ["Profile", "Spending"]


def test_an_ods_mimetype_goes_first_and_names_need_not_be_ascii():
    source = factories.rezip(
        factories.ods({"Profile": [["Students", 4500]]}), "p.ods", extra={"Bilder/é.xml": b"<a/>"}
    )
    unpacked = safety.unpack(source.data)
    assert isinstance(unpacked, safety.Unpacked)
    repacked = zipfile.ZipFile(io.BytesIO(unpacked.repacked))
    assert repacked.testzip() is None
    assert repacked.namelist()[0] == "mimetype"
    assert repacked.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    assert repacked.read("Bilder/é.xml") == b"<a/>"


def test_a_part_whose_content_fails_its_crc_is_damaged():
    source = factories.rezip(
        factories.xlsx({"Profile": [["Students", 4500]]}), "crc.xlsx",
        compression=zipfile.ZIP_STORED,
    )
    data = bytearray(source.data)
    at = data.find(b"<sheetData>") + 1
    data[at] ^= 0x20  # "<sheetData" → "<SheetData": same size, another CRC
    issues: list = []
    assert read_files([SourceFile("crc.xlsx", bytes(data))], issues) == []
    assert [(issue.code, issue.found) for issue in issues] == [
        ("file.truncated", "xl/worksheets/sheet1.xml is damaged")
    ]
