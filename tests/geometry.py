"""Checks on a laid-out deck: every line inside its box, boxes on the page, no text collisions."""

from __future__ import annotations

from briefer.layout.measure import metrics
from briefer.layout.model import Group, LaidOutDeck, Paragraph, Slide, Table, TextBox

TOL = 0.5


def text_boxes(slide: Slide, deck: LaidOutDeck | None = None) -> list[TextBox]:
    """The slide's text boxes (table cells and groups opened); with *deck*, the whole page's,
    master and layout furniture included."""
    boxes: list[TextBox] = []
    elements = deck.page(slide) if deck is not None else \
        [m for e in slide.elements for m in (e.elements if isinstance(e, Group) else (e,))]
    for element in elements:
        if isinstance(element, TextBox):
            boxes.append(element)
        elif isinstance(element, Table):
            boxes.extend(cell.box for row in element.cells for cell in row)
    return boxes


def line_slots(box: TextBox, paragraph: Paragraph):
    m = metrics(paragraph.font.file)
    size = paragraph.size
    offset = (paragraph.line_height - (m.ascent + m.descent) * size) / 2 + m.ascent * size
    for line in paragraph.lines:
        top = line.baseline - offset
        left = min(line.x, box.x + paragraph.bullet_x) if paragraph.bullet else line.x
        yield line, (left, top, line.x + line.width, top + paragraph.line_height)


def problems(deck: LaidOutDeck) -> list[str]:
    found: list[str] = []
    for number, slide in enumerate(deck.slides, 1):
        rects = []
        for box in text_boxes(slide, deck):
            if box.x < -TOL or box.y < -TOL or box.x + box.w > deck.width + TOL \
                    or box.y + box.h > deck.height + TOL:
                found.append(f"slide {number}: box {box.role} leaves the page")
            for paragraph in box.paragraphs:
                for line, (x0, y0, x1, y1) in line_slots(box, paragraph):
                    if x0 < box.x - TOL or x1 > box.x + box.w + TOL:
                        found.append(f"slide {number}: line {line.text[:30]!r} overflows {box.role} sideways")
                    if y0 < box.y - TOL or y1 > box.y + box.h + TOL:
                        found.append(f"slide {number}: line {line.text[:30]!r} overflows {box.role} "
                                     f"vertically ({y0:.1f}-{y1:.1f} vs {box.y:.1f}-{box.y + box.h:.1f})")
                    rects.append((x0, y0 + 0.6, x1, y1 - 0.6, box.role, line.text))
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    found.append(f"slide {number}: {a[5][:20]!r} ({a[4]}) collides with "
                                 f"{b[5][:20]!r} ({b[4]})")
    return found


def all_text(deck: LaidOutDeck) -> str:
    return "".join(deck.texts())


CONTENT_ROLES = ("body", "cell", "timeline-label", "figure")


def section_text(deck: LaidOutDeck, section_id: str) -> str:
    """The content text of one section's slides, in order, with all white space removed."""
    parts: list[str] = []
    for slide in deck.slides:
        if slide.section_id == section_id:
            parts.extend(b.text for b in text_boxes(slide) if b.role in CONTENT_ROLES)
    return "".join("".join(parts).split())
