"""The PPTX is a deck a PowerPoint expert would build: read back with python-pptx.

Master and layouts in the template's look, titles and key points in placeholders, furniture on
the master and layouts, true document properties. (Every PPTX a test writes is also checked by
openxml-audit: see tests/conftest.py.)
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from datetime import UTC, datetime

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Emu

from briefer import __version__
from briefer.deck.model import Deck
from briefer.export import export
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

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _build(analysis, template: str, tmp_path, **env) -> tuple[Presentation, LaidOutDeck, bytes]:
    deck = Deck.new(analysis, "s400-turkiye", template)
    laid, _ = layout(deck, load_template(template))
    path = tmp_path / f"{template}.pptx"
    export(deck, path)
    return Presentation(str(path)), laid, path.read_bytes()


@pytest.mark.parametrize("template", TEMPLATES)
def test_slides_sit_on_named_layouts_with_titles_and_points_in_placeholders(analysis, tmp_path,
                                                                            template):
    prs, laid, _ = _build(analysis, template, tmp_path)
    names = [layout.name for layout in prs.slide_layouts]
    assert names == ["Title Slide", "Title and Content", "Two Content", "Section Header",
                     "Title Only", "Blank"]
    used = {slide.slide_layout.name for slide in prs.slides}
    assert len(used) >= 4, used
    assert len(prs.slides) == len(laid.slides)
    for slide, ours in zip(prs.slides, laid.slides, strict=True):
        title = slide.shapes.title
        assert title is not None and title.is_placeholder, ours.title
        if ours.kind != "title":
            assert title.text_frame.text.replace("\n", " ") == ours.title
        if ours.kind in ("content", "summary", "closing", "agenda", "sources"):
            body = slide.placeholders[1]
            assert body.placeholder_format.idx == 1
            assert body.text_frame.paragraphs[0].text
    # key points keep their outline levels in the body placeholder
    background = laid.slides.index(next(s for s in laid.slides if s.section_id == "background"))
    body = prs.slides[background].placeholders[1]
    section = analysis.section("background")
    assert [p.text for p in body.text_frame.paragraphs] == [b.text for b in section.points]
    assert [p.level for p in body.text_frame.paragraphs] == [b.level for b in section.points]
    # the title slide's subtitle and byline are placeholders too
    cover = prs.slides[0]
    kinds = {s.placeholder_format.type for s in cover.placeholders}
    assert {PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY} <= kinds


@pytest.mark.parametrize("template", TEMPLATES)
def test_furniture_lives_on_the_master_and_layouts(analysis, tmp_path, template):
    prs, laid, data = _build(analysis, template, tmp_path)
    t = load_template(template)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        theme = z.read("ppt/theme/theme1.xml").decode()
        slides = [z.read(n).decode() for n in z.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n)]
    # theme fonts and colours are the template's
    assert f'<a:majorFont><a:latin typeface="{t.heading_font.name}"/>' in theme
    assert f'<a:minorFont><a:latin typeface="{t.body_font.name}"/>' in theme
    assert f'<a:accent1><a:srgbClr val="{t.color("accent").lstrip("#").upper()}"/>' in theme
    # furniture: header bar / rule, logo and footer rule on the content layout; none on slides
    content = prs.slide_layouts.get_by_name("Title and Content")
    furniture = {s.name for s in content.shapes if not s.is_placeholder}
    expected = {"footer-rule"} | ({"header-bar"} if t.header_style == "bar" else set()) \
        | ({"header-rule"} if t.header_style == "rule" else set()) \
        | ({"logo"} if t.logo is not None and t.logo.position != "title-only" else set())
    assert furniture == expected
    for slide in prs.slides:
        assert not {s.name for s in slide.shapes} & {"header-bar", "header-rule", "footer-rule",
                                                     "banner-top", "banner-bottom"}
    # the footer placeholders: the slide number's is there, and shows "n of N"
    kinds = {s.placeholder_format.type for s in content.placeholders}
    assert PP_PLACEHOLDER.SLIDE_NUMBER in kinds
    numbered = [s for s in prs.slides if any(
        p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER for p in s.placeholders)]
    assert numbered
    for slide in numbered:
        number = next(p for p in slide.placeholders
                      if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
        assert re.search(r"\d+ of \d+|B-\d+", number.text_frame.text)
    # every run says its language
    for xml in slides:
        assert '<a:rPr lang="en-GB"' in xml
        assert "<a:rPr sz=" not in xml and "<a:rPr>" not in xml


def test_banner_is_on_the_master_for_a_marked_deck(analysis, tmp_path):
    deck = Deck.new(analysis, "s400-turkiye", "staff-brief")
    deck = deck.with_selection(["background", "options"])
    path = tmp_path / "marked.pptx"
    export(deck, path)
    prs = Presentation(str(path))
    laid, _ = layout(deck, load_template("staff-brief"))
    banners = [s.text_frame.text for s in prs.slide_master.shapes
               if s.name in ("banner-top", "banner-bottom")]
    assert banners == [laid.marking, laid.marking]
    for slide in prs.slides:
        assert laid.marking not in [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_document_properties_tell_the_truth(analysis, tmp_path, monkeypatch):
    before = datetime.now(UTC).replace(microsecond=0)
    prs, laid, data = _build(analysis, "staff-brief", tmp_path)
    core = prs.core_properties
    assert core.title == laid.info.title and core.author == laid.info.author
    assert core.subject == laid.info.subject and core.keywords == laid.marking
    assert core.created.replace(tzinfo=UTC) >= before - __import__("datetime").timedelta(seconds=1)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        app = z.read("docProps/app.xml").decode()
        presentation = z.read("ppt/presentation.xml").decode()
        names = z.namelist()
    assert f"<Application>briefer {__version__}</Application>" in app
    assert f"<Slides>{len(laid.slides)}</Slides>" in app
    assert "<PresentationFormat>Widescreen</PresentationFormat>" in app
    assert "screen4x3" not in presentation
    assert not [n for n in names if "thumbnail" in n or "printerSettings" in n]

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # reproducible builds
    first = tmp_path / "a.pptx"
    second = tmp_path / "b.pptx"
    deck = Deck.new(analysis, "s400-turkiye")
    export(deck, first)
    time.sleep(1.1)
    export(deck, second)
    assert first.read_bytes() == second.read_bytes()
    assert Presentation(str(first)).core_properties.created == datetime(2023, 11, 14, 22, 13, 20)


def test_a_four_by_three_page_is_declared_so(analysis, tmp_path):
    folder = tmp_path / "four-three"
    folder.mkdir()
    source = (load_template("plain").folder / "template.toml").read_text(encoding="utf-8")
    (folder / "template.toml").write_text(source.replace('size = "16:9"', 'size = "4:3"'),
                                          encoding="utf-8")
    deck = Deck.new(analysis, "s400-turkiye", str(folder))
    export(deck, tmp_path / "x.pptx")
    with zipfile.ZipFile(tmp_path / "x.pptx") as z:
        assert 'type="screen4x3"' in z.read("ppt/presentation.xml").decode()
        assert "On-screen Show (4:3)" in z.read("docProps/app.xml").decode()


def test_graphics_are_named_groups_with_alt_text(analysis, tmp_path):
    prs, laid, _ = _build(analysis, "staff-brief", tmp_path)
    groups = [s for slide in prs.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    names = [g.name for g in groups]
    assert any(n.startswith("Timeline: ") for n in names)
    assert any(n.startswith("Key figures: ") for n in names)
    for group in groups:
        descr = group._element.xpath("./p:nvGrpSpPr/p:cNvPr")[0].get("descr")
        assert descr and len(descr) > 20
    pictures = [s for slide in prs.slides for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE] + \
        [s for s in prs.slide_layouts.get_by_name("Title and Content").shapes
         if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    for picture in pictures:
        descr = picture._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr")
        assert descr and not descr.startswith("image."), descr
    tables = [s for slide in prs.slides for s in slide.shapes if s.has_table]
    for table in tables:
        assert table._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr").startswith("Table:")


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_slide_added_in_powerpoint_lands_where_ours_do(analysis, tmp_path, template):
    """New Slide › Title and Content: the title and body sit where briefer puts them, in the
    template's fonts, colours and sizes."""
    prs, laid, _ = _build(analysis, template, tmp_path)
    ours = next(s for s in laid.slides if s.layout == "content" and not s.own_frame)
    title = next(e for e in ours.elements if isinstance(e, TextBox) and e.placeholder == "title")
    body = next(e for e in ours.elements if isinstance(e, TextBox) and e.placeholder == "body")
    added = prs.slides.add_slide(prs.slide_layouts.get_by_name("Title and Content"))
    added.shapes.title.text = "Added in PowerPoint"
    added.placeholders[1].text_frame.text = "A new point"
    for shape, box in ((added.shapes.title, title), (added.placeholders[1], body)):
        assert (shape.left, shape.top, shape.width) == (Emu(round(box.x * 12700)),
                                                        Emu(round(box.y * 12700)),
                                                        Emu(round(box.w * 12700)))
    layout = prs.slide_layouts.get_by_name("Title and Content")
    level1 = layout.placeholders[1]._element.xpath(".//a:lstStyle/a:lvl1pPr")[0]
    t = load_template(template)
    assert level1.find(f"{A}defRPr").get("sz") == str(round(t.size("body") * 100))
    assert level1.find(f"{A}buChar").get("char") == "•"
    path = tmp_path / "added.pptx"
    prs.save(str(path))  # validated by openxml-audit after the test
    assert len(Presentation(str(path)).slides) == len(laid.slides) + 1


