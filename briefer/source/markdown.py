"""Read and write analyses as Markdown: YAML front matter, one `##` heading per section.

The reader walks markdown-it-py's token stream; the writer escapes text so that reading what it
wrote gives back the same Analysis.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import parse as attrs_parser
from mdit_py_plugins.attrs.parse import ParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs
from mdit_py_plugins.front_matter import front_matter_plugin

from briefer import limits
from briefer.errors import SourceError
from briefer.fileio import read_limited
from briefer.source.model import (
    KINDS,
    MAX_LEVEL,
    Analysis,
    AnalysisMeta,
    Bullet,
    Figure,
    Section,
    Table,
)

SOURCES_HEADING = "sources"
MAX_ANALYSIS_BYTES = limits.MAX_ANALYSIS_BYTES
_MD = MarkdownIt("commonmark").use(front_matter_plugin).enable("table")


def read_analysis(path: Path) -> Analysis:
    """Read an analysis file, turning every problem into a one-line SourceError."""
    path = Path(path)
    data = read_limited(path, MAX_ANALYSIS_BYTES, "analysis", SourceError)
    if b"\x00" in data:
        raise SourceError(f"{path} is not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(f"{path} is not UTF-8 text") from None
    try:
        return replace(parse_analysis(text), folder=str(path.resolve().parent))
    except SourceError as exc:
        raise SourceError(f"{path}: {exc}") from None


def parse_analysis(text: str) -> Analysis:
    """Parse Markdown text into an Analysis."""
    tokens = _MD.parse(text)
    meta = AnalysisMeta()
    builders: list[_SectionBuilder] = []
    current: _SectionBuilder | None = None
    list_depth = 0
    in_item_paragraph = False
    in_sources = False
    table_rows: list[list[str]] | None = None
    first_h1 = ""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "front_matter":
            meta = _read_front_matter(tok.content)
        elif kind == "heading_open":
            inline = tokens[i + 1]
            if tok.tag == "h1" and not first_h1:
                first_h1 = _inline_text(inline)
            elif tok.tag == "h2":
                if len(builders) >= limits.MAX_SECTIONS:
                    raise SourceError(f"too many sections (more than {limits.MAX_SECTIONS}; "
                                      "split the analysis)")
                current = _start_section(inline.content, len(builders) + 1)
                builders.append(current)
                in_sources = False
            elif current is not None:
                heading = _inline_text(inline)
                in_sources = heading.casefold() == SOURCES_HEADING
                if not in_sources and heading:
                    current.add_prose(heading)
            i += 3
            continue
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open":
            if current is not None:
                current.start_item(list_depth, in_sources)
        elif kind == "paragraph_open":
            in_item_paragraph = list_depth > 0
        elif kind == "inline" and current is not None and table_rows is None \
                and not in_item_paragraph and _lone_image(tok):
            image = (tok.children or [])[0]
            current._room(current.images, limits.MAX_PARAGRAPHS, "pictures")
            current.images.append(Figure(str(image.attrs.get("src", "")), _inline_text(image)))
        elif kind == "inline" and current is not None and table_rows is None:
            links: list[str] = []
            source_item = in_sources and in_item_paragraph
            text_ = _inline_text(tok, links, urls_inline=source_item)
            if in_item_paragraph:
                current.add_item_text(text_)
            elif text_:
                current.add_prose(text_)
            current.add_links(links)
        elif kind in ("fence", "code_block", "html_block") and current is not None:
            text_ = _normalise(tok.content)
            if text_:
                current.add_prose(text_)
        elif kind == "table_open":
            table_rows = []
        elif kind == "tr_open" and table_rows is not None:
            table_rows.append([])
        elif kind == "inline" and table_rows is not None:
            links = []
            table_rows[-1].append(_inline_text(tok, links))
            if current is not None:
                current.add_links(links)
        elif kind == "table_close" and table_rows is not None:
            if current is not None:
                current.add_table(table_rows)
            table_rows = None
        i += 1

    if not builders:
        raise SourceError("no sections found (each section starts with a '## Heading')")
    if (not meta.title or meta.title == AnalysisMeta.title) and first_h1:
        meta = AnalysisMeta(**{**meta.__dict__, "title": first_h1})
    sections = tuple(b.build() for b in builders)
    seen: set[str] = set()
    for section in sections:
        if section.id in seen:
            raise SourceError(f"two sections share the id '{section.id}'")
        seen.add(section.id)
    return Analysis(meta=meta, sections=sections)


class _SectionBuilder:
    """Collects one section's pieces while the token stream is walked."""

    def __init__(self, sid: str, title: str, kind: str, backup: bool, marking: str | None):
        self.id, self.title, self.kind = sid, title, kind
        self.backup, self.classification = backup, marking
        self.points: list[Bullet] = []
        self.sources: list[str] = []
        self.prose: list[str] = []
        self.table: Table | None = None
        self.images: list[Figure] = []
        self._target: list[Any] | None = None
        self._level = 0
        self._fresh = False

    def start_item(self, depth: int, in_sources: bool) -> None:
        self._target = self.sources if in_sources else self.points
        self._level = min(max(depth - 1, 0), MAX_LEVEL)
        self._fresh = True

    def add_item_text(self, text: str) -> None:
        if self._target is None:
            return
        if self._fresh:
            self._fresh = False
            if self._target is self.points:
                self._room(self.points, limits.MAX_BULLETS, "key points")
                self.points.append(Bullet(text, self._level))
            else:
                self._room(self.sources, limits.MAX_SOURCES, "sources")
                self.sources.append(text)
        elif text:  # a second paragraph in the same item joins the first
            if self._target is self.points and self.points:
                last = self.points[-1]
                self.points[-1] = Bullet(_join(last.text, text), last.level)
            elif self.sources:
                self.sources[-1] = _join(self.sources[-1], text)

    def _room(self, items: list[Any], limit: int, what: str) -> None:
        """Refuse one item more than *limit*, before it is collected."""
        if len(items) >= limit:
            raise SourceError(f"section '{self.id}' has too many {what} (more than {limit:,})")

    def add_prose(self, text: str) -> None:
        self._room(self.prose, limits.MAX_PARAGRAPHS, "note paragraphs")
        self.prose.append(text)

    def add_links(self, links: list[str]) -> None:
        """Links in bullets, notes and cells keep their text in place; the URLs become sources."""
        for link in links:
            if link not in self.sources:
                self._room(self.sources, limits.MAX_SOURCES, "sources")
                self.sources.append(link)

    def add_table(self, rows: list[list[str]]) -> None:
        if self.table is not None:
            raise SourceError(f"section '{self.id}' has more than one table")
        if not rows:
            return
        if len(rows) - 1 > limits.MAX_TABLE_ROWS:
            raise SourceError(f"section '{self.id}': table has too many rows ({len(rows) - 1:,}; "
                              f"at most {limits.MAX_TABLE_ROWS:,})")
        width = len(rows[0])
        if width > limits.MAX_TABLE_COLUMNS:
            raise SourceError(f"section '{self.id}': table has too many columns ({width:,}; "
                              f"at most {limits.MAX_TABLE_COLUMNS})")
        body = tuple(tuple((r + [""] * width)[:width]) for r in rows[1:])
        self.table = Table(tuple(rows[0]), body)

    def build(self) -> Section:
        self._check_lengths()
        kind = self.kind
        if kind == "bullets" and self.table is not None and not self.points:
            kind = "table"
        return Section(
            id=self.id,
            title=self.title,
            kind=kind,
            points=tuple(self.points),
            prose=tuple(self.prose),
            sources=tuple(self.sources),
            classification=self.classification,
            backup=self.backup,
            table=self.table,
            images=tuple(self.images),
        )


    def _check_lengths(self) -> None:
        """Every piece of text within its limit; the error names the section and the part."""
        where = f"section '{self.id}'"

        def check(value: str, limit: int, what: str) -> None:
            limits.check_text(value, limit, f"{where}: {what}", SourceError)

        check(self.title, limits.MAX_TITLE_CHARS, "title")
        check(self.classification or "", limits.MAX_TITLE_CHARS, "classification")
        for n, point in enumerate(self.points, 1):
            check(point.text, limits.MAX_TEXT_CHARS, f"key point {n}")
        for n, source in enumerate(self.sources, 1):
            check(source, limits.MAX_TEXT_CHARS, f"source {n}")
        for n, paragraph in enumerate(self.prose, 1):
            check(paragraph, limits.MAX_NOTE_CHARS, f"note paragraph {n}")
        for image in self.images:
            check(image.path, limits.MAX_NAME_CHARS, "picture path")
            check(image.caption, limits.MAX_TEXT_CHARS, "picture caption")
        if self.table is not None:
            for row in (self.table.header, *self.table.rows):
                for cell in row:
                    check(cell, limits.MAX_TEXT_CHARS, "table cell")


