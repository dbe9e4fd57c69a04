"""html.render: a self-contained, accessible HTML one-pager, parsed back and printed by Chromium."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from PIL import Image
from pypdf import PdfReader

from advocacy.charts import contrast_ratio
from advocacy.exports import html
from advocacy.fictional import cedar_creek, harbor_city, maple_valley
from advocacy.model import Contact, District, OutcomePoint, SchoolYear, Story, Unit


def _busy():
    """A story at 80 words a part (above the targets) and four outcome charts."""
    part = " ".join(["Teachers met weekly with coaches to plan lessons and study work."] * 8)
    attendance = tuple(
        OutcomePoint(metric="Attendance", school_year=SchoolYear(2019 + i), value=90.0 + i,
                     unit=Unit.PERCENT, higher_is_better=True) for i in range(5))
    district = maple_valley()
    return dataclasses.replace(district, story=Story(challenge=part, solution=part, impact=part),
                               outcomes=district.outcomes + attendance)


HOSTILE = [
    "<script>alert('x')</script>",
    'He said "quotes" & \'apostrophes\'',
    "<b>bold</b> &amp; <img src=x onerror=alert(1)>",
    "مدرسة النور الابتدائية",
    "Reading 📚 and math ➗ for all",
]


class _Page(HTMLParser):
    """Collects text, tags and attributes the way a browser's parser sees them."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)


def _page(district, **kwargs):
    result = html.render(district, **kwargs)
    parser = _Page()
    parser.feed(result.data.decode("utf-8"))
    return result, parser


def test_document_names_district_in_title_and_sets_language():
    result, page = _page(maple_valley())
    assert result.filename == "maple-valley-unified-school-district.html"
    assert result.mime == "text/html"
    assert ("html", {"lang": "en"}) in page.tags
    text = result.data.decode()
    assert "<title>Make Your Case: Maple Valley Unified School District</title>" in text


def test_self_contained_without_scripts_or_network():
    text = html.render(harbor_city(), logo=_png()).data.decode()
    assert "<script" not in text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    assert "@page { size: letter" in text


def test_sections_follow_the_template_with_headings_and_marked_fictional():
    _, page = _page(maple_valley())
    headings = [t for t, _ in page.tags if re.fullmatch(r"h[1-3]", t)]
    assert headings[0] == "h1" and headings.count("h1") == 1
    joined = " ".join(page.text)
    for words in ("Who we are", "Our investment in professional learning", "Challenge",
                  "Solution", "Impact", "Contact", "Fictional district", "$13,250", "16.4:1"):
        assert words in joined


def test_spending_tables_label_rows_and_columns_newest_year_first():
    _, page = _page(maple_valley())
    scopes = [a.get("scope") for t, a in page.tags if t == "th"]
    assert scopes.count("col") == 10 and scopes.count("row") >= 8
    joined = " ".join(page.text)
    table = joined[joined.index("Spending by source, newest year first"):]
    assert table.index("2023-24") < table.index("2022-23") < table.index("2019-20")
    assert "$298,000" in joined and "$1,178,000" in joined


def test_every_chart_is_inline_svg_with_alt_text():
    _, page = _page(maple_valley())
    svgs = [a for t, a in page.tags if t == "svg"]
    assert len(svgs) == 5  # two spending charts and three outcome charts
    assert all(a["role"] == "img" and len(a["aria-label"]) > 20 for a in svgs)


def test_print_keeps_the_impacts_outcome_chart_and_says_where_the_rest_are():
    text = html.render(_busy()).data.decode()
    assert text.count('<figure class="screen-only">') == 3
    assert "3 more outcome charts in the HTML version" in text
    assert ".screen-only { display: none; }" in text


def test_empty_story_is_drafted_from_the_data():
    _, page = _page(cedar_creek())
    impact_at = page.text.index("Impact")
    assert len(" ".join(page.text[impact_at + 1:impact_at + 4]).split()) > 5


@pytest.mark.parametrize("hostile", HOSTILE)
def test_user_text_is_escaped_and_reads_back_literally(hostile):
    district = dataclasses.replace(
        maple_valley(), name=hostile, story=Story(challenge=hostile, solution=hostile,
                                                  impact=hostile),
        contact=Contact(name=hostile, email=hostile), data_sources=hostile)
    result, page = _page(district)
    text = result.data.decode()
    assert "<script>alert" not in text and "<img src=x" not in text
    assert "".join(page.text).count(hostile) >= 5
    assert [t for t, _ in page.tags if t in ("script", "img", "b")] == []


def test_png_logo_is_embedded_as_data_uri_with_alt_text():
    _, page = _page(maple_valley(), logo=_png())
    images = [a for t, a in page.tags if t == "img"]
    assert images[0]["src"].startswith("data:image/png;base64,")
    assert images[0]["alt"] == "Maple Valley Unified School District logo"


def test_svg_logo_is_refused_with_a_warning_because_it_could_carry_script():
    result, page = _page(maple_valley(), logo=b"<svg onload='alert(1)'></svg>")
    assert [t for t, _ in page.tags if t == "img"] == []
    assert [(i.code, str(i.at)) for i in result.warnings] == [("image.unsupported", "logo")]


def test_text_colours_keep_contrast_of_at_least_4_5_to_1():
    colours = set(re.findall(r"(?<![-\w])color: (#[0-9a-fA-F]{6})", html.CSS))
    assert colours
    assert {c: round(contrast_ratio(c), 1) for c in colours if contrast_ratio(c) < 4.5} == {}
    banner = re.search(r"\.fictional \{ background: (#\w{6});.*?color: (#\w{6})", html.CSS,
                       re.S)
    assert contrast_ratio(banner.group(2), banner.group(1)) >= 4.5


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium not installed")
@pytest.mark.parametrize("district", [maple_valley(), harbor_city(), _busy()],
                         ids=["maple-valley", "harbor-city", "80-word-story-four-outcomes"])
def test_prints_on_two_us_letter_pages_in_chromium(tmp_path, district):
    page = tmp_path / "one.html"
    page.write_bytes(html.render(district).data)
    pdf = tmp_path / "one.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [612, 792]
    assert "WHO WE ARE" in reader.pages[0].extract_text()
    assert "Challenge" in reader.pages[1].extract_text()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "#1f4e79").save(out, format="PNG")
    return out.getvalue()


def test_district_with_only_a_name_renders_dashes_not_zeros():
    _, page = _page(District(name="Quarry School District"))
    joined = " ".join(page.text)
    assert joined.count("—") >= 10 and "$0" not in joined
    assert [t for t, _ in page.tags if t == "svg"] == []
