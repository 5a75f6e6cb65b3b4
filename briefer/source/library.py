"""Find analyses: a built-in name (`s400-turkiye`) or a path to a file some reader reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefer import resources
from briefer.errors import SourceError
from briefer.limits import MAX_NAME_CHARS, check_text
from briefer.source import readers
from briefer.source.model import Analysis


def builtin_analyses() -> list[str]:
    folder = resources.analyses_dir()
    return sorted(p.stem for p in folder.iterdir() if readers.is_analysis_name(p.name))


def resolve_analysis(ref: str) -> Path:
    """The file behind a reference; built-in names win over same-named files without a suffix."""
    if "\0" in ref:
        raise SourceError(f"analysis name {ref[:80]!r} contains a NUL byte")
    check_text(ref, MAX_NAME_CHARS, "analysis name", SourceError)
    named = readers.is_analysis_name(ref)
    builtin = resources.analyses_dir() / f"{ref}.md"
    if "/" not in ref and "\\" not in ref and not named and _probe(builtin.is_file):
        return builtin
    path = Path(ref).expanduser()
    if not _probe(path.exists) and not named and "/" not in ref:
        known = ", ".join(builtin_analyses())
        kinds = ", ".join(readers.SUFFIXES)
        raise SourceError(f"unknown analysis '{ref}' (built-in: {known}; or give a {kinds} path)")
    return path


def _probe(check: Callable[[], bool]) -> bool:
    """A file-system test that answers False for names the system refuses (too long, say)."""
    try:
        return check()
    except (OSError, ValueError):
        return False


_CACHE: dict[tuple[Path, int, int], Analysis] = {}


def load_analysis(ref: str) -> Analysis:
    """Read (or reuse) an analysis; a file changed on disk is read again.

    The reader's warnings travel on the Analysis (`Analysis.warnings`), so the layout lists them
    with its own and the CLI and the app show them without asking the reader again.
    """
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
    return readers.read(path)[0]


def is_builtin(ref: str) -> bool:
    return resolve_analysis(ref).parent == resources.analyses_dir()
