"""Fitting text into a fixed box by measuring it with the font's own advance widths.

Owns the measuring (fontTools reads the packaged Atkinson Hyperlegible's widths), greedy line
breaking as a ragged-right paragraph sets, and the choice of the largest size at which a text
fits a ``Box``, else the smallest size and the most words that fit with an ellipsis. The PDF's
story boxes and the slides' story columns are both fitted here, so both shrink and cut the same
way. Never draws anything and never decides which text goes in a box.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import fontpkg_atkinson_hyperlegible
from fontTools.ttLib import TTFont

FONT_FILE = Path(fontpkg_atkinson_hyperlegible.ROOT) / "files" / "AtkinsonHyperlegible-Regular.ttf"


@dataclass(frozen=True, slots=True, kw_only=True)
class Box:
    """A text box: its inner width and height in points, the sizes to try (largest first),
    the line height and the gap between lines (both in em), and slack for kerning and for a
    viewer's substitute font (0.03 is 3% of the width kept free)."""

    width_pt: float
    height_pt: float
    sizes: tuple[float, ...]
    line_em: float = 1.05
    leading_em: float = 0.45
    slack: float = 0.03

    def as_json(self) -> dict[str, float]:
        return {"width_pt": self.width_pt, "height_pt": self.height_pt,
                "line_em": self.line_em, "leading_em": self.leading_em}


@dataclass(frozen=True, slots=True, kw_only=True)
class Fitted:
    text: str  # what fits: the whole text, or its first words and "…"
    size: float  # points
    shrunk: bool  # set below the box's largest size
    cut: bool  # words were left out


def fit(text: str, box: Box) -> Fitted:
    """The largest size at which ``text`` fits ``box``; else the floor size and a cut text."""
    text = " ".join(text.split())
    for size in box.sizes:
        if fits(text, size, box):
            return Fitted(text=text, size=size, shrunk=size != box.sizes[0], cut=False)
    size, words = box.sizes[-1], text.split()
    low, high = 0, len(words)
    while low < high:  # the most words that still fit, with an ellipsis
        middle = (low + high + 1) // 2
        if fits(" ".join(words[:middle]) + "…", size, box):
            low = middle
        else:
            high = middle - 1
    cut = " ".join(words[:low]).rstrip(",;:") + "…"
    return Fitted(text=cut, size=size, shrunk=True, cut=True)


def fits(text: str, size: float, box: Box) -> bool:
    lines = line_count(text, size, box.width_pt * (1 - box.slack))
    height = lines * box.line_em * size + max(lines - 1, 0) * box.leading_em * size
    return height <= box.height_pt


def line_count(text: str, size: float, width_pt: float) -> int:
    """Lines a paragraph takes with greedy breaking, as Typst and PowerPoint set ragged text."""
    space = width(" ", size)
    lines, current = 1, 0.0
    for word in text.split():
        advance = width(word, size)
        if current and current + space + advance > width_pt:
            lines, current = lines + 1, advance
        else:
            current += (space if current else 0.0) + advance
        while current > width_pt:  # a word longer than the line wraps by itself
            lines, current = lines + 1, current - width_pt
    return lines


def width(text: str, size: float) -> float:
    """The advance width of ``text`` at ``size`` points; unknown characters count 0.6 em."""
    advances, units = _metrics()
    return sum(advances.get(ord(ch), units * 0.6) for ch in text if ch != "\u200b") \
        / units * size


@cache
def _metrics() -> tuple[dict[int, int], int]:
    font = TTFont(FONT_FILE, lazy=True)
    widths = font["hmtx"].metrics
    return ({code: widths[name][0] for code, name in font.getBestCmap().items()},
            font["head"].unitsPerEm)
