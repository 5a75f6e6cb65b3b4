"""Word documents for the tests, written with python-docx (what Word itself would write).

python-docx has no API for hyperlinks, footnotes or custom outline levels, so those are added
through its oxml layer the way Word stores them.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def png(width: int = 40, height: int = 20, color: str = "#336699") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def new_document() -> docx.document.Document:
    return docx.Document()


def outline_style(document, name: str, level: int, based_on: str | None = None):
    """A paragraph style called *name* with outline level *level* and no "Heading" anywhere."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on:
        style.base_style = document.styles[based_on]
    ppr = style.element.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    ppr.append(outline)
    style.font.bold = True
    return style


def localise_heading(document, level: int, style_id: str) -> None:
    """Give the built-in "heading N" style a localised id (as French or German Word writes it)
    and drop its outline level, so only its built-in name says it is a heading."""
    style = document.styles[f"Heading {level}"]
    old = style.element.styleId
    style.element.set(qn("w:styleId"), style_id)
    ppr = style.element.pPr
    if ppr is not None:
        for outline in ppr.findall(qn("w:outlineLvl")):
            ppr.remove(outline)
    for p in document.element.body.iter(qn("w:pStyle")):
        if p.get(qn("w:val")) == old:
            p.set(qn("w:val"), style_id)


def add_hyperlink(paragraph, text: str, url: str) -> None:
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def add_footnotes(document, notes: dict[int, str], kind: str = "footnote") -> None:
    """A footnotes (or endnotes) part with *notes* (id → text), as Word writes it, separators
    included."""
    body = "".join(
        f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve">'
        f" {text}</w:t></w:r></w:p></w:{kind}>" for i, text in notes.items())
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<w:{kind}s xmlns:w="{W_NS}">'
           f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           f'</w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
           f"<w:continuationSeparator/></w:r></w:p></w:{kind}>"
           f"{body}</w:{kind}s>").encode()
    part = Part(PackURI(f"/word/{kind}s.xml"), FOOTNOTES_TYPE.replace("footnote", kind), xml,
                document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def add_footnote_reference(paragraph, note_id: int, kind: str = "footnote") -> None:
    run = paragraph.add_run()
    ref = OxmlElement(f"w:{kind}Reference")
    ref.set(qn("w:id"), str(note_id))
    run._r.append(ref)


def numbered(paragraph, num_id: int, level: int) -> None:
    """Number *paragraph* directly (numPr on the paragraph, as pandoc and LibreOffice write)."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


def save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def report(path: Path) -> Path:
    """A small report using most of what the reader reads."""
    d = new_document()
    d.core_properties.title = "Core title (not used: the Title paragraph wins)"
    d.core_properties.author = "Analysis desk"
    d.core_properties.subject = "Weighing a return to Moscow"
    d.add_paragraph("UNCLASSIFIED")
    d.add_paragraph("Türkiye and the S-400", style="Title")
    d.add_heading("Bottom line up front", 1)
    d.add_paragraph("Ankara weighs a return", style="List Bullet")
    d.add_paragraph("Talks reported in December", style="List Bullet 2")
    d.add_paragraph("Washington wants the systems gone", style="List Bullet")
    p = d.add_paragraph("The report rests on open sources.")
    add_footnote_reference(p, 1)
    d.add_heading("Background", 1)
    d.add_paragraph("First step", style="List Number")
    d.add_paragraph("Second step", style="List Number")
    deep = d.add_paragraph("A detail of the second step", style="List Number")
    numbered(deep, 5, 1)
    p = d.add_paragraph("See ")
    add_hyperlink(p, "the agency report", "https://example.org/report")
    p.add_run(" for details.")
    d.add_heading("History", 2)
    d.add_paragraph("The deal was signed in 2017.")
    d.add_heading("Regional picture", 1)
    d.add_paragraph("Neighbours watch closely", style="List Bullet")
    d.add_picture(io.BytesIO(png()))
    d.add_paragraph("Figure 1: the region", style="Caption")
    d.add_heading("Options compared", 1)
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("Option", "Gains", "Costs"),
                             ("Return them", "Sanctions relief", "Sovereignty backlash"),
                             ("Keep them", "Autonomy", "CAATSA")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    add_footnotes(d, {1: "Agency report, 2025"})
    return save(d, path)


def with_body(path: Path, body: str, styles: tuple[str, ...] = ()) -> Path:
    """A document whose body is the WordprocessingML *body* (w:, r:, a:, wp: prefixes bound),
    on python-docx's template: its styles (Heading 1, List Bullet, TOC Heading …) apply, and
    the paragraph *styles* named are added (id: the name without spaces)."""
    import zipfile

    namespaces = " ".join(f'xmlns:{p}="{u}"' for p, u in (
        ("w", W_NS),
        ("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
        ("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
        ("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
        ("wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape")))
    xml = f"<w:document {namespaces}><w:body>{body}</w:body></w:document>".encode()
    template = io.BytesIO()
    document = new_document()
    for name in styles:
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    document.save(template)
    with zipfile.ZipFile(template) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != "word/document.xml":
                new.writestr(info, old.read(info))
        new.writestr("word/document.xml", xml)
    return path


def para(text: str, style: str | None = None) -> str:
    """One w:p of *text* in *style* (a style id: Heading1, ListBullet …)."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
