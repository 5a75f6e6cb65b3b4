"""Paper pages that place laid-out slides in boxes: notes pages and handouts.

A `PaperPage` is its own furniture (banners, header, ruled lines, notes text, page number) plus
the slides it shows and where; the renderer draws the furniture and then each slide's whole page
through render/draw.py, so a slide on paper is the slide in the deck, only smaller.
"""

from __future__ import annotations

from briefer.errors import RenderError
from briefer.layout.model import Element, LaidOutDeck, Rect, Rule, Slide, TextBox
from briefer.layout.text import Style, make_block, paginate, place
from briefer.records import record

PAPER_SIZES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
PER_PAGE = (1, 2, 3, 4, 6)
MARGIN = 48.0
GAP = 14.0
NOTES_SIZE = 11.0
NOTES_MIN_SIZE = 8.5
RULE_GAP = 22.0  # between ruled note lines

Box = tuple[float, float, float, float]


@record
class PaperPage:
    width: float
    height: float
    elements: tuple[Element, ...]
    slides: tuple[tuple[Slide, Box], ...]
    bookmarks: tuple[str, ...] = ()


def paper_size(name: str) -> tuple[float, float]:
    try:
        return PAPER_SIZES[name]
    except KeyError:
        raise RenderError(f"unknown paper '{name}' (use {' or '.join(PAPER_SIZES)})") from None


class _Sheet:
    """What every paper page shares: the deck's banners at the page's top and bottom, a running
    header (short title, marking-free) and 'Page n of N'."""

    def __init__(self, deck: LaidOutDeck, paper: str, header: str):
        self.deck = deck
        self.width, self.height = paper_size(paper)
        heading, body = deck.fonts[0], deck.fonts[-1]
        text = deck.colors.get("text", "#1F2937")
        self.muted = deck.colors.get("muted", "#6B7280")
        self.rule = deck.colors.get("rule", "#9CA3AF")
        self.body = Style(body, NOTES_SIZE, text, 1.3)
        self.small = Style(body, 8.5, self.muted, 1.2)
        self.heading = Style(heading, 10.0, text, 1.2)
        self.header = header
        self.banner = self._banner()
        self.top = self.banner[0] + 14 + self.small.line_height + 8
        self.bottom = self.height - self.banner[0] - 10 - self.small.line_height - 8

    def _banner(self) -> tuple[float, str, TextBox | None]:
        """(height, fill, the slide banner's text box) from the deck's master, or no banner."""
        fill = next((e for e in self.deck.master if isinstance(e, Rect) and e.role == "banner-top-fill"),
                    None)
        text = next((e for e in self.deck.master if isinstance(e, TextBox) and e.role == "banner-top"),
                    None)
        if fill is None or text is None or fill.fill is None:
            return 0.0, "", None
        return fill.h, fill.fill, text

    def furniture(self, number: int, total: int) -> list[Element]:
        out: list[Element] = []
        height, fill, sample = self.banner
        if sample is not None:
            paragraph = sample.paragraphs[0]
            style = Style(paragraph.font, paragraph.size, paragraph.color, 1.15, "center")
            for y, role in ((0.0, "banner-top"), (self.height - height, "banner-bottom")):
                out.append(Rect(0, y, self.width, height, fill=fill, role=role + "-fill"))
                out.append(place([make_block(self.deck.marking, style, self.width)], 0, y,
                                 self.width, height, role, "middle"))
        inner = self.width - 2 * MARGIN
        y = height + 14
        out.append(place([make_block(self.header, self.small, inner)], MARGIN, y, inner,
                         self.small.line_height, "header"))
        y = self.height - height - 10 - self.small.line_height
        style = Style(self.small.font, self.small.size, self.muted, 1.2, "right")
        out.append(place([make_block(f"Page {number} of {total}", style, inner)], MARGIN, y, inner,
                         self.small.line_height, "page-number"))
        return out


def _header(deck: LaidOutDeck, what: str) -> str:
    title = deck.info.title.strip()
    return f"{title} · {what}" if title else what


def notes_pages(deck: LaidOutDeck, paper: str = "a4") -> list[PaperPage]:
    """One page per slide: the slide, then its speaker notes; notes too long for the page at
    the smallest size continue on a page of their own, never cut."""
    sheet = _Sheet(deck, paper, _header(deck, "Notes pages"))
    inner = sheet.width - 2 * MARGIN
    slide_h = inner * deck.height / deck.width
    drafts: list[tuple[list[Element], tuple[tuple[Slide, Box], ...], tuple[str, ...]]] = []
    for slide in deck.slides:
        y = sheet.top
        box = (MARGIN, y, inner, slide_h)
        elements: list[Element] = [_frame(box, sheet.rule)]
        y += slide_h + GAP
        label = f"Slide {slide.number}" if slide.number else "Slide"
        caption = f"{label} · {slide.title}" if slide.title else label
        cap = make_block(caption, sheet.heading, inner)
        elements.append(place([cap], MARGIN, y, inner, len(cap.lines) * sheet.heading.line_height,
                              "notes-caption"))
        y += len(cap.lines) * sheet.heading.line_height + 6
        room = sheet.bottom - y
        pages = _notes_text(slide.notes, sheet.body, inner, room, sheet.bottom - sheet.top)
        first, rest = pages[0], pages[1:]
        if first:
            elements.append(place(first, MARGIN, y, inner, room, "notes"))
        marks = (slide.bookmark,) if slide.bookmark else ()
        drafts.append((elements, ((slide, box),), marks))
        for more in rest:
            cont = place([make_block(f"{caption} (notes cont.)", sheet.heading, inner)], MARGIN,
                         sheet.top, inner, sheet.heading.line_height, "notes-caption")
            body = place(more, MARGIN, sheet.top + sheet.heading.line_height + 6, inner,
                         sheet.bottom - sheet.top, "notes")
            drafts.append(([cont, body], (), ()))
    return _number(sheet, drafts)


