"""Where the built-in analyses, fonts and templates live, in a checkout or an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """The folder holding `assets/` and `templates/` (bundled in the wheel, or the checkout)."""
    bundled = _PACKAGE / "_data"
    if (bundled / "assets").is_dir():
        return bundled
    return _PACKAGE.parent


def assets_dir() -> Path:
    return data_root() / "assets"


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


def analyses_dir() -> Path:
    return assets_dir() / "analyses"


def icons_dir() -> Path:
    return assets_dir() / "icons"


def templates_dir() -> Path:
    return data_root() / "templates"


DEFAULT_ANALYSIS = "s400-turkiye"
DEFAULT_TEMPLATE = "staff-brief"


def user_data_dir() -> Path:
    """Per-user folder for autosaves, settings and user templates (platformdirs)."""
    import os

    from platformdirs import user_data_path

    override = os.environ.get("BRIEFER_DATA_DIR")
    return Path(override) if override else user_data_path("briefer", appauthor=False)


def user_templates_dir() -> Path:
    return user_data_dir() / "templates"
