"""The PDF one-pager: a District → two tagged (PDF/UA-1) US-letter pages through Typst.

Owns the data the Typst template reads (every number formatted here, so the PDF writes figures
as the rest of the app does), fitting story text to its boxes, and the Typst compiler with its
packaged fonts (never system fonts). User text travels as JSON through ``sys.inputs`` and is
never spliced into markup. Never parses uploads, never computes figures (that is ``metrics``),
never writes files.
"""

from __future__ import annotations

import io
import json
import os
import re
import threading
import unicodedata
from dataclasses import replace
from functools import cache
from pathlib import Path

import typst
from fontTools.ttLib import TTFont
from PIL import Image

from advocacy import charts, formatting, metrics, narrative, print_fonts, provenance, template
from advocacy.exports import MIME, ExportResult, pdf_structure, safe_filename
from advocacy.ingest.images import validate_logo
from advocacy.issues import Issue, Location
from advocacy.model import STANDARDS, District, Story
from advocacy.narrative.names import prose_name
from advocacy.narrative.spans import find_numbers

HERE = Path(__file__).resolve().parent
FONT_DIRS = print_fonts.FONT_DIRS
PDF_STANDARDS = ["ua-1"]  # tagged PDF; Typst refuses to build when alt text is missing

# Story boxes on page 2 (must match onepager.typ): text column width and height, in points.
STORY_WIDTH_PT = 7.5 * 72 - 16 - 1.35 * 72 - 10 - 3  # page − insets − key column − gutter − rule
STORY_HEIGHT_PT = 1.2 * 72
STORY_SIZES = (10.5, 10.0, 9.5, 9.0, 8.5)  # points; 8.5 is the floor for reading on paper
LINE_BOX, LEADING = 1.05, 0.45  # line height and gap in em, as onepager.typ sets them
PARTS = tuple((part.key, part.label, part.question) for part in template.STORY)
MAX_LINES = 6  # sources or uses per table and chart on page 1
LOGO_MAX_PX = 600  # 0.75 in at 300 dpi is 225 px; 600 leaves room for wide logos
UNPRINTABLE_NAME = "District name in a script the PDF cannot print"
_LOCK = threading.Lock()  # one compiler, shared; Typst's world is not safe across threads


def render(district: District, *, logo: bytes | None = None) -> ExportResult:
    warnings: list[Issue] = []
    data = document_data(district, logo=logo, warnings=warnings)
    pdf = compile_typst("onepager.typ", {"district": json.dumps(data, allow_nan=False)})
    return ExportResult(data=pdf, filename=safe_filename(district.name, "pdf"), mime=MIME["pdf"],
                        warnings=tuple(warnings))


def compile_typst(template: str, inputs: dict[str, str]) -> bytes:
    with _LOCK:
        pdf = _compiler(os.getpid()).compile(input=str(HERE / template), format="pdf",
                                             sys_inputs=inputs, pdf_standards=PDF_STANDARDS)
    return pdf_structure.tag_row_headers(pdf)


@cache
def _compiler(pid: int) -> typst.Compiler:
    # Built once per process (fonts load once); keyed by pid so a forked build worker never
    # reuses a compiler whose worker threads stayed behind in the parent.
    return typst.Compiler(input=str(HERE / "onepager.typ"), root=str(HERE),
                          font_paths=list(FONT_DIRS), ignore_system_fonts=True)


