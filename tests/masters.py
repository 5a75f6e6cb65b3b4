"""Organisation masters made for the tests with python-pptx (and a little package surgery).

- `widescreen_potx`: a 16:9 template (.potx) with a filled bar, a rule and a text line on its
  master, as a unit's template would have;
- `four_three_with_examples`: a 4:3 .pptx that still holds example slides (text, a picture,
  notes) that must not reach the deck;
- `two_masters_german`: two masters whose layouts carry German names and no type attributes;
- `logo_master`: a master with a logo picture top right.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

WIDE = 12192000
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
GERMAN = {"Title Slide": "Titelfolie", "Title and Content": "Titel und Inhalt",
          "Two Content": "Zwei Inhalte", "Section Header": "Abschnittsüberschrift",
          "Title Only": "Nur Titel", "Blank": "Leer"}


def _png(color: str, size: tuple[int, int] = (60, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def _widen(prs) -> None:
    """Stretch python-pptx's 4:3 master and layouts across a 16:9 page."""
    scale = WIDE / prs.slide_width
    prs.slide_width = Emu(WIDE)
    for master in prs.slide_masters:
        for shape in [*master.shapes, *(s for lay in master.slide_layouts for s in lay.shapes)]:
            xfrm = shape._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm")
            if xfrm is not None and shape.left is not None:
                shape.left = Emu(round(shape.left * scale))
                shape.width = Emu(round(shape.width * scale))


def _save_as_template(prs, path: Path) -> Path:
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml",
                                    b"presentationml.template.main+xml")
            dst.writestr(info.filename, data)
    return path


def _onto_master(master, build) -> None:
    """Shapes made on a scratch slide (python-pptx adds none to masters), moved to *master*."""
    scratch = Presentation()
    slide = scratch.slides.add_slide(scratch.slide_layouts[6])
    build(slide.shapes)
    tree = master.shapes._spTree
    for shape in slide.shapes:
        tree.append(copy.deepcopy(shape._element))


def _picture_on_master(master, png: bytes, x: int, y: int, w: int, h: int, name: str) -> None:
    _, rid = master.part.get_or_add_image_part(io.BytesIO(png))
    xml = (f'<p:pic xmlns:p="{_P}" xmlns:a="{_A}" xmlns:r="{_R}"><p:nvPicPr><p:cNvPr id="900" '
           f'name="{name}" descr="{name}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
           f'<a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>'
           f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
           '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
    master.shapes._spTree.append(etree.fromstring(xml))


def widescreen_potx(path: Path) -> Path:
    prs = Presentation()
    _widen(prs)

    def furniture(shapes) -> None:
        bar = shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Emu(WIDE), Pt(14))
        bar.fill.solid()
        bar.fill.fore_color.rgb = RGBColor(0x00, 0x33, 0x66)
        bar.line.fill.background()
        bar.name = "Org bar"
        line = shapes.add_connector(1, Emu(457200), Pt(496), Emu(WIDE - 457200), Pt(496))
        line.line.color.rgb = RGBColor(0x00, 0x33, 0x66)
        text = shapes.add_textbox(Emu(457200), Pt(522), Pt(200), Pt(14))
        text.text_frame.text = "ACME DEFENCE INSTITUTE"
        text.text_frame.paragraphs[0].runs[0].font.size = Pt(7)

    _onto_master(prs.slide_master, furniture)
    return _save_as_template(prs, path)


def four_three_with_examples(path: Path) -> Path:
    prs = Presentation()
    for n in range(3):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"EXAMPLE SLIDE {n + 1}"
        slide.placeholders[1].text_frame.text = "Example bullet that must not survive"
        slide.notes_slide.notes_text_frame.text = "Example notes that must not survive"
    picture = prs.slides[0].shapes.add_picture(io.BytesIO(_png("green")), Pt(400), Pt(300))
    picture.name = "Example picture"
    prs.save(str(path))
    return path


def logo_master(path: Path) -> Path:
    prs = Presentation()
    _widen(prs)
    _picture_on_master(prs.slide_master, _png("#C00000", (80, 80)), WIDE - Pt(60), Pt(8), Pt(48),
                       Pt(48), "Org logo")
    prs.save(str(path))
    return path


def two_masters_german(path: Path) -> Path:
    """Two masters (the second a copy of the first); every layout named in German, with its
    type attribute removed so only placeholders and names tell what it is."""
    prs = Presentation()
    _widen(prs)
    for layout in prs.slide_layouts:
        layout.name = GERMAN.get(layout.name, layout.name)
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    for name in list(parts):
        if name.startswith("ppt/slideLayouts/") and name.endswith(".xml"):
            parts[name] = re.sub(rb' type="\w+"', b"", parts[name], count=1)
    layouts = sorted(n for n in parts if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n))
    offset = len(layouts)
    for name in layouts:  # copies for master 2
        number = int(re.search(r"(\d+)\.xml$", name).group(1))
        parts[f"ppt/slideLayouts/slideLayout{number + offset}.xml"] = parts[name]
        parts[f"ppt/slideLayouts/_rels/slideLayout{number + offset}.xml.rels"] = parts[
            f"ppt/slideLayouts/_rels/slideLayout{number}.xml.rels"].replace(
            b"slideMaster1.xml", b"slideMaster2.xml")
    master_rels = parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"]
    for number in range(len(layouts), 0, -1):
        master_rels = master_rels.replace(f"slideLayout{number}.xml".encode(),
                                          f"slideLayout{number + offset}.xml".encode())
    parts["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = master_rels
    second = parts["ppt/slideMasters/slideMaster1.xml"]
    ids = re.findall(rb'<p:sldLayoutId id="(\d+)"', second)
    for old in ids:  # layout ids are unique across the presentation
        second = second.replace(b'id="' + old + b'"', b'id="' + str(int(old) + 100).encode() + b'"')
    parts["ppt/slideMasters/slideMaster2.xml"] = second
    pres = parts["ppt/presentation.xml"]
    parts["ppt/presentation.xml"] = pres.replace(
        b"</p:sldMasterIdLst>", b'<p:sldMasterId id="2147483800" r:id="rId99"/></p:sldMasterIdLst>')
    parts["ppt/_rels/presentation.xml.rels"] = parts["ppt/_rels/presentation.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/slideMaster" Target="slideMasters/slideMaster2.xml"/></Relationships>')
    overrides = [b'<Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="application/'
                 b'vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/>']
    overrides += [f'<Override PartName="/ppt/slideLayouts/slideLayout{n + offset}.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.presentationml.'
                  'slideLayout+xml"/>'.encode() for n in range(1, len(layouts) + 1)]
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b"".join(overrides) + b"</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return path


FIXTURES = {"widescreen.potx": widescreen_potx, "examples-4x3.pptx": four_three_with_examples,
            "german-two-masters.pptx": two_masters_german, "logo.pptx": logo_master}
