"""One build in a fresh process, for the scaling benchmark: prints its phases and peak RSS as JSON.

    python bench/child_render.py ANALYSIS.md OUT.pptx|OUT.pdf [TEMPLATE]
"""

from __future__ import annotations

import json
import resource
import sys
import time

started = time.perf_counter()

from briefer.deck.model import Deck  # noqa: E402
from briefer.layout import layout  # noqa: E402
from briefer.render import format_for, render_to_file, renderer  # noqa: E402
from briefer.source.library import load_analysis  # noqa: E402
from briefer.templates import load_template  # noqa: E402


def peak_rss_kb() -> int:
    """Peak resident memory of this process. VmHWM belongs to this process's own memory map;
    ru_maxrss can carry over the parent's size when the parent spawned us with vfork."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    analysis, output = sys.argv[1], sys.argv[2]
    template_name = sys.argv[3] if len(sys.argv) > 3 else "staff-brief"
    fmt = format_for(output)
    imported = time.perf_counter()
    deck = Deck.new(load_analysis(analysis), analysis, template_name)
    template = load_template(template_name)
    loaded = time.perf_counter()
    laid, _ = layout(deck, template)
    laid_out = time.perf_counter()
    renderer(fmt)  # its import, timed apart from drawing
    render_imported = time.perf_counter()
    render_to_file(laid, output, fmt)
    done = time.perf_counter()
    print(json.dumps({
        "slides": len(laid.slides),
        "import_s": imported - started,
        "load_s": loaded - imported,
        "layout_s": laid_out - loaded,
        "render_import_s": render_imported - laid_out,
        "render_s": done - render_imported,
        "work_s": done - imported,
        "maxrss_kb": peak_rss_kb(),
    }))


if __name__ == "__main__":
    main()
