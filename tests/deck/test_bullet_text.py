"""The key-points text box as text: links shown as Markdown `[words](URL)` and read back with
the analysis reader's own code, so writing a bullet back never loses or moves a link."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from briefer import limits
from briefer.deck.model import format_bullet_lines, parse_bullet_lines
from briefer.source.builder import normalise
from briefer.source.markdown import _normalised, parse_analysis, read_inline, write_analysis
from briefer.source.model import Bullet

REUTERS = Bullet("See the Reuters report on the deal", 0, ((8, 22, "https://example.com/r"),))


def test_a_link_is_shown_as_markdown_and_read_back():
    text = format_bullet_lines((REUTERS, Bullet("Plain words", 1)))
    assert text == "See the [Reuters report](https://example.com/r) on the deal\n  Plain words"
    assert parse_bullet_lines(text) == (REUTERS, Bullet("Plain words", 1))


def test_typed_links_words_and_urls_change_as_typed():
    points = parse_bullet_lines(
        "See the [Reuters wire report](https://example.com/r2) on the deal\n"
        "  [NATO](https://nato.int) and [SIPRI](<https://sipri.org/db (2024)>) agree")
    assert points[0] == Bullet("See the Reuters wire report on the deal", 0,
                               ((8, 27, "https://example.com/r2"),))
    assert points[1].text == "NATO and SIPRI agree"
    assert points[1].links == ((0, 4, "https://nato.int"),
                               (9, 14, "https://sipri.org/db%20(2024)"))  # as the reader has it
    assert parse_bullet_lines("See the Reuters report on the deal") == (
        Bullet("See the Reuters report on the deal"),)  # brackets gone: the link is gone


def test_markdown_characters_in_the_words_are_escaped_only_where_they_would_be_read():
    points = (Bullet("Marked *draft* copy", 0), Bullet("5 * 3 = 15 and a_b_c", 0),
              Bullet("- not a marker", 1), Bullet("• nor this", 1), Bullet("[not a link]", 0),
              Bullet("Path C:\\temp\\*", 0), Bullet("&amp; stays", 0),
              Bullet("Costs *rose* per SIPRI", 0, ((17, 22, "https://sipri.org/(x)"),)))
    text = format_bullet_lines(points)
    assert parse_bullet_lines(text) == points
    lines = text.splitlines()
    assert lines[1] == "5 * 3 = 15 and a_b_c"  # nothing to escape: shown as typed
    assert lines[0] == r"Marked \*draft\* copy"
    assert lines[-1] == r"Costs \*rose\* per [SIPRI](https://sipri.org/(x))"


def test_a_link_whose_words_also_come_before_it_keeps_its_place():
    """Links are placed by where they are in the line, not by searching for their words."""
    point = Bullet("Reuters said so (Reuters)", 0, ((17, 24, "https://r.example"),))
    assert format_bullet_lines((point,)) == "Reuters said so ([Reuters](https://r.example))"
    assert parse_bullet_lines(format_bullet_lines((point,))) == (point,)
    analysis = parse_analysis("## S\n\n- Reuters said so ([Reuters](https://r.example))\n")
    assert analysis.sections[0].points == (point,)
    assert parse_analysis(write_analysis(analysis)) == analysis


_WORD = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S"),
                              include_characters="*_`[]<>&!\\#|{}~"), min_size=1, max_size=8)


@st.composite
def _points(draw):
    points, previous = [], -1
    for _ in range(draw(st.integers(1, 4))):
        words = draw(st.lists(_WORD, min_size=1, max_size=8))
        text = " ".join(words)
        links, at, cursor = [], 0, 0
        for n, word in enumerate(words):  # a link over some whole words, apart from the next
            if draw(st.booleans()) and n >= cursor:
                last = min(len(words), n + draw(st.integers(1, 2)))
                start = at
                end = start + len(" ".join(words[n:last]))
                url = "https://example.org/" + draw(st.from_regex(r"[a-z0-9/._~()-]{0,12}",
                                                                  fullmatch=True))
                links.append((start, end, url))
                cursor = last + 1
            at += len(word) + 1
        level = draw(st.integers(0, min(previous + 1, 2)))
        points.append(Bullet(text, level, tuple(links)))
        previous = level
    return tuple(points)


@settings(max_examples=300, deadline=None)
@given(_points())
def test_any_bullets_read_back_exactly(points):
    assert parse_bullet_lines(format_bullet_lines(points)) == points


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_characters=limits.MARKUP + "\0"), max_size=60))
def test_a_line_without_markdown_characters_reads_as_its_words(body):
    """So the text box skips markdown-it for such lines without reading them differently."""
    assert read_inline(body) == (normalise(body), ())
    assert _normalised(body)[0] == normalise(body)


def test_an_over_long_line_is_not_given_to_markdown_it():
    """Pasted megabytes of '[' would take markdown-it minutes; the line is refused by the
    limits anyway, so it is kept as words."""
    line = "[" * (limits.MAX_TEXT_CHARS * 20)
    started = time.perf_counter()
    points = parse_bullet_lines(line)
    assert time.perf_counter() - started < 0.5
    assert points == (Bullet(line),)
