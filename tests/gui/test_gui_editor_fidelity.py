"""The editor keeps what the user meant: a timeline date that is not one is never stored, a
section made in the app takes its id from the title typed for it and keeps it, and links in
key points survive the text box. Driven through the window's own widgets and keys, then read
back from the exported PowerPoint and PDF, the undo stack and the saved deck."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from briefer.gui.section_editors import BAD

from .helpers import wait_preview
from .test_gui_editor import (
    _click,
    _editor,
    _export,
    _pdf_text,
    _pptx_text,
    _redo,
    _select,
    _type_into_cell,
    _undo,
)

FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


def _focus(qtbot, window, widget) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def _texts(window, sid: str) -> list[str]:
    return [p.text for p in window.document.deck.section(sid).points]


def _labels(window) -> list[str]:
    stack = window.document.undo_stack
    return [stack.text(i) for i in range(stack.count())]


# ------------------------------------------------------------------ timeline dates
def test_a_date_that_is_not_one_stays_red_to_fix_and_is_never_stored(qtbot, make_window,
                                                                      tmp_path):
    window = make_window()
    _select(window, "timeline")
    pairs = _editor(window).timeline
    grid = pairs.grid
    stack = window.document.undo_stack
    original = window.document.deck.section("timeline").points
    assert grid.item(2, 0).text() == "2019-07"

    # while typing, the cell's editor turns red once the text can no longer become a date
    _focus(qtbot, window, grid)
    grid.setCurrentCell(2, 0)
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: any(e.isVisible() for e in grid.findChildren(QLineEdit)))
    editor = next(e for e in grid.findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, "2019-1")
    assert editor.styleSheet() == "" and editor.toolTip() == ""  # may still become 2019-12
    qtbot.keyClicks(editor, "3")
    assert BAD.name() in editor.styleSheet() and FORMS in editor.toolTip()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.item(2, 0).text() == "2019-13")

    # committed: the text stays, red, to be fixed; nothing is stored, nothing to undo
    cell = grid.item(2, 0)
    assert cell.text() == "2019-13" and cell.background().color() == BAD
    assert "“2019-13” is not a month that exists" in cell.toolTip() and FORMS in cell.toolTip()
    assert pairs.problem.isVisibleTo(window)
    assert "Not stored: the slides keep “2019-07”" in pairs.problem.text()
    assert "2019-13" in window.status_message() and FORMS in window.status_message()
    assert window.document.deck.section("timeline").points == original
    assert stack.count() == 0 and not window.isWindowModified()

    # the rest of the row still edits: its event is stored with the row's last valid date
    wait_preview(qtbot, window, lambda: _type_into_cell(qtbot, grid, 2, 1,
                                                         "Removed from the F-35 programme"))
    assert _texts(window, "timeline")[2] == "2019-07: Removed from the F-35 programme"
    assert grid.item(2, 0).text() == "2019-13" and stack.count() == 1  # still there to fix
    for path in (_export(qtbot, window, tmp_path / "kept.pptx"),
                 _export(qtbot, window, tmp_path / "kept.pdf")):
        text = " ".join((_pptx_text(path) if path.suffix == ".pptx" else _pdf_text(path)).split())
        assert "JUL 2019" in text and "Removed from the F-35 programme" in text, path
        assert "2019-13" not in text and "2019-07" not in text, path  # staff-brief's style

    # a new event whose date is wrong from the start stays off the slides
    grid.setCurrentCell(grid.rowCount() - 1, 0)
    _click(qtbot, pairs.buttons["add"])
    row = grid.rowCount() - 1
    _type_into_cell(qtbot, grid, row, 0, "2018-02-30")
    _type_into_cell(qtbot, grid, row, 1, "Talks in Ankara")
    assert not any("Talks in Ankara" in t for t in _texts(window, "timeline"))
    assert "the event stays off the slides" in pairs.problem.text() and stack.count() == 1
    window.refresh_preview()
    assert not any("Talks in Ankara" in t for t in window.laid.texts())

    # fixed: each date is stored, one undo step each
    wait_preview(qtbot, window, lambda: _type_into_cell(qtbot, grid, 2, 0, "2019-06"))
    wait_preview(qtbot, window, lambda: _type_into_cell(qtbot, grid, row, 0, "2018-02-28"))
    assert not pairs.problem.isVisibleTo(window) and grid.item(2, 0).background().style() \
        == Qt.BrushStyle.NoBrush
    texts = _texts(window, "timeline")
    assert texts[2] == "2019-06: Removed from the F-35 programme"
    assert texts[-1] == "2018-02-28: Talks in Ankara"
    assert stack.count() == 3
    pptx = _pptx_text(_export(qtbot, window, tmp_path / "fixed.pptx"))
    pdf = _pdf_text(_export(qtbot, window, tmp_path / "fixed.pdf"))
    for text in (" ".join(pptx.split()), " ".join(pdf.split())):
        assert "JUN 2019" in text and "28 FEB 18" in text and "Talks in Ankara" in text
        assert "2019-13" not in text and "2018-02-30" not in text

    _undo(qtbot, window)
    assert not any("Talks" in t for t in _texts(window, "timeline"))
    _undo(qtbot, window)
    assert _texts(window, "timeline")[2] == "2019-07: Removed from the F-35 programme"
    assert grid.item(2, 0).text() == "2019-07"
    _redo(qtbot, window)
    _redo(qtbot, window)
    assert _texts(window, "timeline")[-1] == "2018-02-28: Talks in Ankara"
