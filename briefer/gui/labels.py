"""Small shared widgets of the panels."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def note(text: str = "") -> QLabel:
    """A short explanation under a control: grey, small (the panelNote style), wrapping."""
    label = QLabel(text)
    label.setObjectName("panelNote")
    label.setWordWrap(True)
    return label
