"""PowerPoint renderer: native text boxes, shapes, tables and speaker notes.

Each text box gets the layout's width (which holds a safety margin beyond the wrapped lines),
exact line spacing and zero insets, so PowerPoint wraps the text where the layout did.

The package is written directly (XML strings, packed by zipfile), not through python-pptx's object
layer: that layer costs ~100 ms to import and ~10 ms per slide of property setters, this writer
well under 1 ms per slide. The output is the same, part for part and byte for byte, as the
python-pptx renderer it replaced (tests/render/pptx_reference.py; test_pptx_writer.py compares
them), except where that one raised: core properties over 255 characters are cut, characters XML
cannot hold are replaced. The fixed parts (theme, slide master, layouts, notes master, app
properties, thumbnail) come from `pptx_base.zip`, which python-pptx itself wrote;
`python -m briefer.render.pptx` writes it again.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import BinaryIO

from briefer.errors import RenderError
from briefer.layout.model import LaidOutDeck, Paragraph, Picture, Rect, Rule, Slide, Table, TextBox

BASE = Path(__file__).with_name("pptx_base.zip")

_DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_NSDECLS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-officedocument.presentationml."
_CT_SLIDE = _CT + "slide+xml"
_CT_NOTES = _CT + "notesSlide+xml"
_CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
# Extensions python-pptx writes as <Default> content types (the rest get an <Override>).
_DEFAULT_TYPES = {
    ("bin", _CT + "printerSettings"): "bin",
    ("jpeg", "image/jpeg"): "jpeg",
    ("jpg", "image/jpeg"): "jpg",
    ("png", "image/png"): "png",
    ("gif", "image/gif"): "gif",
    ("xml", "application/xml"): "xml",
}
_IMAGE_TYPES = (  # signature, extension, content type
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    (b"\xff\xd8", "jpg", "image/jpeg"),
    (b"GIF8", "gif", "image/gif"),
)

_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_PRESET = {"rect": "rect", "ellipse": "ellipse", "rounded": "roundRect"}

_SLIDE_HEAD = (f'{_DECL}<p:sld {_NSDECLS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val="%s"/>'
               '</a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree><p:nvGrpSpPr>'
               '<p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>')
_SLIDE_TAIL = ("</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>")
_SHAPE_BODY = ('<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/>'
               "</a:p></p:txBody></p:sp>")
# Parts written per slide (the base holds one of each, for their content and place in the zip).
_PER_SLIDE = ("ppt/slides/", "ppt/notesSlides/", "ppt/notesMasters/", "ppt/theme/theme2.xml")
_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"
_FIRST_ROW = ' firstRow="1"'

# What python-pptx (lxml) writes: control characters in run text become "_xHHHH_", except tab
# and line feed; characters XML cannot hold at all are replaced.
_CTRL = re.compile(r"[\x00-\x08\x0B-\x1F]")
_NOT_XML = re.compile("[\x00-\x08\x0B\x0C\x0E-\x1F\ud800-\udfff\ufffe\uffff]")
_SUSPECT = re.compile("[\x00-\x1F\ud800-\udfff\ufffe\uffff]")  # one look for the common case


def _ctrl_escape(match: re.Match[str]) -> str:
    return f"_x{ord(match.group()):04X}_"


def _run_text(s: str) -> str:
    if _SUSPECT.search(s):
        s = _NOT_XML.sub("\ufffd", _CTRL.sub(_ctrl_escape, s))
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(s: str) -> str:
    """Element text (core properties), as lxml escapes it."""
    if _NOT_XML.search(s):
        s = _NOT_XML.sub("", s)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


_ATTRS: dict[str, str] = {}  # shape names, typefaces, bullets and links repeat on every slide


def _attr(s: str) -> str:
    escaped = _ATTRS.get(s)
    if escaped is not None:
        return escaped
    escaped = _NOT_XML.sub("\ufffd", s) if _NOT_XML.search(s) else s
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    if "\n" in escaped or "\r" in escaped or "\t" in escaped:
        escaped = escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if len(_ATTRS) > 4096:
        _ATTRS.clear()
    _ATTRS[s] = escaped
    return escaped


def _emu(points: float) -> int:
    return round(points * 12700)


def _cpt(points: float) -> int:
    """Centipoints, as python-pptx's Pt(…) then .centipoints computes them."""
    return int(points * 12700) // 127


