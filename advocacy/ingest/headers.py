"""What a column heading means: a district column, a school year, a profile field, a source.

Owns the reading of one heading (after stacked rows are joined) into a Column role, using the
user's ColumnMapping first, then the vocabulary, then a few patterns for the headings agency
exports use ("End-of-Year ADM …", "Teacher Count"). Never reads data rows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from advocacy.ingest import vocabulary
from advocacy.ingest.fields import SCALAR_KINDS, fact_key
from advocacy.ingest.mapping import ColumnMapping
from advocacy.ingest.tables import header_year, norm, strip_footnote
from advocacy.ingest.vocabulary import Kind
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import SchoolYear

# Roles that carry data; "blank", "unknown", "total", "ignore" and "school" do not.
DATA_ROLES = {
    "district",
    "school_year",
    "key",
    "line",
    "source",
    "use",
    "amount",
    "metric",
    "value",
    "year",
    "group",
    "unit",
    "higher_is_better",
}
_ANCHORS = {"district", "school_year", "source", "use", "metric"}
_COLUMN_ROLES = {"district", "school_year", "source", "use", "amount"}
_OUTCOME_ROLES = {"metric", "group", "unit", "higher_is_better", "value"}
MAX_HEADING = 80  # longer text above a table is its title
_SCHOOL = re.compile(r"^school( name)?$", re.IGNORECASE)
# A subgroup's count is never total enrollment: "Special education enrollment", "LEP students".
_EXCLUDED = (
    r"(?!.*\b(weighted|adjusted|pre-?k|kindergarten|elementary|secondary|turnover|pde|lep|ell|"
    r"els?|english|limited|special|sped|iep|disabilit\w*|title i|low[- ]income|economically|"
    r"free|reduced|gifted|homeless|migrant|minority|subgroup)\b)"
)
# KDE's "Turnover Percent", "Teacher turnover rate": an outcome, lower is better.
_TURNOVER = re.compile(r"^(teacher )?turnover (percent|rate|%)$|^% teacher turnover$", re.I)
TEACHER_TURNOVER = "Teacher turnover"
# Headings state and NCES exports use that are not template labels; first match wins.
_AGENCY = (
    (
        re.compile(
            _EXCLUDED + r".*\b(average daily membership|adm|enrollment|membership|"
            r"total students|student count)\b",
            re.IGNORECASE,
        ),
        "students",
    ),
    (
        re.compile(
            r".*\b(per[- ]pupil (current )?expenditures?|expenditures? per pupil|ppe)\b",
            re.IGNORECASE,
        ),
        "per_pupil_expenditure_usd",
    ),
    (re.compile(r"(pupil|student)s?[ /-]*teacher ratio", re.IGNORECASE), "student_teacher_ratio"),
    (
        re.compile(
            _EXCLUDED + r"^(total |number of |# of )?(fte |full[- ]time equivalent )?"
            r"(classroom )?teachers?( \(fte\)| fte| count)?$",
            re.IGNORECASE,
        ),
        "teachers",
    ),
    (re.compile(r"^(total |number of |# of )?schools( count)?$", re.IGNORECASE), "schools"),
    (
        re.compile(
            r"^(number of |# of |total )?(students (in|receiving) )?special education"
            r"( students| services| count)?$",
            re.IGNORECASE,
        ),
        "special_education_count",
    ),
    (
        re.compile(
            r"^(district|division|school division|agency|lea|local education agency|"
            r"(district|division|agency|lea|school system) name)$",
            re.IGNORECASE,
        ),
        "district",
    ),
)


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    header: str
    role: str  # see DATA_ROLES, or "blank", "unknown", "total", "ignore", "school", "label"
    key: str | None = None  # fact key for "key"; "source:Title II-A" / "use:Coaching" for "line"
    year: SchoolYear | None = None


def classify(
    index: int, header: str, *, mapping: ColumnMapping | None = None, contact_first: bool = False
) -> Column:
    """One heading's role. ``contact_first`` reads "Name"/"Title" as contact fields."""
    if mapping is None and len(header) <= MAX_HEADING:
        return _classified(index, header, contact_first)
    return _classify(index, header, mapping, contact_first)


@functools.lru_cache(maxsize=8192)
def _classified(index: int, header: str, contact_first: bool) -> Column:
    # Finding a header classifies each of the top rows' cells as if it were a heading; a long
    # table's top rows repeat its few names, years and sources, and every sheet its headings.
    return _classify(index, header, None, contact_first)


