"""Test helpers: scripted dialogs, the real "Export finished" box, waiting for the preview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from briefer.gui.prompts import Prompts


class ScriptedPrompts(Prompts):
    """Answers every question from a script and records what was asked."""

    def __init__(self) -> None:
        super().__init__(None)
        self.asked: list[tuple] = []
        self.open_answers: list[Path | None] = []
        self.save_answers: list[Path | None] = []
        self.save_changes_answer = "discard"
        self.recover_answer = True
        self.new_answer: str | None = "current"
        self.pick_answer: list[str] | None = None  # None: every section offered

    def open_path(self, kind, folder=None):
        self.asked.append(("open", kind))
        return self.open_answers.pop(0) if self.open_answers else None

    def save_path(self, kind, suggested):
        self.asked.append(("save", kind, suggested))
        return self.save_answers.pop(0) if self.save_answers else None

    def save_changes(self, name):
        self.asked.append(("save_changes", name))
        return self.save_changes_answer

    def choose_new(self):
        self.asked.append(("new",))
        return self.new_answer

    def pick_sections(self, source, sections):
        self.asked.append(("pick", source, tuple(sections)))
        return [sid for sid, _ in sections] if self.pick_answer is None else self.pick_answer

    def recover(self, orphan):
        self.asked.append(("recover", orphan.title))
        return self.recover_answer

    def export_done(self, path, warnings, answered, window=None):
        """Recorded, then the real box is shown: tests answer it as a user would."""
        self.asked.append(("export_done", path, tuple(warnings)))
        return super().export_done(path, warnings, answered, window)

    def error(self, title, message):
        self.asked.append(("error", title, message))

    def about(self, version):
        self.asked.append(("about", version))

    def errors(self) -> list[str]:
        return [a[2] for a in self.asked if a[0] == "error"]


def wait_preview(qtbot, window, action: Callable[[], object]) -> None:
    """Run *action* and wait until the preview reflects it."""
    with qtbot.waitSignal(window.preview_updated, timeout=5000):
        action()


def wait_ready(qtbot, window) -> None:
    """Wait for the background layout of a newly opened document."""
    qtbot.waitUntil(lambda: not window.layout_busy, timeout=10_000)


def export_box(qtbot, window) -> QMessageBox:
    """The "Export finished" box the window shows, once it is the active modal widget."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox),
                    timeout=10_000)
    box = QApplication.activeModalWidget()
    assert box is window.result_box and box.isVisible()
    return box


def close_export_box(qtbot, window) -> None:
    """Press the box's Close button, the way a user dismisses it."""
    box = export_box(qtbot, window)
    box.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: window.result_box is None and QApplication.activeModalWidget() is None)
