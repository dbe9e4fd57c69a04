"""The slide deck (.pptx): a short talk track with native, editable PowerPoint charts.

Owns the deck's slides: title, who we are, the investment (spending by source and by use),
challenge → solution → impact with key numbers, outcomes, contact. Charts are PowerPoint's own
(chart_data + add_chart) so staff can restyle them; every chart and picture carries alt text.
Reads a validated District, metrics and narrative; never parses uploads, never computes
figures itself. Text sizes are chosen from word counts so nothing overflows its box.
"""

from __future__ import annotations

import io
import re

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from advocacy import charts, formatting, metrics, narrative, provenance
from advocacy.exports import MIME, ExportResult, safe_filename
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import District, Profile, Unit

NAVY = (0x1F, 0x4E, 0x79)
INK = (0x1A, 0x1A, 0x1A)  # 17:1 on white; the default theme greys subtitles to about 3.5:1
# (most words, point size) for a story column of 3.8 × 3.8 inches inside its insets. Worked
# out at six characters a word and 0.5 em a character: 130 words at 12 pt make 18 lines,
# 259 pt of the 274 pt there is; more than 160 words would not fit at a readable size.
FIT = ((45, 18), (70, 16), (95, 14), (130, 12), (160, 11))
MAX_WORDS = FIT[-1][0]
NUMBER_FORMATS = {Unit.USD: '"$"#,##0', Unit.PERCENT: '0"%"', Unit.COUNT: "#,##0",
                  Unit.SCORE: "0.0", None: "General"}
BAR_PATTERNS = {"hatch": MSO_PATTERN.WIDE_UPWARD_DIAGONAL, "dot": MSO_PATTERN.PERCENT_50,
                "cross": MSO_PATTERN.DIAGONAL_CROSS, "vertical": MSO_PATTERN.DARK_VERTICAL}
LINE_DASHES = {"dash": MSO_LINE_DASH_STYLE.DASH, "dot": MSO_LINE_DASH_STYLE.ROUND_DOT,
               "dashdot": MSO_LINE_DASH_STYLE.DASH_DOT, "longdash": MSO_LINE_DASH_STYLE.LONG_DASH}
MARKER_STYLES = (XL_MARKER_STYLE.CIRCLE, XL_MARKER_STYLE.SQUARE, XL_MARKER_STYLE.TRIANGLE,
                 XL_MARKER_STYLE.DIAMOND)
# XML 1.0 forbids most control characters; python-pptx would raise on them.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_RASTER = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))


def profile_facts(profile: Profile) -> list[tuple[str, str]]:
    """(label, formatted value) for every profile field, a dash where missing."""
    return [(label, fmt(getattr(profile, name))) for name, label, fmt in formatting.PROFILE_FIELDS]


def logo_mime(logo: bytes | None) -> str | None:
    """The MIME type of a raster logo we can embed safely, else None."""
    if not logo:
        return None
    return next((mime for magic, mime in _RASTER if logo.startswith(magic)), None)


def render(district: District, *, logo: bytes | None = None) -> ExportResult:
    figures = metrics.compute(district)
    story = narrative.default_story(district, figures)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    deck.core_properties.title = clean(f"Make Your Case: {district.name}")
    deck.core_properties.language = "en-US"
    warnings: list[Issue] = []
    _title_slide(deck, district, logo, warnings)
    _who_slide(deck, district)
    specs = charts.specs(district, figures)
    _investment_slide(deck, district, figures, specs)
    _story_slide(deck, district, figures, story, warnings)
    _outcomes_slides(deck, specs)
    _contact_slide(deck, district)
    _ink(deck)
    out = io.BytesIO()
    deck.save(out)
    return ExportResult(data=out.getvalue(), filename=safe_filename(district.name, "pptx"),
                        mime=MIME["pptx"], warnings=tuple(warnings))


