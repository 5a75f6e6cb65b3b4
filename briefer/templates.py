"""Templates are data: `templates/<name>/template.toml` plus an optional logo. No Python per template.

`load_template` validates everything up front (fonts, colours, sizes, logo) so that layout and
rendering never meet a bad value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefer import limits, resources
from briefer.errors import TemplateError
from briefer.fileio import read_limited
from briefer.records import record

if TYPE_CHECKING:  # a template with an organisation's master imports it when it reads one
    from briefer.master.model import MasterFile

MASTER_SUFFIXES = (".potx", ".pptx")

DEFAULT_LEVELS = ("UNCLASSIFIED", "CUI", "CONFIDENTIAL", "SECRET", "TOP SECRET")
DEFAULT_LEVEL_COLORS = {
    "UNCLASSIFIED": ("#007A33", "#FFFFFF"),
    "CUI": ("#502B85", "#FFFFFF"),
    "CONFIDENTIAL": ("#0033A0", "#FFFFFF"),
    "SECRET": ("#C8102E", "#FFFFFF"),
    "TOP SECRET": ("#FF8C00", "#000000"),
}
PAGE_SIZES = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0), "16:10": (864.0, 540.0)}
SLIDE_SWITCHES = ("title", "summary", "agenda", "closing", "sources", "backup")
FOOTER_FIELDS = ("title", "subtitle", "presenter", "organisation", "date", "page", "classification")
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")  # always fullmatch: "$" would let a newline through


@record
class FontSpec:
    """A font as PowerPoint names it, and the TrueType file that measures and embeds it."""

    name: str
    file: Path
    bold: bool = False
    italic: bool = False


@record
class Logo:
    """The template's logo, kept as PNG, and where it goes."""

    png: bytes
    width: float
    height: float
    position: str  # "top-right" | "title-only"


@record
class Marking:
    """The classification scale, lowest first, with banner colours (fill, text)."""

    levels: tuple[str, ...] = DEFAULT_LEVELS
    colors: dict[str, tuple[str, str]] = field(default_factory=lambda: dict(DEFAULT_LEVEL_COLORS))
    banner: bool = True
    portion_marks: bool = False


REPORT_PAPERS = ("a4", "letter")


@record
class ReportStyle:
    """The written report's look (`[report]` in template.toml): paper, fonts, colours, margins.
    Fonts left out are the slides' (filled in by the loader)."""

    paper: str = "a4"
    heading_font: FontSpec | None = None
    body_font: FontSpec | None = None
    size: float = 11.0  # body text, points
    colors: dict[str, str] = field(default_factory=lambda: {
        "heading": "#1F2937", "text": "#1F2937", "accent": "#1F4E79", "box": "#EEF2F7"})
    margins: dict[str, float] = field(default_factory=lambda: {
        "top": 72.0, "bottom": 72.0, "left": 68.0, "right": 68.0})


@record
class Template:
    """A template as loaded and checked: page, fonts, colours, sizes, furniture and parts."""

    name: str
    description: str
    folder: Path
    page_width: float
    page_height: float
    heading_font: FontSpec
    body_font: FontSpec
    colors: dict[str, str]
    sizes: dict[str, float]
    margins: dict[str, float]
    header_style: str
    footer: dict[str, str]
    date_style: str
    slides: dict[str, bool]
    marking: Marking
    logo: Logo | None = None
    line_spacing: float = 1.15
    report: ReportStyle = field(default_factory=ReportStyle)
    master: MasterFile | None = None  # an organisation's .potx/.pptx, when the template uses one

    def color(self, role: str) -> str:
        return self.colors[role]

    def size(self, role: str) -> float:
        return self.sizes[role]


_DEFAULT_COLORS = {
    "background": "#FFFFFF",
    "title": "#1F2937",
    "text": "#1F2937",
    "accent": "#1F4E79",
    "accent_text": "#FFFFFF",
    "muted": "#6B7280",
    "rule": "#1F4E79",
    "title_background": "#FFFFFF",
    "title_text": "#1F2937",
    "tile": "#EEF2F7",
}
_DEFAULT_SIZES = {
    "title": 36.0,
    "subtitle": 20.0,
    "heading": 28.0,
    "min_heading": 20.0,
    "body": 20.0,
    "min_body": 14.0,
    "footer": 10.0,
    "banner": 10.0,
    "figure": 40.0,
    "table": 14.0,  # data tables are dense: about 14 pt, shrinking to min_table for wide ones
    "min_table": 10.0,
}
_DEFAULT_MARGINS = {"left": 40.0, "right": 40.0, "top": 28.0, "bottom": 24.0}
_DEFAULT_FOOTER = {"left": "{title}", "center": "", "right": "{page}"}


