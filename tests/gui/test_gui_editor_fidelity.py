"""The editor keeps what the user meant: a timeline date that is not one is never stored, a
section made in the app takes its id from the title typed for it and keeps it, and links in
key points survive the text box. Driven through the window's own widgets and keys, then read
back from the exported PowerPoint and PDF, the undo stack and the saved deck."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from briefer.gui.section_editors import BAD
from briefer.source.model import Bullet

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
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


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


# ------------------------------------------------------------------ ids of new sections
def test_a_new_section_takes_its_id_from_the_title_typed_for_it(qtbot, make_window, prompts,
                                                               small_analysis, tmp_path):
    window = make_window(small_analysis)
    view = window.sections.view
    _select(window, "first")
    _focus(qtbot, window, view)
    wait_preview(qtbot, window, lambda: qtbot.keyClick(view, Qt.Key.Key_N, CTRL_SHIFT))
    title = _editor(window).title
    qtbot.waitUntil(title.hasFocus)
    qtbot.keyClicks(title, "Late development")
    deck = window.document.deck
    assert deck.order == ("first", "late-development", "sec", "last")
    assert window.sections.current_id() == "late-development"
    assert "“late-development” · made in this deck" in _editor(window).heading.text()
    qtbot.keyClick(title, Qt.Key.Key_Return)  # named: from now on the id stays
    qtbot.keyClicks(title, " (revised)")
    deck = window.document.deck
    assert deck.order == ("first", "late-development", "sec", "last")
    assert deck.section("late-development").title == "Late development (revised)"
    assert _labels(window) == ["Add section “New section”", "Name section “Late development”",
                               "Edit title of “Late development”"]

    # undo and redo of the naming: the section stays the one shown, under each id
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.deck.order[1] == "new-section"
    assert window.sections.current_id() == "new-section" and title.text() == "New section"
    assert _editor(window).section_id == "new-section"
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL_SHIFT)
    assert window.sections.current_id() == "late-development"
    assert title.text() == "Late development (revised)"

    # a title that gives an id in use, or a deleted section's (undo brings it back), gets -2
    _select(window, "sec")
    _focus(qtbot, window, view)
    wait_preview(qtbot, window, lambda: qtbot.keyClick(view, Qt.Key.Key_Delete))
    for typed, sid in (("Last", "last-2"), ("Sec", "sec-2")):
        _focus(qtbot, window, view)
        wait_preview(qtbot, window, lambda: qtbot.keyClick(view, Qt.Key.Key_N, CTRL_SHIFT))
        qtbot.waitUntil(title.hasFocus)
        qtbot.keyClicks(title, typed)
        qtbot.keyClick(title, Qt.Key.Key_Return)
        assert window.sections.current_id() == sid
        assert window.document.deck.section(sid).title == typed

    # a copy is named after its title, and renamed straight away (F2) it follows the new one
    _select(window, "late-development")
    _focus(qtbot, window, view)
    wait_preview(qtbot, window, lambda: qtbot.keyClick(view, Qt.Key.Key_D,
                                                       Qt.KeyboardModifier.ControlModifier))
    assert window.sections.current_id() == "late-development-revised-copy"
    _focus(qtbot, window, view)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(title.hasFocus)
    qtbot.keyClicks(title, "Border crossings")
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert window.sections.current_id() == "border-crossings"

    # sections imported later never take an id the deck's own sections have
    other = tmp_path / "second.md"
    other.write_text("## Late development {#late-development}\n\n- Theirs\n\n"
                     "## Border crossings\n\n- Also theirs\n", encoding="utf-8")
    prompts.open_answers.append(other)
    wait_preview(qtbot, window, window.actions_["import_sections"].trigger)
    deck = window.document.deck
    assert {"late-development-2", "border-crossings-2"} <= set(deck.order)
    assert deck.section("late-development").title == "Late development (revised)"
    assert deck.section("late-development-2").points == (Bullet("Theirs"),)

    # the saved deck keys everything by these ids; renaming a title later changes none
    path = tmp_path / "named.brief"
    prompts.save_answers.append(path)
    window.actions_["save"].trigger()
    _select(window, "border-crossings")
    _focus(qtbot, window, title)
    title.selectAll()
    qtbot.keyClicks(title, "Crossings at the border")
    window.actions_["save"].trigger()
    order = window.document.deck.order
    assert window.open_path(path, confirm=False)
    reopened = window.document.deck
    assert reopened.order == order and "border-crossings" in order
    assert reopened.section("border-crossings").title == "Crossings at the border"
    text = _pptx_text(_export(qtbot, window, tmp_path / "named.pptx"))
    for words in ("Late development (revised)", "Crossings at the border", "Theirs", "Last"):
        assert words in text, words
