"""Text measurement with the same TrueType files the PDF embeds, and the line breaker.

Widths are sums of advance widths (no kerning), as reportlab draws and as PowerPoint lays out
unkerned text, so every renderer breaks lines where the layout did.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

logging.getLogger("fontTools").setLevel(logging.ERROR)


class FontMetrics:
    """Advance widths and vertical metrics of one TrueType file, cached per character and word."""

    def __init__(self, path: Path):
        font = TTFont(str(path), lazy=True)
        self.path = Path(path)
        self.units_per_em = font["head"].unitsPerEm
        self._cmap: dict[int, str] = font.getBestCmap() or {}
        hmtx = font["hmtx"].metrics
        self._advance_by_glyph = {name: adv for name, (adv, _lsb) in hmtx.items()}
        self._notdef = self._advance_by_glyph.get(".notdef", self.units_per_em // 2)
        hhea = font["hhea"]
        self.ascent = hhea.ascent / self.units_per_em
        self.descent = -hhea.descent / self.units_per_em
        self._chars: dict[str, float] = {}
        self._words: dict[str, float] = {}
        self.space = self.char_width(" ")
        font.close()

    def has_glyph(self, char: str) -> bool:
        return ord(char) in self._cmap or char in "\n\t"

    def char_width(self, char: str) -> float:
        """Advance of *char* in ems."""
        width = self._chars.get(char)
        if width is None:
            glyph = self._cmap.get(ord(char))
            units = self._advance_by_glyph.get(glyph, self._notdef) if glyph else self._notdef
            width = self._chars[char] = units / self.units_per_em
        return width

    def word_width(self, word: str) -> float:
        """Advance of a word (no spaces) in ems, cached."""
        width = self._words.get(word)
        if width is None:
            width = sum(self.char_width(c) for c in word)
            if len(self._words) < 200_000:
                self._words[word] = width
        return width

    def width(self, text: str, size: float) -> float:
        """Width of *text* in points at *size* points."""
        words = text.split(" ")
        ems = sum(self.word_width(w) for w in words) + self.space * (len(words) - 1)
        return ems * size

    def missing(self, text: str) -> set[str]:
        return {c for c in text if not self.has_glyph(c)}


@cache
def metrics(path: Path) -> FontMetrics:
    return FontMetrics(path)


def wrap(text: str, font: FontMetrics, size: float, width: float) -> list[str]:
    """Break *text* into lines no wider than *width* points; overlong words are cut.

    Breaks at spaces (runs of spaces count as one); a word wider than the line is split
    between characters, so nothing is ever drawn outside its box.
    """
    limit = width / size  # in ems
    words = text.split()
    if not words:
        return [""]
    lines: list[str] = []
    current: list[str] = []
    current_width = 0.0
    space = font.space
    for word in words:
        w = font.word_width(word)
        if current and current_width + space + w <= limit:
            current.append(word)
            current_width += space + w
            continue
        if current:
            lines.append(" ".join(current))
            current, current_width = [], 0.0
        if w <= limit:
            current, current_width = [word], w
            continue
        pieces = _cut(word, font, limit)
        lines.extend(pieces[:-1])
        current = [pieces[-1]]
        current_width = font.word_width(pieces[-1])
    if current:
        lines.append(" ".join(current))
    return lines


def _cut(word: str, font: FontMetrics, limit: float) -> list[str]:
    """Split an overlong word into pieces that each fit *limit* ems (at least one char each)."""
    pieces: list[str] = []
    start, acc = 0, 0.0
    for i, char in enumerate(word):
        w = font.char_width(char)
        if acc + w > limit and i > start:
            pieces.append(word[start:i])
            start, acc = i, 0.0
        acc += w
    pieces.append(word[start:])
    return pieces
