"""One export path for the CLI and the GUI: deck → layout → renderer → file, atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefer.deck.model import Deck
from briefer.errors import LayoutError
from briefer.layout import layout
from briefer.layout.context import LayoutWarning
from briefer.render import format_for, render_to_file
from briefer.templates import Template, load_template


def export(
    deck: Deck,
    path: Path,
    *,
    strict: bool = False,
    template: Template | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[LayoutWarning]:
    """Write *deck* to *path* (format from the extension); return the layout's warnings.

    With *strict*, any warning is an error and nothing is written.
    """
    path = Path(path)
    fmt = format_for(path)
    template = template or load_template(deck.template)
    if progress:
        progress("Laying out slides…")
    laid_out, warnings = layout(deck, template)
    if not laid_out.slides:
        raise LayoutError("nothing to export: no sections are selected and every standard slide is off")
    if strict and warnings:
        raise LayoutError(f"{warnings[0]} (and {len(warnings) - 1} more)" if len(warnings) > 1
                          else str(warnings[0]))
    if progress:
        progress(f"Writing {path.name}…")
    render_to_file(laid_out, path, fmt)
    return warnings
