"""Text that will be exported, cleaned once as it is read, so what ``check`` accepts exports.

Owns the one pass over every fact's text (district names, IDs, profile text, story, contact,
spending, revenue and use source labels, outcome metric and group labels): control, format
(zero-width, bidi), private-use, surrogate and unassigned characters are removed, tabs and
stray line breaks become spaces outside the story, and each field is capped at a length every
export can hold (python-pptx refuses core properties over 255 characters), each change with a
located warning. A district name with no letter or digit left is a located error: every export
needs a readable title. Never reads cells and never decides what a value means.
"""

from __future__ import annotations

import functools
import operator
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from itertools import compress, repeat, starmap
from typing import cast

from advocacy.ingest.fields import Fact
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import OutcomePoint, RevenueLine, SpendingLine, UseLine

# Lengths a person would never need and every export can show.
LIMITS = {"name": 150, "nces_id": 40, "state_id": 40, "state": 60, "county": 100,
          "story": 20_000, "line": 150, "other": 2_000}
_MULTILINE = ("story.", "standards", "data_sources")
# Unicode general categories removed: control, format (zero-width, bidi, soft hyphen, tags),
# private-use, surrogate and unassigned. docs/check-json.md states this list; keep both alike.
_DROPPED = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})


def clean_facts(facts: list[Fact], issues: list[Issue]) -> list[Fact]:
    """The facts with their text cleaned; unchanged facts are the same objects."""
    if _clean_already(facts):
        return list(facts)
    return _cleaned(facts, issues)


def _clean_already(facts: list[Fact]) -> bool:
    """Every text of ``facts`` is one ``_cleaned`` would leave as it is, saying nothing: asked
    of each distinct text once, since a sheet of 16,000 facts has a few thousand (a long table
    repeats its names and labels on every row), and what a text raises depends on it alone."""
    names = set(map(_DISTRICT, facts))
    names.discard(None)
    if not all(map(_quiet, names, repeat("name"))):
        return False
    values = list(map(_VALUE, facts))
    types = list(map(type, values))
    kinds = set(types)
    if str in kinds:
        # Every pass here runs in C, and a text's verdict is cached: 35,000 facts a sheet.
        # A text quiet under the shortest limit is quiet under its key's, so most are asked
        # once without their key (no pair made per fact); the rest are asked with it.
        texts = set(compress(values, _each_is(types, str)))
        if not all(map(_quiet_under_any_key, texts)):
            keyed = set(compress(zip(map(_KEY, facts), values, strict=True), _each_is(types, str)))
            if not all(starmap(_quiet_fact_text, keyed)):
                return False
    for cls in kinds & _LINE_TEXTS.keys():
        for field in _LINE_TEXTS[cls]:
            lines = compress(values, _each_is(types, cls))
            for text in set(map(operator.attrgetter(field), lines)):
                if isinstance(text, str) and not _quiet(text, "line"):
                    return False
    return True


def _each_is(types: list[type], cls: type) -> Iterator[bool]:
    """Whether each type is ``cls``, asked in C (``compress`` then keeps those values)."""
    return map(operator.is_, types, repeat(cls))


# Fact's fields by position, for a pass over every fact in C.
_KEY, _VALUE, _DISTRICT = (operator.itemgetter(Fact._fields.index(name))
                           for name in ("key", "value", "district"))


@functools.lru_cache(maxsize=65536)  # a workbook names its districts again on every sheet
def _quiet(text: str, key: str) -> bool:
    """``_clean`` would give ``text`` back as it is, with no issue."""
    return len(text) <= _limit(key) and not _has_dropped(text)


_SHORTEST = min(LIMITS.values())  # every key's limit is one of LIMITS


@functools.lru_cache(maxsize=65536)
def _quiet_under_any_key(text: str) -> bool:
    """``_quiet_fact_text`` is True for ``text`` whatever its key (a name's letter included)."""
    return len(text) <= _SHORTEST and not _has_dropped(text) and _has_alnum(text)


@functools.lru_cache(maxsize=65536)
def _quiet_fact_text(key: str, text: str) -> bool:
    """A fact's text ``_cleaned`` would keep as it is, saying nothing (a name needs a letter
    or digit too)."""
    return _quiet(text, key) and (key != "name" or _has_alnum(text))


