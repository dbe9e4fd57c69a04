"""print_charts.svg: chart specs drawn as standalone, accessible vector SVG, read back as XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from advocacy import charts, metrics
from advocacy.charts import ChartSpec, Series
from advocacy.exports.print_charts import svg
from advocacy.fictional import maple_valley
from advocacy.model import Unit

NS = {"s": "http://www.w3.org/2000/svg"}
YEARS = ("2019-20", "2020-21", "2021-22")


def _spec(kind="stacked_bar", *, series=None, unit=Unit.USD, **extra) -> ChartSpec:
    series = series or (
        Series(name="Title II-A", values=(300_000.0, 320_000.0, 298_000.0), colour="#0072B2",
               pattern="solid"),
        Series(name="State", values=(200_000.0, None, 240_000.0), colour="#D55E00",
               pattern="hatch"),
    )
    return ChartSpec(id=extra.pop("id", "spending_by_source"), kind=kind, title="Spending",
                     categories=YEARS, series=series, unit=unit,
                     alt_text="Spending rose from $500,000 to $538,000.",
                     takeaway="Spending rose.", **extra)


def _tree(spec) -> ET.Element:
    return ET.fromstring(svg(spec))


def _texts(root) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_carries_role_title_desc_and_aria_label_from_alt_text():
    root = _tree(_spec())
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Spending rose from $500,000 to $538,000."
    assert root.find("s:title", NS).text == "Spending"
    assert root.find("s:desc", NS).text == "Spending rose from $500,000 to $538,000."


def test_axis_and_category_labels_are_real_text_formatted_as_dollars():
    spec = _spec()
    texts = _texts(_tree(spec))
    assert {"$0", "$200K", "$400K", "$600K"} <= set(texts)
    assert set(YEARS) <= set(texts)
    totals = [total["label"] for total in charts.spec_data(spec)["totals"]]
    assert totals[0] in texts and totals[1] in texts  # stack totals, as charts words them


def test_missing_value_leaves_a_gap_instead_of_a_zero_bar():
    root = _tree(_spec())
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.find("s:title", NS)
            is not None]
    labels = [b.find("s:title", NS).text for b in bars]
    assert len(bars) == 5
    assert "State, 2020-21: —" not in labels
    assert "State, 2021-22: $240,000" in labels


def test_bars_fill_with_patterns_so_meaning_never_rests_on_colour():
    root = _tree(_spec())
    patterns = root.findall("s:defs/s:pattern", NS)
    assert len(patterns) == 2
    assert patterns[1].find("s:path", NS) is not None  # the hatch over the second series
    fills = {r.get("fill") for r in root.iter("{http://www.w3.org/2000/svg}rect")
             if (r.get("fill") or "").startswith("url(")}
    assert fills == {f"url(#{p.get('id')})" for p in patterns}


def test_lines_have_dashes_markers_and_value_labels():
    series = (
        Series(name="Coached", values=(84.0, 88.0, 91.0), colour="#0072B2", pattern="solid"),
        Series(name="All", values=(83.0, 82.0, 84.0), colour="#D55E00", pattern="dash"),
    )
    root = _tree(_spec("line", series=series, unit=Unit.PERCENT, id="outcome:retention"))
    lines = root.findall("s:polyline", NS)
    assert [line.get("stroke-dasharray") for line in lines] == [None, "7 4"]
    assert root.findall("s:polygon", NS) or root.findall("s:rect", NS)
    assert {"91%", "84%", "82%"} <= set(_texts(root))


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", 'Quote " and \' and &amp;', "مدرسة النور", "Math 📈 & ELA",
])
def test_hostile_series_names_stay_literal_text(hostile):
    series = (Series(name=hostile, values=(1.0, 2.0, 3.0), colour="#0072B2", pattern="solid"),)
    document = svg(_spec(series=series))
    assert "<script" not in document
    assert hostile in _texts(ET.fromstring(document))


def test_headline_chart_shows_the_big_number_as_text():
    spec = _spec("headline", id="headline", unit=Unit.PERCENT, headline="25%")
    texts = _texts(_tree(spec))
    assert "25%" in texts
    assert "Spending rose." in texts


def test_chart_without_values_says_so():
    empty = (Series(name="State", values=(None, None, None), colour="#0072B2", pattern="solid"),)
    assert "No data to chart" in _texts(_tree(_spec(series=empty)))


def test_every_spec_of_a_sample_district_renders_with_distinct_ids():
    district = maple_valley()
    documents = [svg(spec) for spec in charts.specs(district, metrics.compute(district))]
    ids = [ET.fromstring(d).find("s:title", NS).get("id") for d in documents]
    assert len(set(ids)) == len(documents) >= 4
