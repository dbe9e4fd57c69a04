"""compare_charts: the Compare page's figures and their alt text, from comparison rows."""

from __future__ import annotations

import math

from advocacy import compare_charts, fictional, metrics

ROWS = metrics.comparison_rows(fictional.statewide(6))


def test_bars_run_smallest_to_largest_and_grow_with_the_districts():
    bars = compare_charts.dollars_figure(ROWS)
    [trace] = bars.data
    assert list(trace.x) == sorted(row["PL dollars"] for row in ROWS)
    assert set(trace.y) == {row["District"] for row in ROWS}
    many = compare_charts.dollars_figure(metrics.comparison_rows(fictional.statewide(40)))
    assert many.layout.height > bars.layout.height


def test_shares_always_span_zero_to_one_hundred_percent():
    figure = compare_charts.share_figure(ROWS[:2])
    assert tuple(figure.layout.yaxis.range) == (0, 1.05)
    assert figure.layout.yaxis.tickformat == ".0%"
    assert figure.layout.xaxis.rangemode == "tozero"


def test_rows_without_figures_are_left_out_whether_none_or_nan():
    blank = {**ROWS[0], "District": "Blank", "PL dollars": math.nan, "Per teacher": None}
    assert "Blank" not in compare_charts.dollars_figure([*ROWS, blank]).data[0].y
    assert "Blank" not in compare_charts.share_figure([*ROWS, blank]).data[0].text


def test_alt_text_names_the_extremes_with_their_numbers():
    text = compare_charts.alt_text(ROWS)
    low = min(ROWS, key=lambda row: row["PL dollars"])
    high = max(ROWS, key=lambda row: row["PL dollars"])
    lowest = f"${low['PL dollars']:,.0f} ({low['District']})"
    assert f"across {len(ROWS)} districts, from {lowest}" in text
    assert f"to ${high['PL dollars']:,.0f} ({high['District']})." in text
    assert "Title II-A paid for between" in text


def test_one_district_has_nothing_to_compare():
    assert compare_charts.alt_text(ROWS[:1]).startswith("Fewer than two districts")
