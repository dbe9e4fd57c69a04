"""exports.pdf: real one-pager PDFs read back with pypdf and rendered with pdftoppm."""

from __future__ import annotations

import io
import json
import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import typst
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from advocacy import charts, metrics
from advocacy.exports import document, pdf, typesetting
from advocacy.exports.document import FICTIONAL_LABEL
from advocacy.fictional import cedar_creek, harbor_city, maple_valley
from advocacy.model import Contact, District, Story
from tests.pdf_tags import structure

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def maple():
    result = pdf.render(maple_valley())
    return result, PdfReader(io.BytesIO(result.data))


def _text(reader: PdfReader, page: int) -> str:
    return " ".join(reader.pages[page].extract_text().split())


def _story(**parts) -> District:
    return replace(maple_valley(), story=replace(maple_valley().story, **parts))


def test_two_us_letter_pages(maple):
    _, reader = maple
    assert [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages] == [
        (612.0, 792.0), (612.0, 792.0)]


def test_metadata_names_the_district_language_and_author(maple):
    result, reader = maple
    assert reader.metadata.title == "Make Your Case: Maple Valley Unified School District"
    assert reader.metadata.author == "Maple Valley Unified School District"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert (result.filename, result.mime) == ("maple-valley-unified-school-district.pdf",
                                              "application/pdf")


def test_pdf_is_tagged_with_a_structure_tree(maple):
    _, reader = maple
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    types = [kind for kind, _ in structure(reader)]
    assert {"/H1", "/H2", "/Table", "/TH", "/Figure"} <= set(types)


def test_every_chart_figure_carries_its_alt_text(maple):
    _, reader = maple
    district = maple_valley()
    specs = {s.id: s for s in charts.specs(district, metrics.compute(district))}
    # The impact's 88% is the retention rate, so retention is the chart beside it.
    assert [alt for kind, alt in structure(reader) if kind == "/Figure"] == [
        specs["spending_by_source"].alt_text, specs["spending_by_use"].alt_text,
        specs["outcome:New-teacher retention rate"].alt_text]


@pytest.mark.parametrize("page,expected", [
    (0, ["Who we are".upper(), "Maple Valley Unified School District", "8,420", "512.5",
         "$13,250", "38%", "12.5%", "16.4:1", "Title II-A", "$298,000", "$640,000",
         "$1,178,000", "2023-24", "New-teacher induction", "25%", "$2,299 per teacher",
         FICTIONAL_LABEL]),
    (1, ["CHALLENGE", "29%", "SOLUTION", "IMPACT", "88%", "Dana Whitfield",
         "dwhitfield@maplevalley.example.org", "(555) 010-0142", "Learning Designs",
         "Data sources: Fictional sample data for demonstration only; not a real district.",
         "New-teacher retention rate", "New-teacher retention rate, 2023-24; 71% in 2019-20",
         FICTIONAL_LABEL]),
])
def test_numbers_and_words_are_real_text(maple, page, expected):
    _, reader = maple
    text = _text(reader, page)
    assert [item for item in expected if item not in text] == []


def test_years_run_newest_first_in_the_tables(maple):
    _, reader = maple
    text = _text(reader, 0)
    assert text.index("2023-24 2022-23 2021-22 2020-21 2019-20") < text.index("$298,000")


def test_own_story_needs_no_warning(maple):
    result, _ = maple
    assert result.warnings == ()


def test_empty_story_is_drafted_and_says_so():
    result = pdf.render(cedar_creek())
    assert [(w.code, str(w.at), w.found) for w in result.warnings] == [
        ("story.drafted", "Cedar Creek Schools › Story", "Challenge: empty"),
        ("story.drafted", "Cedar Creek Schools › Story", "Solution: empty"),
        ("story.drafted", "Cedar Creek Schools › Story", "Impact: empty")]
    text = _text(PdfReader(io.BytesIO(result.data)), 1)
    assert "Teacher vacancies" in text or "Title II-A" in text


def test_half_written_story_keeps_the_districts_words():
    result = pdf.render(harbor_city())
    assert [w.found for w in result.warnings] == ["Solution: empty", "Impact: empty"]
    assert "only 22% of them read at grade level" in _text(PdfReader(io.BytesIO(result.data)), 1)


