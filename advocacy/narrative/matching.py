"""Which known figures a claim may be compared with, and whether its number matches one.

Owns the rules of a fair comparison: the same metric and group (the subjects named in the
number's clause), the same school year or span, the same kind of figure (a level is not a
change, a share is not a count), the direction word respected, and the stated rounding
tolerances ("about", "nearly", "more than", ranges). Never reads prose beyond the subjects'
patterns, never words a verdict (that is ``numbers``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advocacy.model import SchoolYear
from advocacy.narrative.catalogue import CHANGE, GAP, LEVEL, Catalogue, Known, Subject
from advocacy.narrative.claims import Claim

# Stated tolerances for rounded claims. "about 90%" matches 88% (within 2 points); "about
# $1.2 million" matches within 5%; "more than 8,000" matches 8,000 to 15% above it; "nearly"
# the same below. A fraction ("one in four") is itself a rounding, so it gets a point either side.
APPROX_POINTS = 2.0
APPROX_RELATIVE = 0.05
BOUND_POINTS = 5.0
BOUND_RELATIVE = 0.15
FRACTION_POINTS = 1.0
MULTIPLE_RELATIVE = 0.03  # "doubled" is 1.94x to 2.06x

_ABOUT = {"about", "around", "roughly", "approximately", "some", "close to"}
_ABOVE = {"more than", "over", "at least", "just over"}
_BELOW = {"nearly", "almost", "just under", "fewer than", "less than", "under", "up to"}
# Which known values a number of each kind may be compared with.
COMPARABLE = {"usd": ("usd",), "pct": ("pct",), "fraction": ("pct",), "points": ("points",),
              "count": ("count", "ratio", "usd"), "ratio": ("ratio",), "multiple": ("multiple",)}


# Plain nouns that longer names contain: "Title I schools", "students per teacher".
_BROAD = {"students", "teachers", "schools"}


@dataclass(slots=True)
class Index:
    """The catalogue by subject, with each subject's first and latest school year."""

    catalogue: Catalogue
    by_subject: dict[str, list[Known]] = field(default_factory=dict)
    first: dict[str, SchoolYear] = field(default_factory=dict)
    latest: dict[str, SchoolYear] = field(default_factory=dict)
    mentions: dict[str, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)
    kinds: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, catalogue: Catalogue) -> Index:
        index = cls(catalogue)
        for known in catalogue.known:
            index.by_subject.setdefault(known.subject, []).append(known)
            index.kinds.setdefault(known.subject, set()).add(known.kind)
            if known.role == LEVEL and known.year is not None:
                key = known.subject
                index.latest[key] = max(index.latest.get(key, known.year), known.year)
                index.first[key] = min(index.first.get(key, known.year), known.year)
        return index


@dataclass(frozen=True, slots=True)
class Named:
    subject: Subject
    distance: int
    chars: int
    mentions: tuple[tuple[int, int], ...] = ()


def named_subjects(index: Index, claim: Claim, kinds: tuple[str, ...], *,
                   earlier: bool = False) -> list[Named]:
    """Subjects named in the number's clause (or, with ``earlier``, anywhere before it in the
    sentence) that have values of a comparable kind, nearest first; generic words
    ("professional learning") come after every specific name. A grouped series whose group
    is not named gives way to one whose group is: "all teachers" is not "coached teachers"."""
    sentence = claim.sentence
    start = claim.span.start - claim.sentence_start
    end = claim.span.end - claim.sentence_start
    low, high = (0, end) if earlier else claim.clause
    found = []
    spans = _mentions(index, sentence, low, high)
    every = [span for found_spans in spans.values() for span in found_spans]
    for subject in index.catalogue.subjects:
        if subject.key not in spans or index.kinds.get(subject.key, set()).isdisjoint(kinds):
            continue
        # "schools" inside "Title I schools" names the Title I schools, not all schools.
        mentions = [m for m in spans.get(subject.key, ())
                    if subject.key not in _BROAD
                    or not any(o[0] <= m[0] and m[1] <= o[1] and o[1] - o[0] > m[1] - m[0]
                               for o in every)]
        if mentions:
            distance = min(_distance(sentence, start, end, m) for m in mentions)
            # Equally near, the subject more of whose name is there wins: "coaching cycles"
            # names the cycles metric more than the coaching budget line.
            chars = sum(m[1] - m[0] for m in mentions)
            found.append(Named(subject, distance, chars, tuple(mentions)))
    found = _groups_named(found, sentence, low, high, start, end)
    found.sort(key=lambda n: (n.subject.generic, n.distance, -n.chars))
    return found


