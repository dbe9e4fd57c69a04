"""exports.packet: the briefing packet PDF and the ZIP of one-pagers, read back for real."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import replace

import page
import pikepdf
import pytest
from pypdf import PdfReader

from advocacy import metrics
from advocacy.exports import LeftOut, briefing, document, left_out, packet
from advocacy.fictional import sample_districts, statewide
from advocacy.issues import Issue
from advocacy.location import Location

OPTIONS = packet.PacketOptions(
    title="Lakeland briefing", subtitle="Title II-A at work", event="House Education Committee",
    date=datetime.date(2026, 3, 4), presenter="Dana Ortiz", organization="Lakeland Forward",
    note="Three districts show what coaching buys.")
PINE = LeftOut("Pine Ridge USD", "2 errors to fix: first, this cell should hold a number at "
                                 "pine.xlsx › Profile › B4.")


@pytest.fixture(scope="module")
def samples():
    result = packet.render(sample_districts(), options=OPTIONS, excluded=[PINE])
    return result, PdfReader(io.BytesIO(result.data))


def _outline(reader: PdfReader) -> list[str]:
    return [item.title for item in reader.outline if not isinstance(item, list)]


def _text(reader: PdfReader, index: int) -> str:
    return " ".join(reader.pages[index].extract_text().split())


def test_cover_contents_summary_then_two_pages_per_district(samples):
    _, reader = samples
    assert len(reader.pages) == 1 + 1 + 1 + 2 * 3
    assert {(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages} == {
        (612.0, 792.0)}


def test_cover_shows_every_field_the_presenter_set(samples):
    result, reader = samples
    cover = _text(reader, 0)
    for expected in ("Lakeland briefing", "Title II-A at work",
                     "House Education Committee · March 4, 2026",
                     "Presented by Dana Ortiz · Lakeland Forward",
                     "Three districts show what coaching buys.", "Fictional sample data"):
        assert expected in cover
    assert result.filename == "lakeland-briefing.pdf"
    assert PdfReader(io.BytesIO(result.data)).metadata.author == "Lakeland Forward"


def test_cover_says_the_figures_are_fictional_when_they_are(samples):
    _, reader = samples
    assert ("Where the figures come from Every figure is fictional sample data made by Make "
            "Your Case") in _text(reader, 0)


def test_cover_names_the_files_real_figures_were_read_from():
    maple = sample_districts()[0]
    real = replace(maple, fictional=False, located=(
        ("students", Location(file="ccd_2023.csv", row=4)),
        ("teachers", Location(file="staff.xlsx", sheet="FTE", cell="C9"))))
    assert briefing.provenance([real]) == (
        "Figures were read from 2 files (ccd_2023.csv, staff.xlsx), as loaded into Make Your "
        "Case, and are shown as the files give them. Each district's pages name their sources.")
    typed = replace(real, located=(), spending=(), uses=(), outcomes=())
    assert briefing.provenance([typed]).startswith("No source file is recorded")


def test_every_page_is_numbered_and_labelled_from_the_cover(samples):
    _, reader = samples
    count = len(reader.pages)
    assert reader.page_labels == [str(n) for n in range(1, count + 1)]
    for index in range(count):
        assert _text(reader, index).endswith(f"Page {index + 1} of {count}")


def test_bookmarks_panel_opens_with_the_document_and_pdf_ua_stays_valid(samples):
    result, reader = samples
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    with pikepdf.open(io.BytesIO(result.data)) as document:
        assert "pdfuaid:part" in str(document.open_metadata())
    report = page.validate_pdf_bytes(result.data, profile=page.ValidationProfile.PDF_UA_1)
    assert report.is_compliant, [(f.rule_id, f.message) for f in report.failures]


def test_contents_page_numbers_are_the_pages_each_part_starts_on(samples):
    _, reader = samples
    contents = reader.pages[1].extract_text()
    entries = re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)$", contents, flags=re.MULTILINE)
    assert [name for name, _ in entries] == [
        "Summary of key figures", "Maple Valley Unified School District", "Cedar Creek Schools",
        "Harbor City Public Schools"]
    for name, number in entries:
        assert reader.page_labels[int(number) - 1] == number
        assert name in reader.pages[int(number) - 1].extract_text(), (name, number)
    assert "Lakeland" in contents  # the state the districts are grouped under


def test_one_bookmark_per_district_after_cover_contents_and_summary(samples):
    _, reader = samples
    assert _outline(reader) == [
        "Lakeland briefing", "Contents", "Summary of key figures",
        "Maple Valley Unified School District", "Cedar Creek Schools",
        "Harbor City Public Schools"]
    cedar = [item for item in reader.outline if not isinstance(item, list)][4]
    assert "Cedar Creek Schools" in reader.pages[reader.get_destination_page_number(cedar)] \
        .extract_text()


def test_summary_shows_totals_median_title_ii_a_and_a_chart(samples):
    _, reader = samples
    summary = _text(reader, 2)
    totals = metrics.totals(metrics.comparison_rows(sample_districts()))
    # Sums of the three districts' latest years, worked by hand: 1,178,000 + 83,100 + 7,300,000.
    assert totals.pl_usd == 8_561_100
    assert totals.median_pl_usd == 1_178_000
    for expected in ("3 Districts", "57,870 Students", "$8,561,100 PL dollars, latest year",
                     f"${totals.title_ii_a_usd:,.0f} Title II-A dollars",
                     f"{totals.title_ii_a_share:.0%} Title II-A share of PL dollars",
                     f"${totals.per_teacher_usd:,.0f} PL dollars per teacher",
                     "$1,178,000 Median PL dollars per district",
                     "Districts by professional-learning dollars per teacher"):
        assert expected in summary
    assert totals.title_ii_a_usd == pytest.approx(
        sum(row["Title II-A dollars"] for row in metrics.comparison_rows(sample_districts())))


def test_summary_table_lists_key_figures_per_district_under_its_state(samples):
    _, reader = samples
    summary = _text(reader, 2)
    for expected in ("Lakeland Maple Valley Unified School District 8,420 2023-24 $1,178,000",
                     "Cedar Creek Schools 1,150 2023-24 $83,100 $57,100 69%",
                     "Harbor City Public Schools 48,300 2023-24 $7,300,000"):
        assert expected in summary


def test_summary_names_every_district_left_out_with_its_reason(samples):
    _, reader = samples
    assert ("Not in this packet • Pine Ridge USD: 2 errors to fix: first, this cell should hold "
            "a number at pine.xlsx › Profile › B4.") in _text(reader, 2)


def test_left_out_reason_counts_errors_and_locates_the_first():
    errors = [Issue.error("count.unreadable", at=Location(file="a.xlsx", sheet="Profile",
                                                          cell="B7")),
              Issue.error("money.unreadable", at=Location(file="a.xlsx", sheet="Spending",
                                                          cell="C4"))]
    assert left_out("Pine", errors).reason.startswith("2 errors to fix: first, ")
    assert left_out("Pine", errors).reason.endswith(" at a.xlsx › Profile › B7.")


def test_districts_are_grouped_by_state_in_alphabetical_order_keeping_the_given_order():
    maple, cedar, harbor = sample_districts()
    given = [replace(maple, state="Ohio"), replace(cedar, state="Kansas"),
             replace(harbor, state=None), replace(cedar, name="Ash", state="Kansas")]
    assert [(label, [d.name for d in members]) for label, members in briefing.grouped(given)] == [
        ("Kansas", ["Cedar Creek Schools", "Ash"]),
        ("Ohio", ["Maple Valley Unified School District"]),
        ("State not given", ["Harbor City Public Schools"])]


def test_notes_are_one_line_per_district(samples):
    result, _ = samples
    assert packet.notes(result.warnings) == [
        ("Cedar Creek Schools",
         "The story was drafted from the data and has not been edited (3×)."),
        ("Harbor City Public Schools",
         "The story was drafted from the data and has not been edited (2×).")]


def test_packet_is_tagged_with_language_and_title(samples):
    _, reader = samples
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Lakeland briefing"


def test_default_title_and_hostile_title_stay_text():
    default = PdfReader(io.BytesIO(packet.render(sample_districts()[:1]).data))
    assert default.metadata.title == briefing.DEFAULT_TITLE
    assert default.metadata.author == "Make Your Case"
    hostile = "#set page(width: 1in) <b>*Brief*</b> $x$"
    options = packet.PacketOptions(title=hostile, note=hostile, presenter=hostile)
    reader = PdfReader(io.BytesIO(packet.render(sample_districts()[:1], options=options).data))
    squeeze = lambda text: "".join(text.split())  # noqa: E731
    assert reader.metadata.title == hostile
    # Title, presenter, note and the footer's title, each as typed.
    assert squeeze(reader.pages[0].extract_text()).count(squeeze(hostile)) == 4


def test_hundred_districts_make_one_packet_with_true_contents():
    reader = PdfReader(io.BytesIO(packet.render(statewide(100)).data))
    assert len(_outline(reader)) == 3 + 100
    contents = "\n".join(reader.pages[i].extract_text() for i in (1, 2))
    entries = re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)$", contents, flags=re.MULTILINE)
    assert len(entries) == 1 + 100
    for name, number in entries[1:]:
        assert name in reader.pages[int(number) - 1].extract_text()


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


def test_a_congressional_district_column_is_read_and_groups_the_packet(tmp_path):
    from advocacy.load import load_files

    elsi = tmp_path / "elsi.csv"  # headed as an ELSI table export is
    elsi.write_text(
        "Agency Name,State Name,Agency ID - NCES Assigned [District] Latest available year,"
        "Congressional District [District] 2022-23,"
        "Total Students All Grades (Excludes AE) [District] 2022-23\n"
        "Alpha USD,Kansas,2000001,2002,1000\nBeta USD,Kansas,2000002,2001,2000\n"
        "Gamma USD,Kansas,2000003,2002,3000\nDelta SD,Ohio,3900004,,500\n", encoding="utf-8")
    result = load_files([elsi])
    assert [(d.name, d.congressional_district) for d in result.districts] == [
        ("Alpha USD", "2002"), ("Beta USD", "2001"), ("Gamma USD", "2002"), ("Delta SD", None)]
    assert [(label, [d.name for d in members])
            for label, members in briefing.grouped(result.districts)] == [
        ("Kansas, congressional district 2001", ["Beta USD"]),
        ("Kansas, congressional district 2002", ["Alpha USD", "Gamma USD"]),
        ("Ohio, congressional district not given", ["Delta SD"])]
    reader = PdfReader(io.BytesIO(packet.render(result.districts).data))
    contents = " ".join(reader.pages[1].extract_text().split())
    assert "Kansas, congressional district 2001 Beta USD" in contents
    assert _outline(reader)[3:] == ["Beta USD", "Alpha USD", "Gamma USD", "Delta SD"]


def test_pdf_prints_the_models_cover_summary_and_contents(samples):
    """The renderer decides nothing: every front-matter value printed is the model's."""
    _, reader = samples
    front = document.packet(sample_districts(), options=OPTIONS, excluded=[PINE]).front
    cover, summary = front.cover, front.summary
    page_one = _text(reader, 0)
    for value in (cover.title, cover.subtitle, cover.event, cover.date, cover.presenter,
                  cover.organization, cover.note, cover.provenance):
        assert value and value in page_one, value
    assert (briefing.FICTIONAL_NOTE in page_one) is cover.fictional is True
    assert (reader.metadata.title, reader.metadata.author) == (cover.title, cover.author)
    contents = reader.pages[1].extract_text()
    entries = re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)$", contents, flags=re.MULTILINE)
    assert [name for name, _ in entries[1:]] == [
        name for group in front.contents for _, name in group.entries]
    assert all(group.label in contents for group in front.contents)
    page_three = _text(reader, 2)
    assert summary.note in page_three
    for label, value in summary.tiles:
        assert f"{value} {label}" in page_three
    assert summary.chart.title in page_three
    assert " ".join(summary.columns) in page_three
    for group in summary.groups:
        assert " ".join((group.label, *group.rows[0])) in page_three
        for row in group.rows:
            assert " ".join(row) in page_three
    for item in front.excluded:
        assert f"{item.name}: {item.reason}" in page_three


def test_front_alone_is_the_packets_front_and_counts_its_pages():
    districts = statewide(8)
    excluded = [PINE]
    whole = document.packet(districts, options=OPTIONS, excluded=excluded)
    front = document.front(districts, options=OPTIONS, excluded=excluded)
    assert front == whole.front
    assert front.count == len(whole.pages) == 8
    assert [name for group in front.contents for _, name in group.entries] == [
        page.name for page in whole.pages]
    assert [row[0] for group in front.summary.groups for row in group.rows] == [
        page.name for page in whole.pages]
    assert front.excluded == (PINE,)


def test_cover_defaults_when_nothing_is_set():
    cover = document.front(sample_districts()[:2],
                           options=packet.PacketOptions(date=datetime.date(2026, 1, 2))).cover
    assert (cover.title, cover.author, cover.event, cover.presenter, cover.note) == (
        briefing.DEFAULT_TITLE, "Make Your Case", None, None, "")
    assert cover.subtitle.startswith("2 districts: who they are")
    assert cover.date == "January 2, 2026"
