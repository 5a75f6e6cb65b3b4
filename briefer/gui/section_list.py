"""The section list: every section with a checkbox, drag to reorder, a filter, slide counts.

The model is a thin adapter over the document's Deck: ticking or dropping a row pushes a core
edit; the rows follow the deck (including undo) and keep the current row across reorders.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QDropEvent, QFont, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from briefer.deck import edits
from briefer.deck.model import Deck
from briefer.gui import icons
from briefer.gui.document import DeckDocument

SECTION_ID = Qt.ItemDataRole.UserRole + 1
SLIDE_COUNT = Qt.ItemDataRole.UserRole + 2
WARNINGS = Qt.ItemDataRole.UserRole + 3
GROUP = Qt.ItemDataRole.UserRole + 4  # "", "BLUF", "Closing" or "Backup": where the slides go

GROUPS = {"summary": "BLUF", "closing": "Closing", "backup": "Backup"}
GROUP_RULES = {
    "BLUF": "a bottom line up front section: its slides always come straight after the title "
            "slide, whatever its place in the list. Drag it among the other BLUF sections to "
            "change their order.",
    "Closing": "a closing section: its slides always come after the main sections. Drag it "
               "among the other closing sections to change their order.",
    "Backup": "a backup section: its slides always come after the Backup divider. Drag it "
              "among the other backup sections to change their order.",
}


def group_of(kind: str, backup: bool) -> str:
    """Which fixed part of the deck a section's slides go to ('' for the main sections)."""
    return GROUPS.get(kind, "") or ("Backup" if backup else "")


_SECTION_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, GROUP, Qt.ItemDataRole.ToolTipRole,
                            Qt.ItemDataRole.AccessibleTextRole})  # the roles that read the section


