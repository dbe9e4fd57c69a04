"""Which facts are one district: units of rows, merged across sheets and files by identity.

Owns a district's identity (NCES LEA ID, the state's own district number, name + state +
county), the rule that two rows of one sheet are never merged unless they share an ID, merging
across sheets and files by ID first and then by exact name and state, warnings for near-matches
("Upper St. Clair SD" / "Upper Saint Clair SD") and ambiguous names, and the display names that
tell same-named districts apart ("Springfield Local (Lucas County, OH)"). Never reads cells and
never builds District records (that is ``assemble``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advocacy.ingest.fields import Fact
from advocacy.issues import Issue
from advocacy.model import district_key

STATE_CODES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL",
    "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
    "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
    "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
    "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR",
    "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC", "south dakota": "SD",
    "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA",
    "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
    "puerto rico": "PR", "guam": "GU", "virgin islands": "VI", "american samoa": "AS",
    "northern mariana islands": "MP", "bureau of indian education": "BIE",
}
_CODES = set(STATE_CODES.values())


def state_code(text: object) -> str | None:
    """ "NEW HAMPSHIRE", "New Hampshire" and "nh" → "NH"; other text is kept, folded."""
    folded = " ".join(str(text or "").split()).casefold()
    if not folded:
        return None
    if folded.upper() in _CODES:
        return folded.upper()
    return STATE_CODES.get(folded, folded)


@dataclass(slots=True)
class Unit:
    """The facts of one district as one sheet gives them: one row, or one long table's rows.

    ``by_key`` holds the same facts by key, keys in the order first seen: ``assemble`` takes
    a district's values and lines by key, never walking every fact again."""

    sheet: tuple[str, str | None]
    facts: list[Fact]
    by_key: dict[str, list[Fact]]
    name: str = ""
    state: str | None = None  # a USPS code where the text names a state
    county: str | None = None
    nces_id: str | None = None
    state_id: str | None = None

    def fill(self) -> None:
        # Plain loops over the few identity facts: a unit is a row, and a national table has
        # tens of thousands of rows.
        by_key = self.by_key
        if (facts := by_key.get("name")) is not None:
            for fact in facts:
                if name := str(fact.value):
                    self.name = name
                    break
        if (facts := by_key.get("state")) is not None:
            for fact in facts:
                if (code := state_code(fact.value)) is not None:
                    self.state = code
                    break
        if (facts := by_key.get("county")) is not None:
            for fact in facts:
                if county := " ".join(str(fact.value).split()):
                    self.county = county
                    break
        if (facts := by_key.get("nces_id")) is not None:
            self.nces_id = str(facts[0].value)
        if (facts := by_key.get("state_id")) is not None:
            self.state_id = str(facts[0].value)
        if not self.name:
            self.name = next((f.district for f in self.facts if f.district), "")


@dataclass(slots=True)
class Group:
    """One district: the units that name it, in the order first seen."""

    units: list[Unit] = field(default_factory=list)
    sheets: set[tuple[str, str | None]] = field(default_factory=set)
    name: str = ""
    state: str | None = None
    county: str | None = None
    nces_id: str | None = None
    state_id: str | None = None
    display: str = ""

    def add(self, unit: Unit) -> None:
        self.units.append(unit)
        self.sheets.add(unit.sheet)
        self.name = self.name or unit.name
        self.state = self.state or unit.state
        self.county = self.county or unit.county
        self.nces_id = self.nces_id or unit.nces_id
        self.state_id = self.state_id or unit.state_id

    @property
    def files(self) -> set[str]:
        return {file for file, _ in self.sheets}

    @property
    def facts(self) -> list[Fact]:
        return [fact for unit in self.units for fact in unit.facts]

    def first_at(self):
        return self.units[0].facts[0].at


def units(facts: list[Fact]) -> list[Unit]:
    """Facts grouped into units: a table row's unit, else the file's district by name."""
    found: dict[object, Unit] = {}
    last: object = _NO_UNIT
    in_unit: list[Fact] = []
    by_key: dict[str, list[Fact]] = {}
    last_key: str | None = None
    same: list[Fact] = []
    # The facts of one row share its unit, and a long table's lines of one kind come one after
    # another: a run of either joins its unit, and its list of that key, with no look-up.
    for fact in facts:
        key = fact.key
        if fact.unit is last:
            if key is last_key:
                same.append(fact)
                in_unit.append(fact)
                continue
        else:
            unit = _unit_of(fact, found)
            last = _NO_UNIT if fact.unit is None else fact.unit
            in_unit, by_key = unit.facts, unit.by_key
        in_unit.append(fact)
        known = by_key.get(key)
        if known is None:
            by_key[key] = same = [fact]
        else:
            known.append(fact)
            same = known
        last_key = key
    for unit in found.values():
        unit.fill()
    return list(found.values())