def _start_section(raw_heading: str, number: int) -> _SectionBuilder:
    title_src, attrs = _split_heading_attrs(raw_heading)
    title = _inline_text_of(title_src)
    classes = attrs.get("class", "").split()
    kind = next((c for c in classes if c in KINDS), "bullets")
    sid = attrs.get("id") or slugify(title) or f"section-{number}"
    marking = attrs.get("classification") or None
    return _SectionBuilder(sid, title, kind, "backup" in classes, marking)


def _split_heading_attrs(raw: str) -> tuple[str, dict[str, str]]:
    """Split `Title {#id .kind key=value}` into the title source and its attributes."""
    stripped = raw.rstrip()
    if not stripped.endswith("}"):
        return raw, {}
    for match in reversed([m.start() for m in re.finditer(r"\{", stripped)]):
        if match > 0 and stripped[match - 1] == "\\":
            continue
        try:
            end, attrs = parse_attrs(stripped[match:])
        except ParseError:
            continue
        if match + end + 1 >= len(stripped):  # parse() returns the index of the closing brace
            _refuse_repeated_keys(stripped[match:])
            return stripped[:match].rstrip(), attrs
    return raw, {}


def _refuse_repeated_keys(text: str) -> None:
    """Two `key=` attributes on one heading are an error: with markings, 'last one wins'
    could silently lower a section's classification.

    The attrs plugin returns a dict, so its own scanner is run again to see every key.
    """
    tokens = attrs_parser.TokenState()
    state = attrs_parser.State.START
    for pos, char in enumerate(text):
        state = attrs_parser.HANDLERS[state](char, pos, tokens)
        if state == attrs_parser.State.DONE:
            break
    seen: set[str] = set()
    for start, end, kind in getattr(tokens, "_tokens", ()):
        key = text[start:end]
        if kind == "key" and key != "class":
            if key in seen:
                raise SourceError(f"heading {text[:80]} gives '{key}' twice")
            seen.add(key)


