"""Test helpers: scripted dialogs and waiting for the preview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
        self.export_answer: str | None = None

    def open_path(self, kind, folder=None):
        self.asked.append(("open", kind))
        return self.open_answers.pop(0) if self.open_answers else None

    def save_path(self, kind, suggested):
        self.asked.append(("save", kind, suggested))
        return self.save_answers.pop(0) if self.save_answers else None

    def save_changes(self, name):
        self.asked.append(("save_changes", name))
        return self.save_changes_answer

    def recover(self, orphan):
        self.asked.append(("recover", orphan.title))
        return self.recover_answer

    def export_done(self, path, warnings):
        self.asked.append(("export_done", path, tuple(warnings)))
        return self.export_answer

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
