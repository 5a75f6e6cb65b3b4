"""Run a core function off the GUI thread, with success and failure callbacks on it (Anki's
QueryOp, in small): for work that may be slow, such as importing an organisation master."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from briefer.errors import BrieferError

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries the outcome to the GUI thread (queued: the relay lives there)."""

    done = Signal(object, object)  # result, error message or None


class BackgroundOp(QObject):
    """`BackgroundOp(fn, success, failure, parent).run()`: *fn* runs on a daemon thread; a
    BrieferError (or a bug, logged) comes back as a one-line message to *failure*."""

    finished = Signal()

    def __init__(self, fn: Callable[[], Any], success: Callable[[Any], None],
                 failure: Callable[[str], None], parent: QObject | None = None):
        super().__init__(parent)
        self._fn, self._success, self._failure = fn, success, failure
        self._relay = _Relay()
        self._relay.done.connect(self._done)
        self.busy = False

    def run(self) -> None:
        self.busy = True
        relay, fn = self._relay, self._fn

        def work() -> None:
            try:
                relay.done.emit(fn(), None)
            except BrieferError as exc:
                relay.done.emit(None, str(exc))
            except Exception as exc:  # a bug: said, logged, and the window goes on
                log.exception("background operation failed")
                relay.done.emit(None, f"unexpected {type(exc).__name__}: {exc}")

        threading.Thread(target=work, name="briefer-op", daemon=True).start()

    def _done(self, result: Any, error: str | None) -> None:
        self.busy = False
        if error is None:
            self._success(result)
        else:
            self._failure(error)
        self.finished.emit()
