"""The workbook export: the blank template, one district filled in, and many in long tables.

Owns the layout of docs/workbook-layout.md as written by xlsxwriter: sheets, labels, number
formats, validation lists, Total rows (formulas with saved values) and the Read me text. The
importer reads every file written here back to the same District. Never parses uploads, and
never writes user text as a formula: every string goes through ``write_string``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from advocacy import template as form  # template() below writes the blank workbook
from advocacy.exports import MIME, ExportResult, safe_filename
from advocacy.model import (
    FUNDING_SOURCES,
    STANDARDS,
    TEMPLATE_YEARS,
    USES,
    Contact,
    Dated,
    District,
    Profile,
    SchoolYear,
    Unit,
)

_IDENTITY_NOTES = {
    "name": "The district's full name, as it should appear on the one-pager.",
    "state": "State or territory.",
    "nces_id": "Optional, the 7-digit NCES LEA ID.",
}
FICTIONAL_WARNING = "This workbook holds FICTIONAL sample data. None of these districts is real."

UNITS = tuple(unit.value for unit in Unit)
YES_NO = ("Yes", "No")

_EXTRA_ROWS = 3  # blank rows left for the district's own sources, uses and outcomes


@dataclass(slots=True)
class _Book:
    """One xlsxwriter workbook in memory, with the shared cell formats."""

    buffer: io.BytesIO
    book: xlsxwriter.Workbook
    fmt: dict[str, object]

    @classmethod
    def new(cls) -> _Book:
        buffer = io.BytesIO()
        # Fixed creation date keeps the bytes reproducible, so committed samples stay stable.
        book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False})
        book.set_properties({"created": dt.datetime(2024, 1, 1), "title": "Make Your Case"})
        fmt = {
            "title": book.add_format({"bold": True, "font_size": 14}),
            "header": book.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1}),
            "label": book.add_format({"bold": True}),
            "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
            "usd": book.add_format({"num_format": "$#,##0"}),
            "total": book.add_format({"bold": True, "num_format": "$#,##0", "top": 1}),
            "value": book.add_format({"num_format": "General"}),
        }
        for field in form.PROFILE:
            fmt[field.key] = book.add_format({"num_format": field.number_format})
        return cls(buffer, book, fmt)

    def sheet(self, name: str, title: str | None = None):
        sheet = self.book.add_worksheet(name)
        if title:
            sheet.write_string(0, 0, title, self.fmt["title"])
        return sheet

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _put(sheet, row: int, col: int, value: object, cell_format=None) -> None:
    """Text as text (never a formula), numbers as numbers, missing as a blank cell."""
    if value is None:
        sheet.write_blank(row, col, None, cell_format)
    elif isinstance(value, bool):
        sheet.write_string(row, col, "Yes" if value else "No", cell_format)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, cell_format)
    else:
        sheet.write_string(row, col, str(value), cell_format)


def _header(book: _Book, sheet, row: int, labels: Sequence[str], widths: Sequence[int]) -> None:
    for col, (label, width) in enumerate(zip(labels, widths, strict=True)):
        sheet.write_string(row, col, label, book.fmt["header"])
        sheet.set_column(col, col, width)
    sheet.freeze_panes(row + 1, 1)


def _label_values(book: _Book, name: str, title: str, rows: Sequence[tuple[str, object, str]],
                  *, wide: bool = False) -> None:
    sheet = book.sheet(name, title)
    _header(book, sheet, 2, ("Field", "Value"), (34, 90 if wide else 22))
    for offset, (label, value, key) in enumerate(rows):
        sheet.write_string(3 + offset, 0, label, book.fmt["label"])
        _put(sheet, 3 + offset, 1, value, book.fmt["wrap"] if wide else book.fmt.get(key))


def _default_years() -> tuple[SchoolYear, ...]:
    today = dt.date.today()
    current = SchoolYear(today.year if today.month >= 7 else today.year - 1)
    return tuple(SchoolYear(current.start - offset) for offset in range(TEMPLATE_YEARS))


def _all_years(district: District) -> tuple[SchoolYear, ...]:
    """Every year from the first to the last with any data, newest first: never drop a value,
    and leave a column for a missing year so the gap can be filled in."""
    lines: tuple[Dated, ...] = (*district.spending, *district.uses, *district.outcomes)
    found = {line.school_year.start for line in lines}
    if not found:
        return ()
    return tuple(SchoolYear(start) for start in range(max(found), min(found) - 1, -1))


def _amount_table(book: _Book, name: str, title: str, first: str, names: Sequence[str],
                  years: Sequence[SchoolYear], amounts: dict[tuple[str, SchoolYear], float]):
    """A Source (or Use) × year table, newest year first, with a Total row of formulas."""
    sheet = book.sheet(name, title)
    _header(book, sheet, 2, (first, *map(str, years)), (30, *[14] * len(years)))
    for offset, label in enumerate(names):
        sheet.write_string(3 + offset, 0, label)
        for col, year in enumerate(years, start=1):
            _put(sheet, 3 + offset, col, amounts.get((label, year)), book.fmt["usd"])
    total_row = 3 + len(names)
    sheet.write_string(total_row, 0, "Total", book.fmt["label"])
    for col, year in enumerate(years, start=1):
        cells = [amounts.get((label, year)) for label in names]
        saved = sum(v for v in cells if v is not None)
        top, bottom = xl_rowcol_to_cell(3, col), xl_rowcol_to_cell(total_row - 1, col)
        formula = f"=SUM({top}:{bottom})" if names else "=0"
        sheet.write_formula(total_row, col, formula, book.fmt["total"], saved)
    return sheet


def _outcomes(book: _Book, district: District | None, years: Sequence[SchoolYear]) -> None:
    sheet = book.sheet("Outcomes", "Outcomes that show the impact (oldest year first)")
    labels = ("Metric", "Group", "Unit", "Higher is better", *map(str, years))
    _header(book, sheet, 2, labels, (40, 22, 10, 16, *[12] * len(years)))
    series = district.outcome_series() if district else {}
    for offset, ((metric, group), points) in enumerate(series.items()):
        row = 3 + offset
        first = points[0]
        _put(sheet, row, 0, metric)
        _put(sheet, row, 1, group)
        _put(sheet, row, 2, first.unit.value if first.unit else None)
        _put(sheet, row, 3, first.higher_is_better)
        by_year = {point.school_year: point.value for point in points}
        for col, year in enumerate(years, start=4):
            _put(sheet, row, col, by_year.get(year), book.fmt["value"])
    last = 3 + len(series) + _EXTRA_ROWS + 20
    sheet.data_validation(3, 2, last, 2, {"validate": "list", "source": list(UNITS)})
    sheet.data_validation(3, 3, last, 3, {"validate": "list", "source": list(YES_NO)})


def _read_me(book: _Book, fictional: bool) -> None:
    sheet = book.sheet("Read me", "Make Your Case: district workbook")
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, 1, 100)
    lines: list[tuple[str, str]] = []
    if fictional:
        lines.append(("FICTIONAL", FICTIONAL_WARNING))
    lines += [
        ("How to use", "Fill in the Profile, Spending, Uses, Outcomes, Story and Contact sheets, "
                       "then upload this file. Leave a cell blank when you do not know a value."),
        ("This sheet", "Instructions only; it is never imported."),
        *[(field.label, "Profile: " + _IDENTITY_NOTES[field.key])
          for field in form.FORM_IDENTITY],
        *[(field.label, "Profile: " + field.note) for field in form.PROFILE],
        ("Spending", "Professional-learning dollars by source (Title II-A, State, District, "
                     "then your own sources) for each school year, newest first. The Total row "
                     "adds up the rows above and is not imported."),
        ("Uses", "How the same dollars were spent: Coaching, Class size reduction, "
                 "Courses/workshops, then your own 'other' lines. Uses should not add up to "
                 "more than the total spent that year."),
        ("Outcomes", "One row per measure: Metric, Group (optional), Unit (% / count / $ / "
                     "score), Higher is better (Yes / No), then a value per school year."),
        ("Story", ", ".join(part.label for part in form.STORY[:-1])
                  + f" and {form.STORY[-1].label} in a few sentences each; "
                  f"{form.STANDARDS_FIELD.label} lists the "
                  "Standards for Professional Learning separated by ';' (" + "; ".join(STANDARDS)
                  + f"); {form.DATA_SOURCES_FIELD.label} is the one-pager's footnote."),
        ("Contact", "Who policymakers should call: "
                    + ", ".join(field.label for field in form.CONTACT) + "."),
    ]
    for offset, (label, text) in enumerate(lines, start=2):
        sheet.write_string(offset, 0, label, book.fmt["label"])
        sheet.write_string(offset, 1, text, book.fmt["wrap"])


def _write_one(district: District | None, years: Sequence[SchoolYear] | None = None) -> bytes:
    book = _Book.new()
    fictional = bool(district and district.fictional)
    _read_me(book, fictional)
    profile = district.profile if district else Profile()
    identity = [(field.label, getattr(district, field.key) if district else None, field.key)
                for field in form.FORM_IDENTITY]
    rows = identity + [(field.label, getattr(profile, field.key), field.key)
                       for field in form.PROFILE]
    _label_values(book, "Profile", "WHO WE ARE" + (" (fictional)" if fictional else ""), rows)
    if district and _all_years(district):
        years = _all_years(district)
    years = tuple(years or _default_years())
    spending = {(s.source, s.school_year): s.amount_usd for s in district.spending} \
        if district else {}
    uses = {(u.use, u.school_year): u.amount_usd for u in district.uses} if district else {}
    sources = district.sources() if district and district.spending else FUNDING_SOURCES
    use_names = district.use_names() if district and district.uses else USES
    _amount_table(book, "Spending", "Spending on professional learning, by source", "Source",
                  sources, years, spending)
    _amount_table(book, "Uses", "How these dollars are spent", "Use", use_names, years, uses)
    _outcomes(book, district, tuple(reversed(years)))
    story = district.story if district else None
    story_rows = [(part.label, getattr(story, part.key) if story else None, part.key)
                  for part in form.STORY]
    story_rows.append((form.STANDARDS_FIELD.label, "; ".join(district.standards)
                       if district and district.standards else None, "standards"))
    story_rows.append((form.DATA_SOURCES_FIELD.label,
                       district.data_sources if district else None, "sources"))
    if story and story.drafted:
        story_rows.append((form.DRAFTED_FIELD.label, form.part_labels(story.drafted), "drafted"))
    _label_values(book, "Story", "THE STORY", story_rows, wide=True)
    contact = district.contact if district else Contact()
    _label_values(book, "Contact", "CONTACT INFORMATION",
                  [(field.label, getattr(contact, field.key), field.key)
                   for field in form.CONTACT])
    return book.close()


def template(*, years: Sequence[SchoolYear] | None = None) -> bytes:
    """The blank template: every label, no values; years default to the latest five."""
    return _write_one(None, years)


def render(district: District) -> ExportResult:
    """One district in the template layout; re-imports to the same District."""
    return ExportResult(data=_write_one(district), filename=safe_filename(district.name, "xlsx"),
                        mime=MIME["xlsx"])


def render_many(districts: Sequence[District], *, filename: str = "districts.xlsx"
                ) -> ExportResult:
    """Many districts in long tables, one row per fact, each with a District column."""
    book = _Book.new()
    _read_me(book, any(d.fictional for d in districts))
    _long(book, "Profile", ("District", *[f.label for f in form.FORM_IDENTITY[1:]],
                            *[f.label for f in form.PROFILE]),
          ([d.name, d.state, d.nces_id, *[getattr(d.profile, f.key) for f in form.PROFILE]]
           for d in districts))
    _long(book, "Spending", ("District", "School year", "Source", "Amount"),
          ([d.name, str(s.school_year), s.source, s.amount_usd]
           for d in districts for s in d.spending))
    _long(book, "Uses", ("District", "School year", "Use", "Amount"),
          ([d.name, str(u.school_year), u.use, u.amount_usd] for d in districts for u in d.uses))
    _long(book, "Outcomes", ("District", "Metric", "Group", "Unit", "Higher is better",
                             "School year", "Value"),
          ([d.name, p.metric, p.group, p.unit.value if p.unit else None, p.higher_is_better,
            str(p.school_year), p.value] for d in districts for p in d.outcomes))
    _long(book, "Story", ("District", *[part.label for part in form.STORY],
                          form.STANDARDS_FIELD.label, form.DATA_SOURCES_FIELD.label,
                          form.DRAFTED_FIELD.label),
          ([d.name, *[getattr(d.story, key) for key in form.STORY_KEYS],
            "; ".join(d.standards) or None, d.data_sources, form.part_labels(d.story.drafted)]
           for d in districts))
    _long(book, "Contact", ("District", *[field.label for field in form.CONTACT]),
          ([d.name, *[getattr(d.contact, k) for k in form.CONTACT_KEYS]] for d in districts))
    return ExportResult(data=book.close(), filename=filename, mime=MIME["xlsx"])


def _long(book: _Book, name: str, labels: Sequence[str], rows) -> None:
    sheet = book.book.add_worksheet(name)
    _header(book, sheet, 0, labels, [34 if i == 0 else 18 for i in range(len(labels))])
    money = {"Amount"}
    for row, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            _put(sheet, row, col, value, book.fmt["usd"] if labels[col] in money else None)