def _mentions(index: Index, sentence: str, low: int,
              high: int) -> dict[str, list[tuple[int, int]]]:
    """Where each subject is named between ``low`` and ``high``; the sentence is scanned once
    for all the numbers in it."""
    every = index.mentions.get(sentence)
    if every is None:
        every = {}
        for subject in index.catalogue.subjects:
            spans = [m.span() for m in subject.pattern.finditer(sentence)]
            if subject.group is not None:
                spans += [m.span() for m in subject.group.finditer(sentence)]
            if spans:
                every[subject.key] = spans
        index.mentions[sentence] = every
    found = {}
    for key, spans in every.items():
        inside = [s for s in spans if s[0] >= low and s[1] <= high]
        if inside:
            found[key] = inside
    return found


def _groups_named(found: list[Named], sentence: str, low: int, high: int, start: int,
                  end: int) -> list[Named]:
    keep = []
    for item in found:
        family = item.subject.family
        if family is None:
            keep.append(item)
            continue
        siblings = [n for n in found if n.subject.family == family]
        nearest = {n.subject.key: _nearest(n.subject.group, sentence, low, high, start, end)
                   for n in siblings if n.subject.group is not None}
        said = {key: distance for key, distance in nearest.items() if distance is not None}
        # "all teachers reached 91%, seven points above coached teachers": the group named
        # nearest the number is the one it is about.
        if not said or said.get(item.subject.key) == min(said.values()):
            keep.append(item)
    return keep


_NEXT_CLAUSE = re.compile(r"\b(?:and|while|but|as|whereas|yet|so)\b", re.I)


def _distance(sentence: str, start: int, end: int, mention: tuple[int, int]) -> int:
    """How far a mention is from the number. One after it, past "and" or "while", names the
    next clause's subject: in "retention rose to 91% and coaching cycles tripled" the 91% is
    about retention."""
    if mention[0] >= end:
        gap = mention[0] - end
        return gap + (40 if _NEXT_CLAUSE.search(sentence, end, mention[0]) else 0)
    return abs(start - mention[1])


def explained(named: list[Named]) -> list[Named]:
    """The subjects named, less those whose every mention is a word of the first one's name:
    in "coaching cycles doubled", "coaching" names the cycles, not the coaching budget."""
    if not named:
        return named
    top = set(named[0].mentions)
    return [named[0]] + [n for n in named[1:] if not set(n.mentions) < top]


def _nearest(pattern: re.Pattern[str], sentence: str, low: int, high: int, start: int,
             end: int) -> int | None:
    distances = [min(abs(m.start() - end), abs(start - m.end()))
                 for m in pattern.finditer(sentence, low, high)]
    return min(distances) if distances else None


def candidates(index: Index, claim: Claim, subjects: set[str] | None,
               kinds: tuple[str, ...], *, directed: bool = True) -> list[Known]:
    """Known figures this claim's number matches, of the subjects given (None: any)."""
    pool = (index.catalogue.known if subjects is None
            else [k for key in subjects for k in index.by_subject.get(key, ())])
    return [k for k in pool if k.kind in kinds and role_fits(claim, k)
            and year_fits(index, claim, k) and (not directed or direction_fits(index, claim, k))
            and accepts(claim, k)]


def role_fits(claim: Claim, known: Known) -> bool:
    if claim.change:
        return known.role in (CHANGE, GAP)
    return known.role == LEVEL


def year_fits(index: Index, claim: Claim, known: Known) -> bool:
    if known.role == CHANGE:
        latest = index.latest.get(known.subject)
        end_ok = (known.year in claim.years) if claim.years else known.year == latest
        if claim.since is not None:
            return end_ok and known.since in claim.since
        if claim.span_years is not None and known.since is not None and known.year is not None:
            return end_ok and known.year.start - known.since.start == claim.span_years
        return end_ok
    if known.year is None:
        return True
    if claim.years is not None:
        return known.year in claim.years
    if claim.latest:
        return known.year == index.latest.get(known.subject)
    return True


def direction_fits(index: Index, claim: Claim, known: Known) -> bool:
    if known.role == CHANGE:
        return not (claim.direction and known.sign and known.sign != claim.direction)
    if claim.moved_to and claim.pair is None and known.role == LEVEL and not known.derived:
        # "fell to 74%" is true only if the series fell to it from where it started.
        first = first_value(index, known)
        if first is not None and first.value != known.value:
            return (known.value > first.value) == (claim.moved_to > 0)
    return True


