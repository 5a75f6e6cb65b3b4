"""Inputs that once hung or broke the layout: it must always finish and never drop text."""

from __future__ import annotations

import os

import pytest

from briefer.deck.model import Deck
from briefer.errors import SourceError, TemplateError
from briefer.layout import layout
from briefer.source.library import load_analysis
from briefer.source.markdown import parse_analysis
from briefer.templates import load_template
from tests.geometry import problems, section_text


def test_a_table_header_taller_than_a_slide_becomes_bullets():
    words = " ".join(["head"] * 1900)  # taller than a slide even at the table size
    analysis = parse_analysis(f"## T {{#t .table}}\n\n| {words} | b |\n| --- | --- |\n| one | two |\n")
    laid, warnings = layout(Deck.new(analysis, "x"), load_template("plain"))
    assert problems(laid) == []
    shown = section_text(laid, "t")
    assert "headhead" in shown and "one" in shown and "b:two" in shown
    assert any("table header is too tall" in str(w) for w in warnings)


def test_a_row_taller_than_a_slide_is_split_and_finishes():
    cell = " ".join(["word"] * 900)
    analysis = parse_analysis(f"## T {{#t .table}}\n\n| a | b |\n| --- | --- |\n| {cell} | x |\n")
    laid, _ = layout(Deck.new(analysis, "x"), load_template("staff-brief"))
    assert problems(laid) == []
    assert section_text(laid, "t").count("word") == 900


def test_a_template_with_no_room_for_text_is_refused(tmp_path):
    folder = tmp_path / "huge"
    folder.mkdir()
    (folder / "template.toml").write_text(
        "[margins]\nleft = 135\nright = 135\ntop = 135\nbottom = 135\n"
        "[sizes]\n" + "".join(f"{k} = 200\n" for k in (
            "title", "subtitle", "heading", "min_heading", "body", "min_body", "footer", "banner",
            "figure")),
        encoding="utf-8")
    with pytest.raises(TemplateError, match="leave no room for text"):
        load_template(str(folder))


def test_large_but_possible_sizes_lay_out(tmp_path, hostile):
    folder = tmp_path / "large"
    folder.mkdir()
    (folder / "template.toml").write_text(
        "[sizes]\ntitle = 80\nheading = 60\nmin_heading = 40\nbody = 40\nmin_body = 36\n"
        "figure = 120\n", encoding="utf-8")
    laid, _ = layout(Deck.new(hostile, "h"), load_template(str(folder)))
    assert problems(laid) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_special_files_are_refused_not_read(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match="not a regular file"):
        load_analysis(str(fifo))
    with pytest.raises(SourceError, match="not a regular file"):
        load_analysis("/dev/zero")


def test_table_columns_are_wide_enough_for_their_longest_words():
    from briefer.layout.model import Table

    prose = " ".join(["a fairly ordinary sentence"] * 12)
    analysis = parse_analysis(
        "## T {#t .table}\n\n| Short | Long |\n| --- | --- |\n"
        f"| Interoperability | {prose} |\n| Counterintelligence | {prose} |\n")
    laid, _ = layout(Deck.new(analysis, "x"), load_template("staff-brief"))
    table = next(e for s in laid.slides for e in s.elements if isinstance(e, Table))
    first_column = [line.text for row in table.cells for p in row[0].box.paragraphs for line in p.lines]
    assert "Interoperability" in first_column and "Counterintelligence" in first_column


def test_content_that_cannot_be_shown_as_written_is_warned_once():
    analysis = parse_analysis(
        "## Empty {#empty}\n\n## Dates {#d .timeline}\n\n- 2019-02-30: impossible day\n- no date here\n\n"
        "## Figures {#f .figures}\n\n- 42\n")
    laid, warnings = layout(Deck.new(analysis, "x"), load_template("plain"))
    messages = [str(w) for w in warnings]
    assert sum("has no key points" in m for m in messages) == 1
    assert any("“no date here” has no date" in m for m in messages)
    assert any("“42” has no label" in m for m in messages)
    assert "2019-02-30" in section_text(laid, "d")
