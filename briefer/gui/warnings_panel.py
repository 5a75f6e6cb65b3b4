"""The layout's warnings, listed where the user sees them; each leads to its section."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from briefer.gui import icons
from briefer.layout.context import LayoutWarning

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
# A hostile file can make tens of thousands of warnings; listing them all would stall the GUI
# thread on every layout, and nobody reads past the first few hundred.
MAX_LISTED = 200


class WarningsPanel(QWidget):
    """The layout's warnings; activating one selects the section it is about."""

    section_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.list = QListWidget()
        self.list.setAccessibleName("Layout warnings")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout_ = QVBoxLayout(self)
        layout_.setContentsMargins(12, 6, 12, 8)
        layout_.setSpacing(4)
        layout_.addWidget(self.title)
        layout_.addWidget(self.list, 1)
        self.set_warnings([])

    def set_warnings(self, warnings: list[LayoutWarning], error: str | None = None) -> None:
        self.list.clear()
        if error:
            item = QListWidgetItem(icons.icon("warning"), f"Cannot lay out the deck: {error}")
            self.list.addItem(item)
        for warning in warnings[:MAX_LISTED]:
            item = QListWidgetItem(icons.icon("warning"), str(warning))
            item.setData(SECTION_ROLE, warning.section_id)
            if warning.section_id:
                item.setToolTip("Activate to select the section")
            self.list.addItem(item)
        if len(warnings) > MAX_LISTED:
            more = QListWidgetItem(icons.icon("info"), f"… and {len(warnings) - MAX_LISTED} more")
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(more)
        count = len(warnings) + (1 if error else 0)
        if count:
            self.title.setText(f"Layout warnings ({count})")
        else:
            self.title.setText("Layout warnings")
            item = QListWidgetItem(icons.icon("info"), "None: every slide fits its template.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        sid = item.data(SECTION_ROLE)
        if sid:
            self.section_activated.emit(sid)
