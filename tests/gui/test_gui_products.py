"""File ▸ Export As lists every product the renderer registry has, and each one exports."""

from __future__ import annotations

import docx
from pypdf import PdfReader

from briefer.layout import layout
from briefer.render import PRODUCTS
from briefer.templates import load_template

from .helpers import close_export_box


def test_export_menu_is_built_from_the_registry(make_window):
    window = make_window()
    labels = [a.text() for a in window.export_menu.actions()]
    assert labels == [p.label for p in PRODUCTS.values()]
    assert set(window.export_actions) == set(PRODUCTS)


def test_each_paper_product_and_the_report_export_from_the_app(qtbot, make_window, tmp_path):
    window = make_window()
    deck = window.document.deck
    slides = len(layout(deck, load_template(deck.template))[0].slides)
    for product, name in (("notes", "n.pdf"), ("handout", "h.pdf"), ("report", "r.docx")):
        with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
            window.start_export(tmp_path / name, product)
        assert not window.export_menu.isEnabled() or not window.exporter.busy
        close_export_box(qtbot, window)
    assert len(PdfReader(tmp_path / "n.pdf").pages) == slides
    assert len(PdfReader(tmp_path / "h.pdf").pages) == -(-slides // 3)
    headings = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs
                if p.style.name == "Heading 1"]
    assert headings[0] == "Executive summary"
    assert window.export_menu.isEnabled()
