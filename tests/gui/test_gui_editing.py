"""Inspector edits: typing merges into one undo step; undo/redo; deck properties; template."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefer.deck.model import parse_bullet_lines

from .helpers import wait_preview


def _texts(window) -> str:
    return "\n".join(window.laid.texts())


def test_edit_a_bullet_then_undo_and_redo(qtbot, make_window):
    window = make_window()
    window.sections.set_current("background")
    editor = window.inspector.section_editor.bullets
    original = editor.toPlainText()
    assert "S-400" in original
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "  Zebra sub point")
    qtbot.waitSignal(window.preview_updated, timeout=2000, raising=False).wait()
    window.refresh_preview()
    section = window.document.deck.section("background")
    assert section.points[-1].text == "Zebra sub point" and section.points[-1].level == 1
    assert "Zebra sub point" in _texts(window)
    stack = window.document.undo_stack
    assert stack.count() == 1, [stack.text(i) for i in range(stack.count())]
    assert window.isWindowModified()

    wait_preview(qtbot, window, stack.undo)
    assert editor.toPlainText() == original
    assert "Zebra" not in _texts(window)
    assert window.document.deck.edits == {}
    assert not window.isWindowModified()

    wait_preview(qtbot, window, stack.redo)
    assert "Zebra sub point" in editor.toPlainText()
    assert "Zebra sub point" in _texts(window)


def test_ctrl_z_in_a_field_uses_the_one_stack(qtbot, make_window):
    window = make_window()
    window.sections.set_current("background")
    title = window.inspector.section_editor.title
    window.activateWindow()
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    title.end(False)
    qtbot.keyClicks(title, " now")
    assert window.document.deck.section("background").title == "Background now"
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.deck.section("background").title == "Background"
    assert title.text() == "Background"
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert title.text() == "Background now"


def test_indent_shortcut_makes_a_sub_bullet(qtbot, make_window):
    window = make_window()
    window.sections.set_current("financial-issues")
    editor = window.inspector.section_editor.bullets
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    cursor.movePosition(cursor.MoveOperation.NextBlock)
    editor.setTextCursor(cursor)
    before = parse_bullet_lines(editor.toPlainText())
    editor.shift_lines(1)
    after = window.document.deck.section("financial-issues").points
    assert after[1].level == min(before[1].level + 1, before[0].level + 1)


def test_typing_updates_the_preview(qtbot, make_window):
    """Each keystroke reaches the preview (its speed is measured in bench/, not here)."""
    window = make_window()
    window.sections.set_current("russia-position")
    title = window.inspector.section_editor.title
    title.setFocus()
    for typed, char in enumerate("XYZ", 1):
        wait_preview(qtbot, window, lambda c=char: qtbot.keyClicks(title, c))
        assert window.laid.slides[window.preview.current].title.endswith("XYZ"[:typed])


def test_notes_edit_and_deck_properties(qtbot, make_window):
    window = make_window()
    window.sections.set_current("background")
    notes = window.inspector.section_editor.notes
    notes.setPlainText("First paragraph.\n\nSecond one.")
    assert window.document.deck.section("background").prose == ("First paragraph.", "Second one.")
    deck_editor = window.inspector.deck_editor
    field = deck_editor.fields["presenter"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Maj Smith")
    assert window.document.deck.meta.presenter == "Maj Smith"
    wait_preview(qtbot, window, lambda: None or window.refresh_preview())
    assert "Maj Smith" in _texts(window)
    cls = deck_editor.fields["classification"]
    cls.setFocus()
    cls.selectAll()
    qtbot.keyClicks(cls, "SECRET")
    window.refresh_preview()
    assert window.preview.badge.text() == "SECRET"
    undo_texts = [window.document.undo_stack.text(i) for i in range(window.document.undo_stack.count())]
    assert len(undo_texts) == 3, undo_texts


def test_template_picker_changes_template_and_is_undoable(qtbot, make_window, isolated_dirs):
    window = make_window()
    picker = window.inspector.template_picker
    names = picker.names()
    assert {"staff-brief", "think-tank", "plain"} <= set(names)
    for row in range(picker.list.count()):
        assert picker.list.item(row).data(Qt.ItemDataRole.UserRole + 3) is not None  # thumbnail
    wait_preview(qtbot, window, lambda: picker.list.setCurrentRow(names.index("think-tank")))
    assert window.document.deck.template == "think-tank"
    assert window.slide_count.text().endswith("think-tank")
    assert window.settings.last_template() == "think-tank"
    wait_preview(qtbot, window, window.document.undo_stack.undo)
    assert window.document.deck.template == "staff-brief"
    assert picker.list.currentItem().data(Qt.ItemDataRole.UserRole + 1) == "staff-brief"
