"""Notes pages and handouts as PDF: paper pages (layout/paper.py) drawn through the PDF canvas."""

from __future__ import annotations

from typing import BinaryIO

from briefer.layout.model import LaidOutDeck
from briefer.layout.paper import PaperPage, handout_pages, notes_pages
from briefer.render.draw import draw_elements, draw_slide
from briefer.render.options import RenderOptions
from briefer.render.pdf import PdfCanvas


def render_notes(deck: LaidOutDeck, out: BinaryIO, options: RenderOptions) -> None:
    _render(deck, notes_pages(deck, options.paper), out)


def render_handout(deck: LaidOutDeck, out: BinaryIO, options: RenderOptions) -> None:
    _render(deck, handout_pages(deck, options.paper, options.per_page), out)


def _render(deck: LaidOutDeck, pages: list[PaperPage], out: BinaryIO) -> None:
    pdf = PdfCanvas(deck.fonts, deck.info, deck.lang)
    for page in pages:
        pdf.page(page.width, page.height)
        for slide, box in page.slides:
            draw_slide(pdf, deck, slide, box)
        draw_elements(pdf, page.elements)  # after the slides: their hairline frames go on top
        for title in page.bookmarks:
            pdf.bookmark(title)
    pdf.finish(out)
