"""`make bench`: how fast briefer is, side by side with the tools users would use instead.

Writes bench/results.md (committed: it is the report) and bench/out/ (scratch, git-ignored).

    python bench/run.py [--quick] [--only warm,process,scaling,gui,startup,word]

Parts: 1 warm in-process layout and render; 2 whole process, briefer vs pandoc (PPTX) and vs
LibreOffice (PDF); 3 scaling to 1000 slides in fresh processes; 4 the desktop app (offscreen);
plus where the start-up time of `briefer build` goes (-X importtime); and reading a 50-page
Word report (`word`).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

import gen  # noqa: E402

PY = sys.executable
BRIEFER = str(Path(PY).with_name("briefer")) if Path(PY).with_name("briefer").exists() else None
ANALYSIS = ROOT / "assets" / "analyses" / "s400-turkiye.md"
TEMPLATES = ("staff-brief", "think-tank", "plain")
TARGET_WARM_MS = 50.0
TARGET_PDF_RATIO = 10.0
TARGET_1000_S = 5.0
TARGET_1000_MB = 300.0
TARGET_LINEAR = 1.5
TARGET_PREVIEW_MS = 100.0
TARGET_WINDOW_S = 1.5
TARGET_WORD_S = 1.0  # reading a 50-page .docx
WORD_PAGES = 50
SCALES = (10, 100, 500, 1000)
# Measured by hand on this machine with the renderers of commit e3ceab6 (python-pptx's object
# layer; reportlab drawString/drawImage per line and slide) put into the tree of commit 9e1f60c:
# the same core, parse cache warm. Issue 5 replaced those renderers.
BEFORE = {
    "warm_pptx_ms": 214.0,  # staff-brief, render only
    "warm_pdf_ms": 39.1,
    "process_pptx_s": 0.39,
    "process_pdf_s": 0.19,
    "scale_pptx": (20.1, 239),  # 1000 slides: wall s, peak RSS MB
    "scale_pdf": (2.92, 63),
}
# Child processes use cached bytecode, as an installed briefer does (this workplace sets
# PYTHONDONTWRITEBYTECODE, which would make every run compile briefer's modules again).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
ENV["BRIEFER_CACHE_DIR"] = str(OUT / "cache")  # briefer's parse cache, kept out of the user's


# ------------------------------------------------------------------ helpers
def stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return {"median": statistics.median(ordered), "min": ordered[0], "p90": p90, "n": len(ordered)}


def row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def verdict(ok: bool | None) -> str:
    return "SKIP" if ok is None else ("**PASS**" if ok else "**FAIL**")


def run_timed(cmd: list[str], output: Path | None = None) -> float:
    if output is not None and output.exists():
        output.unlink()
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=ENV, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0 or (output is not None and not output.exists()):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return elapsed


def tool_version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    return out.strip().splitlines()[0] if out.strip() else "unknown"


def briefer_cmd() -> list[str]:
    return [BRIEFER] if BRIEFER else [PY, "-m", "briefer"]


# ------------------------------------------------------------------ machine
def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    ram = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    libs = []
    for name in ("python-pptx", "reportlab", "Pillow", "fonttools", "PyYAML", "markdown-it-py",
                 "lxml", "PySide6-Essentials"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            libs.append(f"{name} {metadata.version(name)}")
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT).stdout.strip()
    except OSError:
        commit = "?"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": ram,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "libraries": ", ".join(libs),
        "pandoc": tool_version(["pandoc", "--version"]) if shutil.which("pandoc") else "not installed",
        "soffice": tool_version(["soffice", "--version"]) if shutil.which("soffice") else "not installed",
        "commit": commit,
        "load": "load average {:.2f} {:.2f} {:.2f} at the start".format(*os.getloadavg()),
    }


# ------------------------------------------------------------------ 1 warm, in process
def bench_warm(runs: int, warmup: int) -> dict:
    from briefer.deck.model import Deck
    from briefer.layout import layout
    from briefer.render import pdf, pptx
    from briefer.source.library import load_analysis
    from briefer.templates import load_template

    results = {}
    for name in TEMPLATES:
        deck = Deck.new(load_analysis("s400-turkiye"), "s400-turkiye", name)
        template = load_template(name)
        times: dict[str, list[float]] = {"layout": [], "pptx": [], "pdf": []}
        slides = 0
        for i in range(warmup + runs):
            t0 = time.perf_counter()
            laid, _ = layout(deck, template)
            t1 = time.perf_counter()
            pptx.render(laid, io.BytesIO())
            t2 = time.perf_counter()
            pdf.render(laid, io.BytesIO())
            t3 = time.perf_counter()
            if i >= warmup:
                times["layout"].append((t1 - t0) * 1000)
                times["pptx"].append((t2 - t1) * 1000)
                times["pdf"].append((t3 - t2) * 1000)
            slides = len(laid.slides)
        entry = {k: stats(v) for k, v in times.items()}
        for fmt in ("pptx", "pdf"):
            entry[f"layout+{fmt}"] = stats([a + b for a, b in zip(times["layout"], times[fmt], strict=True)])
        entry["slides"] = slides
        results[name] = entry
    return results


# ------------------------------------------------------------------ 2 whole process
def bench_process(runs: int, work: Path) -> dict:
    results: dict = {}
    out_pptx, out_pdf = work / "briefer.pptx", work / "briefer.pdf"
    briefer_pptx = [*briefer_cmd(), "build", "-o", str(out_pptx)]
    briefer_pdf = [*briefer_cmd(), "build", "-o", str(out_pdf)]
    # warm the OS caches and .pyc files once
    run_timed(briefer_pptx, out_pptx)
    run_timed(briefer_pdf, out_pdf)

    # PPTX: briefer vs pandoc, alternated
    if shutil.which("pandoc"):
        pandoc_out = work / "pandoc.pptx"
        pandoc = ["pandoc", str(ANALYSIS), "-o", str(pandoc_out)]
        run_timed(pandoc, pandoc_out)
        a, b = [], []
        for _ in range(runs):
            a.append(run_timed(briefer_pptx, out_pptx))
            b.append(run_timed(pandoc, pandoc_out))
        results["pptx"] = {"briefer": stats(a), "other": stats(b), "other_name": "pandoc",
                           "cmd": f"pandoc {ANALYSIS.relative_to(ROOT)} -o out.pptx"}
    else:
        results["pptx"] = {"skipped": "pandoc is not installed (apt-get install pandoc)"}

    # PDF: briefer vs LibreOffice converting briefer's own PPTX
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        profile = Path(tempfile.mkdtemp(prefix="bench-lo-profile-"))
        try:
            lo_dir = work / "lo"
            lo_dir.mkdir(exist_ok=True)
            lo_out = lo_dir / "briefer.pdf"
            lo = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                  "--outdir", str(lo_dir), str(out_pptx)]
            run_timed(briefer_pptx, out_pptx)
            run_timed(lo, lo_out)  # first start creates the profile: not timed
            a, b = [], []
            lo_runs = max(5, runs - 2)
            for _ in range(lo_runs):
                a.append(run_timed(briefer_pdf, out_pdf))
                b.append(run_timed(lo, lo_out))
            results["pdf"] = {"briefer": stats(a), "other": stats(b), "other_name": "LibreOffice",
                              "cmd": "soffice --headless --convert-to pdf briefer.pptx (warm profile)"}
        finally:
            shutil.rmtree(profile, ignore_errors=True)
    else:
        results["pdf"] = {"skipped": "LibreOffice is not installed (apt-get install libreoffice-impress)"}

    # the same builds without briefer's parse cache (a first build, or BRIEFER_NO_CACHE=1)
    nocache = dict(ENV, BRIEFER_NO_CACHE="1")
    for fmt, cmd in (("pptx", briefer_pptx), ("pdf", briefer_pdf)):
        if "briefer" in results[fmt]:
            times = []
            for _ in range(max(3, runs - 2)):
                started = time.perf_counter()
                subprocess.run(cmd, capture_output=True, check=True, env=nocache, cwd=ROOT)
                times.append(time.perf_counter() - started)
            results[fmt]["briefer_nocache"] = stats(times)

    # where one build's time goes (fresh process, built-in deck)
    phases = {}
    for fmt, out in (("pptx", out_pptx), ("pdf", out_pdf)):
        rows = []
        for _ in range(5):
            started = time.perf_counter()
            proc = subprocess.run([PY, str(HERE / "child_render.py"), str(ANALYSIS), str(out)],
                                  capture_output=True, text=True, check=True, cwd=ROOT, env=ENV)
            wall = time.perf_counter() - started
            data = json.loads(proc.stdout.strip().splitlines()[-1])
            data["wall_s"] = wall
            rows.append(data)
        phases[fmt] = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    results["phases"] = phases
    return results


# ------------------------------------------------------------------ 3 scaling
# Sections of 16 key points run over two or three slides, so 1000 slides stay within the
# analysis limit of 500 sections (briefer/limits.py).
POINTS = 16
SLIDES_PER_SECTION = 2.4


def calibrate(target: int, work: Path) -> tuple[Path, int]:
    """A generated analysis whose deck has as close to *target* slides as a few tries get."""
    from briefer.deck.model import Deck
    from briefer.layout import layout
    from briefer.source.library import load_analysis
    from briefer.templates import load_template

    template = load_template("staff-brief")
    path = work / f"scale-{target}.md"

    def count(sections: int) -> int:
        gen.write(path, sections, POINTS)
        laid, _ = layout(Deck.new(load_analysis(str(path)), str(path)), template)
        return len(laid.slides)

    sections = max(1, round(target / SLIDES_PER_SECTION))
    best = (abs(count(sections) - target), sections)
    for _ in range(6):
        got = count(sections)
        best = min(best, (abs(got - target), sections))
        if got == target:
            break
        sections = max(1, sections + max(-50, min(50, round((target - got) / SLIDES_PER_SECTION)) or
                                          (1 if got < target else -1)))
    gen.write(path, best[1], POINTS)
    return path, best[1]


def bench_scaling(runs: int, work: Path) -> dict:
    results = {}
    for fmt in ("pptx", "pdf"):  # untimed: bytecode caches and the OS's file cache
        subprocess.run([PY, str(HERE / "child_render.py"), str(ANALYSIS), str(work / f"warm.{fmt}")],
                       capture_output=True, check=True, cwd=ROOT, env=ENV)
    for target in SCALES:
        path, sections = calibrate(target, work)
        entry: dict = {"sections": sections}
        for fmt in ("pptx", "pdf"):
            out = work / f"scale-{target}.{fmt}"
            rows = []
            for _ in range(runs):
                started = time.perf_counter()
                proc = subprocess.run([PY, str(HERE / "child_render.py"), str(path), str(out)],
                                      capture_output=True, text=True, cwd=ROOT, env=ENV)
                wall = time.perf_counter() - started
                if proc.returncode != 0:
                    raise RuntimeError(f"scaling {target} {fmt} failed: {proc.stderr[-800:]}")
                data = json.loads(proc.stdout.strip().splitlines()[-1])
                data["wall_s"] = wall
                rows.append(data)
            med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
            med["bytes"] = out.stat().st_size
            entry[fmt] = med
        entry["slides"] = entry["pptx"]["slides"]
        results[target] = entry
    return results


# ------------------------------------------------------------------ reading Word
def bench_word(runs: int, work: Path) -> dict:
    """A generated 50-page .docx: parsed in process (imports done), and `briefer sections` on it
    as a whole process, parse cache off and then warm."""
    path = work / f"report-{WORD_PAGES}p.docx"
    sizes = gen.docx_report(path, WORD_PAGES)
    sys.path.insert(0, str(ROOT))
    from briefer.source.readers import read

    read(path)  # untimed: imports
    parse = []
    for _ in range(runs):
        started = time.perf_counter()
        analysis, _ = read(path)
        parse.append((time.perf_counter() - started) * 1000)
    cmd = [*briefer_cmd(), "sections", "--analysis", str(path)]
    cold_env = dict(ENV, BRIEFER_NO_CACHE="1")
    subprocess.run(cmd, capture_output=True, env=cold_env, cwd=ROOT, check=True)  # bytecode

    def timed(env: dict) -> float:
        started = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, check=True)
        return time.perf_counter() - started

    cold = [timed(cold_env) for _ in range(runs)]
    timed(ENV)  # fills the parse cache
    warm = [timed(ENV) for _ in range(runs)]
    return {**sizes, "bytes": path.stat().st_size, "sections": len(analysis.sections),
            "parse_ms": stats(parse), "process_cold_s": stats(cold), "process_cached_s": stats(warm)}


# ------------------------------------------------------------------ 4 desktop app
def bench_gui(runs: int, work: Path, analysis: Path | None = None) -> dict:
    rows = []
    for i in range(runs + 1):  # the first run is untimed: bytecode caches, fonts, the OS's file cache
        settings = work / f"gui-settings-{i}"
        shutil.rmtree(settings, ignore_errors=True)
        settings.mkdir(parents=True)
        env = dict(ENV, QT_QPA_PLATFORM="offscreen", BRIEFER_DATA_DIR=str(settings / "data"),
                   BENCH_T0=repr(time.time()))
        extra = [str(analysis)] if analysis is not None else []
        proc = subprocess.run([PY, str(HERE / "child_gui.py"), str(settings), *extra],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
        lines = [ln for ln in proc.stdout.strip().splitlines() if ln.startswith("{")]
        if proc.returncode != 0 or not lines:
            return {"skipped": f"GUI not available: the app failed ({proc.returncode}): "
                               f"{proc.stderr.strip()[-300:]}"}
        data = json.loads(lines[-1])
        if "skipped" in data:
            return data
        if i:
            rows.append(data)
    push = [v for r in rows for v in r["push_ms"]]
    typing = [v for r in rows for v in r["typing_ms"]]
    add = [v for r in rows for v in r.get("add_ms", [])]
    table = [v for r in rows for v in r.get("table_ms", [])]
    return {
        "first_window": stats([r["first_window_s"] for r in rows]),
        "push": stats(push),
        "add": stats(add) if add else None,
        "table": stats(table) if table else None,
        "slides": rows[-1].get("slides"),
        "typing": stats(typing) if typing else None,
        "typing_note": rows[-1]["typing_note"],
        "section": rows[-1]["section"],
        "runs": runs,
    }


# ------------------------------------------------------------------ start-up: -X importtime
def bench_startup(work: Path) -> dict:
    out = {}
    for fmt in ("pptx", "pdf"):
        target = work / f"importtime.{fmt}"
        code = f"from briefer.cli import main; main(['build', '-o', {str(target)!r}])"
        proc = subprocess.run([PY, "-X", "importtime", "-c", code], capture_output=True, text=True,
                              cwd=ROOT, env=ENV)
        groups: dict[str, int] = {}
        total = 0
        for line in proc.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if not m:
                continue
            self_us, name = int(m.group(1)), m.group(4)
            top = name.split(".")[0]
            key = ".".join(name.split(".")[:2]) if top == "briefer" else top
            groups[key] = groups.get(key, 0) + self_us
            total += self_us
        out[fmt] = {"total_ms": total / 1000,
                    "top": sorted(((k, v / 1000) for k, v in groups.items()), key=lambda kv: -kv[1])[:12]}
    return out


# ------------------------------------------------------------------ report
def report(info: dict, res: dict) -> str:
    lines = ["# briefer benchmark", "",
             "Generated by `make bench` (`bench/run.py`); numbers are seconds or milliseconds of wall "
             "time (`time.perf_counter`).", ""]
    lines += ["## Machine", "", "| | |", "|---|---|"]
    for key in ("date", "commit", "cpu", "cores", "ram", "load", "os", "python", "libraries", "pandoc",
                "soffice"):
        lines.append(f"| {key} | {info[key]} |")
    lines += ["", "Child processes run with cached bytecode (`PYTHONPYCACHEPREFIX=bench/out/pycache`), as an "
              "installed briefer does; each kind of run has one untimed warm-up first.", ""]

    targets: list[tuple[str, str, bool | None]] = []
    warm = res.get("warm")
    if warm:
        for fmt in ("pptx", "pdf"):
            worst = max(warm[t][f"layout+{fmt}"]["median"] for t in warm)
            name = (f"warm layout + {fmt.upper()} render of the built-in deck < {TARGET_WARM_MS:.0f} ms "
                    "(slowest template, median)")
            targets.append((name, f"{worst:.1f} ms", worst < TARGET_WARM_MS))
    proc = res.get("process")
    if proc:
        p = proc["pptx"]
        if "skipped" in p:
            targets.append(("whole-process PPTX build no slower than pandoc", p["skipped"], None))
        else:
            b, o = p["briefer"]["median"], p["other"]["median"]
            targets.append(("whole-process PPTX build no slower than pandoc",
                            f"{b:.3f} s vs {o:.3f} s ({o / b:.2f}× pandoc's speed)", b <= o))
        p = proc["pdf"]
        if "skipped" in p:
            targets.append((f"PDF ≥ {TARGET_PDF_RATIO:.0f}× faster than the LibreOffice route", p["skipped"],
                            None))
        else:
            b, o = p["briefer"]["median"], p["other"]["median"]
            targets.append((f"PDF ≥ {TARGET_PDF_RATIO:.0f}× faster than the LibreOffice route",
                            f"{b:.3f} s vs {o:.3f} s ({o / b:.1f}×)", o / b >= TARGET_PDF_RATIO))
    scaling = res.get("scaling")
    if scaling:
        big = scaling[max(scaling)]
        small = scaling[100] if 100 in scaling else scaling[min(scaling)]
        for fmt in ("pptx", "pdf"):
            b = big[fmt]
            per_big = b["work_s"] / b["slides"]
            per_small = small[fmt]["work_s"] / small[fmt]["slides"]
            ratio = per_big / per_small
            mb = b["maxrss_kb"] / 1024
            ok = b["wall_s"] < TARGET_1000_S and ratio <= TARGET_LINEAR and mb < TARGET_1000_MB
            targets.append((f"{big['slides']} slides {fmt.upper()}: < {TARGET_1000_S:.0f} s, linear "
                            f"(per-slide time ≤ {TARGET_LINEAR}× that at {small['slides']}), "
                            f"< {TARGET_1000_MB:.0f} MB",
                            f"{b['wall_s']:.2f} s, ×{ratio:.2f}, {mb:.0f} MB", ok))
    gui = res.get("gui")
    if gui:
        if "skipped" in gui:
            why = f"skipped: {gui['skipped']}"
            targets.append((f"preview update < {TARGET_PREVIEW_MS:.0f} ms", why, None))
            targets.append((f"first window < {TARGET_WINDOW_S} s", why, None))
        else:
            worst = max(gui["push"]["median"], gui["typing"]["median"] if gui["typing"] else 0)
            targets.append((f"preview update after an edit < {TARGET_PREVIEW_MS:.0f} ms (median)",
                            f"{worst:.1f} ms", worst < TARGET_PREVIEW_MS))
            fw = gui["first_window"]["median"]
            targets.append((f"first painted window < {TARGET_WINDOW_S} s (median)", f"{fw:.2f} s",
                            fw < TARGET_WINDOW_S))
    word = res.get("word")
    if word:
        cold = word["process_cold_s"]["median"]
        targets.append((f"a {WORD_PAGES}-page Word report read < {TARGET_WORD_S:.0f} s (whole "
                        "process, no parse cache; median)", f"{cold:.2f} s", cold < TARGET_WORD_S))

    lines += ["## Targets", "", "| target | measured | result |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {verdict(ok)} |" for name, value, ok in targets]
    lines.append("")

    if warm:
        lines += ["## 1. Warm, in process: built-in analysis (all sections)", "",
                  f"Repeated runs after {res['warm_warmup']} warm-up runs; layout and each renderer timed "
                  "separately on the same laid-out deck, rendering to memory. ms.", "",
                  "| template | slides | step | median | min | p90 | runs |", "|---|---|---|---|---|---|---|"]
        for t, entry in warm.items():
            for step in ("layout", "pptx", "pdf", "layout+pptx", "layout+pdf"):
                s = entry[step]
                label = step.replace("pptx", "PPTX render").replace("pdf", "PDF render") \
                    if step in ("pptx", "pdf") else step.replace("pptx", "PPTX").replace("pdf", "PDF")
                lines.append(f"| {t} | {entry['slides']} | {label} | {s['median']:.1f} | {s['min']:.1f} | "
                             f"{s['p90']:.1f} | {s['n']} |")
        lines.append("")

    if proc:
        lines += ["## 2. Whole process: built-in analysis", "",
                  "Runs alternate (briefer, other, briefer, other…) after one untimed run of each. "
                  "`briefer build` is the installed console script; pandoc gets the same Markdown file "
                  "(its YAML front matter becomes pandoc's metadata); LibreOffice converts briefer's own "
                  "PPTX with a fresh profile made once and warmed once (its time does not include making "
                  "the PPTX). briefer's parse cache (`briefer/cache.py`, kept in bench/out/cache) is warm "
                  "after the untimed run, as for any build after the first; the last row builds with "
                  "`BRIEFER_NO_CACHE=1`, as a first build does (not alternated, not a target). s.", "",
                  "| output | tool | median | min | p90 | runs | ratio (other / briefer) |",
                  "|---|---|---|---|---|---|---|"]
        for fmt in ("pptx", "pdf"):
            p = proc[fmt]
            if "skipped" in p:
                lines.append(f"| {fmt.upper()} | — | skipped: {p['skipped']} | | | | |")
                continue
            ratio = p["other"]["median"] / p["briefer"]["median"]
            for who, key in (("briefer build", "briefer"), (p["other_name"], "other"),
                             ("briefer build, no parse cache", "briefer_nocache")):
                s = p.get(key)
                if s:
                    lines.append(row(fmt.upper(), who, f"{s['median']:.3f}", f"{s['min']:.3f}",
                                     f"{s['p90']:.3f}", s["n"], f"{ratio:.2f}" if key == "other" else ""))
        lines += ["", "Where one build's time goes (fresh `python bench/child_render.py`, medians of 5, ms): "
                  "*start* is interpreter start-up (wall minus the script's own time), *imports* the core "
                  "modules, *load* reading the analysis and template, *renderer import* the format's "
                  "library.", "",
                  "| output | wall | start | imports | load | layout | renderer import | render + write |",
                  "|---|---|---|---|---|---|---|---|"]
        for fmt, ph in proc["phases"].items():
            inside = ph["import_s"] + ph["work_s"]
            ms = [ph["wall_s"], ph["wall_s"] - inside, ph["import_s"], ph["load_s"], ph["layout_s"],
                  ph["render_import_s"], ph["render_s"]]
            lines.append(row(fmt.upper(), *(f"{v * 1000:.0f}" for v in ms)))
        lines.append("")

    if scaling:
        lines += ["## 3. Scaling: generated analyses", "",
                  "Deterministic generated Markdown (seeded words with Turkish and Cyrillic letters; "
                  "bullets, sub-bullets, prose, timelines, figures, sources with links), template "
                  "staff-brief; "
                  "slides are the ones actually laid out. Each build runs in a fresh process "
                  f"(`bench/child_render.py`), median of {res['scaling_runs']}; *work* is load + layout + "
                  "render + write (no interpreter start or imports); peak RSS is the child's `VmHWM` "
                  "(`getrusage` would count the parent's memory when Python spawns with vfork).", "",
                  row("sections", "slides", "output", "wall s", "work s", "layout s", "render s",
                      "ms / slide (work)", "peak RSS MB", "file KB"),
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for target, entry in scaling.items():
            for fmt in ("pptx", "pdf"):
                e = entry[fmt]
                lines.append(f"| {entry['sections']} | {e['slides']} | {fmt.upper()} | {e['wall_s']:.2f} | "
                             f"{e['work_s']:.2f} | {e['layout_s']:.2f} | {e['render_s']:.2f} | "
                             f"{e['work_s'] / e['slides'] * 1000:.2f} | {e['maxrss_kb'] / 1024:.0f} | "
                             f"{e['bytes'] / 1024:.0f} |")
            del target
        lines.append("")

    if gui:
        lines += ["## 4. Desktop app (offscreen)", ""]
        if "skipped" in gui:
            lines += [f"skipped: {gui['skipped']}", ""]
        else:
            fw = gui["first_window"]
            lines += [f"`QT_QPA_PLATFORM=offscreen`, {gui['runs']} fresh processes (`bench/child_gui.py`). "
                      "First window: from just before the process is spawned to the first paint event of "
                      "the main window (`create_main_window` on the built-in analysis). Edit: a changed "
                      f"first bullet of section `{gui['section']}` pushed through the window's document "
                      "(undo stack), one character typed into the bullet editor, Add Section triggered "
                      "after that section, and a table cell changed, each timed to `preview_updated`; "
                      "between them the benchmark waits in an event loop as the app does (polling "
                      "would take the interpreter from the background layout).", "",
                      "| measure | median | min | p90 | n |", "|---|---|---|---|---|",
                      row("first painted window (s)", f"{fw['median']:.2f}", f"{fw['min']:.2f}",
                          f"{fw['p90']:.2f}", fw["n"])]
            for label, key in (("edit pushed → preview_updated (ms)", "push"),
                               ("typed character → preview_updated (ms)", "typing"),
                               ("section added (Add Section action) → preview_updated (ms)", "add"),
                               ("table cell edited → preview_updated (ms)", "table")):
                s = gui.get(key)
                if s:
                    lines.append(row(label, f"{s['median']:.1f}", f"{s['min']:.1f}", f"{s['p90']:.1f}",
                                     s["n"]))
                else:
                    lines.append(f"| {label} | — | | | {gui.get('typing_note', '')} |")
            large = res.get("gui_large")
            if large and "skipped" not in large:
                lines += ["", f"The same on a generated deck of {large.get('slides')} slides "
                          "(only the sections an edit changes are laid out again):", "",
                          "| measure | median | min | p90 | n |", "|---|---|---|---|---|"]
                for label, key in (("edit pushed → preview_updated (ms)", "push"),
                                   ("section added (Add Section action) → preview_updated (ms)", "add"),
                                   ("table cell edited → preview_updated (ms)", "table")):
                    s = large.get(key)
                    if s:
                        lines.append(row(label, f"{s['median']:.1f}", f"{s['min']:.1f}",
                                         f"{s['p90']:.1f}", s["n"]))
            lines.append("")

    lines += before_after(res)
    word = res.get("word")
    if word:
        lines += [f"## Reading a {WORD_PAGES}-page Word report", "",
                  f"`bench/gen.py` `docx_report`: {word['words']:,} words in {word['paragraphs']:,} "
                  f"prose paragraphs, {word['chapters']} chapters with bullets, numbered steps, links, a "
                  f"table and a picture each ({word['bytes'] // 1000:,} KB), read into "
                  f"{word['sections']} sections. Target: under {TARGET_WORD_S:.0f} s.", "",
                  row("measure", "median", "min", "p90"), "|---|---|---|---|",
                  row("parse in process (python-docx open + walk), ms",
                      *(f"{word['parse_ms'][k]:.0f}" for k in ("median", "min", "p90"))),
                  row("`briefer sections` whole process, parse cache off, s",
                      *(f"{word['process_cold_s'][k]:.2f}" for k in ("median", "min", "p90"))),
                  row("`briefer sections` whole process, parse cache warm, s",
                      *(f"{word['process_cached_s'][k]:.2f}" for k in ("median", "min", "p90"))),
                  ""]
    start = res.get("startup")
    if start:
        lines += ["## Start-up imports of `briefer build` (`python -X importtime`)", "",
                  "Self time of every module imported by one build, grouped by package (briefer's own "
                  "modules by subpackage), largest first. ms.", ""]
        for fmt, data in start.items():
            top = ", ".join(f"{k} {v:.0f}" for k, v in data["top"])
            lines.append(f"- **{fmt.upper()}** (total {data['total_ms']:.0f} ms): {top}")
        lines.append("")
    return "\n".join(lines)


def before_after(res: dict) -> list[str]:
    rows = []
    warm, proc, scaling = res.get("warm"), res.get("process"), res.get("scaling")
    if warm:
        for fmt in ("pptx", "pdf"):
            rows.append((f"warm {fmt.upper()} render, built-in deck, staff-brief (ms)",
                         f"{BEFORE[f'warm_{fmt}_ms']:.0f}", f"{warm['staff-brief'][fmt]['median']:.1f}"))
    if proc:
        for fmt in ("pptx", "pdf"):
            if "briefer" in proc[fmt]:
                rows.append((f"`briefer build` to {fmt.upper()}, whole process (s)",
                             f"{BEFORE[f'process_{fmt}_s']:.2f}", f"{proc[fmt]['briefer']['median']:.2f}"))
    if scaling:
        big = scaling[max(scaling)]
        for fmt in ("pptx", "pdf"):
            wall, mb = BEFORE[f"scale_{fmt}"]
            rows.append((f"~1000 slides to {fmt.upper()}, fresh process: wall s / peak MB", f"{wall} / {mb}",
                         f"{big[fmt]['wall_s']:.2f} / {big[fmt]['maxrss_kb'] / 1024:.0f}"))
    if not rows:
        return []
    return ["## Before and after issue 5", "",
            "*Before*: the renderers of commit e3ceab6 (python-pptx's object layer; reportlab "
            "`drawString`/`drawImage` per line and slide) dropped into the tree of commit 9e1f60c (same "
            "core, same machine), measured once by hand; *after*: this run.", "",
            row("measure", "before", "after"), "|---|---|---|", *(row(*r) for r in rows), ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, for trying the harness")
    parser.add_argument("--only",
                        help="comma-separated parts: warm,process,scaling,gui,startup,word")
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    parts = set((args.only or "warm,process,scaling,gui,startup,word").split(","))
    quick = args.quick
    OUT.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=OUT))
    started = time.perf_counter()
    res: dict = {}
    try:
        info = machine()
        if "warm" in parts:
            print("1/4 warm in-process runs…", flush=True)
            res["warm_warmup"] = 2 if quick else 5
            res["warm"] = bench_warm(5 if quick else 30, res["warm_warmup"])
        if "process" in parts:
            print("2/4 whole-process runs (briefer, pandoc, LibreOffice)…", flush=True)
            res["process"] = bench_process(3 if quick else 7, work)
        if "scaling" in parts:
            print("3/4 scaling to 1000 slides…", flush=True)
            res["scaling_runs"] = 1 if quick else 3
            res["scaling"] = bench_scaling(res["scaling_runs"], work)
        if "gui" in parts:
            print("4/4 desktop app…", flush=True)
            res["gui"] = bench_gui(1 if quick else 3, work)
            large = gen.write(work / "gui-300.md", 125, POINTS, tables=25)
            res["gui_large"] = bench_gui(1 if quick else 2, work, large)
        if "startup" in parts:
            res["startup"] = bench_startup(work)
        if "word" in parts:
            print("reading a Word report…", flush=True)
            res["word"] = bench_word(3 if quick else 7, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(info, res)
    text += f"\nWhole benchmark: {time.perf_counter() - started:.0f} s.\n"
    args.output.write_text(text, encoding="utf-8")
    (OUT / "results.json").write_text(json.dumps({"machine": info, **{k: v for k, v in res.items()}},
                                                 indent=1, default=str), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
