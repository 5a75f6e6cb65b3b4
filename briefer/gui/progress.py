"""The export progress window: a label, a bar and a Cancel button.

Not a QProgressDialog: that one shows itself from its own timer (started by its constructor
and by setValue), processes events inside setValue when modal, and its deferred deletion
waits while a message box runs its own event loop. Together they brought a stale
"Writing … 66 %" window back over the "Export finished" box. This one is shown only by
start()'s timer, which finish() stops together with hiding the window, so once an export has
ended nothing can show it again; Cancel stays connected until then.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

STEPS = 3  # the core reports: laying out, writing, done


class ExportProgress(QDialog):
    """Progress of one export; emits cancel_requested for Cancel, Esc or the close button."""

    cancel_requested = Signal()

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel(f"Exporting {name}…")
        self.label.setMinimumWidth(320)
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.bar.setValue(0)
        buttons = QDialogButtonBox()
        self.cancel_button: QPushButton = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)
        self.cancelling = False
        self.finished_ = False
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_now)

    def start(self, delay_ms: int) -> None:
        """Show the window after *delay_ms*, unless the export is over by then."""
        self._show_timer.start(max(0, delay_ms))

    def _show_now(self) -> None:
        if not self.finished_:
            self.show()

    def step(self, message: str) -> None:
        """One progress report from the worker: no event processing, no showing."""
        if self.finished_ or self.cancelling:
            return
        self.label.setText(message)
        self.bar.setValue(min(self.bar.value() + 1, STEPS - 1))

    def reject(self) -> None:
        """Cancel, Esc and the window's close button ask the worker to stop; the window stays
        up, saying so, until the worker has stopped (or finished writing)."""
        if self.finished_ or self.cancelling:
            return
        self.cancelling = True
        self.label.setText("Cancelling…")
        self.cancel_button.setEnabled(False)
        self.cancel_requested.emit()

    def finish(self) -> None:
        """The export is over: stop the show timer, hide, and delete. Nothing shows it again."""
        self.finished_ = True
        self._show_timer.stop()
        self.hide()
        self.deleteLater()
