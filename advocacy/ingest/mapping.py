"""A user's column mapping: which heading of an unrecognised table means which field.

Owns ColumnMapping (heading → target, file-wide constants, code translations, row filters and
year columns that are an outcome's values; its JSON is ``mapping_json``), the TARGETS a heading
can be mapped to, and UnrecognisedTable, the description of a table the importer could not read
on its own so the app can offer a mapping. Never reads cells; ``records`` applies the mapping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from advocacy import template
from advocacy.ingest import mapping_json
from advocacy.issues import Issue
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
    "revenue_source": "Revenue source or account code (names or codes in this column)",
    f"revenue:{TITLE_II_A}": f"{TITLE_II_A} revenue or allocation ($), not spending",
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


CONSTANTS = {  # file-wide facts a mapping may state: key → what it means
    "school_year": "the school year every figure describes, such as 2022-23",
    "state": "the state every district is in, such as PA",
    "data_sources": "where the figures come from, such as PDE Annual Financial Report",
}
UNITS = {"%", "count", "$", "score"}


@dataclass(frozen=True, slots=True)
class OutcomeColumns:
    """ "These year columns are values of outcome X": ``columns`` empty means every column
    headed by a school year alone."""

    metric: str
    unit: str | None = None  # "%", "count", "$", "score"
    higher_is_better: bool | None = None
    columns: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"metric": self.metric, "unit": self.unit,
                "higher_is_better": self.higher_is_better,
                "columns": list(self.columns) if self.columns else "years"}


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """What the user said about a file: heading → target, and, for agency files, file-wide
    constants, code translations on a column (8515 → Title II-A; other codes ignored), rows to
    keep (a column's allowed values) and year columns that are one outcome's values."""

    columns: tuple[tuple[str, str], ...]  # (header text as found, target key)
    constants: tuple[tuple[str, str], ...] = ()  # (CONSTANTS key, value)
    codes: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # heading → (code, name)
    keep: tuple[tuple[str, tuple[str, ...]], ...] = ()  # heading → values whose rows are kept
    outcomes: tuple[OutcomeColumns, ...] = ()

    def target(self, header: str) -> str | None:
        wanted = header_key(header)
        found = next((target for text, target in self.columns if header_key(text) == wanted),
                     None)
        if found is not None:
            return found
        for outcome in self.outcomes:
            if any(header_key(text) == wanted for text in outcome.columns):
                return f"outcome:{outcome.metric}"
        return None

    def constant(self, key: str) -> str | None:
        return next((value for name, value in self.constants if name == key), None)

    def year_outcome(self) -> OutcomeColumns | None:
        """The outcome whose values are every column headed by a school year, if any."""
        return next((outcome for outcome in self.outcomes if not outcome.columns), None)

    def outcome(self, metric: str) -> OutcomeColumns | None:
        return next((outcome for outcome in self.outcomes if outcome.metric == metric), None)

    def translation(self, header: str) -> dict[str, str] | None:
        """Code → name for a column, matched like headings; codes compared as written."""
        wanted = header_key(header)
        return next((dict(pairs) for text, pairs in self.codes if header_key(text) == wanted),
                    None)

    def kept_values(self, header: str) -> set[str] | None:
        wanted = header_key(header)
        return next((set(values) for text, values in self.keep if header_key(text) == wanted),
                    None)

    def to_json(self) -> str:
        data: dict[str, object] = {"columns": [list(pair) for pair in self.columns]}
        if self.constants:
            data["constants"] = dict(self.constants)
        if self.codes:
            data["codes"] = {text: dict(pairs) for text, pairs in self.codes}
        if self.keep:
            data["keep_rows"] = {text: list(values) for text, values in self.keep}
        if self.outcomes:
            data["outcomes"] = [outcome.as_json() for outcome in self.outcomes]
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, issues: list[Issue]) -> ColumnMapping | None:
        """Parse a saved mapping; problems become Issues, never exceptions."""
        return mapping_json.parse(cls, OutcomeColumns, text, issues, targets=TARGETS,
                                  constants=CONSTANTS, units=UNITS, file=MAPPING_FILE)


def with_rules(columns: tuple[tuple[str, str], ...], *, before: ColumnMapping | None = None,
               school_year: str = "", state: str = "", code_column: str | None = None,
               codes_text: str = "", keep_column: str | None = None,
               keep_text: str = "") -> ColumnMapping:
    """A mapping from what the app's boxes hold: codes as lines "8515 = Title II-A", kept
    values separated by commas. Rules left blank keep what ``before`` had."""
    constants = dict(before.constants) if before else {}
    for key, value in (("school_year", school_year), ("state", state)):
        if value.strip():
            constants[key] = value.strip()
    codes = dict(before.codes) if before else {}
    pairs = tuple((code.strip(), name.strip()) for code, sep, name in
                  (line.partition("=") for line in codes_text.splitlines())
                  if sep and code.strip() and name.strip())
    if code_column and pairs:
        codes[code_column] = pairs
    keep = dict(before.keep) if before else {}
    values = tuple(v.strip() for v in keep_text.split(",") if v.strip())
    if keep_column and values:
        keep[keep_column] = values
    return ColumnMapping(columns=columns, constants=tuple(constants.items()),
                         codes=tuple(codes.items()), keep=tuple(keep.items()),
                         outcomes=before.outcomes if before else ())


@dataclass(frozen=True, slots=True)
class UnrecognisedTable:
    """A table nothing was read from: where it is and its headings, for the mapping screen."""

    file: str
    sheet: str | None
    header_row: int  # zero-based row index of the (last) header row
    headers: tuple[str, ...]
