"""The figure set large beside each story part, and the outcome chart the impact names.

Owns two choices every export must agree on. A part's key number is the first number in its
text that the numbers check traced to the data (percentages and dollars before counts; in "from
9.7% to 41%" the claim is where it arrived), captioned with what it measures. The impact's is a
result read from an outcome series (its latest value, with where it started), never a baseline
and never a spending share. The outcome chart is the one the impact names (by its metric, or by
a number traced to it), else the best improvement, else the first. Never formats outside
``formatting`` and never renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advocacy import formatting, metrics, narrative
from advocacy.charts import ChartSpec
from advocacy.metrics import Figures
from advocacy.model import District, OutcomePoint, Story
from advocacy.narrative.names import prose_name
from advocacy.narrative.spans import find_numbers

_PREFERRED = (("pct", "points", "usd"), ("multiple", "count", "ratio"))
_FROM_TO = re.compile(r"\s*(?:to|→|-|–)\s*")
_SHOWN = re.compile(r"\s*\([^()]*\)$")  # "New-teacher retention rate, 2023-24 (88%)"
MAX_CHARACTERS = 14  # wider figures do not fit the key column at the key size
MAX_CAPTION = 48  # characters of the story's words that fit two caption lines with the year
_CLAUSE = re.compile(r"[^,;:.!?()\u2014]*")  # to the end of the clause


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyNumber:
    value: str  # "88%", as printed
    caption: str  # what it measures: "New-teacher retention rate, 2023-24"


def from_text(part: str, text: str, checks: list) -> KeyNumber | None:
    """The first traced number of a part, by kind preference, with the check's label."""
    traced = {c.start: c for c in checks
              if c.part == part and c.status == narrative.VERIFIED and c.source}
    captions = {s.start: caption for s in find_numbers(text) if s.start in traced
                if (caption := _caption(traced[s.start], text, s.end))}
    spans = [s for s in find_numbers(text) if s.start in captions]
    for kinds in _PREFERRED:
        chosen = [s for s in spans if s.kind in kinds]
        if chosen:
            break
    else:
        return None
    pick, later = chosen[0], chosen[1:]
    while later and _FROM_TO.fullmatch(text[pick.end:later[0].start]):
        pick, later = later[0], later[1:]
    if len(pick.text) > MAX_CHARACTERS:
        return None
    return KeyNumber(value=pick.text, caption=captions[pick.start])


def _caption(check, text: str, end: int) -> str | None:
    """What a traced number measures. A figure the data states has its own label; one worked
    out from it (29% is the other side of a 71% retention rate) is said in the story's own
    words after the number ("of our new teachers left within a year") with its year, and is
    no key number when the story gives none."""
    if not check.derived:
        return _SHOWN.sub("", check.source)
    clause = _CLAUSE.match(text, end)
    assert clause is not None  # the pattern matches the empty string, so always matches
    words = clause.group().split()
    while words and len(" ".join(words)) > MAX_CAPTION:
        words.pop()
    return " ".join(words) + check.when if len(words) >= 2 else None


def outcome_chart(specs: tuple[ChartSpec, ...], figures: Figures, impact: str,
                  checks: list) -> ChartSpec | None:
    outcomes = [spec for spec in specs if spec.kind == "line"]
    if not outcomes:
        return None
    folded = impact.casefold()
    sources = [(c.start, c.source.casefold()) for c in checks
               if c.part == "impact" and c.status == narrative.VERIFIED and c.source]
    named = []
    for index, spec in enumerate(outcomes):
        title = spec.title.casefold()
        # A drafted impact names a metric by its prose name ("the share of teachers who say
        # …"), a person's by its label: either ties the chart to the story.
        names = {title, prose_name(spec.title, unit=spec.unit).casefold()}
        where = [folded.find(name) for name in names if name in folded]
        where += [start for start, source in sources if source.startswith(title)]
        if where:
            named.append((min(where), index))
    if named:
        return outcomes[min(named)[1]]
    best = metrics.best_outcome_change(figures)
    return next((s for s in outcomes if best and s.id == f"outcome:{best.metric}"), outcomes[0])


def impact(district: District, figures: Figures, chart: ChartSpec | None,
           story: Story) -> KeyNumber | None:
    """The latest value of the charted outcome: the group the impact names, else the group
    that improved most, else the first."""
    if chart is None:
        return None
    metric = chart.id.removeprefix("outcome:")
    series = {group: points for (name, group), points in district.outcome_series().items()
              if name == metric and points}
    if not series:
        return None
    text = (story.impact or "").casefold()
    named = [group for group in series if group and group.casefold() in text]
    best = [c for c in figures.outcome_changes if c.metric == metric and c.improved]
    best.sort(key=lambda c: -abs(c.change.relative_pct or 0.0))
    group = (named[0] if named else best[0].group if best else next(iter(series)))
    return _result(metric, group, series[group])


def _result(metric: str, group: str | None, points: tuple[OutcomePoint, ...]) -> KeyNumber:
    unit = next((p.unit for p in points if p.unit), None)
    first, last = points[0], points[-1]
    caption = metric + (f" ({group})" if group else "") + f", {last.school_year}"
    if first is not last:
        caption += f"; {formatting.value(first.value, unit)} in {first.school_year}"
    return KeyNumber(value=formatting.value(last.value, unit), caption=caption)