def _para(text: str | None, font, **kw) -> Paragraph:
    lines = (Line(text, 0, 10, 10),) if text is not None else ()
    return Paragraph(lines, font, kw.pop("size", 13.5), "#12ab3f", kw.pop("line_height", 15.3), **kw)


def _image(color: str, fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), color).save(out, format=fmt)
    return out.getvalue()


def test_edge_cases_are_valid_and_read_back(analysis, tmp_path):
    """Escapes, control characters, links, every shape, empty boxes and decks without layouts."""
    laid, _ = layout(Deck.new(analysis, "s400-turkiye"), load_template("staff-brief"))
    font = laid.fonts[-1]
    png, jpeg = _image("red", "PNG"), _image("green", "JPEG")
    link = 'https://example.org/?a=1&b="2"'

    def cell(text, fill, dx=7.2, dy=3.6):
        return TableCell(TextBox(100 + dx, 50 + dy, 50, 20, (_para(text, font),)), fill)

    elements = (
        TextBox(1.5, 2.25, 100.333, 0.2, (
            _para("a & b < c > d \"q\" 'x' \x07bell \x0bvt \r cr \t tab ü Триумф", font),
            _para("", font, link=link),
            _para("second", font, link=link, bullet="–", bullet_x=3.3, indent=11.1, level=1),
            _para("third", font, link="http://y.example", bullet="•", bullet_color="#abcdef",
                  align="right", space_before=6.66),
        ), role="body&<x>", anchor="bottom"),
        TextBox(1, 2, 3, 4, (), role="empty", anchor="middle"),
        TextBox(1, 2, 3, 4, (_para(None, font, align="center"),), role="no-lines"),
        Rect(0, 0, 10, 20, None, "#ff0000", 0.75, "rect", "r1"),
        Rect(0, 0, 10, 20, "#00ff00", "#ff0000", 0.0, "ellipse", "r2"),
        Rect(0.3, 0.7, 33.3, 7.77, "#00ff00", None, 2.0, "rounded", "r3"),
        Rule(100, 50, 10, 5, "#000000", 0.0, "backwards"),
        Rule(10, 50, 100, 5, "#000000", 1.25, "up"),
        Picture(1, 2, 3, 4, png, "logo"),
        Picture(5, 6, 7, 8, png, "again", "the same picture"),
        Picture(5, 6, 7, 8, jpeg, "jpeg"),
        Table(100, 50, (50.5, 60.25), (20.0, 30.3),
              ((cell("h1", "#ff0000"), cell("h2", None, 2, 5)),
               (cell("x", None, 1, 3.6), cell("", "#00ff00"))), "#cccccc", 0, "table"),
    )
    slides = (
        Slide("content", "t & <b>", elements, "#ffffff", notes="one\ntwo\v soft\n\nafter\n\x01ctrl & <b>"),
        Slide("content", "", (Picture(1, 2, 3, 4, jpeg, "p"),), "#000000", notes="\v"),
        Slide("content", "t", (), "#000000", notes="x\n"),
    )
    for deck in (LaidOutDeck(720, 405.5, slides, DocumentInfo("T & <i>", "A", "s\r\n", "K"), laid.fonts),
                 LaidOutDeck(720, 405.5, (), DocumentInfo("", "", "", ""), laid.fonts)):
        out = io.BytesIO()
        pptx.render(deck, out)
        path = tmp_path / f"edge-{len(deck.slides)}.pptx"
        path.write_bytes(out.getvalue())
        prs = Presentation(str(path))
        assert len(prs.slides) == len(deck.slides)
    prs = Presentation(str(tmp_path / "edge-3.pptx"))
    assert prs.slides[0].notes_slide.notes_text_frame.text.startswith("one\ntwo")
    assert prs.core_properties.author == "A"
    with zipfile.ZipFile(tmp_path / "edge-3.pptx") as z:
        assert z.testzip() is None
        assert z.namelist()[0] == "[Content_Types].xml"
        assert sum(n.startswith("ppt/media/") for n in z.namelist()) == 2  # each picture once
