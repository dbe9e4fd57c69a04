"""A person's edits in the app, kept as an ordered list of located overrides and applied on top
of every fresh read of the files.

Owns ``Override`` (which district, by identity; which value, by subject; what was typed), the
cell-by-cell changes between an editor grid as shown and as edited (never widget positions),
and ``apply``: the edits, oldest first, on top of a LoadResult. So a re-read (a "did you mean"
accepted, a mapping changed, a file added or removed) gets every typed value, mark and rename
back. An edit whose district is no longer loaded, whose row the files no longer have, or whose
new name another district holds is reported as an Issue, never silently dropped. Reading what
was typed is ``edit``'s job; never imports streamlit.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from advocacy import edit
from advocacy.ingest.fields import COUNT_TO_PCT
from advocacy.issues import Issue, line_subject, parse_line_subject
from advocacy.load import LoadResult
from advocacy.location import Location
from advocacy.model import District, Profile, SchoolYear

NAME = "name"  # the subject of a rename
Row = Mapping[str, object]


class Action(enum.Enum):
    VALUE = "value"  # text typed over a value, read as an upload's cell is
    MARK = "mark"  # "not applicable" or "unknown": the value stays missing, never 0
    RENAME = "rename"  # the name the district is shown and printed under


@dataclass(frozen=True, slots=True, kw_only=True)
class DistrictRef:
    """Which district an edit belongs to: its IDs where the file gave them, else its loaded
    name and state; never its position in a table or the name a person gave it."""

    name: str
    state: str | None = None
    nces_id: str | None = None
    state_id: str | None = None

    @classmethod
    def of(cls, district: District) -> DistrictRef:
        return cls(name=district.name, state=district.state, nces_id=district.nces_id,
                   state_id=district.state_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class Override:
    district: DistrictRef
    action: Action
    subject: str  # a profile field, a line (``issues.line_subject``) or NAME
    text: str
    # Typed into a row the district did not have (a use of its own): made again on every read.
    # An edit of a row the file gave is reported once the file no longer gives that row.
    new_row: bool = False


@dataclass(frozen=True, slots=True)
class Change:
    """One cell of a grid that differs from what was shown."""

    subject: str
    text: str
    new_row: bool = False


@dataclass(frozen=True, slots=True)
class Applied:
    districts: dict[str, District] = field(default_factory=dict)  # loaded name → edited
    issues: dict[str, tuple[Issue, ...]] = field(default_factory=dict)  # loaded name → problems
    unapplied: tuple[Issue, ...] = ()  # edits whose district is no longer loaded


def make(district: District, action: Action, subject: str, text: str, *,
         new_row: bool = False) -> Override:
    """An edit of ``district`` as loaded; a count's subject is the percent field it fills."""
    return Override(district=DistrictRef.of(district), action=action,
                    subject=COUNT_TO_PCT.get(subject, subject), text=text, new_row=new_row)


def added(overrides: tuple[Override, ...], new: Override) -> tuple[Override, ...]:
    """The list with ``new`` last; an earlier edit of the same value gives way to it."""
    return (*(old for old in overrides
              if (old.district, old.subject) != (new.district, new.subject)), new)


def profile_changes(before: Sequence[Row], after: Sequence[Row]) -> list[Change]:
    """The profile values typed over, by field (rows are the template's fields, in order)."""
    by_label = {edit.profile_label(name): name for name in Profile.field_names()}
    shown = {str(row.get(edit.FIELD)): edit.cell_text(row.get(edit.VALUE)) for row in before}
    return [Change(by_label[label], text) for row in after
            if (label := str(row.get(edit.FIELD))) in by_label
            and (text := edit.cell_text(row.get(edit.VALUE))) != shown.get(label, "")]


def line_changes(kind: str, before: Sequence[Row], after: Sequence[Row]) -> list[Change]:
    """The spending or use cells typed, cleared, added or deleted, by row name and school year.
    A row still without a name gives nothing yet: its values wait in the grid for one."""
    key = edit.SOURCE if kind == "spending" else edit.USE
    old, new = _cells(before, key), _cells(after, key)
    names_before = {name for name, _ in old}
    return [Change(line_subject(kind, name, year.start), new.get((name, year), ""),
                   new_row=name not in names_before)
            for name, year in dict.fromkeys([*old, *new])
            if old.get((name, year), "") != new.get((name, year), "")]


def unnamed_rows(rows: Sequence[Row], key: str) -> int:
    """Rows holding values but no name yet, so the page can ask for one."""
    return sum(1 for row in rows if not edit.cell_text(row.get(key))
               and any(edit.cell_text(v) for column, v in row.items() if column != key))


def apply(result: LoadResult, overrides: Iterable[Override]) -> Applied:
    """Every edit, oldest first, on the districts of ``result``."""
    overrides = tuple(overrides)
    if not overrides:
        return Applied()
    finder = _Finder(result.districts)
    failed = _FailedRows(result.issues)
    edited: dict[str, District] = {}
    problems: dict[str, list[Issue]] = {}
    unapplied: list[Issue] = []
    for override in overrides:
        loaded = finder.find(override.district)
        if loaded is None:
            unapplied.append(_not_applied(override, "edit.district_gone",
                                          "the district in the files now loaded"))
            continue
        found = problems.setdefault(loaded.name, [])
        current = edited.get(loaded.name, loaded)
        edited[loaded.name] = _apply_one(current, override, failed, found)
    _keep_names_apart(result.districts, edited, problems)
    return Applied(edited, {name: tuple(found) for name, found in problems.items()},
                   tuple(unapplied))


