"""Edits: every change to a Deck is an object with apply/revert.

The GUI wraps them in QUndoCommands; the CLI applies them directly. Both share this code path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Any, Protocol

from briefer.deck.model import Deck, DeckMeta, SectionEdit, edit_value, section_value
from briefer.records import record
from briefer.source.model import Analysis, Bullet, Section


class Edit(Protocol):
    label: str

    def apply(self, deck: Deck) -> Deck: ...

    def revert(self, deck: Deck) -> Deck: ...


@record
class SetEntries:
    """Replace the whole order and on/off state (reorder, tick, select all or none)."""

    before: tuple[tuple[str, bool], ...]
    after: tuple[tuple[str, bool], ...]
    label: str = "Change sections"

    def apply(self, deck: Deck) -> Deck:
        return replace(deck, entries=self.after)

    def revert(self, deck: Deck) -> Deck:
        return replace(deck, entries=self.before)


def toggle(deck: Deck, section_id: str, on: bool) -> SetEntries:
    after = tuple((sid, on if sid == section_id else cur) for sid, cur in deck.entries)
    title = deck.section(section_id).title
    return SetEntries(deck.entries, after, f"{'Include' if on else 'Exclude'} “{title}”")


def move(deck: Deck, section_id: str, to_index: int) -> SetEntries:
    entries = list(deck.entries)
    index = next(i for i, (sid, _) in enumerate(entries) if sid == section_id)
    item = entries.pop(index)
    entries.insert(max(0, min(to_index, len(entries))), item)
    return SetEntries(deck.entries, tuple(entries), f"Move “{deck.section(section_id).title}”")


def select_all(deck: Deck, on: bool) -> SetEntries:
    after = tuple((sid, on) for sid, _ in deck.entries)
    return SetEntries(deck.entries, after, "Select all" if on else "Select none")


@record
class SetSectionEdit:
    section_id: str
    before: SectionEdit | None
    after: SectionEdit | None
    label: str = "Edit section"

    def _with(self, deck: Deck, edit: SectionEdit | None) -> Deck:
        edits = dict(deck.edits)
        if edit is None or edit.empty:
            edits.pop(self.section_id, None)
        else:
            edits[self.section_id] = edit
        return replace(deck, edits=MappingProxyType(edits))

    def apply(self, deck: Deck) -> Deck:
        return self._with(deck, self.after)

    def revert(self, deck: Deck) -> Deck:
        return self._with(deck, self.before)


def edit_section(deck: Deck, section_id: str, label: str = "Edit section",
                 **fields: Any) -> SetSectionEdit:
    """An edit setting some section fields (title, points, kind, table …); a value equal to the
    section's own clears that part of the edit. Values are as on a Section (None: no marking)."""
    before = deck.edits.get(section_id)
    base = deck.base(section_id)
    current = before or SectionEdit()
    values = {}
    for name, value in fields.items():
        said = edit_value(name, value)
        values[name] = None if section_value(name, said) == getattr(base, name) else said
    after = replace(current, **values)
    return SetSectionEdit(section_id, before, None if after.empty else after, label)


def link_sources(points: Sequence[Bullet]) -> list[str]:
    """The source lines the Markdown reader makes of the links in key points: "words (URL)",
    or the URL alone when it is its own words."""
    out: dict[str, None] = {}
    for point in points:
        for start, end, url in point.links:
            words = " ".join(point.text[start:end].split())
            out.setdefault(url if not words or words == url else f"{words} ({url})", None)
    return list(out)


def edit_points(deck: Deck, section_id: str, points: tuple[Bullet, ...],
                label: str = "Edit key points") -> SetSectionEdit:
    """New key points, with the section's sources following their links as the Markdown reader
    makes them: the links' lines first, in the points' order, then the other sources as they
    were; a line for a link that is gone goes. So a deck saved as Markdown reads back with the
    sources it showed, in their order."""
    section = deck.section(section_id)
    before, after = link_sources(section.points), link_sources(points)
    if before == after:
        return edit_section(deck, section_id, label, points=points)
    gone = set(before) - set(after)
    rest = [line for line in section.sources if line not in gone and line not in after]
    return edit_section(deck, section_id, label, points=points, sources=(*after, *rest))


# ------------------------------------------------------------------ making and removing sections

