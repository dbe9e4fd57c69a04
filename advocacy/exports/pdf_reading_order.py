"""Right-to-left runs in a compiled PDF read in logical order, and look exactly the same.

Typst draws a run of Arabic or Hebrew words ("مدارس النور 2024 الموحدة") as one marked-content
sequence per word, space and number, each word's glyphs reversed (/ReversedChars) and the
words in an order of its own, so an extractor that follows the content stream reads the words
out of order (pypdf gave "النور مدارس 2024 الموحدة"), and so does a screen reader following the
structure tree. For each run on a line this module draws its words in logical order (nothing
moves on the page) and makes them one Span structure element, in logical order, whose
/ActualText is the run's text as the model has it and whose /Lang is the run's language.

What each reader does with that (poppler 22.12, MuPDF 1.28, pypdf 7.1, pdfminer.six 20260107):
- pypdf and MuPDF follow the content stream: whole runs read in logical order, numbers too.
- poppler (pdftotext) orders glyphs by position and reverses each right-to-left stretch itself:
  words of a run read in order, but a number splits the run, so "A B 12 C" reads "C 12 A B"
  whatever the PDF says. No ActualText in the content stream: poppler and MuPDF lay its
  letters out left to right and then reverse them again, so logical ActualText there came
  out letter-reversed ("رونلا سرادم"). ActualText on the structure element is what the
  structure-tree readers use (Acrobat, screen readers); no text extractor here reads it.
- pdfminer.six has no right-to-left support: letters reversed, with or without any of this.
Owns no layout and no wording; changed objects are appended as an incremental update.
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

from advocacy.exports.pdf_structure import append_update

# Hebrew through Arabic Extended-A, and the Hebrew and Arabic presentation forms.
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# The same letters as json.dumps writes them (ensure_ascii): a look before decoding inputs.
_ESCAPED_RIGHT_TO_LEFT = re.compile(r"\\u0[5-8][0-9a-fA-F]{2}|\\u[fF][b-eB-E][0-9a-fA-F]{2}")
_NOT_DRAWN = dict.fromkeys(map(ord, "\u200b\u200e\u200f"))  # Typst draws no glyph for these
_REVERSED = Name("/ReversedChars")


def right_to_left_texts(inputs: dict[str, str]) -> list[str]:
    """Every printed string in Typst's JSON inputs that holds right-to-left letters, spaces
    collapsed as on the page: the text a run's ActualText must come from."""
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
    stays as Typst wrote it: an ActualText the model never had would be worse than words out
    of order. A PDF without right-to-left text comes back as it was, unopened."""
    if not texts:
        return data
    with pikepdf.open(io.BytesIO(data)) as document:
        fonts = _Fonts()
        parents = _parent_tree(document)
        changed: dict[tuple[int, int], Object] = {}
        for page in document.pages:
            contents = page.obj.get("/Contents")
            if not isinstance(contents, pikepdf.Stream) or not fonts.may_draw_rtl(page):
                continue
            instructions = list(pikepdf.parse_content_stream(page))
            runs = [run for run in _runs(instructions, page, fonts) if _in_model(run, texts)]
            if not runs:
                continue
            contents.write(zlib.compress(pikepdf.unparse_content_stream(
                _rewritten(instructions, runs))), filter=Name.FlateDecode)
            changed[contents.objgen] = contents
            marked = parents.get(int(page.obj.get("/StructParents", -1)))
            for run in runs:
                _tag_run(run, marked, page, document, changed)
        if not changed:
            return data
        return append_update(data, document, list(changed.values()))


@dataclass(slots=True)
class _Segment:
    """One top-level marked-content sequence as Typst writes it: a word, space or number."""
    start: int                  # index of its BDC in the page's instructions
    end: int                    # index of its EMC
    mcid: int
    lang: str | None
    x: float                    # left edge and baseline, from its `cm`
    y: float
    width: float
    glyphs: list[str]           # each glyph's text, in drawing order
    reversed: bool              # inside /ReversedChars: drawn right to left

    @property
    def logical(self) -> str:
        return "".join(reversed(self.glyphs)) if self.reversed else "".join(self.glyphs)

    @property
    def right_to_left(self) -> bool:
        return self.reversed or bool(RIGHT_TO_LEFT.search(self.logical))


@dataclass(slots=True)
class _Run:
    segments: list[_Segment]    # right to left: logical order
    text: str
    lang: str | None
    start: int                  # where it is drawn: its first segment in the stream


@dataclass(frozen=True, slots=True)
class _Font:
    codes: dict[bytes, str]     # 2-byte glyph code → its text (the ToUnicode map)
    widths: dict[int, float]    # glyph → advance, thousandths of the font size
    right_to_left: bool         # it has a right-to-left letter


class _Fonts:
    """Each font read once; Typst writes every font as Type0, Identity-H (2-byte codes)."""

    def __init__(self) -> None:
        self._read: dict[tuple[int, int], _Font | None] = {}

    def get(self, font: Object | None) -> _Font | None:
        if not isinstance(font, Dictionary):
            return None
        if not font.is_indirect:
            return _font(font)
        if font.objgen not in self._read:
            self._read[font.objgen] = _font(font)
        return self._read[font.objgen]

    def may_draw_rtl(self, page: pikepdf.Page) -> bool:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        return any((found := self.get(font)) is not None and found.right_to_left
                   for font in fonts.values())


def _font(font: Dictionary) -> _Font | None:
    if font.get("/Encoding") != Name("/Identity-H"):
        return None
    codes = _unicode_map(font)
    return _Font(codes=codes, widths=_widths(font),
                 right_to_left=any(RIGHT_TO_LEFT.search(text) for text in codes.values()))


_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>")
_BFRANGE = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>")


def _unicode_map(font: Dictionary) -> dict[bytes, str]:
    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return {}
    cmap = stream.read_bytes()
    found: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in _BFCHAR.findall(block):
            found[bytes.fromhex(code.decode())] = bytes.fromhex(text.decode()).decode(
                "utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, text in _BFRANGE.findall(block):
            first, base = int(low, 16), bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
            for offset in range(int(high, 16) - first + 1):
                found[(first + offset).to_bytes(2, "big")] = base[:-1] + chr(ord(base[-1]) + offset)
    return found


def _widths(font: Dictionary) -> dict[int, float]:
    """Glyph widths in thousandths of the font size, from the CID font's /W array."""
    descendants = font.get("/DescendantFonts")
    if not isinstance(descendants, Array) or not len(descendants):
        return {}
    table = list(descendants[0].get("/W", Array()))
    found: dict[int, float] = {}
    index = 0
    while index + 1 < len(table):
        first, following = int(table[index]), table[index + 1]
        if isinstance(following, Array):
            found.update((first + i, float(w)) for i, w in enumerate(following))
            index += 2
        else:
            found.update((cid, float(table[index + 2]))
                         for cid in range(first, int(following) + 1))
            index += 3
    return found


