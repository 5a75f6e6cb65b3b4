"""Limits on what briefer reads: far above any real briefing, low enough that work stays bounded.

Each reader refuses input beyond these with a one-line error naming the file and the part, so a
hostile or broken file costs a fraction of a second instead of minutes and gigabytes. The README's
"Limits" table lists the same numbers.

For scale: the built-in analysis is 13 KB in 231 lines with 13 sections, at most 7 bullets each,
and 129 Markdown markup characters; a 60-page report turned into slides is some 300 KB.

Markdown parsing (markdown-it-py) is linear but costs up to 40 microseconds for each markup
character in hostile runs ("[[[[…", "*a*a*a…") against 0.1 for plain text, so markup characters
and lines are limited as well as bytes: that keeps the worst legal analysis to a few seconds.
"""

from __future__ import annotations

from typing import Any

from briefer.errors import BrieferError

MAX_ANALYSIS_BYTES = 2_000_000  # an analysis file
MAX_DECK_BYTES = 5_000_000  # a .brief file (edits are whole copies of section text)
MAX_TEMPLATE_BYTES = 1_000_000  # a template.toml (real ones are 1-3 KB)
MAX_FONT_BYTES = 50_000_000  # a TrueType file (large CJK fonts are 20-30 MB)
MAX_LINES = 50_000  # lines of an analysis
MAX_MARKUP = 50_000  # Markdown markup characters in an analysis (see MARKUP)
MARKUP = "[]*_`<>\\&!|#{}"
MAX_HEADING_CHARS = 2_000  # a `##` heading line: title plus {attributes}
MAX_SECTIONS = 500  # sections in an analysis
MAX_DECK_ENTRIES = 1_000  # sections listed, and sections edited, in a .brief (with removed ones)
MAX_BULLETS = 200  # key points in one section
MAX_TABLE_ROWS = 500  # rows of a section's table
MAX_TABLE_COLUMNS = 20  # columns of a section's table
MAX_SOURCES = 200  # sources of one section, or of the whole analysis
MAX_PARAGRAPHS = 200  # speaker-note paragraphs of one section
MAX_TITLE_CHARS = 300  # a deck or section title, and each other deck property
MAX_TEXT_CHARS = 10_000  # a bullet, table cell, source or caption (some 1,500 words)
MAX_NOTE_CHARS = 20_000  # one speaker-note paragraph
MAX_FOOTER_PATTERN_CHARS = 200  # one footer field of a template
MAX_NAME_CHARS = 1_000  # a path or name a .brief or template refers to
MAX_NESTING = 20  # depth of lists and mappings in front matter
# Office packages (.docx): zip files, checked from the zip's directory before anything is inflated
MAX_PACKAGE_BYTES = 100_000_000  # the file itself (a 300-page report with photos is ~30 MB)
MAX_PACKAGE_UNPACKED = 300_000_000  # all its parts, inflated
MAX_PACKAGE_XML = 25_000_000  # one XML part inflated (a 500-page report's text is ~5 MB)
MAX_PACKAGE_PARTS = 5_000  # parts in the package (Word writes 10-30, plus one per picture)
MAX_DOCX_PARAGRAPHS = 50_000  # paragraphs in a Word analysis (a 500-page report has ~8,000)

_UNITS = ((1_000_000, "MB"), (1_000, "KB"))


def size_text(count: int) -> str:
    """'2 MB', '100 KB' or '512 bytes', for limits in messages."""
    for unit, name in _UNITS:
        if count >= unit:
            return f"{count / unit:,.0f} {name}"
    return f"{count} bytes"


def check_text(value: str, limit: int, where: str, error: type[BrieferError]) -> str:
    """*value* if it is at most *limit* characters; otherwise an error naming *where*."""
    if len(value) > limit:
        raise error(f"{where} is too long ({len(value):,} characters; at most {limit:,})")
    return value


def check_count(items: Any, limit: int, what: str, where: str, error: type[BrieferError]) -> None:
    """Refuse more than *limit* items, naming *what* they are and *where* they are."""
    if len(items) > limit:
        raise error(f"{where} has too many {what} ({len(items):,}; at most {limit:,})")