def document_data(district: District, *, logo: bytes | None = None,
                  warnings: list[Issue] | None = None) -> dict:
    """Everything onepager.typ shows, JSON-ready, every number already formatted."""
    warnings = [] if warnings is None else warnings
    district = folded(district)
    figures = metrics.compute(district)
    specs = {spec.id: spec for spec in charts.specs(district, figures)}
    years = figures.template_years
    clean = lambda text: breakable(printable(text or "", district, warnings))  # noqa: E731
    data = {
        # Metadata needs no glyphs: the title keeps the name in any script.
        "title": f"Make Your Case: {_metadata_text(district.name)}",
        # The district makes the case, so it is the author (its organization as typed).
        "author": clean(short(district.contact.organization or district.name, 100)),
        "name": _heading(district, warnings),
        "place": clean(short(" · ".join(p for p in (district.state, district.nces_id and
                                                    f"NCES district ID {district.nces_id}")
                                        if p), 100)),
        "fictional": district.fictional,
        "logo": _logo(district, logo, warnings),
        "logo_alt": clean(f"{district.name} logo"),
        "profile": [{"label": label, "value": show(getattr(district.profile, key))}
                    for key, label, show in formatting.PROFILE_FIELDS],
        "years": [str(y.school_year) for y in years],
        "sources": _money_block(district.sources(), years, lambda y: y.by_source, clean),
        "uses": _money_block(district.use_names(), years, lambda y: y.by_use, clean),
        "headline": {"share": specs["headline"].headline or formatting.DASH,
                     # What the big number measures, set under it.
                     "caption": _headline_caption(specs["headline"]),
                     "sentence": clean(specs["headline"].takeaway)},
        "charts": {"sources": _chart(specs["spending_by_source"], clean),
                   "uses": _chart(specs["spending_by_use"], clean),
                   "outcome": None},
        "story": _story(district, figures, warnings, clean),
        "contact": [{"label": field.label, "value": clean(_capped(
                        district, f"contact.{field.key}", getattr(district.contact, field.key),
                        60, warnings)),
                     "link": _mail_link(getattr(district.contact, field.key))
                     if field.key == "email" else None}
                    for field in template.CONTACT if getattr(district.contact, field.key)],
        "standards": [s for s in STANDARDS if s in district.standards],
        # Without a stated footnote, the line is built from where each figure was read.
        "data_sources": clean(_capped(district, "data_sources",
                                      provenance.footnote(district) or "Not stated.", 400,
                                      warnings)),
    }
    impact = next(part["text"] for part in data["story"] if part["label"] == "Impact")
    data["charts"]["outcome"] = _outcome_chart(specs, figures, clean, impact)
    return data


def _metadata_text(text: str) -> str:
    return "".join(ch for ch in " ".join(text.split()) if unicodedata.category(ch) != "Cc")


def folded(district: District) -> District:
    """At most MAX_LINES sources and uses; the rest fold into one "Other" line per year.

    The table and chart rows have fixed room on page 1; a district listing twenty "other"
    uses must still print on two pages, with every dollar still counted in the totals.
    """
    return replace(district,
                   spending=_fold(district.spending, district.sources(), "source", "sources"),
                   uses=_fold(district.uses, district.use_names(), "use", "uses"))


def _fold(lines, names, attribute: str, plural: str):
    if len(names) <= MAX_LINES:
        return lines
    keep, rest = set(names[:MAX_LINES - 1]), names[MAX_LINES - 1:]
    label = f"{len(rest)} other {plural}"
    kept = [line for line in lines if getattr(line, attribute) in keep]
    summed: dict = {}
    for line in lines:
        if getattr(line, attribute) not in keep:
            summed[line.school_year] = summed.get(line.school_year, 0.0) + line.amount_usd
    return tuple(kept) + tuple(replace(lines[0], school_year=year, amount_usd=amount, at=None,
                                       **{attribute: label})
                               for year, amount in sorted(summed.items()))


def short(name: str, limit: int = 28) -> str:
    """A row or legend label on one line; the alt text keeps the full name."""
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def _capped(district: District, key: str, text: str | None, limit: int,
            warnings: list[Issue]) -> str | None:
    if text is None or len(text) <= limit:
        return text
    warnings.append(Issue.warning(
        "text.too_long", at=district.where(key) or Location(file=district.name),
        district=district.name, found=f"{len(text):,} characters",
        expected=f"at most {limit} characters on the PDF", hint="The PDF shows the start"))
    return text[:limit - 1].rstrip() + "…"


_EMAIL = re.compile(r"[^@\s<>\"'()\\]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}")


def _mail_link(email: str | None) -> str | None:
    """A mailto: link for an address that is one; a reader can then write from the PDF."""
    email = (email or "").strip()
    return f"mailto:{email}" if _EMAIL.fullmatch(email) else None


def _headline_caption(spec: charts.ChartSpec) -> str:
    known = [category for category, value in zip(spec.categories, spec.series[0].values,
                                                 strict=True) if value is not None] \
        if spec.series else []
    year = known[-1] if known else None
    return f"{spec.title}, {year}" if year else spec.title


