"""The layout model: a closed set of frozen elements in points, origin at the page's top left.

Renderers draw these and nothing else. Text is laid out into lines here; PowerPoint and
LibreOffice re-wrap it themselves in a box a little wider than the lines need (see engine).

Furniture shared by many slides lives once: banners on the deck's master, header bars, rules
and the logo on the slide layout (`Frame`) a slide names. A slide holds its content only, so
the PPTX can put furniture on its master and layouts, while the PDF and the preview draw
`LaidOutDeck.page(slide)`: master, layout and content in one list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import field, replace
from typing import TypeVar

from briefer.records import record
from briefer.templates import FontSpec

Font = FontSpec  # name (what the PPTX names), file (what measures and embeds), bold, italic
_T = TypeVar("_T")


def changed(item: _T, **changes: object) -> _T:
    """A copy of a frozen element with some fields changed: `dataclasses.replace` without its
    re-validation, which costs ten times more and runs thousands of times per layout."""
    new = object.__new__(type(item))
    new.__dict__.update(item.__dict__)
    new.__dict__.update(changes)
    return new


@record
class Line:
    """One line of a paragraph where the layout broke it, at its baseline."""

    text: str
    x: float
    baseline: float
    width: float
    joined: bool = False  # continues the previous line without a space (after a hyphen, or
    # inside a word too long for the line): the stored text has no space there


@record
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
    level: int = 0  # outline level of a key point (0-2): PowerPoint's list level
    # the text as written, where the lines show it otherwise (a master's all-caps title): what
    # an editable format stores, so the words stay as the author wrote them
    source: str = ""
    # (start, end, URL) of links inside the paragraph's stored text: clickable runs
    links: tuple[tuple[int, int, str], ...] = ()

    @property
    def text(self) -> str:
        """The lines' text joined as written: a space only where a line broke at one."""
        out = []
        for i, line in enumerate(self.lines):
            if i and not line.joined:
                out.append(" ")
            out.append(line.text)
        return "".join(out)

    @property
    def stored(self) -> str:
        return self.source or self.text


@record
class TextBox:
    """A box of paragraphs; a placeholder's text when *placeholder* names one."""

    x: float
    y: float
    w: float
    h: float
    paragraphs: tuple[Paragraph, ...]
    role: str = "text"  # title, body, footer, banner… (shape names in the PPTX)
    anchor: str = "top"  # top | middle | bottom
    placeholder: str | None = None  # the layout placeholder it fills: title, body, sldNum…

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@record
class Rect:
    """A filled or outlined shape: banners, bars, tiles, markers."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    line: str | None = None
    line_width: float = 0.0
    shape: str = "rect"  # rect | ellipse | rounded
    role: str = "shape"


@record
class Rule:
    """A straight line segment."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 1.0
    role: str = "line"


@record
class Picture:
    """A picture as PNG in its box, with the alt text screen readers get."""

    x: float
    y: float
    w: float
    h: float
    png: bytes
    role: str = "picture"
    description: str = ""  # alt text: the caption or what the picture shows, never a file name


@record
class TableCell:
    """A table cell: its text box and fill."""

    box: TextBox
    fill: str | None


@record
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
    description: str = ""  # alt text

    @property
    def w(self) -> float:
        return sum(self.col_widths)

    @property
    def h(self) -> float:
        return sum(self.row_heights)


@record
class Group:
    """Shapes that make one graphic (a timeline, a grid of figures): one object in PowerPoint,
    with a name and alt text a screen reader can announce."""

    elements: tuple[TextBox | Rect | Rule | Picture, ...]
    name: str
    description: str
    role: str = "group"

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """x, y, w, h around every member."""
        xs: list[float] = []
        ys: list[float] = []
        for e in self.elements:
            if isinstance(e, Rule):
                xs += [e.x1, e.x2]
                ys += [e.y1, e.y2]
            else:
                xs += [e.x, e.x + e.w]
                ys += [e.y, e.y + e.h]
        if not xs:
            return 0.0, 0.0, 0.0, 0.0
        return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


Element = TextBox | Rect | Rule | Picture | Table | Group
Shape = TextBox | Rect | Rule | Picture | Table  # what a page is drawn from: groups flattened


LAYOUT_NAMES = {  # role → the name PowerPoint gives the layout
    "title": "Title Slide",
    "content": "Title and Content",
    "two-content": "Two Content",
    "section": "Section Header",
    "title-only": "Title Only",
    "blank": "Blank",
}


