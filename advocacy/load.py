"""The one door into ingest: uploaded files → LoadResult(districts, issues, unrecognised).

Owns turning paths, SourceFiles and Streamlit uploads into bytes, running every sheet through
``layouts`` as ``files.each_sheet`` gives it (the next sheet parses meanwhile), assembling
districts, and giving each issue the district it belongs to so errors block export only for
that district. Never raises on user data: an unreadable file, or a sheet
that trips a bug, becomes one located Issue and the other files still load.
"""

from __future__ import annotations

import contextlib
import gc
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from advocacy.ingest.assemble import SheetFacts, assemble
from advocacy.ingest.fields import Fact
from advocacy.ingest.files import FileRefused, Sheet, SourceFile, each_sheet
from advocacy.ingest.folding import fold
from advocacy.ingest.layouts import read_sheet
from advocacy.ingest.mapping import ColumnMapping, UnrecognisedTable
from advocacy.ingest.text_clean import clean_facts
from advocacy.issues import Issue, blocking, for_district
from advocacy.location import Location
from advocacy.model import District, district_key

__all__ = ["ColumnMapping", "LoadResult", "UnrecognisedTable", "load_files", "no_cycle_collection"]


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadResult:
    districts: tuple[District, ...]
    issues: tuple[Issue, ...]
    unrecognised: tuple[UnrecognisedTable, ...] = ()  # tables the app can offer to map

    def for_district(self, name: str | None) -> tuple[Issue, ...]:
        return tuple(for_district(self.issues, name))

    def ready(self, name: str) -> bool:
        """True when no error blocks this district's export; warnings never block."""
        return not blocking(self.issues, name)

    def district(self, name: str) -> District | None:
        return next((d for d in self.districts if d.name == name), None)


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused for the block. A statewide check builds a million small
    objects, none in a cycle (freed by reference counts as ever), and the collector would walk
    them all again and again: a fifth of a national check. Whoever paused it resumes it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_files(files: Iterable[object], *, mapping: ColumnMapping | None = None) -> LoadResult:
    """Read everything given together; files that share a district merge into one."""
    with no_cycle_collection():
        return _load(files, mapping)


def _load(files: Iterable[object], mapping: ColumnMapping | None) -> LoadResult:
    issues: list[Issue] = []
    sources = [source for item in files if (source := _source(item, issues)) is not None]
    # A file's own issues (how it reads) come before every sheet's, whatever the order of work.
    sheet_issues: list[Issue] = []
    found: list[SheetFacts] = []
    unrecognised: list[UnrecognisedTable] = []
    for source in sources:
        file_issues: list[Issue] = []
        file_found: list[SheetFacts] = []
        file_unrecognised: list[UnrecognisedTable] = []
        try:
            for sheet in each_sheet(source, issues):
                _read_one(sheet, mapping, file_issues, file_found, file_unrecognised)
        except FileRefused:
            continue  # refused after some sheets were read: none of them counts
        sheet_issues += file_issues
        found += file_found
        unrecognised += file_unrecognised
    issues += sheet_issues
    unrecognised = _not_spreadsheets(sources, found, issues, unrecognised)
    _no_tables(sources, found, issues)
    districts, facts = assemble(found, issues)
    return LoadResult(
        districts=districts,
        issues=tuple(fold(_attribute(issues, facts, districts))),
        unrecognised=tuple(unrecognised),
    )


def _read_one(
    sheet: Sheet,
    mapping: ColumnMapping | None,
    issues: list[Issue],
    found: list[SheetFacts],
    unrecognised: list[UnrecognisedTable],
) -> None:
    try:
        result = read_sheet(sheet, issues, mapping=mapping)
    except Exception:  # noqa: BLE001 - one bad sheet must not stop the others
        issues.append(
            Issue.error(
                "file.unreadable",
                at=Location(file=sheet.file, sheet=sheet.name),
                found="a layout the importer stumbled on",
                expected="a sheet the importer can read",
                hint="Please report this file; the other sheets were read",
            )
        )
        return
    found.append(SheetFacts(sheet.file, sheet.name, clean_facts(result.facts, issues)))
    if result.unrecognised is not None:
        unrecognised.append(result.unrecognised)


