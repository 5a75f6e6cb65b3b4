"""Every question the window asks the user, in one replaceable object.

Tests swap in a scripted Prompts so that no dialog ever blocks; on the offscreen platform the
real one answers the blocking questions with their safe default instead of waiting for a user
who isn't there. The "Export finished" box does not block, so it is always really shown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from briefer.gui.autosave import Orphan
from briefer.source.readers import SUFFIXES, file_filters

DECK_FILTER = "Briefer decks (*.brief)"
ANALYSIS_FILTERS = ";;".join(file_filters())
FORMAT_FILTERS = {"pptx": "PowerPoint presentations (*.pptx)", "pdf": "PDF documents (*.pdf)",
                  "docx": "Word documents (*.docx)"}


def _headless() -> bool:
    return QGuiApplication.platformName() in ("offscreen", "minimal")


class Prompts:
    """Dialogs used by the main window. Return values are plain Python, easy to script."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    # ------------------------------------------------------------ files
    def open_path(self, kind: str, folder: Path | None = None) -> Path | None:
        """Ask for a file to open; *kind* is 'deck', 'analysis' or 'any'."""
        if _headless():
            return None
        analyses = " ".join(f"*{suffix}" for suffix in SUFFIXES)
        filters = {"deck": DECK_FILTER, "analysis": ANALYSIS_FILTERS,
                   "any": f"Decks and analyses (*.brief {analyses});;{DECK_FILTER};;"
                          f"{ANALYSIS_FILTERS}"}[kind]
        title = {"deck": "Open Deck", "analysis": "Open Analysis", "any": "Open"}[kind]
        name, _ = QFileDialog.getOpenFileName(self.parent, title, str(folder or ""), filters)
        return Path(name) if name else None

    def save_path(self, kind: str, suggested: Path) -> Path | None:
        """Ask where to save; *kind* is 'deck' or an export format ('pptx', 'pdf')."""
        if _headless():
            return None
        if kind == "deck":
            title, filters = "Save Deck As", DECK_FILTER
        else:
            title, filters = f"Export {kind.upper()}", FORMAT_FILTERS[kind]
        name, _ = QFileDialog.getSaveFileName(self.parent, title, str(suggested), filters)
        if not name:
            return None
        path = Path(name)
        wanted = ".brief" if kind == "deck" else f".{kind}"
        return path if path.suffix.lower() == wanted else path.with_name(path.name + wanted)

    # ------------------------------------------------------------ questions
    def save_changes(self, name: str) -> str:
        """'save', 'discard' or 'cancel' for a deck with unsaved changes."""
        if _headless():
            return "cancel"
        box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes",
                          f"Save the changes to “{name}” before closing it?",
                          parent=self.parent)
        box.setInformativeText("Your changes will be lost if you don't save them.")
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(
                    QMessageBox.StandardButton(answer), "cancel")

    def recover(self, orphan: Orphan) -> bool:
        """Offer an autosave left by a crash; True to open it."""
        if _headless():
            return False
        when = QDateTime.fromSecsSinceEpoch(int(orphan.saved_at)).toString("d MMM yyyy, HH:mm")
        box = QMessageBox(QMessageBox.Icon.Question, "Recover unsaved work",
                          f"briefer did not close properly last time. Recover “{orphan.title}”?",
                          parent=self.parent)
        source = f" (from {orphan.origin.name})" if orphan.origin else ""
        box.setInformativeText(f"An automatic copy was saved {when}{source}. "
                               "If you don't recover it, it is deleted.")
        recover = box.addButton("&Recover", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(recover)
        box.exec()
        return box.clickedButton() is recover

    def export_done(self, path: Path, warnings: list[str], answered: Callable[[str | None], None],
                    window: QWidget | None = None) -> QMessageBox | None:
        """After an export: 'open' the file, show its 'folder', or None, passed to *answered*.

        The box is modal to *window* (the one that exported) but opened without a nested
        event loop (open(), not exec()), so nothing the window has scheduled waits behind it;
        it shows on every platform, offscreen included, and is returned so that its owner can
        close it.
        """
        box = QMessageBox(QMessageBox.Icon.Information, "Export finished",
                          f"Saved {path.name}", parent=window or self.parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        text = str(path.parent)
        if warnings:
            text += f"\n\n{len(warnings)} layout warning{'s' if len(warnings) > 1 else ''}:\n• " \
                    + "\n• ".join(warnings[:5])
        box.setInformativeText(text)
        open_button = box.addButton("&Open File", QMessageBox.ButtonRole.AcceptRole)
        folder_button = box.addButton("Show in &Folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(open_button)

        def finished(_result: int) -> None:
            clicked = box.clickedButton()
            answered("open" if clicked is open_button
                     else "folder" if clicked is folder_button else None)

        box.finished.connect(finished)
        box.open()
        return box

    def error(self, title: str, message: str) -> None:
        if _headless():
            print(f"briefer: error: {title}: {message}", file=sys.stderr)
            return
        QMessageBox.critical(self.parent, title, message)

    def about(self, version: str) -> None:
        if _headless():
            return
        QMessageBox.about(
            self.parent, "About briefer",
            f"<h3>briefer {version}</h3><p>Turn a written analysis into a briefing deck: "
            "pick and order sections, edit them, choose a template, and export PowerPoint or "
            "PDF from one layout.</p>")
