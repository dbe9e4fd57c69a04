"""Chart specs: what each chart shows, in which colours and patterns, with its alt text.

Owns the one description of every chart (series, categories, unit, palette, pattern, alt text
and takeaway) that the app's plotly figures, the PDF, the HTML page and the slides all draw
from, and the palette's contrast rules. Reads a District and its metrics.Figures; wording comes
from ``narrative.describe_series``. Never computes district figures itself, never writes files,
never imports streamlit.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeGuard

import plotly.graph_objects as go

from advocacy import formatting, metrics
from advocacy.metrics import Figures
from advocacy.model import TEMPLATE_YEARS, TITLE_II_A, District, SchoolYear, Unit
from advocacy.narrative import describe_series

# Okabe-Ito hues (distinguishable with every common colour-vision deficiency), with orange
# darkened to ochre so every mark keeps 3:1 against white paper (WCAG 1.4.11).
PALETTE: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8F6A00", "#5E5E5E")
# Five patterns against six colours: the first 30 series never share both.
BAR_PATTERNS: tuple[str, ...] = ("solid", "hatch", "dot", "cross", "vertical")
LINE_PATTERNS: tuple[str, ...] = ("solid", "dash", "dot", "dashdot", "longdash")
MARKERS: tuple[str, ...] = ("circle", "square", "triangle", "diamond")
INK, MUTED, GRID, PAPER = "#1a1a1a", "#444444", "#d0d0d0", "#ffffff"
FONT_FAMILY = "Atkinson Hyperlegible, Helvetica, Arial, sans-serif"

_PLOTLY_BAR = {"solid": "", "hatch": "/", "dot": ".", "cross": "x", "vertical": "|"}
_PLOTLY_SYMBOL = {"triangle": "triangle-up"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    colour: str
    pattern: str  # "solid", "hatch", "dot"… (bars) or "dash", "dot"… (lines): never colour alone


@dataclass(frozen=True, slots=True, kw_only=True)
class ChartSpec:
    id: str  # "spending_by_source", "spending_by_use", "outcome:<metric>", "headline"
    kind: str  # "stacked_bar" | "grouped_bar" | "line" | "headline"
    title: str
    categories: tuple[str, ...]  # x axis labels: school years, oldest first
    series: tuple[Series, ...]
    unit: Unit
    alt_text: str
    takeaway: str
    headline: str | None = None  # the big number for kind "headline", e.g. "25%"


def specs(district: District, figures: Figures) -> tuple[ChartSpec, ...]:
    """Every chart of a one-pager: by source, by use, the headline, then one per outcome metric."""
    return (spending_by_source(district, figures), spending_by_use(district, figures),
            headline(district, figures), *outcome_charts(district))


def spending_by_source(district: District, figures: Figures) -> ChartSpec:
    years = figures.years[-TEMPLATE_YEARS:]
    return _dollar_chart("spending_by_source", "Professional-learning spending by source",
                         years, district.sources(), lambda y: y.by_source)


def spending_by_use(district: District, figures: Figures) -> ChartSpec:
    years = figures.years[-TEMPLATE_YEARS:]
    return _dollar_chart("spending_by_use", "How professional-learning dollars are spent",
                         years, district.use_names(), lambda y: y.by_use)


def _dollar_chart(chart_id, title, years, names, pick) -> ChartSpec:
    series = tuple(
        Series(name=name, values=tuple(pick(year).get(name) for year in years),
               colour=PALETTE[i % len(PALETTE)], pattern=BAR_PATTERNS[i % len(BAR_PATTERNS)])
        for i, name in enumerate(names))
    categories = tuple(str(year.school_year) for year in years)
    text = describe_series(title, _points(series, [y.school_year for y in years]), Unit.USD)
    return ChartSpec(id=chart_id, kind="stacked_bar", title=title, categories=categories,
                     series=series, unit=Unit.USD, alt_text=text.alt_text,
                     takeaway=text.takeaway)


def headline(district: District, figures: Figures) -> ChartSpec:
    """Title II-A's share of the latest year's dollars, with dollars per teacher beside it."""
    years = figures.years[-TEMPLATE_YEARS:]
    shares = tuple(None if y.title_ii_a_share is None else y.title_ii_a_share * 100
                   for y in years)
    series = (Series(name="Title II-A share", values=shares, colour=PALETTE[0],
                     pattern="solid"),)
    title = f"{TITLE_II_A} share of professional-learning dollars"
    text = describe_series(title, _points(series, [y.school_year for y in years]),
                           Unit.PERCENT)
    latest = figures.latest
    takeaway = text.takeaway
    if latest is not None and latest.title_ii_a_share is not None:
        takeaway = (f"{TITLE_II_A} paid for {formatting.share(latest.title_ii_a_share, 0)} of "
                    f"{formatting.usd(latest.total_usd)} in {latest.school_year}")
        if latest.per_teacher_usd is not None:
            takeaway += (f"; all sources together came to "
                         f"{formatting.usd(latest.per_teacher_usd)} per teacher")
        takeaway += "."
    return ChartSpec(id="headline", kind="headline", title=title,
                     categories=tuple(str(y.school_year) for y in years), series=series,
                     unit=Unit.PERCENT, alt_text=f"{text.alt_text} {takeaway}".strip(),
                     takeaway=takeaway,
                     headline=formatting.share(latest.title_ii_a_share, 0) if latest
                     else formatting.DASH)


def outcome_charts(district: District) -> tuple[ChartSpec, ...]:
    """One line chart per metric; its groups ("coached teachers", …) are separate lines."""
    by_metric: dict[str, list] = {}
    for (metric, group), points in district.outcome_series().items():
        by_metric.setdefault(metric, []).append((group, points))
    charts = []
    for metric, groups in by_metric.items():
        seen = [p.school_year.start for _, points in groups for p in points]
        # Every year between the first and last, so a missing year shows as a gap.
        years = [SchoolYear(start) for start in range(min(seen), max(seen) + 1)]
        unit = next((p.unit for _, points in groups for p in points if p.unit), Unit.SCORE)
        series = []
        for i, (group, points) in enumerate(groups):
            values = {p.school_year: p.value for p in points}
            # Groups are typed lower-case mid-sentence ("coached teachers"); a legend entry
            # and the takeaway sentence both start with it.
            name = group[:1].upper() + group[1:] if group else metric
            series.append(Series(name=name,
                                 values=tuple(values.get(year) for year in years),
                                 colour=PALETTE[i % len(PALETTE)],
                                 pattern=LINE_PATTERNS[i % len(LINE_PATTERNS)]))
        text = describe_series(metric, _points(series, years), unit)
        charts.append(ChartSpec(id=f"outcome:{metric}", kind="line", title=metric,
                                categories=tuple(str(y) for y in years), series=tuple(series),
                                unit=unit, alt_text=text.alt_text, takeaway=text.takeaway))
    return tuple(charts)


def _points(series: Sequence[Series], years: Sequence[SchoolYear]):
    return [(s.name, [(year, v) for year, v in zip(years, s.values, strict=True)
                      if v is not None]) for s in series]


# --- numbers on axes and marks ---------------------------------------------------------------

# Dollars-per-teacher bins for the packet's summary chart: wide enough that a statewide
# packet's districts spread over several bars, fixed so two packets read alike.
PER_TEACHER_EDGES: tuple[float, ...] = (0, 500, 1000, 2000, 4000)


def per_teacher_distribution(rows: Sequence[dict]) -> ChartSpec:
    """How many districts (comparison rows) spend how much per teacher in their latest year."""
    counts = metrics.counts_in_bins((row.get("Per teacher") for row in rows), PER_TEACHER_EDGES)
    edges = PER_TEACHER_EDGES
    labels = tuple([f"Under {formatting.usd(edges[1])}"]
                   + [f"{formatting.usd(low)}–{formatting.usd(high - 1)}"
                      for low, high in zip(edges[1:-1], edges[2:], strict=True)]
                   + [f"{formatting.usd(edges[-1])}+"])
    placed = sum(counts)
    spread = ", ".join(f"{formatting.count(n) if n else 'none'} {_bin_words(label)}"
                       for label, n in zip(labels, counts, strict=True))
    most = max(counts)
    busiest = labels[counts.index(most)] if placed else None
    return ChartSpec(
        id="packet:per_teacher", kind="stacked_bar",
        title="Districts by professional-learning dollars per teacher, latest year",
        categories=labels,
        series=(Series(name="Districts", values=tuple(float(n) for n in counts),
                       colour=PALETTE[0], pattern="solid"),),
        unit=Unit.COUNT,
        alt_text=(f"A bar chart counts {formatting.count(placed)} districts by the "
                  "professional-learning dollars they spend per teacher in their latest year: "
                  f"{spread}."),
        takeaway=(f"The largest group, {formatting.count(most)} of {formatting.count(placed)} "
                  f"districts, spends {busiest} per teacher." if busiest
                  else "No district here has dollars per teacher to chart."))


def _bin_words(label: str) -> str:
    if label.startswith("Under"):
        return label.lower()
    if label.endswith("+"):
        return f"at {label[:-1]} or more"
    low, high = label.split("–")
    return f"from {low} to {high}"


def tick_label(value: float, unit: Unit | None) -> str:
    """Axis numbers, short: $200K, $1.2M, 88%, 8,420."""
    if unit is Unit.USD:
        magnitude, sign = abs(value), "−" if value < 0 else ""
        if magnitude >= 1e6:
            return sign + formatting.usd_compact(magnitude).replace(" million", "M") \
                .replace(" billion", "B")
        if magnitude >= 1e4:
            return f"{sign}${magnitude / 1e3:,.0f}K"
        return formatting.usd(value)
    return formatting.value(value, unit)


def short_label(value: float | None, unit: Unit | None) -> str:
    """A label that fits above a bar: "$1.18M", "$298K"; other units as ``value_label``."""
    if unit is not Unit.USD or value is None or abs(value) < 1e4:
        return value_label(value, unit)
    magnitude, sign = abs(value), "−" if value < 0 else ""
    if magnitude >= 1e6:
        return f"{sign}${magnitude / 1e6:,.2f}".rstrip("0").rstrip(".") + "M"
    return f"{sign}${magnitude / 1e3:,.0f}K"


def bar_labels(values: Sequence[float | None], unit: Unit | None) -> list[str]:
    """Labels above a chart's bars in one unit and one precision: "$1.00M", "$1.02M", never
    "$1M" beside "$1.02M"; "$980K" beside "$1.02M" becomes "$0.98M"."""
    known = [abs(v) for v in values if v is not None]
    if unit is not Unit.USD or not known or max(known) < 1e4:
        return [short_label(v, unit) for v in values]
    scale, suffix, digits = next(choice for choice in (
        (1e9, "B", 2), (1e6, "M", 2), (1e3, "K", 0)) if max(known) >= choice[0] or
        choice[0] == 1e3)
    labels = []
    for value in values:
        if value is None:
            labels.append(short_label(value, unit))
            continue
        sign = "−" if value < 0 else ""
        labels.append(f"{sign}${abs(value) / scale:,.{digits}f}{suffix}")
    return labels


def value_label(value: float | None, unit: Unit | None) -> str:
    """A mark's exact value as the rest of the one-pager writes it: "$298,000", "88%"."""
    return formatting.value(value, unit)


