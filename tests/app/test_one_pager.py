"""One one-pager everywhere: the PDF, the HTML page, the slides and the Present screens show the
same key numbers, story text, draft marks and outcome chart, because all render one OnePager."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser

import pytest
from pptx import Presentation
from pypdf import PdfReader

from advocacy import samples
from advocacy.app import state
from advocacy.exports import document, html, pdf, slides
from tests.app.conftest import assert_clean, open_page, shown
from tests.pdf_tags import structure

pytestmark = pytest.mark.app

MARK = document.DRAFT_MARK


def _words(text: str) -> str:
    return " ".join(text.split())


def _pdf(district) -> tuple[str, list]:
    """Page 2's text, and the alt text of every chart figure in the tagged structure."""
    reader = PdfReader(io.BytesIO(pdf.render(district).data))
    figures = [str(alt) for kind, alt in structure(reader) if kind == "/Figure"]
    return _words(reader.pages[1].extract_text()), figures


class _Parts(HTMLParser):
    """Each story part's text, key number and draft mark, and the outcome figures' order."""

    def __init__(self):
        super().__init__()
        self.parts: dict[str, dict[str, str]] = {}
        self.figures: list[str] = []
        self._part = self._field = None
        self._in_outcomes = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-part" in attrs:
            self._part = attrs["data-part"]
            self.parts[self._part] = {"text": "", "key": "", "mark": ""}
        classes = attrs.get("class", "") or ""
        if "outcomes" in classes:
            self._in_outcomes = True
        if self._part and tag == "p" and attrs.get("dir") == "auto":
            self._field = "text"
        elif self._part and "value" in classes:
            self._field = "key"
        elif self._part and "draft-mark" in classes:
            self._field = "mark"
        if self._in_outcomes and tag == "svg":
            self.figures.append(attrs.get("aria-label", ""))

    def handle_endtag(self, tag):
        if tag in ("p", "span"):
            self._field = None

    def handle_data(self, data):
        if self._part and self._field:
            self.parts[self._part][self._field] += data


def _html(district) -> _Parts:
    parser = _Parts()
    parser.feed(html.render(district).data.decode("utf-8"))
    return parser


def _deck(district):
    deck = Presentation(io.BytesIO(slides.render(district).data))
    story = next(s for s in deck.slides if s.shapes.title.text.startswith("Challenge"))
    texts = [_words(shape.text_frame.text) for shape in story.shapes if shape.has_text_frame]
    outcome = next(s for s in deck.slides if s.shapes.title.text.startswith("Outcomes"))
    chart = next(shape.chart for shape in outcome.shapes if shape.has_chart)
    return texts, chart.chart_title.text_frame.text


def _present(result):
    """What each story screen of Present shows: (draft warnings, metrics, markdown, chart)."""
    app = open_page("pages/7_Present.py", result, "sample")
    app.button(key="present.start").click().run()
    screens = {}
    for _ in range(4):
        app.button(key="present.next").click().run()
        assert_clean(app)
        charts = [json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
                  for c in app.get("plotly_chart")]
        markdown = [shown(m.value) for m in app.markdown]
        captions = [shown(c.value) for c in app.caption]  # as read: no escapes or word joiners
        # Present sets a key number large with its caption beneath, and a draft mark above.
        numbers = list(zip(captions, _values(markdown), strict=False))
        screens[app.title[0].value] = ([m for m in markdown if m == MARK], numbers,
                                       markdown, charts)
    return screens


def _values(markdown: list[str]) -> list[str]:
    return [text for text in markdown if len(text) <= 12 and any(ch.isdigit() for ch in text)]


@pytest.mark.parametrize("key", ["maple_valley", "cedar_creek"])
def test_every_export_and_present_show_the_same_one_pager(key):
    result = samples.load_sample(key)
    district = result.districts[0]
    doc = document.build(district)
    numbers = [part.key_number for part in doc.parts]
    assert all(numbers), "each fixture part has a key number"
    marked = [part.key for part in doc.parts if part.marked]
    assert marked == ([] if key == "maple_valley" else ["challenge", "solution", "impact"])

    page, figures = _pdf(district)
    for part, number in zip(doc.parts, numbers, strict=True):
        assert part.printed == part.text  # these stories fit, so every export shows it whole
        assert _words(part.text) in page
        assert f"{part.label.upper()} {number.value}" in page
    assert page.count(MARK) == len(marked)
    assert figures[2] == doc.outcome_chart.alt_text

    page_html = _html(district)
    assert [(k, _words(p["text"]), p["key"], bool(p["mark"])) for k, p in page_html.parts.items()] \
        == [(p.key, p.text, p.key_number.value, p.marked) for p in doc.parts]
    assert page_html.figures[0] == doc.outcome_chart.alt_text

    texts, first_outcome = _deck(district)
    for part, number in zip(doc.parts, numbers, strict=True):
        assert part.text in texts and number.value in texts and number.caption in texts
    assert texts.count(MARK) == len(marked)
    assert first_outcome == doc.outcome_chart.title

    screens = _present(result)
    for part, number in zip(doc.parts, numbers, strict=True):
        warnings, metrics, markdown, charts = screens[part.label]
        assert warnings == ([MARK] if part.marked else [])
        assert metrics == [(number.caption, number.value)]
        assert part.text in markdown
    assert screens["Impact"][3] == [doc.outcome_chart.title]


def test_accepting_a_draft_on_the_story_page_removes_its_mark_everywhere():
    result = samples.load_sample("cedar_creek")
    name = result.districts[0].name
    app = open_page("pages/3_Story.py", result, "sample")
    assert [w.value for w in app.warning].count(MARK) == 3
    drafted = document.build(result.districts[0]).part("challenge").text
    app.button(key=f"story.accept.challenge.{name}").click().run()
    assert_clean(app)
    assert [w.value for w in app.warning].count(MARK) == 2
    story = state.typed_story(app.session_state, name)
    assert story.challenge == drafted and story.reviewed("challenge")
    accepted = result.districts[0].with_story(story)
    doc = document.build(accepted)
    assert [part.key for part in doc.parts if part.marked] == ["solution", "impact"]
    page, _ = _pdf(accepted)
    assert page.count(MARK) == 2
    screens = _present_for(app)
    assert screens["Challenge"][0] == [] and screens["Impact"][0] == [MARK]


def _present_for(app):
    app.switch_page("pages/7_Present.py").run()
    app.button(key="present.start").click().run()
    screens = {}
    for _ in range(4):
        app.button(key="present.next").click().run()
        markdown = [re.sub(r"\\(.)", r"\1", m.value) for m in app.markdown]
        screens[app.title[0].value] = ([m for m in markdown if m == MARK],)
    return screens
