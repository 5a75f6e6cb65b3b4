"""Outputs and the cache: interrupted, odd or dangerous writes never leave debris or clobber input."""

from __future__ import annotations

import errno
import os
import pickle
import select
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from briefer import cache
from briefer.cli import main
from briefer.deck.model import Deck
from briefer.deck.project import save_deck
from briefer.source.library import load_analysis

ROOT = Path(__file__).parent.parent

# Runs the real console entry, with a PDF renderer that writes a whole deck, says so on stdout
# and then waits: the test sends its signal while the temporary file certainly exists.
SLOW_BUILD = textwrap.dedent("""
    import sys, time
    import briefer.render.pdf as pdf

    real = pdf.render

    def slow(deck, out):
        real(deck, out)
        out.flush()
        print("writing", flush=True)
        time.sleep(600)

    pdf.render = slow
    from briefer.cli import run

    sys.argv = ["briefer", "build", "-o", sys.argv[1]]
    run()
""")


def _default_signals() -> None:
    """The child starts as from a terminal: a run under nohup (or a background job) would hand
    down SIGHUP (or SIGINT) ignored, and briefer rightly keeps an ignored signal ignored."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def _run(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    err = capsys.readouterr().err
    assert "unexpected" not in err and "Traceback" not in err
    return code, err


@pytest.mark.parametrize("signum,code,message", [(signal.SIGTERM, 143, "briefer: terminated\n"),
                                                 (signal.SIGINT, 130, "briefer: interrupted\n"),
                                                 (signal.SIGHUP, 129, "briefer: terminated\n")])
def test_a_signal_during_export_removes_the_temp_file_and_keeps_the_old_output(
        tmp_path, signum, code, message):
    out = tmp_path / "deck.pdf"
    out.write_bytes(b"the previous deck")
    env = {**os.environ, "BRIEFER_CACHE_DIR": str(tmp_path / "cache")}
    child = subprocess.Popen([sys.executable, "-c", SLOW_BUILD, str(out)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             preexec_fn=_default_signals)
    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], 60)  # never hang the suite on a stall
    if not ready:
        child.kill()
        child.communicate()
        pytest.fail("the build did not start writing within 60 s")
    assert child.stdout.readline() == b"writing\n"
    temps = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(temps) == 1 and temps[0].startswith(".briefer-")  # mid-write: the temp is there
    child.send_signal(signum)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == code
    assert stderr.decode() == message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "deck.pdf"]
    assert out.read_bytes() == b"the previous deck"


def test_a_long_output_name_is_not_defeated_by_the_temp_name(tmp_path, capsys):
    out = tmp_path / ("d" * 246 + ".pdf")  # 250 bytes: the longest-but-one legal name
    code, err = _run(["build", "-o", str(out)], capsys)
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_an_output_in_a_symlink_loop_is_a_one_line_error(tmp_path, capsys):
    loop = tmp_path / "loop.pdf"
    loop.symlink_to(loop.name)
    code, err = _run(["build", "-o", str(loop)], capsys)
    assert code == 1
    assert err == f"briefer: error: cannot write {loop}: its path is a loop of symbolic links\n"
    assert loop.is_symlink() and os.readlink(loop) == "loop.pdf"

    folder = tmp_path / "folder"
    folder.symlink_to("folder")
    code, err = _run(["build", "-o", str(folder / "x.pdf")], capsys)
    assert code == 1
    assert err == (f"briefer: error: cannot write {folder / 'x.pdf'}: folder {folder} is a loop of "
                   "symbolic links\n")


def test_a_nul_in_the_output_name_is_a_one_line_error(tmp_path, capsys):
    code, err = _run(["build", "-o", str(tmp_path / "a\0b.pdf")], capsys)
    assert code == 1
    assert err == (f"briefer: error: cannot write {tmp_path}/a\\x00b.pdf: a file name cannot "
                   "contain a NUL character\n")


def test_nul_and_loops_in_picture_references_are_warnings(tmp_path, capsys):
    (tmp_path / "loop.png").symlink_to("loop.png")
    source = tmp_path / "a.md"
    source.write_text("## One {#one}\n\n- a point\n\n![c](loop.png)\n\n"
                      "## Two {#two}\n\n- a point\n\n![c](map%00.png)\n", encoding="utf-8")
    code, err = _run(["build", "-a", str(source), "-o", str(tmp_path / "d.pdf")], capsys)
    assert code == 0
    assert err.splitlines() == [
        "briefer: warning: 'One': image loop.png: its path is a loop of symbolic links; the "
        "picture is left out",
        "briefer: warning: 'Two': image map%00.png: a file name cannot contain a NUL character; the "
        "picture is left out"]


def _inputs(tmp_path: Path) -> dict[str, Path]:
    """An analysis with a picture, a copied template with a logo, a saved deck."""
    (tmp_path / "maps").mkdir()
    Image.new("RGB", (40, 20), "#336699").save(tmp_path / "maps" / "map.png")
    analysis = tmp_path / "analysis.md"
    analysis.write_text("## The map {#map}\n\n- a point\n\n![c](maps/map.png)\n", encoding="utf-8")
    template = tmp_path / "tpl"
    shutil.copytree(ROOT / "templates" / "staff-brief", template)
    brief = tmp_path / "deck.brief"
    save_deck(Deck.new(load_analysis(str(analysis)), str(analysis), str(template)), brief)
    return {"the analysis": analysis, "the deck file": brief,
            "the picture maps/map.png": tmp_path / "maps" / "map.png",
            "the template file logo.png": template / "logo.png",
            "the template file template.toml": template / "template.toml"}


@pytest.mark.parametrize("what", ["the analysis", "the deck file", "the picture maps/map.png",
                                  "the template file logo.png", "the template file template.toml"])
def test_the_output_may_not_replace_an_input(tmp_path, capsys, what):
    inputs = _inputs(tmp_path)
    victim = inputs[what]
    before = victim.read_bytes()
    out = tmp_path / "out.pdf"
    out.symlink_to(victim)  # written through, the link would replace the input
    code, err = _run(["build", str(inputs["the deck file"]), "-o", str(out)], capsys)
    assert code == 1
    assert err == f"briefer: error: refusing to write {out}: it is {what} the deck is built from\n"
    assert victim.read_bytes() == before


def test_an_analysis_named_like_an_output_is_not_overwritten(tmp_path, capsys):
    analysis = tmp_path / "notes.pdf"  # Markdown under an odd name
    analysis.write_text("## One {#one}\n\n- a point\n", encoding="utf-8")
    code, err = _run(["build", "-a", str(analysis), "-o", str(analysis)], capsys)
    assert code == 1 and "it is the analysis the deck is built from" in err
    assert analysis.read_text(encoding="utf-8") == "## One {#one}\n\n- a point\n"


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"),
                                     pickle.PicklingError("cannot pickle")])
def test_a_cache_write_that_fails_leaves_no_temp_file(tmp_path, monkeypatch, failure):
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    watched = tmp_path / "f.txt"
    watched.write_text("x")

    def full_disk(value, handle, protocol=None):
        handle.write(b"partial")
        raise failure
    monkeypatch.setattr(pickle, "dump", full_disk)
    assert cache.cached("demo", [watched], lambda: 7) == 7
    assert list((tmp_path / "cache").iterdir()) == []
    monkeypatch.undo()
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    assert cache.cached("demo", [watched], lambda: 8) == 8
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".pickle"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_an_output_that_is_a_pipe_or_folder_is_refused_not_replaced(tmp_path, capsys):
    fifo = tmp_path / "fifo.pdf"
    os.mkfifo(fifo)
    link = tmp_path / "link.pdf"
    link.symlink_to(fifo.name)  # as a link to /dev/full would be: replacing it destroys the node
    for out, shown in ((fifo, fifo), (link, fifo)):
        code, err = _run(["build", "-o", str(out)], capsys)
        assert code == 1
        assert err == f"briefer: error: cannot write {shown}: it is a device or pipe, not a file\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink()
    (tmp_path / "dir.pdf").mkdir()
    code, err = _run(["build", "-o", str(tmp_path / "dir.pdf")], capsys)
    assert code == 1 and err.endswith("dir.pdf: it is a folder, not a file\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.pdf", "fifo.pdf", "link.pdf"]
