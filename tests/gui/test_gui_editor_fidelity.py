"""The editor keeps what the user meant: a timeline date that is not one is never stored, a
section made in the app takes its id from the title typed for it and keeps it, and links in
key points survive the text box. Driven through the window's own widgets and keys, then read
back from the exported PowerPoint and PDF, the undo stack and the saved deck."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
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
    _pptx,
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


def test_a_section_named_while_a_slow_deck_is_laid_out_is_the_one_shown(qtbot, make_window):
    """On a deck slow to lay out, layouts run in the background and arrive after the typing:
    older ones know the section by its placeholder id. The preview waits for it, and the list
    and the inspector stay on it."""
    window = make_window()
    window.last_refresh_ms = 10_000  # as a large deck would: every edit laid out off-thread
    _select(window, "background")
    window.actions_["add_section"].trigger()
    title = _editor(window).title
    qtbot.waitUntil(title.hasFocus)
    qtbot.keyClicks(title, "Naval picture")
    qtbot.waitUntil(lambda: not window.layout_busy, timeout=10_000)
    shown = window.laid.slides[window.preview.current]
    assert shown.section_id == "naval-picture" and shown.title == "Naval picture"
    assert window.sections.current_id() == "naval-picture"
    assert _editor(window).section_id == "naval-picture"


# ------------------------------------------------------------------ links in key points
LINKED = """---
title: Links
---

## Deal reporting {#deals}

