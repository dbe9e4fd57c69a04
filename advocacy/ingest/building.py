"""The model's line records (SpendingLine, RevenueLine, UseLine, OutcomePoint), built for code
that makes one per cell.

Owns building them without their dataclass ``__init__``: a frozen dataclass sets each field
through ``object.__setattr__``, which makes a line cost twice what the rest of its cell does in
a statewide check (35,000 lines). Each is filled as a plain twin with the same slots and then
given its class, so the object is exactly the one the constructor makes (equal, hashable,
frozen from then on). Never decides a value; ``lines`` does.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from advocacy.location import Location
from advocacy.model import OutcomePoint, RevenueLine, SchoolYear, SpendingLine, Unit, UseLine


def _twin(cls: type) -> type[Any]:
    """A class with ``cls``'s slots and none of its guards, to fill before it becomes ``cls``."""
    names = tuple(f.name for f in fields(cls))
    if getattr(cls, "__slots__", None) != names or hasattr(cls, "__post_init__"):
        # A new field, or a check in __post_init__: the builders below would skip it.
        raise TypeError(f"{cls.__name__} changed; build it in ingest.building as __init__ does")
    return type(f"_{cls.__name__}Twin", (), {"__slots__": names})


_SpendingTwin, _RevenueTwin, _UseTwin, _PointTwin = (
    _twin(cls) for cls in (SpendingLine, RevenueLine, UseLine, OutcomePoint)
)
_new = object.__new__


def spending(year: SchoolYear, source: str, amount: float, at: Location) -> SpendingLine:
    line: Any = _new(_SpendingTwin)
    line.school_year, line.source, line.amount_usd, line.at = year, source, amount, at
    line.__class__ = SpendingLine
    return line


def revenue(year: SchoolYear, source: str, amount: float, at: Location) -> RevenueLine:
    line: Any = _new(_RevenueTwin)
    line.school_year, line.source, line.amount_usd, line.at = year, source, amount, at
    line.__class__ = RevenueLine
    return line


def use(year: SchoolYear, name: str, amount: float, at: Location) -> UseLine:
    line: Any = _new(_UseTwin)
    line.school_year, line.use, line.amount_usd, line.at = year, name, amount, at
    line.__class__ = UseLine
    return line


def outcome(metric: str, year: SchoolYear, value: float, unit: Unit | None, group: str | None,
            higher_is_better: bool | None, at: Location) -> OutcomePoint:
    point: Any = _new(_PointTwin)
    point.metric, point.school_year, point.value, point.unit = metric, year, value, unit
    point.group, point.higher_is_better, point.at = group, higher_is_better, at
    point.__class__ = OutcomePoint
    return point
