"""Right-to-left runs in a compiled PDF read in logical order, and look exactly the same.

Typst draws a run of Arabic or Hebrew words ("مدارس النور 2024 الموحدة") as one marked-content
sequence per word, space and number, each word's glyphs reversed (/ReversedChars) and the
words in an order of its own, so an extractor that follows the content stream reads the words
out of order (pypdf gave "النور مدارس 2024 الموحدة"), and so does a screen reader following the
structure tree. For each run on a line this module draws its words in logical order (nothing
moves on the page) and makes them one Span structure element, its kids in logical order, with
the run's /Lang (a number inside an Arabic run is read as Arabic).

What readers do (poppler 22.12, MuPDF 1.28, pypdf 7.1, pdfminer.six 20260107), and why there is
no /ActualText:
- pypdf and MuPDF follow the content stream: whole runs read in logical order, numbers too
  (MuPDF starts a new line at each number, in its logical place, and, as before, swaps the
  two letters of a lam-alef ligature: "خالل").
- poppler (pdftotext) orders glyphs by position and reverses each right-to-left stretch itself:
  the words of a run read in order, but a number splits the run, so "A B 12 C" reads
  "C 12 A B" whatever the PDF says.
- ActualText in the content stream (a /Span BDC around the run): poppler and MuPDF lay its
  letters out left to right and reverse them again, so every word came out letter-reversed
  ("رونلا سرادم"). ActualText on the Span structure element: MuPDF printed the run four
  times, twice reversed. pypdf and pdfminer read neither. So the order itself is the fix.
- pdfminer.six has no right-to-left support: letters reversed, with or without any of this.
- Inside one word-sequence pypdf and MuPDF still read glyphs their own way: a mirrored
  bracket as drawn (")التدريب("), Arabic-Indic digits reversed ("٥٣" for "٣٥"), the space
  before a "%" in Arabic misplaced. Vowel marks Typst draws from a fallback font, one
  sequence each, leave their line as Typst drew it.
A run is found from the glyphs (``pdf_content``) and changed only if its text, read in logical
order, is the model's. Owns no layout and no wording; changed objects are appended as an
incremental update.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, String

from advocacy.exports.pdf_content import RIGHT_TO_LEFT, Fonts, PageText, Segment
from advocacy.exports.pdf_structure import append_update

# The same letters as json.dumps writes them (ensure_ascii): a look before decoding inputs.
_ESCAPED_RIGHT_TO_LEFT = re.compile(r"\\u0[5-8][0-9a-fA-F]{2}|\\u[fF][b-eB-E][0-9a-fA-F]{2}")
_NOT_DRAWN = dict.fromkeys(map(ord, "\u200b\u200e\u200f"))  # Typst draws no glyph for these


def right_to_left_texts(inputs: dict[str, str]) -> list[str]:
    """Every printed string in Typst's JSON inputs that holds right-to-left letters, spaces
    collapsed as on the page: the text a run read in logical order must be part of."""
    found: list[str] = []
    for value in inputs.values():
        if RIGHT_TO_LEFT.search(value) or _ESCAPED_RIGHT_TO_LEFT.search(value):
            _strings(json.loads(value), found)
    return [" ".join(text.translate(_NOT_DRAWN).split()) for text in found
            if RIGHT_TO_LEFT.search(text)]


def _strings(value: object, found: list[str]) -> None:
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            _strings(item, found)


def read_in_logical_order(data: bytes, texts: Sequence[str]) -> bytes:
    """The same PDF, looking the same, with each right-to-left run read in logical order.

    A run's text must be one of ``texts`` (the printed strings) or part of one, else the run
    stays as Typst wrote it: an order the model never had would be worse than Typst's. A PDF
    without right-to-left text comes back as it was, unopened."""
    if not texts:
        return data
    with pikepdf.open(io.BytesIO(data)) as document:
        fonts = Fonts()
        parents = _parent_tree(document)
        changed: dict[tuple[int, int], Object] = {}
        for page in document.pages:
            contents = page.obj.get("/Contents")
            if not isinstance(contents, pikepdf.Stream) or not fonts.may_draw_rtl(page):
                continue
            reader = PageText(contents.read_bytes(), page, fonts)
            runs = [run for run in _runs(reader) if _in_model(run, texts)]
            if not runs:
                continue
            contents.write(zlib.compress(_rewritten(reader.raw, runs)), filter=Name.FlateDecode)
            changed[contents.objgen] = contents
            _tag_runs(runs, parents.get(int(page.obj.get("/StructParents", -1))), page,
                      document, changed)
        if not changed:
            return data
        return append_update(data, document, list(changed.values()))


@dataclass(slots=True)
class _Run:
    segments: list[Segment]     # right to left: logical order
    text: str
    lang: str | None
    start: int                  # where it is drawn: its first segment in the stream


def _runs(reader: PageText) -> list[_Run]:
    """Right-to-left runs: segments next to each other on one baseline, consecutive in the
    stream, holding no left-to-right letter, first and last right to left (a space or a
    number between two Arabic words belongs to the run; one at its edge does not). Only the
    segments around a right-to-left one are decoded: a page holds hundreds of others."""
    spans = reader.top_level()
    runs: list[_Run] = []
    done = -1
    for position, span in enumerate(spans):
        if position <= done or span is None or not reader.draws_rtl(span):
            continue
        first = reader.segment(span)
        if first is None or not _no_left_to_right(first):
            continue
        group = [first]
        for step in (-1, 1):
            at = position + step
            while done < at < len(spans):
                found = reader.segment(spans[at])
                if found is None or not _no_left_to_right(found) or abs(found.y - first.y) > 0.01:
                    break
                group.insert(0, found) if step < 0 else group.append(found)
                done = max(done, at)
                at += step
        done = max(done, position)
        if not any(_marks_only(segment) for segment in group):
            runs += _pieces(group)
    return runs


def _marks_only(segment: Segment) -> bool:
    """Vowel marks drawn on their own (from a fallback font, over the letter before): where
    they belong in a run cannot be told from positions, so such a line stays as Typst drew it."""
    return all(unicodedata.combining(ch) for ch in segment.logical)


def _no_left_to_right(segment: Segment) -> bool:
    return all(unicodedata.bidirectional(ch) != "L" for ch in segment.logical)


def _pieces(group: list[Segment]) -> list[_Run]:
    pieces: list[list[Segment]] = []
    for segment in sorted(group, key=lambda s: s.x):
        if pieces and segment.x - (pieces[-1][-1].x + pieces[-1][-1].width) < 0.5:
            pieces[-1].append(segment)
        else:
            pieces.append([segment])
    runs = []
    for piece in pieces:
        while piece and not piece[0].right_to_left:
            piece.pop(0)
        while piece and not piece[-1].right_to_left:
            piece.pop()
        if piece:
            logical = piece[::-1]
            runs.append(_Run(segments=logical,
                             text=" ".join("".join(s.logical for s in logical).split()),
                             # A number's or a space's own tag (Typst marks them "en")
                             # is not the run's language.
                             lang=next((s.lang for s in logical if s.lang and s.right_to_left),
                                       None),
                             start=min(s.start for s in piece)))
    return runs


def _in_model(run: _Run, texts: Sequence[str]) -> bool:
    return bool(run.text) and any(run.text in text for text in texts)


def _rewritten(raw: bytes, runs: list[_Run]) -> bytes:
    """The stream with each run's segments drawn in logical order, where its first was. Only
    text of the same line lies between them, so no drawing order changes what shows."""
    cuts = sorted((s.start, s.end, run if s.start == run.start else None)
                  for run in runs for s in run.segments)
    out = bytearray()
    position = 0
    for start, end, run in cuts:
        out += raw[position:start]
        if run is not None:
            out += b"\n".join(raw[s.start:s.end] for s in run.segments)
        position = end
    out += raw[position:]
    return bytes(out)


def _parent_tree(document: pikepdf.Pdf) -> dict[int, Array]:
    root = document.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary) or "/ParentTree" not in root:
        return {}
    return {int(key): value for key, value in pikepdf.NumberTree(root.ParentTree).items()
            if isinstance(value, Array)}


def _tag_runs(runs: list[_Run], marked: Array | None, page: pikepdf.Page,
              document: pikepdf.Pdf, changed: dict[tuple[int, int], Object]) -> None:
    """Each run's marked content, in its structure element, becomes one Span in logical order
    with the run's /Lang (what a screen reader follows). A run whose marked content is not all
    one element's kids on this page keeps its tags."""
    if marked is None or not marked.is_indirect:
        return
    here = page.obj.objgen
    entries = list(marked)
    owners = [entry.objgen if isinstance(entry, Dictionary) else None for entry in entries]
    edits: dict[tuple[int, int], tuple[Dictionary, list]] = {}
    for run in runs:
        if any(s.mcid >= len(entries) for s in run.segments):
            continue
        parent = entries[run.segments[0].mcid]
        if (not isinstance(parent, Dictionary) or not parent.is_indirect
                or any(owners[s.mcid] != parent.objgen for s in run.segments)
                or not isinstance(parent.get("/K"), Array)):
            continue
        if parent.objgen not in edits:
            edits[parent.objgen] = (parent, list(parent.K))
        kids = edits[parent.objgen][1]
        home = parent.get("/Pg")
        home_here = isinstance(home, Dictionary) and home.objgen == here
        order = [s.mcid for s in run.segments]
        places = [i for i, kid in enumerate(kids) if _mcid(kid, home_here, here) in order]
        if len(places) != len(order):
            continue
        by_mcid = {_mcid(kids[i], home_here, here): kids[i] for i in places}
        span = Dictionary(Type=Name.StructElem, S=Name.Span, P=parent, Pg=page.obj,
                          K=Array([by_mcid[mcid] for mcid in order]))
        if run.lang:
            span.Lang = String(run.lang)
        span = document.make_indirect(span)
        kids[places[0]] = span
        for place in reversed(places[1:]):
            del kids[place]
        for mcid in order:
            entries[mcid] = span
            owners[mcid] = span.objgen
        changed[span.objgen] = span
    for parent, kids in edits.values():
        parent.K = Array(kids)
        changed[parent.objgen] = parent
    if edits:
        marked[:] = entries
        changed[marked.objgen] = marked


def _mcid(kid: Object, home_here: bool, page: tuple[int, int]) -> int | None:
    """The marked-content ID a kid refers to on ``page``; None for anything else (a structure
    element, an annotation, content on another page of a passage that runs over). A bare
    number is on the parent's page, ``home_here`` says whether that is ``page``."""
    if isinstance(kid, int):
        return int(kid) if home_here else None
    if isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
        on = kid.get("/Pg")
        if on is None:
            return int(kid.MCID) if home_here else None
        return int(kid.MCID) if isinstance(on, Dictionary) and on.objgen == page else None
    return None
