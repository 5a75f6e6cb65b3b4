"""The main window: section list | preview | inspector, with menus, toolbar and status bar.

It wires the panels to one DeckDocument, re-lays the deck out after every change (coalesced
with a zero-delay timer, so a burst of keystrokes costs one layout), runs exports off the GUI
thread, autosaves, and remembers its geometry. All questions go through self.prompts.

A newly opened document, and any deck whose layout has turned slow, is laid out on a
background thread (LayoutRunner), so a hostile file never freezes the window; small edits to a
deck that lays out quickly stay on the GUI thread, where they are fastest.
"""

from __future__ import annotations

import gc
import logging
import time
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QToolBar,
    QWidget,
)

from briefer.deck import edits
from briefer.deck.model import Deck
from briefer.errors import BrieferError
from briefer.gui import icons
from briefer.gui.autosave import Autosaver, find_orphans
from briefer.gui.document import ANALYSIS_SUFFIXES, DECK_SUFFIX, DeckDocument, new_deck, read_file
from briefer.gui.export import Exporter
from briefer.gui.inspector import Inspector
from briefer.gui.layout_runner import LayoutResult, LayoutRunner, lay_out
from briefer.gui.preview import PreviewPane
from briefer.gui.progress import ExportProgress
from briefer.gui.prompts import Prompts
from briefer.gui.section_list import SectionPanel
from briefer.gui.settings import AppSettings
from briefer.gui.warnings_panel import WarningsPanel
from briefer.layout.context import LayoutWarning
from briefer.layout.model import LaidOutDeck
from briefer.markings import banner_colors
from briefer.resources import DEFAULT_ANALYSIS, DEFAULT_TEMPLATE
from briefer.source.library import builtin_analyses
from briefer.templates import Template

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1400, 860)
OPENABLE = (DECK_SUFFIX, *ANALYSIS_SUFFIXES)
SLOW_LAYOUT_MS = 40  # above this, edits are laid out in the background, after a pause in typing
PROGRESS_DELAY_MS = 300  # an export shorter than this never shows its progress window
# Window commands that a focused text field must not take for itself (a QLineEdit reads Ctrl+E
# as "end of line" on Linux): they work from every widget.
GLOBAL_COMMANDS = ("new", "open_analysis", "open_deck", "save", "save_as", "export_pptx",
                   "export_pdf", "quit")


def _openable(urls) -> list[Path]:
    return [Path(u.toLocalFile()) for u in urls
            if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in OPENABLE]


