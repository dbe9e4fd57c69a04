"""A labelled set of realistic stories for the numbers check, generated in code from fictional
districts.

Every number a story states is marked where it is written: ``⟦w|…⟧`` a wrong number (the
check must not accept it), ``⟦r|…⟧`` a right one (it must be accepted), ``⟦u|…⟧`` one the data
cannot back (it must be flagged "unverified", never "corrected"), ``⟦n|…⟧`` something that is
not a claim (a phone number, a date, a law's year: the check must leave it alone). Each mark
also carries its category, so recall and false alarms can be counted per category. The
sentences are written the way district staff write them: other years, other groups, wrong
directions, spelled-out numbers, points vs percent, rounding words, K/M money, derived figures
and unverifiable ones, near misses on both sides of each tolerance. Used by
``tests/unit/test_numbers_set.py`` and ``bench/bench_numbers.py``. All data is fictional.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from advocacy import fictional, formatting, metrics
from advocacy.metrics import Figures
from advocacy.model import COACHING, District, SchoolYear, Story, Unit

WRONG, RIGHT, UNVERIFIABLE, NOT_A_CLAIM = "w", "r", "u", "n"
CATEGORIES = ("year", "metric", "direction", "spelled", "points", "rounded", "money",
              "derived", "nonclaim", "unverifiable")
_MARK = re.compile(r"⟦([wrun])\|([a-z]+)\|(.*?)⟧")


@dataclass(frozen=True, slots=True)
class Label:
    part: str
    start: int
    end: int
    truth: str  # WRONG, RIGHT, UNVERIFIABLE or NOT_A_CLAIM
    category: str
    text: str


@dataclass(frozen=True, slots=True)
class Case:
    district: District
    figures: Figures
    story: Story
    labels: tuple[Label, ...]


def stories(count: int = 48, *, seed: int = 10) -> list[Case]:
    """``count`` stories, each on a fictional district, with every number labelled."""
    rng = random.Random(seed)
    districts = [*fictional.sample_districts(), *fictional.edge_districts(),
                 *fictional.statewide(max(0, count - 6), seed=seed)]
    cases = []
    for index, district in enumerate(districts[:count]):
        figures = metrics.compute(district)
        cases.append(_case(district, figures, rng, index))
    return cases


def _case(district: District, figures: Figures, rng: random.Random, index: int) -> Case:
    facts = _Facts(district, figures)
    parts: dict[str, list[str]] = {"challenge": [], "solution": [], "impact": []}
    order = list(CATEGORIES)
    rng.shuffle(order)
    for turn, category in enumerate(order * 2):
        sentences = [s for s in GENERATORS[category](facts, rng) if s]
        if sentences:
            parts[("challenge", "solution", "impact")[turn % 3]].append(rng.choice(sentences))
    if index % 4 == 0:  # some stories are lists, as people paste them from slides
        parts["solution"] = [f"{n}. {s}" for n, s in enumerate(parts["solution"], 1)]
        joiner = "\n"
    else:
        joiner = " "
    texts, labels = {}, []
    for part, sentences in parts.items():
        text, marks = _unmark(part, (joiner if part == "solution" else " ").join(sentences))
        texts[part] = text or None
        labels += marks
    if joiner == "\n":
        labels += [Label("solution", m.start(1), m.end(1), NOT_A_CLAIM, "nonclaim", m[1])
                   for m in re.finditer(r"(?m)^(\d+\.)", texts["solution"] or "")]
    return Case(district, figures, Story(**texts), tuple(labels))


def _unmark(part: str, marked: str) -> tuple[str, list[Label]]:
    out, labels, last = [], [], 0
    length = 0
    for match in _MARK.finditer(marked):
        out.append(marked[last:match.start()])
        length += match.start() - last
        labels.append(Label(part, length, length + len(match[3]), match[1], match[2], match[3]))
        out.append(match[3])
        length += len(match[3])
        last = match.end()
    out.append(marked[last:])
    return "".join(out), labels


class _Facts:
    """The district's true figures, as a story writer would look them up."""

    def __init__(self, district: District, figures: Figures) -> None:
        self.district = district
        self.figures = figures
        self.profile = district.profile
        series = district.outcome_series()
        self.rates = [(key, pts) for key, pts in series.items()
                      if pts[0].unit is Unit.PERCENT and len(pts) >= 3]
        self.counts = [(key, pts) for key, pts in series.items()
                       if pts[0].unit is Unit.COUNT and len(pts) >= 3]
        self.years = [y for y in figures.years if y.total_usd]

    @staticmethod
    def name(key: tuple[str, str | None]) -> str:
        metric, group = key
        metric = re.sub(r"\s*\(survey\)", "", metric)
        return metric + (f" for {group}" if group else "")


