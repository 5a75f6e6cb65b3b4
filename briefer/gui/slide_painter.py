"""Draw a laid-out Slide with QPainter, element for element as briefer.render.pdf does.

Text uses QRawFont loaded from the very TrueType file the layout measured and the PDF embeds
(never a same-named system font), and every glyph is placed at the advance the layout used
(no kerning, no hinting), so the preview breaks and positions text exactly as the exports do.
Coordinates are points, origin top left; the painter is scaled so one unit is one point.
"""

from __future__ import annotations

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
from briefer.layout.model import Paragraph, Picture, Rect, Rule, Slide, Table, TextBox


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


def draw_slide(painter: QPainter, slide: Slide, width: float, height: float) -> None:
    """Draw *slide* (page *width* × *height* points) into the painter's current coordinates."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.fillRect(QRectF(0, 0, width, height), _color(slide.background))
    for element in slide.elements:
        if isinstance(element, TextBox):
            _text(painter, element)
        elif isinstance(element, Rect):
            _rect(painter, element)
        elif isinstance(element, Rule):
            painter.setPen(_pen(painter, element.color, element.width))
            painter.drawLine(QPointF(element.x1, element.y1), QPointF(element.x2, element.y2))
        elif isinstance(element, Picture):
            painter.drawImage(QRectF(element.x, element.y, element.w, element.h), _image(element.png))
        elif isinstance(element, Table):
            _table(painter, element)
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


def _rect(painter: QPainter, rect: Rect) -> None:
    fill = rect.fill is not None
    stroke = rect.line is not None and rect.line_width > 0
    painter.setBrush(QBrush(_color(rect.fill)) if fill else Qt.BrushStyle.NoBrush)
    if stroke:
        painter.setPen(_pen(painter, rect.line, rect.line_width))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
    box = QRectF(rect.x, rect.y, rect.w, rect.h)
    if rect.shape == "ellipse":
        painter.drawEllipse(box)
    elif rect.shape == "rounded":
        radius = min(rect.w, rect.h) * 0.08
        painter.drawRoundedRect(box, radius, radius)
    else:
        painter.drawRect(box)


def _run(painter: QPainter, paragraph: Paragraph, text: str, x: float, baseline: float,
         color: str) -> None:
    """Draw *text* with its glyphs at the layout's unkerned advances from (x, baseline)."""
    path = paragraph.font.file
    size = paragraph.size
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


def _text(painter: QPainter, box: TextBox) -> None:
    for paragraph in box.paragraphs:
        if paragraph.bullet and paragraph.lines:
            first = paragraph.lines[0]
            _run(painter, paragraph, paragraph.bullet, box.x + paragraph.bullet_x, first.baseline,
                 paragraph.bullet_color or paragraph.color)
        for line in paragraph.lines:
            if line.text:
                _run(painter, paragraph, line.text, line.x, line.baseline, paragraph.color)


def _table(painter: QPainter, table: Table) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # no seams between cells
    y = table.y
    for row, row_h in zip(table.cells, table.row_heights, strict=True):
        x = table.x
        for cell, col_w in zip(row, table.col_widths, strict=True):
            if cell.fill:
                painter.fillRect(QRectF(x, y, col_w, row_h), _color(cell.fill))
            x += col_w
        y += row_h
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(_pen(painter, table.border, 0.5))
    y = table.y
    for row_h in (0.0, *table.row_heights):
        y += row_h
        painter.drawLine(QPointF(table.x, y), QPointF(table.x + table.w, y))
    for row in table.cells:
        for cell in row:
            _text(painter, cell.box)
