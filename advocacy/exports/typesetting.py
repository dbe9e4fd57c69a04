"""Typst for the PDF one-pager and the packet: the compiler, its fonts, and a OnePager as JSON.

Owns the Typst compiler with its packaged fonts (never system fonts), the tagged PDF/UA-1
standard, the JSON onepager.typ reads (the box geometry included, so the template never keeps
its own copy), and dropping characters no packaged font can draw. User text travels as JSON
through ``sys.inputs`` and is never spliced into markup. Never decides what a page says: that
is the ``OnePager`` (``document``).
"""

from __future__ import annotations

import io
import json
import os
import re
import threading
import unicodedata
from functools import cache
from pathlib import Path

import typst
from PIL import Image

from advocacy import charts, print_fonts, template
from advocacy.exports import pdf_reading_order, pdf_structure
from advocacy.exports.document import (
    DRAFT_MARK,
    FICTIONAL_LABEL,
    PRINT_STORY,
    OnePager,
    fitted_warning,
)
from advocacy.issues import Issue, Location

HERE = Path(__file__).resolve().parent
FONT_DIRS = print_fonts.FONT_DIRS
# Tagged PDF; Typst refuses to build when alt text is missing. (typst.PDFStandard exists only
# in typst's stub: the annotation is never evaluated.)
PDF_STANDARDS: list[typst.PDFStandard] = ["ua-1"]
LOGO_MAX_PX = 600  # 0.75 in at 300 dpi is 225 px; 600 leaves room for wide logos
UNPRINTABLE_NAME = "District name in a script the PDF cannot print"
_LOCK = threading.Lock()  # one compiler, shared; Typst's world is not safe across threads


def compile_typst(template: str, inputs: dict[str, str]) -> bytes:
    with _LOCK:
        pdf = _compiler(os.getpid()).compile(input=str(HERE / template), format="pdf",
                                             sys_inputs=inputs, pdf_standards=PDF_STANDARDS)
    assert isinstance(pdf, bytes)  # one PDF: no output path, no per-page images
    pdf = pdf_structure.tag_row_headers(pdf)
    return pdf_reading_order.read_in_logical_order(
        pdf, pdf_reading_order.right_to_left_texts(inputs))


@cache
def _compiler(pid: int) -> typst.Compiler:
    # Built once per process (fonts load once); keyed by pid so a forked build worker never
    # reuses a compiler whose worker threads stayed behind in the parent.
    return typst.Compiler(input=str(HERE / "onepager.typ"), root=str(HERE),
                          font_paths=list(FONT_DIRS), ignore_system_fonts=True)


def onepager_pdf(doc: OnePager) -> tuple[bytes, tuple[Issue, ...]]:
    """One one-pager's PDF and every warning its building met."""
    warnings: list[Issue] = list(doc.warnings)
    warnings += [fitted_warning(doc.district, template.story_part(part.key), part.text,
                                part.printed, "the PDF") for part in doc.parts if part.printed_cut]
    data = onepager_json(doc, warnings)
    pdf = compile_typst("onepager.typ", {"district": json.dumps(data, allow_nan=False)})
    return pdf, tuple(warnings)


def onepager_json(doc: OnePager, warnings: list[Issue]) -> dict:
    """Everything onepager.typ shows, JSON-ready; printable text only."""
    district = doc.district
    clean = lambda text: breakable(printable(text or "", district.name, warnings))  # noqa: E731
    return {
        # Metadata needs no glyphs: the title keeps the name in any script.
        "title": _metadata_text(doc.title),
        "author": clean(doc.author),
        "name": _heading(doc, warnings),
        "place": clean(doc.place),
        "fictional": doc.fictional,
        "fictional_label": FICTIONAL_LABEL,
        "draft_mark": DRAFT_MARK,
        "geometry": {"story": PRINT_STORY.as_json()},
        "logo": _logo(doc.logo),
        "logo_alt": clean(f"{district.name} logo"),
        "profile": [{"label": label, "value": value} for label, value in doc.profile],
        "years": list(doc.years),
        "sources": _money(doc.sources, clean),
        "uses": _money(doc.uses, clean),
        "headline": {"share": doc.headline.value, "caption": clean(doc.headline.caption),
                     "sentence": clean(doc.headline_sentence)},
        "charts": {"sources": _chart(doc.source_chart, clean),
                   "uses": _chart(doc.use_chart, clean),
                   "outcome": _chart(doc.outcome_chart, clean) if doc.outcome_chart else None},
        "story": [{"label": part.label, "question": part.question,
                   "text": clean(part.printed) or "—", "size": part.size_pt,
                   "draft": part.marked,
                   "key": part.key_number.value if part.key_number else None,
                   "key_caption": clean(part.key_number.caption) if part.key_number else None}
                  for part in doc.parts],
        "contact": [{"label": label, "value": clean(value),
                     "link": _mail_link(value) if label == _EMAIL_LABEL else None}
                    for label, value in doc.contact],
        "standards": list(doc.standards),
        "data_sources": clean(doc.data_sources) if doc.data_sources else None,
    }