def builtin_template_names() -> list[str]:
    return sorted(_discover())


@cache
def _discover() -> dict[str, Path]:
    folders: dict[str, Path] = {}
    for root in (resources.templates_dir(), resources.user_templates_dir()):
        if root.is_dir():
            for child in sorted(root.iterdir()):
                if (child / "template.toml").is_file():
                    folders.setdefault(child.name, child)
    return folders


def forget_discovered() -> None:
    """Look the template folders up again next time (a template was added)."""
    _discover.cache_clear()


def list_templates() -> list[Template]:
    return [load_template(name) for name in builtin_template_names()]


@record
class TemplateEntry:
    """One discovered template: loaded, or the one-line reason it cannot be used."""

    name: str
    template: Template | None = None
    error: str = ""


def template_entries() -> list[TemplateEntry]:
    """Every discovered template with its Template or its error, so one broken user template
    never hides the others from `briefer templates` or the app's picker."""
    entries = []
    for name in builtin_template_names():
        try:
            entries.append(TemplateEntry(name, load_template(name)))
        except TemplateError as exc:
            entries.append(TemplateEntry(name, error=str(exc)))
    return entries


def load_template(name_or_path: str | Path) -> Template:
    """A template by built-in name or by folder path."""
    text = str(name_or_path)
    if "\0" in text:
        raise TemplateError(f"template name {text[:80]!r} contains a NUL byte")
    limits.check_text(text, limits.MAX_NAME_CHARS, "template name", TemplateError)
    candidate = Path(text).expanduser()
    if candidate.suffix.lower() in MASTER_SUFFIXES and _probe(candidate.is_file):
        return _load_master_file(candidate.resolve())
    if _probe(candidate.is_dir):
        return _load_folder(candidate.resolve())
    if candidate.name == "template.toml" and _probe(candidate.is_file):
        return _load_folder(candidate.parent.resolve())
    folder = _discover().get(text)
    if folder is None:
        known = ", ".join(builtin_template_names()) or "none"
        raise TemplateError(f"unknown template '{text}' (available: {known})")
    return _load_folder(folder)


def _probe(check: Callable[[], bool]) -> bool:
    """A file-system test that answers False for names the system refuses (too long, say)."""
    try:
        return check()
    except (OSError, ValueError):
        return False


@cache
def _load_folder(folder: Path) -> Template:
    from briefer.cache import cached

    files = [folder / "template.toml", *sorted(p for p in folder.iterdir() if p.is_file())]
    return cached("template", files, lambda: _parse_folder(folder))


@cache
def _load_master_file(path: Path) -> Template:
    """A .potx/.pptx used directly as a template: everything inferred from the master."""
    from briefer.cache import cached

    def build() -> Template:
        try:
            return _build(path.parent, {"name": path.stem, "master": {"file": path.name}},
                          description=f"Organisation master {path.name}")
        except TemplateError as exc:
            message = str(exc)
            raise TemplateError(message if path.name in message else f"{path.name}: {message}") from None

    return cached("template", [path], build)


