"""A failing layout never freezes or crashes the window; template thumbnails stay cheap."""

from __future__ import annotations

import logging

from PySide6.QtGui import QImage

from briefer.deck import edits
from briefer.gui import template_picker
from briefer.gui.template_picker import IMAGE_ROLE, title_deck
from briefer.layout import layout
from briefer.templates import load_template

from .helpers import wait_preview


def test_a_layout_bug_keeps_the_last_good_preview(qtbot, make_window, monkeypatch, caplog):
    import briefer.gui.layout_runner as layout_runner

    window = make_window()
    good, shown = window.laid, window.preview.view.slide
    count = window.preview.model.rowCount()

    def broken(deck, template):
        raise ZeroDivisionError("boom\nsecond line")

    monkeypatch.setattr(layout_runner, "layout", broken)
    doc = window.document
    with caplog.at_level(logging.ERROR, logger="briefer.gui.layout_runner"):
        wait_preview(qtbot, window, lambda: doc.push(edits.toggle(doc.deck, "background", False)))
    assert window.laid is good and window.preview.view.slide is shown
    assert window.preview.model.rowCount() == count
    first = window.warnings_panel.list.item(0).text()
    assert first == "Cannot lay out the deck: unexpected ZeroDivisionError: boom"
    assert window.slide_count.text() == "Preview not updated"
    assert window.slide_count.toolTip() == "unexpected ZeroDivisionError: boom"
    [record] = [r for r in caplog.records if r.exc_info]
    assert record.exc_info[0] is ZeroDivisionError  # logged with its traceback

    monkeypatch.setattr(layout_runner, "layout", layout)  # fixed: the next change shows again
    wait_preview(qtbot, window, lambda: doc.push(edits.set_meta(doc.deck, title="Back")))
    assert window.laid is not good
    assert "background" not in {s.section_id for s in window.laid.slides}
    assert "Cannot lay out" not in window.warnings_panel.list.item(0).text()
    assert window.slide_count.text().endswith("staff-brief")


def test_a_thumbnail_bug_shows_no_preview_instead_of_crashing(qtbot, make_window, monkeypatch,
                                                              caplog):
    window = make_window()
    picker = window.inspector.template_picker

    def broken(deck, template):
        raise RuntimeError("thumbnail boom")

    monkeypatch.setattr(template_picker, "layout", broken)
    with caplog.at_level(logging.ERROR, logger="briefer.gui.template_picker"):
        picker.refresh_thumbnails()
    for i in range(picker.list.count()):
        item = picker.list.item(i)
        assert item.data(IMAGE_ROLE) is None
        assert "No preview: unexpected RuntimeError: thumbnail boom" in item.toolTip()
    with qtbot.waitSignal(picker.thumbnail_failed) as failed:
        picker.refresh_thumbnails()
    assert failed.args[0].endswith("unexpected RuntimeError: thumbnail boom")
    assert any(r.exc_info and r.exc_info[0] is RuntimeError for r in caplog.records)
    picker.list.viewport().repaint()  # the delegate draws a placeholder, no exception


def test_thumbnails_lay_out_only_the_title_slide(qtbot, make_window, monkeypatch):
    window = make_window()
    picker = window.inspector.template_picker
    seen = []

    def spy(deck, template):
        laid, warnings = layout(deck, template)
        seen.append((deck.selected_ids, len(laid.slides), laid.slides[0].kind))
        return laid, warnings

    monkeypatch.setattr(template_picker, "layout", spy)
    picker.refresh_thumbnails()
    assert seen == [((), 1, "title")] * picker.list.count()
    assert all(isinstance(picker.list.item(i).data(IMAGE_ROLE), QImage)
               for i in range(picker.list.count()))

    # editing a section or reordering cannot change a title slide: no new thumbnails
    doc = window.document
    seen.clear()
    doc.push(edits.edit_section(doc.deck, "background", title="Context"))
    doc.push(edits.move(doc.deck, "outlook", 0))
    assert not picker.timer.isActive()
    # the title does, after a pause in typing (its own timer, not the preview's)
    picker.timer.setInterval(5)
    with qtbot.waitSignal(picker.thumbnails_updated, timeout=2000):
        doc.push(edits.set_meta(doc.deck, title="New title"))
        doc.push(edits.set_meta(doc.deck, title="New title!"))
    assert len(seen) == picker.list.count()


def test_title_thumbnail_shows_the_decks_marking(make_window, small_analysis):
    window = make_window(small_analysis)
    doc = window.document
    template = load_template("staff-brief")
    laid, _ = layout(title_deck(doc.deck, template), template)
    assert [s.kind for s in laid.slides] == ["title"]
    assert laid.marking == "SECRET"  # from the included SECRET section, not laid out itself
    doc.push(edits.toggle(doc.deck, "sec", False))
    laid, _ = layout(title_deck(doc.deck, template), template)
    assert laid.marking == "UNCLASSIFIED"
    assert window.inspector.template_picker.timer.isActive()  # the banner changed: redraw
