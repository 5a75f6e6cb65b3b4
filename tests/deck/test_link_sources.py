"""Links in key points are sources, in the app's edits as in the Markdown reader."""

from __future__ import annotations

from briefer.deck import edits
from briefer.deck.model import Deck
from briefer.source.markdown import parse_analysis
from briefer.source.model import Bullet

TEXT = """---
title: Links
---

## Deals {#deals}

- See the [Reuters  report](https://example.com/r) and [https://x.org/a](https://x.org/a)
- [SIPRI](https://sipri.org/db) lists every transfer
- Plain point

### Sources

- Ministry statement, 2025
- SIPRI (https://sipri.org/db)
"""


def _deck() -> Deck:
    return Deck.new(parse_analysis(TEXT), "links.md", "plain")


def test_link_lines_are_the_readers():
    section = _deck().section("deals")
    lines = edits.link_sources(section.points)
    assert lines == ["Reuters report (https://example.com/r)", "https://x.org/a",
                     "SIPRI (https://sipri.org/db)"]
    assert list(section.sources) == [*lines, "Ministry statement, 2025"]


def test_key_points_edited_take_their_sources_along():
    deck = _deck()
    points = deck.section("deals").points
    changed = (Bullet("See the Reuters report", 0, ((8, 22, "https://example.com/r2"),)),
               *points[1:])
    deck = edits.edit_points(deck, "deals", changed).apply(deck)
    assert list(deck.section("deals").sources) == [
        "Reuters report (https://example.com/r2)", "SIPRI (https://sipri.org/db)",
        "Ministry statement, 2025"]
    deck = edits.edit_points(deck, "deals", (Bullet("No links left"),)).apply(deck)
    assert list(deck.section("deals").sources) == ["Ministry statement, 2025"]
    plain = edits.edit_points(deck, "deals", (Bullet("Still none"),))
    assert plain.apply(deck).section("deals").sources == deck.section("deals").sources
