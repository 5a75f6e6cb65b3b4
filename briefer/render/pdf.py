"""PDF renderer (reportlab): one page per slide, fonts embedded, one bookmark per section.

Text is drawn line by line exactly where the layout put it; strings go to the canvas as text,
never as markup, so `R&D < 5%` prints as typed.
"""

from __future__ import annotations

import io
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from briefer.errors import RenderError
from briefer.layout.model import Font, LaidOutDeck, Picture, Rect, Rule, Slide, Table, TextBox

# Binary (Flate only) streams: ASCII85 on top makes them 25 % bigger and costs time. Set once for
# the process (briefer is reportlab's only user here), not per render: exports may run in threads.
rl_config.useA85 = 0

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
        pdfmetrics.registerFont(TTFont(key, path))
        _registered[path] = key
    return key


def render(deck: LaidOutDeck, out: BinaryIO) -> None:
    buffer = io.BytesIO()
    # the initial font is one of ours, so no unembedded Helvetica is referenced on any page
    initial = _font_key(deck.fonts[-1])
    canvas = Canvas(buffer, pagesize=(deck.width, deck.height), invariant=True, pageCompression=1,
                    initialFontName=initial, initialFontSize=12)
    canvas.setTitle(deck.info.title)
    canvas.setAuthor(deck.info.author)
    canvas.setSubject(deck.info.subject)
    canvas.setKeywords(deck.info.keywords)
    canvas.setCreator("briefer")
    canvas._briefer_forms = {}  # type: ignore[attr-defined]
    for index, slide in enumerate(deck.slides):
        _draw_slide(canvas, deck, slide)
        if slide.bookmark:
            key = f"s{index}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(slide.bookmark, key, level=0)
        canvas.showPage()
    canvas.showOutline()
    canvas.save()
    out.write(buffer.getvalue())


def _draw_slide(canvas: Canvas, deck: LaidOutDeck, slide: Slide) -> None:
    """The page: background, then master, layout and slide elements as LaidOutDeck.page lists."""
    height = deck.height
    canvas.setFillColor(_color(slide.background))
    canvas.rect(0, 0, canvas._pagesize[0], height, stroke=0, fill=1)
    for element in deck.page(slide):
        if isinstance(element, TextBox):
            _text(canvas, element, height)
        elif isinstance(element, Rect):
            _rect(canvas, element, height)
        elif isinstance(element, Rule):
            canvas.setStrokeColor(_color(element.color))
            canvas.setLineWidth(element.width)
            canvas.line(element.x1, height - element.y1, element.x2, height - element.y2)
        elif isinstance(element, Picture):
            _picture(canvas, element, height)
        elif isinstance(element, Table):
            _table(canvas, element, height)


def _rect(canvas: Canvas, rect: Rect, height: float) -> None:
    fill = rect.fill is not None
    stroke = rect.line is not None and rect.line_width > 0
    if fill:
        canvas.setFillColor(_color(rect.fill))
    if stroke:
        canvas.setStrokeColor(_color(rect.line))
        canvas.setLineWidth(rect.line_width)
    y = height - rect.y - rect.h
    if rect.shape == "ellipse":
        canvas.ellipse(rect.x, y, rect.x + rect.w, y + rect.h, stroke=int(stroke), fill=int(fill))
    elif rect.shape == "rounded":
        radius = min(rect.w, rect.h) * 0.08
        canvas.roundRect(rect.x, y, rect.w, rect.h, radius, stroke=int(stroke), fill=int(fill))
    else:
        canvas.rect(rect.x, y, rect.w, rect.h, stroke=int(stroke), fill=int(fill))


def _picture(canvas: Canvas, picture: Picture, height: float) -> None:
    """Each distinct image is one form, drawn by reference: encoded and hashed once per file."""
    forms = canvas._briefer_forms  # type: ignore[attr-defined]
    name = forms.get(picture.png)
    if name is None:
        name = forms[picture.png] = f"briefer-image-{len(forms)}"
        canvas.beginForm(name, -1, -1, 2, 2)  # a bounding box wider than the image: no clip edge
        canvas.drawImage(_image(picture.png), 0, 0, 1, 1, mask="auto")
        canvas.endForm()
    canvas.saveState()
    canvas.transform(picture.w, 0, 0, picture.h, picture.x, height - picture.y - picture.h)
    canvas.doForm(name)
    canvas.restoreState()


def _text(canvas: Canvas, box: TextBox, height: float) -> None:
    """One text object per box; each line placed absolutely (no width measuring, no shaping)."""
    text = canvas.beginText()
    drawn = False
    for paragraph in box.paragraphs:
        if not paragraph.lines:
            continue
        text.setFont(_font_key(paragraph.font), paragraph.size)
        if paragraph.bullet:
            text.setFillColor(_color(paragraph.bullet_color or paragraph.color))
            text.setTextOrigin(box.x + paragraph.bullet_x, height - paragraph.lines[0].baseline)
            text.textLine(paragraph.bullet)
        text.setFillColor(_color(paragraph.color))
        for line in paragraph.lines:
            if line.text:
                text.setTextOrigin(line.x, height - line.baseline)
                text.textLine(line.text)
        drawn = True
    if drawn:
        canvas.drawText(text)
    for paragraph in box.paragraphs:
        if paragraph.link:
            for line in paragraph.lines:
                top = height - line.baseline + paragraph.size * 0.8
                canvas.linkURL(paragraph.link, (line.x, height - line.baseline - paragraph.size * 0.25,
                                                line.x + line.width, top), relative=0)


def _table(canvas: Canvas, table: Table, height: float) -> None:
    y = table.y
    for row, row_h in zip(table.cells, table.row_heights, strict=True):
        x = table.x
        for cell, col_w in zip(row, table.col_widths, strict=True):
            if cell.fill:
                canvas.setFillColor(_color(cell.fill))
                canvas.rect(x, height - y - row_h, col_w, row_h, stroke=0, fill=1)
            x += col_w
        y += row_h
    canvas.setStrokeColor(_color(table.border))
    canvas.setLineWidth(0.5)
    y = table.y
    for row_h in (0.0, *table.row_heights):
        y += row_h
        canvas.line(table.x, height - y, table.x + table.w, height - y)
    for row in table.cells:
        for cell in row:
            _text(canvas, cell.box, height)
