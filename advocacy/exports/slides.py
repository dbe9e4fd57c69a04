"""The slide deck (.pptx): a short talk track with native, editable PowerPoint charts.

Owns the deck's slides: title, who we are, the investment (spending by source and by use),
challenge → solution → impact with key numbers, outcomes, contact. Charts are PowerPoint's own
(chart_data + add_chart) so staff can restyle them; every chart and picture carries alt text.
Renders a ``document.OnePager``: the story, its draft marks, the key numbers and the outcome
chart come from there, so the deck says what the PDF says. Story text is fitted by measuring it
with the font's metrics (``fitting``); a cut part gets the PDF's "story.fitted" warning.
"""

from __future__ import annotations

import datetime as dt
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

from advocacy import template
from advocacy.exports import MIME, ExportResult, document, safe_filename
from advocacy.exports.fitting import Box, fit
from advocacy.issues import Issue
from advocacy.model import District, Unit

NAVY = (0x1F, 0x4E, 0x79)
INK = (0x1A, 0x1A, 0x1A)  # 17:1 on white; the default theme greys subtitles to about 3.5:1
DRAFT_FILL = (0xFF, 0xF4, 0xCC)
# A story column's text box is 4.0 × 3.5 in; less PowerPoint's default insets (0.1 in a side,
# 0.05 in top and bottom) that leaves 3.8 × 3.4 in. Lines are single-spaced (1.2 em). The 8%
# slack covers the font a viewer substitutes for the theme's: text is measured with the
# packaged Atkinson Hyperlegible, which runs wider than Calibri or Arial.
STORY_BOX = Box(width_pt=3.8 * 72, height_pt=3.4 * 72, sizes=(18, 16, 14, 12, 11),
                line_em=1.2, leading_em=0.0, slack=0.08)
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


def render(district: District, *, logo: bytes | None = None,
           now: dt.datetime | None = None) -> ExportResult:
    return render_document(document.build(district, logo=logo), now=now)


def render_document(doc: document.OnePager, *, now: dt.datetime | None = None) -> ExportResult:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    _properties(deck, doc, now or dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None))
    warnings: list[Issue] = list(doc.warnings)
    _title_slide(deck, doc)
    _who_slide(deck, doc)
    _investment_slide(deck, doc)
    _story_slide(deck, doc, warnings)
    _outcomes_slides(deck, doc)
    _contact_slide(deck, doc)
    _ink(deck)
    out = io.BytesIO()
    deck.save(out)
    return ExportResult(data=out.getvalue(), filename=safe_filename(doc.district.name, "pptx"),
                        mime=MIME["pptx"], warnings=tuple(warnings))


def _properties(deck, doc: document.OnePager, now: dt.datetime) -> None:
    """Our title, author and dates; none of the python-pptx template's own (its author,
    "generated using python-pptx", a 2013 creation date)."""
    props = deck.core_properties
    props.title = clean(doc.title)
    props.author = clean(doc.author)
    props.last_modified_by = "Make Your Case"
    props.subject = "Professional learning: making our case"
    props.keywords = "professional learning; Title II-A"
    props.comments = ""
    props.category = ""
    props.content_status = "Draft" if doc.unreviewed else ""
    props.identifier = ""
    props.version = ""
    props.revision = 1
    props.created = props.modified = now
    props.last_printed = now
    props.language = "en-US"


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


def _title_slide(deck, doc):
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = clean(doc.name)
    size = 44 if len(doc.name) <= 40 else (32 if len(doc.name) <= 80 else 24)
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(size)
    subtitle = "Professional learning: making our case"
    if doc.district.state:
        subtitle = f"{doc.district.state} · {subtitle}"
    if doc.fictional:
        subtitle += f"\n{document.FICTIONAL_NOTE}"
    slide.placeholders[1].text = clean(subtitle)
    _across(deck, slide.shapes.title, top=2.0, height=1.8)
    _across(deck, slide.placeholders[1], top=4.0, height=1.6)
    if doc.logo:
        picture = slide.shapes.add_picture(io.BytesIO(doc.logo), Inches(0.5), Inches(0.4),
                                           height=Inches(1.1))
        set_alt_text(picture, f"{doc.district.name} logo")


def _who_slide(deck, doc):
    slide = _blank(deck, "Who we are")
    # 36 pt bold fits six characters in the 2.3-inch box ("16.4:1"); "$13,250" and
    # "1,234,567" need 28 (seen in a LibreOffice rendering of the deck). One size for all,
    # so no figure looks more important than its neighbours.
    size = 36 if all(len(value) <= 6 for _, value in doc.profile) else 28
    for index, (label, value) in enumerate(doc.profile):
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


def _investment_slide(deck, doc):
    slide = _blank(deck, "Our investment in professional learning")
    for spec, left in ((doc.source_chart, 0.4), (doc.use_chart, 6.8)):
        if not spec.categories:
            _text(slide, left, 2.0, 6.0, 1.0, "No spending data yet.", 18)
            continue
        _chart(slide, spec, (left, 1.4, 6.2, 5.0))
    if doc.headline.value != "—":
        _text(slide, 0.5, 6.5, 12.3, 0.8, doc.headline_sentence, 16, bold=True, colour=NAVY)


def _story_slide(deck, doc, warnings):
    slide = _blank(deck, "Challenge → Solution → Impact")
    for index, part in enumerate(doc.parts):
        left = 0.5 + index * 4.2
        _text(slide, left, 1.3, 4.0, 0.5, part.label.upper(), 20, bold=True, colour=NAVY)
        if part.marked:
            mark = _text(slide, left, 1.8, 4.0, 0.4, document.DRAFT_MARK, 12, bold=True)
            mark.fill.solid()
            mark.fill.fore_color.rgb = _rgb(DRAFT_FILL)
        fitted = fit(part.text, STORY_BOX)
        if fitted.cut:
            form = template.story_part(part.key)
            warnings.append(document.fitted_warning(doc.district, form, part.text,
                                                    fitted.text, "the slide"))
        _text(slide, left, 2.25, 4.0, 3.5, fitted.text or "—", fitted.size)
        if part.key_number is not None:
            _text(slide, left, 5.8, 4.0, 0.7, part.key_number.value, 36, bold=True,
                  colour=NAVY)
            _text(slide, left, 6.5, 4.0, 0.9, part.key_number.caption, 12)


def _outcomes_slides(deck, doc):
    """Two outcome charts per slide, so each stays large enough to read from the back row;
    the chart the impact names comes first."""
    outcomes = [s for s in (doc.outcome_chart, *doc.outcome_charts) if s is not None]
    outcomes = [s for i, s in enumerate(outcomes) if s not in outcomes[:i]]
    slides = (len(outcomes) + 1) // 2
    for number, start in enumerate(range(0, len(outcomes), 2), start=1):
        slide = _blank(deck, "Outcomes" + (f" ({number} of {slides})" if slides > 1 else ""))
        shown = outcomes[start:start + 2]
        width = 12.4 / len(shown)
        for index, spec in enumerate(shown):
            _chart(slide, spec, (0.4 + index * width, 1.4, width - 0.2, 5.6))


def _contact_slide(deck, doc):
    if not doc.contact and not doc.data_sources:
        return
    slide = _blank(deck, "Contact")
    lines = [value for _label, value in doc.contact]
    if lines:
        _text(slide, 0.8, 1.8, 11.5, 4.0, "\n".join(lines), 28 if len(lines) <= 5 else 20)
    if doc.data_sources:
        _text(slide, 0.8, 6.4, 11.5, 0.8, f"Data sources: {doc.data_sources}", 12)
