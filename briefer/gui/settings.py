"""Where the app keeps its settings and data, and the few values it remembers between runs.

Both locations can be moved (BRIEFER_CONFIG_DIR, BRIEFER_DATA_DIR, or a settings_dir given to
create_main_window) so that tests and benchmarks never touch a real user's files.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from briefer import resources

MAX_RECENT = 8
DEFAULT_AUTOSAVE_MS = 30_000


def config_dir(override: Path | None = None) -> Path | None:
    """The folder for briefer.ini, or None for Qt's per-user default."""
    if override is not None:
        return Path(override)
    env = os.environ.get("BRIEFER_CONFIG_DIR")
    return Path(env) if env else None


def data_dir(settings_override: Path | None = None) -> Path:
    """The user data folder: BRIEFER_DATA_DIR, else beside an overridden config, else platformdirs."""
    env = os.environ.get("BRIEFER_DATA_DIR")
    if env:
        return Path(env)
    if settings_override is not None:
        return Path(settings_override) / "data"
    return resources.user_data_dir()


class AppSettings:
    """Typed access to the QSettings file: geometry, splitters, recent files, last template."""

    def __init__(self, folder: Path | None = None):
        folder = config_dir(folder)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            self.qsettings = QSettings(str(folder / "briefer.ini"), QSettings.Format.IniFormat)
        else:
            self.qsettings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                       "briefer", "briefer")

    def _get_bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._get_bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._get_bytes("window/state")

    def splitter(self, name: str) -> QByteArray | None:
        return self._get_bytes(f"splitters/{name}")

    def save_window(self, geometry: QByteArray, state: QByteArray,
                    splitters: dict[str, QByteArray]) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue("window/state", state)
        for name, value in splitters.items():
            self.qsettings.setValue(f"splitters/{name}", value)
        self.qsettings.sync()

    def recent_files(self) -> list[Path]:
        value = self.qsettings.value("recent/files", [])
        if isinstance(value, str):
            value = [value]
        return [Path(v) for v in (value or []) if isinstance(v, str) and v]

    def add_recent(self, path: Path) -> list[Path]:
        path = Path(path).resolve()
        files = [path] + [p for p in self.recent_files() if p != path]
        self._set_recent(files[:MAX_RECENT])
        return self.recent_files()

    def remove_recent(self, path: Path) -> None:
        gone = Path(path).resolve()
        self._set_recent([p for p in self.recent_files() if p != gone])

    def clear_recent(self) -> None:
        self._set_recent([])

    def _set_recent(self, files: list[Path]) -> None:
        self.qsettings.setValue("recent/files", [str(p) for p in files])
        self.qsettings.sync()

    def last_template(self) -> str | None:
        value = self.qsettings.value("template/last")
        return value if isinstance(value, str) and value else None

    def set_last_template(self, name: str) -> None:
        self.qsettings.setValue("template/last", name)
        self.qsettings.sync()

    def autosave_interval_ms(self) -> int:
        env = os.environ.get("BRIEFER_AUTOSAVE_MS")
        value = env if env else self.qsettings.value("autosave/interval_ms", DEFAULT_AUTOSAVE_MS)
        try:
            return max(100, int(value))
        except (TypeError, ValueError):
            return DEFAULT_AUTOSAVE_MS
