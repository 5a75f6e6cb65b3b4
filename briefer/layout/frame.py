"""The slide frame every slide shares: banners, header, footer and logo, and the body area."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property, lru_cache

from briefer.layout.model import Element, Font, Picture, Rect, Rule
from briefer.layout.text import Block, Style, make_block, place, title_block
from briefer.markings import level_of
from briefer.records import record
from briefer.templates import Template

HEADER_PAD = 10.0
LOGO_DESCRIPTION = "Logo"


@record
class Furniture:
    """What the frame prints: the marking and the footer fields, resolved per deck."""

    marking: str
    marking_colors: tuple[str, str]
    fields: dict[str, str]  # title, subtitle, presenter, organisation, date, classification

    @cached_property
    def key(self) -> tuple:
        """The fields as a hashable key (memos of footers are keyed on it)."""
        return (self.marking, tuple(sorted(self.fields.items())))


@record
class Area:
    """A rectangle of the page in points."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h


def fonts(template: Template) -> tuple[Font, Font]:
    return template.heading_font, template.body_font


def banner_height(template: Template, furniture: Furniture) -> float:
    """Banners show when the template asks, and always for anything above the lowest level
    (a marking off the scale counts as above it)."""
    if not furniture.marking:
        return 0.0
    rank = level_of(furniture.marking, template.marking)
    if not template.marking.banner and rank == 0:
        return 0.0
    return round(template.size("banner") * 1.7, 2)


def banners(template: Template, furniture: Furniture) -> list[Element]:
    height = banner_height(template, furniture)
    if not height:
        return []
    heading, _ = fonts(template)
    fill, ink = furniture.marking_colors
    style = Style(heading, template.size("banner"), ink, 1.15, "center")
    out: list[Element] = []
    width = template.page_width
    top, bottom = 0.0, template.page_height - height
    if template.master is not None:
        from briefer.layout.org import banner_strips

        top, bottom = banner_strips(template, height)
    for y, role in ((top, "banner-top"), (bottom, "banner-bottom")):
        out.append(Rect(0, y, width, height, fill=fill, role=role + "-fill"))
        block = make_block(furniture.marking, style, width)
        out.append(place([block], 0, y, width, height, role, "middle"))
    return out


def footer_height(template: Template) -> float:
    return round(footer_size(template) * 1.6, 2)


_FOOTERS: dict[tuple, tuple[Template, list[Element]]] = {}  # the same footers recur on every build


def footer(template: Template, furniture: Furniture, number: str) -> list[Element]:
    """The footer of a slide numbered *number*: laid out once per template, fields and number."""
    key = (id(template), furniture.key, number)
    hit = _FOOTERS.get(key)
    if hit is not None and hit[0] is template:
        return list(hit[1])
    elements = _footer(template, furniture, number)
    if len(_FOOTERS) > 8192:
        _FOOTERS.clear()
    _FOOTERS[key] = (template, elements)
    return list(elements)


def _footer(template: Template, furniture: Furniture, number: str) -> list[Element]:
    values = {**furniture.fields, "page": number}
    if template.master is not None:
        return _master_footer(template, values, banner_height(template, furniture))
    rule, slots = _footer_slots(template, furniture, values)
    return [rule, *(_field(template, slot, values, style, box, "middle") for slot, style, box in slots)]


_SLOTS: dict[tuple, tuple[Template, tuple]] = {}


def _footer_slots(template: Template, furniture: Furniture, values: dict[str, str]
                  ) -> tuple[Rule, list[tuple[str, Style, tuple[float, float, float, float]]]]:
    """The footer's rule and the box of each field that shows. The boxes move with the page
    number only when it sits in the centre field, so otherwise they are worked out once."""
    paged = "{page}" in template.footer.get("center", "")
    key = (id(template), furniture.key, values["page"] if paged else None)
    hit = _SLOTS.get(key)
    if hit is not None and hit[0] is template:
        return hit[1]
    _, body = fonts(template)
    band = footer_height(template)
    y = template.page_height - banner_height(template, furniture) - 6 - band
    left = template.margins["left"]
    width = template.page_width - left - template.margins["right"]
    rule = Rule(left, y - 2, left + width, y - 2, template.color("rule"), 0.5, "footer-rule")
    style = Style(body, footer_size(template), template.color("muted"), 1.15)
    texts = {slot: _fill(template.footer.get(slot, ""), values) for slot in ("left", "center", "right")}
    # the centre slot is centred on the page, as wide as its text; the sides share the rest
    middle = min(width / 3, style.metrics.width(texts["center"], style.size) * 1.05 + 24) \
        if texts["center"] else 0.0
    side = (width - middle) / 2
    slots = [(slot, replace(style, align=slot), (x, y, w, band))
             for slot, x, w in (("left", left, side - 6), ("center", left + side, middle),
                                ("right", left + side + middle + 6, side - 6))
             if texts[slot]]
    if len(_SLOTS) > 8192:
        _SLOTS.clear()
    _SLOTS[key] = (template, (rule, slots))
    return rule, slots


