"""The slide preview: a large view of the current slide and a filmstrip of all of them.

Both draw the LaidOutDeck the exports are made from (slide_painter), so what you see is what
exports. Images are cached per slide (slides are frozen and hashable): after an edit only the
slides that actually changed are painted again, the large one at its on-screen size.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from briefer.gui.slide_painter import render_over, render_slide
from briefer.layout.model import LaidOutDeck, Slide, TextBox

THUMB_WIDTH = 136
CANVAS = QColor("#E4E7EC")
ACCENT = QColor("#2563EB")


class ImageCache:
    """Rendered slides by (slide, pixel width, device pixel ratio), least recently used out.

    Adding or removing a slide renumbers every slide ("4 of 12" becomes "4 of 13"), so a slide is
    also kept without its footer text: a renumbered slide is that image with its footer drawn
    over it, not painted again.
    """

    def __init__(self, limit: int = 160):
        self.limit = limit
        self._images: OrderedDict[tuple, QImage] = OrderedDict()
        self._bases: OrderedDict[tuple, QImage] = OrderedDict()
        self.renders = 0  # how many slides were actually painted (for tests and tuning)
        self.renumbered = 0  # how many were an earlier image (with a new number drawn on)

    def get(self, slide: Slide, page: tuple[float, float], pixel_width: int, dpr: float) -> QImage:
        key = (slide, page, pixel_width, dpr)
        image = self._images.get(key)
        if image is None:
            image = self._render(slide, page, pixel_width, dpr)
            self._keep(self._images, key, image)
        else:
            self._images.move_to_end(key)
        return image

    def _render(self, slide: Slide, page: tuple[float, float], pixel_width: int, dpr: float) -> QImage:
        numbers = tuple(e for e in slide.elements  # the footer fields, the number among them
                        if isinstance(e, TextBox) and e.role.startswith("footer-"))
        rest = tuple(e for e in slide.elements if not any(e is n for n in numbers)) \
            if numbers else slide.elements
        key = (rest, slide.background, page, pixel_width, dpr)
        base = self._bases.get(key)
        if base is None:
            self.renders += 1
            base = render_slide(replace(slide, elements=rest), page[0], page[1], pixel_width, dpr)
            self._keep(self._bases, key, base)
        else:
            self._bases.move_to_end(key)
            self.renumbered += 1
        return render_over(base, numbers, page[0]) if numbers else base

    def _keep(self, images: OrderedDict[tuple, QImage], key: tuple, image: QImage) -> None:
        images[key] = image
        if len(images) > self.limit:
            images.popitem(last=False)


class SlideView(QWidget):
    """The current slide, as large as the widget allows, on a grey canvas."""

    def __init__(self, cache: ImageCache, parent: QWidget | None = None):
        super().__init__(parent)
        self.cache = cache
        self.slide: Slide | None = None
        self.page = (960.0, 540.0)
        self.setMinimumSize(240, 135)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Slide preview")

    def set_slide(self, slide: Slide | None, page: tuple[float, float]) -> None:
        self.slide, self.page = slide, page
        if slide is not None and self.isVisible():
            self._image()  # paint now, so the preview is current when the caller says so
        self.update()

    def page_rect(self) -> QRect:
        margin = 18
        avail = self.rect().adjusted(margin, margin, -margin, -margin)
        ratio = self.page[1] / self.page[0]
        width = min(avail.width(), int(avail.height() / ratio))
        height = int(width * ratio)
        return QRect(avail.left() + (avail.width() - width) // 2,
                     avail.top() + (avail.height() - height) // 2, width, height)

    def _image(self) -> QImage | None:
        if self.slide is None:
            return None
        dpr = self.devicePixelRatioF()
        return self.cache.get(self.slide, self.page, max(1, round(self.page_rect().width() * dpr)), dpr)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), CANVAS)
        target = self.page_rect()
        image = self._image()
        if image is None:
            painter.setPen(QColor("#6B7280"))
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), "No slides")
            return
        for spread, alpha in ((6, 18), (3, 30), (1, 45)):
            painter.fillRect(target.adjusted(-spread + 2, -spread + 4, spread + 2, spread + 4),
                             QColor(15, 23, 42, alpha))
        painter.drawImage(target, image)


class FilmstripModel(QAbstractListModel):
    """One row per slide; the decoration is its thumbnail."""

    SLIDE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, cache: ImageCache, parent=None):
        super().__init__(parent)
        self.cache = cache
        self.slides: tuple[Slide, ...] = ()
        self.page = (960.0, 540.0)
        self.dpr = 1.0

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.slides)

    def thumbnail(self, row: int) -> QImage:
        return self.cache.get(self.slides[row], self.page, round(THUMB_WIDTH * self.dpr), self.dpr)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.slides):
            return None
        slide = self.slides[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return slide.number or "·"
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(index.row())
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{slide.number or 'Divider'} — {slide.title}"
        if role == self.SLIDE:
            return slide
        return None

    def set_slides(self, slides: tuple[Slide, ...], page: tuple[float, float], dpr: float,
                   eager: range | None = None) -> None:
        """Swap in the new slides; thumbnails of unchanged slides are reused from the cache.

        Thumbnails in *eager* (the visible ones) are painted now, the rest when scrolled to.
        """
        if len(slides) != len(self.slides) or page != self.page or dpr != self.dpr:
            self.beginResetModel()
            self.slides, self.page, self.dpr = slides, page, dpr
            self.endResetModel()
        else:
            changed = [i for i, (a, b) in enumerate(zip(self.slides, slides, strict=True)) if a != b]
            self.slides = slides
            for row in changed:
                self.dataChanged.emit(self.index(row), self.index(row))
        for row in eager if eager is not None else range(len(slides)):
            if 0 <= row < len(slides):
                self.thumbnail(row)  # render now: the strip is current when the caller says so


class FilmstripDelegate(QStyledItemDelegate):
    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        model = index.model()
        page = getattr(model, "page", (960.0, 540.0))
        height = round(THUMB_WIDTH * page[1] / page[0])
        return QSize(THUMB_WIDTH + 16, height + option.fontMetrics.height() + 16)

    def paint(self, painter: QPainter, option, index) -> None:
        image = index.data(Qt.ItemDataRole.DecorationRole)
        if not isinstance(image, QImage):
            return
        dpr = image.devicePixelRatio() or 1.0
        w, h = round(image.width() / dpr), round(image.height() / dpr)
        x = option.rect.left() + (option.rect.width() - w) // 2
        y = option.rect.top() + 6
        target = QRect(x, y, w, h)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focus = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.fillRect(target.adjusted(1, 2, 1, 2), QColor(15, 23, 42, 40))
        painter.drawImage(target, image)
        if selected:
            pen = QPen(ACCENT, 3 if focus else 2.5)
            painter.setPen(pen)
            painter.drawRect(QRectF(target).adjusted(-1.5, -1.5, 1.5, 1.5))
        else:
            painter.setPen(QPen(QColor("#CBD5E1"), 1))
            painter.drawRect(QRectF(target).adjusted(-0.5, -0.5, 0.5, 0.5))
        painter.setPen(ACCENT if selected else option.palette.color(option.palette.ColorRole.Text))
        label = QRect(option.rect.left(), target.bottom() + 4, option.rect.width(),
                      option.fontMetrics.height())
        painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter), str(index.data()))
        painter.restore()


class Filmstrip(QListView):
    """All slides in a row; arrow keys and clicks pick the one shown large."""

    def __init__(self, model: FilmstripModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(FilmstripDelegate(self))
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Slides")
        height = round(THUMB_WIDTH * 9 / 16) + self.fontMetrics().height() + 16
        self.setFixedHeight(height + self.horizontalScrollBar().sizeHint().height() + 6)


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when it is too narrow; the tooltip has the full text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.full_text = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, width)
        if shown != self.text():
            super().setText(shown)
        self.setToolTip(self.full_text if shown != self.full_text else "")
        self.setAccessibleName(self.full_text)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()  # the style sheet's bold font arrives after construction


class ClassificationBadge(QLabel):
    """The deck's overall marking in its banner colours."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName("Classification")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # never squeezed
        self.marking = ""
        self.set_marking("", ("#E5E7EB", "#374151"))

    def set_marking(self, marking: str, colors: tuple[str, str]) -> None:
        self.marking = marking
        fill, ink = colors
        self.setText(marking or "NO MARKING")
        self.setToolTip(f"Overall classification of the deck: {marking or 'none set'}")
        self.setStyleSheet(
            f"QLabel {{ background: {fill}; color: {ink}; border-radius: 4px; padding: 3px 10px;"
            f" font-weight: bold; letter-spacing: 0.5px; }}")


