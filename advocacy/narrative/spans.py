"""Numbers in story text: find every number a reader would take as a claim, with its meaning.

Owns reading prose for dollars ("$1.2 million", "$48K"), percentages ("88 percent"), percent
points, counts ("8,420 students", "eighteen coaches"), school years ("2019-20", "since 2019"),
ratios ("16.4:1"), multipliers ("tripled", "three times"), fractions ("one in four", "half")
and durations ("in four years"), with the qualifier before them ("about", "more than").
Never looks at district data: matching is ``numbers``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from advocacy.model import SchoolYear


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    start: int
    end: int
    text: str
    kind: str  # "usd", "pct", "points", "count", "year", "ratio", "multiple", "fraction", "years"
    value: float  # dollars, percent points, a count, a ratio, a multiple; a year's start
    precision: float  # half the last written digit: "$1.2 million" → 50,000
    qualifier: str | None  # "about", "more than", "nearly", or None for an exact claim
    year: SchoolYear | None = None
    bare_year: bool = False  # "since 2019": the calendar year, read as 2019-20 or 2018-19
    high: float | None = None  # the top of a range ("between 20 and 25"); ``value`` is its foot


_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_DENOMINATORS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10}
_NAMED_FRACTIONS = {"half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3,
                    "one third": 100 / 3, "two thirds": 200 / 3, "a quarter": 25.0,
                    "one quarter": 25.0, "three quarters": 75.0, "three fourths": 75.0,
                    "a fifth": 20.0, "one fifth": 20.0, "a tenth": 10.0, "one tenth": 10.0}
_MULTIPLE_WORDS = {"doubled": 2.0, "doubling": 2.0, "tripled": 3.0, "tripling": 3.0,
                   "quadrupled": 4.0, "halved": 0.5, "twice": 2.0, "cut in half": 0.5,
                   "in half": 0.5}
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "b": 1e9, "bn": 1e9}

_QUALIFIER = (r"(?P<q>about|around|roughly|approximately|nearly|almost|close to|some|"
              r"just over|just under|more than|over|at least|fewer than|less than|under|"
              r"up to)\s+")
_WORD_NUMBER = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
                r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
# "one" is a number before a unit ("one point"); alone it is usually a pronoun.
_WORD_OR_ONE = rf"(?:{_WORD_NUMBER}|one hundred|a hundred|one)"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DOLLARS = rf"\$\s?(?:{_NUM})(?:\s?(?:thousand|million|billion|mn|bn|[kmb])\b)?"
# Every spelled-out number contains one of these, so a text with none skips those patterns.
_WORD_GUARDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "ninety", "hundred")
_FRACTION_WORDS = (r"half|a half|one[- ]half|a third|one[- ]third|two[- ]thirds|a quarter|"
                   r"one[- ]quarter|three[- ]quarters|three[- ]fourths|a fifth|one[- ]fifth|"
                   r"a tenth|one[- ]tenth")

# Order matters: the first pattern to claim characters wins, longer forms before shorter.
_PATTERNS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (kind, re.compile(pattern, re.I), guards) for kind, pattern, guards in (
        # (kind, pattern, words one of which the text must hold for the pattern to be tried)
        ("year", r"\b(?:SY\s?)?(?P<y1>(?:19|20)\d\d)\s?[-–/]\s?(?P<y2>(?:19|20)?\d\d)\b", ()),
        ("fy", r"\bFY\s?(?P<fy>(?:20)?\d\d)\b", ("fy",)),
        ("usd_range", rf"(?P<a>{_DOLLARS})\s?[-–]\s?(?P<b>{_DOLLARS})", ("$",)),
        ("usd_range", rf"\bbetween\s(?P<a>{_DOLLARS})\sand\s(?P<b>{_DOLLARS})", ("between",)),
        ("pct_range", rf"\b(?P<a>{_NUM})\s?%?\s?[-–]\s?(?P<b>{_NUM})\s?(?:%|percent\b)",
         ("-", "–")),
        ("pct_range", rf"\bbetween\s(?P<a>{_NUM})\s?(?:%|percent)?\sand\s(?P<b>{_NUM})\s?"
                      rf"(?:%|percent\b)", ("between",)),
        ("count_range", rf"\bbetween\s(?P<a>{_NUM})\sand\s(?P<b>{_NUM})\b(?![%.,]\d|\s?%|-)",
         ("between",)),
        ("usd", rf"\$\s?(?P<n>{_NUM})(?:\s?(?P<s>thousand|million|billion|mn|bn|[kmb])\b)?",
         ("$",)),
        ("usd", rf"\b(?P<n>{_NUM})\s?(?P<s>thousand|million|billion)?\s+dollars\b",
         ("dollars",)),
        ("points", rf"\b(?P<n>{_NUM})[\s-]?(?:percentage[\s-])?points?\b", ("point",)),
        ("points", rf"\b(?P<w>{_WORD_OR_ONE})[\s-]?(?:percentage[\s-])?points?\b", ("point",)),
        ("pct", rf"(?P<n>{_NUM})\s?(?:%|percent\b|per cent\b)", ()),
        ("pct", rf"\b(?P<w>{_WORD_OR_ONE})[\s-](?:percent|per cent)\b", ("percent", "per cent")),
        ("ratio", rf"\b(?P<n>{_NUM})\s?(?::\s?|\sto\s)1(?!\d|[.,]\d)", (":", " to 1")),
        ("multiple", r"\b(?P<m>cut in half|in half)\b", ("half",)),
        ("fraction", rf"\b(?P<k>one|two|three|four|five|six|seven|eight|nine|\d)\s(?:in|out of)\s"
                     rf"(?P<d>{'|'.join(_DENOMINATORS)}|\d{{1,2}})\b", (" in ", " out of ")),
        ("fraction", rf"\b(?P<f>{_FRACTION_WORDS})\b",
         ("half", "third", "quarter", "fourth", "fifth", "tenth")),
        ("multiple", rf"\b(?P<w>{_WORD_NUMBER}|\d+(?:\.\d+)?)(?:\s|-)?(?:times|fold|x)\b",
         ("times", "fold", "x")),
        ("multiple", r"\b(?P<m>doubled|doubling|tripled|tripling|quadrupled|halved|twice)\b",
         ("doubl", "tripl", "quadrupl", "halved", "twice")),
        ("years", rf"\b(?P<w>{_WORD_NUMBER}|\d+)[- ]years?\b", ("year",)),
        ("bare", r"\b(?P<bare>(?:19|20)\d\d)\b", ()),
        ("count", rf"(?<![\w.])(?P<n>{_NUM})(?![\w%]|\.\d|-(?:st|nd|rd|th)\b)", ()),
        ("count", rf"\b(?P<w>{_WORD_NUMBER})\b(?!-)", _WORD_GUARDS),
    ))

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# What is not a claim, claimed first so no pattern above reads it. Months are capitalised
# (case matters: "may" is a verb), the rest is matched in any case.
_IGNORED: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    ((), re.compile(rf"\b{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s(?:19|20)\d\d)?\b"
                    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}(?:,?\s(?:19|20)\d\d)?\b"
                    rf"|\b{_MONTH},?\s(?:19|20)\d\d\b"
                    r"|\b\d+\s(?:[A-Z][a-z]+\s){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|"
                    r"Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy)\b"
                    r"|\b(?:Act|Law|Amendments?|Code)\s(?:of\s)?(?:19|20)\d\d\b"
                    r"|\b(?:ESSA|ESEA|NCLB|IDEA|ARRA|ESSER|Act)\s?\(\s?(?:19|20)\d\d\s?\)")),
    (("@",), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (("www.", "://"), re.compile(r"\b(?:https?://|www\.)\S+", re.I)),
    ((), re.compile(r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b"
                    r"(?:\s?(?:ext\.?|x)\s?\d+)?", re.I)),
    (("/",), re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)?\d\d\b|\b24/7\b")),
    ((":",), re.compile(r"\b\d{1,2}:\d\d(?:\s?[ap]\.?m\.?)?", re.I)),
    (("-",), re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b|\bP(?:ublic)?\.?\s?L(?:aw)?\.?\s?\d+-\d+"
                        r"|(?<=[A-Za-z])-\d+\b", re.I)),
    ((), re.compile(r"(?:\b(?:sections?|sec\.|grades?|room|suite|ste\.?|title|phase|tier|step|"
                    r"cohort|standards?|part|chapter|page|route|highway|bus|box|"
                    r"id|no\.|zip)|§)\s?#?(?:\d+[A-Za-z]?|[IVX]+\b)(?:\s?(?:[-–]|to|through|"
                    r"and)\s?\d+\b)?"
                    r"|\bclass of (?:19|20)\d\d\b", re.I)),
    ((), re.compile(r"(?m:^\s*(?:\d{1,2}|[a-z])[.)](?=\s))|(?<![\w)])\(\d{1,2}\)(?=\s)")),
)
# "2024-2029" is a plan's span, not a school year: two years more than one apart.
_PLAN_SPAN = re.compile(r"\b(?P<a>(?:19|20)\d\d)\s?[-–]\s?(?P<b>(?:19|20)?\d\d)\b")


def ignored(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds numbers that are not claims (dates, phones, laws, list numbers)."""
    lowered = text.lower()
    found = [m.span() for guards, pattern in _IGNORED
             if not guards or any(g in lowered for g in guards) for m in pattern.finditer(text)]
    for match in _PLAN_SPAN.finditer(text):
        first, second = int(match["a"]), int(match["b"]) % 100
        if second != (first + 1) % 100:
            found.append(match.span())
    return found


