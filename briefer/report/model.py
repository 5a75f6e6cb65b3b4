"""The written report as a document, not slides: a title page, then blocks in reading order.

Built once from the deck (build.py) and drawn by two renderers: tagged PDF through Typst
(render/report_pdf.py) and Word (render/report_docx.py). Every text here is plain text; the
renderers never read it as markup.
"""

from __future__ import annotations

from briefer.layout.model import Shape
from briefer.records import record
from briefer.templates import FontSpec


@record
class Heading:
    level: int  # 1 or 2
    text: str


@record
class Para:
    text: str  # the portion mark, if any, already in front
    notes: tuple[int, ...] = ()  # endnote numbers referenced at its end


@record
class Point:
    text: str
    level: int = 0


@record
class KeyPoints:
    """The section's key points, drawn boxed under a 'Key points' label."""

    points: tuple[Point, ...]
    label: str = "Key points"
    notes: tuple[int, ...] = ()


@record
class TableBlock:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str


@record
class FigureBlock:
    """A slide's graphic (its shapes, and the box round them in slide points), drawn as vectors,
    with rows that say the same in words (Word shows those)."""

    elements: tuple[Shape, ...]
    box: tuple[float, float, float, float]
    caption: str
    alt: str
    rows: tuple[tuple[str, str], ...] = ()  # (date or value, event or label)
    header: tuple[str, str] = ("", "")


@record
class PictureBlock:
    png: bytes
    width_px: int
    height_px: int
    caption: str
    alt: str


Block = Heading | Para | KeyPoints | TableBlock | FigureBlock | PictureBlock


@record
class Endnote:
    number: int
    text: str
    url: str | None = None


@record
class ReportLook:
    paper: str
    heading_font: FontSpec
    body_font: FontSpec
    size: float
    colors: dict[str, str]  # heading, text, accent, box
    margins: dict[str, float]  # top, bottom, left, right
    banner: tuple[str, str] | None  # fill and text colour; None: no banner shown


@record
class Report:
    title: str
    short_title: str  # the running header
    subtitle: str
    author: str
    organisation: str
    date: str
    marking: str
    authority: tuple[tuple[str, str], ...]  # ("Classified By", "…"), …
    lang: str
    look: ReportLook
    blocks: tuple[Block, ...]
    endnotes: tuple[Endnote, ...]

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]
