"""The desktop app in a fresh process (offscreen): first painted window, then edit → preview.

    BENCH_T0=<time.time() at spawn> QT_QPA_PLATFORM=offscreen \
        python bench/child_gui.py SETTINGS_DIR [ANALYSIS]

Prints one JSON object; {"skipped": reason} when briefer.gui or its hooks are not there yet.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.time()))
EDITS = 20


def skip(reason: str) -> None:
    print(json.dumps({"skipped": reason}))
    sys.exit(0)


def main() -> None:
    settings_dir = sys.argv[1]
    analysis = sys.argv[2] if len(sys.argv) > 2 else None
    try:
        from briefer.gui.app import create_main_window
    except Exception as exc:  # not built yet, or broken: the benchmark says so and goes on
        skip(f"GUI not available: briefer.gui.app.create_main_window cannot be imported ({exc})")
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from briefer.deck import edits
    from briefer.source.model import Bullet

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.at: float | None = None
            self.window = None

        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if (self.at is None and event.type() == QEvent.Type.Paint and self.window is not None
                    and hasattr(obj, "window") and obj.window() is self.window):
                self.at = time.time()
            return False

    painted = FirstPaint()
    try:
        from pathlib import Path

        window = create_main_window(Path(analysis) if analysis else None, settings_dir)
    except Exception as exc:
        skip(f"GUI not available: create_main_window failed ({type(exc).__name__}: {exc})")
    shown = time.time()
    app = QApplication.instance()
    painted.window = window
    app.installEventFilter(painted)
    if not hasattr(window, "preview_updated"):
        skip("GUI not available: the main window has no preview_updated signal yet")

    deadline = time.time() + 20
    while painted.at is None and time.time() < deadline:
        app.processEvents()
        time.sleep(0.001)
    if painted.at is None:  # no paint event seen: force one (offscreen platforms may not expose)
        window.grab()
        painted.at = time.time()
    first_paint = painted.at - T0

    # settle: the first layout, fonts, thumbnails
    end = time.time() + 1.0
    while time.time() < end:
        app.processEvents()
        time.sleep(0.005)

    updated: list[float] = []
    window.preview_updated.connect(lambda: updated.append(time.perf_counter()))

    def wait_update(start_count: int, timeout: float = 10.0) -> bool:
        """Run the event loop as the app does (idle between events, not polling, which would
        take the interpreter from the layout thread) until the preview says it is current."""
        if len(updated) == start_count:
            loop = QEventLoop()
            window.preview_updated.connect(loop.quit)
            limit = QTimer()
            limit.setSingleShot(True)
            limit.timeout.connect(loop.quit)
            limit.start(int(timeout * 1000))
            loop.exec()
            limit.stop()
            window.preview_updated.disconnect(loop.quit)
        # let the preview paint what it was given before the next edit
        app.processEvents()
        return len(updated) > start_count

    document = window.document
    sid = None
    sections = getattr(window, "sections", None)
    if sections is not None and hasattr(sections, "current_id"):
        sid = sections.current_id()
    deck = document.deck
    if sid is None or sid not in deck.selected_ids:
        sid = next((s for s in deck.selected_ids if deck.section(s).points), None)
    if sid is None:
        skip("no section with bullets to edit")

    push_ms: list[float] = []
    for i in range(EDITS):
        deck = document.deck
        points = list(deck.section(sid).points)
        base = deck.analysis.section(sid).points[0].text
        points[0] = Bullet(f"{base} (edit {i})", points[0].level)
        edit = edits.edit_section(deck, sid, "bench edit", points=tuple(points))
        count = len(updated)
        started = time.perf_counter()
        document.push(edit)
        if not wait_update(count):
            skip("preview_updated did not fire within 10 s of an edit")
        push_ms.append((updated[count] - started) * 1000)

    typing_ms: list[float] = []
    editor = getattr(getattr(getattr(window, "inspector", None), "section_editor", None), "bullets", None)
    typing_note = ""
    if editor is not None and hasattr(editor, "textCursor"):
        if sections is not None and hasattr(sections, "set_current"):
            sections.set_current(sid)
            app.processEvents()
        from PySide6.QtGui import QTextCursor
        for i in range(EDITS):
            cursor = editor.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfLine)
            editor.setTextCursor(cursor)
            count = len(updated)
            started = time.perf_counter()
            editor.insertPlainText("x" if i % 2 == 0 else "y")
            if not wait_update(count):
                typing_note = "typing into the bullet editor did not update the preview within 10 s"
                typing_ms = []
                break
            typing_ms.append((updated[count] - started) * 1000)
    else:
        typing_note = "no bullet editor found (window.inspector.section_editor.bullets)"

    def timed(make_edit) -> list[float]:
        """Each edit pushed through the document, timed to the preview that shows it."""
        out: list[float] = []
        for i in range(EDITS // 2):
            edit = make_edit(document.deck, i)
            count = len(updated)
            started = time.perf_counter()
            document.push(edit)
            if not wait_update(count):
                return []
            out.append((updated[count] - started) * 1000)
        return out

    add_ms: list[float] = []
    add = getattr(window, "actions_", {}).get("add_section")
    if add is not None:  # what the user does: Section ▸ Add Section after the current one
        for _ in range(EDITS // 2):
            if sections is not None and hasattr(sections, "set_current"):
                sections.set_current(sid)
            app.processEvents()
            count = len(updated)
            started = time.perf_counter()
            add.trigger()
            if not wait_update(count):
                add_ms = []
                break
            add_ms.append((updated[count] - started) * 1000)
    else:
        add_ms = timed(lambda deck, i: edits.new_section(deck, sid, f"Late development {i}"))
    table_sid = next((s for s in document.deck.selected_ids
                      if document.deck.section(s).table is not None), None)
    table_ms: list[float] = []
    if table_sid is not None:
        from dataclasses import replace as _replace

        def table_edit(deck, i):
            table = deck.section(table_sid).table
            rows = (tuple(f"{c} {i}" if n == 0 else c for n, c in enumerate(table.rows[0])),
                    *table.rows[1:])
            return edits.edit_section(deck, table_sid, "bench table edit",
                                      table=_replace(table, rows=rows))

        table_ms = timed(table_edit)
    refresh = getattr(window, "last_refresh_ms", None)
    QTimer.singleShot(0, app.quit)
    window.close()
    print(json.dumps({
        "first_window_s": first_paint,
        "window_shown_s": shown - T0,
        "section": sid,
        "push_ms": push_ms,
        "typing_ms": typing_ms,
        "typing_note": typing_note,
        "last_refresh_ms": refresh,
        "median_push_ms": statistics.median(push_ms),
        "add_ms": add_ms,
        "table_ms": table_ms,
        "slides": len(window.laid.slides) if getattr(window, "laid", None) is not None else None,
    }))
    sys.stdout.flush()
    os._exit(0)  # skip Qt teardown: its time is not part of the measurement


if __name__ == "__main__":
    main()
