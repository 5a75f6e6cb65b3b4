"""The written report as a Word document (python-docx), for staff to go on editing.

Word's own styles carry the structure (Title, Subtitle, Heading 1-2, List Bullet 1-3, Caption,
Table Grid), so Word's navigation pane, its contents field and its accessibility checker work.
python-docx has no footnote API, so sources are numbered endnotes: superscript numbers in the
text and an "Endnotes" list at the end. The header and footer carry the marking; the footer the
page number as a field. Timelines and key figures, drawn as vectors in the PDF, are tables of
their rows here: Word takes no SVG from python-docx, and a table stays editable and readable.
"""

from __future__ import annotations

import io
from typing import BinaryIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from briefer.render.options import RenderOptions
from briefer.report.model import (
    FigureBlock,
    Heading,
    KeyPoints,
    Para,
    PictureBlock,
    Report,
    TableBlock,
)

PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
LIST_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")


def render(report: Report, out: BinaryIO, options: RenderOptions) -> None:
    document = Document()
    _page(document, report, options.paper or report.look.paper)
    _styles(document, report)
    _properties(document, report)
    _title_page(document, report)
    _contents(document, report)
    figures = tables = 0
    for block in report.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            paragraph = document.add_paragraph(block.text)
            _refs(paragraph, block.notes)
        elif isinstance(block, KeyPoints):
            _key_points(document, block, report)
        elif isinstance(block, TableBlock):
            tables += 1
            _caption(document, f"Table {tables}: {block.caption}")
            _table(document, block.header, block.rows)
        elif isinstance(block, FigureBlock):
            figures += 1
            _caption(document, f"Figure {figures}: {block.caption}")
            if block.rows:
                _table(document, block.header, block.rows)
            else:
                document.add_paragraph(block.alt)
        elif isinstance(block, PictureBlock):
            figures += 1
            width = min(block.width_px * 0.75, _text_width(document) * 0.8)
            document.add_picture(io.BytesIO(block.png), width=Pt(width))
            picture = document.inline_shapes[-1]
            picture._inline.docPr.set("descr", block.alt)  # alt text
            _caption(document, f"Figure {figures}: {block.caption}")
    if report.endnotes:
        document.add_heading("Endnotes", level=1)
        for note in report.endnotes:
            paragraph = document.add_paragraph(style="List Number")
            paragraph.add_run(note.text)
            _bookmark(paragraph, f"note_{note.number}")
    buffer = io.BytesIO()
    document.save(buffer)
    out.write(buffer.getvalue())


def _page(document, report: Report, paper: str) -> None:
    width, height = PAPERS.get(paper, PAPERS["a4"])
    margins = report.look.margins
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(width), Pt(height)
    section.top_margin, section.bottom_margin = Pt(margins["top"]), Pt(margins["bottom"])
    section.left_margin, section.right_margin = Pt(margins["left"]), Pt(margins["right"])
    section.different_first_page_header_footer = True
    for header in (section.header, section.first_page_header):
        _banner(header.paragraphs[0], report)
    running = section.header.add_paragraph(report.short_title)
    running.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _small(running)
    for footer, numbered in ((section.footer, True), (section.first_page_footer, False)):
        paragraph = footer.paragraphs[0]
        if numbered:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run("Page ")
            _field(paragraph, "PAGE", "1")
            paragraph.add_run(" of ")
            _field(paragraph, "NUMPAGES", "1")
            _small(paragraph)
            paragraph = footer.add_paragraph()
        _banner(paragraph, report)


def _text_width(document) -> float:
    section = document.sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / 12700


def _banner(paragraph, report: Report) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not report.marking:
        return
    run = paragraph.add_run(report.marking)
    run.bold = True
    run.font.size = Pt(9)
    if report.look.banner:
        fill, ink = report.look.banner
        run.font.color.rgb = RGBColor.from_string(ink.lstrip("#").upper())
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill.lstrip("#").upper())
        paragraph._p.get_or_add_pPr().append(shading)


