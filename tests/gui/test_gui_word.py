"""The app opens Word analyses like Markdown ones: Open, drag-and-drop, and the reader's
warnings listed with the layout's."""

from __future__ import annotations

import warnings

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from briefer.gui.prompts import ANALYSIS_FILTERS
from tests.source import docx_factory as f


def test_open_a_word_analysis_and_see_its_warnings(qtbot, make_window, prompts, tmp_path):
    d = f.new_document()
    d.add_paragraph("Word report", style="Title")
    d.add_paragraph("Stray paragraph")
    d.add_heading("Only part", 1)
    d.add_paragraph("A point", style="List Bullet")
    source = f.save(d, tmp_path / "report.docx")
    window = make_window()
    prompts.open_answers.append(source)
    with qtbot.waitSignal(window.preview_updated, timeout=30_000):
        window.actions_["open_analysis"].trigger()
    assert window.document.deck.analysis.meta.title == "Word report"
    assert window.document.path is None  # a new, unsaved deck of the analysis
    panel = window.warnings_panel.list
    shown = [panel.item(i).text() for i in range(panel.count())]
    assert any("report.docx: 1 paragraph before the first heading left out" in s for s in shown)


def test_dropping_a_word_file_opens_it(qtbot, make_window, tmp_path):
    source = f.report(tmp_path / "dropped.docx")
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    with warnings.catch_warnings():  # Qt 6.12 marks the only QDragEnterEvent constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.preview.view, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.preview.view, drop)
    qtbot.waitUntil(lambda: window.document.deck.analysis.meta.title == "Türkiye and the S-400")
    assert window.sections.model.rowCount() == 4


def test_the_open_dialog_offers_word_files():
    assert ANALYSIS_FILTERS.startswith("Analyses (*.md *.markdown *.docx)")
    assert "Word documents (*.docx)" in ANALYSIS_FILTERS
