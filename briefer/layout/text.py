"""Text blocks: wrap paragraphs with the real font metrics, then place them in a box.

Paragraphs wrap at the full width of their box, the width the PPTX gives PowerPoint and
LibreOffice, so all three break lines in the same places. They re-wrap the PPTX text
themselves; a paragraph with a line within a hair of its box's edge (where another program's
rounding could push a word down) reserves the height of the lines it would take wrapped that
hair narrower (`Block.slack`), so their text cannot overflow the box either: the guarantee is
kept with height, not width.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from briefer.layout.measure import FontMetrics, join_lines, metrics, wrap
from briefer.layout.model import Font, Line, Paragraph, TextBox
from briefer.records import record


def tight(width: float) -> float:
    """How close (points) to the edge a line may end before its paragraph reserves a line."""
    return 0.5 + 0.004 * width


def half_point(size: float) -> float:
    """*size* rounded down to a whole or half point (never below half a point)."""
    return max(0.5, int(size * 2 + 1e-6) / 2)


@record
class Style:
    """A text style; sizes snap to whole and half points, as PowerPoint offers them."""

    font: Font
    size: float
    color: str
    line_spacing: float = 1.15
    align: str = "left"

    def __post_init__(self) -> None:
        # whole and half points only: what PowerPoint's size box shows and offers
        object.__setattr__(self, "size", half_point(self.size))

    @property
    def metrics(self) -> FontMetrics:
        return metrics(self.font.file)

    @cached_property  # asked for every line of every pagination trial
    def line_height(self) -> float:
        return round(self.size * self.line_spacing, 2)

    def sized(self, size: float) -> Style:
        return replace(self, size=size)


@record
class Block:
    """A wrapped paragraph, not yet positioned."""

    lines: tuple[str, ...]
    style: Style
    space_before: float = 0.0
    indent: float = 0.0
    bullet: str | None = None
    bullet_x: float = 0.0
    bullet_color: str | None = None
    link: str | None = None
    number: int | None = None
    level: int = 0
    joins: tuple[bool, ...] = ()  # per line: continues the previous one without a space
    slack: float = 0.0  # height reserved for lines another program might add (see tight)
    usable: float = 0.0  # the width the lines were wrapped to, points
    edge: float = 0.0  # a line longer than this is tight (see tight)
    links: tuple[tuple[int, int, str], ...] = ()  # (start, end, URL) in the joined lines' text

    def height(self, first: bool) -> float:
        """Height in a box, reserve included: what fitting and paginating count."""
        return self.drawn_height(first) + self.slack

    def drawn_height(self, first: bool) -> float:
        return (0.0 if first else self.space_before) + len(self.lines) * self.style.line_height

    @property
    def line_joins(self) -> tuple[bool, ...]:
        return self.joins if len(self.joins) == len(self.lines) else (False,) * len(self.lines)

    def split(self, count: int) -> tuple[Block, Block]:
        """The first *count* lines, and the rest as a continuation without a bullet; each part
        is its own paragraph in the PPTX, re-wrapped on its own, so each keeps its own reserve."""
        joins = self.line_joins
        cut = len(joined_text(self.lines[:count], joins[:count]))
        skip = cut + (0 if count < len(joins) and joins[count] else 1)  # the space at the break
        head_links = tuple((a, min(b, cut), u) for a, b, u in self.links if a < cut)
        tail_links = tuple((max(a - skip, 0), b - skip, u) for a, b, u in self.links if b > skip)
        head = replace(self, lines=self.lines[:count], joins=joins[:count], links=head_links)
        tail = replace(self, lines=self.lines[count:], joins=joins[count:],
                       bullet=None, space_before=0.0, number=None, links=tail_links)
        return head.reserved(), tail.reserved()

    def reserved(self) -> Block:
        """This block with the reserve its own lines need."""
        if not self.usable:
            return self
        text = joined_text(self.lines, self.line_joins)
        extra = _extra_lines(text, self.lines, self.style, self.usable, self.edge)
        return replace(self, slack=self.style.line_height * extra)


def joined_text(lines: tuple[str, ...], joins: tuple[bool, ...]) -> str:
    """The lines as one text: a space only where a line broke at one."""
    return "".join((" " if i and not j else "") + line
                   for i, (line, j) in enumerate(zip(lines, joins, strict=True)))


def _extra_lines(text: str, lines: tuple[str, ...], style: Style, usable: float, edge: float) -> int:
    """Lines a program measuring a hair wider would add: when a line ends near the edge, the
    paragraph wrapped that hair narrower (a word pushed down can push the next one down too)."""
    m = style.metrics
    if not any(m.width(t, style.size) > edge for t in lines):
        return 0
    return max(0, len(wrap(text, m, style.size, edge)) - len(lines))


def make_block(
    text: str,
    style: Style,
    width: float,
    *,
    space_before: float = 0.0,
    indent: float = 0.0,
    bullet: str | None = None,
    bullet_x: float = 0.0,
    bullet_color: str | None = None,
    link: str | None = None,
    number: int | None = None,
    level: int = 0,
    links: tuple[tuple[int, int, str], ...] = (),
) -> Block:
    usable = max(width - indent, style.size)
    key = (text, style.font.file, style.size, usable, width)
    known = _WRAPPED.get(key)
    if known is None:
        m = style.metrics
        lines = tuple(wrap(text, m, style.size, usable))
        extra = _extra_lines(text, lines, style, usable, usable - tight(width))
        known = (lines, join_lines(text, lines), extra)
        if len(_WRAPPED) > 20_000:
            _WRAPPED.clear()
        _WRAPPED[key] = known
    lines, joins, extra = known
    return Block(lines, style, space_before, indent, bullet, bullet_x, bullet_color, link, number,
                 level, joins, style.line_height * extra, usable, usable - tight(width), links)


_WRAPPED: dict[tuple, tuple[tuple[str, ...], tuple[bool, ...], int]] = {}  # paragraphs wrapped


def balanced(text: str, style: Style, width: float) -> tuple[Block, float]:
    """*text* wrapped into as many lines as at *width*, but as even as its words allow, and the
    box width that wraps it so: the narrowest width keeping the line count, plus a margin so
    that no line ends within a hair of the edge. The PPTX gets a box of that width, so
    PowerPoint and LibreOffice break the lines where the layout does (no breaks are inserted).
    No break is added inside a word or after a hyphen that the full width did not need."""
    block = make_block(text, style, width)
    count, joins = len(block.lines), sum(block.joins)
    if count < 2:
        return block, width
    low, high = width / count * 0.8, width
    for _ in range(16):
        mid = (low + high) / 2
        trial = make_block(text, style, mid)
        if len(trial.lines) <= count and sum(trial.joins) <= joins:
            high = mid
        else:
            low = mid
    narrow = min(width, high + max(3.0, 0.02 * high))
    trial = make_block(text, style, narrow)
    if len(trial.lines) != count or sum(trial.joins) > joins or trial.slack:
        return block, width
    return trial, narrow


def lone_word(block: Block) -> bool:
    """A wrapped title with a line of one word, when it has three words or more."""
    words = sum(len(line.split()) for line in block.lines) - sum(block.joins[1:])
    return len(block.lines) > 1 and words >= 3 and any(len(line.split()) == 1
                                                        for line in block.lines)


def title_block(text: str, style: Style, width: float, least: float, lines: int
                ) -> tuple[Block, float]:
    """A title wrapped balanced (see balanced) at the largest size, from *style*'s down to
    *least* in 2-point steps, that takes at most *lines* lines with no word alone on a line;
    else at the largest size that takes at most *lines* lines (else *least*)."""
    size = style.size
    first: tuple[Block, float] | None = None
    while True:
        found = balanced(text, style.sized(size), width)
        fits = len(found[0].lines) <= lines
        if fits and not lone_word(found[0]):
            return found
        if fits and first is None:
            first = found
        if size <= least:
            return first or found
        size = max(least, size - 2)


def blocks_height(blocks: list[Block]) -> float:
    return sum(b.height(i == 0) for i, b in enumerate(blocks))


def drawn_height(blocks: list[Block]) -> float:
    return sum(b.drawn_height(i == 0) for i, b in enumerate(blocks))


def place(
    blocks: list[Block],
    x: float,
    y: float,
    w: float,
    h: float,
    role: str,
    anchor: str = "top",
    placeholder: str | None = None,
) -> TextBox:
    """Position the blocks' lines inside the box (x, y, w, h)."""
    total = drawn_height(blocks)
    cursor = y
    if anchor == "middle":
        cursor = y + max(0.0, (h - total) / 2)
    elif anchor == "bottom":
        cursor = y + max(0.0, h - total)
    paragraphs: list[Paragraph] = []
    for index, block in enumerate(blocks):
        style = block.style
        space = 0.0 if index == 0 else block.space_before
        cursor += space
        m = style.metrics
        lh = style.line_height
        offset = (lh - (m.ascent + m.descent) * style.size) / 2 + m.ascent * style.size
        lines: list[Line] = []
        joins = block.line_joins
        for text, joined in zip(block.lines, joins, strict=True):
            width = m.width(text, style.size)
            if style.align == "center":
                lx = x + (w - width) / 2
            elif style.align == "right":
                lx = x + w - width
            else:
                lx = x + block.indent
            lines.append(Line(text, lx, cursor + offset, width, joined))
            cursor += lh
        paragraphs.append(
            Paragraph(
                lines=tuple(lines),
                font=style.font,
                size=style.size,
                color=style.color,
                line_height=lh,
                space_before=space,
                align=style.align,
                indent=block.indent,
                bullet=block.bullet,
                bullet_x=block.bullet_x,
                bullet_color=block.bullet_color,
                link=block.link,
                number=block.number,
                level=block.level,
                links=block.links,
            )
        )
    return TextBox(x, y, w, h, tuple(paragraphs), role, anchor, placeholder)


