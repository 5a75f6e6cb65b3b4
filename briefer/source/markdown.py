"""Read and write analyses as Markdown: YAML front matter, one `##` heading per section.

The reader walks markdown-it-py's token stream; the writer escapes text so that reading what it
wrote gives back the same Analysis.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from briefer import limits
from briefer.errors import SourceError
from briefer.fileio import read_limited
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
from briefer.source.model import Analysis, AnalysisMeta, Bullet, Figure, Section, Table
from briefer.source.slug import slugify

__all__ = ["escape", "inline_sources", "parse_analysis", "read_analysis", "read_inline", "slugify",
           "write_analysis"]

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


def read_with_warnings(path: Path) -> tuple[Analysis, list[Notice]]:
    """The reader entry (`briefer.source.readers`): Markdown has nothing to warn about yet."""
    return read_analysis(path), []


def _check_size(text: str) -> None:
    """Refuse, before parsing, text whose parse would be slow: too many lines or markup.

    Counting is a handful of C-speed passes; markdown-it spends some 400 times longer on a
    character of hostile markup ("[[[[…") than on one of prose.
    """
    lines = text.count("\n") + 1
    if lines > limits.MAX_LINES:
        raise SourceError(f"too many lines ({lines:,}; at most {limits.MAX_LINES:,})")
    markup = sum(text.count(char) for char in limits.MARKUP)
    if markup > limits.MAX_MARKUP:
        raise SourceError(f"too much Markdown markup ({markup:,} of the characters "
                          f"{limits.MARKUP}; at most {limits.MAX_MARKUP:,})")


def parse_analysis(text: str) -> Analysis:
    """Parse Markdown text into an Analysis."""
    _check_size(text)
    tokens = _MD.parse(text)
    meta = AnalysisMeta()
    builders: list[SectionBuilder] = []
    current: SectionBuilder | None = None
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
                check_section_count(len(builders))
                if len(inline.content) > limits.MAX_HEADING_CHARS:  # attributes are parsed slowly
                    raise SourceError(f"heading {len(builders) + 1} is too long "
                                      f"({len(inline.content):,} characters; at most "
                                      f"{limits.MAX_HEADING_CHARS:,})")
                title_src, attrs = split_heading(inline.content)
                current = new_section(_inline_text_of(title_src), attrs, len(builders) + 1)
                builders.append(current)
                in_sources = False
            elif current is not None:
                heading = _inline_text(inline)
                in_sources = heading.casefold() in SOURCES_HEADINGS
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
            current.add_image(Figure(str(image.attrs.get("src", "")), _inline_text(image),
                                     alt=normalise(str(image.attrs.get("title") or ""))))
        elif kind == "inline" and current is not None and table_rows is None:
            links: list[str] = []
            spans: list[tuple[int, int, str]] = []
            source_item = in_sources and in_item_paragraph
            text_ = _inline_text(tok, links, urls_inline=source_item, spans=spans)
            if in_item_paragraph:
                current.add_item_text(text_, spans=spans)
            elif text_:
                current.add_prose(text_)
            current.add_links(links)
        elif kind in ("fence", "code_block", "html_block") and current is not None:
            text_ = normalise(tok.content)
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
    return Analysis(meta=meta, sections=finish(builders))


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
            return limits.check_text(normalise(str(value)), limits.MAX_TITLE_CHARS,
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
        classified_by=text_of("classified_by"),
        derived_from=text_of("derived_from"),
        declassify_on=text_of("declassify_on"),
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


def _inline_text(token: Token, links: list[str] | None = None, urls_inline: bool = False,
                 anchors: list[tuple[str, str]] | None = None,
                 spans: list[tuple[int, int, str]] | None = None) -> str:
    """Plain text of an inline token. A link keeps its text; its URL follows the text in
    brackets (`urls_inline`, for source lists) or is collected as "text (URL)" into *links*,
    as (text, URL) into *anchors*, and as (start, end, URL) of its words in the text into
    *spans* (found by position, so a link's words that also occur before it are told apart),
    so the text stays clickable where it is shown."""
    parts: list[str] = []
    href: str | None = None
    start = 0
    length = 0  # characters in parts so far
    opened = 0  # where the open link's text starts in them
    marks: list[tuple[int, int, str]] = []
    for child in token.children or ():
        piece: str | None = None
        if child.type in ("text", "code_inline", "html_inline"):
            piece = child.content
        elif child.type in ("softbreak", "hardbreak"):
            piece = " "
        elif child.type == "image":
            piece = _inline_text(child)
        elif child.type == "link_open":
            href, start, opened = str(child.attrs.get("href", "")), len(parts), length
        elif child.type == "link_close" and href:
            label = normalise("".join(parts[start:]))
            if label:
                marks.append((opened, length, href))
            if anchors is not None and label:
                anchors.append((label, href))
            if label != href:
                if urls_inline:
                    piece = f" ({href})"
                elif links is not None:
                    links.append(f"{label} ({href})" if label else href)
            elif links is not None and not urls_inline:
                links.append(href)
            href = None
        if piece is not None:
            parts.append(piece)
            length += len(piece)
    raw = "".join(parts)
    if spans is None:
        return normalise(raw)
    text, where = _normalised(raw)
    for first, end, url in marks:  # the label's words, without the white space around them
        label = raw[first:end]
        first += len(label) - len(label.lstrip())
        end -= len(label) - len(label.rstrip())
        spans.append((where[first], where[end - 1] + 1, url))
    return text


def _normalised(raw: str) -> tuple[str, list[int]]:
    """`normalise(raw)` and, for each character of *raw* that is not white space, where it
    lands in that text."""
    out: list[str] = []
    where = [0] * len(raw)
    space = False
    for n, char in enumerate(raw):
        if char.isspace():
            space = bool(out)
            continue
        if space:
            out.append(" ")
            space = False
        where[n] = len(out)
        out.append(char)
    return "".join(out), where


def read_inline(source: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """The text and links of one line of inline Markdown, read as the reader reads a key point:
    `[words](URL)` is a link over those words, emphasis marks are dropped."""
    tokens = _MD.parseInline(source)
    spans: list[tuple[int, int, str]] = []
    text = _inline_text(tokens[0], spans=spans) if tokens else ""
    return text, tuple(spans)


def inline_sources(point: Bullet) -> tuple[str, ...]:
    """Ways to write a key point as one line of inline Markdown, the most readable first: its
    words as they are, links as `[words](URL)` (then `[words](<URL>)`); then the same with
    Markdown's characters escaped; last as the writer writes it in an analysis. The caller
    keeps the first that reads back as the point."""
    forms = [_written(point, escaped, angled) for escaped in (False, True)
             for angled in ((False, True) if point.links else (False,))]
    return tuple(dict.fromkeys([*forms, _linked(point)]))


def _written(point: Bullet, escaped: bool, angled: bool) -> str:
    def plain(text: str) -> str:
        return _ESCAPE.sub(r"\\\1", text) if escaped else text

    out, at = [], 0
    for start, end, url in point.links:
        out.append(plain(point.text[at:start]))
        out.append(f"[{plain(point.text[start:end])}]({f'<{url}>' if angled else url})")
        at = end
    out.append(plain(point.text[at:]))
    return "".join(out)


def _lone_image(token: Token) -> bool:
    """A paragraph that is just `![caption](path)`: the section's picture."""
    children = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
    return len(children) == 1 and children[0].type == "image"


def _inline_text_of(source: str, urls_inline: bool = False) -> str:
    tokens = _MD.parseInline(source)
    return _inline_text(tokens[0], urls_inline=urls_inline) if tokens else ""


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


def _linked(bullet: Bullet) -> str:
    """A key point's text, escaped, with its links written back as links."""
    if not bullet.links:
        return escape(bullet.text)
    out: list[str] = []
    at = 0
    for start, end, url in bullet.links:
        plain = bullet.text[at:start]
        out.append(escape(plain) if not out else _ESCAPE.sub(r"\\\1", plain))
        label = _ESCAPE.sub(r"\\\1", bullet.text[start:end])
        out.append(f"[{label}](<{url}>)")
        at = end
    out.append(_ESCAPE.sub(r"\\\1", bullet.text[at:]))
    return "".join(out)


def write_analysis(analysis: Analysis) -> str:
    """Markdown text for an analysis, in the format `parse_analysis` reads."""
    out: list[str] = [_front_matter(analysis.meta)]
    for section in analysis.sections:
        out.append(f"## {escape(section.title)} {_heading_attrs(section)}")
        if section.points:
            out.append("\n".join(f"{'  ' * b.level}- {_linked(b)}" for b in section.points))
        if section.table is not None:
            out.append(_table(section.table))
        out.extend(f"![{escape(image.caption)}](<{image.path}>{_title(image.alt)})"
                   for image in section.images)
        out.extend(escape(p) for p in section.prose)
        if section.sources:
            out.append("### Sources")
            out.append("\n".join(f"- {escape(s)}" for s in section.sources))
    return "\n\n".join(out) + "\n"


def _front_matter(meta: AnalysisMeta) -> str:
    data: dict[str, Any] = {"title": meta.title}
    for key in ("subtitle", "author", "organisation", "as_of", "classification", "classified_by",
                "derived_from", "declassify_on"):
        value = getattr(meta, key)
        if value:
            data[key] = value
    if meta.lang != AnalysisMeta.lang:
        data["lang"] = meta.lang
    if meta.sources:
        data["sources"] = [escape(s) for s in meta.sources]  # read back as Markdown text
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---"


def _title(alt: str) -> str:
    """A picture's alt text as a Markdown link title: ` "text"`, quotes escaped."""
    if not alt:
        return ""
    return ' "' + alt.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
