"""`.brief` files: a Deck saved as versioned JSON, written atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import MappingProxyType
from typing import Any

from briefer.deck.model import META_FIELDS, Deck, DeckMeta, SectionEdit
from briefer.errors import BrieferError, ProjectError
from briefer.fileio import read_limited, write_text_atomic
from briefer.source.library import is_builtin, load_analysis
from briefer.source.model import Bullet

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
    return {
        "format": FORMAT,
        "version": VERSION,
        "analysis": ref,
        "template": deck.template,
        "meta": {name: getattr(deck.meta, name) for name in META_FIELDS},
        "sections": [{"id": sid, "included": on} for sid, on in deck.entries],
        "edits": edits,
        "options": dict(deck.options),
    }


def save_deck(deck: Deck, path: Path) -> None:
    path = Path(path)
    text = json.dumps(deck_to_json(deck, path), ensure_ascii=False, indent=2)
    write_text_atomic(path, text + "\n")


def load_deck(path: Path) -> Deck:
    path = Path(path)
    try:
        raw = read_limited(path, 20_000_000, "deck", ProjectError).decode("utf-8")
    except UnicodeDecodeError:
        raise ProjectError(f"{path} is not a briefer deck (not UTF-8 text)") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ProjectError(f"{path} is not a briefer deck (bad JSON at line {exc.lineno})") from None
    try:
        return deck_from_json(data, path)
    except BrieferError as exc:
        raise type(exc)(f"{path}: {exc}") from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        raise ProjectError(f"{path} is not a valid briefer deck") from None


def deck_from_json(data: dict[str, Any], location: Path | None = None) -> Deck:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectError("not a briefer deck")
    if int(data.get("version", 0)) > VERSION:
        raise ProjectError(f"deck was saved by a newer briefer (format {data['version']})")
    ref = str(data["analysis"])
    candidate = Path(ref).expanduser()
    if location is not None and not candidate.is_absolute() and (ref.endswith(".md") or "/" in ref):
        ref = str((location.parent / candidate).resolve())
    analysis = load_analysis(ref)
    known = set(analysis.ids)
    entries: list[tuple[str, bool]] = []
    for item in data.get("sections", []):
        entries.append((str(item["id"]), bool(item.get("included", True))))
    missing = [sid for sid, on in entries if sid not in known]
    if missing:
        raise ProjectError(f"the analysis has no section {', '.join(missing)}")
    listed = {sid for sid, _ in entries}
    entries.extend((sid, False) for sid in analysis.ids if sid not in listed)
    edits = {}
    for sid, entry in (data.get("edits") or {}).items():
        if sid not in known:
            raise ProjectError(f"edits name unknown section {sid}")
        points = entry.get("points")
        edits[sid] = SectionEdit(
            title=entry.get("title"),
            points=None if points is None else tuple(Bullet(str(t), int(lv)) for lv, t in points),
            prose=None if entry.get("prose") is None else tuple(str(p) for p in entry["prose"]),
        )
    meta_data = data.get("meta") or {}
    meta = DeckMeta(**{name: str(meta_data.get(name, "")) for name in META_FIELDS})
    options = {str(k): bool(v) for k, v in (data.get("options") or {}).items()}
    return Deck(
        analysis=analysis,
        analysis_ref=ref,
        entries=tuple(entries),
        meta=meta,
        template=str(data.get("template") or "staff-brief"),
        edits=MappingProxyType(edits),
        options=MappingProxyType(options),
    )
