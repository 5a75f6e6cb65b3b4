"""A deck built from a blank analysis the night before a brief, from the keyboard: what a new
user met (a new section's stand-in point typed onto or turned into a timeline event, a figure
or a table row; a sub-point that Enter did not continue), driven through the window's own
actions and keys, and read back from the exported PowerPoint and PDF."""

from __future__ import annotations

from pptx import Presentation
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from briefer.deck.edits import NEW_POINT
from briefer.source.model import Bullet

from .helpers import wait_preview, wait_ready
from .test_gui_editor import _choose, _editor, _export, _pdf_text, _type_into_cell, _undo

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _blank(qtbot, window, prompts) -> None:
    """File ▸ New ▸ Blank analysis, as chosen in the New box."""
    prompts.new_answer = "blank"
    window.actions_["new"].trigger()
    wait_ready(qtbot, window)


def _add_section(qtbot, window, title: str) -> str:
    """Ctrl+Shift+N, then the title typed straight away; the new section's id."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    wait_preview(qtbot, window, lambda: qtbot.keyClick(QApplication.focusWidget() or window,
                                                       Qt.Key.Key_N, CTRL_SHIFT))
    title_box = _editor(window).title
    qtbot.waitUntil(title_box.hasFocus)
    qtbot.keyClicks(title_box, title)
    return window.sections.current_id()


def _tab(qtbot, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def _levels(path, title: str) -> list[tuple[int, str]]:
    """(level, text) of the body paragraphs of the PPTX slide titled *title*."""
    for slide in Presentation(str(path)).slides:
        if slide.shapes.title is not None and slide.shapes.title.text == title:
            body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
            return [(p.level, p.text) for p in body.text_frame.paragraphs]
    raise AssertionError(f"no slide {title!r}")


def test_a_new_sections_stand_in_point_is_typed_over_and_is_no_event_figure_or_row(
        qtbot, make_window, prompts, tmp_path):
    window = make_window()
    _blank(qtbot, window, prompts)
    assert window.slide_count.text().startswith("1 slide  ·")  # the title slide alone

    # title, then Tab to the key points (kind, role, marking between) and type: the stand-in
    # point is replaced, not typed onto
    sid = _add_section(qtbot, window, "Situation")
    _tab(qtbot, 4)
    bullets = _editor(window).bullets
    assert bullets.hasFocus() and bullets.textCursor().selectedText() == NEW_POINT
    wait_preview(qtbot, window, lambda: qtbot.keyClicks(bullets, "Radars stored at Murted"))
    assert window.document.deck.section(sid).points == (Bullet("Radars stored at Murted"),)

    # a new section made a timeline, key figures or a table starts empty
    editor = _editor(window)
    dates = _add_section(qtbot, window, "Key dates")
    wait_preview(qtbot, window, lambda: _choose(qtbot, editor.kind, "Timeline"))
    assert window.document.deck.section(dates).points == ()
    assert editor.timeline.pairs() == [("", "")]  # a blank row to type into, not stored
    wait_preview(qtbot, window, lambda: _type_into_cell(qtbot, editor.timeline.grid, 0, 0,
                                                        "2019-07"))
    wait_preview(qtbot, window, lambda: _type_into_cell(qtbot, editor.timeline.grid, 0, 1,
                                                        "First deliveries"))
    figures = _add_section(qtbot, window, "Key figures")
    wait_preview(qtbot, window, lambda: _choose(qtbot, editor.kind, "Key figures"))
    assert window.document.deck.section(figures).points == ()
    assert editor.figures.pairs() == [("", "")]
    table = _add_section(qtbot, window, "Options")
    wait_preview(qtbot, window, lambda: _choose(qtbot, editor.kind, "Table"))
    assert window.document.deck.section(table).table.rows == (("", ""),)
    assert not any(NEW_POINT in str(w) for w in window.warnings)

    pdf = _pdf_text(_export(qtbot, window, tmp_path / "blank.pdf"))
    assert "First deliveries" in pdf and "Radars stored at Murted" in pdf
    assert NEW_POINT not in pdf

    # undone, the timeline is key points again, the stand-in back
    while window.document.deck.section(dates).kind == "timeline":
        _undo(qtbot, window)
    assert window.document.deck.section(dates).points == (Bullet(NEW_POINT),)


def test_enter_after_a_sub_point_starts_another_at_its_level(qtbot, make_window,
                                                              small_analysis, tmp_path):
    window = make_window(small_analysis)
    bullets = _editor(window).bullets
    assert bullets.toPlainText().splitlines()[-1] == "  Beta detail"
    window.activateWindow()
    bullets.setFocus()
    qtbot.waitUntil(bullets.hasFocus)
    cursor = bullets.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    bullets.setTextCursor(cursor)
    qtbot.keyClick(bullets, Qt.Key.Key_Return)
    wait_preview(qtbot, window, lambda: qtbot.keyClicks(bullets, "Gamma detail"))
    # Enter then Ctrl+[ on the new, still empty line: back to a main point
    qtbot.keyClick(bullets, Qt.Key.Key_Return)
    qtbot.keyClick(bullets, Qt.Key.Key_BracketLeft, CTRL)
    wait_preview(qtbot, window, lambda: qtbot.keyClicks(bullets, "Delta point"))
    assert window.document.deck.section("first").points == (
        Bullet("Alpha point"), Bullet("Beta point"), Bullet("Beta detail", 1),
        Bullet("Gamma detail", 1), Bullet("Delta point"))
    stack = window.document.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Edit key points of “First part”"] * 2  # each new bullet a step of its own

    pptx = _export(qtbot, window, tmp_path / "levels.pptx")
    assert _levels(pptx, "First part") == [(0, "Alpha point"), (0, "Beta point"),
                                           (1, "Beta detail"), (1, "Gamma detail"),
                                           (0, "Delta point")]


def test_a_deck_begun_blank_is_offered_a_file_name_from_its_title(qtbot, make_window, prompts,
                                                                   tmp_path):
    window = make_window()
    _blank(qtbot, window, prompts)
    _add_section(qtbot, window, "Situation")
    window.inspector.setCurrentIndex(1)
    title = window.inspector.deck_editor.fields["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "S-400 decision brief")
    deck = tmp_path / "s-400-decision-brief.brief"
    prompts.save_answers.append(deck)
    qtbot.keyClick(title, Qt.Key.Key_S, CTRL)
    assert prompts.asked[-1][:2] == ("save", "deck")
    assert prompts.asked[-1][2].name == "s-400-decision-brief.brief"  # not "briefing.brief"
    assert deck.is_file() and not window.document.modified
    prompts.save_answers.append(None)
    window.actions_["save_analysis_as"].trigger()
    assert prompts.asked[-1][2].name == "s-400-decision-brief-analysis.md"


def test_undoing_a_delete_selects_the_section_it_brings_back(qtbot, make_window,
                                                             small_analysis):
    window = make_window(small_analysis)
    view = window.sections.view
    view.setCurrentIndex(window.sections.model.index(window.sections.model.row_of("sec")))
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    wait_preview(qtbot, window, lambda: qtbot.keyClick(view, Qt.Key.Key_Delete))
    assert window.sections.current_id() == "last"
    assert "Undo (Ctrl+Z) brings it back" in window.status_message()
    wait_preview(qtbot, window, lambda: qtbot.keyClick(view, Qt.Key.Key_Z, CTRL))
    assert window.document.deck.order == ("first", "sec", "last")
    assert window.sections.current_id() == "sec"  # the section back is the one shown
    assert _editor(window).title.text() == "Secret bit"
    assert window.status_message() == "Undone: Delete “Secret bit” (1 slide)"
    assert any(s.section_id == "sec" for s in window.laid.slides)
    assert window.laid.slides[window.preview.current].section_id == "sec"


def test_a_narrow_window_never_cuts_the_section_form_at_the_side(qtbot, make_window):
    """Squeezed by a small window or the splitter, the inspector stays as wide as its forms
    (they scroll only up and down): labels, the table's buttons and the timeline's date column
    stay in view, for every kind of section."""
    from PySide6.QtWidgets import QScrollArea

    window = make_window()
    window.resize(760, 700)
    window.main_splitter.setSizes([220, 10_000, 1])  # the user drags the inspector narrower
    qtbot.wait(50)
    form = _editor(window).form
    area = next(a for a in window.inspector.findChildren(QScrollArea) if a.widget() is form)
    for sid in ("bluf", "timeline", "key-figures", "options"):
        window.sections.set_current(sid)
        qtbot.wait(20)
        assert area.horizontalScrollBar().maximum() == 0, sid
        assert area.viewport().width() >= form.minimumSizeHint().width(), sid
        title = _editor(window).title
        assert title.visibleRegion().boundingRect().width() == title.width(), sid  # not cut off
