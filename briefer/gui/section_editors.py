"""Editors for what is not bullets: a table grid, timeline and key-figure lists, the section's
picture and its sources.

Each shows a value of the current section and says when the user changed it with `changed`
(the new value, ready for `edits.edit_section`); `set_value` refreshes it from the deck without
emitting. Every change is one undo step: a committed cell, a button, a paste.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefer.dates import TIMELINE_FORMS, timeline_date_problem, timeline_date_typed
from briefer.errors import BrieferError, SourceError
from briefer.fileio import read_limited
from briefer.gui import labels
from briefer.images import FORMAT_NAMES, MAX_IMAGE_BYTES, to_png
from briefer.source.model import Bullet, Figure, Table

BAD = QColor("#FDE2E1")
HEADER = QColor("#E8EEF7")
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")


def _button(text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setAutoRaise(True)
    button.clicked.connect(slot)
    return button


def link_problem(text: str) -> str | None:
    """Why a source that holds a link does not hold a well-formed one, or None."""
    for word in text.split():
        word = word.strip("<>()[],;")
        if "://" in word or word.lower().startswith(("www.", "http")):
            parts = urlsplit(word if "://" in word else "https://" + word)
            host = parts.hostname or ""
            if parts.scheme not in ("http", "https") or "." not in host.strip(".") \
                    or not re.fullmatch(r"[A-Za-z0-9.-]+", host):
                return f"“{word[:60]}” is not a well-formed web link (https://host/…)"
    return None


class _Grid(QTableWidget):
    """A QTableWidget that hands Ctrl+V (tab-separated text, as spreadsheets copy) to a slot."""

    pasted = Signal(str)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text()
            if text:
                self.pasted.emit(text)
                return
        super().keyPressEvent(event)


class TableEditor(QWidget):
    """The section's table: first row is the header; rows and columns added, removed, moved."""

    changed = Signal(object)  # Table

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = _Grid()
        self.grid.setAccessibleName("Table cells")
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setDefaultSectionSize(24)
        self.grid.setMinimumHeight(170)
        self.grid.itemChanged.connect(self._cell_changed)
        self.grid.pasted.connect(self.paste_text)
        self._filling = False
        buttons = QGridLayout()
        buttons.setSpacing(2)
        self.buttons = {
            "add_row": _button("+ Row", "Add a row below the current one", self.add_row),
            "remove_row": _button("− Row", "Remove the current row", self.remove_row),
            "row_up": _button("Row ↑", "Move the current row up", lambda: self.move_row(-1)),
            "row_down": _button("Row ↓", "Move the current row down", lambda: self.move_row(1)),
            "add_column": _button("+ Column", "Add a column after the current one",
                                  self.add_column),
            "remove_column": _button("− Column", "Remove the current column",
                                     self.remove_column),
            "column_left": _button("Col ←", "Move the current column left",
                                   lambda: self.move_column(-1)),
            "column_right": _button("Col →", "Move the current column right",
                                    lambda: self.move_column(1)),
            "paste": _button("Paste", "Paste cells copied from a spreadsheet (tab-separated)",
                             lambda: self.paste_text(QGuiApplication.clipboard().text())),
        }
        for n, button in enumerate(self.buttons.values()):
            buttons.addWidget(button, n // 5, n % 5)
        note = labels.note("The first row is the header, repeated on every slide. Ctrl+V "
                           "pastes cells from a spreadsheet.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)
        layout.addWidget(note)
        self.table = Table(("Column 1", "Column 2"))

    # ------------------------------------------------------------ deck → grid
    def set_value(self, table: Table | None) -> None:
        table = table or Table(("Column 1", "Column 2"), (("", ""),))
        if table == self.table and self.grid.rowCount():
            return
        self.table = table
        rows = [table.header, *table.rows]
        width = max(1, len(table.header))
        current = (self.grid.currentRow(), self.grid.currentColumn())
        self._filling = True
        try:
            self.grid.setRowCount(len(rows))
            self.grid.setColumnCount(width)
            self.grid.setHorizontalHeaderLabels([chr(ord("A") + c) if c < 26 else str(c + 1)
                                                 for c in range(width)])
            self.grid.setVerticalHeaderLabels(["Header", *(str(n) for n in range(1, len(rows)))])
            bold = QFont(self.grid.font())
            bold.setBold(True)
            for r, row in enumerate(rows):
                for c in range(width):
                    item = QTableWidgetItem(row[c] if c < len(row) else "")
                    if r == 0:
                        item.setFont(bold)
                        item.setBackground(QBrush(HEADER))
                    self.grid.setItem(r, c, item)
        finally:
            self._filling = False
        if current[0] >= 0:
            self.grid.setCurrentCell(min(current[0], len(rows) - 1), min(current[1], width - 1))

    def cells(self) -> list[list[str]]:
        return [[(self.grid.item(r, c).text() if self.grid.item(r, c) else "")
                 for c in range(self.grid.columnCount())] for r in range(self.grid.rowCount())]

    # ------------------------------------------------------------ grid → deck
    def _emit(self, rows: list[list[str]], current: tuple[int, int] | None = None) -> None:
        rows = rows or [["Column 1"]]
        width = max(1, max(len(r) for r in rows))
        rows = [(r + [""] * width)[:width] for r in rows]
        table = Table(tuple(rows[0]), tuple(tuple(r) for r in rows[1:]))
        self.set_value(table)
        if current is not None:
            self.grid.setCurrentCell(max(0, min(current[0], len(rows) - 1)),
                                     max(0, min(current[1], width - 1)))
        self.changed.emit(table)

    def _cell_changed(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            self._emit(self.cells())

    def _here(self) -> tuple[int, int]:
        return max(0, self.grid.currentRow()), max(0, self.grid.currentColumn())

    def add_row(self) -> None:
        rows, (r, c) = self.cells(), self._here()
        rows.insert(r + 1, [""] * self.grid.columnCount())
        self._emit(rows, (r + 1, c))

    def remove_row(self) -> None:
        rows, (r, c) = self.cells(), self._here()
        if len(rows) > 1:
            rows.pop(r)
            self._emit(rows, (r, c))

    def move_row(self, step: int) -> None:
        rows, (r, c) = self.cells(), self._here()
        if 0 <= r + step < len(rows):
            rows[r], rows[r + step] = rows[r + step], rows[r]
            self._emit(rows, (r + step, c))

    def add_column(self) -> None:
        rows, (r, c) = self.cells(), self._here()
        for n, row in enumerate(rows):
            row.insert(c + 1, f"Column {len(row) + 1}" if n == 0 else "")
        self._emit(rows, (r, c + 1))

    def remove_column(self) -> None:
        rows, (r, c) = self.cells(), self._here()
        if self.grid.columnCount() > 1:
            for row in rows:
                row.pop(c)
            self._emit(rows, (r, c))

    def move_column(self, step: int) -> None:
        rows, (r, c) = self.cells(), self._here()
        if 0 <= c + step < self.grid.columnCount():
            for row in rows:
                row[c], row[c + step] = row[c + step], row[c]
            self._emit(rows, (r, c + step))

    def paste_text(self, text: str) -> None:
        """Tab-separated rows (as spreadsheets copy them) from the current cell on, growing the
        table as needed: one undo step."""
        lines = [line.split("\t") for line in text.replace("\r\n", "\n").rstrip("\n").split("\n")]
        if not text.strip():
            return
        rows, (r0, c0) = self.cells(), self._here()
        width = max(len(rows[0]), c0 + max(len(line) for line in lines))
        for dr, line in enumerate(lines):
            while len(rows) <= r0 + dr:
                rows.append([""] * width)
            for dc, cell in enumerate(line):
                row = rows[r0 + dr]
                row.extend([""] * (width - len(row)))
                row[c0 + dc] = " ".join(cell.split())
        for row in rows:
            row.extend([""] * (width - len(row)))
        self._emit(rows, (r0, c0))


STORED = Qt.ItemDataRole.UserRole + 1  # on a date cell: the date the deck holds for its row
Row = tuple[str, str, str | None]  # shown value, shown label, the value stored (None: no row)


def _mark(editor: QLineEdit, problem: str | None) -> None:
    """Red, with the reason as its tooltip, while a date being typed is not one."""
    editor.setStyleSheet(f"background: {BAD.name()}" if problem else "")
    editor.setToolTip(problem or "")


class _DateDelegate(QStyledItemDelegate):
    """The date cells' editor says while the user types whether the text is a date."""

    def createEditor(self, parent, option, index):  # noqa: N802
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setPlaceholderText("YYYY-MM-DD")
            editor.textChanged.connect(lambda text, e=editor: _mark(e, timeline_date_typed(text)))
        return editor


class PairEditor(QWidget):
    """A two-column list that is stored as `VALUE: label` key points: timeline events (a date
    and what happened) or key figures (a value and what it counts).

    A timeline date that is not a date is never stored: its cell keeps the text, red, so it can
    be fixed, while the deck keeps the row's last valid date (a row that never had one stays
    off the slides), and no undo step is made for it.
    """

    changed = Signal(object)  # tuple[Bullet, ...]
    rejected = Signal(str)  # why a date just typed was not stored

    def __init__(self, first: str, second: str, dates: bool, parent=None):
        super().__init__(parent)
        self.dates = dates
        self.grid = QTableWidget(0, 2)
        self.grid.setHorizontalHeaderLabels([first, second])
        self.grid.setAccessibleName(f"{first} and {second}")
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setDefaultSectionSize(24)
        self.grid.setMinimumHeight(170)
        self.grid.itemChanged.connect(self._cell_changed)
        if dates:
            self.grid.setItemDelegateForColumn(0, _DateDelegate(self.grid))
        self._filling = False
        self.points: tuple[Bullet, ...] | None = None
        what = "event" if dates else "figure"
        row = QHBoxLayout()
        row.setSpacing(2)
        self.buttons = {
            "add": _button(f"+ {what.title()}", f"Add a {what} below the current one", self.add),
            "remove": _button("Remove", f"Remove the current {what}", self.remove),
            "up": _button("↑", f"Move the {what} up", lambda: self.move(-1)),
            "down": _button("↓", f"Move the {what} down", lambda: self.move(1)),
        }
        if dates:
            self.buttons["sort"] = _button("Sort by date", "Put the events in date order",
                                           self.sort)
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #B42318")
        self.problem.hide()
        note = labels.note(f"Dates as {TIMELINE_FORMS}." if dates
                           else "A short value (USD 2.5bn, 400 km) and what it measures.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(note)

    def set_value(self, points: tuple[Bullet, ...]) -> None:
        if points == self.points:
            return
        self.points = points
        rows: list[Row] = [(*self._split(p.text), self._split(p.text)[0]) for p in points]
        if not rows:  # an empty list offers a row to type into, shown but not yet stored
            rows = [("", "", None)]
        current = (self.grid.currentRow(), self.grid.currentColumn())
        self._show_rows(rows)
        if current[0] >= 0 and rows:
            self.grid.setCurrentCell(min(current[0], len(rows) - 1), max(0, current[1]))

    @staticmethod
    def _split(text: str) -> tuple[str, str]:
        value, sep, label = text.partition(": ")
        return (value, label) if sep else ("", text)

    def _problem(self, value: str) -> str | None:
        return timeline_date_problem(value) if self.dates and value else None

    def pairs(self) -> list[tuple[str, str]]:
        """What the grid shows, row by row: (value, label)."""
        return [(a, b) for a, b, _ in self.rows()]

    def rows(self) -> list[Row]:
        def cell(r: int, c: int) -> str:
            item = self.grid.item(r, c)
            return " ".join(item.text().split()) if item else ""

        def stored(r: int) -> str | None:
            item = self.grid.item(r, 0)
            return item.data(STORED) if item is not None else None

        return [(cell(r, 0), cell(r, 1), stored(r)) for r in range(self.grid.rowCount())]

    def _why(self, n: int, value: str, stored: str | None) -> str | None:
        """What is wrong with row *n*'s value, and what the slides show meanwhile."""
        problem = self._problem(value)
        if problem is None:
            return None
        if stored == value:  # so in the file it came from
            return f"Row {n}: {problem}. It is shown as typed."
        kept = (f"the slides keep “{stored}”" if stored else "the slides show the event undated"
                if stored is not None else "the event stays off the slides")
        return f"Row {n}: {problem}. Not stored: {kept}."

    def _check(self) -> None:
        problems = []
        self._filling = True
        try:
            for r, (a, _b, stored) in enumerate(self.rows()):
                why = self._why(r + 1, a, stored)
                item = self.grid.item(r, 0)
                if item is not None:
                    item.setBackground(QBrush(BAD) if why else QBrush())
                    item.setToolTip(why or "")
                if why:
                    problems.append(why)
        finally:
            self._filling = False
        self.problem.setText("\n".join(problems[:3]))
        self.problem.setVisible(bool(problems))

    def _emit(self, rows: list[Row], row: int | None = None) -> None:
        """Store the rows: each row's value, or for a date that is not one its last valid one."""
        points: list[Bullet] = []
        shown: list[Row] = []
        for a, b, stored in rows:
            value = stored if self._problem(a) else a
            if value is None or not (value or b):
                shown.append((a, b, None))
                continue
            points.append(Bullet(f"{value}: {b}" if value else b))
            shown.append((a, b, value))
        self._show_rows(shown)
        self.points = tuple(points)
        if row is not None and rows:
            self.grid.setCurrentCell(max(0, min(row, len(rows) - 1)), 0)
        self.changed.emit(self.points)

    def _show_rows(self, rows: list[Row]) -> None:
        """Put *rows* in the grid without taking the grid's change signals for edits."""
        self._filling = True
        try:
            self.grid.setRowCount(len(rows))
            for r, (a, b, stored) in enumerate(rows):
                first = QTableWidgetItem(a)
                first.setData(STORED, stored)
                self.grid.setItem(r, 0, first)
                self.grid.setItem(r, 1, QTableWidgetItem(b))
        finally:
            self._filling = False
        self._check()

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        r, column = item.row(), item.column()  # the item is replaced as the rows are stored
        self._emit(self.rows())
        rows = self.rows()
        if column == 0 and 0 <= r < len(rows):
            why = self._why(r + 1, rows[r][0], rows[r][2])
            if why:
                self.rejected.emit(why)

    def add(self) -> None:
        rows, r = self.rows(), self.grid.currentRow()
        at = r + 1 if r >= 0 else len(rows)
        rows.insert(at, ("", "", None))
        self._show_rows(rows)  # an empty row is shown, not yet stored
        self.grid.setCurrentCell(at, 0)
        self.grid.setFocus()

    def remove(self) -> None:
        rows, r = self.rows(), self.grid.currentRow()
        if 0 <= r < len(rows):
            rows.pop(r)
            self._emit(rows, r)

    def move(self, step: int) -> None:
        rows, r = self.rows(), self.grid.currentRow()
        if r >= 0 and 0 <= r + step < len(rows):
            rows[r], rows[r + step] = rows[r + step], rows[r]
            self._emit(rows, r + step)

    def sort(self) -> None:
        """Date order (undated events and dates still to fix last, in the order they had)."""
        rows = self.rows()
        ordered = sorted(rows, key=lambda p: (not p[0] or self._problem(p[0]) is not None, p[0]))
        if ordered != rows:
            self._emit(ordered, 0)


class SourcesEditor(QWidget):
    """The section's sources, one per line, each editable in place; links checked for form."""

    changed = Signal(object)  # tuple[str, ...]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName("Sources")
        self.list.setMaximumHeight(110)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemChanged.connect(self._item_changed)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self._filling = False
        self.sources: tuple[str, ...] | None = None
        self.new_source = QLineEdit()
        self.new_source.setPlaceholderText("Add a source or link, then Enter")
        self.new_source.setAccessibleName("New source")
        self.new_source.returnPressed.connect(self.add)
        self.add_button = _button("Add", "Add the source typed beside", self.add)
        self.remove_button = _button("Remove", "Remove the selected source", self.remove)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #B42318")
        self.problem.hide()
        row = QHBoxLayout()
        row.setSpacing(2)
        row.addWidget(self.new_source, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.problem)

    def set_value(self, sources: tuple[str, ...]) -> None:
        if sources == self.sources:
            return
        self.sources = sources
        self._filling = True
        try:
            self.list.clear()
            for text in sources:
                item = QListWidgetItem(text)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.list.addItem(item)
        finally:
            self._filling = False
        self._check()

    def _check(self) -> None:
        problems = []
        self._filling = True
        try:
            for n in range(self.list.count()):
                item = self.list.item(n)
                problem = link_problem(item.text())
                item.setBackground(QBrush(BAD) if problem else QBrush())
                item.setToolTip(problem or item.text())
                if problem:
                    problems.append(f"Source {n + 1}: {problem}")
        finally:
            self._filling = False
        self.problem.setText("\n".join(problems[:3]))
        self.problem.setVisible(bool(problems))

    def _values(self) -> list[str]:
        return [" ".join(self.list.item(n).text().split()) for n in range(self.list.count())]

    def _emit(self, values: list[str]) -> None:
        sources = tuple(v for v in values if v)
        self.set_value(sources)
        self.changed.emit(sources)

    def _item_changed(self, _item) -> None:
        if not self._filling:
            self._emit(self._values())

    def add(self) -> None:
        text = " ".join(self.new_source.text().split())
        if text:
            self.new_source.clear()
            self._emit([*self._values(), text])

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            values = self._values()
            values.pop(row)
            self._emit(values)


def picture_from_file(path: Path) -> Figure:
    """A picture file the user chose, through the picture gate: PNG bytes carried by the deck
    (written beside the deck, or the analysis, when that is saved). Raises SourceError."""
    path = Path(path)
    data = read_limited(path, MAX_IMAGE_BYTES, "picture", SourceError)
    png, _, _ = to_png(data, f"picture {path.name}", SourceError)
    return Figure(path.stem[:80] + ".png", "", png)


def picture_from_mime(mime: QMimeData) -> Figure | str | None:
    """A picture from a drop or the clipboard: a picture file, or raw PNG/JPEG bytes (never
    decoded by Qt); a one-line reason when it cannot be used; None when it holds no picture."""
    try:
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in PICTURE_SUFFIXES:
                return picture_from_file(Path(url.toLocalFile()))
        for kind in ("image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp"):
            if mime.hasFormat(kind):
                png, _, _ = to_png(bytes(mime.data(kind).data()), "the pasted picture",
                                   SourceError)
                return Figure("pasted.png", "", png)
    except BrieferError as exc:
        return str(exc)
    return None


class PictureBox(QWidget):
    """The section's picture: shown small, with its caption; insert or replace it from a file,
    a drop or the clipboard, or remove it."""

    picture_changed = Signal(object)  # Figure | None
    caption_edited = Signal(str)
    alt_edited = Signal(str)
    insert_requested = Signal()
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.thumb = QLabel("No picture\n(drop one here)")
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setFixedSize(112, 70)
        self.thumb.setStyleSheet("border: 1px dashed #94A3B8; color: #64748B; font-size: 11px;")
        self.thumb.setAccessibleName("Picture")
        self.caption = QLineEdit()
        self.caption.setPlaceholderText("Caption")
        self.caption.setAccessibleName("Picture caption")
        self.caption.textEdited.connect(self.caption_edited)
        self.alt = QLineEdit()
        self.alt.setPlaceholderText("Alt text (what a screen reader says; default: the caption)")
        self.alt.setAccessibleName("Picture alt text")
        self.alt.textEdited.connect(self.alt_edited)
        self.insert_button = _button("Insert…", "Insert a picture from a file (PNG, JPEG, GIF, "
                                     "BMP or WebP)", self.insert_requested.emit)
        self.paste_button = _button("Paste", "Paste a picture copied from another program",
                                    self.paste)
        self.remove_button = _button("Remove", "Remove the picture",
                                     lambda: self.picture_changed.emit(None))
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for button in (self.insert_button, self.paste_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side = QVBoxLayout()
        side.addLayout(buttons)
        side.addWidget(self.caption)
        side.addWidget(self.alt)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumb)
        layout.addLayout(side, 1)
        self.figure: Figure | None = None
        self._png: bytes | None = None

    def set_value(self, figure: Figure | None, png: bytes | None) -> None:
        """Show *figure*; *png* is its picture already through the gate (or None)."""
        self.figure = figure
        if png != self._png:
            self._png = png
            image = QImage()
            if png:  # the gate's own PNG, never the file's bytes: decoded as PNG only
                image.loadFromData(png, "PNG")
            if image.isNull():
                self.thumb.clear()
                self.thumb.setText("No picture\n(drop one here)" if figure is None
                                   else "Picture cannot\nbe shown")
            else:
                self.thumb.setPixmap(QPixmap.fromImage(image).scaled(
                    self.thumb.size(), Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
        caption = figure.caption if figure else ""
        if self.caption.text() != caption:
            self.caption.setText(caption)
        self.caption.setEnabled(figure is not None)
        alt = figure.alt if figure else ""
        if self.alt.text() != alt:
            self.alt.setText(alt)
        self.alt.setEnabled(figure is not None)
        self.remove_button.setEnabled(figure is not None)
        self.insert_button.setText("Replace…" if figure is not None else "Insert…")

    def _take(self, mime: QMimeData) -> bool:
        result = picture_from_mime(mime)
        if isinstance(result, Figure):
            if self.figure is not None:
                result = Figure(result.path, self.figure.caption, result.data, self.figure.alt)
            self.picture_changed.emit(result)
            return True
        if isinstance(result, str):
            self.failed.emit(result)
            return True
        return False

    def paste(self) -> None:
        if not self._take(QGuiApplication.clipboard().mimeData()):
            self.failed.emit(f"The clipboard holds no picture ({FORMAT_NAMES})")

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _has_picture(mime: QMimeData) -> bool:
        return any(u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in PICTURE_SUFFIXES
                   for u in mime.urls()) or any(mime.hasFormat(f"image/{k}")
                                                for k in ("png", "jpeg", "gif", "bmp", "webp"))

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._has_picture(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        if self._take(event.mimeData()):
            event.acceptProposedAction()
