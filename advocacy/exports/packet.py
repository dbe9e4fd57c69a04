"""The briefing packet: many districts in one accessible PDF, or a ZIP of single PDFs.

Owns the cover (title, event, presenter, cover note, where the figures came from), the contents,
the summary page's wording, the order districts appear in (grouped by congressional district
when the data has one, else by state), the line naming each district left out, the one line of
notes per district, and the packet's file names. The PDF is one Typst document (cover,
contents, summary, then each one-pager through onepager.typ) so the whole packet keeps one
tagged structure tree, one outline with a bookmark per district, real page numbers and page
labels; merging single PDFs would drop their tags. Never computes figures (``metrics``), never
parses.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pikepdf

from advocacy import charts, formatting, metrics
from advocacy.exports import MIME, ExportResult, LeftOut, document, safe_filename
from advocacy.exports.typesetting import (
    compile_typst,
    onepager_json,
    onepager_pdf,
    printable,
    short,
)
from advocacy.issues import Issue
from advocacy.model import Dated, District

DEFAULT_TITLE = "Professional learning: the case in numbers"
COLUMNS = ("District", "Students", "Latest year", "PL dollars", "Title II-A dollars",
           "Title II-A share", "Per teacher", "Change in PL dollars")
NOTE_LIMIT = 600  # characters of cover note; the cover has room for about eight lines
FIELD_LIMIT = 120  # title, subtitle, event, presenter, organization
NO_STATE = "State not given"
FICTIONAL_NOTE = "Fictional sample data: these are not real districts."
_SHORT = {key: label for key, label, _ in formatting.PROFILE_FIELDS}
FILES_NAMED = 6  # source files named on the cover; the rest are counted


@dataclass(frozen=True, slots=True, kw_only=True)
class PacketOptions:
    """What the presenter sets for the cover; None leaves a line out (or the default title)."""

    title: str | None = None
    subtitle: str | None = None
    event: str | None = None
    date: datetime.date | str | None = None  # None: today
    presenter: str | None = None
    organization: str | None = None
    note: str | None = None


def grouped(districts: Iterable[District]) -> list[tuple[str, list[District]]]:
    """Districts by congressional district when any has one, else by state; groups in
    alphabetical order (no state last), districts within a group in the order given."""
    districts = list(districts)
    by_seat = any(d.congressional_district for d in districts)
    groups: dict[tuple, list[District]] = {}
    for district in districts:
        state = district.state or ""
        seat = district.congressional_district if by_seat else None
        order = (not state, state.casefold(), (seat or "").zfill(4))  # seat "2" before "10"
        groups.setdefault((*order, state, seat), []).append(district)
    return [(_group_label(key[3], key[4], by_seat), members)
            for key, members in sorted(groups.items(), key=lambda item: item[0][:3])]


def _group_label(state: str, seat: str | None, by_seat: bool) -> str:
    if not by_seat:
        return state or NO_STATE
    where = state or NO_STATE
    return f"{where}, congressional district {seat}" if seat else \
        f"{where}, congressional district not given"


def render(districts: Iterable[District], *, options: PacketOptions | None = None,
           excluded: Sequence[LeftOut] = ()) -> ExportResult:
    options = options or PacketOptions()
    groups = grouped(districts)
    ordered = tuple(d for _, members in groups for d in members)
    warnings: list[Issue] = []
    bundle = document.packet(ordered)
    pages = []
    for index, page in enumerate(bundle.pages):
        warnings.extend(page.warnings)
        pages.append(onepager_json(page, warnings) | {"anchor": f"district-{index}"})
    title = _field(options.title) or DEFAULT_TITLE
    clean = (lambda text: printable(text, ordered[0].name, warnings)) if ordered else str
    rows = metrics.comparison_rows(ordered)
    data = {
        "title": clean(title),
        "author": clean(_field(options.organization) or "Make Your Case"),
        "cover": _cover(options, ordered, clean),
        "summary": _summary(rows, pages, groups),
        "excluded": [{"name": clean(item.name), "reason": clean(item.reason)}
                     for item in excluded],
        "contents": _contents(groups),
        "unreviewed_heading": "Drafts not yet reviewed",
        "unreviewed_note": f"Parts marked “{document.DRAFT_MARK}” were drafted from the data "
                           "and no one has accepted them yet.",
        "unreviewed": [{"name": data["name"], "parts": ", ".join(page.unreviewed)}
                       for data, page in zip(pages, bundle.pages, strict=True)
                       if page.unreviewed],
        "districts": pages,
    }
    out = compile_typst("packet.typ", {"packet": json.dumps(data, allow_nan=False)})
    return ExportResult(data=_open_bookmarks(out), filename=safe_filename(title, "pdf"),
                        mime=MIME["pdf"], warnings=tuple(warnings))


def _field(text: str | None, limit: int = FIELD_LIMIT) -> str | None:
    text = " ".join((text or "").split())
    return short(text, limit) if text else None


def _cover(options: PacketOptions, districts: Sequence[District], clean) -> dict:
    count = len(districts)
    default_subtitle = (f"{count:,} district{'s' * (count != 1)}: who they are, what they "
                        "spend on professional learning, and what changed")
    note = " ".join((options.note or "").split())
    event = [part for part in (_field(options.event), _date_text(options.date)) if part]
    by = [part for part in (_field(options.presenter), _field(options.organization)) if part]
    return {
        "subtitle": clean(_field(options.subtitle) or default_subtitle),
        "event": clean(" · ".join(event)),
        "presenter": clean(" · ".join(by)),
        "note": clean(note[:NOTE_LIMIT - 1].rstrip() + "…" if len(note) > NOTE_LIMIT else note),
        "fictional": any(d.fictional for d in districts),
        "fictional_note": FICTIONAL_NOTE,
        "provenance": clean(provenance(districts)),
        "about": "Title II-A is Title II, Part A of the Every Student Succeeds Act. "
                 "Made with Make Your Case.",
    }


def provenance(districts: Sequence[District]) -> str:
    """Where the packet's figures came from, as the data records it, never guessed."""
    real = [d for d in districts if not d.fictional]
    if not real:
        return ("Every figure is fictional sample data made by Make Your Case for "
                "demonstration; none describes a real district.")
    files = sorted({location.file for d in real for location in _locations(d)})
    text = ("No source file is recorded for these figures: they were typed or edited in "
            "Make Your Case." if not files else
            f"Figures were read from {_file_list(files)}, as loaded into Make Your Case, "
            "and are shown as the files give them. Each district's pages name their sources.")
    if len(real) < len(districts):
        text += f" {len(districts) - len(real):,} of the districts are fictional sample data."
    return text


