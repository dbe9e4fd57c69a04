"""District ↔ editable table rows, for fixing values in the app; edited values are re-checked.

Owns turning a District's profile and spending tables into plain rows an editor grid can show
(text as people write it, newest school year first, as on the template), reading edited rows
back through ``ingest.cells`` with the same rules as an upload, and deciding which load-time
issues an edit has settled: the issue's own value typed over, or marked "not applicable" or
"unknown" (missing stays missing, never 0). Never imports streamlit, never formats for
print, never raises on what a user typed: problems become Issues located in the grid
("Edited in the app › …").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import cast

from advocacy import checks, formatting, template
from advocacy.ingest import cells, vocabulary
from advocacy.ingest.fields import COUNT_TO_PCT, SCALAR_KINDS, fact_key
from advocacy.issues import Issue, line_subject, parse_line_subject
from advocacy.location import Location, in_sheet
from advocacy.model import (
    TEMPLATE_YEARS,
    District,
    Profile,
    SchoolYear,
    SpendingLine,
    UseLine,
)
from advocacy.template import Kind

EDIT_FILE = "Edited in the app"
PROFILE_SHEET = "District description"
SOURCES_SHEET = "Spending by source"
USES_SHEET = "How dollars are spent"
FIELD, VALUE, SOURCE, USE = "Field", "Value", "Source", "Use"

# Load errors in these families are about a single value the file failed to give.
_VALUE_FAMILIES = ("money.", "percent.", "count.", "ratio.")
NOT_APPLICABLE, UNKNOWN = "not applicable", "unknown"
MARKS = (NOT_APPLICABLE, UNKNOWN)
# What people type to say a value is missing on purpose; each becomes a mark, never a number.
_MARK_WORDS = {"n/a": NOT_APPLICABLE, "na": NOT_APPLICABLE, "not applicable": NOT_APPLICABLE,
               "unknown": UNKNOWN, "not known": UNKNOWN, "?": UNKNOWN}


def profile_label(field: str) -> str:
    return template.profile_field(field).label


def profile_rows(district: District) -> list[dict[str, str]]:
    """One row per template field, the value as text ("" when missing, or its mark)."""
    profile = district.profile
    marked = dict(district.marked)
    return [{FIELD: profile_label(name),
             VALUE: _show(name, getattr(profile, name)) or marked.get(name, "")}
            for name in Profile.field_names()]


def grid_years(district: District, issues: Iterable[Issue] = ()) -> tuple[SchoolYear, ...]:
    """Five school years in a row, newest first, ending at the newest year with a value or a
    flagged value: a year with nothing in it is shown too, so a hole can be filled."""
    starts = [year.start for year in district.years()]
    starts += [line[2] for line in _flagged_lines(issues)]
    if not starts:
        return ()
    newest = max(starts)
    return tuple(SchoolYear(newest - back) for back in range(TEMPLATE_YEARS))


def spending_rows(district: District, issues: Iterable[Issue] = ()) -> list[dict[str, str]]:
    """Funding sources down, school years across (newest first), dollars as text; a source
    whose only values were flagged still gets its row."""
    issues = list(issues)
    names = _with_flagged(district.sources(), "spending", issues)
    return _grid(district, "spending", names, grid_years(district, issues), SOURCE,
                 ((line.source, line.school_year, line.amount_usd) for line in district.spending))


def use_rows(district: District, issues: Iterable[Issue] = ()) -> list[dict[str, str]]:
    issues = list(issues)
    names = _with_flagged(district.use_names(), "uses", issues)
    return _grid(district, "uses", names, grid_years(district, issues), USE,
                 ((line.use, line.school_year, line.amount_usd) for line in district.uses))


def flagged_cells(district: District, issues: Iterable[Issue]) -> dict[str, list[tuple[str, str]]]:
    """Grid → (row name, column) of each cell an open issue is about, to show beside the grid."""
    found: dict[str, list[tuple[str, str]]] = {"profile": [], "sources": [], "uses": []}
    for issue in issues:
        if issue.subject is None:
            continue
        line = parse_line_subject(issue.subject)
        if line is not None:
            kind, name, start = line
            found["sources" if kind == "spending" else "uses"].append(
                (name, str(SchoolYear(start))))
        else:
            field = COUNT_TO_PCT.get(issue.subject, issue.subject)
            if field in Profile.field_names():
                found["profile"].append((profile_label(field), VALUE))
    return found


def apply_profile(district: District, rows: Sequence[Mapping[str, object]],
                  issues: list[Issue]) -> District:
    """The district with its profile read back from ``rows``; bad values keep the old one."""
    by_label = {profile_label(name): name for name in Profile.field_names()}
    values = {name: getattr(district.profile, name) for name in Profile.field_names()}
    located = dict(district.located)
    marks = dict(district.marked)
    for index, row in enumerate(rows):
        at = in_sheet(EDIT_FILE, PROFILE_SHEET, index + 1, 1)
        name = by_label.get(str(row.get(FIELD) or "").strip())
        if name is None:
            issues.append(Issue.error("edit.unknown_field", at=at, found=str(row.get(FIELD)),
                                      expected="one of the template's fields",
                                      district=district.name))
            continue
        raw = _text(row.get(VALUE))
        if (_show(name, values[name]) or marks.get(name, "")) == _text(raw):
            continue  # untouched, so keep the value and where it was read
        mark = _mark_word(raw)
        if mark is not None:
            values[name], located[name], marks[name] = None, at, mark
            continue
        marks.pop(name, None)
        before = len(issues)
        value = _read(name, raw, at, issues)
        issues[before:] = [i.for_district(district.name) for i in issues[before:]]
        if any(i.is_error for i in issues[before:]):
            continue
        values[name] = value
        located[name] = at
    return replace(district, profile=Profile(**values), located=tuple(located.items()),
                   marked=tuple(marks.items()))


def apply_spending(district: District, rows: Sequence[Mapping[str, object]],
                   issues: list[Issue]) -> District:
    marks = dict(district.marked)
    lines = _read_grid(district, rows, SOURCE, SOURCES_SHEET, issues,
                       {(line.source, line.school_year): line for line in district.spending},
                       marks)
    spending = tuple(SpendingLine(school_year=year, source=name, amount_usd=amount, at=at)
                     for name, year, amount, at in lines)
    return replace(district, spending=spending, marked=tuple(marks.items()))


def apply_uses(district: District, rows: Sequence[Mapping[str, object]],
               issues: list[Issue]) -> District:
    marks = dict(district.marked)
    lines = _read_grid(district, rows, USE, USES_SHEET, issues,
                       {(line.use, line.school_year): line for line in district.uses}, marks)
    return replace(district, uses=tuple(UseLine(school_year=year, use=name, amount_usd=amount,
                                                at=at) for name, year, amount, at in lines),
                   marked=tuple(marks.items()))


def set_profile(district: District, field: str, raw: str, issues: list[Issue]) -> District:
    """One profile value typed in the app (an override), read as the grid reads it."""
    label = profile_label(field)
    rows = [dict(row, **{VALUE: raw}) if row[FIELD] == label else row
            for row in profile_rows(district)]
    return apply_profile(district, rows, issues)


def set_line(district: District, kind: str, name: str, year: SchoolYear, raw: str,
             issues: list[Issue]) -> District:
    """One spending or use value typed, cleared or marked in the app (an override), read as an
    upload's cell is; a value that does not read keeps the one before, and says why."""
    spending = kind == "spending"
    lines: tuple[SpendingLine | UseLine, ...] = district.spending if spending else district.uses
    names = district.sources() if spending else district.use_names()
    years = grid_years(district) or (year,)
    at = in_sheet(EDIT_FILE, SOURCES_SHEET if spending else USES_SHEET,
                  names.index(name) + 1 if name in names else len(names) + 1,
                  years.index(year) + 1 if year in years else len(years) + 1)
    same = [i for i, line in enumerate(lines)
            if (line.source if isinstance(line, SpendingLine) else line.use) == name
            and line.school_year == year]
    marks = dict(district.marked)
    subject = line_subject(kind, name, year.start)
    text = _text(raw)
    word = _mark_word(text)
    kept = [line for i, line in enumerate(lines) if i not in same]
    if word is not None:
        marks[subject] = word
    elif not text:
        marks.pop(subject, None)
    else:
        before = len(issues)
        amount = cells.read_money(text, at, issues, most=template.line_most_usd(name))
        issues[before:] = [i.for_district(district.name) for i in issues[before:]]
        if amount is None:
            return district
        marks.pop(subject, None)
        line = (SpendingLine(school_year=year, source=name, amount_usd=amount, at=at) if spending
                else UseLine(school_year=year, use=name, amount_usd=amount, at=at))
        kept.insert(same[0] if same else len(kept), line)
    marked = tuple(marks.items())
    # kept holds only the kind of line that was read: lines of one kind and the one typed
    if spending:
        return replace(district, marked=marked,
                       spending=cast("tuple[SpendingLine, ...]", tuple(kept)))
    return replace(district, marked=marked, uses=cast("tuple[UseLine, ...]", tuple(kept)))


