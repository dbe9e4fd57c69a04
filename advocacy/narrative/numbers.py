"""The numbers check: every number in a story is verified, contradicted, or flagged.

Owns the verdict for each number a story states: "verified" with the figure and cell it
matches, "contradicts" with the right figure for the metric named beside it, or "unverified"
when nothing in the data can back it (flagged, never silently accepted), and the same verdicts
as Issues for the CLI and the app. Rounded claims match within the tolerances below. Never
edits the story, never reads files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advocacy import template
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.metrics import Figures
from advocacy.model import District, Story
from advocacy.narrative.catalogue import Catalogue, Known, Subject, build
from advocacy.narrative.drafts import WORD_TARGETS, word_count
from advocacy.narrative.spans import Span, find_numbers, sentence_bounds

VERIFIED, CONTRADICTS, UNVERIFIED = "verified", "contradicts", "unverified"
PARTS = template.STORY_KEYS

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
_COMPARABLE = {"usd": ("usd",), "pct": ("pct",), "fraction": ("pct",), "points": ("points",),
               "count": ("count", "ratio", "usd"), "ratio": ("ratio",),
               "multiple": ("multiple",)}
# Words after a bare count that tie it to the metric before it ("from 140 to 460 a year").
# "fell 20%" is a relative change; "fell to 20%" is a level.
_CHANGE_BEFORE = re.compile(r"\b(?:rose|rise[ns]?|grew|grow[ns]?|fell|fall[ns]?|dropped|"
                            r"increased|decreased|declined|cut|up|down)\s+(?:by\s+)?$", re.I)
# Clauses joined by these name their own subjects: in "29% of new teachers left, and
# workshops were not working", the 29% is not about workshops.
_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas|so)\b|;|:\s|—|\s–\s", re.I)
_CONTINUES = re.compile(r"^\s*(?:$|[.,;:)]|to\b|in\b|a\b|per\b|and\b|from\b|by\b|each\b)", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberCheck:
    part: str  # "challenge", "solution" or "impact"
    start: int  # offsets into that part's text
    end: int
    text: str
    status: str  # VERIFIED, CONTRADICTS or UNVERIFIED
    source: str | None = None  # what it matched, or the figure it contradicts
    expected: str | None = None  # the right figure, for CONTRADICTS
    at: Location | None = None  # the cell behind ``source``, when known


def check_story(district: District, figures: Figures, story: Story) -> list[NumberCheck]:
    catalogue = build(district, figures)
    checks: list[NumberCheck] = []
    for part in PARTS:
        text = getattr(story, part) or ""
        checks += [_check(part, text, span, catalogue) for span in find_numbers(text)]
    return checks


def story_issues(district: District, figures: Figures) -> list[Issue]:
    """Parts longer than the word target, contradictions and untraceable numbers in the
    district's own story, as warnings."""
    issues = []
    for part, target in WORD_TARGETS.items():
        words = word_count(getattr(district.story, part))
        if words > target:
            issues.append(Issue.warning(
                "story.too_long", at=district.where(f"story.{part}") or Location(file="(story)"),
                district=district.name, found=f"{part}: {words} words",
                expected=f"about {target} words",
                hint="The template's advice is to keep words brief; the PDF fits longer text "
                     "by shrinking it and, past a limit, cutting the end"))
    for check in check_story(district, figures, district.story):
        if check.status == VERIFIED:
            continue
        at = district.where(f"story.{check.part}") or Location(file="(story)")
        if check.status == CONTRADICTS:
            where = f" ({check.at})" if check.at else ""
            issues.append(Issue.warning(
                "story.number_contradicts", at=at, district=district.name, found=check.text,
                expected=check.expected,
                hint=f"The data says {check.source}{where}; correct the {check.part} or the data"))
        else:
            issues.append(Issue.warning(
                "story.number_unverified", at=at, district=district.name, found=check.text,
                expected="a number that appears in, or follows from, the district's data",
                hint=f"Check “{check.text}” in the {check.part}, or add its source to the "
                     f"workbook"))
    return issues


def _check(part: str, text: str, span: Span, catalogue: Catalogue) -> NumberCheck:
    base = {"part": part, "start": span.start, "end": span.end, "text": span.text}
    if span.kind == "year":
        return _check_year(span, catalogue, base)
    if span.kind == "years":
        found = catalogue.spans.get(int(span.value)) if span.value.is_integer() else None
        if found:
            return NumberCheck(**base, status=VERIFIED, source=found)
        return NumberCheck(**base, status=UNVERIFIED)
    kinds = _COMPARABLE[span.kind]
    start, end = sentence_bounds(text, span.start)
    sentence = text[start:end]
    named = _named(catalogue, sentence, span.start - start, span.end - start, kinds)
    if not any(not subject.generic for subject in named[:1]):
        named = _named(catalogue, sentence, span.start - start, span.end - start, kinds,
                       earlier=True) or named
    years = {s.year for s in find_numbers(sentence) if s.year is not None}
    match = _verify(span, catalogue, named, kinds, years, sentence)
    if match is not None:
        return NumberCheck(**base, status=VERIFIED, source=match.source, at=match.at)
    subject = _contradicted(named, span, sentence, start)
    if subject is not None:
        changes = bool(_CHANGE_BEFORE.search(text[max(0, span.start - 24):span.start]))
        right = _right_figure(catalogue, subject, kinds, span, years, changes)
        if right is not None:
            return NumberCheck(**base, status=CONTRADICTS, source=right.source,
                               expected=right.shown, at=right.at)
    return NumberCheck(**base, status=UNVERIFIED)


