"""Find analyses: a built-in name (`s400-turkiye`) or a path to a Markdown file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from briefer import resources
from briefer.errors import SourceError
from briefer.source.markdown import read_analysis
from briefer.source.model import Analysis


def builtin_analyses() -> list[str]:
    return sorted(p.stem for p in resources.analyses_dir().glob("*.md"))


def resolve_analysis(ref: str) -> Path:
    """The file behind a reference; built-in names win over same-named files without a suffix."""
    builtin = resources.analyses_dir() / f"{ref}.md"
    if "/" not in ref and "\\" not in ref and not ref.endswith(".md") and builtin.is_file():
        return builtin
    path = Path(ref).expanduser()
    if not path.exists() and not ref.endswith(".md") and "/" not in ref:
        known = ", ".join(builtin_analyses())
        raise SourceError(f"unknown analysis '{ref}' (built-in: {known}; or give a .md path)")
    return path


def load_analysis(ref: str) -> Analysis:
    path = resolve_analysis(ref)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _load(path.resolve() if path.exists() else path, stamp)


@lru_cache(maxsize=16)
def _load(path: Path, _stamp: int) -> Analysis:
    return read_analysis(path)


def is_builtin(ref: str) -> bool:
    return resolve_analysis(ref).parent == resources.analyses_dir()
