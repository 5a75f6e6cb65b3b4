"""Text measurement with the same TrueType files the PDF embeds, and the line breaker.

Widths are sums of advance widths (no kerning), as reportlab draws and as PowerPoint lays out
unkerned text, so every renderer breaks lines where the layout did.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class FontData:
    """What layout needs from a font file: advances by code point, in font units."""

    units_per_em: int
    ascent: int
    descent: int
    advances: dict[int, int]
    notdef: int


def read_font(path: Path) -> FontData:
    """Advances and vertical metrics of a TrueType file, read whole but never beyond the limit."""
    import io
    import logging

    from fontTools.ttLib import TTFont  # only when the metrics are not cached

    from briefer.limits import MAX_FONT_BYTES

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with open(path, "rb") as handle:  # never more than a font can be: a 3 GB "font" is refused
        data = handle.read(MAX_FONT_BYTES + 1)
    if len(data) > MAX_FONT_BYTES:
        raise ValueError(f"larger than {MAX_FONT_BYTES} bytes")
    font = TTFont(io.BytesIO(data), lazy=True)  # no file left open on errors
    try:
        if "glyf" not in font:  # PostScript (CFF) outlines: reportlab cannot embed them
            raise ValueError("not a TrueType-outline font")
        hmtx = font["hmtx"].metrics
        cmap = font.getBestCmap() or {}
        advances = {cp: hmtx[name][0] for cp, name in cmap.items() if name in hmtx}
        units = font["head"].unitsPerEm
        notdef = hmtx[".notdef"][0] if ".notdef" in hmtx else units // 2
        return FontData(units, font["hhea"].ascent, -font["hhea"].descent, advances, notdef)
    finally:
        font.close()


class FontMetrics:
    """Advance widths and vertical metrics of one TrueType file, cached per character and word."""

    def __init__(self, path: Path):
        from briefer.cache import cached

        data = cached("font", [path], lambda: read_font(path))
        self.path = Path(path)
        self.units_per_em = data.units_per_em
        self._advances = data.advances
        self._notdef = data.notdef
        self.ascent = data.ascent / data.units_per_em
        self.descent = data.descent / data.units_per_em
        self._chars: dict[str, float] = {}
        self._words: dict[str, float] = {}
        self.space = self.char_width(" ")

    def has_glyph(self, char: str) -> bool:
        return ord(char) in self._advances or char in "\n\t"

    def char_width(self, char: str) -> float:
        """Advance of *char* in ems."""
        width = self._chars.get(char)
        if width is None:
            units = self._advances.get(ord(char), self._notdef)
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
