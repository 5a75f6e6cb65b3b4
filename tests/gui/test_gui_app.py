"""Start-up through the real entry points, and the window-level commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from briefer.deck import edits

SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from briefer import cli
import briefer.gui.app as app_module
real = app_module.create_main_window
def create(*args, **kwargs):
    window = real(*args, **kwargs)
    def check():
        print("TITLE", window.windowTitle())
        print("SLIDES", window.preview.model.rowCount())
        QApplication.instance().quit()
    QTimer.singleShot(300, check)
    return window
app_module.create_main_window = create
sys.exit(cli.main(sys.argv[1:]))
"""


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRIEFER_CONFIG_DIR=str(tmp_path / "cfg"),
               BRIEFER_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_briefer_gui_starts_offscreen_without_errors(tmp_path, small_analysis):
    plain = _run(tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert "Traceback" not in plain.stderr and "error" not in plain.stderr.lower()
    assert "TITLE Untitled" in plain.stdout
    with_file = _run(tmp_path, "gui", str(small_analysis))
    assert with_file.returncode == 0, with_file.stderr
    assert "Small test analysis" in with_file.stdout
    missing = _run(tmp_path, "gui", str(tmp_path / "nope.brief"))
    assert missing.returncode == 0
    assert "nope.brief" in missing.stderr  # told, then the built-in analysis opens
    assert "TITLE Untitled" in missing.stdout


def test_new_deck_asks_before_dropping_changes(make_window, prompts):
    window = make_window()
    doc = window.document
    doc.push(edits.toggle(doc.deck, "background", False))
    prompts.save_changes_answer = "cancel"
    window.actions_["new"].trigger()
    assert "background" not in doc.deck.selected_ids
    prompts.save_changes_answer = "discard"
    window.actions_["new"].trigger()
    assert "background" in window.document.deck.selected_ids
    assert not window.isWindowModified()
    assert window.document.undo_stack.count() == 0


def test_shortcuts_are_the_standard_ones(make_window):
    window = make_window()
    keys = {name: [s.toString() for s in action.shortcuts()] for name, action in window.actions_.items()}
    assert keys["new"][0] == "Ctrl+N"
    assert keys["open_deck"][0] == "Ctrl+O"
    assert keys["save"][0] == "Ctrl+S"
    assert keys["save_as"] == ["Ctrl+Shift+S"]
    assert keys["export_pptx"] == ["Ctrl+E"]
    assert keys["export_pdf"] == ["Ctrl+Shift+E"]
    assert keys["undo"] == ["Ctrl+Z"]
    assert "Ctrl+Shift+Z" in keys["redo"]
    assert keys["quit"] == ["Ctrl+Q"]
    assert keys["move_up"] == ["Ctrl+Up"] and keys["move_down"] == ["Ctrl+Down"]
    assert keys["toggle"] == ["Space"]


def test_window_title_follows_unsaved_changes(make_window):
    window = make_window()
    assert "[*]" in window.windowTitle() and not window.isWindowModified()
    window.document.push(edits.set_meta(window.document.deck, subtitle="x"))
    assert window.isWindowModified()
    window.document.undo_stack.undo()
    assert not window.isWindowModified()


def test_tab_moves_from_the_filter_to_the_list_and_on_to_the_inspector(qtbot, make_window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = make_window()
    window.activateWindow()
    window.sections.filter.setFocus()
    qtbot.waitUntil(window.sections.filter.hasFocus)
    order = []
    for _ in range(18):
        widget = QApplication.focusWidget()
        order.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    editor = window.inspector.section_editor
    assert order[1] is window.sections.view
    assert order.index(window.preview.strip) < order.index(editor.title) < order.index(editor.bullets)
