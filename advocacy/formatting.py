"""Numbers as people write them: dollars, counts, percentages, ratios, school years.

Shared by charts, narrative and every export so the same figure reads the same everywhere.
Imports nothing of ours but the model's value types and the template's kinds; never parses
user input.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from advocacy import template
from advocacy.model import SchoolYear, Unit
from advocacy.template import Kind

if TYPE_CHECKING:
    # TypeIs is the TypeGuard that narrows both ways (PEP 742): after `if missing(x): return`,
    # x is a float. typing has it only from 3.13; the checker alone needs it.
    from typing_extensions import TypeIs

DASH = "—"  # shown for a missing value; never 0


def missing(value: float | None) -> TypeIs[None]:
    """No value: None, or the NaN a table holds where a cell was blank.

    A type guard: where it is false the value is a float. Where it is true the checker takes the
    value for None, though it may be a NaN float; nothing may branch on which."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _unshowable(value: float | None) -> TypeIs[None]:
    """Missing, or a number no one could read (inf from an overflow): shown as a dash, so a
    formatter never raises whatever reaches it. A guard like `missing`."""
    return missing(value) or not math.isfinite(value)


def usd(value: float | None) -> str:
    """Whole dollars with separators: 298000 → "$298,000"; -1200 → "−$1,200"."""
    if _unshowable(value):
        return DASH
    rounded = round(value)
    sign = "−" if rounded < 0 else ""
    return f"{sign}${abs(rounded):,}"


def usd_compact(value: float | None) -> str:
    """Large dollars for headlines: 1_234_567 → "$1.2 million", 48_500 → "$48,500"."""
    if _unshowable(value):
        return DASH
    magnitude = abs(value)
    sign = "−" if value < 0 else ""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if magnitude >= size:
            return f"{sign}${_trim(magnitude / size, 1)} {word}"
    return usd(value)


def count(value: float | None) -> str:
    """Counts with separators: 8420 → "8,420"; FTE keeps one decimal: 512.5 → "512.5"."""
    if _unshowable(value):
        return DASH
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def pct(value: float | None, decimals: int | None = None) -> str:
    """Percent points as people write them: 88.0 → "88%", 7.5 → "7.5%"."""
    if _unshowable(value):
        return DASH
    if decimals is None:
        decimals = 0 if abs(value - round(value)) < 0.05 else 1
    return f"{_trim(value, decimals)}%"


def share(value: float | None, decimals: int | None = None) -> str:
    """A fraction 0-1 as a percentage: 0.34 → "34%"."""
    return DASH if _unshowable(value) else pct(value * 100, decimals)


def points(value: float | None) -> str:
    """A change in percent points with its sign: 6.0 → "+6 points"."""
    if _unshowable(value):
        return DASH
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    word = "point" if abs(value) == 1 else "points"
    return f"{sign}{_trim(abs(value), 1)} {word}"


def signed_pct(value: float | None) -> str:
    """A relative change with its sign: 12.5 → "+12.5%"."""
    if _unshowable(value):
        return DASH
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{pct(abs(value))}"


def signed_usd(value: float | None) -> str:
    if _unshowable(value):
        return DASH
    return ("+" if value > 0 else "") + usd(value)


def ratio(value: float | None) -> str:
    """Students per teacher: 16.4 → "16.4:1"."""
    return DASH if _unshowable(value) else f"{_trim(value, 1)}:1"


def school_year(year: SchoolYear | None) -> str:
    return DASH if year is None else str(year)


def value(amount: float | None, unit: Unit | None) -> str:
    """An outcome value in its own unit."""
    if unit is Unit.PERCENT:
        return pct(amount)
    if unit is Unit.USD:
        return usd(amount)
    if unit is Unit.COUNT:
        return count(amount)
    if _unshowable(amount):
        return DASH
    return _trim(amount, 1)


def _trim(number: float, decimals: int) -> str:
    """Round, group thousands, and drop a trailing ".0"."""
    text = f"{number:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


BY_KIND = {Kind.COUNT: count, Kind.MONEY: usd, Kind.PERCENT: pct, Kind.RATIO: ratio}


def profile_value(key: str, value: float | None) -> str:
    """A profile field's value as the one-pager prints it: "8,420", "$13,250", "7.5%", "16.4:1"."""
    return BY_KIND[template.profile_field(key).kind](value)


# WHO WE ARE in the template's order: (Profile field, short label, formatter). Every export shows
# the district description from this one table so the PDF, slides and HTML never disagree.
PROFILE_FIELDS = tuple((field.key, field.short, BY_KIND[field.kind]) for field in template.PROFILE)