@record
class SectionsState:
    """What says which sections a deck has: order and on/off, own sections, edits, deletions."""

    entries: tuple[tuple[str, bool], ...]
    added: MappingProxyType[str, Section]
    edits: MappingProxyType[str, SectionEdit]
    removed: frozenset[str]

    @classmethod
    def of(cls, deck: Deck) -> SectionsState:
        return cls(deck.entries, deck.added, deck.edits, deck.removed)


@record
class ChangeSections:
    """Add, duplicate, delete or import sections: the before and after states, so undo is exact."""

    before: SectionsState
    after: SectionsState
    label: str = "Change sections"

    def _with(self, deck: Deck, state: SectionsState) -> Deck:
        return replace(deck, entries=state.entries, added=state.added, edits=state.edits,
                       removed=state.removed)

    def apply(self, deck: Deck) -> Deck:
        return self._with(deck, self.after)

    def revert(self, deck: Deck) -> Deck:
        return self._with(deck, self.before)


def unique_id(deck: Deck, wanted: str, taken: set[str] | None = None,
              ignore: str | None = None) -> str:
    """*wanted*, or *wanted*-2, -3 …: an id no section of the deck (or of the analysis, deleted
    ones too) uses, nor one the deck remembers for a heading it lost; *ignore* is free."""
    used = set(deck.order) | set(deck.analysis.ids) | set(deck.orphans) | (taken or set())
    used.discard(ignore)  # type: ignore[arg-type]
    wanted = wanted or "section"
    if wanted not in used:
        return wanted
    n = 2
    while f"{wanted}-{n}" in used:
        n += 1
    return f"{wanted}-{n}"


def insert_sections(deck: Deck, sections: list[Section], after_id: str | None,
                    label: str) -> ChangeSections:
    """Add *sections* (ids made unique) after *after_id* (None: at the end), switched on."""
    entries = list(deck.entries)
    index = next((i + 1 for i, (sid, _) in enumerate(entries) if sid == after_id), len(entries))
    added = dict(deck.added)
    taken: set[str] = set()
    for offset, section in enumerate(sections):
        sid = unique_id(deck, section.id, taken)
        taken.add(sid)
        added[sid] = replace(section, id=sid)
        entries.insert(index + offset, (sid, True))
    before = SectionsState.of(deck)
    return ChangeSections(before, replace(before, entries=tuple(entries),
                                          added=MappingProxyType(added)), label)


def id_for(title: str) -> str:
    """The id a section made in the app takes from its title: the slug the Markdown reader
    gives a heading without `{#id}`, so a saved analysis reads back with the same ids."""
    from briefer.source.slug import slugify

    return slugify(title) or "section"


# the one key point a new section starts with, so its slide is not blank; the app treats it as
# a stand-in (typed over, not carried into a timeline, key figures or a table)
NEW_POINT = "Key point"


def new_section(deck: Deck, after_id: str | None, title: str = "New section") -> ChangeSections:
    """A blank bullets section after *after_id*."""
    section = Section(id=id_for(title), title=title, points=(Bullet(NEW_POINT),))
    return insert_sections(deck, [section], after_id, f"Add section “{title}”")


def duplicate_section(deck: Deck, section_id: str) -> ChangeSections:
    """A copy of the section as the user sees it (edits applied), straight after it."""
    source = deck.section(section_id)
    title = f"{source.title} (copy)"
    copy = replace(source, id=id_for(title), title=title)
    return insert_sections(deck, [copy], section_id, f"Duplicate “{source.title}”")


def name_section(deck: Deck, section_id: str, title: str) -> ChangeSections | None:
    """Give a section just made in the app the title typed for it, and the id that title
    gives (unique, as ever); None when that changes nothing.

    Only while it is being named: after that its id stays, whatever its title, because the
    .brief keys its place, switch and edits by id and `--sections` names it.
    """
    section = deck.added[section_id]
    edit = deck.edits.get(section_id)
    sid = unique_id(deck, id_for(title), ignore=section_id)
    if sid == section_id and section.title == title and (edit is None or edit.title is None):
        return None
    before = SectionsState.of(deck)
    added = {(sid if key == section_id else key): (replace(value, id=sid, title=title)
                                                   if key == section_id else value)
             for key, value in deck.added.items()}
    edits = dict(deck.edits)
    if edit is not None:  # the title lives in the section itself
        edits.pop(section_id)
        edit = replace(edit, title=None)
        if not edit.empty:
            edits[sid] = edit
    entries = tuple((sid if key == section_id else key, on) for key, on in deck.entries)
    return ChangeSections(before, SectionsState(entries, MappingProxyType(added),
                                                MappingProxyType(edits), deck.removed),
                          f"Name section “{title}”")


