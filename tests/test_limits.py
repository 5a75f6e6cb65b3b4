"""Bounded work for every input: what is absurd is refused in one line, what is legal stays cheap.

No timings: each test checks the refusal (and its wording) or counts the work done.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from briefer import limits
from briefer.deck import edits
from briefer.deck.model import Deck
from briefer.deck.project import load_deck
from briefer.errors import LayoutError, ProjectError, SourceError, TemplateError
from briefer.layout import frame, layout
from briefer.layout.text import Style
from briefer.source.markdown import parse_analysis, read_analysis
from briefer.templates import _parse_folder, load_template

PLAIN = Path(__file__).parents[1] / "templates" / "plain" / "template.toml"


def _analysis(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ YAML front matter

def test_yaml_alias_bomb_is_refused_before_it_grows(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = "---\n" + "\n".join(lines) + "\nsources: *a8\n---\n\n## S\n\n- x\n"
    with pytest.raises(SourceError, match=r"a\.md: front matter uses a YAML alias \(line 3\)"):
        read_analysis(_analysis(tmp_path, text))


def test_a_single_alias_is_refused_too():
    with pytest.raises(SourceError, match="alias"):
        parse_analysis("---\ntitle: &t Hello\nsubtitle: *t\n---\n\n## S\n")


@pytest.mark.parametrize("value", ["[" * 3000, "{a: " * 1500])
def test_deeply_nested_front_matter_is_refused(value):
    with pytest.raises(SourceError, match=r"front matter is nested too deeply \(line 2\)"):
        parse_analysis(f"---\nsources: {value}\n---\n\n## S\n")


# ------------------------------------------------------------------ analysis limits

def test_an_analysis_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.md"
    with open(path, "wb") as handle:  # sparse: the test writes nothing like 19 MB
        handle.truncate(19_000_000)
    with pytest.raises(SourceError, match=r"big\.md is too large \(19 MB; at most 2 MB\)"):
        read_analysis(path)


@pytest.mark.parametrize(("text", "message"), [
    ("## S\n\n- " + "[" * 1_000_000, r"too much Markdown markup \(1,000,00\d of the characters"),
    ("## S\n\n- " + "*a" * 60_000, r"too much Markdown markup \(60,00\d of the characters"),
    ("## S\n\n" + "### h\n" * 60_000, r"too many lines \(60,00\d; at most 50,000\)"),
    ("## S {" + "a=b " * 100_000 + "}\n", r"heading 1 is too long \(400,00\d characters; at most 2,000"),
])
def test_markup_that_parses_slowly_is_refused_before_parsing(monkeypatch, text, message):
    """markdown-it takes some 40 us per character of "[[[[…" (70 s for 2 MB): counted first."""
    from briefer.source import markdown

    parsed: list[str] = []
    real = markdown._MD.parse
    monkeypatch.setattr(markdown._MD, "parse", lambda t: parsed.append(t) or real(t))
    with pytest.raises(SourceError, match=message):
        parse_analysis(text)
    assert parsed == [] or "heading" in message  # a long heading is found while walking tokens


def test_markup_within_the_limit_is_parsed():
    text = "## S\n\n" + "".join("- " + "[" * 4_000 + "\n" for _ in range(12))
    assert len(parse_analysis(text).sections[0].points) == 12


def test_too_many_sections_are_refused_naming_the_limit():
    text = "".join(f"## Section {i}\n\n- point\n\n" for i in range(limits.MAX_SECTIONS + 1))
    with pytest.raises(SourceError, match=r"too many sections \(more than 500"):
        parse_analysis(text)
    assert len(parse_analysis("".join(f"## S{i}\n\n- p\n\n" for i in range(500))).sections) == 500


def test_too_many_bullets_are_refused_naming_the_section():
    text = "## Crowded {#crowded}\n\n" + "".join(f"- point {i}\n" for i in range(201))
    with pytest.raises(SourceError, match=r"section 'crowded' has too many key points"):
        parse_analysis(text)


@pytest.mark.parametrize(("body", "culprit"), [
    ("- " + "word " * 2001, r"section 's': key point 1 is too long \(10,004 characters"),
    ("| a | b |\n| - | - |\n| " + "x" * 10_001 + " | y |", "section 's': table cell is too long"),
    ("".join(f"| {i} |\n" if i else "| h |\n| - |\n" for i in range(502)),
     r"section 's': table has too many rows \(501; at most 500\)"),
])
def test_overlong_section_content_names_section_and_part(body, culprit):
    with pytest.raises(SourceError, match=culprit):
        parse_analysis(f"## S {{#s}}\n\n{body}\n")


def test_overlong_titles_are_refused():
    with pytest.raises(SourceError, match=r"section 'x': title is too long \(301 characters"):
        parse_analysis("## " + "t" * 301 + " {#x}\n\n- p\n")
    with pytest.raises(SourceError, match=r"front matter 'title' is too long"):
        parse_analysis("---\ntitle: " + "word " * 5000 + "\n---\n\n## S\n")


# ------------------------------------------------------------------ .brief limits

def _brief(tmp_path: Path, payload: dict) -> Path:
    data = {"format": "briefer-deck", "version": 1, "analysis": "s400-turkiye", **payload}
    path = tmp_path / "d.brief"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_brief_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.brief"
    with open(path, "wb") as handle:
        handle.truncate(19_000_000)
    with pytest.raises(ProjectError, match=r"big\.brief is too large \(19 MB; at most 5 MB\)"):
        load_deck(path)


def test_a_deck_too_large_to_load_is_not_saved(tmp_path, deck, monkeypatch):
    from briefer.deck.project import save_deck

    monkeypatch.setattr(limits, "MAX_DECK_BYTES", 500)
    with pytest.raises(ProjectError, match=r"cannot save .*d\.brief: the deck would be \d+ KB "
                                           r"\(at most 500 bytes\)"):
        save_deck(deck, tmp_path / "d.brief")
    assert not (tmp_path / "d.brief").exists()


def test_edits_beyond_the_limits_name_the_section(tmp_path):
    many = _brief(tmp_path, {"edits": {"bluf": {"points": [[0, "p"]] * 201}}})
    with pytest.raises(ProjectError, match=r"d\.brief: the edited section 'bluf' has too many key"):
        load_deck(many)
    long = _brief(tmp_path, {"edits": {"bluf": {"title": "t" * 301}}})
    with pytest.raises(ProjectError, match=r"'bluf': title is too long \(301 characters; at most"):
        load_deck(long)
    meta = _brief(tmp_path, {"meta": {"title": "word " * 5000}})
    with pytest.raises(ProjectError, match=r"d\.brief: the deck's title is too long"):
        load_deck(meta)


def test_layout_refuses_text_typed_beyond_the_limits(deck):
    """The app lays out what the user types; pasting a novel as the title is refused, not slow."""
    huge = edits.set_meta(deck, title="word " * 100_000).apply(deck)
    with pytest.raises(LayoutError, match=r"the deck's title is too long \(500,000 characters"):
        layout(huge, load_template("staff-brief"))


# ------------------------------------------------------------------ footer and fonts

def _footer_style() -> Style:
    template = load_template("staff-brief")
    return Style(template.body_font, template.size("footer"), "#000000")


@pytest.mark.parametrize("words", [5_000, 1_000_000])
def test_footer_fitting_wraps_a_bounded_number_of_times(monkeypatch, words):
    """Dropping one word at a time took 5,000 wraps of a 5,000-word title (11 s); bisection on
    text cut to one line's worth takes a few dozen short ones."""
    calls: list[int] = []
    real = frame.make_block

    def counting(text, style, width, **kw):
        calls.append(len(text))
        return real(text, style, width, **kw)

    monkeypatch.setattr(frame, "make_block", counting)
    text = " ".join(f"word{i}" for i in range(words))
    block = frame._one_line(text, _footer_style(), 280.0)
    assert len(block.lines) == 1
    assert block.lines[0].startswith("word0 word1") and block.lines[0].endswith("…")
    assert len(calls) <= 40
    assert max(calls) <= 280.0 / (frame.FOOTER_FLOOR * frame.NARROWEST_EM) + 10


