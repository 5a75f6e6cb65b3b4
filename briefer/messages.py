"""Warnings as data, one type for every step that can warn: readers and the layout.

A reader that drops something it cannot use (a Word text box, a second table) and a layout that
continues a section on more slides say so the same way, so the CLI prints both on stderr, the
app lists both, and `--strict` refuses both (pandoc's `LogMessage` is the model).
"""

from __future__ import annotations

from briefer.records import record


@record
class Notice:
    """One warning: a line for the user, and the section it is about, if any."""

    message: str
    section_id: str | None = None

    def __str__(self) -> str:
        return self.message