def _master_footer(template: Template, values: dict[str, str], banner_h: float) -> list[Element]:
    """Footer fields in the master's date, footer and slide-number placeholders, one line each,
    in the placeholder's own alignment; a field whose placeholder the master lacks is left out."""
    from briefer.layout.org import footer_boxes

    _, body = fonts(template)
    out: list[Element] = []
    for slot, (x, y, w, h, align, anchor) in footer_boxes(template, banner_h).items():
        text = _fill(template.footer.get(slot, ""), values)
        if not text:
            continue
        style = Style(body, footer_size(template), template.color("muted"), 1.15, align)
        out.append(_field(template, slot, values, style, (x, y, w, h), anchor))
    return out


_FIELDS: dict[tuple, tuple[Template, Element]] = {}


def _field(template: Template, slot: str, values: dict[str, str], style: Style,
           box: tuple[float, float, float, float], anchor: str) -> Element:
    """One footer field on one line in its box, at least a line high.

    Only the field holding the page number differs from slide to slide, so the others are laid
    out once per template and deck: adding a slide renumbers every slide, and that must not
    lay out every footer again.
    """
    pattern = template.footer.get(slot, "")
    used = tuple((name, values.get(name, "")) for name in _FIELD.findall(pattern))
    key = (id(template), slot, used, style.align, box, anchor)  # the rest of the style is the template's
    hit = _FIELDS.get(key)
    if hit is not None and hit[0] is template:
        return hit[1]
    x, y, w, h = box
    block = _one_line(_fitted(pattern, values, style, w), style, w)
    element = place([block], x, y, w, max(h, block.style.line_height), f"footer-{slot}", anchor)
    if len(_FIELDS) > 8192:
        _FIELDS.clear()
    _FIELDS[key] = (template, element)
    return element



FOOTER_FLOOR = 9.0  # nothing smaller is readable when projected
NARROWEST_EM = 0.1  # no real glyph advance is narrower: bounds how much text one line can hold
DROP_FIRST = ("organisation", "presenter")  # footer fields given up, in order, to make room


def footer_size(template: Template) -> float:
    """One size for every footer field: the template's, never under 9 pt."""
    return max(FOOTER_FLOOR, template.size("footer"))


def _fitted(pattern: str, values: dict[str, str], style: Style, width: float) -> str:
    """The footer field's text, leaving out the least important parts (organisation, then
    presenter) while it is wider than its slot: the size never changes."""
    text = _fill(pattern, values)
    for name in DROP_FIRST:
        if style.metrics.width(text, style.size) <= width or f"{{{name}}}" not in pattern:
            continue
        values = {**values, name: ""}
        shorter = _fill(pattern, values)
        text = shorter or text
    return text


@lru_cache(maxsize=256)  # the same footer text recurs on every slide
def _one_line(text: str, style: Style, width: float) -> Block:
    """Footer text on one line at its one size: an ellipsis when it is still too long.

    The footer repeats what the title slide shows in full, so shortening it loses nothing. Text
    longer than any line could hold is cut before measuring, and the number of words kept is
    found by bisection, so fitting costs a few wraps of at most one line's worth of text.
    """
    every = text.split()
    words = every
    most = int(width / (FOOTER_FLOOR * NARROWEST_EM)) + 1  # characters one line can hold at best
    if len(text) > most:
        words, used = [], 0
        for word in every:
            used += len(word) + 1
            if used > most:
                break
            words.append(word)
        words = words or [every[0][:most]]
    shown = " ".join(words) + (" …" if words != every else "")
    block = make_block(shown, style, width)
    if len(block.lines) > 1 and len(words) > 1:
        low, high = 1, len(words) - 1  # the most words that fit with an ellipsis
        while low < high:
            middle = (low + high + 1) // 2
            attempt = make_block(" ".join(words[:middle]) + " …", style, width)
            if len(attempt.lines) == 1:
                low = middle
            else:
                high = middle - 1
        block = make_block(" ".join(words[:low]) + " …", style, width)
    return block


