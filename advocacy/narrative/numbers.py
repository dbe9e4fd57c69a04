"""The numbers check: every number in a story is verified, contradicted, or flagged.

Owns the verdict for each number a story states, worded as a person would say it: "verified"
with the figure and cell it matches, "contradicts" with the right figure when the data holds
the same metric, group and year or span, or "unverified" when nothing in the data can back it
(flagged, never silently accepted, and never "corrected" with an unrelated figure); and the
same verdicts as Issues for the CLI and the app. Reading the number's context is ``claims``;
the rules of a fair comparison are ``matching``. Never edits the story, never reads files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypedDict, cast

from advocacy import template
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.metrics import Figures
from advocacy.model import District, SchoolYear, Story
from advocacy.narrative.catalogue import CHANGE, LEVEL, Known, build
from advocacy.narrative.claims import Claim, read_claims
from advocacy.narrative.describe import growth_words
from advocacy.narrative.drafts import WORD_TARGETS, word_count
from advocacy.narrative.matching import (
    COMPARABLE,
    Index,
    Named,
    best,
    candidates,
    explained,
    first_value,
    level_at,
    named_subjects,
    right_figure,
)
from advocacy.narrative.names import number_words
from advocacy.narrative.spans import find_numbers

VERIFIED, CONTRADICTS, UNVERIFIED = "verified", "contradicts", "unverified"
PARTS = template.STORY_KEYS

# Words after a bare count that tie it to the metric before it ("from 140 to 460 a year").
_CONTINUES = re.compile(r"^\s*(?:$|[.,;:)]|to\b|in\b|a\b|per\b|and\b|from\b|by\b|each\b|"
                        r"of (?:our|the|its|their)\b)", re.I)
_VERB = {1: "rose", -1: "fell", 0: "changed"}
_MONEY_WORDS = re.compile(r"\b(?:spending|spent|spend|dollars|budget|funding|funds|cost)\b", re.I)
_MONEY_KEYS = ("use:", "source:", "total", "per_")


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
    message: str = ""  # the verdict as a sentence for the person editing the story
    fix: str | None = None  # what to write instead, when the right figure is known


class _Claimed(TypedDict):
    """The NumberCheck fields that say which number was checked, shared by every verdict."""

    part: str
    start: int
    end: int
    text: str


def corrected(text: str, check: NumberCheck) -> str | None:
    """``text`` with the checked number replaced by the right figure; None when there is no
    right figure to offer (the number is then the person's to check)."""
    if check.fix is None or text[check.start:check.end] != check.text:
        return None
    return text[:check.start] + check.fix + text[check.end:]


def number_index(district: District, figures: Figures) -> Index:
    """Every number the district's data lets a story cite, indexed for matching. It rests on
    the data alone, never on the story's words, so a caller may keep it while a person types."""
    return Index.of(build(district, figures))


def check_story(district: District, figures: Figures, story: Story, *,
                index: Index | None = None) -> list[NumberCheck]:
    """Each number in ``story`` checked against ``district``'s data (``index``: that data's
    number_index, when the caller kept one)."""
    index = index if index is not None else number_index(district, figures)
    checks: list[NumberCheck] = []
    for part in PARTS:
        text = getattr(story, part) or ""
        claims = read_claims(text, find_numbers(text))
        checks += [c for c in _check_part(part, claims, index) if c is not None]
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
        where = f" (from {check.at})" if check.at else ""
        if check.status == CONTRADICTS:
            issues.append(Issue.warning(
                "story.number_contradicts", at=at, district=district.name, found=check.text,
                expected=check.expected,
                hint=f"{check.message.removesuffix('.')}{where}. Correct the {check.part} or "
                     f"the data"))
        else:
            issues.append(Issue.warning(
                "story.number_unverified", at=at, district=district.name, found=check.text,
                expected="a number that appears in, or follows from, the district's data",
                hint=check.message))
    return issues


def _check_part(part: str, claims: list[Claim], index: Index) -> list[NumberCheck | None]:
    matched = [_match(claim, index) for claim in claims]
    verdicts: list[NumberCheck | None] = [None] * len(claims)
    for i, claim in enumerate(claims):
        if claim.end == "from" and claim.pair is not None:
            first, second = _pair(part, claim, claims[claim.pair], matched[i],
                                  matched[claim.pair], index)
            if first is not None:
                verdicts[i], verdicts[claim.pair] = first, second
    for i, claim in enumerate(claims):
        if verdicts[i] is None:
            verdicts[i] = _verdict(part, claim, matched[i], index)
    return verdicts


@dataclass(frozen=True, slots=True)
class _Match:
    named: list[Named]
    found: list[Known]  # accepted figures, best first


def _match(claim: Claim, index: Index) -> _Match | None:
    kind = claim.span.kind
    if kind in ("year", "years"):
        return None
    kinds = COMPARABLE[kind]
    named = named_subjects(index, claim, kinds)
    if not any(not n.subject.generic for n in named[:1]):
        named = named_subjects(index, claim, kinds, earlier=True) or named
    specific = explained([n for n in named if not n.subject.generic])
    pools: list[set[str] | None] = [{n.subject.key for n in specific[:1]},
                                    {n.subject.key for n in specific}]
    if not specific:
        # Anything in the data only when the sentence names nothing at all: "we spend" names
        # the totals, so a wrong total is not excused by a coincidence elsewhere.
        pools.append({n.subject.key for n in named} or None)
    for pool in pools:
        if pool is not None and not pool:
            continue
        found = candidates(index, claim, pool, kinds)
        if found:
            return _Match(named, sorted(found, key=lambda k: _rank(k, claim)))
    return _Match(named, [])


def _rank(known: Known, claim: Claim):
    chosen = best([known], claim)
    assert chosen is not None
    return (not (claim.years and known.year in claim.years), known.derived,
            -(known.year.start if known.year else 0), known.at is None)


def _verdict(part: str, claim: Claim, match: _Match | None, index: Index) -> NumberCheck | None:
    base: _Claimed = {"part": part, "start": claim.span.start, "end": claim.span.end,
                      "text": claim.span.text}
    if claim.span.kind == "year":
        return _year_verdict(claim, index, base)
    if claim.span.kind == "years":
        found = index.catalogue.spans.get(int(claim.span.value)) \
            if claim.span.value.is_integer() else None
        if found:
            return NumberCheck(**base, status=VERIFIED, source=found,
                               message=f"The data covers {found}.")
        return NumberCheck(**base, status=UNVERIFIED,
                           message=f"The data does not cover “{claim.span.text}”; check it.")
    assert match is not None
    if match.found:
        known = best(match.found, claim) or match.found[0]
        return NumberCheck(**base, status=VERIFIED, source=known.source, at=known.at,
                           message=_matches(known))
    kinds = COMPARABLE[claim.span.kind]
    subject = _owner(claim, match.named)
    if subject is not None:
        right = right_figure(index, claim, subject, kinds)
        if right is not None:
            return NumberCheck(**base, status=CONTRADICTS, source=right.source,
                               expected=right.shown, at=right.at,
                               message=_contradiction(claim, right, index),
                               fix=_fix(claim, right))
        return NumberCheck(**base, status=UNVERIFIED, message=_no_figure(claim, subject, index))
    return NumberCheck(**base, status=UNVERIFIED,
                       message=(f"Nothing in the data backs “{claim.span.text}”; check it, or "
                                f"add its source to the workbook."))


def _owner(claim: Claim, named: list[Named]) -> str | None:
    """The one metric the number is about, or None when none (or two equally) are named."""
    specific = [n for n in named if not n.subject.generic]
    if not specific:
        return None
    top = specific[0]
    tied = [n for n in specific if (n.distance, n.chars) == (top.distance, top.chars)]
    if len(tied) > 1:
        # "coaching spending" names the coaching dollars, not the coaching-cycles outcome.
        money = _MONEY_WORDS.search(claim.sentence)
        tied = [n for n in tied if n.subject.key.startswith(_MONEY_KEYS) == bool(money)]
        if len(tied) != 1:
            return None  # "$160 per student": per-pupil spending or PL dollars per student?
        top = tied[0]
    if claim.span.kind != "count":
        return top.subject.key
    # A bare count belongs to a metric only when it is named right after it ("18 coaches") or
    # the count continues a phrase about the metric ("grew from 140 to 460").
    after = claim.sentence[claim.span.end - claim.sentence_start:]
    if top.subject.pattern.match(after.lstrip()[:40]) or _CONTINUES.match(after):
        return top.subject.key
    return None


def _contradiction(claim: Claim, right: Known, index: Index) -> str:
    if right.role == LEVEL and claim.moved_to and right.value != claim.span.value:
        pass
    elif right.role == LEVEL and claim.moved_to:
        first = first_value(index, right)
        if first is not None:
            return (f"The data shows {right.what} {_VERB[_sign(right.value - first.value)]} "
                    f"from {first.shown} in {first.year} to {right.shown} in {right.year}, so "
                    f"it did not {'rise' if claim.moved_to > 0 else 'fall'} to "
                    f"{claim.span.text}.")
    if right.role == CHANGE:
        name = re.sub(r"^(?:the (?:percent )?change in|how many times over) | grew$", "",
                      right.what)
        if right.kind == "multiple":
            moved = f"{growth_words(right.value)}"
        else:
            moved = f"{_VERB[right.sign]} {right.shown.lstrip('+−')}"
        if right.sign and claim.direction and right.sign != claim.direction:
            return (f"The data shows {name} {moved}{right.when}; the story says it "
                    f"{_VERB[claim.direction]}.")
        return f"The data shows {name} {moved}{right.when}, not “{claim.span.text}”."
    return f"The data shows {right.shown} for {right.what}{right.when}, not {claim.span.text}."


def _no_figure(claim: Claim, subject: str, index: Index) -> str:
    knowns = index.by_subject.get(subject, [])
    what = next((k.what for k in knowns if k.role == LEVEL), knowns[0].what if knowns else "")
    years = sorted(claim.years) if claim.years else []
    when = f" for {years[0]}" if len(years) == 1 else ""
    return (f"The data has no figure{when} for {what} that matches “{claim.span.text}”; check "
            f"the number and its year, or add its source to the workbook.")


def _pair(part: str, first: Claim, second: Claim, one: _Match | None, other: _Match | None,
          index: Index) -> tuple[NumberCheck | None, NumberCheck | None]:
    """"rose from 71% to 88%": both ends in one series, in that order, moving that way."""
    if one is None or other is None:
        return None, None
    direction = second.direction or first.direction
    combos = [(a, b) for a in one.found for b in other.found
              if a.subject == b.subject and a.role == b.role == LEVEL and a.year and b.year
              and a.year < b.year and (not direction or _sign(b.value - a.value) == direction)]
    if combos:
        # both years are known (the filter above); the checker cannot see it through the pair
        a, b = min(combos, key=lambda pair: (pair[0].derived or pair[1].derived,
                                             -cast(SchoolYear, pair[1].year).start,
                                             cast(SchoolYear, pair[0].year).start))
        return _verified(part, first, a), _verified(part, second, b)
    levels = [(a, b) for a in one.found for b in other.found if a.subject == b.subject
              and a.role == b.role == LEVEL and not a.derived and not b.derived
              and a.year and b.year]
    if not levels:
        return None, None
    a, b = levels[0]
    start = level_at(index, a.subject, a.kind, index.first.get(a.subject))
    end = level_at(index, a.subject, a.kind, index.latest.get(a.subject))
    if start is None or end is None:
        return None, None
    said = _VERB[direction] if direction else f"went from {first.span.text} to {second.span.text}"
    message = (f"The data shows {start.what} {_VERB[_sign(end.value - start.value)]} from "
               f"{start.shown} in {start.year} to {end.shown} in {end.year}; the story says it "
               f"{said}.")
    return (_contradicts(part, first, start, message), _contradicts(part, second, end, message))


def _verified(part: str, claim: Claim, known: Known) -> NumberCheck:
    return NumberCheck(part=part, start=claim.span.start, end=claim.span.end,
                       text=claim.span.text, status=VERIFIED, source=known.source, at=known.at,
                       message=_matches(known))


def _matches(known: Known) -> str:
    if known.kind == "multiple":
        name = known.what.removeprefix("how many times over ").removesuffix(" grew")
        return (f"Matches the data: {name} {growth_words(known.value)}{known.when} "
                f"({known.shown}).")
    return f"Matches {known.what}{known.when} ({known.shown})."


def _contradicts(part: str, claim: Claim, known: Known, message: str) -> NumberCheck:
    return NumberCheck(part=part, start=claim.span.start, end=claim.span.end,
                       text=claim.span.text, status=CONTRADICTS, source=known.source,
                       expected=known.shown, at=known.at, message=message,
                       fix=_fix(claim, known))


def _fix(claim: Claim, right: Known) -> str | None:
    """The right figure as the sentence should say it: "88%", "17 points", "more than
    tripled". A wrong direction is the person's to reword, so it gets no one-click fix."""
    if right.role == CHANGE and right.sign and claim.direction and right.sign != claim.direction:
        return None
    if right.kind == "multiple":
        return growth_words(right.value) if right.value >= 2 or right.value <= 0.5 else None
    shown = right.shown.lstrip("+−")
    spelled_out = claim.span.text[:1].isalpha() and claim.span.kind == "count"
    if spelled_out and right.value.is_integer() and number_words(int(right.value)):
        # "Twenty coaches" → "Eighteen coaches": a sentence never opens on a numeral.
        shown = number_words(int(right.value)) or shown
        if claim.span.text[:1].isupper():
            shown = shown[:1].upper() + shown[1:]
    return shown


def _year_verdict(claim: Claim, index: Index, base: _Claimed) -> NumberCheck | None:
    span = claim.span
    for year in index.catalogue.years:
        if year == span.year or (span.bare_year and year.end == span.value):
            return NumberCheck(**base, status=VERIFIED, source=f"school year {year} is in the data",
                               message=f"The data has school year {year}.")
    if span.bare_year:
        return None  # "founded in 1952": a calendar year outside the data is context, not a claim
    return NumberCheck(**base, status=UNVERIFIED,
                       message=f"The data has nothing for {span.text}; check the year.")


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)