def axis_range(spec: ChartSpec) -> tuple[float, float]:
    """Data extent the axis must cover: bar stacks from zero, lines around their values."""
    if spec.kind == "stacked_bar":
        columns = [[v if _known(v := s.values[i]) else 0.0 for s in spec.series]
                   for i in range(len(spec.categories))]
        high = max((sum(v for v in col if v > 0) for col in columns), default=0.0)
        low = min((sum(v for v in col if v < 0) for col in columns), default=0.0)
        return low, high
    values = [v for s in spec.series for v in s.values if _known(v)]
    if not values:
        return 0.0, 1.0
    if spec.kind == "grouped_bar":
        return min(0.0, *values), max(0.0, *values)
    return min(values), max(values)


def _headroom(low: float, high: float, unit: Unit | None) -> tuple[float, float]:
    """A line's range widened by a sixth of its span each way, so no point sits on the axis
    line and labels above the highest point stay inside the plot; percentages stay 0-100 and
    a series that never goes below zero gets no negative ticks."""
    span = (high - low) or abs(high) or 1.0
    padded_low, padded_high = low - span / 6, high + span / 6
    if low >= 0:
        padded_low = max(padded_low, 0.0)
    if unit is Unit.PERCENT:
        padded_low, padded_high = max(padded_low, 0.0), min(padded_high, 100.0)
    return padded_low, max(padded_high, high)