def find_numbers(text: str) -> list[Span]:
    """Every number in ``text``, left to right, each character claimed once."""
    taken: list[tuple[int, int]] = ignored(text)
    found: list[Span] = []
    lowered = text.lower()
    for kind, pattern, guards in _PATTERNS:
        if guards and not any(guard in lowered for guard in guards):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            span = _read(kind, match, text)
            if span is not None:
                taken.append((span.start, span.end))
                found.append(span)
    return _ranges(sorted(found, key=lambda s: s.start), text)


def _ranges(spans: list[Span], text: str) -> list[Span]:
    """In "from 71 to 88 percent" the first number is a percentage too."""
    out = list(spans)
    for index, (span, following) in enumerate(zip(spans, spans[1:], strict=False)):
        if (span.kind == "count" and following.kind == "pct"
                and re.fullmatch(r"\s*(?:to|and|or|-|–)\s*", text[span.end:following.start])):
            out[index] = replace(span, kind=following.kind)
    return out


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    before = text[max(0, start - 20):start]
    match = re.search(_QUALIFIER + r"$", before, re.I)
    if not match:
        return None, start
    return match.group("q").lower(), start - (len(before) - match.start())


def _read(kind: str, match: re.Match[str], text: str) -> Span | None:
    groups = match.groupdict()
    start, end = match.span()
    if kind in ("year", "fy", "bare"):
        return _year(kind, groups, start, end, text)
    if kind.endswith("_range"):
        return _range(kind, groups, start, end, text)
    qualifier, q_start = _qualifier(text, start)
    value, precision = _value(kind, groups)
    if value is None:
        return None
    if kind == "fy":
        kind = "year"
    return Span(start=q_start, end=end, text=text[q_start:end], kind=kind, value=value,
                precision=precision, qualifier=qualifier)


