"""Every kind of PDF we make passes the PDF/UA-1 validators, and its tags say what a reader needs.

Two independent validators (``page`` from page-validation, and ``outloud``) run on the one-pager,
the packet, hostile text, a very long story, right-to-left names, right-to-left runs rewritten
into logical order (exports.pdf_reading_order) and a name no font can print.
The structure-tree tests read the tags themselves with pikepdf: row headers, figure alt text,
headings and the language of passages in another script.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import replace

import outloud
import page
import pikepdf
import pytest

from advocacy.exports import packet, pdf, typesetting
from advocacy.fictional import cedar_creek, maple_valley, sample_districts
from advocacy.model import Contact
from tests.exports.test_pdf_reading_order import right_to_left_district

ARABIC_NAME = "مدارس النور الموحدة"
HEBREW_NAME = "דנה וייטפילד"
CHINESE_NAME = "北京市第一学区"


def _story(district, **parts):
    return replace(district, story=replace(district.story, **parts))


def _kinds() -> dict[str, bytes]:
    maple = maple_valley()
    long = " ".join(f"word{i}" for i in range(2000))
    return {
        "one-pager": pdf.render(maple).data,
        "drafted story": pdf.render(cedar_creek()).data,
        "packet": packet.render(sample_districts(), options=packet.PacketOptions(
            title="Lakeland briefing", date=datetime.date(2026, 3, 4))).data,
        "hostile text": pdf.render(_story(
            replace(maple, name="<b>#set</b> *Dist* $1 ]"),
            challenge="#set text(red) = Not a heading <label> @ref $x^2$ ] [ // \\",
            solution="=SUM(A1:A9) +1 -2 @cmd *not bold* _not italic_ `raw`")).data,
        "long story": pdf.render(_story(maple, challenge=long, solution=long, impact=long)).data,
        "arabic and hebrew": pdf.render(_story(
            replace(maple, name=ARABIC_NAME, contact=Contact(name=HEBREW_NAME, email="d@x.org")),
            solution="Coaching in مرحبا بالمعلمين and שלום למורים.")).data,
        "right-to-left runs": pdf.render(right_to_left_district()).data,
        "chinese name and emoji": pdf.render(_story(
            replace(maple, name=CHINESE_NAME), impact="Retention rose to 88% 🎉 好.")).data,
    }


@pytest.fixture(scope="module")
def kinds() -> dict[str, bytes]:
    return _kinds()


KINDS = [
    "one-pager", "drafted story", "packet", "hostile text", "long story", "arabic and hebrew",
    "right-to-left runs", "chinese name and emoji"]


@pytest.mark.parametrize("kind", KINDS)
def test_page_validation_finds_no_pdf_ua_failure(kinds, kind):
    report = page.validate_pdf_bytes(kinds[kind], profile=page.ValidationProfile.PDF_UA_1)
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant


@pytest.mark.parametrize("kind", KINDS)
def test_outloud_reports_no_error(kinds, kind, tmp_path):
    path = tmp_path / "checked.pdf"
    path.write_bytes(kinds[kind])
    result = outloud.check(str(path))
    assert result.error is None
    assert [(f.rule, f.message) for f in result.findings if f.severity == "error"] == []
    assert result.errors == 0 and result.verdict != "fail"
    assert [run.rule for run in result.runs if run.status == "crashed"] == []


# --- the structure tree, read directly ------------------------------------------------------

def _elements(document: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found, stack = [], [document.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append(node)
            if "/K" in node:
                stack.append(node.K)
    return found


def _kids(element, kind=None) -> list[pikepdf.Dictionary]:
    kids = element.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k
            and (kind is None or str(k.S) == kind)]


def _table_attributes(cell) -> pikepdf.Dictionary:
    attributes = cell.A if isinstance(cell.A, pikepdf.Array) else [cell.A]
    return next(a for a in attributes if isinstance(a, pikepdf.Dictionary) and a.O == "/Table")


def _body_rows(table) -> list[list[pikepdf.Dictionary]]:
    return [_kids(row) for body in _kids(table, "/TBody") for row in _kids(body, "/TR")]


def _open(kinds, kind) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(kinds[kind]))


def test_every_body_row_starts_with_a_row_header_its_cells_point_to(kinds):
    with _open(kinds, "one-pager") as document:
        ids = pikepdf.NameTree(document.Root.StructTreeRoot.IDTree)
        tables = [e for e in _elements(document) if e.S == "/Table"]
        assert len(tables) == 2  # spending by source, and by use
        # Title II-A, State, District, Total; then four uses and Total.
        assert [len(_body_rows(t)) for t in tables] == [4, 5]
        for table in tables:
            for row in _body_rows(table):
                label, *cells = row
                assert label.S == "/TH" and _table_attributes(label).Scope == "/Row"
                assert ids[str(label.ID)].objgen == label.objgen
                assert len(cells) == 5 and all(c.S == "/TD" for c in cells)
                for cell in cells:
                    headers = [str(h) for h in _table_attributes(cell).Headers]
                    assert str(label.ID) in headers and len(headers) == 2


def test_the_packet_summary_names_each_district_as_its_row_header(kinds):
    with _open(kinds, "packet") as document:
        summary = next(e for e in _elements(document) if e.S == "/Table")
        rows = _body_rows(summary)
        assert len(rows) == 3
        assert all(row[0].S == "/TH" and _table_attributes(row[0]).Scope == "/Row" and
                   all(c.S == "/TD" for c in row[1:]) for row in rows)
        headers = _kids(_kids(summary, "/THead")[0], "/TR")[0]
        assert all(cell.S == "/TH" and _table_attributes(cell).Scope == "/Column"
                   for cell in _kids(headers))


def test_every_figure_has_alt_text_in_words(kinds):
    with _open(kinds, "packet") as document:
        figures = [e for e in _elements(document) if e.S == "/Figure"]
        # The summary's chart, then two spending charts and one outcome per district.
        assert len(figures) == 1 + 3 * 3
        assert all(len(str(f.Alt).split()) >= 8 for f in figures)


def test_headings_name_each_district_and_each_part(kinds):
    with _open(kinds, "packet") as document:
        headings = [(str(e.S), str(e.get("/T", ""))) for e in _elements(document)
                    if str(e.S) in ("/H1", "/H2", "/H3")]
    first = [h for h in headings if h[0] == "/H1"]
    assert first == [("/H1", "Lakeland briefing"), ("/H1", "Contents"),
                     ("/H1", "Summary of key figures"),
                     *(("/H1", d.name) for d in sample_districts())]
    assert headings.count(("/H2", "District description")) == 3
    assert headings.count(("/H3", "IMPACT")) == 3


def _marked_languages(document: pikepdf.Pdf) -> set[str]:
    found = set()
    for one in document.pages:
        for operands, _operator in pikepdf.parse_content_stream(one, "BDC"):
            properties = operands[1]
            if isinstance(properties, pikepdf.Dictionary) and "/Lang" in properties:
                found.add(str(properties.Lang))
    return found


def test_passages_in_another_script_carry_their_language(kinds):
    with _open(kinds, "arabic and hebrew") as document:
        assert str(document.Root.Lang) == "en"
        title = next(e for e in _elements(document) if e.S == "/H1")
        assert str(title.T) == ARABIC_NAME and str(title.Lang) == "ar"
        assert {"ar", "he"} <= _marked_languages(document) | {
            str(e.Lang) for e in _elements(document) if "/Lang" in e}
    with _open(kinds, "one-pager") as document:
        assert _marked_languages(document) == set()


def test_a_name_no_font_can_print_still_heads_the_page(kinds):
    with _open(kinds, "chinese name and emoji") as document:
        title = next(e for e in _elements(document) if e.S == "/H1")
        assert str(title.T) == typesetting.UNPRINTABLE_NAME
        assert str(document.docinfo.Title) == f"Make Your Case: {CHINESE_NAME}"


def test_the_contact_email_is_a_tagged_mail_link(kinds):
    with _open(kinds, "one-pager") as document:
        uris = [str(a.A.URI) for one in document.pages for a in one.get("/Annots", [])
                if a.get("/Subtype") == "/Link"]
        links = [e for e in _elements(document) if e.S == "/Link"]
    assert uris == ["mailto:dwhitfield@maplevalley.example.org"] and len(links) == 1


def test_outloud_finds_every_address_linked(kinds, tmp_path):
    path = tmp_path / "one-pager.pdf"
    path.write_bytes(kinds["one-pager"])
    assert [f.evidence for f in outloud.check(str(path)).findings if f.rule == "LNK-010"] == []
