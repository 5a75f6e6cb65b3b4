"""Graphics that tell the truth: data tables dense (the template's table size), numeric columns
right-aligned in the PPTX and the PDF, header words never broken, rows spread evenly over the
slides; one value size for every key-figure tile on a slide."""

from __future__ import annotations

import re
import subprocess

import pytest
from pptx import Presentation

from briefer.dates import (
    TIMELINE_FORMS,
    format_timeline_date,
    timeline_date_problem,
    timeline_date_typed,
    timeline_day,
)
from briefer.deck.model import Deck
from briefer.layout import layout
from briefer.layout.model import Group, Rect, Rule, Table
from briefer.source.library import load_analysis
from briefer.source.markdown import parse_analysis, read_analysis
from briefer.templates import load_template
from tests.conftest import DATA, TEMPLATES, build_markdown, needs
from tests.geometry import problems

ROWS = "\n".join(f"| Programme {i} | {1000 + i * 137:,} | {i * 1.25:.2f}% | USD {i * 0.3:.1f}bn |"
                 for i in range(30))
TABLE = f"""---
title: "Tables"
---

## Spending by programme {{#spend .table}}

| Programme | Deliveries (units) | Share | Cost |
| --- | --- | --- | --- |
{ROWS}
"""


@pytest.fixture(scope="module", params=TEMPLATES)
def table_deck(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("table")
    laid = build_markdown(TABLE, request.param, folder, "t")
    return request.param, laid, folder


def _tables(laid):
    return [(i, e) for i, s in enumerate(laid.slides) for e in s.elements if isinstance(e, Table)]


def test_thirty_rows_take_three_even_slides_at_the_table_size(table_deck):
    name, laid, _ = table_deck
    tables = _tables(laid)
    rows = [len(t.cells) - 1 for _, t in tables]
    assert sum(rows) == 30 and len(rows) <= 3 and max(rows) - min(rows) <= 1, rows
    size = load_template(name).size("table")
    assert 10 <= size <= 14
    for _, table in tables:
        assert all(c.box.paragraphs[0].size == size for row in table.cells for c in row)
        header = [c.box.paragraphs[0] for c in table.cells[0]]
        for paragraph in header:  # header words whole: every line break at a space
            assert not any(line.joined for line in paragraph.lines), paragraph.text


def test_numeric_columns_right_aligned_in_the_pptx(table_deck):
    _, _, folder = table_deck
    prs = Presentation(str(folder / "t.pptx"))
    seen = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            seen += 1
            for row in shape.table.rows:
                aligns = [c.text_frame.paragraphs[0]._p.pPr.get("algn") for c in row.cells]
                assert aligns == ["l", "r", "r", "r"], aligns
    assert seen >= 2


@needs("pdftotext")
def test_numeric_columns_right_aligned_in_the_pdf(table_deck):
    _, laid, folder = table_deck
    index, table = _tables(laid)[0]
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(index + 1), "-l", str(index + 1),
                          str(folder / "t.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    words = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', out)
    shares = [float(x1) for _, x1, w in words if re.fullmatch(r"\d+\.\d\d%", w)]
    left = [float(x0) for x0, _, w in words if re.fullmatch(r"\d+\.\d\d%", w)]
    assert len(shares) == len(table.cells) - 1
    assert max(shares) - min(shares) < 0.6  # one right edge
    assert max(left) - min(left) > 3  # not one left edge: "0.00%" is narrower than "16.25%"


FIGURES = """---
title: "Figures"
---

## Key figures {#k .figures}

- 2.5bn: value of the deal
- 4: batteries delivered
- USD 1,234,567,890: a value long enough to need a smaller size than the rest
- 72%: public support for the purchase in the last poll before the decision was announced
"""


@pytest.mark.parametrize("name", TEMPLATES)
def test_one_value_size_for_all_tiles_on_a_figures_slide(name):
    laid, _ = layout(Deck.new(parse_analysis(FIGURES), "x", name), load_template(name))
    slides = [s for s in laid.slides if s.kind == "figures"]
    assert slides
    for slide in slides:
        group = next(e for e in slide.elements if isinstance(e, Group))
        boxes = [e for e in group.elements if getattr(e, "role", "") == "figure"]
        assert len(boxes) == 4
        sizes = {box.paragraphs[0].size for box in boxes}
        assert len(sizes) == 1, sizes
        assert all(len(box.paragraphs[0].lines) == 1 for box in boxes)
        tops = {round(box.paragraphs[0].lines[0].baseline, 2) for box in boxes[:2]}
        assert len(tops) == 1  # values on one baseline across a row


# ------------------------------------------------------------------ timeline

SPREAD = """---
title: "Spread"
---

## Dates {#d .timeline}

- 1980: Long ago
- 2017: One year
- 2018: Another year
- 2019: Then two events
- 2019-01-05: Five days later
"""


def _timeline_parts(slide):
    group = next(e for e in slide.elements if isinstance(e, Group))
    markers = [e.x + e.w / 2 for e in group.elements
               if isinstance(e, Rect) and e.role == "timeline-marker"]
    breaks = [e.x + e.w / 2 for e in group.elements
              if isinstance(e, Rect) and e.role == "timeline-break"]
    axis = next(e for e in group.elements if isinstance(e, Rule) and e.role == "timeline-axis")
    labels = [e for e in group.elements if getattr(e, "role", "") == "timeline-label"]
    return markers, breaks, axis.y1, labels


@pytest.mark.parametrize("name", TEMPLATES)
def test_timeline_positions_follow_time_with_a_minimum_gap_and_break_marks(name):
    laid, _ = layout(Deck.new(parse_analysis(SPREAD), "x", name), load_template(name))
    assert problems(laid) == []
    slide = next(s for s in laid.slides if s.kind == "timeline")
    xs, breaks, _, _ = _timeline_parts(slide)
    days = [timeline_day(d) for d in ("1980", "2017", "2018", "2019", "2019-01-05")]
    assert len(xs) == 5 and all(a < b for a, b in zip(xs, xs[1:], strict=False))
    gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    ratio = [g / (b - a) for g, a, b in zip(gaps, days, days[1:], strict=False)]
    assert ratio[1] == pytest.approx(ratio[2], rel=1e-6)  # two years, two equal gaps: to scale
    assert ratio[0] < ratio[1] / 5  # 37 years compressed ...
    assert len(breaks) == 1 and xs[0] < breaks[0] < xs[1]  # ... and marked as broken
    assert ratio[3] > ratio[1] and gaps[3] > 0.4 * gaps[1]  # five days: the minimum gap


@pytest.mark.parametrize("name", TEMPLATES)
@pytest.mark.parametrize("source", ["builtin", "hard"])
def test_timeline_labels_on_fixed_baselines_and_dates_in_the_template_style(name, source):
    analysis = load_analysis("s400-turkiye") if source == "builtin" else read_analysis(DATA / "hard.md")
    template = load_template(name)
    laid, _ = layout(Deck.new(analysis, "x", name), template)
    assert problems(laid) == []
    slides = [s for s in laid.slides if s.kind == "timeline"]
    assert slides
    section = next(s for s in analysis.sections if s.kind == "timeline")
    expected = [format_timeline_date(p.text.partition(":")[0], template.date_style)
                for p in section.points]
    shown = []
    for slide in slides:
        xs, breaks, axis, labels = _timeline_parts(slide)
        assert all(a < b for a, b in zip(xs, xs[1:], strict=False))  # dates are in order
        above = [b for b in labels if b.y + b.h <= axis]
        below = [b for b in labels if b.y >= axis]
        assert len(above) + len(below) == len(labels)
        # the date sits nearest the axis: the last paragraph above, the first below
        assert len({round(b.paragraphs[-1].lines[-1].baseline, 2) for b in above}) == 1
        assert len({round(b.paragraphs[0].lines[0].baseline, 2) for b in below}) == 1
        assert all(len(b.paragraphs[-1].lines) == 1 for b in above)
        assert all(len(b.paragraphs[0].lines) == 1 for b in below)
        for index, box in enumerate(labels):
            shown.append((box.paragraphs[-1] if index % 2 == 0 else box.paragraphs[0]).text)
    assert shown == expected


@pytest.mark.parametrize(("style", "day", "month", "year"), [
    ("iso", "2025-12-12", "2025-09", "2017"),
    ("long", "12 December 2025", "September 2025", "2017"),
    ("military", "12 DEC 25", "SEP 2025", "2017"),
])
def test_timeline_dates_in_each_date_style(style, day, month, year):
    assert format_timeline_date("2025-12-12", style) == day
    assert format_timeline_date("2025-09", style) == month
    assert format_timeline_date("2017", style) == year
    assert format_timeline_date("2019-02-30", style) == "2019-02-30"


def test_a_timeline_date_is_a_year_month_or_day_that_exists():
    for good in ("2017", "2019-07", "2025-12-12", "2024-02-29"):
        assert timeline_date_problem(good) is None, good
    for bad, said in (("2019-13", "not a month that exists"), ("2019-02-30", "not a day"),
                      ("0000", "not a year"), ("Spring 2019", "not a date"),
                      ("2019-7", "not a date")):
        problem = timeline_date_problem(bad)
        assert said in problem and TIMELINE_FORMS in problem, bad
    # while it is typed, only what can no longer become a date is one
    assert [timeline_date_typed(t) is None for t in ("20", "2019-", "2019-1", "2019-02-3")] \
        == [True] * 4
    assert all(timeline_date_typed(t) for t in ("2019-13", "2019-02-30", "2019x", "20190"))


def test_an_impossible_timeline_date_from_a_file_is_a_warning():
    """The app never stores one; an analysis can hold one. It is shown as typed (nothing is
    dropped) and said, so --strict refuses the build."""
    analysis = parse_analysis("## Dates {#d .timeline}\n\n- 2019-02-30: Talks\n- 2020: Deal\n")
    deck = Deck.new(analysis, "", "staff-brief")
    laid, warnings = layout(deck, load_template("staff-brief"))
    said = [str(w) for w in warnings]
    assert any("“2019-02-30” is not a day that exists" in w and "shown as typed" in w
               for w in said), said
    assert not any("2020" in w for w in said)


# ------------------------------------------------------------------ key-figure grid

def _figure_grid(laid):
    """Per figures slide: the tiles in each row, and each tile with its text box."""
    grids = []
    for slide in (s for s in laid.slides if s.kind == "figures"):
        group = next(e for e in slide.elements if isinstance(e, Group))
        tiles = [e for e in group.elements if getattr(e, "role", "") == "figure-tile"]
        boxes = [e for e in group.elements if getattr(e, "role", "") == "figure"]
        rows: dict[float, list] = {}
        for tile, box in zip(tiles, boxes, strict=True):
            rows.setdefault(round(tile.y, 2), []).append((tile, box))
        grids.append([rows[y] for y in sorted(rows)])
    return grids


def _content_span(box):
    """Top and bottom of a figure box's lines (ascent to descent of its first and last)."""
    from tests.geometry import line_slots

    slots = [slot for p in box.paragraphs for _, slot in line_slots(box, p)]
    return min(s[1] for s in slots), max(s[3] for s in slots)


@pytest.mark.parametrize("count", [11, 13, 4])
def test_figure_grid_is_the_same_in_every_template_and_balanced(count):
    figures = "\n".join(f"- {i * 7}%: figure number {i} with a label" for i in range(count))
    text = f"---\ntitle: Grid\n---\n\n## Figures {{#f .figures}}\n\n{figures}\n"
    expected = {11: [[3, 3], [3, 2]], 13: [[3, 2], [2, 2], [2, 2]], 4: [[2, 2]]}[count]
    for name in TEMPLATES:
        laid, _ = layout(Deck.new(parse_analysis(text), "x", name), load_template(name))
        assert problems(laid) == []
        grids = _figure_grid(laid)
        assert [[len(row) for row in grid] for grid in grids] == expected, name


@pytest.mark.parametrize("name", TEMPLATES)
def test_figure_values_and_labels_centred_in_their_tiles(name):
    laid, _ = layout(Deck.new(read_analysis(DATA / "hard.md"), "x", name), load_template(name))
    grids = _figure_grid(laid)
    assert [[len(row) for row in grid] for grid in grids] == [[3, 3], [3, 2]]
    for grid in grids:
        for row in grid:
            spans = [_content_span(box) for _, box in row]
            # values share a baseline across the row
            assert len({round(box.paragraphs[0].lines[0].baseline, 2) for _, box in row}) == 1
            # the row's text block is centred in the tiles, below the accent strip
            tile = row[0][0]
            top, bottom = min(s[0] for s in spans), max(s[1] for s in spans)
            above, below = top - (tile.y + 5), tile.y + tile.h - bottom
            assert abs(above - below) < 2.5, (above, below)
            # a short row is centred across the slide too
            left, right = row[0][0].x, row[-1][0].x + row[-1][0].w
            assert abs((left + right) / 2 - (grid[0][0][0].x + grid[0][-1][0].x
                                              + grid[0][-1][0].w) / 2) < 0.01
