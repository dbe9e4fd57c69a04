"""The text Typst draws on a PDF page, read back from the content stream where it is needed.

Owns reading, never writing: each font's glyph codes → text (its ToUnicode map) and advance
widths; a page's top-level marked-content sequences (one per word, space or number that
Typst shapes), found from the bytes; and one sequence's glyphs, baseline and width. It reads
the stream as Typst writes it (escaped parentheses in strings, a translation `cm` per text
run): anything else reads as "not text", never as wrong text. Turning every one of a page's
thousands of instructions into pikepdf objects took most of a pass's time, so only the
sequences near right-to-left text are decoded, with a few patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import pikepdf
from pikepdf import Array, Dictionary, Name, Object

# Hebrew through Arabic Extended-A, and the Hebrew and Arabic presentation forms.
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_MIRRORED = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")


@dataclass(slots=True)
class Segment:
    """One top-level marked-content sequence as Typst writes it: a word, space or number."""
    start: int                  # where its bytes start in the content stream (its BDC's tag)
    end: int                    # and end (after its EMC)
    mcid: int
    lang: str | None
    x: float                    # left edge and baseline, from its `cm`
    y: float
    width: float
    glyphs: list[str]           # each glyph's text, in drawing order
    reversed: bool              # inside /ReversedChars: drawn right to left

    @property
    def logical(self) -> str:
        """Its text in reading order. A bracket drawn right to left is the mirrored glyph, and
        the font's ToUnicode names the glyph as drawn: "(التدريب)" reads back ")التدريب(" ."""
        if not self.reversed:
            return "".join(self.glyphs)
        return "".join(reversed(self.glyphs)).translate(_MIRRORED)

    @property
    def right_to_left(self) -> bool:
        return self.reversed or bool(RIGHT_TO_LEFT.search(self.logical))


class _Font:
    """A font's glyph codes → text (its ToUnicode map), and its advance widths when needed."""

    def __init__(self, font: Dictionary) -> None:
        self._font = font
        self.codes = _unicode_map(font)  # 2-byte glyph code → its text
        self.right_to_left = bool(RIGHT_TO_LEFT.search("".join(self.codes.values())))

    @cached_property
    def widths(self) -> dict[int, float]:
        """Glyph → advance, in thousandths of the font size."""
        return _widths(self._font)


class Fonts:
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
    return _Font(font) if font.get("/Encoding") == Name("/Identity-H") else None


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


# A content stream as Typst writes it, read at the top level only: strings are skipped (their
# parentheses are escaped), and each marked-content sequence's tag and properties found.
_TOKENS = re.compile(
    rb"\((?:[^\\()]|\\.)*\)"                                       # a string: skipped
    rb"|(/[^\s/<>\[\]()]+\s*(?:<<(?:[^<>()]|\((?:[^\\()]|\\.)*\))*>>\s*)?)"
    rb"(BDC|BMC)(?![^\s/<>\[\]()])"                                    # a tag, its properties
    rb"|(?<![^\s/<>\[\]()])(BDC|BMC|EMC)(?![^\s/<>\[\]()])", re.S)  # any other
_ANYTHING = re.compile(rb"\S")
_FONT_SET = re.compile(rb"/([^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf")


