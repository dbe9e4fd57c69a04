"""exports.pdf_reading_order: right-to-left runs read back in logical order, pages unchanged.

The district's name, a source label and the story are multi-word Arabic and Hebrew with Latin
numbers inside the runs; every expectation is the model's own text. pypdf follows the content
stream, pdftotext orders by position and applies its own bidi, the structure tree is read with
pikepdf, and pdftoppm renders the pages before and after the pass.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from dataclasses import replace

import page as page_validation
import pikepdf
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from advocacy.exports import (
    document,
    packet,
    pdf,
    pdf_content,
    pdf_reading_order,
    typesetting,
)
from advocacy.fictional import maple_valley
from advocacy.model import Contact, District

NAME = "مدارس النور 2024 الموحدة"
SOURCE = "מענק עירוני 2 לשנה"
ARABIC = "مرحبا بالمعلمين الجدد 12 مرة"
HEBREW = "שלום למורים החדשים 3 פעמים"
CONTACT = "דנה וייטפילד"
# Long enough to wrap: each line's part of the run is read in order.
WRAPPED = ("تحسن الاحتفاظ بالمعلمين الجدد من 71 إلى 88 في المئة خلال أربع سنوات بفضل التدريب "
           "المستمر في كل المدارس")
RTL = pdf_reading_order.RIGHT_TO_LEFT
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def right_to_left_district() -> District:
    maple = maple_valley()
    spending = tuple(replace(line, source=SOURCE) if line.source == "State" else line
                     for line in maple.spending)
    story = replace(maple.story, solution=f"Coaching in {ARABIC} and {HEBREW}.",
                    impact=f"Retention: {WRAPPED}.")
    return replace(maple, name=NAME, spending=spending, story=story,
                   contact=Contact(name=CONTACT, email="d@x.org"))


@pytest.fixture(scope="module")
def district() -> District:
    return right_to_left_district()


def _handed(district: District) -> tuple[bytes, list[str]]:
    """Typst's PDF (row headers tagged) as the export hands it to this pass, and the texts."""
    real = pdf_reading_order.read_in_logical_order
    handed: list[tuple[bytes, list[str]]] = []

    def keep(data: bytes, texts: list[str]) -> bytes:
        handed.append((data, texts))
        return data

    pdf_reading_order.read_in_logical_order = keep
    try:
        pdf.render(district)
    finally:
        pdf_reading_order.read_in_logical_order = real
    (data, texts), = handed
    return data, texts


@pytest.fixture(scope="module")
def typst_and_final(district) -> tuple[bytes, bytes]:
    """Typst's PDF before this pass and the pass's result. One compile: Typst stamps the
    time, so two compiles a second apart differ."""
    before, texts = _handed(district)
    return before, pdf_reading_order.read_in_logical_order(before, texts)


def _solution(text: str) -> District:
    maple = maple_valley()
    return replace(maple, story=replace(maple.story, solution=text))


def _flat(text: str) -> str:
    return " ".join(text.translate(BIDI_CONTROLS).split())


def _pypdf(data: bytes) -> str:
    return _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def _pdftotext(data: bytes, tmp_path) -> str:
    path = tmp_path / "rtl.pdf"
    path.write_bytes(data)
    return _flat(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                check=True).stdout)


def test_pypdf_reads_every_run_in_logical_order_numbers_included(district, typst_and_final):
    before, _ = typst_and_final
    text = _pypdf(pdf.render(district).data)  # what the export writes
    assert text.count(district.name) == 2  # page 1's heading and page 2's
    assert f"Coaching in {ARABIC} and {HEBREW}." in text
    assert f"{SOURCE}$ 240,000" in text  # the table row (pypdf's own spacing of "$")
    assert f"District {SOURCE}" in text  # the chart legend
    assert f"Name: {CONTACT}" in text
    assert f"Retention: {WRAPPED}." in text  # wrapped over two lines, each in order
    # Typst's own order, for the record: words of a run out of order.
    assert district.name not in _pypdf(before) and ARABIC not in _pypdf(before)


