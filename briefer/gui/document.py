"""DeckDocument: the open deck, its undo stack and its file, shared by every panel.

The Deck is immutable; the document swaps in a new one per edit and says so with a signal,
so panels never hold stale state and undo is just applying the inverse edit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from briefer.deck.edits import Edit, renamed_ids
from briefer.deck.model import Deck
from briefer.deck.project import load_deck, save_deck
from briefer.gui.undo import EditCommand
from briefer.resources import DEFAULT_ANALYSIS, DEFAULT_TEMPLATE
from briefer.source.library import load_analysis
from briefer.source.readers import SUFFIXES
from briefer.source.slug import slugify

DECK_SUFFIX = ".brief"
ANALYSIS_SUFFIXES = SUFFIXES  # .md, .markdown, .docx: whatever a reader reads


def new_deck(ref: str = DEFAULT_ANALYSIS, template: str | None = None) -> Deck:
    """A fresh deck of an analysis (built-in name or a path), every section on."""
    return Deck.new(load_analysis(ref), ref, template or DEFAULT_TEMPLATE)


def read_file(path: Path, template: str | None = None) -> tuple[Deck, Path | None]:
    """A deck from a .brief (which it is then saved to) or an analysis (a new, unsaved deck)."""
    path = Path(path)
    if path.suffix.lower() in ANALYSIS_SUFFIXES:
        return new_deck(str(path.resolve()), template), None
    return load_deck(path), path.resolve()


class DeckDocument(QObject):
    """The current deck plus a QUndoStack; every change goes through push()."""

    deck_changed = Signal(object)  # the new Deck
    renamed = Signal(object)  # {old id: new id}, just before deck_changed: views follow
    reset = Signal()  # a different deck was opened: selection and views start over
    path_changed = Signal(object)  # Path | None

    def __init__(self, deck: Deck, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.deck = deck
        self.path = path
        self.generation = 0  # bumps on every change; autosave compares it
        self.typing_session = 0
        self.undo_stack = QUndoStack(self)
        # the section made in the app whose id still follows the title typed for it: from
        # Add or Duplicate until its title is left, anything else is done, undone or saved
        self.naming: str | None = None
        self._pushing = False

    # ------------------------------------------------------------ changes
    def push(self, edit: Edit, merge_key: str | None = None, naming: bool = False) -> None:
        """Apply *edit* through the undo stack; a *merge_key* folds it into the previous one.
        Any edit but a *naming* one ends the naming of a new section."""
        if merge_key is not None:
            merge_key = f"{merge_key}#{self.typing_session}"
        if not naming:
            self.naming = None
        self._pushing = True
        try:
            self.undo_stack.push(EditCommand(self, edit, merge_key))
        finally:
            self._pushing = False

    def end_typing(self) -> None:
        """The next text edit starts a new undo step (focus left a field, section changed)."""
        self.typing_session += 1

    def set_deck(self, deck: Deck) -> None:
        """Called by undo commands only."""
        if deck == self.deck:
            return
        if not self._pushing:  # an undo or redo
            self.naming = None
        old, self.deck = self.deck, deck
        self.generation += 1
        renamed = renamed_ids(old.entries, deck.entries) if old.entries != deck.entries else {}
        if renamed:
            self.naming = renamed.get(self.naming or "", self.naming)
            self.renamed.emit(renamed)
        self.deck_changed.emit(deck)

    def replace(self, deck: Deck, path: Path | None, modified: bool = False) -> None:
        """Open another deck: the undo history starts over."""
        self.undo_stack.clear()
        self.naming = None
        self.deck = deck
        self.generation += 1
        self.typing_session += 1
        self.set_path(path)
        if modified:
            self.undo_stack.resetClean()
        self.reset.emit()
        self.deck_changed.emit(deck)

    # ------------------------------------------------------------ files
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.path_changed.emit(path)

    def save(self, path: Path | None = None) -> Path:
        target = Path(path or self.path or "")
        if target.suffix.lower() != DECK_SUFFIX:
            target = target.with_name(target.name + DECK_SUFFIX)
        save_deck(self.deck, target)
        self.naming = None  # the file names the section now
        self.set_path(target.resolve())
        self.undo_stack.setClean()
        self.end_typing()
        return target

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        return f"Untitled – {self.deck.meta.title or self.deck.analysis.meta.title}"

    def suggested_stem(self) -> str:
        if self.path is not None:
            return self.path.stem
        ref = self.deck.analysis_ref
        if ref:
            return Path(ref).stem
        # a deck begun from a blank analysis: named after the title typed for it
        title = self.deck.meta.title or self.deck.analysis.meta.title
        return slugify(title)[:60].strip("-") or "briefing"
