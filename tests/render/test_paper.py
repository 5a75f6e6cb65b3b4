"""Notes pages and handouts, read back from the PDF: page counts, notes, banners, paper, links."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from pypdf import PdfReader

from briefer.deck.model import Deck
from briefer.errors import BrieferError
from briefer.export import export
from briefer.layout import layout
from briefer.layout.paper import PAPER_SIZES
from briefer.source.library import load_analysis
from briefer.templates import load_template
from tests.conftest import pdf_text


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def decks(analysis):
    out = {}
    for name in ("staff-brief", "think-tank"):
        deck = replace(Deck.new(analysis, "s400-turkiye"), template=name)
        out[name] = deck, layout(deck, load_template(name))[0]
    return out


@pytest.mark.parametrize("name", ["staff-brief", "think-tank"])
def test_notes_pages_one_per_slide_with_the_sections_prose(decks, name, tmp_path, analysis):
    deck, laid = decks[name]
    path = tmp_path / "notes.pdf"
    export(deck, path, as_product="notes")
    pages = [_words(t) for t in pdf_text(path)]
    assert len(pages) == len(laid.slides)
    total = len(pages)
    for number, (page, slide) in enumerate(zip(pages, laid.slides, strict=True), 1):
        assert f"Page {number} of {total}" in page
        if slide.section_id and slide.notes:
            section = deck.section(slide.section_id)
            assert _words(section.prose[0])[:60] in page, (number, slide.title)
    background = next(i for i, s in enumerate(laid.slides) if s.section_id == "background")
    assert _words(analysis.section("background").prose[0]) in pages[background]
    if laid.marking and name == "staff-brief":  # banners top and bottom of the page, and the slide's
        assert all(page.count(laid.marking) >= 4 for page in pages)
    width, height = (float(v) for v in PdfReader(path).pages[0].mediabox[2:])
    expected = PAPER_SIZES[load_template(name).report.paper]
    assert (round(width), round(height)) == tuple(round(v) for v in expected)


def test_paper_can_be_overridden_and_notes_stripped(decks, tmp_path):
    deck, laid = decks["staff-brief"]
    path = tmp_path / "notes.pdf"
    export(deck, path, as_product="notes", paper="a4", strip_notes=True)
    reader = PdfReader(path)
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]
    text = _words(" ".join(pdf_text(path)))
    prose = _words(deck.section("background").prose[0])
    assert prose[:40] not in text
    assert "Background" in text  # the slide is still there


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 6])
def test_handout_page_count_is_slides_over_per_page(decks, per_page, tmp_path):
    deck, laid = decks["staff-brief"]
    path = tmp_path / f"handout{per_page}.pdf"
    export(deck, path, as_product="handout", per_page=per_page)
    pages = pdf_text(path)
    assert len(pages) == math.ceil(len(laid.slides) / per_page)
    assert f"Page 1 of {len(pages)}" in pages[0]
    every_title = _words(" ".join(pages))
    for slide in laid.slides:
        assert _words(slide.title)[:30] in every_title


def test_handout_outline_and_slide_links_survive_scaling(decks, tmp_path):
    deck, laid = decks["think-tank"]
    path = tmp_path / "handout.pdf"
    export(deck, path, as_product="handout")
    reader = PdfReader(path)
    titles = [item.title for item in reader.outline]
    assert titles == [s.bookmark for s in laid.slides if s.bookmark]
    for page in reader.pages:  # every link lies inside the page (scaled with its slide)
        for annot in page.get("/Annots") or []:
            x0, y0, x1, y1 = (float(v) for v in annot.get_object()["/Rect"])
            assert 0 <= x0 < x1 <= float(page.mediabox[2]) and 0 <= y0 < y1 <= float(page.mediabox[3])


def test_bad_per_page_and_paper_are_one_line_errors(decks, tmp_path):
    deck, _ = decks["staff-brief"]
    with pytest.raises(BrieferError, match="per-page"):
        export(deck, tmp_path / "h.pdf", as_product="handout", per_page=5)
    with pytest.raises(BrieferError, match="paper"):
        export(deck, tmp_path / "h.pdf", as_product="notes", paper="a3")
    with pytest.raises(BrieferError, match="--as notes writes .pdf, not '.pptx'"):
        export(deck, tmp_path / "h.pptx", as_product="notes")
    assert not list(tmp_path.iterdir())


def test_long_notes_continue_instead_of_being_cut(analysis, tmp_path):
    long = tuple(f"Paragraph {n}: " + "a long sentence of speaker notes " * 30 for n in range(12))
    section = analysis.section("background")
    changed = replace(analysis, sections=tuple(replace(s, prose=long) if s.id == section.id else s
                                                for s in analysis.sections))
    deck = Deck.new(changed, "s400-turkiye").with_selection(["background"])
    path = tmp_path / "notes.pdf"
    export(deck, path, as_product="notes")
    text = _words(" ".join(pdf_text(path)))
    assert "Paragraph 11:" in text and "(notes cont.)" in text


def test_cli_builds_each_paper_product(tmp_path, capsys):
    from briefer.cli import main

    notes, handout = tmp_path / "n.pdf", tmp_path / "h.pdf"
    assert main(["build", "--as", "notes", "--paper", "a4", "-o", str(notes)]) == 0
    assert main(["build", "--as", "handout", "--per-page", "6", "--strip-notes", "-o", str(handout)]) == 0
    slides = len(layout(Deck.new(load_analysis("s400-turkiye"), "s400-turkiye"),
                        load_template("staff-brief"))[0].slides)
    assert len(PdfReader(notes).pages) == slides
    assert len(PdfReader(handout).pages) == math.ceil(slides / 6)
    assert main(["build", "--as", "handout", "-o", str(tmp_path / "h.pptx")]) == 1
    assert capsys.readouterr().err.strip() == "briefer: error: --as handout writes .pdf, not '.pptx'"