@functools.lru_cache(maxsize=65536)
def _has_alnum(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _cleaned(facts: list[Fact], issues: list[Issue]) -> list[Fact]:
    """The facts one by one, each change of their text with its issue, in the facts' order."""
    renamed: dict[str, str] = {}  # a district name as written → cleaned, where that differs
    checked: set[str] = set()
    # (key, text) already found clean and quiet: a long table repeats its names and labels on
    # every row, and what a text raises depends on the text alone, so it is looked at once.
    clean: set[tuple[str, object]] = set()  # (key, text) pairs already found clean
    out = []
    for fact in facts:
        district = fact.district
        if district is not None:
            if district not in checked:
                checked.add(district)
                cleaned = _clean(district, "name", fact.at, issues, warn=False)
                if cleaned is not None and cleaned != district:
                    renamed[district] = cleaned
            district = renamed.get(district, district)
        value = fact.value
        if value.__class__ is str:
            if (fact.key, value) not in clean:
                before = len(issues)
                value = _value(fact, issues)
                if value is fact.value and len(issues) == before:
                    clean.add((fact.key, value))
        elif value.__class__ in _LINE_TEXTS:
            value = _line(value, fact.at, issues, clean)
        if district is not fact.district or value is not fact.value:
            fact = fact._replace(district=district, value=value)
        out.append(fact)
    return out


def _value(fact: Fact, issues: list[Issue]) -> object:
    value = cast(str, fact.value)  # called for text values only
    cleaned = _clean(value, fact.key, fact.at, issues)
    if fact.key == "name" and not any(c.isalnum() for c in cleaned or ""):
        issues.append(Issue.error(
            "text.no_letters", at=fact.at, found=_visible(value),
            expected="a district name with at least one letter or digit",
            hint="Every export prints the name as its title"))
        return value if cleaned is None else cleaned  # kept, so the error has a district
    return value if cleaned == value else cleaned


# The text fields of each kind of line, looked up by its class: one look-up per fact.
_LINE_TEXTS: dict[type, tuple[str, ...]] = {
    SpendingLine: ("source",), RevenueLine: ("source",), UseLine: ("use",),
    OutcomePoint: ("metric", "group"),
}


def _line(line, at: Location, issues: list[Issue], clean: set[tuple[str, object]]):
    changes = {}
    for field in _LINE_TEXTS[line.__class__]:
        text = getattr(line, field)
        if isinstance(text, str) and ("line", text) not in clean:
            cleaned = _clean(text, "line", line.at or at, issues)
            if cleaned == text:
                clean.add(("line", text))
            elif cleaned is not None or field == "group":
                changes[field] = cleaned
    return replace(line, **changes) if changes else line


def _clean(text: str, key: str, at: Location, issues: list[Issue], *, warn: bool = True
           ) -> str | None:
    limit = _limit(key)
    if len(text) <= limit and not _has_dropped(text):
        return text
    multiline = key.startswith(_MULTILINE)
    kept = []
    for char in text:
        if char in "\t\r\n":
            kept.append("\n" if multiline and char == "\n" else " ")
        elif unicodedata.category(char) not in _DROPPED:
            kept.append(char)
    cleaned = "".join(kept)
    cleaned = cleaned.strip() if multiline else " ".join(cleaned.split())
    if warn and cleaned != text.strip():
        issues.append(Issue.warning(
            "text.cleaned", at=at, found=_visible(text),
            expected="text with no invisible or control characters",
            hint="They were removed; what is left is what every export prints"))
    if len(cleaned) > limit:
        if warn:
            issues.append(Issue.warning(
                "text.too_long", at=at, found=f"{len(cleaned):,} characters",
                expected=f"at most {limit:,} characters",
                hint=f"Only the first {limit:,} characters are kept"))
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return cleaned or None


def _has_dropped(text: str) -> bool:
    # isprintable() is False for every character of the dropped categories (and for spaces
    # other than " "), so it screens most cells in C before the per-character look.
    return not text.isprintable() and any(unicodedata.category(c) in _DROPPED for c in text)


def _limit(key: str) -> int:
    if key == "name" or key in LIMITS:
        return LIMITS.get(key, LIMITS["other"])
    if key.startswith("story."):
        return LIMITS["story"]
    return LIMITS["other"]


def _visible(text: str) -> str:
    """The text with each removed character named, so the reader can find it."""
    return "".join(
        f"<U+{ord(c):04X}>" if unicodedata.category(c) in _DROPPED and c not in "\t\r\n" else c
        for c in text[:60])
