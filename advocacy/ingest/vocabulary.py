"""Labels and their synonyms: which canonical field, source, use or column a label names.

Owns how the importer understands labels: the template's fields and their aliases (defined in
``advocacy.template``: "Title II, Part A", "Local", "ELL %") plus the tables' own headings
(Metric, School year, Amount…), export headers such as "Agency Name [District] 2022-23",
total-row labels, and "did you mean" suggestions. Lookups go through a dict
keyed by the normalised form; fuzzy matching is only for ``suggest``. Never reads cells or
values, and never composes messages (callers write "Did you mean …?").
"""

from __future__ import annotations

import difflib
import enum
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from advocacy import template


class Kind(enum.Enum):
    IDENTITY = "identity"
    PROFILE = "profile"
    PROFILE_COUNT = "profile_count"
    SOURCE = "source"
    USE = "use"
    STORY = "story"
    CONTACT = "contact"
    OUTCOME = "outcome"
    COLUMN = "column"
    TOTAL = "total"

    # Members are singletons, so identity is their equality: hashed in C, where Enum's own
    # hash calls Python for each kind of every cached look-up (tens of thousands per workbook).
    __hash__ = object.__hash__


@dataclass(frozen=True, slots=True)
class Term:
    kind: Kind
    key: str


def _template_terms() -> tuple[tuple[Kind, str, str, tuple[str, ...]], ...]:
    """The template's own fields, labels and aliases (advocacy.template owns them)."""
    story = (*template.STORY, template.STANDARDS_FIELD, template.DATA_SOURCES_FIELD,
             template.DRAFTED_FIELD)
    return (
        *[(Kind.IDENTITY, f.key, f.label, f.aliases) for f in template.IDENTITY],
        *[(Kind.PROFILE, f.key, f.label, f.aliases) for f in template.PROFILE],
        *[(Kind.PROFILE_COUNT, f.key, f.label, f.aliases) for f in template.PROFILE_COUNTS],
        *[(Kind.SOURCE, n.name, n.name, n.aliases) for n in template.SOURCES],
        *[(Kind.USE, n.name, n.name, n.aliases) for n in template.USES],
        *[(Kind.STORY, f.key, f.label, f.aliases) for f in story],
        *[(Kind.CONTACT, f.key, f.label, f.aliases) for f in template.CONTACT],
    )


# (kind, key, canonical label, *aliases) for the tables' own headings, which are not fields of
# the one-pager. One row per term reads better than one alias per line.
# fmt: off
_TABLE_TERMS: tuple[tuple[Kind, str, str, tuple[str, ...]], ...] = (
    (Kind.OUTCOME, "metric", "Metric", (
        "Measure", "Outcome", "Indicator", "Outcome measure", "Metric name")),
    (Kind.OUTCOME, "group", "Group", ("Subgroup", "Student group", "Teacher group")),
    (Kind.OUTCOME, "unit", "Unit", ("Units",)),
    (Kind.OUTCOME, "higher_is_better", "Higher is better", ("Higher is better?", "Direction")),
    (Kind.OUTCOME, "value", "Value", ("Values",)),
    (Kind.COLUMN, "district", "District", (
        "District name", "School district", "Division", "LEA", "Agency")),
    (Kind.COLUMN, "school_year", "School year", (
        "Year", "SY", "Fiscal year", "FY", "Academic year", "School year (SY)")),
    (Kind.COLUMN, "source", "Source", (
        "Funding source", "Fund", "Funding", "Fund source", "Source of funds", "Funding stream")),
    (Kind.COLUMN, "use", "Use", (
        "Category", "Uses", "Spending category", "Use of funds", "Purpose", "Activity")),
    (Kind.COLUMN, "amount", "Amount", (
        "Dollars", "Expenditure", "Expenditures", "Amount ($)", "Spending", "Amount spent",
        "Cost")),
    (Kind.TOTAL, "total", "Total", (
        "Totals", "Grand total", "5-yr total", "5-year total", "Five-year total", "Subtotal", "Sum",
        "All sources", "All uses", "Total spending", "Total PL spending")),
)
# fmt: on

# Words that a number legitimately follows in a label ("Title 2", "Grade 3"), so a trailing
# digit there is part of the name rather than a footnote marker.
_NUMBERED_WORDS = ("title", "grade", "part", "tier", "level", "region", "phase", "year")
_FOOTNOTE_DIGITS = re.compile(
    r"(?<=[a-z])(?<!" + r")(?<!".join(_NUMBERED_WORDS) + r")\s?\d(?:\s\d)*$"
)
_MARKERS = re.compile(r"[*†‡§¶]+")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_PERCENT_WORDS = re.compile(r"\b(pct|percentage|per cent)\b")
# ELSI and state exports: "Agency Name [District] 2022-23", "… [District] Latest available year".
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
_YEAR = r"(?:(?:SY|FY)\s?)?(?:19|20)\d{2}(?:\s?[-–—/]\s?(?:(?:19|20)\d{2}|\d{2}))?"
_TRAILING_YEAR = re.compile(
    r"\s*,?\s*\(?(" + _YEAR + r"|latest available year)\)?\s*$", re.IGNORECASE
)
# PDE and others lead with the year instead: "2022-23 Average Daily Membership (ADM)".
_LEADING_YEAR = re.compile(r"^\s*(" + _YEAR + r")\s*[:,]?\s+(?=\D)", re.IGNORECASE)


