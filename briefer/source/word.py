"""Read a Word document (.docx) as an analysis: the one module that uses python-docx.

Top-level headings start sections. Headings are found by outline level, then by the built-in
heading names (see `word_styles`), and the highest level in use is the section level; lower
headings become notes (a "Sources" or "References" one starts the section's source list).
Bulleted and numbered paragraphs are key points with their levels, other paragraphs are notes,
the first table is the section's table, the first picture its picture, and hyperlinks,
footnotes and endnotes are its sources. Everything the reader leaves out is a warning.

The file passes `fileio.read_zip` (sizes checked before inflating) and python-docx then opens
it in memory; no part outside the file is ever read (linked pictures, altChunks and external
relationships are reported, not fetched).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefer import limits
from briefer.errors import SourceError
from briefer.fileio import read_zip
from briefer.images import MAX_IMAGE_BYTES
from briefer.messages import Notice
from briefer.source.builder import (
    SOURCES_HEADINGS,
    SectionBuilder,
    check_section_count,
    finish,
    new_section,
    normalise,
    split_heading,
)
from briefer.source.model import KINDS, Analysis, AnalysisMeta, Figure
from briefer.source.word_styles import Styles, paragraph_list_level, paragraph_outline
from briefer.source.word_text import Inline, read_inline

# sub-headings that start a section's source list, besides "Sources"
SOURCE_HEADINGS = SOURCES_HEADINGS | {"references", "bibliography", "notes and sources",
                                      "endnotes", "works cited"}
# section titles that say the section is the bottom line up front
SUMMARY_TITLES = {"bottom line up front", "bluf", "key judgments", "key judgements",
                  "executive summary"}
PORTION = re.compile(r"^\s*\((U|C|S|TS|CUI)((?://[A-Z0-9][A-Z0-9 ,/-]*)?)\)\s*")
PORTION_LEVELS = {"U": "UNCLASSIFIED", "C": "CONFIDENTIAL", "S": "SECRET", "TS": "TOP SECRET",
                  "CUI": "CUI"}
CAVEATS = {"NF": "NOFORN"}
DATED = re.compile(r"^\s*\d{4}(?:-\d{2}(?:-\d{2})?)?\s*[:–—]\s*\S")  # as the timeline reads them
MAX_MARKING_CHARS = 80


def read_docx(path: Path) -> tuple[Analysis, list[Notice]]:
    """Read a .docx analysis; problems are one-line SourceErrors, losses are warnings."""
    path = Path(path)
    document = _open(path)
    try:
        reader = _Reader(path, document)
        analysis = reader.read()
    except SourceError:
        raise
    except Exception as exc:  # a value python-docx cannot convert, a part of the wrong kind …
        raise SourceError(f"{path} is not a readable Word document "
                          f"({type(exc).__name__}: {str(exc)[:120]})") from None
    return analysis, reader.warnings


def _open(path: Path) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    data = read_zip(path, "Word document", SourceError)
    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise SourceError(f"{path} is not a Word document (no document inside)") from None
    except ValueError as exc:  # python-docx: the main part is a presentation, a workbook …
        if "content type" in str(exc):
            raise SourceError(f"{path} is not a Word document (it holds "
                              f"{str(exc).rsplit(' ', 1)[-1][:80]})") from None
        raise SourceError(f"{path} is not a readable Word document ({exc})") from None
    except Exception as exc:  # damaged zip members, malformed XML, missing parts
        raise SourceError(f"{path} is not a readable Word document "
                          f"({type(exc).__name__}: {str(exc)[:120]})") from None


@dataclass
class _Item:
    """One block of the body in reading order, classified."""

    kind: str  # heading, point, prose, title, subtitle, caption, table, empty
    text: str = ""
    level: int = 0
    inline: Inline = field(default_factory=Inline)
    rows: list[list[str]] = field(default_factory=list)
    marking: str = ""  # its portion mark, as a full marking


class _Reader:
    """One document read: the walk, then the sections."""

    def __init__(self, path: Path, document: Any):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        self.path, self.document = path, document
        self.part = document.part
        self.warnings: list[Notice] = []
        self.styles = Styles(self.part.styles.element if self._has(RT.STYLES) else None)
        self.lists = self._lists(RT.NUMBERING)
        self.notes = {"footnote": self._notes(RT.FOOTNOTES, "footnote"),
                      "endnote": self._notes(RT.ENDNOTES, "endnote")}
        self.dropped: dict[str, int] = {}
        self._cell_links: list[tuple[str, str]] = []  # links met in the table being read

    # ------------------------------------------------------------ package parts
    def _has(self, reltype: str) -> bool:
        return any(r.reltype == reltype and not r.is_external for r in self.part.rels.values())

    def _lists(self, reltype: str) -> set[str]:
        """The numIds the numbering part defines."""
        from docx.oxml.ns import qn

        if not self._has(reltype):
            return set()
        element = self.part.part_related_by(reltype).element
        return {n.get(qn("w:numId")) for n in element.iterchildren(qn("w:num"))}

    def _notes(self, reltype: str, kind: str) -> dict[str, str]:
        """Footnote or endnote texts by id, with their links' addresses when the text lacks them."""
        from docx.oxml.ns import qn
        from docx.oxml.parser import parse_xml

        if not self._has(reltype):
            return {}
        part = self.part.part_related_by(reltype)
        try:
            root = parse_xml(part.blob)
        except Exception:
            self._warn(f"its {kind}s cannot be read and are left out")
            return {}
        notes: dict[str, str] = {}
        for note in root.iterchildren(qn(f"w:{kind}")):
            if note.get(qn("w:type")) not in (None, "normal"):
                continue  # separators and continuation notices
            inline = Inline()
            for paragraph in note.iter(qn("w:p")):
                found = read_inline(paragraph)
                inline.parts.extend([*found.parts, " "])
                inline.links.extend(found.links)
            text = inline.text
            for _label, target in inline.links:
                url = self._url(target, part)
                if url and url not in text:
                    text = f"{text} ({url})" if text else url
            notes[note.get(qn("w:id"), "")] = text
        return notes

    def _url(self, target: str, part: Any = None) -> str:
        """The address a hyperlink points to: a field's own, or its external relationship's."""
        if target.startswith("url:"):
            return target[4:].strip()
        rel = (part or self.part).rels.get(target)
        return rel.target_ref if rel is not None and rel.is_external else ""

    def _warn(self, message: str, section_id: str | None = None) -> None:
        self.warnings.append(Notice(f"{self.path.name}: {message}", section_id))

    # ------------------------------------------------------------ the walk
    def read(self) -> Analysis:
        from docx.oxml.ns import qn

        body = self.document.element.body
        count = int(body.xpath("count(.//w:p)"))
        if count > limits.MAX_DOCX_PARAGRAPHS:
            raise SourceError(f"{self.path} has too many paragraphs ({count:,}; at most "
                              f"{limits.MAX_DOCX_PARAGRAPHS:,}); split the document")
        items = list(self._items(body, qn))
        top, title = self._section_level(items)
        meta = self._meta(items, title)
        sections = self._sections(items, top)
        for what, n in self.dropped.items():
            self._warn(f"{n} {what}{'' if n == 1 else 's'} left out (briefer reads text, lists, "
                       "tables and pictures)")
        return Analysis(meta=meta, sections=sections, folder=str(self.path.resolve().parent))

    def _items(self, body: Any, qn: Any) -> Iterator[_Item]:
        p, tbl, alt = qn("w:p"), qn("w:tbl"), qn("w:altChunk")
        containers = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"),
                      qn("w:moveTo")}
        stack = [iter(body)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            if child.tag == p:
                yield self._paragraph(child)
            elif child.tag == tbl:
                yield _Item("table", rows=self._table(child))
            elif child.tag == alt:
                self.dropped["piece of content in another format (altChunk)"] = \
                    self.dropped.get("piece of content in another format (altChunk)", 0) + 1
            elif child.tag in containers and len(stack) < 32:
                stack.append(iter(child))

    def _paragraph(self, element: Any) -> _Item:
        ppr = element.pPr
        facts = self.styles.facts(element.style)
        inline = read_inline(element)
        for what in inline.dropped:
            self.dropped[what] = self.dropped.get(what, 0) + 1
        text = inline.text
        marking = ""
        match = PORTION.match(text)
        if match:
            caveats = "//".join(CAVEATS.get(c.strip(), c.strip())
                                for c in match.group(2).split("//") if c.strip())
            marking = PORTION_LEVELS[match.group(1)] + (f"//{caveats}" if caveats else "")
            text = text[match.end():]
        if facts.role == "toc":
            return _Item("empty")  # a table of contents is Word's, not the analysis's
        outline = paragraph_outline(ppr, facts)
        if outline is not None and text:
            return _Item("heading", text, outline, inline, marking=marking)
        if facts.role in ("title", "subtitle", "caption", "author", "date") and text:
            return _Item(facts.role, text, 0, inline, marking=marking)
        level = paragraph_list_level(ppr, facts, self.lists)
        if level is not None and text:
            return _Item("point", text, level, inline, marking=marking)
        return _Item("prose" if text else "empty", text, 0, inline, marking=marking)

    def _table(self, element: Any) -> list[list[str]]:
        """Rows of cell texts; a merged cell keeps its text in its first column."""
        from docx.oxml.ns import qn

        rows: list[list[str]] = []
        for tr in element.iterchildren(qn("w:tr")):
            if len(rows) > limits.MAX_TABLE_ROWS:
                rows.append([])  # one row past the limit: the builder step warns
                break
            row: list[str] = []
            for tc in tr.iterchildren(qn("w:tc")):
                tcpr = tc.tcPr
                merged = tcpr is not None and tcpr.find(qn("w:vMerge")) is not None \
                    and tcpr.find(qn("w:vMerge")).get(qn("w:val")) in (None, "continue")
                inline = Inline()
                for paragraph in tc.iter(qn("w:p")):
                    found = read_inline(paragraph)
                    inline.parts.extend([*found.parts, " "])
                    inline.links.extend(found.links)
                    inline.pictures.extend(found.pictures)
                self._cell_links.extend(inline.links)
                row.append("" if merged else inline.text)
                span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
                count = span.get(qn("w:val"), "1") if span is not None else "1"
                count = int(count) if count.isdigit() else 1
                row.extend([""] * max(0, min(count, limits.MAX_TABLE_COLUMNS) - 1))
                if len(row) > limits.MAX_TABLE_COLUMNS:
                    break
            rows.append(row)
        return rows

    # ------------------------------------------------------------ metadata
    def _section_level(self, items: list[_Item]) -> tuple[int, str]:
        """The heading level that starts sections, and a title taken from a heading (or "").

        The highest level in use starts sections, unless it is used once, first, over every
        other heading, with no Title paragraph: then it is the document's title (said in a
        warning) and the next level down starts the sections.
        """
        headings = [i for i in items if i.kind == "heading"]
        if not headings:
            raise SourceError(f"{self.path}: no sections found (sections start at headings: give "
                              "them a Heading style or an outline level)")
        top = min(h.level for h in headings)
        tops = [h for h in headings if h.level == top]
        below = [h for h in headings if h.level > top]
        if len(tops) == 1 and headings[0] is tops[0] and below \
                and not any(i.kind == "title" for i in items):
            self._warn(f"its only top-level heading '{tops[0].text[:60]}' is read as the title; "
                       "the headings below it start the sections")
            tops[0].kind = "banner"  # used up: neither a section nor a paragraph before them
            return min(h.level for h in below), tops[0].text
        return top, ""

    def _meta(self, items: list[_Item], heading_title: str) -> AnalysisMeta:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        props = None
        package = self.part.package
        if any(r.reltype == RT.CORE_PROPERTIES for r in package.rels.values()):
            try:
                props = self.document.core_properties
            except Exception:
                props = None

        def prop(name: str) -> str:
            try:
                value = getattr(props, name) if props is not None else None
            except Exception:  # a malformed date or value in docProps/core.xml
                return ""
            if value is None:
                return ""
            if hasattr(value, "date"):
                return value.date().isoformat()
            return normalise(str(value))[: limits.MAX_TITLE_CHARS]

        front = items[: next((n for n, i in enumerate(items) if i.kind == "heading"), 0)]

        def line(kind: str) -> str:
            """The text of the first *kind* paragraph (title, date …) before the first heading."""
            return _cut(next((i.text for i in front if i.kind == kind), ""), limits.MAX_TITLE_CHARS)

        return AnalysisMeta(
            title=line("title") or prop("title") or _cut(heading_title, limits.MAX_TITLE_CHARS)
            or AnalysisMeta.title,
            subtitle=line("subtitle") or prop("subject"),
            author=prop("author") or line("author"),
            as_of=line("date") or prop("modified") or prop("created"),
            classification=self._banner(items),
        )

    def _banner(self, items: list[_Item]) -> str:
        """The document's marking: a banner line in the first page's header or footer, or a
        first paragraph that is only a marking."""
        from briefer.markings import highest
        from briefer.templates import Marking

        lines: list[str] = []
        try:
            first = self.document.sections[0]
            for part in (first.header, first.footer, first.first_page_header,
                         first.first_page_footer):
                if not part.is_linked_to_previous:
                    lines.extend(normalise(p.text) for p in part.paragraphs[:10])
        except Exception:  # damaged or missing header parts: no banner from them
            pass
        head = next((i for i in items if i.kind != "empty"), None)
        if head is not None and head.kind in ("prose", "title") and _is_marking(head.text):
            lines.append(head.text)
            head.kind = "banner"
        found = [line for line in lines if _is_marking(line)]
        return highest(found, Marking())[0] if found else ""

    # ------------------------------------------------------------ sections
    def _sections(self, items: list[_Item], top: int) -> tuple[Any, ...]:
        builders: list[SectionBuilder] = []
        current: SectionBuilder | None = None
        markings: list[list[str]] = []  # per section: its heading's marking and its portions
        explicit: list[bool] = []  # per section: whether its heading named its kind
        in_sources = False
        preamble = 0
        last_picture: Figure | None = None
        extra_pictures: dict[str, int] = {}
        warn = self.warnings.append
        for item in items:
            if item.kind == "heading" and item.level <= top:
                check_section_count(len(builders))
                current, named_kind = self._start(item, len(builders) + 1, warn)
                builders.append(current)
                explicit.append(named_kind)
                markings.append([item.marking, current.classification or ""])
                in_sources, last_picture = False, None
                continue
            if current is None:
                if item.kind in ("prose", "point", "table", "caption", "heading"):
                    preamble += 1
                continue
            if item.marking:
                markings[-1].append(item.marking)
            if item.kind == "heading":
                in_sources = item.text.casefold().rstrip(":") in SOURCE_HEADINGS
                if not in_sources:
                    current.add_prose(_cut(item.text, limits.MAX_NOTE_CHARS))
                continue
            if item.kind == "caption" and last_picture is not None and not last_picture.caption:
                current.images[0] = Figure(last_picture.path, _cut(item.text, limits.MAX_TEXT_CHARS),
                                           last_picture.data, last_picture.alt)
                last_picture = None
                continue
            last_picture = None
            if item.kind == "table":
                self._cell_links.clear()
                self._add_table(current, item.rows)
                self._links(current, self._cell_links)
                continue
            text = item.text
            if item.kind == "point" and not in_sources:
                anchors = [(normalise(label), self._url(target)) for label, target in item.inline.links]
                current.add_point(_cut(text, limits.MAX_TEXT_CHARS), item.level,
                                  [(label, url) for label, url in anchors if url])
            elif in_sources and item.kind in ("point", "prose"):
                current.add_source(_cut(text, limits.MAX_TEXT_CHARS))
            elif item.kind != "empty":  # captions without a picture, a title or date line …
                current.add_prose(_cut(text, limits.MAX_NOTE_CHARS))
            self._links(current, item.inline.links)
            for kind, note_id in item.inline.notes:
                note = self.notes[kind].get(note_id)
                if note:
                    current.add_source(_cut(note, limits.MAX_TEXT_CHARS))
            for picture in item.inline.pictures:
                figure = self._figure(picture, current)
                if figure is None:
                    continue
                if current.images:
                    extra_pictures[current.id] = extra_pictures.get(current.id, 1) + 1
                else:
                    current.add_image(figure)
                    last_picture = figure
        if preamble:
            self._warn(f"{preamble} paragraph{'s' if preamble > 1 else ''} before the first "
                       "heading left out")
        for sid, n in extra_pictures.items():
            self._warn(f"section '{sid}' has {n} pictures; only the first is kept", sid)
        self._finish_kinds(builders, markings, explicit)
        return finish(builders, renumber=True)

    def _start(self, item: _Item, number: int, warn: Any) -> tuple[SectionBuilder, bool]:
        """A section for a top-level heading, and whether the heading names its kind."""
        title_src, attrs = split_heading(item.text)
        title = normalise(title_src)
        if len(title) > limits.MAX_TITLE_CHARS:
            self._warn(f"heading '{title[:60]}…' is longer than {limits.MAX_TITLE_CHARS} "
                       "characters and is cut")
            title = _cut(title, limits.MAX_TITLE_CHARS)
        builder = new_section(title, attrs, number, warn)
        named_kind = any(c in KINDS for c in attrs.get("class", "").split())
        if not named_kind and title.casefold().rstrip(":") in SUMMARY_TITLES:
            builder.kind = "summary"
        return builder, named_kind

    def _finish_kinds(self, builders: list[SectionBuilder], markings: list[list[str]],
                      explicit: list[bool]) -> None:
        """Each section's marking (the highest of its heading's and its portion marks), and a
        hint for dated lists, which stay bullets unless the heading asks for a timeline."""
        from briefer.markings import highest
        from briefer.templates import Marking

        for builder, marks, named_kind in zip(builders, markings, explicit, strict=True):
            found = [m for m in marks if m]
            if found:
                builder.classification = highest(found, Marking())[0] or None
            points = builder.points
            if builder.kind == "bullets" and not named_kind \
                    and len(points) >= 3 and all(DATED.match(p.text) for p in points):
                self._warn(f"'{builder.title}' lists dated items; add {{.timeline}} to its "
                           "heading to draw them as a timeline", builder.id)

    def _add_table(self, builder: SectionBuilder, rows: list[list[str]]) -> None:
        if not rows or not any(any(cell for cell in row) for row in rows):
            return
        if builder.table is not None:
            self._warn(f"section '{builder.id}' has more than one table; the others are in the "
                       "notes as text", builder.id)
            for row in rows:
                builder.add_prose(_cut(" | ".join(row), limits.MAX_NOTE_CHARS))
            return
        if len(rows) - 1 > limits.MAX_TABLE_ROWS:
            self._warn(f"section '{builder.id}': its table has more than "
                       f"{limits.MAX_TABLE_ROWS:,} rows; the rest are left out", builder.id)
            rows = rows[: limits.MAX_TABLE_ROWS + 1]
        width = max(len(r) for r in rows)
        if width > limits.MAX_TABLE_COLUMNS:
            self._warn(f"section '{builder.id}': its table has more than "
                       f"{limits.MAX_TABLE_COLUMNS} columns; the rest are left out", builder.id)
            width = limits.MAX_TABLE_COLUMNS
        builder.add_table([[_cut(c, limits.MAX_TEXT_CHARS) for c in (r + [""] * width)[:width]]
                           for r in rows])

    def _links(self, builder: SectionBuilder, links: list[tuple[str, str]]) -> None:
        for label, target in links:
            url = self._url(target)
            if not url:
                continue  # a link inside the document (a bookmark)
            label = normalise(label)
            builder.add_source(_cut(f"{label} ({url})" if label and label != url else url,
                                    limits.MAX_TEXT_CHARS))

    def _figure(self, picture: Any, builder: SectionBuilder) -> Figure | None:
        rel = self.part.rels.get(picture.rel_id)
        if rel is None:
            return None
        if picture.linked or rel.is_external:
            self._warn(f"section '{builder.id}': a linked picture ({rel.target_ref[:80]}) lies "
                       "outside the file and is not read", builder.id)
            return None
        blob = rel.target_part.blob
        if len(blob) > MAX_IMAGE_BYTES:
            self._warn(f"section '{builder.id}': a picture is too large "
                       f"({len(blob) // 1_000_000} MB) and is left out", builder.id)
            return None
        return Figure(Path(str(rel.target_part.partname)).name, "", bytes(blob),
                      normalise(getattr(picture, "alt", "") or "")[:limits.MAX_TEXT_CHARS])


def _cut(text: str, limit: int) -> str:
    """*text* kept within *limit* characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_marking(text: str) -> bool:
    """A line that is only a classification marking: 'SECRET//NOFORN', 'UNCLASSIFIED'."""
    from briefer.markings import level_of
    from briefer.templates import Marking

    text = normalise(text)
    return bool(text) and len(text) <= MAX_MARKING_CHARS and text == text.upper() \
        and level_of(text, Marking()) is not None
