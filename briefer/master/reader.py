"""Read an organisation's .potx/.pptx into a MasterFile (python-pptx, at import time only).

The file passes the package gate first (sizes, parts, encryption, external links); a .potx gets
the presentation content type in memory, since python-pptx opens only presentations. Positions
are what PowerPoint shows: a layout placeholder without its own place inherits the master's.
Text sizes, insets and anchors follow the same chain: the layout's placeholder, the master's,
the master's text styles. Pictures go through briefer's image gate like every other picture.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from briefer.errors import BrieferError, TemplateError
from briefer.master.model import Art, MasterFile, OrgLayout, OrgPlaceholder
from briefer.master.roles import map_roles
from briefer.ooxml import Package

EMU = 12700.0
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": _A, "p": _P}
_TEMPLATE_TYPE = b"presentationml.template.main+xml"
_PRESENTATION_TYPE = b"presentationml.presentation.main+xml"
_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_ANCHOR = {"t": "top", "ctr": "middle", "b": "bottom"}
_ALIGN = {"l": "left", "ctr": "center", "r": "right", "just": "left", "dist": "left"}
_DEFAULT_INSETS = (91440, 45720, 91440, 45720)


def read_master(path: Path, chosen: dict[str, str] | None = None) -> MasterFile:
    """The master at *path*; any problem is a one-line TemplateError naming the file."""
    try:
        return _read(Path(path), chosen)
    except BrieferError:
        raise
    except Exception as exc:  # python-pptx and lxml raise many kinds for damaged XML
        raise TemplateError(f"master {Path(path).name} cannot be read: "
                            f"{type(exc).__name__}: {str(exc)[:120]}") from None


def _read(path: Path, chosen: dict[str, str] | None) -> MasterFile:
    from pptx import Presentation

    package = Package(path, "master", TemplateError)
    parts = package.parts()
    package.refuse_external(parts)
    types = parts["[Content_Types].xml"]
    if _TEMPLATE_TYPE in types:
        parts["[Content_Types].xml"] = types.replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE)
    elif _PRESENTATION_TYPE not in types:
        raise TemplateError(f"master {path.name} is not a PowerPoint file or template")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    prs = Presentation(io.BytesIO(buffer.getvalue()))
    width, height = (prs.slide_width or 9144000) / EMU, (prs.slide_height or 6858000) / EMU
    problems: list[str] = []
    theme = _theme(prs.slide_masters[0])
    colors, (major, minor) = theme
    layouts: list[OrgLayout] = []
    for number, master in enumerate(prs.slide_masters):
        master_art = _art(master.shapes, colors, problems, f"master {number + 1}")
        master_bg = _background(master, colors, problems) or (colors.get("lt1", "#FFFFFF"), b"")
        for layout in master.slide_layouts:
            root = layout._element
            show_master = root.get("showMasterSp", "1") not in ("0", "false")
            bg = _background(layout, colors, problems) or master_bg
            art = (master_art if show_master else ()) + _art(layout.shapes, colors, problems,
                                                             f"layout '{layout.name}'")
            layouts.append(OrgLayout(
                part=str(layout.part.partname).lstrip("/"),
                name=layout.name or "",
                type=root.get("type", "cust"),
                master=number,
                placeholders=tuple(_placeholders(layout, master, colors)),
                art=art,
                background=bg[0],
                background_picture=bg[1],
            ))
    if not any(lay.placeholder("title", "ctrTitle") for lay in layouts):
        raise TemplateError(f"master {path.name} has no usable layout (none has a title "
                            "placeholder)")
    roles, notes, warnings = map_roles(tuple(layouts), chosen)
    return MasterFile(
        path=path, width=round(width, 2), height=round(height, 2), heading_font=major,
        body_font=minor, colors=colors, layouts=tuple(layouts), roles=roles,
        problems=tuple(dict.fromkeys(warnings + problems)), notes=tuple(notes),
        has_notes_master=any(n.startswith("ppt/notesMasters/") for n in parts),
    )


# ------------------------------------------------------------------ theme and colours

def _theme(master: Any) -> tuple[dict[str, str], tuple[str, str]]:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    root = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    colors: dict[str, str] = {}
    for slot in root.iterfind(".//a:clrScheme/*", NS):
        name = etree.QName(slot).localname
        value = slot.find("a:srgbClr", NS)
        if value is not None:
            colors[name] = "#" + value.get("val", "000000").upper()
        elif (system := slot.find("a:sysClr", NS)) is not None:
            colors[name] = "#" + system.get("lastClr", "000000").upper()
    major = root.find(".//a:majorFont/a:latin", NS)
    minor = root.find(".//a:minorFont/a:latin", NS)
    return colors, ((major.get("typeface") if major is not None else "") or "Calibri",
                    (minor.get("typeface") if minor is not None else "") or "Calibri")


def _color(fill: Any, colors: dict[str, str]) -> str:
    """#RRGGBB of a colour element's first colour child (srgb, scheme or system)."""
    if fill is None:
        return ""
    for child in fill:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "srgbClr":
            return "#" + child.get("val", "000000").upper()
        if tag == "schemeClr":
            slot = child.get("val", "")
            return colors.get(_MAP.get(slot, slot), "")
        if tag == "sysClr":
            return "#" + child.get("lastClr", "000000").upper()
        if tag == "prstClr":
            return {"black": "#000000", "white": "#FFFFFF"}.get(child.get("val", ""), "#000000")
    return ""


