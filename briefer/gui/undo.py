"""QUndoCommand adapter over the core edit objects (briefer.deck.edits).

Consecutive edits that share a merge key (typing in one field) fold into one command, so one
Undo takes back a whole burst of typing; a burst that ends where it began drops out entirely.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from briefer.deck.edits import Edit

if TYPE_CHECKING:
    from briefer.gui.document import DeckDocument

_MERGE_IDS: dict[str, int] = {}


def merge_id(key: str | None) -> int:
    """A stable small integer for a merge key (Qt compares ids, not strings); -1 never merges."""
    if key is None:
        return -1
    return _MERGE_IDS.setdefault(key, len(_MERGE_IDS) + 1)


class EditCommand(QUndoCommand):
    """One core edit on the document's deck: redo applies it, undo reverts it."""

    def __init__(self, document: DeckDocument, edit: Edit, merge_key: str | None = None):
        super().__init__(edit.label)
        self.document = document
        self.edit = edit
        self.merge_key = merge_key
        self._id = merge_id(merge_key)

    def id(self) -> int:
        return self._id

    def redo(self) -> None:
        self.document.set_deck(self.edit.apply(self.document.deck))

    def undo(self) -> None:
        self.document.set_deck(self.edit.revert(self.document.deck))

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        if type(other.edit) is not type(self.edit) or not hasattr(self.edit, "after"):
            return False
        self.edit = replace(self.edit, after=other.edit.after)  # type: ignore[type-var]
        self.setText(other.text())  # a section being named: the title it has now
        if self.edit.before == self.edit.after:  # type: ignore[attr-defined]
            self.setObsolete(True)
        return True
