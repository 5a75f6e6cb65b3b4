"""Hardening: the export never locks the window, window commands work from every field, status
messages survive tips, hostile files never freeze the window, damaged autosaves still recover."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QProgressDialog, QWidget

from briefer.deck import edits
from briefer.gui.autosave import find_orphans
from briefer.gui.progress import ExportProgress

from .helpers import ScriptedPrompts, close_export_box, export_box


def _progress_windows_visible() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ExportProgress | QProgressDialog) and w.isVisible()]


def _click_in_window(window, widget: QWidget) -> None:
    """A mouse click delivered through the window system, as a user's is: a window blocked by a
    modal box does not get it (QTest.mouseClick on the widget itself would bypass that)."""
    pos = widget.mapTo(window, widget.rect().center())
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, pos)


def _slow_export(monkeypatch, release: threading.Event) -> None:
    """An export that is still writing when the progress window's delay has passed."""
    import briefer.gui.export as gui_export

    real = gui_export.export

    def slow(deck, path, progress=None):
        progress("Laying out slides…")
        release.wait(20)
        return real(deck, path, progress=progress)

    monkeypatch.setattr(gui_export, "export", slow)


# ------------------------------------------------------------ the export never locks the window
def test_finished_box_stays_alone_and_the_window_is_free_afterwards(qtbot, make_window, prompts,
                                                                    tmp_path, monkeypatch):
    """The issue's lock-up: a stale progress window came back over "Export finished" and blocked
    the window. The real box is shown and left open for a while before a timer accepts it."""
    window = make_window()
    release = threading.Event()
    _slow_export(monkeypatch, release)
    first = tmp_path / "first.pptx"
    prompts.save_answers.append(first)
    toolbar_button = window.toolbar.widgetForAction(window.actions_["export_pptx"])
    _click_in_window(window, toolbar_button)
    assert window.exporter.busy
    qtbot.waitUntil(lambda: window.progress is not None and window.progress.isVisible())
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        release.set()
    box = export_box(qtbot, window)
    assert box.text() == "Saved first.pptx" and first.is_file()

    seen: list[list[QWidget]] = []
    watch = QTimer()
    watch.timeout.connect(lambda: seen.append(_progress_windows_visible()))
    watch.start(20)

    def accept_box() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, QMessageBox)
        modal.button(QMessageBox.StandardButton.Close).click()

    # well past every timer the old progress dialog ran (300 ms to show, 4 s by default)
    QTimer.singleShot(5000, accept_box)
    QTimer.singleShot(2500, lambda: _click_in_window(window, toolbar_button))
    qtbot.waitUntil(lambda: window.result_box is None, timeout=20_000)
    watch.stop()
    assert len(seen) >= 5 and not any(seen)  # no progress window at any moment
    # the box was modal while open: the click on the toolbar did not reach the window
    assert len([a for a in prompts.asked if a[0] == "save"]) == 1
    assert QApplication.activeModalWidget() is None

    second = tmp_path / "second.pptx"  # and the window takes clicks again
    prompts.save_answers.append(second)
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        _click_in_window(window, toolbar_button)
    close_export_box(qtbot, window)
    assert second.is_file()
    assert len([a for a in prompts.asked if a[0] == "save"]) == 2
    assert not _progress_windows_visible()


def test_cancel_stays_connected_while_the_job_lives(qtbot, make_window, tmp_path, monkeypatch):
    """Esc on the progress window cancels the job; the window says so until the worker stops."""
    import briefer.gui.export as gui_export

    window = make_window()
    release = threading.Event()

    def blocking(deck, path, progress=None):
        progress("Laying out slides…")
        release.wait(20)
        progress("Writing…")  # raises: cancelled
        return []

    monkeypatch.setattr(gui_export, "export", blocking)
    with qtbot.waitSignal(window.exporter.cancelled, timeout=20_000):
        window.start_export(tmp_path / "out.pdf")
        qtbot.waitUntil(lambda: window.progress is not None and window.progress.isVisible())
        dialog = window.progress
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible() and dialog.label.text() == "Cancelling…"
        assert not dialog.cancel_button.isEnabled()
        release.set()
    assert window.progress is None and not dialog.isVisible()
    assert window.status_message() == "Export cancelled"
    assert not (tmp_path / "out.pdf").exists()


