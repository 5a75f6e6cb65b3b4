"""Start the desktop app: QApplication setup, bundled fonts, the main window.

`run(path)` is what `briefer` and `briefer gui` call; `create_main_window` builds a shown
window for tests and benchmarks (settings and data kept under *settings_dir* when given).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from briefer import __version__, resources
from briefer.errors import BrieferError
from briefer.gui.document import DeckDocument, new_deck, read_file
from briefer.gui.main_window import MainWindow
from briefer.gui.prompts import Prompts
from briefer.gui.settings import AppSettings, data_dir

log = logging.getLogger(__name__)
_registered: dict[Path, list[str]] = {}

STYLE = """
QMainWindow, QSplitter { background: #F3F4F6; }
QSplitter::handle { background: #E2E5EA; }
QSplitter::handle:horizontal { width: 1px; }
QSplitter::handle:vertical { height: 1px; }
QToolBar#mainToolbar { background: #FFFFFF; border: none; border-bottom: 1px solid #E2E5EA;
                       spacing: 2px; padding: 3px 6px; }
QToolBar#mainToolbar QToolButton { padding: 4px 8px; border-radius: 4px; }
QToolBar#mainToolbar QToolButton:hover { background: #EEF2F7; }
QStatusBar { background: #FFFFFF; border-top: 1px solid #E2E5EA; }
QStatusBar QLabel { padding: 0 8px; }
QLabel#panelTitle { font-weight: bold; color: #111827; }
QLabel#panelNote { color: #6B7280; }
QFrame#hairline { color: #E2E5EA; }
QTabWidget::pane { border: none; background: #FFFFFF; }
"""


def register_fonts() -> dict[Path, list[str]]:
    """Add every bundled TTF to QFontDatabase; returns file → family names."""
    if not _registered:
        for path in sorted(resources.fonts_dir().glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            _registered[path] = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return _registered


def _palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#F3F4F6",
        QPalette.ColorRole.WindowText: "#1F2937",
        QPalette.ColorRole.Base: "#FFFFFF",
        QPalette.ColorRole.AlternateBase: "#F8FAFC",
        QPalette.ColorRole.Text: "#1F2937",
        QPalette.ColorRole.Button: "#F8F9FB",
        QPalette.ColorRole.ButtonText: "#1F2937",
        QPalette.ColorRole.Highlight: "#2563EB",
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.PlaceholderText: "#6B7280",
        QPalette.ColorRole.ToolTipBase: "#111827",
        QPalette.ColorRole.ToolTipText: "#F9FAFB",
        QPalette.ColorRole.Link: "#2563EB",
        QPalette.ColorRole.Mid: "#D1D5DB",
    }
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9CA3AF"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9CA3AF"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#9CA3AF"))
    return palette


def ensure_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created and styled once."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    if not app.property("briefer-ready"):
        app.setApplicationName("briefer")
        app.setApplicationDisplayName("briefer")
        app.setOrganizationName("briefer")
        app.setApplicationVersion(__version__)
        app.setDesktopFileName("briefer")
        app.setStyle("Fusion")
        app.setPalette(_palette())
        app.setStyleSheet(STYLE)
        register_fonts()
        app.setProperty("briefer-ready", True)
    return app


def create_main_window(path: Path | None = None, settings_dir: Path | None = None, *,
                       prompts: Prompts | None = None, autosave_ms: int | None = None,
                       recover: bool = False) -> MainWindow:
    """A shown main window on *path* (.brief or .md) or the built-in analysis.

    *settings_dir* keeps the settings file (and, unless BRIEFER_DATA_DIR says otherwise, the
    autosaves) out of the user's own folders. With *recover*, autosaves left by a crash are
    offered through *prompts* once the window shows.
    """
    ensure_app()
    settings = AppSettings(settings_dir)
    template = settings.last_template()
    problem: str | None = None
    deck, saved = None, None
    if path is not None:
        try:
            deck, saved = read_file(Path(path), template)
        except BrieferError as exc:
            problem = str(exc)
        except Exception as exc:  # a reader bug on a strange file: the window opens anyway
            log.exception("cannot open %s", path)
            problem = f"{Path(path).name}: unexpected {type(exc).__name__}: {exc}"
    if deck is None:
        try:
            deck = new_deck(template=template)
        except BrieferError:
            deck = new_deck()  # the remembered template is gone: fall back to the default
    document = DeckDocument(deck, saved)
    window = MainWindow(document, settings, data_dir(settings_dir), prompts, autosave_ms)
    if path is not None and problem is None:
        settings.add_recent(Path(path))
    window.show()
    if problem is not None:
        window.prompts.error("Cannot open the file", problem)
    if recover:
        window.offer_recovery()
    return window


def run(path: Path | None = None) -> int:
    """The app's entry point for `briefer` / `briefer gui [FILE]`; returns the exit code."""
    app = ensure_app()
    window = create_main_window(path)
    QTimer.singleShot(0, window.offer_recovery)
    return app.exec()