def _ink(deck) -> None:
    """Every run and chart without its own colour gets INK, so no text relies on the theme's
    greys (the subtitle's is below WCAG's 4.5:1)."""
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        if run.font.color.type is None:
                            run.font.color.rgb = _rgb(INK)
            if shape.has_chart:
                shape.chart.font.color.rgb = _rgb(INK)


def clean(text: str | None) -> str:
    return _ILLEGAL.sub("", text or "")


def fit_size(text: str) -> int:
    """The largest point size at which ``text`` fits a story column."""
    words = len(text.split())
    return next((size for most, size in FIT if words <= most), FIT[-1][1])


def set_alt_text(shape, text: str) -> None:
    """Alt text PowerPoint reads out: the shape's cNvPr "descr" attribute."""
    element = shape._element
    props = element.xpath("./*[1]/p:cNvPr")[0]
    props.set("descr", clean(text))


def _blank(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only": a real title shape
    slide.shapes.title.text = clean(title)
    frame = slide.shapes.title.text_frame
    frame.paragraphs[0].runs[0].font.size = Pt(32 if len(title) < 50 else 24)
    frame.paragraphs[0].runs[0].font.color.rgb = _rgb(NAVY)
    _across(deck, slide.shapes.title, top=0.3, height=1.0)
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    return slide


def _across(deck, shape, *, top: float, height: float, margin: float = 0.6) -> None:
    """The default template's layouts are 4:3; on our 16:9 slide their placeholders would sit
    in the left three quarters, so they are placed across it. All four sides are set: a
    placeholder given only some would take zero for the others."""
    shape.left, shape.top = Inches(margin), Inches(top)
    shape.width, shape.height = deck.slide_width - Inches(2 * margin), Inches(height)


def _rgb(colour):
    return RGBColor(*colour)


def _text(slide, left, top, width, height, text, size, *, bold=False, colour=None):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    paragraphs = clean(text).split("\n") or [""]
    for index, line in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(size), bold
        if colour:
            run.font.color.rgb = _rgb(colour)
    return box


def _title_slide(deck, district, logo, warnings):
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = clean(district.name)
    size = 44 if len(district.name) <= 40 else (32 if len(district.name) <= 80 else 24)
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(size)
    subtitle = "Professional learning: making our case"
    if district.state:
        subtitle = f"{district.state} · {subtitle}"
    if district.fictional:
        subtitle += "\nFictional district: sample data for demonstration only"
    slide.placeholders[1].text = clean(subtitle)
    _across(deck, slide.shapes.title, top=2.0, height=1.8)
    _across(deck, slide.placeholders[1], top=4.0, height=1.6)
    if logo:
        _logo(slide, district, logo, warnings)


def _logo(slide, district, logo, warnings):
    at = Location(file="logo")
    if logo_mime(logo) is None:
        warnings.append(Issue.warning("image.unsupported", at=at, expected="a PNG or JPEG image",
                                      district=district.name))
        return
    try:
        picture = slide.shapes.add_picture(io.BytesIO(logo), Inches(0.5), Inches(0.4),
                                           height=Inches(1.1))
    except Exception:  # noqa: BLE001 - a corrupt image is user data: warn, keep the deck
        warnings.append(Issue.warning("image.unreadable", at=at, district=district.name))
        return
    set_alt_text(picture, f"{district.name} logo")


def _who_slide(deck, district):
    slide = _blank(deck, "Who we are")
    facts = profile_facts(district.profile)
    # 36 pt bold fits six characters in the 2.3-inch box ("16.4:1"); "$13,250" and
    # "1,234,567" need 28 (seen in a LibreOffice rendering of the deck). One size for all,
    # so no figure looks more important than its neighbours.
    size = 36 if all(len(value) <= 6 for _, value in facts) else 28
    for index, (label, value) in enumerate(facts):
        column, row = index % 5, index // 5
        left, top = 0.6 + column * 2.45, 1.8 + row * 2.4
        _text(slide, left, top, 2.3, 1.0, value, size, bold=True, colour=NAVY)
        _text(slide, left, top + 1.0, 2.3, 0.8, label, 16)


def _chart(slide, spec, box) -> object:
    """A native chart from a chart spec; alt text, colours and patterns come with the spec."""
    stacked = spec.kind in ("stacked_bar", "grouped_bar")
    kind = {"stacked_bar": XL_CHART_TYPE.COLUMN_STACKED,
            "grouped_bar": XL_CHART_TYPE.COLUMN_CLUSTERED}.get(spec.kind,
                                                               XL_CHART_TYPE.LINE_MARKERS)
    number_format = NUMBER_FORMATS.get(spec.unit, "General")
    data = CategoryChartData(number_format=number_format)
    data.categories = list(spec.categories)
    for series in spec.series:
        data.add_series(clean(series.name), [_plain(v) for v in series.values])
    left, top, width, height = (Inches(v) for v in box)
    frame = slide.shapes.add_chart(kind, left, top, width, height, data)
    chart = frame.chart
    chart.has_title = True
    chart.chart_title.text_frame.text = clean(spec.title)
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(16)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.font.size = Pt(12)
    axis = chart.value_axis
    axis.tick_labels.number_format = number_format
    axis.tick_labels.number_format_is_linked = False
    axis.has_major_gridlines = True
    for index, (plot_series, series) in enumerate(zip(chart.plots[0].series, spec.series,
                                                      strict=True)):
        _style(plot_series, series, index, stacked)
    _fixed_plot_area(chart)
    set_alt_text(frame, spec.alt_text)
    return frame


# The plot's inner rectangle as fractions of the chart frame: room above for a two-line title,
# below for two legend rows. Fixed, so charts side by side have equal plots whatever their
# titles and legends wrap to (PowerPoint and LibreOffice both honour c:manualLayout).
PLOT_AREA = {"x": 0.13, "y": 0.17, "w": 0.84, "h": 0.6}


def _fixed_plot_area(chart) -> None:
    plot_area = chart._chartSpace.chart.plotArea
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    layout = plot_area.makeelement(qn("c:layout"), {})
    manual = layout.makeelement(qn("c:manualLayout"), {})
    for tag, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"),
                       *((key, f"{fraction}") for key, fraction in PLOT_AREA.items())):
        manual.append(manual.makeelement(qn(f"c:{tag}"), {"val": value}))
    layout.append(manual)
    plot_area.insert(0, layout)


