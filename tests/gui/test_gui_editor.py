"""The app as an editor: sections made, copied, deleted, renamed and reshaped (kind, role,
marking, table, timeline, picture, sources) through the window's actions and widgets; undo and
redo of each; the exports read back."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image
from pptx import Presentation
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from .helpers import wait_preview


# ------------------------------------------------------------------ helpers: as a user does
def _export(qtbot, window, path: Path) -> Path:
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        window.start_export(path)
    return path


def _pptx(path: Path) -> Presentation:
    return Presentation(str(path))


def _pptx_text(path: Path) -> str:
    out = []
    for slide in _pptx(path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                out.extend(c.text for row in shape.table.rows for c in row.cells)
            if shape.shape_type == 6:  # a group (timeline, tiles)
                out.extend(s.text_frame.text for s in shape.shapes if s.has_text_frame)
    return "\n".join(out)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _choose(qtbot, combo: QComboBox, text: str) -> None:
    """Open the drop-down and click the entry, as a user picks from a list."""
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    row = combo.findText(text)
    assert row >= 0, text
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentText() == text


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type_into_cell(qtbot, grid, row: int, column: int, text: str) -> None:
    """Go to a cell, press F2, type, press Enter: the way a cell is edited from the keyboard."""
    grid.window().activateWindow()
    grid.setFocus()
    grid.setCurrentCell(row, column)
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: any(e.isVisible() for e in grid.findChildren(QLineEdit)))
    editor = next(e for e in grid.findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.item(row, column) is not None
                    and grid.item(row, column).text() == text)


def _drop(target, mime: QMimeData) -> bool:
    with warnings.catch_warnings():  # Qt 6.12 marks the only QDragEnterEvent constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    return enter.isAccepted() and event.isAccepted()


def _png(path: Path, color: str = "red", size=(80, 50)) -> Path:
    Image.new("RGB", size, color).save(path, format="PNG")
    return path


def _undo(qtbot, window) -> None:
    wait_preview(qtbot, window, window.actions_["undo"].trigger)


def _redo(qtbot, window) -> None:
    wait_preview(qtbot, window, window.actions_["redo"].trigger)


def _editor(window):
    return window.inspector.section_editor


def _select(window, section_id: str) -> None:
    view = window.sections.view
    view.setCurrentIndex(window.sections.model.index(window.sections.model.row_of(section_id)))


# ------------------------------------------------------------------ sections
def test_add_rename_duplicate_delete_with_undo_and_exports(qtbot, make_window, small_analysis,
                                                           tmp_path):
    window = make_window(small_analysis)
    _select(window, "first")
    wait_preview(qtbot, window, window.actions_["add_section"].trigger)
    deck = window.document.deck
    assert deck.order == ("first", "new-section", "sec", "last")
    assert window.sections.current_id() == "new-section"
    title = _editor(window).title
    assert title.hasSelectedText()  # ready to type the name over
    qtbot.keyClicks(title, "Late development")  # the id follows the title typed for it
    assert window.sections.current_id() == "late-development"
    bullets = _editor(window).bullets
    bullets.setFocus()
    bullets.selectAll()
    qtbot.keyClicks(bullets, "Convoy sighted at the border")
    window.refresh_preview()
    assert window.document.deck.section("late-development").title == "Late development"
    pptx = _export(qtbot, window, tmp_path / "added.pptx")
    text = _pptx_text(pptx)
    assert "Late development" in text and "Convoy sighted at the border" in text

    wait_preview(qtbot, window, window.actions_["duplicate_section"].trigger)
    assert window.sections.current_id() == "late-development-copy"
    assert window.document.deck.section("late-development-copy").title \
        == "Late development (copy)"

    # delete from the section list's right-click menu; the status bar counts the slides
    menu = window.section_menu()
    delete = next(a for a in menu.actions() if a.text().replace("&", "") == "Delete Section")
    wait_preview(qtbot, window, delete.trigger)
    assert "late-development-copy" not in window.document.deck.order
    assert "Deleted “Late development (copy)” (1 slide)" in window.status_message()
    _select(window, "sec")
    window.activateWindow()
    window.sections.view.setFocus()
    qtbot.waitUntil(window.sections.view.hasFocus)
    wait_preview(qtbot, window, lambda: qtbot.keyClick(window.sections.view, Qt.Key.Key_Delete))
    assert window.document.deck.order == ("first", "late-development", "last")
    pdf = _export(qtbot, window, tmp_path / "deleted.pdf")
    text = _pdf_text(pdf)
    assert "Hidden fact" not in text and "Convoy sighted" in text

    _undo(qtbot, window)  # the deleted section comes back, in its place
    assert window.document.deck.order == ("first", "late-development", "sec", "last")
    _undo(qtbot, window)
    assert "late-development-copy" in window.document.deck.order
    _redo(qtbot, window)
    _redo(qtbot, window)
    assert window.document.deck.order == ("first", "late-development", "last")
    stack = window.document.undo_stack
    labels = [stack.text(i) for i in range(stack.count())]
    assert labels[:2] == ["Add section “New section”", "Name section “Late development”"]
    assert "Delete “Secret bit” (1 slide)" in labels
    while stack.canUndo():
        stack.undo()
    window.refresh_preview()
    assert window.document.deck.order == ("first", "sec", "last")


def test_rename_with_f2_and_the_toolbar_and_context_menu_offer_section_commands(qtbot, make_window,
                                                                               small_analysis):
    window = make_window(small_analysis)
    window.activateWindow()
    _select(window, "last")
    window.sections.view.setFocus()
    qtbot.waitUntil(window.sections.view.hasFocus)
    qtbot.keyClick(window.sections.view, Qt.Key.Key_F2)
    title = _editor(window).title
    qtbot.waitUntil(title.hasFocus)
    qtbot.keyClicks(title, "Final part")
    assert window.document.deck.section("last").title == "Final part"
    toolbar = [a.text().replace("&", "") for a in window.toolbar.actions()]
    assert "Add Section" in toolbar and "Delete Section" in toolbar
    names = [a.text().replace("&", "") for a in window.section_menu().actions() if a.text()]
    assert names[:4] == ["Add Section", "Duplicate Section", "Delete Section", "Rename Section"]


def test_kind_role_and_marking_from_the_inspector(qtbot, make_window, small_analysis, tmp_path):
    window = make_window(small_analysis)
    _select(window, "first")
    editor = _editor(window)
    assert editor.bullets.isVisibleTo(window)
    wait_preview(qtbot, window, lambda: _choose(qtbot, editor.kind, "Table"))
    section = window.document.deck.section("first")
    assert section.kind == "table" and section.points == ()
    assert section.table.rows[0] == ("Alpha point", "")  # the key points became rows
    assert not editor.bullets.isVisibleTo(window)  # no key-points box on a table
    assert editor.table.isVisibleTo(window)

    wait_preview(qtbot, window, lambda: _choose(qtbot, editor.role, "Backup"))
    assert window.document.deck.section("first").backup
    wait_preview(qtbot, window, lambda: _choose(qtbot, editor.marking, "SECRET"))
    assert window.document.deck.section("first").classification == "SECRET"
    pptx = _export(qtbot, window, tmp_path / "kind.pptx")
    slides = list(_pptx(pptx).slides)
    tables = [s for s in slides if any(getattr(sh, "has_table", False) and sh.has_table
                                       for sh in s.shapes)]
    assert len(tables) == 1 and slides.index(tables[0]) > 2  # after the Backup divider
    pdf = _export(qtbot, window, tmp_path / "kind.pdf")
    pages = [p.extract_text() for p in PdfReader(str(pdf)).pages]
    assert "Backup" in pages[-2] and "Alpha point" in pages[-1] and "SECRET" in pages[-1]

    stack = window.document.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Edit kind (table) of “First part”", "Edit role (backup) of “First part”",
        "Edit marking of “First part”"]
    for _ in range(3):
        _undo(qtbot, window)
    assert window.document.deck.edits == {}
    assert editor.kind.currentText() == "Key points" and editor.bullets.isVisibleTo(window)


def test_table_grid_rows_columns_and_paste(qtbot, make_window, tmp_path):
    window = make_window()
    _select(window, "options")
    editor = _editor(window)
    grid = editor.table.grid
    assert grid.rowCount() == 5 and grid.columnCount() == 3
    wait_preview(qtbot, window, lambda: _type_into_cell(qtbot, grid, 1, 1, "Zanzibar relief"))
    assert window.document.deck.section("options").table.rows[0][1] == "Zanzibar relief"
    grid.setCurrentCell(4, 0)
    wait_preview(qtbot, window, lambda: _click(qtbot, editor.table.buttons["add_row"]))
    assert len(window.document.deck.section("options").table.rows) == 5
    wait_preview(qtbot, window, lambda: _click(qtbot, editor.table.buttons["add_column"]))
    assert len(window.document.deck.section("options").table.header) == 4
    grid.setCurrentCell(5, 0)
    QGuiApplication.clipboard().setText("Quokka option\tQ gain\tQ cost\tQ note\n")
    grid.setFocus()
    wait_preview(qtbot, window, lambda: qtbot.keyClick(grid, Qt.Key.Key_V,
                                                       Qt.KeyboardModifier.ControlModifier))
    table = window.document.deck.section("options").table
    assert table.rows[4] == ("Quokka option", "Q gain", "Q cost", "Q note")
    grid.setCurrentCell(5, 0)
    wait_preview(qtbot, window, lambda: _click(qtbot, editor.table.buttons["row_up"]))
    assert window.document.deck.section("options").table.rows[3][0] == "Quokka option"
    pptx = _export(qtbot, window, tmp_path / "table.pptx")
    cells = _pptx_text(pptx)
    assert "Zanzibar relief" in cells and "Quokka option" in cells and "Q note" in cells
    _undo(qtbot, window)
    assert window.document.deck.section("options").table.rows[4][0] == "Quokka option"
    _undo(qtbot, window)
    assert len(window.document.deck.section("options").table.rows) == 5
    assert grid.rowCount() == 6 and grid.item(5, 0).text() == ""
    _redo(qtbot, window)
    pdf = _export(qtbot, window, tmp_path / "table.pdf")
    assert "Quokka option" in _pdf_text(pdf)


def test_add_a_timeline_event_sort_and_validate(qtbot, make_window, tmp_path):
    window = make_window()
    _select(window, "timeline")
    pairs = _editor(window).timeline
    count = pairs.grid.rowCount()
    pairs.grid.setCurrentCell(count - 1, 0)
    _click(qtbot, pairs.buttons["add"])
    assert pairs.grid.rowCount() == count + 1
    wait_preview(qtbot, window, lambda: _type_into_cell(qtbot, pairs.grid, count, 1,
                                                         "Talks in Ankara"))
    steps = window.document.undo_stack.count()
    _type_into_cell(qtbot, pairs.grid, count, 0, "2018-13")  # not a date: not stored
    assert pairs.problem.isVisibleTo(window) and "2018-13" in pairs.problem.text()
    assert window.document.undo_stack.count() == steps
    assert window.document.deck.section("timeline").points[-1].text == "Talks in Ankara"
    wait_preview(qtbot, window, lambda: _type_into_cell(qtbot, pairs.grid, count, 0, "2018-03"))
    assert not pairs.problem.isVisibleTo(window)
    wait_preview(qtbot, window, lambda: _click(qtbot, pairs.buttons["sort"]))
    points = [p.text for p in window.document.deck.section("timeline").points]
    assert points.index("2018-03: Talks in Ankara") == 1  # after 2017, before 2019
    pdf = _export(qtbot, window, tmp_path / "timeline.pdf")
    assert "Talks in Ankara" in _pdf_text(pdf) and "MAR 2018" in _pdf_text(pdf)  # staff-brief: military dates
    pptx = _export(qtbot, window, tmp_path / "timeline.pptx")
    assert "Talks in Ankara" in _pptx_text(pptx)
    _undo(qtbot, window)  # the sort
    assert [p.text for p in window.document.deck.section("timeline").points][-1] \
        == "2018-03: Talks in Ankara"


def test_insert_replace_and_remove_a_picture(qtbot, make_window, prompts, small_analysis,
                                             tmp_path):
    window = make_window(small_analysis)
    _select(window, "last")
    box = _editor(window).picture
    prompts.open_answers.append(_png(tmp_path / "map.png", "blue"))
    wait_preview(qtbot, window, lambda: _click(qtbot, box.insert_button))
    assert ("open", "picture") in prompts.asked
    figure = window.document.deck.section("last").image
    assert figure is not None and box.thumb.pixmap() is not None and not box.thumb.pixmap().isNull()
    pictures = [e for s in window.laid.slides if s.section_id == "last" for e in s.elements
                if type(e).__name__ == "Picture"]
    assert pictures  # the preview shows it at once
    box.caption.setFocus()
    qtbot.keyClicks(box.caption, "Border crossings")
    assert window.document.deck.section("last").image.caption == "Border crossings"

    # replace it by dropping another picture on the box: the caption stays
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_png(tmp_path / "other.png", "green", (60, 60))))])
    wait_preview(qtbot, window, lambda: _drop(box, mime))
    image = window.document.deck.section("last").image
    assert image.caption == "Border crossings"
    assert Image.open(io.BytesIO(image.data)).size == (60, 60)

    pptx = _export(qtbot, window, tmp_path / "picture.pptx")
    shapes = [sh for slide in _pptx(pptx).slides for sh in slide.shapes if sh.shape_type == 13]
    assert len(shapes) == 1
    assert shapes[0]._element.xpath(".//p:cNvPr/@descr")[0] == "Border crossings"
    # alt text of its own, one undo step apart from the caption
    box.alt.setFocus()
    qtbot.keyClicks(box.alt, "Map of the crossings on the Syrian border")
    assert window.document.deck.section("last").image.alt == "Map of the crossings on the Syrian border"
    assert window.document.deck.section("last").image.caption == "Border crossings"
    pptx = _export(qtbot, window, tmp_path / "picture-alt.pptx")
    shapes = [sh for slide in _pptx(pptx).slides for sh in slide.shapes if sh.shape_type == 13]
    assert shapes[0]._element.xpath(".//p:cNvPr/@descr")[0] == \
        "Map of the crossings on the Syrian border"
    _undo(qtbot, window)
    assert window.document.deck.section("last").image.alt == ""
    assert window.document.deck.section("last").image.caption == "Border crossings"
    deck_path = tmp_path / "kept.brief"
    prompts.save_answers.append(deck_path)
    window.actions_["save"].trigger()
    assert (tmp_path / "pictures").is_dir()

    wait_preview(qtbot, window, lambda: _click(qtbot, box.remove_button))
    assert window.document.deck.section("last").image is None
    _undo(qtbot, window)
    assert window.document.deck.section("last").image.caption == "Border crossings"

    # a file that is not a picture is refused with one line, nothing changes
    bad = tmp_path / "fake.png"
    bad.write_bytes(b"%!PS-Adobe-3.0 EPSF\n")
    prompts.open_answers.append(bad)
    before = window.document.deck
    _click(qtbot, box.insert_button)
    assert window.document.deck is before
    assert "not a PNG, JPEG, GIF, BMP or WebP image" in prompts.errors()[-1]

    reopened = window.open_path(deck_path, confirm=False)
    assert reopened
    assert window.document.deck.section("last").image.caption == "Border crossings"


def test_sources_are_added_and_links_checked(qtbot, make_window, small_analysis, tmp_path):
    window = make_window(small_analysis)
    _select(window, "first")
    sources = _editor(window).sources
    sources.new_source.setFocus()
    qtbot.keyClicks(sources.new_source, "see htp://broken.example")
    wait_preview(qtbot, window, lambda: qtbot.keyClick(sources.new_source, Qt.Key.Key_Return))
    assert sources.problem.isVisibleTo(window)
    qtbot.keyClicks(sources.new_source, "Reuters, https://www.reuters.com/world/")
    wait_preview(qtbot, window, lambda: _click(qtbot, sources.add_button))
    assert window.document.deck.section("first").sources == (
        "see htp://broken.example", "Reuters, https://www.reuters.com/world/")
    sources.list.setCurrentRow(0)
    wait_preview(qtbot, window, lambda: _click(qtbot, sources.remove_button))
    assert not sources.problem.isVisibleTo(window)
    pdf = _export(qtbot, window, tmp_path / "sources.pdf")
    assert "reuters.com" in _pdf_text(pdf)
    _undo(qtbot, window)
    assert len(window.document.deck.section("first").sources) == 2


# ------------------------------------------------------------------ keeping the work
def test_blank_analysis_to_saved_analysis_and_back(qtbot, make_window, prompts, tmp_path):
    window = make_window()
    prompts.new_answer = "blank"
    window.actions_["new"].trigger()
    qtbot.waitUntil(lambda: not window.layout_busy)
    assert window.document.deck.entries == ()
    assert window.sections.placeholder.isVisibleTo(window)
    for name in ("Situation", "Timeline of events"):
        wait_preview(qtbot, window, window.actions_["add_section"].trigger)
        qtbot.keyClicks(_editor(window).title, name)
    wait_preview(qtbot, window, lambda: _choose(qtbot, _editor(window).kind, "Timeline"))
    pairs = _editor(window).timeline
    pairs.grid.setCurrentCell(0, 0)
    wait_preview(qtbot, window, lambda: _type_into_cell(qtbot, pairs.grid, 0, 0, "2026-01"))
    wait_preview(qtbot, window, lambda: _type_into_cell(qtbot, pairs.grid, 0, 1, "Ceasefire"))
    out = tmp_path / "mine" / "analysis.md"
    out.parent.mkdir()
    prompts.save_answers.append(out)
    window.actions_["save_analysis_as"].trigger()
    assert out.is_file(), prompts.errors()
    prompts.open_answers.append(out)
    prompts.new_answer = "file"
    window.document.undo_stack.setClean()
    window.actions_["new"].trigger()
    qtbot.waitUntil(lambda: not window.layout_busy)
    deck = window.document.deck
    assert [deck.section(s).title for s in deck.order] == ["Situation", "Timeline of events"]
    timeline = deck.section(deck.order[1])
    assert timeline.kind == "timeline" and timeline.points[0].text == "2026-01: Ceasefire"
    pdf = _export(qtbot, window, tmp_path / "reopened.pdf")
    assert "Ceasefire" in _pdf_text(pdf)


def test_import_sections_from_a_second_analysis(qtbot, make_window, prompts, small_analysis,
                                                tmp_path):
    other = tmp_path / "second.md"
    _png(tmp_path / "pic.png")
    other.write_text("---\ntitle: Second product\n---\n\n## Naval picture {#naval}\n\n"
                     "- Frigates in the strait\n\n![Harbour](pic.png)\n\n"
                     "## Not wanted\n\n- Skip me\n", encoding="utf-8")
    window = make_window(small_analysis)
    _select(window, "first")
    prompts.open_answers.append(other)
    prompts.pick_answer = ["naval"]
    wait_preview(qtbot, window, window.actions_["import_sections"].trigger)
    assert ("open", "import") in prompts.asked
    offered = next(a for a in prompts.asked if a[0] == "pick")
    assert offered[2] == (("naval", "Naval picture"), ("not-wanted", "Not wanted"))
    assert window.document.deck.order == ("first", "naval", "sec", "last")
    assert window.sections.current_id() == "naval"
    pptx = _export(qtbot, window, tmp_path / "imported.pptx")
    text = _pptx_text(pptx)
    assert "Frigates in the strait" in text and "Skip me" not in text
    assert any(sh.shape_type == 13 for slide in _pptx(pptx).slides for sh in slide.shapes)
    _undo(qtbot, window)
    assert window.document.deck.order == ("first", "sec", "last")
    _redo(qtbot, window)
    pdf = _export(qtbot, window, tmp_path / "imported.pdf")
    assert "Frigates in the strait" in _pdf_text(pdf)


# ------------------------------------------------------------------ undo that matches intent
def test_a_word_a_new_bullet_and_an_indent_are_three_steps(qtbot, make_window, small_analysis):
    window = make_window(small_analysis)
    window.activateWindow()
    _select(window, "last")
    bullets = _editor(window).bullets
    bullets.setFocus()
    cursor = bullets.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    bullets.setTextCursor(cursor)
    qtbot.keyClicks(bullets, " extra")
    qtbot.keyClick(bullets, Qt.Key.Key_Return)
    qtbot.keyClicks(bullets, "Second point")
    qtbot.keyClick(bullets, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    points = window.document.deck.section("last").points
    assert [(p.text, p.level) for p in points] == [("Omega point extra", 0), ("Second point", 1)]
    stack = window.document.undo_stack
    assert stack.count() == 3, [stack.text(i) for i in range(stack.count())]
    stack.undo()
    assert window.document.deck.section("last").points[1].level == 0
    stack.undo()
    assert [p.text for p in window.document.deck.section("last").points] == ["Omega point extra"]
    stack.undo()
    assert window.document.deck.section("last").points[0].text == "Omega point"


def test_a_custom_marking_typed_after_a_pick_is_its_own_step(qtbot, make_window, small_analysis):
    window = make_window(small_analysis)
    window.activateWindow()
    _select(window, "first")
    marking = _editor(window).marking
    _choose(qtbot, marking, "SECRET")
    marking.lineEdit().setFocus()
    marking.lineEdit().end(False)
    qtbot.keyClicks(marking.lineEdit(), "//NOFORN")
    assert window.document.deck.section("first").classification == "SECRET//NOFORN"
    stack = window.document.undo_stack
    assert stack.count() == 2
    stack.undo()
    assert window.document.deck.section("first").classification == "SECRET"
    # the Deck tab's list has no blank first entry
    deck_combo = window.inspector.deck_editor.classification
    assert deck_combo.itemText(0) == "UNCLASSIFIED"


# ------------------------------------------------------------------ rules explained in place
def test_badge_names_the_section_that_raised_the_marking(qtbot, make_window, small_analysis):
    window = make_window(small_analysis)
    assert window.preview.badge.text() == "SECRET"
    assert "“Secret bit”" in window.preview.badge.toolTip()
    note = window.inspector.deck_editor.marking_note
    assert "raised by “Secret bit”" in note.text()


def test_a_slide_of_no_section_leaves_no_section_highlighted(qtbot, make_window, small_analysis):
    window = make_window(small_analysis)
    _select(window, "sec")
    strip = window.preview.strip
    title_slide = strip.model().index(0)
    strip.scrollTo(title_slide)
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton,
                     pos=strip.visualRect(title_slide).center())
    assert window.sections.current_id() is None
    assert not window.sections.view.selectionModel().hasSelection()
    row = next(i for i, s in enumerate(window.laid.slides) if s.section_id == "last")
    index = strip.model().index(row)
    strip.scrollTo(index)
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton,
                     pos=strip.visualRect(index).center())
    assert window.sections.current_id() == "last"


def test_f1_opens_help_and_the_shortcuts_dialog_lists_the_keys(qtbot, make_window):
    window = make_window()
    window.activateWindow()
    window.sections.view.setFocus()
    qtbot.keyClick(window.sections.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "help_dialog", None) is not None
                    and window.help_dialog.isVisible())
    html = window.help_dialog.browser.toPlainText()
    for text in ("Ctrl+Shift+N", "Add Section", ".timeline", "classification=", "staff-brief",
                 "Import Sections"):
        assert text in html, text
    window.help_dialog.close()
    window.actions_["shortcuts"].trigger()
    table = window.shortcuts_dialog.table
    keys = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert keys["F1"] == "briefer Help" and keys["Ctrl+D"] == "Duplicate Section"
    window.shortcuts_dialog.close()


# ------------------------------------------------------------------ organisation template
def test_dropping_an_organisation_master_adds_and_selects_it(qtbot, make_window, tmp_path):
    from tests.masters import widescreen_potx

    window = make_window()
    picker = window.inspector.template_picker
    potx = widescreen_potx(tmp_path / "acme.potx")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(potx))])
    with qtbot.waitSignal(picker.added, timeout=30_000) as added:
        assert _drop(picker.list.viewport(), mime)
    name = added.args[0]
    assert name in picker.names() and window.document.deck.template == name
    assert picker.list.currentItem().data(Qt.ItemDataRole.UserRole + 1) == name
    assert "problems  none" in picker.list.currentItem().toolTip()  # the master's check
    window.refresh_preview()
    pptx = _export(qtbot, window, tmp_path / "org.pptx")
    assert "ACME DEFENCE INSTITUTE" in "".join(
        sh.text_frame.text for sh in _pptx(pptx).slide_master.shapes if sh.has_text_frame)
    _undo(qtbot, window)
    assert window.document.deck.template == "staff-brief"

    # the button asks for a file; a bad one is reported as the app reports errors
    bad = tmp_path / "broken.potx"
    bad.write_bytes(b"not a zip")
    window.prompts.open_answers.append(bad)
    with qtbot.waitSignal(picker.failed, timeout=30_000):
        _click(qtbot, picker.add_button)
    assert "broken.potx" in window.prompts.errors()[-1]
