"""Untrusted text made safe to print on a terminal.

Section titles, template descriptions, file names and the errors that quote them come from files
someone else may have written. Printed raw, an escape sequence in a heading can clear the screen,
retitle the window or forge a "build succeeded" line, and a newline splits a one-line error.
"""

from __future__ import annotations

# Zero-width (non-)joiners are format characters, but ordinary in Persian, Indic scripts and emoji.
_KEEP = frozenset("\u200c\u200d")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def safe(text: object) -> str:
    """*text* on one line, with control, format and separator characters shown as escapes.

    C0 and C1 controls, ESC, DEL, bidirectional overrides, line and paragraph separators, lone
    surrogates (undecodable file names) and unassigned code points become `\\x1b`, `\\u202e` and
    so on; ordinary letters in any script, and spaces, are kept as they are.
    """
    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in _KEEP or _is_space(ch) else _escape(ch)
                   for ch in text)


def _is_space(ch: str) -> bool:
    """A visible-width space such as NO-BREAK SPACE (category Zs): harmless on a terminal."""
    return ch.isspace() and ch not in "\n\r\t\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029"


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