def _plain(value):
    return None if value is None or value != value else float(value)  # NaN is a gap too


def _style(plot_series, series, index: int, bars: bool) -> None:
    """The spec's colour plus a pattern or dash, so meaning never rests on colour alone.

    A bar's pattern is white lines over the series colour: LibreOffice draws a pattern's
    foreground as thin hatch lines on the background, so colour lines on white nearly vanished
    there, while a colour background keeps each bar solid in both programs."""
    colour = RGBColor.from_string(series.colour.lstrip("#").upper())
    if bars:
        pattern = BAR_PATTERNS.get(series.pattern)
        if pattern is None:
            plot_series.format.fill.solid()
            plot_series.format.fill.fore_color.rgb = colour
        else:
            plot_series.format.fill.patterned()
            plot_series.format.fill.pattern = pattern
            plot_series.format.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            plot_series.format.fill.back_color.rgb = colour
        return
    plot_series.format.line.color.rgb = colour
    plot_series.format.line.width = Pt(2.5)
    plot_series.format.line.dash_style = LINE_DASHES.get(series.pattern,
                                                         MSO_LINE_DASH_STYLE.SOLID)
    plot_series.smooth = False
    plot_series.marker.style = MARKER_STYLES[index % len(MARKER_STYLES)]
    plot_series.marker.size = 8
    plot_series.marker.format.fill.solid()
    plot_series.marker.format.fill.fore_color.rgb = colour


