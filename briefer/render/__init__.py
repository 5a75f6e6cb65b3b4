"""Renderers draw a laid-out model and nothing else. The registry maps (product, format) to one.

Products are renderers of one model: slides, notes pages and handouts draw the `LaidOutDeck`;
the written report draws the `Report` laid out from the same deck (briefer/report/). The CLI's
`--as` and the app's Export menu are built from `PRODUCTS`.

Renderer modules import their heavy libraries lazily, so asking which products exist is cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from briefer.errors import RenderError
from briefer.fileio import write_atomic
from briefer.records import record
from briefer.render.options import RenderOptions

__all__ = ["PRODUCTS", "Product", "RenderOptions", "format_for", "product", "render_to_file",
           "renderer"]

Renderer = Callable[[Any, BinaryIO, RenderOptions], None]


@record
class Product:
    """One product in one format and the function that renders it (imported when first used)."""

    name: str  # slides | notes | handout | report
    fmt: str  # the file extension
    module: str
    function: str
    label: str  # what the app's Export menu says
    model: str = "slides"  # what it draws: the laid-out "slides" or the "report"

    def load(self) -> Renderer:
        function = getattr(importlib.import_module(self.module), self.function)
        if self.function == "render" and self.model == "slides":  # these take no options
            return lambda model, out, options: function(model, out)
        return function


PRODUCTS: dict[tuple[str, str], Product] = {
    (p.name, p.fmt): p
    for p in (
        Product("slides", "pptx", "briefer.render.pptx", "render", "Slides (PowerPoint)…"),
        Product("slides", "pdf", "briefer.render.pdf", "render", "Slides (PDF)…"),
        Product("notes", "pdf", "briefer.render.paper", "render_notes", "Notes pages (PDF)…"),
        Product("handout", "pdf", "briefer.render.paper", "render_handout", "Handout (PDF)…"),
        Product("report", "pdf", "briefer.render.report_pdf", "render", "Report (accessible PDF)…",
                "report"),
        Product("report", "docx", "briefer.render.report_docx", "render", "Report (Word)…", "report"),
    )
}
PRODUCT_NAMES = tuple(dict.fromkeys(name for name, _ in PRODUCTS))
FORMATS: dict[str, tuple[str, str]] = {  # the slide formats, by extension (kept for callers)
    fmt: (p.module, p.label) for (name, fmt), p in PRODUCTS.items() if name == "slides"
}


def _formats(name: str) -> list[str]:
    return [fmt for (product_name, fmt) in PRODUCTS if product_name == name]


def product(name: str, fmt: str) -> Product:
    if name not in PRODUCT_NAMES:
        raise RenderError(f"unknown product '{name}' (use {', '.join(PRODUCT_NAMES)})")
    found = PRODUCTS.get((name, fmt))
    if found is None:
        known = ", ".join(f".{f}" for f in _formats(name))
        raise RenderError(f"{name} cannot be written as '.{fmt}' (use {known})")
    return found


def renderer(fmt: str) -> Callable[[Any, BinaryIO], None]:
    """The slide renderer for *fmt* (two arguments: the laid-out deck and the output)."""
    draw = product("slides", fmt).load()
    return lambda deck, out: draw(deck, out, RenderOptions())


def format_for(path: Path, name: str = "slides") -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    known = _formats(name)
    if suffix not in known:
        listed = ", ".join(f".{f}" for f in known)
        shown = f"'.{suffix}'" if suffix else "no extension"
        if name != "slides":
            raise RenderError(f"--as {name} writes {listed}, not {shown}")
        raise RenderError(f"cannot tell the output format from {shown} (use {listed})")
    return suffix


def render_to_file(model: Any, path: Path, fmt: str | None = None, name: str = "slides",
                   options: RenderOptions | None = None) -> None:
    """Render atomically: the file at *path* is either complete and new, or untouched."""
    draw = product(name, fmt or format_for(path, name)).load()
    settings = options or RenderOptions()
    write_atomic(Path(path), lambda handle: draw(model, handle, settings))