def _parse_folder(folder: Path) -> Template:
    import tomllib  # only on a cache miss

    path = folder / "template.toml"
    if not path.exists():
        raise TemplateError(f"{folder} has no template.toml")
    if _inside(folder, "template.toml") is None:  # a symlink out of the folder, like a logo's
        raise TemplateError(f"{path} is a link to a file outside the template folder")
    try:
        raw = read_limited(path, limits.MAX_TEMPLATE_BYTES, "template", TemplateError)
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise TemplateError(f"{path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path} is not valid TOML: {exc}") from None
    except RecursionError:
        raise TemplateError(f"{path} is not valid TOML: nested too deeply") from None
    except ValueError as exc:  # a number of thousands of digits, say
        raise TemplateError(f"{path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise TemplateError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return _build(folder, data)
    except TemplateError as exc:
        raise TemplateError(f"template {folder.name}: {exc}") from None


def _build(folder: Path, data: dict[str, Any], description: str = "") -> Template:
    master = _master(folder, _table(data, "master")) if "master" in data else None
    inferred: dict[str, Any] = {}
    if master is not None:
        from briefer.master.infer import template_values

        inferred = template_values(master, folder)
        if inferred["problems"]:
            from dataclasses import replace

            master = replace(master, problems=master.problems + tuple(inferred["problems"]))
    page = _table(data, "page")
    size_name = page.get("size", "16:9")
    if not isinstance(size_name, str) or size_name not in PAGE_SIZES:
        raise TemplateError(f"page.size must be one of {', '.join(PAGE_SIZES)}")
    width, height = PAGE_SIZES[size_name]
    if master is not None:  # the master's own page size, 4:3 and odd sizes too
        width, height = master.width, master.height
    fonts = {**inferred.get("fonts", {}), **_table(data, "fonts")}
    colors = {**_DEFAULT_COLORS, **inferred.get("colors", {}), **_table(data, "colors")}
    for role, value in colors.items():
        if not isinstance(value, str) or not _COLOR.fullmatch(value):
            raise TemplateError(f"colors.{role} must be a colour like \"#1F4E79\"")
    sizes = {**_DEFAULT_SIZES, **inferred.get("sizes", {}), **_table(data, "sizes")}
    for role, value in sizes.items():
        if not isinstance(value, int | float) or isinstance(value, bool) or not 4 <= value <= 200:
            raise TemplateError(f"sizes.{role} must be a number of points between 4 and 200")
    sizes = {k: float(v) for k, v in sizes.items()}
    given = _table(data, "sizes")
    for low, high in (("min_body", "body"), ("min_heading", "heading"), ("min_table", "table")):
        if low not in given and sizes[low] > sizes[high]:  # an inferred minimum follows the size
            sizes[low] = sizes[high]
    if sizes["min_body"] > sizes["body"] or sizes["min_heading"] > sizes["heading"] \
            or sizes["min_table"] > sizes["table"]:
        raise TemplateError("a minimum size is larger than the size it limits")
    margins = {**_DEFAULT_MARGINS, **inferred.get("margins", {}), **_table(data, "margins")}
    for side, value in margins.items():
        if not isinstance(value, int | float) or isinstance(value, bool) \
                or not 0 <= value <= min(width, height) / 4:
            raise TemplateError(f"margins.{side} must be a number of points, 0 to {height / 4:g}")
    header = _table(data, "header")
    header_style = header.get("style", "plain" if master is not None else "rule")
    if not isinstance(header_style, str) or header_style not in ("bar", "rule", "plain"):
        raise TemplateError("header.style must be 'bar', 'rule' or 'plain'")
    footer = {**_DEFAULT_FOOTER, **_table(data, "footer")}
    for slot, value in footer.items():
        if slot not in ("left", "center", "right") or not isinstance(value, str):
            raise TemplateError("footer takes left, center and right text fields")
        limits.check_text(value, limits.MAX_FOOTER_PATTERN_CHARS, f"footer.{slot}", TemplateError)
        for name in re.findall(r"\{(\w*)\}", value):
            if name not in FOOTER_FIELDS:
                raise TemplateError(f"footer.{slot}: unknown field {{{name}}}")
    date_style = _table(data, "date").get("style", "long")
    if not isinstance(date_style, str) or date_style not in ("iso", "long", "military"):
        raise TemplateError("date.style must be 'iso', 'long' or 'military'")
    slides = {name: True for name in SLIDE_SWITCHES}
    for name, value in _table(data, "slides").items():
        if name not in SLIDE_SWITCHES or not isinstance(value, bool):
            raise TemplateError(f"slides.{name}: expected one of {', '.join(SLIDE_SWITCHES)} = true/false")
        slides[name] = value
    line_spacing = _table(data, "text").get("line_spacing", 1.15)
    if not isinstance(line_spacing, int | float) or isinstance(line_spacing, bool) \
            or not 1.0 <= line_spacing <= 2.0:
        raise TemplateError("text.line_spacing must be a number between 1.0 and 2.0")
    line_spacing = float(line_spacing)
    # a content slide must hold its banners, margins, footer, a two-line title and three lines
    needed = (2 * sizes["banner"] * 1.7 + margins["top"] + margins["bottom"] + sizes["footer"] * 1.6
              + 14 + 2 * sizes["min_heading"] * 1.05 + 40 + 3 * sizes["body"] * line_spacing)
    if master is not None:  # the master's own body box must hold three lines
        from briefer.master.infer import check_room

        check_room(master, sizes, line_spacing)
    elif needed > height:
        raise TemplateError(f"sizes and margins leave no room for text ({needed:.0f} pt of a "
                            f"{height:.0f} pt page are needed)")
    description = data.get("description", description)
    if not isinstance(description, str):
        raise TemplateError("description must be text")
    limits.check_text(description, limits.MAX_TEXT_CHARS, "description", TemplateError)
    name = data.get("name", folder.name)
    if not isinstance(name, str):
        raise TemplateError("name must be text")
    limits.check_text(name, limits.MAX_TITLE_CHARS, "name", TemplateError)
    heading_font, body_font = _font(folder, fonts, "heading"), _font(folder, fonts, "body")
    return Template(
        name=name,
        description=description,
        folder=folder,
        page_width=width,
        page_height=height,
        heading_font=heading_font,
        body_font=body_font,
        colors=colors,
        sizes=sizes,
        margins={k: float(v) for k, v in margins.items()},
        header_style=header_style,
        footer=footer,
        date_style=date_style,
        slides=slides,
        marking=_marking(_table(data, "classification")),
        logo=_logo(folder, _table(data, "logo")),
        line_spacing=line_spacing,
        report=_report(folder, _table(data, "report"), heading_font, body_font, colors),
        master=master,
    )


def _report(folder: Path, data: dict[str, Any], heading: FontSpec, body: FontSpec,
            colors: dict[str, str]) -> ReportStyle:
    defaults = ReportStyle()
    paper = data.get("paper", "a4")
    if paper not in REPORT_PAPERS:
        raise TemplateError(f"report.paper must be one of {', '.join(REPORT_PAPERS)}")
    known = ("paper", "heading", "body", "size", "colors", "margins")
    for key in data:
        if key not in known:
            raise TemplateError(f"report.{key}: expected one of {', '.join(known)}")
    size = data.get("size", defaults.size)
    if not isinstance(size, int | float) or isinstance(size, bool) or not 7 <= size <= 16:
        raise TemplateError("report.size must be a number of points between 7 and 16")
    slide_colors = {"heading": colors["title"], "text": colors["text"], "accent": colors["accent"],
                    "box": colors["tile"]}
    given = _table(data, "colors")
    for role, value in given.items():
        if role not in slide_colors:
            raise TemplateError(f"report.colors.{role}: expected one of {', '.join(slide_colors)}")
        if not isinstance(value, str) or not _COLOR.fullmatch(value):
            raise TemplateError(f"report.colors.{role} must be a colour like \"#1F4E79\"")
    margins = {**defaults.margins, **_table(data, "margins")}
    for side, value in margins.items():
        if side not in defaults.margins or not isinstance(value, int | float) \
                or isinstance(value, bool) or not 18 <= value <= 144:
            raise TemplateError(f"report.margins.{side} must be a number of points, 18 to 144")
    return ReportStyle(
        paper=paper,
        heading_font=_font(folder, data, "heading") if "heading" in data else heading,
        body_font=_font(folder, data, "body") if "body" in data else body,
        size=float(size),
        colors={**slide_colors, **given},
        margins={k: float(v) for k, v in margins.items()},
    )


def _master(folder: Path, data: dict[str, Any]) -> MasterFile:
    """[master]: file = "org.potx" in the template folder, and [master.layouts] role = "name"."""
    name = data.get("file")
    if not isinstance(name, str) or not name.lower().endswith(MASTER_SUFFIXES) or "\0" in name \
            or len(name) > limits.MAX_NAME_CHARS:
        raise TemplateError("master.file must name a .potx or .pptx file in the template folder")
    path = _inside(folder, name)
    if path is None:
        raise TemplateError(f"master {name} lies outside the template folder")
    chosen = data.get("layouts", {})
    if not isinstance(chosen, dict) or not all(isinstance(v, str) for v in chosen.values()):
        raise TemplateError("[master.layouts] maps roles to layout names: content = \"Title and Content\"")
    from briefer.master.reader import read_master

    return read_master(path, chosen)


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise TemplateError(f"[{key}] must be a table")
    return value


def _font(folder: Path, fonts: dict[str, Any], role: str) -> FontSpec:
    spec = fonts.get(role, {"name": "Arial", "file": "LiberationSans-Regular.ttf"})
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
        raise TemplateError(f"fonts.{role} needs name = \"…\" and file = \"….ttf\"")
    file_name = spec.get("file")
    if not isinstance(file_name, str) or not file_name.lower().endswith(".ttf"):
        raise TemplateError(f"fonts.{role}.file must name a TrueType (.ttf) file")
    if "\0" in file_name or len(file_name) > limits.MAX_NAME_CHARS:
        raise TemplateError(f"fonts.{role}.file is not a usable file name")
    limits.check_text(spec["name"], limits.MAX_TITLE_CHARS, f"fonts.{role}.name", TemplateError)
    for flag in ("bold", "italic"):
        if not isinstance(spec.get(flag, False), bool):
            raise TemplateError(f"fonts.{role}.{flag} must be true or false")
    path = _inside(folder, file_name)
    if path is None or not _probe(path.is_file):
        path = resources.fonts_dir() / Path(file_name).name
    if not _probe(path.is_file):
        raise TemplateError(f"font file not found: {file_name}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TemplateError(f"cannot read font file {file_name}: {exc.strerror or exc}") from None
    if size > limits.MAX_FONT_BYTES:
        raise TemplateError(f"font file {file_name} is too large ({limits.size_text(size)}; "
                            f"at most {limits.size_text(limits.MAX_FONT_BYTES)})")
    from briefer.layout.measure import metrics  # parsed once here, then cached

    try:
        metrics(path)
    except Exception:  # fontTools raises many kinds of error for a damaged file
        raise TemplateError(f"font file {file_name} is not a usable TrueType font") from None
    return FontSpec(spec["name"], path, spec.get("bold", False), spec.get("italic", False))


def _inside(folder: Path, relative: str) -> Path | None:
    """Resolve *relative* under *folder*, or None when it would leave the folder (or cannot
    be a file name at all: a NUL byte, a link loop, a name too long)."""
    try:
        path = (folder / relative).resolve()
    except (OSError, ValueError, RuntimeError):
        return None
    try:
        path.relative_to(folder.resolve())
    except ValueError:
        return None
    return path


def _marking(data: dict[str, Any]) -> Marking:
    """The scale, its levels normalised as markings are (so "Secret" on the scale is SECRET)."""
    from briefer.markings import normalise

    levels = data.get("levels", list(DEFAULT_LEVELS))
    if not isinstance(levels, list) or not levels or not all(isinstance(x, str) for x in levels) \
            or len(levels) > 50:
        raise TemplateError("classification.levels must be a list of markings, lowest first")
    levels = [normalise(x) for x in levels]
    if not all(levels) or len(set(levels)) != len(levels) or max(map(len, levels)) > 100:
        raise TemplateError("classification.levels must be distinct, non-empty markings")
    colors = dict(DEFAULT_LEVEL_COLORS)
    for level, value in _table(data, "colors").items() if "colors" in data else []:
        if not (isinstance(value, list) and len(value) == 2
                and all(isinstance(v, str) and _COLOR.fullmatch(v) for v in value)):
            raise TemplateError(f"classification.colors.{level[:80]} must be [\"#fill\", \"#text\"]")
        colors[normalise(level)] = (value[0], value[1])
    for level in levels:
        colors.setdefault(level, ("#4B5563", "#FFFFFF"))
    for flag, default in (("banner", True), ("portion_marks", False)):
        if not isinstance(data.get(flag, default), bool):
            raise TemplateError(f"classification.{flag} must be true or false")
    return Marking(
        levels=tuple(levels),
        colors=colors,
        banner=data.get("banner", True),
        portion_marks=data.get("portion_marks", False),
    )


def _logo(folder: Path, data: dict[str, Any]) -> Logo | None:
    if not data.get("file"):
        return None
    if not isinstance(data["file"], str) or "\0" in data["file"] \
            or len(data["file"]) > limits.MAX_NAME_CHARS:
        raise TemplateError("logo.file must name a picture file in the template folder")
    path = _inside(folder, data["file"])
    if path is None:
        raise TemplateError(f"logo {data['file']} lies outside the template folder")
    width = data.get("width", 64)
    position = data.get("position", "top-right")
    if position not in ("top-right", "title-only"):
        raise TemplateError("logo.position must be 'top-right' or 'title-only'")
    if not isinstance(width, int | float) or isinstance(width, bool) or not 8 <= width <= 300:
        raise TemplateError("logo.width must be a number of points, 8 to 300")
    from briefer.images import to_png

    raw = read_limited(path, 20_000_000, "logo", TemplateError)
    png, px_width, px_height = to_png(raw, f"logo {data['file']}", TemplateError, 1024, "RGBA")
    return Logo(png, float(width), float(width) * px_height / px_width, position)
