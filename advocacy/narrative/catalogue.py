"""Every number a story may cite, traced to where it came from, for the numbers check.

Owns the list of known values (profile fields, dollars by source and use and year, totals,
shares, per-teacher and per-student dollars, outcome values and their changes, the school
years present) and how each subject is named in prose, so a number can be matched to the
metric named next to it. Never reads story text (that is ``spans``), never decides a verdict
(that is ``numbers``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from typing import TypedDict

from advocacy import formatting, template
from advocacy.location import Location
from advocacy.metrics import Figures
from advocacy.model import (
    CLASS_SIZE_REDUCTION,
    COACHING,
    COURSES_WORKSHOPS,
    DISTRICT,
    STATE,
    TITLE_II_A,
    District,
    OutcomePoint,
    SchoolYear,
    Unit,
)
from advocacy.narrative.names import ACRONYMS, name_in_sentence, prose_name

LEVEL, CHANGE, GAP = "level", "change", "gap"  # what a known value is: see ``Known.role``


@dataclass(frozen=True, slots=True, kw_only=True)
class Known:
    kind: str  # "usd", "pct", "points", "count", "ratio", "multiple"
    value: float  # a change's size is unsigned; its direction is ``sign``
    subject: str  # key of the Subject it belongs to
    label: str  # "New-teacher retention rate, 2023-24"
    shown: str  # "88%"
    year: SchoolYear | None = None  # for a change: the year it is measured to
    at: Location | None = None
    derived: bool = False  # a complement or relative change: never offered as "the right figure"
    since: SchoolYear | None = None  # for a change: the year it is measured from
    role: str = LEVEL  # LEVEL (a value in a year), CHANGE (between two years), GAP (two series)
    sign: int = 0  # for a change: +1 rose, -1 fell, 0 did not move
    what: str = ""  # prose, without the year: "new-teacher retention rate"

    @property
    def source(self) -> str:
        return f"{self.label} ({self.shown})"

    @property
    def when(self) -> str:
        """" in 2023-24", " from 2019-20 to 2023-24", or "" for an undated profile figure."""
        if self.since is not None and self.year is not None:
            return f" from {self.since} to {self.year}"
        return f" in {self.year}" if self.year is not None else ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Subject:
    key: str
    pattern: re.Pattern[str]  # how prose names it
    generic: bool = False  # "professional learning" names everything; the last resort
    family: str | None = None  # the metric a grouped outcome series belongs to
    group: re.Pattern[str] | None = None  # how prose names its group ("coached teachers")


@dataclass(frozen=True, slots=True, kw_only=True)
class Catalogue:
    known: tuple[Known, ...]
    subjects: tuple[Subject, ...]
    years: tuple[SchoolYear, ...]  # every school year with any data
    spans: dict[int, str]  # "in four years": year gaps the data covers → "2019-20 to 2023-24"


# How the numbers check names each kind of profile number.
_KINDS = {template.Kind.COUNT: "count", template.Kind.MONEY: "usd", template.Kind.PERCENT: "pct",
          template.Kind.RATIO: "ratio"}
_NAMED = {
    TITLE_II_A: r"\bTitle II(?:-A|A|, Part A)?\b|\bTitle 2A?\b|\bfederal\b",
    STATE: r"\bstate\b",
    DISTRICT: r"\bdistrict (?:funds|dollars|money|budget)\b|\blocal\b",
    COACHING: r"\bcoaching\b",
    CLASS_SIZE_REDUCTION: r"\bclass[- ]size\b|\bsmaller classes\b",
    COURSES_WORKSHOPS: r"\bworkshops?\b|\bcourses?\b|\btrainings?\b",
}
_GENERIC = (r"\bprofessional[- ]learning\b|\bPL\b|\bspen[dt]\w*|\binvest\w*|\bbudget\b|"
            r"\bdollars\b|\bfunding\b|\btotal\b")
_EVERYWHERE = ("professional", "learning", "dollars", "spending", "teachers", "students",
               "district", "schools")
_STOPWORDS = {"rate", "rates", "percent", "number", "total", "with", "that", "this", "from",
              "their", "work", "year", "years", "student", "students", "teacher", "teachers",
              "completed", "level", "grade", "score", "scores", "share", "all"}


def build(district: District, figures: Figures) -> Catalogue:
    known: list[Known] = []
    subjects: list[Subject] = [Subject(key="total", pattern=re.compile(_GENERIC, re.I),
                                       generic=True)]
    _profile(district, known, subjects)
    _dollars(district, figures, known, subjects)
    _outcomes(district, known, subjects)
    years = sorted(set(district.years()) | {p.school_year for p in district.outcomes})
    spans = {len(years): f"{len(years)} school years of data"} if years else {}
    for first, last in combinations(years, 2):
        gap = last.start - first.start
        spans.setdefault(gap, f"{first} to {last} ({gap} {'year' if gap == 1 else 'years'})")
    return Catalogue(known=tuple(known), subjects=tuple(subjects), years=tuple(years),
                     spans=spans)


def _profile(district: District, known: list[Known], subjects: list[Subject]) -> None:
    profile = district.profile
    for field in template.PROFILE:
        value = getattr(profile, field.key)
        subjects.append(Subject(key=field.key, pattern=re.compile(field.prose, re.I)))
        if value is None:
            continue
        shown = formatting.profile_value(field.key, value)
        known.append(Known(kind=_KINDS[field.kind], value=float(value), subject=field.key,
                           label=field.plain_label, shown=shown, at=district.where(field.key),
                           what=_profile_what(field.plain_label)))
    if profile.teachers and profile.instructional_coaches:
        # "one coach for every 28 teachers" names the teachers, so it is filed under them.
        per_coach = profile.teachers / profile.instructional_coaches
        known.append(Known(kind="ratio", value=per_coach, subject="teachers",
                           label="Teachers per instructional coach",
                           shown=formatting.count(round(per_coach, 1)),
                           at=district.where("instructional_coaches"), derived=True,
                           what="teachers per instructional coach"))


def _profile_what(label: str) -> str:
    """"Number of schools" → "the number of schools"; "% English learners" → "the share of
    English learners"."""
    if label.startswith("% "):
        return "the share of " + label[2:]
    return "the " + label[:1].lower() + label[1:]