def _apply_one(district: District, override: Override, failed: _FailedRows,
               found: list[Issue]) -> District:
    if override.action is Action.RENAME:
        return edit.rename(district, override.text)
    if override.action is Action.MARK:
        return edit.mark(district, override.subject, override.text)
    line = parse_line_subject(override.subject)
    if line is None:
        return edit.set_profile(district, override.subject, override.text, found)
    kind, name, start = line
    if not override.new_row and not _has_row(district, failed, kind, name):
        found.append(_not_applied(override, "edit.row_gone", f"a “{name}” row in the files",
                                  district=district.name))
        return district
    return edit.set_line(district, kind, name, SchoolYear(start), override.text, found)


def _has_row(district: District, failed: _FailedRows, kind: str, name: str) -> bool:
    """The files still give this row: a line, or a value in it that failed to read."""
    names = district.sources() if kind == "spending" else district.use_names()
    return name in names or failed.has(district.name, kind, name)


class _FailedRows:
    """(district, kind, row name) of every line issue, indexed on first use: each edit of a
    row would otherwise scan every issue of a national table's result."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self._issues = issues
        self._rows: set[tuple[str | None, str, str]] | None = None

    def has(self, district: str, kind: str, name: str) -> bool:
        if self._rows is None:
            self._rows = {(issue.district, *line[:2]) for issue in self._issues
                          if (line := parse_line_subject(issue.subject or "")) is not None}
        return (district, kind, name) in self._rows


def _keep_names_apart(loaded: Sequence[District], edited: dict[str, District],
                      problems: dict[str, list[Issue]]) -> None:
    """A new name another district is shown under is not taken: names tell districts apart
    on every page and in every export."""
    shown = {d.name: d.name for d in loaded} | {key: d.name for key, d in edited.items()}
    holders: dict[str, set[str]] = {}  # a shown name, folded → the districts shown so
    for key, name in shown.items():
        holders.setdefault(name.casefold(), set()).add(key)
    for key, district in list(edited.items()):
        if district.name == key:
            continue
        if holders.get(district.name.casefold(), set()) - {key}:
            problems.setdefault(key, []).append(Issue.warning(
                "edit.name_taken", at=Location(file=edit.EDIT_FILE, sheet="District name"),
                found=district.name, expected="a name no other loaded district has",
                hint=f"It is still shown as “{key}”; choose another name", district=key))
            edited[key] = replace(district, name=key)
            holders[shown[key].casefold()].discard(key)
            holders.setdefault(key.casefold(), set()).add(key)
            shown[key] = key


def _not_applied(override: Override, code: str, expected: str, *,
                 district: str | None = None) -> Issue:
    where = override.subject if override.subject != NAME else "its name"
    return Issue.warning(code, at=Location(file=edit.EDIT_FILE, sheet=override.district.name),
                         found=f"{override.text or 'a cleared value'} typed for {where}"
                         if override.action is not Action.RENAME
                         else f"the new name “{override.text}”",
                         expected=expected, district=district, subject=override.subject)


class _Finder:
    """A loaded district by identity, found in O(1): a national table has 18,620."""

    def __init__(self, districts: Sequence[District]) -> None:
        self._by_nces: dict[str, District] = {}
        self._by_state_id: dict[tuple[str, str], District] = {}
        self._by_name: dict[str, list[District]] = {}
        for d in districts:
            if d.nces_id:
                self._by_nces.setdefault(d.nces_id, d)
            if d.state_id:
                self._by_state_id.setdefault(((d.state or "").casefold(), d.state_id), d)
            self._by_name.setdefault(d.name.casefold(), []).append(d)

    def find(self, ref: DistrictRef) -> District | None:
        if ref.nces_id and ref.nces_id in self._by_nces:
            return self._by_nces[ref.nces_id]
        if ref.state_id:
            found = self._by_state_id.get(((ref.state or "").casefold(), ref.state_id))
            if found is not None:
                return found
        named = self._by_name.get(ref.name.casefold(), [])
        same_state = [d for d in named if not ref.state or not d.state
                      or d.state.casefold() == ref.state.casefold()]
        exact = [d for d in same_state if d.name == ref.name]
        # A district found by name must not carry another ID than the edit's.
        found = next(iter(exact or same_state), None)
        if found is not None and ref.nces_id and found.nces_id and found.nces_id != ref.nces_id:
            return None
        return found


def _cells(rows: Sequence[Row], key: str) -> dict[tuple[str, SchoolYear], str]:
    cells: dict[tuple[str, SchoolYear], str] = {}
    for row in rows:
        name = edit.cell_text(row.get(key))
        if not name:
            continue
        for column, value in row.items():
            year = edit.year_of(str(column)) if column != key else None
            if year is not None:
                cells[(name, year)] = edit.cell_text(value)
    return cells