def _money_block(names, years, pick, clean) -> dict:
    # The paper form's own row labels ("Federal (Title II-A)"); the full table width has room.
    return {"rows": [{"name": clean(short(template.form_label(name), 40)),
                      "cells": [formatting.usd(pick(y).get(name)) for y in years]}
                     for name in names],
            "total": [formatting.usd(pick(y).total_usd if pick(y).items else None)
                      for y in years]}


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


def _outcome_chart(specs, figures, clean, impact: str) -> dict | None:
    """The outcome that backs the impact: the one it names first, else the best improvement,
    else the first series. A chart of another outcome than the story's leaves the reader
    looking for the number they just read."""
    outcomes = [spec for spec in specs.values() if spec.kind == "line"]
    if not outcomes:
        return None
    folded_impact = impact.casefold()
    # A drafted impact names a metric by its prose name ("the share of teachers who say …"),
    # a person's by its label: either ties the chart to the story.
    named = [(position, index) for index, spec in enumerate(outcomes)
             for name in (spec.title, prose_name(spec.title, unit=spec.unit))
             if (position := folded_impact.find(name.casefold())) >= 0]
    if named:
        return _chart(outcomes[min(named)[1]], clean)
    best = metrics.best_outcome_change(figures)
    chosen = next((s for s in outcomes if best and s.id == f"outcome:{best.metric}"), outcomes[0])
    return _chart(chosen, clean)


# --- story text: key numbers, drafting and fitting ------------------------------------------

def _story(district: District, figures, warnings: list[Issue], clean) -> list[dict]:
    story = _filled_story(district, figures, warnings)
    parts = []
    for key, label, question in PARTS:
        text = clean(" ".join((getattr(story, key) or "").split()))
        size, fitted = fit(text)
        if fitted != text:
            words, kept = narrative.word_count(text), narrative.word_count(fitted)
            warnings.append(Issue.warning(
                "story.fitted", at=_story_at(district, key), district=district.name,
                found=f"{label}: {words} words",
                expected=f"about {narrative.WORD_TARGETS.get(key, 50)} words",
                hint=f"The PDF shows the first {kept} words; shorten the {label.lower()} "
                     "so nothing is cut"))
        parts.append({"label": label, "question": question, "text": fitted or formatting.DASH,
                      "size": size, "key": key_number(fitted, last=key == "impact")})
    return parts


def _filled_story(district: District, figures, warnings: list[Issue]) -> Story:
    own = district.story
    story = narrative.default_story(district, figures)
    for key, label, _ in PARTS:
        if not getattr(own, key) and getattr(story, key):
            warnings.append(Issue.warning(
                "story.drafted", at=_story_at(district, key), district=district.name,
                found=f"{label}: empty", expected="the district's own words",
                hint=f"The PDF shows a draft {label.lower()} built from the data; edit it "
                     "in the story editor"))
    return story


def _story_at(district: District, key: str) -> Location:
    return district.where(f"story.{key}") or Location(file=district.name, sheet="Story")


_FROM_TO = re.compile(r"\s*(?:to|→|-|–)\s*")


def key_number(text: str, *, last: bool = False) -> str | None:
    """The figure set large beside a story part: its first claim; for the impact, the result.

    Percentages and dollars beat counts; in the impact the last of them in the first sentence
    is the outcome ("rose from 71% to 88%" → "88%").
    """
    spans = find_numbers(text)
    for kinds in (("pct", "points", "usd"), ("multiple", "count", "ratio")):
        chosen = [s for s in spans if s.kind in kinds]
        if chosen:
            break
    else:
        return None
    if last:
        end = text.find(". ", chosen[0].start)
        pick = [s for s in chosen if end < 0 or s.start < end][-1]
    else:
        pick = chosen[0]
        # "grew from 9.7% to 41%": the claim is where it arrived, not where it started.
        later = chosen[chosen.index(pick) + 1:]
        while later and _FROM_TO.fullmatch(text[pick.end:later[0].start]):
            pick, later = later[0], later[1:]
    return pick.text if len(pick.text) <= 14 else None