def nice_ticks(low: float, high: float, *, count: int = 5, zero: bool = True) -> list[float]:
    """Round tick values covering [low, high]; bars always include zero, lines need not."""
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        low, high = (low - 1, high + 1) if not zero else (low, low + 1)
    raw = (high - low) / (count - 1)
    power = 10 ** math.floor(math.log10(raw))
    # Quarter steps read well on bars from zero; lines keep whole steps (no "22.5%" ticks).
    steps = (1, 2, 2.5, 5, 10) if zero else (1, 2, 5, 10)
    step = next(m * power for m in steps if m * power >= raw)
    start = math.floor(low / step + 1e-9) * step
    ticks, tick = [], start
    while tick < high + step * 0.999:
        ticks.append(round(tick, 10))
        tick += step
    if len(ticks) < 2:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def value_ticks(spec: ChartSpec) -> list[float]:
    """The value axis's ticks, first to last, for every rendering of the chart (print, slides'
    data, the app's figures): bars from zero, lines with headroom around their points."""
    low, high = axis_range(spec)
    if spec.kind == "line":
        low, high = _headroom(low, high, spec.unit)
    return nice_ticks(low, high, zero=spec.kind != "line")


def spec_data(spec: ChartSpec) -> dict:
    """The spec as JSON-ready data with every label pre-formatted, for Typst, HTML and SVG."""
    ticks = value_ticks(spec)
    series = [{
        "name": s.name, "colour": s.colour, "pattern": s.pattern,
        "marker": MARKERS[i % len(MARKERS)],
        "values": [v if _known(v) else None for v in s.values],
        "labels": [value_label(v, spec.unit) if _known(v) else formatting.DASH
                   for v in s.values],
    } for i, s in enumerate(spec.series)]
    totals = []
    if spec.kind == "stacked_bar":
        sums = []
        for i in range(len(spec.categories)):
            known = [v for s in spec.series if _known(v := s.values[i])]
            sums.append(sum(known) if known else None)
        totals = [{"value": total, "label": label}
                  for total, label in zip(sums, bar_labels(sums, spec.unit), strict=True)]
    return {
        "id": spec.id, "kind": spec.kind, "title": spec.title,
        "categories": list(spec.categories), "unit": spec.unit.value,
        "alt_text": spec.alt_text, "takeaway": spec.takeaway, "headline": spec.headline,
        "series": series, "totals": totals,
        "axis": {"min": ticks[0], "max": ticks[-1],
                 "ticks": [{"value": t, "label": tick_label(t, spec.unit)} for t in ticks]},
        "has_data": any(_known(v) for s in spec.series for v in s.values),
    }


