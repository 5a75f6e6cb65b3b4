"""Text measurement with the same TrueType files the PDF embeds, and the line breaker.

Widths are those of the text shaped by HarfBuzz (advances, pair kerning, standard ligatures),
as LibreOffice and Qt lay text out and PowerPoint does with kerning on (the PPTX asks for it);
the PDF draws the characters at the same shaped positions, so every renderer breaks lines where
the layout did.
"""

from __future__ import annotations

import itertools
import os
import threading
from functools import cache
from pathlib import Path
from types import ModuleType

from briefer.layout.breaks import segments
from briefer.records import record


@record
class FontData:
    """What layout needs from a font file: advances by code point, in font units."""

    units_per_em: int
    ascent: int
    descent: int
    advances: dict[int, int]
    notdef: int
    bold: bool = False


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
        bold = bool(font["head"].macStyle & 1)
        return FontData(units, font["hhea"].ascent, -font["hhea"].descent, advances, notdef, bold)
    finally:
        font.close()


FALLBACK_NAME = "DejaVu Sans"  # what the PPTX names for characters the template's fonts lack


def _fallback_files() -> dict[bool, Path]:
    from briefer.resources import fonts_dir

    return {False: fonts_dir() / "DejaVuSans.ttf", True: fonts_dir() / "DejaVuSans-Bold.ttf"}


FALLBACK_FILES = _fallback_files()  # by boldness; in the checkout or the installed wheel


