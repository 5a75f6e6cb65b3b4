"""`.brief` files: a Deck saved as versioned JSON, written atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import MappingProxyType
from typing import Any

from briefer import limits
from briefer.deck.model import (
    META_FIELDS,
    Deck,
    DeckMeta,
    SectionEdit,
    check_limits,
    normalise_levels,
)
from briefer.errors import BrieferError, ProjectError
from briefer.fileio import read_limited, write_text_atomic
from briefer.resources import DEFAULT_TEMPLATE
from briefer.source.library import is_builtin, load_analysis
from briefer.source.model import Bullet
from briefer.source.readers import is_analysis_name
from briefer.templates import SLIDE_SWITCHES

FORMAT = "briefer-deck"
VERSION = 1


def deck_to_json(deck: Deck, location: Path | None = None) -> dict[str, Any]:
    ref = deck.analysis_ref
    if location is not None and not is_builtin(ref):
        absolute = Path(ref).expanduser().resolve()
        try:
            ref = os.path.relpath(absolute, location.parent.resolve())
        except ValueError:  # another drive on Windows
            ref = str(absolute)
    edits = {}
    for sid, edit in deck.edits.items():
        entry: dict[str, Any] = {}
        if edit.title is not None:
            entry["title"] = edit.title
        if edit.points is not None:
            entry["points"] = [[p.level, p.text] for p in edit.points]
        if edit.prose is not None:
            entry["prose"] = list(edit.prose)
        edits[sid] = entry
    sections = [{"id": sid, "included": on} for sid, on in deck.entries]
    for sid, orphan in deck.orphans.items():  # kept for when the heading comes back
        sections.append({"id": sid, "included": bool(orphan.get("included", False))})
        if "edit" in orphan:
            edits[sid] = orphan["edit"]
    return {
        "format": FORMAT,
        "version": VERSION,
        "analysis": ref,
        "template": deck.template,
        "meta": {name: getattr(deck.meta, name) for name in META_FIELDS},
        "sections": sections,
        "edits": edits,
        "options": dict(deck.options),
    }


def save_deck(deck: Deck, path: Path) -> None:
    path = Path(path)
    text = json.dumps(deck_to_json(deck, path), ensure_ascii=False, indent=2) + "\n"
    size = len(text.encode("utf-8"))
    if size > limits.MAX_DECK_BYTES:  # never write a file that load_deck would refuse
        raise ProjectError(f"cannot save {path}: the deck would be {limits.size_text(size)} "
                           f"(at most {limits.size_text(limits.MAX_DECK_BYTES)})")
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
    if not ref:
        raise ProjectError("the deck names no analysis")
    _name(ref, "analysis")
    candidate = Path(ref).expanduser()
    if location is not None and not candidate.is_absolute() and (is_analysis_name(ref) or "/" in ref):
        ref = str((location.parent / candidate).resolve())
    analysis = load_analysis(ref)
    known = set(analysis.ids)

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
        if sid in seen:
            raise ProjectError(f"section {sid} is listed twice")
        seen.add(sid)
        if sid in known:
            entries.append((sid, included))
        else:
            orphans[sid] = {"included": included}
    entries.extend((sid, False) for sid in analysis.ids if sid not in seen)

    raw_edits = data.get("edits") or {}
    if not isinstance(raw_edits, dict):
        raise ProjectError("'edits' must be an object")
    limits.check_count(raw_edits, limits.MAX_DECK_ENTRIES, "entries", "'edits'", ProjectError)
    edits = {}
    for sid, entry in raw_edits.items():
        limits.check_text(sid, limits.MAX_NAME_CHARS, "a section id in 'edits'", ProjectError)
        edit = _edit(sid, entry)
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


def _edit(sid: str, entry: Any) -> SectionEdit:
    if not isinstance(entry, dict):
        raise ProjectError(f"edits.{sid} must be an object")
    points = entry.get("points")
    if points is not None:
        if not isinstance(points, list):
            raise ProjectError(f"edits.{sid}.points must be a list")
        bullets = []
        for point in points:
            if not (isinstance(point, list) and len(point) == 2 and isinstance(point[0], int)
                    and not isinstance(point[0], bool) and isinstance(point[1], str)):
                raise ProjectError(f"edits.{sid}.points must hold [level, text] pairs")
            bullets.append(Bullet(point[1], point[0]))
        points = normalise_levels(bullets)
    prose = entry.get("prose")
    if prose is not None:
        if not isinstance(prose, list) or not all(isinstance(p, str) for p in prose):
            raise ProjectError(f"edits.{sid}.prose must be a list of paragraphs")
        prose = tuple(prose)
    title = entry.get("title")
    if title is not None and not isinstance(title, str):
        raise ProjectError(f"edits.{sid}.title must be text")
    return SectionEdit(title=title, points=points, prose=prose)
