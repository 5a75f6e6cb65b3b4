"""Read the written PPTX and PDF back and check what a user would: content, order, notes, fonts."""

from __future__ import annotations

import subprocess
from dataclasses import replace

import pytest
from pptx import Presentation
from pypdf import PdfReader

from briefer.deck.model import Deck
from briefer.export import export
from briefer.layout import layout
from briefer.templates import load_template
from tests.conftest import REQUIRED, TEMPLATES, needs, pdf_text

DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _shape_text(slide, name):
    return [s.text_frame.text for s in slide.shapes if s.name == name and s.has_text_frame]


@pytest.fixture(scope="module")
def built(tmp_path_factory, analysis):
    """The four required sections, built in every template to both formats."""
    out = tmp_path_factory.mktemp("decks")
    results = {}
    for name in TEMPLATES:
        deck = replace(Deck.new(analysis, "s400-turkiye"), template=name).with_selection(REQUIRED)
        laid, _ = layout(deck, load_template(name))
        for fmt in ("pptx", "pdf"):
            path = out / f"{name}.{fmt}"
            export(deck, path)
            results[name, fmt] = path
        results[name] = (deck, laid)
    return results


@pytest.mark.parametrize("name", TEMPLATES)
def test_pptx_has_sections_in_order_with_notes(built, name):
    deck, laid = built[name]
    prs = Presentation(str(built[name, "pptx"]))
    assert len(prs.slides) == len(laid.slides)
    titles = []
    for slide, laid_slide in zip(prs.slides, laid.slides, strict=True):
        texts = _shape_text(slide, "title")
        assert texts, "every slide has a title text box"
        if laid_slide.kind == "content":
            titles.append(texts[0])
            if laid_slide.bookmark:
                section = deck.section(laid_slide.section_id)
                notes = slide.notes_slide.notes_text_frame.text
                assert section.prose[0] in notes
    assert titles == [deck.section(i).title for i in REQUIRED]


@pytest.mark.parametrize("name", TEMPLATES)
def test_pptx_is_native_and_uses_template_fonts(built, name):
    template = load_template(name)
    prs = Presentation(str(built[name, "pptx"]))
    fonts = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.shape_type != 13 or shape.name == "logo", "no pictures of text"
            if shape.has_text_frame:
                body_pr = shape.text_frame._txBody.bodyPr
                assert body_pr.find(f"{{{DRAWINGML}}}normAutofit") is None
                for paragraph in shape.text_frame.paragraphs:
                    fonts.update(run.font.name for run in paragraph.runs)
    assert fonts == {template.heading_font.name, template.body_font.name}
    assert prs.core_properties.title.startswith("Türkiye")
    assert prs.slide_width == 960 * 12700 and prs.slide_height == 540 * 12700


@pytest.mark.parametrize("name", TEMPLATES)
def test_pdf_matches_pptx_and_embeds_fonts(built, name):
    _, laid = built[name]
    reader = PdfReader(str(built[name, "pdf"]))
    assert len(reader.pages) == len(laid.slides) == len(Presentation(str(built[name, "pptx"])).slides)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    text = "\n".join(pdf_text(built[name, "pdf"]))
    assert "Türkiye" in text
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == [title for _, title, level in laid.outline() if level == 0]
    assert reader.metadata.title.startswith("Türkiye")


@needs("pdftotext")
def test_pdftotext_recovers_turkish_exactly(built):
    out = subprocess.run(["pdftotext", str(built["staff-brief", "pdf"]), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert "Türkiye" in out and "Erdoğan" in out


def test_hostile_text_survives_both_formats(hostile, tmp_path):
    deck = Deck.new(hostile, "hostile")
    export(deck, tmp_path / "h.pdf")
    export(deck, tmp_path / "h.pptx")
    text = "".join("".join(pdf_text(tmp_path / "h.pdf")).split())
    for needle in ("R&D<5%", "a>b", "Триумф", "Ελληνικά", "Şanlıurfa", "Iğdır", "İzmir"):
        assert needle in text, needle
    prs = Presentation(str(tmp_path / "h.pptx"))
    pptx_text = " ".join(s.text_frame.text for sl in prs.slides for s in sl.shapes if s.has_text_frame)
    assert "R&D < 5% and a > b & c" in pptx_text
    links = [r.hyperlink.address for sl in prs.slides for s in sl.shapes if s.has_text_frame
             for p in s.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert "https://example.com/report.pdf" in links


def test_slide_numbers_on_both(built):
    _, laid = built["staff-brief"]
    total = sum(1 for s in laid.slides if " of " in s.number)
    pages = pdf_text(built["staff-brief", "pdf"])
    prs = Presentation(str(built["staff-brief", "pptx"]))
    for index, (page, slide) in enumerate(zip(pages, prs.slides, strict=True)):
        if index == 0:
            continue
        assert f"{index + 1} of {total}" in page
        assert f"{index + 1} of {total}" in "".join(_shape_text(slide, "footer-right"))
