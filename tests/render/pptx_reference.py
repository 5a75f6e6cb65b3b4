"""Reference: the python-pptx renderer that briefer/render/pptx.py replaced, kept to check it.

briefer/render/pptx.py writes the package directly; tests/render/test_pptx_writer.py checks that
every part it writes is byte for byte what this python-pptx code writes. When the PPTX output is
changed on purpose, change both.
"""

from __future__ import annotations

import io
from typing import BinaryIO

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from briefer.layout.model import LaidOutDeck, Paragraph, Picture, Rect, Rule, Slide, Table, TextBox

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_SHAPES = {"rect": MSO_SHAPE.RECTANGLE, "ellipse": MSO_SHAPE.OVAL,
           "rounded": MSO_SHAPE.ROUNDED_RECTANGLE}


def _pt(value: float) -> Emu:
    return Emu(round(value * 12700))


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def render(deck: LaidOutDeck, out: BinaryIO) -> None:
    prs = Presentation()
    prs.slide_width = _pt(deck.width)
    prs.slide_height = _pt(deck.height)
    blank = prs.slide_layouts[6]
    for slide in deck.slides:
        _draw_slide(prs.slides.add_slide(blank), slide)
    props = prs.core_properties
    props.title = deck.info.title
    props.author = deck.info.author
    props.subject = deck.info.subject
    props.keywords = deck.info.keywords
    props.last_modified_by = "briefer"
    props.comments = "Made with briefer"
    buffer = io.BytesIO()
    prs.save(buffer)
    out.write(buffer.getvalue())


def _draw_slide(pptx_slide, slide: Slide) -> None:
    fill = pptx_slide.background.fill
    fill.solid()
    fill.fore_color.rgb = _rgb(slide.background)
    shapes = pptx_slide.shapes
    for element in slide.elements:
        if isinstance(element, TextBox):
            _textbox(shapes, element)
        elif isinstance(element, Rect):
            _rect(shapes, element)
        elif isinstance(element, Rule):
            _rule(shapes, element)
        elif isinstance(element, Picture):
            pic = shapes.add_picture(io.BytesIO(element.png), _pt(element.x), _pt(element.y),
                                     _pt(element.w), _pt(element.h))
            pic.name = element.role
        elif isinstance(element, Table):
            _table(shapes, element)
    if slide.notes:
        pptx_slide.notes_slide.notes_text_frame.text = slide.notes


def _plain_style(shape) -> None:
    """Drop python-pptx's theme style reference, so no theme shadow or outline sneaks in."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _rect(shapes, rect: Rect) -> None:
    shape = shapes.add_shape(_SHAPES[rect.shape], _pt(rect.x), _pt(rect.y), _pt(rect.w),
                             _pt(rect.h))
    _plain_style(shape)
    shape.name = rect.role
    if rect.shape == "rounded":
        shape.adjustments[0] = 0.08 * min(rect.w, rect.h) / min(rect.w, rect.h) * 1.0
    if rect.fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(rect.fill)
    else:
        shape.fill.background()
    if rect.line and rect.line_width > 0:
        shape.line.color.rgb = _rgb(rect.line)
        shape.line.width = _pt(rect.line_width)
    else:
        shape.line.fill.background()


def _rule(shapes, rule: Rule) -> None:
    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _pt(rule.x1), _pt(rule.y1), _pt(rule.x2),
                                _pt(rule.y2))
    _plain_style(line)
    line.name = rule.role
    line.line.color.rgb = _rgb(rule.color)
    line.line.width = _pt(rule.width)


def _textbox(shapes, box: TextBox) -> None:
    shape = shapes.add_textbox(_pt(box.x), _pt(box.y), _pt(box.w), _pt(max(box.h, 1.0)))
    shape.name = box.role
    _fill_frame(shape.text_frame, box)


def _fill_frame(frame, box: TextBox) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = _ANCHOR[box.anchor]
    for index, para in enumerate(box.paragraphs):
        p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _paragraph(p, para)


def _paragraph(p, para: Paragraph) -> None:
    p.alignment = _ALIGN[para.align]
    p.line_spacing = Pt(para.line_height)
    p.space_before = Pt(para.space_before)
    p.space_after = Pt(0)
    p_pr = p._p.get_or_add_pPr()
    p_pr.set("marL", str(_pt(para.indent)))
    p_pr.set("indent", str(_pt(para.bullet_x - para.indent) if para.bullet else 0))
    for tag in ("a:buClr", "a:buFont", "a:buChar", "a:buAutoNum", "a:buNone"):
        for old in p_pr.findall(qn(tag)):
            p_pr.remove(old)
    if para.bullet:
        if para.bullet_color:
            clr = etree.SubElement(p_pr, qn("a:buClr"))
            etree.SubElement(clr, qn("a:srgbClr")).set("val", para.bullet_color.lstrip("#").upper())
        etree.SubElement(p_pr, qn("a:buFont")).set("typeface", para.font.name)
        if para.number is not None:
            auto = etree.SubElement(p_pr, qn("a:buAutoNum"))
            auto.set("type", "arabicPeriod")
            auto.set("startAt", str(para.number))
        else:
            etree.SubElement(p_pr, qn("a:buChar")).set("char", para.bullet)
    else:
        etree.SubElement(p_pr, qn("a:buNone"))
    run = p.add_run()
    run.text = para.text
    font = run.font
    font.name = para.font.name
    font.size = Pt(para.size)
    font.bold = para.font.bold
    font.italic = para.font.italic
    font.color.rgb = _rgb(para.color)
    if para.link:
        run.hyperlink.address = para.link


def _borders(tc_pr, color: str) -> None:
    """Hairline rules between rows and none between columns, before the fill (schema order)."""
    for index, (tag, visible) in enumerate((("a:lnL", False), ("a:lnR", False), ("a:lnT", True),
                                            ("a:lnB", True))):
        line = etree.Element(qn(tag))
        if visible:
            line.set("w", "6350")
            fill = etree.SubElement(line, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr")).set("val", color.lstrip("#").upper())
            etree.SubElement(line, qn("a:prstDash")).set("val", "solid")
        else:
            line.set("w", "0")
            etree.SubElement(line, qn("a:noFill"))
        tc_pr.insert(index, line)


def _table(shapes, table: Table) -> None:
    rows, cols = len(table.cells), len(table.col_widths)
    frame = shapes.add_table(rows, cols, _pt(table.x), _pt(table.y), _pt(table.w), _pt(table.h))
    frame.name = table.role
    grid = frame.table
    grid.first_row = table.header_rows > 0
    grid.horz_banding = False
    for c, width in enumerate(table.col_widths):
        grid.columns[c].width = _pt(width)
    for r, height in enumerate(table.row_heights):
        grid.rows[r].height = _pt(height)
    for r, row in enumerate(table.cells):
        for c, cell in enumerate(row):
            target = grid.cell(r, c)
            if cell.fill:
                target.fill.solid()
                target.fill.fore_color.rgb = _rgb(cell.fill)
            box = cell.box
            target.margin_left = _pt(box.x - (table.x + sum(table.col_widths[:c])))
            target.margin_right = target.margin_left
            target.margin_top = _pt(box.y - (table.y + sum(table.row_heights[:r])))
            target.margin_bottom = target.margin_top
            target.vertical_anchor = MSO_ANCHOR.TOP
            _borders(target._tc.get_or_add_tcPr(), table.border)
            frame_ = target.text_frame
            frame_.word_wrap = True
            for index, para in enumerate(box.paragraphs):
                p = frame_.paragraphs[0] if index == 0 else frame_.add_paragraph()
                _paragraph(p, para)
