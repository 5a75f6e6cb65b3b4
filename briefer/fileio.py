"""Atomic file writes: a failed write never leaves a half-written file or clobbers a good one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from briefer.errors import RenderError


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Yield a temporary file beside *path*; on success it replaces *path*, on failure it vanishes."""
    if str(path).endswith(("/", os.sep)):
        raise RenderError(f"cannot write {path}: that names a folder, not a file")
    path = Path(path)
    if path.is_symlink():  # write through the link, as editors do, and keep the link
        path = path.resolve()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise RenderError(f"cannot write {path}: folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def read_limited(path: Path, limit: int, what: str, error: type[Exception]) -> bytes:
    """Read a regular file of at most *limit* bytes; FIFOs, devices and giants are refused.

    Reading /dev/zero or a named pipe would otherwise hang the app or exhaust memory.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error(f"{what} not found: {path}") from None
    except OSError as exc:
        raise error(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"{what} is a folder, not a file: {path}")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{what} is not a regular file: {path}")
    if info.st_size > limit:
        raise error(f"{what} {path} is too large ({info.st_size // 1_000_000} MB; at most "
                    f"{limit // 1_000_000} MB)")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise error(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise error(f"{what} {path} is too large (at most {limit // 1_000_000} MB)")
    return data


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, writer: Callable[[BinaryIO], None]) -> None:
    """Call *writer* with a binary stream and commit the result to *path* atomically."""
    try:
        with atomic_output(path) as handle:
            writer(handle)
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {exc.strerror or exc}") from exc


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to *path* atomically."""
    write_atomic(path, lambda handle: handle.write(text.encode("utf-8")))
