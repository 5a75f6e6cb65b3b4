"""The parse cache speeds up start-up but never serves stale or broken data."""

from __future__ import annotations

import os

import pytest

from briefer.cache import cache_dir, cached
from briefer.source.library import load_analysis


def test_changed_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "a.md"
    source.write_text("## First {#one}\n\n- point\n", encoding="utf-8")
    assert load_analysis(str(source)).sections[0].title == "First"
    assert list(cache_dir().glob("analysis-*.pickle"))
    source.write_text("## Second title {#one}\n\n- point\n", encoding="utf-8")
    os.utime(source, ns=(1, 1))  # even with an old timestamp, the size differs
    assert load_analysis(str(source)).sections[0].title == "Second title"


def test_corrupt_entries_are_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    watched = tmp_path / "f.txt"
    watched.write_text("x")
    assert cached("demo", [watched], lambda: 41) == 41
    for entry in cache_dir().glob("demo-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert cached("demo", [watched], lambda: 42) == 42
    assert cached("demo", [watched], lambda: 43) == 42  # the rebuilt entry is served again


def test_unwritable_cache_still_works(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(blocker / "cache"))
    watched = tmp_path / "f.txt"
    watched.write_text("x")
    assert cached("demo", [watched], lambda: 7) == 7


def test_a_folder_others_can_write_is_not_trusted(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(shared))
    watched = tmp_path / "f.txt"
    watched.write_text("x")
    assert cached("demo", [watched], lambda: 1) == 1
    assert not list(shared.iterdir())  # nothing written, nothing read


def test_kept_values_are_recalled_until_a_file_changes(tmp_path, monkeypatch):
    from briefer.cache import keep, recall

    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    watched = tmp_path / "f.txt"
    watched.write_text("x")
    assert recall("table", [watched], {}) == {}
    keep("table", [watched], {"a": 1.5})
    assert recall("table", [watched], {}) == {"a": 1.5}
    watched.write_text("xy")
    assert recall("table", [watched], None) is None
    monkeypatch.setenv("BRIEFER_NO_CACHE", "1")
    keep("table", [watched], {"b": 2})
    monkeypatch.delenv("BRIEFER_NO_CACHE")
    assert recall("table", [watched], None) is None


def test_shaped_words_are_measured_again_only_by_another_harfbuzz(tmp_path, monkeypatch):
    """What one process shaped, the next measures without HarfBuzz, to the same widths; a
    HarfBuzz of another version (other files) shapes them again."""
    from briefer.layout import measure
    from briefer.resources import fonts_dir

    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    font = fonts_dir() / "DejaVuSans.ttf"
    first = measure.FontMetrics(font)
    widths = {word: first.word_width(word) for word in ("Türkiye", "S-400", "office", "AVATAR")}
    line = "Türkiye and the S-400"
    placed = first.placements(line)
    first.keep()
    def no_harfbuzz():
        raise ImportError("no HarfBuzz here")

    monkeypatch.setattr(measure, "harfbuzz", no_harfbuzz)  # shaping would fail from here on
    second = measure.FontMetrics(font)
    assert {word: second.word_width(word) for word in widths} == widths
    assert second.placements(line) == placed
    monkeypatch.setattr(measure, "_shaper_files", lambda: [tmp_path / "f.txt"])
    (tmp_path / "f.txt").write_text("another HarfBuzz")
    with pytest.raises(ImportError):
        measure.FontMetrics(font).word_width("Türkiye")


@pytest.mark.parametrize("suffix", ["pptx", "pdf"])
def test_a_build_from_a_warm_cache_writes_the_same_file(tmp_path, suffix):
    """Shaped words and lines, fonts read for the PDF: what the cache keeps gives the same file
    as reading and shaping afresh (hard.md: fallback glyphs, overlong words, addresses)."""
    import subprocess
    import sys

    from tests.conftest import DATA

    env = dict(os.environ, BRIEFER_CACHE_DIR=str(tmp_path / "cache"), SOURCE_DATE_EPOCH="1766232000")
    env.pop("BRIEFER_NO_CACHE", None)
    written = []
    for run in ("cold", "warm"):
        out = tmp_path / f"{run}.{suffix}"
        subprocess.run([sys.executable, "-m", "briefer", "build", "--analysis", str(DATA / "hard.md"),
                        "-o", str(out)], env=env, check=True, capture_output=True)
        written.append(out.read_bytes())
    assert list((tmp_path / "cache").glob("shaped-*.pickle"))
    assert written[0] == written[1]


def test_an_edited_file_replaces_its_entry_instead_of_adding_one(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    watched = tmp_path / "f.txt"
    for n in range(5):
        watched.write_text("x" * (n + 1))
        assert cached("demo", [watched], lambda n=n: n) == n
    assert len(list(cache_dir().glob("demo-*.pickle"))) == 1


def test_the_cache_is_kept_under_its_size_limit_oldest_first(tmp_path, monkeypatch):
    from briefer import cache

    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    folder = cache_dir()
    folder.mkdir(mode=0o700)
    for n in range(10):  # ten old entries of 100 kB, the oldest first
        entry = folder / f"old-{n:08x}.pickle"
        entry.write_bytes(b"x" * 100_000)
        os.utime(entry, (1_000_000 + n, 1_000_000 + n))
    leftover = folder / ".briefer-abc.tmp"  # an interrupted write, two days old
    leftover.write_bytes(b"x")
    os.utime(leftover, (1, 1))
    monkeypatch.setattr(cache, "LIMIT_BYTES", 450_000)
    monkeypatch.setattr(cache, "_pruned", set())
    watched = tmp_path / "f.txt"
    watched.write_text("x")
    assert cached("demo", [watched], lambda: "new") == "new"
    left = sorted(p.name for p in folder.iterdir())
    assert sum(p.stat().st_size for p in folder.iterdir()) <= 450_000
    assert left[0].startswith("demo-")  # the entry just written stays
    assert left[1:] == [f"old-{n:08x}.pickle" for n in range(6, 10)]  # and the newest old ones
    assert not leftover.exists()


@pytest.mark.parametrize("template", ["staff-brief", "think-tank"])
def test_the_pdf_is_the_same_whether_reportlab_found_harfbuzz_or_not(tmp_path, template):
    """A PDF build of text shaped before keeps HarfBuzz out of reportlab's import (render/pdf.py);
    reportlab then has no shaper of its own, and the file must not change because of it."""
    import subprocess
    import sys

    env = dict(os.environ, BRIEFER_CACHE_DIR=str(tmp_path / "cache"), SOURCE_DATE_EPOCH="1766232000")
    env.pop("BRIEFER_NO_CACHE", None)
    script = (
        "import sys\n"
        "if sys.argv[1] == 'loaded':\n"
        "    import uharfbuzz\n"
        "from briefer.cli import main\n"
        "try:\n"
        "    main(['build', '--template', sys.argv[2], '-o', sys.argv[3]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import reportlab.pdfbase.ttfonts as t\n"
        "print(t.uharfbuzz is not None)\n"
    )
    found = {}
    for mode in ("loaded", "warm-up", "kept out"):
        out = tmp_path / f"{mode}.pdf"
        run = subprocess.run([sys.executable, "-c", script, mode, template, str(out)], env=env,
                             check=True, capture_output=True, text=True)
        found[mode] = run.stdout.strip().splitlines()[-1]
    assert found["loaded"] == "True" and found["kept out"] == "False"
    assert (tmp_path / "loaded.pdf").read_bytes() == (tmp_path / "kept out.pdf").read_bytes()