def normalise(text: object) -> str:
    """The form labels are compared in: case, spacing, punctuation and footnotes ignored.

    "% of English learners" and "English-learners %" differ; "ELL %" and "ell  percent" do not.
    "&" reads as "and", "#" and "No." as "number of", "%"/"pct" as "percent"; footnote digits
    glued to a word ("Local 3", "State7") are dropped, but "Title 2A" and "Title 2" are kept.
    """
    return _normalised(str(text or ""))


@functools.lru_cache(maxsize=8192)  # long tables repeat the same few labels on every row
def _normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _MARKERS.sub(" ", text)
    text = text.replace("&", " and ").replace("%", " percent ").replace("#", " number of ")
    text = text.replace("$", " dollars ")
    text = re.sub(r"\bno\.\s*", " number of ", text)
    text = re.sub(r"['’]", "", text)
    text = " ".join(_PUNCTUATION.sub(" ", text).split())
    text = _PERCENT_WORDS.sub("percent", text)
    text = re.sub(r"\bpercent of\b", "percent", text)
    text = re.sub(r"\bnumber of of\b", "number of", text)
    # "Title 1" and "Title I" are the same program; so are "Title 2A" and "Title IIA".
    text = re.sub(r"\btitle 1\b", "title i", text)
    text = re.sub(r"\btitle 2(a?)\b", r"title ii\1", text)
    return _FOOTNOTE_DIGITS.sub("", text).strip()


def _build() -> tuple[dict[str, list[Term]], dict[Term, str]]:
    index: dict[str, list[Term]] = {}
    labels: dict[Term, str] = {}
    for kind, key, label, aliases in (*_template_terms(), *_TABLE_TERMS):
        term = Term(kind, key)
        labels[term] = label
        for alias in (label, *aliases):
            terms = index.setdefault(normalise(alias), [])
            if term not in terms:
                terms.append(term)
    return index, labels


_INDEX, _LABELS = _build()


_ALL_KINDS = tuple(Kind)  # iterating an Enum class is Python code; lookups ask it often


def _kinds(kinds: Kind | Iterable[Kind] | None) -> tuple[Kind, ...]:
    if kinds is None:
        return _ALL_KINDS
    return (kinds,) if isinstance(kinds, Kind) else tuple(kinds)


def _pick(normalised: str, kinds: tuple[Kind, ...]) -> Term | None:
    terms = _INDEX.get(normalised, ())
    for kind in kinds:  # the caller's order says which reading wins ("State": source or field)
        for term in terms:
            if term.kind is kind:
                return term
    return None


def split_year(label: str) -> tuple[str, str | None]:
    """An export header without its "[District]" tags and its year, and that year's text.

    "Agency Name [District] 2022-23" → ("Agency Name", "2022-23");
    "State Name [District] Latest available year" → ("State Name", "Latest available year");
    "2022-23 Average Daily Membership" → ("Average Daily Membership", "2022-23").
    """
    text = " ".join(_BRACKETS.sub(" ", str(label or "")).split())
    match = _TRAILING_YEAR.search(text)
    if match is not None and text[: match.start()].strip():
        return text[: match.start()].strip(), match.group(0).strip(" ,()")
    match = _LEADING_YEAR.match(text)
    if match is not None:
        return text[match.end() :], match.group(1)
    return text, None


def lookup(label: object, kinds: Kind | Iterable[Kind] | None = None) -> Term | None:
    """The term a label names, or None. ``kinds`` limits and orders the readings tried."""
    wanted = _kinds(kinds)
    if isinstance(label, str):
        return _lookup_text(label, wanted)
    return _lookup(label, wanted)


@functools.lru_cache(maxsize=16384)  # long tables ask the same few labels on every row
def _lookup_text(label: str, wanted: tuple[Kind, ...]) -> Term | None:
    return _lookup(label, wanted)


def _lookup(label: object, wanted: tuple[Kind, ...]) -> Term | None:
    term = _pick(normalise(label), wanted)
    tagged = isinstance(label, str) and ("[" in label or any(c.isdigit() for c in label))
    if term is None and tagged:
        term = _pick(normalise(split_year(str(label))[0]), wanted)
    return term