def _locations(district: District):
    yield from (location for _, location in district.located)
    lines: tuple[Dated, ...] = (*district.spending, *district.uses, *district.outcomes)
    for line in lines:
        if line.at is not None:
            yield line.at


def _file_list(files: Sequence[str]) -> str:
    named = ", ".join(files[:FILES_NAMED])
    rest = len(files) - FILES_NAMED
    more = f" and {rest:,} more" if rest > 0 else ""
    return f"{len(files):,} file{'s' * (len(files) != 1)} ({named}{more})"


def _summary(rows: list[dict], pages: list[dict], groups) -> dict:
    totals = metrics.totals(rows)
    years = ", ".join(totals.latest_years) or formatting.DASH
    tiles = [
        ("Districts", formatting.count(totals.districts)),
        (_SHORT["students"], formatting.count(totals.students)),
        (_SHORT["teachers"], formatting.count(totals.teachers)),
        ("PL dollars, latest year", formatting.usd(totals.pl_usd)),
        ("Title II-A dollars", formatting.usd(totals.title_ii_a_usd)),
        ("Title II-A share of PL dollars", formatting.share(totals.title_ii_a_share, 0)),
        ("PL dollars per teacher", formatting.usd(totals.per_teacher_usd)),
        ("Median PL dollars per district", formatting.usd(totals.median_pl_usd)),
    ]
    names = iter(page["name"] for page in pages)
    rows_iter = iter(rows)
    table_groups = [{"label": label,
                     "rows": [_row(next(rows_iter), next(names)) for _ in members]}
                    for label, members in groups]
    return {
        "note": (f"Totals add each district's latest school year with spending data ({years}); "
                 f"{formatting.count(totals.with_dollars)} of "
                 f"{formatting.count(totals.districts)} districts have one. Shares and dollars "
                 "per teacher divide sums over the districts that report both figures. The "
                 f"median district spends {formatting.usd(totals.median_per_teacher_usd)} per "
                 "teacher. Change is from each district's first year to its latest."),
        "tiles": [{"label": label, "value": value} for label, value in tiles],
        "chart": _whole_ticks(charts.spec_data(charts.per_teacher_distribution(rows))),
        "columns": list(COLUMNS),
        "groups": table_groups,
    }


