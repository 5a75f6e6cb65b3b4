"""Renderers draw a LaidOutDeck and nothing else. The registry maps a format name to one.

Renderer modules import their heavy libraries lazily, so asking which formats exist is cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from briefer.errors import RenderError
from briefer.fileio import write_atomic
from briefer.layout.model import LaidOutDeck

Renderer = Callable[[LaidOutDeck, BinaryIO], None]

FORMATS: dict[str, tuple[str, str]] = {
    "pptx": ("briefer.render.pptx", "PowerPoint presentation"),
    "pdf": ("briefer.render.pdf", "PDF document"),
}


def renderer(fmt: str) -> Renderer:
    try:
        module_name, _ = FORMATS[fmt]
    except KeyError:
        known = ", ".join(f".{f}" for f in FORMATS)
        raise RenderError(f"unsupported output format '.{fmt}' (use {known})") from None
    return importlib.import_module(module_name).render


def format_for(path: Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        known = ", ".join(f".{f}" for f in FORMATS)
        shown = f"'.{suffix}'" if suffix else "no extension"
        raise RenderError(f"cannot tell the output format from {shown} (use {known})")
    return suffix


def render_to_file(deck: LaidOutDeck, path: Path, fmt: str | None = None) -> None:
    """Render atomically: the file at *path* is either complete and new, or untouched."""
    draw = renderer(fmt or format_for(path))
    write_atomic(Path(path), lambda handle: draw(deck, handle))
