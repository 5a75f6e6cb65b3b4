"""The inspector: edit the current section, the deck's properties and its template.

Every keystroke becomes a core edit pushed on the undo stack (consecutive typing in one field
merges into one step). When the deck changes from elsewhere (undo, another panel) the fields
are refreshed, but only if their text no longer says the same thing, so typing never jumps.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefer.dates import format_as_of
from briefer.deck import edits
from briefer.deck.model import META_FIELDS, Deck, format_bullet_lines, parse_bullet_lines
from briefer.errors import BrieferError
from briefer.gui import icons, labels
from briefer.gui.document import DeckDocument
from briefer.gui.section_editors import PairEditor, PictureBox, SourcesEditor, TableEditor
from briefer.gui.template_picker import TemplatePicker
from briefer.images import load_figure
from briefer.source.model import MAX_LEVEL, Bullet, Figure, Section, Table
from briefer.templates import Template, load_template

INDENT = "  "


def parse_notes(text: str) -> tuple[str, ...]:
    """Speaker notes as prose paragraphs: blank lines separate them."""
    return tuple(p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip())


def set_text_keeping_cursor(editor: QPlainTextEdit | QLineEdit, text: str) -> None:
    if isinstance(editor, QLineEdit):
        pos = editor.cursorPosition()
        editor.setText(text)
        editor.setCursorPosition(min(pos, len(text)))
        return
    pos = editor.textCursor().position()
    editor.setPlainText(text)
    cursor = editor.textCursor()
    cursor.setPosition(min(pos, len(text)))
    editor.setTextCursor(cursor)


class BulletGutter(QWidget):
    """Draws each line's bullet (•, –, ·) in the margin, so wrapped lines read as one point."""

    MARKS = ("•", "–", "·")

    def __init__(self, editor: BulletEditor):
        super().__init__(editor)
        self.editor = editor

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        editor = self.editor
        painter.fillRect(self.rect(), editor.palette().color(QPalette.ColorRole.AlternateBase))
        painter.setPen(QColor("#2563EB"))
        block = editor.firstVisibleBlock()
        offset = editor.contentOffset()
        height = editor.fontMetrics().height()
        while block.isValid():
            top = editor.blockBoundingGeometry(block).translated(offset).top()
            if top > self.height():
                break
            text = block.text()
            if text.strip():
                level = min((len(text) - len(text.lstrip(" "))) // len(INDENT), MAX_LEVEL)
                painter.drawText(QRectF(0, top, self.width() - 4, height),
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                                 self.MARKS[level])
            block = block.next()


class LinkHighlighter(QSyntaxHighlighter):
    """Shows `[words](URL)` in a key point as a link: the words in link blue, the URL muted.
    Colour only: what a line means is read by the Markdown reader's code (parse_bullet_lines)."""

    LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\n]*(?:\([^)\n]*\)[^)\n]*)*)\)")

    def __init__(self, document) -> None:
        super().__init__(document)
        self.words = QTextCharFormat()
        self.words.setForeground(QColor("#1D4ED8"))
        self.words.setFontUnderline(True)
        self.url = QTextCharFormat()
        self.url.setForeground(QColor("#64748B"))

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        for match in self.LINK.finditer(text):
            self.setFormat(match.start(1), match.end(1) - match.start(1), self.words)
            self.setFormat(match.end(1), match.end() - match.end(1), self.url)