def first_value(index: Index, known: Known) -> Known | None:
    year = index.first.get(known.subject)
    return next((k for k in index.by_subject.get(known.subject, ())
                 if k.role == LEVEL and k.kind == known.kind and not k.derived
                 and k.year == year), None)


def level_at(index: Index, subject: str, kind: str, year: SchoolYear | None) -> Known | None:
    return next((k for k in index.by_subject.get(subject, ()) if k.role == LEVEL
                 and k.kind == kind and not k.derived and k.year == year), None)


def best(matches: list[Known], claim: Claim) -> Known | None:
    if not matches:
        return None
    words = _stems(claim.sentence)
    # Prefer a value from a year the sentence names, then a stated (not derived) one, then one
    # whose label shares words with the sentence, then the latest: "more than doubled" is
    # about first to last before any pair in between.
    return min(matches, key=lambda k: (not (claim.years and k.year in claim.years), k.derived,
                                       -len(words & _stems(k.label)),
                                       -(k.year.start if k.year else 0),
                                       k.since.start if k.since else 0, k.at is None))


def right_figure(index: Index, claim: Claim, subject: str,
                 kinds: tuple[str, ...]) -> Known | None:
    """The figure of the same metric, group, year or span and kind the claim should have
    stated; None when the data does not hold exactly that, so nothing unrelated is offered."""
    latest = index.latest.get(subject)
    ends = claim.years or ({latest} if latest else None)
    # A bare count may match dollars ("$298,000" written "298,000") but is never corrected
    # with one: "three institutes" is not "$600,000".
    kinds = tuple(k for k in kinds if not (claim.span.kind == "count" and k == "usd"))
    options = []
    for k in index.by_subject.get(subject, ()):
        if k.kind not in kinds or not role_fits(claim, k):
            continue
        if k.role == CHANGE:
            since = claim.since or {index.first.get(subject)}
            if claim.span_years is not None and claim.since is None and k.year and k.since:
                if k.year.start - k.since.start != claim.span_years:
                    continue
            elif k.since not in since:
                continue
            # A change in the wrong direction is still the right figure to show.
            if ends is None or k.year not in ends:
                continue
        elif k.derived or (k.year is not None and (ends is None or k.year not in ends)):
            continue
        options.append(k)
    if not options:
        return None
    same_kind = [k for k in options if k.kind == kinds[0]] or options
    return min(same_kind, key=lambda k: (abs(k.value - claim.span.value),
                                         -(k.year.start if k.year else 0)))


def _stems(text: str) -> set[str]:
    return {word[:6] for word in re.findall(r"[a-z]{4,}", text.lower())}


def accepts(claim: Claim, known: Known) -> bool:
    span = claim.span
    written, actual = span.value, known.value
    percent_like = span.kind in ("pct", "points", "fraction")
    if span.kind == "multiple":
        return _accepts_multiple(span.value, span.qualifier, actual)
    slack = span.precision + (FRACTION_POINTS if span.kind == "fraction" else 0.0)
    if span.high is not None:
        return written - slack <= actual <= span.high + slack
    qualifier = span.qualifier
    if qualifier in _ABOUT:
        room = APPROX_POINTS if percent_like else written * APPROX_RELATIVE
        return abs(actual - written) <= room + slack
    if qualifier in _ABOVE:
        room = BOUND_POINTS if percent_like else max(written * BOUND_RELATIVE, _unit(span))
        return written - slack <= actual <= written + room + slack
    if qualifier in _BELOW:
        room = BOUND_POINTS if percent_like else max(written * BOUND_RELATIVE, _unit(span))
        return written - room - slack <= actual <= written + slack
    return abs(actual - written) <= slack + 1e-9


def _unit(span) -> float:
    """The last written figure's place: "more than 400" is rounded to hundreds."""
    digits = re.sub(r"\D", "", span.text.split(".")[0])
    trailing = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    scale = span.precision * 2 if span.precision >= 1 else 1.0
    return max(10.0 ** trailing, scale) if trailing else 0.0


def _accepts_multiple(written: float, qualifier: str | None, actual: float) -> bool:
    if qualifier in _ABOVE:
        return written <= actual < written + 1
    if qualifier in _BELOW:
        return written - 0.5 <= actual <= written
    room = written * (APPROX_RELATIVE if qualifier in _ABOUT else MULTIPLE_RELATIVE)
    return abs(actual - written) <= room