def _investment_slide(deck, district, figures, specs):
    slide = _blank(deck, "Our investment in professional learning")
    for spec_id, left in (("spending_by_source", 0.4), ("spending_by_use", 6.8)):
        spec = next((s for s in specs if s.id == spec_id), None)
        if spec is None or not spec.categories:
            _text(slide, left, 2.0, 6.0, 1.0, "No spending data yet.", 18)
            continue
        _chart(slide, spec, (left, 1.4, 6.2, 5.0))
    latest = figures.latest
    if latest is not None and latest.total_usd is not None:
        share = formatting.share(latest.title_ii_a_share)
        note = (f"{formatting.usd_compact(latest.total_usd)} for professional learning in "
                f"{latest.school_year}; Title II-A share {share}")
        _text(slide, 0.5, 6.6, 12.3, 0.6, note, 18, bold=True, colour=NAVY)


def key_numbers(figures) -> list[tuple[str, str]]:
    """Up to three (big number, what it means) pairs for the story slide."""
    numbers = []
    latest = figures.latest
    if latest is not None and latest.total_usd is not None:
        numbers.append((formatting.usd_compact(latest.total_usd),
                        f"professional learning, {latest.school_year}"))
        if latest.title_ii_a_share is not None:
            numbers.append((formatting.share(latest.title_ii_a_share), "from Title II-A"))
    best = metrics.best_outcome_change(figures)
    if best is not None:
        delta = best.change.delta
        big = (formatting.points(delta) if best.unit is Unit.PERCENT
               else formatting.signed_pct(best.change.relative_pct))
        numbers.append((big, f"{best.metric}, {best.change.first_year} to "
                             f"{best.change.last_year}"))
    return numbers[:3]


def _story_slide(deck, district, figures, story, warnings):
    slide = _blank(deck, "Challenge → Solution → Impact")
    for index, part in enumerate(("challenge", "solution", "impact")):
        text = getattr(story, part) or formatting.DASH
        words = text.split()
        if len(words) > MAX_WORDS:
            text = " ".join(words[:MAX_WORDS]) + " …"
            warnings.append(Issue.warning(
                "story.fitted", at=district.where(f"story.{part}") or Location(file="story"),
                found=f"{len(words)} words", expected=f"at most {MAX_WORDS} words on a slide",
                district=district.name))
        left = 0.5 + index * 4.2
        _text(slide, left, 1.3, 4.0, 0.5, part.upper(), 20, bold=True, colour=NAVY)
        _text(slide, left, 1.8, 4.0, 3.9, text, fit_size(text))
    for index, (big, label) in enumerate(key_numbers(figures)):
        left = 0.5 + index * 4.2
        _text(slide, left, 5.8, 4.0, 0.8, big, 36, bold=True, colour=NAVY)
        _text(slide, left, 6.6, 4.0, 0.6, label, 14)


def _outcomes_slides(deck, specs):
    """Two outcome charts per slide, so each stays large enough to read from the back row."""
    outcomes = [spec for spec in specs if spec.id.startswith("outcome:")]
    for start in range(0, len(outcomes), 2):
        slide = _blank(deck, "Outcomes")
        shown = outcomes[start:start + 2]
        width = 12.4 / len(shown)
        for index, spec in enumerate(shown):
            _chart(slide, spec, (0.4 + index * width, 1.4, width - 0.2, 5.6))


def _contact_slide(deck, district):
    slide = _blank(deck, "Contact")
    contact = district.contact
    lines = [value for value in (contact.name, contact.title, contact.organization,
                                 contact.email, contact.phone) if value]
    text = "\n".join(lines) or "No contact given."
    _text(slide, 0.8, 1.8, 11.5, 4.0, text, 28 if len(lines) <= 5 else 20)
    if provenance.footnote(district) or district.fictional:
        note = provenance.footnote(district) or "Fictional sample data."
        _text(slide, 0.8, 6.4, 11.5, 0.8, f"Data sources: {note}", 12)

