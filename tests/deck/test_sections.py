"""Sections made, copied, deleted and imported in the app: exact undo, saved in .brief files,
written back as an analysis."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from briefer.deck import edits
from briefer.deck.analysis import save_analysis
from briefer.deck.model import NO_TABLE, Deck
from briefer.deck.project import load_deck, save_deck
from briefer.errors import ProjectError
from briefer.source.markdown import read_analysis
from briefer.source.model import Analysis, Bullet, Figure, Table


def _png(color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, format="PNG")
    return out.getvalue()


def _apply_all(deck: Deck, makers) -> Deck:
    history, steps = [deck], []
    for make in makers:
        step = make(history[-1])
        steps.append(step)
        history.append(step.apply(history[-1]))
        assert history[-1] != history[-2]
    current = history[-1]
    for step in reversed(steps):
        history.pop()
        current = step.revert(current)
        assert current == history[-1]
    return history[-1]


def test_add_duplicate_delete_and_field_edits_revert_exactly(deck):
    makers = [
        lambda d: edits.new_section(d, "background", "Late development"),
        lambda d: edits.duplicate_section(d, "outlook"),
        lambda d: edits.delete_section(d, "financial-issues", 2),
        lambda d: edits.edit_section(d, "late-development", kind="table",
                                     table=Table(("A", "B"), (("1", "2"),)), points=()),
        lambda d: edits.edit_section(d, "outlook", kind="closing", classification="SECRET"),
        lambda d: edits.edit_section(d, "background", backup=True, sources=("https://x.org",)),
    ]
    assert _apply_all(deck, makers) == deck


def test_new_sections_go_after_the_current_one_with_unique_ids(deck):
    one = edits.new_section(deck, "background").apply(deck)
    two = edits.new_section(one, "background").apply(one)
    order = list(two.order)
    at = order.index("background")
    assert order[at + 1:at + 3] == ["new-section-2", "new-section"]
    assert two.section("new-section-2").points == (Bullet("Key point"),)
    copy = edits.duplicate_section(two, "background").apply(two)
    assert copy.section("background-copy").points == deck.section("background").points
    assert copy.section("background-copy").title == "Background (copy)"


def test_deleting_names_the_slides_and_leaves_no_trace(deck):
    step = edits.delete_section(deck, "background", 3)
    assert step.label == "Delete “Background” (3 slides)"
    gone = step.apply(deck)
    assert not gone.has("background") and "background" in gone.removed


def test_edit_back_to_the_original_clears_it(deck):
    marked = edits.edit_section(deck, "background", classification="SECRET").apply(deck)
    assert marked.section("background").classification == "SECRET"
    plain = edits.edit_section(marked, "background", classification=None).apply(marked)
    assert "background" not in plain.edits
    table = edits.edit_section(deck, "options", table=None).apply(deck)
    assert table.edits["options"].table == NO_TABLE and table.section("options").table is None


def test_brief_round_trip_keeps_added_removed_and_pictures(deck, tmp_path):
    figure = Figure("dropped.png", "A map", _png())
    deck = edits.new_section(deck, None, "Late development").apply(deck)
    deck = edits.edit_section(deck, "late-development", kind="timeline",
                              points=(Bullet("2025-01: It began"),), images=(figure,),
                              classification="CUI").apply(deck)
    deck = edits.delete_section(deck, "background").apply(deck)
    deck = edits.edit_section(deck, "outlook", backup=True, kind="figures",
                              table=Table(("x",), (("y",),))).apply(deck)
    path = tmp_path / "d.brief"
    save_deck(deck, path)
    data = json.loads(path.read_text())
    assert data["version"] == 2 and data["removed"] == ["background"]
    assert (tmp_path / data["edits"]["late-development"]["images"][0]["file"]).is_file()
    back = load_deck(path)
    assert back.order == deck.order and back.removed == deck.removed
    assert back.section("outlook") == deck.section("outlook")
    new = back.section("late-development")
    assert (new.kind, new.points, new.classification) == ("timeline", deck.section(
        "late-development").points, "CUI")
    assert new.image.caption == "A map"
    assert Image.open(io.BytesIO(new.image.data)).size == (40, 30)


def test_a_blank_deck_saves_without_an_analysis(tmp_path):
    deck = Deck.new(Analysis(), "")
    deck = edits.new_section(deck, None, "Only").apply(deck)
    path = tmp_path / "blank.brief"
    save_deck(deck, path)
    assert load_deck(path).section("only").title == "Only"


def test_a_deck_picture_outside_its_folder_is_not_read(tmp_path, deck):
    secret = tmp_path / "secret.png"
    secret.write_bytes(_png())
    inner = tmp_path / "in"
    inner.mkdir()
    data = {"format": "briefer-deck", "version": 2, "analysis": "s400-turkiye",
            "added": {"x": {"title": "X", "images": [{"file": "../secret.png"}]}},
            "sections": [{"id": "x", "included": True}]}
    (inner / "d.brief").write_text(json.dumps(data))
    assert load_deck(inner / "d.brief").section("x").image.data == b""
    data["added"]["x"]["kind"] = "slides"
    (inner / "d.brief").write_text(json.dumps(data))
    with pytest.raises(ProjectError, match="kind"):
        load_deck(inner / "d.brief")


def test_save_analysis_writes_a_reusable_analysis(deck, tmp_path):
    deck = edits.new_section(deck, None, "Late development").apply(deck)
    deck = edits.edit_section(deck, "late-development", kind="table", points=(),
                              table=Table(("When", "What"), (("Today", "It began"),)),
                              images=(Figure("x.png", "Pic", _png("blue")),)).apply(deck)
    deck = edits.delete_section(deck, "background").apply(deck)
    deck = edits.toggle(deck, "outlook", False).apply(deck)
    path = tmp_path / "out" / "mine.md"
    path.parent.mkdir()
    assert save_analysis(deck, path) == []
    back = read_analysis(path)
    assert back.ids == tuple("late-development" if s == "late-development" else s for s in deck.order)
    late = back.section("late-development")
    assert late.kind == "table" and late.table == Table(("When", "What"), (("Today", "It began"),))
    assert (path.parent / late.image.path).is_file() and late.image.caption == "Pic"
    assert back.section("outlook") == deck.section("outlook")


def test_import_sections_carries_pictures(deck, tmp_path):
    (tmp_path / "pic.png").write_bytes(_png("green"))
    other = tmp_path / "other.md"
    other.write_text("---\ntitle: Other\n---\n\n## Background {#background}\n\n- From elsewhere\n\n"
                     "![Green](pic.png)\n\n## Second\n\n- Two\n", encoding="utf-8")
    analysis = read_analysis(other)
    step = edits.import_sections(deck, analysis, ["background", "second"], "outlook", "other.md")
    after = step.apply(deck)
    order = list(after.order)
    at = order.index("outlook")
    assert order[at + 1:at + 3] == ["background-2", "second"]
    imported = after.section("background-2")
    assert imported.points == (Bullet("From elsewhere"),) and imported.image.data
    assert step.label == "Import 2 sections from other.md"
    assert step.revert(after) == deck
