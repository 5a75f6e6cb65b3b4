"""Templates are data: `templates/<name>/template.toml` plus an optional logo. No Python per template.

`load_template` validates everything up front (fonts, colours, sizes, logo) so that layout and
rendering never meet a bad value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from briefer import resources
from briefer.errors import TemplateError
from briefer.fileio import read_limited

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
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class FontSpec:
    """A font as PowerPoint names it, and the TrueType file that measures and embeds it."""

    name: str
    file: Path
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Logo:
    png: bytes
    width: float
    height: float
    position: str  # "top-right" | "title-only"


@dataclass(frozen=True)
class Marking:
    """The classification scale, lowest first, with banner colours (fill, text)."""

    levels: tuple[str, ...] = DEFAULT_LEVELS
    colors: dict[str, tuple[str, str]] = field(default_factory=lambda: dict(DEFAULT_LEVEL_COLORS))
    banner: bool = True
    portion_marks: bool = False


@dataclass(frozen=True)
class Template:
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


def list_templates() -> list[Template]:
    return [load_template(name) for name in builtin_template_names()]


def load_template(name_or_path: str | Path) -> Template:
    """A template by built-in name or by folder path."""
    text = str(name_or_path)
    candidate = Path(text).expanduser()
    if candidate.is_dir():
        return _load_folder(candidate.resolve())
    if candidate.name == "template.toml" and candidate.is_file():
        return _load_folder(candidate.parent.resolve())
    folder = _discover().get(text)
    if folder is None:
        known = ", ".join(builtin_template_names()) or "none"
        raise TemplateError(f"unknown template '{text}' (available: {known})")
    return _load_folder(folder)


@cache
def _load_folder(folder: Path) -> Template:
    from briefer.cache import cached

    files = [folder / "template.toml", *sorted(p for p in folder.iterdir() if p.is_file())]
    return cached("template", files, lambda: _parse_folder(folder))


def _parse_folder(folder: Path) -> Template:
    import tomllib  # only on a cache miss

    path = folder / "template.toml"
    if not path.exists():
        raise TemplateError(f"{folder} has no template.toml")
    try:
        data = tomllib.loads(read_limited(path, 1_000_000, "template", TemplateError).decode("utf-8"))
    except UnicodeDecodeError:
        raise TemplateError(f"{path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise TemplateError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return _build(folder, data)
    except TemplateError as exc:
        raise TemplateError(f"template {folder.name}: {exc}") from None


def _build(folder: Path, data: dict[str, Any]) -> Template:
    page = _table(data, "page")
    size_name = page.get("size", "16:9")
    if size_name not in PAGE_SIZES:
        raise TemplateError(f"page.size must be one of {', '.join(PAGE_SIZES)}")
    width, height = PAGE_SIZES[size_name]
    fonts = _table(data, "fonts")
    colors = {**_DEFAULT_COLORS, **_table(data, "colors")}
    for role, value in colors.items():
        if not isinstance(value, str) or not _COLOR.match(value):
            raise TemplateError(f"colors.{role} must be a colour like \"#1F4E79\"")
    sizes = {**_DEFAULT_SIZES, **_table(data, "sizes")}
    for role, value in sizes.items():
        if not isinstance(value, int | float) or isinstance(value, bool) or not 4 <= value <= 200:
            raise TemplateError(f"sizes.{role} must be a number of points between 4 and 200")
    sizes = {k: float(v) for k, v in sizes.items()}
    if sizes["min_body"] > sizes["body"] or sizes["min_heading"] > sizes["heading"]:
        raise TemplateError("a minimum size is larger than the size it limits")
    margins = {**_DEFAULT_MARGINS, **_table(data, "margins")}
    for side, value in margins.items():
        if not isinstance(value, int | float) or isinstance(value, bool) \
                or not 0 <= value <= min(width, height) / 4:
            raise TemplateError(f"margins.{side} must be a number of points, 0 to {height / 4:g}")
    header = _table(data, "header")
    header_style = header.get("style", "rule")
    if header_style not in ("bar", "rule", "plain"):
        raise TemplateError("header.style must be 'bar', 'rule' or 'plain'")
    footer = {**_DEFAULT_FOOTER, **_table(data, "footer")}
    for slot, value in footer.items():
        if slot not in ("left", "center", "right") or not isinstance(value, str):
            raise TemplateError("footer takes left, center and right text fields")
        for name in re.findall(r"\{(\w*)\}", value):
            if name not in FOOTER_FIELDS:
                raise TemplateError(f"footer.{slot}: unknown field {{{name}}}")
    date_style = _table(data, "date").get("style", "long")
    if date_style not in ("iso", "long", "military"):
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
    if needed > height:
        raise TemplateError(f"sizes and margins leave no room for text ({needed:.0f} pt of a "
                            f"{height:.0f} pt page are needed)")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise TemplateError("description must be text")
    return Template(
        name=str(data.get("name", folder.name)),
        description=description,
        folder=folder,
        page_width=width,
        page_height=height,
        heading_font=_font(folder, fonts, "heading"),
        body_font=_font(folder, fonts, "body"),
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
    )


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
    path = _inside(folder, file_name)
    if path is None or not path.is_file():
        path = resources.fonts_dir() / Path(file_name).name
    if not path.is_file():
        raise TemplateError(f"font file not found: {file_name}")
    from briefer.layout.measure import metrics  # parsed once here, then cached

    try:
        metrics(path)
    except Exception:  # fontTools raises many kinds of error for a damaged file
        raise TemplateError(f"font file {file_name} is not a usable TrueType font") from None
    return FontSpec(spec["name"], path, bool(spec.get("bold", False)), bool(spec.get("italic", False)))


def _inside(folder: Path, relative: str) -> Path | None:
    """Resolve *relative* under *folder*, or None when it would leave the folder."""
    path = (folder / relative).resolve()
    try:
        path.relative_to(folder.resolve())
    except ValueError:
        return None
    return path


def _marking(data: dict[str, Any]) -> Marking:
    levels = data.get("levels", list(DEFAULT_LEVELS))
    if not isinstance(levels, list) or not levels or not all(isinstance(x, str) for x in levels):
        raise TemplateError("classification.levels must be a list of markings, lowest first")
    colors = dict(DEFAULT_LEVEL_COLORS)
    for level, value in _table(data, "colors").items() if "colors" in data else []:
        if not (isinstance(value, list) and len(value) == 2 and all(_COLOR.match(v) for v in value)):
            raise TemplateError(f"classification.colors.{level} must be [\"#fill\", \"#text\"]")
        colors[level.upper()] = (value[0], value[1])
    for level in levels:
        colors.setdefault(level.upper(), ("#4B5563", "#FFFFFF"))
    return Marking(
        levels=tuple(x.upper() for x in levels),
        colors=colors,
        banner=bool(data.get("banner", True)),
        portion_marks=bool(data.get("portion_marks", False)),
    )


def _logo(folder: Path, data: dict[str, Any]) -> Logo | None:
    if not data.get("file"):
        return None
    path = _inside(folder, str(data["file"]))
    if path is None:
        raise TemplateError(f"logo {data['file']} lies outside the template folder")
    width = data.get("width", 64)
    position = data.get("position", "top-right")
    if position not in ("top-right", "title-only"):
        raise TemplateError("logo.position must be 'top-right' or 'title-only'")
    if not isinstance(width, int | float) or not 8 <= width <= 300:
        raise TemplateError("logo.width must be a number of points, 8 to 300")
    from briefer.images import to_png

    raw = read_limited(path, 20_000_000, "logo", TemplateError)
    png, px_width, px_height = to_png(raw, f"logo {data['file']}", TemplateError, 1024, "RGBA")
    return Logo(png, float(width), float(width) * px_height / px_width, position)
