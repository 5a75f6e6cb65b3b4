"""Section ids from titles: pure and light (no Markdown parser), so the app can name a new
section without loading the reader."""

from __future__ import annotations

import re
import unicodedata


def slugify(title: str) -> str:
    """A stable ASCII id from a title: 'Türkiye’s position' -> 'turkiyes-position'."""
    text = title.replace("ı", "i").replace("İ", "I")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['’]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
