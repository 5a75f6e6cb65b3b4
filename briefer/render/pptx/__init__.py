"""PowerPoint renderer: a deck a PowerPoint expert would build.

One master in the template's look (theme fonts and colours, classification banners, text
styles), six layouts named as PowerPoint names them, each with its furniture and placeholders
where the layout engine puts things; slides on those layouts with titles, key points, subtitle,
byline and footers in their placeholders; timelines and figures as named groups with alt text;
speaker notes on a notes master in the template's font; true document properties.

Modules: `xml` (escaping, units), `shapes` (DrawingML shapes), `master` (theme, master, layouts,
notes master), `slide` (slides, notes pages), this one (the package: parts, relationships,
content types, properties).
"""

from __future__ import annotations

import io
import posixpath
import time
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from briefer import __version__
from briefer.layout.model import Frame, LaidOutDeck, TextBox
from briefer.render.pptx.master import (
    LAYOUT_ORDER,
    layout_xml,
    master_xml,
    notes_master_xml,
    theme_xml,
)
from briefer.render.pptx.shapes import Media
from briefer.render.pptx.slide import notes_xml, slide_xml
from briefer.render.pptx.xml import DECL, NSDECLS, attr, emu, rels_xml, text
from briefer.render.stamp import build_seconds, build_time

_CT = "application/vnd.openxmlformats-officedocument."
_PML = _CT + "presentationml."
TYPES = {
    "presentation": _PML + "presentation.main+xml",
    "slide": _PML + "slide+xml",
    "slideLayout": _PML + "slideLayout+xml",
    "slideMaster": _PML + "slideMaster+xml",
    "notesSlide": _PML + "notesSlide+xml",
    "notesMaster": _PML + "notesMaster+xml",
    "presProps": _PML + "presProps+xml",
    "viewProps": _PML + "viewProps+xml",
    "tableStyles": _PML + "tableStyles+xml",
    "theme": _CT + "theme+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": _CT + "extended-properties+xml",
}
_PACKAGE_RT = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
# (width, height) in points → PowerPoint's slide size type and the name it shows for it
SIZE_TYPES = {(720.0, 540.0): ("screen4x3", "On-screen Show (4:3)"),
              (720.0, 405.0): ("screen16x9", "On-screen Show (16:9)"),
              (720.0, 450.0): ("screen16x10", "On-screen Show (16:10)"),
              (960.0, 540.0): ("", "Widescreen")}


class _Rels:
    """One part's relationships, numbered in order of first use (after *kept*, an
    organisation's relationships that keep their own ids)."""

    def __init__(self, *first: tuple[str, str, bool], prefix: str = "rId",
                 kept: list[dict[str, str]] | None = None) -> None:
        self.items: list[tuple[str, str, bool]] = list(first)
        self.prefix = prefix
        self.kept = kept or []

    def __call__(self, reltype: str, target: str, external: bool = False) -> str:
        key = (reltype, target, external)
        try:
            return f"{self.prefix}{self.items.index(key) + 1}"
        except ValueError:
            self.items.append(key)
            return f"{self.prefix}{len(self.items)}"

    def xml(self) -> bytes:
        if not self.kept and self.prefix == "rId":
            return rels_xml(self.items)
        ours = rels_xml(self.items).decode().replace('Id="rId', f'Id="{self.prefix}')
        theirs = "".join(
            f'<Relationship Id="{attr(r["Id"])}" Type="{attr(r["Type"])}" Target="{attr(r["Target"])}"'
            + (' TargetMode="External"' if r.get("TargetMode") == "External" else "") + "/>"
            for r in self.kept)
        return ours.replace("</Relationships>", theirs + "</Relationships>").encode()


