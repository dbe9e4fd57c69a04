"""Derived figures: totals, Title II-A share, dollars per teacher and per student, change.

Owns every piece of arithmetic the app, narrative, charts and exports show. Takes a validated
District; never reads files, never formats numbers for people (that is ``formatting``).
The profile describes the district today, so per-teacher and per-student figures divide
each year's dollars by today's counts; that is what the template asks and what we say.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeGuard

from advocacy.formatting import PROFILE_FIELDS
from advocacy.model import (
    FUNDING_SOURCES,
    TITLE_II_A,
    District,
    OutcomePoint,
    SchoolYear,
    Unit,
)

# The one noise rule, used by metrics, drafts, facts, chart takeaways and alt text: a change
# of at most one percent point (for a percentage or a share), or of at most 1% of the first
# value (for counts, dollars and scores), is within noise. Such a series "held steady"; a
# one-point wobble (24% to 25%) is not a gain.
NOISE_POINTS = 1.0
NOISE_RELATIVE_PCT = 1.0


def within_noise(first: float, last: float, unit: Unit | None) -> bool:
    """True when going from ``first`` to ``last`` is no real change (see NOISE_POINTS)."""
    delta = last - first
    if unit is Unit.PERCENT:
        return abs(delta) <= NOISE_POINTS + 1e-9
    if first == 0:
        return delta == 0
    return abs(delta / first * 100) <= NOISE_RELATIVE_PCT + 1e-9


@dataclass(frozen=True, slots=True, kw_only=True)
class Amounts:
    """Named dollar amounts in one school year (by source or by use), in display order."""

    school_year: SchoolYear
    items: tuple[tuple[str, float], ...]

    @property
    def total_usd(self) -> float:
        return sum(amount for _, amount in self.items)

    def get(self, name: str) -> float | None:
        return next((amount for key, amount in self.items if key == name), None)

    def share(self, name: str) -> float | None:
        amount, total = self.get(name), self.total_usd
        return None if amount is None or not total else amount / total


@dataclass(frozen=True, slots=True, kw_only=True)
class YearFigures:
    school_year: SchoolYear
    by_source: Amounts
    by_use: Amounts
    total_usd: float | None  # all sources; None when the year has no source lines
    title_ii_a_usd: float | None
    title_ii_a_share: float | None  # fraction 0-1 of total_usd
    per_teacher_usd: float | None
    per_student_usd: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """A value compared between two school years."""

    first_year: SchoolYear
    last_year: SchoolYear
    first: float
    last: float

    @property
    def delta(self) -> float:
        return self.last - self.first

    @property
    def relative_pct(self) -> float | None:
        """Percent change relative to the first value; None when it started at zero."""
        return None if self.first == 0 else (self.last - self.first) / abs(self.first) * 100

    @property
    def years_apart(self) -> int:
        return self.last_year.start - self.first_year.start


@dataclass(frozen=True, slots=True, kw_only=True)
class OutcomeChange:
    """First-to-last change of one outcome series (metric and group)."""

    metric: str
    group: str | None
    unit: Unit | None
    higher_is_better: bool | None
    change: Change
    points: tuple[OutcomePoint, ...]

    @property
    def improved(self) -> bool | None:
        """True/False when direction is known and the change is beyond noise; else None."""
        if self.higher_is_better is None or self.within_noise:
            return None
        return (self.change.delta > 0) == self.higher_is_better

    @property
    def within_noise(self) -> bool:
        return within_noise(self.change.first, self.change.last, self.unit)


@dataclass(frozen=True, slots=True, kw_only=True)
class Figures:
    """Everything derived from one district, oldest year first."""

    district: str
    years: tuple[YearFigures, ...]
    total_change: Change | None
    title_ii_a_change: Change | None
    source_changes: tuple[tuple[str, Change], ...]
    use_changes: tuple[tuple[str, Change], ...]
    outcome_changes: tuple[OutcomeChange, ...]

    @property
    def latest(self) -> YearFigures | None:
        with_total = [year for year in self.years if year.total_usd is not None]
        return with_total[-1] if with_total else (self.years[-1] if self.years else None)

    @property
    def template_years(self) -> tuple[YearFigures, ...]:
        """The latest five years, newest first, as the paper form shows them."""
        return tuple(reversed(self.years[-5:]))

    def year(self, school_year: SchoolYear) -> YearFigures | None:
        return next((y for y in self.years if y.school_year == school_year), None)

    def five_year_total_usd(self) -> float | None:
        totals = [y.total_usd for y in self.years[-5:] if y.total_usd is not None]
        return sum(totals) if totals else None


def compute(district: District) -> Figures:
    years = tuple(_year_figures(district, year) for year in district.years())
    return Figures(
        district=district.name,
        years=years,
        total_change=_change((y.school_year, y.total_usd) for y in years),
        title_ii_a_change=_change((y.school_year, y.title_ii_a_usd) for y in years),
        source_changes=_named_changes(years, district.sources(), lambda y: y.by_source),
        use_changes=_named_changes(years, district.use_names(), lambda y: y.by_use),
        outcome_changes=tuple(
            change for change in (_outcome_change(points)
                                  for points in district.outcome_series().values())
            if change is not None),
    )


def _year_figures(district: District, year: SchoolYear) -> YearFigures:
    by_source = _amounts(year, district.sources(),
                         ((line.source, line.amount_usd) for line in district.spending
                          if line.school_year == year))
    by_use = _amounts(year, district.use_names(),
                      ((line.use, line.amount_usd) for line in district.uses
                       if line.school_year == year))
    total = by_source.total_usd if by_source.items else None
    title_ii_a = by_source.get(TITLE_II_A)
    profile = district.profile
    return YearFigures(
        school_year=year,
        by_source=by_source,
        by_use=by_use,
        total_usd=total,
        title_ii_a_usd=title_ii_a,
        title_ii_a_share=by_source.share(TITLE_II_A) if total and _complete(by_source) else None,
        per_teacher_usd=_per(total, profile.teachers),
        per_student_usd=_per(total, profile.students),
    )


def _complete(by_source: Amounts) -> bool:
    """A share of professional-learning dollars needs every source the template asks for that
    year (Title II-A, State, District; 0 counts as known): Title II-A alone would be "100%"."""
    return all(by_source.get(source) is not None for source in FUNDING_SOURCES)


def _amounts(year: SchoolYear, order: Sequence[str],
             pairs: Iterable[tuple[str, float]]) -> Amounts:
    summed: dict[str, float] = {}
    for name, amount in pairs:
        summed[name] = summed.get(name, 0.0) + amount
    return Amounts(school_year=year,
                   items=tuple((name, summed[name]) for name in order if name in summed))


def _per(total: float | None, count: float | None) -> float | None:
    return None if total is None or not count else total / count


def _change(series: Iterable[tuple[SchoolYear, float | None]]) -> Change | None:
    known = [(year, value) for year, value in series if value is not None]
    if len(known) < 2:
        return None
    (first_year, first), (last_year, last) = known[0], known[-1]
    return Change(first_year=first_year, last_year=last_year, first=first, last=last)


def _named_changes(years, names, pick) -> tuple[tuple[str, Change], ...]:
    changes = []
    for name in names:
        change = _change((y.school_year, pick(y).get(name)) for y in years)
        if change is not None:
            changes.append((name, change))
    return tuple(changes)


def _outcome_change(points: Sequence[OutcomePoint]) -> OutcomeChange | None:
    change = _change((p.school_year, p.value) for p in points)
    if change is None:
        return None
    first = points[0]
    return OutcomeChange(metric=first.metric, group=first.group, unit=first.unit,
                         higher_is_better=next((p.higher_is_better for p in points
                                                if p.higher_is_better is not None), None),
                         change=change, points=tuple(points))


def comparison_rows(districts: Iterable[District]) -> list[dict[str, object]]:
    """One row of key figures per district, for the compare view and the packet summary.

    Plain dicts (not a DataFrame) so exports need no pandas; the app wraps them in one. The ten
    profile fields appear under the template's labels (``formatting.PROFILE_FIELDS``).
    """
    rows = []
    for district in districts:
        figures = compute(district)
        latest = figures.latest
        best = best_outcome_change(figures)
        rows.append({
            "District": district.name,
            "State": district.state,
            "Congressional district": district.congressional_district,
            **{label: getattr(district.profile, key) for key, label, _ in PROFILE_FIELDS},
            "Latest year": str(latest.school_year) if latest else None,
            "PL dollars": latest.total_usd if latest else None,
            "Title II-A dollars": latest.title_ii_a_usd if latest else None,
            "Title II-A share": latest.title_ii_a_share if latest else None,
            "Per teacher": latest.per_teacher_usd if latest else None,
            "Per student": latest.per_student_usd if latest else None,
            "PL dollars change %": (figures.total_change.relative_pct
                                    if figures.total_change else None),
            "Outcome": _outcome_label(best) if best else None,
            "Outcome change": best.change.delta if best else None,
        })
    return rows


@dataclass(frozen=True, slots=True, kw_only=True)
class Totals:
    """Sums and medians over many districts' comparison rows, each from its latest year.

    Every ratio divides sums over the same districts only: the Title II-A share over districts
    that report both Title II-A and total dollars, dollars per teacher over districts that
    report both dollars and teachers, so a district missing one figure never skews the other.
    """

    districts: int
    with_dollars: int  # districts with a latest-year PL dollar figure
    latest_years: tuple[str, ...]  # the distinct latest years those figures come from
    students: float | None
    teachers: float | None
    pl_usd: float | None
    title_ii_a_usd: float | None
    title_ii_a_share: float | None
    per_teacher_usd: float | None
    median_pl_usd: float | None
    median_per_teacher_usd: float | None


def totals(rows: Sequence[dict]) -> Totals:
    def known(*keys: str) -> list[dict]:
        return [row for row in rows if all(_number(row.get(key)) for key in keys)]

    def total(key: str, among: list[dict]) -> float | None:
        return sum(row[key] for row in among) if among else None

    def ratio(top: str, bottom: str) -> float | None:
        both = [row for row in known(top, bottom) if row[bottom]]
        if not both:
            return None
        return sum(row[top] for row in both) / sum(row[bottom] for row in both)

    dollars = known("PL dollars")
    per_teacher = known("Per teacher")
    return Totals(
        districts=len(rows), with_dollars=len(dollars),
        latest_years=tuple(sorted({row["Latest year"] for row in dollars if row["Latest year"]})),
        students=total(_SHORT["students"], known(_SHORT["students"])),
        teachers=total(_SHORT["teachers"], known(_SHORT["teachers"])),
        pl_usd=total("PL dollars", dollars),
        title_ii_a_usd=total("Title II-A dollars", known("Title II-A dollars")),
        title_ii_a_share=ratio("Title II-A dollars", "PL dollars"),
        per_teacher_usd=ratio("PL dollars", _SHORT["teachers"]),
        median_pl_usd=statistics.median(r["PL dollars"] for r in dollars) if dollars else None,
        median_per_teacher_usd=(statistics.median(r["Per teacher"] for r in per_teacher)
                                if per_teacher else None))


_SHORT = {key: label for key, label, _ in PROFILE_FIELDS}  # comparison rows' profile keys


def counts_in_bins(values: Iterable[float | None], edges: Sequence[float]) -> list[int]:
    """How many known values fall in [edges[i], edges[i+1]); the last bin is open-ended."""
    counts = [0] * len(edges)
    for value in values:
        if _number(value):
            counts[max(i for i, edge in enumerate(edges) if value >= edge or i == 0)] += 1
    return counts


def _number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and value == value  # NaN is not a number here


def best_outcome_change(figures: Figures) -> OutcomeChange | None:
    """The improvement with the largest relative size; None when nothing improved. A dollar
    series (salaries, costs) is context, never the result."""
    improved = [c for c in figures.outcome_changes if c.improved and c.unit is not Unit.USD]
    if not improved:
        return None
    return max(improved, key=lambda c: abs(c.change.relative_pct or 0.0))


def _outcome_label(change: OutcomeChange) -> str:
    return change.metric + (f" ({change.group})" if change.group else "")
