"""`.brief` files: a Deck saved as versioned JSON, written atomically."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from types import MappingProxyType
from typing import Any

from briefer import limits
from briefer.deck.model import (
    META_FIELDS,
    NO_TABLE,
    Deck,
    DeckMeta,
    SectionEdit,
    check_limits,
    normalise_levels,
)
from briefer.errors import BrieferError, ProjectError
from briefer.fileio import read_limited, write_files, write_text_atomic
from briefer.resources import DEFAULT_TEMPLATE
from briefer.source.library import is_builtin, load_analysis
from briefer.source.model import KINDS, Analysis, Bullet, Figure, Section, Table
from briefer.source.readers import is_analysis_name
from briefer.templates import SLIDE_SWITCHES

FORMAT = "briefer-deck"
VERSION = 3  # 2: sections made in the app, deleted sections, kind/role/marking/table/picture
# edits; 3: links inside key points
PICTURES = "pictures"  # beside the .brief: the pictures the deck holds (inserted or imported)


def deck_to_json(deck: Deck, location: Path | None = None,
                 pictures: dict[str, bytes] | None = None) -> dict[str, Any]:
    """The JSON of a .brief at *location*. Pictures the deck itself holds are named
    `pictures/<hash>.png` beside it and their bytes put in *pictures* for the caller to write."""
    ref = deck.analysis_ref
    if ref and location is not None and not is_builtin(ref):
        absolute = Path(ref).expanduser().resolve()
        try:
            ref = os.path.relpath(absolute, location.parent.resolve())
        except ValueError:  # another drive on Windows
            ref = str(absolute)
    store = pictures if pictures is not None else {}
    edits = {sid: _fields_json(edit, store) for sid, edit in deck.edits.items()}
    sections = [{"id": sid, "included": on} for sid, on in deck.entries]
    for sid, orphan in deck.orphans.items():  # kept for when the heading comes back
        sections.append({"id": sid, "included": bool(orphan.get("included", False))})
        if "edit" in orphan:
            edits[sid] = orphan["edit"]
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "analysis": ref,
        "template": deck.template,
        "meta": {name: getattr(deck.meta, name) for name in META_FIELDS},
        "sections": sections,
        "edits": edits,
        "options": dict(deck.options),
    }
    if deck.added:
        data["added"] = {sid: _fields_json(section, store) for sid, section in deck.added.items()}
    if deck.removed:
        data["removed"] = sorted(deck.removed)
    linked = any(len(point) > 2 for entry in (*edits.values(), *data.get("added", {}).values())
                 for point in entry.get("points", ()))
    if not linked:  # written in the oldest format that holds it, for older briefers
        data["version"] = 2
        if not deck.added and not deck.removed and ref != "" and all(
                set(entry) <= {"title", "points", "prose"} for entry in edits.values()):
            data["version"] = 1
    return data


def _fields_json(item: Section | SectionEdit, pictures: dict[str, bytes]) -> dict[str, Any]:
    """A section's (or an edit's) fields as JSON; an edit leaves out what it does not change."""
    entry: dict[str, Any] = {}
    if isinstance(item, Section):
        entry["kind"] = item.kind
    for name in ("title", "kind", "backup", "classification"):
        value = getattr(item, name)
        if value is not None and (name != "backup" or value or isinstance(item, SectionEdit)):
            entry[name] = value
    if item.points is not None and (item.points or isinstance(item, SectionEdit)):
        entry["points"] = [[p.level, p.text, [list(link) for link in p.links]] if p.links
                           else [p.level, p.text] for p in item.points]
    if item.prose is not None and (item.prose or isinstance(item, SectionEdit)):
        entry["prose"] = list(item.prose)
    if item.sources is not None and (item.sources or isinstance(item, SectionEdit)):
        entry["sources"] = list(item.sources)
    if item.table is not None:
        entry["table"] = {"header": list(item.table.header),
                          "rows": [list(row) for row in item.table.rows]}
    if item.images is not None and (item.images or isinstance(item, SectionEdit)):
        entry["images"] = [_figure_json(figure, pictures) for figure in item.images]
    return entry


def _figure_json(figure: Figure, pictures: dict[str, bytes]) -> dict[str, str]:
    if figure.data is None:  # a file next to the analysis
        return {"path": figure.path, "caption": figure.caption,
                **({"alt": figure.alt} if figure.alt else {})}
    from briefer.images import to_png

    png, _, _ = to_png(figure.data, f"the picture {figure.path}", ProjectError)
    name = f"{PICTURES}/{hashlib.sha256(png).hexdigest()[:16]}.png"
    pictures[name] = png
    return {"file": name, "caption": figure.caption, **({"alt": figure.alt} if figure.alt else {})}


def save_deck(deck: Deck, path: Path) -> None:
    """Write the deck, and the pictures it holds into `pictures/` beside it (named by content,
    so an existing file is never overwritten with other bytes)."""
    path = Path(path)
    pictures: dict[str, bytes] = {}
    text = json.dumps(deck_to_json(deck, path, pictures), ensure_ascii=False, indent=2) + "\n"
    size = len(text.encode("utf-8"))
    if size > limits.MAX_DECK_BYTES:  # never write a file that load_deck would refuse
        raise ProjectError(f"cannot save {path}: the deck would be {limits.size_text(size)} "
                           f"(at most {limits.size_text(limits.MAX_DECK_BYTES)})")
    write_files(path.parent, pictures, ProjectError, keep_existing=True)
    write_text_atomic(path, text)


def load_deck(path: Path) -> Deck:
    path = Path(path)
    try:
        raw = read_limited(path, limits.MAX_DECK_BYTES, "deck", ProjectError).decode("utf-8")
    except UnicodeDecodeError:
        raise ProjectError(f"{path} is not a briefer deck (not UTF-8 text)") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ProjectError(f"{path} is not a briefer deck (bad JSON at line {exc.lineno})") from None
    except RecursionError:
        raise ProjectError(f"{path} is not a briefer deck (JSON nested too deeply)") from None
    except ValueError as exc:  # a number of thousands of digits, say
        raise ProjectError(f"{path} is not a briefer deck ({exc})") from None
    try:
        return deck_from_json(data, path)
    except BrieferError as exc:
        raise type(exc)(f"{path}: {exc}") from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        raise ProjectError(f"{path} is not a valid briefer deck") from None


def deck_from_json(data: dict[str, Any], location: Path | None = None) -> Deck:
    """A Deck from parsed JSON, checked strictly: a wrong type is an error, never a guess.

    Sections the analysis no longer has (renamed or deleted headings) are kept aside in
    `Deck.orphans`, written back on save and reported by the layout, so no edit is lost.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectError("not a briefer deck")
    version = data.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectError("not a valid briefer deck (version)")
    if version > VERSION:
        raise ProjectError(f"deck was saved by a newer briefer (format {version})")
    ref = _text(data.get("analysis"), "analysis")
    raw_added = data.get("added") or {}
    if not isinstance(raw_added, dict):
        raise ProjectError("'added' must be an object")
    if not ref and not raw_added:
        raise ProjectError("the deck names no analysis")
    folder = location.parent if location is not None else Path(".")
    if ref:  # none: a deck begun from a blank analysis, all of whose sections it holds
        _name(ref, "analysis")
        candidate = Path(ref).expanduser()
        if location is not None and not candidate.is_absolute() and (is_analysis_name(ref)
                                                                     or "/" in ref):
            ref = str((location.parent / candidate).resolve())
        analysis = load_analysis(ref)
    else:
        analysis = Analysis()
    limits.check_count(raw_added, limits.MAX_SECTIONS, "sections", "'added'", ProjectError)
    added: dict[str, Section] = {}
    # the analysis has since gained a section with the id of one made in the app: the deck's
    # own keeps its place, switch and edits under a free id; the analysis's joins switched off
    moved: dict[str, str] = {}
    for sid, entry in raw_added.items():
        limits.check_text(sid, limits.MAX_NAME_CHARS, "a section id in 'added'", ProjectError)
        if sid in analysis.ids:
            listed = [i.get("id") for i in data.get("sections") or () if isinstance(i, dict)]
            taken = {*analysis.ids, *raw_added, *listed, *(data.get("edits") or ()),
                     *moved.values()}
            n = 2
            while f"{sid}-{n}" in taken:
                n += 1
            moved[sid] = f"{sid}-{n}"
        added[moved.get(sid, sid)] = _section(moved.get(sid, sid), entry, folder)
    raw_removed = data.get("removed") or []
    if not isinstance(raw_removed, list) or not all(isinstance(r, str) for r in raw_removed):
        raise ProjectError("'removed' must be a list of section ids")
    limits.check_count(raw_removed, limits.MAX_DECK_ENTRIES, "entries", "'removed'", ProjectError)
    removed = frozenset(raw_removed) & set(analysis.ids)
    known = set(analysis.ids) - removed | set(added)

    sections = data.get("sections", [])
    if not isinstance(sections, list):
        raise ProjectError("'sections' must be a list")
    limits.check_count(sections, limits.MAX_DECK_ENTRIES, "entries", "'sections'", ProjectError)
    entries: list[tuple[str, bool]] = []
    orphans: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for item in sections:
        if not isinstance(item, dict):
            raise ProjectError("each entry of 'sections' must be an object with an id")
        sid = limits.check_text(_text(item.get("id"), "section id"), limits.MAX_NAME_CHARS,
                                "a section id", ProjectError)
        included = _flag(item.get("included", True), f"sections[{sid}].included")
        sid = moved.get(sid, sid)
        if sid in seen:
            raise ProjectError(f"section {sid} is listed twice")
        seen.add(sid)
        if sid in known:
            entries.append((sid, included))
        else:
            orphans[sid] = {"included": included}
    entries.extend((sid, False) for sid in (*analysis.ids, *added)
                   if sid not in seen and sid in known)

    raw_edits = data.get("edits") or {}
    if not isinstance(raw_edits, dict):
        raise ProjectError("'edits' must be an object")
    limits.check_count(raw_edits, limits.MAX_DECK_ENTRIES, "entries", "'edits'", ProjectError)
    edits = {}
    for sid, entry in raw_edits.items():
        limits.check_text(sid, limits.MAX_NAME_CHARS, "a section id in 'edits'", ProjectError)
        edit = _edit(sid, entry, folder)
        sid = moved.get(sid, sid)
        if sid in known:
            edits[sid] = edit
        else:
            orphans.setdefault(sid, {"included": False})["edit"] = entry

    meta_data = data.get("meta") or {}
    if not isinstance(meta_data, dict):
        raise ProjectError("'meta' must be an object")
    defaults = DeckMeta.from_analysis(analysis)  # a key the file lacks keeps the analysis's value
    meta = DeckMeta(**{name: _text(meta_data[name], f"meta.{name}") if name in meta_data
                       else getattr(defaults, name) for name in META_FIELDS})
    raw_options = data.get("options") or {}
    if not isinstance(raw_options, dict):
        raise ProjectError("'options' must be an object")
    options = {}
    for name, value in raw_options.items():
        if name not in SLIDE_SWITCHES:
            raise ProjectError(f"unknown slide option '{name}'")
        options[name] = _flag(value, f"options.{name}")
    deck = Deck(
        analysis=analysis,
        analysis_ref=ref,
        entries=tuple(entries),
        meta=meta,
        template=_name(_text(data.get("template"), "template"), "template") or DEFAULT_TEMPLATE,
        edits=MappingProxyType(edits),
        options=MappingProxyType(options),
        orphans=MappingProxyType(orphans),
        added=MappingProxyType(added),
        removed=removed,
    )
    check_limits(deck)
    return deck


