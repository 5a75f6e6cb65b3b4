"""Layout: a Deck and a Template become positioned slides that every renderer draws alike."""

from briefer.layout.engine import layout
from briefer.layout.model import LaidOutDeck, Slide

__all__ = ["LaidOutDeck", "Slide", "layout"]
