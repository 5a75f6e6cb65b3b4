"""Readable furniture: nothing under 9 pt, footer fields at one size, least important dropped."""

from __future__ import annotations

import pytest

from briefer.deck.model import Deck
from briefer.layout import layout
from briefer.layout.model import Table, TextBox
from briefer.templates import load_template
from tests.conftest import DATA, TEMPLATES


def _paragraphs(laid):
    for slide in laid.slides:
        for element in laid.page(slide):
            boxes = [element] if isinstance(element, TextBox) else \
                [c.box for row in element.cells for c in row] if isinstance(element, Table) else []
            for box in boxes:
                for paragraph in box.paragraphs:
                    yield slide, box, paragraph


@pytest.mark.parametrize("template", TEMPLATES)
def test_nothing_under_nine_points_and_sizes_in_half_points(analysis, template):
    from briefer.source.markdown import read_analysis

    for source in (analysis, read_analysis(DATA / "hard.md")):
        laid, _ = layout(Deck.new(source, "x", template), load_template(template))
        for slide, box, paragraph in _paragraphs(laid):
            assert paragraph.size >= 9, (slide.number, box.role, paragraph.text[:30], paragraph.size)
            assert paragraph.size * 2 == int(paragraph.size * 2), paragraph.size


@pytest.mark.parametrize("template", TEMPLATES)
def test_footer_fields_share_one_size_and_drop_the_organisation_first(analysis, template):
    from dataclasses import replace

    deck = Deck.new(analysis, "x", template)
    long = "A very long organisation name that cannot possibly share the footer with the rest"
    deck = replace(deck, meta=replace(deck.meta, organisation=long, presenter="Presenter Name"))
    laid, _ = layout(deck, load_template(template))
    for slide in laid.slides[1:]:
        sizes = {p.size for e in laid.page(slide) if isinstance(e, TextBox)
                 and e.role.startswith("footer") for p in e.paragraphs}
        assert len(sizes) <= 1 and all(s >= 9 for s in sizes), (slide.number, sizes)
    footers = [e.text for e in laid.page(laid.slides[3]) if isinstance(e, TextBox)
               and e.role.startswith("footer")]
    assert not any("possibly" in text for text in footers), footers