def _verify(span: Span, catalogue: Catalogue, named: list[Subject], kinds: tuple[str, ...],
            years: set, sentence: str) -> Known | None:
    """Most specific first: the metric named nearest the number, then any named; anything in
    the data only when no particular metric is named, so a wrong figure for a named metric is
    not excused by a coincidence elsewhere."""
    pools = [named[:1], named]
    if all(subject.generic for subject in named):
        pools.append(None)
    for subjects in pools:
        keys = None if subjects is None else {subject.key for subject in subjects}
        accepted = [k for k in catalogue.known if (keys is None or k.subject in keys)
                    and k.kind in kinds and _accepts(span, k)]
        match = _best(accepted, years, sentence)
        if match is not None:
            return match
    return None


def _check_year(span: Span, catalogue: Catalogue, base: dict) -> NumberCheck:
    # "since 2019" may name 2019-20 or, as a fiscal year, 2018-19.
    for year in catalogue.years:
        if year == span.year or (span.bare_year and year.end == span.value):
            return NumberCheck(**base, status=VERIFIED, source=f"school year {year} is in the data")
    return NumberCheck(**base, status=UNVERIFIED)


def _named(catalogue: Catalogue, sentence: str, start: int, end: int,
           kinds: tuple[str, ...], *, earlier: bool = False) -> list[Subject]:
    """Subjects named in the number's clause (or, with ``earlier``, anywhere before it in the
    sentence) that have values of a comparable kind, nearest first; generic words
    ("professional learning") come after every specific name."""
    breaks = [m.start() for m in _CLAUSE.finditer(sentence)]
    low = 0 if earlier else max((b for b in breaks if b < start), default=0)
    high = end if earlier else min((b for b in breaks if b >= end), default=len(sentence))
    with_values = {k.subject for k in catalogue.known if k.kind in kinds}
    found = []
    for subject in catalogue.subjects:
        if subject.key not in with_values:
            continue
        mentions = [m for m in subject.pattern.finditer(sentence)
                    if m.start() >= low and m.end() <= high]
        if mentions:
            distance = min(min(abs(m.start() - end), abs(start - m.end())) for m in mentions)
            # Equally near, the subject more of whose name is there wins: "coaching cycles"
            # names the cycles metric more than the coaching budget line.
            named_chars = sum(m.end() - m.start() for m in mentions)
            found.append((subject.generic, distance, -named_chars, subject))
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found]


def _contradicted(named: list[Subject], span: Span, sentence: str,
                  offset: int) -> Subject | None:
    specific = [s for s in named if not s.generic]
    if not specific:
        return None
    if span.kind != "count":
        return specific[0]
    # A bare count belongs to a metric only when it is named right after it ("18 coaches") or
    # the count continues a phrase about the metric ("grew from 140 to 460").
    after = sentence[span.end - offset:]
    if specific[0].pattern.match(after.lstrip()[:40]) or _CONTINUES.match(after):
        return specific[0]
    return None


def _right_figure(catalogue: Catalogue, subject: Subject, kinds: tuple[str, ...], span: Span,
                  years: set, changes: bool) -> Known | None:
    # A sentence about change ("fell 20%") may mean a relative change; otherwise only values
    # stated in the data are offered as the right figure.
    options = [k for k in catalogue.known if k.subject == subject.key and k.kind in kinds
               and (not k.derived or (changes and k.since is not None))]
    if not options:
        return None
    same_kind = [k for k in options if k.kind == kinds[0]] or options
    dated = [k for k in same_kind if k.year in years] or same_kind
    if span.kind == "multiple":
        # "tripled" with no years is a claim about the whole series: first to last.
        return min(dated, key=lambda k: (k.since.start if k.since else 0,
                                         -(k.year.start if k.year else 0)))
    return min(dated, key=lambda k: (abs(k.value - span.value), -(k.year.start if k.year else 0)))


def _best(matches: list[Known], years: set, sentence: str) -> Known | None:
    if not matches:
        return None
    words = _stems(sentence)
    # Prefer a value from a year the sentence names, then a stated (not derived) one, then one
    # whose label shares words with the sentence, then the latest: "more than doubled" is
    # about first to last before any pair in between.
    return min(matches, key=lambda k: (k.year not in years, k.derived,
                                       -len(words & _stems(k.label)),
                                       -(k.year.start if k.year else 0),
                                       k.since.start if k.since else 0, k.at is None))


def _stems(text: str) -> set[str]:
    return {word[:6] for word in re.findall(r"[a-z]{4,}", text.lower())}


def _accepts(span: Span, known: Known) -> bool:
    written, actual = span.value, known.value
    percent_like = span.kind in ("pct", "points", "fraction")
    if span.kind == "multiple":
        return _accepts_multiple(span, actual)
    slack = span.precision + (FRACTION_POINTS if span.kind == "fraction" else 0.0)
    qualifier = span.qualifier
    if qualifier in _ABOUT:
        room = APPROX_POINTS if percent_like else written * APPROX_RELATIVE
        return abs(actual - written) <= room + slack
    if qualifier in _ABOVE:
        room = BOUND_POINTS if percent_like else written * BOUND_RELATIVE
        return written - slack <= actual <= written + room + slack
    if qualifier in _BELOW:
        room = BOUND_POINTS if percent_like else written * BOUND_RELATIVE
        return written - room - slack <= actual <= written + slack
    return abs(actual - written) <= slack + 1e-9


def _accepts_multiple(span: Span, actual: float) -> bool:
    written = span.value
    if span.qualifier in _ABOVE:
        return written <= actual < written + 1
    if span.qualifier in _BELOW:
        return written - 0.5 <= actual <= written
    room = written * (APPROX_RELATIVE if span.qualifier in _ABOUT else MULTIPLE_RELATIVE)
    return abs(actual - written) <= room