def _runs(instructions: list, page: pikepdf.Page, fonts: _Fonts) -> list[_Run]:
    """Right-to-left runs: segments next to each other on one baseline, consecutive in the
    stream, holding no left-to-right letter, first and last right to left (a space or a
    number between two Arabic words belongs to the run; one at its edge does not). Only the
    segments around a right-to-left one are decoded: a page holds hundreds of others."""
    reader = _Reader(instructions, page, fonts)
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
        runs += _pieces(group)
    return runs


class _Reader:
    """A page's instructions read only where needed: operators for all, operands for few
    (turning every instruction into Python objects took most of the pass's time)."""

    def __init__(self, instructions: list, page: pikepdf.Page, fonts: _Fonts) -> None:
        self.instructions = instructions
        self.names = [str(instruction.operator) for instruction in instructions]
        self.resources = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        self.fonts = fonts
        self._segments: dict[int, _Segment | None] = {}

    def top_level(self) -> list[tuple[int, int] | None]:
        """(BDC, EMC) of each top-level sequence with an MCID, in stream order; None for
        anything else at the top level (it ends a run)."""
        found: list[tuple[int, int] | None] = []
        depth, start = 0, -1
        for index, name in enumerate(self.names):
            if name in ("BDC", "BMC"):
                if depth == 0:
                    operands = self.instructions[index].operands
                    properties = operands[1] if name == "BDC" else None
                    start = index if isinstance(properties, Dictionary) and (
                        "/MCID" in properties) else -1
                depth += 1
            elif name == "EMC":
                depth -= 1
                if depth == 0:
                    found.append((start, index) if start >= 0 else None)
            elif depth == 0:
                found.append(None)
        return found

    def draws_rtl(self, span: tuple[int, int]) -> bool:
        for index in range(*span):
            name = self.names[index]
            if name == "BMC" and self.instructions[index].operands[0] == _REVERSED:
                return True
            if name == "Tf" and (font := self.fonts.get(self._font(index))) is not None and (
                    font.right_to_left):
                return True
        return False

    def _font(self, index: int) -> Object | None:
        return self.resources.get(str(self.instructions[index].operands[0]))

    def segment(self, span: tuple[int, int] | None) -> _Segment | None:
        if span is None:
            return None
        if span[0] not in self._segments:
            self._segments[span[0]] = self._read(*span)
        return self._segments[span[0]]

    def _read(self, start: int, end: int) -> _Segment | None:
        """The segment as Typst writes text: q, a translation `cm`, glyphs, Q."""
        glyphs: list[str] = []
        width, balance, reversed_ = 0.0, 0, False
        cm: list[float] | None = None
        font: _Font | None = None
        size = 0.0
        for index in range(start + 1, end):
            name = self.names[index]
            if name in ("q", "Q"):
                balance += 1 if name == "q" else -1
            elif name == "cm" and cm is None:
                cm = [float(value) for value in self.instructions[index].operands]
            elif name == "BMC":
                reversed_ = reversed_ or self.instructions[index].operands[0] == _REVERSED
            elif name == "Tf":
                font = self.fonts.get(self._font(index))
                size = float(self.instructions[index].operands[1])
            elif name in ("Tj", "TJ"):
                if font is None:
                    return None  # text we cannot read can join no run
                operand = self.instructions[index].operands[0]
                for part in operand if name == "TJ" else [operand]:
                    if not isinstance(part, String):
                        width -= float(part) * size / 1000
                        continue
                    raw = bytes(part)
                    for i in range(0, len(raw) - 1, 2):
                        glyphs.append(font.codes.get(raw[i:i + 2], "\ufffd"))
                        advance = font.widths.get(int.from_bytes(raw[i:i + 2], "big"), 0.0)
                        width += advance * size / 1000
        if (not glyphs or "\ufffd" in glyphs or balance != 0
                or cm is None or cm[:4] != [1.0, 0.0, 0.0, -1.0]):
            return None  # not text on a plain baseline as Typst writes it
        properties = self.instructions[start].operands[1]
        lang = properties.get("/Lang")
        return _Segment(start=start, end=end, mcid=int(properties.MCID),
                        lang=str(lang) if isinstance(lang, String) else None, x=cm[4], y=cm[5],
                        width=width, glyphs=glyphs, reversed=reversed_)


