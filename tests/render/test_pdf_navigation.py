"""The slide PDF's metadata and navigation, read back with pypdf: dates, XMP, /Lang, bookmarks
for every slide under its section (backup under "Backup") and page labels as slides number."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from pypdf import PdfReader

from briefer.deck.model import Deck
from briefer.export import export
from briefer.layout import layout
from briefer.source.markdown import read_analysis
from briefer.templates import load_template

LONG = "\n".join(f"- Point {i}: " + "a sentence that takes most of a line on the slide " * 2
                 for i in range(14))
ANALYSIS = f"""---
title: "Navigation test"
subtitle: "Bookmarks and labels"
author: "Desk A"
as_of: 2025-12-20
classification: UNCLASSIFIED
lang: de-DE
---

## Short {{#short}}

- One point

## Long {{#long}}

{LONG}

## Annex {{#annex .backup}}

{LONG}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nav")
    source = folder / "nav.md"
    source.write_text(ANALYSIS, encoding="utf-8")
    deck = Deck.new(read_analysis(source), str(source), "staff-brief")
    laid, _ = layout(deck, load_template("staff-brief"))
    out = folder / "nav.pdf"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1766232000")  # 2025-12-20 12:00 UTC
        export(deck, out)
    return laid, PdfReader(str(out))


def _tree(reader, items):
    out = []
    for item in items:
        if isinstance(item, list):
            out[-1] = (out[-1][0], out[-1][1], _tree(reader, item))
        else:
            out.append((item.title, reader.get_destination_page_number(item), []))
    return out


def test_dates_are_the_builds_and_match_the_xmp(built):
    _, reader = built
    assert reader.metadata["/CreationDate"].startswith("D:20251220120000")
    assert reader.metadata["/ModDate"] == reader.metadata["/CreationDate"]
    xmp = reader.xmp_metadata
    assert xmp.xmp_create_date.replace(tzinfo=None) == datetime(2025, 12, 20, 12, 0)
    assert xmp.dc_title == {"x-default": "Navigation test"}
    assert xmp.dc_creator == ["Desk A"]
    assert xmp.dc_description == {"x-default": "Bookmarks and labels"}
    assert xmp.dc_subject == ["UNCLASSIFIED"] and xmp.pdf_keywords == "UNCLASSIFIED"
    assert xmp.dc_language == ["de-DE"]


def test_xmp_keeps_markup_characters_as_written(analysis, tmp_path):
    from dataclasses import replace

    deck = Deck.new(analysis, "s400-turkiye", "plain").with_selection(["background"])
    title, author = 'R&D <"draft"> & \'more\'', "Desk <A> & B"
    deck = replace(deck, meta=replace(deck.meta, title=title, presenter=author))
    out = tmp_path / "markup.pdf"
    export(deck, out)
    xmp = PdfReader(str(out)).xmp_metadata
    assert xmp.dc_title == {"x-default": title}
    assert xmp.dc_creator == [author]


def test_lang_comes_from_the_analysis(built, analysis, tmp_path):
    _, reader = built
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    out = tmp_path / "default.pdf"
    export(Deck.new(analysis, "s400-turkiye", "plain").with_selection(["background"]), out)
    assert PdfReader(str(out)).trailer["/Root"]["/Lang"] == "en-GB"


def test_every_slide_has_a_bookmark_grouped_under_its_section(built):
    laid, reader = built
    tree = _tree(reader, reader.outline)
    titles = [s.title for s in laid.slides]
    long = [i for i, s in enumerate(laid.slides) if s.section_id == "long"]
    annex = [i for i, s in enumerate(laid.slides) if s.section_id == "annex"]
    assert len(long) > 1 and len(annex) > 1
    top = [title for title, _, _ in tree]
    assert top[0] == "Navigation test" and top[-1] == "Backup"
    assert ("Short", titles.index("Short"), []) in tree
    entry = next(e for e in tree if e[0] == "Long")
    assert entry[1] == long[0] and [c[1] for c in entry[2]] == long
    assert [c[0] for c in entry[2]] == [titles[i] for i in long]
    backup = tree[-1]
    assert backup[1] == titles.index("Backup")
    [(name, page, children)] = backup[2]
    assert name == "Annex" and page == annex[0] and [c[1] for c in children] == annex
    marked = {page for _, page, _ in tree} | {c[1] for e in tree for c in e[2]} | set(annex)
    assert marked == set(range(len(laid.slides)))


def test_page_labels_match_the_slide_numbers(built):
    laid, reader = built
    expected = []
    for slide in laid.slides:
        number = slide.number.split(" of ")[0]
        expected.append(number or slide.title)
    assert reader.page_labels == expected
    assert "B-1" in expected and re.fullmatch(r"\d+", expected[0])