def _rgb(hex_color: str) -> str:
    return hex_color.lstrip("#").upper()


def _xfrm(x: int, y: int, cx: int, cy: int, flip: str = "") -> str:
    return f'<a:xfrm{flip}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def _rels_xml(rels: list[tuple[str, str, bool]]) -> bytes:
    out = [_DECL, '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for n, (reltype, target, external) in enumerate(rels, 1):
        mode = ' TargetMode="External"' if external else ""
        out.append(f'<Relationship Id="rId{n}" Type="{_RT}{reltype}" Target="{_attr(target)}"{mode}/>')
    out.append("</Relationships>")
    return "".join(out).encode()


class _Base:
    """The fixed parts of the package, read once from pptx_base.zip."""

    def __init__(self, path: Path) -> None:
        try:
            with zipfile.ZipFile(path) as z:
                self.stored: dict[str, bytes] = {name: z.read(name) for name in z.namelist()}
        except (OSError, zipfile.BadZipFile) as exc:
            raise RenderError(f"cannot read the PowerPoint base package {path}: {exc}") from None

        def text(name: str) -> str:
            return self.stored[name].decode()

        types = text("[Content_Types].xml")
        del self.stored["[Content_Types].xml"]
        self.types = dict(re.findall(r'<Override PartName="([^"]+)" ContentType="([^"]+)"/>', types))
        self.defaults = dict(re.findall(r'<Default Extension="([^"]+)" ContentType="([^"]+)"/>', types))
        self.order = list(self.stored)
        head, rest = text("ppt/presentation.xml").split("<p:sldIdLst>", 1)
        _, tail = rest.split("</p:sldIdLst>", 1)
        self.pres_head = head
        size = re.search(r'<p:sldSz cx="\d+" cy="\d+"', tail)
        assert size is not None
        self.pres_size_at = (size.start(), size.end())
        self.pres_tail = tail
        self.pres_rels = [
            (reltype, target) for reltype, target in re.findall(
                r'Type="[^"]*/([^"/]+)" Target="([^"]+)"', text("ppt/_rels/presentation.xml.rels"))
            if reltype not in ("slide", "notesMaster")]
        self.notes_head, rest = text("ppt/notesSlides/notesSlide1.xml").split("<a:p>", 1)
        self.notes_tail = rest.split("</a:p>", 1)[1]


@cache
def _base() -> _Base:
    return _Base(BASE)


class _SlideWriter:
    """One slide's shape tree and relationships."""

    def __init__(self, images: dict[bytes, tuple[str, str]], new_images: list[str]) -> None:
        self.out: list[str] = []
        self.rels: list[tuple[str, str, bool]] = [
            ("slideLayout", "../slideLayouts/slideLayout7.xml", False)]
        self.next_id = 2
        self.images = images  # image bytes → (partname, content type), for the whole package
        self.new_images = new_images  # image parts first used by this slide

    def rel(self, reltype: str, target: str, external: bool = False) -> str:
        key = (reltype, target, external)
        try:
            return f"rId{self.rels.index(key) + 1}"
        except ValueError:
            self.rels.append(key)
            return f"rId{len(self.rels)}"

    def shape_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def slide(self, slide: Slide) -> None:
        self.out.append(_SLIDE_HEAD % _rgb(slide.background))
        for element in slide.elements:
            if isinstance(element, TextBox):
                self.textbox(element)
            elif isinstance(element, Rect):
                self.rect(element)
            elif isinstance(element, Rule):
                self.rule(element)
            elif isinstance(element, Picture):
                self.picture(element)
            elif isinstance(element, Table):
                self.table(element)
        self.out.append(_SLIDE_TAIL)

    def rect(self, rect: Rect) -> None:
        out = self.out
        out.append(f'<p:sp><p:nvSpPr><p:cNvPr id="{self.shape_id()}" name="{_attr(rect.role)}"/>'
                   "<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>")
        out.append(_xfrm(_emu(rect.x), _emu(rect.y), _emu(rect.w), _emu(rect.h)))
        if rect.shape == "rounded":
            adj = int(0.08 * min(rect.w, rect.h) / min(rect.w, rect.h) * 1.0 * 100000.0)
            out.append(f'<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adj}"/>'
                       "</a:avLst></a:prstGeom>")
        else:
            out.append(f'<a:prstGeom prst="{_PRESET[rect.shape]}"><a:avLst/></a:prstGeom>')
        if rect.fill:
            out.append(f'<a:solidFill><a:srgbClr val="{_rgb(rect.fill)}"/></a:solidFill>')
        else:
            out.append("<a:noFill/>")
        if rect.line and rect.line_width > 0:
            out.append(_line(rect.line, rect.line_width))
        else:
            out.append("<a:ln><a:noFill/></a:ln>")
        out.append("</p:spPr>")
        out.append(_SHAPE_BODY)

    def rule(self, rule: Rule) -> None:
        x1, y1, x2, y2 = _emu(rule.x1), _emu(rule.y1), _emu(rule.x2), _emu(rule.y2)
        flip = (' flipH="1"' if x1 > x2 else "") + (' flipV="1"' if y1 > y2 else "")
        self.out.append(
            f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{self.shape_id()}" name="{_attr(rule.role)}"/>'
            f"<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr>"
            f"{_xfrm(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1), flip)}"
            f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom>{_line(rule.color, rule.width)}'
            f"</p:spPr></p:cxnSp>")

    def picture(self, pic: Picture) -> None:
        known = self.images.get(pic.png)
        if known is None:
            kind = next(((ext, ct) for signature, ext, ct in _IMAGE_TYPES
                         if pic.png.startswith(signature)), None)
            if kind is None:
                raise RenderError(f"picture '{pic.role}' is not a PNG, JPEG or GIF image")
            known = (f"ppt/media/image{len(self.images) + 1}.{kind[0]}", kind[1])
            self.images[pic.png] = known
            self.new_images.append(known[0])
        partname = known[0]
        rid = self.rel("image", "../media/" + partname.rsplit("/", 1)[1])
        self.out.append(
            f'<p:pic><p:nvPicPr><p:cNvPr id="{self.shape_id()}" name="{_attr(pic.role)}" '
            f'descr="image.{partname.rsplit(".", 1)[1]}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/>'
            f'</p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch>'
            f"<a:fillRect/></a:stretch></p:blipFill><p:spPr>"
            f"{_xfrm(_emu(pic.x), _emu(pic.y), _emu(pic.w), _emu(pic.h))}"
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')

    def textbox(self, box: TextBox) -> None:
        out = self.out
        out.append(f'<p:sp><p:nvSpPr><p:cNvPr id="{self.shape_id()}" name="{_attr(box.role)}"/>'
                   '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>')
        out.append(_xfrm(_emu(box.x), _emu(box.y), _emu(box.w), _emu(max(box.h, 1.0))))
        out.append('<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody>'
                   '<a:bodyPr wrap="square" lIns="0" rIns="0" tIns="0" bIns="0" '
                   f'anchor="{_ANCHOR[box.anchor]}"><a:noAutofit/></a:bodyPr><a:lstStyle/>')
        self.paragraphs(box)
        out.append("</p:txBody></p:sp>")

    def paragraphs(self, box: TextBox) -> None:
        if not box.paragraphs:
            self.out.append("<a:p/>")
        for para in box.paragraphs:
            self.out.append(_paragraph_open(para))
            if para.link:
                link = f'<a:hlinkClick r:id="{self.rel("hyperlink", para.link, True)}"/>'
                self.out.append(f"{link}</a:rPr><a:t>{_run_text(para.text)}</a:t></a:r></a:p>")
            else:
                self.out.append(f"</a:rPr><a:t>{_run_text(para.text)}</a:t></a:r></a:p>")

    def table(self, table: Table) -> None:
        out = self.out
        cols = [_emu(w) for w in table.col_widths]
        rows = [_emu(h) for h in table.row_heights]
        out.append(
            f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{self.shape_id()}" '
            f'name="{_attr(table.role)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
            f"</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>"
            f'<p:xfrm><a:off x="{_emu(table.x)}" y="{_emu(table.y)}"/>'
            f'<a:ext cx="{sum(cols)}" cy="{sum(rows)}"/></p:xfrm><a:graphic>'
            f'<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
            f"<a:tblPr{_FIRST_ROW if table.header_rows > 0 else ''}>"
            f"<a:tableStyleId>{_TABLE_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>")
        out.extend(f'<a:gridCol w="{w}"/>' for w in cols)
        out.append("</a:tblGrid>")
        # as the PDF draws it: hairline rules between rows, no lines between columns
        rule = (f'w="6350"><a:solidFill><a:srgbClr val="{_rgb(table.border)}"/></a:solidFill>'
                '<a:prstDash val="solid"/>')
        borders = (f'<a:lnL w="0"><a:noFill/></a:lnL><a:lnR w="0"><a:noFill/></a:lnR>'
                   f'<a:lnT {rule}</a:lnT><a:lnB {rule}</a:lnB>')
        for r, row in enumerate(table.cells):
            out.append(f'<a:tr h="{rows[r]}">')
            for c, cell in enumerate(row):
                box = cell.box
                out.append('<a:tc><a:txBody><a:bodyPr wrap="square"/><a:lstStyle/>')
                self.paragraphs(box)
                across = _emu(box.x - (table.x + sum(table.col_widths[:c])))
                down = _emu(box.y - (table.y + sum(table.row_heights[:r])))
                margins = f' marL="{across}" marR="{across}" marT="{down}" marB="{down}"'
                fill = (f'<a:solidFill><a:srgbClr val="{_rgb(cell.fill)}"/></a:solidFill>'
                        if cell.fill else "")
                out.append(f'</a:txBody><a:tcPr{margins} anchor="t">{borders}{fill}</a:tcPr></a:tc>')
            out.append("</a:tr>")
        out.append("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")


def _line(color: str, width: float) -> str:
    w = _emu(width)
    w_attr = f' w="{w}"' if w else ""
    return f'<a:ln{w_attr}><a:solidFill><a:srgbClr val="{_rgb(color)}"/></a:solidFill></a:ln>'


_OPENERS: dict[tuple, str] = {}


def _paragraph_open(para: Paragraph) -> str:
    """`<a:p><a:pPr…/><a:r><a:rPr…>` up to (not including) the hyperlink and `</a:rPr>`."""
    key = (para.align, para.indent, para.bullet, para.number, para.bullet_x, para.bullet_color,
           para.line_height,
           para.space_before, para.font.name, para.font.bold, para.font.italic, para.size,
           para.color)
    opener = _OPENERS.get(key)
    if opener is not None:
        return opener
    indent = _emu(para.bullet_x - para.indent) if para.bullet else 0
    parts = [f'<a:p><a:pPr algn="{_ALIGN[para.align]}" marL="{_emu(para.indent)}" indent="{indent}">'
             f'<a:lnSpc><a:spcPts val="{_cpt(para.line_height)}"/></a:lnSpc>'
             f'<a:spcBef><a:spcPts val="{_cpt(para.space_before)}"/></a:spcBef>'
             '<a:spcAft><a:spcPts val="0"/></a:spcAft>']
    if para.bullet:
        if para.bullet_color:
            parts.append(f'<a:buClr><a:srgbClr val="{_rgb(para.bullet_color)}"/></a:buClr>')
        parts.append(f'<a:buFont typeface="{_attr(para.font.name)}"/>')
        if para.number is not None:  # a real numbered list, renumbered by PowerPoint on edits
            parts.append(f'<a:buAutoNum type="arabicPeriod" startAt="{para.number}"/>')
        else:
            parts.append(f'<a:buChar char="{_attr(para.bullet)}"/>')
    else:
        parts.append("<a:buNone/>")
    parts.append(f'</a:pPr><a:r><a:rPr sz="{_cpt(para.size)}" b="{int(para.font.bold)}" '
                 f'i="{int(para.font.italic)}"><a:solidFill><a:srgbClr val="{_rgb(para.color)}"/>'
                 f'</a:solidFill><a:latin typeface="{_attr(para.font.name)}"/>')
    opener = "".join(parts)
    if len(_OPENERS) > 4096:
        _OPENERS.clear()
    _OPENERS[key] = opener
    return opener


def _notes_xml(base: _Base, notes: str) -> bytes:
    """The notes page, as python-pptx's `notes_text_frame.text = notes` writes it."""
    out = [base.notes_head]
    for p_text in notes.split("\n"):
        runs = []
        for index, r_str in enumerate(re.split("\n|\v", p_text)):
            if index:
                runs.append("<a:br/>")
            if r_str:
                runs.append(f"<a:r><a:t>{_run_text(r_str)}</a:t></a:r>")
        out.append(f"<a:p>{''.join(runs)}</a:p>" if runs else "<a:p/>")
    out.append(base.notes_tail)
    return "".join(out).encode()


def _core_xml(deck: LaidOutDeck) -> bytes:
    info = deck.info

    def prop(tag: str, value: str) -> str:
        return f"<{tag}>{_text(value[:255])}</{tag}>"

    return (
        f"{_DECL}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{prop('dc:title', info.title)}{prop('dc:subject', info.subject)}"
        f"{prop('dc:creator', info.author)}{prop('cp:keywords', info.keywords)}"
        "<dc:description>Made with briefer</dc:description><cp:lastModifiedBy>briefer"
        "</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2013-01-27T09:14:16Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2013-01-27T09:15:58Z</dcterms:modified>'
        "<cp:category/></cp:coreProperties>"
    ).encode()


def render(deck: LaidOutDeck, out: BinaryIO) -> None:
    base = _base()
    generated: dict[str, bytes] = {}
    types: dict[str, str] = {}  # generated part → content type
    pres_rels = [(t, target, False) for t, target in base.pres_rels]
    slide_ids: list[str] = []
    images: dict[bytes, tuple[str, str]] = {}
    notes_count = 0
    slide_parts: list[list[str]] = []  # per slide, the parts in the order python-pptx stored them
    for number, slide in enumerate(deck.slides, 1):
        new_images: list[str] = []
        writer = _SlideWriter(images, new_images)
        writer.slide(slide)
        name = f"ppt/slides/slide{number}.xml"
        pres_rels.append(("slide", f"slides/slide{number}.xml", False))
        slide_ids.append(f'<p:sldId id="{255 + number}" r:id="rId{len(pres_rels)}"/>')
        parts = [name, f"ppt/slides/_rels/slide{number}.xml.rels", *new_images]
        if slide.notes:
            notes_count += 1
            if notes_count == 1:
                pres_rels.append(("notesMaster", "notesMasters/notesMaster1.xml", False))
            notes = f"ppt/notesSlides/notesSlide{notes_count}.xml"
            writer.rel("notesSlide", f"../notesSlides/notesSlide{notes_count}.xml")
            generated[notes] = _notes_xml(base, slide.notes)
            generated[f"ppt/notesSlides/_rels/notesSlide{notes_count}.xml.rels"] = _rels_xml([
                ("notesMaster", "../notesMasters/notesMaster1.xml", False),
                ("slide", f"../slides/slide{number}.xml", False)])
            types["/" + notes] = _CT_NOTES
            parts += [notes, f"ppt/notesSlides/_rels/notesSlide{notes_count}.xml.rels"]
            if notes_count == 1:
                parts += ["ppt/notesMasters/notesMaster1.xml",
                          "ppt/notesMasters/_rels/notesMaster1.xml.rels", "ppt/theme/theme2.xml"]
        generated[name] = "".join(writer.out).encode()
        generated[parts[1]] = _rels_xml(writer.rels)
        types["/" + name] = _CT_SLIDE
        slide_parts.append(parts)

    generated["docProps/core.xml"] = _core_xml(deck)
    generated["ppt/_rels/presentation.xml.rels"] = _rels_xml(pres_rels)
    start, end = base.pres_size_at
    tail = (f'{base.pres_tail[:start]}<p:sldSz cx="{_emu(deck.width)}" cy="{_emu(deck.height)}"'
            f"{base.pres_tail[end:]}")
    id_list = f"<p:sldIdLst>{''.join(slide_ids)}</p:sldIdLst>" if slide_ids else ""
    generated["ppt/presentation.xml"] = (base.pres_head + id_list + tail).encode()

    unused = {"ppt/notesSlides/notesSlide1.xml", "ppt/notesSlides/_rels/notesSlide1.xml.rels",
              "ppt/slides/slide1.xml", "ppt/slides/_rels/slide1.xml.rels"}
    if not notes_count:
        unused |= {"ppt/notesMasters/notesMaster1.xml", "ppt/notesMasters/_rels/notesMaster1.xml.rels",
                   "ppt/theme/theme2.xml"}
    content_types = _content_types(base, unused, types, images)
    pictures = {partname: png for png, (partname, _) in images.items()}

    entries: list[tuple[str, bytes]] = [("[Content_Types].xml", content_types)]
    for name in base.order:
        if name == "ppt/slides/slide1.xml":
            for parts in slide_parts:
                for part in parts:
                    entries.append((part, generated.get(part) or pictures.get(part) or base.stored[part]))
        elif not name.startswith(_PER_SLIDE):
            entries.append((name, generated.get(name) or base.stored[name]))
    out.write(_zip(entries))


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    """The package: every part deflated, in python-pptx's order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as z:
        for name, part in entries:
            z.writestr(name, part)
    return buffer.getvalue()


def _content_types(base: _Base, unused: set[str], types: dict[str, str],
                   images: dict[bytes, tuple[str, str]]) -> bytes:
    """[Content_Types].xml as python-pptx writes it: Defaults by extension, Overrides by name."""
    overrides = {name: ct for name, ct in base.types.items()
                 if name[1:] not in unused and not name.startswith(("/ppt/slides/", "/ppt/notesSlides/"))}
    overrides.update(types)
    defaults = {"rels": _CT_RELS, "xml": "application/xml"}
    for name in base.order:  # the fixed parts without an Override (thumbnail, printer settings)
        if name not in unused and not name.endswith(".rels") and "/" + name not in overrides:
            ext = name.rsplit(".", 1)[-1]
            defaults[ext] = base.defaults[ext]
    for partname, content_type in images.values():
        ext = partname.rsplit(".", 1)[1]
        if (ext, content_type) in _DEFAULT_TYPES:
            defaults[ext] = content_type
        else:
            overrides["/" + partname] = content_type
    out = [_DECL, '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">']
    out += [f'<Default Extension="{ext}" ContentType="{ct}"/>' for ext, ct in sorted(defaults.items())]
    out += [f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in sorted(overrides.items())]
    out.append("</Types>")
    return "".join(out).encode()


def _write_base(path: Path = BASE) -> None:
    """Write pptx_base.zip: python-pptx's default package with one blank slide and its notes."""
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.notes_slide.notes_text_frame.text = "notes"
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, (2024, 1, 1, 0, 0, 0)),
                         src.read(info.filename), zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    _write_base()
    print(f"wrote {BASE}")
