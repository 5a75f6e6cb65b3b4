"""Which reader reads an analysis file, chosen by its suffix: the one place that knows them.

The library, the cache, the app's Open dialog and drag-and-drop, and `.brief` files all ask
here, so a new format is one entry below. Each reader returns the Analysis and its warnings
(`briefer.messages.Notice`); readers are imported only when a file of theirs is read, so a
Markdown build never imports python-docx.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path

from briefer.messages import Notice
from briefer.records import record
from briefer.source.model import Analysis


@record
class Reader:
    """A file format briefer reads analyses from."""

    name: str  # for the Open dialog: "Markdown analyses"
    suffixes: tuple[str, ...]  # lower case, with the dot
    function: str  # "module:function", taking a Path, returning (Analysis, warnings)
    code: tuple[str, ...]  # its source files under briefer/: the parse cache keys on them


MARKDOWN = Reader("Markdown analyses", (".md", ".markdown"),
                  "briefer.source.markdown:read_with_warnings",
                  ("source/markdown.py",))
WORD = Reader("Word documents", (".docx",), "briefer.source.word:read_docx",
              ("source/word.py", "source/word_styles.py", "source/word_text.py", "fileio.py"))
READERS = (MARKDOWN, WORD)
SUFFIXES = tuple(suffix for reader in READERS for suffix in reader.suffixes)
DEFAULT = MARKDOWN  # a file with another suffix (notes.txt, no suffix) is read as Markdown
CODE = ("source/builder.py", "source/model.py", "source/readers.py",
        *(name for reader in READERS for name in reader.code))


def reader_for(path: Path | str) -> Reader:
    """The reader for *path*'s suffix (case-insensitive); Markdown for any other."""
    suffix = Path(str(path)).suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), DEFAULT)


def is_analysis_name(name: str) -> bool:
    """Whether *name* ends in a suffix some reader claims (`report.docx`, `a.MD`)."""
    return name.lower().endswith(SUFFIXES)


def read(path: Path) -> tuple[Analysis, list[Notice]]:
    """Read an analysis file with its reader; every problem is a one-line SourceError."""
    module, _, function = reader_for(path).function.partition(":")
    analysis, warnings = getattr(importlib.import_module(module), function)(Path(path))
    return replace(analysis, warnings=tuple(warnings)), list(warnings)


def file_filters() -> list[str]:
    """Open-dialog filters: every analysis format together, then each on its own."""
    patterns = " ".join(f"*{s}" for s in SUFFIXES)
    return [f"Analyses ({patterns})",
            *(f"{r.name} ({' '.join('*' + s for s in r.suffixes)})" for r in READERS)]
