"""District ↔ editable table rows, for fixing values in the app; edited values are re-checked.

Owns turning a District's profile and spending tables into plain rows an editor grid can show
(text as people write it, newest school year first, as on the template), reading edited rows
back through ``ingest.cells`` with the same rules as an upload, and deciding which load-time
errors an edit has settled. Never imports streamlit, never formats for print, never raises on
what a user typed: problems become Issues located in the grid ("Edited in the app › …").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from advocacy import checks, formatting, template
from advocacy.ingest import cells
from advocacy.issues import Issue
from advocacy.location import Location, in_sheet
from advocacy.model import District, Profile, SchoolYear, SpendingLine, UseLine
from advocacy.template import Kind

EDIT_FILE = "Edited in the app"
PROFILE_SHEET = "District description"
SOURCES_SHEET = "Spending by source"
USES_SHEET = "How dollars are spent"
FIELD, VALUE, SOURCE, USE = "Field", "Value", "Source", "Use"

# Load errors in these families are about a single value the file failed to give.
_VALUE_FAMILIES = ("money.", "percent.", "count.", "ratio.")


def profile_label(field: str) -> str:
    return template.profile_field(field).label


def profile_rows(district: District) -> list[dict[str, str]]:
    """One row per template field, the value as text ("" when missing)."""
    profile = district.profile
    return [{FIELD: profile_label(name), VALUE: _show(name, getattr(profile, name))}
            for name in Profile.field_names()]


def spending_rows(district: District) -> list[dict[str, str]]:
    """Funding sources down, school years across (newest first), dollars as text."""
    return _grid(district.sources(), district.template_years(), SOURCE,
                 ((line.source, line.school_year, line.amount_usd) for line in district.spending))


def use_rows(district: District) -> list[dict[str, str]]:
    return _grid(district.use_names(), district.template_years(), USE,
                 ((line.use, line.school_year, line.amount_usd) for line in district.uses))


def apply_profile(district: District, rows: Sequence[Mapping[str, object]],
                  issues: list[Issue]) -> District:
    """The district with its profile read back from ``rows``; bad values keep the old one."""
    by_label = {profile_label(name): name for name in Profile.field_names()}
    values = {name: getattr(district.profile, name) for name in Profile.field_names()}
    located = dict(district.located)
    for index, row in enumerate(rows):
        at = in_sheet(EDIT_FILE, PROFILE_SHEET, index + 1, 1)
        name = by_label.get(str(row.get(FIELD) or "").strip())
        if name is None:
            issues.append(Issue.error("edit.unknown_field", at=at, found=str(row.get(FIELD)),
                                      expected="one of the template's fields",
                                      district=district.name))
            continue
        raw = _text(row.get(VALUE))
        if _show(name, values[name]) == _text(raw):
            continue  # untouched, so keep the value and where it was read
        before = len(issues)
        value = _read(name, raw, at, issues)
        issues[before:] = [i.for_district(district.name) for i in issues[before:]]
        if any(i.is_error for i in issues[before:]):
            continue
        values[name] = value
        located[name] = at
    return replace(district, profile=Profile(**values), located=tuple(located.items()))


def apply_spending(district: District, rows: Sequence[Mapping[str, object]],
                   issues: list[Issue]) -> District:
    lines = _read_grid(district, rows, SOURCE, SOURCES_SHEET, issues,
                       {(line.source, line.school_year): line for line in district.spending})
    spending = tuple(SpendingLine(school_year=year, source=name, amount_usd=amount, at=at)
                     for name, year, amount, at in lines)
    return replace(district, spending=spending)


def apply_uses(district: District, rows: Sequence[Mapping[str, object]],
               issues: list[Issue]) -> District:
    lines = _read_grid(district, rows, USE, USES_SHEET, issues,
                       {(line.use, line.school_year): line for line in district.uses})
    return replace(district, uses=tuple(UseLine(school_year=year, use=name, amount_usd=amount,
                                                at=at) for name, year, amount, at in lines))


def complete(district: District) -> bool:
    """Every profile field filled and no hole in either spending table."""
    if any(getattr(district.profile, name) is None for name in Profile.field_names()):
        return False
    years = set(district.years())
    sources = {(line.source, line.school_year) for line in district.spending}
    uses = {(line.use, line.school_year) for line in district.uses}
    return (len(sources) == len(district.sources()) * len(years)
            and len(uses) == len(district.use_names()) * len(years))


def settled(issue: Issue, edited: District) -> bool:
    """A load error about one missing value is settled once the user has filled every value.

    A failed cell leaves no trace in the District, so we cannot tell which field it meant;
    once nothing is missing, nothing the file failed to give can still be missing.
    """
    return issue.code.startswith(_VALUE_FAMILIES) and complete(edited)


def recheck(load_issues: Iterable[Issue], edited: District | None,
            edit_issues: Iterable[Issue] = ()) -> list[Issue]:
    """The district's issues after edits: unsettled load issues, fresh checks, edit problems.

    Errors first, then warnings, each group in the order found; duplicates dropped.
    """
    found = list(load_issues)
    if edited is not None:
        # Load-time check results describe the district before the edit; fresh ones replace them.
        found = [issue for issue in found
                 if not settled(issue, edited) and not issue.code.startswith("check.")]
        found += _check(edited)
    found += list(edit_issues)
    unique = list(dict.fromkeys(found))
    return [i for i in unique if i.is_error] + [i for i in unique if not i.is_error]


def _check(district: District) -> list[Issue]:
    return [issue.for_district(district.name) if issue.district is None else issue
            for issue in checks.check_district(district)]


def _grid(names, years, key, cells_in) -> list[dict[str, str]]:
    amounts = {(name, year): amount for name, year, amount in cells_in}
    return [{key: name, **{str(year): formatting.usd(amounts[(name, year)])
                           if (name, year) in amounts else "" for year in years}}
            for name in names]


def _read_grid(district, rows, key, sheet, issues, old) -> list[tuple]:
    lines = []
    for index, row in enumerate(rows):
        name = " ".join(str(row.get(key) or "").split())
        columns = [column for column in row if column != key]
        if not name:
            if any(_text(row.get(column)) for column in columns):
                issues.append(Issue.error("edit.unknown_field", at=in_sheet(EDIT_FILE, sheet,
                                          index + 1, 0), found="a row without a name",
                                          expected=f"a {key.lower()} name",
                                          district=district.name))
            continue
        for col, column in enumerate(columns, start=1):
            year = _year(column)
            if year is None:
                continue
            at = in_sheet(EDIT_FILE, sheet, index + 1, col)
            previous = old.get((name, year))
            raw = _text(row.get(column))
            if previous is not None and formatting.usd(previous.amount_usd) == _text(raw):
                lines.append((name, year, previous.amount_usd, previous.at))
                continue
            before = len(issues)
            amount = cells.read_money(raw, at, issues)
            issues[before:] = [i.for_district(district.name) for i in issues[before:]]
            if amount is None and previous is not None and len(issues) > before:
                lines.append((name, year, previous.amount_usd, previous.at))  # keep, flagged
            elif amount is not None:
                lines.append((name, year, amount, at))
    # Years older than the grid's five are not shown, so they are kept as loaded.
    shown = {_year(column) for row in rows for column in row}
    lines += [(name, year, line.amount_usd, line.at) for (name, year), line in old.items()
              if year not in shown]
    # Loaded order first (oldest year first, as read), then new lines in grid order.
    order = {cell: index for index, cell in enumerate(old)}
    return sorted(lines, key=lambda line: order.get((line[0], line[1]), len(order)))


def _year(column: str) -> SchoolYear | None:
    try:
        return SchoolYear.from_label(str(column))
    except ValueError:
        return None


def _show(name: str, value: float | None) -> str:
    if value is None:
        return ""
    if template.profile_field(name).kind is Kind.PERCENT:
        return formatting.pct(value, 1 if value % 1 else 0)
    return formatting.profile_value(name, value)


def _text(raw: object) -> str:
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return ""  # an editor's empty new cell
    return " ".join(str(raw).split())


def _read(name: str, raw: object, at: Location, issues: list[Issue]) -> float | int | None:
    field = template.profile_field(name)
    if field.kind is Kind.MONEY:
        return cells.read_money(raw, at, issues)
    if field.kind is Kind.PERCENT:
        return cells.read_percent(raw, at, issues, scale="points")
    if field.kind is Kind.RATIO:
        return cells.read_ratio(raw, at, issues)
    value = cells.read_count(raw, at, issues)
    return int(round(value)) if value is not None and field.whole else value
