"""Furniture laid out once per deck: the master's banners and each slide layout's frame.

A PowerPoint expert puts what every slide shares on the master and its layouts: banners on the
master, the header bar or rule, the logo and the footer rule on the layouts, and placeholders
for title, body, date, footer and slide number where the layout engine puts those things. The
engine still lays out every slide completely (so nothing can overflow and the PDF matches);
`split` then takes the shared furniture off each slide and names the layout it sits on. A slide
whose furniture differs from its layout's (a title too long for the header) keeps all of its
own and hides the layout's (`Slide.own_frame`), so it still looks exactly as laid out.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from briefer.layout.model import Element, Frame, Picture, Slide, TextBox, changed

# roles of the furniture the layouts carry; everything else on a slide is its content
LAYOUT_FURNITURE = frozenset({"header-bar", "header-rule", "logo", "footer-rule", "title-rule"})
FOOTER_SLOTS = ("left", "center", "right")

# a box's role on the slide → the placeholder it fills (footers are mapped per template)
PLACEHOLDER_OF_ROLE = {"title": "title", "body": "body", "subtitle": "subTitle", "byline": "byline"}
# which placeholders each layout offers
LAYOUT_PLACEHOLDERS = {
    "title": ("title", "subTitle", "byline"),
    "content": ("title", "body", "dt", "ftr", "sldNum"),
    "two-content": ("title", "body", "body2", "dt", "ftr", "sldNum"),
    "section": ("title",),
    "title-only": ("title", "dt", "ftr", "sldNum"),
    "blank": ("dt", "ftr", "sldNum"),
}


def footer_placeholders(patterns: dict[str, str]) -> dict[str, str]:
    """Which footer slot fills which of PowerPoint's footer placeholders: the slot showing the
    page number goes to the slide-number placeholder, the one showing the date to the date
    placeholder, the rest to the footer; slots left over take whichever is free."""
    out: dict[str, str] = {}
    free = ["dt", "ftr", "sldNum"]
    for slot in FOOTER_SLOTS:
        pattern = patterns.get(slot, "")
        want = "sldNum" if "{page}" in pattern else "dt" if "{date}" in pattern else "ftr"
        if want in free:
            out[slot] = want
            free.remove(want)
    for slot in FOOTER_SLOTS:
        if slot not in out:
            out[slot] = free.pop(0)
    return out


def layout_role(kind: str, elements: list[Element]) -> str:
    """The layout a slide of this kind and content sits on."""
    if kind == "title":
        return "title"
    if kind == "divider":
        return "section"
    has_picture = any(isinstance(e, Picture) and e.role == "image" for e in elements)
    has_body = any(isinstance(e, TextBox) and e.role == "body" for e in elements)
    if has_picture:
        return "two-content" if has_body else "title-only"
    if kind in ("timeline", "figures", "table"):
        return "title-only"
    return "content"


def bind(elements: list[Element], footers: dict[str, str], role: str,
         offered: Collection[str] | None = None) -> list[Element]:
    """Mark the text boxes that fill the layout's placeholders (each placeholder once); an
    organisation's layout offers the placeholders it has."""
    if offered is None:
        offered = LAYOUT_PLACEHOLDERS[role]
    used: set[str] = set()
    out: list[Element] = []
    for element in elements:
        if isinstance(element, TextBox):
            name = PLACEHOLDER_OF_ROLE.get(element.role)
            if element.role.startswith("footer-"):
                name = footers.get(element.role[len("footer-"):])
            if name == "body" and name in used and "body2" in offered:
                name = "body2"
            if name in offered and name not in used:
                used.add(name)
                element = _bound(element, name)
        out.append(element)
    return out


_BOUND: dict[tuple[int, str], tuple[TextBox, TextBox]] = {}


def _bound(box: TextBox, name: str) -> TextBox:
    """*box* filling placeholder *name*: the same object for the same box on every layout, so
    slides of unchanged sections compare equal at once (the preview redraws only changed ones)."""
    key = (id(box), name)
    hit = _BOUND.get(key)
    if hit is not None and hit[0] is box:
        return hit[1]
    result = changed(box, placeholder=name)
    if len(_BOUND) > 20_000:
        _BOUND.clear()
    _BOUND[key] = (box, result)
    return result


def split(slide: Slide, frame: Frame, master: tuple[Element, ...]) -> Slide:
    """The slide with its layout's furniture taken off, or, where its furniture differs from the
    layout's, marked as carrying its own (with the master's banners added in reading order)."""
    furniture = [e for e in slide.elements if e.role in LAYOUT_FURNITURE]
    content = tuple(e for e in slide.elements if e.role not in LAYOUT_FURNITURE)
    if _same(furniture, [e for e in frame.elements if e.role in LAYOUT_FURNITURE]):
        return changed(slide, elements=content)
    top = tuple(e for e in master if not e.role.startswith("banner-bottom"))
    bottom = tuple(e for e in master if e.role.startswith("banner-bottom"))
    return changed(slide, elements=top + slide.elements + bottom, own_frame=True)


def _same(a: list[Element], b: list[Element]) -> bool:
    """The same elements, in any order (equal frozen dataclasses: same place, size and look)."""
    if len(a) != len(b):
        return False
    rest = list(b)
    for element in a:
        if element not in rest:
            return False
        rest.remove(element)
    return True


def placeholders_of(slides: list[Slide]) -> dict[str, TextBox]:
    """Each placeholder's box as the first slide on a layout that fills it has it."""
    found: dict[str, TextBox] = {}
    for slide in slides:
        for e in slide.elements:
            if isinstance(e, TextBox) and e.placeholder and e.placeholder not in found:
                found[e.placeholder] = e
    return found


def placed_like(sample: TextBox, seen: TextBox | None) -> TextBox:
    """The sample's text styles at the place a real slide gave that placeholder."""
    if seen is None:
        return sample
    return replace(sample, x=seen.x, y=seen.y, w=seen.w, h=seen.h, anchor=seen.anchor)