class SectionListModel(QAbstractListModel):
    """Rows are deck.entries in the user's order; check state is on/off."""

    def __init__(self, document: DeckDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.deck: Deck = document.deck
        self.counts: dict[str, int] = {}
        self.warnings: dict[str, list[str]] = {}
        document.deck_changed.connect(self._deck_changed)

    # ------------------------------------------------------------ reading
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.deck.entries)

    def section_id(self, row: int) -> str:
        return self.deck.entries[row][0]

    def row_of(self, section_id: str) -> int:
        for row, (sid, _) in enumerate(self.deck.entries):
            if sid == section_id:
                return row
        return -1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.deck.entries):
            return None
        sid, on = self.deck.entries[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == SECTION_ID:
            return sid
        if role == SLIDE_COUNT:
            return self.counts.get(sid, 0) if on else 0
        if role == WARNINGS:
            return self.warnings.get(sid, []) if on else []
        if role not in _SECTION_ROLES:  # fonts, colours, sizes: the view's own (asked per paint)
            return None
        section = self.deck.section(sid)
        if role == Qt.ItemDataRole.DisplayRole:
            return section.title
        if role == GROUP:
            return group_of(section.kind, section.backup)
        if role == Qt.ItemDataRole.ToolTipRole:
            bits = [f"<b>{_esc(section.title)}</b>", f"id: {sid} · {section.kind}"
                    + (" · backup" if section.backup else "")]
            if section.classification:
                bits.append(f"marked {_esc(section.classification)}")
            group = group_of(section.kind, section.backup)
            if group:
                bits.append(f"<i>{_esc(GROUP_RULES[group][:1].upper() + GROUP_RULES[group][1:])}"
                            "</i>")
            bits.extend(f"⚠ {_esc(w)}" for w in self.warnings.get(sid, []) if on)
            return "<br>".join(bits)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            count = self.counts.get(sid, 0) if on else 0
            return f"{section.title}, {'included' if on else 'excluded'}, {count} slides"
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return (base | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def supportedDropActions(self):  # noqa: N802
        return Qt.DropAction.MoveAction

    # ------------------------------------------------------------ writing
    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        sid, current = self.deck.entries[index.row()]
        if on != current:
            self.document.push(edits.toggle(self.document.deck, sid, on))
        return True

    def move(self, section_id: str, to_row: int) -> None:
        deck = self.document.deck
        if self.row_of(section_id) != to_row:
            self.document.push(edits.move(deck, section_id, to_row))

    # ------------------------------------------------------------ following the deck
    def _deck_changed(self, deck: Deck) -> None:
        old = self.deck
        if old.analysis is deck.analysis and ([s for s, _ in old.entries] == [
                s for s, _ in deck.entries] or edits.renamed_ids(old.entries, deck.entries)):
            # the same rows (a section being named keeps its row, and the current one stays)
            self.deck = deck
            if self.rowCount():
                self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))
            return
        if old.analysis is not deck.analysis or len(old.entries) != len(deck.entries) \
                or set(old.order) != set(deck.order):
            self.beginResetModel()
            self.deck = deck
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        new_rows = {sid: row for row, (sid, _) in enumerate(deck.entries)}
        persistent = self.persistentIndexList()
        targets = [self.index(new_rows[old.entries[p.row()][0]]) for p in persistent]
        self.deck = deck
        for before, after in zip(persistent, targets, strict=True):
            self.changePersistentIndex(before, after)
        self.layoutChanged.emit()

    def set_layout_info(self, counts: dict[str, int], warnings: dict[str, list[str]]) -> None:
        """Slide counts and warnings per section; only the rows whose figures changed repaint."""
        if counts == self.counts and warnings == self.warnings:
            return
        changed = {sid for sid in counts.keys() | self.counts.keys()
                   if counts.get(sid) != self.counts.get(sid)}
        changed |= {sid for sid in warnings.keys() | self.warnings.keys()
                    if warnings.get(sid) != self.warnings.get(sid)}
        self.counts, self.warnings = counts, warnings
        roles = [SLIDE_COUNT, WARNINGS, Qt.ItemDataRole.ToolTipRole,
                 Qt.ItemDataRole.AccessibleTextRole]
        for row, (sid, _) in enumerate(self.deck.entries):
            if sid in changed:
                self.dataChanged.emit(self.index(row), self.index(row), roles)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SectionDelegate(QStyledItemDelegate):
    """Checkbox and title, with the slide count (and a warning mark) at the right."""

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width() + 70, max(size.height() + 10, option.fontMetrics.height() + 14))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else None
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        count = index.data(SLIDE_COUNT) or 0
        warnings = index.data(WARNINGS) or []
        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.88))
        group = index.data(GROUP) or ""
        metrics_w = opt.fontMetrics.horizontalAdvance("00 slides") + 8
        group_w = opt.fontMetrics.horizontalAdvance(f"{group} ") + 10 if group else 0
        warn_w = opt.rect.height() - 10 if warnings else 0
        right = QRect(opt.rect.right() - metrics_w - 6, opt.rect.top(), metrics_w, opt.rect.height())
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
        text_opt = QStyleOptionViewItem(opt)
        text_opt.rect = opt.rect.adjusted(0, 0, -(metrics_w + warn_w + group_w + 10), 0)
        super().paint(painter, text_opt, index)
        painter.save()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        painter.setPen(opt.palette.color(role))
        painter.setFont(small)
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        label = ("1 slide" if count == 1 else f"{count} slides") if checked else "off"
        painter.drawText(right, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
        if warnings:
            side = warn_w
            icon_rect = QRect(right.left() - side - 4, opt.rect.top() + (opt.rect.height() - side) // 2,
                              side, side)
            icons.icon("warning").paint(painter, icon_rect)
        if group:  # a small tag: these slides go to a fixed part of the deck
            tag_w = opt.fontMetrics.horizontalAdvance(group) + 8
            tag = QRect(right.left() - warn_w - tag_w - 8, opt.rect.center().y() - 8, tag_w, 16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#DBEAFE") if not selected else QColor(255, 255, 255, 60))
            painter.drawRoundedRect(tag, 4, 4)
            painter.setPen(QColor("#1E3A8A") if not selected
                           else opt.palette.color(QPalette.ColorRole.HighlightedText))
            painter.drawText(tag, int(Qt.AlignmentFlag.AlignCenter), group)
        painter.restore()


class SectionListView(QListView):
    """Internal drag-and-drop that moves one section through a core edit."""

    move_requested = Signal(str, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setUniformItemSizes(True)
        self.setAlternatingRowColors(False)
        self.setItemDelegate(SectionDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def drop_row(self, y: int) -> int:
        """The row a drop at viewport height *y* lands before."""
        index = self.indexAt(QPoint(4, y))
        model = self.model()
        if not index.isValid():
            return model.rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if y > rect.center().y() else 0)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if event.source() is not self or not self.currentIndex().isValid():
            event.ignore()
            return
        target = self.drop_row(event.position().toPoint().y())
        source = self.currentIndex().row()
        to_row = target if target <= source else target - 1
        event.setDropAction(Qt.DropAction.CopyAction)  # the view must not remove the dragged row
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        self.move_requested.emit(self.currentIndex().data(SECTION_ID), to_row)


class SectionPanel(QWidget):
    """Header, filter box, the list and its buttons."""

    current_changed = Signal(object)  # section id or None
    explained = Signal(str)  # why a drop changed nothing on the slides

    def __init__(self, document: DeckDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.model = SectionListModel(document, self)
        self.view = SectionListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Sections")
        self.view.move_requested.connect(self._move_requested)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.selectionModel().currentChanged.connect(self._current_changed)

        title = QLabel("Sections")
        title.setObjectName("panelTitle")
        self.summary = QLabel()
        self.summary.setObjectName("panelNote")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.summary)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter sections  (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter sections")
        self.filter.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter.textChanged.connect(self.apply_filter)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter.setFocus)
        self.filter.returnPressed.connect(self.view.setFocus)

        self.buttons: dict[str, QToolButton] = {}
        row = QHBoxLayout()
        row.setSpacing(4)
        for name in ("add_section", "delete_section", "select_all", "select_none", "move_up",
                     "move_down"):
            button = QToolButton()
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly
                                      if name in ("add_section", "delete_section")
                                      else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.buttons[name] = button
            row.addWidget(button)
            if name == "select_none":
                row.addStretch(1)
        self.placeholder = QLabel("No sections yet.\nAdd one with Section ▸ Add Section "
                                  "(Ctrl+Shift+N), or import some with File ▸ Import Sections.")
        self.placeholder.setObjectName("panelNote")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 6, 8)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.placeholder, 1)
        layout.addLayout(row)
        self.model.modelReset.connect(self.apply_filter)
        self.model.dataChanged.connect(self._update_summary)
        self.model.modelReset.connect(self._update_summary)
        self.model.layoutChanged.connect(self._update_summary)
        self._update_summary()

    def bind_buttons(self, actions: dict) -> None:
        """Show the window's actions (select all/none, move up/down) as buttons here."""
        for name, button in self.buttons.items():
            button.setDefaultAction(actions[name])

    def apply_filter(self, *_args) -> None:
        text = self.filter.text().strip().casefold()
        if not text:  # nothing to match: show every row (no titles read)
            for row in range(self.model.rowCount()):
                if self.view.isRowHidden(row):
                    self.view.setRowHidden(row, False)
            return
        for row in range(self.model.rowCount()):
            index = self.model.index(row)
            title = str(index.data()).casefold()
            sid = str(index.data(SECTION_ID)).casefold()
            self.view.setRowHidden(row, bool(text) and text not in title and text not in sid)

    def _update_summary(self, *_args) -> None:
        deck = self.document.deck
        self.placeholder.setVisible(not deck.entries)
        self.view.setVisible(bool(deck.entries))
        self.summary.setText(f"{len(deck.selected_ids)} of {len(deck.entries)} included")

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(SECTION_ID) if index.isValid() else None

    def set_current(self, section_id: str | None) -> None:
        row = self.model.row_of(section_id) if section_id else -1
        if row < 0:
            return
        index = self.model.index(row)
        if index != self.view.currentIndex():
            self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _move_requested(self, section_id: str, to_row: int) -> None:
        """Move the section; for one whose slides go to a fixed part of the deck, say so where
        it was dropped (the slides move only among that part's sections)."""
        self.model.move(section_id, to_row)
        group = self.model.data(self.model.index(self.model.row_of(section_id)), GROUP)
        if group:
            title = self.document.deck.section(section_id).title
            text = f"“{title}” is {GROUP_RULES[group]}"
            rect = self.view.visualRect(self.model.index(self.model.row_of(section_id)))
            QToolTip.showText(self.view.viewport().mapToGlobal(rect.bottomLeft()), text,
                              self.view)
            self.explained.emit(text)

    def clear_current(self) -> None:
        """No section highlighted (a slide of no section was clicked)."""
        self.view.selectionModel().clearCurrentIndex()
        self.view.clearSelection()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(current.data(SECTION_ID) if current.isValid() else None)
