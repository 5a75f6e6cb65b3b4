"""Section list: tick, reorder, keyboard; the preview and the exports follow."""

from __future__ import annotations

from pptx import Presentation
from pypdf import PdfReader
from PySide6.QtCore import Qt

from briefer.gui.section_list import SECTION_ID, SLIDE_COUNT

from .helpers import wait_preview


def _row(window, section_id: str):
    model = window.sections.model
    return model.index(model.row_of(section_id))


def _export(qtbot, window, path):
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000) as blocker:
        window.start_export(path)
    assert blocker.args[0] == path
    return path


def _pptx_titles(path):
    titles = []
    for slide in Presentation(str(path)).slides:
        names = {shape.name: shape for shape in slide.shapes}
        titles.append(names["title"].text_frame.text if "title" in names else "")
    return titles


def test_starts_on_builtin_analysis(make_window):
    window = make_window()
    model = window.sections.model
    assert model.rowCount() == len(window.document.deck.analysis.sections) >= 10
    assert window.windowTitle().startswith("Untitled")
    assert not window.isWindowModified()
    assert window.preview.model.rowCount() == len(window.laid.slides) > 10
    assert window.preview.badge.text() == "UNCLASSIFIED"
    assert model.index(0).data(SLIDE_COUNT) >= 1
    assert window.sections.current_id() == model.section_id(0)


def test_untick_and_reorder_follow_in_preview_and_export(qtbot, make_window, tmp_path):
    window = make_window()
    before = window.preview.model.rowCount()
    background = _row(window, "background")
    title = background.data()
    assert background.data(SLIDE_COUNT) == 1

    wait_preview(qtbot, window, lambda: window.sections.model.setData(
        background, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole))
    assert window.preview.model.rowCount() == before - 1
    assert _row(window, "background").data(SLIDE_COUNT) == 0
    assert window.isWindowModified()
    pptx = _export(qtbot, window, tmp_path / "out.pptx")
    titles = _pptx_titles(pptx)
    assert len(titles) == before - 1
    assert title not in titles

    wait_preview(qtbot, window, lambda: window.sections.model.move("outlook", 0))
    assert window.sections.model.section_id(0) == "outlook"
    slides = window.laid.slides
    order = [s.section_id for s in slides if s.section_id]
    assert order.index("outlook") < order.index("bluf") or order[0] == "bluf"  # BLUF is pulled first
    main = [s for s in order if s not in ("bluf", "recommendation", "options")]
    assert main[0] == "outlook"
    pdf = _export(qtbot, window, tmp_path / "out.pdf")
    pages = [page.extract_text() for page in PdfReader(str(pdf)).pages]
    assert len(pages) == len(slides)
    outlook_title = window.document.deck.section("outlook").title
    first_main = next(i for i, s in enumerate(slides) if s.section_id == "outlook")
    assert outlook_title.split()[0] in pages[first_main]

    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    window.refresh_preview()
    assert window.preview.model.rowCount() == before


def test_select_none_and_all(qtbot, make_window):
    window = make_window()
    wait_preview(qtbot, window, window.actions_["select_none"].trigger)
    assert window.document.deck.selected_ids == ()
    assert any("no sections" in str(w) for w in window.warnings)
    assert window.warnings_panel.list.count() >= 1
    wait_preview(qtbot, window, window.actions_["select_all"].trigger)
    assert len(window.document.deck.selected_ids) == len(window.document.deck.entries)
    window.document.undo_stack.undo()
    assert window.document.deck.selected_ids == ()


def test_keyboard_space_toggles_and_ctrl_arrows_move(qtbot, make_window):
    window = make_window()
    view = window.sections.view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.setCurrentIndex(_row(window, "background"))
    row = window.sections.model.row_of("background")
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert "background" not in window.document.deck.selected_ids
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert "background" in window.document.deck.selected_ids
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.sections.model.row_of("background") == row + 1
    assert view.currentIndex().data(SECTION_ID) == "background"
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.sections.model.row_of("background") == row
    assert window.document.undo_stack.count() == 4


def test_drop_between_rows_moves_the_dragged_section(make_window):
    window = make_window()
    view = window.sections.view
    view.setCurrentIndex(_row(window, "bluf"))
    third = view.visualRect(window.sections.model.index(3))
    assert view.drop_row(third.bottom() - 1) == 4
    view.move_requested.emit("bluf", 3)
    assert window.sections.model.section_id(3) == "bluf"


def test_filter_hides_rows(make_window):
    window = make_window()
    panel = window.sections
    panel.filter.setText("russia")
    visible = [r for r in range(panel.model.rowCount()) if not panel.view.isRowHidden(r)]
    assert [panel.model.section_id(r) for r in visible] == ["russia-position"]
    panel.filter.clear()
    assert not any(panel.view.isRowHidden(r) for r in range(panel.model.rowCount()))


def test_secret_section_raises_the_marking(qtbot, make_window, small_analysis):
    window = make_window(small_analysis)
    assert window.document.deck.analysis_ref == str(small_analysis.resolve())
    assert window.preview.badge.text() == "SECRET"
    assert "#C8102E" in window.preview.badge.styleSheet()
    sec = _row(window, "sec")
    wait_preview(qtbot, window, lambda: window.sections.model.setData(
        sec, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole))
    assert window.preview.badge.text() == "UNCLASSIFIED"
    assert "#007A33" in window.preview.badge.styleSheet()
    wait_preview(qtbot, window, window.document.undo_stack.undo)
    assert window.preview.badge.text() == "SECRET"
