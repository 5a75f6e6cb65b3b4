"""Nothing read from a file reaches the terminal raw, and a closed pipe ends the CLI quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefer.terminal import safe

EVIL_HEADING = "\x1b[2J\x1b]0;pwned\x07Clear \u202egnp.exe"
FAKE_SUCCESS = "Fake\x1b[2K\x1b[1Gbuild succeeded"


def _briefer(*argv: str, env: dict[str, str] | None = None, cwd: Path | None = None,
             ) -> subprocess.CompletedProcess[bytes]:
    """The real console entry in a child process; bytes, so nothing is decoded on the way."""
    return subprocess.run([sys.executable, "-m", "briefer", *argv], capture_output=True,
                          env={**os.environ, **(env or {})}, cwd=cwd)


def _evil_analysis(tmp_path: Path) -> Path:
    source = tmp_path / "evil.md"
    source.write_text(f"## {EVIL_HEADING} {{#evil}}\n\n"
                      "## Türkiye, Erdoğan, Триумф {#fine}\n\n- a point\n\n"
                      f"## {FAKE_SUCCESS} {{#fake}}\n\n", encoding="utf-8")
    return source


def _no_controls(data: bytes) -> None:
    text = data.decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text and "\u202e" not in text


def test_safe_escapes_controls_and_keeps_ordinary_text():
    ordinary = "Türkiye, Erdoğan, Триумф — «S-400» 北京 ١٢٣"
    assert safe(ordinary) == ordinary
    assert safe(EVIL_HEADING) == "\\x1b[2J\\x1b]0;pwned\\x07Clear \\u202egnp.exe"
    assert safe("a\nb\r\tc\x00d\x7fe\x85f\x9bg") == "a\\nb\\r\\tc\\x00d\\x7fe\\x85f\\x9bg"
    assert safe("line\u2028sep\u2029par\u2066iso\u2069\ufeff") == (
        "line\\u2028sep\\u2029par\\u2066iso\\u2069\\ufeff")
    assert safe("x\udcffy") == "x\\udcffy"  # an undecodable byte in a file name
    assert safe("no\u00a0break, می\u200cخواهم") == "no\u00a0break, می\u200cخواهم"  # NBSP, ZWNJ kept
    assert safe(ValueError("one\ntwo")) == "one\\ntwo"


def test_section_listing_escapes_titles(tmp_path):
    result = _briefer("sections", "-a", str(_evil_analysis(tmp_path)))
    assert result.returncode == 0 and result.stderr == b""
    _no_controls(result.stdout)
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines == ["evil  \\x1b[2J\\x1b]0;pwned\\x07Clear \\u202egnp.exe",
                     "fine  Türkiye, Erdoğan, Триумф",
                     "fake  Fake\\x1b[2K\\x1b[1Gbuild succeeded"]


def test_warnings_and_errors_escape_what_they_quote(tmp_path):
    source = _evil_analysis(tmp_path)
    result = _briefer("build", "-a", str(source), "-o", str(tmp_path / "d.pdf"))
    assert result.returncode == 0, result.stderr
    _no_controls(result.stderr)
    stderr = result.stderr.decode("utf-8")
    assert "briefer: warning: '\\x1b[2J\\x1b]0;pwned\\x07Clear \\u202egnp.exe' has no key points" in stderr
    assert all(line.startswith("briefer: warning: ") for line in stderr.splitlines())

    result = _briefer("build", "-a", str(source), "-s", "evil,a\x1b[31mred\nx", "-o",
                      str(tmp_path / "e.pdf"))
    assert result.returncode == 1
    _no_controls(result.stderr)
    assert result.stderr.decode("utf-8").count("\n") == 1  # one line, despite the newline
    assert "a\\x1b[31mred\\nx" in result.stderr.decode("utf-8")


def test_file_names_in_errors_are_escaped_even_when_undecodable(tmp_path):
    name = os.fsencode(str(tmp_path)) + b"/bad\nname\x1b]0;t\x07\xff.md"
    result = subprocess.run([sys.executable, "-m", "briefer", "sections", "-a", name],
                            capture_output=True)
    assert result.returncode == 1
    assert result.stderr.count(b"\n") == 1
    assert b"\x1b" not in result.stderr and b"\x07" not in result.stderr
    assert b"bad\\nname\\x1b]0;t\\x07\\udcff.md" in result.stderr
    assert b"unexpected" not in result.stderr


def test_usage_errors_escape_the_arguments():
    result = _briefer("build", "--bogus\x1b[2J", "-o", "x.pdf")
    assert result.returncode == 2
    assert b"\x1b" not in result.stderr
    assert b"unrecognized arguments: --bogus\\x1b[2J" in result.stderr


def test_template_listing_escapes_descriptions(tmp_path):
    folder = tmp_path / "data" / "templates" / "evil"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        'name = "evil"\ndescription = "Looks fine\\u001b[2J\\u001b]0;pwned\\u0007"\n', encoding="utf-8")
    result = _briefer("templates", env={"BRIEFER_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 0, result.stderr
    _no_controls(result.stdout)
    assert "evil         Looks fine\\x1b[2J\\x1b]0;pwned\\x07" in result.stdout.decode("utf-8")


def test_a_terminal_that_cannot_show_a_character_gets_an_escape(tmp_path):
    source = _evil_analysis(tmp_path)
    result = _briefer("sections", "-a", str(source), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and result.stderr == b""
    assert b"fine  T\\xfcrkiye, Erdo\\u011fan" in result.stdout


def _big_analysis(tmp_path: Path) -> Path:
    source = tmp_path / "big.md"
    title = "a title long enough to fill a pipe " * 7  # 245 characters
    source.write_text("".join(f"## Section {i}, {title} {{#s{i}}}\n\n- point\n\n" for i in range(450)),
                      encoding="utf-8")  # 120 kB of listing: twice what a pipe holds
    return source


@pytest.mark.parametrize("big", [True, False])
def test_a_closed_pipe_ends_quietly(tmp_path, big):
    """`briefer sections | head -1`, with a real pipe: no traceback, no 'Exception ignored'."""
    argv = ["sections", "-a", str(_big_analysis(tmp_path))] if big else ["sections"]
    writer = subprocess.Popen([sys.executable, "-m", "briefer", *argv], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    head = subprocess.Popen(["head", "-1"], stdin=writer.stdout, stdout=subprocess.PIPE)
    assert writer.stdout is not None and writer.stderr is not None
    writer.stdout.close()  # head alone reads the pipe
    first, _ = head.communicate(timeout=120)
    stderr = writer.stderr.read()
    writer.stderr.close()
    code = writer.wait(timeout=120)
    assert stderr == b""
    assert first.count(b"\n") == 1
    if big:  # 120 kB cannot fit the pipe: the writer must have met the closed end
        assert first.startswith(b"s0  ")
        assert code == 141
    else:
        assert first.startswith(b"bluf")
        assert code in (0, 141)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_stdout_is_one_line_not_a_bug():
    with open("/dev/full", "wb") as full:
        result = subprocess.run([sys.executable, "-m", "briefer", "sections"], stdout=full,
                                stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert result.stderr == b"briefer: error: cannot write the listing: No space left on device\n"


def test_closed_stdout_or_stderr_is_no_crash(tmp_path):
    def sh(redirect: str, *argv: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["sh", "-c", f'"$0" -m briefer "$@" {redirect}', sys.executable,
                               *argv], capture_output=True)

    result = sh(">&-", "sections")
    assert (result.returncode, result.stderr) == (0, b"")
    result = sh("2>&-", "sections")
    assert result.returncode == 0 and result.stdout.startswith(b"bluf")
    result = sh("2>&-", "build", "-t", "nope", "-o", str(tmp_path / "x.pdf"))
    assert (result.returncode, result.stdout) == (1, b"")  # the error is not moved onto stdout
