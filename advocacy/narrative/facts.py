"""Headline facts: the few true, sourced sentences a district's data supports, strongest first.

Owns which comparisons are strong enough to state and the plain wording of each one, with the
numbers it cites, the cells they came from and the years it compares. Refuses what the data
cannot carry (one year, a change within noise, a missing endpoint, unknown direction of
"better") and says why. Never computes figures itself beyond shares of a year's total (that is
``metrics``), never drafts whole story parts (that is ``drafts``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from advocacy import formatting
from advocacy.location import Location
from advocacy.metrics import Figures, OutcomeChange, within_noise
from advocacy.model import TITLE_II_A, District, SchoolYear, Unit
from advocacy.narrative.describe import growth_words
from advocacy.narrative.names import metric_kind, name_in_sentence, people, prose_name


@dataclass(frozen=True, slots=True, kw_only=True)
class Number:
    """One number a fact cites: its value, how it is written, and its unit (None for ratios)."""

    value: float
    text: str
    unit: Unit | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    kind: str  # "outcome_gain", "use_shift", "title_ii_a_share", "per_teacher", "profile", …
    text: str
    numbers: tuple[Number, ...]
    sources: tuple[Location, ...]  # empty when the district was built in code
    comparison: str | None  # "2019-20 vs 2023-24"; None for a single value
    subject: str = ""  # the metric, use or profile field the fact is about


@dataclass(frozen=True, slots=True, kw_only=True)
class Refusal:
    """A fact the data does not support, and why; shown so a user can see what is missing."""

    kind: str
    subject: str
    reason: str


# Strength tiers, strongest first: a result beats an investment, an investment beats context.
_TIERS = ("outcome_gain", "use_shift", "title_ii_a_share", "title_ii_a_dollars", "per_teacher",
          "total_dollars", "profile", "outcome_change")

_PROFILE_FACTS = (
    ("english_learners_pct", "are English learners"),
    ("title_i_eligible_pct", "are eligible for Title I"),
    ("special_education_pct", "receive special education services"),
)


def headline_facts(district: District, figures: Figures) -> list[Fact]:
    """Every supported fact, ranked: outcome gains by size, then dollars, then the profile."""
    facts = [item for item in _candidates(district, figures) if isinstance(item, Fact)]
    return sorted(facts, key=lambda fact: _TIERS.index(fact.kind))


# Which facts fit which story part, in Learning Forward's order: a need, what was done, a result.
_PART_FACTS = {"challenge": ("outcome_change", "profile", "title_ii_a_dollars"),
               "solution": ("use_shift", "title_ii_a_share", "per_teacher", "total_dollars"),
               "impact": ("outcome_gain",)}


def facts_for(part: str, facts: list[Fact]) -> list[Fact]:
    """The facts a person may insert into ``part`` as sentences, in the order that part wants
    them (for a challenge, what got worse comes first)."""
    kinds = _PART_FACTS.get(part, ())
    return sorted((fact for fact in facts if fact.kind in kinds),
                  key=lambda fact: kinds.index(fact.kind))


def refused_facts(district: District, figures: Figures) -> list[Refusal]:
    return [item for item in _candidates(district, figures) if isinstance(item, Refusal)]


def _candidates(district: District, figures: Figures) -> list[Fact | Refusal]:
    found: list[Fact | Refusal] = []
    found += _outcome_facts(district, figures)
    found += _use_shift(district, figures)
    found += _title_ii_a(district, figures)
    found += _dollars(district, figures)
    found += _profile_facts(district)
    return found


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def outcome_name(change: OutcomeChange) -> str:
    return capitalised(prose_name(change.metric, change.group, unit=change.unit))


def _locations(*items) -> tuple[Location, ...]:
    return tuple(at for at in items if at is not None)


def _num(value: float, unit: Unit | None) -> Number:
    if unit is None:
        return Number(value=value, text=formatting.ratio(value), unit=None)
    if unit is Unit.USD and abs(value) >= 1e6:
        # Written as the drafts write it ("$2.7 million"): one way per figure on the page.
        return Number(value=value, text=formatting.usd_compact(value), unit=unit)
    return Number(value=value, text=formatting.value(value, unit), unit=unit)


def _span(first: SchoolYear, last: SchoolYear) -> str:
    return f"{first} vs {last}"


def _outcome_facts(district: District, figures: Figures) -> list[Fact | Refusal]:
    found: list[Fact | Refusal] = []
    for (metric, group), points in district.outcome_series().items():
        if len({p.school_year for p in points}) < 2:
            subject = metric + (f" for {group}" if group else "")
            found.append(Refusal(kind="outcome_gain", subject=subject,
                                 reason=f"only one school year ({points[0].school_year})"))
    for change in figures.outcome_changes:
        subject = outcome_name(change)
        if change.within_noise:
            found.append(Refusal(kind="outcome_gain", subject=subject,
                                 reason="it held steady (a change of a point or less)"))
            continue
        if change.improved:
            continue
        reason = ("the data does not say whether higher is better"
                  if change.higher_is_better is None else "the outcome got worse")
        found.append(Refusal(kind="outcome_gain", subject=subject, reason=reason))
        found.append(_outcome_fact(change, kind="outcome_change"))
    found += [_outcome_fact(change, kind="outcome_gain") for change in ranked_gains(figures)]
    return found


def ranked_gains(figures: Figures) -> list[OutcomeChange]:
    """Improvements beyond noise with a known direction of better, strongest first.

    Student and teacher outcomes come before perception surveys and activity counts; a dollar
    series (salaries) is never a gain. Then rates, which describe the people affected; within
    each, the bigger change first (points for rates, relative for others).
    """
    gains = [change for change in figures.outcome_changes if change.improved
             and metric_kind(change.metric, change.unit).is_result]
    return sorted(gains, key=lambda c: (metric_kind(c.metric, c.unit).rank,
                                        c.unit is not Unit.PERCENT, -_outcome_size(c)))


def _outcome_size(change: OutcomeChange) -> float:
    if change.unit is Unit.PERCENT:
        return abs(change.change.delta)
    return abs(change.change.relative_pct or 0.0)


def _outcome_fact(change: OutcomeChange, *, kind: str) -> Fact:
    c = change.change
    first, last = _num(c.first, change.unit), _num(c.last, change.unit)
    verb = "rose" if c.delta > 0 else "fell"
    text = (f"{outcome_name(change)} {verb} from {first.text} in {c.first_year} "
            f"to {last.text} in {c.last_year}")
    numbers = [first, last]
    if change.unit is Unit.PERCENT:
        delta = Number(value=c.delta, text=formatting.points(c.delta), unit=Unit.PERCENT)
        numbers.append(delta)
        text += f" ({delta.text})"
    elif c.first > 0 and c.last / c.first >= 2:
        text += f": it {growth_words(c.last / c.first)}"
    first_point = next(p for p in change.points if p.school_year == c.first_year)
    last_point = next(p for p in change.points if p.school_year == c.last_year)
    return Fact(kind=kind, text=text + ".", numbers=tuple(numbers),
                sources=_locations(first_point.at, last_point.at),
                comparison=_span(c.first_year, c.last_year), subject=outcome_name(change))


@dataclass(frozen=True, slots=True, kw_only=True)
class Shift:
    """The use whose share of a year's professional-learning dollars grew most, and the one
    that fell most (None when none fell), first year vs last, in percent points."""

    first_year: SchoolYear
    last_year: SchoolYear
    grew: tuple[str, float, float]  # the biggest rise; the biggest fall when nothing rose
    fell: tuple[str, float, float] | None

    @property
    def rising(self) -> bool:
        return self.grew[2] > self.grew[1]


def use_shift(district: District, figures: Figures) -> Shift | Refusal:
    years = [y for y in figures.years if y.by_use.items]
    if len(years) < 2:
        return Refusal(kind="use_shift", subject="uses", reason="fewer than two school years")
    first, last = years[0], years[-1]
    shifts = []
    for name in district.use_names():
        share0, share1 = first.by_use.share(name), last.by_use.share(name)
        # A use missing at an endpoint is unknown, not zero: comparing it would invent a shift.
        if share0 is not None and share1 is not None:
            shifts.append((name, share0 * 100, share1 * 100))
    moving = [s for s in shifts if not within_noise(s[1], s[2], Unit.PERCENT)]
    if not moving:
        return Refusal(kind="use_shift", subject="uses",
                       reason="no use's share moved by a point or more")
    grew = max(moving, key=lambda s: s[2] - s[1])
    biggest_fall = min(moving, key=lambda s: s[2] - s[1])
    fell: tuple[str, float, float] | None = biggest_fall
    if grew[2] < grew[1]:
        # Nothing rose (another use is missing at an endpoint): lead with the biggest fall.
        grew, fell = biggest_fall, None
    return Shift(first_year=first.school_year, last_year=last.school_year, grew=grew,
                 fell=fell if fell is not grew and fell and fell[2] < fell[1] else None)


def share_number(percent: float) -> Number:
    """Shares read as whole percents at a glance; small ones keep a decimal so 3.5% is not 4%."""
    return Number(value=percent, text=formatting.pct(percent, 0 if percent >= 10 else None),
                  unit=Unit.PERCENT)


def _use_shift(district: District, figures: Figures) -> list[Fact | Refusal]:
    found: list[Fact | Refusal] = []
    years = [y for y in figures.years if y.by_use.items]
    for name in district.use_names():
        missing = [y.school_year for y in (years[0], years[-1]) if y.by_use.get(name) is None]
        if missing:
            found.append(Refusal(kind="use_shift", subject=name, reason=f"missing in {missing[0]}"))
    shift = use_shift(district, figures)
    if isinstance(shift, Refusal):
        return [*found, shift]
    name, share0, share1 = shift.grew
    numbers = [share_number(share0), share_number(share1)]
    verb = "grew" if share1 > share0 else "fell"
    text = (f"{capitalised(name_in_sentence(name))} {verb} from {numbers[0].text} to "
            f"{numbers[1].text} of professional-learning dollars between "
            f"{shift.first_year} and {shift.last_year}")
    subjects = [name]
    if shift.fell:
        fell, fell0, fell1 = shift.fell
        numbers += [share_number(fell0), share_number(fell1)]
        text += (f", while {name_in_sentence(fell)} fell from {numbers[2].text} "
                 f"to {numbers[3].text}")
        subjects.append(fell)
    at = [u.at for u in district.uses if u.use in subjects
          and u.school_year in (shift.first_year, shift.last_year)]
    found.append(Fact(kind="use_shift", text=text + ".", numbers=tuple(numbers),
                      sources=_locations(*at),
                      comparison=_span(shift.first_year, shift.last_year),
                      subject=" → ".join(reversed(subjects))))
    return found


def _title_ii_a(district: District, figures: Figures) -> list[Fact | Refusal]:
    years = [y for y in figures.years if y.total_usd]
    if not years or years[-1].title_ii_a_share is None:
        known = bool(years) and years[-1].title_ii_a_usd is not None
        return [Refusal(kind="title_ii_a_share", subject=TITLE_II_A,
                        reason="the State or District amount is unknown in the latest year"
                        if known else "no Title II-A dollars in the latest year")]
    first, last = years[0], years[-1]
    assert last.title_ii_a_share is not None  # years[-1] was checked above
    at = [line.at for line in district.spending if line.source == TITLE_II_A
          and line.school_year in (first.school_year, last.school_year)]
    share1 = share_number(last.title_ii_a_share * 100)
    text = f"Title II-A paid for {share1.text} of professional learning in {last.school_year}"
    found: list[Fact | Refusal] = []
    if first is last or first.title_ii_a_share is None:
        found.append(Refusal(kind="title_ii_a_share", subject="trend",
                             reason="Title II-A is missing in the first year or there is one year"))
        return [*found, Fact(kind="title_ii_a_share", text=text + ".", numbers=(share1,),
                             sources=_locations(*at), comparison=str(last.school_year),
                             subject=TITLE_II_A)]
    share0 = share_number(first.title_ii_a_share * 100)
    if within_noise(share0.value, share1.value, Unit.PERCENT):
        text += f", about the same as in {first.school_year}"
    else:
        direction = "down" if share1.value < share0.value else "up"
        text += f", {direction} from {share0.text} in {first.school_year}"
    found.append(Fact(kind="title_ii_a_share", text=text + ".", numbers=(share0, share1),
                      sources=_locations(*at),
                      comparison=_span(first.school_year, last.school_year), subject=TITLE_II_A))
    change = figures.title_ii_a_change
    if change and change.relative_pct is not None and not within_noise(change.first, change.last,
                                                                        Unit.USD):
        numbers = (_num(change.first, Unit.USD), _num(change.last, Unit.USD),
                   Number(value=abs(change.relative_pct),
                          text=formatting.pct(abs(change.relative_pct), 0), unit=Unit.PERCENT))
        verb = "fell" if change.delta < 0 else "rose"
        found.append(Fact(
            kind="title_ii_a_dollars", subject=TITLE_II_A,
            text=(f"Title II-A funding for professional learning {verb} {numbers[2].text}, "
                  f"from {numbers[0].text} in {change.first_year} to {numbers[1].text} "
                  f"in {change.last_year}."),
            numbers=numbers, sources=_locations(*at),
            comparison=_span(change.first_year, change.last_year)))
    return found


def _dollars(district: District, figures: Figures) -> list[Fact | Refusal]:
    found: list[Fact | Refusal] = []
    latest = figures.latest
    if latest is None or latest.total_usd is None:
        return [Refusal(kind="per_teacher", subject="teachers", reason="no spending data")]
    year_lines = [line.at for line in district.spending if line.school_year == latest.school_year]
    if latest.per_teacher_usd is None:
        found.append(Refusal(kind="per_teacher", subject="teachers",
                             reason="the number of teachers is missing"))
    else:
        teachers = district.profile.teachers
        assert teachers is not None  # metrics gives a per-teacher figure only with teachers
        # FTE counts read as whole people in prose: 512.5 teachers are "513 teachers".
        numbers = (_num(latest.per_teacher_usd, Unit.USD),
                   Number(value=teachers, text=people(teachers), unit=Unit.COUNT))
        found.append(Fact(
            kind="per_teacher", subject="teachers",
            text=(f"In {latest.school_year}, we spent {numbers[0].text} per teacher on "
                  f"professional learning, across {numbers[1].text} teachers."),
            numbers=numbers,
            sources=_locations(*year_lines, district.where("teachers")),
            comparison=str(latest.school_year)))
    change = figures.total_change
    if change and change.relative_pct is not None and not within_noise(change.first, change.last,
                                                                        Unit.USD):
        numbers = (_num(change.first, Unit.USD), _num(change.last, Unit.USD))
        verb = "grew" if change.delta > 0 else "fell"
        found.append(Fact(
            kind="total_dollars", subject="total",
            text=(f"Professional-learning dollars {verb} from {numbers[0].text} in "
                  f"{change.first_year} to {numbers[1].text} in {change.last_year}."),
            numbers=numbers, sources=_locations(*year_lines),
            comparison=_span(change.first_year, change.last_year)))
    return found


def _profile_facts(district: District) -> list[Fact | Refusal]:
    profile = district.profile
    facts = []
    for field, phrase in _PROFILE_FACTS:
        value = getattr(profile, field)
        if value is None:
            continue
        number = _num(value, Unit.PERCENT)
        # "Of our 48,300 students, 72% …": a sentence never opens on a numeral.
        of_whom = (f"Of our {formatting.count(profile.students)} students"
                   if profile.students else "Of our students")
        text = f"{of_whom}, {number.text} {phrase}"
        words = fraction_words(value)
        facts.append(Fact(kind="profile", subject=field,
                          text=text + (f": {words}." if words else "."),
                          numbers=(number,), sources=_locations(district.where(field)),
                          comparison=None))
    # The most striking share first: it frames the challenge best.
    facts.sort(key=lambda fact: -fact.numbers[0].value)
    return list(facts)


_FRACTIONS = tuple(sorted(
    {(k / n * 100, k, n) for n in range(2, 11) for k in range(1, n)
     if math.gcd(k, n) == 1 and (k == 1 or n <= 5)}))
_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
          8: "eight", 9: "nine", 10: "ten"}


def fraction_words(percent: float) -> str | None:
    """A share as people say it: 28 → "more than one in four"; None when nothing is close."""
    nearest, k, n = min(_FRACTIONS, key=lambda f: abs(f[0] - percent))
    gap = percent - nearest
    if abs(gap) > 3:
        return None
    words = "half" if k == 1 and n == 2 else f"{_WORDS[k]} in {_WORDS[n]}"
    if abs(gap) <= 0.5:
        return words
    return f"more than {words}" if gap > 0 else f"nearly {words}"
