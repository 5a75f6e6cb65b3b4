"""Sections dragged with the mouse through Qt's own drag and drop, on a real X server (Xvfb).

The offscreen platform has no drag and drop, so x11_drag.py drives the window under Xvfb with
the xcb platform, in a child process; this test reads what it saw.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefer.gui.platform_check import QT_LIBRARIES, XCB_LIBRARIES, loadable
from tests.conftest import needs

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("x11_drag.py")


@contextlib.contextmanager
def x_server() -> Iterator[str]:
    """A private Xvfb on a free display (chosen by Xvfb itself); yields its DISPLAY."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            ready, _, _ = select.select([pipe], [], [], 30)  # never hang the suite on a stall
            number = pipe.readline().strip() if ready else ""
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@needs("Xvfb")
def test_sections_are_dragged_with_the_mouse(tmp_path):
    missing = [name for name in {**QT_LIBRARIES, **XCB_LIBRARIES} if not loadable(name)]
    if missing and os.environ.get("CI") != "true":
        pytest.skip(f"Qt's X11 platform needs {', '.join(missing)}")
    with x_server() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "PYTHONPATH": str(ROOT), "BRIEFER_CONFIG_DIR": str(tmp_path / "config"),
               "BRIEFER_DATA_DIR": str(tmp_path / "data")}
        env.pop("WAYLAND_DISPLAY", None)
        proc = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "settings")], env=env,
                              capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["platform"] == "xcb"
    before = seen["before"]

    # a backup section dropped near the top: the list keeps it where it was dropped, the slides
    # keep it after the Backup divider, and the status line says why
    up = seen["backup_up"]
    assert up["in_drag_loop"]  # Qt ran a real drag: the drop came from its event loop
    assert up["order"][1] == "options" and before[-1] == "options"
    assert "backup section" in up["status"] and "Backup divider" in up["status"]
    assert up["slide_sections"].index("options") > up["divider"]
    assert up["current"] == "options" and up["undo"] == 1

    # an ordinary section dragged below the next one: list and slides both follow
    down = seen["normal_down"]
    assert down["in_drag_loop"]
    order = down["order"]
    assert order.index("background") == order.index("timeline") + 1
    slides = down["slide_sections"]
    assert slides.index("timeline") < slides.index("background")
    assert down["current"] == "background" and down["undo"] == 2