def _dollars(district: District, figures: Figures, known: list[Known],
             subjects: list[Subject]) -> None:
    lines = {(line.school_year, line.source): line.at for line in district.spending}
    lines |= {(line.school_year, line.use): line.at for line in district.uses}
    for kind, names, pick in (("source", district.sources(), lambda y: y.by_source),
                              ("use", district.use_names(), lambda y: y.by_use)):
        for name in names:
            key = f"{kind}:{name}"
            subjects.append(Subject(key=key, pattern=_name_pattern(name)))
            series = [(y.school_year, pick(y).get(name), pick(y).share(name))
                      for y in figures.years]
            for year, amount, share in series:
                if amount is None:
                    continue
                at = lines.get((year, name))
                prose = _dollar_what(name)
                known.append(_usd(amount, key, f"{name}, {year}", year, at, what=prose))
                if share is not None:
                    known.append(Known(kind="pct", value=share * 100, subject=key,
                                       label=f"{name} share of PL dollars, {year}",
                                       shown=formatting.share(share), year=year, at=at,
                                       what=f"{_possessive(name_in_sentence(name))} share "
                                            f"of professional-learning dollars"))
            present = [(y, a) for y, a, _ in series if a is not None]
            _changes(key, name, present, Unit.USD, known, what=_dollar_what(name))
            if len(present) > 1:
                recent = present[-5:]  # the template's five years
                known.append(Known(kind="usd", value=sum(a for _, a in recent), subject=key,
                                   label=f"{name}, {recent[0][0]} to {recent[-1][0]} total",
                                   shown=formatting.usd(sum(a for _, a in recent)),
                                   what=f"{_dollar_what(name)}, {recent[0][0]} to "
                                        f"{recent[-1][0]} together"))
    totals = [(y.school_year, y.total_usd) for y in figures.years if y.total_usd is not None]
    everything = "professional-learning dollars from all sources"
    for year, total in totals:
        known.append(_usd(total, "total", f"Total PL dollars, {year}", year, None,
                          what=everything))
    five = figures.five_year_total_usd()
    if five is not None and len(totals) > 1:
        known.append(Known(kind="usd", value=five, subject="total",
                           label=f"Total PL dollars, {totals[-5:][0][0]} to {totals[-1][0]}",
                           shown=formatting.usd(five),
                           what=f"{everything}, {totals[-5:][0][0]} to {totals[-1][0]} "
                                f"together"))
    _changes("total", "Total PL dollars", totals, Unit.USD, known, what=everything)
    for per, noun in (("per_teacher_usd", "teacher"), ("per_student_usd", "student")):
        key = f"per_{noun}"
        subjects.append(Subject(key=key, pattern=re.compile(
            rf"\b(?:per|each|a|every) {noun}\b", re.I)))
        for in_year in figures.years:
            value = getattr(in_year, per)
            if value is not None:
                known.append(_usd(value, key, f"PL dollars per {noun}, {in_year.school_year}",
                                  in_year.school_year, None,
                                  what=f"professional-learning dollars per {noun}"))