def _range(kind: str, groups: dict[str, str | None], start: int, end: int,
           text: str) -> Span | None:
    low, low_precision = _amount(groups["a"] or "")
    high, high_precision = _amount(groups["b"] or "")
    if kind == "count_range" and all(1900 <= v <= 2100 and v.is_integer() for v in (low, high)):
        return None  # "between 2019 and 2023": years, read one by one
    if high < low:
        return None
    return Span(start=start, end=end, text=text[start:end], kind=kind.removesuffix("_range"),
                value=low, high=high, precision=max(low_precision, high_precision),
                qualifier=None)


def _amount(raw: str) -> tuple[float, float]:
    """"$48K" or "1,200" → (48000, 500) or (1200, 0.5)."""
    match = re.fullmatch(rf"\$?\s?({_NUM})\s?(thousand|million|billion|mn|bn|[kmb])?", raw.strip(),
                         re.I)
    if not match:
        return 0.0, 0.0
    number, precision = _number(match[1])
    scale = _SCALE.get((match[2] or "").lower(), 1.0)
    return number * scale, precision * scale


def _value(kind: str, groups: dict[str, str | None]) -> tuple[float | None, float]:
    if kind in ("pct", "points") and groups.get("w"):
        return _word_or_digit(groups["w"]), 0.5
    if kind in ("usd", "pct", "points", "ratio") or (kind == "count" and groups.get("n")):
        number, precision = _number(groups["n"] or "")
        scale = _SCALE.get((groups.get("s") or "").lower(), 1.0)
        return number * scale, precision * scale
    if kind == "fraction":
        if named := groups.get("f"):
            return _NAMED_FRACTIONS[" ".join(named.lower().replace("-", " ").split())], 0.5
        k = _word_or_digit(groups["k"])
        n = _word_or_digit(groups["d"])
        return (k / n * 100, 0.5) if k is not None and n else (None, 0.0)
    if kind == "multiple":
        if named := groups.get("m"):
            return _MULTIPLE_WORDS[" ".join(named.lower().split())], 0.0
        return _word_or_digit(groups["w"]), 0.0
    if kind in ("years", "count"):
        return _word_or_digit(groups["w"]), 0.0
    return None, 0.0