_NO_UNIT = object()  # outside tables each fact's unit is looked up: its file's district


def _unit_of(fact: Fact, found: dict[object, Unit]) -> Unit:
    key = fact.unit
    if key is None:  # outside a table: the file's district of that name
        key = (fact.at.file, district_key(fact.district or ""))
    unit = found.get(key)
    if unit is None:
        unit = found[key] = Unit((fact.at.file, fact.at.sheet), [], {})
    return unit


def merge(found: list[Unit], issues: list[Issue]) -> list[Group]:
    """Units → districts: the same ID is the same district; else the same name and state from
    another sheet, when exactly one district fits; two rows of one sheet stay two districts."""
    groups: list[Group] = []
    by_nces: dict[str, Group] = {}
    by_state_id: dict[str, list[Group]] = {}
    by_name: dict[str, list[Group]] = {}
    sheets_by_name: dict[str, set] = {}  # a name seen only in this unit's sheet cannot merge
    for unit in found:
        group = by_nces.get(unit.nces_id) if unit.nces_id else None
        if group is None and unit.state_id:
            group = next((g for g in by_state_id.get(unit.state_id, ()) if _fits(g, unit)), None)
        name_key = district_key(unit.name)[0]
        seen_in = sheets_by_name.get(name_key)
        if seen_in is None:
            seen_in = sheets_by_name[name_key] = set()
        if group is None and seen_in and seen_in != {unit.sheet}:
            group = _by_name(unit, by_name.get(name_key, ()), issues)
        seen_in.add(unit.sheet)
        if group is None:
            group = Group()
            groups.append(group)
            by_name.setdefault(name_key, []).append(group)
        before = (group.nces_id, group.state_id)
        group.add(unit)
        if group.nces_id and group.nces_id != before[0]:
            by_nces[group.nces_id] = group
        if group.state_id and group.state_id != before[1]:
            by_state_id.setdefault(group.state_id, []).append(group)
    _near_matches(groups, issues)
    _display_names(groups)
    _rename_issues(groups, issues)
    return groups


def _fits(group: Group, unit: Unit) -> bool:
    """Nothing known about the two says they are different districts."""
    return (
        (group.state is None or unit.state is None or group.state == unit.state)
        and (group.county is None or unit.county is None
             or _folded(group.county) == _folded(unit.county))
        and (group.nces_id is None or unit.nces_id is None or group.nces_id == unit.nces_id)
        and (group.state_id is None or unit.state_id is None or group.state_id == unit.state_id)
    )


def _folded(county: str | None) -> str | None:
    if county is None:
        return None
    return re.sub(r"\s+(county|parish|borough)$", "", county.casefold()).strip()


def _by_name(unit: Unit, candidates, issues: list[Issue]) -> Group | None:
    if len(candidates) == 1:  # the usual case: one district of that name so far
        only = candidates[0]
        return only if unit.sheet not in only.sheets and _fits(only, unit) else None
    fitting = [g for g in candidates if unit.sheet not in g.sheets and _fits(g, unit)]
    if len(fitting) > 1:  # prefer the one whose state and county are given and equal
        exact = [g for g in fitting if g.state == unit.state and g.county == unit.county]
        fitting = exact if exact else fitting
    if len(fitting) == 1:
        return fitting[0]
    if len(fitting) > 1:
        issues.append(
            Issue.warning(
                "district.ambiguous",
                at=unit.facts[0].at,
                found=unit.name,
                expected="one district of that name, or a state, county or ID column to tell "
                f"the {len(fitting)} districts named so apart",
                hint="It was kept as a district of its own; add an ID column to merge it",
            )
        )
    return None


_LOOSE = (
    (re.compile(r"\bsaint\b"), "st"),
    (re.compile(r"\bschool district\b"), "sd"),
    (re.compile(r"\bschools?\b"), ""),
    (re.compile(r"\btownship\b"), "twp"),
    (re.compile(r"\bmount\b"), "mt"),
    (re.compile(r"\bcounty\b"), "co"),
    (re.compile(r"\band\b"), ""),
)


