"""PDF renderer (reportlab): one page per slide, fonts embedded, bookmarks for every slide
under its section, page labels as the slides are numbered, XMP metadata, /Lang.

`PdfCanvas` is the draw.Canvas on reportlab; notes pages and handouts (render/paper.py) draw
through it too, so reportlab stays in this module.

Text is drawn line by line exactly where the layout put it; strings go to the canvas as text,
never as markup, so `R&D < 5%` prints as typed.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO
from weakref import WeakKeyDictionary

from briefer.errors import RenderError
from briefer.layout.measure import HARFBUZZ_LOCK
from briefer.layout.model import DocumentInfo, Font, LaidOutDeck
from briefer.render.draw import Run, draw_slide
from briefer.render.stamp import build_seconds


@contextlib.contextmanager
def _without_harfbuzz() -> Iterator[None]:
    """reportlab imports HarfBuzz for shaping of its own, which briefer never asks of it (the
    layout shapes; the PDF draws glyphs where the layout put them). Unless HarfBuzz is loaded
    already, reportlab is imported with it kept out (a None in sys.modules, under the lock that
    layout.measure imports it under), which spares a PDF build of text shaped before (the
    cache keeps it) 15 ms of loading a library it would not use. The PDF is the same either
    way (tests/test_cache.py builds one both ways and compares the bytes)."""
    with HARFBUZZ_LOCK:
        keep_out = "uharfbuzz" not in sys.modules
        if keep_out:
            sys.modules["uharfbuzz"] = None  # type: ignore[assignment]
        try:
            yield
        finally:
            if keep_out and sys.modules.get("uharfbuzz", "") is None:
                del sys.modules["uharfbuzz"]


with _without_harfbuzz():
    from reportlab import rl_config
    from reportlab.lib.colors import Color, HexColor
    from reportlab.lib.rl_accel import fp_str
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas


# Binary (Flate only) streams: ASCII85 on top makes them 25 % bigger and costs time. Set once for
# the process (briefer is reportlab's only user here), not per render: exports may run in threads.
rl_config.useA85 = 0

PRODUCER = "briefer (ReportLab)"
_registered: dict[str, str] = {}
_colors: dict[str, Color] = {}
_images: dict[bytes, ImageReader] = {}  # decoded once per process: the logo is on every slide


def _color(hex_color: str) -> Color:
    color = _colors.get(hex_color)
    if color is None:
        color = _colors[hex_color] = HexColor(hex_color)
    return color


def _image(png: bytes) -> ImageReader:
    image = _images.get(png)
    if image is None:
        if len(_images) > 16:
            _images.clear()
        import zlib

        from PIL import Image
        from PIL import __version__ as pillow

        from briefer.cache import cached

        # decoding needs Pillow's PNG plugin and its imports (~8 ms a process): the pixels are
        # kept in briefer's cache, keyed by the image's own bytes
        kind = f"pixels-{zlib.crc32(png):08x}{zlib.adler32(png):08x}{len(png):x}-{pillow}"
        mode, size, data, transparency = cached(kind, [], lambda: _decode(png))
        decoded = Image.frombytes(mode, size, data)
        if transparency is not None:
            decoded.info["transparency"] = transparency
        image = _images[png] = ImageReader(decoded)
    return image


def _decode(png: bytes) -> tuple[str, tuple[int, int], bytes, object]:
    """The pixels in a mode ImageReader takes as it is (it converts others the same way)."""
    from PIL import Image

    if not png.startswith(b"\x89PNG\r\n\x1a\n"):  # layout hands over PNG only (images.to_png)
        raise RenderError("a picture in the deck is not PNG data")
    from PIL.PngImagePlugin import PngImageFile  # only the PNG decoder, never Image.open's guess

    image: Image.Image = PngImageFile(io.BytesIO(png))
    image.load()
    if image.mode not in ("L", "RGB", "CMYK", "LA", "RGBA"):
        keyed = image.format == "PNG" and image.mode == "P" and "transparency" in image.info
        image = image.convert("RGBA" if keyed else "RGB")
    return image.mode, image.size, image.tobytes(), image.info.get("transparency")


def _font_key(font: Font) -> str:
    path = str(font.file)
    key = _registered.get(path)
    if key is None:
        key = f"briefer-{font.file.stem}"
        pdfmetrics.registerFont(_ttfont(key, font.file))
        _registered[path] = key
    return key


def _ttfont(name: str, path: Path) -> TTFont:
    """reportlab's TTFont for *path*. reportlab reads a font's tables in Python, 4-5 ms a font
    in every process, so the fonts it read are kept in briefer's cache (keyed by the font file
    and by reportlab's own ttfonts module) and put together again as reportlab left them."""
    from briefer.cache import cached

    fields, face_fields = cached("pdf-font", [path, Path(ttfonts.__file__)],
                                 lambda: _ttfont_fields(name, path))
    if fields.get("fontName") != name:
        return TTFont(name, str(path))
    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    face.__dict__.update(face_fields)
    units = face.unitsPerEm  # the one field not kept: reportlab's scale, a function of this
    scale = 1000 / units
    face._pdfScale = (lambda x: x) if units == 1000 else (lambda x: x * scale)
    font = TTFont.__new__(TTFont)
    font.__dict__.update(fields, face=face, state=WeakKeyDictionary())  # no document has it yet
    return font