def _no_left_to_right(segment: _Segment) -> bool:
    return all(unicodedata.bidirectional(ch) != "L" for ch in segment.logical)


def _pieces(group: list[_Segment]) -> list[_Run]:
    pieces: list[list[_Segment]] = []
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


def _rewritten(instructions: list, runs: list[_Run]) -> list:
    """The instructions with each run's segments drawn in logical order, where its first was.
    Only text of the same line lies between them, so no drawing order changes what shows."""
    moved = {index for run in runs for s in run.segments for index in range(s.start, s.end + 1)}
    at = {run.start: run for run in runs}
    out: list = []
    for index, instruction in enumerate(instructions):
        if index in at:
            run = at[index]
            for segment in run.segments:
                out += instructions[segment.start:segment.end + 1]
        if index not in moved:
            out.append(instruction)
    return out


def _parent_tree(document: pikepdf.Pdf) -> dict[int, Array]:
    root = document.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary) or "/ParentTree" not in root:
        return {}
    return {int(key): value for key, value in pikepdf.NumberTree(root.ParentTree).items()
            if isinstance(value, Array)}


def _tag_run(run: _Run, marked: Array | None, page: pikepdf.Page, document: pikepdf.Pdf,
             changed: dict[tuple[int, int], Object]) -> None:
    """The run's marked content, in its structure element, becomes one Span in logical order
    whose /ActualText is the run's text and /Lang its language (what a screen reader reads)."""
    if (marked is None or not marked.is_indirect
            or any(s.mcid >= len(marked) for s in run.segments)):
        return
    parent = marked[run.segments[0].mcid]
    if not isinstance(parent, Dictionary) or not parent.is_indirect:
        return
    kids = parent.get("/K")
    if (not isinstance(kids, Array)
            or any(marked[s.mcid].objgen != parent.objgen for s in run.segments)):
        return
    order: list[int | None] = [s.mcid for s in run.segments]
    here = page.obj.objgen
    home = parent.get("/Pg")
    home_here = isinstance(home, Dictionary) and home.objgen == here
    places = [i for i, kid in enumerate(kids) if _mcid(kid, home_here, here) in order]
    if len(places) != len(order):
        return
    by_mcid = {_mcid(kids[i], home_here, here): kids[i] for i in places}
    span = Dictionary(Type=Name.StructElem, S=Name.Span, P=parent, Pg=page.obj,
                      K=Array([by_mcid[mcid] for mcid in order]),
                      ActualText=String(run.text))
    if run.lang:
        span.Lang = String(run.lang)
    span = document.make_indirect(span)
    for place in reversed(places[1:]):
        del kids[place]
    kids[places[0]] = span
    for segment in run.segments:
        marked[segment.mcid] = span
    changed.update({parent.objgen: parent, marked.objgen: marked, span.objgen: span})


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
