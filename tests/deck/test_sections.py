"""Sections made, copied, deleted and imported in the app: exact undo, saved in .brief files,
written back as an analysis."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from types import MappingProxyType

import pytest
from PIL import Image

from briefer.deck import edits
from briefer.deck.analysis import save_analysis
from briefer.deck.model import NO_TABLE, Deck
from briefer.deck.project import load_deck, save_deck
from briefer.errors import ProjectError
from briefer.source.markdown import parse_analysis, read_analysis
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


# ------------------------------------------------------------------ ids from titles
def test_a_section_being_named_takes_its_id_from_the_title(deck):
    made = edits.new_section(deck, "background").apply(deck)
    assert "new-section" in made.order  # the slug of its first title, "New section"
    step = edits.name_section(made, "new-section", "Türkiye’s options")
    named = step.apply(made)
    assert named.order[named.order.index("background") + 1] == "turkiyes-options"
    assert named.section("turkiyes-options").title == "Türkiye’s options"
    assert step.label == "Name section “Türkiye’s options”"
    assert step.revert(named) == made  # undo gives the placeholder id and title back
    assert edits.name_section(named, "turkiyes-options", "Türkiye’s options") is None
    # the slug rule is the reader's: a saved analysis reads back with the same id
    assert parse_analysis("## Türkiye’s options\n\n- x\n").ids == ("turkiyes-options",)


def test_a_named_id_never_takes_one_in_use(deck):
    deck = edits.delete_section(deck, "outlook").apply(deck)  # undo would bring it back
    deck = edits.new_section(deck, None).apply(deck)
    for title, wanted in (("Background", "background-2"), ("Outlook", "outlook-2"),
                          ("New section", "new-section"), ("", "section"), ("!!!", "section")):
        sid = deck.order[-1]
        deck = edits.name_section(deck, sid, title).apply(deck)
        assert deck.order[-1] == wanted, title
    # one the deck remembers for a heading its analysis lost is taken too
    deck = replace(deck, orphans=MappingProxyType({"lost-heading": {"included": True}}))
    deck = edits.name_section(deck, deck.order[-1], "Lost heading").apply(deck)
    assert deck.order[-1] == "lost-heading-2"


def test_naming_carries_the_sections_edits_and_switch(deck):
    deck = edits.new_section(deck, None).apply(deck)
    deck = edits.edit_section(deck, "new-section", points=(Bullet("Typed first"),)).apply(deck)
    deck = edits.toggle(deck, "new-section", False).apply(deck)
    named = edits.name_section(deck, "new-section", "Late development").apply(deck)
    assert dict(named.entries)["late-development"] is False
    assert named.section("late-development").points == (Bullet("Typed first"),)
    assert set(named.edits) == {"late-development"} and "new-section" not in named.added


def test_a_copy_takes_its_id_from_its_title(deck):
    deck = edits.edit_section(deck, "background", title="Context").apply(deck)
    copy = edits.duplicate_section(deck, "background").apply(deck)
    assert copy.section("context-copy").title == "Context (copy)"
    again = edits.duplicate_section(copy, "background").apply(copy)
    assert "context-copy-2" in again.order


def test_renamed_ids_tells_a_rename_from_a_reorder():
    before = (("a", True), ("b", False), ("c", True))
    assert edits.renamed_ids(before, (("a", True), ("b2", False), ("c", True))) == {"b": "b2"}
    assert edits.renamed_ids(before, (("b", False), ("a", True), ("c", True))) == {}
    assert edits.renamed_ids(before, before[:2]) == {}


def test_a_renamed_title_keeps_the_id_the_brief_holds(deck, tmp_path):
    deck = edits.new_section(deck, "background").apply(deck)
    deck = edits.name_section(deck, "new-section", "Late development").apply(deck)
    deck = edits.edit_section(deck, "late-development", title="Later developments",
                              points=(Bullet("Convoy"),)).apply(deck)
    deck = edits.toggle(deck, "late-development", False).apply(deck)
    path = tmp_path / "d.brief"
    save_deck(deck, path)
    data = json.loads(path.read_text())
    assert {"id": "late-development", "included": False} in data["sections"]
    assert data["added"]["late-development"]["title"] == "Late development"
    assert data["edits"]["late-development"]["title"] == "Later developments"
    back = load_deck(path)
    assert back.entries == deck.entries
    assert back.section("late-development").title == "Later developments"


def test_an_analysis_that_gains_a_sections_id_still_opens_the_deck(tmp_path):
    """A section made in the app, then a heading of the same title added to the analysis:
    the deck's own keeps its place, switch and edits under a free id; the new heading joins
    switched off. (It used to be an error: the deck would not open.)"""
    source = tmp_path / "a.md"
    source.write_text("## Background\n\n- Old\n", encoding="utf-8")
    deck = Deck.new(read_analysis(source), str(source))
    deck = edits.new_section(deck, "background").apply(deck)
    deck = edits.name_section(deck, "new-section", "Outlook").apply(deck)
    deck = edits.edit_section(deck, "outlook", points=(Bullet("Ours"),)).apply(deck)
    path = tmp_path / "d.brief"
    save_deck(deck, path)
    source.write_text("## Background\n\n- Old\n\n## Outlook\n\n- Theirs\n\n## Outlook 2\n\n- More\n",
                      encoding="utf-8")
    back = load_deck(path)
    assert back.entries == (("background", True), ("outlook-3", True), ("outlook", False),
                            ("outlook-2", False))
    assert back.section("outlook-3").points == (Bullet("Ours"),)
    assert back.section("outlook").points == (Bullet("Theirs"),)
    save_deck(back, path)
    assert load_deck(path).entries == back.entries  # and it saves as it now is


def test_a_deck_from_before_keeps_its_placeholder_ids(tmp_path):
    data = {"format": "briefer-deck", "version": 2, "analysis": "s400-turkiye",
            "added": {"new-section": {"title": "Late development", "points": [[0, "Convoy"]]}},
            "sections": [{"id": "background", "included": True},
                         {"id": "new-section", "included": True}]}
    (tmp_path / "old.brief").write_text(json.dumps(data))
    deck = load_deck(tmp_path / "old.brief")
    assert deck.order[:2] == ("background", "new-section")
    assert deck.section("new-section").points == (Bullet("Convoy"),)


# ------------------------------------------------------------------ links in .brief files
def test_links_in_key_points_are_kept_in_the_brief(deck, tmp_path):
    linked = (Bullet("See the Reuters report", 0, ((8, 22, "https://example.com/r"),)),
              Bullet("No link", 1))
    path = tmp_path / "d.brief"
    save_deck(edits.edit_section(deck, "background", title="Short").apply(deck), path)
    assert json.loads(path.read_text())["version"] == 1  # nothing newer needed
    deck = edits.edit_section(deck, "background", points=linked).apply(deck)
    deck = edits.new_section(deck, None).apply(deck)
    deck = edits.edit_section(deck, "new-section", points=linked[:1]).apply(deck)
    save_deck(deck, path)
    data = json.loads(path.read_text())
    assert data["version"] == 3  # an older briefer says "saved by a newer briefer"
    assert data["edits"]["background"]["points"] == [
        [0, "See the Reuters report", [[8, 22, "https://example.com/r"]]], [1, "No link"]]
    back = load_deck(path)
    assert back.section("background").points == linked
    assert back.section("new-section").points == linked[:1]


@pytest.mark.parametrize("links", [
    "x", [[8, 40, "https://x"]], [[3, 3, "https://x"]], [[0, 4, ""]], [[0, 4]],
    [[0, 8, "https://a"], [4, 10, "https://b"]], [[True, 4, "https://x"]],
])
def test_bad_links_in_a_brief_are_refused(tmp_path, links):
    data = {"format": "briefer-deck", "version": 3, "analysis": "s400-turkiye",
            "edits": {"background": {"points": [[0, "See the report", links]]}}}
    (tmp_path / "bad.brief").write_text(json.dumps(data))
    with pytest.raises(ProjectError, match="links must be"):
        load_deck(tmp_path / "bad.brief")
