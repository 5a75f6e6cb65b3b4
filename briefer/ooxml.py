"""PowerPoint packages from strangers (.pptx, .potx), part by part, behind the one zip gate.

`briefer.fileio.read_zip` is the gate every Office file passes (sizes from the zip's directory
checked before anything is inflated; encrypted and old binary files refused). A master adds what
a deck's media can do: each part's claimed expansion is bounded too (a 120 MB picture of zeros is
small in a zip), names must stay inside the package, and each part is inflated with a hard cap.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from briefer.errors import BrieferError
from briefer.fileio import read_zip

MAX_PARTS = 5_000
MAX_PART_BYTES = 50_000_000  # one part, inflated
MAX_TOTAL_BYTES = 300_000_000  # all parts, inflated
MAX_RATIO = 200  # inflated / stored, per part (XML compresses 10-20 times; bombs 1000+)
_EXTERNAL = re.compile(rb'TargetMode\s*=\s*["\']External["\']')


class Package:
    """The checked parts of one Office file, read on demand with a cap on each."""

    def __init__(self, path: Path, what: str, error: type[BrieferError]) -> None:
        self.path = Path(path)
        self.what = what
        self.error = error
        try:
            data = read_zip(self.path, what, error)
        except error as exc:  # name the file by its name, as the other master errors do
            raise error(str(exc).replace(str(self.path), f"{what} {self.path.name}")) from None
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError):
            raise error(f"{what} {self.path.name} is not an Office file (not a zip package)") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_PARTS:
            raise error(f"{what} {self.path.name} has too many parts ({len(infos):,})")
        total = 0
        self.names: list[str] = []
        for info in infos:
            name = info.filename
            if name.startswith(("/", "\\")) or ".." in name.split("/") or "\0" in name:
                raise error(f"{what} {self.path.name} has a part named outside the package")
            if info.flag_bits & 0x1:
                raise error(f"{what} {self.path.name} is encrypted")
            if info.file_size > MAX_PART_BYTES or \
                    info.file_size > MAX_RATIO * max(info.compress_size, 1) + 1_000_000:
                raise error(f"{what} {self.path.name}: part {name[:80]} expands too far to be "
                            "read safely (a zip bomb?)")
            total += info.file_size
            self.names.append(name)
        if total > MAX_TOTAL_BYTES:
            raise error(f"{what} {self.path.name} expands to more than "
                        f"{MAX_TOTAL_BYTES // 1_000_000} MB")
        if "[Content_Types].xml" not in self.names:
            raise error(f"{what} {self.path.name} is not an Office file (no [Content_Types].xml)")

    def read(self, name: str) -> bytes:
        """One part, inflated with a hard cap (the directory's sizes may lie)."""
        try:
            with self.zip.open(name) as handle:
                data = handle.read(MAX_PART_BYTES + 1)
        except (KeyError, zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as exc:
            raise self.error(f"{self.what} {self.path.name}: part {name[:80]} cannot be read "
                             f"({type(exc).__name__})") from None
        if len(data) > MAX_PART_BYTES:
            raise self.error(f"{self.what} {self.path.name}: part {name[:80]} is too large")
        return data

    def parts(self) -> dict[str, bytes]:
        return {name: self.read(name) for name in self.names if not name.endswith("/")}

    def refuse_external(self, parts: dict[str, bytes]) -> None:
        """Refuse relationships that point outside the package (linked pictures, remote
        templates, OLE links): opening the deck would make Office fetch them."""
        for name, data in parts.items():
            if name.endswith(".rels") and _EXTERNAL.search(data):
                for match in re.finditer(rb"<Relationship\b[^>]*>", data):
                    rel = match.group()
                    if _EXTERNAL.search(rel) and b"/hyperlink" not in rel:
                        raise self.error(f"{self.what} {self.path.name} links to files outside "
                                         f"itself ({name}); briefer does not follow such links")
