"""Picking districts out of a statewide or national load: ``--district`` and ``--state``.

Owns matching a district by its name (as shown, or as written), its NCES ID or its state's own
ID, and by state (a USPS code or a state's name), keeping only the issues of the districts kept
(and those that belong to no district), and the error when a run yields no district at all; and
the app picker's search, which finds a few districts of thousands as a person types.
Never reads files; works on a LoadResult or on districts.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from advocacy.ingest.identity import state_code
from advocacy.issues import Issue
from advocacy.load import LoadResult
from advocacy.location import Location
from advocacy.model import District, district_key


def matches(district: District, wanted: str) -> bool:
    """ "Springfield Local (Lucas County, OH)", "springfield local", "3900001" or an AUN."""
    key = district_key(wanted)[0]
    if key in (district_key(district.name)[0], district_key(_written(district))[0]):
        return True
    text = wanted.strip()
    return bool(text) and text in (district.nces_id, district.state_id)


@dataclass(frozen=True, slots=True)
class Found:
    """The first ``limit`` matches of a search, by position in the districts searched."""

    positions: tuple[int, ...]
    total: int  # how many matched in all


def search(districts: Sequence[District], query: str, *, state: str | None = None,
           limit: int) -> Found:
    """Districts whose name holds ``query`` in any case, or whose NCES or state ID starts with
    it, in ``state`` (a USPS code or name) when given, in load order."""
    wanted = " ".join(query.split()).casefold()
    wanted_state = state_code(state) if state else None
    positions: list[int] = []
    total = 0
    for position, district in enumerate(districts):
        if wanted_state is not None and state_code(district.state) != wanted_state:
            continue
        if wanted and not (wanted in district.name.casefold()
                           or (district.nces_id or "").startswith(wanted)
                           or (district.state_id or "").casefold().startswith(wanted)):
            continue
        total += 1
        if len(positions) < limit:
            positions.append(position)
    return Found(positions=tuple(positions), total=total)


def states(districts: Sequence[District]) -> tuple[str, ...]:
    """The USPS codes of the states the districts are in, sorted."""
    return tuple(sorted({code for d in districts if (code := state_code(d.state))}))


def _written(district: District) -> str:
    """The name without the qualifier that tells same-named districts apart."""
    name = district.name
    return name[: name.rfind(" (")] if name.endswith(")") and " (" in name else name


def pick(
    result: LoadResult, *, districts: Sequence[str] = (), state: str | None = None
) -> LoadResult:
    """The districts that match any of ``districts`` (all when empty) in ``state``; an error
    for each wanted district that matches none."""
    if not districts and not state:
        return result
    wanted_state = state_code(state) if state else None
    kept = [
        d
        for d in result.districts
        if (not districts or any(matches(d, w) for w in districts))
        and (wanted_state is None or state_code(d.state) == wanted_state)
    ]
    names = {d.name for d in kept}
    issues = [i for i in result.issues if i.district is None or i.district in names]
    for wanted in districts:
        if not any(matches(d, wanted) for d in kept):
            issues.append(
                Issue.error(
                    "district.not_found",
                    at=Location(file="--district"),
                    found=wanted + (f" in {state}" if state else ""),
                    expected="a district name, NCES ID or state district ID from these files",
                    hint=_suggestion(result.districts, wanted),
                )
            )
    if not districts and not kept:
        issues.append(
            Issue.error(
                "district.not_found",
                at=Location(file="--state"),
                found=f"no district in {state}",
                expected="a state these files have districts in",
            )
        )
    return replace(result, districts=tuple(kept), issues=tuple(issues))


def require_districts(result: LoadResult, files: Sequence[object]) -> LoadResult:
    """A run in which no file yields any district data is an error, not a quiet success."""
    if result.districts or any(i.code == "district.not_found" for i in result.issues):
        return result
    error = Issue.error(
        "run.no_districts",
        at=Location(file=", ".join(_name(f) for f in files)),
        expected="at least one district with figures such as students, teachers or spending",
        hint="Use the template, or map the files' columns with --mapping FILE",
    )
    return replace(result, issues=(*result.issues, error))


def _name(item: object) -> str:
    return str(getattr(item, "name", item)).rsplit("/", 1)[-1]


def _suggestion(districts: Sequence[District], wanted: str) -> str | None:
    names = [d.name for d in districts]
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
    return f"Did you mean “{close[0]}”?" if close else None
