"""Atomic file writes: a failed write never leaves a half-written file or clobbers a good one."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from briefer.errors import RenderError


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Yield a temporary file beside *path*; on success it replaces *path*, on failure it vanishes.

    "Failure" includes Ctrl+C and, in the CLI, SIGTERM and SIGHUP (all raise here), so an interrupted export
    leaves neither a temporary file nor a damaged output.
    """
    if str(path).endswith(("/", os.sep)):
        raise RenderError(f"cannot write {path}: that names a folder, not a file")
    path = Path(path)
    if "\0" in str(path):
        raise RenderError(f"cannot write {path}: a file name cannot contain a NUL character")
    try:
        if path.is_symlink():  # write through the link, as editors do, and keep the link
            path = path.resolve()
    except RuntimeError:  # Python 3.11's report of a loop (later versions raise OSError)
        raise RenderError(f"cannot write {path}: its path is a loop of symbolic links") from None
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        kind = os.stat(path).st_mode
    except OSError:
        kind = None
    if kind is not None and not stat.S_ISREG(kind):  # replacing it would destroy a device node
        what = "a folder" if stat.S_ISDIR(kind) else "a device or pipe"
        raise RenderError(f"cannot write {path}: it is {what}, not a file")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        os.stat(folder)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RenderError(f"cannot write {path}: folder {folder} is a loop of symbolic "
                              "links") from None
    if not folder.is_dir():
        raise RenderError(f"cannot write {path}: folder {folder} does not exist")
    # SIGINT, SIGTERM and SIGHUP are held from creating the temporary file until the code that removes
    # it is in place; a signal in between would strand it
    held = _hold_signals()
    try:
        # a short name: a long output name plus a suffix would pass the 255-byte limit
        fd, tmp_name = tempfile.mkstemp(prefix=".briefer-", suffix=".tmp", dir=folder)
    except OSError as exc:
        _release_signals(held)
        raise RenderError(f"cannot write {path}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    handle = os.fdopen(fd, "wb")
    try:
        _release_signals(held)  # a held signal raises here, inside the clean-up
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        handle.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


_HELD = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}


def _hold_signals() -> set[signal.Signals] | None:
    """Block SIGINT, SIGTERM and SIGHUP in this thread; the previous mask, to give to `_release_signals`."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)


def _release_signals(before: set[signal.Signals] | None) -> None:
    """Restore the mask; Python runs the handler of a signal that came meanwhile right here."""
    if before is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


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