def fit(text: str) -> tuple[float, str]:
    """The largest size at which the text fits its box, else the floor size and a cut text."""
    for size in STORY_SIZES:
        if _fits(text, size):
            return size, text
    size, words = STORY_SIZES[-1], text.split()
    low, high = 0, len(words)
    while low < high:  # the most words that still fit, with an ellipsis
        middle = (low + high + 1) // 2
        if _fits(" ".join(words[:middle]) + "…", size):
            low = middle
        else:
            high = middle - 1
    return size, " ".join(words[:low]).rstrip(",;:") + "…"


def _fits(text: str, size: float) -> bool:
    lines = _line_count(text, size)
    height = lines * LINE_BOX * size + max(lines - 1, 0) * LEADING * size
    return height <= STORY_HEIGHT_PT


def _line_count(text: str, size: float) -> int:
    # Greedy breaking, as Typst sets ragged-right paragraphs, with real advance widths and
    # 3% slack for kerning and fallback fonts.
    limit, space = STORY_WIDTH_PT * 0.97, _width(" ", size)
    lines, current = 1, 0.0
    for word in text.split():
        width = _width(word, size)
        if current and current + space + width > limit:
            lines, current = lines + 1, width
        else:
            current += (space if current else 0.0) + width
        while current > limit:  # a word longer than the line wraps by itself
            lines, current = lines + 1, current - limit
    return lines


def _width(text: str, size: float) -> float:
    advances, units = _metrics()
    return sum(advances.get(ord(ch), units * 0.6) for ch in text if ch != ZERO_WIDTH_SPACE) \
        / units * size


@cache
def _metrics() -> tuple[dict[int, int], int]:
    font = TTFont(Path(FONT_DIRS[0]) / "AtkinsonHyperlegible-Regular.ttf", lazy=True)
    widths = font["hmtx"].metrics
    return ({code: widths[name][0] for code, name in font.getBestCmap().items()},
            font["head"].unitsPerEm)


# --- text the fonts can print -------------------------------------------------------------------

def printable(text: str, district: District, warnings: list[Issue]) -> str:
    """Text without characters no packaged font can draw (PDF/UA forbids blank glyphs)."""
    dropped = print_fonts.unprintable(text)
    if not dropped:
        return text
    code = "text.unprintable"
    if not any(w.code == code and w.found == "".join(sorted(dropped)) for w in warnings):
        warnings.append(Issue.warning(
            code, at=Location(file=district.name), district=district.name,
            found="".join(sorted(dropped)),
            hint=f"The PDF's fonts cannot print {print_fonts.describe(dropped)}, "
                 "so they were left out of the PDF"))
    return "".join(" " if ch.isspace() else ch for ch in text if ch not in dropped)


ZERO_WIDTH_SPACE = "\u200b"
_LONG_WORD = re.compile(r"\S{41,}")


def breakable(text: str) -> str:
    """Long unbroken words ("https://…", "aaaa…") get a break opportunity every 20 characters.

    Typst never breaks inside a word, so such a word ran past its box and was cut at the
    edge with no warning; with zero-width spaces it wraps like other text (and Typst writes
    none of them into the PDF's text), and a story that then no longer fits is shortened
    with the usual story.fitted warning.
    """
    return _LONG_WORD.sub(lambda m: ZERO_WIDTH_SPACE.join(
        m.group()[i:i + 20] for i in range(0, len(m.group()), 20)), text)


def _heading(district: District, warnings: list[Issue]) -> str:
    """The district's name as printed; a name the fonts cannot print at all still heads the
    page (PDF/UA needs a heading with text, and a reader needs to know whose page it is)."""
    name = printable(_capped(district, "name", district.name, 100, warnings) or "", district,
                     warnings)
    if name.strip():
        return name
    return f"District {district.nces_id}" if district.nces_id else UNPRINTABLE_NAME


def _logo(district: District, logo: bytes | None, warnings: list[Issue]) -> list[int] | None:
    if not logo:
        return None
    issues: list[Issue] = []
    checked = validate_logo(logo, "logo", issues)
    warnings.extend(issue.for_district(district.name) for issue in issues)
    if checked is None:
        return None
    with Image.open(io.BytesIO(checked)) as image:
        image.thumbnail((LOGO_MAX_PX, LOGO_MAX_PX))
        out = io.BytesIO()
        image.convert("RGBA" if "A" in image.getbands() else "RGB").save(out, format="PNG")
    # Typst reads bytes from an array of integers; sys.inputs carries only strings.
    return list(out.getvalue())
