"""Edits: every change to a Deck is an object with apply/revert.

The GUI wraps them in QUndoCommands; the CLI applies them directly. Both share this code path.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Protocol

from briefer.deck.model import Deck, DeckMeta, SectionEdit


class Edit(Protocol):
    label: str

    def apply(self, deck: Deck) -> Deck: ...

    def revert(self, deck: Deck) -> Deck: ...


@dataclass(frozen=True)
class SetEntries:
    """Replace the whole order and on/off state (reorder, tick, select all or none)."""

    before: tuple[tuple[str, bool], ...]
    after: tuple[tuple[str, bool], ...]
    label: str = "Change sections"

    def apply(self, deck: Deck) -> Deck:
        return replace(deck, entries=self.after)

    def revert(self, deck: Deck) -> Deck:
        return replace(deck, entries=self.before)


def toggle(deck: Deck, section_id: str, on: bool) -> SetEntries:
    after = tuple((sid, on if sid == section_id else cur) for sid, cur in deck.entries)
    title = deck.section(section_id).title
    return SetEntries(deck.entries, after, f"{'Include' if on else 'Exclude'} “{title}”")


def move(deck: Deck, section_id: str, to_index: int) -> SetEntries:
    entries = list(deck.entries)
    index = next(i for i, (sid, _) in enumerate(entries) if sid == section_id)
    item = entries.pop(index)
    entries.insert(max(0, min(to_index, len(entries))), item)
    return SetEntries(deck.entries, tuple(entries), f"Move “{deck.section(section_id).title}”")


def select_all(deck: Deck, on: bool) -> SetEntries:
    after = tuple((sid, on) for sid, _ in deck.entries)
    return SetEntries(deck.entries, after, "Select all" if on else "Select none")


@dataclass(frozen=True)
class SetSectionEdit:
    section_id: str
    before: SectionEdit | None
    after: SectionEdit | None
    label: str = "Edit section"

    def _with(self, deck: Deck, edit: SectionEdit | None) -> Deck:
        edits = dict(deck.edits)
        if edit is None or edit.empty:
            edits.pop(self.section_id, None)
        else:
            edits[self.section_id] = edit
        return replace(deck, edits=MappingProxyType(edits))

    def apply(self, deck: Deck) -> Deck:
        return self._with(deck, self.after)

    def revert(self, deck: Deck) -> Deck:
        return self._with(deck, self.before)


def edit_section(deck: Deck, section_id: str, label: str = "Edit section", **fields) -> SetSectionEdit:
    """An edit setting some of title/points/prose; a value equal to the original clears it."""
    before = deck.edits.get(section_id)
    base = deck.analysis.section(section_id)
    current = before or SectionEdit()
    values = {}
    for name, value in fields.items():
        values[name] = None if value == getattr(base, name) else value
    after = replace(current, **values)
    return SetSectionEdit(section_id, before, None if after.empty else after, label)


@dataclass(frozen=True)
class SetMeta:
    before: DeckMeta
    after: DeckMeta
    label: str = "Edit deck properties"

    def apply(self, deck: Deck) -> Deck:
        return replace(deck, meta=self.after)

    def revert(self, deck: Deck) -> Deck:
        return replace(deck, meta=self.before)


def set_meta(deck: Deck, **fields: str) -> SetMeta:
    return SetMeta(deck.meta, replace(deck.meta, **fields), "Edit " + ", ".join(fields))


@dataclass(frozen=True)
class SetTemplate:
    before: str
    after: str
    label: str = "Change template"

    def apply(self, deck: Deck) -> Deck:
        return replace(deck, template=self.after)

    def revert(self, deck: Deck) -> Deck:
        return replace(deck, template=self.before)


@dataclass(frozen=True)
class SetOption:
    name: str
    before: bool | None
    after: bool | None
    label: str = "Change slide options"

    def _with(self, deck: Deck, value: bool | None) -> Deck:
        options = dict(deck.options)
        if value is None:
            options.pop(self.name, None)
        else:
            options[self.name] = value
        return replace(deck, options=MappingProxyType(options))

    def apply(self, deck: Deck) -> Deck:
        return self._with(deck, self.after)

    def revert(self, deck: Deck) -> Deck:
        return self._with(deck, self.before)