class _Parts:
    """The package being written: parts, their content types, and media."""

    def __init__(self) -> None:
        self.parts: dict[str, bytes] = {}
        self.overrides: dict[str, str] = {}
        self.defaults: dict[str, str] = {}
        self.media = Media()

    def add(self, name: str, data: bytes, kind: str | None = None, rels: _Rels | None = None) -> None:
        self.parts[name] = data
        if kind is not None:
            self.overrides["/" + name] = TYPES[kind]
        if rels is not None:
            folder, _, leaf = name.rpartition("/")
            self.parts[f"{folder}/_rels/{leaf}.rels"] = rels.xml()


def render(deck: LaidOutDeck, out: BinaryIO) -> None:
    package = _org_package(deck) if deck.master_file else _own_package(deck)
    _finish(deck, package)
    stamp = time.gmtime(build_seconds())[:6]  # the zip's own dates too: reproducible builds
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as z:
        for partname, data in (("[Content_Types].xml", _content_types(package)),
                               *package.parts.items()):
            z.writestr(zipfile.ZipInfo(partname, stamp), data, zipfile.ZIP_DEFLATED)
    out.write(buffer.getvalue())


def _own_package(deck: LaidOutDeck) -> _Parts:
    """briefer's own theme, master and layouts, then the slides."""
    p = _Parts()
    if not deck.layouts:  # a deck laid out by hand: one plain layout, so the master has one
        deck = replace(deck, layouts={"blank": Frame("blank", deck.colors.get("background", "#FFFFFF"))})
    roles = [r for r in LAYOUT_ORDER if r in deck.layouts]
    layout_number = {role: n for n, role in enumerate(roles, 1)}
    master_rels = _Rels()
    layout_rids = []
    for role, n in layout_number.items():
        rels = _Rels(("slideMaster", "../slideMasters/slideMaster1.xml", False))
        p.add(f"ppt/slideLayouts/slideLayout{n}.xml", layout_xml(deck, deck.layouts[role], rels, p.media),
              "slideLayout", rels)
        layout_rids.append(master_rels("slideLayout", f"../slideLayouts/slideLayout{n}.xml"))
    master_rels("theme", "../theme/theme1.xml")
    p.add("ppt/slideMasters/slideMaster1.xml", master_xml(deck, layout_rids, master_rels, p.media),
          "slideMaster", master_rels)
    name = deck.info.title[:60] or "briefer"
    p.add("ppt/theme/theme1.xml", theme_xml(deck, name), "theme")
    pres_rels = _Rels(("slideMaster", "slideMasters/slideMaster1.xml", False))
    fallback = layout_number.get("blank", 1)
    targets = {role: f"../slideLayouts/slideLayout{n}.xml" for role, n in layout_number.items()}
    slide_ids, notes = _slides(deck, p, pres_rels, lambda role: targets.get(role) or
                               f"../slideLayouts/slideLayout{fallback}.xml",
                               "notesMasters/notesMaster1.xml")
    notes_master = ""
    if notes:
        notes_rels = _Rels(("theme", "../theme/theme2.xml", False))
        p.add("ppt/notesMasters/notesMaster1.xml", notes_master_xml(deck), "notesMaster", notes_rels)
        p.add("ppt/theme/theme2.xml", theme_xml(deck, name), "theme")
        notes_master = (f'<p:notesMasterIdLst><p:notesMasterId '
                        f'r:id="{pres_rels("notesMaster", "notesMasters/notesMaster1.xml")}"/>'
                        "</p:notesMasterIdLst>")
    for kind, target in (("presProps", "presProps.xml"), ("viewProps", "viewProps.xml"),
                         ("theme", "theme/theme1.xml"), ("tableStyles", "tableStyles.xml")):
        pres_rels(kind, target)
    size_type, _ = SIZE_TYPES.get((deck.width, deck.height), ("", ""))
    size_attr = f' type="{size_type}"' if size_type else ""
    p.add("ppt/presentation.xml", (
        f'{DECL}<p:presentation {NSDECLS} saveSubsetFonts="1"><p:sldMasterIdLst>'
        f'<p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>{notes_master}'
        f"{'<p:sldIdLst>' + slide_ids + '</p:sldIdLst>' if slide_ids else ''}"
        f'<p:sldSz cx="{emu(deck.width)}" cy="{emu(deck.height)}"{size_attr}/>'
        f'<p:notesSz cx="6858000" cy="9144000"/></p:presentation>').encode(),
        "presentation", pres_rels)
    p.add("ppt/presProps.xml", f"{DECL}<p:presentationPr {NSDECLS}/>".encode(), "presProps")
    p.add("ppt/viewProps.xml", (f'{DECL}<p:viewPr {NSDECLS}><p:normalViewPr><p:restoredLeft '
                                'sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr>'
                                '<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>').encode(), "viewProps")
    p.add("ppt/tableStyles.xml", (f'{DECL}<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/'
                                  'drawingml/2006/main" def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>'
                                  ).encode(), "tableStyles")
    return p