def _mark(truth: str, category: str, text: str) -> str:
    return f"⟦{truth}|{category}|{text}⟧"


def _pct(value: float) -> str:
    return formatting.pct(value, 0)


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def words(number: int) -> str:
    if number < 20:
        return _ONES[number]
    tens, ones = divmod(number, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def _far(value: float, rng: random.Random, *, at_least: float = 4.0, up_to: float = 9.0) -> float:
    step = rng.uniform(at_least, up_to)
    return value + step if value + step < 99 else value - step


def _year(years, rng) -> SchoolYear:
    return rng.choice(years)


# --- categories -------------------------------------------------------------------------


def _other_year(f: _Facts, rng: random.Random) -> Iterator[str]:
    years = f.years
    if len(years) >= 2 and years[0].title_ii_a_share and years[-1].title_ii_a_share:
        first, last = years[0], years[-1]
        share0, share1 = first.title_ii_a_share * 100, last.title_ii_a_share * 100
        if abs(share0 - share1) > 1.5:
            yield (f"In {first.school_year}, Title II-A paid for "
                   f"{_mark(WRONG, 'year', _pct(share1))} of our professional learning.")
        yield (f"In {last.school_year}, Title II-A paid for {_mark(RIGHT, 'year', _pct(share1))} "
               f"of our professional learning.")
    for key, points in f.rates[:2]:
        one, other = rng.sample(list(points), 2)
        name = f.name(key)
        yield f"In {one.school_year}, {name.lower()} was {_mark(RIGHT, 'year', _pct(one.value))}."
        if abs(one.value - other.value) > 1:
            yield (f"{name} was {_mark(WRONG, 'year', _pct(other.value))} in "
                   f"{one.school_year}.")
        # Near misses: an exact claim two points off is wrong; "about" one point off is right.
        yield (f"In {one.school_year}, {name.lower()} stood at "
               f"{_mark(WRONG, 'year', _pct(one.value + 2))}.")
        yield (f"{name} was about {_mark(RIGHT, 'year', _pct(round(one.value) + 1))} in "
               f"{one.school_year}.")
        first, last = points[0], points[-1]
        fiscal = f"FY{(last.school_year.end) % 100:02d}"
        yield f"{name} hit {_mark(RIGHT, 'year', _pct(last.value))} in {fiscal}."
        if abs(first.value - last.value) > 1:
            yield f"{name} hit {_mark(WRONG, 'year', _pct(first.value))} in {fiscal}."
            yield (f"{name} reached {_mark(RIGHT, 'year', _pct(last.value))} in "
                   f"{last.school_year}, {'up' if last.value > first.value else 'down'} from "
                   f"{_mark(RIGHT, 'year', _pct(first.value))} in {first.school_year}.")
            middle = points[len(points) // 2]
            if abs(middle.value - first.value) > 1:
                yield (f"{name} reached {_mark(RIGHT, 'year', _pct(last.value))} in "
                       f"{last.school_year}, {'up' if last.value > first.value else 'down'} "
                       f"from {_mark(WRONG, 'year', _pct(middle.value))} in {first.school_year}.")
        low, high = 5 * (last.value // 5), 5 * (last.value // 5) + 5
        yield (f"By {last.school_year}, {name.lower()} was between "
               f"{_mark(RIGHT, 'year', f'{low:.0f}% and {high:.0f}%')}.")
        yield (f"By {last.school_year}, {name.lower()} was between "
               f"{_mark(WRONG, 'year', f'{low + 10:.0f}% and {high + 10:.0f}%')}.")


def _other_metric(f: _Facts, rng: random.Random) -> Iterator[str]:
    series = f.district.outcome_series()
    groups = [(k, p) for k, p in series.items() if k[1]]
    if len(groups) >= 2:
        (one, p1), (two, p2) = groups[:2]
        if abs(p1[-1].value - p2[-1].value) > 1:
            yield (f"Retention for {two[1]} reached "
                   f"{_mark(WRONG, 'metric', _pct(p1[-1].value))} in {p1[-1].school_year}.")
        yield (f"Retention for {one[1]} reached {_mark(RIGHT, 'metric', _pct(p1[-1].value))} "
               f"in {p1[-1].school_year}.")
        gap = abs(p1[-1].value - p2[-1].value)
        yield (f"In {p1[-1].school_year}, {one[1]} stayed at a rate "
               f"{_mark(RIGHT, 'metric', formatting.points(gap).lstrip('+'))} higher than "
               f"{two[1]}.")
        yield (f"In {p1[-1].school_year}, {one[1]} stayed at a rate "
               f"{_mark(WRONG, 'metric', formatting.points(gap + 3).lstrip('+'))} higher than "
               f"{two[1]}.")
    if len(f.rates) >= 2:
        (k1, p1), (k2, p2) = f.rates[:2]
        if abs(p1[-1].value - p2[-1].value) > 2:
            yield (f"{f.name(k1)} stood at {_mark(WRONG, 'metric', _pct(p2[-1].value))} in "
                   f"{p1[-1].school_year}.")
    profile = f.profile
    if profile.english_learners_pct and profile.title_i_eligible_pct:
        yield (f"{_mark(RIGHT, 'metric', formatting.pct(profile.english_learners_pct))} of our "
               f"students are English learners.")
        if abs(profile.english_learners_pct - profile.title_i_eligible_pct) > 2:
            yield (f"{_mark(WRONG, 'metric', formatting.pct(profile.title_i_eligible_pct))} of "
                   f"our students are English learners.")
    if profile.schools and profile.title_i_schools and profile.schools != profile.title_i_schools:
        yield (f"All {_mark(WRONG, 'metric', formatting.count(profile.schools))} of our "
               f"Title I schools took part.")
        yield (f"We run {_mark(RIGHT, 'metric', formatting.count(profile.schools))} schools.")


def _direction(f: _Facts, rng: random.Random) -> Iterator[str]:
    for key, points in f.rates[:2]:
        first, last = points[0], points[-1]
        if abs(last.value - first.value) < 2:
            continue
        up = last.value > first.value
        name = f.name(key)
        verb, wrong_verb = ("rose", "fell") if up else ("fell", "rose")
        yield (f"{name} {verb} from {_mark(RIGHT, 'direction', _pct(first.value))} in "
               f"{first.school_year} to {_mark(RIGHT, 'direction', _pct(last.value))} in "
               f"{last.school_year}.")
        yield (f"{name} {wrong_verb} from {_mark(WRONG, 'direction', _pct(last.value))} to "
               f"{_mark(WRONG, 'direction', _pct(first.value))}.")
        size = formatting.points(abs(last.value - first.value)).lstrip("+")
        yield f"{name} {wrong_verb} {_mark(WRONG, 'direction', size)} since {first.school_year}."
        yield f"{name} {verb} {_mark(RIGHT, 'direction', size)} since {first.school_year}."
    change = f.figures.title_ii_a_change
    if change and change.relative_pct and abs(change.relative_pct) >= 3:
        size = formatting.pct(abs(change.relative_pct), 0)
        verb, wrong = ("was cut", "grew") if change.delta < 0 else ("grew", "was cut")
        yield (f"Since {change.first_year}, our Title II-A funding {verb} "
               f"{_mark(RIGHT, 'direction', size)}.")
        yield (f"Since {change.first_year}, our Title II-A funding {wrong} "
               f"{_mark(WRONG, 'direction', size)}.")
    for key, points in f.counts[:1]:
        first, last = points[0], points[-1]
        verb = "grew" if last.value > first.value else "fell"
        yield (f"{f.name(key)} {verb} from "
               f"{_mark(RIGHT, 'direction', formatting.count(first.value))}"
               f" to {_mark(RIGHT, 'direction', formatting.count(last.value))}.")


def _spelled(f: _Facts, rng: random.Random) -> Iterator[str]:
    for key, points in f.rates[:2]:
        last = points[-1]
        if not float(last.value).is_integer():
            continue
        value = int(last.value)
        yield (f"By {last.school_year}, {_mark(RIGHT, 'spelled', words(value) + ' percent')} "
               f"was our {f.name(key).lower()}.")
        wrong = value + rng.choice((-7, -5, 4, 6)) if 7 < value < 93 else value - 9
        yield (f"In {last.school_year}, our {f.name(key).lower()} reached "
               f"{_mark(WRONG, 'spelled', words(wrong) + ' percent')}.")
        first = points[0]
        delta = abs(int(last.value - first.value))
        if delta >= 2 and float(first.value).is_integer():
            verb = "rose" if last.value > first.value else "fell"
            yield (f"{f.name(key)} {verb} {_mark(RIGHT, 'spelled', words(delta) + ' points')} "
                   f"over four years.")
            yield (f"{f.name(key)} {verb} {_mark(WRONG, 'spelled', words(delta + 3) + ' points')}"
                   f" over four years.")
    coaches = f.profile.instructional_coaches
    if coaches and coaches < 100 and float(coaches).is_integer():
        yield f"{words(int(coaches)).capitalize()} instructional coaches work in our schools."
        yield (f"{_mark(WRONG, 'spelled', words(int(coaches) + 3).capitalize())} instructional "
               f"coaches work in our schools.")
    from advocacy.narrative.facts import fraction_words
    for value, noun in ((f.profile.title_i_eligible_pct, "is eligible for Title I"),
                        (f.profile.english_learners_pct, "is learning English")):
        said = fraction_words(value) if value else None
        if said:
            yield f"{_mark(RIGHT, 'spelled', said.capitalize())} of our students {noun}."
    el = f.profile.english_learners_pct
    if el:
        for k, n in ((1, 2), (1, 3), (1, 4), (1, 5), (1, 10), (2, 5), (3, 10)):
            share = k / n * 100
            phrase = f"{words(k)} in {words(n)}"
            if abs(share - el) <= 1:
                yield (f"{_mark(RIGHT, 'spelled', phrase.capitalize())} of our students is "
                       f"learning English.")
            elif abs(share - el) >= 6 and rng.random() < 0.3:
                yield (f"{_mark(WRONG, 'spelled', phrase.capitalize())} of our students is "
                       f"learning English.")


def _points(f: _Facts, rng: random.Random) -> Iterator[str]:
    for key, points in f.rates[:2]:
        first, last = points[0], points[-1]
        delta = last.value - first.value
        if abs(delta) < 2 or not first.value:
            continue
        relative = abs(delta) / first.value * 100
        verb = "rose" if delta > 0 else "fell"
        name = f.name(key)
        size = formatting.points(abs(delta)).lstrip("+")
        yield f"Since {first.school_year}, {name.lower()} {verb} {_mark(RIGHT, 'points', size)}."
        if abs(relative - abs(delta)) > 1.5:
            yield (f"Since {first.school_year}, {name.lower()} {verb} "
                   f"{_mark(WRONG, 'points', formatting.pct(abs(delta), 0))}.")
            yield (f"Since {first.school_year}, {name.lower()} {verb} "
                   f"{_mark(RIGHT, 'points', formatting.pct(relative, 0))}.")
            yield (f"Since {first.school_year}, {name.lower()} {verb} "
                   f"{_mark(WRONG, 'points', f'{round(relative)} points')}.")


def _rounded(f: _Facts, rng: random.Random) -> Iterator[str]:
    students = f.profile.students
    if students:
        low = (students // 100) * 100
        if low < students:
            yield f"We serve more than {_mark(RIGHT, 'rounded', formatting.count(low))} students."
        yield (f"We serve more than "
               f"{_mark(WRONG, 'rounded', formatting.count(round(students * 1.25, -2)))} students.")
        nearly = formatting.count(round(students * 1.05, -1))
        yield f"We serve nearly {_mark(RIGHT, 'rounded', nearly)} students."
    for key, points in f.rates[:1]:
        last = points[-1]
        near = 5 * round(last.value / 5)
        if abs(near - last.value) <= 2:
            yield (f"About {_mark(RIGHT, 'rounded', _pct(near))} of {f.name(key).lower()} in "
                   f"{last.school_year}.")
        yield (f"In {last.school_year}, {f.name(key).lower()} was about "
               f"{_mark(WRONG, 'rounded', _pct(round(last.value) + 4))}.")
    latest = f.figures.latest
    if latest and latest.total_usd:
        yield (f"We spend about {_mark(RIGHT, 'rounded', formatting.usd_compact(latest.total_usd))}"
               f" a year on professional learning.")
        yield (f"We spend about "
               f"{_mark(WRONG, 'rounded', formatting.usd_compact(latest.total_usd * 1.3))} a year "
               f"on professional learning.")


def _money(f: _Facts, rng: random.Random) -> Iterator[str]:
    latest = f.figures.latest
    if not latest or not latest.title_ii_a_usd:
        return
    amount = latest.title_ii_a_usd
    if amount < 1e6:
        k = f"${round(amount / 1000)}K"
        if abs(round(amount / 1000) * 1000 - amount) <= 500:
            yield (f"In {latest.school_year}, Title II-A gave us {_mark(RIGHT, 'money', k)} for "
                   f"professional learning.")
        wrong = f"${round(amount * 1.2 / 1000)}K"
        yield (f"In {latest.school_year}, Title II-A gave us {_mark(WRONG, 'money', wrong)} for "
               f"professional learning.")
    else:
        yield (f"Title II-A provided "
               f"{_mark(RIGHT, 'money', '$' + format(amount / 1e6, '.1f') + 'M')} in "
               f"{latest.school_year}.")
        yield (f"Title II-A provided "
               f"{_mark(WRONG, 'money', '$' + format(amount * 1.3 / 1e6, '.1f') + 'M')} in "
               f"{latest.school_year}.")
    coaching = latest.by_use.get(COACHING)
    if coaching:
        yield (f"Coaching cost {_mark(RIGHT, 'money', formatting.usd(coaching))} in "
               f"{latest.school_year}.")
        yield (f"Coaching cost {_mark(WRONG, 'money', formatting.usd(round(coaching * 0.8, -3)))}"
               f" in {latest.school_year}.")


def _derived(f: _Facts, rng: random.Random) -> Iterator[str]:
    latest = f.figures.latest
    if not latest:
        return
    if latest.per_teacher_usd:
        yield (f"We invest {_mark(RIGHT, 'derived', formatting.usd(latest.per_teacher_usd))} per "
               f"teacher in professional learning.")
        yield (f"We invest "
               f"{_mark(WRONG, 'derived', formatting.usd(latest.per_teacher_usd * 1.15))} per "
               f"teacher in professional learning.")
    if latest.per_student_usd:
        yield (f"Professional learning costs us "
               f"{_mark(RIGHT, 'derived', formatting.usd(latest.per_student_usd))} per student.")
        yield (f"Professional learning costs us "
               f"{_mark(WRONG, 'derived', formatting.usd(latest.per_student_usd * 1.2 + 3))} "
               f"per student.")
    share = latest.by_use.share(COACHING)
    if share:
        yield (f"Coaching took {_mark(RIGHT, 'derived', _pct(share * 100))} of our "
               f"professional-learning dollars in {latest.school_year}.")
        yield (f"Coaching took {_mark(WRONG, 'derived', _pct(share * 100 + 7))} of our "
               f"professional-learning dollars in {latest.school_year}.")
    change = dict(f.figures.use_changes).get(COACHING)
    if change and change.first > 0:
        ratio = change.last / change.first
        if ratio >= 2:
            from advocacy.narrative.describe import growth_words
            yield f"Coaching dollars {_mark(RIGHT, 'derived', growth_words(ratio))}."
            if ratio > 2.2:
                wrong = "quadrupled" if ratio < 3.5 else "doubled"
                yield f"Coaching dollars {_mark(WRONG, 'derived', wrong)}."
    five = f.figures.five_year_total_usd()
    if five and len(f.years) >= 5:
        yield (f"Over five years we spent "
               f"{_mark(RIGHT, 'derived', formatting.usd_compact(five))} on professional learning.")


def _nonclaim(f: _Facts, rng: random.Random) -> Iterator[str]:
    contact = f.district.contact
    yield f"Call {_mark(NOT_A_CLAIM, 'nonclaim', '(555) 010-0199')} to visit a coaching cycle."
    yield (f"Write to {_mark(NOT_A_CLAIM, 'nonclaim', 'pl.office@district.example.org')} or call "
           f"{_mark(NOT_A_CLAIM, 'nonclaim', '555-010-0134')}.")
    yield f"Our coaching model started on {_mark(NOT_A_CLAIM, 'nonclaim', 'March 14, 2022')}."
    yield (f"Title II-A of the Every Student Succeeds "
           f"{_mark(NOT_A_CLAIM, 'nonclaim', 'Act of 2015')} pays for this work.")
    yield (f"Coaching is the first goal of our {_mark(NOT_A_CLAIM, 'nonclaim', '2024-2029')} "
           f"strategic plan.")
    yield (f"Coaches work with teachers in {_mark(NOT_A_CLAIM, 'nonclaim', 'grades 3-8')} and meet "
           f"at {_mark(NOT_A_CLAIM, 'nonclaim', '3:30 p.m.')} each week.")
    yield (f"The plan was adopted on {_mark(NOT_A_CLAIM, 'nonclaim', '6/12/2023')}, under "
           f"{_mark(NOT_A_CLAIM, 'nonclaim', 'Section 2101')} of the law.")
    if contact.phone:
        yield f"Questions? Call {_mark(NOT_A_CLAIM, 'nonclaim', contact.phone)}."
    yield (f"See {_mark(NOT_A_CLAIM, 'nonclaim', 'www.district.example.org/pl-2024')} for our "
           f"{_mark(NOT_A_CLAIM, 'nonclaim', 'K-12')} plan, written after "
           f"{_mark(NOT_A_CLAIM, 'nonclaim', 'COVID-19')}.")
    yield (f"Coaches meet in {_mark(NOT_A_CLAIM, 'nonclaim', 'Room 204')} at "
           f"{_mark(NOT_A_CLAIM, 'nonclaim', '123 Lakeview Avenue')}.")


def _unverifiable(f: _Facts, rng: random.Random) -> Iterator[str]:
    yield (f"We spent {_mark(UNVERIFIABLE, 'unverifiable', '$48K')} on substitutes for release "
           f"time.")
    yield f"{_mark(UNVERIFIABLE, 'unverifiable', 'Three')} summer institutes drew new teachers."
    yield (f"Our {_mark(UNVERIFIABLE, 'unverifiable', '12')} mentors each meet weekly with a "
           f"new teacher.")
    yield (f"Parents joined {_mark(UNVERIFIABLE, 'unverifiable', '40')} family literacy nights "
           f"last year.")
    yield (f"Principals logged {_mark(UNVERIFIABLE, 'unverifiable', '1,240')} classroom "
           f"walkthroughs.")


GENERATORS: dict[str, Callable[[_Facts, random.Random], Iterator[str]]] = {
    "year": _other_year, "metric": _other_metric, "direction": _direction, "spelled": _spelled,
    "points": _points, "rounded": _rounded, "money": _money, "derived": _derived,
    "nonclaim": _nonclaim, "unverifiable": _unverifiable,
}


@dataclass(frozen=True, slots=True)
class Score:
    wrong: int
    caught: int  # wrong numbers not accepted
    right: int
    rejected: int  # right numbers not accepted
    non_claims: int
    read_as_claims: int  # non-claims the check reported on
    unverifiable: int
    unverified: int  # unverifiable numbers flagged "unverified"
    misses: tuple[tuple[str, str, str], ...]  # (category, number, sentence) not caught
    false_alarms: tuple[tuple[str, str, str, str], ...]  # (category, number, status, message)

    @property
    def recall(self) -> float:
        return self.caught / self.wrong if self.wrong else 1.0

    @property
    def false_alarm_count(self) -> int:
        return self.rejected + self.read_as_claims


def score(cases: list[Case], checker) -> Score:
    """Run ``checker(district, figures, story)`` on every case and count against the labels."""
    from advocacy.narrative import UNVERIFIED, VERIFIED

    counts = {"wrong": 0, "caught": 0, "right": 0, "rejected": 0, "non": 0, "read": 0,
              "unv": 0, "unv_ok": 0}
    misses, alarms = [], []
    for case in cases:
        checks = checker(case.district, case.figures, case.story)
        for label in case.labels:
            text = getattr(case.story, label.part) or ""
            near = [c for c in checks if c.part == label.part and c.start < label.end
                    and label.start < c.end]
            if label.truth == NOT_A_CLAIM:
                counts["non"] += 1
                if near:
                    counts["read"] += 1
                    alarms.append((label.category, label.text, near[0].status, near[0].message))
            elif label.truth == WRONG:
                counts["wrong"] += 1
                if near and any(c.status != VERIFIED for c in near):
                    counts["caught"] += 1
                else:
                    misses.append((label.category, label.text, _sentence(text, label.start)))
            elif label.truth == RIGHT:
                counts["right"] += 1
                if not near or any(c.status != VERIFIED for c in near):
                    counts["rejected"] += 1
                    bad = next((c for c in near if c.status != VERIFIED), None)
                    alarms.append((label.category, label.text,
                                   bad.status if bad else "not read",
                                   (bad.message if bad else "") + " | "
                                   + _sentence(text, label.start)))
            else:
                counts["unv"] += 1
                if near and all(c.status == UNVERIFIED for c in near):
                    counts["unv_ok"] += 1
                else:
                    misses.append((label.category, label.text, _sentence(text, label.start)))
    return Score(counts["wrong"], counts["caught"], counts["right"], counts["rejected"],
                 counts["non"], counts["read"], counts["unv"], counts["unv_ok"], tuple(misses),
                 tuple(alarms))


def _sentence(text: str, position: int) -> str:
    start = max(text.rfind(". ", 0, position) + 2, 0)
    end = text.find(". ", position)
    return text[start:end + 1 if end >= 0 else len(text)]
