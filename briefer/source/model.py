"""Analysis and Section: the immutable source a deck is built from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field, replace

from briefer.messages import Notice
from briefer.records import record

KINDS = ("bullets", "summary", "timeline", "figures", "table", "closing")
MAX_LEVEL = 2  # bullets nest three levels deep: 0, 1, 2


@record
class Bullet:
    """One key point; level 0 is a top bullet, 1 and 2 are sub-bullets."""

    text: str
    level: int = 0
    # (start, end, URL) of each link inside the text: clickable where the point is shown
    links: tuple[tuple[int, int, str], ...] = ()


def link_spans(text: str, anchors: Iterable[tuple[str, str]]) -> tuple[tuple[int, int, str], ...]:
    """Where each (anchor text, URL) sits in *text*, found in order (a link whose anchor text
    cannot be found is left out: the URL is still among the section's sources)."""
    spans: list[tuple[int, int, str]] = []
    cursor = 0
    for label, url in anchors:
        at = text.find(label, cursor) if label else -1
        if at >= 0 and url:
            spans.append((at, at + len(label), url))
            cursor = at + len(label)
    return tuple(spans)


@record
class Table:
    """A plain table: a header row and body rows of text cells."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()


@record
class Figure:
    """An image shown beside the key points, and its caption.

    A Markdown analysis names a file relative to the analysis (*path*); a Word file carries its
    pictures inside, so they come as undecoded *data*, with *path* the name they had there. Either
    way every decode goes through `briefer.images.to_png`.
    """

    path: str
    caption: str = ""
    data: bytes | None = field(default=None, repr=False)
    alt: str = ""  # what a screen reader says; the caption (else the section title) when empty


@record
class Section:
    """One part of the analysis; usually one slide, more when it runs long."""

    id: str
    title: str
    kind: str = "bullets"
    points: tuple[Bullet, ...] = ()
    prose: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    classification: str | None = None
    backup: bool = False
    table: Table | None = None
    images: tuple[Figure, ...] = ()  # the first is shown; the layout warns about the others

    def with_changes(self, **changes: object) -> Section:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def image(self) -> Figure | None:
        return self.images[0] if self.images else None

    @property
    def notes(self) -> str:
        """Speaker notes: the prose paragraphs, blank-line separated."""
        return "\n\n".join(self.prose)


@record
class AnalysisMeta:
    """The analysis's front matter: title, byline, date, marking, language, authority block."""

    title: str = "Untitled analysis"
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    as_of: str = ""
    classification: str = ""
    sources: tuple[str, ...] = ()
    lang: str = "en-GB"  # BCP 47 tag of the text: PowerPoint's proofing language, the PDF's /Lang
    # the classification authority block of a classified report's title page
    classified_by: str = ""
    derived_from: str = ""
    declassify_on: str = ""


@record
class Analysis:
    """Metadata plus sections in reading order; ids are unique."""

    meta: AnalysisMeta = field(default_factory=AnalysisMeta)
    sections: tuple[Section, ...] = ()
    # where the file was read from (image paths are relative to it); not part of its content
    folder: str = field(default="", compare=False)
    # what the reader left out or changed (the layout passes them on with its own warnings)
    warnings: tuple[Notice, ...] = field(default=(), compare=False)

    def section(self, section_id: str) -> Section:
        index = self.__dict__.get("_index")
        if index is None:  # built once per analysis; frozen, so set it behind the dataclass
            index = {s.id: s for s in self.sections}
            object.__setattr__(self, "_index", index)
        return index[section_id]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(section.id for section in self.sections)
