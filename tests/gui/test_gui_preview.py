"""The preview draws what the exports contain: same fonts, same positions."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtGui import QImage

from briefer.deck.model import Deck
from briefer.export import export
from briefer.gui.slide_painter import render_slide
from briefer.layout import layout
from briefer.source.library import load_analysis
from briefer.templates import load_template
from tests.conftest import needs

WIDTH = 640


def _qt_image(image: QImage, path: Path) -> Image.Image:
    assert image.save(str(path))
    return Image.open(path).convert("RGB")


def _difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


@pytest.mark.slow
@needs("pdftoppm")
@pytest.mark.parametrize("template", ["staff-brief", "think-tank"])
def test_preview_matches_the_pdf_export(qapp, tmp_path, template):
    deck = Deck.new(load_analysis("s400-turkiye"), "s400-turkiye", template)
    laid, _ = layout(deck, load_template(template))
    pdf = tmp_path / "deck.pdf"
    export(deck, pdf)
    pages = [3, 4, 5, len(laid.slides) - 1]  # bullets, timeline, figures, table
    for number in pages:
        subprocess.run(["pdftoppm", "-png", "-f", str(number + 1), "-l", str(number + 1),
                        "-scale-to-x", str(WIDTH), "-scale-to-y", str(WIDTH * 9 // 16),
                        str(pdf), str(tmp_path / f"p{number}")], check=True)
    pdf_pages = {n: Image.open(next(tmp_path.glob(f"p{n}-*.png"))).convert("RGB") for n in pages}
    for number in pages:
        ours = _qt_image(render_slide(laid.drawn()[number], laid.width, laid.height, WIDTH),
                         tmp_path / f"q{number}.png")
        assert ours.size == pdf_pages[number].size
        same = _difference(ours, pdf_pages[number])
        other = _difference(ours, pdf_pages[pages[(pages.index(number) + 1) % len(pages)]])
        assert same < 8.0, (number, same)  # antialiasing and glyph rasterising only
        assert other > 2.5 * same, (number, same, other)  # and the check tells slides apart


def test_thumbnails_are_only_repainted_when_their_slide_changes(qtbot, make_window):
    from briefer.deck import edits

    window = make_window()
    window.sections.set_current("regional-lessons")  # on screen in the filmstrip
    window.refresh_preview()
    cache = window.preview.cache
    before = cache.renders
    large_before = window.preview.view_cache.renders
    doc = window.document
    with qtbot.waitSignal(window.preview_updated):
        doc.push(edits.edit_section(doc.deck, "regional-lessons",
                                    points=doc.deck.section("regional-lessons").points[:1]))
    assert cache.renders - before == 1  # only that slide's thumbnail
    assert window.preview.view_cache.renders - large_before <= 1


def test_a_section_added_renumbers_thumbnails_without_painting_them_again(qtbot, make_window):
    """Adding a section changes "n of N" on every slide; those thumbnails are their old image
    with the new number drawn on, and look exactly like slides painted from scratch."""
    window = make_window()
    window.sections.set_current("background")
    window.refresh_preview()
    cache = window.preview.cache
    before, renumbered = cache.renders, cache.renumbered
    old = window.laid.slides[1].number
    with qtbot.waitSignal(window.preview_updated):
        window.actions_["add_section"].trigger()
    assert window.laid.slides[1].number != old  # "2 of 14" is now "2 of 15"
    assert cache.renumbered - renumbered >= 3
    assert cache.renders - before <= 3  # the new section's slide and the agenda, not the rest
    model = window.preview.model
    shown = [row for row in range(model.rowCount())
             if (model.slides[row], model.page, round(136 * model.dpr), model.dpr) in cache._images]
    checked = 0
    for row in shown:
        slide = model.slides[row]
        if not any(getattr(e, "role", "").startswith("footer-") for e in slide.elements):
            continue
        fresh = render_slide(slide, model.page[0], model.page[1], round(136 * model.dpr), model.dpr)
        assert model.thumbnail(row) == fresh, slide.number  # pixel for pixel
        checked += 1
    assert checked >= 3

def test_slide_caption_is_elided_and_never_under_the_badge(qtbot, make_window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from briefer.gui.preview import PreviewPane

    laid = make_window().laid
    pane = PreviewPane()
    qtbot.addWidget(pane)
    row = max(range(len(laid.slides)), key=lambda i: len(laid.slides[i].title))
    pane.set_deck(laid, row)
    pane.badge.set_marking("TOP SECRET//NOFORN", ("#FF8C00", "#000000"))
    caption, badge = pane.caption, pane.badge
    full = f"Slide {laid.slides[row].number}  ·  {laid.slides[row].title}"
    assert caption.full_text == full

    pane.resize(1200, 700)
    pane.show()
    qtbot.waitExposed(pane)
    assert caption.text() == full and caption.toolTip() == ""

    for width in (480, 360, 260):
        pane.resize(width, 400)
        QApplication.processEvents()
        assert caption.text().endswith("…") and caption.text() != full, width
        assert caption.toolTip() == full
        assert caption.fontMetrics().horizontalAdvance(caption.text()) <= caption.width()
        assert caption.geometry().right() < badge.geometry().left()
        assert badge.width() >= badge.sizeHint().width()  # the badge is never squeezed

    pane.show_slide((row + 1) % len(laid.slides))  # a new slide's caption is elided at once
    assert caption.full_text != full
    assert caption.text() == caption.fontMetrics().elidedText(
        caption.full_text, Qt.TextElideMode.ElideRight, caption.contentsRect().width())
    pane.resize(1200, 700)
    QApplication.processEvents()
    assert caption.text() == caption.full_text and caption.toolTip() == ""
