"""A user's column mapping: which heading of an unrecognised table means which field.

Owns ColumnMapping (with its JSON round trip), the TARGETS a heading can be mapped to, and
UnrecognisedTable, the description of a table the importer could not read on its own so the
app can offer a mapping. Never reads cells; ``layouts`` applies the mapping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import (
    CLASS_SIZE_REDUCTION,
    COACHING,
    COURSES_WORKSHOPS,
    DISTRICT,
    STATE,
    TITLE_II_A,
)

MAPPING_FILE = "column mapping"

# Target key → the label a user picks from. Keys are the fact keys layouts use.
TARGETS: dict[str, str] = {
    "district": "District name",
    "school_year": "School year",
    "state": "State",
    "nces_id": "NCES district ID",
    "state_id": "State's own district ID (AUN, district number…)",
    "county": "County",
    "students": "Number of students",
    "teachers": "Number of teachers (FTE)",
    "schools": "Number of schools",
    "per_pupil_expenditure_usd": "Per-pupil expenditure",
    "title_i_eligible_pct": "% Title I-eligible students",
    "title_i_schools": "Number of Title I schools",
    "english_learners_pct": "% English learners",
    "student_teacher_ratio": "Student-to-teacher ratio",
    "instructional_coaches": "Number of instructional coaches",
    "special_education_pct": "% students receiving special education services",
    "english_learners_count": "Number of English learners",
    "special_education_count": "Number of students receiving special education services",
    "title_i_students_count": "Number of Title I-eligible students",
    "source": "Funding source (names in this column)",
    "use": "Use of funds (names in this column)",
    "amount": "Amount ($)",
    f"source:{TITLE_II_A}": f"Spending from {TITLE_II_A} ($)",
    f"source:{STATE}": f"Spending from {STATE} funds ($)",
    f"source:{DISTRICT}": f"Spending from {DISTRICT} funds ($)",
    f"use:{COACHING}": f"Spent on {COACHING} ($)",
    f"use:{CLASS_SIZE_REDUCTION}": f"Spent on {CLASS_SIZE_REDUCTION} ($)",
    f"use:{COURSES_WORKSHOPS}": f"Spent on {COURSES_WORKSHOPS} ($)",
    "metric": "Outcome metric",
    "group": "Outcome group",
    "unit": "Outcome unit",
    "higher_is_better": "Higher is better",
    "value": "Outcome value",
    "story.challenge": "Challenge",
    "story.solution": "Solution",
    "story.impact": "Impact",
    "standards": "Standards",
    "data_sources": "Data sources",
    "contact.name": "Contact name",
    "contact.title": "Contact title",
    "contact.organization": "Contact organization",
    "contact.email": "Contact email",
    "contact.phone": "Contact phone",
    "ignore": "Ignore this column",
}


def header_key(text: str) -> str:
    """How headings are matched: case, spacing and line breaks do not matter."""
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    columns: tuple[tuple[str, str], ...]  # (header text as found, target key)

    def target(self, header: str) -> str | None:
        wanted = header_key(header)
        return next((target for text, target in self.columns if header_key(text) == wanted), None)

    def to_json(self) -> str:
        return json.dumps({"columns": [list(pair) for pair in self.columns]}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, issues: list[Issue]) -> ColumnMapping | None:
        """Parse a saved mapping; problems become Issues, never exceptions."""
        at = Location(file=MAPPING_FILE)
        try:
            data = json.loads(text)
        except (ValueError, TypeError) as error:
            issues.append(
                Issue.error(
                    "mapping.invalid",
                    at=at,
                    found=str(error),
                    expected='JSON such as {"columns": [["LEA", "district"]]}',
                )
            )
            return None
        pairs = data.get("columns") if isinstance(data, dict) else None
        if not isinstance(pairs, list):
            issues.append(
                Issue.error(
                    "mapping.invalid",
                    at=at,
                    found=str(text)[:80],
                    expected='an object with a "columns" list',
                )
            )
            return None
        columns = []
        for pair in pairs:
            if (
                not isinstance(pair, list | tuple)
                or len(pair) != 2
                or not all(isinstance(part, str) for part in pair)
            ):
                issues.append(
                    Issue.error(
                        "mapping.invalid",
                        at=at,
                        found=str(pair),
                        expected="a [heading, target] pair of text",
                    )
                )
                continue
            if pair[1] not in TARGETS:
                issues.append(
                    Issue.error(
                        "mapping.invalid",
                        at=at,
                        found=pair[1],
                        expected="one of the listed targets",
                        hint=f"Heading “{pair[0]}” was left unmapped",
                    )
                )
                continue
            columns.append((pair[0], pair[1]))
        return cls(columns=tuple(columns))


@dataclass(frozen=True, slots=True)
class UnrecognisedTable:
    """A table nothing was read from: where it is and its headings, for the mapping screen."""

    file: str
    sheet: str | None
    header_row: int  # zero-based row index of the (last) header row
    headers: tuple[str, ...]
