"""charts: specs from fictional districts, the palette's contrast, spec_data and plotly figures."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from advocacy import charts, metrics, narrative
from advocacy.fictional import YEARS, cedar_creek, harbor_city, maple_valley
from advocacy.model import District, SchoolYear, Unit, UseLine


def _specs(district: District) -> dict[str, charts.ChartSpec]:
    return {spec.id: spec for spec in charts.specs(district, metrics.compute(district))}


def test_specs_cover_sources_uses_headline_and_each_outcome_metric():
    assert list(_specs(maple_valley())) == [
        "spending_by_source", "spending_by_use", "headline",
        "outcome:New-teacher retention rate", "outcome:PL is relevant to my work (survey)",
        "outcome:Coaching cycles completed"]


def test_spending_by_source_is_stacked_dollars_oldest_year_first():
    spec = _specs(maple_valley())["spending_by_source"]
    assert (spec.kind, spec.unit) == ("stacked_bar", Unit.USD)
    assert spec.categories == ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24")
    assert [(s.name, s.values[-1]) for s in spec.series] == [
        ("Title II-A", 298000), ("State", 240000), ("District", 640000)]


def test_spending_by_use_keeps_the_districts_own_other_line():
    spec = _specs(maple_valley())["spending_by_use"]
    assert [s.name for s in spec.series] == [
        "Coaching", "Class size reduction", "Courses/workshops", "New-teacher induction"]
    assert spec.series[0].values == (260000, 340000, 450000, 560000, 680000)


def test_spending_charts_show_the_latest_five_years_only():
    district = maple_valley()
    older = tuple(replace(line, school_year=SchoolYear(2014)) for line in district.spending[:1])
    spec = _specs(replace(district, spending=older + district.spending))["spending_by_source"]
    assert spec.categories[0] == "2019-20" and len(spec.categories) == 5


def test_outcome_groups_are_separate_lines_on_one_chart():
    spec = _specs(harbor_city())["outcome:Teacher retention"]
    assert spec.kind == "line" and spec.unit is Unit.PERCENT
    assert [(s.name, s.values) for s in spec.series] == [
        ("Coached teachers", (84, 85, 88, 90, 91)), ("All teachers", (83, 82, 83, 84, 84))]
    assert spec.series[0].pattern != spec.series[1].pattern


def test_outcome_gap_is_none_not_zero():
    district = maple_valley()
    outcomes = tuple(p for p in district.outcomes if p.school_year != YEARS[2])
    spec = _specs(replace(district, outcomes=outcomes))["outcome:New-teacher retention rate"]
    assert spec.series[0].values == (71, 74, None, 84, 88)


def test_headline_is_title_ii_a_share_with_dollars_per_teacher():
    spec = _specs(maple_valley())["headline"]
    assert (spec.kind, spec.headline) == ("headline", "25%")
    assert spec.takeaway == ("Title II-A paid for 25% of $1,178,000 in 2023-24; all sources "
                             "together came to $2,299 per teacher.")
    assert spec.takeaway in spec.alt_text


def test_alt_text_and_takeaway_come_from_describe_series():
    spec = _specs(cedar_creek())["outcome:Teacher vacancies in August"]
    expected = narrative.describe_series(
        "Teacher vacancies in August",
        [("Teacher vacancies in August", list(zip(YEARS, (9, 8, 6, 4, 3), strict=True)))],
        Unit.COUNT)
    assert (spec.alt_text, spec.takeaway) == (expected.alt_text, expected.takeaway)


def test_district_without_data_still_gets_specs_that_say_so():
    found = _specs(District(name="Empty"))
    assert list(found) == ["spending_by_source", "spending_by_use", "headline"]
    data = charts.spec_data(found["spending_by_source"])
    assert data["has_data"] is False and found["spending_by_source"].alt_text.endswith(
        "no data to show.")


@pytest.mark.parametrize("colour", charts.PALETTE)
def test_every_mark_colour_has_3_to_1_contrast_on_white(colour):
    assert charts.contrast_ratio(colour) >= 3.0


@pytest.mark.parametrize("colour", [charts.INK, charts.MUTED])
def test_text_colours_have_4_5_to_1_contrast_on_white(colour):
    assert charts.contrast_ratio(colour) >= 4.5


@pytest.mark.parametrize("foreground,background,ratio", [
    ("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777777", "#ffffff", 4.48)])
def test_contrast_ratio_follows_wcag(foreground, background, ratio):
    assert charts.contrast_ratio(foreground, background) == pytest.approx(ratio, abs=0.01)


def test_series_never_differ_by_colour_alone():
    district = maple_valley()
    extra = tuple(UseLine(school_year=YEARS[-1], use=f"Other {i}", amount_usd=1000.0)
                  for i in range(4))
    spec = _specs(replace(district, uses=district.uses + extra))["spending_by_use"]
    assert len(spec.series) == 8
    pairs = [(s.colour, s.pattern) for s in spec.series]
    assert len(set(pairs)) == len(pairs)
    assert len({s.pattern for s in spec.series[:5]}) == 5


@pytest.mark.parametrize("value,unit,label", [
    (0, Unit.USD, "$0"), (2500, Unit.USD, "$2,500"), (250000, Unit.USD, "$250K"),
    (1500000, Unit.USD, "$1.5M"), (88, Unit.PERCENT, "88%"), (8420, Unit.COUNT, "8,420")])
def test_tick_labels_are_short_and_formatted(value, unit, label):
    assert charts.tick_label(value, unit) == label


@pytest.mark.parametrize("value,unit,label", [
    (1178000, Unit.USD, "$1.18M"), (1000100, Unit.USD, "$1M"), (298000, Unit.USD, "$298K"),
    (8500, Unit.USD, "$8,500"), (None, Unit.USD, "—"), (88.0, Unit.PERCENT, "88%")])
def test_short_labels_fit_above_a_bar(value, unit, label):
    assert charts.short_label(value, unit) == label


@pytest.mark.parametrize("low,high,zero,ticks", [
    (0, 1178000, True, [0, 500000, 1000000, 1500000]),
    (71, 88, False, [70, 75, 80, 85, 90]),
    (71, 88, True, [0, 25, 50, 75, 100]),
    (5, 5, False, [4, 4.5, 5, 5.5, 6])])
def test_nice_ticks(low, high, zero, ticks):
    assert charts.nice_ticks(low, high, zero=zero) == ticks


def test_spec_data_is_json_with_formatted_labels_and_totals():
    data = charts.spec_data(_specs(maple_valley())["spending_by_source"])
    assert json.loads(json.dumps(data)) == data
    assert data["series"][0]["labels"][-1] == "$298,000"
    assert data["totals"][-1] == {"value": 1178000, "label": "$1.18M"}
    assert [t["label"] for t in data["axis"]["ticks"]] == ["$0", "$500K", "$1M", "$1.5M"]
    assert data["unit"] == "$" and data["has_data"] is True


def test_line_axis_need_not_start_at_zero_but_leaves_headroom_around_the_points():
    data = charts.spec_data(_specs(maple_valley())["outcome:New-teacher retention rate"])
    assert (data["axis"]["min"], data["axis"]["max"]) == (60, 100)  # points run 71% to 88%


@pytest.mark.parametrize("values,unit,low,high", [
    ((71, 74, 79, 84, 88), Unit.PERCENT, 60, 100),
    ((92, 95, 97, 99, 100), Unit.PERCENT, 90, 100),  # a percentage axis never passes 100%
    ((2, 1, 0, 1, 3), Unit.COUNT, 0, 4),  # nor goes below zero for a count
    ((140, 210, 305, 390, 460), Unit.COUNT, 0, 600),
])
def test_no_point_sits_on_the_edge_of_a_line_axis(values, unit, low, high):
    spec = charts.ChartSpec(id="outcome:x", kind="line", title="x",
                            categories=tuple(str(i) for i in range(len(values))),
                            series=(charts.Series(name="x", values=values, colour="#0072B2",
                                                  pattern="solid"),),
                            unit=unit, alt_text="x", takeaway="x")
    axis = charts.spec_data(spec)["axis"]
    assert (axis["min"], axis["max"]) == (low, high)
    assert all(axis["min"] < v < axis["max"] for v in values if v not in (0, 100))


@pytest.mark.parametrize("values,labels", [
    ((1_000_100, 1_017_400, 1_178_000), ["$1.00M", "$1.02M", "$1.18M"]),
    ((980_000, 1_020_000), ["$0.98M", "$1.02M"]),
    ((82_300, 83_100, None), ["$82K", "$83K", "—"]),
    ((123_456_789, 98_765_432), ["$123.46M", "$98.77M"]),
    ((1_235_745_890, 987_654_312), ["$1.24B", "$0.99B"]),
])
def test_bar_labels_share_one_unit_and_precision(values, labels):
    assert charts.bar_labels(values, Unit.USD) == labels


def test_plotly_bars_stack_with_patterns_dollar_axis_and_hover_labels():
    figure = charts.to_plotly(_specs(maple_valley())["spending_by_source"])
    assert figure.layout.barmode == "stack"
    assert [t.marker.pattern.shape for t in figure.data] == ["", "/", "."]
    assert figure.layout.yaxis.tickprefix == "$"
    assert figure.data[0].customdata[-1] == "$298,000"
    assert "%{customdata}" in figure.data[0].hovertemplate
    assert figure.layout.legend.orientation == "h"


def test_plotly_lines_differ_by_dash_and_marker():
    figure = charts.to_plotly(_specs(harbor_city())["outcome:Teacher retention"])
    assert [(t.line.dash, t.marker.symbol) for t in figure.data] == [
        ("solid", "circle"), ("dash", "square")]
    assert figure.layout.yaxis.ticksuffix == "%"


@pytest.mark.parametrize("chart", ["outcome:New-teacher retention rate", "spending_by_source"])
def test_plotly_figures_use_the_printed_charts_value_axis(chart):
    spec = _specs(maple_valley())[chart]
    axis = charts.spec_data(spec)["axis"]
    yaxis = charts.to_plotly(spec).layout.yaxis
    assert tuple(yaxis.range) == (axis["min"], axis["max"])
    assert list(yaxis.tickvals) == [t["value"] for t in axis["ticks"]]
    assert list(yaxis.ticktext) == [t["label"] for t in axis["ticks"]]


def test_plotly_shows_user_names_as_text_not_markup():
    district = maple_valley()
    uses = tuple(replace(u, use="<b>Coaching</b>") if u.use == "Coaching" else u
                 for u in district.uses)
    figure = charts.to_plotly(_specs(replace(district, uses=uses))["spending_by_use"])
    [trace] = [t for t in figure.data if "Coaching" in t.name]
    assert trace.name == "&lt;b&gt;Coaching&lt;/b&gt;"
    assert "<b>&lt;b&gt;" in trace.hovertemplate


def test_plotly_headline_shows_the_big_number():
    figure = charts.to_plotly(_specs(maple_valley())["headline"])
    assert figure.layout.annotations[0].text == "<b>25%</b>"


def test_plotly_headline_takeaway_wraps_to_fit_a_half_column():
    spec = _specs(maple_valley())["headline"]
    lines = charts.to_plotly(spec).layout.annotations[1].text.split("<br>")
    assert len(lines) > 1
    assert " ".join(lines) == spec.takeaway
    assert max(len(line) for line in lines) <= charts.HEADLINE_LINE_CHARS


@pytest.mark.parametrize("chart_id", ["spending_by_source", "spending_by_use", "headline"])
def test_plotly_titles_wrap_and_stay_escaped(chart_id):
    spec = _specs(maple_valley())[chart_id]
    lines = charts.to_plotly(spec).layout.title.text.split("<br>")
    assert " ".join(lines) == spec.title
    assert max(len(line) for line in lines) <= charts.TITLE_LINE_CHARS


def test_plotly_config_downloads_png_named_after_the_chart():
    config = charts.plotly_config(_specs(maple_valley())["spending_by_source"])
    assert config["toImageButtonOptions"] == {
        "format": "png", "filename": "professional-learning-spending-by-source", "scale": 2}
