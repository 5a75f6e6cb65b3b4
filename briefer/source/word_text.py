"""The text of a Word paragraph as the reader sees it on the page, and what it carries.

python-docx's `Paragraph.text` reads only runs that are direct children of the paragraph, so
text inside content controls (`w:sdt`, common in organisational templates), tracked insertions
(`w:ins`), smart tags and simple fields would be lost. This walk takes every visible run: it
keeps insertions and field results, skips deletions and the instruction text of fields, and
collects hyperlinks, footnote and endnote references, pictures, and what it cannot use (text
boxes, charts, embedded objects) so the reader can warn about them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

MAX_DEPTH = 64  # element nesting followed inside one paragraph

_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+"([^"]+)"', re.IGNORECASE)

# elements whose content is never shown, or not text of this paragraph
_SKIP = {qn(t) for t in ("w:pPr", "w:rPr", "w:del", "w:moveFrom", "w:delText", "w:delInstrText",
                         "w:commentReference", "w:annotationRef", "w:footnoteRef",
                         "w:endnoteRef", "w:bookmarkStart", "w:bookmarkEnd", "w:proofErr",
                         "w:lastRenderedPageBreak", "w:sectPr")}
_SKIP.add("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")
_TEXT = {qn("w:t"), "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"}
_SPACE = {qn(t) for t in ("w:tab", "w:br", "w:cr", "w:ptab")}
_NOTES = {qn("w:footnoteReference"): "footnote", qn("w:endnoteReference"): "endnote"}
_GRAPHIC_KINDS = {"chart": "chart", "diagram": "SmartArt diagram", "wordprocessingShape": "shape",
                  "wordprocessingGroup": "group of shapes", "wordprocessingCanvas": "drawing canvas"}


@dataclass
class Picture:
    """A picture in the text: the relationship to its bytes, and whether it lies outside."""

    rel_id: str
    linked: bool = False  # r:link: a file elsewhere, never fetched
    alt: str = ""  # the drawing's description (Word's alt text)


@dataclass
class Inline:
    """What one paragraph holds."""

    parts: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, relationship id or URL)
    notes: list[tuple[str, str]] = field(default_factory=list)  # ("footnote", id)
    pictures: list[Picture] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # "text box", "chart", "embedded object"

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def read_inline(paragraph: Any) -> Inline:
    """Walk one `w:p` (or any element holding runs) in document order."""
    found = Inline()
    _walk(paragraph, found, 0, _Field())
    return found


@dataclass
class _Field:
    """State of a complex field (fldChar begin … separate … end) while its runs are walked."""

    depth: int = 0
    in_code: bool = False
    code: list[str] = field(default_factory=list)
    link_start: int | None = None
    url: str = ""


def _walk(element: Any, found: Inline, depth: int, fld: _Field) -> None:
    if depth > MAX_DEPTH:
        return
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag in _TEXT:
            if not fld.in_code:
                found.parts.append(child.text or "")
        elif tag in _SPACE:
            found.parts.append(" ")
        elif tag == _NO_BREAK_HYPHEN:
            found.parts.append("-")
        elif tag == _INSTR:
            if fld.in_code:
                fld.code.append(child.text or "")
        elif tag == _FLD_CHAR:
            _field_char(child.get(qn("w:fldCharType")), found, fld)
        elif tag in _NOTES:
            note_id = child.get(qn("w:id"))
            if note_id is not None:
                found.notes.append((_NOTES[tag], note_id))
        elif tag == _HYPERLINK:
            start = len(found.parts)
            _walk(child, found, depth + 1, fld)
            target = child.get(_R_ID)
            if target:
                found.links.append(("".join(found.parts[start:]), target))
        elif tag == _FLD_SIMPLE:
            start = len(found.parts)
            _walk(child, found, depth + 1, fld)
            match = _HYPERLINK_FIELD.match(child.get(qn("w:instr"), ""))
            if match:
                found.links.append(("".join(found.parts[start:]), "url:" + match.group(1)))
        elif tag in (_DRAWING, _PICT):
            _graphic(child, found)
        elif tag == _OBJECT:
            found.dropped.append("embedded object")
        else:  # runs, insertions, content controls, smart tags, custom XML, mc:Choice, math …
            _walk(child, found, depth + 1, fld)


def _field_char(kind: str | None, found: Inline, fld: _Field) -> None:
    if kind == "begin":
        fld.depth += 1
        if fld.depth == 1:
            fld.in_code, fld.code = True, []
    elif kind == "separate" and fld.depth == 1:
        fld.in_code = False
        match = _HYPERLINK_FIELD.match("".join(fld.code))
        fld.link_start, fld.url = (len(found.parts), match.group(1)) if match else (None, "")
    elif kind == "end" and fld.depth:
        if fld.depth == 1:
            if fld.link_start is not None:
                found.links.append(("".join(found.parts[fld.link_start:]), "url:" + fld.url))
            fld.in_code, fld.link_start = False, None
        fld.depth -= 1


def _graphic(element: Any, found: Inline) -> None:
    """A DrawingML or VML object: a picture (its relationship), or something left out."""
    if any(True for _ in element.iter(_TXBX, _V_TEXTBOX)):
        found.dropped.append("text box")
    for data in element.iter(_GRAPHIC_DATA):
        uri = data.get("uri", "")
        kind = next((name for key, name in _GRAPHIC_KINDS.items() if uri.endswith(key)), None)
        if kind and kind != "shape" and kind != "group of shapes":
            found.dropped.append(kind)
    described = next(element.iter(_WP_DOCPR), None)
    alt = (described.get("descr") or "") if described is not None else ""
    for blip in element.iter(_A_BLIP):
        if blip.get(_R_EMBED):
            found.pictures.append(Picture(blip.get(_R_EMBED), alt=alt))
        elif blip.get(_R_LINK):
            found.pictures.append(Picture(blip.get(_R_LINK), linked=True))
    for image in element.iter(_V_IMAGEDATA):
        if image.get(_R_ID):
            found.pictures.append(Picture(image.get(_R_ID)))


_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_INSTR = qn("w:instrText")
_FLD_CHAR = qn("w:fldChar")
_FLD_SIMPLE = qn("w:fldSimple")
_HYPERLINK = qn("w:hyperlink")
_DRAWING = qn("w:drawing")
_PICT = qn("w:pict")
_OBJECT = qn("w:object")
_TXBX = qn("w:txbxContent")
_V_TEXTBOX = "{urn:schemas-microsoft-com:vml}textbox"
_V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_GRAPHIC_DATA = qn("a:graphicData")
_A_BLIP = qn("a:blip")
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_R_EMBED, _R_LINK, _R_ID = qn("r:embed"), qn("r:link"), qn("r:id")
