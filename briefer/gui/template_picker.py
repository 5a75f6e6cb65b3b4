"""The template picker: each template shown by its title slide, drawn with this deck's text.

Thumbnails come from the same layout and painter as the preview, but only the title slide is
laid out (a copy of the deck with every section and standard slide off). They are redrawn
after a pause in typing, and only when something on the title slide can have changed.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from briefer.deck.edits import SetTemplate
from briefer.deck.model import Deck
from briefer.errors import BrieferError
from briefer.gui import labels
from briefer.gui.background import BackgroundOp
from briefer.gui.document import DeckDocument
from briefer.gui.slide_painter import render_slide
from briefer.layout import layout
from briefer.markings import highest
from briefer.templates import Template, load_template, template_entries

log = logging.getLogger(__name__)

MASTER_SUFFIXES = (".potx", ".pptx")
THUMB_W = 172
THUMB_DELAY_MS = 300
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 2
IMAGE_ROLE = Qt.ItemDataRole.UserRole + 3
BROKEN_ROLE = Qt.ItemDataRole.UserRole + 4  # a template that cannot be loaded: drawn greyed
DETAILS_ROLE = Qt.ItemDataRole.UserRole + 5  # an added master's check lines, for the tooltip


# every standard slide but the title off: the thumbnail deck is one slide long
_TITLE_ONLY = {"title": True, "agenda": False, "sources": False, "summary": False,
               "closing": False, "backup": False}


def title_deck(deck: Deck, template: Template) -> Deck:
    """*deck* cut down to its title slide on *template*: every section and standard slide off.

    The banner still shows the highest marking of the sections the deck includes: it is
    carried over as the copy's own classification.
    """
    marking, _ = highest([deck.meta.classification,
                          *(deck.section(s).classification or "" for s in deck.selected_ids)],
                         template.marking)
    return replace(
        deck,
        entries=tuple((sid, False) for sid, _ in deck.entries),
        options=MappingProxyType({**deck.options, **_TITLE_ONLY}),
        meta=replace(deck.meta, classification=marking),
    )


def title_thumbnail(deck: Deck, name: str, pixel_width: int, dpr: float) -> QImage | str:
    """The title slide of *deck* laid out on template *name*, or a one-line reason why not."""
    try:
        template = load_template(name)
        laid, _ = layout(title_deck(deck, template), template)
        if not laid.slides:
            return "no title slide"
        return render_slide(laid.drawn()[0], laid.width, laid.height, pixel_width, dpr)
    except BrieferError as exc:
        return str(exc)
    except Exception as exc:  # a bug in one template's layout must not break the picker
        log.exception("cannot draw the thumbnail of template %s", name)
        return f"unexpected {type(exc).__name__}: {exc}"


def thumbnail_key(deck: Deck) -> tuple:
    """What the title-slide thumbnails depend on: the title-page fields and the markings."""
    return (deck.meta, frozenset(deck.section(s).classification or "" for s in deck.selected_ids))


class TemplateDelegate(QStyledItemDelegate):
    """Thumbnail at the left; name and description beside it."""

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        return QSize(THUMB_W * 2, round(THUMB_W * 9 / 16) + 16)

    def paint(self, painter: QPainter, option, index) -> None:
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                option.widget)
        rect = option.rect.adjusted(8, 8, -8, -8)
        image = index.data(IMAGE_ROLE)
        thumb_h = round(THUMB_W * 9 / 16)
        thumb = QRect(rect.left(), rect.top() + (rect.height() - thumb_h) // 2, THUMB_W, thumb_h)
        if isinstance(image, QImage) and not image.isNull():
            painter.fillRect(thumb.adjusted(1, 2, 1, 2), QColor(15, 23, 42, 40))
            painter.drawImage(thumb, image)
        else:
            painter.fillRect(thumb, QColor("#F1F5F9"))
            painter.setPen(QColor("#6B7280"))
            painter.drawText(thumb, int(Qt.AlignmentFlag.AlignCenter), "No preview")
        painter.setPen(QPen(QColor("#CBD5E1"), 1))
        painter.drawRect(thumb.adjusted(0, 0, -1, -1))
        text_rect = rect.adjusted(THUMB_W + 12, 0, 0, 0)
        role = option.palette.ColorRole.HighlightedText if selected else option.palette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        if index.data(BROKEN_ROLE) and not selected:
            painter.setPen(option.palette.color(option.palette.ColorRole.PlaceholderText))
        line_h = option.fontMetrics.height()
        painter.drawText(QRect(text_rect.left(), text_rect.top() + 2, text_rect.width(), line_h),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         index.data(NAME_ROLE))
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.9)
        painter.setFont(small)
        if not selected:
            painter.setPen(option.palette.color(option.palette.ColorRole.PlaceholderText))
        painter.drawText(text_rect.adjusted(0, line_h + 6, 0, 0),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap),
                         index.data(DESCRIPTION_ROLE))
        painter.restore()


def import_organisation_master(path: Path) -> tuple[str, list[str]]:
    """Copy a .potx/.pptx into the user templates (the core's import) and describe its master:
    the new template's name and `briefer templates check`'s lines. Runs off the GUI thread."""
    from briefer.master.library import describe, import_master
    from briefer.master.reader import read_master

    folder = import_master(Path(path))
    master = next(folder.glob("master.*"))
    return folder.name, describe(read_master(master))


def _masters(event) -> list[Path]:
    mime = event.mimeData()
    return [Path(u.toLocalFile()) for u in (mime.urls() if mime.hasUrls() else [])
            if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in MASTER_SUFFIXES]


class TemplatePicker(QWidget):
    """Lists the templates; choosing one pushes a SetTemplate edit. An organisation master
    (.potx/.pptx) is added with the button or by dropping it on the tab."""

    template_chosen = Signal(str)
    thumbnails_updated = Signal()
    thumbnail_failed = Signal(str)  # one line: which template, and why it shows no preview
    add_requested = Signal()  # the button: the window asks for the file
    added = Signal(str)  # a master was imported and its template chosen
    failed = Signal(str)  # one line: why a master could not be added
    problems = Signal(str, list)  # template name, describe() lines

    def __init__(self, document: DeckDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._syncing = False
        self._thumb_key: object = None
        self.list = QListWidget()
        self.list.setAccessibleName("Templates")
        self.list.setItemDelegate(TemplateDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(2)
        self._fill_list()
        self.list.currentItemChanged.connect(self._chosen)
        self.add_button = QPushButton("Add organisation template…")
        self.add_button.setToolTip("Add your organisation's PowerPoint master (.potx or .pptx); "
                                   "you can also drop the file here")
        self.add_button.clicked.connect(self.add_requested)
        self.importing: BackgroundOp | None = None
        self.setAcceptDrops(True)
        self.list.setAcceptDrops(True)
        self.list.viewport().installEventFilter(self)
        intro = labels.note("The look of every slide. Each template is shown with this deck's "
                            "title slide.")
        layout_ = QVBoxLayout(self)
        layout_.setContentsMargins(12, 12, 12, 12)
        layout_.addWidget(intro)
        layout_.addWidget(self.list, 1)
        layout_.addWidget(self.add_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(THUMB_DELAY_MS)
        self.timer.timeout.connect(self.refresh_thumbnails)
        document.deck_changed.connect(self.sync)
        self.sync(document.deck)
        self.refresh_thumbnails()

    def _fill_list(self) -> None:
        self.list.clear()
        for entry in template_entries():  # a broken template is listed, greyed, with its error
            name = entry.name
            description = entry.template.description if entry.template \
                else f"cannot be used: {entry.error}"
            item = QListWidgetItem(name)
            item.setData(NAME_ROLE, name)
            item.setData(DESCRIPTION_ROLE, description)
            item.setData(BROKEN_ROLE, entry.template is None)
            item.setToolTip(f"{name}: {description}")
            self.list.addItem(item)

    # ------------------------------------------------------------ organisation masters
    def add_master(self, path: Path) -> None:
        """Import *path* off the GUI thread; then list it, choose it (an undoable edit) and
        report its master's problems."""
        if self.importing is not None and self.importing.busy:
            return
        self.add_button.setEnabled(False)
        self.add_button.setText(f"Adding {Path(path).name}…")
        self.importing = BackgroundOp(lambda: import_organisation_master(Path(path)),
                                      self._master_added, self._master_failed, self)
        self.importing.run()

    def _master_done(self) -> None:
        self.add_button.setEnabled(True)
        self.add_button.setText("Add organisation template…")

    def _master_failed(self, message: str) -> None:
        self._master_done()
        self.failed.emit(message)

    def _master_added(self, result: tuple[str, list[str]]) -> None:
        self._master_done()
        name, lines = result
        self._syncing = True
        try:
            self._fill_list()
        finally:
            self._syncing = False
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(NAME_ROLE) == name:
                item.setData(DETAILS_ROLE, "\n".join(lines))
                self.list.setCurrentRow(i)  # chooses it: an undoable SetTemplate
                break
        self.refresh_thumbnails()
        self.problems.emit(name, lines)
        self.added.emit(name)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) \
                and _masters(event):
            self._drop(event)
            return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if _masters(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        if _masters(event):
            self._drop(event)

    def _drop(self, event) -> None:
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self.add_master(_masters(event)[0])

    def names(self) -> list[str]:
        return [self.list.item(i).data(NAME_ROLE) for i in range(self.list.count())]

    def sync(self, deck: Deck) -> None:
        self._syncing = True
        try:
            for i in range(self.list.count()):
                if self.list.item(i).data(NAME_ROLE) == deck.template:
                    if self.list.currentRow() != i:
                        self.list.setCurrentRow(i)
                    break
            else:
                self.list.clearSelection()
        finally:
            self._syncing = False
        if thumbnail_key(deck) != self._thumb_key:
            self.timer.start()  # after a pause in typing, apart from the preview's own timer

    def refresh_thumbnails(self) -> None:
        self.timer.stop()
        deck = self.document.deck
        self._thumb_key = thumbnail_key(deck)
        dpr = self.devicePixelRatioF()
        for i in range(self.list.count()):
            item = self.list.item(i)
            name = item.data(NAME_ROLE)
            image = title_thumbnail(deck, name, round(THUMB_W * dpr), dpr)
            description = item.data(DESCRIPTION_ROLE)
            if item.data(DETAILS_ROLE):
                description += "\n" + item.data(DETAILS_ROLE)
            if isinstance(image, QImage):
                item.setData(IMAGE_ROLE, image)
                item.setToolTip(f"{name}: {description}")
            else:
                item.setData(IMAGE_ROLE, None)
                item.setToolTip(f"{name}: {description}\nNo preview: {image}")
                self.thumbnail_failed.emit(f"No preview of template “{name}”: {image}")
        self.thumbnails_updated.emit()

    def _chosen(self, current: QListWidgetItem | None, _previous) -> None:
        if self._syncing or current is None:
            return
        name = current.data(NAME_ROLE)
        deck = self.document.deck
        if name != deck.template:
            self.document.push(SetTemplate(deck.template, name, f"Use template “{name}”"))
            self.template_chosen.emit(name)