def _ttfont_fields(name: str, path: Path) -> tuple[dict, dict]:
    """A freshly read TTFont's fields and its face's, without what cannot be kept: the face's
    scale function and the font's per-document state (empty)."""
    font = TTFont(name, str(path))
    fields = dict(font.__dict__)
    face_fields = dict(fields.pop("face").__dict__)
    fields.pop("state", None)
    face_fields.pop("_pdfScale", None)
    return fields, face_fields


class PdfCanvas:
    """The draw.Canvas protocol on a reportlab canvas, plus pages, bookmarks and metadata.

    Coordinates come in with the origin at the top left; each frame remembers its height to
    flip them, so a slide can be pushed into any box of a bigger page at any scale.
    """

    def __init__(self, fonts: tuple[Font, ...], info: DocumentInfo, lang: str):
        self._buffer = io.BytesIO()
        # the initial font is one of ours, so no unembedded Helvetica is referenced on any page
        initial = _font_key(fonts[-1])
        self._canvas = canvas = Canvas(self._buffer, invariant=True, pageCompression=1,
                                       initialFontName=initial, initialFontSize=12, lang=lang)
        canvas.setTitle(info.title)
        canvas.setAuthor(info.author)
        canvas.setSubject(info.subject)
        canvas.setKeywords(info.keywords)
        canvas.setCreator("briefer")
        canvas.setProducer(PRODUCER)
        # invariant mode keeps the file a function of its content; the dates are the build's
        # (SOURCE_DATE_EPOCH when set), not reportlab's invariant 2000-01-01
        self._when = build_seconds()
        canvas._doc._timeStamp = _Stamp(self._when)
        canvas._doc.Catalog.Metadata = _xmp(info, lang, self._when)
        self._forms: dict[bytes, str] = {}
        self._height = 0.0
        self._frames: list[float] = []
        self._pages = 0
        self._outline_levels: list[int] = []

    def page(self, width: float, height: float) -> None:
        """Start a page (the one before it is finished)."""
        if self._pages:
            self._canvas.showPage()
        self._canvas.setPageSize((width, height))
        self._height = height
        self._pages += 1

    def bookmark(self, title: str, level: int = 0) -> None:
        """An outline entry for the current page; levels nest under the one before."""
        key = f"p{self._pages}-{len(self._outline_levels)}"
        self._canvas.bookmarkPage(key)
        top = (self._outline_levels[-1] + 1) if self._outline_levels else 0
        level = min(level, top)
        self._canvas.addOutlineEntry(title, key, level=level)
        self._outline_levels.append(level)

    def label(self, prefix: str, start: int | None) -> None:
        """Page labels from the current page on: prefix and arabic numbers from *start*, or
        the prefix alone (a divider's title)."""
        self._canvas.addPageLabel(self._pages - 1, "D" if start is not None else None,
                                  start, prefix or None)

    def finish(self, out: BinaryIO) -> None:
        if self._pages:
            self._canvas.showPage()
        if self._outline_levels:
            self._canvas.showOutline()
        self._canvas.save()
        out.write(self._buffer.getvalue())

    # draw.Canvas

    def push(self, x: float, y: float, scale: float, height: float) -> None:
        self._canvas.saveState()
        self._canvas.transform(scale, 0, 0, scale, x, self._height - y - scale * height)
        self._frames.append(self._height)
        self._height = height

    def pop(self) -> None:
        self._canvas.restoreState()
        self._height = self._frames.pop()

    def rect(self, x: float, y: float, w: float, h: float, fill: str | None, line: str | None,
             line_width: float, shape: str) -> None:
        canvas = self._canvas
        filled = fill is not None
        stroke = line is not None and line_width > 0
        if filled:
            canvas.setFillColor(_color(fill))
        if stroke:
            canvas.setStrokeColor(_color(line))
            canvas.setLineWidth(line_width)
        bottom = self._height - y - h
        if shape == "ellipse":
            canvas.ellipse(x, bottom, x + w, bottom + h, stroke=int(stroke), fill=int(filled))
        elif shape == "rounded":
            radius = min(w, h) * 0.08
            canvas.roundRect(x, bottom, w, h, radius, stroke=int(stroke), fill=int(filled))
        else:
            canvas.rect(x, bottom, w, h, stroke=int(stroke), fill=int(filled))

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str, width: float) -> None:
        self._canvas.setStrokeColor(_color(color))
        self._canvas.setLineWidth(width)
        self._canvas.line(x1, self._height - y1, x2, self._height - y2)

    def text(self, font: Font, size: float, color: str, runs: Sequence[Run]) -> None:
        """One text object per call; each run placed absolutely (no width measuring, no shaping)."""
        key = _font_key(font)
        text = self._canvas.beginText()
        text.setFont(key, size)
        text.setFillColor(_color(color))
        line: list[Run] = []
        for run in runs:  # pieces of one line (draw.shaped cut them at kerned pairs) go in one TJ
            if line and run[1] != line[-1][1]:
                self._line(text, key, size, line)
                line = []
            line.append(run)
        if line:
            self._line(text, key, size, line)
        self._canvas.drawText(text)

    def _line(self, text, key: str, size: float, pieces: list[Run]) -> None:
        """Pieces on one baseline as TJ arrays: the gaps shaping made (kerning, ligatures) are
        TJ adjustments, so viewers and extractors see one run of text, not scattered pieces."""
        font = pdfmetrics.getFont(key)
        doc = self._canvas._doc
        escape = self._canvas._escape
        text.setTextOrigin(pieces[0][0], self._height - pieces[0][1])
        ops: list[str] = []
        array: list[str] = []
        subset = None
        end = None
        for x, _, chars in pieces:
            if end is not None and abs(x - end) > 1e-4:
                array.append(fp_str(-(x - end) * 1000 / size))
            for part, data in font.splitString(chars, doc):
                if part != subset:
                    if array:
                        ops.append(f"[{' '.join(array)}] TJ")
                        array = []
                    ops.append(f"{font.getSubsetInternalName(part, doc)} {fp_str(size)} Tf")
                    subset = part
                array.append(f"({escape(data)})")
            end = x + pdfmetrics.stringWidth(chars, key, size)
        if array:
            ops.append(f"[{' '.join(array)}] TJ")
        text._code.extend(ops)
        text._curSubset = subset

    def picture(self, x: float, y: float, w: float, h: float, png: bytes, description: str) -> None:
        """Each distinct image is one form, drawn by reference: encoded and hashed once per file."""
        canvas = self._canvas
        name = self._forms.get(png)
        if name is None:
            name = self._forms[png] = f"briefer-image-{len(self._forms)}"
            canvas.beginForm(name, -1, -1, 2, 2)  # a bounding box wider than the image: no clip edge
            canvas.drawImage(_image(png), 0, 0, 1, 1, mask="auto")
            canvas.endForm()
        canvas.saveState()
        canvas.transform(w, 0, 0, h, x, self._height - y - h)
        canvas.doForm(name)
        canvas.restoreState()

    def link(self, url: str, x: float, y: float, w: float, h: float) -> None:
        self._canvas.linkURL(url, (x, self._height - y - h, x + w, self._height - y), relative=1)


