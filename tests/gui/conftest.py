"""GUI tests run offscreen, with settings and data in tmp_path, and scripted dialogs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

import briefer.gui  # noqa: E402,F401  (before any Qt call: see briefer/gui/__init__.py)

from .helpers import ScriptedPrompts, wait_ready  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    config, data = tmp_path / "config", tmp_path / "data"
    monkeypatch.setenv("BRIEFER_CONFIG_DIR", str(config))
    monkeypatch.setenv("BRIEFER_DATA_DIR", str(data))
    monkeypatch.delenv("BRIEFER_AUTOSAVE_MS", raising=False)
    return {"config": config, "data": data}


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def make_window(qtbot, prompts: ScriptedPrompts) -> Callable:
    """Build shown main windows with scripted prompts; they are closed without questions."""
    from briefer.gui.app import create_main_window

    windows = []

    def make(path: Path | None = None, *, recover: bool = False, autosave_ms: int | None = None,
             script: ScriptedPrompts | None = None):
        window = create_main_window(path, prompts=script or prompts, recover=recover,
                                    autosave_ms=autosave_ms)
        qtbot.addWidget(window)
        windows.append(window)
        wait_ready(qtbot, window)  # a new document is laid out off the GUI thread
        return window

    yield make
    for window in windows:
        window.exporter.wait()
        if window.result_box is not None:
            window.result_box.done(0)
        window.document.undo_stack.setClean()
        window.close()


@pytest.fixture
def small_analysis(tmp_path: Path) -> Path:
    """Three sections, one of them marked SECRET."""
    path = tmp_path / "small.md"
    path.write_text(
        "---\ntitle: Small test analysis\nclassification: UNCLASSIFIED\nas_of: 2025-01-02\n---\n\n"
        "## First part {#first}\n\n- Alpha point\n- Beta point\n  - Beta detail\n\n"
        "## Secret bit {#sec classification=SECRET}\n\n- Hidden fact\n\n"
        "## Last part {#last}\n\n- Omega point\n",
        encoding="utf-8",
    )
    return path
