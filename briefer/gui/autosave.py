"""Never lose work: the open deck is copied to the data folder while it has unsaved changes.

Each running window owns `autosave/<id>.brief` (+ `.json` with where it came from) and holds
`<id>.lock` (QLockFile). A clean close or a save removes the copy; after a crash the copy stays
with a stale lock, and the next start finds it and offers to recover it.
"""

from __future__ import annotations

import contextlib
import json
import math
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from briefer.deck.model import Deck
from briefer.deck.project import load_deck, save_deck
from briefer.errors import BrieferError
from briefer.fileio import write_text_atomic
from briefer.gui.document import DeckDocument


@dataclass(frozen=True)
class Orphan:
    """An autosave left behind by a window that did not close cleanly."""

    deck_file: Path
    origin: Path | None  # the .brief it was opened from, if any
    saved_at: float
    title: str

    def load(self) -> Deck:
        return load_deck(self.deck_file)

    def remove(self) -> None:
        for suffix in (".brief", ".json", ".lock"):
            with contextlib.suppress(OSError):
                self.deck_file.with_suffix(suffix).unlink()


def _sidecar(deck_file: Path) -> dict:
    """The `.json` beside an autosave, or {} when it is missing, unreadable or not an object."""
    try:
        info = json.loads(deck_file.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # ValueError covers bad JSON and bad UTF-8
        return {}
    return info if isinstance(info, dict) else {}


def _saved_at(value: object, fallback: float) -> float:
    """A sidecar's time stamp if it is a plausible one, else the file's own modification time."""
    if isinstance(value, int | float) and not isinstance(value, bool) \
            and math.isfinite(value) and 0 < value < 1e11:  # 1e11 s: the year 5138
        return float(value)
    return fallback


def _orphan(deck_file: Path) -> Orphan:
    """Read what the sidecar says; every field it gets wrong falls back to the file itself."""
    info = _sidecar(deck_file)
    origin = info.get("origin")
    title = info.get("title")
    return Orphan(
        deck_file,
        Path(origin) if isinstance(origin, str) and origin and "\0" not in origin else None,
        _saved_at(info.get("saved_at"), deck_file.stat().st_mtime),
        title.strip() if isinstance(title, str) and title.strip() else deck_file.stem,
    )


def find_orphans(folder: Path) -> list[Orphan]:
    """Autosaves whose window is gone, newest first.

    A damaged sidecar costs only its own details (its copy is still offered); an autosave
    that vanishes or cannot be read while we look is skipped, never a reason to offer none.
    """
    found: list[Orphan] = []
    if not folder.is_dir():
        return found
    for deck_file in folder.glob("*.brief"):
        try:
            if not deck_file.is_file():
                continue
            lock = QLockFile(str(deck_file.with_suffix(".lock")))
            lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
            if not lock.tryLock(0):
                continue  # another briefer window is alive and owns it
            lock.unlock()
            found.append(_orphan(deck_file))
        except OSError:
            continue  # removed by another window meanwhile, or unreadable: nothing to offer
    found.sort(key=lambda o: o.saved_at, reverse=True)
    return found


class Autosaver(QObject):
    """Writes the document every *interval_ms* while it has unsaved changes."""

    saved = Signal(object)  # Path of the autosave
    failed = Signal(str)

    def __init__(self, document: DeckDocument, folder: Path, interval_ms: int,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.folder = Path(folder)
        session = uuid.uuid4().hex[:12]
        self.deck_file = self.folder / f"{session}.brief"
        self._lock: QLockFile | None = None
        self._saved_generation = -1
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        document.undo_stack.cleanChanged.connect(self._clean_changed)

    def _ensure_lock(self) -> bool:
        if self._lock is not None:
            return True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.failed.emit(f"cannot create {self.folder}: {exc.strerror or exc}")
            return False
        lock = QLockFile(str(self.deck_file.with_suffix(".lock")))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            return False
        self._lock = lock
        return True

    def save_now(self) -> bool:
        """Write the deck if it changed since the last autosave and is not saved."""
        doc = self.document
        if not doc.modified or doc.generation == self._saved_generation:
            return False
        if not self._ensure_lock():
            return False
        try:
            save_deck(doc.deck, self.deck_file)
            info = {"origin": str(doc.path) if doc.path else None, "saved_at": time.time(),
                    "title": doc.deck.meta.title}
            write_text_atomic(self.deck_file.with_suffix(".json"), json.dumps(info))
        except (BrieferError, OSError) as exc:
            self.failed.emit(str(exc))
            return False
        self._saved_generation = doc.generation
        self.saved.emit(self.deck_file)
        return True

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard(keep_lock=True)

    def discard(self, keep_lock: bool = False) -> None:
        """Remove this window's autosave (saved, or closed cleanly)."""
        for suffix in (".brief", ".json"):
            with contextlib.suppress(OSError):
                self.deck_file.with_suffix(suffix).unlink()
        self._saved_generation = -1
        if not keep_lock:
            self.timer.stop()
            self.release()

    def release(self) -> None:
        """Let go of the lock without removing the copy (what a crash leaves behind)."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
