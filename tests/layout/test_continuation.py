"""Balanced continuation: a section that needs N slides spreads its key points over them, so
no slide is a stub of one bullet; every continuation is a warning; continuation notes are true."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefer.deck.model import Deck
from briefer.layout import layout
from briefer.source.markdown import parse_analysis
from briefer.templates import load_template
from tests.conftest import TEMPLATES


def _analysis(count: int, notes: bool = True, sections: int = 1) -> str:
    body = "\n".join(f"- Point {i}: a key point long enough to take a line and a bit of the next "
                     "one on the slide" for i in range(count))
    parts = [f"## Part {k} {{#part-{k}}}\n\n{body}\n" + ("\nWhat to say.\n" if notes else "")
             for k in range(sections)]
    return '---\ntitle: "Balance"\n---\n\n' + "\n".join(parts)


def _bullets(slide) -> int:
    return sum(1 for e in slide.elements if getattr(e, "role", "") == "body"
               for p in e.paragraphs if p.bullet)


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_continuation_slide_is_a_one_bullet_stub(name):
    template = load_template(name)
    continued = 0
    for count in range(3, 41):
        deck = Deck.new(parse_analysis(_analysis(count)), "x", name)
        laid, warnings = layout(deck, template)
        slides = [s for s in laid.slides if s.section_id == "part-0"]
        counts = [_bullets(s) for s in slides]
        assert sum(counts) == count
        if len(slides) > 1:
            continued += 1
            assert min(counts) > 1 and min(counts) * 2 >= max(counts), (count, counts)
            assert any("'Part 0' continues on" in str(w) for w in warnings)
    assert continued > 10  # the range did exercise continuation


@pytest.mark.parametrize("name", TEMPLATES)
def test_agenda_is_balanced_and_its_continuation_warned(name):
    template = load_template(name)
    seen = False
    for sections in range(8, 40, 3):
        deck = replace(Deck.new(parse_analysis(_analysis(1, sections=sections)), "x", name),
                       options={"agenda": True})
        laid, warnings = layout(deck, template)
        agenda = [s for s in laid.slides if s.kind == "agenda"]
        counts = [sum(1 for e in s.elements if getattr(e, "role", "") == "body"
                      for p in e.paragraphs if p.number) for s in agenda]
        assert sum(counts) == sections
        if len(agenda) > 1:
            seen = True
            assert min(counts) > 1 and min(counts) * 2 >= max(counts), counts
            assert any("agenda continues" in str(w) for w in warnings)
    assert seen


def test_continuation_notes_say_something_true():
    template = load_template("staff-brief")
    with_notes = layout(Deck.new(parse_analysis(_analysis(30)), "x", "staff-brief"), template)[0]
    slides = [s for s in with_notes.slides if s.section_id == "part-0"]
    assert len(slides) > 1 and slides[0].notes.startswith("What to say.")
    for i, slide in enumerate(slides[1:], 2):
        assert slide.notes == (f"Slide {i} of {len(slides)} for 'Part 0', continued from the slide "
                               "before. Its speaker notes are on the first of them.")
    bare = layout(Deck.new(parse_analysis(_analysis(30, notes=False)), "x", "staff-brief"),
                  template)[0]
    later = [s for s in bare.slides if s.section_id == "part-0"][1:]
    assert later and all("speaker notes" not in s.notes and "see the notes" not in s.notes
                         for s in later)