def _fill(props: Any, colors: dict[str, str], problems: list[str], what: str) -> str:
    """A shape's fill as one colour: solid as it is, a gradient by its first stop."""
    if props is None:
        return ""
    solid = props.find("a:solidFill", NS)
    if solid is not None:
        return _color(solid, colors)
    gradient = props.find("a:gradFill", NS)
    if gradient is not None:
        problems.append(f"{what}: a gradient is drawn in the PDF in its first colour")
        stop = gradient.find(".//a:gs", NS)
        return _color(stop, colors)
    if props.find("a:pattFill", NS) is not None:
        problems.append(f"{what}: a pattern fill is drawn in the PDF in its foreground colour")
        return _color(props.find("a:pattFill/a:fgClr", NS), colors)
    return ""


def _background(owner: Any, colors: dict[str, str], problems: list[str]) -> tuple[str, bytes] | None:
    """A master's or layout's background: a colour, and a picture if it has one."""
    bg = owner._element.find("p:cSld/p:bg", NS)
    if bg is None:
        return None
    props = bg.find("p:bgPr", NS)
    if props is not None:
        blip = props.find("a:blipFill/a:blip", NS)
        if blip is not None:
            return colors.get("lt1", "#FFFFFF"), _blip(owner.part, blip, problems, "background picture")
        return _fill(props, colors, problems, "background") or colors.get("lt1", "#FFFFFF"), b""
    ref = bg.find("p:bgRef", NS)
    if ref is not None:
        return _color(ref, colors) or colors.get("lt1", "#FFFFFF"), b""
    return None


_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def _blip(part: Any, blip: Any, problems: list[str], what: str) -> bytes:
    """A picture's pixels through briefer's image gate; b"" (and a problem) if refused."""
    from briefer.images import to_png

    rid = blip.get(_R_EMBED)
    try:
        data = part.related_part(rid).blob if rid else b""
        return to_png(data, what, TemplateError, 2400)[0] if data else b""
    except (BrieferError, KeyError) as exc:
        problems.append(f"{what} is left out of the PDF ({exc})")
        return b""


# ------------------------------------------------------------------ placeholders