class PageText:
    """A page's content stream read only where needed: its top level split from the bytes,
    and only the sequences asked for decoded."""

    def __init__(self, raw: bytes, page: pikepdf.Page, fonts: Fonts) -> None:
        self.raw = raw
        self.resources = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        self.fonts = fonts
        self._segments: dict[int, Segment | None] = {}

    def top_level(self) -> list[tuple[int, int] | None]:
        """(start, end) bytes of each top-level marked-content sequence with an MCID, in
        stream order; None for anything else at the top level (it ends a run). Nothing at
        all when the stream is not as expected (unbalanced marks)."""
        found: list[tuple[int, int] | None] = []
        depth, start, last = 0, -1, 0
        for match in _TOKENS.finditer(self.raw):
            tagged, operator = match.group(1), match.group(2) or match.group(3)
            if operator is None:
                continue  # a string
            if operator in (b"BDC", b"BMC"):
                if depth == 0:
                    if _ANYTHING.search(self.raw, last, match.start()):
                        found.append(None)  # drawing outside marked content
                    start = match.start() if tagged and b"/MCID" in tagged else -1
                depth += 1
            else:
                depth -= 1
                if depth < 0:
                    return []
                if depth == 0:
                    found.append((start, match.end()) if start >= 0 else None)
                    last = match.end()
        return found if depth == 0 else []

    def draws_rtl(self, span: tuple[int, int]) -> bool:
        chunk = self.raw[span[0]:span[1]]
        if b"/ReversedChars" in chunk:
            return True
        return any((font := self.fonts.get(self.resources.get("/" + name.decode("latin-1"))))
                   is not None and font.right_to_left for name in _FONT_SET.findall(chunk))

    def segment(self, span: tuple[int, int] | None) -> Segment | None:
        if span is None:
            return None
        if span[0] not in self._segments:
            self._segments[span[0]] = self._read(*span)
        return self._segments[span[0]]

    def _read(self, start: int, end: int) -> Segment | None:
        """The segment, if it is text as Typst writes it: q, a translation `cm`, glyphs, Q."""
        chunk = self.raw[start:end]
        tag = _PROPERTIES.match(chunk)
        if tag is None:
            return None
        glyphs: list[str] = []
        width, balance, reversed_ = 0.0, 0, False
        cm: list[float] | None = None
        font: _Font | None = None
        size = 0.0
        for name, operands in _instructions(chunk, tag.end()):
            if name in (b"q", b"Q"):
                balance += 1 if name == b"q" else -1
            elif name == b"cm" and cm is None and len(operands) == 6:
                cm = [float(value) for value in operands]
            elif name == b"BMC":
                reversed_ = reversed_ or operands == [b"/ReversedChars"]
            elif name == b"Tf" and len(operands) == 2:
                font = self.fonts.get(self.resources.get(operands[0].decode("latin-1")))
                size = float(operands[1])
            elif name in (b"Tj", b"TJ"):
                if font is None:
                    return None  # text we cannot read can join no run
                for part in operands[0] if name == b"TJ" and operands else operands:
                    if isinstance(part, bytes):
                        width -= float(part) * size / 1000
                        continue
                    for i in range(0, len(part.value) - 1, 2):
                        code = part.value[i:i + 2]
                        glyphs.append(font.codes.get(code, "\ufffd"))
                        width += font.widths.get(int.from_bytes(code, "big"), 0.0) * size / 1000
        if (not glyphs or "\ufffd" in glyphs or balance != 0
                or cm is None or cm[:4] != [1.0, 0.0, 0.0, -1.0]):
            return None  # not text on a plain baseline as Typst writes it
        lang = _LANG.search(tag.group(1))
        return Segment(start=start, end=end, mcid=int(tag.group(2)),
                        lang=lang.group(1).decode("latin-1") if lang else None, x=cm[4], y=cm[5],
                        width=width, glyphs=glyphs, reversed=reversed_)


# One text segment's own instructions, read with a few patterns rather than parsed into pikepdf
# objects (ten times faster); anything they do not expect makes the segment "not text".
_PROPERTIES = re.compile(rb"/Span\s*(<<(?:[^<>()]|\((?:[^\\()]|\\.)*\))*?/MCID\s+(\d+)"
                         rb"(?:[^<>()]|\((?:[^\\()]|\\.)*\))*>>)\s*BDC")
_LANG = re.compile(rb"/Lang\s*\(([A-Za-z-]+)\)")
_TOKEN = re.compile(rb"\s*(?:(\((?:[^\\()]|\\.)*\))|(\[)|(\])|(/[^\s/<>\[\]()]+|[-+]?[\d.]+)"
                    rb"|([A-Za-z'\"*]+)|(\S))", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\n": b""}


@dataclass(frozen=True, slots=True)
class _Text:
    value: bytes                # a string operand, escapes resolved


def _instructions(chunk: bytes, position: int):
    """(operator, operands) in ``chunk`` from ``position``: operands are bytes (names and
    numbers as written), _Text strings, and lists for arrays; ("?", []) for anything else."""
    operands: list = []
    array: list | None = None
    for match in _TOKEN.finditer(chunk, position):
        string, opening, closing, word, operator, other = match.groups()
        target = array if array is not None else operands
        if string is not None:
            target.append(_Text(_ESCAPE.sub(_unescape, string[1:-1])))
        elif word is not None:
            target.append(word)
        elif opening is not None and array is None:
            array = []
        elif closing is not None and array is not None:
            operands.append(array)
            array = None
        elif operator is not None:
            yield operator, operands
            operands = []
        elif other is not None or opening or closing:
            yield b"?", []
            operands = []


def _unescape(match: re.Match) -> bytes:
    escaped = match.group(1)
    if escaped[:1].isdigit():
        return bytes([int(escaped, 8) & 0xFF])
    return _ESCAPED.get(escaped, escaped)
