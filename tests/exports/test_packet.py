"""exports.packet: the briefing packet PDF and the ZIP of one-pagers, read back for real."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import replace

import pytest
from pypdf import PdfReader

from advocacy.exports import packet
from advocacy.fictional import sample_districts, statewide


@pytest.fixture(scope="module")
def samples():
    result = packet.render(sample_districts(), title="Lakeland briefing",
                           date=datetime.date(2026, 3, 4))
    return result, PdfReader(io.BytesIO(result.data))


def _outline(reader: PdfReader) -> list[str]:
    return [item.title for item in reader.outline if not isinstance(item, list)]


def test_cover_summary_then_two_pages_per_district(samples):
    _, reader = samples
    assert len(reader.pages) == 1 + 1 + 2 * 3
    assert {(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages} == {
        (612.0, 792.0)}


def test_cover_shows_title_date_and_the_fictional_note(samples):
    result, reader = samples
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Lakeland briefing" in cover and "March 4, 2026" in cover
    assert "3 districts" in cover and "Fictional sample data" in cover
    assert result.filename == "lakeland-briefing.pdf"


def test_one_bookmark_per_district_after_cover_and_summary(samples):
    _, reader = samples
    assert _outline(reader) == [
        "Lakeland briefing", "Summary of key figures", "Maple Valley Unified School District",
        "Cedar Creek Schools", "Harbor City Public Schools"]
    cedar = [item for item in reader.outline if not isinstance(item, list)][3]
    district_page = reader.get_destination_page_number(cedar)
    assert "Cedar Creek Schools" in reader.pages[district_page].extract_text()


def test_summary_table_lists_key_figures_per_district(samples):
    _, reader = samples
    summary = " ".join(reader.pages[1].extract_text().split())
    for expected in ("Maple Valley Unified School District 8,420 2023-24 $1,178,000 25% $2,299",
                     "Cedar Creek Schools 1,150 2023-24 $83,100 69%",
                     "Harbor City Public Schools 48,300 2023-24 $7,300,000 37%"):
        assert expected in summary


def test_packet_is_tagged_with_language_and_title(samples):
    _, reader = samples
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    metadata = reader.metadata
    assert (metadata.title, metadata.author) == ("Lakeland briefing", "Make Your Case")


def test_packet_collects_every_districts_warnings(samples):
    result, _ = samples
    assert [(w.code, w.district) for w in result.warnings] == [
        ("story.drafted", "Cedar Creek Schools")] * 3 + [
        ("story.drafted", "Harbor City Public Schools")] * 2


def test_default_title_and_hostile_title_stay_text():
    default = PdfReader(io.BytesIO(packet.render(sample_districts()[:1]).data))
    assert default.metadata.title == packet.DEFAULT_TITLE
    hostile = "#set page(width: 1in) <b>*Brief*</b> $x$"
    reader = PdfReader(io.BytesIO(packet.render(sample_districts()[:1], title=hostile).data))
    squeeze = lambda text: "".join(text.split())  # noqa: E731
    assert reader.metadata.title == hostile
    assert squeeze(hostile) in squeeze(reader.pages[0].extract_text())


def test_hundred_districts_make_one_packet():
    districts = statewide(100)
    reader = PdfReader(io.BytesIO(packet.render(districts).data))
    assert len(_outline(reader)) == 2 + 100
    assert len(reader.pages) >= 2 + 200


def test_zip_holds_one_two_page_pdf_per_district_with_unique_names():
    maple = sample_districts()[0]
    twin = replace(maple, state="Elsewhere")
    result = packet.zip_of_pdfs([maple, twin, sample_districts()[1]])
    assert (result.filename, result.mime) == ("one-pagers.zip", "application/zip")
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        names = archive.namelist()
        assert names == ["maple-valley-unified-school-district.pdf",
                         "maple-valley-unified-school-district-2.pdf", "cedar-creek-schools.pdf"]
        for name in names:
            assert len(PdfReader(io.BytesIO(archive.read(name))).pages) == 2
    assert [w.district for w in result.warnings] == ["Cedar Creek Schools"] * 3
