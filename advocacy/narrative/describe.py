"""Chart descriptions: plain-language alt text and a one-sentence takeaway for a chart's series.

Owns the wording that makes a chart readable without seeing it (Section 508 alt text) and the
takeaway printed under it. Takes series already computed by the caller; never computes
district figures, never draws, never decides colours.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from advocacy import formatting
from advocacy.metrics import within_noise
from advocacy.model import SchoolYear, Unit

Points = Sequence[tuple[SchoolYear, float]]


@dataclass(frozen=True, slots=True)
class ChartText:
    """Positional as documented: ChartText(alt_text, takeaway)."""

    alt_text: str  # states every series' trend with its numbers (Section 508 alt text)
    takeaway: str  # one sentence printed under the chart


@dataclass(frozen=True, slots=True)
class _Trend:
    name: str
    points: tuple[tuple[SchoolYear, float], ...]
    unit: Unit

    @property
    def first(self) -> tuple[SchoolYear, float]:
        return self.points[0]

    @property
    def last(self) -> tuple[SchoolYear, float]:
        return self.points[-1]

    @property
    def delta(self) -> float:
        return self.last[1] - self.first[1]

    @property
    def steady(self) -> bool:
        return within_noise(self.first[1], self.last[1], self.unit)

    @property
    def verb(self) -> str:
        if self.steady:
            return "held steady"
        return "rose" if self.delta > 0 else "fell"


def describe_series(title: str, series: Sequence[tuple[str, Points]], unit: Unit) -> ChartText:
    """Alt text stating each series' trend with its numbers, and one takeaway sentence."""
    trends = [trend for trend in (_trend(name, points, unit) for name, points in series)
              if trend.points]
    if not trends:
        return ChartText(alt_text=f"{title}: no data to show.",
                         takeaway="No data to show yet.")
    years = sorted({year for trend in trends for year, _ in trend.points})
    span = str(years[0]) if len(years) == 1 else f"{years[0]} to {years[-1]}"
    clauses = [_clause(trends[0], with_years=True)]
    clauses += [_clause(t, with_years=not _same_span(t, trends[0])) for t in trends[1:]]
    # A one-series chart titled with the series' own name need not say the name twice.
    if len(trends) == 1 and trends[0].name.casefold() == title.casefold():
        alt_text = clauses[0][0].upper() + clauses[0][1:] + "."
    else:
        alt_text = f"{title}, {span}: {_join(clauses)}."
    return ChartText(alt_text=alt_text, takeaway=_takeaway(trends, unit))


def _trend(name: str, points: Points, unit: Unit) -> _Trend:
    # Gaps (None or NaN) are skipped rather than drawn as zero, as the chart does.
    known = sorted((year, float(value)) for year, value in points
                   if value is not None and not math.isnan(value))
    return _Trend(name=name, points=tuple(known), unit=unit)


def _same_span(trend: _Trend, other: _Trend) -> bool:
    return trend.first[0] == other.first[0] and trend.last[0] == other.last[0]


def _clause(trend: _Trend, *, with_years: bool) -> str:
    (year0, value0), (year1, value1) = trend.first, trend.last
    show = lambda amount: formatting.value(amount, trend.unit)  # noqa: E731
    if len(trend.points) == 1:
        return f"{trend.name} was {show(value0)} in {year0}"
    if trend.steady:
        clause = f"{trend.name} held steady at {show(value1)}"
        return clause + (f" from {year0} to {year1}" if with_years else "")
    start, end = (f" in {year0}", f" in {year1}") if with_years else ("", "")
    clause = f"{trend.name} {trend.verb} from {show(value0)}{start} to {show(value1)}{end}"
    return clause + _turning_point(trend)


def _turning_point(trend: _Trend) -> str:
    """Mention a peak or low in between when the line does not simply move one way."""
    inner = trend.points[1:-1]
    if not inner:
        return ""
    ends = (trend.first[1], trend.last[1])
    peak, low = max(inner, key=lambda p: p[1]), min(inner, key=lambda p: p[1])
    show = lambda amount: formatting.value(amount, trend.unit)  # noqa: E731
    if peak[1] > max(ends) and not _close(peak[1], max(ends), trend.unit):
        return f", peaking at {show(peak[1])} in {peak[0]}"
    if low[1] < min(ends) and not _close(low[1], min(ends), trend.unit):
        return f", with a low of {show(low[1])} in {low[0]}"
    return ""


