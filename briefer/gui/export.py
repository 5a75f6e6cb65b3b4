"""Export off the GUI thread: a QRunnable calling briefer.export.export, the CLI's own path.

The core writes atomically (briefer.fileio: a temporary file beside the target, renamed at the
end, keeping an existing file's permissions), so a cancelled or failed export leaves whatever
was there before untouched. Cancel is checked before the export starts and at each progress
step: the progress callback raises a private exception, and the core removes its temporary
file on any exception. Once the renderer is writing, the export runs to the end (the core has
no finer progress steps) and is reported as finished, because the file has been written.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from briefer.deck.model import Deck
from briefer.errors import BrieferError
from briefer.export import export

log = logging.getLogger(__name__)


class _Cancelled(Exception):
    """Raised from the progress callback when the user pressed Cancel."""


class _Signals(QObject):
    progress = Signal(str)
    finished = Signal(object, list)  # Path, warning strings
    failed = Signal(str)
    cancelled = Signal()


class ExportJob(QRunnable):
    """Writes one deck to one file; emits progress, then finished, failed or cancelled."""

    def __init__(self, deck: Deck, path: Path, product: str = "slides"):
        super().__init__()
        self.setAutoDelete(False)
        self.deck = deck
        self.path = Path(path)
        self.product = product
        self.signals = _Signals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, message: str) -> None:
        if self._cancel.is_set():
            raise _Cancelled
        self.signals.progress.emit(message)

    def run(self) -> None:
        if self._cancel.is_set():
            self.signals.cancelled.emit()
            return
        try:
            chosen = {} if self.product == "slides" else {"as_product": self.product}
            warnings = export(self.deck, self.path, progress=self._progress, **chosen)
        except _Cancelled:
            self.signals.cancelled.emit()
        except BrieferError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug must not take the window (and the user's work) down
            log.exception("export to %s failed", self.path)
            self.signals.failed.emit(f"unexpected {type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(self.path, [str(w) for w in warnings])


class Exporter(QObject):
    """Runs one export at a time on a thread pool and relays its signals to the GUI thread."""

    progress = Signal(str)
    finished = Signal(object, list)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: ExportJob | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, deck: Deck, path: Path, product: str = "slides") -> ExportJob:
        job = ExportJob(deck, path, product)
        job.signals.progress.connect(self.progress)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        job.signals.cancelled.connect(self._on_cancelled)
        self.job = job
        self.pool.start(job)
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)

    def _on_finished(self, path: Path, warnings: list[str]) -> None:
        self.job = None
        self.finished.emit(path, warnings)

    def _on_failed(self, message: str) -> None:
        self.job = None
        self.failed.emit(message)

    def _on_cancelled(self) -> None:
        self.job = None
        self.cancelled.emit()