HOSTILE = [
    "#set text(red) and #pagebreak() stay text",
    "*not bold* _not italic_ `not raw`",
    "$x^2$ costs $298,000",
    "<label> and @ref and a ] closing [ bracket",
    "= Not a heading",
    "=SUM(A1:A9) +1 -2 @cmd",
    "// not a comment /* nor this */ \\ backslash",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_story_text_is_never_read_as_markup(text):
    result = pdf.render(_story(challenge=text))
    reader = PdfReader(io.BytesIO(result.data))
    assert len(reader.pages) == 2
    assert text in _text(reader, 1)
    assert result.warnings == ()


def test_hostile_district_name_is_the_document_title_verbatim():
    name = "<b>#set</b> *Dist* $1 ]"
    reader = PdfReader(io.BytesIO(pdf.render(replace(maple_valley(), name=name)).data))
    assert reader.metadata.title == f"Make Your Case: {name}"
    assert name in _text(reader, 0)


def test_right_to_left_script_prints_with_a_packaged_font():
    arabic, hebrew = "مرحبا بالمعلمين", "שלום למורים"
    result = pdf.render(_story(solution=f"Coaching in {arabic} and {hebrew}."))
    reader = PdfReader(io.BytesIO(result.data))
    text = reader.pages[1].extract_text()
    assert any("\u0600" <= ch <= "\u06ff" for ch in text)
    assert any("\u0590" <= ch <= "\u05ff" for ch in text)
    assert result.warnings == ()


BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def test_a_mixed_english_and_right_to_left_line_extracts_every_letter_in_place(tmp_path):
    # A right-to-left run used to end in a bidi control that joined its last letter, so pypdf
    # read "ن\u202cبالمعلمي" and "ם\u202cשלו": the final letter before the word.
    arabic, hebrew = "مرحبا بالمعلمين", "שלום למורים"
    result = pdf.render(_story(solution=f"Coaching in {arabic} and {hebrew}."))
    text = PdfReader(io.BytesIO(result.data)).pages[1].extract_text()
    line = next(line for line in text.splitlines() if line.startswith("Coaching in"))
    assert "\u202c" not in line
    # pypdf follows the drawing order, which exports.pdf_reading_order made logical.
    assert " ".join(line.split()) == f"Coaching in {arabic} and {hebrew}."
    path = tmp_path / "mixed.pdf"
    path.write_bytes(result.data)
    # poppler orders glyphs by position and reverses each right-to-left stretch itself, so a
    # passage without a number inside reads in order (exports.pdf_reading_order).
    poppler = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(path), "-"],
                             capture_output=True, text=True, check=True).stdout
    plain = " ".join(poppler.translate(BIDI_CONTROLS).split())
    assert arabic in plain and hebrew in plain
    assert "Coaching in" in plain and f"{hebrew}." in plain


def test_emoji_are_left_out_with_a_warning():
    result = pdf.render(_story(impact="Retention rose to 88% 🎉👩‍🏫 this year."))
    reader = PdfReader(io.BytesIO(result.data))
    assert "Retention rose to 88% this year." in _text(reader, 1)
    assert [(w.code, str(w.at)) for w in result.warnings] == [
        ("text.unprintable", "Maple Valley Unified School District")]


def test_two_thousand_words_still_fit_on_two_pages():
    long = " ".join(f"word{i}" for i in range(2000))
    result = pdf.render(_story(challenge=long, impact=long))
    reader = PdfReader(io.BytesIO(result.data))
    assert len(reader.pages) == 2
    fitted = [w for w in result.warnings if w.code == "story.fitted"]
    assert [(w.found, w.expected) for w in fitted] == [
        ("Challenge: 2000 words", "about 50 words"), ("Impact: 2000 words", "about 60 words")]
    assert "…" in _text(reader, 1) and "word1999" not in _text(reader, 1)
    assert "Dana Whitfield" in _text(reader, 1)  # the contact box is not pushed off the page


def test_missing_alt_text_fails_the_build():
    data = typesetting.onepager_json(document.build(maple_valley()), [])
    data["charts"]["sources"]["alt_text"] = ""
    with pytest.raises(typst.TypstError, match="alt"):
        typesetting.compile_typst("onepager.typ", {"district": json.dumps(data)})


