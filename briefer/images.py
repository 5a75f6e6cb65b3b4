"""Section images: found next to the analysis, checked, and turned into PNG once (cached).

Only files inside the analysis's folder are read, so an analysis from someone else cannot pull
arbitrary files from the reader's disk into a deck.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from urllib.parse import unquote

from briefer.cache import cached
from briefer.errors import SourceError
from briefer.fileio import read_limited

MAX_IMAGE_BYTES = 30_000_000
MAX_IMAGE_PIXELS = 40_000_000
MAX_SIDE = 2400  # pixels kept: sharp at full-slide size, small enough for a deck


def resolve(folder: str, ref: str) -> Path:
    if "://" in ref or ref.startswith("data:"):
        raise SourceError(f"image {ref[:60]}: only image files next to the analysis can be used")
    base = Path(folder or ".").resolve()
    path = (base / Path(unquote(ref))).resolve()  # an absolute path replaces the base here
    if not path.is_relative_to(base):
        raise SourceError(f"image {ref}: pictures must lie in the analysis's folder ({base}) or "
                          "below it")
    return path


def load_image(folder: str, ref: str) -> tuple[bytes, int, int]:
    """PNG bytes and pixel size of a section's image; a one-line SourceError if unusable."""
    path = resolve(folder, ref)
    data = read_limited(path, MAX_IMAGE_BYTES, "image", SourceError)
    return cached("image", [path], lambda: to_png(data, f"image {ref}", SourceError))


def to_png(data: bytes, what: str, error: type[Exception], max_side: int = MAX_SIDE,
           mode: str | None = None) -> tuple[bytes, int, int]:
    """Any image Pillow reads, as PNG no larger than *max_side*; image bombs and unreadable data
    raise *error* with one line naming *what*."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
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
    except (UnidentifiedImageError, OSError, ValueError):
        raise error(f"{what} is not a readable image") from None
    image.thumbnail((max_side, max_side))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue(), image.width, image.height
