"""A number in its sentence: which school year or span it is about, and what kind of claim it is.

Owns reading the words around each number the way a reader does before anyone checks it:
the year it is tied to ("29% in 2019-20", "In 2019-20, 29% …"), the span a change is
measured over ("from 2019-20 to 2023-24", "since 2019-20", "in four years"), whether it is
the latest figure ("now", "rose to 88%"), whether it states a change ("rose 17 points", "a
12% cut") or a level, the direction word (rose, fell, cut, doubled) and the two ends of
"from 71% to 88%". Never looks at district data: verdicts are ``numbers``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advocacy.model import SchoolYear
from advocacy.narrative.spans import Span, sentence_bounds, sentence_ends

_UP = (r"rose|rise[ns]?|rising|risen|grew|grow[ns]?|growing|grown|increased|increases?|"
       r"increasing|climbed|climbs?|jumped|improved|improv\w*|gained|gains?|up|higher|raised|"
       r"boosted|expanded|doubled|tripled|more than doubled|went up|added")
_DOWN = (r"fell|falls?|falling|fallen|dropped|drops?|declined|declines?|declining|decreased|"
         r"decreases?|cut|cuts|down|lower|shrank|shrunk|shrinks?|slipped|lost|reduced|"
         r"reductions?|halved|went down|dipped")
_DIRECTION = re.compile(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b", re.I)
# "rose 17 points", "fell by 12%", "up $40,000": the number is the size of a change.
_CHANGE_BEFORE = re.compile(rf"\b(?:{_UP}|{_DOWN})\s+(?:by\s+|of\s+)?(?:a\s+|an\s+)?$", re.I)
_CHANGE_NOUN = re.compile(r"\b(?:increase|decrease|drop|gain|rise|growth|cut|decline|jump|"
                          r"reduction|change|fall)\s+of\s+(?:a\s+|an\s+)?$", re.I)
_CHANGE_AFTER = re.compile(r"^[\s-]*(?:point\s+)?(?:increase|decrease|drop|gain|rise|growth|cut|"
                           r"decline|jump|reduction|improvement|more|less|fewer|higher|lower|"
                           r"above|below|gap)\b", re.I)
# "rose to 88%", "reached 88%", "now 88%": the latest figure.
_TO_LATEST = re.compile(rf"\b(?:(?:{_UP}|{_DOWN})\s+to|reached|reaching|hit|stands? at|now|"
                        rf"is now|are now|today|currently)\s+$", re.I)
_MOVED_TO = re.compile(rf"\b(?:{_UP}|{_DOWN})\s+to\s+$", re.I)
_LATEST_WORDS = re.compile(r"\b(?:now|today|currently|this year|last year|most recent\w*|"
                           r"latest)\b", re.I)
_FROM = re.compile(r"\bfrom\s+$", re.I)
_UP_FROM = re.compile(r"\b(?:up|down|rising|falling|climbing|dropping|compared with|"
                      r"compared to|against)\s+from\s+$|\b(?:up|down)\s+from\s+$", re.I)
_BETWEEN_ENDS = re.compile(r"^\s*(?:(?:in|during|for|by)\s+(?:SY\s?|FY\s?)?[\d–/-]+\s*)?,?\s*"
                           r"(?:to|and|into)\s+$", re.I)
_YEAR_AFTER = re.compile(r"^\s*,?\s*(?:\(|in|by|during|for|as of|at the end of|through)?\s*"
                         r"(?:the\s+)?(?:school year\s+)?$", re.I)
_SINCE = re.compile(r"\b(?:since|after|starting in|beginning in)\s+$", re.I)
_IN_YEARS = re.compile(r"\b(?:in|over|within|across|after)\s+(?:the\s+)?(?:last\s+|past\s+)?$",
                       re.I)
_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas|so)\b|;|:\s|—|\s–\s", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    span: Span
    sentence_start: int
    sentence: str
    years: frozenset[SchoolYear] | None  # the year(s) the figure is from; None: not said
    since: frozenset[SchoolYear] | None  # where a change is measured from, when said
    latest: bool  # "now", "rose to 88%": the district's latest figure
    span_years: int | None  # "in four years": a change measured over that many years
    direction: int  # +1 rose, -1 fell, 0 not said
    change: bool  # states a change or a gap, not a level
    moved_to: int = 0  # "rose to 88%" (+1), "fell to 12%" (-1): a level with a direction
    own_year: bool = False  # the year is written right after the number ("71% in 2019-20")
    period: tuple[frozenset[SchoolYear], frozenset[SchoolYear]] | None = None
    pair: int | None = None  # index of the other end of "from 71% to 88%"
    end: str | None = None  # "from" or "to" for an end of such a pair

    @property
    def clause(self) -> tuple[int, int]:
        """The clause around the number, as offsets into ``sentence``."""
        start, end = self.span.start - self.sentence_start, self.span.end - self.sentence_start
        breaks = [m.start() for m in _CLAUSE.finditer(self.sentence)]
        return (max((b for b in breaks if b < start), default=0),
                min((b for b in breaks if b >= end), default=len(self.sentence)))


def read_claims(text: str, spans: list[Span]) -> list[Claim]:
    """One Claim per span, in order; a year span's claim says only where it is."""
    ends = sentence_ends(text)
    claims = [_claim(text, span, spans, ends) for span in spans]
    return _pairs(text, claims)


def _years_of(span: Span) -> frozenset[SchoolYear]:
    assert span.year is not None
    # "since 2019" may name 2019-20 or, as a fiscal year, 2018-19.
    if span.bare_year:
        return frozenset({span.year, SchoolYear(span.year.start - 1)})
    return frozenset({span.year})


