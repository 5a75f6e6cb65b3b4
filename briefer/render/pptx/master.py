"""The deck's theme, slide master, layouts and notes master, made from the laid-out deck.

The theme's fonts are the template's (major: headings, minor: body) and its colour slots are
the template's palette, so PowerPoint's pickers offer them. The master carries the
classification banners and the text styles; each layout carries its furniture (header bar or
rule, logo, footer rule) and placeholders placed where the layout engine puts those things.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from briefer.layout.model import LAYOUT_NAMES, Frame, LaidOutDeck, Paragraph, TextBox
from briefer.render.pptx.shapes import ANCHOR, Media, ShapeWriter, level_style, placeholder_ref
from briefer.render.pptx.xml import DECL, NSDECLS, attr, rgb, xfrm

LAYOUT_ORDER = ("title", "content", "two-content", "section", "title-only", "blank")
LAYOUT_TYPES = {"title": "title", "content": "obj", "two-content": "twoObj", "section": "secHead",
                "title-only": "titleOnly", "blank": "blank"}
# theme colour slots, filled from the template's palette (slot → template colour role)
THEME_SLOTS = (("dk1", "text"), ("lt1", "background"), ("dk2", "title"), ("lt2", "tile"),
               ("accent1", "accent"), ("accent2", "title_background"), ("accent3", "muted"),
               ("accent4", "rule"), ("accent5", "accent_text"), ("accent6", "title_text"),
               ("hlink", "accent"), ("folHlink", "muted"))
CLR_MAP = ('<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
           'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
           'folHlink="folHlink"/>')
PROMPTS = {"title": "Click to add title", "subTitle": "Click to add subtitle",
           "byline": "Presenter · organisation", "body": "Click to add text",
           "body2": "Click to add text", "dt": "Date", "ftr": "Footer"}
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
NOTES_WIDTH, NOTES_HEIGHT = 6858000, 9144000  # portrait, 7.5 × 10 in
_GROUP = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
          '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
          '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>')


def theme_xml(deck: LaidOutDeck, name: str) -> bytes:
    heading, body = deck.fonts[0], deck.fonts[-1]
    colors = "".join(f'<a:{slot}><a:srgbClr val="{rgb(deck.colors.get(role, "#000000"))}"/></a:{slot}>'
                     for slot, role in THEME_SLOTS)
    fills = "".join('<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' for _ in range(3))
    lines = "".join(f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill>'
                    '<a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/></a:ln>'
                    for w in (6350, 12700, 19050))
    effects = "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    return (f'{DECL}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            f'name="{attr(name)}"><a:themeElements><a:clrScheme name="{attr(name)}">{colors}'
            f'</a:clrScheme><a:fontScheme name="{attr(name)}">'
            f'<a:majorFont><a:latin typeface="{attr(heading.name)}"/><a:ea typeface=""/>'
            f'<a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="{attr(body.name)}"/>'
            '<a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
            f'<a:fmtScheme name="{attr(name)}"><a:fillStyleLst>{fills}</a:fillStyleLst>'
            f"<a:lnStyleLst>{lines}</a:lnStyleLst><a:effectStyleLst>{effects}</a:effectStyleLst>"
            f"<a:bgFillStyleLst>{fills}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
            "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>").encode()


def background_xml(color: str) -> str:
    return (f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{rgb(color)}"/></a:solidFill>'
            "<a:effectLst/></p:bgPr></p:bg>")


def _list_style(sample: TextBox) -> str:
    """The levels of a placeholder's text as its sample paragraphs show them."""
    levels: dict[int, Paragraph] = {}
    for para in sample.paragraphs:
        levels.setdefault(para.level, para)
    return "".join(level_style(levels[n], n + 1) for n in sorted(levels))


def _prompt(name: str, sample: TextBox, lang: str) -> str:
    """The text a placeholder shows until the user types: PowerPoint's prompts, or for the
    slide number a field PowerPoint fills in on each slide."""
    if name == "sldNum":
        return (f'<a:p><a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="{lang}"/>'
                "<a:t>‹#›</a:t></a:fld></a:p>")
    if name in ("body", "body2") and len(sample.paragraphs) > 1:
        return "".join(f'<a:p><a:pPr lvl="{p.level}"/><a:r><a:rPr lang="{lang}"/><a:t>'
                       f"{('Click to add text', 'Second level', 'Third level')[min(p.level, 2)]}"
                       "</a:t></a:r></a:p>" for p in sample.paragraphs)
    return f'<a:p><a:r><a:rPr lang="{lang}"/><a:t>{PROMPTS.get(name, "")}</a:t></a:r></a:p>'


def _placeholder(writer: ShapeWriter, name: str, ref: str, sample: TextBox, styled: bool) -> None:
    """A placeholder on a layout or the master: place, insets, anchor, text styles, prompt."""
    lst = _list_style(sample) if styled else ""
    writer.out.append(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{writer.shape_id()}" name="{attr(name)}"/><p:cNvSpPr>'
        f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ref}</p:nvPr></p:nvSpPr><p:spPr>'
        f'{xfrm(sample.x, sample.y, sample.w, max(sample.h, 1.0))}<a:prstGeom prst="rect">'
        '<a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" '
        f'rIns="0" bIns="0" anchor="{ANCHOR[sample.anchor]}"><a:normAutofit/></a:bodyPr>'
        f"<a:lstStyle>{lst}</a:lstStyle>{_prompt(name, sample, writer.lang)}</p:txBody></p:sp>")


