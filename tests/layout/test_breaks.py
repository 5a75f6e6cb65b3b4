"""The line breaker's shortcuts give uniseg's own answers: the class table, the rules for words
of letters, digits and address punctuation, and whole texts cut into segments."""

from __future__ import annotations

import itertools
import random
import sys

import pytest
from uniseg.linebreak import line_break, line_break_breakables, line_break_units

from briefer.layout import breaks
from briefer.layout.breaks import after_hyphens, segments

TRICKY = [
    "https://example.org/report/12", "http://www.reuters.com/world/middle-east/turkey-s-400-2025-12-01/",
    "https://en.wikipedia.org/wiki/S-400_(missile)", "ftp://a.b/c?d=1&e=2#f", "(https://x.org/a-1)",
    "https://x.org/search?q=s-400&lang=tr#top", "www.sipri.org/databases/armstransfers",
    "mailto:desk@example.org", "US$1.2bn", "€5.4", "₺1.2", "1,000.50%", "$(100)", "-abc", "--",
    "a--1", "1-2-3", "2019–2021", "S-400s", "F-35A/B/C", "10/12/2025", "v1.2.3-rc.1", "path/to/file.md",
    "C:\\dir\\x", "a|b", "x{1}", "[1]", "(a)b", "a)(b", "+90", "50°", "1/2/", "a//b", "//", "http://",
    "x-", "-1", "a-1", "--1", "!1", "1!", "a.b.c", "1.2.3", "(1)", "[a]b", "a[1]", "$-1", "%(1)",
    # hyphenated words beyond the class table's scripts: ideographs break between each other
    "東京-大阪", "東京–大阪間", "서울-부산", "ქართული-ენა", "مرحبا-بك", "ไทย-ลาว", "Türkiye-東京",
]


def uniseg_units(word: str) -> tuple[str, ...]:
    """What the breaker asked uniseg before it had shortcuts."""
    return tuple(line_break_units(word, tailor=after_hyphens)) or (word,)


def table_characters() -> list[str]:
    chars = [chr(cp) for cp in range(0x20, 0x530)] + list(breaks._ASCII_CLASSES)
    return [c for c in chars if breaks.table_class(c) is not None]


def test_class_table_agrees_with_uniseg():
    chars = table_characters()
    assert {"a", "Ş", "Ж", "ω", "7", "/", "€"} <= set(chars)
    wrong = [(c, breaks.table_class(c), line_break(c).name) for c in chars
             if breaks.table_class(c) != line_break(c).name]
    assert not wrong


def _representatives() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in table_characters():
        kind = breaks.table_class(c)
        if kind in breaks._RULED:
            out.setdefault(kind, []).append(c)
    return out


def test_rules_agree_with_uniseg_on_every_short_class_sequence():
    """Every sequence of up to three of the ruled classes (the rules look back through runs of
    separators, so the sequences are also checked much longer below; up to five classes were
    checked once by hand, 271,452 words)."""
    reps = _representatives()
    assert set(reps) == breaks._RULED
    kinds = sorted(reps)
    for length in (1, 2, 3):
        for combo in itertools.product(kinds, repeat=length):
            word = "".join(reps[k][0] for k in combo)
            expected = after_hyphens(word, list(line_break_breakables(word)))
            assert after_hyphens(word, breaks._table_breaks(list(combo))) == expected, (word, combo)


def test_rules_agree_with_uniseg_on_long_random_words():
    chars = [c for group in _representatives().values() for c in group]
    rng = random.Random(14)
    for _ in range(400):
        word = "".join(rng.choice(chars) if rng.random() < 0.5 else rng.choice("ab19-./:?=&%(") for _ in
                       range(rng.randint(4, 40)))
        classes = [breaks.table_class(c) for c in word]
        expected = after_hyphens(word, list(line_break_breakables(word)))
        assert after_hyphens(word, breaks._table_breaks(classes)) == expected, word


@pytest.mark.parametrize("word", TRICKY)
def test_words_cut_as_uniseg_cuts_them(word):
    assert breaks._inner.__wrapped__(word) == uniseg_units(word)


def test_text_cut_at_spaces_and_inside_addresses():
    assert segments("see https://example.org/report/12, (https://x.org/a-1) and F-35s.") == (
        "see ", "https://", "example.org/", "report/", "12, ", "(https://", "x.org/", "a-", "1) ",
        "and ", "F-", "35s.")


def test_web_addresses_need_no_uniseg(monkeypatch):
    monkeypatch.setitem(sys.modules, "uniseg.linebreak", None)  # importing it would fail
    assert breaks._inner.__wrapped__("https://example.org/report/12?x=1&y=(2)") == (
        "https://", "example.org/", "report/", "12?", "x=1&y=(2)")