def _known(value: float | None) -> TypeGuard[float]:
    return not formatting.missing(value)


# --- contrast (WCAG 2.x relative luminance) ----------------------------------------------------

def contrast_ratio(foreground: str, background: str = PAPER) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


# --- plotly, for the app -----------------------------------------------------------------------

def to_plotly(spec: ChartSpec) -> go.Figure:
    """An interactive figure: formatted axes and hover text, legend, patterns as well as colour."""
    figure = go.Figure()
    if spec.kind == "headline":
        return _plotly_headline(spec, figure)
    for i, series in enumerate(spec.series):
        labels = [value_label(v, spec.unit) if _known(v) else formatting.DASH
                  for v in series.values]
        hover = f"<b>{_plain(series.name)}</b><br>%{{x}}: %{{customdata}}<extra></extra>"
        if spec.kind == "line":
            figure.add_trace(go.Scatter(
                x=list(spec.categories), y=list(series.values), name=_plain(series.name),
                customdata=labels, hovertemplate=hover, mode="lines+markers",
                line={"color": series.colour, "width": 3, "dash": series.pattern},
                marker={"symbol": _PLOTLY_SYMBOL.get(MARKERS[i % len(MARKERS)],
                                                     MARKERS[i % len(MARKERS)]),
                        "size": 9, "color": series.colour}))
        else:
            figure.add_trace(go.Bar(
                x=list(spec.categories), y=list(series.values), name=_plain(series.name),
                customdata=labels, hovertemplate=hover,
                marker={"color": series.colour, "line": {"color": PAPER, "width": 1},
                        "pattern": {"shape": _PLOTLY_BAR.get(series.pattern, ""),
                                    "fgcolor": PAPER, "solidity": 0.3}}))
    figure.update_layout(
        title=_plotly_title(spec.title), barmode="stack" if spec.kind == "stacked_bar"
        else "group", template="plotly_white", font={"family": FONT_FAMILY, "color": INK},
        # Placed against the whole figure, not the plot: in a narrow column the year labels
        # turn upright, and a legend hung below the plot covered them.
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom",
                "xanchor": "left", "x": 0},
        hovermode="x unified" if spec.kind == "line" else "closest",
        margin={"l": 60, "r": 20, "t": 80, "b": 10})
    figure.update_xaxes(type="category", title=None)
    # The printed chart's axis, not Plotly's own fit: the screen and the page show one scale.
    ticks = value_ticks(spec)
    figure.update_yaxes(title=None, gridcolor=GRID, range=[ticks[0], ticks[-1]],
                        tickmode="array", tickvals=ticks,
                        ticktext=[tick_label(t, spec.unit) for t in ticks],
                        **_plotly_axis(spec.unit))
    return figure


