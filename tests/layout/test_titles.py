"""Balanced titles: no word left alone on a line of a title of three words or more (title slide
and slide titles), and a two-line title's lines as even as the words allow, its box only as wide
as that needs (so the PPTX, which wraps titles itself, breaks them in the same places)."""

from __future__ import annotations

import pytest

from briefer.deck.model import Deck
from briefer.layout import layout
from briefer.layout.text import make_block
from briefer.source.library import load_analysis
from briefer.source.markdown import parse_analysis, read_analysis
from briefer.templates import load_template
from tests.conftest import DATA, TEMPLATES, needs
from tests.geometry import problems, text_boxes

LONG = """---
title: "Türkiye and the S-400: Weighing a Return to Moscow"
---

## What a return of the S-400 systems to Russia would mean for Türkiye's place in NATO {#a}

- A point

## Sanctions relief, the F-35 programme and the cost of walking away from the deal {#b}

- A point

## Outlook for the coming year in Ankara {#c}

- A point
"""


def _sources():
    return {"builtin": load_analysis("s400-turkiye"), "hard": read_analysis(DATA / "hard.md"),
            "long": parse_analysis(LONG)}


def _titles(laid):
    for slide in laid.slides:
        for box in text_boxes(slide):
            if box.role == "title":
                yield slide, box, [line.text for p in box.paragraphs for line in p.lines]


@pytest.mark.parametrize("name", TEMPLATES)
@pytest.mark.parametrize("source", ["builtin", "hard", "long"])
def test_no_title_line_holds_a_single_word(name, source):
    analysis = _sources()[source]
    laid, _ = layout(Deck.new(analysis, "x", name), load_template(name))
    assert problems(laid) == []
    wrapped = 0
    for _, _box, lines in _titles(laid):
        words = " ".join(lines).split()
        if len(lines) > 1:
            wrapped += 1
            if len(words) >= 3:
                assert all(len(line.split()) > 1 for line in lines), lines
    if source == "long":
        assert wrapped >= 2  # the long section titles do wrap: the rule was put to the test


@pytest.mark.parametrize("name", TEMPLATES)
def test_two_line_titles_are_balanced_in_a_narrowed_box(name):
    template = load_template(name)
    laid, _ = layout(Deck.new(parse_analysis(LONG), "x", name), template)
    seen = 0
    for _, box, lines in _titles(laid):
        if len(lines) != 2:
            continue
        seen += 1
        paragraph = box.paragraphs[0]
        widths = [line.width for line in paragraph.lines]
        # the box wraps the title itself into the same two lines (what the PPTX relies on)
        block = make_block(paragraph.text, _style_of(paragraph), box.w)
        assert list(block.lines) == lines
        # as even as the words allow: moving the first line's last word down, or the second
        # line's first word up, makes the longer line no shorter
        longest = max(widths)
        first, second = lines[0].split(), lines[1].split()
        metrics = _style_of(paragraph).metrics
        size = paragraph.size
        down = max(metrics.width(" ".join(first[:-1]), size),
                   metrics.width(" ".join([first[-1], *second]), size))
        up = max(metrics.width(" ".join([*first, second[0]]), size),
                 metrics.width(" ".join(second[1:]), size))
        assert longest <= min(down, up) + 0.5, (lines, widths)
    assert seen >= 2


def _style_of(paragraph):
    from briefer.layout.text import Style

    return Style(paragraph.font, paragraph.size, paragraph.color)


@pytest.mark.slow
@needs("soffice", "pdftotext")
@pytest.mark.parametrize("name", TEMPLATES)
def test_libreoffice_breaks_balanced_titles_where_the_pdf_does(name, tmp_path):
    from tests.render.parity import compare

    diffs = compare(Deck.new(parse_analysis(LONG), "long", name), tmp_path)
    assert diffs.rate == 1.0, diffs[:3]