def short(name: str, limit: int = 28) -> str:
    """A row or legend label on one line; the alt text keeps the full name."""
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def _money(table, clean) -> dict:
    return {"rows": [{"name": clean(short(name, 40)), "cells": list(cells)}
                     for name, cells in table.rows],
            "total": list(table.total)}


def _chart(spec: charts.ChartSpec, clean) -> dict:
    data = charts.spec_data(spec)
    # Titles and takeaways hold user names (metrics, groups); on paper they get one or two
    # lines, while the alt text keeps every word.
    data["title"] = clean(short(data["title"], 90))
    data["takeaway"] = clean(short(data["takeaway"], 200))
    data["alt_text"] = clean(data["alt_text"])
    for series in data["series"]:
        series["name"] = clean(short(series["name"], 36))
    # PDF/UA needs real alt text: a chart without one must fail the build, never pass silently.
    return data


def printable(text: str, district: str, warnings: list[Issue]) -> str:
    """Text without characters no packaged font can draw (PDF/UA forbids blank glyphs)."""
    dropped = print_fonts.unprintable(text)
    if not dropped:
        return text
    code = "text.unprintable"
    if not any(w.code == code and w.found == "".join(sorted(dropped)) for w in warnings):
        warnings.append(Issue.warning(
            code, at=Location(file=district), district=district,
            found="".join(sorted(dropped)),
            hint=f"The PDF's fonts cannot print {print_fonts.describe(dropped)}, "
                 "so they were left out of the PDF"))
    return "".join(" " if ch.isspace() else ch for ch in text if ch not in dropped)


ZERO_WIDTH_SPACE = "\u200b"
_LONG_WORD = re.compile(r"\S{41,}")
_EMAIL = re.compile(r"[^@\s<>\"'()\\]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}")
_EMAIL_LABEL = next(field.label for field in template.CONTACT if field.key == "email")


def breakable(text: str) -> str:
    """Long unbroken words ("https://…", "aaaa…") get a break opportunity every 20 characters.

    Typst never breaks inside a word, so such a word ran past its box and was cut at the
    edge with no warning; with zero-width spaces it wraps like other text (and Typst writes
    none of them into the PDF's text). ``fitting`` already measures a long word as wrapping.
    """
    return _LONG_WORD.sub(lambda m: ZERO_WIDTH_SPACE.join(
        m.group()[i:i + 20] for i in range(0, len(m.group()), 20)), text)


def _mail_link(email: str | None) -> str | None:
    """A mailto: link for an address that is one; a reader can then write from the PDF."""
    email = (email or "").strip()
    return f"mailto:{email}" if _EMAIL.fullmatch(email) else None


def _metadata_text(text: str) -> str:
    return "".join(ch for ch in " ".join(text.split()) if unicodedata.category(ch) != "Cc")


def _heading(doc: OnePager, warnings: list[Issue]) -> str:
    """The district's name as printed; a name the fonts cannot print at all still heads the
    page (PDF/UA needs a heading with text, and a reader needs to know whose page it is)."""
    name = printable(doc.name or "", doc.district.name, warnings)
    if name.strip():
        return name
    nces = doc.district.nces_id
    return f"District {nces}" if nces else UNPRINTABLE_NAME


def _logo(logo: bytes | None) -> list[int] | None:
    """A checked logo (``document`` validated it) scaled down for print."""
    if not logo:
        return None
    with Image.open(io.BytesIO(logo)) as image:
        image.thumbnail((LOGO_MAX_PX, LOGO_MAX_PX))
        out = io.BytesIO()
        image.convert("RGBA" if "A" in image.getbands() else "RGB").save(out, format="PNG")
    # Typst reads bytes from an array of integers; sys.inputs carries only strings.
    return list(out.getvalue())
