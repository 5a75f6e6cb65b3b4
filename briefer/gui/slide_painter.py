"""Draw a laid-out Slide with QPainter through the same walk (render/draw.py) as the PDF.

Text uses QRawFont loaded from the very TrueType file the layout measured and the PDF embeds
(never a same-named system font), and every glyph is placed at the advance the layout used
(no kerning, no hinting), so the preview breaks and positions text exactly as the exports do.
Coordinates are points, origin top left; the painter is scaled so one unit is one point.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGlyphRun,
    QImage,
    QPainter,
    QPen,
    QRawFont,
)

from briefer.layout.measure import metrics
from briefer.layout.model import Font, Slide
from briefer.render.draw import Run, draw_elements, draw_page


@lru_cache(maxsize=64)
def _font_data(path: Path) -> bytes:
    return Path(path).read_bytes()


@lru_cache(maxsize=256)
def raw_font(path: Path, size: float) -> QRawFont:
    """The TrueType file at *path* as a QRawFont of *size* units (points, on a scaled painter)."""
    return QRawFont(_font_data(path), size, QFont.HintingPreference.PreferNoHinting)


@lru_cache(maxsize=64)
def _glyph_table(path: Path) -> tuple[QRawFont, dict[str, int]]:
    return raw_font(path, 12.0), {}


def _glyph_index(path: Path, char: str) -> int:
    font, table = _glyph_table(path)
    index = table.get(char)
    if index is None:
        found = font.glyphIndexesForString(char)
        index = table[char] = found[0] if len(found) == 1 else 0
    return index


@lru_cache(maxsize=32)
def _image(png: bytes) -> QImage:
    image = QImage()
    image.loadFromData(png, "PNG")
    return image


def _color(value: str) -> QColor:
    return QColor(value)


def _pen(painter: QPainter, color: str, width: float) -> QPen:
    """A pen at least one device pixel wide, as PDF viewers draw hairlines."""
    scale = abs(painter.worldTransform().m11()) * painter.device().devicePixelRatioF() or 1.0
    pen = QPen(_color(color), max(width, 1.0 / scale))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


class QtCanvas:
    """The draw.Canvas protocol on a QPainter (coordinates already in points, top left)."""

    def __init__(self, painter: QPainter):
        self._painter = painter

    def push(self, x: float, y: float, scale: float, height: float) -> None:
        self._painter.save()
        self._painter.translate(x, y)
        self._painter.scale(scale, scale)

    def pop(self) -> None:
        self._painter.restore()

    def rect(self, x: float, y: float, w: float, h: float, fill: str | None, line: str | None,
             line_width: float, shape: str) -> None:
        painter = self._painter
        box = QRectF(x, y, w, h)
        stroke = line is not None and line_width > 0
        if shape == "rect" and fill is not None and not stroke:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # no seams between cells
            painter.fillRect(box, _color(fill))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            return
        painter.setBrush(QBrush(_color(fill)) if fill is not None else Qt.BrushStyle.NoBrush)
        painter.setPen(_pen(painter, line, line_width) if stroke and line else Qt.PenStyle.NoPen)
        if shape == "ellipse":
            painter.drawEllipse(box)
        elif shape == "rounded":
            radius = min(w, h) * 0.08
            painter.drawRoundedRect(box, radius, radius)
        else:
            painter.drawRect(box)

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str, width: float) -> None:
        self._painter.setPen(_pen(self._painter, color, width))
        self._painter.drawLine(QPointF(x1, y1), QPointF(x2, y2))

    def text(self, font: Font, size: float, color: str, runs: Sequence[Run]) -> None:
        for x, baseline, chars in runs:
            _run(self._painter, font.file, size, chars, x, baseline, color)

    def picture(self, x: float, y: float, w: float, h: float, png: bytes, description: str) -> None:
        self._painter.drawImage(QRectF(x, y, w, h), _image(png))

    def link(self, url: str, x: float, y: float, w: float, h: float) -> None:
        """Links are not followed in the preview."""


def draw_slide(painter: QPainter, slide: Slide, width: float, height: float) -> None:
    """Draw *slide* (page *width* × *height* points) into the painter's current coordinates."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    draw_page(QtCanvas(painter), slide.background, slide.elements, width, height)
    painter.restore()


def render_slide(slide: Slide, page_width: float, page_height: float, pixel_width: int,
                 device_pixel_ratio: float = 1.0) -> QImage:
    """The slide as an image *pixel_width* device pixels wide (height follows the page)."""
    pixel_height = max(1, round(pixel_width * page_height / page_width))
    image = QImage(max(1, pixel_width), pixel_height, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(device_pixel_ratio)
    image.fill(_color(slide.background))
    painter = QPainter(image)
    scale = pixel_width / page_width / device_pixel_ratio
    painter.scale(scale, scale)
    draw_slide(painter, slide, page_width, page_height)
    painter.end()
    return image


def render_over(base: QImage, elements: Sequence[object], page_width: float) -> QImage:
    """A copy of *base* (a slide rendered by render_slide) with *elements* drawn on top: a
    renumbered slide is its old image plus its new number."""
    image = base.copy()
    painter = QPainter(image)
    scale = image.width() / page_width / (image.devicePixelRatio() or 1.0)
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    draw_elements(QtCanvas(painter), elements)
    painter.end()
    return image


def _run(painter: QPainter, path: Path, size: float, text: str, x: float, baseline: float,
         color: str) -> None:
    """Draw *text* with its glyphs at the layout's unkerned advances from (x, baseline)."""
    font_metrics = metrics(path)
    indexes: list[int] = []
    positions: list[QPointF] = []
    cursor = x
    for char in text:
        if char != " ":
            indexes.append(_glyph_index(path, char))
            positions.append(QPointF(cursor, baseline))
        cursor += font_metrics.char_width(char) * size
    if not indexes:
        return
    run = QGlyphRun()
    run.setRawFont(raw_font(path, size))
    run.setGlyphIndexes(indexes)
    run.setPositions(positions)
    painter.setPen(_color(color))
    painter.drawGlyphRun(QPointF(0, 0), run)
