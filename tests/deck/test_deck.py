"""Deck, edits (apply/revert) and the .brief file."""

from __future__ import annotations

import json

import pytest

from briefer.deck import edits
from briefer.deck.model import format_bullet_lines, parse_bullet_lines
from briefer.deck.project import load_deck, save_deck
from briefer.errors import ProjectError
from briefer.source.model import Bullet
from tests.conftest import REQUIRED


def test_selection_keeps_order_and_rejects_unknown_ids(deck):
    chosen = deck.with_selection(list(reversed(REQUIRED)))
    assert chosen.selected_ids == tuple(reversed(REQUIRED))
    assert len(chosen.entries) == len(deck.entries)
    with pytest.raises(ProjectError, match="unknown section id: nope"):
        deck.with_selection(["background", "nope"])
    with pytest.raises(ProjectError, match="listed twice"):
        deck.with_selection(["background", "background"])


def test_every_edit_reverts_exactly(deck):
    makers = [
        lambda d: edits.toggle(d, "background", False),
        lambda d: edits.move(d, "outlook", 0),
        lambda d: edits.select_all(d, False),
        lambda d: edits.edit_section(d, "background", title="New title",
                                     points=(Bullet("Only point"), Bullet("Sub", 1))),
        lambda d: edits.set_meta(d, title="Other", classification="SECRET"),
        lambda d: edits.SetTemplate(d.template, "plain"),
        lambda d: edits.SetOption("agenda", None, False),
    ]
    current = deck
    history = [current]
    steps = []
    for make in makers:
        step = make(current)
        steps.append(step)
        current = step.apply(current)
        assert current != history[-1]
        history.append(current)
    for step in reversed(steps):
        history.pop()
        current = step.revert(current)
        assert current == history[-1]
    assert current == deck


def test_section_edit_applies_and_clears(deck):
    edit = edits.edit_section(deck, "background", title="Shorter")
    edited = edit.apply(deck)
    assert edited.section("background").title == "Shorter"
    assert edited.analysis.section("background").title == "Background"
    back = edits.edit_section(edited, "background", title="Background").apply(edited)
    assert "background" not in back.edits


def test_bullet_editor_text_round_trip():
    text = "First\n  Sub\n      Too deep\n\n• Bulleted\n\tTabbed"
    points = parse_bullet_lines(text)
    assert points == (Bullet("First", 0), Bullet("Sub", 1), Bullet("Too deep", 2),
                      Bullet("Bulleted", 0), Bullet("Tabbed", 1))
    assert parse_bullet_lines(format_bullet_lines(points)) == points


def test_brief_file_round_trip(deck, tmp_path):
    deck = edits.edit_section(deck, "financial-issues", points=(Bullet("Edited ğ"),)).apply(deck)
    deck = deck.with_selection(["financial-issues", "background"])
    deck = edits.set_meta(deck, presenter="Maj. Ayşe Yılmaz").apply(deck)
    path = tmp_path / "my deck.brief"
    save_deck(deck, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "briefer-deck" and data["version"] == 1
    again = load_deck(path)
    assert again.entries == deck.entries
    assert again.meta == deck.meta
    assert dict(again.edits) == dict(deck.edits)
    assert again.section("financial-issues").points == (Bullet("Edited ğ"),)


def test_brief_with_a_relative_analysis_path(tmp_path, hostile_path):
    from briefer.deck.model import Deck
    from briefer.source.library import load_analysis

    local = tmp_path / "analysis.md"
    local.write_text(hostile_path.read_text(encoding="utf-8"), encoding="utf-8")
    deck = Deck.new(load_analysis(str(local)), str(local))
    save_deck(deck, tmp_path / "d.brief")
    assert json.loads((tmp_path / "d.brief").read_text())["analysis"] == "analysis.md"
    assert load_deck(tmp_path / "d.brief").analysis == deck.analysis


def _deck(extra: str) -> str:
    return '{"format": "briefer-deck", "version": 1, "analysis": "s400-turkiye", ' + extra + "}"


def test_odd_but_valid_values_are_normalised(tmp_path):
    path = tmp_path / "odd.brief"
    path.write_text(_deck('"meta": {"title": null}, '
                          '"edits": {"bluf": {"points": [[-5, "a"], [7, "b"], [1, "c"]]}}'))
    deck = load_deck(path)
    assert deck.meta.title == ""
    assert [p.level for p in deck.section("bluf").points] == [0, 1, 1]


def test_sections_the_analysis_lost_are_kept_and_reported(tmp_path, deck):
    from briefer.layout import layout
    from briefer.templates import load_template

    path = tmp_path / "old.brief"
    path.write_text(_deck('"sections": [{"id": "ghost", "included": true}, {"id": "bluf"}], '
                          '"edits": {"ghost": {"title": "Kept edit"}}'))
    loaded = load_deck(path)
    assert loaded.selected_ids[0] == "bluf"
    assert dict(loaded.orphans) == {"ghost": {"included": True, "edit": {"title": "Kept edit"}}}
    _, warnings = layout(loaded, load_template("plain"))
    assert any("no longer has section ghost" in str(w) for w in warnings)
    save_deck(loaded, tmp_path / "again.brief")
    data = json.loads((tmp_path / "again.brief").read_text())
    assert {"id": "ghost", "included": True} in data["sections"]
    assert data["edits"]["ghost"] == {"title": "Kept edit"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a briefer deck"),
        ('{"format": "other"}', "not a briefer deck"),
        ('{"format": "briefer-deck", "version": 99, "analysis": "s400-turkiye"}', "newer briefer"),
        (_deck('"sections": [{"id": "bluf", "included": "false"}]'), "must be true or false"),
        (_deck('"sections": [{"id": "bluf"}, {"id": "bluf"}]'), "listed twice"),
        (_deck('"meta": {"title": 5}'), "meta.title must be text"),
        (_deck('"options": {"agenda": "no"}'), "options.agenda must be true or false"),
        (_deck('"options": {"fancy": true}'), "unknown slide option"),
        (_deck('"edits": {"bluf": {"points": [["x", "y"]]}}'), "\\[level, text\\] pairs"),
        (_deck('"edits": {"bluf": {"title": 5}}'), "title must be text"),
        ('{"format": "briefer-deck", "version": 1, "analysis": "s400-turkiye", "sections": 5}',
         "'sections' must be a list"),
    ],
)
def test_bad_brief_files(tmp_path, content, message):
    path = tmp_path / "bad.brief"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProjectError, match=message):
        load_deck(path)
