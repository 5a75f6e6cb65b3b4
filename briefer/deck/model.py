"""Deck: an analysis plus the user's choices. Immutable; every change is an edit (edits.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from briefer import limits
from briefer.errors import BrieferError, ProjectError
from briefer.resources import DEFAULT_TEMPLATE
from briefer.source.model import MAX_LEVEL, Analysis, Bullet, Section

META_FIELDS = ("title", "subtitle", "presenter", "organisation", "as_of", "classification")


@dataclass(frozen=True)
class DeckMeta:
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


@dataclass(frozen=True)
class SectionEdit:
    """The user's changes to one section; None leaves the analysis's text in place."""

    title: str | None = None
    points: tuple[Bullet, ...] | None = None
    prose: tuple[str, ...] | None = None

    def apply(self, section: Section) -> Section:
        changes: dict[str, Any] = {}
        if self.title is not None:
            changes["title"] = self.title
        if self.points is not None:
            changes["points"] = self.points
        if self.prose is not None:
            changes["prose"] = self.prose
        return replace(section, **changes) if changes else section

    @property
    def empty(self) -> bool:
        return self.title is None and self.points is None and self.prose is None


@dataclass(frozen=True)
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

    @classmethod
    def new(cls, analysis: Analysis, analysis_ref: str, template: str = DEFAULT_TEMPLATE) -> Deck:
        entries = tuple((s.id, True) for s in analysis.sections)
        return cls(analysis, analysis_ref, entries, DeckMeta.from_analysis(analysis), template)

    def with_selection(self, ids: list[str]) -> Deck:
        """Only *ids*, in that order, switched on; the other sections follow, switched off."""
        known = set(self.analysis.ids)
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

    def section(self, section_id: str) -> Section:
        """The section as the user sees it: the analysis's text with the deck's edits applied."""
        base = self.analysis.section(section_id)
        edit = self.edits.get(section_id)
        return edit.apply(base) if edit else base

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
    for sid, edit in deck.edits.items():
        where = f"the edited section '{sid[:80]}'"
        if edit.title is not None:
            limits.check_text(edit.title, limits.MAX_TITLE_CHARS, f"{where}: title", error)
        if edit.points is not None:
            limits.check_count(edit.points, limits.MAX_BULLETS, "key points", where, error)
            for n, point in enumerate(edit.points, 1):
                limits.check_text(point.text, limits.MAX_TEXT_CHARS, f"{where}: key point {n}",
                                  error)
        if edit.prose is not None:
            limits.check_count(edit.prose, limits.MAX_PARAGRAPHS, "note paragraphs", where, error)
            for n, paragraph in enumerate(edit.prose, 1):
                limits.check_text(paragraph, limits.MAX_NOTE_CHARS,
                                  f"{where}: note paragraph {n}", error)


def normalise_levels(points: list[Bullet]) -> tuple[Bullet, ...]:
    """Clamp bullet levels so each is at most one deeper than the one before (and ≤ MAX_LEVEL)."""
    out: list[Bullet] = []
    previous = -1
    for point in points:
        level = max(0, min(point.level, previous + 1, MAX_LEVEL))
        out.append(Bullet(point.text, level))
        previous = level
    return tuple(out)


def parse_bullet_lines(text: str, indent_width: int = 2) -> tuple[Bullet, ...]:
    """Bullets from editor text: one per line, each two spaces (or a tab) of indent one level."""
    points: list[Bullet] = []
    for raw in text.splitlines():
        expanded = raw.replace("\t", " " * indent_width)
        stripped = expanded.lstrip(" ")
        for marker in ("- ", "• ", "* "):
            if stripped.startswith(marker):
                stripped = stripped[len(marker):]
                break
        body = " ".join(stripped.split())
        if not body:
            continue
        level = (len(expanded) - len(expanded.lstrip(" "))) // indent_width
        points.append(Bullet(body, level))
    return normalise_levels(points)


def format_bullet_lines(points: tuple[Bullet, ...], indent_width: int = 2) -> str:
    return "\n".join(" " * (indent_width * p.level) + p.text for p in points)
