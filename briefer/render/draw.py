"""One drawing walk for every painter: the PDF, the preview, notes pages and handouts.

A painter implements the small `Canvas` protocol (shapes, text runs, pictures, links, and a
frame stack that places a slide anywhere at any scale); `draw_elements` dispatches on the
layout's element types once, and `draw_slide` draws a slide's whole page (master, layout,
content) into any box. Coordinates are points with the origin at the top left, as the layout
model has them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from briefer.layout.measure import FALLBACK_FILES, FALLBACK_NAME, metrics
from briefer.layout.model import (
    Font,
    Group,
    LaidOutDeck,
    Paragraph,
    Picture,
    Rect,
    Rule,
    Slide,
    Table,
    TextBox,
)

Run = tuple[float, float, str]  # x, baseline, text


class Canvas(Protocol):
    def push(self, x: float, y: float, scale: float, height: float) -> None:
        """Draw what follows in a frame *height* points tall (in its own units) whose top left
        is at (x, y) and whose units are *scale* of the enclosing frame's."""

    def pop(self) -> None:
        """Back to the enclosing frame."""

    def rect(self, x: float, y: float, w: float, h: float, fill: str | None, line: str | None,
             line_width: float, shape: str) -> None: ...

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str, width: float) -> None: ...

    def text(self, font: Font, size: float, color: str, runs: Sequence[Run]) -> None:
        """Text placed run by run at the layout's positions; within a run, glyphs follow each
        other at plain advances (`shaped` has cut runs where kerning or a ligature moves one)."""

    def picture(self, x: float, y: float, w: float, h: float, png: bytes, description: str) -> None: ...

    def link(self, url: str, x: float, y: float, w: float, h: float) -> None: ...


Box = tuple[float, float, float, float]  # x, y, w, h


def fit(deck: LaidOutDeck, box: Box) -> tuple[float, float, float]:
    """Where a slide of *deck* goes in *box*: its top left and scale, centred, aspect kept."""
    x, y, w, h = box
    scale = min(w / deck.width, h / deck.height)
    return x + (w - deck.width * scale) / 2, y + (h - deck.height * scale) / 2, scale


def draw_slide(canvas: Canvas, deck: LaidOutDeck, slide: Slide, box: Box | None = None) -> None:
    """The slide's page (background, master, layout furniture, content) scaled into *box*
    (the whole page when None)."""
    x, y, scale = fit(deck, box) if box else (0.0, 0.0, 1.0)
    canvas.push(x, y, scale, deck.height)
    draw_page(canvas, slide.background, deck.page(slide), deck.width, deck.height)
    canvas.pop()


def draw_page(canvas: Canvas, background: str, elements: Iterable[object], width: float,
              height: float) -> None:
    canvas.rect(0, 0, width, height, background, None, 0.0, "rect")
    draw_elements(canvas, elements)


def draw_elements(canvas: Canvas, elements: Iterable[object]) -> None:
    for element in elements:
        if isinstance(element, TextBox):
            draw_text(canvas, element)
        elif isinstance(element, Rect):
            canvas.rect(element.x, element.y, element.w, element.h, element.fill, element.line,
                        element.line_width, element.shape)
        elif isinstance(element, Rule):
            canvas.line(element.x1, element.y1, element.x2, element.y2, element.color, element.width)
        elif isinstance(element, Picture):
            canvas.picture(element.x, element.y, element.w, element.h, element.png,
                           element.description)
        elif isinstance(element, Table):
            draw_table(canvas, element)
        elif isinstance(element, Group):
            draw_elements(canvas, element.elements)


def draw_text(canvas: Canvas, box: TextBox) -> None:
    for paragraph in box.paragraphs:
        if not paragraph.lines:
            continue
        if paragraph.bullet:
            bullet = [(box.x + paragraph.bullet_x, paragraph.lines[0].baseline, paragraph.bullet)]
            for font, pieces in shaped(paragraph.font, paragraph.size, bullet):
                canvas.text(font, paragraph.size, paragraph.bullet_color or paragraph.color, pieces)
        if paragraph.links and not paragraph.link:
            _linked_text(canvas, paragraph)
            continue
        runs = [(line.x, line.baseline, line.text) for line in paragraph.lines if line.text]
        for font, pieces in shaped(paragraph.font, paragraph.size, runs):
            canvas.text(font, paragraph.size, paragraph.color, pieces)
        if paragraph.link:
            _links(canvas, paragraph)


