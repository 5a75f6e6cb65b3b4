"""A deck written back as an analysis: the user's sections (in their order, edits applied)
become a reusable Markdown analysis, with its pictures beside it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from briefer.deck.model import Deck
from briefer.errors import BrieferError, SourceError
from briefer.fileio import write_files, write_text_atomic
from briefer.images import load_figure
from briefer.source.model import Analysis
from briefer.source.slug import slugify

IMAGES = "images"


def deck_as_analysis(deck: Deck) -> tuple[Analysis, dict[str, bytes], list[str]]:
    """The analysis the deck now says, the pictures it needs (relative name → PNG bytes) and
    what was left out (pictures that cannot be read)."""
    m = deck.meta
    meta = replace(deck.analysis.meta, title=m.title or deck.analysis.meta.title,
                   subtitle=m.subtitle, author=m.presenter, organisation=m.organisation,
                   as_of=m.as_of, classification=m.classification)
    pictures: dict[str, bytes] = {}
    problems: list[str] = []
    sections = []
    taken = set(deck.order)
    for section in deck.all_sections():
        if section.id in deck.added and section.id.startswith("new-section"):
            # a section made with Add Section: its id follows the title it was given
            wanted = slugify(section.title) or section.id
            if wanted != section.id:
                sid, n = wanted, 2
                while sid in taken:
                    sid, n = f"{wanted}-{n}", n + 1
                taken.add(sid)
                section = replace(section, id=sid)
        figures = []
        for n, figure in enumerate(section.images, 1):
            try:
                png, _, _ = load_figure(deck.analysis.folder, figure)
            except BrieferError as exc:
                problems.append(f"'{section.title}': {exc}; the picture is left out")
                continue
            name = f"{IMAGES}/{section.id}{'' if n == 1 else f'-{n}'}.png"
            pictures[name] = png
            figures.append(replace(figure, path=name, data=None))
        sections.append(replace(section, images=tuple(figures)))
    return Analysis(meta=meta, sections=tuple(sections)), pictures, problems


def save_analysis(deck: Deck, path: Path) -> list[str]:
    """Write the deck's sections as a Markdown analysis at *path*, pictures in `images/` beside
    it; returns what was left out. Every file is written atomically."""
    from briefer.source.markdown import write_analysis

    path = Path(path)
    analysis, pictures, problems = deck_as_analysis(deck)
    text = write_analysis(analysis)
    write_files(path.parent, pictures, SourceError)
    write_text_atomic(path, text)
    return problems