- See the [Reuters report](https://example.com/reuters) on the deal
- Marked \\*draft\\* copy: [SIPRI](https://sipri.org/db) lists every transfer
- Plain point
"""


def _move_to(editor, text: str, after: bool = True) -> None:
    cursor = editor.textCursor()
    at = editor.toPlainText().index(text)
    cursor.setPosition(at + len(text) if after else at)
    editor.setTextCursor(cursor)


def _type_new_bullet(qtbot, window, box, text: str) -> None:
    """Enter at the end of the key points, then *text* typed, as a user adds a bullet."""
    cursor = box.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    box.setTextCursor(cursor)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    wait_preview(qtbot, window, lambda: qtbot.keyClicks(box, text))


def _hyperlinks(path: Path, title: str) -> dict[str, str]:
    """The linked runs of the slide called *title*, words → URL."""
    return {run.text: run.hyperlink.address for slide in _pptx(path).slides
            if slide.shapes.title is not None and slide.shapes.title.text == title
            for shape in slide.shapes if shape.has_text_frame
            for paragraph in shape.text_frame.paragraphs for run in paragraph.runs
            if run.hyperlink.address}


def _pdf_links(path: Path) -> set[str]:
    return {a.get_object()["/A"]["/URI"] for page in PdfReader(str(path)).pages
            for a in page.get("/Annots") or []}


def test_links_in_key_points_survive_the_text_box(qtbot, make_window, prompts, tmp_path):
    source = tmp_path / "links.md"
    source.write_text(LINKED, encoding="utf-8")
    window = make_window(source)
    _select(window, "deals")
    box = _editor(window).bullets
    original = window.document.deck.section("deals").points
    assert box.toPlainText().splitlines() == [
        "See the [Reuters report](https://example.com/reuters) on the deal",
        r"Marked \*draft\* copy: [SIPRI](https://sipri.org/db) lists every transfer",
        "Plain point"]

    # typing in one bullet leaves the others' links (and literal asterisks) as they were
    _focus(qtbot, window, box)
    _move_to(box, "Plain point")
    wait_preview(qtbot, window, lambda: qtbot.keyClicks(box, " added"))
    points = window.document.deck.section("deals").points
    assert points[:2] == original[:2] and points[2] == Bullet("Plain point added")

    # the URL and the linked words are edited as typed
    _move_to(box, "example.com/reuters")
    wait_preview(qtbot, window, lambda: qtbot.keyClicks(box, "-wire"))
    _move_to(box, "[Reuters", after=False)
    qtbot.keyClick(box, Qt.Key.Key_Right)
    _move_to(box, "Reuters ")
    wait_preview(qtbot, window, lambda: qtbot.keyClicks(box, "wire "))
    assert window.document.deck.section("deals").points[0] == Bullet(
        "See the Reuters wire report on the deal", 0,
        ((8, 27, "https://example.com/reuters-wire"),))

    # a new bullet with a link typed in Markdown
    _type_new_bullet(qtbot, window, box, "Allies agree, says [NATO](https://www.nato.int/)")
    points = window.document.deck.section("deals").points
    assert points[3] == Bullet("Allies agree, says NATO", 0, ((19, 23, "https://www.nato.int/"),))
    assert points[1] == original[1] and points[1].text.startswith("Marked *draft* copy")

    pptx = _export(qtbot, window, tmp_path / "links.pptx")
    assert _hyperlinks(pptx, "Deal reporting") == {"Reuters wire report": "https://example.com/reuters-wire",
                                 "SIPRI": "https://sipri.org/db", "NATO": "https://www.nato.int/"}
    assert "Marked *draft* copy: SIPRI lists every transfer" in _pptx_text(pptx)
    pdf = _export(qtbot, window, tmp_path / "links.pdf")
    assert {"https://example.com/reuters-wire", "https://sipri.org/db",
            "https://www.nato.int/"} <= _pdf_links(pdf)
    assert "Marked *draft* copy" in _pdf_text(pdf)

    # undo and redo, a step a line typed in (URL and words were one line): the new bullet,
    # then the link
    assert _labels(window) == ["Edit key points of “Deal reporting”"] * 3
    _undo(qtbot, window)
    assert len(window.document.deck.section("deals").points) == 3
    _undo(qtbot, window)
    assert window.document.deck.section("deals").points[0] == original[0]
    assert "[Reuters report](https://example.com/reuters)" in box.toPlainText()
    _redo(qtbot, window)
    _redo(qtbot, window)
    linked = window.document.deck.section("deals").points
    assert linked[0].links == ((8, 27, "https://example.com/reuters-wire"),) and len(linked) == 4

    # the saved deck keeps them
    path = tmp_path / "links.brief"
    prompts.save_answers.append(path)
    window.actions_["save"].trigger()
    assert window.open_path(path, confirm=False)
    _select(window, "deals")
    assert window.document.deck.section("deals").points == linked
    assert "[NATO](https://www.nato.int/)" in _editor(window).bullets.toPlainText()


def test_sources_follow_the_links_typed_in_key_points(qtbot, make_window, prompts, tmp_path):
    """A link in a key point is one of the section's sources, in the app as in the Markdown
    reader: typed, edited and removed in the key-points box, its source line follows in the same
    undo step, and the analysis saved as Markdown reads back with the sources the deck showed."""
    source = tmp_path / "links.md"
    source.write_text(LINKED + "\n### Sources\n\n- Ministry statement, 2025\n", encoding="utf-8")
    window = make_window(source)
    _select(window, "deals")
    sources = lambda: list(window.document.deck.section("deals").sources)  # noqa: E731
    assert sources() == ["Reuters report (https://example.com/reuters)",
                         "SIPRI (https://sipri.org/db)", "Ministry statement, 2025"]
    box = _editor(window).bullets
    _focus(qtbot, window, box)

    # a new bullet with a link: its source line is added
    _type_new_bullet(qtbot, window, box, "Allies agree, says [NATO](https://www.nato.int/)")
    assert sources() == ["Reuters report (https://example.com/reuters)",  # as the reader orders
                         "SIPRI (https://sipri.org/db)", "NATO (https://www.nato.int/)",
                         "Ministry statement, 2025"]
    listed = _editor(window).sources.list  # the Sources box shows it at once
    assert "NATO (https://www.nato.int/)" in [listed.item(i).text() for i in range(listed.count())]

    # the URL edited: the old line goes, the new one comes; the typed source stays
    _move_to(box, "example.com/reuters")
    wait_preview(qtbot, window, lambda: qtbot.keyClicks(box, "-wire"))
    assert "Reuters report (https://example.com/reuters)" not in sources()
    assert "Reuters report (https://example.com/reuters-wire)" in sources()
    assert "Ministry statement, 2025" in sources()

    # the sources slide shows what the deck holds
    pdf = _export(qtbot, window, tmp_path / "links.pdf")
    text = _pdf_text(pdf)
    assert "https://example.com/reuters-wire" in text and "https://www.nato.int/" in text

    # saved as Markdown and read again: the same sources, none gained or lost
    shown = sources()
    out = tmp_path / "saved" / "links.md"
    out.parent.mkdir()
    prompts.save_answers.append(out)
    window.actions_["save_analysis_as"].trigger()
    assert out.is_file(), prompts.errors()
    from briefer.source.markdown import read_analysis

    assert list(read_analysis(out).section("deals").sources) == shown

    # undo takes the link and its source back together
    _undo(qtbot, window)
    assert "Reuters report (https://example.com/reuters)" in sources()
    assert "Reuters report (https://example.com/reuters-wire)" not in sources()
