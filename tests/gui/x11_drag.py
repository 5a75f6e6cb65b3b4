"""Drag sections in the section list with the mouse, through Qt's real drag and drop on X11.

The offscreen platform the other GUI tests use has no drag and drop (a QDrag ends at once), so
test_gui_drag.py runs this under Xvfb with the xcb platform: the mouse is pressed on a row, moved
past the drag distance (the list starts a QDrag, whose event loop runs until the button is
released), moved to the target and released, exactly as a user's hand does it. Prints one JSON
object with what each drag did.

    QT_QPA_PLATFORM=xcb xvfb-run -a python tests/gui/x11_drag.py SETTINGS_DIR
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from briefer.gui.app import create_main_window

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton


def _mouse(widget, kind: QEvent.Type, pos: QPoint, button, buttons) -> None:
    event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _wait(window, ms: int = 10_000) -> None:
    """Until no layout is pending and the event queue is empty."""
    for _ in range(ms // 10):
        QApplication.processEvents()
        if not window.layout_busy:
            break
        QTest.qWait(10)
    QTest.qWait(50)


def drag(window, section_id: str, onto_row: int, below: bool = False) -> dict:
    """Drag *section_id*'s row onto row *onto_row* (its upper half, or its lower half) and drop."""
    view = window.sections.view
    model = window.sections.model
    viewport = view.viewport()
    start_row = model.row_of(section_id)
    view.scrollTo(model.index(start_row))
    start = view.visualRect(model.index(start_row)).center()
    target = view.visualRect(model.index(onto_row))
    end = QPoint(target.center().x(), target.center().y() + (target.height() // 4 if below
                                                             else -target.height() // 4))
    step = QPoint(0, QApplication.startDragDistance() + 4) * (1 if end.y() > start.y() else -1)
    seen = {"timer": False}

    def move_and_drop() -> None:  # runs inside the drag's own event loop
        seen["timer"] = True
        for fraction in (0.5, 0.9, 1.0):
            point = start + (end - start) * fraction
            _mouse(viewport, QEvent.Type.MouseMove, point, NONE, LEFT)
            QApplication.processEvents()
        _mouse(viewport, QEvent.Type.MouseButtonRelease, end, LEFT, NONE)

    _mouse(viewport, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    QTimer.singleShot(150, move_and_drop)
    _mouse(viewport, QEvent.Type.MouseMove, start + step, NONE, LEFT)  # the drag starts here
    in_drag_loop = seen["timer"]  # the timer fired before the move returned: a real QDrag ran
    if not seen["timer"]:
        QTest.qWait(400)
    _wait(window)
    slides = [s.section_id for s in window.laid.slides]
    return {
        "in_drag_loop": in_drag_loop,
        "order": list(window.document.deck.order),
        "status": window.status_message(),
        "slide_sections": slides,
        "divider": next(i for i, s in enumerate(window.laid.slides) if s.kind == "divider"),
        "current": window.sections.current_id(),
        "undo": window.document.undo_stack.count(),
    }


def main() -> None:
    window = create_main_window(None, Path(sys.argv[1]))
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    _wait(window)
    out = {"platform": QApplication.platformName(), "before": list(window.document.deck.order)}
    out["backup_up"] = drag(window, "options", 1)  # a backup section dragged near the top
    out["normal_down"] = drag(window, "background", 3, below=True)
    window.document.undo_stack.setClean()
    print(json.dumps(out))
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown: what was measured is printed


if __name__ == "__main__":
    main()
