"""Layout inside an organisation's master: its boxes, its fonts, its furniture.

With a master, the title goes into the layout's title placeholder and key points into its body
placeholder (their place, size and insets), footers into its date, footer and slide-number
placeholders. briefer draws none of its own bars or rules; the master's art is converted into
layout elements so the PDF and the preview draw it, while the PPTX keeps the original. Text is
still measured and paginated by briefer, so it never overflows: a title too long for its box
shrinks to the minimum size and then takes more room from the body, never the reverse.
"""

from __future__ import annotations

from dataclasses import replace

from briefer.layout.model import Element, Picture, Rect, Rule, TextBox
from briefer.layout.text import (
    Block,
    Style,
    balanced,
    blocks_height,
    lone_word,
    make_block,
    place,
)
from briefer.master.model import Art, MasterFile, OrgLayout, OrgPlaceholder
from briefer.templates import Template

BANNER_STEP = 2.0


def master(template: Template) -> MasterFile:
    assert template.master is not None
    return template.master


def inner(ph: OrgPlaceholder) -> tuple[float, float, float, float]:
    """The placeholder's text area: its box less its insets."""
    left, top, right, bottom = ph.insets
    return ph.x + left, ph.y + top, max(1.0, ph.w - left - right), max(1.0, ph.h - top - bottom)


def banner_strips(template: Template, height: float) -> tuple[float, float]:
    """Top and bottom banner positions: at the page's edges unless the master draws there, then
    moved inward to the first strip its art leaves free (never over a logo or a bar)."""
    org = master(template)
    boxes = [(a.x, a.y, a.x + a.w, a.y + a.h) for role in ("title", "content")
             for a in org.layout(role).art]

    def free(y: float) -> bool:
        return not any(y0 < y + height - 0.5 and y + 0.5 < y1 for _, y0, _, y1 in boxes)

    top, bottom = 0.0, org.height - height
    limit = org.height / 4
    y = 0.0
    while not free(y) and y < limit:
        y += BANNER_STEP
    if free(y):
        top = y
    y = org.height - height
    while not free(y) and y > org.height - limit:
        y -= BANNER_STEP
    if free(y):
        bottom = y
    return top, bottom


def clip(template: Template, banner_h: float, y0: float, y1: float) -> tuple[float, float]:
    """A vertical span kept clear of the banners."""
    if not banner_h:
        return y0, y1
    top, bottom = banner_strips(template, banner_h)
    if y0 < top + banner_h and y1 > top:
        y0 = top + banner_h + 2
    if y1 > bottom and y0 < bottom + banner_h:
        y1 = bottom - 2
    return y0, max(y0 + 1, y1)


def title_box(template: Template, layout: OrgLayout, title: str, banner_h: float,
              heading: Style, min_size: float) -> TextBox:
    """The title in the layout's title placeholder: shrunk to fit, taller only if it must."""
    ph = layout.placeholder("title", "ctrTitle")
    assert ph is not None
    x, y, w, h = inner(ph)
    y, bottom = clip(template, banner_h, y, y + h)
    h = bottom - y
    style = replace(heading, align=ph.align)
    shown = title.upper() if ph.caps else title  # measured and drawn as PowerPoint shows it
    block = make_block(shown, style, w)
    size = style.size
    while blocks_height([block]) > h and size > min_size:
        size = max(min_size, size - 2)
        block = make_block(shown, style.sized(size), w)
    # balanced, and no word alone on a line if a smaller size (still fitting) avoids it
    chosen = balanced(shown, block.style, w)
    trial = chosen
    while lone_word(trial[0]) and size > min_size:
        size = max(min_size, size - 2)
        trial = balanced(shown, style.sized(size), w)
        if not lone_word(trial[0]):
            chosen = trial
    block, box_w = chosen
    need = blocks_height([block])
    shift = {"center": (w - box_w) / 2, "right": w - box_w}.get(style.align, 0.0)
    box = place([block], x + shift, y, box_w, max(h, need), "title", ph.anchor)
    if shown != title:  # the PPTX stores the title as written; the master shows it in capitals
        box = replace(box, paragraphs=tuple(replace(p, source=title) for p in box.paragraphs))
    return box


