"""Classification markings: the deck's banner is the highest marking among what it shows.

The rule, fail-safe both ways:

- Markings are compared after `normalise`: Unicode NFKC, invisible characters dropped, runs of
  spaces collapsed, upper case. "SECRET" followed by a zero-width space is SECRET, never a stranger
  that ranks below a real CUI.
- A marking that still matches no level of the template's scale is never dropped: it is shown in
  the banner beside the highest level that matched (`SECRET + NATO RESTRICTED`), or alone when
  nothing above the lowest level matched, and the layout warns about it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from briefer.templates import Marking

PORTION_ABBREVIATIONS = {
    "UNCLASSIFIED": "U",
    "CUI": "CUI",
    "CONFIDENTIAL": "C",
    "SECRET": "S",
    "TOP SECRET": "TS",
}
UNKNOWN_COLORS = ("#4B5563", "#FFFFFF")
JOIN = " + "  # between the highest known level and markings the scale does not know

# invisible but not format characters (Unicode Default_Ignorable_Code_Point outside Cf)
_IGNORABLE = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, *range(0x180B, 0x1810),
              *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}


@lru_cache(maxsize=4096)
def normalise(marking: str) -> str:
    """The form markings are compared in: NFKC, no invisible characters, single spaces, upper case."""
    text = unicodedata.normalize("NFKC", marking)
    kept = "".join(
        " " if c.isspace() else c
        for c in text
        if c.isspace() or (unicodedata.category(c) not in ("Cf", "Cc", "Cn", "Co", "Cs")
                           and ord(c) not in _IGNORABLE)
    )
    return " ".join(kept.split()).upper()


def level_of(marking: str, scale: Marking) -> int | None:
    """Rank of a marking on the scale; 'SECRET//NOFORN' ranks as SECRET. None if not on it."""
    text = normalise(marking)
    best: int | None = None
    for rank, raw_level in enumerate(scale.levels):
        level = normalise(raw_level)
        if not level:
            continue
        matches = text == level or text.startswith((level + "//", level + " "))
        if matches and (best is None or len(normalise(scale.levels[best])) < len(level)):
            best = rank
    return best


def highest(markings: Iterable[str], scale: Marking) -> tuple[str, list[str]]:
    """The deck's marking, and the markings that are not on the scale (to warn about).

    The deck's marking is the highest level found, with every unknown marking appended, so an
    unrecognised marking can never leave the deck under a lower banner.
    """
    top, top_rank = "", -1
    unknown: list[str] = []
    for marking in markings:
        text = normalise(marking or "")
        if not text:
            continue
        rank = level_of(text, scale)
        if rank is None:
            if text not in unknown:
                unknown.append(text)
            continue
        if rank > top_rank or (rank == top_rank and len(text) > len(top)):
            top, top_rank = text, rank
    if unknown:
        top = JOIN.join(([top] if top_rank > 0 else []) + unknown)
    return top, unknown


def banner_colors(marking: str, scale: Marking) -> tuple[str, str]:
    rank = level_of(marking, scale)
    if rank is None:
        return UNKNOWN_COLORS
    return scale.colors.get(scale.levels[rank], UNKNOWN_COLORS)


def portion_mark(marking: str, scale: Marking) -> str:
    """'(S)' for SECRET; a marking off the scale is shown whole rather than left out."""
    text = normalise(marking)
    if not text:
        return ""
    rank = level_of(text, scale)
    if rank is None:
        return f"({text})"
    level = scale.levels[rank]
    return f"({PORTION_ABBREVIATIONS.get(level, level)})"
