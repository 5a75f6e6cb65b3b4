"""Atomic file writes: a failed write never leaves a half-written file or clobbers a good one."""

from __future__ import annotations

import contextlib
import errno
import io
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


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Compound File: password-protected OOXML, or .doc/.ppt


def read_zip(path: Path, what: str, error: type[Exception]) -> bytes:
    """An Office package's bytes (.docx; later .pptx/.potx), once they are known to be safe to
    inflate: the one gate for zip files from strangers. The caller's library opens the bytes.

    Every member's inflated size is checked against `briefer.limits` from the zip's directory
    before any byte is inflated; zipfile then stops each member at the size the directory gave
    (a member that inflates to more fails its check), so a zip bomb costs nothing. Nothing is
    ever extracted to disk, so member names cannot point outside the file.
    """
    import zipfile  # only for packages: a PDF build never needs it

    from briefer import limits

    data = read_limited(path, limits.MAX_PACKAGE_BYTES, what, error)
    if data.startswith(_OLE):
        raise error(f"{path} is password-protected or in the old binary format (.doc, .ppt); "
                    "save it without a password as a .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise error(f"{path} is not a {what} (not a zip package)") from None
    if len(members) > limits.MAX_PACKAGE_PARTS:
        raise error(f"{path} has too many parts ({len(members):,}; at most "
                    f"{limits.MAX_PACKAGE_PARTS:,})")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise error(f"{path} has encrypted parts; save it without a password")
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise error(f"{path}: part {member.filename[:80]} uses a compression Office never "
                        "writes")
        if member.filename.lower().endswith((".xml", ".rels")) \
                and member.file_size > limits.MAX_PACKAGE_XML:
            raise error(f"{path}: part {member.filename[:80]} is too large "
                        f"({limits.size_text(member.file_size)} inflated; at most "
                        f"{limits.size_text(limits.MAX_PACKAGE_XML)})")
        total += member.file_size
        if total > limits.MAX_PACKAGE_UNPACKED:
            raise error(f"{path} inflates to more than "
                        f"{limits.size_text(limits.MAX_PACKAGE_UNPACKED)}; a zip bomb or far "
                        "larger than any analysis")
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


def write_files(folder: Path, files: dict[str, bytes], error: type[Exception],
                keep_existing: bool = False) -> None:
    """Write each of *files* (relative name → bytes) under *folder* atomically, making its
    folders; with *keep_existing*, a file already there is left as it is (names that come
    from the content cannot hold other bytes)."""
    for name, data in files.items():
        target = Path(folder) / name
        if keep_existing and target.exists():
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise error(f"cannot write {target}: {exc.strerror or exc}") from None
        write_atomic(target, lambda handle, data=data: handle.write(data))