def renamed_ids(before: tuple[tuple[str, bool], ...],
                after: tuple[tuple[str, bool], ...]) -> dict[str, str]:
    """Sections that kept their place but changed id between two decks' entries (a section
    being named, or that step undone), old id → new; empty when anything else changed."""
    if len(before) != len(after):
        return {}
    old_ids = {sid for sid, _ in before}
    new_ids = {sid for sid, _ in after}
    renamed = {}
    for (old, _), (new, _) in zip(before, after, strict=True):
        if old != new:
            if old in new_ids or new in old_ids:
                return {}  # a reorder, not a rename
            renamed[old] = new
    return renamed


def delete_section(deck: Deck, section_id: str, slides: int = 0) -> ChangeSections:
    """Take the section out of the deck; an analysis section is remembered as deleted."""
    title = deck.section(section_id).title
    before = SectionsState.of(deck)
    added = dict(deck.added)
    edits = dict(deck.edits)
    removed = set(deck.removed)
    if added.pop(section_id, None) is None:
        removed.add(section_id)
    edits.pop(section_id, None)
    count = f" ({slides} slide{'s' if slides != 1 else ''})" if slides else ""
    after = SectionsState(tuple(e for e in deck.entries if e[0] != section_id),
                          MappingProxyType(added), MappingProxyType(edits), frozenset(removed))
    return ChangeSections(before, after, f"Delete “{title}”{count}")


@record
class SetMeta:
    before: DeckMeta
    after: DeckMeta
    label: str = "Edit deck properties"

    def apply(self, deck: Deck) -> Deck:
        return replace(deck, meta=self.after)

    def revert(self, deck: Deck) -> Deck:
        return replace(deck, meta=self.before)


def set_meta(deck: Deck, **fields: str) -> SetMeta:
    return SetMeta(deck.meta, replace(deck.meta, **fields), "Edit " + ", ".join(fields))


@record
class SetTemplate:
    before: str
    after: str
    label: str = "Change template"

    def apply(self, deck: Deck) -> Deck:
        return replace(deck, template=self.after)

    def revert(self, deck: Deck) -> Deck:
        return replace(deck, template=self.before)


@record
class SetOption:
    name: str
    before: bool | None
    after: bool | None
    label: str = "Change slide options"

    def _with(self, deck: Deck, value: bool | None) -> Deck:
        options = dict(deck.options)
        if value is None:
            options.pop(self.name, None)
        else:
            options[self.name] = value
        return replace(deck, options=MappingProxyType(options))

    def apply(self, deck: Deck) -> Deck:
        return self._with(deck, self.after)

    def revert(self, deck: Deck) -> Deck:
        return self._with(deck, self.before)


def carried_pictures(section: Section, folder: str) -> Section:
    """*section* with its pictures carried as bytes (through the picture gate), so it no
    longer depends on the folder of the analysis it came from. One that cannot be read is
    kept as it was: the layout reports it."""
    from briefer.errors import BrieferError
    from briefer.images import load_figure

    figures = []
    for figure in section.images:
        try:
            png, _, _ = load_figure(folder, figure)
        except BrieferError:
            figures.append(figure)
            continue
        figures.append(replace(figure, path=f"{section.id}.png", data=png))
    return replace(section, images=tuple(figures))


def import_sections(deck: Deck, other: Analysis, ids: list[str], after_id: str | None,
                    name: str = "another analysis") -> ChangeSections:
    """Copy sections *ids* of *other* into the deck after *after_id*, pictures and all."""
    sections = [carried_pictures(other.section(sid), other.folder) for sid in ids]
    many = f"{len(sections)} sections" if len(sections) != 1 else f"“{sections[0].title}”"
    return insert_sections(deck, sections, after_id, f"Import {many} from {name}")
