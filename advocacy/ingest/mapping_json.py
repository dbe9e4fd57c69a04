"""Reading a saved column mapping (the JSON the app downloads and ``--mapping FILE`` takes).

Owns checking every part of the JSON — columns, constants, codes, keep_rows, outcomes — and
turning each problem into a located ``mapping.invalid`` Issue; the parts that are fine are still
used. Never raises on user input; never reads spreadsheets.

    {"columns": [["AUN", "state_id"], ["InstName", "district"], ["Amount1", "amount"],
                 ["AccountCode", "revenue_source"]],
     "constants": {"school_year": "2022-23", "state": "PA"},
     "codes": {"AccountCode": {"8515": "Title II-A"}},
     "keep_rows": {"InstCat": ["01"]},
     "outcomes": [{"metric": "Average certified salary", "unit": "$",
                   "higher_is_better": true, "columns": "years"}]}
"""

from __future__ import annotations

import json

from advocacy.ingest import cells
from advocacy.issues import Issue
from advocacy.location import Location

EXAMPLE = 'JSON such as {"columns": [["LEA", "district"]]}'


def parse(cls, outcome_cls, text: str, issues: list[Issue], *, targets, constants, units,
          file: str):
    """``targets``, ``constants``, ``units`` and ``file`` are mapping's own (TARGETS, CONSTANTS,
    UNITS, MAPPING_FILE), passed in so this module never imports the one that imports it."""
    TARGETS, CONSTANTS, UNITS = targets, constants, units  # noqa: N806 - mapping's names
    at = Location(file=file)

    def bad(found: object, expected: str, hint: str | None = None) -> None:
        issues.append(Issue.error("mapping.invalid", at=at, found=str(found)[:80],
                                  expected=expected, hint=hint))

    try:
        data = json.loads(text)
    except (ValueError, TypeError):
        bad("text that is not JSON" if text else "an empty file", EXAMPLE)  # not the parser's words
        return None
    pairs = data.get("columns") if isinstance(data, dict) else None
    if not isinstance(pairs, list):
        bad(text, 'an object with a "columns" list')
        return None
    columns = []
    for pair in pairs:
        if not isinstance(pair, list | tuple) or len(pair) != 2 or not all(
            isinstance(part, str) for part in pair
        ):
            bad(pair, "a [heading, target] pair of text")
        elif pair[1] not in TARGETS and not pair[1].startswith(("outcome:", "revenue:")):
            bad(pair[1], "one of the listed targets", f"Heading “{pair[0]}” was left unmapped")
        else:
            columns.append((pair[0], pair[1]))
    constants = []
    for key, value in _object(data, "constants", bad).items():
        if key not in CONSTANTS or not isinstance(value, str) or not value.strip():
            bad(f"{key}: {value}", "a constant among " + ", ".join(CONSTANTS) + ", as text")
        elif key == "school_year" and cells.read_school_year(value, at, []) is None:
            bad(value, CONSTANTS["school_year"])
        else:
            constants.append((key, value.strip()))
    codes = []
    for heading, table in _object(data, "codes", bad).items():
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in table.items()
        ):
            bad(heading, 'codes as {"8515": "Title II-A"} for a heading')
        else:
            codes.append((heading, tuple((k.strip(), v.strip()) for k, v in table.items())))
    keep = []
    for heading, values in _object(data, "keep_rows", bad).items():
        if not isinstance(values, list) or not all(isinstance(v, str | int) for v in values):
            bad(heading, 'the values whose rows are kept, as {"InstCat": ["01"]}')
        else:
            keep.append((heading, tuple(str(v).strip() for v in values)))
    outcomes = []
    listed = data.get("outcomes", [])
    for spec in listed if isinstance(listed, list) else [listed]:
        outcome = _outcome(outcome_cls, spec, UNITS)
        if outcome is None:
            bad(spec, 'an outcome as {"metric": "…", "unit": "%", "higher_is_better": true, '
                '"columns": ["2021-22", …] or "years"}')
        else:
            outcomes.append(outcome)
    return cls(columns=tuple(columns), constants=tuple(constants), codes=tuple(codes),
               keep=tuple(keep), outcomes=tuple(outcomes))


def _object(data: dict, key: str, bad) -> dict:
    value = data.get(key, {})
    if isinstance(value, dict):
        return value
    bad(value, f'"{key}" as an object')
    return {}


def _outcome(outcome_cls, spec: object, units: set[str]):
    if not isinstance(spec, dict) or not isinstance(spec.get("metric"), str):
        return None
    unit, higher, columns = spec.get("unit"), spec.get("higher_is_better"), spec.get("columns")
    if unit is not None and unit not in units:
        return None
    if higher is not None and not isinstance(higher, bool):
        return None
    if columns in (None, "years"):
        columns = []
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        return None
    return outcome_cls(metric=spec["metric"].strip(), unit=unit, higher_is_better=higher,
                       columns=tuple(columns))
