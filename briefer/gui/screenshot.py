"""`python -m briefer.gui.screenshot OUT.png`: the main window, offscreen, as a new user sees it.

Settings and data go to a temporary folder, so the picture never depends on (or changes)
the user's own files.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m briefer.gui.screenshot OUT.png", file=sys.stderr)
        return 2
    out = Path(args[0])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor

    from briefer.gui.app import create_main_window, ensure_app

    app = ensure_app()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["BRIEFER_DATA_DIR"] = str(Path(folder) / "data")
        window = create_main_window(settings_dir=Path(folder))
        window.move(0, 0)
        QCursor.setPos(QPoint(2, 2))  # over the menu bar's margin: no hovered toolbar button
        window.sections.set_current("background")
        app.processEvents()
        window.refresh_preview()
        app.processEvents()
        window.statusBar().clearMessage()
        out.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(out))
        window.document.undo_stack.setClean()
        window.close()
    if not ok:
        print(f"cannot write {out}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