def _placeholders(layout: Any, master: Any, colors: dict[str, str]) -> list[OrgPlaceholder]:
    out: list[OrgPlaceholder] = []
    master_by_type = {}
    for shape in master.placeholders:
        ph = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS)
        master_by_type.setdefault(_kind(ph), shape)
    for shape in layout.placeholders:
        ph = shape._element.find("p:nvSpPr/p:nvPr/p:ph", NS)
        kind = _kind(ph)
        if None in (shape.left, shape.top, shape.width, shape.height):
            continue
        base = master_by_type.get(kind) or master_by_type.get(
            {"ctrTitle": "title", "subTitle": "body", "obj": "body"}.get(kind, kind))
        chain = [shape._element] + ([base._element] if base is not None else [])
        props = _text_props(chain, master, kind, colors)
        out.append(OrgPlaceholder(
            kind=kind, idx=int(ph.get("idx", "0") or 0),
            x=shape.left / EMU, y=shape.top / EMU, w=shape.width / EMU, h=shape.height / EMU,
            insets=_insets(chain), anchor=_anchor(chain, kind), **props))
    return out


def _kind(ph: Any) -> str:
    return ph.get("type", "obj") if ph is not None else "obj"


def _body_pr(chain: list[Any]) -> list[Any]:
    return [e.find("p:txBody/a:bodyPr", NS) for e in chain if e.find("p:txBody/a:bodyPr", NS) is not None]


def _insets(chain: list[Any]) -> tuple[float, float, float, float]:
    values = []
    for n, name in enumerate(("lIns", "tIns", "rIns", "bIns")):
        found = next((int(b.get(name)) for b in _body_pr(chain) if b.get(name) is not None),
                     _DEFAULT_INSETS[n])
        values.append(found / EMU)
    return values[0], values[1], values[2], values[3]


def _anchor(chain: list[Any], kind: str) -> str:
    found = next((b.get("anchor") for b in _body_pr(chain) if b.get("anchor")), None)
    if found is None:
        found = "ctr" if kind in ("ctrTitle", "title") else "t"
    return _ANCHOR.get(found, "top")


def _text_props(chain: list[Any], master: Any, kind: str, colors: dict[str, str]) -> dict[str, Any]:
    """Size, weight, alignment, colour and typeface of the first level, by inheritance."""
    levels = [e.find("p:txBody/a:lstStyle/a:lvl1pPr", NS) for e in chain]
    style = {"title": "titleStyle", "ctrTitle": "titleStyle", "body": "bodyStyle",
             "obj": "bodyStyle", "subTitle": "bodyStyle"}.get(kind, "otherStyle")
    levels.append(master._element.find(f"p:txStyles/p:{style}/a:lvl1pPr", NS))
    levels = [lvl for lvl in levels if lvl is not None]
    props: dict[str, Any] = {"size": 18.0, "align": "left", "bold": False, "color": "", "font": "",
                             "caps": False}
    for key, find in (
        ("size", lambda lvl: (d := lvl.find("a:defRPr", NS)) is not None and d.get("sz")),
        ("align", lambda lvl: lvl.get("algn")),
        ("bold", lambda lvl: (d := lvl.find("a:defRPr", NS)) is not None and d.get("b")),
        ("color", lambda lvl: _color(lvl.find("a:defRPr/a:solidFill", NS), colors)),
        ("font", lambda lvl: (d := lvl.find("a:defRPr/a:latin", NS)) is not None and d.get("typeface")),
        ("caps", lambda lvl: (d := lvl.find("a:defRPr", NS)) is not None and d.get("cap")),
    ):
        value = next((v for v in map(find, levels) if v), None)
        if value is None:
            continue
        if key == "size":
            props[key] = max(4.0, min(200.0, int(value) / 100))
        elif key == "align":
            props[key] = _ALIGN.get(value, "left")
        elif key == "bold":
            props[key] = value in ("1", "true")
        elif key == "caps":
            props[key] = value == "all"
        else:
            props[key] = value
    if kind in ("title", "ctrTitle") and props["size"] == 18.0:
        props["size"] = 44.0 if kind == "ctrTitle" else 32.0
    return props


# ------------------------------------------------------------------ art

