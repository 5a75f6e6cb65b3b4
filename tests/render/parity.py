"""Line-break parity: our PDF against LibreOffice's rendering of our PPTX, page by page.

Both are read with `pdftotext -raw` (text in drawing order, one line per visual line); a page
agrees when the two hold the same lines (compared as multisets, since the two files draw
master, layout and slide shapes in different orders).
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

from briefer.deck.model import Deck
from briefer.export import export
from tests.render.soffice import convert


def raw_lines(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[" ".join(line.split()) for line in page.splitlines() if line.strip()]
            for page in pages]


def compare(deck: Deck, folder: Path, name: str = "deck") -> list[tuple[int, list[str], list[str]]]:
    """Every page whose lines differ: (number, lines only in ours, lines only in LibreOffice's),
    and the page count as the list's `total` attribute."""
    folder.mkdir(parents=True, exist_ok=True)
    pptx, pdf = folder / f"{name}.pptx", folder / f"{name}.pdf"
    export(deck, pptx)
    export(deck, pdf)
    lo_folder = folder / "lo"
    lo_folder.mkdir(exist_ok=True)
    theirs = raw_lines(convert(pptx, lo_folder))
    ours = raw_lines(pdf)
    assert len(ours) == len(theirs), (len(ours), len(theirs))
    diffs = Differences()
    diffs.total = len(ours)
    for number, (a, b) in enumerate(zip(ours, theirs, strict=True), 1):
        ca, cb = Counter(a), Counter(b)
        if ca != cb:
            diffs.append((number, sorted((ca - cb).elements()), sorted((cb - ca).elements())))
    return diffs


class Differences(list):
    total = 0

    @property
    def rate(self) -> float:
        return 1 - len(self) / self.total if self.total else 1.0
