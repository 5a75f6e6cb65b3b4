"""Briefing furniture: markings, numbering, standard slides, native graphics (issue 4)."""

from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from briefer.dates import format_as_of
from briefer.deck import edits
from briefer.deck.model import Deck
from briefer.export import export
from briefer.layout import layout
from briefer.markings import highest
from briefer.source.markdown import parse_analysis
from briefer.templates import load_template
from tests.conftest import pdf_text
from tests.geometry import problems, text_boxes

MARKED = parse_analysis("""---
title: Marked deck
classification: UNCLASSIFIED
---

## Open part {#open}

- Nothing sensitive here
- A second point

## Controlled part {#cui classification=CUI}

- Controlled point

## Secret part {#secret classification="SECRET//NOFORN"}

- Secret point

## Dated {#dates .timeline}

- 2019-07: Removed from the programme
- 2020-12: Sanctions imposed

## Numbers {#numbers .figures}

- USD 2.5bn: value of the contract
- 400+ km: reported range

## Annex {#annex .backup}

- Backup point one

## Annex two {#annex2 .backup .table}

| A | B |
| --- | --- |
| 1 | 2 |
""")


def _banners(slide, laid) -> list[str]:
    return [b.text for b in text_boxes(slide, laid) if b.role.startswith("banner")]


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (["open"], "UNCLASSIFIED"),
        (["open", "cui"], "CUI"),
        (["cui", "open", "secret"], "SECRET//NOFORN"),
        (["dates", "numbers"], "UNCLASSIFIED"),
    ],
)
def test_banner_is_the_highest_marking_on_every_slide_and_page(tmp_path, selection, expected):
    deck = Deck.new(MARKED, "marked", "staff-brief").with_selection(selection)
    laid, _ = layout(deck, load_template("staff-brief"))
    assert laid.marking == expected
    for slide in laid.slides:
        assert _banners(slide, laid) == [expected, expected]
    export(deck, tmp_path / "m.pdf")
    export(deck, tmp_path / "m.pptx")
    for page in pdf_text(tmp_path / "m.pdf"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == expected and lines[-1] == expected
    prs = Presentation(str(tmp_path / "m.pptx"))
    master = [s.text_frame.text for s in prs.slide_master.shapes
              if s.name in ("banner-top", "banner-bottom")]
    assert master == [expected, expected]  # one edit changes the marking on every slide
    for slide in prs.slides:
        assert not [s for s in slide.shapes if s.has_text_frame and s.text_frame.text == expected]


def test_unticking_lowers_the_banner_again():
    deck = Deck.new(MARKED, "marked").with_selection(["open", "secret"])
    template = load_template("think-tank")  # banners off for unclassified work
    assert layout(deck, template)[0].marking == "SECRET//NOFORN"
    lowered = edits.toggle(deck, "secret", False).apply(deck)
    laid, _ = layout(lowered, template)
    assert laid.marking == "UNCLASSIFIED"
    assert all(_banners(s, laid) == [] for s in laid.slides)  # the lowest level's banner is off
    raised = edits.set_meta(lowered, classification="CONFIDENTIAL").apply(lowered)
    laid, _ = layout(raised, template)
    assert all(_banners(s, laid) == ["CONFIDENTIAL"] * 2 for s in laid.slides)


def test_unknown_markings_are_shown_and_warned():
    template = load_template("staff-brief")
    assert highest(["OFFICIAL-SENSITIVE", ""], template.marking)[0] == "OFFICIAL-SENSITIVE"
    # never dropped beside a known level either: the deck might be higher than SECRET
    assert highest(["OFFICIAL-SENSITIVE", "SECRET"], template.marking)[0] \
        == "SECRET + OFFICIAL-SENSITIVE"
    deck = replace(Deck.new(MARKED, "m").with_selection(["open"]),
                   meta=replace(Deck.new(MARKED, "m").meta, classification="OFFICIAL-SENSITIVE"))
    laid, warnings = layout(deck, template)
    assert laid.marking == "OFFICIAL-SENSITIVE"
    assert any("not on the template's scale" in str(w) for w in warnings)


def test_portion_marks(tmp_path):
    folder = tmp_path / "marked"
    folder.mkdir()
    (folder / "template.toml").write_text("[classification]\nportion_marks = true\n")
    deck = Deck.new(MARKED, "marked").with_selection(["open", "secret"])
    laid, _ = layout(deck, load_template(str(folder)))
    bodies = {s.section_id: [p.text for b in text_boxes(s) if b.role == "body" for p in b.paragraphs]
              for s in laid.slides if s.kind == "content"}
    assert bodies["open"] == ["(U) Nothing sensitive here", "(U) A second point"]
    assert bodies["secret"] == ["(S) Secret point"]


def test_numbering_follows_reordering_and_backup_is_apart():
    deck = Deck.new(MARKED, "marked")
    template = load_template("staff-brief")
    laid, _ = layout(deck, template)
    main = [s for s in laid.slides if " of " in s.number]
    assert [s.number for s in main] == [f"{i} of {len(main)}" for i in range(1, len(main) + 1)]
    backup = [s for s in laid.slides if s.number.startswith("B-")]
    assert [s.number for s in backup] == ["B-1", "B-2"]
    assert [s.section_id for s in backup] == ["annex", "annex2"]
    divider = laid.slides.index(next(s for s in laid.slides if s.kind == "divider"))
    assert laid.slides[divider + 1] is backup[0]

    moved = edits.move(deck, "secret", 0).apply(deck)
    laid2, _ = layout(moved, template)
    content = [s for s in laid2.slides if s.section_id]
    assert content[0].section_id == "secret"
    assert content[0].number == "3 of " + str(len(main))  # after title and agenda
    agenda = next(s for s in laid2.slides if s.kind == "agenda")
    items = [p.text for b in text_boxes(agenda) if b.role == "body" for p in b.paragraphs]
    assert items[0] == "Secret part"


def test_standard_slides_switch_per_deck():
    deck = Deck.new(MARKED, "marked")
    template = load_template("staff-brief")
    kinds = [s.kind for s in layout(deck, template)[0].slides]
    assert kinds[:2] == ["title", "agenda"] and "divider" in kinds
    off = replace(deck, options=MappingProxyType({"agenda": False, "backup": False, "title": False}))
    laid, _ = layout(off, template)
    kinds = [s.kind for s in laid.slides]
    assert "agenda" not in kinds and "divider" not in kinds and "title" not in kinds
    assert "annex" not in [s.section_id for s in laid.slides]  # backup material is left out


def test_summary_first_and_closing_last(deck):
    laid, _ = layout(deck, load_template("staff-brief"))
    kinds = [s.kind for s in laid.slides]
    assert kinds[:3] == ["title", "summary", "agenda"]
    assert kinds.index("closing") > max(i for i, k in enumerate(kinds) if k == "content")
    assert kinds.index("sources") == kinds.index("closing") + 1


def test_dates_in_military_and_long_form():
    assert format_as_of("2026-11-24T15:30Z", "military") == "241530ZNOV26"
    assert format_as_of("2025-12-20", "military") == "20 DEC 25"
    assert format_as_of("2025-12-20", "long") == "20 December 2025"
    assert format_as_of("next week", "long") == "next week"


def _opened(shapes) -> list:
    """Shapes with groups opened: a timeline or a grid of figures is one group in PowerPoint."""
    out = []
    for shape in shapes:
        out.extend(_opened(shape.shapes) if shape.shape_type == MSO_SHAPE_TYPE.GROUP else [shape])
    return out


def test_timeline_tiles_and_tables_are_native(tmp_path):
    deck = Deck.new(MARKED, "marked").with_selection(["dates", "numbers", "annex2"])
    laid, _ = layout(deck, load_template("staff-brief"))
    assert problems(laid) == []
    export(deck, tmp_path / "g.pptx")
    export(deck, tmp_path / "g.pdf")
    prs = Presentation(str(tmp_path / "g.pptx"))
    by_section = {s.section_id: i for i, s in enumerate(laid.slides) if s.section_id}
    timeline = _opened(prs.slides[by_section["dates"]].shapes)
    names = [s.name for s in timeline]
    assert names.count("timeline-marker") == 2 and "timeline-axis" in names
    assert all(s.shape_type != MSO_SHAPE_TYPE.PICTURE for s in timeline)
    labels = [s.text_frame.text for s in timeline if s.name == "timeline-label"]
    # military dates, each nearest the axis: under the words above it, over the words below
    assert labels == ["Removed from the programme\nJUL 2019", "DEC 2020\nSanctions imposed"]
    tiles = _opened(prs.slides[by_section["numbers"]].shapes)
    assert [s.text_frame.text for s in tiles if s.name == "figure"] == [
        "USD 2.5bn\nvalue of the contract", "400+ km\nreported range"]
    assert sum(1 for s in tiles if s.name == "figure-tile") == 2
    table = next(s for s in prs.slides[by_section["annex2"]].shapes if s.has_table).table
    assert [[c.text for c in row.cells] for row in table.rows] == [["A", "B"], ["1", "2"]]

    reader = PdfReader(str(tmp_path / "g.pdf"))
    page = reader.pages[by_section["dates"]]
    content = page.get_contents().get_data().decode("latin-1")
    assert re.search(r"\bc\b", content), "markers are drawn as vector curves"
    assert " re" in content and " l" in content
    xobjects = page["/Resources"].get("/XObject", {})
    assert len(xobjects) <= 1  # only the logo is an image


def test_sources_are_gathered_and_clickable(tmp_path, hostile):
    deck = Deck.new(hostile, "hostile")
    export(deck, tmp_path / "s.pdf")
    export(deck, tmp_path / "s.pptx")
    laid, _ = layout(deck, load_template("staff-brief"))
    index = next(i for i, s in enumerate(laid.slides) if s.kind == "sources")
    page = PdfReader(str(tmp_path / "s.pdf")).pages[index]
    uris = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])]
    assert "https://example.com/report.pdf" in uris
    slide = Presentation(str(tmp_path / "s.pptx")).slides[index]
    links = [r.hyperlink.address for s in slide.shapes if s.has_text_frame
             for p in s.text_frame.paragraphs for r in p.runs]
    assert "https://example.com/report.pdf" in links


def test_agenda_is_a_native_numbered_list(tmp_path, deck):
    export(deck, tmp_path / "a.pptx")
    laid, _ = layout(deck, load_template("staff-brief"))
    index = next(i for i, s in enumerate(laid.slides) if s.kind == "agenda")
    slide = Presentation(str(tmp_path / "a.pptx")).slides[index]
    body = next(s for s in slide.shapes if s.name == "body")
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    numbers = [p._p.find(f"{ns}pPr/{ns}buAutoNum") for p in body.text_frame.paragraphs]
    assert all(n is not None and n.get("type") == "arabicPeriod" for n in numbers)
    assert [int(n.get("startAt")) for n in numbers] == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 10
