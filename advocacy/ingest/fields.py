"""What each recognised field holds, and how one of its cells is read.

Owns the map from a vocabulary term to a fact key ("students", "story.impact",
"contact.email") and the reader for that key's values (count, money, percent, ratio, text).
Never finds tables (that is ``layouts``) and never decides which district a value belongs to.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from advocacy import template
from advocacy.ingest import cells
from advocacy.ingest.vocabulary import Kind, Term
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import SchoolYear

INT_KEYS = {f.key for f in template.PROFILE if f.kind is template.Kind.COUNT and f.whole}
FLOAT_KEYS = {f.key for f in template.PROFILE if f.kind is template.Kind.COUNT and not f.whole}
PERCENT_KEYS = set(template.profile_keys(template.Kind.PERCENT))
MONEY_KEYS = set(template.profile_keys(template.Kind.MONEY))
RATIO_KEYS = set(template.profile_keys(template.Kind.RATIO))
COUNT_KEYS = {count.key for count in template.PROFILE_COUNTS}
# A count of students in a group becomes that group's share of enrollment.
COUNT_TO_PCT = {count.key: count.becomes for count in template.PROFILE_COUNTS}
TEXT_KEYS = {*(f.key for f in template.IDENTITY), template.DATA_SOURCES_FIELD.key,
             template.DRAFTED_FIELD.key}
STORY_KEYS = template.STORY_KEYS
CONTACT_KEYS = template.CONTACT_KEYS
ID_KEYS = ("nces_id", "state_id")  # codes that identify a district; kept as text
IDENTITY_KEYS = ("state", "county", *ID_KEYS)  # what tells two same-named districts apart

# The kinds a label down column A, or a column heading, may name as a single value.
SCALAR_KINDS = (Kind.IDENTITY, Kind.PROFILE, Kind.PROFILE_COUNT, Kind.STORY, Kind.CONTACT)


def fact_key(term: Term) -> str:
    """The key a value is stored under, which is also its ``District.located`` key."""
    if term.kind is Kind.STORY and term.key in STORY_KEYS:
        return f"story.{term.key}"
    if term.kind is Kind.CONTACT:
        return f"contact.{term.key}"
    return term.key


def percent_scale(raws: Iterable[object]) -> str | None:
    """A column's convention: all numbers at most 1 → fractions; any above 1 → points."""
    numbers = []
    for raw in raws:
        if isinstance(raw, bool):
            continue
        if isinstance(raw, cells.NUMBER_TYPES):
            numbers.append(float(raw))
        elif isinstance(raw, str) and "%" not in raw:
            try:
                numbers.append(float(raw.strip().replace(",", "")))
            except ValueError:
                continue
    if not numbers or all(n == 0 for n in numbers):
        return None
    return "fraction" if all(abs(n) <= 1 for n in numbers) else "points"


def percent_format(number_format: str | None) -> str | None:
    """The number format, unless its "%" is only a literal ('0.0"%"' shows 38 as "38.0%"),
    which says the cell holds points, not a fraction."""
    if number_format is None:
        return None
    bare = re.sub(r'"[^"]*"|\\.', "", number_format)
    return number_format if "%" in bare else None


def read_field(
    key: str,
    raw: object,
    at: Location,
    issues: list[Issue],
    *,
    number_format: str | None = None,
    scale: str | None = None,
) -> object | None:
    """One cell as the value ``key`` holds; None (with an Issue where due) when missing."""
    return field_reader(key)(raw, at, issues, number_format, scale)


# (raw, at, issues, number format, percent scale) → the value, as ``read_field`` reads it.
Reader = Callable[[object, Location, list[Issue], str | None, str | None], object | None]


