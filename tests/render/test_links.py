"""Links inside key points stay clickable on their own slide, in the PPTX (a hyperlinked run)
and the PDF (a link annotation over the words on that page); the sources slide prints
"anchor text (URL)" or the URL alone."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pypdf import PdfReader

from briefer.layout.text import Style, make_block
from briefer.templates import load_template
from tests.conftest import TEMPLATES, build_markdown, pdf_text

FILLER = "- Point that pushes the linked point down the slide with enough words to wrap\n" * 9
ANALYSIS = f"""---
title: "Links"
---

## Deals {{#deals}}

- The [Reuters report](https://example.com/reuters) put the deal at USD 2.5bn, and
  [an anchor text long enough to wrap from one line of the slide onto the next one](
  https://example.com/long) too
{FILLER}- Late [SIPRI entry](https://sipri.org/db) on a continuation slide

### Sources

- [Arms transfers database](https://sipri.org/transfers)
- https://example.com/plain
"""


@pytest.fixture(scope="module", params=TEMPLATES)
def built(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("links")
    laid = build_markdown(ANALYSIS, request.param, folder, "links")
    return laid, Presentation(str(folder / "links.pptx")), PdfReader(str(folder / "links.pdf"))


def _slide_of(laid, words):
    return next(i for i, s in enumerate(laid.slides)
                if s.kind == "content" and any(words in t for t in _texts(laid, s)))


def _texts(laid, slide):
    return [e.text for e in laid.page(slide) if hasattr(e, "paragraphs")]


def test_pptx_runs_carry_the_links_on_the_bullets_slide(built):
    laid, prs, _ = built
    for words, url in (("Reuters report", "https://example.com/reuters"),
                       ("SIPRI entry", "https://sipri.org/db")):
        index = _slide_of(laid, words)
        runs = [r for shape in prs.slides[index].shapes if shape.has_text_frame
                for p in shape.text_frame.paragraphs for r in p.runs]
        linked = {r.text: r.hyperlink.address for r in runs if r.hyperlink.address}
        assert linked[words] == url
        assert all(not r.hyperlink.address for r in runs if r.text.startswith("The "))
        xml = prs.slides[index].shapes._spTree.xml
        assert "hlinkClick" in xml
    long = _slide_of(laid, "Reuters report")
    runs = [r for shape in prs.slides[long].shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs]
    assert any(r.hyperlink.address == "https://example.com/long" and r.text.startswith("an anchor")
               for r in runs)


def test_pdf_link_annotations_sit_over_the_words_on_that_page(built):
    laid, _, reader = built
    for words, url, lines in (("Reuters report", "https://example.com/reuters", 1),
                              ("SIPRI entry", "https://sipri.org/db", 1),
                              ("Reuters report", "https://example.com/long", 2)):
        index = _slide_of(laid, words)
        annots = [a.get_object() for a in reader.pages[index].get("/Annots") or []]
        rects = [a["/Rect"] for a in annots if a["/A"]["/URI"] == url]
        assert len(rects) == lines, (url, index)
        others = [i for i, page in enumerate(reader.pages) if i != index and any(
            a.get_object()["/A"]["/URI"] == url for a in page.get("/Annots") or [])
            and laid.slides[i].kind != "sources"]
        assert others == []
        if lines == 1:  # narrower than the line: the anchor's words, not the paragraph
            x0, _, x1, _ = (float(v) for v in rects[0])
            assert 20 < x1 - x0 < laid.width / 3


def test_sources_slide_prints_anchor_and_url_never_a_dash(built):
    laid, _, reader = built
    index = next(i for i, s in enumerate(laid.slides) if s.kind == "sources")
    text = " ".join(pdf_text_page(reader, index).split())
    assert "Arms transfers database (https://sipri.org/transfers)" in text
    assert "Reuters report (https://example.com/reuters)" in text
    assert "https://example.com/plain" in text
    assert " — http" not in text
    uris = {a.get_object()["/A"]["/URI"] for a in reader.pages[index].get("/Annots") or []}
    assert {"https://sipri.org/transfers", "https://example.com/plain"} <= uris


def pdf_text_page(reader, index):
    return reader.pages[index].extract_text() or ""


def test_a_split_paragraph_keeps_its_links_in_each_part():
    template = load_template("plain")
    style = Style(template.body_font, 20, "#000000")
    text = "word " * 12 + "linked words here " + "tail " * 12
    start = text.index("linked")
    block = make_block(text.strip(), style, 200, links=((start, start + 17, "https://x.test"),))
    lines = block.lines
    at = next(i for i, line in enumerate(lines) if "linked" in line)
    head, tail = block.split(at + 1)
    joined = " ".join(head.lines)
    assert all(joined[a:b] in "linked words here" for a, b, _ in head.links)
    rest = " ".join(tail.lines)
    assert all(rest[a:b] in "linked words here" for a, b, _ in tail.links)
    covered = "".join(joined[a:b] for a, b, _ in head.links) + \
        "".join(rest[a:b] for a, b, _ in tail.links)
    assert covered.replace(" ", "") == "linkedwordshere"


assert pdf_text  # the shared helper, kept importable
