"""The direct PPTX writer produces, part for part, what python-pptx's object layer would."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image
from pptx import Presentation

from briefer.deck.model import Deck
from briefer.layout import layout
from briefer.layout.model import (
    DocumentInfo,
    LaidOutDeck,
    Line,
    Paragraph,
    Picture,
    Rect,
    Rule,
    Slide,
    Table,
    TableCell,
    TextBox,
)
from briefer.render import pptx
from briefer.templates import load_template
from tests.conftest import TEMPLATES
from tests.render import pptx_reference


def _parts(render, laid: LaidOutDeck) -> list[tuple[str, bytes]]:
    buffer = io.BytesIO()
    render(laid, buffer)
    with zipfile.ZipFile(buffer) as z:
        return [(name, z.read(name)) for name in z.namelist()]


def _assert_same(laid: LaidOutDeck) -> None:
    ours, theirs = _parts(pptx.render, laid), _parts(pptx_reference.render, laid)
    assert [n for n, _ in ours] == [n for n, _ in theirs]
    for (name, mine), (_, reference) in zip(ours, theirs, strict=True):
        assert mine == reference, name


@pytest.mark.parametrize("name", TEMPLATES)
def test_decks_match_python_pptx(name, analysis, hostile):
    for source, ref in ((analysis, "s400-turkiye"), (hostile, "hostile")):
        laid, _ = layout(Deck.new(source, ref, name), load_template(name))
        _assert_same(laid)


def _image(color: str, fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), color).save(out, fmt)
    return out.getvalue()


def _para(text: str | None, font, **kw) -> Paragraph:
    lines = (Line(text, 0, 10, 10),) if text is not None else ()
    return Paragraph(lines, font, kw.pop("size", 13.5), "#12ab3f", kw.pop("line_height", 15.3), **kw)


def test_edge_cases_match_python_pptx(analysis):
    laid, _ = layout(Deck.new(analysis, "s400-turkiye"), load_template("staff-brief"))
    font = laid.fonts[-1]
    png, other, jpeg = _image("red", "PNG"), _image("blue", "PNG"), _image("green", "JPEG")
    link = 'https://example.org/?a=1&b="2"'

    def cell(text, fill, dx=7.2, dy=3.6):
        return TableCell(TextBox(100 + dx, 50 + dy, 50, 20, (_para(text, font),)), fill)

    elements = (
        TextBox(1.5, 2.25, 100.333, 0.2, (
            _para("a & b < c > d \"q\" 'x' \x07bell \x0bvt \r cr \t tab ü Триумф", font),
            _para("", font, link=link),
            _para("second", font, link=link, bullet="–", bullet_x=3.3, indent=11.1),
            _para("third", font, link="http://y.example", bullet="•", bullet_color="#abcdef",
                  align="right", space_before=6.66),
        ), role="body&<x>", anchor="bottom"),
        TextBox(1, 2, 3, 4, (), role="empty", anchor="middle"),
        TextBox(1, 2, 3, 4, (_para(None, font, align="center"),), role="no-lines"),
        Rect(0, 0, 10, 20, None, "#ff0000", 0.75, "rect", "r1"),
        Rect(0, 0, 10, 20, "#00ff00", "#ff0000", 0.0, "ellipse", "r2"),
        Rect(0.3, 0.7, 33.3, 7.77, "#00ff00", None, 2.0, "rounded", "r3"),
        Rect(0.3, 0.7, 33.3, 7.77, "#00ff00", "#123456", 0.0000001, "rounded", "r4"),
        Rule(100, 50, 10, 5, "#000000", 0.0, "backwards"),
        Rule(10, 50, 100, 5, "#000000", 1.25, "up"),
        Picture(1, 2, 3, 4, png, "logo"),
        Picture(5, 6, 7, 8, other, "other"),
        Picture(5, 6, 7, 8, png, "again"),
        Picture(5, 6, 7, 8, jpeg, "jpeg"),
        Table(100, 50, (50.5, 60.25), (20.0, 30.3),
              ((cell("h1", "#ff0000"), cell("h2", None, 2, 5)),
               (cell("x", None, 1, 3.6), cell("", "#00ff00"))),
              "#cccccc", 0, "table"),
    )
    slides = (
        Slide("content", "t", elements, "#ffffff", notes="one\ntwo\v soft\n\nafter empty\n\x01ctrl & <b>"),
        Slide("content", "t", (Picture(1, 2, 3, 4, other, "p"),), "#000000"),
        Slide("content", "t", (Picture(1, 2, 3, 4, jpeg, "p"),), "#000000", notes="\v"),
        Slide("content", "t", (), "#000000", notes="x\n"),
    )
    fonts = laid.fonts
    _assert_same(LaidOutDeck(720, 405.5, slides, DocumentInfo("T & <i>", "", "s\r\n", ""), fonts))
    _assert_same(LaidOutDeck(720, 405.5, slides[1:2], DocumentInfo("", "", "", "K"), fonts))
    _assert_same(LaidOutDeck(720, 405.5, (), DocumentInfo("", "", "", ""), fonts))

    out = io.BytesIO()
    pptx.render(LaidOutDeck(720, 405.5, slides, DocumentInfo("T", "A", "S", "K"), fonts), out)
    prs = Presentation(out)  # python-pptx reads it back
    assert len(prs.slides) == 4
    assert prs.slides[0].notes_slide.notes_text_frame.text.startswith("one\ntwo")
    assert prs.core_properties.author == "A"


def test_package_is_a_sound_zip_in_python_pptx_order(analysis):
    laid, _ = layout(Deck.new(analysis, "s400-turkiye"), load_template("staff-brief"))
    buffer = io.BytesIO()
    pptx.render(laid, buffer)
    with zipfile.ZipFile(buffer) as z:
        assert z.testzip() is None
        names = z.namelist()
    assert names[0] == "[Content_Types].xml"
    assert {"ppt/presentation.xml", "ppt/slides/slide1.xml", "docProps/core.xml"} <= set(names)
