"""html.render in real Chromium: no axe-core violation, reflow at 320 px, a fit at 1024 px.

Each HTML export is opened from a file in Debian's Chromium through Playwright and checked with
axe-core (npm, installed by scripts/test into node_modules) for WCAG 2.2 A/AA and best practice.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from advocacy.exports import html
from advocacy.fictional import cedar_creek, harbor_city, maple_valley
from advocacy.model import Contact, District, OutcomePoint, SchoolYear, Story, Unit, UseLine

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium missing")


def _crowded() -> District:
    """Long names, many uses, a four-row legend and an Arabic name: what overflows first."""
    district = maple_valley()
    uses = district.uses + tuple(
        UseLine(school_year=line.school_year, use=f"Induction programme number {i} for staff",
                amount_usd=123_456_789.0) for i in range(4) for line in district.uses[:5])
    outcomes = district.outcomes + tuple(
        OutcomePoint(metric="Attendance", school_year=SchoolYear(2019 + i), value=90.0 + i,
                     unit=Unit.PERCENT, higher_is_better=True) for i in range(5))
    return dataclasses.replace(
        district, name="مدارس النور الموحدة " + "Consolidated " * 4, uses=uses,
        outcomes=outcomes, contact=Contact(name="Dana Whitfield",
                                           email="a.very.long.address." * 3 + "@example.org"))


DISTRICTS = {
    "maple": maple_valley,
    "drafted story": cedar_creek,
    "half-written story": harbor_city,
    "crowded": _crowded,
    "only a name": lambda: District(name="Sparse District", story=Story(challenge="Starting.")),
}


@pytest.fixture(scope="module")
def chromium(chromium_browser):
    return chromium_browser


def _open(chromium, tmp_path, name: str, width: int):
    path = tmp_path / "page.html"
    path.write_bytes(html.render(DISTRICTS[name]()).data)
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri())
    return page


@pytest.mark.parametrize("width", [320, 1024])
@pytest.mark.parametrize("name", list(DISTRICTS))
def test_axe_core_finds_no_violation(chromium, tmp_path, name, width):
    assert AXE.exists(), "run scripts/test (npm ci installs axe-core into node_modules)"
    page = _open(chromium, tmp_path, name, width)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}}))
        .violations.map(v => [v.id, v.nodes.map(n => n.target.join(' '))])""")
    page.close()
    assert violations == []


OUTSIDE = """(limit) => [...document.querySelectorAll('body *')]
    .filter(e => !e.closest('.table-scroll') && !e.closest('svg'))
    .filter(e => e.getBoundingClientRect().right > limit + 0.5)
    .map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 30))"""


@pytest.mark.parametrize("name", list(DISTRICTS))
def test_page_reflows_at_320_px_with_only_tables_scrolling_in_their_region(chromium, tmp_path,
                                                                           name):
    page = _open(chromium, tmp_path, name, 320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.evaluate(OUTSIDE, 320) == []
    regions = page.evaluate("""[...document.querySelectorAll('.table-scroll')].map(r =>
        [r.getAttribute('role'), r.tabIndex, r.getAttribute('aria-label'),
         r.getBoundingClientRect().right <= 320])""")
    page.close()
    assert all(role == "region" and tab == 0 and label and inside
               for role, tab, label, inside in regions)


@pytest.mark.parametrize("name", list(DISTRICTS))
def test_nothing_overflows_its_column_at_1024_px(chromium, tmp_path, name):
    page = _open(chromium, tmp_path, name, 1024)
    overflowing = page.evaluate("""[...document.querySelectorAll(
        '.tables > *, .charts > *, .story > *, .closing > *, .facts > *, table')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 ||
                     e.getBoundingClientRect().right > document.body.getBoundingClientRect().right)
        .map(e => e.tagName + ' ' + e.className + ' ' + (e.textContent || '').slice(0, 30))""")
    page.close()
    assert overflowing == []


def test_one_main_landmark_holds_both_pages(chromium, tmp_path):
    page = _open(chromium, tmp_path, "maple", 1024)
    counts = page.evaluate("""[document.querySelectorAll('main').length,
        document.querySelectorAll('main > section.page').length]""")
    page.close()
    assert counts == [1, 2]


def test_every_legend_sits_inside_its_drawing(chromium, tmp_path):
    page = _open(chromium, tmp_path, "crowded", 1024)
    clipped = page.evaluate("""[...document.querySelectorAll('figure svg')].flatMap(svg => {
        const box = svg.viewBox.baseVal;
        return [...svg.querySelectorAll('text')].filter(t => {
            const b = t.getBBox();
            return b.x < box.x - 0.5 || b.y < box.y - 0.5 || b.x + b.width > box.width + 0.5 ||
                   b.y + b.height > box.height + 0.5;
        }).map(t => t.textContent);
    })""")
    legend_rows = page.evaluate("""Math.max(...[...document.querySelectorAll('figure svg')]
        .map(svg => new Set([...svg.querySelectorAll('text')].filter(t =>
            t.getAttribute('y') > 215).map(t => t.getAttribute('y'))).size))""")
    page.close()
    assert legend_rows >= 3  # the crowded uses chart really needs more than the first rows
    assert clipped == []
