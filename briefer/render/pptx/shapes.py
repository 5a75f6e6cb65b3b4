"""Shapes as DrawingML: text boxes and placeholders, rectangles, lines, pictures, tables, groups.

One writer serves slides, layouts and the master, so furniture looks the same wherever it sits.
Text boxes and placeholders get the layout's geometry, exact line spacing and zero insets, so
PowerPoint wraps the text where the layout did.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from briefer.errors import RenderError
from briefer.layout.measure import FALLBACK_NAME, metrics
from briefer.layout.model import Element, Group, Paragraph, Picture, Rect, Rule, Table, TextBox
from briefer.render.pptx.xml import attr, cpt, emu, rgb, run_text, xfrm

ALIGN = {"left": "l", "center": "ctr", "right": "r"}
ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
PRESET = {"rect": "rect", "ellipse": "ellipse", "rounded": "roundRect"}
TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # PowerPoint's built-in Medium Style 2
IMAGE_TYPES = (  # signature, extension, content type
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    (b"\xff\xd8", "jpeg", "image/jpeg"),
    (b"GIF8", "gif", "image/gif"),
)


def placeholder_ref(name: str, layout: str) -> str:
    """The <p:ph> that binds a shape to its layout's (or the master's) placeholder."""
    if name == "title":
        return '<p:ph type="ctrTitle"/>' if layout == "title" else '<p:ph type="title"/>'
    if name == "body":
        return '<p:ph sz="half" idx="1"/>' if layout == "two-content" else '<p:ph idx="1"/>'
    return {
        "body2": '<p:ph sz="half" idx="2"/>',
        "subTitle": '<p:ph type="subTitle" idx="1"/>',
        "byline": '<p:ph type="body" sz="quarter" idx="13"/>',
        "dt": '<p:ph type="dt" sz="half" idx="10"/>',
        "ftr": '<p:ph type="ftr" sz="quarter" idx="11"/>',
        "sldNum": '<p:ph type="sldNum" sz="quarter" idx="12"/>',
    }[name]


class Media:
    """The package's pictures, each stored once however many slides show it."""

    def __init__(self) -> None:
        self.parts: dict[bytes, tuple[str, str]] = {}  # image bytes → (part name, content type)

    def part(self, data: bytes, what: str) -> str:
        known = self.parts.get(data)
        if known is None:
            kind = next(((ext, ct) for sig, ext, ct in IMAGE_TYPES if data.startswith(sig)), None)
            if kind is None:
                raise RenderError(f"picture '{what}' is not a PNG, JPEG or GIF image")
            # "briefer-" keeps clear of the media an organisation's master brings along
            known = (f"ppt/media/briefer-image{len(self.parts) + 1}.{kind[0]}", kind[1])
            self.parts[data] = known
        return known[0]


