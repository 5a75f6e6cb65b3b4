"""The layout model: a closed set of frozen elements in points, origin at the page's top left.

Renderers draw these and nothing else. Text is laid out into lines here; PowerPoint and
LibreOffice re-wrap it themselves in a box a little wider than the lines need (see engine).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefer.templates import FontSpec

Font = FontSpec  # name (what the PPTX names), file (what measures and embeds), bold, italic


@dataclass(frozen=True)
class Line:
    text: str
    x: float
    baseline: float
    width: float


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text box, with the lines the layout broke it into."""

    lines: tuple[Line, ...]
    font: Font
    size: float
    color: str
    line_height: float  # exact spacing, points
    space_before: float = 0.0
    align: str = "left"  # left | center | right
    indent: float = 0.0  # left edge of the text, from the box's left
    bullet: str | None = None
    bullet_x: float = 0.0  # left edge of the bullet, from the box's left
    bullet_color: str | None = None
    link: str | None = None
    number: int | None = None  # a numbered list item: the bullet is "N.", PPTX numbers it itself

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(frozen=True)
class TextBox:
    x: float
    y: float
    w: float
    h: float
    paragraphs: tuple[Paragraph, ...]
    role: str = "text"  # title, body, footer, banner… (shape names in the PPTX)
    anchor: str = "top"  # top | middle | bottom

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    line: str | None = None
    line_width: float = 0.0
    shape: str = "rect"  # rect | ellipse | rounded
    role: str = "shape"


@dataclass(frozen=True)
class Rule:
    """A straight line segment."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 1.0
    role: str = "line"


@dataclass(frozen=True)
class Picture:
    x: float
    y: float
    w: float
    h: float
    png: bytes
    role: str = "picture"


@dataclass(frozen=True)
class TableCell:
    box: TextBox
    fill: str | None


@dataclass(frozen=True)
class Table:
    """A native table: column edges and row heights fixed by the layout."""

    x: float
    y: float
    col_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    cells: tuple[tuple[TableCell, ...], ...]
    border: str
    header_rows: int = 1
    role: str = "table"

    @property
    def w(self) -> float:
        return sum(self.col_widths)

    @property
    def h(self) -> float:
        return sum(self.row_heights)


Element = TextBox | Rect | Rule | Picture | Table


@dataclass(frozen=True)
class Slide:
    kind: str  # title, summary, agenda, content, timeline, figures, table, closing, sources, divider
    title: str
    elements: tuple[Element, ...]
    background: str
    notes: str = ""
    section_id: str | None = None
    bookmark: str | None = None  # outline entry (first slide of each section)
    number: str = ""  # "3 of 12", "B-1"
    marking: str = ""


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str
    keywords: str = ""


@dataclass(frozen=True)
class LaidOutDeck:
    width: float
    height: float
    slides: tuple[Slide, ...]
    info: DocumentInfo
    fonts: tuple[Font, ...]
    marking: str = ""

    def texts(self) -> list[str]:
        """Every text box's text on every slide, in drawing order (for tests and search)."""
        out: list[str] = []
        for slide in self.slides:
            for element in slide.elements:
                if isinstance(element, TextBox):
                    out.append(element.text)
                elif isinstance(element, Table):
                    out.extend(cell.box.text for row in element.cells for cell in row)
        return out