def shaped(font: Font, size: float, runs: Sequence[Run]) -> list[tuple[Font, list[Run]]]:
    """*runs* cut where shaping moves a character off its plain advance (a kerned pair, a
    ligature) and where a character the font lacks is drawn in the fallback font: pieces a
    canvas draws glyph by glyph at plain advances land where the layout measured them. In
    reading order, so text extraction sees "₺1.2" as one word."""
    m = metrics(font.file)
    fallback = Font(FALLBACK_NAME, FALLBACK_FILES[m.bold], bold=m.bold)
    out: list[tuple[Font, list[Run]]] = []
    for x, baseline, chars in runs:
        places = m.placements(chars)
        for (start, at, other), (end, _, _) in zip(
                places, [*places[1:], (len(chars), 0.0, False)], strict=True):
            piece = (x + at * size, baseline, chars[start:end])
            which = fallback if other else font
            if out and out[-1][0] is which:
                out[-1][1].append(piece)
            else:
                out.append((which, [piece]))
    return out


def _links(canvas: Canvas, paragraph: Paragraph) -> None:
    assert paragraph.link
    for line in paragraph.lines:
        top = line.baseline - paragraph.size * 0.8
        canvas.link(paragraph.link, line.x, top, line.width, paragraph.size * 1.05)


def _linked_text(canvas: Canvas, paragraph: Paragraph) -> None:
    """A paragraph with links inside: the linked words underlined in the accent (the theme's
    hyperlink colour, as PowerPoint shows them), each with a link area over it on every line."""
    m = metrics(paragraph.font.file)
    size = paragraph.size
    accent = paragraph.bullet_color or paragraph.color
    pieces: list[tuple[Run, str | None, float]] = []  # in reading order, for extractors
    start = 0
    for i, line in enumerate(paragraph.lines):
        if i and not line.joined:
            start += 1  # the space the line broke at
        end = start + len(line.text)
        cuts = sorted({0, len(line.text), *(min(max(a - start, 0), len(line.text))
                                            for a, b, _ in paragraph.links),
                       *(min(max(b - start, 0), len(line.text)) for a, b, _ in paragraph.links)})
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            if lo == hi:
                continue
            x = line.x + m.width(line.text[:lo], size)
            run = (x, line.baseline, line.text[lo:hi])
            url = next((u for a, b, u in paragraph.links if a <= start + lo < b), None)
            pieces.append((run, url, line.x + m.width(line.text[:hi], size) - x))
        start = end
    group: list[Run] = []
    for i, (run, url, _) in enumerate(pieces):
        group.append(run)
        if i + 1 == len(pieces) or (pieces[i + 1][1] is None) != (url is None):
            for font, shaped_runs in shaped(paragraph.font, size, group):
                canvas.text(font, size, paragraph.color if url is None else accent, shaped_runs)
            group = []
    for (x, baseline, chars), url, width in pieces:
        if url is None:
            continue
        if chars.strip():
            canvas.line(x, baseline + size * 0.12, x + width, baseline + size * 0.12, accent,
                        max(0.5, size * 0.05))
        canvas.link(url, x, baseline - size * 0.8, width, size * 1.05)


def draw_table(canvas: Canvas, table: Table) -> None:
    y = table.y
    for row, row_h in zip(table.cells, table.row_heights, strict=True):
        x = table.x
        for cell, col_w in zip(row, table.col_widths, strict=True):
            if cell.fill:
                canvas.rect(x, y, col_w, row_h, cell.fill, None, 0.0, "rect")
            x += col_w
        y += row_h
    y = table.y
    for row_h in (0.0, *table.row_heights):
        y += row_h
        canvas.line(table.x, y, table.x + table.w, y, table.border, 0.5)
    for row in table.cells:
        for cell in row:
            draw_text(canvas, cell.box)