def paginate(blocks: list[Block], height: float, min_lines: int = 2) -> list[list[Block]]:
    """Fill pages of *height* points in order, keeping each paragraph whole where it can.

    A paragraph that does not fit moves to the next page whole. Only one longer than a whole
    page is split: at least *min_lines* lines stay on each side of the break where possible,
    and the continuation goes on without its bullet. Nothing is ever dropped.
    """
    pages: list[list[Block]] = [[]]
    used = 0.0
    queue = list(blocks)
    while queue:
        block = queue.pop(0)
        page = pages[-1]
        first = not page
        need = block.height(first)
        if used + need <= height + 0.01:
            page.append(block)
            used += need
            continue
        room = height - used - (0.0 if first else block.space_before) - block.slack
        fit = int((room + 0.01) // block.style.line_height)
        if first:
            fit = max(fit, 1)  # a page always takes at least one line
        if fit >= len(block.lines):
            page.append(block)
            used += need
            continue
        if not first and block.height(True) <= height + 0.01:
            queue.insert(0, block)  # it fits on a fresh page: keep it together
        elif fit >= min_lines or first:
            if len(block.lines) - fit < min_lines:  # no lone line at the top of the next page
                fit = max(1, len(block.lines) - min_lines)
            if fit >= 1 and (fit >= min_lines or first):
                head, tail = block.split(fit)
                while fit > 1 and used + head.height(first) > height + 0.01:
                    fit -= 1  # the head's own reserve must fit too
                    head, tail = block.split(fit)
                page.append(head)
                queue.insert(0, tail)
            else:
                queue.insert(0, block)
        else:
            queue.insert(0, block)
        pages.append([])
        used = 0.0
    return [p for p in pages if p] or [[]]


def balance(blocks: list[Block], height: float, min_lines: int = 2) -> list[list[Block]]:
    """`paginate`, then the same number of pages filled evenly: the shortest page height that
    still needs no more pages (and splits no more paragraphs), so a section's last slide is not
    a stub of one bullet after full ones."""
    pages = paginate(blocks, height, min_lines)
    if len(pages) < 2:
        return pages
    pieces = sum(len(p) for p in pages)
    best = pages
    lo, hi = height / len(pages), height
    for _ in range(14):
        mid = (lo + hi) / 2
        trial = paginate(blocks, mid, min_lines)
        if len(trial) <= len(pages) and sum(len(p) for p in trial) <= pieces:
            best, hi = trial, mid
        else:
            lo = mid
    return best