def layout_xml(deck: LaidOutDeck, frame: Frame, rel: Callable[[str, str, bool], str],
               media: Media) -> bytes:
    writer = ShapeWriter(rel, media, deck.lang, frame.role)
    for element in frame.elements:
        writer.element(element)
    for name, sample in frame.placeholders.items():
        _placeholder(writer, name, placeholder_ref(name, frame.role), sample, True)
    background = background_xml(frame.background) if frame.background != _master_background(deck) else ""
    return (f'{DECL}<p:sldLayout {NSDECLS} type="{LAYOUT_TYPES[frame.role]}" preserve="1">'
            f'<p:cSld name="{LAYOUT_NAMES[frame.role]}">{background}<p:spTree>{_GROUP}'
            f'{"".join(writer.out)}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>'
            "</p:clrMapOvr></p:sldLayout>").encode()


def _master_background(deck: LaidOutDeck) -> str:
    frame = deck.layouts.get("content")
    return frame.background if frame is not None else deck.colors.get("background", "#FFFFFF")


MASTER_REFS = {"title": '<p:ph type="title"/>', "body": '<p:ph type="body" idx="1"/>',
               "dt": '<p:ph type="dt" sz="half" idx="2"/>',
               "ftr": '<p:ph type="ftr" sz="quarter" idx="3"/>',
               "sldNum": '<p:ph type="sldNum" sz="quarter" idx="4"/>'}


def master_xml(deck: LaidOutDeck, layout_rids: list[str], rel: Callable[[str, str, bool], str],
               media: Media) -> bytes:
    """The master: the content layout's placeholders and text styles, and the banners."""
    writer = ShapeWriter(rel, media, deck.lang)
    content = deck.layouts.get("content")
    places: Mapping[str, TextBox] = content.placeholders if content is not None else {}
    for name, ref in MASTER_REFS.items():
        if name in places:
            _placeholder(writer, name, ref, places[name], name not in ("title", "body"))
    for element in deck.master:
        writer.element(element)
    title = _list_style(places["title"]) if "title" in places else ""
    body = _list_style(places["body"]) if "body" in places else ""
    other = f'<a:lvl1pPr><a:defRPr lang="{attr(deck.lang)}"/></a:lvl1pPr>'
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + n}" r:id="{rid}"/>'
                  for n, rid in enumerate(layout_rids))
    return (f"{DECL}<p:sldMaster {NSDECLS}><p:cSld>{background_xml(_master_background(deck))}"
            f'<p:spTree>{_GROUP}{"".join(writer.out)}</p:spTree></p:cSld>{CLR_MAP}'
            f"<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst><p:txStyles><p:titleStyle>{title}"
            f"</p:titleStyle><p:bodyStyle>{body}</p:bodyStyle><p:otherStyle>{other}"
            "</p:otherStyle></p:txStyles></p:sldMaster>").encode()


def notes_master_xml(deck: LaidOutDeck) -> bytes:
    """Notes pages in the template's body font: slide picture above, notes below."""
    body = deck.fonts[-1]
    w, h = NOTES_WIDTH, NOTES_HEIGHT
    image_h = round((w - 2 * 685800) * deck.height / deck.width)

    def ph(n: int, name: str, ref: str, x: int, y: int, cx: int, cy: int, body_xml: str = "") -> str:
        txt = (f'<p:txBody><a:bodyPr lIns="91440" tIns="45720" rIns="91440" bIns="45720"/>'
               f"<a:lstStyle/>{body_xml}</p:txBody>") if body_xml else ""
        return (f'<p:sp><p:nvSpPr><p:cNvPr id="{n}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
                f"</p:cNvSpPr><p:nvPr>{ref}</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"{x}\" "
                f'y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
                f"</a:prstGeom></p:spPr>{txt}</p:sp>")

    lang = attr(deck.lang)
    prompt = f'<a:p><a:r><a:rPr lang="{lang}"/><a:t>Speaker notes</a:t></a:r></a:p>'
    number = (f'<a:p><a:pPr algn="r"/><a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum">'
              f'<a:rPr lang="{lang}"/><a:t>‹#›</a:t></a:fld></a:p>')
    shapes = (ph(2, "Slide Image", '<p:ph type="sldImg" idx="2"/>', 685800, 685800,
                 w - 2 * 685800, image_h)
              + ph(3, "Notes", '<p:ph type="body" sz="quarter" idx="3"/>', 685800,
                   685800 + image_h + 457200, w - 2 * 685800, h - image_h - 2 * 685800 - 914400,
                   prompt)
              + ph(4, "Slide Number", '<p:ph type="sldNum" sz="quarter" idx="5"/>',
                   w // 2, h - 685800, w // 2 - 685800, 457200, number))
    style = "".join(
        f'<a:lvl{n}pPr marL="{(n - 1) * 342900}" algn="l"><a:spcBef><a:spcPts val="600"/></a:spcBef>'
        f'<a:defRPr sz="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
        f'<a:latin typeface="{attr(body.name)}"/><a:cs typeface="{attr(body.name)}"/></a:defRPr>'
        f"</a:lvl{n}pPr>" for n in range(1, 4))
    return (f"{DECL}<p:notesMaster {NSDECLS}><p:cSld><p:bg><p:bgRef idx=\"1001\">"
            f'<a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>{_GROUP}{shapes}</p:spTree>'
            f"</p:cSld>{CLR_MAP}<p:notesStyle>{style}</p:notesStyle></p:notesMaster>").encode()