def _number(raw: str) -> tuple[float, float]:
    digits = raw.replace(",", "")
    decimals = len(digits.partition(".")[2])
    return float(digits), 0.5 * 10 ** -decimals


def _word_or_digit(word: str | None) -> float | None:
    if not word:
        return None
    word = word.lower()
    if word.replace(".", "", 1).isdigit():
        return float(word)
    if word in _SMALL:
        return float(_SMALL[word])
    if word in ("one hundred", "a hundred"):
        return 100.0
    tens, _, unit = word.replace(" ", "-").partition("-")
    if tens in _TENS:
        return float(_TENS[tens] + _SMALL.get(unit, 0))
    return None


def _year(kind: str, groups: dict[str, str], start: int, end: int,
          text: str) -> Span | None:
    # groups holds str only: every group of a year pattern takes part in its match
    if kind == "year":
        first = int(groups["y1"])
        second = int(groups["y2"]) % 100
        if second != (first + 1) % 100:
            return None
        year, bare = SchoolYear(first), False
    elif kind == "fy":
        # FY19 ends in June 2019, so it is school year 2018-19.
        fy = int(groups["fy"])
        year, bare = SchoolYear((fy if fy > 99 else 2000 + fy) - 1), False
    else:
        year, bare = SchoolYear(int(groups["bare"])), True
    return Span(start=start, end=end, text=text[start:end], kind="year",
                value=float(year.start), precision=0.0, qualifier=None, year=year,
                bare_year=bare)


def sentence_bounds(text: str, position: int,
                    ends: list[int] | None = None) -> tuple[int, int]:
    """The sentence around ``position``: numbers are matched to metrics named in it.
    ``ends`` (from ``sentence_ends``) saves rescanning a text for each of its numbers."""
    ends = sentence_ends(text) if ends is None else ends
    start = max((e for e in ends if e <= position), default=0)
    end = min((e for e in ends if e > position), default=len(text))
    return start, end


def sentence_ends(text: str) -> list[int]:
    # A full stop ends a sentence only before a space and a capital or the end, so "$1.2" and
    # "16.4:1" do not split one.
    return [m.end() for m in _SENTENCE_END.finditer(text)]


_SENTENCE_END = re.compile(r"[.!?;](?=\s+[A-Z0-9$“\"]|\s*$)")