class BulletEditor(QPlainTextEdit):
    """One bullet per line; two spaces of indent per sub-level (Ctrl+] / Ctrl+[ to change);
    links as `[words](URL)`, as in an analysis."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        QShortcut(QKeySequence("Ctrl+]"), self, lambda: self.shift_lines(1),
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Ctrl+["), self, lambda: self.shift_lines(-1),
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.highlighter = LinkHighlighter(self.document())
        self.gutter = BulletGutter(self)
        self.setViewportMargins(self._gutter_width(), 0, 0, 0)
        self.updateRequest.connect(lambda *_: self.gutter.update())

    def focusInEvent(self, event) -> None:  # noqa: N802
        """A new section's stand-in point is selected, so what the user types replaces it."""
        super().focusInEvent(event)
        if self.toPlainText() == edits.NEW_POINT:
            self.selectAll()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Enter starts the next point at the level of the one it leaves, as outliners do."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier):
            cursor = self.textCursor()
            line = self.document().findBlock(cursor.selectionStart()).text()
            cursor.insertText("\n" + line[: len(line) - len(line.lstrip(" "))])
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            return
        super().keyPressEvent(event)

    def _gutter_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("•") + 12

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.gutter.setGeometry(rect.left(), rect.top(), self._gutter_width(), rect.height())

    def shift_lines(self, step: int) -> None:
        """Indent (step 1) or outdent (-1) every line the selection touches."""
        cursor = self.textCursor()
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart()).blockNumber()
        last = doc.findBlock(cursor.selectionEnd()).blockNumber()
        edit = QTextCursor(doc)
        edit.beginEditBlock()
        for number in range(first, last + 1):
            block = doc.findBlockByNumber(number)
            text = block.text()
            spaces = len(text) - len(text.lstrip(" "))
            level = spaces // len(INDENT)
            new_level = max(0, min(MAX_LEVEL, level + step))
            # a blank line is left alone in a selection, but the line being typed is not
            if new_level == level or (not text.strip() and first != last):
                continue
            edit.setPosition(block.position())
            edit.setPosition(block.position() + spaces, QTextCursor.MoveMode.KeepAnchor)
            edit.insertText(INDENT * new_level)
        edit.endEditBlock()


# the section's content kind (what its slides show) and its role (where they go)
CONTENT_KINDS = (("bullets", "Key points"), ("timeline", "Timeline"), ("figures", "Key figures"),
                 ("table", "Table"))
ROLES = (("normal", "Normal"), ("summary", "Bottom line up front"), ("closing", "Closing"),
         ("backup", "Backup"))
ROLE_TIPS = {
    "normal": "A main section: it goes where you put it in the list",
    "summary": "Bottom line up front: shown straight after the title slide",
    "closing": "Closing: shown after the main sections (conclusions, recommendations)",
    "backup": "Backup: shown after a Backup divider, numbered B-1, B-2 …",
}


def role_of(section: Section) -> str:
    if section.kind in ("summary", "closing"):
        return section.kind
    return "backup" if section.backup else "normal"


def content_of(section: Section) -> str:
    return "bullets" if section.kind in ("summary", "closing") else section.kind


def points_of_table(table: Table | None) -> tuple[Bullet, ...]:
    """A table's rows as key points ('first cell: the others'), for a table turned to bullets."""
    if table is None:
        return ()
    return tuple(Bullet(f"{row[0]}: {'; '.join(c for c in row[1:] if c)}" if any(row[1:])
                        else row[0]) for row in table.rows if any(row))


def table_of_points(points: tuple[Bullet, ...]) -> Table:
    """Key points as a two-column table ('value: label' split), for bullets turned to a table."""
    rows = []
    for point in points:
        value, sep, label = point.text.partition(": ")
        rows.append((value, label) if sep else (point.text, ""))
    return Table(("Item", "Detail"), tuple(rows) or (("", ""),))


