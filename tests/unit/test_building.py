"""building: a line built for per-cell code is the very object its constructor makes."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from advocacy.ingest import building
from advocacy.location import in_sheet
from advocacy.model import OutcomePoint, RevenueLine, SchoolYear, SpendingLine, Unit, UseLine

_AT = in_sheet("s.xlsx", "Spending", 4, 3)
_YEAR = SchoolYear(2022)

_PAIRS = [
    (building.spending(_YEAR, "Title II-A", 1_000.0, _AT),
     SpendingLine(school_year=_YEAR, source="Title II-A", amount_usd=1_000.0, at=_AT)),
    (building.revenue(_YEAR, "Title II-A", 2_000.0, _AT),
     RevenueLine(school_year=_YEAR, source="Title II-A", amount_usd=2_000.0, at=_AT)),
    (building.use(_YEAR, "Coaching", 3_000.0, _AT),
     UseLine(school_year=_YEAR, use="Coaching", amount_usd=3_000.0, at=_AT)),
    (building.outcome("Retention", _YEAR, 81.5, Unit.PERCENT, "Coached", True, _AT),
     OutcomePoint(metric="Retention", school_year=_YEAR, value=81.5, unit=Unit.PERCENT,
                  group="Coached", higher_is_better=True, at=_AT)),
]


@pytest.mark.parametrize(("built", "made"), _PAIRS, ids=lambda line: type(line).__name__)
def test_a_built_line_is_the_constructed_one(built, made):
    assert type(built) is type(made)
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert dataclasses.astuple(built) == dataclasses.astuple(made)
    assert dataclasses.replace(built, at=None) == dataclasses.replace(made, at=None)
    assert pickle.loads(pickle.dumps(built)) == made
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.at = None
