"""The Compare view's table: its columns with one precision each, the exact state filter, the
sort, and pages of rows, over ``metrics.comparison_rows``.

Owns which columns exist (the ten profile fields among them), how many decimals each shows
(every value of a column rounded alike, so "$2,299" never sits beside "$2,298.6"), how rows are
filtered (a state matches exactly: "Kansas" never matches "Arkansas"; a name matches by
substring) and sorted (missing values last, either way). Never imports streamlit or pandas:
the page wraps the rows it returns.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

from advocacy import formatting, template

PAGE_SIZE = 50  # rows per page: a national table of 18,620 districts never reaches the browser


class Kind(enum.Enum):
    TEXT = "text"
    USD = "usd"  # whole dollars
    COUNT = "count"  # whole numbers
    NUMBER = "number"  # one decimal: FTE teachers and coaches
    PCT = "pct"  # percent points 0-100, one decimal
    SHARE = "share"  # a fraction 0-1, shown as whole percent points
    RATIO = "ratio"  # students per teacher, one decimal
    CHANGE = "change"  # percent change, whole points


DECIMALS = {Kind.USD: 0, Kind.COUNT: 0, Kind.NUMBER: 1, Kind.PCT: 1, Kind.SHARE: 0,
            Kind.RATIO: 1, Kind.CHANGE: 0}


@dataclass(frozen=True, slots=True)
class Column:
    label: str  # the comparison row's key and the heading
    kind: Kind




def _kind(field: template.ProfileField) -> Kind:
    if field.kind is template.Kind.MONEY:
        return Kind.USD
    if field.kind is template.Kind.PERCENT:
        return Kind.PCT
    if field.kind is template.Kind.RATIO:
        return Kind.RATIO
    return Kind.COUNT if field.whole else Kind.NUMBER  # FTE teachers and coaches: 12.5


COLUMNS: tuple[Column, ...] = (
    Column("District", Kind.TEXT), Column("State", Kind.TEXT),
    Column("Congressional district", Kind.TEXT),
    *(Column(field.short, _kind(field)) for field in template.PROFILE),
    Column("Latest year", Kind.TEXT), Column("PL dollars", Kind.USD),
    Column("Title II-A dollars", Kind.USD), Column("Title II-A share", Kind.SHARE),
    Column("Per teacher", Kind.USD), Column("Per student", Kind.USD),
    Column("PL dollars change %", Kind.CHANGE), Column("Outcome", Kind.TEXT),
    Column("Outcome change", Kind.NUMBER),
)
BY_LABEL = {column.label: column for column in COLUMNS}
_PROFILE_SHOWN = tuple(field.short for field in template.PROFILE
                       if field.key in ("students", "teachers"))
DEFAULT_COLUMNS = ("District", "State", *_PROFILE_SHOWN, "Latest year", "PL dollars",
                   "Title II-A share", "Per teacher", "Per student", "PL dollars change %")


def states(rows: Sequence[dict]) -> list[str]:
    """Every state named in the rows, in alphabetical order, each once."""
    return sorted({row["State"] for row in rows if row.get("State")}, key=str.casefold)


def filtered(rows: Sequence[dict], *, state: str | None = None,
             name: str | None = None) -> list[dict]:
    """Rows of exactly ``state`` (case aside) whose district name contains ``name``."""
    wanted = state.casefold() if state else None
    needle = " ".join((name or "").split()).casefold()
    return [row for row in rows
            if (wanted is None or (row.get("State") or "").casefold() == wanted)
            and needle in str(row["District"]).casefold()]


def ordered(rows: Sequence[dict], by: str, *, descending: bool = False) -> list[dict]:
    """Rows sorted by one column; missing values last whichever way, ties by district name."""
    def known(row: dict) -> bool:
        return not formatting.missing(row.get(by))

    present = sorted((row for row in rows if known(row)), key=lambda row: str(row["District"]))
    if BY_LABEL[by].kind is Kind.TEXT:
        present.sort(key=lambda row: str(row[by]).casefold(), reverse=descending)
    else:
        present.sort(key=lambda row: row[by], reverse=descending)
    return present + [row for row in rows if not known(row)]


def page_count(rows: Sequence[dict], size: int = PAGE_SIZE) -> int:
    return max(1, math.ceil(len(rows) / size))


def page(rows: Sequence[dict], number: int, size: int = PAGE_SIZE) -> list[dict]:
    """Rows of page ``number`` (1-based, clamped to the pages there are)."""
    number = min(max(number, 1), page_count(rows, size))
    return list(rows[(number - 1) * size:number * size])


def shown(row: dict, labels: Sequence[str]) -> dict:
    """The row's values for ``labels``, each rounded to its column's one precision; shares
    become percent points so the whole column reads "25%", never "25.23%"."""
    out = {}
    for label in labels:
        value, kind = row.get(label), BY_LABEL[label].kind
        if kind is Kind.TEXT or formatting.missing(value):
            out[label] = value
            continue
        value = value * 100 if kind is Kind.SHARE else value
        out[label] = round(float(value), DECIMALS[kind])
    return out


def printf(kind: Kind) -> str | None:
    """The grid's number format for a kind (Streamlit's sprintf, with "," for thousands)."""
    return {Kind.USD: "$%,.0f", Kind.COUNT: "%,.0f", Kind.NUMBER: "%,.1f", Kind.PCT: "%.1f%%",
            Kind.SHARE: "%.0f%%", Kind.RATIO: "%.1f", Kind.CHANGE: "%.0f%%"}.get(kind)
