"""The written report as tagged, accessible PDF (PDF/UA-1), typeset by Typst.

reportlab writes no structure tree, so the report goes through the Typst compiler (the `typst`
package bundles it): it tags headings, paragraphs, lists, tables (header cells) and figures
(alt text), marks page headers and footers as artifacts, sets the language, shows the title in
the window title bar, nests bookmarks by heading and embeds subsets of the fonts. Asking for
PDF/UA-1 makes Typst refuse a document that breaks the standard instead of writing it.

The layout is `report.typ`, fixed; the report's content goes in as JSON beside it, so no text
of the analysis is ever read as Typst markup.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from briefer import resources
from briefer.errors import RenderError
from briefer.render.options import RenderOptions
from briefer.render.svg import family_name, svg_of
from briefer.report.model import (
    Endnote,
    FigureBlock,
    Heading,
    KeyPoints,
    Para,
    PictureBlock,
    Point,
    Report,
    TableBlock,
)

LAYOUT = Path(__file__).with_name("report.typ")
PAPERS = {"a4": ("a4", 595.28), "letter": ("us-letter", 612.0)}


def render(report: Report, out: BinaryIO, options: RenderOptions) -> None:
    import typst

    paper = options.paper or report.look.paper
    with tempfile.TemporaryDirectory(prefix="briefer-report-") as folder:
        root = Path(folder)
        data = _data(report, paper, root)
        (root / "report.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        (root / "report.typ").write_bytes(LAYOUT.read_bytes())
        fonts = sorted({str(f.parent) for f in _font_files(report)} | {str(resources.fonts_dir())})
        try:
            pdf = typst.compile(str(root / "report.typ"), root=str(root), font_paths=fonts,
                                ignore_system_fonts=True, pdf_standards=["ua-1"],
                                timestamp=_timestamp())
        except (RuntimeError, ValueError) as exc:  # TypstError is a RuntimeError
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise RenderError(f"the report could not be typeset: {first}") from None
    out.write(pdf)


def _timestamp() -> int | None:
    """SOURCE_DATE_EPOCH when set, so two builds of one deck are the same file."""
    import os

    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else None


def _font_files(report: Report) -> list[Path]:
    files = [report.look.heading_font.file, report.look.body_font.file]
    for block in report.blocks:
        if isinstance(block, FigureBlock):
            files += [e.paragraphs[0].font.file for e in block.elements
                      if hasattr(e, "paragraphs") and e.paragraphs]
    return files


def _lang(tag: str) -> tuple[str, str | None]:
    parts = tag.split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return parts[0].lower(), region.upper() if region else None


def _data(report: Report, paper: str, root: Path) -> dict[str, Any]:
    look = report.look
    name, width = PAPERS.get(paper, PAPERS["a4"])
    text_width = width - look.margins["left"] - look.margins["right"]
    lang, region = _lang(report.lang)
    blocks: list[dict[str, Any]] = []
    files = 0
    for block in report.blocks:
        if isinstance(block, Heading):
            blocks.append({"type": "heading", "level": block.level, "text": block.text})
        elif isinstance(block, Para):
            blocks.append({"type": "para", "text": block.text, "notes": list(block.notes)})
        elif isinstance(block, KeyPoints):
            blocks.append({"type": "points", "label": block.label, "items": _tree(block.points),
                           "notes": list(block.notes)})
        elif isinstance(block, TableBlock):
            columns = max([len(block.header), *(len(r) for r in block.rows)])
            blocks.append({"type": "table", "caption": block.caption,
                           "header": _padded(block.header, columns),
                           "rows": [_padded(row, columns) for row in block.rows]})
        elif isinstance(block, FigureBlock):
            files += 1
            file = f"figure-{files}.svg"
            (root / file).write_text(svg_of(block.elements, block.box), encoding="utf-8")
            blocks.append({"type": "figure", "file": file, "caption": block.caption,
                           "alt": block.alt, "width": min(text_width, block.box[2] * 0.62)})
        elif isinstance(block, PictureBlock):
            files += 1
            file = f"picture-{files}.png"
            (root / file).write_bytes(block.png)
            natural = block.width_px * 0.75
            blocks.append({"type": "picture", "file": file, "caption": block.caption,
                           "alt": block.alt, "width": min(text_width * 0.8, natural)})
    byline = [x for x in (report.author, report.organisation, report.date) if x]
    return {
        "title": report.title,
        "short_title": report.short_title,
        "subtitle": report.subtitle,
        "byline": byline,
        "date": report.date,
        "organisation": report.organisation,
        "authors": [report.author] if report.author else [],
        "keywords": [report.marking] if report.marking else [],
        "marking": report.marking,
        "authority": [list(pair) for pair in report.authority],
        "lang": lang,
        "region": region,
        "look": {
            "paper": name,
            "heading_font": family_name(look.heading_font.file),
            "body_font": family_name(look.body_font.file),
            "size": look.size,
            "colors": look.colors,
            "margins": look.margins,
            "banner": list(look.banner) if look.banner else None,
        },
        "blocks": blocks,
        "endnotes": [_endnote(n) for n in report.endnotes],
    }


def _padded(cells: tuple[str, ...], columns: int) -> list[str]:
    return [*cells, *[""] * (columns - len(cells))]


def _endnote(note: Endnote) -> dict[str, Any]:
    before, after = note.text, ""
    if note.url and note.url in note.text:
        before, _, after = note.text.partition(note.url)
    return {"number": note.number, "before": before, "url": note.url, "after": after}


def _tree(points: tuple[Point, ...]) -> list[dict[str, Any]]:
    """Levelled key points as nested items (a level deeper than its parent+1 is its child)."""
    root: list[dict[str, Any]] = []
    stack: list[tuple[int, list[dict[str, Any]]]] = [(-1, root)]
    for point in points:
        while len(stack) > 1 and stack[-1][0] >= point.level:
            stack.pop()
        item: dict[str, Any] = {"text": point.text, "children": []}
        stack[-1][1].append(item)
        stack.append((point.level, item["children"]))
    return root
