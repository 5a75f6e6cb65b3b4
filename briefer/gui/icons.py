"""Icons: small SVG files in assets/icons (crisp at any scale), with a QStyle fallback."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from briefer import resources

_FALLBACK = {
    "new": QStyle.StandardPixmap.SP_FileIcon,
    "open": QStyle.StandardPixmap.SP_DirOpenIcon,
    "open-analysis": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "save": QStyle.StandardPixmap.SP_DialogSaveButton,
    "save-as": QStyle.StandardPixmap.SP_DialogSaveButton,
    "undo": QStyle.StandardPixmap.SP_ArrowBack,
    "redo": QStyle.StandardPixmap.SP_ArrowForward,
    "move-up": QStyle.StandardPixmap.SP_ArrowUp,
    "move-down": QStyle.StandardPixmap.SP_ArrowDown,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "quit": QStyle.StandardPixmap.SP_DialogCloseButton,
}


@cache
def icon(name: str) -> QIcon:
    """The named icon; a QStyle standard icon (or an empty one) when the SVG cannot be used."""
    path = resources.icons_dir() / f"{name}.svg"
    if path.is_file():
        candidate = QIcon(str(path))
        if not candidate.pixmap(16, 16).isNull():
            return candidate
    app = QApplication.instance()
    if isinstance(app, QApplication) and name in _FALLBACK:
        return app.style().standardIcon(_FALLBACK[name])
    return QIcon()