def _usd(value: float, subject: str, label: str, year: SchoolYear | None,
         at: Location | None, *, what: str) -> Known:
    return Known(kind="usd", value=value, subject=subject, label=label,
                 shown=formatting.usd(value), year=year, at=at, what=what)


def _dollar_what(name: str) -> str:
    if name in (TITLE_II_A, STATE, DISTRICT):
        return f"{name} dollars for professional learning"
    return f"professional-learning dollars for {name_in_sentence(name)}"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _outcomes(district: District, known: list[Known], subjects: list[Subject]) -> None:
    series = district.outcome_series()
    groups: dict[str, list[str | None]] = {}
    for metric, group in series:
        groups.setdefault(metric, []).append(group)
    for (metric, group), points in series.items():
        key = outcome_key(metric, group)
        name = metric + (f" ({group})" if group else "")
        grouped = len(groups[metric]) > 1
        subjects.append(Subject(key=key, pattern=_keyword_pattern(metric if grouped else name),
                                family=metric if grouped else None,
                                group=_group_pattern(group) if grouped and group else None))
        unit = next((p.unit for p in points if p.unit), None)
        kind = "pct" if unit is Unit.PERCENT else "usd" if unit is Unit.USD else "count"
        what = prose_name(metric, group, unit=unit)
        for point in points:
            label = f"{name}, {point.school_year}"
            known.append(Known(kind=kind, value=point.value, subject=key, label=label,
                               shown=formatting.value(point.value, unit),
                               year=point.school_year, at=point.at, what=what))
            if unit is Unit.PERCENT:
                # "29% left" is the other side of a 71% retention rate.
                known.append(Known(kind="pct", value=100 - point.value, subject=key,
                                   label=(f"the rest of {label} "
                                          f"({formatting.pct(point.value)})"),
                                   shown=formatting.pct(100 - point.value),
                                   year=point.school_year, at=point.at, derived=True,
                                   what=f"the other side of {what} "
                                        f"({formatting.pct(point.value)})"))
        _changes(key, name, [(p.school_year, p.value) for p in points], unit, known,
                 ats={p.school_year: p.at for p in points}, what=what)
    for metric, members in groups.items():
        for first, second in combinations(members, 2):
            _gaps(series[(metric, first)], series[(metric, second)], known)


def outcome_key(metric: str, group: str | None) -> str:
    return f"outcome:{metric}|{group or ''}"


def _gaps(one: tuple[OutcomePoint, ...], other: tuple[OutcomePoint, ...],
          known: list[Known]) -> None:
    """"Coached teachers stayed at a rate 7 points above all teachers": the gap, each year."""
    values = {p.school_year: p for p in other}
    for point in one:
        twin = values.get(point.school_year)
        if twin is None:
            continue
        unit = point.unit or twin.unit
        gap = abs(point.value - twin.value)
        kind = "points" if unit is Unit.PERCENT else "usd" if unit is Unit.USD else "count"
        label = f"gap between {point.group} and {twin.group} in {point.metric}"
        for member in (point, twin):
            known.append(Known(kind=kind, value=gap, subject=outcome_key(member.metric,
                                                                         member.group),
                               label=f"{label}, {point.school_year}", role=GAP,
                               shown=(formatting.points(gap).lstrip("+")
                                      if kind == "points" else formatting.value(gap, unit)),
                               year=point.school_year, at=member.at,
                               what=f"the gap between {point.group} and {twin.group} in "
                                    f"{prose_name(point.metric, unit=unit)}"))


