"""The command line contract: output, exit codes, one-line errors, no half-written files."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pptx import Presentation

from briefer.cli import main
from tests.conftest import REQUIRED, pdf_text


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_sections_lists_ids_and_titles(capsys):
    code, out, _ = run(["sections"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[1].split()[0] == "background"
    assert any(line.startswith("financial-issues") and "Financial issues" in line for line in lines)


def test_templates_lists_names_and_descriptions(capsys):
    code, out, _ = run(["templates"], capsys)
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert names == ["plain", "staff-brief", "think-tank"]


@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_build_required_sections(tmp_path, capsys, fmt):
    out = tmp_path / f"deck.{fmt}"
    code, _, err = run(["build", "--sections", ",".join(REQUIRED), "--template", "think-tank",
                        "--title", "Ankara & the S-400", "-o", str(out)], capsys)
    assert code == 0, err
    if fmt == "pptx":
        prs = Presentation(str(out))
        titles = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.name == "title"]
        positions = [titles.index(t) for t in ("Background", "Financial issues",
                                                "Domestic resistance", "Regional lessons")]
        assert positions == sorted(positions)
        assert titles[0] == "Ankara & the S-400"
    else:
        assert "Ankara & the S-400" in pdf_text(out)[0]


def test_build_from_a_brief_file(tmp_path, capsys, deck):
    from briefer.deck.project import save_deck

    save_deck(deck.with_selection(["regional-lessons", "background"]), tmp_path / "d.brief")
    code, _, err = run(["build", str(tmp_path / "d.brief"), "-o", str(tmp_path / "d.pdf")], capsys)
    assert code == 0, err
    text = "\n".join(pdf_text(tmp_path / "d.pdf"))
    assert text.index("Regional lessons") < text.index("Background")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["build", "--sections", "background,nope"], "unknown section id: nope"),
        (["build", "--template", "nope"], "unknown template 'nope'"),
        (["build", "--analysis", "missing.md"], "analysis not found: missing.md"),
        (["build", "--analysis", "nope"], "unknown analysis 'nope'"),
    ],
)
def test_bad_input_is_one_line_and_leaves_existing_output(tmp_path, capsys, argv, message):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"precious earlier deck")
    code, _, err = run([*argv, "-o", str(target)], capsys)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("briefer: error: ") and message in err
    assert target.read_bytes() == b"precious earlier deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]


def test_garbage_analysis_and_bad_extension(tmp_path, capsys):
    garbage = tmp_path / "garbage.md"
    garbage.write_bytes(os.urandom(4096))
    code, _, err = run(["build", "-a", str(garbage), "-o", str(tmp_path / "x.pdf")], capsys)
    assert code == 1 and "garbage.md" in err
    code, _, err = run(["build", "-o", str(tmp_path / "x.docx")], capsys)
    assert code == 1 and "'.docx'" in err
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.docx").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    code, _, err = run(["build", "-o", str(locked / "x.pdf")], capsys)
    assert code == 1 and "cannot write" in err


def test_missing_output_folder(tmp_path, capsys):
    code, _, err = run(["build", "-o", str(tmp_path / "no" / "such" / "x.pdf")], capsys)
    assert code == 1 and "does not exist" in err


def test_failed_render_leaves_nothing_behind(tmp_path, capsys, monkeypatch):
    import briefer.render.pdf as pdf

    def boom(deck, out):
        out.write(b"partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf, "render", boom)
    target = tmp_path / "deck.pdf"
    target.write_bytes(b"old")
    code, _, err = run(["build", "-o", str(target)], capsys)
    assert code == 1 and "No space left on device" in err
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pdf"]


def test_strict_turns_warnings_into_errors(tmp_path, capsys, hostile_path):
    code, _, err = run(["build", "-a", str(hostile_path), "-o", str(tmp_path / "h.pdf")], capsys)
    assert code == 0 and "briefer: warning: " in err
    code, _, err = run(["build", "--strict", "-a", str(hostile_path), "-o", str(tmp_path / "s.pdf")],
                       capsys)
    assert code == 1 and not (tmp_path / "s.pdf").exists()


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build"])
    assert exc.value.code == 2


def test_console_script_runs_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "briefer", "build", "-t", "nope", "-o",
                             str(tmp_path / "x.pdf")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "briefer: error: unknown template 'nope' (available: plain, staff-brief, think-tank)")


def test_outputs_get_normal_permissions(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        code, _, _ = run(["build", "-o", str(tmp_path / "new.pdf")], capsys)
        assert code == 0
        assert (tmp_path / "new.pdf").stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.pdf"
        kept.write_bytes(b"x")
        kept.chmod(0o640)
        assert run(["build", "-o", str(kept)], capsys)[0] == 0
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_console_entry_exits_with_the_right_code_and_flushes(tmp_path):
    for argv, code, needle in ((["sections"], 0, "financial-issues"),
                               (["build", "-s", "nope", "-o", str(tmp_path / "x.pdf")], 1, "nope")):
        result = subprocess.run([sys.executable, "-m", "briefer", *argv], capture_output=True, text=True)
        assert result.returncode == code
        assert needle in result.stdout + result.stderr
    result = subprocess.run([sys.executable, "-m", "briefer", "build", "-o", str(tmp_path / "d.pdf")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and (tmp_path / "d.pdf").read_bytes().endswith(b"%%EOF\n")


def test_standard_parts_can_be_left_out(tmp_path, capsys):
    out = tmp_path / "lean.pdf"
    code, _, err = run(["build", "--no-backup", "--no-summary", "--no-agenda", "--no-sources",
                        "-o", str(out)], capsys)
    assert code == 0, err
    text = "\n".join(pdf_text(out))
    for gone in ("Options compared", "Bottom line up front", "Agenda", "Backup"):
        assert gone not in text
    assert "Key judgements" in text and "Financial issues" in text


def test_output_edge_cases(tmp_path, capsys):
    code, _, err = run(["build", "-o", str(tmp_path / "deck.pdf") + "/"], capsys)
    assert code == 1 and "names a folder" in err
    target = tmp_path / "real.pdf"
    target.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    assert run(["build", "-o", str(link)], capsys)[0] == 0
    assert link.is_symlink() and target.read_bytes().startswith(b"%PDF")


def test_a_deck_with_no_slides_is_an_error_not_an_empty_file(tmp_path, capsys):
    import json

    from briefer.source.library import load_analysis

    ids = load_analysis("s400-turkiye").ids
    deck = {"format": "briefer-deck", "version": 1, "analysis": "s400-turkiye",
            "sections": [{"id": i, "included": False} for i in ids],
            "options": {"title": False, "agenda": False, "sources": False}}
    (tmp_path / "empty.brief").write_text(json.dumps(deck))
    code, _, err = run(["build", str(tmp_path / "empty.brief"), "-o", str(tmp_path / "x.pdf")], capsys)
    assert code == 1 and "nothing to export" in err
    assert not (tmp_path / "x.pdf").exists()


def test_meta_the_deck_file_lacks_comes_from_the_analysis(tmp_path, capsys):
    (tmp_path / "m.brief").write_text('{"format": "briefer-deck", "version": 1, '
                                      '"analysis": "s400-turkiye", "meta": {"presenter": "Maj. Kaya"}}')
    code, _, err = run(["build", str(tmp_path / "m.brief"), "-o", str(tmp_path / "m.pdf")], capsys)
    assert code == 0, err
    first = pdf_text(tmp_path / "m.pdf")[0]
    assert "UNCLASSIFIED" in first and "Türkiye and the S-400" in first and "Maj. Kaya" in first
