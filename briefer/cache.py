"""A small on-disk cache of parsed inputs (analyses, templates, font metrics).

A `briefer build` spends more time importing parsers and reading fonts than laying out slides.
Each entry is keyed by the source files' paths, sizes and modification times plus briefer's
version, so an edited file is simply parsed again. The cache is an accelerator only: any problem
reading or writing it falls back to parsing, silently. BRIEFER_NO_CACHE=1 switches it off.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from briefer import __version__
from briefer.source.readers import CODE as READER_CODE

T = TypeVar("T")


def cache_dir() -> Path:
    override = os.environ.get("BRIEFER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("briefer", appauthor=False)


_CODE = (*READER_CODE, "templates.py", "layout/measure.py", "images.py", "limits.py",
         "markings.py")


@cache
def _code_stamp() -> str:
    """The parsers' own files: a changed parser (say, a fix without a version bump) misses."""
    root = Path(__file__).parent
    stamps = []
    for name in _CODE:
        with contextlib.suppress(OSError):
            info = os.stat(root / name)
            stamps.append(f"{info.st_size}:{info.st_mtime_ns}")
    return ",".join(stamps)


def _trusted(folder: Path) -> bool:
    """Only unpickle from a folder that is ours and that no one else can write to."""
    try:
        info = os.stat(folder)
    except OSError:
        return True  # not there yet: we create it
    if not hasattr(os, "geteuid"):
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & 0o022


def _key(kind: str, files: Iterable[Path]) -> tuple[str, str] | None:
    """(the files' names, the full key: names, sizes, times, briefer's version and code)."""
    names, parts = [kind], [kind, __version__, _code_stamp()]
    for path in files:
        try:
            stat = os.stat(path)
        except OSError:
            return None  # let the builder report the missing file properly
        resolved = str(Path(path).resolve())
        names.append(resolved)
        parts.append(f"{resolved}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(names), "\n".join(parts)


def _entry(kind: str, files: Iterable[Path]) -> tuple[Path, str] | None:
    """Where the entry for these *files* lives and its full key; None when the cache is off,
    a file is missing or the folder is not ours."""
    if os.environ.get("BRIEFER_NO_CACHE"):
        return None
    keys = _key(kind, list(files))
    if keys is None:
        return None
    folder = cache_dir()
    if not _trusted(folder):
        return None
    # named by the files alone, so an edited file's entry replaces its old one instead of
    # adding another; the full key is stored inside and compared on reading
    names, key = keys
    return folder / f"{kind}-{zlib.crc32(names.encode('utf-8')):08x}.pickle", key


_MISSING = object()


def _read(path: Path, key: str) -> object:
    try:
        with open(path, "rb") as handle:
            stored_key, value = pickle.load(handle)
        if stored_key == key:
            return value
    except Exception:  # missing, stale format or corrupt: rebuild
        pass
    return _MISSING


def cached(kind: str, files: Iterable[Path], build: Callable[[], T]) -> T:
    """The value *build* returns for these *files*, from the cache when they have not changed."""
    entry = _entry(kind, files)
    if entry is None:
        return build()
    value = _read(*entry)
    if value is not _MISSING:
        return value  # type: ignore[return-value]
    value = build()
    _store(entry[0], entry[1], value)
    return value


def recall(kind: str, files: Iterable[Path], default: T) -> T:
    """What `keep` stored for these *files* while they stay unchanged, else *default*."""
    entry = _entry(kind, files)
    value = _MISSING if entry is None else _read(*entry)
    return default if value is _MISSING else value  # type: ignore[return-value]


def keep(kind: str, files: Iterable[Path], value: object) -> None:
    """Store *value* for these *files* (replacing what was kept), for `recall` to find."""
    entry = _entry(kind, files)
    if entry is not None:
        _store(entry[0], entry[1], value)


def _store(path: Path, key: str, value: object) -> None:
    """Write one entry atomically; on any failure (a full disk, say) leave nothing behind."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".briefer-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if not isinstance(exc, Exception):  # Ctrl+C and SIGTERM go on once the file is gone
            raise


LIMIT_BYTES = 64 * 1024 * 1024  # the most the cache keeps: files come and go, pictures are big
_pruned: set[Path] = set()


def _prune(folder: Path) -> None:
    """Once a process, after writing: while the folder holds more than LIMIT_BYTES, remove the
    entries written longest ago first (and temporary files an interrupted write left over a day ago)."""
    if folder in _pruned:
        return
    _pruned.add(folder)
    entries: list[tuple[float, int, str]] = []
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                if not item.is_file(follow_symlinks=False):
                    continue
                info = item.stat(follow_symlinks=False)
                if item.name.endswith(".pickle"):
                    entries.append((info.st_mtime, info.st_size, item.path))
                elif item.name.startswith(".briefer-") and info.st_mtime < time.time() - 86400:
                    with contextlib.suppress(OSError):
                        os.unlink(item.path)
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= LIMIT_BYTES:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            total -= size
