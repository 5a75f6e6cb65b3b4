"""The TrueType files that measure an organisation's theme fonts.

PowerPoint lays text out with the fonts the user's machine has (Calibri, Arial …); briefer
measures and embeds metric-compatible open fonts with the same advance widths, so the line
breaks agree. A TrueType file beside the master whose family name matches is used first (the
organisation's own font); a font briefer cannot match is measured with a wider stand-in (bold
Liberation Sans), so text still never overflows, and the user is told.
"""

from __future__ import annotations

from pathlib import Path

from briefer import resources

STAND_INS = {  # family (case-folded) → regular and bold files in assets/fonts
    "calibri": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "carlito": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "arial": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "helvetica": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "liberation sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "times new roman": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "times": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "liberation serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "cambria": ("Caladea-Regular.ttf", "Caladea-Bold.ttf"),
    "caladea": ("Caladea-Regular.ttf", "Caladea-Bold.ttf"),
}
CONSERVATIVE = "LiberationSans-Bold.ttf"  # wider than most text faces: measuring with it is safe


def font_file(family: str, bold: bool, folder: Path) -> tuple[Path, bool]:
    """The file that measures *family*, and whether it is a true match (False: a stand-in)."""
    own = _beside(family, bold, folder)
    if own is not None:
        return own, True
    pair = STAND_INS.get(family.strip().casefold())
    if pair is not None:
        return resources.fonts_dir() / pair[1 if bold else 0], True
    return resources.fonts_dir() / CONSERVATIVE, False


def _beside(family: str, bold: bool, folder: Path) -> Path | None:
    """A TrueType file in *folder* whose family name is *family* (bold or regular as asked)."""
    try:
        candidates = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".ttf" and p.is_file())
    except OSError:
        return None
    wanted = family.strip().casefold()
    from briefer import limits

    for path in candidates[:50]:
        try:
            if path.stat().st_size > limits.MAX_FONT_BYTES:
                continue
            from fontTools.ttLib import TTFont

            with TTFont(str(path), lazy=True, fontNumber=0) as font:
                names = font["name"]
                name = (names.getDebugName(1) or "").casefold()
                style = (names.getDebugName(2) or "").casefold()
        except Exception:  # a damaged file is not a match; the template check reports fonts
            continue
        if name == wanted and ("bold" in style) == bold:
            return path
    return None