_FIELD = re.compile(r"\{(\w+)\}")


def _fill(pattern: str, values: dict[str, str]) -> str:
    """Substitute {fields} in one pass; parts separated by " · " vanish when their fields are empty.

    One pass also means a value that itself contains "{page}" is printed as written.
    """
    parts = []
    for part in pattern.split(" · "):
        names = _FIELD.findall(part)
        if names and not any(values.get(name) for name in names):
            continue
        part = _FIELD.sub(lambda m: values.get(m[1], ""), part)
        if part.strip():
            parts.append(" ".join(part.split()))
    return " · ".join(parts)


def content_area(template: Template, furniture: Furniture, with_footer: bool = True) -> Area:
    """The page minus banners, margins and footer (with a master: its body placeholder)."""
    if template.master is not None:
        from briefer.layout.org import body_area

        return Area(*body_area(template, template.master.layout("content"),
                               banner_height(template, furniture), None))
    top = banner_height(template, furniture) + template.margins["top"]
    bottom = template.page_height - banner_height(template, furniture) - template.margins["bottom"]
    if with_footer:
        bottom = min(bottom, template.page_height - banner_height(template, furniture) - 6
                     - footer_height(template) - 8)
    left = template.margins["left"]
    return Area(left, top, template.page_width - left - template.margins["right"], bottom - top)


def header(template: Template, furniture: Furniture, title: str) -> tuple[list[Element], Area]:
    """The slide title drawn in the template's header style, and the body area left below it."""
    heading, _ = fonts(template)
    if template.master is not None:
        from briefer.layout.org import body_area, title_box

        layout = template.master.layout("content")
        banner_h = banner_height(template, furniture)
        style = Style(heading, template.size("heading"), template.color("title"), 1.05)
        box = title_box(template, layout, title, banner_h, style, template.size("min_heading"))
        return [box], Area(*body_area(template, layout, banner_h, box))
    area = content_area(template, furniture)
    logo_w = _logo_room(template)
    text_w = area.w - logo_w
    size = template.size("heading")
    color = template.color("accent_text") if template.header_style == "bar" else template.color("title")
    style = Style(heading, size, color, 1.05)
    # balanced: the box only as wide as the most even two lines need, so the PPTX wraps alike
    block, text_w = title_block(title, style, text_w, template.size("min_heading"), 2)
    text_h = len(block.lines) * block.style.line_height
    out: list[Element] = []
    top = banner_height(template, furniture)
    if template.header_style == "bar":
        bar_h = template.margins["top"] + text_h + 2 * HEADER_PAD
        out.append(Rect(0, top, template.page_width, bar_h, fill=template.color("accent"),
                        role="header-bar"))
        out.append(place([block], area.x, top + template.margins["top"] / 2 + HEADER_PAD,
                         text_w, text_h + HEADER_PAD, "title", "middle"))
        body_top = top + bar_h + 14
    else:
        out.append(place([block], area.x, area.y, text_w, text_h, "title"))
        body_top = area.y + text_h + 8
        if template.header_style == "rule":
            out.append(Rule(area.x, body_top, area.x + area.w, body_top, template.color("rule"),
                            2.0, "header-rule"))
            body_top += 12
        else:
            body_top += 6
    out.extend(_logo(template, top))
    return out, Area(area.x, body_top, area.w, area.bottom - body_top)


def _logo_room(template: Template) -> float:
    logo = template.logo
    if logo is None or logo.position == "title-only":
        return 0.0
    return logo.width + 12


def _logo(template: Template, top: float) -> list[Element]:
    logo = template.logo
    if logo is None or logo.position == "title-only":
        return []
    y = top + 8
    x = template.page_width - template.margins["right"] - logo.width
    return [Picture(x, y, logo.width, logo.height, logo.png, "logo", LOGO_DESCRIPTION)]