def lookup_with_year(
    label: str,
    kinds: Kind | Iterable[Kind] | None = None,
) -> tuple[Term, str | None] | None:
    """The term an export header names and the year text it carries, or None.

    "Total Students All Grades (Excludes AE) [District] 2022-23" →
    (Term(PROFILE, "students"), "2022-23"). The year text is read by ``cells.read_school_year``.
    """
    wanted = _kinds(kinds)
    term = _pick(normalise(label), wanted)
    if term is not None:
        return term, None
    rest, year = split_year(label)
    term = _pick(normalise(rest), wanted)
    return (term, year) if term is not None else None


def label_for(term: Term) -> str:
    """The canonical label the template writes for a term."""
    return _LABELS[term]


def suggest(label: object, kinds: Kind | Iterable[Kind] | None = None) -> str | None:
    """The canonical label a mistyped label most likely means, or None when nothing is close."""
    term = lookup(label, kinds)
    if term is not None:
        # Suggesting exactly what was typed helps nobody; the caller asked in another context.
        same = normalise(label_for(term)) == normalise(split_year(str(label or ""))[0])
        return None if same else label_for(term)
    wanted = set(_kinds(kinds))
    text = normalise(split_year(str(label or ""))[0])
    if len(text) < 3:
        return None
    candidates = {
        alias: terms
        for alias, terms in _INDEX.items()
        if any(term.kind in wanted for term in terms)
    }
    close = _close(text, candidates) or _close(_numbered(str(label or "")), candidates)
    if not close:
        return None
    term = next(term for term in candidates[close[0]] if term.kind in wanted)
    return label_for(term)


def _close(text: str, candidates: dict[str, list[Term]]) -> list[str]:
    words = set(text.split())
    # "Weighted average daily membership" is close to "average daily membership" but is not a
    # typo of it: an extra qualifying word changes the meaning, so it earns no suggestion.
    return [
        alias
        for alias in difflib.get_close_matches(text, list(candidates), n=3, cutoff=0.8)
        if not set(alias.split()) < words and _typo_of(text, alias)
    ]


def _numbered(label: str) -> str:
    """The label with a program number kept as "ii": in "Titel 2" the 2 is part of a misspelt
    "Title 2", not a footnote digit, which ``normalise`` drops after any word but "title"."""
    text = " ".join(_PUNCTUATION.sub(" ", label.casefold()).split())
    return re.sub(r"\b([a-z]{4,6}) ?2(a?)$", r"\1 ii\2", text)


SUGGESTIONS_PER_SHEET = 50  # a sheet of 20,000 unknown headings asks difflib 50 times, not 20,000


class Suggestions:
    """ "Did you mean" for one sheet: each distinct label is looked up once, and after
    ``limit`` distinct labels the rest get no suggestion (a typo is rare; thousands are not
    typos). Bounds the fuzzy search, which costs milliseconds a label."""

    __slots__ = ("_asked", "_limit")

    def __init__(self, limit: int = SUGGESTIONS_PER_SHEET) -> None:
        self._asked: dict[tuple[str, tuple[Kind, ...] | None], str | None] = {}
        self._limit = limit

    def __call__(self, label: object, kinds: tuple[Kind, ...] | None = None) -> str | None:
        text = str(label or "")
        asked = (text, kinds)
        if asked in self._asked:
            return self._asked[asked]
        if len(self._asked) >= self._limit:
            return None
        self._asked[asked] = found = suggest(text, kinds)
        return found


def _typo_of(text: str, alias: str) -> bool:
    """Word for word, a slip of the keyboard: "Numbr" for "Number", never "Number" for "Name"."""
    typed_program, known_program = (re.search(r"\btitle ([iv]+)\b", t) for t in (text, alias))
    if typed_program and known_program and typed_program[1] != known_program[1]:
        return False  # Title I is another program than Title II, never a typo of it
    typed, known = text.split(), alias.split()
    if len(typed) != len(known):
        return True  # a dropped or added small word: the whole-text ratio already judged it
    return all(
        difflib.SequenceMatcher(None, a, b).ratio() >= 0.7
        for a, b in zip(typed, known, strict=True)
        if a != b
    )


_TOTAL = re.compile(
    r"^(grand |overall |sub ?|\d+ (yr|year) |(three|five|ten) year |(three|five|ten) yr )?"
    r"totals?( (spending|dollars|amount|expenditures?|funding|funds|all|pl|pl spending|"
    r"professional learning|professional learning spending|all sources|all uses|all years))?$"
)


# Every total pattern and alias contains one of these, and normalising never creates them.
_TOTAL_WORDS = ("total", "sum", "all")


def is_total_label(text: object) -> bool:
    """ "Total", "Grand total", "5-yr total", "Total 2019-20"; never "Total students"."""
    return _is_total(str(text or ""))


@functools.lru_cache(maxsize=8192)  # asked of every row's label in long tables
def _is_total(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text).casefold()
    if not any(word in folded for word in _TOTAL_WORDS):
        return False  # most labels are district names: no need to normalise them twice
    for candidate in {normalise(text), normalise(split_year(text)[0])}:
        if _TOTAL.match(candidate) or _pick(candidate, (Kind.TOTAL,)) is not None:
            return True
    return False
