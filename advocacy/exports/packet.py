"""The briefing packet: many districts in one accessible PDF, or a ZIP of single PDFs.

Owns the cover, the summary table's wording and the packet's file names. The PDF is one Typst
document (cover, summary, then each one-pager through onepager.typ) so the whole packet keeps
one tagged structure tree, one outline with a bookmark per district, and builds in one pass;
merging single PDFs would drop their tags. Never computes figures (``metrics``), never parses.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Iterable

from advocacy import formatting, metrics
from advocacy.exports import MIME, ExportResult, document, safe_filename
from advocacy.exports.typesetting import compile_typst, onepager_json, onepager_pdf, printable
from advocacy.issues import Issue
from advocacy.model import District

DEFAULT_TITLE = "Professional learning: the case in numbers"
COLUMNS = ("District", "Students", "Latest year", "PL dollars", "Title II-A share",
           "Per teacher", "Per student", "Change in PL dollars")


def render(districts: Iterable[District], *, title: str | None = None,
           date: datetime.date | str | None = None) -> ExportResult:
    districts = tuple(districts)
    warnings: list[Issue] = []
    bundle = document.packet(districts)
    pages = []
    for page in bundle.pages:
        warnings.extend(page.warnings)
        pages.append(onepager_json(page, warnings))
    title = " ".join((title or DEFAULT_TITLE).split())
    fictional = any(d.fictional for d in districts)
    data = {
        "title": printable(title, districts[0].name, warnings) if districts else title,
        "subtitle": f"{len(districts):,} district{'s' * (len(districts) != 1)}: "
                    "who they are, what they spend on professional learning, and what changed",
        "date": _date_text(date),
        "fictional": fictional,
        "fictional_note": "Fictional sample data: these are not real districts.",
        "about": "Figures come from each district's own spreadsheets. Title II-A is Title II, "
                 "Part A of the Every Student Succeeds Act. Made with Make Your Case.",
        "summary_note": "Latest school year with spending data; change is from the first year "
                        "to the latest.",
        "columns": list(COLUMNS),
        "rows": [_row(row, page["name"]) for row, page in
                 zip(metrics.comparison_rows(districts), pages, strict=True)],
        "unreviewed_heading": "Drafts not yet reviewed",
        "unreviewed_note": f"Parts marked “{document.DRAFT_MARK}” were drafted from the data "
                           "and no one has accepted them yet.",
        "unreviewed": [{"name": data["name"], "parts": ", ".join(page.unreviewed)}
                       for data, page in zip(pages, bundle.pages, strict=True)
                       if page.unreviewed],
        "districts": pages,
    }
    out = compile_typst("packet.typ", {"packet": json.dumps(data, allow_nan=False)})
    return ExportResult(data=out, filename=safe_filename(title, "pdf"), mime=MIME["pdf"],
                        warnings=tuple(warnings))


def _row(row: dict, name: str) -> list[str]:
    change = row["PL dollars change %"]
    return [name, formatting.count(row["Students"]), row["Latest year"] or formatting.DASH,
            formatting.usd(row["PL dollars"]), formatting.share(row["Title II-A share"], 0),
            formatting.usd(row["Per teacher"]), formatting.usd(row["Per student"]),
            formatting.signed_pct(round(change) if change is not None else None)]


def _date_text(date: datetime.date | str | None) -> str:
    if isinstance(date, str):
        return " ".join(date.split())
    date = date or datetime.date.today()
    return f"{date:%B} {date.day}, {date.year}"


def zip_of_pdfs(districts: Iterable[District]) -> ExportResult:
    """One one-pager PDF per district; names made unique when two districts share one."""
    buffer, warnings, used = io.BytesIO(), [], set()
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