def test_fonts_are_embedded_from_packages_not_the_system(maple):
    _, reader = maple
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]
            fonts.add(str(descendant["/BaseFont"]).split("+")[-1])
    assert fonts <= {"AtkinsonHyperlegible-Regular", "AtkinsonHyperlegible-Bold",
                     "AtkinsonHyperlegible-Italic", "AtkinsonHyperlegible-BoldItalic"}


def _png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 160), colour).save(out, format="PNG")
    return out.getvalue()


def test_logo_is_a_figure_with_alt_text():
    result = pdf.render(maple_valley(), logo=_png("#0b4f7a"))
    alts = [alt for kind, alt in structure(PdfReader(io.BytesIO(result.data)))
            if kind == "/Figure"]
    assert alts[0] == "Maple Valley Unified School District logo"
    assert result.warnings == ()


def test_unreadable_logo_is_left_out_with_a_warning():
    result = pdf.render(maple_valley(), logo=b"GIF89a not a png")
    assert [(w.code, w.district) for w in result.warnings] == [
        ("image.unsupported", "Maple Valley Unified School District")]
    assert len(PdfReader(io.BytesIO(result.data)).pages) == 2


def test_sparse_district_still_renders_two_pages_with_dashes():
    district = District(name="Sparse District", contact=Contact(name="A. Person"),
                        story=Story(challenge="We are just starting."))
    reader = PdfReader(io.BytesIO(pdf.render(district).data))
    assert len(reader.pages) == 2
    assert "—" in _text(reader, 0) and "Fictional" not in _text(reader, 0)


def _positions(reader: PdfReader, page: int) -> dict[str, tuple[float, float]]:
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font, size):
        text = text.strip()
        if text and text not in found:
            found[text] = (tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5])

    reader.pages[page].extract_text(visitor_text=visit)
    return found


def _position(found: dict, prefix: str) -> tuple[float, float]:
    return next(xy for text, xy in found.items() if text.startswith(prefix))


def test_page_one_reads_top_to_bottom_tables_then_the_charts_side_by_side(maple):
    _, reader = maple
    found = _positions(reader, 0)
    name = _position(found, "Maple Valley")
    profile = _position(found, "District description")
    sources = _position(found, "District spending on professional")
    uses = _position(found, "How these dollars are spent")
    by_source = _position(found, "Professional-learning spending by source")
    by_use = _position(found, "How professional-learning dollars are spent")
    assert name[1] > profile[1] > sources[1] > uses[1] > by_source[1] > 36
    assert by_source[0] < 60 < 300 < by_use[0] and abs(by_source[1] - by_use[1]) < 1
    # The charts take the page's remaining height: the last text sits near the foot.
    assert min(y for _, y in found.values()) < 72


def test_page_two_layout_keeps_the_story_order_and_the_footnote_at_the_foot(maple):
    _, reader = maple
    found = _positions(reader, 1)
    ys = [_position(found, label)[1] for label in
          ("CHALLENGE", "SOLUTION", "IMPACT", "The result over time", "Contact information",
           "Data sources")]
    assert ys == sorted(ys, reverse=True) and 30 < ys[-1] < 80


@pytest.mark.parametrize("page", [1, 2])
def test_pages_match_the_golden_images(maple, page, tmp_path):
    result, _ = maple
    source = tmp_path / "onepager.pdf"
    source.write_bytes(result.data)
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", "30", "-f", str(page), "-l", str(page),
                    "-singlefile", str(source), str(tmp_path / "page")],
                   check=True, capture_output=True)
    rendered = Image.open(tmp_path / "page.png").convert("L")
    golden = GOLDEN / f"maple-valley-page{page}.png"
    if os.environ.get("UPDATE_GOLDEN"):
        rendered.save(golden)
    expected = Image.open(golden).convert("L")
    assert rendered.size == expected.size
    difference = ImageChops.difference(rendered, expected)
    changed = sum(difference.point(lambda v: 255 if v > 64 else 0).histogram()[255:])
    assert ImageStat.Stat(difference).mean[0] < 2.0
    assert changed / (rendered.width * rendered.height) < 0.01


