"""One export path for the CLI and the GUI: deck → layout → renderer → file, atomically."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from briefer.deck.model import Deck
from briefer.errors import LayoutError, RenderError
from briefer.layout import layout
from briefer.layout.context import LayoutWarning
from briefer.layout.measure import keep_shaped
from briefer.render import RenderOptions, format_for, product, render_to_file
from briefer.templates import Template, load_template


def export(
    deck: Deck,
    path: Path,
    *,
    strict: bool = False,
    template: Template | None = None,
    progress: Callable[[str], None] | None = None,
    inputs: Iterable[Path] = (),
    as_product: str = "slides",
    paper: str | None = None,
    per_page: int = 3,
    strip_notes: bool = False,
) -> list[LayoutWarning]:
    """Write *deck* as *as_product* (slides, notes, handout, report) to *path* (format from the
    extension); return the layout's warnings.

    With *strict*, any warning is an error and nothing is written. *inputs* are further files the
    deck was read from (its .brief), which the output must not replace, like the analysis, the
    template's files and the pictures. *paper* (a4, letter) overrides the template's; with
    *strip_notes* the speaker notes (and the report's prose) are left out: a distribution copy.
    """
    path = Path(path)
    fmt = format_for(path, as_product)
    chosen = product(as_product, fmt)
    template = template or load_template(deck.template)
    refuse_overwriting_inputs(path, _inputs(deck, template, inputs))
    if progress:
        progress("Laying out slides…")
    laid_out, warnings = layout(deck, template)
    if not laid_out.slides:
        raise LayoutError("nothing to export: no sections are selected and every standard slide is off")
    if strict and warnings:
        raise LayoutError(f"{warnings[0]} (and {len(warnings) - 1} more)" if len(warnings) > 1
                          else str(warnings[0]))
    options = RenderOptions(paper=paper or template.report.paper, per_page=per_page,
                            strip_notes=strip_notes)
    model: object = laid_out
    if chosen.model == "report":
        from briefer.report import build_report

        if progress:
            progress("Laying out the report…")
        model = build_report(deck, template, laid_out, strip_notes=strip_notes)
    elif strip_notes:
        model = replace(laid_out, slides=tuple(replace(s, notes="") for s in laid_out.slides))
    if progress:
        progress(f"Writing {path.name}…")
    render_to_file(model, path, fmt, as_product, options)
    keep_shaped()  # the next build measures these words and lines without HarfBuzz
    return warnings


def refuse_overwriting_inputs(path: Path, inputs: Iterable[tuple[str, Path]]) -> None:
    """A RenderError if *path* is (or links to) one of the files the deck is built from."""
    try:
        os.stat(path)
    except (OSError, ValueError):
        return  # no file there (or a name the write will report): nothing to clobber
    for what, source in inputs:
        with contextlib.suppress(OSError, ValueError):
            if os.path.samefile(path, source):
                raise RenderError(f"refusing to write {path}: it is {what} the deck is built from")


def _inputs(deck: Deck, template: Template, extra: Iterable[Path]) -> list[tuple[str, Path]]:
    """Every file the deck is read from, with what it is."""
    from briefer.images import resolve
    from briefer.source.library import resolve_analysis

    found = [("the deck file", Path(path)) for path in extra]
    with contextlib.suppress(Exception):  # the analysis was read already: this cannot fail
        found.append(("the analysis", resolve_analysis(deck.analysis_ref)))
    found += [(f"the font {font.file.name}", font.file)
              for font in (template.heading_font, template.body_font)]
    if template.master is not None:
        found.append((f"the master {template.master.path.name}", template.master.path))
    if (template.folder / "template.toml").exists():  # a master file alone names no folder
        with contextlib.suppress(OSError):
            found += [(f"the template file {child.name}", child) for child in template.folder.iterdir()]
    for section in deck.analysis.sections:
        for image in (i for i in section.images if i.data is None):  # others live in the analysis
            with contextlib.suppress(Exception):  # an unusable reference is a layout warning
                found.append((f"the picture {image.path}", resolve(deck.analysis.folder, image.path)))
    return found