# ------------------------------------------------------------ window commands from every field
def _focus(qtbot, window, widget: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


@pytest.mark.parametrize("field", ["section title", "deck title", "classification", "key points"])
def test_export_shortcuts_work_from_every_field(qtbot, make_window, prompts, tmp_path, field):
    window = make_window()
    inspector = window.inspector
    widget = {"section title": inspector.section_editor.title,
              "deck title": inspector.deck_editor.fields["title"],
              "classification": inspector.deck_editor.fields["classification"],
              "key points": inspector.section_editor.bullets}[field]
    if field in ("deck title", "classification"):
        inspector.setCurrentIndex(1)
    _focus(qtbot, window, widget)
    before = widget.text() if hasattr(widget, "text") else widget.toPlainText()

    pptx, pdf = tmp_path / "keys.pptx", tmp_path / "keys.pdf"
    prompts.save_answers += [pptx, pdf]
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        qtbot.keyClick(widget, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    close_export_box(qtbot, window)
    _focus(qtbot, window, widget)
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        qtbot.keyClick(widget, Qt.Key.Key_E,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    close_export_box(qtbot, window)
    assert pptx.read_bytes()[:2] == b"PK" and pdf.read_bytes()[:4] == b"%PDF"
    after = widget.text() if hasattr(widget, "text") else widget.toPlainText()
    assert after == before  # the field neither took the key nor typed it
    assert not window.isWindowModified()


class LinuxLineEdit(QLineEdit):
    """A QLineEdit as it behaves on Linux desktops (X11, GNOME, KDE key schemes), where Ctrl+E
    is "end of line" and the field claims it; the offscreen platform uses the Windows scheme."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.keyCombination().toCombined() \
                == QKeySequence("Ctrl+E")[0].toCombined():
            event.accept()
            return True
        return super().event(event)


def test_ctrl_e_wins_over_a_field_that_claims_it(qtbot, make_window, prompts, tmp_path):
    window = make_window()
    field = LinuxLineEdit()
    window.inspector.deck_editor.layout().addWidget(field)
    window._watch_children()  # what the window does for its own fields when it is built
    window.inspector.setCurrentIndex(1)
    _focus(qtbot, window, field)
    target = tmp_path / "linux.pptx"
    prompts.save_answers.append(target)
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    close_export_box(qtbot, window)
    assert target.read_bytes()[:2] == b"PK"


# ------------------------------------------------------------ status messages and tips
def test_toolbar_tips_do_not_wipe_status_messages(qtbot, make_window, prompts, tmp_path):
    window = make_window()
    prompts.save_answers.append(tmp_path / "tip.brief")
    window.actions_["save"].trigger()
    assert window.status_message() == "Saved tip.brief"

    save_button = window.toolbar.widgetForAction(window.actions_["save"])
    QTest.mouseMove(window.windowHandle(), save_button.mapTo(window, save_button.rect().center()))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Save the deck")
    away = window.preview.view
    QTest.mouseMove(window.windowHandle(), away.mapTo(window, away.rect().center()))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "")
    assert window.status_message() == "Saved tip.brief"
    assert window.message.isVisible()


# ------------------------------------------------------------ hostile files never freeze it
def test_a_new_document_is_laid_out_off_the_gui_thread(qtbot, make_window, small_analysis,
                                                        monkeypatch):
    """A layout that does not end keeps the window responsive; the newest result wins."""
    import briefer.gui.layout_runner as layout_runner

    window = make_window()
    real = layout_runner.layout
    gate = threading.Event()
    entered = threading.Event()

    def stuck(deck, template):
        entered.set()
        gate.wait(30)
        return real(deck, template)

    monkeypatch.setattr(layout_runner, "layout", stuck)
    assert window.open_path(small_analysis)
    assert window.layout_busy and window.slide_count.text() == "Laying out…"
    assert window.document.deck.analysis.meta.title == "Small test analysis"
    qtbot.waitUntil(entered.is_set)

    # the GUI thread goes on: typing reaches the section filter, timers fire
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.keyClicks(window.sections.filter, "Sec")
    qtbot.waitUntil(lambda: ticks == [1])
    assert window.sections.filter.text() == "Sec"
    # an edit meanwhile is laid out after the stuck one; only it is announced
    doc = window.document
    doc.push(edits.set_meta(doc.deck, title="Edited while stuck"))
    assert window.layout_busy
    with qtbot.waitSignal(window.preview_updated, timeout=30_000):
        gate.set()
    assert not window.layout_busy
    assert window.laid.slides[0].title == "Edited while stuck"
    assert "slides" in window.slide_count.text()


def test_a_layout_error_on_open_is_shown_not_hung_on(qtbot, make_window, small_analysis,
                                                      monkeypatch):
    import briefer.gui.layout_runner as layout_runner
    from briefer.errors import BrieferError

    window = make_window()

    def refuses(deck, template):
        raise BrieferError("small.md: too many slides (limit 2000)")

    monkeypatch.setattr(layout_runner, "layout", refuses)
    with qtbot.waitSignal(window.preview_updated, timeout=30_000):
        assert window.open_path(small_analysis)
    assert not window.layout_busy
    assert window.slide_count.text() == "Preview not updated"
    assert window.warnings_panel.list.item(0).text() == \
        "Cannot lay out the deck: small.md: too many slides (limit 2000)"


def test_an_impossible_date_is_shown_not_crashed_on(qtbot, make_window, tmp_path):
    """The reader keeps the date as typed and warns, naming field, value and file: the file
    opens and the warning is listed where the user looks."""
    bad = tmp_path / "bad-date.md"
    bad.write_text("---\ntitle: Bad date\nas_of: 2025-02-30\n---\n\n## One {#one}\n\n- a point\n",
                   encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.preview_updated, timeout=30_000):
        assert window.open_path(bad)
    panel = window.warnings_panel.list
    shown = [panel.item(i).text() for i in range(panel.count())]
    assert any("as_of" in line and "2025-02-30" in line and "bad-date.md" in line
               for line in shown), shown
    assert window.laid is not None and window.isVisible()


# ------------------------------------------------------------ damaged autosave sidecars
def _crashed_autosave(make_window, title: str) -> Path:
    window = make_window(autosave_ms=60_000)
    window.document.push(edits.set_meta(window.document.deck, title=title))
    assert window.autosaver.save_now()
    window.autosaver.release()  # what a crash leaves behind
    return window.autosaver.deck_file


@pytest.mark.parametrize("sidecar", [
    '{"saved_at": "yesterday", "title": "Damaged"}',
    '["a", "list"]',
    '{"saved_at": 1e999, "origin": 7, "title": ["x"]}',
    '{"saved_at": true}',
    "{not json",
    b"\xff\xfe\x00",
    None,  # missing
], ids=["text-time", "list", "huge-time", "bool-time", "bad-json", "bad-utf8", "missing"])
def test_a_damaged_sidecar_never_hides_the_autosaves(make_window, sidecar):
    healthy = _crashed_autosave(make_window, "Healthy work")
    damaged = _crashed_autosave(make_window, "Damaged work")
    meta = damaged.with_suffix(".json")
    if sidecar is None:
        meta.unlink()
    elif isinstance(sidecar, bytes):
        meta.write_bytes(sidecar)
    else:
        meta.write_text(sidecar, encoding="utf-8")

    orphans = {o.deck_file: o for o in find_orphans(healthy.parent)}
    assert set(orphans) == {healthy, damaged}
    assert orphans[healthy].title == "Healthy work"
    assert orphans[damaged].title in ("Damaged", damaged.stem)
    assert orphans[damaged].saved_at == pytest.approx(damaged.stat().st_mtime)
    assert orphans[damaged].origin is None

    script = ScriptedPrompts()
    script.recover_answer = False  # both are offered at start-up; the damaged one is asked first
    make_window(recover=True, script=script)
    offered = [a[1] for a in script.asked if a[0] == "recover"]
    assert sorted(offered) == sorted(["Healthy work", orphans[damaged].title])


def test_the_damaged_one_recovers_too(make_window):
    damaged = _crashed_autosave(make_window, "Still precious")
    damaged.with_suffix(".json").write_text('["a", "list"]', encoding="utf-8")
    script = ScriptedPrompts()
    window = make_window(recover=True, script=script)
    assert ("recover", damaged.stem) in script.asked
    assert window.document.deck.meta.title == "Still precious"
    assert not damaged.exists()


def test_the_real_recovery_question_survives_a_damaged_time(qtbot, make_window, monkeypatch):
    """The real QMessageBox, shown and answered: a sidecar's time never reaches it unchecked."""
    from briefer.gui import prompts as prompts_module
    from briefer.gui.prompts import Prompts

    damaged = _crashed_autosave(make_window, "Timeless")
    damaged.with_suffix(".json").write_text('{"saved_at": 1e300, "title": "Timeless"}',
                                            encoding="utf-8")
    monkeypatch.setattr(prompts_module, "_headless", lambda: False)
    texts: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        texts.append(box.informativeText())
        buttons = [b for b in box.buttons() if b.text() == "&Recover"] or box.buttons()
        buttons[0].click()  # any other box (an error) is answered too: a failure, never a hang

    QTimer.singleShot(0, answer)
    window = make_window(recover=True, script=Prompts())
    monkeypatch.undo()  # from here on, the real prompts answer offscreen with their defaults
    assert window.document.deck.meta.title == "Timeless"
    assert texts and "An automatic copy was saved" in texts[0]


def test_a_reader_bug_on_a_strange_file_is_reported_not_raised(make_window, prompts, monkeypatch,
                                                                small_analysis):
    import briefer.gui.app as app
    import briefer.gui.main_window as main_window

    def broken(path, template=None):
        raise ValueError("day is out of range for month")

    monkeypatch.setattr(main_window, "read_file", broken)
    monkeypatch.setattr(app, "read_file", broken)
    window = make_window(small_analysis)  # from the command line: the window opens anyway
    assert window.isVisible()
    assert prompts.errors() == ["small.md: unexpected ValueError: day is out of range for month"]
    assert not window.open_path(small_analysis)  # from the menu: told, nothing changes
    assert len(prompts.errors()) == 2 and window.isVisible()


def test_thousands_of_warnings_are_counted_not_all_listed(qtbot):
    from briefer.gui.warnings_panel import MAX_LISTED, WarningsPanel
    from briefer.layout.context import LayoutWarning

    panel = WarningsPanel()
    qtbot.addWidget(panel)
    panel.set_warnings([LayoutWarning(f"problem {i}", "sec") for i in range(20_000)])
    assert panel.title.text() == "Layout warnings (20000)"
    assert panel.list.count() == MAX_LISTED + 1
    assert panel.list.item(MAX_LISTED).text() == f"… and {20_000 - MAX_LISTED} more"
    with qtbot.waitSignal(panel.section_activated) as activated:
        panel.list.itemActivated.emit(panel.list.item(0))
    assert activated.args == ["sec"]


def test_a_new_document_shows_the_selected_sections_slide(qtbot, make_window, small_analysis):
    window = make_window()  # the first section is selected before its layout arrives
    sid = window.sections.current_id()
    assert sid == window.document.deck.entries[0][0]
    assert window.laid.slides[window.preview.current].section_id == sid
    with qtbot.waitSignal(window.preview_updated, timeout=30_000):
        window.open_path(small_analysis)
    assert window.sections.current_id() == "first"
    assert window.laid.slides[window.preview.current].section_id == "first"