def _name(value: str, where: str) -> str:
    """A file or template name: no NUL bytes, and not longer than any real path."""
    if "\0" in value:
        raise ProjectError(f"{where} {value[:80]!r} contains a NUL byte")
    return limits.check_text(value, limits.MAX_NAME_CHARS, where, ProjectError)


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProjectError(f"{where} must be text")
    return value


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ProjectError(f"{where} must be true or false")
    return value


def _edit(sid: str, entry: Any, folder: Path = Path(".")) -> SectionEdit:
    if not isinstance(entry, dict):
        raise ProjectError(f"edits.{sid} must be an object")
    return SectionEdit(**_fields(f"edits.{sid}", entry, folder))


def _section(sid: str, entry: Any, folder: Path) -> Section:
    if not isinstance(entry, dict):
        raise ProjectError(f"added.{sid} must be an object")
    fields = {name: value for name, value in _fields(f"added.{sid}", entry, folder).items()
              if value is not None}
    if fields.get("table") == NO_TABLE:
        fields.pop("table")
    fields["classification"] = fields.get("classification") or None
    return Section(id=sid, **{"title": sid, **fields})


def _fields(where: str, entry: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The section fields an entry gives, each checked for its type; None where it gives none."""
    out: dict[str, Any] = {}
    points = entry.get("points")
    if points is not None:
        if not isinstance(points, list):
            raise ProjectError(f"{where}.points must be a list")
        bullets = []
        for point in points:
            if not (isinstance(point, list) and len(point) in (2, 3) and _int(point[0])
                    and isinstance(point[1], str)):
                raise ProjectError(f"{where}.points must hold [level, text] pairs")
            links = _links(where, point[1], point[2]) if len(point) == 3 else ()
            bullets.append(Bullet(point[1], point[0], links))
        out["points"] = normalise_levels(bullets)
    for name in ("prose", "sources"):
        value = entry.get(name)
        if value is not None:
            if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
                raise ProjectError(f"{where}.{name} must be a list of text")
            out[name] = tuple(value)
    for name in ("title", "kind", "classification"):
        value = entry.get(name)
        if value is not None and not isinstance(value, str):
            raise ProjectError(f"{where}.{name} must be text")
        out[name] = value
    if out["kind"] is not None and out["kind"] not in KINDS:
        raise ProjectError(f"{where}.kind must be one of {', '.join(KINDS)}")
    backup = entry.get("backup")
    if backup is not None and not isinstance(backup, bool):
        raise ProjectError(f"{where}.backup must be true or false")
    out["backup"] = backup
    table = entry.get("table")
    if table is not None:
        out["table"] = _table(where, table)
    images = entry.get("images")
    if images is not None:
        if not isinstance(images, list):
            raise ProjectError(f"{where}.images must be a list")
        out["images"] = tuple(_figure(where, image, folder) for image in images[:20])
    return out


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _links(where: str, text: str, links: Any) -> tuple[tuple[int, int, str], ...]:
    """A key point's links, [start, end, URL] each: in order, apart, within its text."""
    message = f"{where}.points: links must be [start, end, URL] lists within the point's text"
    if not isinstance(links, list):
        raise ProjectError(message)
    out: list[tuple[int, int, str]] = []
    for link in links:
        if not (isinstance(link, list) and len(link) == 3 and _int(link[0]) and _int(link[1])
                and isinstance(link[2], str) and link[2]):
            raise ProjectError(message)
        start, end, url = link
        if not (out[-1][1] if out else 0) <= start < end <= len(text):
            raise ProjectError(message)
        out.append((start, end, limits.check_text(url, limits.MAX_TEXT_CHARS, f"{where}: a link",
                                                  ProjectError)))
    return tuple(out)


def _table(where: str, table: Any) -> Table:
    if not isinstance(table, dict):
        raise ProjectError(f"{where}.table must be an object")
    header, rows = table.get("header", []), table.get("rows", [])
    if not isinstance(header, list) or not all(isinstance(c, str) for c in header):
        raise ProjectError(f"{where}.table.header must be a list of text")
    if not isinstance(rows, list) or not all(
            isinstance(r, list) and all(isinstance(c, str) for c in r) for r in rows):
        raise ProjectError(f"{where}.table.rows must be lists of text")
    limits.check_count(rows, limits.MAX_TABLE_ROWS, "table rows", where, ProjectError)
    limits.check_count(header, limits.MAX_TABLE_COLUMNS, "table columns", where, ProjectError)
    width = len(header)
    return Table(tuple(header), tuple(tuple((r + [""] * width)[:width]) for r in rows))


def _figure(where: str, image: Any, folder: Path) -> Figure:
    """A picture entry: `path` (next to the analysis) or `file` (the deck's own, beside it).

    The deck's own file is read only from the deck's folder or below it, and undecoded: the
    layout's picture gate decodes it. A file that has gone missing is reported by the layout.
    """
    if not isinstance(image, dict):
        raise ProjectError(f"{where}.images must hold objects")
    caption = image.get("caption", "")
    alt = image.get("alt", "")
    if not isinstance(caption, str) or not isinstance(alt, str):
        raise ProjectError(f"{where}.images: caption and alt must be text")
    if "file" in image:
        name = image["file"]
        if not isinstance(name, str):
            raise ProjectError(f"{where}.images: file must be text")
        _name(name, f"{where}.images.file")
        from briefer.images import MAX_IMAGE_BYTES, resolve

        try:
            data = read_limited(resolve(str(folder), name), MAX_IMAGE_BYTES, "picture", ProjectError)
        except BrieferError:
            data = b""  # the layout says the picture cannot be used
        return Figure(name, caption, data, alt)
    path = image.get("path")
    if not isinstance(path, str):
        raise ProjectError(f"{where}.images: each needs a path or a file")
    return Figure(_name(path, f"{where}.images.path"), caption, alt=alt)
