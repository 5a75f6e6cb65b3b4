"""An organisation's master as briefer sees it: pure data, read once and cached.

`MasterFile` holds what layout and rendering need from a .potx/.pptx: the page size, the theme's
fonts and colours, the text sizes of its styles, and for each of briefer's layout roles the
organisation's layout that plays it: where its placeholders sit and what it draws (pictures,
bars, lines, static text) so the PDF and the preview can draw it too. The package itself is
copied into the PPTX by the renderer; nothing here holds python-pptx objects.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from briefer.records import record

ROLES = ("title", "content", "two-content", "section", "title-only", "blank")


@record
class OrgPlaceholder:
    """One placeholder of an organisation's layout, with what it inherits from the master."""

    kind: str  # title, ctrTitle, subTitle, body, obj, dt, ftr, sldNum, pic, …
    idx: int
    x: float  # points
    y: float
    w: float
    h: float
    insets: tuple[float, float, float, float] = (7.2, 3.6, 7.2, 3.6)  # left, top, right, bottom
    anchor: str = "top"  # top | middle | bottom
    size: float = 18.0  # first level's font size, points
    align: str = "left"
    bold: bool = False
    color: str = ""  # "" when the theme's text colour applies
    font: str = ""  # typeface as the placeholder names it ("" = theme font)
    caps: bool = False  # shown in capitals (cap="all"), whatever the letters typed

    @property
    def ref(self) -> str:
        """The <p:ph> a slide uses to fill this placeholder."""
        kind = "" if self.kind == "obj" else f' type="{self.kind}"'
        idx = f' idx="{self.idx}"' if self.idx else ""
        return f"<p:ph{kind}{idx}/>"


@record
class Art:
    """Something the master or a layout draws: kind rect | ellipse | line | picture | text."""

    kind: str
    x: float
    y: float
    w: float
    h: float
    fill: str = ""  # #RRGGBB, "" for none
    line: str = ""
    line_width: float = 0.0
    png: bytes = b""
    text: str = ""
    size: float = 12.0
    bold: bool = False
    align: str = "left"
    anchor: str = "top"
    description: str = ""


@record
class OrgLayout:
    """One slide layout of an organisation's master: its placeholders, art and background."""

    part: str  # ppt/slideLayouts/slideLayoutN.xml
    name: str
    type: str  # the layout's type attribute (title, obj, twoObj, secHead, titleOnly, blank, cust…)
    master: int  # which master (0-based) it belongs to
    placeholders: tuple[OrgPlaceholder, ...]
    art: tuple[Art, ...]  # the master's art (when shown) then the layout's
    background: str  # #RRGGBB
    background_picture: bytes = b""

    def placeholder(self, *kinds: str) -> OrgPlaceholder | None:
        """The first placeholder of one of *kinds* (body also finds obj and the reverse)."""
        for kind in kinds:
            for ph in self.placeholders:
                if ph.kind == kind:
                    return ph
        return None

    def bodies(self) -> list[OrgPlaceholder]:
        return sorted((p for p in self.placeholders if p.kind in ("body", "obj")),
                      key=lambda p: (p.x, p.y))


@record
class MasterFile:
    """An organisation's .potx/.pptx as plain data: page, theme, layouts and the role each plays."""

    path: Path
    width: float
    height: float
    heading_font: str  # the theme's major (heading) typeface
    body_font: str  # the theme's minor (body) typeface
    colors: dict[str, str]  # theme slots: dk1, lt1, dk2, lt2, accent1…6, hlink, folHlink
    layouts: tuple[OrgLayout, ...]
    roles: dict[str, int] = field(default_factory=dict)  # role → index into layouts
    problems: tuple[str, ...] = ()  # roles borrowed, art briefer cannot draw: warned on each build
    notes: tuple[str, ...] = ()  # how roles were found: shown by `briefer templates check`
    has_notes_master: bool = False

    def layout(self, role: str) -> OrgLayout:
        return self.layouts[self.roles[role]]