def _classify(
    index: int, header: str, mapping: ColumnMapping | None, contact_first: bool
) -> Column:
    text = strip_footnote(norm(header))
    if not text:
        return Column(index, header, "blank")
    if len(text) > MAX_HEADING:
        return Column(index, header, "unknown")  # a title or a note, not a column heading
    target = mapping.target(header) if mapping else None
    if target:
        return _from_target(index, header, target)
    if vocabulary.is_total_label(text):
        return Column(index, header, "total")
    year, rest, _ = header_year(text, Location(file=""))
    if year is not None and not rest:
        outcome = mapping.year_outcome() if mapping else None
        if outcome is not None:  # the mapping says every year column is this outcome's
            return Column(index, header, "line", key=f"outcome:{outcome.metric}", year=year)
        return Column(index, header, "year", year=year)
    if _TURNOVER.match(rest):
        return Column(index, header, "line", key=f"outcome:{TEACHER_TURNOVER}", year=year)
    for candidate in _candidates(rest):
        column = _from_vocabulary(index, header, candidate, year, contact_first)
        if column is not None:
            return column
    if _SCHOOL.match(rest):
        return Column(index, header, "school")
    for pattern, key in _AGENCY:
        if pattern.match(rest):
            if key == "district":
                return Column(index, header, "district")
            return Column(index, header, "key", key=key, year=year)
    # "Spending by school year 2022-23" (a merged banner over the years): the year is the point.
    return Column(index, header, "unknown" if year is None else "year", year=year)


def anchored(columns: list[Column]) -> bool:
    """A column says what each row is: a district, a school year, a source, a use, a metric."""
    return any(column.role in _ANCHORS for column in columns)


def _candidates(text: str) -> list[str]:
    """The heading, then without a parenthetical, then the parenthetical: "Enrollment (ADM)"."""
    found = [text]
    match = re.search(r"\(([^)]*)\)", text)
    if match:
        found += [norm(text[: match.start()] + text[match.end() :]), match.group(1)]
    return [candidate for candidate in found if candidate]


def _from_vocabulary(
    index: int, header: str, text: str, year: SchoolYear | None, contact_first: bool
) -> Column | None:
    kinds = (Kind.COLUMN, Kind.OUTCOME)
    scalar = (
        (Kind.CONTACT, *[k for k in SCALAR_KINDS if k is not Kind.CONTACT])
        if contact_first
        else SCALAR_KINDS
    )
    term = vocabulary.lookup(text, kinds=kinds)
    if term is not None:
        role = "district" if term.key == "district" else term.key
        if role in _COLUMN_ROLES | _OUTCOME_ROLES:
            return Column(index, header, role, year=year)
    for kind in scalar:
        term = vocabulary.lookup(text, kinds=(kind,))
        if term is None:
            continue
        if term.kind is Kind.IDENTITY and term.key == "name":
            return Column(index, header, "district")
        return Column(index, header, "key", key=fact_key(term), year=year)
    term = vocabulary.lookup(text, kinds=(Kind.SOURCE, Kind.USE))
    if term is not None:
        prefix = "source" if term.kind is Kind.SOURCE else "use"
        return Column(index, header, "line", key=f"{prefix}:{term.key}", year=year)
    return None


def _from_target(index: int, header: str, target: str) -> Column:
    if target.startswith(("source:", "use:", "revenue:", "outcome:")):
        # "2019-20" mapped to an outcome, or "Title II-A 2022-23" to revenue: the heading's
        # year is the value's school year.
        year, _, _ = header_year(strip_footnote(norm(header)), Location(file=""))
        return Column(index, header, "line", key=target, year=year)
    if target == "revenue_source":
        return Column(index, header, "source", key="revenue")
    if target in _COLUMN_ROLES | _OUTCOME_ROLES | {"ignore"}:
        return Column(index, header, target)
    return Column(index, header, "key", key=target)


def as_source(column: Column) -> Column:
    """In a table of sources by year, "State" and "District" name funding sources."""
    term = vocabulary.lookup(strip_footnote(norm(column.header)), kinds=(Kind.SOURCE,))
    if term is None:
        return column
    return Column(column.index, column.header, "line", key=f"source:{term.key}", year=column.year)


def unrecognised_issue(
    column: Column, at: Location, suggest: Callable[[str], str | None] = vocabulary.suggest
) -> Issue:
    text = strip_footnote(norm(column.header))
    suggestion = suggest(text)
    return Issue.warning(
        "header.unrecognised",
        at=at,
        found=norm(column.header),
        expected="a column heading from the template",
        hint=(f"Did you mean “{suggestion}”?" if suggestion else "This column was not imported"),
    )


def score(columns: list[Column]) -> int:
    """How header-like a row is: recognised roles, with at most two year columns counted, and
    a bonus for a column that says what each row is (district, year, source, use, metric),
    which a stacked header's upper rows ("Local", "State", "Federal") lack."""
    years = sum(1 for column in columns if column.role == "year")
    others = sum(1 for column in columns if column.role in DATA_ROLES - {"year"})
    return others + min(years, 2) + (2 if anchored(columns) else 0)


def target_of(header: str) -> str | None:
    """The mapping target the importer reads a heading as on its own ("AUN" → "state_id"),
    so the mapping screen starts from it rather than from "ignore"."""
    column = classify(0, header)
    if column.role in {"key", "line"}:
        return column.key
    if column.role in _COLUMN_ROLES | _OUTCOME_ROLES:
        return column.role
    return None
