"""Problems found in uploaded data: Severity, Issue, and the wording of every message.

Owns the one error shape the whole app shows (CLI, JSON, app tables). Parsers append Issues
to a list and carry on; they never raise on user data. Imports only ``location``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from advocacy.location import Location

__all__ = ["Issue", "Location", "MESSAGES", "Severity", "blocking", "for_district"]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


# One plain-language summary per stable code. The summary says what is wrong; the Issue's
# found / expected / hint fields say where the user's value differs and what to try.
MESSAGES: dict[str, str] = {
    # files
    "file.unreadable": "This file could not be read",
    "file.unsupported": "This kind of file is not supported",
    "file.too_large": "This file is larger than the upload limit",
    "file.too_many_cells": "This file has more cells than the import limit",
    "file.zip_bomb": "This file expands to far more data than a spreadsheet should",
    "file.xml_entities": "This file uses XML entity declarations, which are refused for safety",
    "file.encrypted": "This workbook is password-protected",
    "file.truncated": "This file is damaged or incomplete",
    "file.mislabelled": "This file's contents do not match its extension",
    "file.empty": "This file has no data",
    "file.encoding": "This text file's encoding was guessed",
    "file.no_tables": "No district data was recognised in this file",
    "file.too_many_issues": "This file has more issues than can be listed",
    "sheet.hidden_skipped": "A hidden sheet was skipped",
    "sheet.unrecognised": "This sheet was not recognised and was skipped",
    # cell values
    "money.unreadable": "This cell should hold a dollar amount",
    "money.negative": "A negative amount was found where spending is expected",
    "percent.unreadable": "This cell should hold a percentage",
    "percent.ambiguous": "This percentage could be read two ways",
    "percent.title_i_participants": "Title I students served were read as Title I-eligible",
    "percent.out_of_range": "A percentage must be between 0 and 100",
    "count.unreadable": "This cell should hold a number",
    "count.negative": "A count cannot be negative",
    "ratio.unreadable": "This cell should hold a ratio such as 16.4:1",
    "money.implausible": "This dollar amount is outside any real district's range",
    "count.implausible": "This count is outside any real district's range",
    "number.implausible": "This number is outside the range of a real figure",
    "ratio.implausible": "This ratio is outside any real district's range",
    "ratio.zero": "A student-to-teacher ratio of 0 was read as missing",
    "year.unreadable": "This should be a school year such as 2018-19",
    "year.ambiguous": "A bare year was read as a school year",
    "year.missing": "A value has no school year",
    "year.from_date": "A date was read as the school year it falls in",
    "yes_no.unreadable": "This cell should say Yes or No",
    "unit.unreadable": "This cell should name a unit",
    "value.masked": "A masked or suppressed value was read as missing",
    "formula.uncalculated": "A formula has no saved value, so this cell was read as blank",
    "text.too_long": "This text is longer than the field allows",
    "text.cleaned": "Invisible or control characters were removed from this text",
    "text.no_letters": "This name has no letters or digits to print",
    # labels and layout
    "label.unknown": "This label was not recognised",
    "source.unknown": "This funding source looks like a misspelling of one of the template's",
    "header.unrecognised": "This column heading was not recognised",
    "district.missing_name": "A district has no name",
    "district.conflict": "Two files give different values for the same district field",
    "district.ambiguous": "A district's name matches more than one district in another file",
    "district.near_match": "Two files may name the same district differently",
    "row.duplicate": "This row repeats an earlier row",
    "row.not_district": "Rows that are not districts were left out",
    "total.mismatch": "A totals row does not match the sum of the rows above it",
    "mapping.invalid": "This column mapping could not be used",
    "district.not_found": "No district in these files matches what was asked for",
    "run.no_districts": "No file gave any district data",
    # cross-field checks
    "check.title_i_schools_exceed_schools": "More Title I schools than schools",
    "check.coaches_exceed_teachers": "More instructional coaches than teachers",
    "check.uses_exceed_total": "Spending by use is more than the total spent that year",
    "check.year_gap": "A school year is missing from the series",
    "check.ratio_inconsistent": "The student-to-teacher ratio does not match students / teachers",
    "check.no_spending": "No professional-learning spending was found",
    "check.future_year": "A school year is in the future",
    "check.mixed_years": "This district's figures come from different school years",
    "district.mixed_years": "A percentage was worked out from two school years",
    # story
    "story.number_contradicts": "A number in the story disagrees with the data",
    "story.number_unverified": "A number in the story could not be traced to the data",
    "story.drafted": "The story was drafted from the data and has not been edited",
    "story.too_long": "The story text is longer than the template's target",
    "story.fitted": "Story text was shortened to fit the page",
    "text.unprintable": "Some characters cannot be printed in the PDF and were left out",
    "text.not_printable": "Some characters here cannot be printed in the PDF",
    "export.failed": "This district's file could not be built; this is a bug, please report it",
    # images (logo upload)
    "image.unsupported": "The logo must be a PNG or JPEG image",
    "image.too_large": "The logo file is larger than the limit",
    "image.too_many_pixels": "The logo has more pixels than the limit",
    "image.unreadable": "The logo image could not be read",
    # values typed in the app
    "edit.unknown_field": "This row does not name a field the one-pager holds",
    "edit.district_gone": "A value typed in the app was kept but not applied: its district "
                          "is not in the files now loaded",
    "edit.row_gone": "A value typed in the app was kept but not applied: the files no longer "
                     "have its row",
    "edit.name_taken": "Another district already has this name",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """One located problem. ``code`` is a stable slug; ``message`` is composed, never stored."""

    severity: Severity
    code: str
    at: Location
    found: str | None = None
    expected: str | None = None
    hint: str | None = None
    district: str | None = None
    # The value the issue is about, where the reader knew it: a profile field ("students") or
    # a line (``line_subject``). The app settles the issue once that value is typed or marked.
    subject: str | None = None

    def __init__(self, *, severity: Severity, code: str, at: Location, found: str | None = None,
                 expected: str | None = None, hint: str | None = None,
                 district: str | None = None, subject: str | None = None) -> None:
        # Every finding of a national check is one Issue: the slots are set directly, since a
        # frozen dataclass's own __init__ goes through object.__setattr__ at twice the cost.
        _set_severity(self, severity)
        _set_code(self, code)
        _set_at(self, at)
        _set_found(self, found)
        _set_expected(self, expected)
        _set_hint(self, hint)
        _set_district(self, district)
        _set_subject(self, subject)

    @classmethod
    def error(cls, code: str, *, at: Location, **fields: str | None) -> Issue:
        return cls(severity=Severity.ERROR, code=code, at=at, **fields)

    @classmethod
    def warning(cls, code: str, *, at: Location, **fields: str | None) -> Issue:
        return cls(severity=Severity.WARNING, code=code, at=at, **fields)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def summary(self) -> str:
        return MESSAGES.get(self.code, self.code.replace(".", ": ").replace("_", " ").capitalize())

    @property
    def message(self) -> str:
        """Plain language: what is wrong, what was found, what was expected, what to try."""
        parts = [self.summary + "."]
        if self.found is not None:
            parts.append(f"Found “{_shorten(self.found)}”.")
        if self.expected:
            parts.append(f"Expected {self.expected}.")
        if self.hint:
            parts.append(self.hint if self.hint.endswith((".", "?", "!")) else self.hint + ".")
        return " ".join(parts)

    def for_district(self, name: str | None) -> Issue:
        if name == self.district:
            return self  # frozen, so the same issue serves (checks name their district)
        return Issue(severity=self.severity, code=self.code, at=self.at, found=self.found,
                     expected=self.expected, hint=self.hint, district=name,
                     subject=self.subject)

    def about(self, subject: str | None) -> Issue:
        """This issue, saying which value it is about (unless it already says)."""
        return self if self.subject is not None or subject is None else replace(
            self, subject=subject)

    def line(self) -> str:
        """The CLI's one-line form: ``error: FILE › SHEET › CELL: message``."""
        return f"{self.severity.value}: {self.at}: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "district": self.district,
            "file": self.at.file,
            "sheet": self.at.sheet,
            "cell": self.at.cell,
            "row": self.at.row,
            "message": self.message,
        }