class _Change(TypedDict):
    """The Known fields every figure of one change between two years shares."""

    subject: str
    year: SchoolYear
    since: SchoolYear
    at: Location | None
    role: str
    sign: int


def _changes(key: str, name: str, series: list[tuple[SchoolYear, float]], unit: Unit | None,
             known: list[Known], ats: dict[SchoolYear, Location | None] | None = None, *,
             what: str) -> None:
    """Every pair of years: the change, the relative change and the multiple."""
    for (year0, first), (year1, last) in combinations(series, 2):
        label = f"{name}, {year0} to {year1}"
        at = (ats or {}).get(year1)
        delta = last - first
        sign = (delta > 0) - (delta < 0)
        common: _Change = {"subject": key, "year": year1, "since": year0, "at": at,
                           "role": CHANGE, "sign": sign}
        if unit is Unit.PERCENT:
            known.append(Known(kind="points", value=abs(delta), label=f"change in {label}",
                               shown=formatting.points(delta), what=f"the change in {what}",
                               **common))
        elif unit is Unit.USD:
            known.append(Known(kind="usd", value=abs(delta), label=f"change in {label}",
                               shown=formatting.usd(abs(delta)), what=f"the change in {what}",
                               **common))
        else:
            known.append(Known(kind="count", value=abs(delta), label=f"change in {label}",
                               shown=formatting.count(delta), derived=True,
                               what=f"the change in {what}", **common))
        if first > 0:
            relative = abs(delta) / first * 100
            known.append(Known(kind="pct", value=relative, label=f"relative change in {label}",
                               shown=formatting.signed_pct(delta / first * 100), derived=True,
                               what=f"the percent change in {what}", **common))
            known.append(Known(kind="multiple", value=last / first,
                               label=f"{label}, last ÷ first",
                               shown=f"×{formatting.count(round(last / first, 2))}",
                               what=f"how many times over {what} grew", **common))


def _group_pattern(group: str) -> re.Pattern[str]:
    """A group is named by its own words: "coached teachers", "all teachers", "every teacher"."""
    words = group.lower().split()
    if words and words[0] in ("all", "every", "overall"):
        rest = r"\s+".join(re.escape(w) for w in words[1:]) or r"\w+"
        return re.compile(rf"\b(?:all\s+(?:of\s+)?(?:our\s+)?{rest}|every\s+\w+|overall|"
                          rf"district[- ]?wide)\b", re.I)
    distinct = [w for w in words if len(w) >= 4 and w not in _STOPWORDS]
    options = [re.escape(group)] + [rf"{re.escape(w)}" for w in distinct]
    return re.compile(r"\b(?:" + "|".join(options) + r")\b", re.I)


def _name_pattern(name: str) -> re.Pattern[str]:
    if name in _NAMED:
        return re.compile(_NAMED[name], re.I)
    return _keyword_pattern(name)


def _keyword_pattern(name: str) -> re.Pattern[str]:
    """A district's own label is named in prose by its distinctive words, in any form."""
    words = re.findall(r"[A-Za-z]+", name)
    stems = {w.lower()[:6] for w in words if len(w) >= 4 and w.lower() not in _STOPWORDS}
    # A stem that also begins everyday words of every story would name this metric everywhere.
    stems = {s for s in stems if not any(w.startswith(s) for w in _EVERYWHERE)}
    # Acronyms (ELA) match as written; "PL" names all professional learning, not one metric.
    acronyms = {w for w in words if len(w) >= 2 and w.isupper() and w != "PL"}
    if not stems and not acronyms:
        return re.compile(re.escape(name), re.I)
    # "English language arts" names ELA as well as the acronym does.
    acronyms |= {a for a in ACRONYMS if a in words}
    stems |= {w.lower()[:6] for a in acronyms if a in ACRONYMS for w in ACRONYMS[a].split()
              if len(w) >= 4 and w.lower() not in _STOPWORDS
              and not any(e.startswith(w.lower()[:6]) for e in _EVERYWHERE)}
    parts = [r"\b(?:" + "|".join(re.escape(s) for s in sorted(stems)) + r")\w*"] if stems else []
    parts += [rf"(?-i:\b{re.escape(a)}\b)" for a in sorted(acronyms)]
    return re.compile("|".join(parts), re.I)
