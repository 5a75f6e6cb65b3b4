"""Lay decks out on a background thread, newest request first, so a hostile file never freezes
the window.

A newly opened document (and a deck whose layout has become slow) is laid out here; the main
window keeps painting and taking input meanwhile. Only the newest request matters: one that is
superseded before the thread gets to it is dropped unseen, and the window ignores results for
anything but its newest request. The thread is a daemon, so a layout that never ends (the core
bounds its input, but a bug might not) cannot keep the app from quitting.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from briefer.deck.model import Deck
from briefer.errors import BrieferError
from briefer.layout import layout
from briefer.layout.context import LayoutWarning
from briefer.layout.model import LaidOutDeck
from briefer.templates import Template, load_template

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LayoutResult:
    """What one request produced: a layout, or the one-line reason there is none."""

    seq: int
    deck: Deck
    template: Template | None
    laid: LaidOutDeck | None
    warnings: list[LayoutWarning]
    error: str | None
    ms: float


def lay_out(seq: int, deck: Deck) -> LayoutResult:
    """Template and layout for *deck*; errors (and bugs) come back as a message, not raised."""
    started = time.perf_counter()
    template = laid = None
    warnings: list[LayoutWarning] = []
    error = None
    try:
        template = load_template(deck.template)
        laid, warnings = layout(deck, template)
    except BrieferError as exc:
        error = str(exc)
    except Exception as exc:  # a bug in the layout: logged, shown, and the window goes on
        log.exception("cannot lay out the deck")
        error = f"unexpected {type(exc).__name__}: {exc}"
    return LayoutResult(seq, deck, template, laid, warnings, error,
                        (time.perf_counter() - started) * 1000)


class _Relay(QObject):
    """Carries results to the GUI thread. Unparented and held by the worker thread too, so it
    outlives a window that closes while a layout is still running."""

    done = Signal(object)  # LayoutResult


class _Mailbox:
    """The one request waiting for the thread. Plain Python, so the thread never touches a Qt
    object that the GUI thread may already have deleted."""

    def __init__(self) -> None:
        self.wake = threading.Condition()
        self.next: tuple[int, Deck] | None = None
        self.closed = False


def _work(mailbox: _Mailbox, relay: _Relay) -> None:
    while True:
        with mailbox.wake:
            while mailbox.next is None and not mailbox.closed:
                mailbox.wake.wait()
            if mailbox.closed:
                return
            seq, deck = mailbox.next
            mailbox.next = None
        result = lay_out(seq, deck)
        with mailbox.wake:
            if mailbox.closed:
                return
            relay.done.emit(result)


class LayoutRunner(QObject):
    """One daemon thread working on the newest request; `done` arrives on the GUI thread."""

    done = Signal(object)  # LayoutResult

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._relay = _Relay()
        self._relay.done.connect(self.done)
        self._mailbox = _Mailbox()
        self._thread: threading.Thread | None = None

    def request(self, seq: int, deck: Deck) -> None:
        """Lay *deck* out; replaces any request the thread has not started yet."""
        box = self._mailbox
        with box.wake:
            if box.closed:
                return
            box.next = (seq, deck)
            if self._thread is None:
                self._thread = threading.Thread(target=_work, args=(box, self._relay),
                                                name="briefer-layout", daemon=True)
                self._thread.start()
            box.wake.notify()

    def close(self) -> None:
        """Stop taking requests; a layout under way finishes and is dropped."""
        box = self._mailbox
        with box.wake:
            box.closed = True
            box.next = None
            box.wake.notify()
        with contextlib.suppress(RuntimeError, TypeError):  # already gone with the window
            self._relay.done.disconnect(self.done)
