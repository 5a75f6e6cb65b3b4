"""A template's values read off an organisation's master: fonts, colours, sizes, margins.

Everything here can still be overridden in the template's own template.toml; these are the
defaults that make a master usable with no settings at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefer.errors import TemplateError
from briefer.master.fonts import font_file
from briefer.master.model import MasterFile

MIN_FOOTER = 9.0  # nothing on a slide smaller than this, whatever the master says


def _scaled_min(size: float, floor: float) -> float:
    return float(min(size, max(floor, round(size * 0.7))))


def template_values(master: MasterFile, folder: Path) -> dict[str, Any]:
    content = master.layout("content")
    cover = master.layout("title")
    title = content.placeholder("title", "ctrTitle")
    body = content.bodies()[0] if content.bodies() else None
    ctr = cover.placeholder("ctrTitle", "title")
    sub = cover.placeholder("subTitle", "body")
    foot = content.placeholder("ftr", "dt", "sldNum")
    heading_size = title.size if title is not None else 32.0
    body_size = body.size if body is not None else 20.0
    c = master.colors
    fonts: dict[str, Any] = {}
    problems: list[str] = []
    for role, family, bold in (("heading", master.heading_font, title is not None and title.bold),
                               ("body", master.body_font, False)):
        path, exact = font_file(family, bold, folder)
        if not exact:
            problems.append(f"font '{family}' has no metric-compatible font in briefer; text is "
                            "measured with a wider stand-in (put its .ttf files beside the master "
                            "to measure it exactly)")
        fonts[role] = {"name": family, "file": str(path.name) if path.parent == folder
                       else path.name, "bold": bold}
    colors = {
        "background": content.background,
        "text": c.get("dk1", "#000000"),
        "title": (title.color if title is not None and title.color else c.get("dk1", "#000000")),
        "accent": c.get("accent1", "#1F4E79"),
        "accent_text": c.get("lt1", "#FFFFFF"),
        "muted": c.get("dk2", "#6B7280"),
        "rule": c.get("accent1", "#1F4E79"),
        "title_background": cover.background,
        "title_text": (ctr.color if ctr is not None and ctr.color else c.get("dk1", "#000000")),
        "tile": c.get("lt2", "#EEF2F7"),
    }
    sizes = {
        "heading": heading_size,
        "min_heading": _scaled_min(heading_size, 14.0),
        "title": ctr.size if ctr is not None else 40.0,
        "subtitle": min(sub.size if sub is not None else 20.0, 40.0),
        "body": body_size,
        "min_body": _scaled_min(body_size, 12.0),
        "footer": max(MIN_FOOTER, foot.size if foot is not None else 10.0),
        "figure": min(200.0, max(32.0, round(heading_size * 1.3))),
    }
    limit = min(master.width, master.height) / 4
    margins = {"left": 36.0, "right": 36.0, "top": 28.0, "bottom": 24.0}
    if body is not None:
        margins = {"left": body.x, "right": master.width - body.x - body.w,
                   "top": title.y if title is not None else body.y,
                   "bottom": master.height - body.y - body.h}
    margins = {k: max(0.0, min(limit, v)) for k, v in margins.items()}
    return {"fonts": fonts, "colors": {k: v for k, v in colors.items() if v}, "sizes": sizes,
            "margins": margins, "problems": problems}


def check_room(master: MasterFile, sizes: dict[str, float], line_spacing: float) -> None:
    """The content layout's body must hold three lines at the minimum size."""
    content = master.layout("content")
    bodies = content.bodies()
    if not bodies:
        raise TemplateError(f"master {master.path.name}: the '{content.name}' layout has no body "
                            "placeholder for key points")
    body = bodies[0]
    room = body.h - body.insets[1] - body.insets[3]
    if room < 3 * sizes["min_body"] * line_spacing:
        raise TemplateError(f"master {master.path.name}: the body of '{content.name}' is too small "
                            f"for text ({room:.0f} pt high)")