def _one_line(message: str, limit: int = 200) -> str:
    """The first line of *message*, cut to *limit* characters."""
    line = next((part.strip() for part in message.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _is_undo_key(event: QEvent) -> bool:
    combo = event.keyCombination().toCombined()
    return any(combo == QKeySequence(k)[0].toCombined() for k in ("Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y"))


def _settle_heap() -> None:
    """Once the first deck is on screen, what the app holds for good (modules, fonts, Qt's
    wrappers, the first layout) is left out of Python's full garbage collections: each would
    otherwise walk all of it, a 20–90 ms pause in the middle of an edit of a large deck."""
    if not getattr(_settle_heap, "done", False):
        _settle_heap.done = True  # type: ignore[attr-defined]
        gc.freeze()


class MainWindow(QMainWindow):
    """briefer's only window. `preview_updated` fires once the preview shows the current deck."""

    preview_updated = Signal()

    def __init__(self, document: DeckDocument, settings: AppSettings, data_dir: Path,
                 prompts: Prompts | None = None, autosave_ms: int | None = None):
        super().__init__()
        self.document = document
        document.setParent(self)  # the document (and its undo stack) go before the actions do
        self.settings = settings
        self.data_dir = Path(data_dir)
        self.prompts = prompts or Prompts(self)
        self.laid: LaidOutDeck | None = None
        self.warnings: list[LayoutWarning] = []
        self.last_refresh_ms = 0.0
        self._current_key: tuple | None = None
        self._following_strip = False
        self._holding = False  # while a layout lacking the section shown is put in the preview

        self.exporter = Exporter(self)
        self.autosaver = Autosaver(document, self.data_dir / "autosave",
                                   autosave_ms or settings.autosave_interval_ms(), self)
        self.progress: ExportProgress | None = None
        self.result_box: QMessageBox | None = None
        self.layout_runner = LayoutRunner(self)
        self._layout_seq = 0  # bumps with every layout asked for; only the newest is shown
        self._layout_pending: int | None = None  # the background request still awaited
        self._shown_seq = 0  # the request whose result the preview shows

        self.sections = SectionPanel(document)
        self.preview = PreviewPane()
        self.warnings_panel = WarningsPanel()
        self.inspector = Inspector(document)

        self.center = QSplitter(Qt.Orientation.Vertical)
        self.center.addWidget(self.preview)
        self.center.addWidget(self.warnings_panel)
        self.center.setStretchFactor(0, 1)
        self.center.setCollapsible(0, False)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.sections)
        self.main_splitter.addWidget(self.center)
        self.main_splitter.addWidget(self.inspector)
        self.main_splitter.setStretchFactor(1, 1)
        for i in range(3):
            self.main_splitter.setCollapsible(i, False)
        self.sections.setMinimumWidth(220)
        # the inspector's minimum is its forms' own (Inspector.minimumSizeHint)
        self.setCentralWidget(self.main_splitter)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh)

        self.actions_: dict[str, QAction] = {}
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()
        self.sections.bind_buttons(self.actions_)
        self._connect()
        self._restore_settings()
        self.setAcceptDrops(True)
        self.setWindowIcon(icons.icon("briefer"))
        self._update_title()
        self.request_layout()  # whatever file was opened, the window shows before it is laid out
        self._select_first_section()
        self._watch_children()
        self._set_tab_order()

    # ------------------------------------------------------------ actions
    def _action(self, name: str, text: str, slot, shortcut=None, icon: str | None = None,
                tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon:
            action.setIcon(icons.icon(icon))
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        label = text.replace("&", "").rstrip("…")
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or label} ({keys})" if keys else (tip or label))
        action.setStatusTip(tip or label)
        action.triggered.connect(slot)
        self.actions_[name] = action
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        a = self._action
        a("new", "&New…", self.new_choice, QKeySequence.StandardKey.New, "new",
          "Start a new deck: from a blank analysis, the current analysis or a file")
        a("new_blank", "&Blank Analysis", self.new_blank, None, None,
          "Start a blank analysis and add your own sections")
        a("new_from_current", "Deck from the &Current Analysis", self.new_deck, None, None,
          "Start a new deck from the current analysis, every section on")
        a("new_from_file", "Deck from a &File…", self.open_analysis, None, None,
          "Start a new deck from a Markdown or Word analysis")
        a("import_sections", "&Import Sections…", self.import_sections, "Ctrl+Shift+I", "import",
          "Bring sections from another analysis into this deck")
        a("save_analysis_as", "Save A&nalysis As…", self.save_analysis_as, None, None,
          "Write the deck's sections as a Markdown analysis (pictures alongside)")
        a("open_analysis", "Open &Analysis…", self.open_analysis, "Ctrl+Shift+O", "open-analysis",
          "Open an analysis written in Markdown")
        a("open_deck", "&Open Deck…", self.open_deck, QKeySequence.StandardKey.Open, "open",
          "Open a saved deck (.brief)")
        a("save", "&Save", self.save, QKeySequence.StandardKey.Save, "save", "Save the deck")
        a("save_as", "Save &As…", self.save_as, "Ctrl+Shift+S", "save-as",
          "Save the deck under a new name")
        a("export_pptx", "Export &PowerPoint…", lambda: self.export("pptx"), "Ctrl+E", "export-pptx",
          "Export the deck as a PowerPoint presentation")
        a("export_pdf", "Export P&DF…", lambda: self.export("pdf"), "Ctrl+Shift+E", "export-pdf",
          "Export the deck as a PDF document")
        a("quit", "&Quit", self.close, QKeySequence.StandardKey.Quit, "quit", "Quit briefer")
        self.actions_["quit"].setShortcuts([QKeySequence("Ctrl+Q")])
        self.actions_["quit"].setMenuRole(QAction.MenuRole.QuitRole)

        stack = self.document.undo_stack
        undo = a("undo", "&Undo", lambda: self._undo_redo(False), "Ctrl+Z", "undo",
                 "Undo the last change")
        redo = a("redo", "&Redo", lambda: self._undo_redo(True), ["Ctrl+Shift+Z", "Ctrl+Y"],
                 "redo", "Redo the last undone change")
        undo.setIconText("Undo")
        redo.setIconText("Redo")
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(lambda text: self._undo_text(undo, "Undo", text))
        stack.redoTextChanged.connect(lambda text: self._undo_text(redo, "Redo", text))
        undo.setEnabled(False)
        redo.setEnabled(False)

        a("select_all", "Include &All Sections", lambda: self._select_all(True), "Ctrl+Shift+A",
          "select-all", "Include every section")
        a("select_none", "&Exclude All Sections", lambda: self._select_all(False), None,
          "select-none", "Exclude every section")
        self.actions_["select_all"].setIconText("All")
        self.actions_["select_none"].setIconText("None")
        a("toggle", "&Include/Exclude Section", self.toggle_current, None, None,
          "Switch the current section on or off (Space in the list)")
        a("move_up", "Move Section &Up", lambda: self.move_current(-1), "Ctrl+Up", "move-up",
          "Move the current section up")
        a("move_down", "Move Section Do&wn", lambda: self.move_current(1), "Ctrl+Down", "move-down",
          "Move the current section down")
        self.actions_["move_up"].setIconText("Up")
        self.actions_["move_down"].setIconText("Down")
        toggle = self.actions_["toggle"]
        toggle.setShortcut(QKeySequence(Qt.Key.Key_Space))
        toggle.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.removeAction(toggle)
        self.sections.view.addAction(toggle)

        a("add_section", "&Add Section", self.add_section, "Ctrl+Shift+N", "section-add",
          "Add a new section after the current one")
        a("duplicate_section", "D&uplicate Section", self.duplicate_section, "Ctrl+D",
          "section-duplicate", "Add a copy of the current section after it")
        a("delete_section", "&Delete Section", self.delete_section,
          QKeySequence(Qt.Key.Key_Delete), "section-delete",
          "Delete the current section (Ctrl+Z brings it back)")
        a("rename_section", "&Rename Section", self.rename_section, "F2", None,
          "Edit the current section's title")
        self.actions_["add_section"].setIconText("Add")
        # Delete and F2 edit text and cells elsewhere: they act on sections from the list and
        # the slides only
        for name in ("delete_section", "rename_section"):
            action = self.actions_[name]
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.removeAction(action)
            self.sections.view.addAction(action)
            self.preview.strip.addAction(action)

        a("prev_slide", "&Previous Slide", lambda: self.preview.show_slide(self.preview.current - 1),
          "Ctrl+PgUp")
        a("next_slide", "&Next Slide", lambda: self.preview.show_slide(self.preview.current + 1),
          "Ctrl+PgDown")
        a("focus_sections", "Go to &Sections", lambda: self.sections.view.setFocus(), "Ctrl+1")
        a("focus_preview", "Go to S&lides", lambda: self.preview.strip.setFocus(), "Ctrl+2")
        a("focus_inspector", "Go to &Inspector", self._focus_inspector, "Ctrl+3")
        a("help", "briefer &Help", self.show_help, QKeySequence.StandardKey.HelpContents, "help",
          "The workflow, shortcuts, the analysis format and templates")
        self.actions_["help"].setShortcuts([QKeySequence("F1")])
        a("shortcuts", "&Keyboard Shortcuts", self.show_shortcuts, "Ctrl+/", None,
          "Every keyboard shortcut")
        a("about", "&About briefer", self._about, None, "info")

    def _make_menus(self) -> None:
        bar = self.menuBar()
        act = self.actions_
        file_menu = bar.addMenu("&File")
        file_menu.addAction(act["new"])
        self.new_menu = file_menu.addMenu("New &From")
        for name in ("new_blank", "new_from_current", "new_from_file"):
            self.new_menu.addAction(act[name])
        file_menu.addAction(act["open_analysis"])
        self.samples_menu = file_menu.addMenu("Open &Built-in Analysis")
        for name in builtin_analyses():
            sample = self.samples_menu.addAction(name)
            sample.triggered.connect(lambda _=False, n=name: self.open_builtin(n))
        file_menu.addAction(act["open_deck"])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        file_menu.addAction(act["save"])
        file_menu.addAction(act["save_as"])
        file_menu.addAction(act["save_analysis_as"])
        file_menu.addSeparator()
        file_menu.addAction(act["import_sections"])
        file_menu.addSeparator()
        file_menu.addAction(act["export_pptx"])
        file_menu.addAction(act["export_pdf"])
        self._add_export_menu(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(act["quit"])

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(act["undo"])
        edit_menu.addAction(act["redo"])
        edit_menu.addSeparator()
        for name in ("toggle", "select_all", "select_none", "move_up", "move_down"):
            edit_menu.addAction(act[name])

        section_menu = bar.addMenu("Se&ction")
        self.section_menu_ = section_menu
        for name in ("add_section", "duplicate_section", "delete_section", "rename_section", None,
                     "toggle", "move_up", "move_down", None, "import_sections"):
            if name is None:
                section_menu.addSeparator()
            else:
                section_menu.addAction(act[name])

        view_menu = bar.addMenu("&View")
        for name in ("prev_slide", "next_slide"):
            view_menu.addAction(act[name])
        view_menu.addSeparator()
        for name in ("focus_sections", "focus_preview", "focus_inspector"):
            view_menu.addAction(act[name])

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(act["help"])
        help_menu.addAction(act["shortcuts"])
        help_menu.addSeparator()
        help_menu.addAction(act["about"])

    def _make_toolbar(self) -> None:
        bar = QToolBar("Main toolbar")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(bar.iconSize().scaled(20, 20, Qt.AspectRatioMode.KeepAspectRatio))
        act = self.actions_
        short = {"new": "New", "open_analysis": "Analysis", "open_deck": "Open", "save": "Save",
                 "undo": "Undo", "redo": "Redo", "export_pptx": "PowerPoint", "export_pdf": "PDF",
                 "add_section": "Section", "delete_section": "Delete", "help": "Help"}
        for name in ("new", "open_analysis", "open_deck", "save", None, "undo", "redo", None,
                     "add_section", "delete_section", None, "export_pptx", "export_pdf"):
            if name is None:
                bar.addSeparator()
                continue
            action = act[name]
            bar.addAction(action)
            button = bar.widgetForAction(action)
            if button is not None:
                action.setIconText(short[name])
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        new_button = bar.widgetForAction(act["new"])
        if new_button is not None:  # the arrow beside New offers the three starts directly
            new_button.setMenu(self.new_menu)
            new_button.setPopupMode(new_button.ToolButtonPopupMode.MenuButtonPopup)
        self.addToolBar(bar)
        self.toolbar = bar

    def _undo_redo(self, redo: bool) -> None:
        """Undo or redo one step. A section it brings back (a delete undone, an add redone) is
        selected, and the status bar says what was undone, instead of keeping a message such
        as "Deleted … Undo brings it back" that the step has just made untrue."""
        stack = self.document.undo_stack
        if not (stack.canRedo() if redo else stack.canUndo()):
            return
        text = stack.redoText() if redo else stack.undoText()
        before = {sid for sid, _ in self.document.deck.entries}
        stack.redo() if redo else stack.undo()
        back = [sid for sid, _ in self.document.deck.entries if sid not in before]
        if back:
            self.sections.set_current(back[0])
        self.show_status(f"{'Redone' if redo else 'Undone'}: {text}", 4000)

    @staticmethod
    def _undo_text(action: QAction, verb: str, text: str) -> None:
        action.setText(f"&{verb} {text}" if text else f"&{verb}")
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{verb} {text} ({keys})" if text else f"{verb} ({keys})")

    def _make_status_bar(self) -> None:
        """The left part holds the window's own messages ('Export cancelled') in a label, not as
        the status bar's temporary message: menu and toolbar tips ('Save the deck') cover it
        while hovered and it comes back, instead of being wiped by them."""
        status = self.statusBar()
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        status.addWidget(self.message, 1)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message.clear)
        self.slide_count = QLabel()
        self.autosave_label = QLabel()
        self.autosave_label.setObjectName("panelNote")
        status.addPermanentWidget(self.autosave_label)
        status.addPermanentWidget(self.slide_count)

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """Say *text* in the status bar until *timeout_ms* passes (0: until the next message)."""
        self.message.setText(text)
        self.message.setToolTip(text)
        if timeout_ms > 0:
            self._message_timer.start(timeout_ms)
        else:
            self._message_timer.stop()

    def status_message(self) -> str:
        return self.message.text()

    def _connect(self) -> None:
        doc = self.document
        doc.deck_changed.connect(self._deck_changed)
        doc.renamed.connect(self._follow_renames)
        doc.reset.connect(self._document_reset)
        doc.path_changed.connect(lambda _p: self._update_title())
        doc.undo_stack.cleanChanged.connect(self._clean_changed)
        self.sections.current_changed.connect(self._section_chosen)
        self.sections.view.activated.connect(lambda _index: self._focus_inspector())
        self.sections.view.customContextMenuRequested.connect(self._section_list_menu)
        self.sections.explained.connect(lambda text: self.show_status(_one_line(text, 300), 10_000))
        self.preview.strip.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.preview.strip.customContextMenuRequested.connect(self._strip_menu)
        self.preview.strip.clicked.connect(lambda index: self._slide_clicked(index.row()))
        editor = self.inspector.section_editor
        editor.insert_picture.connect(self.insert_picture)
        editor.message.connect(lambda text: self.show_status(_one_line(text), 10_000))
        self.inspector.template_picker.failed.connect(
            lambda text: self.prompts.error("Cannot add the template", text))
        self.inspector.template_picker.problems.connect(self._master_problems)
        self.inspector.template_picker.add_requested.connect(self._add_master)
        self.preview.current_changed.connect(self._slide_chosen)
        self.warnings_panel.section_activated.connect(self._warning_section)
        self.inspector.template_chosen.connect(self.settings.set_last_template)
        self.inspector.template_picker.thumbnail_failed.connect(
            lambda message: self.show_status(_one_line(message), 10_000))
        self.exporter.progress.connect(self._export_progress)
        self.exporter.finished.connect(self._export_finished)
        self.exporter.failed.connect(self._export_failed)
        self.exporter.cancelled.connect(self._export_cancelled)
        self.layout_runner.done.connect(self._layout_done)
        self.autosaver.saved.connect(
            lambda _p: self.autosave_label.setText(f"Autosaved {time.strftime('%H:%M')}"))
        self.autosaver.failed.connect(lambda m: self.show_status(f"Autosave failed: {m}"))
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_changed)

    # ------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
            screen = QApplication.primaryScreen()
            if screen is not None:
                frame = self.frameGeometry()
                frame.moveCenter(screen.availableGeometry().center())
                self.move(frame.topLeft())
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        main = self.settings.splitter("main")
        if main is None or not self.main_splitter.restoreState(main):
            width = self.width()
            left, right = round(width * 0.22), round(width * 0.27)
            self.main_splitter.setSizes([left, width - left - right, right])
        center = self.settings.splitter("center")
        if center is None or not self.center.restoreState(center):
            self.center.setSizes([self.height() - 130, 90])

    def save_settings(self) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState(),
                                  {"main": self.main_splitter.saveState(),
                                   "center": self.center.saveState()})

    # ------------------------------------------------------------ deck → views
    def _deck_changed(self, _deck: Deck) -> None:
        # a slow deck goes to the background thread at once, before the views repaint (it keeps
        # only the newest request, so keystrokes never queue behind one layout each; only the
        # sections an edit changed are laid out again: see layout.engine); a quick one is laid
        # out here once the event loop turns, after every change of this turn
        if self.layout_busy or self.last_refresh_ms > SLOW_LAYOUT_MS:
            self.request_layout()
        elif not self._refresh_timer.isActive():
            self._refresh_timer.start(0)

    def _follow_renames(self, renamed: dict[str, str]) -> None:
        """The slide shown belongs to a section that changed id: it stays the one shown."""
        if self._current_key is not None and self._current_key[0] in renamed:
            self._current_key = (renamed[self._current_key[0]], *self._current_key[1:])

    def _document_reset(self) -> None:
        self._current_key = None
        self._update_title()

    @property
    def layout_busy(self) -> bool:
        """True while the preview waits for a background layout of the current deck."""
        return self._layout_pending is not None

    def _refresh(self) -> None:
        """After an edit: lay out here if that is quick, else in the background."""
        if self.layout_busy or self.last_refresh_ms > SLOW_LAYOUT_MS:
            self.request_layout()
        else:
            self.refresh_preview()

    def request_layout(self) -> None:
        """Lay the current deck out on the background thread; the window stays responsive.

        The preview keeps what it shows until the result arrives (then preview_updated fires);
        the status bar says a layout is under way.
        """
        self._refresh_timer.stop()
        self._layout_seq += 1
        self._layout_pending = self._layout_seq
        self.slide_count.setText("Laying out…")
        self.slide_count.setToolTip("The preview follows once the deck is laid out")
        self.layout_runner.request(self._layout_seq, self.document.deck)

    def _layout_done(self, result: LayoutResult) -> None:
        """Newest result wins: one older than what is shown is dropped; one newer is shown even
        while a still newer request runs, so a slow deck being typed into keeps up."""
        if result.seq <= self._shown_seq:
            return
        if result.seq == self._layout_pending:
            self._layout_pending = None
        current = result.deck is self.document.deck and self._layout_pending is None
        self._show_result(result, time.perf_counter() - result.ms / 1000, announce=current)

    def refresh_preview(self) -> None:
        """Lay the current deck out here and now and show it everywhere; then emit
        preview_updated. Supersedes any background layout still under way.

        A failed layout (bad input, or a bug in the layout) never takes the window down: the
        last good preview stays, and a one-line message says why it is not current.
        """
        started = time.perf_counter()
        self._refresh_timer.stop()
        self._layout_seq += 1
        self._layout_pending = None
        self._show_result(lay_out(self._layout_seq, self.document.deck), started)

    def _show_result(self, result: LayoutResult, started: float, announce: bool = True) -> None:
        """Show a layout (or why there is none); *announce* it with preview_updated when it is
        of the current deck."""
        self._shown_seq = result.seq
        if result.error is not None or result.laid is None or result.template is None:
            self._preview_failed(result.error or "no layout", started, announce)
            return
        try:
            self._show_layout(result.deck, result.template, result.laid, result.warnings)
        except Exception as exc:  # a bug while drawing: same as a failed layout
            log.exception("cannot show the laid-out deck")
            self._preview_failed(f"unexpected {type(exc).__name__}: {exc}", started, announce)
            return
        if not announce:
            self.slide_count.setText("Laying out…")
        self.last_refresh_ms = (time.perf_counter() - started) * 1000
        if announce:
            self.preview_updated.emit()
        _settle_heap()

    def _preview_failed(self, message: str, started: float, announce: bool = True) -> None:
        line = _one_line(message)
        self.warnings_panel.set_warnings([], line)
        self.slide_count.setText("Preview not updated")  # stays until a layout succeeds
        self.slide_count.setToolTip(line)
        self.show_status(f"Preview not updated: {line}", 10_000)
        self.last_refresh_ms = (time.perf_counter() - started) * 1000
        if announce:
            self.preview_updated.emit()

    def _show_layout(self, deck: Deck, template: Template, laid: LaidOutDeck,
                     warnings: list[LayoutWarning]) -> None:
        self.laid, self.warnings = laid, warnings
        counts = Counter(s.section_id for s in laid.slides if s.section_id)
        by_section: dict[str, list[str]] = {}
        for warning in warnings:
            if warning.section_id:
                by_section.setdefault(warning.section_id, []).append(str(warning))
        self.sections.model.set_layout_info(dict(counts), by_section)
        key = self._current_key
        # a layout older than the deck can lack the section shown (just added, or named since):
        # the preview stays where it is meanwhile, and the next layout goes to that section
        self._holding = key is not None and key[0] is not None and self.document.deck.has(
            key[0]) and not any(s.section_id == key[0] for s in laid.slides)
        try:
            self.preview.set_deck(laid, self._find_slide(laid))
        finally:
            self._holding = False
        self.warnings_panel.set_warnings(warnings)
        colors = banner_colors(laid.marking, template.marking) if laid.marking else ("#E5E7EB", "#374151")
        self.preview.badge.set_marking(laid.marking, colors)
        self._explain_marking(deck, laid.marking)
        main = sum(1 for s in laid.slides if s.number and not s.number.startswith("B-"))
        backup = sum(1 for s in laid.slides if s.number.startswith("B-"))
        text = f"{main} slide{'s' * (main != 1)}" + (f" + {backup} backup" if backup else "")
        if warnings:
            text += f"  ·  {len(warnings)} warning{'s' if len(warnings) > 1 else ''}"
        self.slide_count.setText(f"{text}  ·  {deck.template}")
        self.slide_count.setToolTip("")

    def _explain_marking(self, deck: Deck, marking: str) -> None:
        """The badge's tooltip (and a note on the Deck tab) name what raised the marking."""
        own = deck.meta.classification
        wanted = marking.casefold()
        raised = [s.title for s in deck.selected_sections()
                  if (s.classification or "").strip().casefold() == wanted]
        if not marking:
            tip = "No marking: neither the deck nor any section it includes is marked"
        elif own.strip().casefold() == wanted and not raised:
            tip = f"{marking}: the deck's own marking (Deck tab)"
        else:
            names = ", ".join(f"“{t}”" for t in raised[:4]) + (" …" if len(raised) > 4 else "")
            tip = (f"{marking}: the highest marking of what the deck includes, raised by "
                   f"section{'s' if len(raised) > 1 else ''} {names}")
            if own.strip().casefold() != wanted:
                tip += f" (the deck itself is marked {own})" if own else " (the deck itself is unmarked)"
        self.preview.badge.setToolTip(tip)
        self.inspector.deck_editor.show_computed(marking, raised if own.strip().casefold()
                                                 != wanted else [])

    def _slide_key(self, laid: LaidOutDeck, row: int) -> tuple | None:
        if not 0 <= row < len(laid.slides):
            return None
        slide = laid.slides[row]
        kind = (slide.section_id, slide.kind)
        same = [i for i, s in enumerate(laid.slides) if (s.section_id, s.kind) == kind]
        return (slide.section_id, slide.kind, same.index(row))

    def _find_slide(self, laid: LaidOutDeck) -> int:
        key = self._current_key
        if key is None:  # a new document: the section selected while it was being laid out
            sid = self.sections.current_id()
            firsts = [i for i, s in enumerate(laid.slides) if sid and s.section_id == sid]
            return firsts[0] if firsts else max(0, self.preview.current)
        sid, kind, nth = key
        matches = [i for i, s in enumerate(laid.slides) if (s.section_id, s.kind) == (sid, kind)]
        if matches:
            return matches[min(nth, len(matches) - 1)]
        if sid is not None:
            firsts = [i for i, s in enumerate(laid.slides) if s.section_id == sid]
            if firsts:
                return firsts[0]
        return max(0, min(self.preview.current, len(laid.slides) - 1))

    def _slide_chosen(self, row: int) -> None:
        if self.laid is None or self._holding:
            return
        self._current_key = self._slide_key(self.laid, row)
        slide = self.laid.slides[row] if 0 <= row < len(self.laid.slides) else None
        if slide is not None and slide.section_id and slide.section_id != self.sections.current_id():
            self._following_strip = True
            try:
                self.sections.set_current(slide.section_id)
            finally:
                self._following_strip = False

    def _slide_clicked(self, row: int) -> None:
        """A click on a slide selects its section; on one of no section (title, agenda,
        divider) no section stays highlighted."""
        if self.laid is None or not 0 <= row < len(self.laid.slides):
            return
        sid = self.laid.slides[row].section_id
        self._following_strip = True
        try:
            if sid:
                self.sections.set_current(sid)
            else:
                self.sections.clear_current()
        finally:
            self._following_strip = False

    def _section_chosen(self, section_id: str | None) -> None:
        self.inspector.show_section(section_id)
        if self._following_strip or section_id is None or self.laid is None:
            return
        # the next layout shows this section even when the one shown is older than the deck
        # (a section just named had another id in it) and its row is the current one already
        self._current_key = (section_id, None, 0)
        for row, slide in enumerate(self.laid.slides):
            if slide.section_id == section_id:
                self.preview.show_slide(row)
                break
        else:  # a section not laid out yet (just added): the preview goes to it once it is
            self._current_key = (section_id, None, 0)

    def _warning_section(self, section_id: str) -> None:
        self.sections.set_current(section_id)
        self.inspector.setCurrentIndex(0)

    def _select_first_section(self) -> None:
        if self.document.deck.entries:
            self.sections.view.setCurrentIndex(self.sections.model.index(0))

    # ------------------------------------------------------------ title and state
    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name()}[*] — briefer")
        self.setWindowModified(self.document.modified)

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
        if clean:
            self.autosave_label.setText("")

    # ------------------------------------------------------------ section commands
    def _select_all(self, on: bool) -> None:
        deck = self.document.deck
        if any(flag != on for _, flag in deck.entries):
            self.document.push(edits.select_all(deck, on))

    def toggle_current(self) -> None:
        sid = self.sections.current_id()
        if sid is None:
            return
        deck = self.document.deck
        self.document.push(edits.toggle(deck, sid, not dict(deck.entries)[sid]))

    def move_current(self, step: int) -> None:
        sid = self.sections.current_id()
        if sid is None:
            return
        row = self.sections.model.row_of(sid)
        target = row + step
        if 0 <= target < len(self.document.deck.entries):
            self.document.push(edits.move(self.document.deck, sid, target))
            self.sections.set_current(sid)

    def _focus_inspector(self) -> None:
        self.inspector.setCurrentIndex(0)
        self.inspector.section_editor.title.setFocus()

    def _push_sections(self, step: edits.ChangeSections, select: str | None) -> None:
        """Push a change of which sections exist as its own undo step and select *select*."""
        self.document.end_typing()
        self.document.push(step)
        self.document.end_typing()
        if select is not None:
            self.sections.set_current(select)
        elif not self.document.deck.entries:
            self.inspector.show_section(None)

    @staticmethod
    def _new_ids(step: edits.ChangeSections) -> list[str]:
        before = {sid for sid, _ in step.before.entries}
        return [sid for sid, _ in step.after.entries if sid not in before]

    def add_section(self) -> None:
        """A new section after the current one; its title is selected, ready to type over.
        Until that title is left, the section's id follows it (see DeckDocument.naming)."""
        step = edits.new_section(self.document.deck, self.sections.current_id())
        self._push_sections(step, self._new_ids(step)[0])
        self.document.naming = self._new_ids(step)[0]
        self.rename_section()

    def duplicate_section(self) -> None:
        """A copy after the current section; renamed straight away (F2), its id follows."""
        sid = self.sections.current_id()
        if sid is None:
            return
        step = edits.duplicate_section(self.document.deck, sid)
        self._push_sections(step, self._new_ids(step)[0])
        self.document.naming = self._new_ids(step)[0]
        self.show_status(f"{step.label}; the copy follows it in the list", 6000)

    def delete_section(self) -> None:
        """Delete the current section; undo brings it back. The status bar says how many
        slides went with it."""
        sid = self.sections.current_id()
        if sid is None:
            return
        deck = self.document.deck
        on = dict(deck.entries).get(sid, False)
        slides = self.sections.model.counts.get(sid, 0) if on else 0
        row = self.sections.model.row_of(sid)
        step = edits.delete_section(deck, sid, slides)
        rest = [s for s, _ in step.after.entries]
        neighbour = rest[min(row, len(rest) - 1)] if rest else None
        self._push_sections(step, neighbour)
        self.show_status(f"{step.label.replace('Delete', 'Deleted', 1)}. Undo (Ctrl+Z) brings "
                         "it back.", 8000)

    def rename_section(self) -> None:
        if self.sections.current_id() is None:
            return
        self.inspector.setCurrentIndex(0)
        title = self.inspector.section_editor.title
        title.setFocus()
        title.selectAll()

    def section_menu(self) -> QMenu:
        """The section's right-click menu (section list and slides), shown without blocking."""
        menu = QMenu(self)
        has = self.sections.current_id() is not None
        for name in ("add_section", "duplicate_section", "delete_section", "rename_section",
                     None, "toggle", "move_up", "move_down", None, "import_sections"):
            if name is None:
                menu.addSeparator()
                continue
            action = self.actions_[name]
            action.setEnabled(has or name in ("add_section", "import_sections"))
            menu.addAction(action)
        menu.aboutToHide.connect(lambda: [self.actions_[n].setEnabled(True) for n in (
            "duplicate_section", "delete_section", "rename_section", "toggle", "move_up",
            "move_down")])
        self.context_menu = menu
        return menu

    def _section_list_menu(self, pos) -> None:
        view = self.sections.view
        index = view.indexAt(pos)
        if index.isValid():
            view.setCurrentIndex(index)
        self.section_menu().popup(view.viewport().mapToGlobal(pos))

    def _strip_menu(self, pos) -> None:
        strip = self.preview.strip
        index = strip.indexAt(pos)
        if index.isValid():
            self.preview.show_slide(index.row())
            self._slide_clicked(index.row())
        self.section_menu().popup(strip.viewport().mapToGlobal(pos))

    def insert_picture(self) -> None:
        """Insert (or replace) the current section's picture from a file, through the gate."""
        from briefer.gui.section_editors import picture_from_file

        path = self.prompts.open_path("picture", self._start_folder())
        if path is None:
            return
        try:
            figure = picture_from_file(Path(path))
        except BrieferError as exc:
            self.prompts.error("Cannot insert the picture", str(exc))
            return
        self.inspector.section_editor.set_picture(figure)

    def import_sections(self) -> None:
        """Bring chosen sections of another analysis in after the current one."""
        path = self.prompts.open_path("import", self._start_folder())
        if path is None:
            return
        from briefer.source.library import load_analysis

        try:
            other = load_analysis(str(Path(path).resolve()))
        except BrieferError as exc:
            self.prompts.error("Cannot import sections", str(exc))
            return
        if not other.sections:
            self.prompts.error("Cannot import sections", f"{Path(path).name} has no sections")
            return
        ids = self.prompts.pick_sections(Path(path).name, [(s.id, s.title)
                                                           for s in other.sections])
        if not ids:
            return
        step = edits.import_sections(self.document.deck, other, ids, self.sections.current_id(),
                                     Path(path).name)
        self._push_sections(step, self._new_ids(step)[0])
        self.show_status(step.label, 6000)

    def new_choice(self) -> None:
        choice = self.prompts.choose_new()
        {"blank": self.new_blank, "current": self.new_deck, "file": self.open_analysis}.get(
            choice or "", lambda: None)()

    def new_blank(self) -> None:
        """A blank analysis: no sections yet, a title to change."""
        if not self.confirm_discard():
            return
        from briefer.source.model import Analysis, AnalysisMeta

        analysis = Analysis(AnalysisMeta(title="Untitled briefing"))
        template = self.settings.last_template() or DEFAULT_TEMPLATE
        self._replace(Deck.new(analysis, "", template), None)
        self.show_status("A blank analysis: add sections with Section ▸ Add Section "
                         "(Ctrl+Shift+N)", 10_000)

    def save_analysis_as(self) -> bool:
        """Write the deck's sections as a Markdown analysis, pictures in images/ beside it."""
        from briefer.deck.analysis import save_analysis

        suggested = self._start_folder() / f"{self.document.suggested_stem()}-analysis.md"
        path = self.prompts.save_path("md", suggested)
        if path is None:
            return False
        try:
            problems = save_analysis(self.document.deck, Path(path))
        except BrieferError as exc:
            self.prompts.error("Cannot save the analysis", str(exc))
            return False
        note = f" ({len(problems)} picture{'s' * (len(problems) > 1)} left out)" if problems else ""
        self.show_status(f"Saved the analysis {Path(path).name}{note}", 6000)
        return True

    def show_help(self) -> None:
        from briefer.gui.help import HelpDialog, help_html
        from briefer.templates import template_entries

        templates = [(e.name, e.template.description if e.template else f"cannot be used: "
                      f"{e.error}") for e in template_entries()]
        self.help_dialog = HelpDialog(help_html(self.actions_, templates), self)
        self.help_dialog.show()

    def show_shortcuts(self) -> None:
        from briefer.gui.help import ShortcutsDialog, shortcut_rows

        self.shortcuts_dialog = ShortcutsDialog(shortcut_rows(self.actions_), self)
        self.shortcuts_dialog.show()

    def _add_master(self) -> None:
        path = self.prompts.open_path("template", self._start_folder())
        if path is not None:
            self.inspector.template_picker.add_master(Path(path))

    def _master_problems(self, name: str, lines: list[str]) -> None:
        problems = [line.split(None, 1)[1] for line in lines if line.startswith("problem")]
        self.show_status(f"Added template “{name}”" + (f": {len(problems)} problem"
                                                      f"{'s' * (len(problems) > 1)} with its "
                                                      "master, listed below the preview"
                                                      if problems else ""), 10_000)

    # ------------------------------------------------------------ files
    def confirm_discard(self) -> bool:
        """True when the current deck may be replaced (saved, discarded or unchanged)."""
        if not self.document.modified:
            return True
        answer = self.prompts.save_changes(self.document.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def _start_folder(self) -> Path:
        if self.document.path is not None:
            return self.document.path.parent
        recent = self.settings.recent_files()
        return recent[0].parent if recent else Path.home()

    def new_deck(self) -> None:
        if not self.confirm_discard():
            return
        try:
            deck = new_deck(self.document.deck.analysis_ref, self.settings.last_template())
        except BrieferError as exc:
            self.prompts.error("Cannot start a new deck", str(exc))
            return
        self._replace(deck, None)

    def open_builtin(self, name: str = DEFAULT_ANALYSIS) -> None:
        if not self.confirm_discard():
            return
        try:
            deck = new_deck(name, self.settings.last_template())
        except BrieferError as exc:
            self.prompts.error("Cannot open the analysis", str(exc))
            return
        self._replace(deck, None)

    def open_analysis(self) -> None:
        path = self.prompts.open_path("analysis", self._start_folder())
        if path is not None:
            self.open_path(path)

    def open_deck(self) -> None:
        path = self.prompts.open_path("deck", self._start_folder())
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path, confirm: bool = True) -> bool:
        """Open a .brief deck or an analysis (.md, .docx); errors are shown and change nothing."""
        if confirm and not self.confirm_discard():
            return False
        try:
            deck, saved = read_file(Path(path), self.settings.last_template())
        except BrieferError as exc:
            if not Path(path).exists():
                self.settings.remove_recent(Path(path))
            self.prompts.error("Cannot open the file", str(exc))
            return False
        except Exception as exc:  # a reader bug on a strange file: say so, keep the window
            log.exception("cannot open %s", path)
            self.prompts.error("Cannot open the file",
                               f"{Path(path).name}: unexpected {type(exc).__name__}: {exc}")
            return False
        self._replace(deck, saved)
        self.settings.add_recent(Path(path))
        self.show_status(f"Opened {Path(path).name}", 4000)
        return True

    def _replace(self, deck: Deck, path: Path | None, modified: bool = False) -> None:
        self.autosaver.discard(keep_lock=True)
        self.document.replace(deck, path, modified)
        self._select_first_section()  # now that the section list shows the new deck
        self.request_layout()  # a file may be hostile: never lay it out on the GUI thread

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        suggested = self._start_folder() / f"{self.document.suggested_stem()}{DECK_SUFFIX}"
        path = self.prompts.save_path("deck", suggested)
        return False if path is None else self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            saved = self.document.save(path)
        except BrieferError as exc:
            self.prompts.error("Cannot save the deck", str(exc))
            return False
        self.settings.add_recent(saved)
        self._update_title()
        self.show_status(f"Saved {saved.name}", 4000)
        return True

    def _fill_recent_menu(self) -> None:
        menu: QMenu = self.recent_menu
        menu.clear()
        files = self.settings.recent_files()
        for number, path in enumerate(files, 1):
            action = menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if files:
            menu.addSeparator()
        clear = menu.addAction("&Clear Menu")
        clear.setEnabled(bool(files))
        clear.triggered.connect(self.settings.clear_recent)

    # ------------------------------------------------------------ export
    def _add_export_menu(self, file_menu: QMenu) -> None:
        """File ▸ Export As: one action per (product, format) in the renderer registry."""
        from briefer.render import PRODUCTS

        self.export_menu = file_menu.addMenu("Export &As")
        self.export_actions: dict[tuple[str, str], QAction] = {}
        for (product, fmt), entry in PRODUCTS.items():
            action = self.export_menu.addAction(entry.label)
            action.setObjectName(f"export-{product}-{fmt}")
            action.triggered.connect(lambda _=False, p=product, f=fmt: self.export(f, p))
            self.export_actions[product, fmt] = action

    def export(self, fmt: str, product: str = "slides") -> None:
        if self.exporter.busy:
            return
        stem = self.document.suggested_stem() + ("" if product == "slides" else f"-{product}")
        suggested = self._start_folder() / f"{stem}.{fmt}"
        path = self.prompts.save_path(fmt, suggested)
        if path is not None:
            self.start_export(path, product)

    def _export_enabled(self, enabled: bool) -> None:
        for name in ("export_pptx", "export_pdf"):
            self.actions_[name].setEnabled(enabled)
        self.export_menu.setEnabled(enabled)

    def start_export(self, path: Path, product: str = "slides") -> None:
        """Export the deck as it is now to *path*, on a worker thread.

        The progress window shows only if the export is still running after a moment; its
        Cancel reaches the worker for as long as the job lives, and the window is gone for good
        (hidden, its timer stopped) before any result is reported.
        """
        if self.exporter.busy:
            return
        path = Path(path)
        dialog = ExportProgress(path.name, self)
        dialog.cancel_requested.connect(self.exporter.cancel)
        self.progress = dialog
        self.exporter.start(self.document.deck, path, product)
        dialog.start(PROGRESS_DELAY_MS)
        self._export_enabled(False)
        self.show_status(f"Exporting {path.name}…")

    def _export_progress(self, message: str) -> None:
        if self.progress is not None:
            self.progress.step(message)
        self.show_status(message)

    def _export_done(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress = None
        self._export_enabled(True)

    def _export_finished(self, path: Path, warnings: list[str]) -> None:
        self._export_done()
        self.show_status(f"Exported {path.name}", 6000)
        if self.result_box is not None:  # an earlier box still open: this one replaces it
            self.result_box.done(0)
        # shown without a nested event loop: the window's own loop keeps running meanwhile
        self.result_box = self.prompts.export_done(
            path, warnings, lambda answer: self._export_answered(path, answer), self)

    def _export_answered(self, path: Path, answer: str | None) -> None:
        self.result_box = None
        if answer == "open":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif answer == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def _export_failed(self, message: str) -> None:
        self._export_done()
        self.show_status("Export failed", 6000)
        self.prompts.error("Export failed", message)

    def _export_cancelled(self) -> None:
        self._export_done()
        self.show_status("Export cancelled", 4000)

    # ------------------------------------------------------------ recovery
    def offer_recovery(self) -> bool:
        """Offer autosaves left by a crash; True if one was opened.

        A copy that cannot be opened now (its analysis file is missing, a section was renamed)
        is never deleted: the user is told where it is, and it is offered again next start.
        """
        for orphan in find_orphans(self.autosaver.folder):
            if orphan.deck_file == self.autosaver.deck_file:
                continue
            if not self.prompts.recover(orphan):
                orphan.remove()
                continue
            try:
                deck = orphan.load()
            except Exception as exc:  # BrieferError, or a bug: either way the copy is kept
                if not isinstance(exc, BrieferError):
                    log.exception("cannot recover %s", orphan.deck_file)
                reason = str(exc) if isinstance(exc, BrieferError) \
                    else f"unexpected {type(exc).__name__}: {exc}"
                self.prompts.error(
                    "Cannot recover the deck",
                    f"{reason}\n\nThe unsaved work is kept in {orphan.deck_file} and will be "
                    "offered again the next time briefer starts.")
                continue
            self._replace(deck, orphan.origin, modified=True)
            if self.autosaver.save_now():  # only once the work is safe in this window's copy
                orphan.remove()
            self.show_status("Recovered unsaved work; save it to keep it", 8000)
            return True
        return False

    # ------------------------------------------------------------ events
    def _set_tab_order(self) -> None:
        """Left to right, top to bottom: sections, slides, warnings, inspector."""
        editor = self.inspector.section_editor
        chain: list[QWidget] = [self.sections.filter, self.sections.view,
                                *self.sections.buttons.values(), self.preview.strip,
                                self.warnings_panel.list, self.inspector.tabBar(), editor.include,
                                editor.title, editor.kind, editor.role, editor.marking,
                                editor.bullets, editor.notes]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _watch_children(self) -> None:
        """Filter the widgets that would otherwise swallow Ctrl+Z, Ctrl+E or file drops."""
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox
                          | QComboBox | QAbstractItemView):
                widget.installEventFilter(self)
                if isinstance(widget, QAbstractScrollArea):
                    widget.viewport().installEventFilter(self)

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self.document.end_typing()

    def _is_global_key(self, event: QEvent) -> bool:
        combo = event.keyCombination().toCombined()
        return any(seq.count() == 1 and seq[0].toCombined() == combo
                   for name in GLOBAL_COMMANDS for seq in self.actions_[name].shortcuts())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and (_is_undo_key(event)
                                                     or self._is_global_key(event)):
            # not the field's to take: its own undo (one stack for every edit), or a window
            # command such as Ctrl+E that a line edit would read as "end of line"
            return True
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) \
                and event.mimeData().hasUrls() and _openable(event.mimeData().urls()):
            self._file_drop(event)
            return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and _openable(event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and _openable(event.mimeData().urls()):
            self._file_drop(event)

    def _file_drop(self, event) -> None:
        """Accept a dragged analysis or .brief anywhere in the window; open it when dropped."""
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            path = _openable(event.mimeData().urls())[0]
            QTimer.singleShot(0, lambda: self.open_path(path))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.confirm_discard():
            event.ignore()
            return
        if self.exporter.busy:
            self.exporter.cancel()
            self.exporter.wait()
        self.layout_runner.close()
        self.save_settings()
        self.autosaver.discard()
        event.accept()

    def _about(self) -> None:
        from briefer import __version__

        self.prompts.about(__version__)
