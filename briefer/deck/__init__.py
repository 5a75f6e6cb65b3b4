"""The user's work: which sections, in which order, with which edits, in which template."""

from briefer.deck.model import Deck, DeckMeta, SectionEdit

__all__ = ["Deck", "DeckMeta", "SectionEdit"]