def _org_package(deck: LaidOutDeck) -> _Parts:
    """An organisation's masters, layouts, themes and media, kept; briefer's slides on them."""
    from briefer.render.pptx.org import OrgPackage
    from briefer.render.pptx.shapes import ShapeWriter

    org = OrgPackage(Path(deck.master_file))
    p = _Parts()
    banners = ShapeWriter(lambda *a: "", p.media, deck.lang)
    banners.next_id = 90001  # clear of the organisation's own shape ids
    for element in deck.master:
        banners.element(element)
    org.with_banners("".join(banners.out))
    p.parts.update(org.parts)
    p.overrides.update(org.overrides())
    p.defaults.update(org.defaults())
    pres_rels = _Rels(prefix="rIdB", kept=org.pres_rels)
    notes_target = posixpath.relpath(org.notes_master, "ppt") if org.notes_master \
        else "notesMasters/notesMaster-briefer.xml"
    slide_ids, notes = _slides(deck, p, pres_rels, lambda role: "../" + posixpath.relpath(
        deck.layouts[role].part if role in deck.layouts and deck.layouts[role].part
        else next(f.part for f in deck.layouts.values() if f.part), "ppt"), notes_target)
    notes_rid = ""
    if notes and not org.notes_master:
        notes_rels = _Rels(("theme", "../theme/theme-briefer-notes.xml", False))
        p.add("ppt/notesMasters/notesMaster-briefer.xml", notes_master_xml(deck), "notesMaster",
              notes_rels)
        p.add("ppt/theme/theme-briefer-notes.xml", theme_xml(deck, "briefer notes"), "theme")
        notes_rid = pres_rels("notesMaster", notes_target)
    p.add(org.presentation, org.presentation_xml(slide_ids, notes_rid), "presentation", pres_rels)
    return p


def _slides(deck: LaidOutDeck, p: _Parts, pres_rels: _Rels, layout_target: Callable[[str], str],
            notes_master: str) -> tuple[str, int]:
    """Every slide and its notes page; the presentation's slide list and the notes count."""
    slide_ids = []
    notes = 0
    for number, slide in enumerate(deck.slides, 1):
        frame = deck.layouts.get(slide.layout)
        rels = _Rels(("slideLayout", layout_target(slide.layout), False))
        xml = slide_xml(deck, slide, frame, rels, p.media)
        if slide.notes:
            notes += 1
            rels("notesSlide", f"../notesSlides/notesSlide{notes}.xml")
            note_rels = _Rels(("notesMaster", f"../{notes_master}", False),
                              ("slide", f"../slides/slide{number}.xml", False))
            p.add(f"ppt/notesSlides/notesSlide{notes}.xml", notes_xml(slide.notes, deck.lang),
                  "notesSlide", note_rels)
        p.add(f"ppt/slides/slide{number}.xml", xml, "slide", rels)
        rid = pres_rels("slide", f"slides/slide{number}.xml")
        slide_ids.append(f'<p:sldId id="{255 + number}" r:id="{rid}"/>')
    p.notes = notes  # type: ignore[attr-defined]
    return "".join(slide_ids), notes