def test_pdftotext_reads_the_words_between_numbers_in_logical_order(typst_and_final, tmp_path):
    # poppler orders glyphs by position and reverses each right-to-left stretch itself; a
    # number ends such a stretch, so it reads "A B 12 C" as "C 12 A B" whatever the PDF holds
    # (see the module's docstring). Every stretch of words between numbers reads in order,
    # and the pass must keep it so.
    _, final = typst_and_final
    text = _pdftotext(final, tmp_path)
    stretches = [part.strip() for run in (NAME, SOURCE, ARABIC, HEBREW, CONTACT)
                 for part in re.split(r"\d+", run)]
    assert len([s for s in stretches if " " in s]) >= 4  # multi-word stretches among them
    assert [s for s in stretches if s not in text] == []


def _language(element: pikepdf.Dictionary) -> str:
    """An element's language: its own /Lang, else the nearest ancestor's (PDF 14.9.2.2)."""
    while isinstance(element, pikepdf.Dictionary):
        if "/Lang" in element:
            return str(element.Lang)
        element = element.get("/P")
    return ""


def _marked_text(data: bytes) -> list[dict[int, str]]:
    """Each page's text per marked-content ID, as pypdf reads each piece."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found: dict[int, str] = {}
        current: list[int | None] = [None]

        def before(operator, operands, cm, tm, current=current):
            if operator == b"BDC" and len(operands) > 1 and "/MCID" in operands[1]:
                current[0] = int(operands[1]["/MCID"])

        def text(piece, cm, tm, font, size, found=found, current=current):
            if current[0] is not None:
                found[current[0]] = found.get(current[0], "") + piece

        page.extract_text(visitor_operand_before=before, visitor_text=text)
        pages.append(found)
    return pages


def _runs(data: bytes) -> list[tuple[str, str]]:
    """(text, language) of every Span whose pieces are all right-to-left text, its pieces
    read in the order the Span lists them; checks they are drawn in that order too."""
    marked = _marked_text(data)
    found = []
    with pikepdf.open(io.BytesIO(data)) as opened:
        pages = [page.obj.objgen for page in opened.pages]
        drawn = [[int(operands[1].MCID) for operands, _ in
                  pikepdf.parse_content_stream(page, "BDC")
                  if isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]]
                 for page in opened.pages]
        stack = [opened.Root.StructTreeRoot.K]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(reversed(list(node)))
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                kids = node.K if isinstance(node.K, pikepdf.Array) else [node.K]
                if node.S == "/Span" and "/Pg" in node and all(isinstance(k, int) for k in kids):
                    index = pages.index(node.Pg.objgen)
                    text = " ".join("".join(marked[index].get(int(k), "") for k in kids).split())
                    if RTL.search(text) and not re.search("[A-Za-z]", text):
                        mcids = [int(k) for k in kids]
                        assert sorted(mcids, key=drawn[index].index) == mcids
                        found.append((text, _language(node)))
                if "/K" in node:
                    stack.append(node.K)
    return found


def test_each_run_is_one_span_reading_as_the_models_text(typst_and_final):
    before, final = typst_and_final
    spans = _runs(final)
    texts = [text for text, _ in spans]
    wrapped = [text for text in texts if text in WRAPPED]
    assert sorted(texts) == sorted([NAME, NAME, SOURCE, SOURCE, ARABIC, HEBREW, CONTACT,
                                    *wrapped])  # name on both pages, source in table and legend
    assert len(wrapped) == 2 and " ".join(wrapped) == WRAPPED  # one Span per line
    assert all(lang == ("he" if re.search("[\u0590-\u05ff]", text) else "ar")
               for text, lang in spans)
    # Typst's own tags group no run of several words on its own.
    assert [text for text, _ in _runs(before) if " " in text] == []


def test_the_pages_look_exactly_as_typst_drew_them(typst_and_final, tmp_path):
    before, final = typst_and_final
    assert final.startswith(before)  # an incremental update: Typst's bytes kept as they were
    images = []
    for name, data in (("before", before), ("after", final)):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(tmp_path / f"{name}.pdf"),
                        str(tmp_path / name)], check=True, capture_output=True)
        images.append([Image.open(tmp_path / f"{name}-{page}.png").convert("RGB")
                       for page in (1, 2)])
    for old, new in zip(*images, strict=True):
        assert ImageChops.difference(old, new).getbbox() is None


def test_a_run_the_model_does_not_hold_is_left_as_typst_wrote_it(typst_and_final):
    before, _ = typst_and_final
    assert pdf_reading_order.read_in_logical_order(before, ["نص آخر"]) == before
    assert pdf_reading_order.read_in_logical_order(before, []) == before


def test_only_printed_right_to_left_strings_are_offered(district):
    data = typesetting.onepager_json(document.build(district), [])
    texts = pdf_reading_order.right_to_left_texts({"district": json.dumps(data)})
    assert NAME in texts and SOURCE in texts and CONTACT in texts
    assert f"Coaching in {ARABIC} and {HEBREW}." in texts
    assert all(pdf_reading_order.RIGHT_TO_LEFT.search(text) for text in texts)
    latin = typesetting.onepager_json(document.build(maple_valley()), [])
    assert pdf_reading_order.right_to_left_texts({"district": json.dumps(latin)}) == []


def test_a_string_holding_marks_or_parentheses_does_not_end_a_sequence(typst_and_final):
    # Typst escapes parentheses in strings; glyph codes can spell "EMC" or "BDC" in between.
    _, final = typst_and_final
    with pikepdf.open(io.BytesIO(final)) as opened:
        page = opened.pages[1]
        raw = (b"/Span<</MCID 0>>BDC\nq 1 0 0 -1 10 20 cm\nBT/f0 9 Tf(EMC\\(BDC\\) EMC)Tj\nET\n"
               b"Q\nEMC 0 0 1 1 re f/Artifact BMC\nEMC/Span<</MCID 1/Lang(ar)>>BDC\nEMC")
        spans = pdf_content.PageText(raw, page, pdf_content.Fonts()).top_level()
    first_end = raw.index(b"EMC 0 0") + 3
    assert spans[0] == (0, first_end)
    assert spans[1:] == [None, None, (raw.index(b"/Span<</MCID 1"), len(raw))]


def test_a_packet_reads_its_right_to_left_district_in_order_and_stays_valid(district):
    data = packet.render([maple_valley(), district]).data
    text = _pypdf(data)
    # The contents, the summary table and the district's own two pages.
    assert text.count(NAME) >= 4 and f"Coaching in {ARABIC} and {HEBREW}." in text
    report = page_validation.validate_pdf_bytes(
        data, profile=page_validation.ValidationProfile.PDF_UA_1)
    assert [(f.rule_id, f.message) for f in report.failures] == []


def test_brackets_drawn_mirrored_still_let_the_run_be_read_in_order():
    # Typst draws "(" in a right-to-left run as the ")" glyph, and ToUnicode names it so.
    text = _pypdf(pdf.render(_solution("Note: برنامج (التدريب) الجديد للمعلمين.")).data)
    assert "الجديد للمعلمين." in text  # Typst's order read "للمعلمين الجديد"


def test_vowel_marks_drawn_on_their_own_leave_the_line_as_typst_drew_it():
    # The marks come from a fallback font, one sequence each over its letter: where each goes
    # in the run cannot be told from positions, so nothing is moved.
    before, texts = _handed(_solution("Note: مَدْرَسَةٌ جَدِيدَةٌ لِلْمُعَلِّمِينَ."))
    assert texts and pdf_reading_order.read_in_logical_order(before, texts) == before