def _art(shapes: Any, colors: dict[str, str], problems: list[str], where: str,
         transform: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)) -> tuple[Art, ...]:
    """The shapes that are not placeholders, as plain rectangles, lines, pictures and text."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    out: list[Art] = []
    dx, dy, sx, sy = transform
    for shape in shapes:
        if shape.is_placeholder:
            continue
        element = shape._element
        if shape.left is None or shape.width is None:
            continue
        x = dx + shape.left / EMU * sx
        y = dy + shape.top / EMU * sy
        w, h = shape.width / EMU * sx, shape.height / EMU * sy
        kind = shape.shape_type
        name = f"{where}: '{shape.name}'"
        if kind == MSO_SHAPE_TYPE.GROUP:
            xfrm = element.find("p:grpSpPr/a:xfrm", NS)
            child_off = xfrm.find("a:chOff", NS) if xfrm is not None else None
            child_ext = xfrm.find("a:chExt", NS) if xfrm is not None else None
            if child_off is None or child_ext is None or not int(child_ext.get("cx", 0)):
                problems.append(f"{name}: a group without its child frame is left out of the PDF")
                continue
            cx, cy = int(child_off.get("x", 0)) / EMU, int(child_off.get("y", 0)) / EMU
            csx = w / (int(child_ext.get("cx")) / EMU)
            csy = h / max(int(child_ext.get("cy", 1)) / EMU, 1e-6)
            out.extend(_art(shape.shapes, colors, problems, where,
                            (x - cx * csx, y - cy * csy, csx, csy)))
        elif kind == MSO_SHAPE_TYPE.PICTURE:
            blip = element.find("p:blipFill/a:blip", NS)
            png = _blip(shape.part, blip, problems, name) if blip is not None else b""
            descr = element.find("p:nvPicPr/p:cNvPr", NS)
            if png:
                out.append(Art("picture", x, y, w, h, png=png,
                               description=(descr.get("descr") or shape.name) if descr is not None
                               else shape.name))
        elif element.tag.endswith("}cxnSp") or kind == MSO_SHAPE_TYPE.LINE:
            line = element.find("p:spPr/a:ln", NS)
            color = _fill(line, colors, problems, name) if line is not None else ""
            width = int(line.get("w", 12700)) / EMU if line is not None else 1.0
            if color:
                out.append(Art("line", x, y, w, h, line=color, line_width=width))
        elif element.tag.endswith("}sp"):
            props = element.find("p:spPr", NS)
            geometry = props.find("a:prstGeom", NS) if props is not None else None
            preset = geometry.get("prst", "rect") if geometry is not None else "rect"
            fill = _fill(props, colors, problems, name)
            line = props.find("a:ln", NS) if props is not None else None
            stroke = _fill(line, colors, problems, name) if line is not None else ""
            text = shape.text_frame.text if shape.has_text_frame else ""
            if preset not in ("rect", "roundRect", "ellipse", "snip1Rect") and (fill or stroke):
                problems.append(f"{name}: the {preset} shape is drawn in the PDF as a rectangle")
            if fill or stroke:
                out.append(Art("ellipse" if preset == "ellipse" else "rect", x, y, w, h, fill=fill,
                               line=stroke, line_width=int(line.get("w", 12700)) / EMU
                               if line is not None and stroke else 0.0))
            if text.strip():
                para = shape.text_frame.paragraphs[0]
                size = next((r.font.size.pt for r in para.runs if r.font.size is not None), 12.0)
                color = _color(element.find(".//a:rPr/a:solidFill", NS), colors) or \
                    colors.get("dk1", "#000000")
                bold = any(r.font.bold for r in para.runs)
                anchor = _anchor([element], "body")
                out.append(Art("text", x, y, w, h, fill="", line=color, text=text.strip(),
                               size=size, bold=bold, anchor=anchor,
                               align=_ALIGN.get(para._pPr.get("algn") if para._pPr is not None
                                                else "l", "left")))
        else:
            problems.append(f"{name}: a {str(kind).split('.')[-1].split(' ')[0].lower()} is left "
                            "out of the PDF and the preview (the PowerPoint file keeps it)")
    return tuple(out)
