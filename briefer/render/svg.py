"""SVG through the draw.Canvas protocol: the report draws a slide's timeline or figure tiles as
vectors, with the text as text in the template's fonts (named by the family in the font file)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from briefer.layout.model import Font
from briefer.render.draw import Run, draw_elements


@cache
def family_name(path: Path) -> str:
    """The font's family as its name table gives it (typographic family first): 'Carlito'."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        table = font["name"]
        name = table.getDebugName(16) or table.getDebugName(1)
    return name or Path(path).stem


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class SvgCanvas:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def push(self, x: float, y: float, scale: float, height: float) -> None:
        self.parts.append(f'<g transform="translate({_n(x)} {_n(y)}) scale({scale:.5f})">')

    def pop(self) -> None:
        self.parts.append("</g>")

    def rect(self, x: float, y: float, w: float, h: float, fill: str | None, line: str | None,
             line_width: float, shape: str) -> None:
        paint = f'fill="{fill or "none"}"'
        if line and line_width > 0:
            paint += f' stroke="{line}" stroke-width="{_n(line_width)}"'
        if shape == "ellipse":
            self.parts.append(f'<ellipse cx="{_n(x + w / 2)}" cy="{_n(y + h / 2)}" rx="{_n(w / 2)}" '
                              f'ry="{_n(h / 2)}" {paint}/>')
        else:
            radius = f' rx="{_n(min(w, h) * 0.08)}"' if shape == "rounded" else ""
            self.parts.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"'
                              f'{radius} {paint}/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str, width: float) -> None:
        self.parts.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
                          f'stroke="{color}" stroke-width="{_n(width)}"/>')

    def text(self, font: Font, size: float, color: str, runs: Sequence[Run]) -> None:
        style = (f'font-family={quoteattr(family_name(font.file))} font-size="{_n(size)}" '
                 f'fill="{color}"' + (' font-weight="bold"' if font.bold else "")
                 + (' font-style="italic"' if font.italic else ""))
        for x, baseline, chars in runs:
            self.parts.append(f'<text x="{_n(x)}" y="{_n(baseline)}" {style} xml:space="preserve">'
                              f"{escape(chars)}</text>")

    def picture(self, x: float, y: float, w: float, h: float, png: bytes, description: str) -> None:
        import base64

        data = base64.b64encode(png).decode("ascii")
        self.parts.append(f'<image x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
                          f'href="data:image/png;base64,{data}"/>')

    def link(self, url: str, x: float, y: float, w: float, h: float) -> None:
        """A figure is one image in the report: its links are in the text beside it."""


def svg_of(elements: Iterable[object], box: tuple[float, float, float, float]) -> str:
    """The elements inside *box* (x, y, w, h, in their own points) as a standalone SVG."""
    x, y, w, h = box
    canvas = SvgCanvas()
    draw_elements(canvas, elements)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(w)}pt" height="{_n(h)}pt" '
            f'viewBox="{_n(x)} {_n(y)} {_n(w)} {_n(h)}">' + "".join(canvas.parts) + "</svg>")
