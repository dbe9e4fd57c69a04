"""Folding repeated issues so any file within the limits yields a list a person can read.

Owns two bounds on what ``load`` reports: issues of one kind for one district in one column
(or label) are folded after the first few into one issue that says how many more there are,
and a file's list is capped with a closing summary. Folding never crosses districts and never
drops a district's last error, so what blocks an export is the same before and after.
Never reads cells or words the individual messages (``issues.MESSAGES`` does).
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from advocacy.issues import Issue
from advocacy.location import Location

SHOWN_PER_GROUP = 3  # the first few of a kind show the pattern; the count says the rest
MAX_PER_FILE = 2_000  # a page of a report, not a dump: beyond it, one closing summary


def fold(issues: Iterable[Issue]) -> list[Issue]:
    """The issues in their order, each repeated kind cut to a few plus one counted summary."""
    groups: dict[tuple, list[Issue]] = {}
    hidden: dict[tuple, int] = {}
    order: list[tuple] = []
    for issue in issues:
        key = _group(issue)
        kept = groups.get(key)
        if kept is None:
            groups[key] = kept = []
            order.append(key)
        if len(kept) <= SHOWN_PER_GROUP:  # one more than shown: listed if it is the last
            kept.append(issue)
        else:
            hidden[key] = hidden.get(key, 0) + 1
    out: list[Issue] = []
    for key in order:
        kept = groups[key]
        if key not in hidden:
            out.extend(kept)  # a summary of one more would hide it and save nothing
            continue
        out.extend(kept[:SHOWN_PER_GROUP])
        out.append(_summary(kept[SHOWN_PER_GROUP - 1], hidden[key] + 1))
    return cap(out)


def cap(issues: list[Issue], limit: int = MAX_PER_FILE) -> list[Issue]:
    """At most ``limit`` issues per file, then one summary; every district keeps one error."""
    per_file: dict[str, int] = {}
    dropped: dict[str, int] = {}
    erring: set[tuple[str, str | None]] = set()
    out: list[Issue] = []
    for issue in issues:
        file = issue.at.file
        seen = per_file.get(file, 0)
        first_error = issue.is_error and (file, issue.district) not in erring
        if issue.is_error:
            erring.add((file, issue.district))
        if seen < limit or first_error:
            per_file[file] = seen + 1
            out.append(issue)
        else:
            dropped[file] = dropped.get(file, 0) + 1
    for file, count in dropped.items():
        out.append(
            Issue.warning(
                "file.too_many_issues",
                at=Location(file=file),
                found=f"{count:,} more issues after the first {limit:,}",
                expected=f"at most {limit:,} issues listed for one file",
                hint="Fix the issues listed and check again to see the rest",
            )
        )
    return out


def add_more(issues: list[Issue], more: int, *, like: Issue) -> None:
    """Where a reader stops listing repeats itself: one issue counting the ``more`` unlisted."""
    if more > 0:
        issues.append(_summary(like, more))


# Headings repeat along their row, not down a column: 20,000 unknown headings are one kind.
_ALONG_ROW = frozenset({"header.unrecognised"})


def _group(issue: Issue) -> tuple:
    at = issue.at
    line = _row(at) if issue.code in _ALONG_ROW else _column(at)
    return (issue.severity, issue.code, issue.district, at.file, at.sheet, line)


def _row(at: Location) -> int | None:
    if at.cell:
        digits = at.cell[len(at.cell.rstrip(string.digits)) :]
        return int(digits) if digits else None
    return at.row


def _column(at: Location) -> str | None:
    """The column a cell is in: rows of one column are the same field of a table."""
    if at.cell:
        return at.cell.rstrip(string.digits)
    return at.column


def _summary(last: Issue, more: int) -> Issue:
    at = last.at
    where = Location(file=at.file, sheet=at.sheet)
    if last.code in _ALONG_ROW:
        row = _row(at)
        place = f"row {row}" if row is not None else "this file"
        rows = "column" if more == 1 else "columns"
    else:
        column = _column(at)
        place = f"column {column}" if column else "this file"
        rows = "row" if more == 1 else "rows"
    return Issue(
        severity=last.severity,
        code=last.code,
        at=where,
        district=last.district,
        found=f"the same in {more:,} more {rows} of {place}",
        expected=last.expected,
        hint=f"Only the first {SHOWN_PER_GROUP} are listed one by one; fix those and check again",
    )
