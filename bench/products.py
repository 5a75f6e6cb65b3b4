"""Whole-process times of the read-ahead products (issue 13): notes pages, handouts, the report.

    python bench/products.py [RUNS]      # writes bench/products.md

Each row is `briefer build --as PRODUCT` in a fresh process (parse cache warm, as a user's
second build is), median of RUNS; the 300-slide row builds notes from a generated analysis.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from run import ANALYSIS, HERE, briefer_cmd, calibrate, machine, row, run_timed, verdict

TARGETS: dict[str, float | None] = {  # seconds, whole process
    "slides": None,  # the baseline: today's PDF slides, measured in the same runs
    "notes": 0.3,
    "handout": 0.3,
    "report-pdf": 1.0,
    "report-docx": 1.0,
    "notes-300": 3.0,
}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    results: list[tuple[str, int, float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        big, _ = calibrate(300, work)
        cases = [
            ("slides", ["--as", "slides"], ANALYSIS, "pdf"),
            ("notes", ["--as", "notes"], ANALYSIS, "pdf"),
            ("handout", ["--as", "handout"], ANALYSIS, "pdf"),
            ("report-pdf", ["--as", "report"], ANALYSIS, "pdf"),
            ("report-docx", ["--as", "report"], ANALYSIS, "docx"),
            ("notes-300", ["--as", "notes"], big, "pdf"),
        ]
        for name, flags, analysis, fmt in cases:
            output = work / f"{name}.{fmt}"
            cmd = [*briefer_cmd(), "build", "-a", str(analysis), *flags, "-o", str(output)]
            run_timed(cmd, output)  # warms the parse cache and the bytecode
            times = [run_timed(cmd, output) for _ in range(runs)]
            pages = _pages(output)
            results.append((name, pages, statistics.median(times), max(times)))
            print(f"{name:12} {pages:4} pages  median {statistics.median(times):.3f} s", flush=True)
    info = machine()
    lines = ["# Read-ahead products: whole-process build times", "",
             f"Machine: {info.get('cpu', '?')}, {info.get('ram', '?')}; "
             f"median of {runs} runs after one warm-up (parse cache warm).", "",
             row("product", "pages", "median (s)", "slowest (s)", "target (s)", "met"),
             row("---", "---:", "---:", "---:", "---:", "---")]
    labels = {"slides": "`--as slides -o X.pdf` (baseline)", "notes": "`--as notes` (built-in deck)",
              "handout": "`--as handout` (built-in deck)",
              "report-pdf": "`--as report -o X.pdf`", "report-docx": "`--as report -o X.docx`",
              "notes-300": "`--as notes`, 300-slide deck"}
    for name, pages, median, slowest in results:
        target = TARGETS[name]
        lines.append(row(labels[name], pages or "", f"{median:.3f}", f"{slowest:.3f}",
                         "" if target is None else f"{target:g}",
                         verdict(None if target is None else median <= target)))
    (HERE / "products.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _pages(path: Path) -> int:
    if path.suffix == ".docx":
        return 0
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


if __name__ == "__main__":
    main()
