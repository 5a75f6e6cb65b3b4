"""Find analyses: a built-in name (`s400-turkiye`) or a path to a Markdown file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefer import resources
from briefer.errors import SourceError
from briefer.limits import MAX_NAME_CHARS, check_text
from briefer.source.model import Analysis


def builtin_analyses() -> list[str]:
    return sorted(p.stem for p in resources.analyses_dir().glob("*.md"))


def resolve_analysis(ref: str) -> Path:
    """The file behind a reference; built-in names win over same-named files without a suffix."""
    if "\0" in ref:
        raise SourceError(f"analysis name {ref[:80]!r} contains a NUL byte")
    check_text(ref, MAX_NAME_CHARS, "analysis name", SourceError)
    builtin = resources.analyses_dir() / f"{ref}.md"
    if "/" not in ref and "\\" not in ref and not ref.endswith(".md") and _probe(builtin.is_file):
        return builtin
    path = Path(ref).expanduser()
    if not _probe(path.exists) and not ref.endswith(".md") and "/" not in ref:
        known = ", ".join(builtin_analyses())
        raise SourceError(f"unknown analysis '{ref}' (built-in: {known}; or give a .md path)")
    return path


def _probe(check: Callable[[], bool]) -> bool:
    """A file-system test that answers False for names the system refuses (too long, say)."""
    try:
        return check()
    except (OSError, ValueError):
        return False


_CACHE: dict[tuple[Path, int, int], Analysis] = {}


def load_analysis(ref: str) -> Analysis:
    """Read (or reuse) an analysis; a file changed on disk is read again."""
    from briefer.cache import cached

    path = resolve_analysis(ref)
    try:
        stat = path.stat()
        key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return _read(path)  # raises the right one-line error
    analysis = _CACHE.get(key)
    if analysis is None:
        if len(_CACHE) > 16:
            _CACHE.clear()
        analysis = _CACHE[key] = cached("analysis", [path], lambda: _read(path))
    return analysis


def _read(path: Path) -> Analysis:
    from briefer.source.markdown import read_analysis  # markdown-it and YAML only when parsing

    return read_analysis(path)


def is_builtin(ref: str) -> bool:
    return resolve_analysis(ref).parent == resources.analyses_dir()