def _notes_text(notes: str, style: Style, width: float, room: float, page: float) -> list[list]:
    """The notes' paragraphs as pages of blocks: the first *room* tall, the others *page* tall.
    Type shrinks to NOTES_MIN_SIZE before anything moves to another page."""
    paragraphs = [p.strip() for p in notes.split("\n\n") if p.strip()]
    if not paragraphs:
        return [[]]
    size = style.size
    while True:
        sized = style.sized(size)
        blocks = [make_block(" ".join(p.split()), sized, width, space_before=size * 0.6)
                  for p in paragraphs]
        if sum(b.height(i == 0) for i, b in enumerate(blocks)) <= room or size <= NOTES_MIN_SIZE:
            break
        size = max(NOTES_MIN_SIZE, size - 0.5)
    first = paginate(blocks, room) if room > sized.line_height * 2 else [[]]
    if len(first) == 1:
        return first
    rest = [b for page in first[1:] for b in page]
    return [first[0], *paginate(rest, page)]


def handout_pages(deck: LaidOutDeck, paper: str = "a4", per_page: int = 3) -> list[PaperPage]:
    """*per_page* slides a page; with 3 (and 1) ruled lines for notes beside (below) each."""
    if per_page not in PER_PAGE:
        raise RenderError(f"--per-page must be one of {', '.join(map(str, PER_PAGE))}, not {per_page}")
    sheet = _Sheet(deck, paper, _header(deck, "Handout"))
    boxes, lines = _handout_grid(sheet, deck, per_page)
    drafts = []
    slides = deck.slides
    for start in range(0, len(slides), per_page):
        chunk = slides[start:start + per_page]
        elements: list[Element] = []
        placed: list[tuple[Slide, Box]] = []
        for slide, box, ruled in zip(chunk, boxes, lines, strict=False):
            elements.append(_frame(box, sheet.rule))
            placed.append((slide, box))
            elements.extend(ruled)
        marks = tuple(s.bookmark for s in chunk if s.bookmark)
        drafts.append((elements, tuple(placed), marks))
    return _number(sheet, drafts)


def _handout_grid(sheet: _Sheet, deck: LaidOutDeck,
                  per_page: int) -> tuple[list[Box], list[list[Element]]]:
    """Slide boxes on a page, and the ruled note lines that go with each."""
    inner_w = sheet.width - 2 * MARGIN
    inner_h = sheet.bottom - sheet.top
    ratio = deck.height / deck.width
    columns = 2 if per_page in (4, 6) else 1
    rows = per_page // columns
    ruled = per_page in (1, 3)
    if per_page == 3:
        cell_h = (inner_h - GAP * (rows - 1)) / rows
        slide_w = min(inner_w * 0.56, cell_h / ratio)
    elif per_page == 1:
        slide_w = inner_w
        cell_h = inner_h
    else:
        cell_h = (inner_h - GAP * (rows - 1)) / rows
        slide_w = min((inner_w - GAP * (columns - 1)) / columns, cell_h / ratio)
    slide_h = slide_w * ratio
    boxes: list[Box] = []
    lines: list[list[Element]] = []
    for index in range(per_page):
        row, column = divmod(index, columns)
        top = sheet.top + row * (cell_h + GAP)
        if columns == 2:
            col_w = (inner_w - GAP) / 2
            x = MARGIN + column * (col_w + GAP) + (col_w - slide_w) / 2
        else:
            x = MARGIN if ruled else MARGIN + (inner_w - slide_w) / 2
        y = top if ruled else top + (cell_h - slide_h) / 2
        boxes.append((x, y, slide_w, slide_h))
        ruled_lines: list[Element] = []
        if per_page == 3:
            left = MARGIN + slide_w + 18
            ruled_lines = _rules(left, MARGIN + inner_w, top + 10, top + cell_h, sheet.rule)
        elif per_page == 1:
            ruled_lines = _rules(MARGIN, MARGIN + inner_w, y + slide_h + 24, sheet.bottom, sheet.rule)
        lines.append(ruled_lines)
    return boxes, lines


def _rules(x1: float, x2: float, top: float, bottom: float, color: str) -> list[Element]:
    out: list[Element] = []
    y = top + RULE_GAP
    while y <= bottom:
        out.append(Rule(x1, y, x2, y, color, 0.5, "note-line"))
        y += RULE_GAP
    return out


def _frame(box: Box, color: str) -> Rect:
    """A hairline round a slide, so a white slide on white paper still has an edge."""
    x, y, w, h = box
    return Rect(x, y, w, h, fill=None, line=color, line_width=0.5, role="slide-frame")


def _number(sheet: _Sheet, drafts: list) -> list[PaperPage]:
    total = len(drafts)
    return [PaperPage(sheet.width, sheet.height,
                      tuple(sheet.furniture(n, total)) + tuple(elements), slides, marks)
            for n, (elements, slides, marks) in enumerate(drafts, 1)]