def body_area(template: Template, layout: OrgLayout, banner_h: float, title: TextBox | None,
              index: int = 0) -> tuple[float, float, float, float]:
    """The key points' area: the body placeholder's text area, below the title."""
    bodies = layout.bodies()
    ph = bodies[min(index, len(bodies) - 1)] if bodies else None
    if ph is None:  # a layout without a body: below the title, to the bottom margin
        top = (title.y + title.h + 8) if title is not None else template.margins["top"]
        x, w = template.margins["left"], template.page_width - template.margins["left"] \
            - template.margins["right"]
        return x, top, w, template.page_height - template.margins["bottom"] - top
    x, y, w, h = inner(ph)
    if title is not None and title.y + title.h + 6 > y:  # a title that grew pushes the body down
        h -= title.y + title.h + 6 - y
        y = title.y + title.h + 6
    y, bottom = clip(template, banner_h, y, y + h)
    bottom = min(bottom, footer_top(template, banner_h or 0.0) - 4)
    return x, y, w, max(1.0, bottom - y)


def footer_boxes(template: Template, banner_h: float
                 ) -> dict[str, tuple[float, float, float, float, str, str]]:
    """Each footer slot's text area in the content layout's date, footer or slide-number
    placeholder (x, y, w, h, align, anchor), moved clear of the banners where they overlap."""
    from briefer.layout.furniture import footer_placeholders

    layout = master(template).layout("content")
    top, bottom = banner_strips(template, banner_h)
    from briefer.layout.frame import footer_size

    line = footer_size(template) * 1.3
    out = {}
    for slot, kind in footer_placeholders(template.footer).items():
        ph = layout.placeholder(kind)
        if ph is None:
            continue
        x, y, w, h = inner(ph)
        if y < bottom + banner_h and y + h > bottom:  # on the bottom banner: just above it
            h = max(line, min(h, bottom - 2 - y))
            y = min(y, bottom - 2 - h)
        if y < top + banner_h and y + h > top:  # on the top banner: just below it
            y = top + banner_h + 2
        out[slot] = (x, y, w, max(h, line), ph.align, "bottom" if y < ph.y else ph.anchor)
    return out


def footer_top(template: Template, banner_h: float) -> float:
    """Where the lowest-lying footers begin: the body ends above them."""
    boxes = [b for b in footer_boxes(template, banner_h).values() if b[1] > template.page_height / 2]
    return min((b[1] for b in boxes), default=template.page_height)


def art_elements(layout: OrgLayout, body_font: Style, width: float,
                 height: float) -> tuple[Element, ...]:
    """The master's and layout's art as layout elements, for the PDF and the preview."""
    out: list[Element] = []
    if layout.background_picture:
        out.append(Picture(0, 0, width, height, layout.background_picture, "master-background",
                           "Background picture"))
    for art in layout.art:
        out.extend(_element(art, body_font))
    return tuple(out)


def _element(art: Art, style: Style) -> list[Element]:
    if art.kind in ("rect", "ellipse"):
        return [Rect(art.x, art.y, art.w, art.h, fill=art.fill or None, line=art.line or None,
                     line_width=art.line_width, shape="ellipse" if art.kind == "ellipse" else "rect",
                     role="master-art")]
    if art.kind == "line":
        return [Rule(art.x, art.y, art.x + art.w, art.y + art.h, art.line, max(0.25, art.line_width),
                     "master-art")]
    if art.kind == "picture":
        return [Picture(art.x, art.y, art.w, art.h, art.png, "master-art", art.description)]
    if art.kind == "text":
        text_style = replace(style, size=art.size, color=art.line or style.color, align=art.align)
        blocks: list[Block] = [make_block(art.text, text_style, max(art.w, art.size))]
        return [place(blocks, art.x, art.y, max(art.w, art.size), max(art.h, blocks_height(blocks)),
                      "master-text", art.anchor)]
    return []
