"""build.build: real workbooks in, one file per district and format out, read back."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import openpyxl
import pytest
from pptx import Presentation
from pypdf import PdfReader

from advocacy.checked import review
from advocacy.exports import build, document, workbook
from advocacy.fictional import cedar_creek, harbor_city, maple_valley, statewide
from advocacy.ingest.files import SourceFile
from advocacy.load import load_files
from tests import factories


def _write(tmp_path, district, name=None, *, broken=False):
    data = workbook.render(district).data
    if broken:  # two unreadable cells, written the way a person would type them
        book = openpyxl.load_workbook(io.BytesIO(data))
        book["Profile"]["B7"] = "about a thousand"
        out = io.BytesIO()
        book.save(out)
        data = out.getvalue()
    path = tmp_path / "in" / (name or workbook.render(district).filename)
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def test_builds_every_format_for_ready_districts_and_skips_one_with_errors(tmp_path):
    paths = [_write(tmp_path, maple_valley()), _write(tmp_path, harbor_city()),
             _write(tmp_path, cedar_creek(), "cedar.xlsx", broken=True)]
    report = build.build(paths, tmp_path / "out", formats=("pdf", "pptx", "xlsx", "html"))
    assert sorted(p.name for p in report.written) == sorted(
        f"{stem}.{ext}" for stem in ("maple-valley-unified-school-district",
                                     "harbor-city-public-schools")
        for ext in ("pdf", "pptx", "xlsx", "html"))
    assert report.built == ("Maple Valley Unified School District", "Harbor City Public Schools")
    assert [(name, [(i.code, str(i.at)) for i in found]) for name, found in report.skipped] == [
        ("Cedar Creek Schools", [("count.unreadable", "cedar.xlsx › Profile › B7")])]
    assert not report.ok
    out = tmp_path / "out"
    pdf = PdfReader(out / "harbor-city-public-schools.pdf")
    assert "Harbor City Public Schools" in pdf.pages[0].extract_text()
    deck = Presentation(out / "harbor-city-public-schools.pptx")
    assert deck.slides[0].shapes.title.text == "Harbor City Public Schools"
    page = (out / "maple-valley-unified-school-district.html").read_text(encoding="utf-8")
    assert "<title>Make Your Case: Maple Valley Unified School District</title>" in page
    again = load_files([out / "maple-valley-unified-school-district.xlsx"])
    assert [d.name for d in again.districts] == ["Maple Valley Unified School District"]


def test_names_that_fold_alike_get_numbered_files(tmp_path):
    first = dataclasses.replace(maple_valley(), name="Maple Valley USD")
    second = dataclasses.replace(maple_valley(), name="Maple-Valley U.S.D.")
    paths = [_write(tmp_path, first, "a.xlsx"), _write(tmp_path, second, "b.xlsx")]
    report = build.build(paths, tmp_path / "out", formats=("html",))
    assert [p.name for p in report.written] == ["maple-valley-usd.html",
                                                "maple-valley-u-s-d.html"]


@pytest.mark.parametrize(("names", "stems"), [
    (["Maple Valley USD", "maple valley usd!", "MAPLE-VALLEY-USD"],
     ["maple-valley-usd", "maple-valley-usd-2", "maple-valley-usd-3"]),
    (["<script>", "../../etc/passwd", "École Saint-Jean"],
     ["script", "etc-passwd", "ecole-saint-jean"]),
    (["", "???"], ["district", "district-2"]),
])
def test_unique_stems_dedupe_in_order_of_appearance(names, stems):
    assert build.unique_stems(names) == stems


def test_unreadable_file_is_reported_and_the_others_still_build(tmp_path):
    junk = tmp_path / "in" / "notes.xlsx"
    good = _write(tmp_path, cedar_creek())
    junk.write_bytes(b"PK\x03\x04 cut off after the zip header")
    report = build.build([junk, good], tmp_path / "out", formats=("html",))
    assert [p.name for p in report.written] == ["cedar-creek-schools.html"]
    assert [(i.code, str(i.at)) for i in report.file_errors] == [("file.truncated", "notes.xlsx")]
    assert any("notes.xlsx" in line for line in report.lines())


def test_parallel_build_after_pdfs_in_this_process_writes_the_same_files(tmp_path):
    # The serial PDFs start Typst's threads here first; a forked pool used to hang after that.
    districts = statewide(build.PARALLEL_FROM // 2 + 1, seed=7)
    source = tmp_path / "state.xlsx"
    source.write_bytes(workbook.render_many(districts).data)
    serial = build.build([source], tmp_path / "serial", formats=("pdf", "html"), jobs=1)
    parallel = build.build([source], tmp_path / "parallel", formats=("pdf", "html"), jobs=2)
    assert len(serial.written) == 2 * len(districts)
    assert [p.name for p in parallel.written] == [p.name for p in serial.written]
    pages = [p for p in zip(serial.written, parallel.written, strict=True)
             if p[0].suffix == ".html"]
    assert all(a.read_bytes() == b.read_bytes() for a, b in pages)
    assert len(PdfReader(parallel.written[0]).pages) == 2


def test_packet_adds_one_pdf_for_all_and_a_zip_of_single_pdfs(tmp_path):
    paths = [_write(tmp_path, maple_valley()), _write(tmp_path, harbor_city())]
    report = build.build(paths, tmp_path / "out", formats=("pdf",), packet=True)
    names = [p.name for p in report.written]
    assert names[-2:] == ["packet.pdf", "one-pagers.zip"]
    packet = PdfReader(tmp_path / "out" / "packet.pdf")
    assert len(packet.pages) >= 5  # cover, summary, two pages per district
    with zipfile.ZipFile(tmp_path / "out" / "one-pagers.zip") as archive:
        assert sorted(archive.namelist()) == ["harbor-city-public-schools.pdf",
                                              "maple-valley-unified-school-district.pdf"]


def test_warnings_not_tied_to_a_district_are_reported(tmp_path):
    notes = tmp_path / "notes.xlsx"
    notes.write_bytes(factories.xlsx({"Sheet1": [["Meeting notes"], ["Bring the budget"]]}).data)
    report = build.build([notes, _write(tmp_path, cedar_creek())], tmp_path / "out",
                         formats=("html",))
    assert report.ok
    assert ("file.no_tables", "notes.xlsx") in [(i.code, str(i.at)) for i in report.warnings]


def test_a_text_file_named_xlsx_is_a_file_error_and_the_others_still_build(tmp_path):
    notes = tmp_path / "notes.xlsx"
    notes.write_bytes(b"plain text saved with the wrong extension")
    report = build.build([notes, _write(tmp_path, cedar_creek())], tmp_path / "out",
                         formats=("html",))
    assert not report.ok
    assert [(i.code, str(i.at)) for i in report.file_errors] == [("file.mislabelled", "notes.xlsx")]
    assert [p.name for p in report.written] == ["cedar-creek-schools.html"]


def test_unknown_format_is_a_callers_mistake():
    with pytest.raises(ValueError, match="docx"):
        build.build([], "unused", formats=("docx",))


def test_source_files_can_be_given_instead_of_paths(tmp_path):
    upload = SourceFile("upload.xlsx", workbook.render(cedar_creek()).data)
    report = build.build([upload], tmp_path / "out", formats=("html",))
    assert report.ok and [p.name for p in report.written] == ["cedar-creek-schools.html"]


def test_build_names_each_districts_unreviewed_drafts_and_the_packet_lists_them(tmp_path):
    paths = [_write(tmp_path, maple_valley()), _write(tmp_path, harbor_city()),
             _write(tmp_path, cedar_creek())]
    report = build.build(paths, tmp_path / "out", formats=("pdf", "pptx"), packet=True)
    lines = [line for line in report.lines() if line.startswith("unreviewed")]
    # One document per district: its draft warnings come once, not once per format.
    drafted = [w.found for w in report.warnings
               if w.code == "story.drafted" and w.district == "Cedar Creek Schools"]
    assert drafted == ["Challenge: empty", "Solution: empty", "Impact: empty"]
    assert lines == [
        "unreviewed Harbor City Public Schools: Solution, Impact (drafts from the data; review "
        "before sharing)",
        "unreviewed Cedar Creek Schools: Challenge, Solution, Impact (drafts from the data; "
        "review before sharing)"]
    reader = PdfReader(tmp_path / "out" / "packet.pdf")
    summary = next(" ".join(page.extract_text().split()) for page in reader.pages
                   if "Drafts not yet reviewed" in " ".join(page.extract_text().split()))
    assert "Summary of key figures" in summary
    assert "Cedar Creek Schools: Challenge, Solution, Impact" in summary
    assert "Maple Valley Unified School District: Challenge" not in summary


def test_packet_log_lines_are_read_from_the_packets_own_front_matter(tmp_path):
    paths = [_write(tmp_path, maple_valley()), _write(tmp_path, harbor_city()),
             _write(tmp_path, cedar_creek(), "cedar.xlsx", broken=True)]
    report = build.build(paths, tmp_path / "out", formats=("html",), packet=True)
    ready = [d for d in review(load_files(paths)).districts if d.name in report.built]
    assert report.packet == document.front(ready, excluded=report.left_out)
    assert [item.name for item in report.left_out] == ["Cedar Creek Schools"]
    lines = report.lines()
    reason = report.left_out[0].reason
    assert f"skipped Cedar Creek Schools: {reason}" in lines
    assert "packet: 2 districts (Lakeland: 2), 1 left out (Cedar Creek Schools)" in lines
    [totals] = [line for line in lines if line.startswith("packet summary: ")]
    assert totals.startswith("packet summary: Districts 2; Students 56,720; ")
    assert all(f"{label} {value}" in totals for label, value in report.packet.summary.tiles)
    summary = " ".join(PdfReader(tmp_path / "out" / "packet.pdf").pages[2].extract_text().split())
    assert f"Cedar Creek Schools: {reason}" in summary


def test_packet_log_names_the_first_groups_then_counts_the_rest():
    districts = [dataclasses.replace(d, state=f"State {i:02}")
                 for i, d in enumerate(statewide(build.LOG_GROUPS + 2))]
    report = build.BuildReport(written=(), built=(), skipped=(), file_errors=(), warnings=(),
                               packet=document.front(districts))
    [held, totals] = report.lines()
    assert held.startswith(f"packet: {build.LOG_GROUPS + 2} districts (State 00: 1; State 01: 1")
    assert held.endswith(f"State {build.LOG_GROUPS - 1}: 1; 2 more groups)")
    assert totals.startswith(f"packet summary: Districts {build.LOG_GROUPS + 2}; ")