def _close(a: float, b: float, unit: Unit) -> bool:
    return within_noise(b, a, unit)


def _join(clauses: list[str]) -> str:
    if len(clauses) == 1:
        return clauses[0]
    if len(clauses) == 2:
        return f"{clauses[0]}, while {clauses[1]}"
    return f"{clauses[0]}, while " + "; ".join(clauses[1:-1]) + f"; and {clauses[-1]}"


def _takeaway(trends: list[_Trend], unit: Unit) -> str:
    moving = [t for t in trends if len(t.points) > 1]
    if not moving:
        trend = trends[0]
        return f"{trend.name} was {formatting.value(trend.last[1], unit)} in {trend.last[0]}."
    if unit is Unit.USD and len(moving) > 1:
        shifted = _share_shift(moving)
        if shifted:
            return shifted
    trend = max(moving, key=_size_of_change)
    return _change_sentence(trend)


def _size_of_change(trend: _Trend) -> float:
    if trend.unit is Unit.PERCENT:
        return abs(trend.delta)
    first = trend.first[1]
    return abs(trend.delta / first) * 100 if first else abs(trend.delta)


def _change_sentence(trend: _Trend) -> str:
    (year0, value0), (year1, value1) = trend.first, trend.last
    show = lambda amount: formatting.value(amount, trend.unit)  # noqa: E731
    if trend.steady:
        return f"{trend.name} held steady at about {show(value1)} from {year0} to {year1}."
    if trend.unit is Unit.PERCENT:
        size = formatting.points(abs(trend.delta)).lstrip("+")
        return f"{trend.name} {trend.verb} {size}, from {show(value0)} to {show(value1)}."
    if value0 and value0 > 0:
        return (f"{trend.name} {growth_words(value1 / value0)} from {year0} to {year1}, "
                f"to {show(value1)}.")
    return f"{trend.name} {trend.verb} from {show(value0)} in {year0} to {show(value1)} in {year1}."


def _share_shift(trends: list[_Trend]) -> str | None:
    """For dollar series that add up to a whole, the part whose share of the whole moved most."""
    first_year = max(t.first[0] for t in trends)
    last_year = min(t.last[0] for t in trends)
    if not first_year < last_year:
        return None
    shares = []
    for trend in trends:
        values = dict(trend.points)
        if first_year not in values or last_year not in values:
            return None
        shares.append((trend.name, values[first_year], values[last_year]))
    total0 = sum(first for _, first, _ in shares)
    total1 = sum(last for _, _, last in shares)
    if total0 <= 0 or total1 <= 0:
        return None
    name, first, last = max(shares, key=lambda s: abs(s[2] / total1 - s[1] / total0))
    share0, share1 = first / total0 * 100, last / total1 * 100
    if within_noise(share0, share1, Unit.PERCENT):
        return None
    verb = "grew" if share1 > share0 else "fell"
    return (f"{name} {verb} to {formatting.pct(share1, 0)} of the total in {last_year}, "
            f"from {formatting.pct(share0, 0)} in {first_year}.")


_MULTIPLES = {2: "doubled", 3: "tripled", 4: "quadrupled"}


def growth_words(ratio: float) -> str:
    """A last/first ratio as people say it: 2.0 → "doubled", 3.3 → "more than tripled"."""
    if not math.isfinite(ratio):  # ingest refuses the values that overflow; this is the net
        return "changed"
    if ratio >= 2:
        whole = math.floor(ratio + 0.02)  # 2.99 is "tripled", not "more than doubled"
        exact = abs(ratio - whole) <= 0.02
        if whole in _MULTIPLES:
            return _MULTIPLES[whole] if exact else f"more than {_MULTIPLES[whole]}"
        return f"grew {'' if exact else 'more than '}{whole}-fold"
    if ratio >= 1:
        return f"rose {formatting.pct((ratio - 1) * 100, 0)}"
    if abs(ratio - 0.5) <= 0.01:
        return "halved"
    return f"fell {formatting.pct((1 - ratio) * 100, 0)}"
