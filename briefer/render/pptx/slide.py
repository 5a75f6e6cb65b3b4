"""A slide and its notes page as PresentationML."""

from __future__ import annotations

import re
from collections.abc import Callable

from briefer.layout.model import Frame, LaidOutDeck, Slide
from briefer.render.pptx.master import background_xml
from briefer.render.pptx.shapes import Media, ShapeWriter
from briefer.render.pptx.xml import DECL, NSDECLS, attr, run_text

_GROUP = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
          "<p:grpSpPr/>")


def slide_xml(deck: LaidOutDeck, slide: Slide, frame: Frame | None,
              rel: Callable[[str, str, bool], str], media: Media) -> bytes:
    """The slide's content on its layout; a slide with its own furniture hides the layout's."""
    boxes = frame.placeholders if frame is not None and not slide.own_frame else {}
    refs = frame.refs if frame is not None else {}
    writer = ShapeWriter(rel, media, deck.lang, slide.layout, boxes, refs)
    for element in slide.elements:
        writer.element(element)
    background = "" if frame is not None and frame.background == slide.background \
        else background_xml(slide.background)
    hide = ' showMasterSp="0"' if slide.own_frame else ""
    name = f' name="{attr(slide.title[:200])}"' if slide.title else ""
    return (f"{DECL}<p:sld {NSDECLS}{hide}><p:cSld{name}>{background}<p:spTree>{_GROUP}"
            f'{"".join(writer.out)}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>'
            "</p:clrMapOvr></p:sld>").encode()


def notes_xml(notes: str, lang: str) -> bytes:
    """The notes page: the slide's picture and the speaker notes, a paragraph per line."""
    paragraphs = []
    lang = attr(lang)
    for line in notes.split("\n"):
        runs = []
        for index, part in enumerate(re.split("\v", line)):
            if index:
                runs.append(f'<a:br><a:rPr lang="{lang}"/></a:br>')
            if part:
                runs.append(f'<a:r><a:rPr lang="{lang}" dirty="0"/><a:t>{run_text(part)}</a:t></a:r>')
        empty = f'<a:endParaRPr lang="{lang}"/>'
        paragraphs.append(f"<a:p>{''.join(runs) or empty}</a:p>")
    return (f"{DECL}<p:notes {NSDECLS}><p:cSld><p:spTree>{_GROUP}"
            '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image"/><p:cNvSpPr><a:spLocks noGrp="1" '
            'noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr>'
            '</p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes"/><p:cNvSpPr>'
            '<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="3"/>'
            f"</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{''.join(paragraphs)}"
            "</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
            "</p:notes>").encode()
