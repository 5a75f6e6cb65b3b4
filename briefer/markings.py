"""Classification markings: the deck's banner is the highest marking among what it shows."""

from __future__ import annotations

from collections.abc import Iterable

from briefer.templates import Marking

PORTION_ABBREVIATIONS = {
    "UNCLASSIFIED": "U",
    "CUI": "CUI",
    "CONFIDENTIAL": "C",
    "SECRET": "S",
    "TOP SECRET": "TS",
}


def level_of(marking: str, scale: Marking) -> int | None:
    """Rank of a marking on the scale; 'SECRET//NOFORN' ranks as SECRET. None if not on it."""
    text = marking.strip().upper()
    best: int | None = None
    for rank, level in enumerate(scale.levels):
        matches = text == level or text.startswith((level + "//", level + " "))
        if matches and (best is None or len(scale.levels[best]) < len(level)):
            best = rank
    return best


def highest(markings: Iterable[str], scale: Marking) -> tuple[str, list[str]]:
    """The highest marking and the markings that are not on the scale (to warn about)."""
    top, top_rank = "", -1
    unknown: list[str] = []
    for marking in markings:
        if not marking or not marking.strip():
            continue
        rank = level_of(marking, scale)
        if rank is None:
            unknown.append(marking)
            continue
        if rank > top_rank or (rank == top_rank and len(marking) > len(top)):
            top, top_rank = marking.strip().upper(), rank
    if unknown and top_rank <= 0:  # a marking the scale does not know is never silently dropped
        top = unknown[0].strip().upper()
    return top, unknown


def banner_colors(marking: str, scale: Marking) -> tuple[str, str]:
    rank = level_of(marking, scale)
    if rank is None:
        return ("#4B5563", "#FFFFFF")
    return scale.colors.get(scale.levels[rank], ("#4B5563", "#FFFFFF"))


def portion_mark(marking: str, scale: Marking) -> str:
    rank = level_of(marking, scale)
    if rank is None:
        return ""
    level = scale.levels[rank]
    return f"({PORTION_ABBREVIATIONS.get(level, level)})"
