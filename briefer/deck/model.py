"""Deck: an analysis plus the user's choices. Immutable; every change is an edit (edits.py)."""

from __future__ import annotations

from dataclasses import field, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from briefer import limits
from briefer.errors import BrieferError, ProjectError
from briefer.records import record
from briefer.resources import DEFAULT_TEMPLATE
from briefer.source.model import KINDS, MAX_LEVEL, Analysis, Bullet, Figure, Section, Table

META_FIELDS = ("title", "subtitle", "presenter", "organisation", "as_of", "classification")
NO_TABLE = Table(header=())  # in an edit: the section's table is taken away
SECTION_FIELDS = ("title", "points", "prose", "kind", "backup", "classification", "table",
                  "images", "sources")


@record
class DeckMeta:
    """What the deck's title slide and footers say: the analysis's front matter, as edited."""

    title: str = ""
    subtitle: str = ""
    presenter: str = ""
    organisation: str = ""
    as_of: str = ""
    classification: str = ""

    @classmethod
    def from_analysis(cls, analysis: Analysis) -> DeckMeta:
        m = analysis.meta
        return cls(m.title, m.subtitle, m.author, m.organisation, m.as_of, m.classification)


@record
class SectionEdit:
    """The user's changes to one section; None leaves the section's own value in place.

    A classification of "" takes the section's marking away; NO_TABLE takes its table away.
    """

    title: str | None = None
    points: tuple[Bullet, ...] | None = None
    prose: tuple[str, ...] | None = None
    kind: str | None = None
    backup: bool | None = None
    classification: str | None = None
    table: Table | None = None
    images: tuple[Figure, ...] | None = None
    sources: tuple[str, ...] | None = None

    def apply(self, section: Section) -> Section:
        changes: dict[str, Any] = {}
        for name in SECTION_FIELDS:
            value = getattr(self, name)
            if value is not None:
                changes[name] = section_value(name, value)
        return replace(section, **changes) if changes else section

    @property
    def empty(self) -> bool:
        return all(getattr(self, name) is None for name in SECTION_FIELDS)


def section_value(name: str, value: Any) -> Any:
    """What an edit's *value* for field *name* means on a Section ("" and NO_TABLE: none)."""
    if name == "classification":
        return value or None
    if name == "table":
        return None if value == NO_TABLE else value
    return value


def edit_value(name: str, value: Any) -> Any:
    """The inverse of section_value: how an edit says a Section's *value*."""
    if name == "classification":
        return value or ""
    if name == "table":
        return NO_TABLE if value is None else value
    return value