def _claim(text: str, span: Span, spans: list[Span], ends: list[int]) -> Claim:
    start, end = sentence_bounds(text, span.start, ends)
    sentence = text[start:end]
    years = [s for s in spans if s.kind == "year" and start <= s.start < end]
    before = text[max(start, span.start - 40):span.start]
    after = text[span.end:min(end, span.end + 30)]
    change = (span.kind in ("points", "multiple")
              or bool(_CHANGE_BEFORE.search(before) or _CHANGE_NOUN.search(before)
                      or _CHANGE_AFTER.match(after)))
    if span.kind == "multiple":
        direction = -1 if span.value < 1 else 1
    else:
        direction = _direction(text[max(start, span.start - 60):span.start], after)
    own = _year_after(text, span, years)
    period, since = _period(text, years)
    span_years = next((int(s.value) for s in spans if s.kind == "years" and start <= s.start < end
                       and _IN_YEARS.search(text[max(start, s.start - 20):s.start])), None)
    latest = bool(_TO_LATEST.search(before) or _LATEST_WORDS.search(sentence))
    if own is not None:
        level_years: frozenset[SchoolYear] | None = own
        latest = False
    elif change:
        level_years = period[1] if period else None
    else:
        level_years = _level_years(text, span, years, period, latest)
        if level_years is not None:
            latest = False
    return Claim(span=span, sentence_start=start, sentence=sentence, years=level_years,
                 since=period[0] if period else since, latest=latest, span_years=span_years,
                 direction=direction, change=change, own_year=own is not None, period=period,
                 moved_to=direction if _MOVED_TO.search(before) else 0)


def _direction(before: str, after: str) -> int:
    words = list(_DIRECTION.finditer(before))
    if words:
        return 1 if words[-1]["up"] else -1
    match = _DIRECTION.match(after.lstrip(" -"))
    if match:
        return 1 if match["up"] else -1
    return 0


def _year_after(text: str, span: Span, years: list[Span]) -> frozenset[SchoolYear] | None:
    following = next((y for y in years if y.start >= span.end), None)
    if following is None or following.start - span.end > 24:
        return None
    if _YEAR_AFTER.match(text[span.end:following.start]):
        return _years_of(following)
    return None


def _period(text: str, years: list[Span]):
    """("from 2019-20 to 2023-24") → ((start years), (end years)); "since 2019-20" → since."""
    for first, second in zip(years, years[1:], strict=False):
        if re.fullmatch(r"\s*(?:to|through|and|[-–])\s*", text[first.end:second.start]):
            return (_years_of(first), _years_of(second)), None
    for year in years:
        if _SINCE.search(text[max(0, year.start - 20):year.start]):
            return None, _years_of(year)
    return None, None


def _level_years(text: str, span: Span, years: list[Span], period, latest: bool):
    if period is not None:
        # "Between 2019-20 and 2023-24, coaching grew to 58%": the end; otherwise either end.
        return period[1] if latest else period[0] | period[1]
    if latest:
        return None
    preceding = [y for y in years if y.end <= span.start
                 and not _SINCE.search(text[max(0, y.start - 20):y.start])]
    if preceding:
        return _years_of(preceding[-1])
    following = [y for y in years if y.start >= span.end
                 and not _SINCE.search(text[max(0, y.start - 20):y.start])]
    return _years_of(following[0]) if following else None


def _pairs(text: str, claims: list[Claim]) -> list[Claim]:
    """Link the two ends of "from 71% to 88%" and "88%, up from 71%"."""
    from dataclasses import replace

    numbers = [i for i, c in enumerate(claims) if c.span.kind not in ("year", "years")]
    out = list(claims)
    for a, b in zip(numbers, numbers[1:], strict=False):
        first, second = claims[a], claims[b]
        if first.sentence_start != second.sentence_start or first.change or second.change:
            continue
        if not _compatible(first.span, second.span):
            continue
        before = text[max(0, first.span.start - 12):first.span.start]
        between = text[first.span.end:second.span.start]
        if _FROM.search(before) and not _UP_FROM.search(before) and _BETWEEN_ENDS.match(between):
            start, end = _ends(first, second)
            out[a] = replace(out[a], pair=b, end="from", latest=False, years=start)
            out[b] = replace(out[b], pair=a, end="to", years=end, latest=end is None and (
                first.since is not None or second.latest),
                direction=second.direction or first.direction)
        elif _UP_FROM.search(text[max(0, second.span.start - 24):second.span.start]):
            words = text[max(0, second.span.start - 24):second.span.start]
            direction = (1 if re.search(r"\b(?:up|rising|climbing)\b", words) else
                         -1 if re.search(r"\b(?:down|falling|dropping)\b", words) else 0)
            end, start = _ends(second, first)
            out[b] = replace(out[b], pair=a, end="from", latest=False, years=end,
                             direction=direction)
            out[a] = replace(out[a], pair=b, end="to", years=start, direction=direction)
    return out


def _ends(first: Claim, second: Claim):
    """The years of the two ends of a pair: each its own, else the sentence's period."""
    start = first.years if first.own_year else (
        first.period[0] if first.period else first.since)
    end = second.years if second.own_year else (second.period[1] if second.period else None)
    return start, end


def _compatible(one: Span, other: Span) -> bool:
    kinds = {one.kind, other.kind}
    return len(kinds) == 1 or kinds <= {"pct", "fraction"} or kinds <= {"count", "ratio"}