class SectionEditor(QWidget):
    """Title, kind, role, marking, content (bullets, timeline, key figures or a table), picture,
    sources and notes of one section."""

    insert_picture = Signal()
    message = Signal(str)

    def __init__(self, document: DeckDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.section_id: str | None = None
        self._syncing = False
        self._last_line = -1
        self._levels: tuple[str, ...] = ()

        self.heading = QLabel()
        self.heading.setObjectName("panelNote")
        self.heading.setWordWrap(True)
        self.include = QCheckBox("In&clude in the deck")
        self.title = QLineEdit()
        self.title.setAccessibleName("Section title")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Section kind")
        for value, text in CONTENT_KINDS:
            self.kind.addItem(text, value)
        self.role = QComboBox()
        self.role.setAccessibleName("Section role")
        for value, text in ROLES:
            self.role.addItem(text, value)
            self.role.setItemData(self.role.count() - 1, ROLE_TIPS[value],
                                  Qt.ItemDataRole.ToolTipRole)
        self.marking = QComboBox()
        self.marking.setEditable(True)
        self.marking.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.marking.setAccessibleName("Section classification")
        self.marking.lineEdit().setPlaceholderText("unmarked (the deck's marking)")
        self.marking.setToolTip("This section's marking. The deck shows the highest marking of "
                                "the sections it includes. Clear it to leave the section unmarked.")
        self.bullets = BulletEditor()
        self.bullets.setAccessibleName("Key points")
        self.bullets.setPlaceholderText("One key point per line\n  indented lines become sub-points")
        self.bullets.setMinimumHeight(150)
        self.timeline = PairEditor("Date", "Event", dates=True)
        self.figures = PairEditor("Value", "Label", dates=False)
        self.table = TableEditor()
        self.picture = PictureBox()
        self.sources = SourcesEditor()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName("Speaker notes")
        self.notes.setPlaceholderText("Notes for the presenter; a blank line starts a new paragraph")
        self.notes.setMinimumHeight(90)

        title_label = QLabel("T&itle")
        title_label.setBuddy(self.title)
        self.points_label = QLabel("Key &points")
        self.points_label.setBuddy(self.bullets)
        notes_label = QLabel("Speaker &notes")
        notes_label.setBuddy(self.notes)
        self.indent_button = QToolButton()
        self.indent_button.setIcon(icons.icon("indent"))
        self.indent_button.setToolTip("Indent the selected lines (Ctrl+])")
        self.indent_button.setAccessibleName("Indent")
        self.indent_button.setAutoRaise(True)
        self.indent_button.clicked.connect(lambda: (self.bullets.shift_lines(1), self.bullets.setFocus()))
        self.outdent_button = QToolButton()
        self.outdent_button.setIcon(icons.icon("outdent"))
        self.outdent_button.setToolTip("Outdent the selected lines (Ctrl+[)")
        self.outdent_button.setAccessibleName("Outdent")
        self.outdent_button.setAutoRaise(True)
        self.outdent_button.clicked.connect(lambda: (self.bullets.shift_lines(-1), self.bullets.setFocus()))
        for button in (self.indent_button, self.outdent_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        points_row = QHBoxLayout()
        points_row.addWidget(self.points_label)
        points_row.addStretch(1)
        points_row.addWidget(self.outdent_button)
        points_row.addWidget(self.indent_button)
        hint = labels.note("One bullet per line. Indent two spaces (Ctrl+]) for a sub-bullet. "
                           "A link: [words](https://…).")
        bullets_page = QWidget()
        bullets_layout = QVBoxLayout(bullets_page)
        bullets_layout.setContentsMargins(0, 0, 0, 0)
        bullets_layout.addLayout(points_row)
        bullets_layout.addWidget(self.bullets, 1)
        bullets_layout.addWidget(hint)
        self.content = QStackedWidget()
        self.pages = {"bullets": bullets_page, "timeline": self.timeline,
                      "figures": self.figures, "table": self.table}
        for page in self.pages.values():
            self.content.addWidget(page)

        grid = QFormLayout()
        grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget in (("&Kind", self.kind), ("&Role", self.role),
                             ("&Marking", self.marking)):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addRow(label, widget)

        self.empty = QLabel("Select a section in the list to edit it.")
        self.empty.setObjectName("panelNote")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(6)
        form.addWidget(self.heading)
        form.addWidget(self.include)
        form.addWidget(title_label)
        form.addWidget(self.title)
        form.addLayout(grid)
        form.addWidget(self.content, 3)
        self.picture_box = QGroupBox("Picture")
        QVBoxLayout(self.picture_box).addWidget(self.picture)
        form.addWidget(self.picture_box)
        self.sources_box = QGroupBox("Sources")
        QVBoxLayout(self.sources_box).addWidget(self.sources)
        form.addWidget(self.sources_box)
        form.addWidget(notes_label)
        form.addWidget(self.notes, 2)
        scroll = _scrolling(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 4, 12)
        layout.addWidget(scroll)
        layout.addWidget(self.empty)
        self.scroll = scroll

        self.title.textEdited.connect(self._title_edited)
        self.title.editingFinished.connect(self._title_finished)
        document.renamed.connect(self._follow_renames)
        self.bullets.textChanged.connect(self._bullets_changed)
        self.notes.textChanged.connect(self._notes_changed)
        self.include.toggled.connect(self._include_toggled)
        self.kind.activated.connect(self._kind_chosen)
        self.role.activated.connect(self._role_chosen)
        self.marking.activated.connect(self._marking_picked)
        self.marking.lineEdit().textEdited.connect(self._marking_typed)
        self.timeline.changed.connect(lambda points: self._push_step("points", points, "events"))
        self.timeline.rejected.connect(self.message)
        self.figures.changed.connect(lambda points: self._push_step("points", points,
                                                                    "key figures"))
        self.table.changed.connect(lambda table: self._push_step("table", table, "table"))
        self.sources.changed.connect(lambda sources: self._push_step("sources", sources,
                                                                     "sources"))
        self.picture.picture_changed.connect(self.set_picture)
        self.picture.caption_edited.connect(self._caption_edited)
        self.picture.alt_edited.connect(self._alt_edited)
        self.picture.insert_requested.connect(self.insert_picture)
        self.picture.failed.connect(self.message)
        document.deck_changed.connect(self.sync)
        self.show_section(None)

    def show_section(self, section_id: str | None) -> None:
        if section_id != self.section_id:
            self.document.end_typing()
            self._last_line = -1
            if self.document.naming not in (None, section_id):  # left before it was named
                self.document.naming = None
        self.section_id = section_id
        deck = self.document.deck
        known = section_id is not None and deck.has(section_id)
        self.scroll.setVisible(known)
        self.empty.setVisible(not known)
        if known:
            self._fill(deck, force=True)
            self.scroll.verticalScrollBar().setValue(0)  # another section: from its top

    def sync(self, deck: Deck) -> None:
        if self.section_id is not None and not deck.has(self.section_id):
            self.show_section(None)
        elif self.section_id is not None:
            self._fill(deck, force=False)

    def _sync_levels(self, deck: Deck) -> None:
        try:
            levels = load_template(deck.template).marking.levels
        except BrieferError:
            levels = self._levels
        if levels != self._levels:
            text = self.marking.currentText()
            self.marking.clear()
            self.marking.addItems(list(levels))
            self.marking.setEditText(text)
            self._levels = levels

    def _fill(self, deck: Deck, force: bool) -> None:
        sid = self.section_id
        assert sid is not None
        section = deck.section(sid)
        on = dict(deck.entries).get(sid, False)
        self._syncing = True
        try:
            self._sync_levels(deck)
            own = "made in this deck" if sid in deck.added else "from the analysis"
            self.heading.setText(f"Section “{sid}” · {own}")
            if self.include.isChecked() != on:
                self.include.setChecked(on)
            role, content = role_of(section), content_of(section)
            self.role.setCurrentIndex(self.role.findData(role))
            self.kind.setCurrentIndex(self.kind.findData(content))
            fixed = role in ("summary", "closing")
            self.kind.setEnabled(not fixed)
            self.kind.setToolTip("A bottom line up front or closing section holds key points"
                                 if fixed else "What the section's slides show")
            self.role.setToolTip(ROLE_TIPS[role])
            if self.marking.currentText() != (section.classification or ""):
                self.marking.setEditText(section.classification or "")
            self.content.setCurrentWidget(self.pages[content])
            self.timeline.set_value(section.points)
            self.figures.set_value(section.points)
            self.table.set_value(section.table)
            self.sources.set_value(section.sources)
            self._show_picture(deck, section)
            if force:  # another section: fresh text, cursors at the start of the lists
                self.title.setText(section.title)
                self.bullets.setPlainText(format_bullet_lines(section.points))
                self.notes.setPlainText(section.notes)
                return
            if self.title.text() != section.title:
                set_text_keeping_cursor(self.title, section.title)
            if parse_bullet_lines(self.bullets.toPlainText()) != section.points:
                set_text_keeping_cursor(self.bullets, format_bullet_lines(section.points))
            if parse_notes(self.notes.toPlainText()) != section.prose:
                set_text_keeping_cursor(self.notes, section.notes)
        finally:
            self._syncing = False

    def _show_picture(self, deck: Deck, section: Section) -> None:
        figure = section.image
        png = None
        if figure is not None:
            try:
                png, _, _ = load_figure(deck.analysis.folder, figure)  # the picture gate
            except BrieferError:
                png = None
        self.picture.set_value(figure, png)

    # ------------------------------------------------------------ widgets → deck
    def _edited(self) -> str | None:
        """The section a change in the form is for; None while the form is being filled from
        the deck (that is no edit) or when no section is shown."""
        return None if self._syncing else self.section_id

    def _label(self, what: str) -> str:
        # name the section by its title before this burst: the title may be what is changing
        deck = self.document.deck
        section = deck.base(self.section_id) if what == "title" else deck.section(self.section_id)
        return f"Edit {what} of “{section.title}”"

    def _title_edited(self, text: str) -> None:
        sid = self.section_id
        if not self._syncing and sid is not None and sid == self.document.naming:
            # a section just made: its id follows the title (one undo step, "Name section")
            step = edits.name_section(self.document.deck, sid, text)
            if step is not None:
                self.document.push(step, merge_key="name", naming=True)
            return
        self._push_field("title", text, "title")

    def _title_finished(self) -> None:
        """Enter, or focus gone from the title: a section being named keeps the id it has."""
        if self.document.naming == self.section_id:
            self.document.naming = None

    def _follow_renames(self, renamed: dict[str, str]) -> None:
        """The section shown changed id (being named, or that undone): keep showing it."""
        if self.section_id in renamed:
            self.section_id = renamed[self.section_id]

    def _bullets_changed(self) -> None:
        """Typing within a line merges into one step; a new or removed bullet starts a step of
        its own, and an indent change is a step by itself."""
        sid = self._edited()
        if sid is None:
            return
        points = parse_bullet_lines(self.bullets.toPlainText())
        old = self.document.deck.section(sid).points
        if points == old:
            return
        line = self.bullets.textCursor().blockNumber()
        indent_only = len(points) == len(old) and [(p.text, p.links) for p in points] == [
            (p.text, p.links) for p in old]
        if indent_only:
            self.document.end_typing()
            self._push_field("points", points, "indent")
            self.document.end_typing()
            self._last_line = -1
            return
        if len(points) != len(old) or line != self._last_line:
            self.document.end_typing()
        self._last_line = line
        deck = self.document.deck  # the sources follow the links, in the same step
        self.document.push(edits.edit_points(deck, sid, points, self._label("key points")),
                           merge_key=f"points:key points:{sid}")

    def _notes_changed(self) -> None:
        self._push_field("prose", parse_notes(self.notes.toPlainText()), "notes")

    def _push_field(self, field: str, value: object, what: str) -> None:
        """One undoable edit of a section field; bursts of typing merge into one step."""
        sid = self._edited()
        if sid is None:
            return
        deck = self.document.deck
        if value == getattr(deck.section(sid), field):
            return
        self.document.push(edits.edit_section(deck, sid, self._label(what), **{field: value}),
                           merge_key=f"{field}:{what}:{sid}")

    def _push_step(self, field: str, value: object, what: str, **more: object) -> None:
        """One undoable edit that never merges with typing before or after it."""
        sid = self._edited()
        if sid is None:
            return
        deck = self.document.deck
        section = deck.section(sid)
        changes = {field: value, **more}
        if all(getattr(section, k) == v for k, v in changes.items()):
            return
        self.document.end_typing()
        self.document.push(edits.edit_section(deck, sid, self._label(what), **changes))
        self.document.end_typing()

    def _include_toggled(self, on: bool) -> None:
        sid = self._edited()
        if sid is None:
            return
        deck = self.document.deck
        if dict(deck.entries).get(sid) != on:
            self.document.push(edits.toggle(deck, sid, on))

    def _kind_chosen(self, index: int) -> None:
        sid = self._edited()
        if sid is None:
            return
        section = self.document.deck.section(sid)
        kind = self.kind.itemData(index)
        if kind == content_of(section):
            return
        changes: dict[str, object] = {}
        # a new section's stand-in point is no event, figure or row: it is left behind
        stand_in = section.points == (Bullet(edits.NEW_POINT),)
        points = () if stand_in else section.points
        if kind == "table":  # the key points become the table's rows
            changes = {"table": section.table or table_of_points(points), "points": ()}
        elif section.kind == "table" or (section.table is not None and not section.points):
            changes = {"points": section.points or points_of_table(section.table), "table": None}
        elif stand_in and kind != "bullets":
            changes = {"points": ()}
        self._push_step("kind", kind, f"kind ({self.kind.itemText(index).lower()})", **changes)

    def _role_chosen(self, index: int) -> None:
        sid = self._edited()
        if sid is None:
            return
        section = self.document.deck.section(sid)
        role = self.role.itemData(index)
        if role == role_of(section):
            return
        content = content_of(section)
        label = f"role ({self.role.itemText(index).lower()})"
        if role in ("summary", "closing"):  # key points only: a table's rows become points
            points = section.points or points_of_table(section.table)
            self._push_step("kind", role, label, backup=False, points=points, table=None)
        else:
            self._push_step("kind", content, label, backup=role == "backup")

    def _marking_picked(self, index: int) -> None:
        """A marking picked from the list is an undo step of its own; typing after it is another."""
        self._push_step("classification", self.marking.itemText(index) or None, "marking")

    def _marking_typed(self, text: str) -> None:
        value = " ".join(text.split()) or None
        sid = self._edited()
        if sid is None or value == self.document.deck.section(sid).classification:
            return
        self.document.push(edits.edit_section(self.document.deck, sid, self._label("marking"),
                                              classification=value),
                           merge_key=f"classification:{sid}")

    def set_picture(self, figure: Figure | None) -> None:
        """Insert, replace (keeping the caption) or remove (None) the section's picture."""
        sid = self.section_id
        if sid is None:
            return
        section = self.document.deck.section(sid)
        if figure is not None and section.image is not None and not figure.caption:
            figure = replace(figure, caption=section.image.caption)
        images = (figure, *section.images[1:]) if figure is not None else section.images[1:]
        what = "picture" if figure is None or section.image is None else "picture (replaced)"
        verb = "Remove" if figure is None else "Insert" if section.image is None else "Replace"
        self.document.end_typing()
        self.document.push(edits.edit_section(self.document.deck, sid,
                                              f"{verb} the {what.split()[0]} of “{section.title}”",
                                              images=images))
        self.document.end_typing()

    def _caption_edited(self, text: str) -> None:
        self._picture_text_edited("caption", text)

    def _alt_edited(self, text: str) -> None:
        self._picture_text_edited("alt", text)

    def _picture_text_edited(self, field: str, text: str) -> None:
        """The picture's caption or alt text typed: one undo step per field and burst."""
        sid = self.section_id
        if sid is None:
            return
        section = self.document.deck.section(sid)
        if section.image is None:
            return
        figure = replace(section.image, **{field: " ".join(text.split())})
        self._push_field("images", (figure, *section.images[1:]), field)


META_LABELS = {
    "title": "T&itle",
    "subtitle": "S&ubtitle",
    "presenter": "&Presenter",
    "organisation": "&Organisation",
    "as_of": "&As of",
    "classification": "&Classification",
}


# the deck's standard slides: option name, check box label, what it does
STANDARD_SLIDES = (
    ("title", "Title s&lide", "Title slide: open the deck with a title slide"),
    ("summary", "Botto&m line up front",
     "Bottom line up front: show the summary sections first (off: leave them out)"),
    ("agenda", "A&genda", "Agenda: list the main sections after the opening"),
    ("closing", "Closi&ng slide",
     "Closing slide: show the closing sections after the main sections (off: leave them out)"),
    ("sources", "Sou&rces slide", "Sources slide: list the sources after the main sections"),
    ("backup", "&Backup section",
     "Backup section: backup sections after a Backup divider (off: leave them out)"),
)


class DeckEditor(QWidget):
    """The deck's title page and footer fields, its overall classification and standard slides."""

    def __init__(self, document: DeckDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._syncing = False
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for name in META_FIELDS:
            if name == "classification":
                combo = QComboBox()
                combo.setEditable(True)
                combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
                combo.lineEdit().setPlaceholderText("none")
                self.classification = combo
                editor = combo.lineEdit()
                widget: QWidget = combo
            else:
                editor = QLineEdit()
                widget = editor
            editor.setAccessibleName(META_LABELS[name].replace("&", ""))
            editor.textEdited.connect(lambda text, n=name: self._edited(n, text))
            self.fields[name] = editor
            label = QLabel(META_LABELS[name])
            label.setBuddy(widget)
            if name == "as_of":
                self.today = QToolButton()
                self.today.setText("Today")
                self.today.setToolTip("Set the as-of date to today")
                self.today.clicked.connect(self._today)
                row = QHBoxLayout()
                row.addWidget(editor, 1)
                row.addWidget(self.today)
                form.addRow(label, row)
                self.as_of_note = QLabel()
                self.as_of_note.setObjectName("panelNote")
                form.addRow("", self.as_of_note)
            else:
                form.addRow(label, widget)
            if name == "classification":
                self.marking_note = labels.note()
                self.marking_note.hide()
                form.addRow("", self.marking_note)
        self.fields["as_of"].setPlaceholderText("YYYY-MM-DD")
        self.fields["subtitle"].setPlaceholderText("optional")
        self.classification.activated.connect(self._classification_picked)
        self.classification.setToolTip(
            "The deck's own marking. The banner shows the highest of this and the markings of "
            "the sections the deck includes.")
        intro = labels.note("These appear on the title slide, in the footers and in the file's "
                            "properties.")
        self.slides_box = QGroupBox("Standard slides")
        slides_layout = QVBoxLayout(self.slides_box)
        slides_layout.setSpacing(4)
        self.slide_switches: dict[str, QCheckBox] = {}
        for name, label, tip in STANDARD_SLIDES:
            box = QCheckBox(label)
            box.setAccessibleDescription(tip)
            box.toggled.connect(lambda on, n=name: self._switched(n, on))
            self.slide_switches[name] = box
            slides_layout.addWidget(box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addSpacing(10)
        layout.addWidget(self.slides_box)
        layout.addStretch(1)
        document.deck_changed.connect(self.sync)
        self._levels: tuple[str, ...] = ()
        self.sync(document.deck)

    def sync(self, deck: Deck) -> None:
        self._syncing = True
        try:
            try:
                template: Template | None = load_template(deck.template)
            except BrieferError:  # the preview says why; the fields still follow the deck
                template = None
            levels = template.marking.levels if template is not None else self._levels
            if levels != self._levels:
                text = self.classification.currentText()
                self.classification.clear()
                self.classification.addItems(list(levels))  # no blank entry: clear the text
                self.classification.setEditText(text)
                self._levels = levels
            for name, editor in self.fields.items():
                value = getattr(deck.meta, name)
                if editor.text() != value:
                    set_text_keeping_cursor(editor, value)
            if template is not None:
                style = template.date_style
                shown = format_as_of(deck.meta.as_of, style) if deck.meta.as_of.strip() else ""
                self.as_of_note.setText(f"Shown as “{shown}”" if shown else "Not shown when empty")
            self._sync_switches(deck, template)
        finally:
            self._syncing = False

    def _sync_switches(self, deck: Deck, template: Template | None) -> None:
        """Each box shows the effective value: the deck's own choice, else the template's."""
        for name, _label, tip in STANDARD_SLIDES:
            box = self.slide_switches[name]
            default = template.slides.get(name, True) if template is not None else True
            on = deck.option(name, default)
            if box.isChecked() != on:
                box.setChecked(on)
            if template is None:
                box.setToolTip(tip)
                continue
            whose = "this deck's own choice" if name in deck.options else "as the template has it"
            box.setToolTip(f"{tip}.\nTemplate “{template.name}”: "
                           f"{'on' if default else 'off'} by default; now {whose}.")

    def _switched(self, name: str, on: bool) -> None:
        if self._syncing:
            return
        deck = self.document.deck
        try:
            default = load_template(deck.template).slides.get(name, True)
        except BrieferError:
            default = True
        if deck.option(name, default) == on:
            return
        label = next(text for n, text, _ in STANDARD_SLIDES if n == name).replace("&", "")
        # back at the template's own value, the deck follows the template again
        after = None if on == default else on
        self.document.end_typing()
        self.document.push(edits.SetOption(name, deck.options.get(name), after,
                                           f"{'Show' if on else 'Hide'} {label.lower()}"))

    def _edited(self, name: str, text: str) -> None:
        if self._syncing:
            return
        deck = self.document.deck
        if getattr(deck.meta, name) != text:
            self.document.push(edits.set_meta(deck, **{name: text}), merge_key=f"meta:{name}")

    def _classification_picked(self, _index: int) -> None:
        """A pick from the list is its own undo step; a marking typed after it is another."""
        self.document.end_typing()
        self._edited("classification", self.classification.currentText())
        self.document.end_typing()

    def show_computed(self, marking: str, raised_by: list[str]) -> None:
        """Say under the field when the banner shows more than the deck's own marking."""
        own = self.document.deck.meta.classification
        if marking and raised_by and marking != own:
            names = ", ".join(f"“{t}”" for t in raised_by[:3]) + (" …" if len(raised_by) > 3
                                                                   else "")
            self.marking_note.setText(f"The banner shows {marking}: raised by {names}")
        else:
            self.marking_note.setText("")
        self.marking_note.setVisible(bool(self.marking_note.text()))

    def _today(self) -> None:
        self.document.end_typing()
        self._edited("as_of", dt.date.today().isoformat())


MIN_WIDTH = 290


class Inspector(QTabWidget):
    """Section · Deck · Template tabs."""

    template_chosen = Signal(str)

    def __init__(self, document: DeckDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.section_editor = SectionEditor(document)
        self.deck_editor = DeckEditor(document)
        self.template_picker = TemplatePicker(document)
        self.template_picker.template_chosen.connect(self.template_chosen)
        self.addTab(self.section_editor, "&Section")
        self.addTab(_scrolling(self.deck_editor), "&Deck")
        self.addTab(self.template_picker, "&Template")
        self.setDocumentMode(True)

    def show_section(self, section_id: str | None) -> None:
        self.section_editor.show_section(section_id)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As wide as its widest form needs (the forms scroll only up and down), at least 290."""
        hint = super().minimumSizeHint()
        return QSize(max(MIN_WIDTH, hint.width()), hint.height())


class _FormArea(QScrollArea):
    """Scrolls a form up and down only: it asks for the form's whole minimum width, so the
    splitter never squeezes it and cuts off labels or columns at the side."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        widget = self.widget()
        if widget is None:
            return hint
        width = (widget.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
                 + 2 * self.frameWidth())
        return QSize(max(hint.width(), width), hint.height())


def _scrolling(widget: QWidget) -> QScrollArea:
    area = _FormArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area