def mark(district: District, subject: str, reason: str) -> District:
    """The district with one value marked "not applicable" or "unknown": it stays missing."""
    if reason not in MARKS:
        raise ValueError(f"unknown mark {reason!r}")  # a caller's mistake, not user data
    marks = dict(district.marked)
    marks[COUNT_TO_PCT.get(subject, subject)] = reason
    return replace(district, marked=tuple(marks.items()))


def rename(district: District, name: str) -> District:
    """The district under the name the person typed (spacing tidied); blank keeps the old."""
    tidy = " ".join(name.split())
    return replace(district, name=tidy) if tidy else district


def suggestion(issue: Issue) -> tuple[str, str] | None:
    """(label, mapping target) an unknown label most likely means, for a one-click "did you
    mean": a single-value field, or a template source for a misspelt source row; a mapping of
    the label can then read either."""
    if issue.code == "source.unknown" and issue.found:
        label = vocabulary.suggest(issue.found, kinds=(vocabulary.Kind.SOURCE,))
        return None if label is None else (label, f"source:{label}")
    if issue.code != "label.unknown" or not issue.found:
        return None
    label = vocabulary.suggest(issue.found)
    if not label:
        return None
    term = vocabulary.lookup(label, kinds=SCALAR_KINDS)
    return None if term is None else (label, fact_key(term))


