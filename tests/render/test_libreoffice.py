"""What another client sees: LibreOffice re-wraps our PPTX text itself. Nothing may move or collide."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefer.deck.model import Deck
from briefer.export import export
from briefer.layout import layout
from briefer.templates import load_template
from tests.conftest import needs, pdf_text
from tests.geometry import CONTENT_ROLES, text_boxes
from tests.render.soffice import convert

pytestmark = [
    pytest.mark.slow,
    needs("soffice", "pdftotext"),
]


def _convert(pptx: Path, tmp: Path) -> Path:
    return convert(pptx, tmp)


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in ET.fromstring(xhtml).iterfind(".//x:page", ns):
        words = []
        for word in page.iterfind("x:word", ns):
            box = tuple(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            words.append((*box, word.text or ""))
        pages.append(words)
    return pages


@pytest.mark.parametrize("template", ["staff-brief", "think-tank", "plain"])
def test_libreoffice_keeps_every_paragraph_on_its_slide(hostile, tmp_path, template):
    assert_libreoffice_keeps_every_paragraph(hostile, template, tmp_path)


def assert_libreoffice_keeps_every_paragraph(hostile, template: str, tmp_path: Path) -> None:
    """LibreOffice's rendering of the hostile deck: every paragraph on its slide, every word on
    the page, no two words on top of each other."""
    deck = Deck.new(hostile, "hostile")
    deck = deck.__class__(**{**deck.__dict__, "template": template})
    pptx = tmp_path / "hostile.pptx"
    export(deck, pptx)
    pdf = _convert(pptx, tmp_path)
    laid, _ = layout(deck, load_template(template))
    pages = ["".join(p.split()) for p in pdf_text(pdf)]
    assert len(pages) == len(laid.slides)
    for number, (slide, page) in enumerate(zip(laid.slides, pages, strict=True), 1):
        for box in text_boxes(slide):
            if box.role in CONTENT_ROLES or box.role == "title":
                for paragraph in box.paragraphs:
                    assert "".join(paragraph.text.split()) in page, (number, paragraph.text[:40])

    for number, words in enumerate(_words(pdf), 1):
        for x0, y0, x1, y1, text in words:
            assert x0 >= 0 and x1 <= laid.width + 1 and y0 >= 0 and y1 <= laid.height + 1, (number, text)
        # words never sit on top of each other; pdftotext's boxes span the font's whole ascent
        # and descent (about 1.3 em), so keep the middle 70 % of each box's height
        boxes = [(x0 + 1, y0 + 0.15 * (y1 - y0), x1 - 1, y1 - 0.15 * (y1 - y0), t)
                 for x0, y0, x1, y1, t in words]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    pytest.fail(f"slide {number}: {a!r} collides with {b!r}")