@functools.lru_cache(maxsize=1024)  # a table reads the same few keys in every row
def field_reader(key: str) -> Reader:
    """``read_field`` for one key, its kind and bound looked up once. A plain number within
    its bound is taken in the reader itself, as the ``cells`` reader would take it first; any
    other value goes to that reader."""
    if key in PERCENT_KEYS:
        return _read_percent
    if key in MONEY_KEYS:
        return _money_reader(template.most(key))
    if key in RATIO_KEYS:
        return _ratio_reader(template.most(key))
    if key == "students":
        # Average daily membership is fractional by nature ("1,872.119"); a count of students
        # is still a whole number, so round rather than warn.
        return _count_reader(template.most(key), whole=True)
    if key in INT_KEYS or key in COUNT_KEYS:
        return _count_reader(template.most(key), whole=key in INT_KEYS)
    if key in FLOAT_KEYS:  # teachers and coaches: fractional FTE, never below zero
        return _count_reader(template.most(key), whole=False)
    if key in ID_KEYS:
        return _read_identifier
    return _read_text


_MIN = cells.MIN_MAGNITUDE


def _read_percent(raw, at, issues, number_format, scale):
    if scale == "points" and raw.__class__ is float and 0 <= raw <= template.PERCENT_MOST:
        return raw  # read_percent's first test: a number in a column of points
    return cells.read_percent(
        raw, at, issues, number_format=percent_format(number_format), scale=scale
    )


def _money_reader(most: float) -> Reader:
    def read(raw, at, issues, number_format, scale):
        if raw.__class__ is float and -most <= raw <= most and (
            raw == 0 or abs(raw) >= _MIN
        ) and raw not in cells.MASKED_NUMBERS:
            return raw  # read_money's first test, without its calls
        return cells.read_money(raw, at, issues, most=most)

    return read


def _ratio_reader(most: float) -> Reader:
    def read(raw, at, issues, number_format, scale):
        if raw.__class__ is float and _MIN <= raw <= most:
            return raw  # read_ratio's first test, without its calls
        return cells.read_ratio(raw, at, issues, most=most)

    return read


def _count_reader(most: float, *, whole: bool) -> Reader:
    def read(raw, at, issues, number_format, scale):
        if raw.__class__ is float and 0 <= raw <= most and (raw == 0 or raw >= _MIN):
            return round(raw) if whole else raw  # read_count's first test, without its calls
        number = cells.read_count(raw, at, issues, most=most)
        return None if number is None else (round(number) if whole else number)

    return read


def _read_identifier(raw, at, issues, number_format, scale):
    return identifier(raw, number_format)


def _read_text(raw, at, issues, number_format, scale):
    return cells.read_text(raw)


def identifier(raw: object, number_format: str | None = None) -> str | None:
    """Codes stay text; a number typed into the cell loses its ".0" but nothing else, and a
    number format of zeros ("000", as Virginia writes division 1) gives back its leading zeros."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        width = len(number_format) if number_format and set(number_format) == {"0"} else 0
        return str(raw).zfill(width)
    return cells.read_text(raw)


class Fact(NamedTuple):
    """One value read from one cell, before districts are assembled.

    ``key`` is a scalar key ("students", "story.impact") or "spending", "uses", "outcomes" with a
    model line as ``value``. ``district`` is the name as written, or None for "the district this
    file or sheet is about". ``year`` is the school year a profile value describes, if given.
    ``unit`` says which rows of a table are one district: the row itself in a table of one row
    per district, the row's name and identifiers in a long table; None outside tables.

    A named tuple, as immutable as a frozen dataclass: a statewide check builds one per cell,
    and a tuple is built in C (``new_fact``), with no ``object.__setattr__`` per field.
    """

    key: str
    value: object
    at: Location
    district: str | None = None
    year: SchoolYear | None = None
    unit: object = None


def new_fact(fields: tuple[str, object, Location, str | None, SchoolYear | None, object]
             ) -> Fact:
    """A Fact from all six fields at once, for the loops that read every cell of a table."""
    return _new_tuple(Fact, fields)


_new_tuple = tuple.__new__