@record
class Deck:
    """All sections in the user's order, each on or off, plus edits, metadata and template."""

    analysis: Analysis
    analysis_ref: str  # a built-in analysis name, or a path to a Markdown file
    entries: tuple[tuple[str, bool], ...]
    meta: DeckMeta
    template: str = DEFAULT_TEMPLATE
    edits: MappingProxyType[str, SectionEdit] = field(
        default_factory=lambda: MappingProxyType({})
    )
    options: MappingProxyType[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    # sections a saved deck names that the analysis lacks: kept, saved back, reported
    orphans: MappingProxyType[str, dict] = field(default_factory=lambda: MappingProxyType({}))
    # sections made in the app (new, duplicated, imported): the deck holds all of their content
    added: MappingProxyType[str, Section] = field(default_factory=lambda: MappingProxyType({}))
    # the analysis's sections the user deleted (a reload of the analysis must not bring them back)
    removed: frozenset[str] = frozenset()

    @classmethod
    def new(cls, analysis: Analysis, analysis_ref: str, template: str = DEFAULT_TEMPLATE) -> Deck:
        entries = tuple((s.id, True) for s in analysis.sections)
        return cls(analysis, analysis_ref, entries, DeckMeta.from_analysis(analysis), template)

    def with_selection(self, ids: list[str]) -> Deck:
        """Only *ids*, in that order, switched on; the other sections follow, switched off."""
        known = set(self.order)
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise ProjectError(
                f"unknown section id{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}"
                f" (see 'briefer sections')"
            )
        if len(set(ids)) != len(ids):
            dup = sorted({i for i in ids if ids.count(i) > 1})
            raise ProjectError(f"section listed twice: {', '.join(dup)}")
        rest = [(sid, False) for sid, _ in self.entries if sid not in ids]
        return replace(self, entries=tuple((i, True) for i in ids) + tuple(rest))

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(sid for sid, _ in self.entries)

    @property
    def selected_ids(self) -> tuple[str, ...]:
        return tuple(sid for sid, on in self.entries if on)

    def base(self, section_id: str) -> Section:
        """The section before the deck's edits: one made in the app, else the analysis's."""
        added = self.added.get(section_id)
        return added if added is not None else self.analysis.section(section_id)

    def has(self, section_id: str) -> bool:
        """True when *section_id* is one of the deck's sections (listed, on or off)."""
        return any(sid == section_id for sid, _ in self.entries)

    def section(self, section_id: str) -> Section:
        """The section as the user sees it: the analysis's text with the deck's edits applied."""
        base = self.base(section_id)
        edit = self.edits.get(section_id)
        return edit.apply(base) if edit else base

    def all_sections(self) -> list[Section]:
        """Every section in the user's order, on or off, edits applied."""
        return [self.section(sid) for sid, _ in self.entries]

    def selected_sections(self) -> list[Section]:
        return [self.section(sid) for sid in self.selected_ids]

    def option(self, name: str, template_default: bool) -> bool:
        return self.options.get(name, template_default)


def check_limits(deck: Deck, error: type[BrieferError] = ProjectError) -> None:
    """Refuse deck properties and edits beyond briefer's limits, naming the field.

    Checked when a .brief is read and again before every layout, so text typed or pasted into
    the app is held to the same limits as text read from a file.
    """
    for name in META_FIELDS:
        limits.check_text(getattr(deck.meta, name), limits.MAX_TITLE_CHARS, f"the deck's {name}",
                          error)
    limits.check_text(deck.template, limits.MAX_NAME_CHARS, "the deck's template", error)
    limits.check_count(deck.added, limits.MAX_SECTIONS, "sections", "the deck's own sections",
                       error)
    for sid, section in deck.added.items():
        _check_fields(section, f"the section '{sid[:80]}'", error)
    for sid, edit in deck.edits.items():
        _check_fields(edit, f"the edited section '{sid[:80]}'", error)


def _check_fields(item: Section | SectionEdit, where: str, error: type[BrieferError]) -> None:
    """The limits of a section's (or an edit's) text, counted per field; None is unchanged."""
    if item.title is not None:
        limits.check_text(item.title, limits.MAX_TITLE_CHARS, f"{where}: title", error)
    if item.classification is not None:
        limits.check_text(item.classification, limits.MAX_TITLE_CHARS,
                          f"{where}: classification", error)
    if item.kind is not None and item.kind not in KINDS:
        raise error(f"{where}: unknown kind '{item.kind[:40]}'")
    if item.points is not None:
        limits.check_count(item.points, limits.MAX_BULLETS, "key points", where, error)
        for n, point in enumerate(item.points, 1):
            limits.check_text(point.text, limits.MAX_TEXT_CHARS, f"{where}: key point {n}", error)
    if item.prose is not None:
        limits.check_count(item.prose, limits.MAX_PARAGRAPHS, "note paragraphs", where, error)
        for n, paragraph in enumerate(item.prose, 1):
            limits.check_text(paragraph, limits.MAX_NOTE_CHARS, f"{where}: note paragraph {n}",
                              error)
    if item.sources is not None:
        limits.check_count(item.sources, limits.MAX_SOURCES, "sources", where, error)
        for n, source in enumerate(item.sources, 1):
            limits.check_text(source, limits.MAX_TEXT_CHARS, f"{where}: source {n}", error)
    if item.images is not None:
        for image in item.images:
            limits.check_text(image.path, limits.MAX_NAME_CHARS, f"{where}: picture path", error)
            limits.check_text(image.caption, limits.MAX_TEXT_CHARS, f"{where}: picture caption",
                              error)
            limits.check_text(image.alt, limits.MAX_TEXT_CHARS, f"{where}: picture alt text", error)
    if item.table is not None:
        table = item.table
        limits.check_count(table.rows, limits.MAX_TABLE_ROWS, "table rows", where, error)
        limits.check_count(table.header, limits.MAX_TABLE_COLUMNS, "table columns", where, error)
        for row in (table.header, *table.rows):
            for cell in row:
                limits.check_text(cell, limits.MAX_TEXT_CHARS, f"{where}: table cell", error)


def normalise_levels(points: list[Bullet]) -> tuple[Bullet, ...]:
    """Clamp bullet levels so each is at most one deeper than the one before (and ≤ MAX_LEVEL)."""
    out: list[Bullet] = []
    previous = -1
    for point in points:
        level = max(0, min(point.level, previous + 1, MAX_LEVEL))
        out.append(replace(point, level=level))
        previous = level
    return tuple(out)


# characters that can make a line of inline Markdown mean more than its words
_MARKUP = frozenset(limits.MARKUP + "\0")  # markdown-it reads NUL as U+FFFD
_MARKERS = ("- ", "• ", "* ")


def parse_bullet_lines(text: str, indent_width: int = 2) -> tuple[Bullet, ...]:
    """Bullets from editor text: one per line, each two spaces (or a tab) of indent one level.

    A line is inline Markdown, read as the analysis reader reads a key point (the same
    markdown-it code): `[words](URL)` is a link over those words.
    """
    points: list[Bullet] = []
    for raw in text.splitlines():
        expanded = raw.replace("\t", " " * indent_width)
        level = (len(expanded) - len(expanded.lstrip(" "))) // indent_width
        point = _read_line(expanded.lstrip(" "), level)
        if point is not None:
            points.append(point)
    return normalise_levels(points)


def _read_line(body: str, level: int) -> Bullet | None:
    """One line of the editor (indent taken off) as a bullet, or None when it says nothing."""
    for marker in _MARKERS:
        if body.startswith(marker):
            body = body[len(marker):]
            break
    body = " ".join(body.split())
    if not _MARKUP.intersection(body) or len(body) > limits.MAX_TEXT_CHARS:
        # plain words read as themselves; an over-long line is refused by check_limits
        # before markdown-it could spend seconds on it
        return Bullet(body, level) if body else None
    words, links = _read_markdown(body)
    return Bullet(words, level, links) if words else None


@lru_cache(maxsize=1024)
def _read_markdown(body: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """A line's words and links: the box is read again on every change, its lines mostly not."""
    from briefer.source.markdown import read_inline  # markdown-it: only when a line needs it

    return read_inline(body)


def format_bullet_lines(points: tuple[Bullet, ...], indent_width: int = 2) -> str:
    """Editor text for bullets; `parse_bullet_lines` reads it back as the same bullets."""
    return "\n".join(" " * (indent_width * p.level) + _line_of(p) for p in points)


def _line_of(point: Bullet) -> str:
    """A bullet as one line of the editor: its words as they are, links as `[words](URL)`;
    Markdown's characters escaped only where the line would otherwise read differently."""
    if not point.links and not _MARKUP.intersection(point.text) \
            and not point.text.startswith(_MARKERS):
        return point.text
    from briefer.source.markdown import inline_sources

    forms = inline_sources(point)
    for form in forms:
        for line in (form, "- " + form):  # a marker in front keeps a leading "- " as words
            if _read_line(line, point.level) == point:
                return line
    return forms[-1]
