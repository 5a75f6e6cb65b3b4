"""Building Sections from a reader's walk: shared by every reader (Markdown, Word).

A reader meets a heading, then key points, prose, a table, pictures and links in document
order; `SectionBuilder` collects them, enforces the limits in `briefer.limits`, and `finish`
turns the builders into checked, uniquely identified Sections.

Two policies for limits: the Markdown reader refuses an over-long analysis (a one-line error,
as it always has); a reader of a format people cannot easily trim (Word) passes *warn*, and the
builder keeps the first items up to the limit and warns once about the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from mdit_py_plugins.attrs import parse as attrs_parser
from mdit_py_plugins.attrs.parse import ParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs

from briefer import limits
from briefer.errors import SourceError
from briefer.messages import Notice
from briefer.source.model import KINDS, MAX_LEVEL, Bullet, Figure, Section, Table, link_spans
from briefer.source.slug import slugify

SOURCES_HEADINGS = frozenset({"sources"})  # a sub-heading that starts a section's source list
Warn = Callable[[Notice], None]


class SectionBuilder:
    """Collects one section's pieces while a document is walked."""

    def __init__(self, sid: str, title: str, kind: str = "bullets", backup: bool = False,
                 marking: str | None = None, warn: Warn | None = None):
        self.id, self.title, self.kind = sid, title, kind
        self.backup, self.classification = backup, marking
        self.points: list[Bullet] = []
        self.sources: list[str] = []
        self.prose: list[str] = []
        self.table: Table | None = None
        self.images: list[Figure] = []
        self._warn = warn
        self._warned: set[str] = set()
        self._target: list[Any] | None = None
        self._level = 0
        self._fresh = False
        self._anchors: list[tuple[str, str]] = []  # the current point's links
        self._linked: set[str] = set()  # sources that came from links in the text

    # ------------------------------------------------------------ list items
    def start_item(self, depth: int, in_sources: bool) -> None:
        """A list item begins at *depth* (1 for a top-level list); its text follows."""
        self._target = self.sources if in_sources else self.points
        self._level = min(max(depth - 1, 0), MAX_LEVEL)
        self._fresh = True

    def add_item_text(self, text: str, anchors: Iterable[tuple[str, str]] = (),
                      spans: Iterable[tuple[int, int, str]] | None = None) -> None:
        """Text of the current list item; its links as (anchor text, URL) *anchors*, found in
        the text in order, or as (start, end, URL) *spans* where the reader knows them."""
        if self._target is None:
            return
        if self._fresh:
            self._fresh = False
            if self._target is self.points:
                self._anchors = list(anchors)
                if self.room(self.points, limits.MAX_BULLETS, "key points"):
                    links = tuple(spans) if spans is not None else link_spans(text, self._anchors)
                    self.points.append(Bullet(text, self._level, links))
            elif text in self._linked:  # already there, from a link in the section's text
                self._linked.discard(text)
                self._target = None
            elif self.room(self.sources, limits.MAX_SOURCES, "sources"):
                self.sources.append(text)
        elif text:  # a second paragraph in the same item joins the first
            if self._target is self.points and self.points:
                last = self.points[-1]
                joined = join(last.text, text)
                if spans is not None:
                    shift = len(joined) - len(text)
                    links = last.links + tuple((a + shift, b + shift, u) for a, b, u in spans)
                else:
                    self._anchors += anchors
                    links = link_spans(joined, self._anchors)
                self.points[-1] = Bullet(joined, last.level, links)
            elif self._target is self.sources and self.sources:
                self.sources[-1] = join(self.sources[-1], text)

    def add_point(self, text: str, level: int, anchors: Iterable[tuple[str, str]] = ()) -> None:
        """A key point at *level* (0, 1 or 2; deeper levels are kept at 2)."""
        self.start_item(level + 1, in_sources=False)
        self.add_item_text(text, anchors)

    def add_source(self, text: str) -> None:
        if text and text not in self.sources and self.room(self.sources, limits.MAX_SOURCES,
                                                           "sources"):
            self.sources.append(text)

    # ------------------------------------------------------------ the rest
    def room(self, items: list[Any], limit: int, what: str) -> bool:
        """Whether one more of *items* fits under *limit*: past it, an error, or (with *warn*)
        a single warning and False."""
        if len(items) < limit:
            return True
        if self._warn is None:
            raise SourceError(f"section '{self.id}' has too many {what} (more than {limit:,})")
        if what not in self._warned:
            self._warned.add(what)
            self._warn(Notice(f"section '{self.id}' has more than {limit:,} {what}; the rest are "
                              "left out", self.id))
        return False

    def add_prose(self, text: str) -> None:
        if self.room(self.prose, limits.MAX_PARAGRAPHS, "note paragraphs"):
            self.prose.append(text)

    def add_links(self, links: Iterable[str]) -> None:
        """Links in bullets, notes and cells keep their text in place; the URLs become sources."""
        for link in links:
            if link not in self.sources:
                self._linked.add(link)
            self.add_source(link)

    def add_image(self, figure: Figure) -> None:
        if self.room(self.images, limits.MAX_PARAGRAPHS, "pictures"):
            self.images.append(figure)

    def add_table(self, rows: list[list[str]]) -> None:
        if self.table is not None:
            raise SourceError(f"section '{self.id}' has more than one table")
        if not rows:
            return
        if len(rows) - 1 > limits.MAX_TABLE_ROWS:
            raise SourceError(f"section '{self.id}': table has too many rows ({len(rows) - 1:,}; "
                              f"at most {limits.MAX_TABLE_ROWS:,})")
        width = len(rows[0])
        if width > limits.MAX_TABLE_COLUMNS:
            raise SourceError(f"section '{self.id}': table has too many columns ({width:,}; "
                              f"at most {limits.MAX_TABLE_COLUMNS})")
        body = tuple(tuple((r + [""] * width)[:width]) for r in rows[1:])
        self.table = Table(tuple(rows[0]), body)

    def build(self) -> Section:
        self._check_lengths()
        kind = self.kind
        if kind == "bullets" and self.table is not None and not self.points:
            kind = "table"
        return Section(
            id=self.id,
            title=self.title,
            kind=kind,
            points=tuple(self.points),
            prose=tuple(self.prose),
            sources=tuple(self.sources),
            classification=self.classification,
            backup=self.backup,
            table=self.table,
            images=tuple(self.images),
        )

    def _check_lengths(self) -> None:
        """Every piece of text within its limit; the error names the section and the part."""
        where = f"section '{self.id}'"

        def check(value: str, limit: int, what: str) -> None:
            limits.check_text(value, limit, f"{where}: {what}", SourceError)

        check(self.title, limits.MAX_TITLE_CHARS, "title")
        check(self.classification or "", limits.MAX_TITLE_CHARS, "classification")
        for n, point in enumerate(self.points, 1):
            check(point.text, limits.MAX_TEXT_CHARS, f"key point {n}")
        for n, source in enumerate(self.sources, 1):
            check(source, limits.MAX_TEXT_CHARS, f"source {n}")
        for n, paragraph in enumerate(self.prose, 1):
            check(paragraph, limits.MAX_NOTE_CHARS, f"note paragraph {n}")
        for image in self.images:
            check(image.path, limits.MAX_NAME_CHARS, "picture path")
            check(image.caption, limits.MAX_TEXT_CHARS, "picture caption")
        if self.table is not None:
            for row in (self.table.header, *self.table.rows):
                for cell in row:
                    check(cell, limits.MAX_TEXT_CHARS, "table cell")