def loose_key(name: str) -> str:
    """Spelling that does not change which district is meant: "St." for "Saint", "SD"."""
    text = re.sub(r"[^\w\s]", " ", name.casefold())
    for pattern, replacement in _LOOSE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _near_matches(groups: list[Group], issues: list[Issue]) -> None:
    """Two files, or two sheets of one workbook, naming one district slightly differently: a
    warning, never a silent merge. The rows of one sheet are never near-matched: they are told
    apart on purpose."""
    if len({sheet for group in groups for sheet in group.sheets}) < 2:
        return
    seen: dict[tuple[str, str | None], Group] = {}
    for group in groups:
        if len(group.units) > 1 and len(group.sheets) > 1:
            continue  # already merged across sheets or files
        key = (loose_key(group.name), group.state)
        other = seen.setdefault(key, group)
        if other is group or group.sheets & other.sheets:
            continue
        if district_key(other.name) == district_key(group.name):
            continue  # exactly the same name: kept apart on purpose (different IDs or county)
        issues.append(
            Issue.warning(
                "district.near_match",
                at=group.first_at(),
                found=group.name,
                expected=f"the same name in every {_place_word(other, group)}, or an ID column "
                "to match on",
                hint=f"Did you mean “{other.name}” in {_where(other, group)}? "
                "They were kept as two districts",
            )
        )


def _place_word(other: Group, group: Group) -> str:
    return "sheet" if other.files & group.files else "file"


def _where(other: Group, group: Group) -> str:
    """Another file is named by its name; another sheet of the same file by file and sheet."""
    if other.files & group.files:
        return ", ".join(sorted(f"{file} › {sheet}" if sheet else file
                                for file, sheet in other.sheets))
    return ", ".join(sorted(other.files))


def _display_names(groups: list[Group]) -> None:
    """Same-named districts get what tells them apart: county and state, then ID, then row."""
    by_key: dict[tuple[str, str], list[Group]] = {}
    for group in groups:
        group.display = group.name
        by_key.setdefault(district_key(group.name), []).append(group)
    for clash in by_key.values():
        if len(clash) < 2:
            continue
        for qualify in (_place, _with_id, _with_row):
            labels = [qualify(group) for group in clash]
            if len({district_key(label) for label in labels}) == len(clash):
                break
        for group, label in zip(clash, labels, strict=True):
            group.display = label


def _place(group: Group) -> str:
    parts = [_county_label(group.county), group.state if group.state in _CODES else group.state]
    known = [part for part in parts if part]
    return f"{group.name} ({', '.join(known)})" if known else group.name


def _with_id(group: Group) -> str:
    place = _place(group)
    ident = (f"NCES {group.nces_id}" if group.nces_id else None) or (
        f"ID {group.state_id}" if group.state_id else None
    )
    if not ident:
        return place
    return place[:-1] + f", {ident})" if place.endswith(")") else f"{place} ({ident})"


def _with_row(group: Group) -> str:
    labelled = _with_id(group)
    at = group.first_at()
    row = _row_key(at)[2]
    where = f"row {row}" if row else (at.sheet or at.file)
    return labelled[:-1] + f", {where})" if labelled.endswith(")") else f"{labelled} ({where})"


def _county_label(county: str | None) -> str | None:
    if not county:
        return None
    text = county.title() if county.isupper() else county
    if re.search(r"\b(county|parish|borough|city|town)\b", text, re.IGNORECASE):
        return text
    return f"{text} County"


def _rename_issues(groups: list[Group], issues: list[Issue]) -> None:
    """An issue a row gave under its name as written goes to the district of that row, when
    the name is one that several districts share."""
    renamed = [group for group in groups if group.display != group.name]
    if not renamed:
        return
    names = {fact.district for group in renamed for fact in group.facts if fact.district}
    rows = {_row_key(fact.at): group.display for group in renamed for fact in group.facts}
    for index, issue in enumerate(issues):
        if issue.district in names:
            display = rows.get(_row_key(issue.at))
            if display is not None:
                issues[index] = issue.for_district(display)


def _row_key(at) -> tuple:
    row = at.row if at.row is not None else "".join(c for c in at.cell or "" if c.isdigit())
    return (at.file, at.sheet, row)