class _FrontMatterLoader(yaml.SafeLoader):
    """safe_load without its traps: no aliases (a 'billion laughs' grows to gigabytes), a
    bounded depth (deep nesting exhausts the stack), and numbers and dates kept as typed (an
    impossible date or a 5,000-digit number would otherwise fail to convert)."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            line = self.peek_event().start_mark.line + 2
            raise SourceError(f"front matter uses a YAML alias (line {line}); write the value out")
        self._depth += 1
        try:
            if self._depth > limits.MAX_NESTING:
                line = self.peek_event().start_mark.line + 2
                raise SourceError(f"front matter is nested too deeply (line {line})")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


for _tag in ("bool", "int", "float", "timestamp"):
    _FrontMatterLoader.add_constructor(f"tag:yaml.org,2002:{_tag}",
                                       yaml.SafeLoader.construct_scalar)


def _read_front_matter(text: str) -> AnalysisMeta:
    try:
        data = yaml.load(text, Loader=_FrontMatterLoader) or {}  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise SourceError(f"front matter is not valid YAML{where}") from None
    except (ValueError, TypeError, RecursionError) as exc:  # a constructor refusing a value
        raise SourceError(f"front matter has a value that cannot be read ({exc})") from None
    if not isinstance(data, dict):
        raise SourceError("front matter must be a mapping of 'key: value' lines")
    sources = data.get("sources") or ()
    if isinstance(sources, str):
        sources = (sources,)
    if not isinstance(sources, list | tuple):
        raise SourceError("front matter 'sources' must be a list")
    limits.check_count(sources, limits.MAX_SOURCES, "sources", "front matter", SourceError)
    for n, source in enumerate(sources, 1):
        if isinstance(source, dict | list):
            raise SourceError(f"front matter 'sources' entry {n} must be text")
        limits.check_text(str(source), limits.MAX_TEXT_CHARS, f"front matter source {n}",
                          SourceError)

    def text_of(key: str, *aliases: str) -> str:
        for name in (key, *aliases):
            value = data.get(name)
            if value is None:
                continue
            if isinstance(value, _dt.date):
                return value.isoformat()
            if isinstance(value, dict | list):
                raise SourceError(f"front matter '{name}' must be text")
            return limits.check_text(_normalise(str(value)), limits.MAX_TITLE_CHARS,
                                     f"front matter '{name}'", SourceError)
        return ""

    return AnalysisMeta(
        title=text_of("title") or AnalysisMeta.title,
        subtitle=text_of("subtitle"),
        author=text_of("author", "presenter"),
        organisation=text_of("organisation", "organization"),
        as_of=text_of("as_of", "date"),
        classification=text_of("classification"),
        lang=_language_tag(text_of("lang", "language")),
        sources=tuple(_inline_text_of(str(s), urls_inline=True) for s in sources if str(s).strip()),
    )


_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def _language_tag(value: str) -> str:
    """A BCP 47 tag such as 'en-GB' or 'tr'; anything else is refused, naming the field."""
    if not value:
        return AnalysisMeta.lang
    if not _LANG_TAG.fullmatch(value) or len(value) > 35:
        raise SourceError(f"front matter 'lang' must be a language tag such as en-GB or tr, not "
                          f"{value[:40]!r}")
    return value


def _inline_text(token: Token, links: list[str] | None = None, urls_inline: bool = False) -> str:
    """Plain text of an inline token. A link keeps its text; its URL follows the text
    (`urls_inline`, for source lists) or is collected as "text — URL" into *links*."""
    parts: list[str] = []
    href: str | None = None
    start = 0
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child))
        elif child.type == "link_open":
            href, start = str(child.attrs.get("href", "")), len(parts)
        elif child.type == "link_close" and href:
            label = _normalise("".join(parts[start:]))
            if label != href:
                if urls_inline:
                    parts.append(f" — {href}")
                elif links is not None:
                    links.append(f"{label} — {href}" if label else href)
            elif links is not None and not urls_inline:
                links.append(href)
            href = None
    return _normalise("".join(parts))


def _lone_image(token: Token) -> bool:
    """A paragraph that is just `![caption](path)`: the section's picture."""
    children = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
    return len(children) == 1 and children[0].type == "image"


