"""A user's column mapping: which heading of an unrecognised table means which field.

Owns ColumnMapping (with its JSON round trip), the TARGETS a heading can be mapped to, and
UnrecognisedTable, the description of a table the importer could not read on its own so the
app can offer a mapping. Never reads cells; ``layouts`` applies the mapping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from advocacy import template
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import TITLE_II_A

MAPPING_FILE = "column mapping"

# Target key → the label a user picks from. Keys are the fact keys layouts use; the fields'
# labels come from the template.
TARGETS: dict[str, str] = {
    "district": template.IDENTITY[0].label,
    "school_year": "School year",
    **{field.key: field.label for field in template.IDENTITY[1:]},
    **{field.key: field.label for field in template.PROFILE},
    **{count.key: count.label for count in template.PROFILE_COUNTS},
    "source": "Funding source (names in this column)",
    "use": "Use of funds (names in this column)",
    "amount": "Amount ($)",
    **{f"source:{named.name}": f"Spending from {named.name}"
                               f"{'' if named.name == TITLE_II_A else ' funds'} ($)"
       for named in template.SOURCES},
    **{f"use:{named.name}": f"Spent on {named.name} ($)" for named in template.USES},
    "metric": "Outcome metric",
    "group": "Outcome group",
    "unit": "Outcome unit",
    "higher_is_better": "Higher is better",
    "value": "Outcome value",
    **{f"story.{part.key}": part.label for part in template.STORY},
    **{field.key: field.label for field in (template.STANDARDS_FIELD,
                                            template.DATA_SOURCES_FIELD)},
    **{f"contact.{field.key}": field.pick_label for field in template.CONTACT},
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
        except (ValueError, TypeError):
            issues.append(
                Issue.error(
                    "mapping.invalid",
                    at=at,
                    found="text that is not JSON" if text else "an empty file",
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
