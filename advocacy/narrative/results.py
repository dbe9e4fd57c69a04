"""What the outcome series say as results: which improved, which got worse, which held steady,
which cannot be read, and how strong each is as evidence.

Owns the judgement the impact rests on, so drafts, facts and the Story page agree: a gain is
a change beyond noise (``metrics.within_noise``) in the metric's better direction; a
student or teacher outcome outranks a perception survey, which outranks an activity count;
a dollar series (salaries) is context and never a result; a series with one school year or
no known better direction is not a result either, and each of these says why. Measures from
the program's start year when a person gave one. Never words story parts (that is ``drafts``).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from advocacy import formatting
from advocacy.metrics import Figures, OutcomeChange, within_noise
from advocacy.model import District, SchoolYear, Unit
from advocacy.narrative.describe import growth_words
from advocacy.narrative.names import MetricKind, capitalised, metric_kind, prose_name


class Movement(enum.Enum):
    GAIN = "improved"
    WORSE = "got worse"
    STEADY = "held steady"
    UNKNOWN = "direction of better unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """One outcome series read from ``first_year`` to ``last_year``."""

    change: OutcomeChange
    kind: MetricKind
    name: str  # prose, lower-case first: "new-teacher retention rate"
    first_year: SchoolYear
    last_year: SchoolYear
    first: float
    last: float
    movement: Movement

    def show(self, amount: float) -> str:
        return formatting.value(amount, self.change.unit)

    @property
    def title(self) -> str:
        return capitalised(self.name)

    @property
    def verb(self) -> str:
        if self.movement is Movement.STEADY:
            return "held steady"
        return "rose" if self.last > self.first else "fell"

    @property
    def size(self) -> str:
        """How much it moved, as a reader says it: "17 points", "more than tripled"."""
        if self.change.unit is Unit.PERCENT:
            return formatting.points(abs(self.last - self.first)).lstrip("+−")
        return growth_words(self.last / self.first) if self.first > 0 else ""

    @property
    def strength(self) -> tuple:
        """Sort key, strongest first: the kind of evidence, then rates, then the size."""
        if self.change.unit is Unit.PERCENT:
            size = abs(self.last - self.first)
        else:
            size = abs(self.last - self.first) / abs(self.first) * 100 if self.first else 0.0
        return (self.kind.rank, self.change.unit is not Unit.PERCENT, -size)

    def from_to(self, *, years: bool = True) -> str:
        """"rose from 71% in 2019-20 to 88% in 2023-24" (or without the years)."""
        if self.movement is Movement.STEADY:
            return (f"held steady at about {self.show(self.last)}"
                    + (f" from {self.first_year} to {self.last_year}" if years else ""))
        if years:
            return (f"{self.verb} from {self.show(self.first)} in {self.first_year} to "
                    f"{self.show(self.last)} in {self.last_year}")
        return f"{self.verb} from {self.show(self.first)} to {self.show(self.last)}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Results:
    gains: tuple[Result, ...]  # strongest first
    worse: tuple[Result, ...]
    steady: tuple[Result, ...]
    unknown: tuple[Result, ...]
    context: tuple[Result, ...]  # dollar series: never a result
    single_year: tuple[tuple[str, SchoolYear], ...]  # (prose name, its only year)

    @property
    def no_gain_reason(self) -> str | None:
        """Why the impact has no result to report, as the Story page shows it; None when a
        result improved."""
        if self.gains:
            return None
        if self.worse:
            said = "; ".join(f"{r.name} {r.from_to()}" for r in self.worse[:2])
            return f"the outcome got worse: {said}"
        if self.steady:
            said = "; ".join(f"{r.name} {r.from_to()}" for r in self.steady[:2])
            return f"no outcome moved beyond noise (a point or less): {said}"
        if self.unknown:
            return (f"the data does not say whether higher is better for "
                    f"{self.unknown[0].name}")
        if self.single_year:
            name, year = self.single_year[0]
            return f"only one school year of {name} ({year}); a result needs two"
        if self.context:
            return (f"{self.context[0].name} is a dollar amount, not a result; add an outcome "
                    f"such as retention or proficiency")
        return "there is no outcome series; add one (for example new-teacher retention)"


def read_results(district: District, figures: Figures, *, started: SchoolYear | None = None,
                 names: Mapping[str, str] | None = None) -> Results:
    buckets: dict[str, list[Result]] = {"gain": [], "worse": [], "steady": [], "unknown": [],
                                        "context": []}
    for change in figures.outcome_changes:
        result = _read(change, started, names)
        if result.kind is MetricKind.DOLLARS:
            buckets["context"].append(result)
        else:
            buckets[{Movement.GAIN: "gain", Movement.WORSE: "worse", Movement.STEADY: "steady",
                     Movement.UNKNOWN: "unknown"}[result.movement]].append(result)
    single = tuple((prose_name(metric, group, unit=points[0].unit, names=names),
                    points[0].school_year)
                   for (metric, group), points in district.outcome_series().items()
                   if len({p.school_year for p in points}) < 2)
    return Results(gains=tuple(sorted(buckets["gain"], key=lambda r: r.strength)),
                   worse=tuple(sorted(buckets["worse"], key=lambda r: r.strength)),
                   steady=tuple(sorted(buckets["steady"], key=lambda r: r.strength)),
                   unknown=tuple(buckets["unknown"]), context=tuple(buckets["context"]),
                   single_year=single)


def _read(change: OutcomeChange, started: SchoolYear | None,
          names: Mapping[str, str] | None) -> Result:
    c = change.change
    first_year, first = c.first_year, c.first
    if started is not None:
        # The baseline is the last year before the program began; failing that, its first.
        before = ([p for p in change.points if p.school_year < started]
                  or [p for p in change.points if p.school_year == started])
        if before and before[-1].school_year < c.last_year:
            base = before[-1]
            if _movement(change, base.value, c.last) is Movement.GAIN:
                first_year, first = base.school_year, base.value
    return Result(change=change, kind=metric_kind(change.metric, change.unit),
                  name=prose_name(change.metric, change.group, unit=change.unit, names=names),
                  first_year=first_year, last_year=c.last_year, first=first, last=c.last,
                  movement=_movement(change, first, c.last))


def _movement(change: OutcomeChange, first: float, last: float) -> Movement:
    if within_noise(first, last, change.unit):
        return Movement.STEADY
    if change.higher_is_better is None:
        return Movement.UNKNOWN
    return Movement.GAIN if (last > first) == change.higher_is_better else Movement.WORSE