class PreviewPane(QWidget):
    """Header (slide title, marking), the large slide and the filmstrip."""

    current_changed = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cache = ImageCache(limit=240)  # thumbnails: small, many
        self.view_cache = ImageCache(limit=6)  # the large view: big, few
        self.laid: LaidOutDeck | None = None
        self.drawn: tuple[Slide, ...] = ()
        self.model = FilmstripModel(self.cache, self)
        self.view = SlideView(self.view_cache, self)
        self.strip = Filmstrip(self.model, self)
        self.caption = ElidedLabel()
        self.caption.setObjectName("panelTitle")
        self.badge = ClassificationBadge(self)
        head = QHBoxLayout()
        head.setContentsMargins(12, 8, 12, 4)
        head.setSpacing(12)
        head.addWidget(self.caption, 1)
        head.addWidget(self.badge)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setObjectName("hairline")
        layout.addWidget(rule)
        layout.addWidget(self.strip)
        self.strip.selectionModel().currentChanged.connect(self._strip_current)
        self._current = -1

    @property
    def current(self) -> int:
        return self._current

    def _visible_rows(self, current: int) -> range:
        """The filmstrip rows on screen, or around *current* before the strip is laid out."""
        strip = self.strip
        width = max(strip.viewport().width(), 1)
        first = strip.indexAt(strip.viewport().rect().topLeft() + QPoint(2, 2)).row()
        per_view = width // (THUMB_WIDTH + 16) + 2
        start = first if first >= 0 else max(0, current - per_view // 2)
        return range(max(0, min(start, current) - 2), max(start, current) + per_view + 2)

    def set_deck(self, laid: LaidOutDeck, current: int) -> None:
        self.laid = laid
        self.drawn = laid.drawn()  # furniture folded in: the painter draws one slide at a time
        self.model.set_slides(self.drawn, (laid.width, laid.height), self.devicePixelRatioF(),
                              self._visible_rows(current))
        self._current = -1
        self.show_slide(current)

    def show_slide(self, row: int) -> None:
        if self.laid is None:
            return
        count = len(self.laid.slides)
        row = max(0, min(row, count - 1)) if count else -1
        changed = row != self._current
        self._current = row
        slide = self.drawn[row] if row >= 0 else None
        self.view.set_slide(slide, (self.laid.width, self.laid.height))
        if slide is None:
            self.caption.set_full_text("No slides")
        else:
            where = f"Slide {slide.number}" if slide.number else "Divider"
            if slide.number.startswith("B-"):
                where = f"Backup slide {slide.number}"
            self.caption.set_full_text(f"{where}  ·  {slide.title}" if slide.title else where)
        if row >= 0 and self.strip.currentIndex().row() != row:
            self.strip.setCurrentIndex(self.model.index(row))
        if row >= 0:
            self.strip.scrollTo(self.model.index(row))
        if changed:
            self.current_changed.emit(row)

    def _strip_current(self, index: QModelIndex, _previous: QModelIndex) -> None:
        if index.isValid() and index.row() != self._current:
            self.show_slide(index.row())
