"""fields: each key's reader, found once per key, reads a cell exactly as the cell readers do,
a plain number taken on the spot included."""

from __future__ import annotations

import math

import pytest

from advocacy import template
from advocacy.ingest import cells, fields
from advocacy.location import in_sheet

_AT = in_sheet("p.xlsx", "Profile", 3, 4)


def _by_the_cell_readers(key, raw, at, issues, number_format, scale):
    """What a key's value is, asked of ``cells`` directly: the rule each reader stands for."""
    if key in fields.PERCENT_KEYS:
        return cells.read_percent(raw, at, issues, scale=scale,
                                  number_format=fields.percent_format(number_format))
    if key in fields.MONEY_KEYS:
        return cells.read_money(raw, at, issues, most=template.most(key))
    if key in fields.RATIO_KEYS:
        return cells.read_ratio(raw, at, issues, most=template.most(key))
    if key == "students":
        number = cells.read_count(raw, at, issues, most=template.most(key))
        return None if number is None else round(number)
    if key in fields.INT_KEYS or key in fields.COUNT_KEYS or key in fields.FLOAT_KEYS:
        number = cells.read_count(raw, at, issues, most=template.most(key))
        whole = key in fields.INT_KEYS
        return None if number is None else (round(number) if whole else number)
    if key in fields.ID_KEYS:
        return fields.identifier(raw, number_format)
    return cells.read_text(raw)


_KEYS = sorted(fields.PERCENT_KEYS | fields.MONEY_KEYS | fields.RATIO_KEYS | fields.INT_KEYS
               | fields.FLOAT_KEYS | fields.COUNT_KEYS) + [*fields.ID_KEYS, "state", "story.impact"]
_EDGES = [0.0, -0.0, 1e-7, 1e-6, 0.5, 1.0, 1.5, 12.0, 99.9, 100.0, 100.5, 999.0, 1000.0, 1000.5,
          5000.0, 5001.0, 2e6, 2e6 + 1, 1e7, -1.0, -9.0, -999.0, -1e-7, math.nan, math.inf,
          -math.inf, 7, 0, -9, True, "12", " 12.5 ", "12%", "$1,200", "n/a", "*", "", None]


@pytest.mark.parametrize("key", _KEYS)
@pytest.mark.parametrize("scale", [None, "points", "fraction"])
def test_a_keys_reader_reads_every_value_as_the_cell_readers_do(key, scale):
    for raw in _EDGES:
        for number_format in (None, "0%", "000"):
            got: list = []
            expected: list = []
            value = fields.field_reader(key)(raw, _AT, got, number_format, scale)
            wanted = _by_the_cell_readers(key, raw, _AT, expected, number_format, scale)
            same = value == wanted or (value != value and wanted != wanted)
            assert same and type(value) is type(wanted), (key, raw, number_format, scale)
            assert [(i.code, i.found) for i in got] == [(i.code, i.found) for i in expected]
            assert fields.read_field(key, raw, _AT, [], number_format=number_format,
                                     scale=scale) == value or value != value
