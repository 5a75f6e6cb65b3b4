"""The layout engine: order, continuation slides, nothing dropped, nothing outside its box."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer.dates import format_timeline_date
from briefer.deck.model import Deck
from briefer.layout import layout
from briefer.layout.measure import metrics, wrap
from briefer.source.model import Analysis, AnalysisMeta, Bullet, Section
from briefer.templates import load_template
from tests.conftest import REQUIRED, TEMPLATES
from tests.geometry import problems, section_text, text_boxes


def _squash(text: str) -> str:
    return "".join(text.split())


def assert_every_point_shown(laid, analysis, style: str | None = None) -> None:
    """Every bullet's words appear on its section's slides (dates as the timeline shows them)."""
    for section in analysis.sections:
        shown = section_text(laid, section.id)
        for point in section.points:
            value, _, label = point.text.partition(": ")
            value = format_timeline_date(value, style) if section.kind == "timeline" else value
            assert _squash(point.text) in shown or (
                _squash(value) in shown and _squash(label) in shown), point.text[:40]


@pytest.mark.parametrize("name", TEMPLATES)
def test_builtin_deck_lays_out_cleanly(deck, name):
    laid, warnings = layout(replace(deck, template=name), load_template(name))
    assert problems(laid) == []
    assert laid.slides[0].kind == "title"
    assert warnings == []


def test_order_follows_the_selection(deck):
    chosen = deck.with_selection(list(reversed(REQUIRED)))
    laid, _ = layout(chosen, load_template("staff-brief"))
    titles = [s.title for s in laid.slides if s.kind == "content"]
    expected = [chosen.section(i).title for i in reversed(REQUIRED)]
    assert titles == expected
    agenda = next(s for s in laid.slides if s.kind == "agenda")
    body = next(b for b in text_boxes(agenda) if b.role == "body")
    assert [p.text for p in body.paragraphs] == expected


def test_hostile_analysis_keeps_every_word_in_its_box(hostile):
    deck = Deck.new(hostile, "hostile")
    for name in TEMPLATES:
        laid, warnings = layout(replace(deck, template=name), load_template(name))
        assert problems(laid) == [], name
        assert_every_point_shown(laid, hostile, load_template(name).date_style)
        assert any("continues on" in str(w) for w in warnings)


def test_long_sections_continue_with_cont_titles(hostile):
    deck = Deck.new(hostile, "hostile").with_selection(["many", "long"])
    laid, _ = layout(deck, load_template("plain"))
    titles = [s.title for s in laid.slides if s.section_id == "long"]
    assert len(titles) >= 2
    assert titles[0] == "One bullet of six hundred words"
    assert all(t == "One bullet of six hundred words (cont.)" for t in titles[1:])
    assert sum(1 for s in laid.slides if s.bookmark == titles[0]) == 1


def test_text_never_shrinks_below_the_minimum(hostile):
    template = load_template("think-tank")
    laid, _ = layout(Deck.new(hostile, "hostile"), template)
    for slide in laid.slides:
        for box in text_boxes(slide):
            if box.role in ("body", "cell", "timeline-label", "figure"):
                floor = template.size("min_table" if box.role == "cell" else "min_body")
                for paragraph in box.paragraphs:  # data tables have their own, denser floor
                    assert paragraph.size >= floor - 0.01


def test_overlong_words_are_broken_not_overflowing():
    m = metrics(load_template("plain").body_font.file)
    url = "https://example.com/" + "x" * 200
    lines = wrap(url, m, 20, 300)
    assert "".join(lines) == url
    assert all(m.width(line, 20) <= 300 for line in lines)


def test_numbering_and_backup(hostile):
    laid, _ = layout(Deck.new(hostile, "hostile"), load_template("staff-brief"))
    numbers = [s.number for s in laid.slides]
    main = [n for n in numbers if " of " in n]
    total = len(main)
    assert main == [f"{i} of {total}" for i in range(1, total + 1)]
    divider = next(i for i, s in enumerate(laid.slides) if s.kind == "divider")
    assert all(n.startswith("B-") for n in numbers[divider + 1:])
    assert numbers[divider + 1] == "B-1"


# ------------------------------------------------------------------ property: never overflows

_word = st.text(
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyzğüşıöçİĞÜŞÖÇ ТриумфΑιγαίο&<>—-./")),
    min_size=1, max_size=60,
)


@st.composite
def _sections(draw):
    count = draw(st.integers(1, 4))
    sections = []
    for i in range(count):
        points = []
        previous = -1
        for _ in range(draw(st.integers(0, 25))):
            level = draw(st.integers(0, min(previous + 1, 2)))
            words = draw(st.lists(_word, min_size=1, max_size=80))
            text = " ".join(" ".join(words).split()) or "x"
            points.append(Bullet(text, level))
            previous = level
        kind = draw(st.sampled_from(["bullets", "bullets", "timeline", "figures", "summary"]))
        title = " ".join(draw(st.lists(_word, min_size=1, max_size=12)).__iter__()).strip() or "T"
        sections.append(Section(id=f"s{i}", title=" ".join(title.split()), kind=kind,
                                points=tuple(points)))
    return Analysis(AnalysisMeta(title="Property"), tuple(sections))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sections(), st.sampled_from(TEMPLATES))
def test_random_text_never_overflows(analysis, name):
    laid, _ = layout(Deck.new(analysis, "generated"), load_template(name))
    assert problems(laid) == []
    assert_every_point_shown(laid, analysis, load_template(name).date_style)


def test_missing_glyphs_and_empty_selection_are_warned(deck):
    from briefer.deck import edits

    chinese = edits.edit_section(deck, "background", title="背景 Background").apply(deck)
    _, warnings = layout(chinese, load_template("plain"))
    assert any("have a glyph" in str(w) and "背" in str(w) for w in warnings)
    empty = edits.select_all(deck, False).apply(deck)
    laid, warnings = layout(empty, load_template("plain"))
    assert [s.kind for s in laid.slides] == ["title", "sources"]
    assert any("no sections are selected" in str(w) for w in warnings)


def test_bullets_stay_whole_and_splits_leave_no_lone_lines():
    from briefer.layout.text import Style, make_block, paginate

    template = load_template("plain")
    style = Style(template.body_font, 20, "#000000")
    short = [make_block(" ".join(["word"] * 30), style, 400) for _ in range(6)]
    pages = paginate(short, 200)
    assert all(b.bullet is None for p in pages for b in p)  # no bullets given: none invented
    lines = [len(b.lines) for p in pages for b in p]
    assert lines == [len(b.lines) for b in short]  # nothing was split: each moved whole
    long = make_block(" ".join(["word"] * 400), style, 400)
    pages = paginate([short[0], long], 200)
    pieces = [len(b.lines) for p in pages for b in p][1:]
    assert sum(pieces) == len(long.lines)
    assert min(pieces) >= 2
