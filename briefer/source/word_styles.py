"""What a Word paragraph's style chain says about it: heading level, list level, role.

Headings are found by outline level first (`w:outlineLvl` on the paragraph, else the first one
on its style's `w:basedOn` chain), so custom heading styles ("Chapter", "Berichtsteil") and
localised ones work whatever they are called; only a chain with no outline level falls back to
the built-in names Word stores whatever the user's language ("heading 1", with a localised id
such as "berschrift1" or "Titre1"). python-docx reads the styles part but exposes neither
outline levels nor inherited numbering, so the chain is walked here, on its oxml elements.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn

from briefer.records import record

BODY_TEXT = 9  # outline level 9 is "body text": not a heading, even in a heading's chain
MAX_CHAIN = 20  # basedOn links followed (a loop of styles ends here)

_HEADING_NAME = re.compile(r"heading ([1-9])")
_LIST_NAME = re.compile(r"list (?:bullet|number|continue)(?: ([2-9]))?")
_ROLES = {"title": "title", "subtitle": "subtitle", "caption": "caption", "toc heading": "toc",
          "author": "author", "date": "date"}  # the last two: pandoc's title-block styles
_VAL = qn("w:val")


@record
class StyleFacts:
    """A paragraph style with everything inherited along its chain."""

    outline: int | None = None  # 0-8 a heading level, 9 body text, None unsaid
    named_heading: int | None = None  # 0-8 from a built-in "heading N" name on the chain
    num_id: str | None = None  # numbering from the chain (List Bullet and friends)
    ilvl: int = 0
    list_level: int = 0  # "List Bullet 2" is a second-level list, whatever its ilvl says
    role: str | None = None  # title, subtitle, caption, author, date, toc (contents entries)


class Styles:
    """The document's paragraph styles, resolved once each."""

    def __init__(self, styles_element: Any | None):
        self._raw: dict[str, Any] = {}
        self._default: str | None = None
        for style in getattr(styles_element, "style_lst", ()):
            if style.get(qn("w:type"), "paragraph") != "paragraph" or not style.styleId:
                continue
            self._raw.setdefault(style.styleId, style)
            if style.get(qn("w:default")) in ("1", "true", "on") and self._default is None:
                self._default = style.styleId
        self._facts: dict[str | None, StyleFacts] = {}

    def facts(self, style_id: str | None) -> StyleFacts:
        """The facts for a paragraph's `w:pStyle` (None: the document's default style)."""
        key = style_id if style_id in self._raw else self._default
        found = self._facts.get(key)
        if found is None:
            found = self._facts[key] = self._resolve(key)
        return found

    def _resolve(self, style_id: str | None) -> StyleFacts:
        outline = named = num_id = role = None
        ilvl = list_level = 0
        seen: set[str] = set()
        current = style_id
        while current in self._raw and current not in seen and len(seen) < MAX_CHAIN:
            seen.add(current)
            style = self._raw[current]
            name = " ".join((style.name_val or "").lower().split())
            ppr = style.pPr
            if outline is None and ppr is not None:
                outline = _int(ppr.find(qn("w:outlineLvl")))
            if named is None and (match := _HEADING_NAME.fullmatch(name)):
                named = int(match.group(1)) - 1
            if role is None:
                role = _ROLES.get(name) or ("toc" if re.fullmatch(r"toc [1-9]", name) else None)
            if num_id is None and ppr is not None and ppr.numPr is not None:
                num = ppr.numPr.find(qn("w:numId"))
                if num is not None:
                    num_id = num.get(_VAL)
                    ilvl = _int(ppr.numPr.find(qn("w:ilvl"))) or 0
            if not list_level and (match := _LIST_NAME.fullmatch(name)) and match.group(1):
                list_level = int(match.group(1)) - 1
            current = style.basedOn_val
        return StyleFacts(outline, named, num_id, ilvl, list_level, role)


def _int(element: Any | None) -> int | None:
    """The integer `w:val` of *element*, or None when absent or not a number."""
    if element is None:
        return None
    try:
        return int(element.get(_VAL, ""))
    except ValueError:
        return None


def paragraph_outline(ppr: Any | None, facts: StyleFacts) -> int | None:
    """A paragraph's heading level (0 the top), or None for body text."""
    level = _int(ppr.find(qn("w:outlineLvl"))) if ppr is not None else None
    if level is None:
        level = facts.outline
    if level is None:
        level = facts.named_heading
    return level if level is not None and 0 <= level < BODY_TEXT else None


def paragraph_list_level(ppr: Any | None, facts: StyleFacts, lists: set[str]) -> int | None:
    """A list paragraph's level (0, 1, 2 …), or None when it is not numbered or bulleted.

    Numbering given on the paragraph wins over its style's; numId 0 switches it off, and a
    numId the numbering part does not define is no list.
    """
    num_id, ilvl = facts.num_id, facts.ilvl
    numpr = ppr.numPr if ppr is not None else None
    if numpr is not None:
        direct = numpr.find(qn("w:numId"))
        if direct is not None:
            num_id = direct.get(_VAL)
        direct_level = _int(numpr.find(qn("w:ilvl")))
        if direct_level is not None:
            ilvl = direct_level
    if num_id is None or num_id == "0" or num_id not in lists:
        return None
    return max(ilvl, facts.list_level, 0)
