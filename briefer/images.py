"""Section images: found next to the analysis, checked, and turned into PNG once (cached).

Only files inside the analysis's folder are read, so an analysis from someone else cannot pull
arbitrary files from the reader's disk into a deck. Every picture briefer decodes (section
pictures, logos) goes through `to_png`, which lets Pillow use only the decoders in `FORMATS`:
Pillow picks a decoder from a file's content, not its name, so without the list an EPS named
`map.png` would run Ghostscript.
"""

from __future__ import annotations

import io
import warnings
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from briefer.cache import cached
from briefer.errors import SourceError
from briefer.fileio import read_limited
from briefer.source.model import Figure

MAX_IMAGE_BYTES = 30_000_000
MAX_IMAGE_PIXELS = 40_000_000
MAX_SIDE = 2400  # pixels kept: sharp at full-slide size, small enough for a deck

# The only decoders briefer lets Pillow use. Never EPS, PS or PDF (Ghostscript runs the file as a
# program), nor the many rarely used formats whose decoders see little scrutiny.
FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP")
FORMAT_NAMES = "PNG, JPEG, GIF, BMP or WebP"


def resolve(folder: str, ref: str) -> Path:
    """The picture file *ref* names, refused unless it lies in *folder* or below it."""
    if "://" in ref or ref.startswith("data:"):
        raise SourceError(f"image {ref[:60]}: only image files next to the analysis can be used")
    name = unquote(ref)
    if "\0" in name:
        raise SourceError(f"image {ref}: a file name cannot contain a NUL character")
    try:
        base = Path(folder or ".").resolve()
        path = (base / Path(name)).resolve()  # an absolute path replaces the base here
    except RuntimeError:  # Python 3.11 reports a symlink loop so
        raise SourceError(f"image {ref}: its path is a loop of symbolic links") from None
    except (OSError, ValueError) as exc:
        raise SourceError(f"image {ref}: {getattr(exc, 'strerror', None) or exc}") from None
    if not path.is_relative_to(base):
        raise SourceError(f"image {ref}: pictures must lie in the analysis's folder ({base}) or "
                          "below it")
    return path


def load_image(folder: str, ref: str) -> tuple[bytes, int, int]:
    """PNG bytes and pixel size of a section's image; a one-line SourceError if unusable."""
    path = resolve(folder, ref)
    data = read_limited(path, MAX_IMAGE_BYTES, "image", SourceError)
    return cached("image", [path], lambda: to_png(data, f"image {ref}", SourceError))


def load_figure(folder: str, figure: Figure) -> tuple[bytes, int, int]:
    """PNG bytes and pixel size of a section's picture, from its file or the bytes it carries."""
    if figure.data is None:
        return load_image(folder, figure.path)
    return _embedded_png(figure.data, figure.path)


@lru_cache(maxsize=32)
def _embedded_png(data: bytes, name: str) -> tuple[bytes, int, int]:
    """A picture a Word file carries, decoded once per process (the layout runs on every edit)."""
    return to_png(data, f"picture {name}", SourceError)


def to_png(data: bytes, what: str, error: type[Exception], max_side: int = MAX_SIDE,
           mode: str | None = None) -> tuple[bytes, int, int]:
    """A PNG, JPEG, GIF, BMP or WebP image, as PNG no larger than *max_side*.

    The one gate every picture passes: other formats, image bombs and unreadable data raise
    *error* with one line naming *what*, and no other decoder ever sees the bytes.
    """
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise error(f"{what} is too large ({len(data) // 1_000_000} MB; at most "
                    f"{MAX_IMAGE_BYTES // 1_000_000} MB)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                image = Image.open(io.BytesIO(data), formats=FORMATS)
            except UnidentifiedImageError:
                raise error(f"{what} is not a {FORMAT_NAMES} image") from None
        with image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise error(f"{what} is too large ({image.width}×{image.height} px)")
            image.load()
            target = mode or ("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            image = image.convert(target)
    except error:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise error(f"{what} is too large to be an image") from None
    except Exception:  # decoders fail on damaged data in many ways (OSError, SyntaxError, …)
        raise error(f"{what} is not a readable image") from None
    image.thumbnail((max_side, max_side))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue(), image.width, image.height