def _source(item: object, issues: list[Issue]) -> SourceFile | None:
    if isinstance(item, SourceFile):
        return item
    if isinstance(item, str | Path):
        path = Path(item)
        try:
            return SourceFile(name=path.name, data=path.read_bytes())
        except OSError as error:
            issues.append(
                Issue.error(
                    "file.unreadable",
                    at=Location(file=path.name),
                    found=error.strerror or type(error).__name__,
                    expected="a file that exists and can be opened",
                )
            )
            return None
    name, getvalue = getattr(item, "name", None), getattr(item, "getvalue", None)
    if isinstance(name, str) and callable(getvalue):
        return SourceFile(name=Path(name).name, data=bytes(getvalue()))
    issues.append(
        Issue.error(
            "file.unreadable",
            at=Location(file=str(name or "upload")),
            found=type(item).__name__,
            expected="a file path or an upload",
        )
    )
    return None


def _not_spreadsheets(
    sources: list[SourceFile],
    found: list[SheetFacts],
    issues: list[Issue],
    unrecognised: list[UnrecognisedTable],
) -> list[UnrecognisedTable]:
    """A file whose contents are not what its name says (text named .xlsx) and that gave
    nothing is an error, not a table to map: it is most likely the wrong file."""
    wrong: set[str] = set()
    for index, issue in enumerate(issues):
        name = issue.at.file
        if issue.code != "file.mislabelled" or issue.is_error:
            continue
        if any(sheet.facts for sheet in found if sheet.file == name):
            continue
        wrong.add(name)
        extension = Path(name).suffix or "no extension"
        issues[index] = Issue.error(
            "file.mislabelled",
            at=issue.at,
            found=issue.found,
            expected=f"a spreadsheet, as its name ({extension}) says, with district data",
            hint="Check that this is the file you meant to upload; if it is, save it from "
            "your spreadsheet program in the format its name says",
        )
    issues[:] = [i for i in issues if not (i.at.file in wrong and i.code == "sheet.unrecognised")]
    return [table for table in unrecognised if table.file not in wrong]


def _no_tables(sources: list[SourceFile], found: list[SheetFacts], issues: list[Issue]) -> None:
    """A file that yielded nothing says so once, unless it already has an error."""
    for source in sources:
        if any(sheet.facts for sheet in found if sheet.file == source.name):
            continue
        if any(issue.is_error and issue.at.file == source.name for issue in issues):
            continue
        issues.append(
            Issue.warning(
                "file.no_tables",
                at=Location(file=source.name),
                expected="district names with figures such as students, teachers or spending",
                hint="Use the template, or map this file's columns on the Upload page",
            )
        )


def _attribute(
    issues: list[Issue], facts: Iterable[Fact], districts: tuple[District, ...]
) -> list[Issue]:
    """Each issue gets the district of its row, else of its sheet or file when only one."""
    if not issues:
        return issues  # a clean statewide table: nothing to place
    exact = {d.name for d in districts}
    # A row's issue names the district as that row wrote it; the district may be spelled
    # otherwise where it was first seen ("MAPLE VALLEY" joins "Maple Valley").
    if any(issue.district is not None and issue.district not in exact for issue in issues):
        by_key = {district_key(d.name): d.name for d in districts}
        issues = [
            issue.for_district(by_key.get(district_key(issue.district), issue.district))
            if issue.district is not None and issue.district not in exact
            else issue
            for issue in issues
        ]
    unplaced = [issue.at for issue in issues if issue.district is None]
    if not unplaced:
        return issues
    names = {district_key(d.name): d.name for d in districts}
    # Rows are looked up only on sheets that have an unplaced issue: a statewide table has
    # tens of thousands of facts and usually a handful of such issues.
    wanted_sheets = {(at.file, at.sheet) for at in unplaced}
    by_row: dict[tuple, str] = {}
    by_sheet: dict[tuple, set[str]] = {}
    by_file: dict[str, set[str]] = {}
    for fact in facts:
        name = names.get(district_key(fact.district or ""))
        if name is None:
            continue
        sheet = (fact.at.file, fact.at.sheet)
        if sheet in wanted_sheets:
            by_row.setdefault((*sheet, _row(fact.at)), name)
        by_sheet.setdefault(sheet, set()).add(name)
        by_file.setdefault(fact.at.file, set()).add(name)
    out = []
    for issue in issues:
        if issue.district is None:
            at = issue.at
            name = by_row.get((at.file, at.sheet, _row(at))) if _row(at) is not None else None
            if name is None:
                name = _only(by_sheet.get((at.file, at.sheet))) or _only(by_file.get(at.file))
            if name is not None:
                issue = issue.for_district(name)
        out.append(issue)
    return out


def _row(at: Location) -> int | None:
    if at.row is not None:
        return at.row
    cell = at.cell or ""
    digits = cell[len(cell.rstrip(string.digits)) :]  # "AB12" → "12", with no regex per fact
    return int(digits) if digits else None


def _only(names: set[str] | None) -> str | None:
    return next(iter(names)) if names and len(names) == 1 else None
