"""slides.render: the deck opened back with python-pptx — native charts, alt text, fitted text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
import zipfile

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from advocacy import charts, metrics
from advocacy.exports import fitting, slides
from advocacy.fictional import cedar_creek, harbor_city, maple_valley
from advocacy.model import Contact, District, Story

HOSTILE = [
    "<script>alert('x')</script>",
    'Quotes " and \' & ampersands &amp;',
    "<a:t>xml</a:t> ]]>",
    "مدرسة النور الابتدائية",
    "Reading 📚 for all",
]


def _deck(district, **kwargs):
    result = slides.render(district, **kwargs)
    return result, Presentation(io.BytesIO(result.data))


def _titles(deck) -> list[str]:
    return [slide.shapes.title.text for slide in deck.slides]


def _charts(deck):
    return [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]


def _all_text(deck) -> str:
    return "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)


def test_deck_tells_the_story_in_order():
    result, deck = _deck(maple_valley())
    assert result.filename == "maple-valley-unified-school-district.pptx"
    assert _titles(deck) == ["Maple Valley Unified School District", "Who we are",
                             "Our investment in professional learning",
                             "Challenge → Solution → Impact", "Outcomes (1 of 2)",
                             "Outcomes (2 of 2)", "Contact"]
    assert len(set(_titles(deck))) == len(deck.slides)


def test_document_properties_are_ours_not_the_templates():
    built = dt.datetime(2026, 12, 1, 23, 30)
    result = slides.render(maple_valley(), now=built)
    props = Presentation(io.BytesIO(result.data)).core_properties
    assert props.title == "Make Your Case: Maple Valley Unified School District"
    assert props.author == "Maple Valley Unified School District"
    assert props.last_modified_by == "Make Your Case"
    assert (props.created, props.modified, props.revision) == (built, built, 1)
    assert props.comments == "" and props.language == "en-US"
    xml = zipfile.ZipFile(io.BytesIO(result.data)).read("docProps/core.xml").decode()
    assert "python-pptx" not in xml and "Steve Canny" not in xml and "2013" not in xml


@pytest.mark.parametrize("district", [maple_valley(), cedar_creek(), harbor_city()],
                         ids=["maple", "cedar", "harbor"])
def test_every_shape_sits_on_the_wide_slide_and_titles_span_it(district):
    # The default template's placeholders are laid out for 4:3; on a 16:9 deck they must be
    # placed, and a placeholder given only its left and width collapses to zero height.
    _, deck = _deck(district)
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            assert shape.width > 0 and shape.height > 0, (number, shape.name)
            assert shape.left >= 0 and shape.left + shape.width <= width, (number, shape.name)
            assert shape.top >= 0 and shape.top + shape.height <= height, (number, shape.name)
        assert slide.shapes.title.width >= 0.8 * width, number


def test_profile_figures_share_one_size():
    _, deck = _deck(maple_valley())  # "$13,250" is too wide for the largest size
    sizes = {run.font.size for shape in deck.slides[1].shapes if shape.has_text_frame
             for run in shape.text_frame.paragraphs[0].runs if run.font.bold}
    assert sizes == {Pt(28)}


def test_title_slide_marks_fictional_districts():
    _, deck = _deck(maple_valley())
    assert "Fictional district" in deck.slides[0].placeholders[1].text


def test_spending_charts_are_native_stacked_columns_with_the_districts_numbers():
    district = maple_valley()
    figures = metrics.compute(district)
    _, deck = _deck(district)
    by_source, by_use = [s.chart for s in deck.slides[2].shapes if s.has_chart]
    assert by_source.chart_type == by_use.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert list(by_source.plots[0].categories) == [str(y.school_year) for y in figures.years]
    title_ii_a = next(s for s in by_source.plots[0].series if s.name == "Title II-A")
    assert title_ii_a.values == (340100.0, 332400.0, 318900.0, 305600.0, 298000.0)
    assert [s.name for s in by_use.plots[0].series] == list(district.use_names())
    assert by_source.value_axis.tick_labels.number_format == '"$"#,##0'


def test_bars_carry_patterns_and_lines_carry_dashes_as_well_as_colour():
    _, deck = _deck(harbor_city())
    by_source = next(s for s in deck.slides[2].shapes if s.has_chart).chart
    state = by_source.plots[0].series[1]
    assert state.format.fill.pattern == MSO_PATTERN.WIDE_UPWARD_DIAGONAL
    teacher_retention = [s.chart for s in deck.slides[4].shapes if s.has_chart][1]
    assert teacher_retention.chart_type == XL_CHART_TYPE.LINE_MARKERS
    dashes = [s.format.line.dash_style for s in teacher_retention.plots[0].series]
    assert dashes == [MSO_LINE_DASH_STYLE.SOLID, MSO_LINE_DASH_STYLE.DASH]


def test_every_chart_and_picture_has_alt_text():
    _, deck = _deck(harbor_city(), logo=_png())
    framed = [shape for slide in deck.slides for shape in slide.shapes
              if shape.has_chart or shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(framed) == 5
    descriptions = [shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr") for shape in framed]
    assert descriptions[0] == "Harbor City Public Schools logo"
    assert all(d and len(d) > 20 for d in descriptions[1:])
    assert "2019-20" in descriptions[1]


def test_empty_story_is_drafted_and_key_numbers_are_large():
    _, deck = _deck(cedar_creek())
    story = deck.slides[3]
    texts = [s.text_frame.text for s in story.shapes if s.has_text_frame]
    impact_text = texts[texts.index("IMPACT") + 1]
    assert len(impact_text.split()) > 5
    sizes = {s.text_frame.text: s.text_frame.paragraphs[0].runs[0].font.size
             for s in story.shapes if s.has_text_frame and s.text_frame.text}
    big = [text for text, size in sizes.items() if size == Pt(36)]
    assert big and all(text[0] in "$+−0123456789" for text in big)


def _story_runs(deck):
    """(text, size) of the three story columns on the story slide."""
    slide = next(s for s in deck.slides if s.shapes.title.text.startswith("Challenge"))
    boxes = [s for s in slide.shapes if s.has_text_frame and s.top == Inches(2.25)]
    return [(b.text_frame.text, b.text_frame.paragraphs[0].runs[0].font.size) for b in boxes]


@pytest.mark.parametrize("words", [20, 60, 110, 150])
def test_story_text_shrinks_to_the_size_its_measured_lines_fit(words):
    text = " ".join(["professional"] * words)
    _, deck = _deck(dataclasses.replace(maple_valley(), story=Story(challenge=text)))
    shown, size = _story_runs(deck)[0]
    fitted = fitting.fit(text, slides.STORY_BOX)
    assert (shown, size) == (fitted.text, Pt(fitted.size))
    lines = fitting.line_count(shown, fitted.size, slides.STORY_BOX.width_pt)
    assert lines * 1.2 * fitted.size <= slides.STORY_BOX.height_pt


def test_story_longer_than_a_slide_holds_is_shortened_with_a_warning():
    long = " ".join(["coaching"] * 400)
    result, deck = _deck(dataclasses.replace(maple_valley(), story=Story(challenge=long)))
    fitted = [(i.code, i.found, i.hint.split(" shows")[0]) for i in result.warnings
              if i.code == "story.fitted"]
    assert fitted == [("story.fitted", "Challenge: 400 words", "The slide")]
    challenge = _story_runs(deck)[0][0]
    assert challenge.endswith("…") and 30 < len(challenge.split()) < 400


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_kept_literal(hostile):
    district = dataclasses.replace(
        maple_valley(), name=hostile, story=Story(challenge=hostile, solution=hostile,
                                                  impact=hostile),
        contact=Contact(name=hostile, email=hostile))
    _, deck = _deck(district)
    assert deck.slides[0].shapes.title.text == hostile
    assert _all_text(deck).count(hostile) >= 5


def test_control_characters_are_dropped_instead_of_breaking_the_file():
    _, deck = _deck(dataclasses.replace(maple_valley(), name="Bell\x07 District\x0c"))
    assert deck.slides[0].shapes.title.text == "Bell District"


@pytest.mark.parametrize(("logo", "code"), [(b"<svg/>", "image.unsupported"),
                                            (b"\x89PNG\r\n\x1a\nnot really", "image.unreadable")])
def test_bad_logo_gives_a_warning_and_the_deck_still_builds(logo, code):
    result, deck = _deck(maple_valley(), logo=logo)
    assert [(i.code, str(i.at)) for i in result.warnings] == [(code, "logo")]
    assert len(deck.slides) == 7


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 30), "#1f4e79").save(out, format="PNG")
    return out.getvalue()


def test_district_with_only_a_name_still_gets_a_deck_without_empty_charts():
    _, deck = _deck(District(name="Quarry School District"))
    assert _titles(deck) == ["Quarry School District", "Who we are",
                             "Our investment in professional learning",
                             "Challenge → Solution → Impact"]
    assert _charts(deck) == []
    assert "No spending data yet." in _all_text(deck)


def test_patterned_bars_are_white_lines_over_the_series_colour():
    _, deck = _deck(maple_valley())
    by_source = next(s for s in deck.slides[2].shapes if s.has_chart).chart
    fill = by_source.plots[0].series[1].format.fill  # State: hatched
    assert (str(fill.fore_color.rgb), str(fill.back_color.rgb)) == ("FFFFFF", "D55E00")


def test_charts_side_by_side_have_plots_of_one_size():
    _, deck = _deck(maple_valley())
    for slide in (deck.slides[2], deck.slides[4]):
        layouts = []
        for frame in (s for s in slide.shapes if s.has_chart):
            manual = frame.chart._chartSpace.chart.plotArea.find(qn("c:layout")).find(
                qn("c:manualLayout"))
            layouts.append({child.tag.split("}")[1]: child.get("val") for child in manual})
            assert layouts[-1]["layoutTarget"] == "inner"
        assert len(layouts) == 2 and layouts[0] == layouts[1]


def _contrast(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)  # against the white slide


def test_every_text_colour_reads_at_4_5_to_1_or_better():
    _, deck = _deck(maple_valley())
    colours = set()
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                colours |= {str(run.font.color.rgb) for p in shape.text_frame.paragraphs
                            for run in p.runs if run.text.strip()}
            if shape.has_chart:
                colours.add(str(shape.chart.font.color.rgb))
    assert colours and all(_contrast(c) >= 4.5 for c in colours), colours


def _libreoffice_page(deck_bytes: bytes, page: int, tmp_path) -> Image.Image:
    (tmp_path / "deck.pptx").write_bytes(deck_bytes)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "deck.pptx")],
                   check=True, capture_output=True, timeout=240)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page),
                    "-singlefile", str(tmp_path / "deck.pdf"), str(tmp_path / "slide")],
                   check=True, capture_output=True)
    return Image.open(tmp_path / "slide.png").convert("RGB")


def _share_near(image: Image.Image, colour: str) -> float:
    target = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    near = sum(count for count, pixel in image.getcolors(image.width * image.height)
               if max(abs(a - b) for a, b in zip(pixel, target, strict=True)) < 40)
    return near / (image.width * image.height)


def test_every_series_stays_solid_when_libreoffice_renders_the_deck(tmp_path):
    district = maple_valley()
    spec = next(s for s in charts.specs(district, metrics.compute(district))
                if s.id == "spending_by_source")
    image = _libreoffice_page(slides.render(district).data, 3, tmp_path)
    # Title II-A is solid; State and District are hatched. Each must still cover its bars
    # (about a tenth of the slide between them), not shrink to hairlines on white.
    shares = {s.name: _share_near(image, s.colour) for s in spec.series}
    assert all(share > 0.01 for share in shares.values()), shares