def _finish(deck: LaidOutDeck, p: _Parts) -> None:
    """Properties, package relationships and pictures: the same for every kind of package."""
    notes = getattr(p, "notes", 0)
    _, format_name = SIZE_TYPES.get((deck.width, deck.height), ("", ""))
    p.add("docProps/core.xml", _core_xml(deck), "core")
    p.add("docProps/app.xml", _app_xml(deck, notes, format_name or _custom_format(deck)), "app")
    p.parts["_rels/.rels"] = rels_xml([
        ("officeDocument", "ppt/presentation.xml", False),
        (_PACKAGE_RT, "docProps/core.xml", False),
        ("extended-properties", "docProps/app.xml", False)])
    for data, (partname, _) in p.media.parts.items():
        p.parts[partname] = data


def _content_types(p: _Parts) -> bytes:
    overrides = p.overrides
    defaults = {**p.defaults, "rels": "application/vnd.openxmlformats-package.relationships+xml",
                "xml": "application/xml"}
    for partname, content_type in p.media.parts.values():
        defaults[partname.rsplit(".", 1)[1]] = content_type
    out = [DECL, '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">']
    out += [f'<Default Extension="{ext}" ContentType="{ct}"/>' for ext, ct in sorted(defaults.items())]
    out += [f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in overrides.items()]
    out.append("</Types>")
    return "".join(out).encode()


def _core_xml(deck: LaidOutDeck) -> bytes:
    info = deck.info
    when = build_time()

    def prop(tag: str, value: str) -> str:
        return f"<{tag}>{text(value[:255])}</{tag}>" if value else ""

    return (
        f"{DECL}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{prop('dc:title', info.title)}{prop('dc:subject', info.subject)}"
        f"{prop('dc:creator', info.author)}{prop('cp:keywords', info.keywords)}"
        f"{prop('dc:language', deck.lang)}"
        f"<cp:lastModifiedBy>briefer {__version__}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _custom_format(deck: LaidOutDeck) -> str:
    return f"Custom ({deck.width / 72:.2f} × {deck.height / 72:.2f} in)"


def _app_xml(deck: LaidOutDeck, notes: int, format_name: str) -> bytes:
    """What PowerPoint shows under File › Info: the application, slide and word counts, and
    the parts (fonts, theme, slide titles)."""
    words = paragraphs = 0
    for slide in deck.slides:
        for element in slide.elements:
            if isinstance(element, TextBox):
                paragraphs += len(element.paragraphs)
                words += sum(len(p.text.split()) for p in element.paragraphs)
    fonts = list(dict.fromkeys(f.name for f in deck.fonts))
    titles = [s.title for s in deck.slides]
    parts = [*fonts, deck.info.title[:60] or "briefer", *titles]
    vector = "".join(f"<vt:lpstr>{text(p[:255])}</vt:lpstr>" for p in parts)
    pairs = (f"<vt:variant><vt:lpstr>Fonts Used</vt:lpstr></vt:variant><vt:variant><vt:i4>{len(fonts)}"
             "</vt:i4></vt:variant><vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant><vt:variant>"
             "<vt:i4>1</vt:i4></vt:variant><vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant>"
             f"<vt:variant><vt:i4>{len(titles)}</vt:i4></vt:variant>")
    return (
        f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes"><TotalTime>0</TotalTime><Words>{words}</Words>'
        f"<Application>briefer {text(__version__)}</Application>"
        f"<PresentationFormat>{text(format_name)}</PresentationFormat>"
        f"<Paragraphs>{paragraphs}</Paragraphs><Slides>{len(deck.slides)}</Slides>"
        f"<Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips>"
        f'<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="6" baseType="variant">{pairs}'
        f'</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="{len(parts)}" '
        f'baseType="lpstr">{vector}</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate>'
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()