@record
class Frame:
    """One slide layout: its background, the furniture under every slide on it, and its
    placeholders (name → a sample box: where it sits and how its text looks), so a slide added
    in PowerPoint on this layout looks like ours and its text lands where ours does."""

    role: str  # a key of LAYOUT_NAMES
    background: str
    elements: tuple[Element, ...] = ()
    placeholders: Mapping[str, TextBox] = field(default_factory=dict)
    # with an organisation's master: its layout part, and each placeholder's <p:ph> there
    part: str = ""
    refs: Mapping[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return LAYOUT_NAMES[self.role]


@record
class Slide:
    """One slide's content, the layout it sits on, its number, notes and outline entry."""

    kind: str  # title, summary, agenda, content, timeline, figures, table, closing, sources, divider
    title: str
    elements: tuple[Element, ...]
    background: str
    notes: str = ""
    section_id: str | None = None
    bookmark: str | None = None  # outline entry (first slide of each section)
    number: str = ""  # "3 of 12", "B-1"
    marking: str = ""
    layout: str = "blank"  # the Frame it sits on (a key of LAYOUT_NAMES)
    # True when the slide's furniture differs from its layout's (a title too long for the
    # header): the slide then carries all of it, master banners included, and hides the layout's
    own_frame: bool = False


@record
class DocumentInfo:
    """The document properties every output carries (PPTX core.xml, PDF info and XMP)."""

    title: str
    author: str
    subject: str
    keywords: str = ""


@record
class LaidOutDeck:
    """Everything a renderer draws: the slides, the master's elements and one Frame per layout."""

    width: float
    height: float
    slides: tuple[Slide, ...]
    info: DocumentInfo
    fonts: tuple[Font, ...]
    marking: str = ""
    master: tuple[Element, ...] = ()  # on every slide: the classification banners
    layouts: Mapping[str, Frame] = field(default_factory=dict)
    lang: str = "en-GB"
    colors: Mapping[str, str] = field(default_factory=dict)  # the template's palette, by role
    master_file: str = ""  # an organisation's .potx/.pptx whose masters and layouts the PPTX keeps

    def page(self, slide: Slide) -> Iterator[Shape]:
        """Everything drawn on *slide*'s page, bottom to top in reading order: the top banner,
        the layout's furniture, the content, the bottom banner."""
        if slide.own_frame:
            yield from _flat(slide.elements)
            return
        frame = self.layouts.get(slide.layout)
        last = [e for e in self.master if e.role.startswith("banner-bottom")]
        yield from _flat(e for e in self.master if not e.role.startswith("banner-bottom"))
        if frame is not None:
            yield from _flat(frame.elements)
        yield from _flat(slide.elements)
        yield from _flat(last)

    def drawn(self) -> tuple[Slide, ...]:
        """Every slide with its page's furniture folded in (for painters that draw one slide)."""
        return tuple(slide if slide.own_frame and not any(isinstance(e, Group) for e in slide.elements)
                     else replace(slide, elements=tuple(self.page(slide)), own_frame=True)
                     for slide in self.slides)

    def outline(self) -> list[tuple[int, str, int]]:
        """(slide index, title, level) for every slide: a section's entry on its first slide,
        one child per slide when it has several, and backup sections under the divider."""
        out: list[tuple[int, str, int]] = []
        groups: list[list[int]] = []
        for i, slide in enumerate(self.slides):
            previous = self.slides[i - 1] if i else None
            same = previous is not None and slide.bookmark is None and (
                (slide.section_id is not None and slide.section_id == previous.section_id)
                or (slide.section_id is None and slide.kind == previous.kind))
            if same:
                groups[-1].append(i)
            else:
                groups.append([i])
        base = 0
        for group in groups:
            first = self.slides[group[0]]
            if first.kind == "divider":
                out.append((group[0], first.bookmark or first.title, 0))
                base = 1  # what follows the divider is backup: nested under it
                continue
            out.append((group[0], first.bookmark or first.title, base))
            if len(group) > 1:
                out.extend((i, self.slides[i].title, base + 1) for i in group)
        return out

    def page_labels(self) -> list[tuple[int, str, int | None]]:
        """(first slide index, prefix, start number or None) ranges whose labels read as the
        slides are numbered: "1" … "N", "B-1" …, a divider by its title."""
        ranges: list[tuple[int, str, int | None]] = []
        last: tuple[str, int] | None = None
        for i, slide in enumerate(self.slides):
            number = slide.number.split(" of ")[0]
            prefix, _, digits = number.rpartition("-") if "-" in number else ("", "", number)
            if digits.isdigit():
                prefix = f"{prefix}-" if prefix else ""
                n = int(digits)
                if last is None or last != (prefix, n - 1):
                    ranges.append((i, prefix, n))
                last = (prefix, n)
            else:
                ranges.append((i, slide.title, None))
                last = None
        return ranges

    def texts(self) -> list[str]:
        """Every text box's text on every page, in drawing order (for tests and search)."""
        out: list[str] = []
        for slide in self.slides:
            for element in self.page(slide):
                if isinstance(element, TextBox):
                    out.append(element.text)
                elif isinstance(element, Table):
                    out.extend(cell.box.text for row in element.cells for cell in row)
        return out


def _flat(elements: Iterator[Element] | tuple[Element, ...] | list[Element]) -> Iterator[Shape]:
    for element in elements:
        if isinstance(element, Group):
            yield from element.elements
        else:
            yield element