def new_section(title: str, attrs: dict[str, str], number: int,
                warn: Warn | None = None) -> SectionBuilder:
    """A builder for a heading's plain *title* and its `{…}` attributes (see `split_heading`)."""
    classes = attrs.get("class", "").split()
    kind = next((c for c in classes if c in KINDS), "bullets")
    sid = attrs.get("id") or slugify(title) or f"section-{number}"
    marking = attrs.get("classification") or None
    return SectionBuilder(sid, title, kind, "backup" in classes, marking, warn)


def check_section_count(count: int) -> None:
    """Refuse a section past the limit, before it is collected."""
    if count >= limits.MAX_SECTIONS:
        raise SourceError(f"too many sections (more than {limits.MAX_SECTIONS}; split the analysis)")


def finish(builders: list[SectionBuilder], renumber: bool = False) -> tuple[Section, ...]:
    """The built sections; two sharing an id are an error, or with *renumber* the later ones
    get `-2`, `-3` … (headings a Word author repeated, where no `{#id}` was given)."""
    sections = [b.build() for b in builders]
    seen: set[str] = set()
    for n, section in enumerate(sections):
        sid = section.id
        if sid in seen:
            if not renumber:
                raise SourceError(f"two sections share the id '{sid}'")
            count = 2
            while f"{sid}-{count}" in seen:
                count += 1
            sid = f"{sid}-{count}"
            sections[n] = section.with_changes(id=sid)
        seen.add(sid)
    return tuple(sections)


def split_heading(raw: str) -> tuple[str, dict[str, str]]:
    """Split `Title {#id .kind key=value}` into the title source and its attributes."""
    stripped = raw.rstrip()
    if not stripped.endswith("}"):
        return raw, {}
    for match in reversed([m.start() for m in re.finditer(r"\{", stripped)]):
        if match > 0 and stripped[match - 1] == "\\":
            continue
        try:
            end, attrs = parse_attrs(stripped[match:])
        except ParseError:
            continue
        if match + end + 1 >= len(stripped):  # parse() returns the index of the closing brace
            _refuse_repeated_keys(stripped[match:])
            return stripped[:match].rstrip(), attrs
    return raw, {}


def _refuse_repeated_keys(text: str) -> None:
    """Two `key=` attributes on one heading are an error: with markings, 'last one wins'
    could silently lower a section's classification.

    The attrs plugin returns a dict, so its own scanner is run again to see every key.
    """
    tokens = attrs_parser.TokenState()
    state = attrs_parser.State.START
    for pos, char in enumerate(text):
        state = attrs_parser.HANDLERS[state](char, pos, tokens)
        if state == attrs_parser.State.DONE:
            break
    seen: set[str] = set()
    for start, end, kind in getattr(tokens, "_tokens", ()):
        key = text[start:end]
        if kind == "key" and key != "class":
            if key in seen:
                raise SourceError(f"heading {text[:80]} gives '{key}' twice")
            seen.add(key)


def normalise(text: str) -> str:
    """Runs of white space as one space, none at the ends."""
    return " ".join(text.split())


def join(first: str, second: str) -> str:
    return f"{first} {second}" if first else second