class FontMetrics:
    """Advance widths and vertical metrics of one TrueType file, cached per character and word.

    Words are measured as shaped by HarfBuzz with its default features (pair kerning and
    standard ligatures such as Carlito's "ti" and "tt"), which is how LibreOffice and Qt lay
    text out; PowerPoint asked for kerning agrees within the reserve `text.tight` keeps.
    """

    def __init__(self, path: Path, fallback: Path | None = None, data: FontData | None = None):
        from briefer.cache import recall

        if data is None:
            data = _font_data(path)
        self.path = Path(path)
        self.bold = data.bold
        # the wide-coverage font for characters this one lacks (₺, ≈, →, №): measured,
        # drawn and named in its own runs; read when such a character first comes up
        self._fallback_path = fallback
        self._charset: frozenset[str] | None = None
        self.units_per_em = data.units_per_em
        self._advances = data.advances
        self._notdef = data.notdef
        self.ascent = data.ascent / data.units_per_em
        self.descent = data.descent / data.units_per_em
        self._font = None  # the HarfBuzz font, opened on the first word measured
        self._chars: dict[str, float] = {}
        # words and lines shaped by earlier processes, kept in the cache (see keep_shaped):
        # a build of text measured before needs no HarfBuzz
        self._shaped_by = [self.path, *([fallback] if fallback else []), *_shaper_files()]
        self._words: dict[str, float]
        self._placed: dict[str, list[tuple[int, float, bool]]]
        self._words, self._placed = recall("shaped", self._shaped_by, ({}, {}))
        self._kept = (len(self._words), len(self._placed))
        self._pairs: dict[tuple[str, str], float] = {}
        self._gaps: dict[tuple[str, str], float] = {}
        self._runs: dict[str, list[tuple[int, int, bool]]] = {}
        self._texts: dict[str, float] = {}
        self.space = self.char_width(" ")

    def keep(self) -> None:
        """Store the words and lines shaped so far in the cache, the newest when there are too
        many to read back quickly."""
        words, placed = self._words.copy(), self._placed.copy()  # another thread may add some
        if (len(words), len(placed)) == self._kept:
            return
        from briefer.cache import keep

        keep("shaped", self._shaped_by, (_newest(words, KEEP_WORDS), _newest(placed, KEEP_LINES)))
        self._kept = (len(words), len(placed))

    @property
    def fallback(self) -> FontMetrics | None:
        return None if self._fallback_path is None else metrics(self._fallback_path)

    def has_glyph(self, char: str) -> bool:
        return ord(char) in self._advances or char in "\n\t"

    def covers(self, text: str) -> bool:
        """True when this font has a glyph for every character of *text*."""
        if self._charset is None:
            self._charset = frozenset(map(chr, self._advances)) | {"\n", "\t"}
        return self._charset.issuperset(text)

    def drawable(self, char: str) -> bool:
        """True when this font or its fallback has a glyph for *char*."""
        return self.has_glyph(char) or (self.fallback is not None and self.fallback.has_glyph(char))

    def char_width(self, char: str) -> float:
        """Advance of *char* alone, in ems (from the fallback where this font lacks it)."""
        width = self._chars.get(char)
        if width is None:
            units = self._advances.get(ord(char))
            if units is None and self.fallback is not None and self.fallback.has_glyph(char):
                width = self.fallback.char_width(char)
            else:
                width = (self._notdef if units is None else units) / self.units_per_em
            self._chars[char] = width
        return width

    def font_runs(self, text: str) -> list[tuple[int, int, bool]]:
        """(start, end, from the fallback) for each run of characters drawn in one font."""
        known = self._runs.get(text)
        if known is not None:
            return known
        fallback = None if self.covers(text) else self.fallback
        runs: list[tuple[int, int, bool]] = []
        if fallback is None:  # all in this font, or no font to fall back on
            runs = [(0, len(text), False)] if text else []
        else:
            for i, char in enumerate(text):
                other = not self.has_glyph(char) and fallback.has_glyph(char)
                if runs and runs[-1][2] == other:
                    runs[-1] = (runs[-1][0], i + 1, other)
                else:
                    runs.append((i, i + 1, other))
        if len(self._runs) > 20_000:
            self._runs.clear()
        self._runs[text] = runs
        return runs

    def shape(self, text: str) -> list[tuple[int, float]]:
        """HarfBuzz's glyphs for *text*: (index of the first character, advance in ems) each;
        characters this font lacks are shaped in the fallback font."""
        if self.covers(text) or self.fallback is None:
            return self._shape(text)
        out: list[tuple[int, float]] = []
        for start, end, other in self.font_runs(text):
            font = self.fallback if other else self
            assert font is not None
            out.extend((start + cluster, advance) for cluster, advance in font._shape(text[start:end]))
        return out

    def _shape(self, text: str) -> list[tuple[int, float]]:
        hb = harfbuzz()
        if self._font is None:
            from briefer.limits import MAX_FONT_BYTES

            with open(self.path, "rb") as handle:
                self._font = hb.Font(hb.Face(handle.read(MAX_FONT_BYTES + 1)))
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        hb.shape(self._font, buffer)
        units = self.units_per_em
        return [(info.cluster, pos.x_advance / units)
                for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)]

    def word_width(self, word: str) -> float:
        """Advance of a word (no spaces) in ems, shaped, cached."""
        width = self._words.get(word)
        if width is None:
            if len(word) < 2:
                width = self.char_width(word) if word else 0.0
            else:
                width = sum(advance for _, advance in self.shape(word))
            if len(self._words) < 200_000:
                self._words[word] = width
        return width

    def kern(self, left: str, right: str) -> float:
        """What shaping two characters together adds to their advances, in ems (cached)."""
        key = (left, right)
        value = self._pairs.get(key)
        if value is None:
            value = self._pairs[key] = (self.word_width(left + right) - self.char_width(left)
                                        - self.char_width(right))
        return value

    def gap(self, left: str, right: str) -> float:
        """The space between two words, kerned against both, in ems."""
        key = (left[-1:] or " ", right[:1] or " ")
        value = self._gaps.get(key)
        if value is None:
            value = self._gaps[key] = self.space + self.kern(key[0], " ") + self.kern(" ", key[1])
        return value

    def width(self, text: str, size: float) -> float:
        """Width of *text* in points at *size* points."""
        ems = self._texts.get(text)
        if ems is None:
            words = text.split(" ")
            ems = sum(self.word_width(w) for w in words)
            ems += sum(self.gap(a, b) for a, b in zip(words, words[1:], strict=False))
            if len(self._texts) > 50_000:
                self._texts.clear()
            self._texts[text] = ems
        return ems * size

    def placements(self, text: str) -> list[tuple[int, float, bool]]:
        """Where the characters of a line go once shaped: (index, x in ems, in the fallback
        font) at each point where the shaped position departs from plain advances (a kerned
        pair, a ligature) or the font changes; the characters between two such points are drawn
        as one run. Cached per line."""
        known = self._placed.get(text)
        if known is not None:
            return known
        switches = {start: other for start, _, other in self.font_runs(text)}
        out: list[tuple[int, float, bool]] = [(0, 0.0, switches.get(0, False))]
        known_widths = self._chars.get
        plain = [known_widths(c) or self.char_width(c) for c in text]  # each character's advance
        x = natural = 0.0
        last = 0
        for cluster, advance in self.shape(text):
            if cluster > last:
                natural += sum(plain[last:cluster])
                if abs(natural - x) > 1e-6 or cluster in switches:
                    out.append((cluster, x, switches.get(cluster, out[-1][2])))
                    natural = x
                last = cluster
            x += advance
        if len(self._placed) > 20_000:
            self._placed.clear()
        self._placed[text] = out
        return out

    def missing(self, text: str) -> set[str]:
        """Characters neither this font nor its fallback can draw."""
        return {c for c in text if not self.drawable(c)}


_FONTS: dict[Path | str, FontMetrics] = {}


def metrics(path: Path) -> FontMetrics:
    """The metrics of a font file, with the fallback of its weight (none for the fallback)."""
    font = _FONTS.get(path)
    if font is None:
        # the caller's own Path is the key: the template's, asked again and again, is then
        # found by identity (a Path's == is slow Python)
        key = path if isinstance(path, Path) else Path(path)
        font = _FONTS.get(key)
        if font is None:
            data = _font_data(key)
            fallback = None if key in FALLBACK_FILES.values() else FALLBACK_FILES[data.bold]
            font = _FONTS.setdefault(key, FontMetrics(key, fallback, data))
        if key is not path:  # a name given as text: found as it is next time
            _FONTS[path] = font
    return font