def test_footer_keeps_as_many_words_as_fit():
    style = _footer_style()
    text = " ".join(f"w{i}" for i in range(400))
    line = frame._one_line(text, style, 300.0).lines[0]
    kept = len(line.split()) - 1
    longer = " ".join(text.split()[: kept + 1]) + " …"
    assert len(frame.make_block(longer, style, 300.0).lines) > 1  # one size: never shrunk


def test_footer_fields_are_substituted_once():
    """A title that itself says "{page}" is printed as written, not numbered."""
    assert frame._fill("{title} · {page}", {"title": "{page} plan", "page": "3"}) == "{page} plan · 3"


def test_a_footer_pattern_repeated_thousands_of_times_is_refused(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    text = PLAIN.read_text(encoding="utf-8").replace('left = "{title}"',
                                                     'left = "' + "{title} · " * 20_000 + '"')
    (folder / "template.toml").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match=r"footer\.left is too long \(200,000 characters"):
        _parse_folder(folder)


def test_a_footer_pattern_at_the_limit_still_lays_out(tmp_path, deck):
    folder = tmp_path / "t"
    folder.mkdir()
    pattern = "{title} " * (limits.MAX_FOOTER_PATTERN_CHARS // 8)
    text = PLAIN.read_text(encoding="utf-8").replace('left = "{title}"', f'left = "{pattern}"')
    (folder / "template.toml").write_text(text, encoding="utf-8")
    long_title = edits.set_meta(deck, title="word " * 59).apply(deck)
    laid, _ = layout(long_title.with_selection(["background"]), load_template(str(folder)))
    footers = [e for s in laid.slides for e in s.elements if getattr(e, "role", "") == "footer-left"]
    assert footers and all(len(f.paragraphs[0].lines) == 1 for f in footers)


def test_a_giant_font_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    folder = tmp_path / "t"
    folder.mkdir()
    text = PLAIN.read_text(encoding="utf-8").replace("Carlito-Regular.ttf", "big.ttf")
    (folder / "template.toml").write_text(text, encoding="utf-8")
    with open(folder / "big.ttf", "wb") as handle:  # sparse: 3 GB on paper, nothing on disk
        handle.truncate(3_000_000_000)
    measured: list[Path] = []
    monkeypatch.setattr("briefer.layout.measure.metrics", measured.append)
    with pytest.raises(TemplateError, match=r"font file big\.ttf is too large \(3,000 MB; at most 50"):
        _parse_folder(folder)
    assert not any(p.name == "big.ttf" for p in measured)  # refused on its size, never opened


def test_font_reading_never_reads_past_the_limit(tmp_path, monkeypatch):
    from briefer.layout.measure import read_font

    path = tmp_path / "f.ttf"
    path.write_bytes(load_template("plain").body_font.file.read_bytes())
    monkeypatch.setattr(limits, "MAX_FONT_BYTES", 1000)
    with pytest.raises(ValueError, match="larger than 1000 bytes"):
        read_font(path)


def test_worst_legal_analysis_is_read_and_laid_out(tmp_path):
    """Near the size limit, with the longest bullets allowed: read and laid out, nothing lost."""
    bullet = "- " + ("lorem ipsum dolor sit amet " * 370)[: limits.MAX_TEXT_CHARS - 10] + "\n"
    sections = "".join(f"## S{i}\n\n" + bullet * 20 for i in range(9))
    path = _analysis(tmp_path, sections)
    assert limits.MAX_ANALYSIS_BYTES * 0.85 < os.path.getsize(path) <= limits.MAX_ANALYSIS_BYTES
    analysis = read_analysis(path)
    deck = Deck.new(analysis, str(path), "plain")
    laid, warnings = layout(replace(deck, meta=replace(deck.meta, title="t")), load_template("plain"))
    assert len(laid.slides) > 1000
