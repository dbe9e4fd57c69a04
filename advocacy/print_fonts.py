"""The fonts the PDF prints with, and which characters they can draw.

Owns the list of packaged font folders (never system fonts) and the one rule for "can the PDF
print this character", shared by the checks (a warning before anyone builds) and the PDF
export (which leaves such characters out, since PDF/UA forbids blank glyphs). No font on PyPI
that is kept up and sound covers Chinese, Japanese or Korean, so those scripts and emoji are
reported, never printed as empty boxes and never a failed build. Imports nothing of ours.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import fontpkg_almarai
import fontpkg_atkinson_hyperlegible
import fontpkg_heebo
import fontpkg_noto_sans_arabic
from fontTools.ttLib import TTFont

# Almarai draws each Arabic letter as one glyph, so text copied or read aloud from the PDF keeps
# its letters in order; Noto Sans Arabic (dots as separate mark glyphs, which extract twice)
# stays behind it for the rare characters Almarai lacks. FONTS is the order Typst tries them.
FONT_DIRS = tuple(str(package.ROOT / "files") for package in
                  (fontpkg_atkinson_hyperlegible, fontpkg_almarai, fontpkg_noto_sans_arabic,
                   fontpkg_heebo))
FONTS = ("Atkinson Hyperlegible", "Almarai", "Noto Sans Arabic", "Heebo")
# Control characters sit in some fonts' tables, but PDF/UA forbids them in text.
_NEVER = ("Cc", "Cs", "Co", "Cn")


@cache
def covered() -> frozenset[int]:
    codes: set[int] = set()
    for folder in FONT_DIRS:
        for path in Path(folder).glob("*.ttf"):
            codes |= set(TTFont(path, lazy=True).getBestCmap())
    return frozenset(codes)


@cache
def _ascii_covered() -> bool:
    return all(code in covered() for code in range(0x21, 0x7F))


def unprintable(text: str) -> set[str]:
    """Characters of ``text`` (spaces aside) that no packaged font can draw."""
    if text.isascii() and text.isprintable() and _ascii_covered():
        return set()  # most names and labels: asked of every district of a national table
    codes = covered()
    return {ch for ch in text if not ch.isspace() and
            (ord(ch) not in codes or unicodedata.category(ch) in _NEVER)}


def describe(characters: set[str]) -> str:
    """What kind of characters these are, for a message: "Chinese, Japanese or Korean"."""
    kinds = []
    for ch in sorted(characters):
        name = unicodedata.name(ch, "")
        kind = ("Chinese, Japanese or Korean characters" if name.startswith(
                    ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC", "FULLWIDTH"))
                else "control characters" if unicodedata.category(ch) == "Cc"
                else "emoji or symbols" if unicodedata.category(ch) in ("So", "Sk", "Cf")
                else "characters of another script")
        if kind not in kinds:
            kinds.append(kind)
    return " and ".join(kinds)