class ShapeWriter:
    """Appends the XML of shapes to `out`; relationships go through `rel`."""

    def __init__(self, rel: Callable[[str, str, bool], str], media: Media, lang: str,
                 layout: str = "", layout_boxes: Mapping[str, TextBox] | None = None,
                 refs: Mapping[str, str] | None = None) -> None:
        self.out: list[str] = []
        self.rel = rel
        self.media = media
        self.lang = attr(lang)
        self.layout = layout
        self.layout_boxes = layout_boxes or {}
        self.refs = refs or {}  # an organisation's layout: its own <p:ph> for each placeholder
        self.next_id = 2

    def shape_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def element(self, element: Element) -> None:
        if isinstance(element, TextBox):
            if element.placeholder:
                self.placeholder(element)
            else:
                self.textbox(element)
        elif isinstance(element, Rect):
            self.rect(element)
        elif isinstance(element, Rule):
            self.rule(element)
        elif isinstance(element, Picture):
            self.picture(element)
        elif isinstance(element, Table):
            self.table(element)
        elif isinstance(element, Group):
            self.group(element)

    # -------------------------------------------------------------- text

    def textbox(self, box: TextBox) -> None:
        self.out.append(f'<p:sp><p:nvSpPr><p:cNvPr id="{self.shape_id()}" name="{attr(box.role)}"/>'
                        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>')
        self.out.append(xfrm(box.x, box.y, box.w, max(box.h, 1.0)))
        self.out.append('<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>')
        self.text_body(box)
        self.out.append("</p:sp>")

    def placeholder(self, box: TextBox) -> None:
        """A placeholder on a slide: its place is the layout's unless the slide's differs."""
        assert box.placeholder is not None
        self.out.append(f'<p:sp><p:nvSpPr><p:cNvPr id="{self.shape_id()}" name="{attr(box.role)}"/>'
                        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>'
                        f"{self.refs.get(box.placeholder) or placeholder_ref(box.placeholder, self.layout)}"
                        "</p:nvPr></p:nvSpPr>")
        same = self.layout_boxes.get(box.placeholder)
        inherited = same is not None and (emu(same.x), emu(same.y), emu(same.w), emu(same.h)) == \
            (emu(box.x), emu(box.y), emu(box.w), emu(max(box.h, 1.0)))
        if inherited:  # the layout's place and insets give this very text area: "Reset" keeps it
            self.out.append("<p:spPr/>")
        else:
            self.out.append(f"<p:spPr>{xfrm(box.x, box.y, box.w, max(box.h, 1.0))}</p:spPr>")
        self.text_body(box, insets=not inherited)
        self.out.append("</p:sp>")

    def text_body(self, box: TextBox, insets: bool = True) -> None:
        zero = 'lIns="0" tIns="0" rIns="0" bIns="0" ' if insets else ""
        self.out.append(f'<p:txBody><a:bodyPr wrap="square" {zero}'
                        f'anchor="{ANCHOR[box.anchor]}"><a:noAutofit/></a:bodyPr><a:lstStyle/>')
        self.paragraphs(box)
        self.out.append("</p:txBody>")

    def paragraphs(self, box: TextBox) -> None:
        if not box.paragraphs:
            self.out.append(f'<a:p><a:endParaRPr lang="{self.lang}"/></a:p>')
        for para in box.paragraphs:
            opener = paragraph_open(para, self.lang)
            link = (f'<a:hlinkClick r:id="{self.rel("hyperlink", para.link, True)}"/>'
                    if para.link else "")
            text = para.stored
            runs = metrics(para.font.file).font_runs(text) if text else []
            if len(runs) <= 1 and not (runs and runs[0][2]) and not para.links:
                self.out.append(f"{opener}{link}</a:rPr><a:t>{run_text(text)}</a:t></a:r></a:p>")
                continue
            # characters the template's fonts lack go in runs naming the fallback font, so
            # PowerPoint uses it where it is installed (LibreOffice finds it by name too); a
            # link inside the text is a run of its own with its hyperlink
            head, _, props = opener.partition("<a:r>")
            ours = f'typeface="{attr(para.font.name)}"'
            other = props.replace(ours, f'typeface="{FALLBACK_NAME}"')
            self.out.append(head)
            for start, end, fallback, url in _pieces(text, runs, para.links):
                here = (f'<a:hlinkClick r:id="{self.rel("hyperlink", url, True)}"/>'
                        if url else link)
                self.out.append(f"<a:r>{other if fallback else props}{here}</a:rPr>"
                                f"<a:t>{run_text(text[start:end])}</a:t></a:r>")
            self.out.append("</a:p>")

    # -------------------------------------------------------------- shapes

    def rect(self, rect: Rect) -> None:
        out = self.out
        out.append(f'<p:sp><p:nvSpPr><p:cNvPr id="{self.shape_id()}" name="{attr(rect.role)}"/>'
                   "<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>")
        out.append(xfrm(rect.x, rect.y, rect.w, rect.h))
        if rect.shape == "rounded":
            out.append('<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val 8000"/>'
                       "</a:avLst></a:prstGeom>")
        else:
            out.append(f'<a:prstGeom prst="{PRESET[rect.shape]}"><a:avLst/></a:prstGeom>')
        out.append(f'<a:solidFill><a:srgbClr val="{rgb(rect.fill)}"/></a:solidFill>' if rect.fill
                   else "<a:noFill/>")
        out.append(_line(rect.line, rect.line_width) if rect.line and rect.line_width > 0
                   else "<a:ln><a:noFill/></a:ln>")
        out.append('</p:spPr><p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p>'
                   f'<a:pPr algn="ctr"/><a:endParaRPr lang="{self.lang}"/></a:p></p:txBody></p:sp>')

    def rule(self, rule: Rule) -> None:
        x1, y1, x2, y2 = emu(rule.x1), emu(rule.y1), emu(rule.x2), emu(rule.y2)
        flip = (' flipH="1"' if x1 > x2 else "") + (' flipV="1"' if y1 > y2 else "")
        self.out.append(
            f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{self.shape_id()}" name="{attr(rule.role)}"/>'
            f"<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr>"
            f'<a:xfrm{flip}><a:off x="{min(x1, x2)}" y="{min(y1, y2)}"/>'
            f'<a:ext cx="{abs(x2 - x1)}" cy="{abs(y2 - y1)}"/></a:xfrm>'
            f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom>{_line(rule.color, rule.width)}'
            f"</p:spPr></p:cxnSp>")

    def picture(self, pic: Picture) -> None:
        partname = self.media.part(pic.png, pic.role)
        rid = self.rel("image", "../media/" + partname.rsplit("/", 1)[1], False)
        self.out.append(
            f'<p:pic><p:nvPicPr><p:cNvPr id="{self.shape_id()}" name="{attr(pic.role)}" '
            f'descr="{attr(pic.description or pic.role)}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/>'
            f'</p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch>'
            f"<a:fillRect/></a:stretch></p:blipFill><p:spPr>{xfrm(pic.x, pic.y, pic.w, pic.h)}"
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')

    def group(self, group: Group) -> None:
        x, y, w, h = group.bounds
        off = f'<a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/>'
        self.out.append(
            f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{self.shape_id()}" name="{attr(group.name)}" '
            f'descr="{attr(group.description)}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            f'<p:grpSpPr><a:xfrm>{off}<a:chOff x="{emu(x)}" y="{emu(y)}"/>'
            f'<a:chExt cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm></p:grpSpPr>')
        for element in group.elements:
            self.element(element)
        self.out.append("</p:grpSp>")

    def table(self, table: Table) -> None:
        out = self.out
        cols = [emu(w) for w in table.col_widths]
        rows = [emu(h) for h in table.row_heights]
        first_row = ' firstRow="1"' if table.header_rows > 0 else ""
        out.append(
            f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{self.shape_id()}" '
            f'name="{attr(table.role)}" descr="{attr(table.description)}"/><p:cNvGraphicFramePr>'
            f'<a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'<p:xfrm><a:off x="{emu(table.x)}" y="{emu(table.y)}"/>'
            f'<a:ext cx="{sum(cols)}" cy="{sum(rows)}"/></p:xfrm><a:graphic>'
            f'<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
            f"<a:tblPr{first_row}><a:tableStyleId>{TABLE_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>")
        out.extend(f'<a:gridCol w="{w}"/>' for w in cols)
        out.append("</a:tblGrid>")
        # as the PDF draws it: hairline rules between rows, no lines between columns
        rule = (f'w="6350"><a:solidFill><a:srgbClr val="{rgb(table.border)}"/></a:solidFill>'
                '<a:prstDash val="solid"/>')
        borders = (f'<a:lnL w="0"><a:noFill/></a:lnL><a:lnR w="0"><a:noFill/></a:lnR>'
                   f'<a:lnT {rule}</a:lnT><a:lnB {rule}</a:lnB>')
        for r, row in enumerate(table.cells):
            out.append(f'<a:tr h="{rows[r]}">')
            for c, cell in enumerate(row):
                box = cell.box
                out.append('<a:tc><a:txBody><a:bodyPr wrap="square"/><a:lstStyle/>')
                self.paragraphs(box)
                across = emu(box.x - (table.x + sum(table.col_widths[:c])))
                down = emu(box.y - (table.y + sum(table.row_heights[:r])))
                margins = f' marL="{across}" marR="{across}" marT="{down}" marB="{down}"'
                fill = (f'<a:solidFill><a:srgbClr val="{rgb(cell.fill)}"/></a:solidFill>'
                        if cell.fill else "")
                out.append(f'</a:txBody><a:tcPr{margins} anchor="t">{borders}{fill}</a:tcPr></a:tc>')
            out.append("</a:tr>")
        out.append("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")


def _line(color: str, width: float) -> str:
    w = emu(width)
    w_attr = f' w="{w}"' if w else ""
    return f'<a:ln{w_attr}><a:solidFill><a:srgbClr val="{rgb(color)}"/></a:solidFill></a:ln>'


def paragraph_props(para: Paragraph) -> tuple[str, str, str, str]:
    """A paragraph's <a:pPr> attributes and children (spacing and bullet), then its run
    properties' attributes and children (size, weight, colour, typeface)."""
    indent = emu(para.bullet_x - para.indent) if para.bullet else 0
    attrs = f'algn="{ALIGN[para.align]}" marL="{emu(para.indent)}" indent="{indent}"'
    parts = [f'<a:lnSpc><a:spcPts val="{cpt(para.line_height)}"/></a:lnSpc>'
             f'<a:spcBef><a:spcPts val="{cpt(para.space_before)}"/></a:spcBef>'
             '<a:spcAft><a:spcPts val="0"/></a:spcAft>']
    if para.bullet:
        if para.bullet_color:
            parts.append(f'<a:buClr><a:srgbClr val="{rgb(para.bullet_color)}"/></a:buClr>')
        parts.append(f'<a:buFont typeface="{attr(para.font.name)}"/>')
        if para.number is not None:  # a real numbered list, renumbered by PowerPoint on edits
            parts.append(f'<a:buAutoNum type="arabicPeriod" startAt="{para.number}"/>')
        else:
            parts.append(f'<a:buChar char="{attr(para.bullet)}"/>')
    else:
        parts.append("<a:buNone/>")
    # kern: pair kerning from 1 pt up, as the layout measures and LibreOffice always does
    run_attrs = (f'kern="100" sz="{cpt(para.size)}" b="{int(para.font.bold)}" '
                 f'i="{int(para.font.italic)}"')
    run_children = (f'<a:solidFill><a:srgbClr val="{rgb(para.color)}"/></a:solidFill>'
                    f'<a:latin typeface="{attr(para.font.name)}"/>'
                    f'<a:cs typeface="{attr(para.font.name)}"/>')
    return attrs, "".join(parts), run_attrs, run_children


def level_style(para: Paragraph, level: int) -> str:
    """A list level's style (<a:lvlNpPr>) made from a sample paragraph at that level."""
    p_attrs, p_children, r_attrs, r_children = paragraph_props(para)
    return (f"<a:lvl{level}pPr {p_attrs}>{p_children}<a:defRPr {r_attrs}>{r_children}</a:defRPr>"
            f"</a:lvl{level}pPr>")


def _pieces(text: str, runs: list[tuple[int, int, bool]],
            links: tuple[tuple[int, int, str], ...]) -> list[tuple[int, int, bool, str | None]]:
    """*text* cut where the font changes and where a link starts or ends: (start, end,
    fallback font, URL or None) for each run."""
    runs = runs or [(0, len(text), False)]
    cuts = sorted({0, len(text), *(r[0] for r in runs), *(r[1] for r in runs),
                   *(min(max(a, 0), len(text)) for a, _, _ in links),
                   *(min(max(b, 0), len(text)) for _, b, _ in links)})
    out: list[tuple[int, int, bool, str | None]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start == end:
            continue
        fallback = next((f for a, b, f in runs if a <= start < b), False)
        url = next((u for a, b, u in links if a <= start < b), None)
        out.append((start, end, fallback, url))
    return out


_OPENERS: dict[tuple, str] = {}


def paragraph_open(para: Paragraph, lang: str) -> str:
    """`<a:p><a:pPr…/><a:r><a:rPr…>` up to (not including) a hyperlink and `</a:rPr>`."""
    key = (para.align, para.indent, para.bullet, para.number, para.bullet_x, para.bullet_color,
           para.line_height, para.space_before, para.font.name, para.font.bold, para.font.italic,
           para.size, para.color, para.level, lang)
    opener = _OPENERS.get(key)
    if opener is not None:
        return opener
    p_attrs, p_children, r_attrs, r_children = paragraph_props(para)
    level = f'lvl="{para.level}" ' if para.level else ""
    opener = (f"<a:p><a:pPr {level}{p_attrs}>{p_children}</a:pPr><a:r>"
              f'<a:rPr lang="{lang}" {r_attrs} dirty="0">{r_children}')
    if len(_OPENERS) > 4096:
        _OPENERS.clear()
    _OPENERS[key] = opener
    return opener
