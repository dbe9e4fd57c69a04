"""Finding the tables in a sheet: label/value blocks and column-headed tables.

Owns the decision of which rows are headers (one or several tables per sheet, title rows above,
stacked merged headers), which rows are label/value pairs (labels down column A, the value in
the first non-empty cell to the right), and when a sheet holds nothing recognisable. Hands each
table to ``records``; never merges districts (that is ``assemble``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from advocacy.ingest import records, vocabulary
from advocacy.ingest.fields import SCALAR_KINDS, Fact, fact_key, read_field
from advocacy.ingest.files import Sheet
from advocacy.ingest.headers import DATA_ROLES, Column, anchored, classify, score
from advocacy.ingest.mapping import ColumnMapping, UnrecognisedTable
from advocacy.ingest.tables import (
    MAX_HEADER_DEPTH,
    MAX_HEADER_SCAN,
    filled,
    header_texts,
    is_blank,
    is_number,
    looks_like_note,
    norm,
    year_like,
)
from advocacy.ingest.vocabulary import Kind
from advocacy.issues import Issue, tag
from advocacy.location import Location

# Sheets that explain the workbook rather than hold data.
SKIPPED_SHEETS = {"read me", "readme", "instructions", "about", "help", "notes"}
_HEADER_PAIRS = {
    (label, value)
    for label in ("field", "label", "item", "measure", "description", "category", "indicator")
    for value in ("value", "values", "amount", "data", "figure", "number")
}
# Headings of the columns after a label/value block's value: notes, never more data.
_NOTE_HEADINGS = {
    "note",
    "notes",
    "comment",
    "comments",
    "source",
    "sources",
    "data source",
    "as of",
    "remarks",
    "year",
    "school year",
    "date",
    "unit",
    "units",
}
_PARENTHESES = re.compile(r"\([^)]*\)")


@dataclass(slots=True)
class SheetResult:
    sheet: Sheet
    facts: list[Fact] = field(default_factory=list)
    unrecognised: UnrecognisedTable | None = None
    skipped: bool = False
    recognised: bool = False  # a known label or a readable table, even with nothing in it


def read_sheet(
    sheet: Sheet, issues: list[Issue], *, mapping: ColumnMapping | None = None
) -> SheetResult:
    """Every fact in one sheet; problems are appended to ``issues``, never raised."""
    result = SheetResult(sheet)
    if sheet.name and norm(sheet.name).casefold() in SKIPPED_SHEETS:
        result.skipped = True
        return result
    rows = filled(sheet)
    width = max(map(len, rows), default=0)
    contact_first = "contact" in (sheet.name or "").casefold()
    headers = find_headers(rows, width, mapping=mapping, contact_first=contact_first)
    starts = [row for row, _ in headers] + [len(rows)]
    _label_values(sheet, rows, range(0, starts[0]), result, issues, mapping)
    for (header_row, columns), end in zip(headers, starts[1:], strict=True):
        usable = records.read_table(
            sheet, rows, header_row, end, columns, result.facts, issues, mapping
        )
        result.recognised = result.recognised or usable
    if not result.facts and not result.recognised and not is_blank_sheet(rows):
        result.unrecognised = _unrecognised(sheet, rows, width, headers)
        issues.append(
            Issue.warning(
                "sheet.unrecognised",
                at=Location(file=sheet.file, sheet=sheet.name),
                found=", ".join(dict.fromkeys(h for h in result.unrecognised.headers if h)) or None,
                expected="the template's labels or column headings (District, School year, …)",
                hint="Map its columns to fields on the Upload page, or use the template",
            )
        )
    return result


def is_blank_sheet(rows: list[list[object]]) -> bool:
    return all(is_blank(row) for row in rows)


def find_headers(
    rows: list[list[object]], width: int, *, mapping: ColumnMapping | None, contact_first: bool
) -> list[tuple[int, list[Column]]]:
    """Header rows, in order: the best one near the top (stacked headers joined), and any
    other that starts a block after a blank row (a paper form's Source and Use tables)."""
    found: list[tuple[int, list[Column]]] = []
    top = _best_header(rows, range(min(MAX_HEADER_SCAN, len(rows))), width, mapping, contact_first)
    if top is not None:
        found.append(top)
    taken: set[int] = set()
    if top is not None:  # the header row and the stacked rows above it, up to a blank row
        r = top[0]
        while r >= 0 and top[0] - r < MAX_HEADER_DEPTH and not is_blank(rows[r]):
            taken.add(r)
            r -= 1
    after = 1  # rows before this one are taken by a block already found
    for r in _block_starts(rows):
        if r < after or r in taken:
            continue
        window = [row for row in range(r, min(r + MAX_HEADER_DEPTH, len(rows))) if row not in taken]
        block = _best_header(rows, window, width, mapping, contact_first, strict=True)
        after = r + 1 if block is None else block[0] + 1
        if block is not None:
            found.append(block)
    return sorted(found, key=lambda header: header[0])


def _block_starts(rows: list[list[object]]) -> list[int]:
    """The rows that follow a blank row and are not blank themselves: where a block starts.
    A row whose first cell holds something is not blank, which settles almost every row of a
    long table in one look (a statewide sheet has 15,000 of them)."""
    blank = [
        r for r, row in enumerate(rows)
        if (not row or row[0] is None or (row[0].__class__ is str and not row[0].strip()))
        and is_blank(row)
    ]
    return [r + 1 for r in blank if r + 1 < len(rows) and not is_blank(rows[r + 1])]


def _best_header(rows, candidates, width, mapping, contact_first, *, strict=False):
    best: tuple[int, int, list[Column]] | None = None
    normed: dict[int, list[str]] = {}  # each row's cells normalised: stacks overlap

    def texts_of(r: int) -> list[str]:
        texts = normed.get(r)
        if texts is None:
            texts = normed[r] = [norm(value) for value in rows[r]]
        return texts

    for r in candidates:
        row = rows[r]
        used = [c for c, text in enumerate(texts_of(r)) if text]
        if len(used) < 2 and (not used or classify(0, norm(row[used[0]])).role != "key"):
            continue  # one cell is a title or a blank label; "ppe" over numbers is a heading
        if _is_label_value_row(row, contact_first, texts_of(r)) or _has_data(row):
            continue
        if len(used) >= 2 and _is_pair_header(row, used):
            continue  # "Item | Value | Source": a label/value block's headings, not a table's
        left = used[0]
        # A label/value pair starting at the table's left edge ends the stack ("District name |
        # Maple" above "Source | 2023-24"); words over the data columns are more header.
        stop = functools.partial(_ends_stack, left=left, contact_first=contact_first)
        texts = header_texts(rows, r, width, stop, texts_of) if not strict else list(texts_of(r))
        texts += [""] * (width - len(texts))
        columns = [
            classify(c, texts[c], mapping=mapping, contact_first=contact_first)
            for c in range(width)
        ]
        points = score(columns)
        if not _enough(columns, points, rows, r):
            continue
        if not anchored(columns) and _continues(rows, r):
            continue  # an upper row of a stacked header; the header ends further down
        if best is None or points > best[1]:
            best = (r, points, columns)
    return None if best is None else (best[0], best[2])


# Headings that say what a table holds; "value", "group", "unit" and "higher_is_better" only
# qualify another column, so two of those alone do not make a table.
_SUBJECT_ROLES = DATA_ROLES - {"value", "group", "unit", "higher_is_better"}


def _enough(columns: list[Column], points: int, rows, r: int) -> bool:
    """At least two recognised headings, or one profile heading over a column of numbers."""
    roles = {column.role for column in columns}
    if points >= 2 and roles & _SUBJECT_ROLES:
        return True
    keys = [column for column in columns if column.role == "key"]
    if len(keys) == 1 and points == 1:
        below = [row for row in rows[r + 1 : r + 6] if not is_blank(row)]
        c = keys[0].index
        return len(below) >= 2 and sum(is_number(row[c]) for row in below if c < len(row)) >= 2
    return False


def _ends_stack(above: list[object], *, left: int, contact_first: bool) -> bool:
    return _first_used(above) <= left and _is_label_value_row(above, contact_first)


def _first_used(row: list[object]) -> int:
    return next((c for c, value in enumerate(row) if norm(value)), len(row))


def _has_data(row: list[object]) -> bool:
    """Headings are words and years; a row with two or more numbers is data."""
    return sum(1 for value in row if is_number(value) and not year_like(value)) >= 2


def _continues(rows: list[list[object]], r: int) -> bool:
    """The next row is more header text ("Amount", "Per Pupil"), not data."""
    if r + 1 >= len(rows):
        return False
    values = [value for value in rows[r + 1] if norm(value)]
    numbers = sum(1 for value in values if is_number(value))
    return len(values) - numbers >= 2 and numbers <= 1


def _is_label_value_row(
    row: list[object], contact_first: bool, texts: list[str] | None = None
) -> bool:
    """ "Number of students | 8420": a known label with one value beside it is not a header.
    ``texts`` are the row's cells normalised, when the caller has them already."""
    if texts is None:
        texts = [norm(value) for value in row]
    used = [c for c, text in enumerate(texts) if text]
    if len(used) != 2:
        return False
    label, value = texts[used[0]], row[used[1]]
    if isinstance(value, str) and vocabulary.lookup(value) is not None:
        return False  # "District | ELL %" is the header of a two-column table
    return _scalar_term(label, contact_first) is not None


@functools.lru_cache(maxsize=8192)  # headers and label rows ask of the same texts on each sheet
def _scalar_term(label: str, contact_first: bool = False):
    """The field a label names; "Enrollment (Oct. count)" names it with a qualifier."""
    kinds: tuple[Kind, ...] = SCALAR_KINDS
    if contact_first:
        kinds = (Kind.CONTACT, *[k for k in SCALAR_KINDS if k is not Kind.CONTACT])
    for text in _qualified(label):
        for kind in kinds:
            term = vocabulary.lookup(text, kinds=(kind,))
            if term is not None:
                return term
    return None


def _qualified(label: str) -> list[str]:
    """The label, then without a trailing colon, then without its parenthesised qualifiers."""
    found = [label]
    bare = label.rstrip(" :")
    if bare != label:
        found.append(bare)
    unqualified = norm(_PARENTHESES.sub(" ", bare))
    if unqualified and unqualified != bare:
        found.append(unqualified)
    return found


def _label_values(
    sheet: Sheet,
    rows,
    span: range,
    result: SheetResult,
    issues: list[Issue],
    mapping: ColumnMapping | None = None,
) -> None:
    contact_first = "contact" in (sheet.name or "").casefold()
    unknown: list[Issue] = []
    suggestions = vocabulary.Suggestions()
    recognised = 0
    headed: tuple[int, int] | None = None  # (label, value) columns named by a header row
    for r in span:
        row = rows[r]
        used = [c for c, value in enumerate(row) if norm(value)]
        if len(used) >= 2 and _is_pair_header(row, used):
            headed = (used[0], used[1])  # "Item | Value | Notes": later columns are notes
            continue
        if headed is not None and used and used[0] == headed[0]:
            label_col, value_col = headed
            if value_col not in used:
                recognised += _scalar_term(norm(row[label_col]), contact_first) is not None
                continue
        else:
            if len(used) == 1 and _scalar_term(norm(row[used[0]]), contact_first) is not None:
                recognised += 1  # a template label left blank: the sheet is ours, not filled
                continue
            if len(used) < 2 or (len(used) > 2 and not _notes_only(row, used[2:])):
                continue  # titles, section names, and rows of a table
            label_col, value_col = used[0], used[1]
        label = norm(row[label_col])
        term = _scalar_term(label, contact_first)
        at = sheet.location(r, value_col)
        key = fact_key(term) if term is not None else _mapped_label(label, mapping)
        if key is None:
            if not looks_like_note(row) and not (recognised == 0 and _heading_pair(row[value_col])):
                unknown.append(_unknown_label(sheet, r, label_col, label, suggestions))
            continue
        recognised += 1
        if key == "name":
            value = read_field("name", row[value_col], at, issues)
            if value:
                result.facts.append(Fact("name", value, at))
            continue
        before = len(issues)
        value = read_field(
            key, row[value_col], at, issues, number_format=sheet.number_formats.get((r, value_col))
        )
        tag(issues, before, key)
        if value is not None:
            result.facts.append(Fact(key, value, at))
    if recognised:
        result.recognised = True
        issues.extend(unknown)


def _mapped_label(label: str, mapping: ColumnMapping | None) -> str | None:
    """The field a person said this label means ("did you mean" accepted in the app)."""
    target = mapping.target(label) if mapping is not None else None
    if target == "district":
        return "name"
    if target is None or target in DATA_ROLES | {"ignore"}:
        return None
    return None if target.startswith(("source:", "use:")) else target


def _is_pair_header(row: list[object], used: list[int]) -> bool:
    """ "Field | Value", "Item | Value | Notes": the headings of a label/value block."""
    pair = (norm(row[used[0]]).casefold(), norm(row[used[1]]).casefold())
    return pair in _HEADER_PAIRS and all(
        norm(row[c]).casefold() in _NOTE_HEADINGS for c in used[2:]
    )


def _heading_pair(value: object) -> bool:
    """ "Part | Text" above the first label reads as the pair's column headings, not data."""
    return isinstance(value, str) and len(value.split()) == 1 and not is_number(value)


def _notes_only(row: list[object], cols: list[int]) -> bool:
    """Cells after the value are a note ("as of June", "audited"), not more columns of a
    table: one cell of words, not a number or a year."""
    if len(cols) != 1:
        return False
    value = row[cols[0]]
    return isinstance(value, str) and not is_number(value) and not year_like(value)


def _unknown_label(
    sheet: Sheet, r: int, c: int, label: str, suggest: vocabulary.Suggestions
) -> Issue:
    suggestion = suggest(label)
    return Issue.warning(
        "label.unknown",
        at=sheet.location(r, c),
        found=label,
        expected="a label from the template, such as Number of students",
        hint=(f"Did you mean “{suggestion}”?" if suggestion else "This row was not imported"),
    )


def _unrecognised(sheet: Sheet, rows, width: int, headers) -> UnrecognisedTable:
    if headers:
        header_row, columns = headers[0]
        return UnrecognisedTable(
            sheet.file, sheet.name, header_row, tuple(norm(column.header) for column in columns)
        )
    # The first row with two or more text cells is the likeliest header to offer for mapping.
    for r, row in enumerate(rows[:MAX_HEADER_SCAN]):
        texts = [norm(value) for value in row]
        if sum(1 for value in row if isinstance(value, str) and norm(value)) >= 2:
            texts += [""] * (width - len(texts))
            return UnrecognisedTable(sheet.file, sheet.name, r, tuple(texts))
    return UnrecognisedTable(sheet.file, sheet.name, 0, ())