def _plotly_axis(unit: Unit) -> dict:
    if unit is Unit.USD:
        return {"tickprefix": "$", "tickformat": "~s", "rangemode": "tozero"}
    if unit is Unit.PERCENT:
        return {"ticksuffix": "%", "tickformat": ",.0f"}
    return {"tickformat": ",~f"}


# Plotly never wraps titles or annotations, and the app shows charts in half-width columns:
# at a 1024 px window with the sidebar open, one holds about 28 characters of a 15 px bold
# title and 34 of 13 px text (measured on the Charts page screenshots).
TITLE_LINE_CHARS = 28
HEADLINE_LINE_CHARS = 34


def _wrapped(text: str, width: int) -> str:
    return "<br>".join(map(_plain, textwrap.wrap(text, width) or [""]))


def _plotly_title(text: str) -> dict:
    return {"text": _wrapped(text, TITLE_LINE_CHARS), "font": {"size": 15}}


def _plotly_headline(spec: ChartSpec, figure: go.Figure) -> go.Figure:
    figure.add_annotation(text=f"<b>{_plain(spec.headline or formatting.DASH)}</b>", x=0.5,
                          y=0.62, xref="paper", yref="paper", showarrow=False,
                          font={"size": 64, "color": INK})
    figure.add_annotation(text=_wrapped(spec.takeaway, HEADLINE_LINE_CHARS), x=0.5, y=0.2,
                          xref="paper", yref="paper", showarrow=False,
                          font={"size": 13, "color": MUTED})
    figure.update_layout(title=_plotly_title(spec.title), template="plotly_white",
                         font={"family": FONT_FAMILY, "color": INK},
                         xaxis={"visible": False}, yaxis={"visible": False},
                         margin={"l": 20, "r": 20, "t": 80, "b": 20})
    return figure


def _plain(text: str) -> str:
    """Plotly reads a few HTML tags in titles; user names must show as typed, not as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plotly_config(spec: ChartSpec) -> dict:
    """Modebar config: download as PNG at print resolution, named after the chart."""
    name = "".join(c if c.isalnum() else "-" for c in spec.title.lower()).strip("-")[:60]
    return {"displaylogo": False, "toImageButtonOptions": {
        "format": "png", "filename": name or "chart", "scale": 2}}