class _Stamp:
    """What reportlab's document reads its /CreationDate and /ModDate from, in UTC."""

    def __init__(self, seconds: float):
        self.t = seconds
        self.YMDhms = tuple(time.gmtime(seconds))[:6]
        self.dhh = self.dmm = 0


def _xmp(info: DocumentInfo, lang: str, seconds: float) -> PDFStream:
    """The XMP packet (title, author, subject, keywords, dates, language), uncompressed so
    indexers that do not inflate streams still read it."""
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
    lang_attr = _xml_escape(lang).replace('"', "&quot;")

    def alt(tag: str, value: str) -> str:
        return (f'<{tag}><rdf:Alt><rdf:li xml:lang="x-default">{_xml_escape(value)}</rdf:li>'
                f"</rdf:Alt></{tag}>") if value else ""

    keywords = [k.strip() for k in info.keywords.split(",") if k.strip()]
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        "<dc:format>application/pdf</dc:format>"
        + alt("dc:title", info.title)
        + (f"<dc:creator><rdf:Seq><rdf:li>{_xml_escape(info.author)}</rdf:li></rdf:Seq></dc:creator>"
           if info.author else "")
        + alt("dc:description", info.subject)
        + ("<dc:subject><rdf:Bag>" + "".join(f"<rdf:li>{_xml_escape(k)}</rdf:li>" for k in keywords)
           + "</rdf:Bag></dc:subject>" if keywords else "")
        + f'<dc:language><rdf:Bag><rdf:li>{lang_attr}</rdf:li></rdf:Bag></dc:language>'
        + (f"<pdf:Keywords>{_xml_escape(info.keywords)}</pdf:Keywords>" if info.keywords else "")
        + f"<pdf:Producer>{PRODUCER}</pdf:Producer>"
        f"<xmp:CreatorTool>briefer</xmp:CreatorTool><xmp:CreateDate>{when}</xmp:CreateDate>"
        f"<xmp:ModifyDate>{when}</xmp:ModifyDate><xmp:MetadataDate>{when}</xmp:MetadataDate>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    return PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                     packet.encode("utf-8"), filters=[])


def _xml_escape(text: str) -> str:
    """XML character data (`xml.sax.saxutils.escape`, whose import pulls in urllib.request,
    http.client and email: 18 ms of a 130 ms build)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def render(deck: LaidOutDeck, out: BinaryIO) -> None:
    """One page per slide; a bookmark for every slide, grouped under its section (backup under
    its divider); page labels that read as the slides are numbered."""
    pdf = PdfCanvas(deck.fonts, deck.info, deck.lang)
    marks: dict[int, list[tuple[str, int]]] = {}
    for index, title, level in deck.outline():
        marks.setdefault(index, []).append((title, level))
    labels = {index: (prefix, start) for index, prefix, start in deck.page_labels()}
    for i, slide in enumerate(deck.slides):
        pdf.page(deck.width, deck.height)
        draw_slide(pdf, deck, slide)
        if i in labels:
            pdf.label(*labels[i])
        for title, level in marks.get(i, ()):
            pdf.bookmark(title, level)
    pdf.finish(out)