_FIELDS = ("severity", "code", "at", "found", "expected", "hint", "district", "subject")
if tuple(field.name for field in fields(Issue)) != _FIELDS:
    raise TypeError("Issue.__init__ sets its fields one by one; give it the new field too")
(_set_severity, _set_code, _set_at, _set_found, _set_expected, _set_hint, _set_district,
 _set_subject) = (Issue.__dict__[name].__set__ for name in _FIELDS)


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def line_subject(kind: str, name: str, year_start: int) -> str:
    """The subject of one spending or use line: ("spending", "Title II-A", 2023)."""
    return f"{kind}:{name}:{year_start}"


def parse_line_subject(subject: str) -> tuple[str, str, int] | None:
    kind, _, rest = subject.partition(":")
    name, _, year = rest.rpartition(":")
    if kind not in {"spending", "uses"} or not name or not year.isdigit():
        return None
    return kind, name, int(year)


def tag(issues: list[Issue], since: int, subject: str | None) -> None:
    """Issues appended since index ``since`` are about ``subject``."""
    if subject is not None and len(issues) > since:
        issues[since:] = [issue.about(subject) for issue in issues[since:]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Tally:
    """How often one code occurs in a report, and in how many districts."""

    code: str
    severity: Severity
    summary: str
    issues: int
    districts: int


def tally(issues: Iterable[Issue]) -> list[Tally]:
    """One line per code and severity: errors first, then the most frequent first, so a
    report of 18,620 districts reads as a handful of lines before any district's detail."""
    counts: dict[tuple[str, Severity], list] = {}
    for issue in issues:
        entry = counts.setdefault((issue.code, issue.severity), [issue.summary, 0, set()])
        entry[1] += 1
        entry[2].add(issue.district)
    lines = [Tally(code=code, severity=severity, summary=summary, issues=count,
                   districts=len(districts - {None}))
             for (code, severity), (summary, count, districts) in counts.items()]
    return sorted(lines, key=lambda t: (t.severity is not Severity.ERROR, -t.issues, t.code))


def for_district(issues: Iterable[Issue], name: str | None) -> list[Issue]:
    return [issue for issue in issues if issue.district == name]


def blocking(issues: Iterable[Issue], district: str) -> list[Issue]:
    """Errors that block export for ``district``; warnings never block."""
    return [issue for issue in issues if issue.is_error and issue.district == district]
