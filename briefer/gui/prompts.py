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
                  "docx": "Word documents (*.docx)", "md": "Markdown analyses (*.md)"}
PICTURE_FILTER = "Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"
MASTER_FILTER = "Organisation templates (*.potx *.pptx)"
NEW_CHOICES = (("blank", "&Blank analysis", "Start from nothing: add your own sections"),
               ("current", "Deck from the &current analysis",
                "A fresh deck of the analysis open now, every section on"),
               ("file", "Deck from a &file…", "Open a Markdown or Word analysis"))


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
                          f"{ANALYSIS_FILTERS}",
                   "import": ANALYSIS_FILTERS, "picture": PICTURE_FILTER,
                   "template": MASTER_FILTER}[kind]
        title = {"deck": "Open Deck", "analysis": "Open Analysis", "any": "Open",
                 "import": "Import Sections From", "picture": "Insert Picture",
                 "template": "Add Organisation Template"}[kind]
        name, _ = QFileDialog.getOpenFileName(self.parent, title, str(folder or ""), filters)
        return Path(name) if name else None

    def save_path(self, kind: str, suggested: Path) -> Path | None:
        """Ask where to save; *kind* is 'deck' or an export format ('pptx', 'pdf')."""
        if _headless():
            return None
        if kind == "deck":
            title, filters = "Save Deck As", DECK_FILTER
        elif kind == "md":
            title, filters = "Save Analysis As", FORMAT_FILTERS["md"]
        else:
            title, filters = f"Export {kind.upper()}", FORMAT_FILTERS[kind]
        name, _ = QFileDialog.getSaveFileName(self.parent, title, str(suggested), filters)
        if not name:
            return None
        path = Path(name)
        wanted = ".brief" if kind == "deck" else f".{kind}"
        return path if path.suffix.lower() == wanted else path.with_name(path.name + wanted)

    # ------------------------------------------------------------ questions
    def choose_new(self) -> str | None:
        """What File ▸ New starts from: 'blank', 'current', 'file', or None (cancelled)."""
        if _headless():
            return None
        box = QMessageBox(QMessageBox.Icon.Question, "New", "What should the new deck start from?",
                          parent=self.parent)
        buttons = {box.addButton(text, QMessageBox.ButtonRole.AcceptRole): key
                   for key, text, _tip in NEW_CHOICES}
        for button, key in buttons.items():
            button.setToolTip(next(tip for k, _t, tip in NEW_CHOICES if k == key))
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return buttons.get(box.clickedButton())

    def pick_sections(self, source: str, sections: list[tuple[str, str]]) -> list[str]:
        """Which of *sections* (id, title) to import from *source*; [] when cancelled."""
        if _headless():
            return []
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QVBoxLayout

        dialog = QDialog(self.parent)
        dialog.setWindowTitle(f"Import Sections from {source}")
        chooser = QListWidget()
        for sid, title in sections:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, sid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            chooser.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(chooser)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return [chooser.item(n).data(Qt.ItemDataRole.UserRole) for n in range(chooser.count())
                if chooser.item(n).checkState() == Qt.CheckState.Checked]

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