def provisional_years(issues: Iterable[Issue]) -> tuple[SchoolYear, ...]:
    """School years whose figures rest on a value still in error: shown as provisional."""
    return tuple(SchoolYear(start) for start in sorted(
        {line[2] for line in _flagged_lines(i for i in issues if i.is_error)}))


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
    """An issue about one value is settled once that value is typed over in the app or marked
    "not applicable" or "unknown"; every other blank may stay blank.

    An issue that does not say which value it is about (older readers) is settled once no
    value is missing, since nothing the file failed to give can then still be missing.
    """
    if issue.subject is not None:
        return _subject_settled(issue.subject, edited)
    return issue.code.startswith(_VALUE_FAMILIES) and complete(edited)


def _subject_settled(subject: str, edited: District) -> bool:
    field = COUNT_TO_PCT.get(subject, subject)
    if field in dict(edited.marked):
        return True
    line = parse_line_subject(subject)
    if line is None:
        at = edited.where(field)
        return at is not None and at.file == EDIT_FILE
    kind, name, start = line
    lines: tuple[SpendingLine | UseLine, ...] = (
        edited.spending if kind == "spending" else edited.uses)
    return any(
        getattr(item, "source" if kind == "spending" else "use") == name
        and item.school_year.start == start and item.at is not None and item.at.file == EDIT_FILE
        for item in lines)


def _flagged_lines(issues: Iterable[Issue]) -> list[tuple[str, str, int]]:
    return [line for issue in issues if issue.subject
            and (line := parse_line_subject(issue.subject)) is not None]


def _with_flagged(names: tuple[str, ...], kind: str, issues: list[Issue]) -> tuple[str, ...]:
    extra = [name for k, name, _ in _flagged_lines(issues) if k == kind and name not in names]
    return names + tuple(dict.fromkeys(extra))


def _mark_word(raw: str) -> str | None:
    folded = raw.casefold()
    return _MARK_WORDS.get(folded) or (folded if folded in MARKS else None)


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


def _grid(district, kind, names, years, key, cells_in) -> list[dict[str, str]]:
    amounts = {(name, year): amount for name, year, amount in cells_in}
    marked = dict(district.marked)
    return [{key: name, **{str(year): formatting.usd(amounts[(name, year)])
                           if (name, year) in amounts
                           else marked.get(line_subject(kind, name, year.start), "")
                           for year in years}}
            for name in names]


def _read_grid(district, rows, key, sheet, issues, old, marks) -> list[tuple]:
    kind = "spending" if key == SOURCE else "uses"
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
            subject = line_subject(kind, name, year.start)
            if previous is None and raw and raw == marks.get(subject):
                continue  # still marked
            word = _mark_word(raw)
            if word is not None:
                marks[subject] = word
                continue
            marks.pop(subject, None)
            before = len(issues)
            amount = cells.read_money(raw, at, issues, most=template.line_most_usd(name))
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


def cell_text(raw: object) -> str:
    """A grid cell as text: spacing tidied, an editor's empty cell ""."""
    return _text(raw)


def year_of(column: str) -> SchoolYear | None:
    return _year(column)


def _text(raw: object) -> str:
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return ""  # an editor's empty new cell
    return " ".join(str(raw).split())


def _read(name: str, raw: object, at: Location, issues: list[Issue]) -> float | int | None:
    field = template.profile_field(name)
    if field.kind is Kind.MONEY:
        return cells.read_money(raw, at, issues, most=field.most)
    if field.kind is Kind.PERCENT:
        return cells.read_percent(raw, at, issues, scale="points")
    if field.kind is Kind.RATIO:
        return cells.read_ratio(raw, at, issues, most=field.most)
    value = cells.read_count(raw, at, issues, most=field.most)
    return int(round(value)) if value is not None and field.whole else value
