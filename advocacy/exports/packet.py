"""The briefing packet: many districts in one accessible PDF, or a ZIP of single PDFs.

Renders a ``document.Packet``: its front matter (cover, contents, summary, the districts left
out, the drafts not yet reviewed) and each district's OnePager, as ``pdf`` renders one
OnePager; what those pages say is decided in ``document`` and ``briefing``. Owns the packet's
page furniture (headings of the summary's lists), the one line of notes per district, and the
packet's file names. The PDF is one Typst document (cover, contents, summary, then each
one-pager through onepager.typ) so the whole packet keeps one tagged structure tree, one
outline with a bookmark per district, real page numbers and page labels; merging single PDFs
would drop their tags. Never computes figures, never parses.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Sequence

import pikepdf

from advocacy import charts
from advocacy.exports import MIME, ExportResult, LeftOut, document, safe_filename
from advocacy.exports.briefing import ABOUT, FICTIONAL_NOTE, Cover, Front, PacketOptions
from advocacy.exports.typesetting import compile_typst, onepager_json, onepager_pdf, printable
from advocacy.issues import Issue
from advocacy.model import District


def render(districts: Iterable[District], *, options: PacketOptions | None = None,
           excluded: Sequence[LeftOut] = ()) -> ExportResult:
    return render_document(document.packet(districts, options=options, excluded=excluded))


def render_document(model: document.Packet) -> ExportResult:
    """The packet's PDF; its warnings are the pages' and any text the fonts cannot print."""
    front = model.front
    warnings: list[Issue] = []
    pages = []
    for index, page in enumerate(model.pages):
        warnings.extend(page.warnings)
        pages.append(onepager_json(page, warnings) | {"anchor": _anchor(index)})
    # Text of the front pages belongs to no one district; its notes go with the first.
    first = model.pages[0].district.name if model.pages else None
    clean = (lambda text: printable(text, first, warnings)) if first else str

    def name(index: int, text: str) -> str:
        # A name no packaged font can print heads its page with a stand-in: say the same here.
        printed = clean(text)
        return printed if printed.strip() else pages[index]["name"]

    data = {
        "title": clean(front.cover.title),
        "author": clean(front.cover.author),
        "cover": _cover(front.cover, clean),
        "summary": _summary(front, name, clean),
        "excluded": [{"name": clean(item.name), "reason": clean(item.reason)}
                     for item in front.excluded],
        "contents": [{"label": clean(group.label),
                      "entries": [{"anchor": _anchor(index), "name": name(index, text)}
                                  for index, text in group.entries]}
                     for group in front.contents],
        "unreviewed_heading": "Drafts not yet reviewed",
        "unreviewed_note": f"Parts marked “{document.DRAFT_MARK}” were drafted from the data "
                           "and no one has accepted them yet.",
        "unreviewed": [{"name": pages[index]["name"], "parts": ", ".join(page.unreviewed)}
                       for index, page in enumerate(model.pages) if page.unreviewed],
        "districts": pages,
    }
    out = compile_typst("packet.typ", {"packet": json.dumps(data, allow_nan=False)})
    return ExportResult(data=_open_bookmarks(out),
                        filename=safe_filename(front.cover.title, "pdf"), mime=MIME["pdf"],
                        warnings=tuple(warnings))


def _cover(cover: Cover, clean) -> dict:
    """The cover's fields as set, joined into its lines."""
    return {
        "subtitle": clean(cover.subtitle),
        "event": clean(" · ".join(p for p in (cover.event, cover.date) if p)),
        "presenter": clean(" · ".join(p for p in (cover.presenter, cover.organization) if p)),
        "note": clean(cover.note),
        "fictional": cover.fictional,
        "fictional_note": FICTIONAL_NOTE,
        "provenance": clean(cover.provenance),
        "about": ABOUT,
    }


def _summary(front: Front, name, clean) -> dict:
    summary = front.summary
    # A group's rows are its contents entries, in order: each row's name is its page's.
    groups = [{"label": clean(group.label),
               "rows": [[name(index, row[0]), *row[1:]]
                        for (index, _), row in zip(entries.entries, group.rows, strict=True)]}
              for group, entries in zip(summary.groups, front.contents, strict=True)]
    return {"note": summary.note,
            "tiles": [{"label": label, "value": value} for label, value in summary.tiles],
            "chart": _whole_ticks(charts.spec_data(summary.chart)),
            "columns": list(summary.columns),
            "groups": groups}


def _anchor(index: int) -> str:
    return f"district-{index}"


def _whole_ticks(chart: dict) -> dict:
    """A count of districts has no half districts: keep the axis's whole-number ticks."""
    ticks = chart["axis"]["ticks"]
    chart["axis"]["ticks"] = [t for t in ticks if float(t["value"]).is_integer()] or ticks
    return chart


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
    return zip_of_documents(document.build(district) for district in districts)


def zip_of_documents(docs: Iterable[document.OnePager]) -> ExportResult:
    """The ZIP of ``docs`` already built (a packet's pages), each rendered as ``pdf`` does."""
    warnings: list[Issue] = []
    buffer, used = io.BytesIO(), set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for doc in docs:
            data, found = onepager_pdf(doc)
            warnings.extend(found)
            name = safe_filename(doc.district.name, "pdf")
            stem, n = name.removesuffix(".pdf"), 2
            while name in used:
                name, n = f"{stem}-{n}.pdf", n + 1
            used.add(name)
            archive.writestr(name, data)
    return ExportResult(data=buffer.getvalue(), filename="one-pagers.zip", mime=MIME["zip"],
                        warnings=tuple(warnings))