def test_extreme_district_still_prints_on_two_pages_with_warnings():
    from advocacy.fictional import YEARS
    from advocacy.model import STANDARDS, SpendingLine, UseLine

    district = maple_valley()
    uses = district.uses + tuple(
        UseLine(school_year=year, use=f"Program {i} with a long descriptive name",
                amount_usd=1000.0 * i) for i in range(20) for year in YEARS)
    spending = district.spending + tuple(
        SpendingLine(school_year=year, source=f"Foundation grant {i}", amount_usd=500.0)
        for i in range(10) for year in YEARS)
    metric = "Share of teachers who say professional learning is relevant " * 5
    outcomes = tuple(replace(p, metric=metric) for p in district.outcomes)
    district = replace(district, name="A Very Long Consolidated District Name " * 6, uses=uses,
                       outcomes=outcomes, state="Lakeland " * 40,
                       spending=spending, standards=STANDARDS,
                       contact=Contact(name="N" * 200, email="e" * 200 + "@example.org"),
                       data_sources="Source text. " * 300)
    result = pdf.render(district)
    reader = PdfReader(io.BytesIO(result.data))
    assert len(reader.pages) == 2
    assert sorted(w.found for w in result.warnings if w.code == "text.too_long") == [
        "200 characters", "212 characters", "234 characters", "3,899 characters"]
    page_one = _text(reader, 0)
    assert "19 other uses" in page_one and "8 other sources" in page_one
    # Folding keeps every dollar: the 2023-24 total still includes all 23 uses.
    assert "$1,368,000" in page_one


def test_control_characters_are_dropped_not_fatal():
    result = pdf.render(_story(challenge="Bell\x07 and null\x00 stay out."))
    assert "Bell and null stay out." in _text(PdfReader(io.BytesIO(result.data)), 1)
    assert [(w.code, w.found) for w in result.warnings] == [("text.unprintable", "\x00\x07")]


def test_a_missing_amount_prints_as_a_dash_not_zero():
    district = maple_valley()
    spending = (replace(district.spending[0], amount_usd=float("nan")),) + district.spending[1:]
    reader = PdfReader(io.BytesIO(pdf.render(replace(district, spending=spending)).data))
    assert "Federal (Title II-A) $298,000 $305,600 $318,900 $332,400 —" in _text(reader, 0)


def test_a_long_unbroken_word_wraps_inside_its_box():
    word = "x" * 300
    result = pdf.render(_story(challenge=f"Start {word} end."))
    text = PdfReader(io.BytesIO(result.data)).pages[1].extract_text()
    start = text.index("Start ")
    wrapped = text[start:text.index(" end.", start)]
    assert wrapped.count("\n") >= 3  # the word runs over four lines, not off the box
    assert wrapped.replace("\n", "") == f"Start {word}"
    assert "\u200b" not in text and result.warnings == ()


def test_a_word_too_long_for_its_box_is_cut_with_the_long_text_warning():
    result = pdf.render(_story(challenge="Start " + "y" * 6000 + " end."))
    assert [(w.code, w.found) for w in result.warnings] == [
        ("story.fitted", "Challenge: 3 words")]
    assert len(PdfReader(io.BytesIO(result.data)).pages) == 2


def test_chart_text_prints_at_8_points_or_more(maple):
    _, reader = maple
    sizes: dict[str, set[float]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.setdefault(text.strip(), set()).add(round(size * abs(tm[3] or 1), 2))

    reader.pages[0].extract_text(visitor_text=visit)
    reader.pages[1].extract_text(visitor_text=visit)
    chart_text = ["$1.5M", "$500K", "$1.18M", "$1.00M", "State", "New-teacher retention rate",
                  "71%", "84%"]
    found = {text: min(sizes[text]) for text in chart_text if text in sizes}
    assert len(found) >= 6 and all(size >= 8 for size in found.values()), found


def test_nine_digit_totals_keep_clear_of_each_other():
    district = maple_valley()
    big = tuple(replace(line, amount_usd=123_456_789.0) for line in district.spending)
    reader = PdfReader(io.BytesIO(pdf.render(replace(district, spending=big)).data))
    cells: list[tuple[float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip() == "$370,370,367":  # three sources of $123,456,789
            cells.append((round(tm[5] * cm[3] + cm[5]), tm[4] * cm[0] + cm[4]))

    reader.pages[0].extract_text(visitor_text=visit)
    assert len(cells) == 5 and len({y for y, _ in cells}) == 1
    starts = sorted(x for _, x in cells)
    # Each total is about 56 pt wide at 8.5 pt bold; columns leave at least 20 pt between.
    assert min(b - a for a, b in zip(starts, starts[1:], strict=False)) > 76