def _inline_text_of(source: str, urls_inline: bool = False) -> str:
    tokens = _MD.parseInline(source)
    return _inline_text(tokens[0], urls_inline=urls_inline) if tokens else ""


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _join(first: str, second: str) -> str:
    return f"{first} {second}" if first else second


def slugify(title: str) -> str:
    """A stable ASCII id from a title: 'Türkiye’s position' -> 'turkiyes-position'."""
    text = title.replace("ı", "i").replace("İ", "I")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['’]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# ---------------------------------------------------------------- writing

_ESCAPE = re.compile(r"([\\`*_\[\]<>&{}|~!#])")
_LEADING = re.compile(r"^([-+=>]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Escape text so CommonMark reads it back verbatim, wherever it stands in a block."""
    text = _ESCAPE.sub(r"\\\1", text)
    match = _LEADING.match(text)
    if match:
        if match.group(1)[0].isdigit():
            digits = match.group(1)
            return digits + "\\" + text[len(digits):]
        return "\\" + text
    return text


def write_analysis(analysis: Analysis) -> str:
    """Markdown text for an analysis, in the format `parse_analysis` reads."""
    out: list[str] = [_front_matter(analysis.meta)]
    for section in analysis.sections:
        out.append(f"## {escape(section.title)} {_heading_attrs(section)}")
        if section.points:
            out.append("\n".join(f"{'  ' * b.level}- {escape(b.text)}" for b in section.points))
        if section.table is not None:
            out.append(_table(section.table))
        out.extend(f"![{escape(image.caption)}](<{image.path}>)" for image in section.images)
        out.extend(escape(p) for p in section.prose)
        if section.sources:
            out.append("### Sources")
            out.append("\n".join(f"- {escape(s)}" for s in section.sources))
    return "\n\n".join(out) + "\n"


def _front_matter(meta: AnalysisMeta) -> str:
    data: dict[str, Any] = {"title": meta.title}
    for key in ("subtitle", "author", "organisation", "as_of", "classification"):
        value = getattr(meta, key)
        if value:
            data[key] = value
    if meta.lang != AnalysisMeta.lang:
        data["lang"] = meta.lang
    if meta.sources:
        data["sources"] = [escape(s) for s in meta.sources]  # read back as Markdown text
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---"


def _heading_attrs(section: Section) -> str:
    parts = [f"#{section.id}"]
    if section.kind != "bullets":
        parts.append(f".{section.kind}")
    if section.backup:
        parts.append(".backup")
    if section.classification:
        value = section.classification.replace("\\", "\\\\").replace('"', '\\"')
        parts.append(f'classification="{value}"')
    return "{" + " ".join(parts) + "}"


def _table(table: Table) -> str:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(escape(c) for c in cells) + " |"

    lines = [row(table.header), "|" + "|".join(" --- " for _ in table.header) + "|"]
    lines.extend(row(r) for r in table.rows)
    return "\n".join(lines)