def keep_shaped() -> None:
    """Keep what this process shaped in the cache for the next one (after an export): shaping
    is the costly part of measuring, and importing HarfBuzz costs 10 ms on its own."""
    for font in set(_FONTS.values()):
        font.keep()


KEEP_WORDS = 20_000  # per font: about 4 ms to read back
KEEP_LINES = 5_000


def _newest(table: dict, limit: int) -> dict:
    """The last *limit* entries (this process's come last: dicts keep insertion order)."""
    if len(table) <= limit:
        return table
    return dict(itertools.islice(table.items(), len(table) - limit, None))


def _font_data(path: Path) -> FontData:
    from briefer.cache import cached

    return cached("font", [path], lambda: read_font(path))


HARFBUZZ_LOCK = threading.Lock()  # held while HarfBuzz is imported, here or kept out elsewhere


@cache
def harfbuzz() -> ModuleType:
    """The HarfBuzz binding, imported under HARFBUZZ_LOCK: the PDF renderer keeps it out of
    reportlab's import under the same lock (render/pdf.py), and another thread must not find it
    kept out."""
    with HARFBUZZ_LOCK:
        import uharfbuzz

        return uharfbuzz


@cache
def _shaper_files() -> list[Path]:
    """The HarfBuzz binding's own files, found without importing it: widths kept in the cache
    were shaped by these, so another version shapes them again."""
    import importlib.util

    spec = importlib.util.find_spec("uharfbuzz")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        return sorted(folder / name for name in os.listdir(folder)
                      if name.startswith(("__init__.py", "_harfbuzz")))
    except OSError:
        return []


def wrap(text: str, font: FontMetrics, size: float, width: float) -> list[str]:
    """Break *text* into lines no wider than *width* points, where PowerPoint and LibreOffice do.

    Lines break at the opportunities of Unicode line breaking (UAX #14, see `segments`): after
    spaces, after hyphens and dashes, never before closing punctuation. Runs of spaces count as
    one and a line's trailing space takes no room. A piece wider than the line is cut between
    characters where the line is full, as both office suites do, so nothing is ever drawn
    outside its box. Joining the lines with `join_lines` gives the text back unchanged.
    """
    limit = width / size  # in ems
    text = " ".join(text.split())
    if not text:
        return [""]
    lines: list[str] = []
    current = ""  # the line so far, trailing space included
    current_width = 0.0  # its width without the trailing space
    word_width, gap, kern = font.word_width, font.gap, font.kern  # looked up once: hot loop
    fits = limit + 1e-9
    for piece in segments(text):
        word = piece.rstrip(" ")
        w = word_width(word)
        if current.endswith(" "):
            trail = gap(current[-2:-1], word)  # the gap reads the last character only
        else:  # a break opportunity inside a word (after a hyphen): its pair is kerned too
            trail = kern(current[-1], word[0]) if current and word else 0.0
        if current and current_width + trail + w <= fits:
            current += piece
            current_width += trail + w
            continue
        if current:
            lines.append(current.rstrip(" "))
            current, current_width = "", 0.0
        if w <= fits:
            current, current_width = piece, w
            continue
        cut = _cut(word, font, limit)
        lines.extend(cut[:-1])
        current = cut[-1] + piece[len(word):]
        current_width = word_width(cut[-1])
    if current:
        lines.append(current.rstrip(" "))
    return lines


def join_lines(text: str, lines: list[str] | tuple[str, ...]) -> tuple[bool, ...]:
    """For each line, whether it continues the previous one without a space (a break after a
    hyphen, or inside an overlong word): what turns the lines back into *text*."""
    text = " ".join(text.split())
    joined: list[bool] = []
    pos = 0
    for line in lines:
        found = text.find(line, pos) if line else pos
        if found < 0:  # lines that show the text otherwise (all caps): words as written
            return tuple(False for _ in lines)
        joined.append(found > 0 and text[found - 1] != " " and bool(joined))
        pos = found + len(line)
    return tuple(joined)


def _cut(word: str, font: FontMetrics, limit: float) -> list[str]:
    """Split an overlong word into pieces that each fit *limit* ems (at least one character
    each), where the line is full: at shaped cluster boundaries, never inside a ligature or
    before a combining mark."""
    clusters: list[tuple[int, float]] = []  # (start, advance) per cluster
    for cluster, advance in font.shape(word):
        if clusters and clusters[-1][0] == cluster:
            clusters[-1] = (cluster, clusters[-1][1] + advance)
        else:
            clusters.append((cluster, advance))
    pieces: list[str] = []
    start, acc = 0, 0.0
    for cluster, advance in clusters:
        if acc + advance > limit + 1e-9 and cluster > start:
            end = cluster
            while end - start > 1 and font.word_width(word[start:end]) > limit + 1e-9:
                end -= 1  # the pair at the cut lost its kerning: step back to fit
            pieces.append(word[start:end])
            acc = font.word_width(word[end:cluster]) if end < cluster else 0.0
            start = end
        acc += advance
    pieces.append(word[start:])
    return pieces
