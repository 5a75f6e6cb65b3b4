"""Random mutations of real inputs: the analysis, .brief and template.toml readers (and the layout
of whatever they accept) raise nothing but BrieferError.

Each run mutates the built-in analysis, a saved deck and the staff-brief template by byte flips,
insertions of hostile fragments, deletions and splices. The suite runs a few dozen examples per
reader, derandomised; `BRIEFER_FUZZ_EXAMPLES=20000` runs a long, random campaign instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer.deck.model import Deck
from briefer.deck.project import deck_to_json, load_deck
from briefer.errors import BrieferError
from briefer.layout import layout
from briefer.source.library import load_analysis
from briefer.source.markdown import read_analysis
from briefer.templates import _parse_folder, load_template

ROOT = Path(__file__).parents[1]
EXAMPLES = int(os.environ.get("BRIEFER_FUZZ_EXAMPLES", "0"))
LONG = EXAMPLES > 0
FUZZ = settings(
    max_examples=EXAMPLES or 60,
    deadline=None,  # a loaded machine must not fail the suite; bounded work has its own tests
    derandomize=not LONG,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ANALYSIS = (ROOT / "assets" / "analyses" / "s400-turkiye.md").read_bytes()
TEMPLATE = (ROOT / "templates" / "staff-brief" / "template.toml").read_bytes()


def _brief_seed() -> bytes:
    deck = Deck.new(load_analysis("s400-turkiye"), "s400-turkiye", "staff-brief")
    data = deck_to_json(deck)
    data["edits"] = {"bluf": {"title": "Edited", "points": [[0, "one"], [1, "two"]],
                              "prose": ["note"]}}
    data["options"] = {"agenda": False}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


BRIEF = _brief_seed()

# fragments that have broken readers before, or would if they could
HOSTILE = [b"\x00", b"\xff\xfe", "\u200b".encode(), "\u202e".encode(), b"&a [1]", b"*a", b"[" * 200,
           b"{" * 200, b"9" * 5000, b"2025-02-30", b"0000-00-00", b"classification=SECRET ",
           b"{#x classification=A classification=B}", b"\n---\n", b"\n## ", b"\n- ", b"| a | b |\n",
           b"![x](../../etc/passwd)", b"![x](/dev/zero)", b"\\", b'"', b"'", b"\n[logo]\nfile = '",
           b"{page}{title}" * 20, b"nan", b"inf", b"-0", b"true", b"null", b"[]", b"{}", b"\t",
           b"\r", "Ω".encode() * 100, b"1e999", b"0x", b"#FFFFFF\\n"]

VALUES = [b"2025-02-30", b"0000-01-01", b"2025-12-20T25:61Z", b"9" * 5000, b"[" * 3000,
          b"{a: " * 1000, b"&a [1, 2]", b"*a", b'"x\\u0000.ttf"', b'"x\\u0000.png"',
          b'"' + b"a" * 300 + b'"', b'"' + b"a" * 300 + b'.md"', b"[1, 2]", b"{a = 1}", b"0x0B2545",
          b'"#0B2545\\n"', b'"SECRET\\u200b"', b'"../../../etc/passwd"', b"true", b"-1", b"1e400",
          b'"' + b"word " * 2000 + b'"', b"null", b'"{title}{page}' * 30 + b'"', b"[]", b"{}"]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """*seed* after one to eight random edits: flips, hostile insertions, deletions, splices."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        size = len(data)
        at = draw(st.integers(0, size))
        kind = draw(st.sampled_from(["flip", "insert", "hostile", "value", "delete", "splice"]))
        if kind == "value":  # a line's value (after ': ', '= ' or '": ') becomes a hostile one
            line_start = data.rfind(b"\n", 0, at) + 1
            line_end = data.find(b"\n", at)
            line_end = size if line_end < 0 else line_end
            line = bytes(data[line_start:line_end])
            cut = max(line.find(b": "), line.find(b"= "))
            if cut >= 0:
                value = draw(st.sampled_from(VALUES))
                data[line_start + cut + 2:line_end] = value
        elif kind == "flip" and size:
            data[min(at, size - 1)] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "hostile":
            data[at:at] = draw(st.sampled_from(HOSTILE))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 200))]
        elif kind == "splice" and size:
            start = draw(st.integers(0, size - 1))
            data[at:at] = data[start:start + draw(st.integers(1, 400))]
    return bytes(data)


WORK = Path(tempfile.mkdtemp(prefix="briefer-fuzz-"))
(WORK / "templates" / "t").mkdir(parents=True)
shutil.copy(ROOT / "templates" / "staff-brief" / "logo.png", WORK / "templates" / "t")


def _layout_everything(deck: Deck, template_name: str) -> None:
    """Lay out what a reader accepted: only BrieferError may come of it."""
    try:
        template = load_template(template_name)
    except BrieferError:
        template = load_template("staff-brief")
    layout(deck, template)


@FUZZ
@given(mutated(ANALYSIS))
def test_fuzzed_analysis_reads_or_fails_with_a_briefer_error(data):
    path = WORK / "analysis.md"
    path.write_bytes(data)
    with contextlib.suppress(BrieferError):  # a one-line error: the only acceptable failure
        analysis = read_analysis(path)
        layout(Deck.new(analysis, str(path)), load_template("staff-brief"))


@FUZZ
@given(mutated(BRIEF))
def test_fuzzed_brief_reads_or_fails_with_a_briefer_error(data):
    path = WORK / "deck.brief"
    path.write_bytes(data)
    with contextlib.suppress(BrieferError):  # a one-line error: the only acceptable failure
        deck = load_deck(path)
        _layout_everything(deck, deck.template)


@FUZZ
@given(mutated(TEMPLATE))
def test_fuzzed_template_loads_or_fails_with_a_briefer_error(data):
    folder = WORK / "templates" / "t"
    (folder / "template.toml").write_bytes(data)
    with contextlib.suppress(BrieferError):  # a one-line error: the only acceptable failure
        template = _parse_folder(folder)  # uncached: every example is read afresh
        layout(Deck.new(load_analysis("s400-turkiye"), "s400-turkiye"), template)