def _small(paragraph) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(8.5)


def _styles(document, report: Report) -> None:
    look = report.look
    normal = document.styles["Normal"]
    normal.font.name = look.body_font.name
    normal.font.size = Pt(look.size)
    normal.font.color.rgb = RGBColor.from_string(look.colors["text"].lstrip("#").upper())
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), look.body_font.name)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), report.lang)
    normal.element.get_or_add_rPr().append(language)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = look.heading_font.name
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attribute), None)  # the theme's font would win over ours
        style.font.color.rgb = RGBColor.from_string(look.colors["heading"].lstrip("#").upper())


def _properties(document, report: Report) -> None:
    properties = document.core_properties
    properties.title = report.title
    properties.subject = report.subtitle
    properties.author = report.author or report.organisation
    properties.keywords = report.marking
    properties.language = report.lang
    properties.comments = "Written by briefer"


def _title_page(document, report: Report) -> None:
    document.add_paragraph(report.title, style="Title")
    if report.subtitle:
        document.add_paragraph(report.subtitle, style="Subtitle")
    for line in (report.author, report.organisation, report.date):
        if line:
            document.add_paragraph(line)
    if report.marking:
        document.add_paragraph().add_run(report.marking).bold = True
    if report.authority:
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in report.authority:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(f"{label}:").bold = True
            cells[1].text = value
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document, report: Report) -> None:
    """A contents field Word can update, holding the headings already (so it reads as it is)."""
    document.add_paragraph("Contents", style="TOC Heading" if "TOC Heading" in
                           [s.name for s in document.styles] else "Heading 1")
    entries = report.headings
    first = document.add_paragraph()
    _field_begin(first, 'TOC \\o "1-2" \\h \\z \\u')
    for index, heading in enumerate(entries):
        paragraph = first if index == 0 else document.add_paragraph()
        paragraph.paragraph_format.left_indent = Pt(14 * (heading.level - 1))
        paragraph.add_run(heading.text)
    if report.endnotes:
        document.add_paragraph("Endnotes")
    last = document.paragraphs[-1]
    _field_end(last)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _key_points(document, block: KeyPoints, report: Report) -> None:
    """Boxed: a one-cell shaded table holding the label and the bulleted points."""
    table = document.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cell = table.rows[0].cells[0]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), report.look.colors["box"].lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shading)
    label = cell.paragraphs[0]
    run = label.add_run(block.label)
    run.bold = True
    _refs(label, block.notes)
    for point in block.points:
        cell.add_paragraph(point.text, style=LIST_STYLES[min(point.level, 2)])
    document.add_paragraph()


def _table(document, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
    columns = max([len(header), *(len(r) for r in rows)])
    table = document.add_table(rows=1, cols=columns)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=False):
        cell.paragraphs[0].add_run(text).bold = True
    header_row = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # a header row: repeated on each page, read as such
    header_row.append(repeat)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text
    document.add_paragraph()


def _caption(document, text: str) -> None:
    document.add_paragraph(text, style="Caption")


def _refs(paragraph, notes: tuple[int, ...]) -> None:
    for index, number in enumerate(notes):
        run = paragraph.add_run(("," if index else "") + str(number))
        run.font.superscript = True


def _bookmark(paragraph, name: str) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), name.rsplit("_", 1)[-1])
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), name.rsplit("_", 1)[-1])
    paragraph._p.insert(1, start)
    paragraph._p.append(end)


def _field(paragraph, code: str, shown: str) -> None:
    _field_begin(paragraph, code)
    paragraph.add_run(shown)
    _field_end(paragraph)


def _field_begin(paragraph, code: str) -> None:
    begin = paragraph.add_run()._r
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "begin")
    begin.append(char)
    instruction = paragraph.add_run()._r
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {code} "
    instruction.append(text)
    separate = paragraph.add_run()._r
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "separate")
    separate.append(char)


def _field_end(paragraph) -> None:
    end = paragraph.add_run()._r
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end.append(char)
