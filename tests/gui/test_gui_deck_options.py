"""The Deck tab's standard-slide switches: effective value, undoable, following the template."""

from __future__ import annotations

from briefer.deck.edits import SetTemplate
from briefer.gui.inspector import STANDARD_SLIDES

from .helpers import wait_preview


def test_switching_off_the_agenda_is_undoable(qtbot, make_window):
    window = make_window()
    switches = window.inspector.deck_editor.slide_switches
    assert [n for n, *_ in STANDARD_SLIDES] == list(switches)
    assert all(box.isChecked() for box in switches.values())  # staff-brief: all on
    agenda = switches["agenda"]
    before = [s.kind for s in window.laid.slides]
    assert "agenda" in before

    wait_preview(qtbot, window, agenda.click)
    deck = window.document.deck
    assert dict(deck.options) == {"agenda": False}
    assert "agenda" not in [s.kind for s in window.laid.slides]
    assert len(window.laid.slides) == len(before) - before.count("agenda")
    stack = window.document.undo_stack
    assert stack.undoText() == "Hide agenda"

    wait_preview(qtbot, window, stack.undo)
    assert agenda.isChecked() and dict(window.document.deck.options) == {}
    assert [s.kind for s in window.laid.slides] == before
    wait_preview(qtbot, window, stack.redo)
    assert not agenda.isChecked()
    assert len(window.laid.slides) == len(before) - before.count("agenda")


def test_title_slide_switch_changes_the_preview(qtbot, make_window):
    window = make_window()
    title = window.inspector.deck_editor.slide_switches["title"]
    count = len(window.laid.slides)
    wait_preview(qtbot, window, title.click)
    assert len(window.laid.slides) == count - 1
    assert window.laid.slides[0].kind != "title"
    wait_preview(qtbot, window, window.document.undo_stack.undo)
    assert title.isChecked() and window.laid.slides[0].kind == "title"


def test_every_switch_pushes_one_undoable_option(qtbot, make_window):
    window = make_window()
    doc = window.document
    for name, box in window.inspector.deck_editor.slide_switches.items():
        assert box.toolTip().startswith(next(t for n, _, t in STANDARD_SLIDES if n == name))
        box.click()
        assert dict(doc.deck.options) == {name: False}, name
        doc.undo_stack.undo()
        assert box.isChecked() and dict(doc.deck.options) == {}, name


def test_switches_follow_the_template_default(qtbot, make_window):
    window = make_window()
    doc = window.document
    agenda = window.inspector.deck_editor.slide_switches["agenda"]
    wait_preview(qtbot, window, lambda: doc.push(SetTemplate(doc.deck.template, "plain")))
    assert not agenda.isChecked()  # plain has no agenda by default
    assert "off by default" in agenda.toolTip()
    assert "agenda" not in [s.kind for s in window.laid.slides]

    wait_preview(qtbot, window, agenda.click)  # this deck wants one anyway
    assert agenda.isChecked() and dict(doc.deck.options) == {"agenda": True}
    assert "agenda" in [s.kind for s in window.laid.slides]
    wait_preview(qtbot, window, lambda: doc.push(SetTemplate("plain", "staff-brief")))
    assert agenda.isChecked()

    wait_preview(qtbot, window, agenda.click)  # off on staff-brief: the deck's own choice
    assert dict(doc.deck.options) == {"agenda": False}
    wait_preview(qtbot, window, agenda.click)  # back to the template's value: follow it again
    assert dict(doc.deck.options) == {}
    for _ in range(4):
        doc.undo_stack.undo()
    assert not agenda.isChecked() and doc.deck.template == "plain"