def _whole_ticks(chart: dict) -> dict:
    """A count of districts has no half districts: keep the axis's whole-number ticks."""
    ticks = chart["axis"]["ticks"]
    chart["axis"]["ticks"] = [t for t in ticks if float(t["value"]).is_integer()] or ticks
    return chart


def _row(row: dict, name: str) -> list[str]:
    change = row["PL dollars change %"]
    return [name, formatting.count(row[_SHORT["students"]]), row["Latest year"] or formatting.DASH,
            formatting.usd(row["PL dollars"]), formatting.usd(row["Title II-A dollars"]),
            formatting.share(row["Title II-A share"], 0), formatting.usd(row["Per teacher"]),
            formatting.signed_pct(round(change) if change is not None else None)]


def _contents(groups) -> list[dict]:
    index = iter(range(sum(len(members) for _, members in groups)))
    return [{"label": label, "anchors": [f"district-{next(index)}" for _ in members]}
            for label, members in groups]


def _date_text(date: datetime.date | str | None) -> str:
    if isinstance(date, str):
        return " ".join(date.split())
    date = date or datetime.date.today()
    return f"{date:%B} {date.day}, {date.year}"


def _open_bookmarks(data: bytes) -> bytes:
    """Open with the bookmarks panel showing: Typst cannot set /PageMode, so set it after.

    Only the catalog's PageMode changes; the tags, XMP (PDF/UA identification) and page
    labels Typst wrote are copied as they are."""
    with pikepdf.open(io.BytesIO(data)) as document:
        document.Root.PageMode = pikepdf.Name.UseOutlines
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def notes(warnings: Iterable[Issue]) -> list[tuple[str, str]]:
    """One line per district: each kind of note once, with how many times it occurred."""
    by_district: dict[str, dict[str, int]] = {}
    for warning in warnings:
        kinds = by_district.setdefault(warning.district or "All districts", {})
        kinds[warning.summary] = kinds.get(warning.summary, 0) + 1
    return [(name, "; ".join(summary + (f" ({n}×)" if n > 1 else "")
                             for summary, n in kinds.items()) + ".")
            for name, kinds in by_district.items()]


def zip_of_pdfs(districts: Iterable[District]) -> ExportResult:
    """One one-pager PDF per district; names made unique when two districts share one."""
    warnings: list[Issue] = []
    buffer, used = io.BytesIO(), set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for district in districts:
            data, found = onepager_pdf(document.build(district))
            warnings.extend(found)
            name = safe_filename(district.name, "pdf")
            stem, n = name.removesuffix(".pdf"), 2
            while name in used:
                name, n = f"{stem}-{n}.pdf", n + 1
            used.add(name)
            archive.writestr(name, data)
    return ExportResult(data=buffer.getvalue(), filename="one-pagers.zip", mime=MIME["zip"],
                        warnings=tuple(warnings))
