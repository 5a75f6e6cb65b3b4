"""Native graphics: timelines, key-figure tiles and tables, built from shapes and text boxes.

Each builder returns Drafts (one per slide) or, when the content cannot be drawn legibly as a
graphic, an empty list so the caller falls back to plain bullets. Nothing is ever dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from briefer.dates import format_timeline_date, timeline_date_problem, timeline_day
from briefer.layout.breaks import segments
from briefer.layout.context import Context, Draft, slide_titles
from briefer.layout.frame import Area, header
from briefer.layout.model import Element, Group, Rect, Rule, Table, TableCell
from briefer.layout.text import Block, Style, blocks_height, make_block, place
from briefer.source.model import Bullet, Section

_DATED = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*[:–—]\s*(.+)$")
MARKER = 7.0


def _body(ctx: Context, title: str) -> Area:
    return header(ctx.template, ctx.furniture, title)[1]


def _paged(ctx: Context, section: Section, items: list[tuple[str, str]], most: int, kind: str,
           build: Callable[[Context, list[tuple[str, str]], Area, int], list[Element] | None],
           failure: str) -> list[Draft]:
    """Draw *items* with as many per slide as fit (at most *most*); else fall back to bullets."""
    body = _body(ctx, f"{section.title} (cont.)")  # the smaller body area fits every slide
    for per_slide in range(min(most, len(items)), 0, -1):
        pages = -(-len(items) // per_slide)
        chunks = _balanced(items, pages)  # 8 events, 7 a slide: 4 + 4, not 7 + 1
        built = [build(ctx, chunk, body, per_slide) for chunk in chunks]
        if all(elements is not None for elements in built):
            titles = slide_titles(section.title, len(built))
            return [
                Draft(kind, title, [*header(ctx.template, ctx.furniture, title)[0],
                                    _group(kind, title, chunk, elements or [])], "", section.id)
                for title, chunk, elements in zip(titles, chunks, built, strict=True)
            ]
    ctx.warn(f"'{section.title}': {failure}; shown as bullets", section.id)
    from briefer.layout.engine import bullet_slides  # engine imports this module

    return bullet_slides(ctx, section)


def _balanced(items: list, parts: int) -> list[list]:
    """*items* in *parts* runs whose lengths differ by at most one, the longer first
    (13 -> 5 + 4 + 4, 11 -> 6 + 5)."""
    size, extra = divmod(len(items), parts)
    runs, start = [], 0
    for part in range(parts):
        end = start + size + (1 if part < extra else 0)
        runs.append(items[start:end])
        start = end
    return runs


GRAPHIC_NAMES = {"timeline": "Timeline", "figures": "Key figures"}


def _group(kind: str, title: str, items: list[tuple[str, str]], elements: list[Element]) -> Group:
    """A graphic's shapes as one named group whose alt text says what it shows."""
    name = GRAPHIC_NAMES.get(kind, kind.title())
    said = "; ".join(" ".join(x for x in item if isinstance(x, str) and x) for item in items)
    return Group(tuple(elements), f"{name}: {title}", f"{name}: {said}")  # type: ignore[arg-type]


def _split_value(text: str) -> tuple[str, str]:
    value, sep, label = text.partition(": ")
    return (value.strip(), label.strip()) if sep else (text.strip(), "")


# ------------------------------------------------------------------ timeline

MIN_GAP = 0.6  # the closest two markers come, as a share of the even spacing
BROKEN = 1.0  # a broken gap's length, as a share of the even spacing


def timeline_slides(ctx: Context, section: Section) -> list[Draft]:
    events: list[tuple[str, str, int | None]] = []
    style = ctx.template.date_style
    for point in section.points:
        match = _DATED.match(point.text)
        if match:
            day = timeline_day(match[1])
            events.append((format_timeline_date(match[1], style), match[2].strip(), day))
            if day is None:  # 2019-02-30 from a file: the app never stores one
                ctx.warn(f"'{section.title}': {timeline_date_problem(match[1])}; it is shown "
                         "as typed", section.id)
        else:
            events.append(("", point.text, None))
            ctx.warn(f"'{section.title}': “{point.text[:40]}” has no date (write 2019-07: …)",
                     section.id)
    return _paged(ctx, section, events, 7, "timeline", _timeline_page,  # type: ignore[arg-type]
                  "timeline labels too long to draw")


def timeline_positions(days: list[int | None], x0: float, x1: float, least: float,
                       broken: float) -> tuple[list[float], list[str]]:
    """Marker positions between *x0* and *x1*, and what each gap between neighbours is.

    Gaps are proportional to the time between the events ("scale"), except that none is drawn
    shorter than *least* ("min": events too close to label apart), and a long quiet stretch
    that would squeeze the rest is drawn *broken* long with a break mark ("break"): the longest
    gaps are broken while that at least doubles the scale of the others and the broken gap would
    not fit the whole axis at that scale. Undated or unordered
    events are spaced evenly ("even").
    """
    n = len(days)
    if n == 1:
        return [(x0 + x1) / 2], []
    span = x1 - x0
    even = span / (n - 1)
    gaps = [b - a for a, b in zip(days, days[1:], strict=False)  # type: ignore[operator]
            ] if None not in days else []
    if not gaps or min(gaps) < 0 or max(gaps) == 0:
        return [x0 + even * i for i in range(n)], ["even"] * (n - 1)
    least = min(least, even)

    def solve(cut: set[int]) -> float:
        """The largest scale at which the gaps not in *cut* fit beside the broken ones."""
        room = span - len(cut) * broken
        kept = [g for i, g in enumerate(gaps) if i not in cut]
        if room < least * len(kept) or not any(kept):
            return 0.0
        low, high = 0.0, room / min(g for g in kept if g > 0)
        for _ in range(60):
            mid = (low + high) / 2
            low, high = (mid, high) if sum(max(least, mid * g) for g in kept) <= room else (low, mid)
        return low

    cut: set[int] = set()
    scale = solve(cut)
    for i in sorted(range(len(gaps)), key=lambda i: -gaps[i])[:len(gaps) - 1]:
        better = solve(cut | {i})
        if better < 2 * scale or better * gaps[i] <= span:
            break
        cut, scale = cut | {i}, better
    widths = [broken if i in cut else max(least, scale * g) for i, g in enumerate(gaps)]
    kinds = ["break" if i in cut else "min" if scale * g < least else "scale"
             for i, g in enumerate(gaps)]
    xs = [x0 + (span - sum(widths)) / 2]
    for width in widths:
        xs.append(xs[-1] + width)
    return xs, kinds


def _timeline_page(ctx: Context, events: list[tuple[str, str, int | None]], body: Area,
                   slots: int) -> list[Element] | None:
    """Markers placed by date; labels alternate above and below the axis, each date on the one
    baseline its side shares (nearest the axis), the event's words beyond it."""
    t = ctx.template
    spacing = body.w / slots
    line_y = body.y + body.h / 2
    room = body.h / 2 - MARKER - 14
    date_style = ctx.heading_style(max(t.size("min_body"), t.size("body") - 2),
                                   t.color("accent"), "center")
    text_style = replace(ctx.body_style(max(t.size("min_body"), t.size("body") - 5)),
                         align="center")
    widest = max((date_style.metrics.width(date, date_style.size) for date, _, _ in events
                  if date), default=0.0) + 2
    inset = max(spacing / 2, widest / 2)
    least = max(MIN_GAP * spacing, (widest + 12) / 2)
    if least * (len(events) - 1) > body.w - 2 * inset + 0.01:
        return None
    xs, kinds = timeline_positions([day for _, _, day in events], body.x + inset,
                                   body.x + body.w - inset, least,
                                   max(least, BROKEN * spacing))
    elements: list[Element] = [
        Rule(body.x, line_y, body.x + body.w, line_y, t.color("accent"), 3.0, "timeline-axis")
    ]
    for i, kind in enumerate(kinds):
        if kind == "break":
            elements.extend(_break_mark(ctx, (xs[i] + xs[i + 1]) / 2, line_y))
    for i, ((date, text, _), cx) in enumerate(zip(events, xs, strict=True)):
        # centred on its marker, clear of the labels on its side and of the slide's edges
        near = [abs(xs[j] - cx) - 12 for j in (i - 2, i + 2) if 0 <= j < len(xs)]
        width = min(body.w / 2, *near, 2 * (cx - body.x), 2 * (body.x + body.w - cx))
        x = cx - width / 2
        above = i % 2 == 0
        words = make_block(text, text_style, width)
        blocks: list[Block] = [words]
        if date:
            dated = make_block(date, date_style, width, space_before=3 if above else 0)
            if len(dated.lines) > 1:
                return None  # the date would leave its baseline
            words = make_block(text, text_style, width, space_before=0 if above else 3)
            blocks = [words, dated] if above else [dated, words]
        if blocks_height(blocks) > room:
            return None
        if above:
            box = place(blocks, x, body.y, width, room, "timeline-label", "bottom")
            tick = (line_y - MARKER - 10, line_y - MARKER)
        else:
            box = place(blocks, x, line_y + MARKER + 14, width, room, "timeline-label")
            tick = (line_y + MARKER, line_y + MARKER + 10)
        elements.append(Rule(cx, tick[0], cx, tick[1], t.color("muted"), 1.0, "timeline-tick"))
        elements.append(Rect(cx - MARKER, line_y - MARKER, 2 * MARKER, 2 * MARKER,
                             fill=t.color("accent"), line=t.color("background"), line_width=1.5,
                             shape="ellipse", role="timeline-marker"))
        elements.append(box)
    return elements


def _break_mark(ctx: Context, x: float, y: float) -> list[Element]:
    """A gap in the axis between two slanted strokes: time left out of scale here."""
    t = ctx.template
    half, rise = 3.0, 7.0
    return [
        Rect(x - half, y - 3, 2 * half, 6, fill=t.color("background"), role="timeline-break"),
        Rule(x - half - 2, y + rise, x - half + 2, y - rise, t.color("accent"), 1.5,
             "timeline-break"),
        Rule(x + half - 2, y + rise, x + half + 2, y - rise, t.color("accent"), 1.5,
             "timeline-break"),
    ]


# ------------------------------------------------------------------ key figures

FIGURES_PER_SLIDE = 6


def figure_rows(count: int) -> list[int]:
    """Tiles in each row of a figures slide, the same in every template: up to three in one
    row, else two rows as even as they go, the longer on top (4 -> 2 + 2, 5 -> 3 + 2)."""
    return [len(run) for run in _balanced(list(range(count)), 1 if count <= 3 else 2)]


def figure_slides(ctx: Context, section: Section) -> list[Draft]:
    """Key figures as tiles, at most six a slide, the slides as even as they go (11 -> 6 + 5),
    each slide's rows balanced (figure_rows). A label too long for its tile is set smaller,
    down to the template's minimum, before a slide takes fewer tiles."""
    figures = [_split_value(p.text) for p in section.points]
    for point, (_, label) in zip(section.points, figures, strict=True):
        if not label:
            ctx.warn(f"'{section.title}': “{point.text[:40]}” has no label (write VALUE: label)",
                     section.id)
    return _paged(ctx, section, figures, FIGURES_PER_SLIDE, "figures", _figure_page,
                  "figures too long for tiles")


FIGURE_STRIP = 5.0


def _figure_page(ctx: Context, figures: list[tuple[str, str]], body: Area,
                 _slots: int) -> list[Element] | None:
    t = ctx.template
    rows = figure_rows(len(figures))
    cols = rows[0]
    gap = 16.0
    pad = 12.0
    tile_w = (body.w - gap * (cols - 1)) / cols
    tile_h = min((body.h - 10 - gap * (len(rows) - 1)) / len(rows), body.h * 0.75)
    top = body.y + (body.h - (tile_h * len(rows) + gap * (len(rows) - 1))) / 2
    inner_w = tile_w - 2 * pad
    room = tile_h - FIGURE_STRIP - 2 * pad
    # one value size for every tile: the largest at which the longest value fits on one line
    size = t.size("figure")
    value_style = ctx.heading_style(size, t.color("accent"), "center")
    while size > t.size("min_heading") and any(
            len(make_block(value, value_style.sized(size), inner_w).lines) > 1
            for value, _ in figures):
        size = max(t.size("min_heading"), size - 2)
    value_style = value_style.sized(size)
    # one label size for every tile: the template's, else smaller until every label fits
    label_size = max(t.size("min_body"), t.size("body") - 2)
    while True:
        label_style = replace(ctx.body_style(label_size), align="center")
        contents: list[list[Block]] = []
        for value, label in figures:
            blocks = [make_block(value, value_style, inner_w)]
            if label:
                blocks.append(make_block(label, label_style, inner_w, space_before=8))
            contents.append(blocks)
        if all(blocks_height(b) <= room for b in contents):
            break
        if label_size <= t.size("min_body"):
            return None
        label_size = max(t.size("min_body"), label_size - 1)
    elements: list[Element] = []
    index = 0
    for row, in_row in enumerate(rows):
        # the row's tallest value-and-label centred under the strip; the others share its top,
        # so the big numbers line up across the row
        tallest = max(blocks_height(b) for b in contents[index:index + in_row])
        text_top = FIGURE_STRIP + (tile_h - FIGURE_STRIP - tallest) / 2
        indent = (cols - in_row) * (tile_w + gap) / 2  # a short last row is centred
        y = top + row * (tile_h + gap)
        for col in range(in_row):
            blocks = contents[index]
            index += 1
            x = body.x + indent + col * (tile_w + gap)
            elements.append(Rect(x, y, tile_w, tile_h, fill=t.color("tile"), role="figure-tile"))
            elements.append(Rect(x, y, tile_w, FIGURE_STRIP, fill=t.color("accent"),
                                 role="figure-strip"))
            elements.append(place(blocks, x + pad, y + text_top, inner_w,
                                  tile_h - text_top - pad, "figure"))
    return elements


# ------------------------------------------------------------------ tables

CELL_PAD = 6.0


def table_slides(ctx: Context, section: Section) -> list[Draft]:
    t = ctx.template
    table = section.table
    assert table is not None
    body = _body(ctx, f"{section.title} (cont.)")
    ncols = len(table.header)
    grid = [list(table.header), *([*r, *[""] * ncols][:ncols] for r in table.rows)]
    numeric = [_numeric([row[i] for row in grid[1:]]) for i in range(ncols)]
    size = t.size("table")
    while True:  # the template's table size, smaller (to min_table) while a header word breaks
        head_style = ctx.heading_style(size, t.color("accent_text"))
        cell_style = ctx.body_style(size)
        widths, whole = _column_widths(ctx, grid, cell_style, body.w, head_style)
        if whole or size - 1 < t.size("min_table"):
            break
        size -= 1

    def row_blocks(cells: tuple[str, ...], style: Style) -> list[Block]:
        return [make_block(c, replace(style, align="right") if numeric[i] else style,
                           w - 2 * CELL_PAD)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))]

    header_row = row_blocks(table.header, head_style)
    header_h = _row_height(header_row)
    if header_h + 2 * CELL_PAD + cell_style.line_height > body.h:  # not even one body line fits
        ctx.warn(f"'{section.title}': the table header is too tall for a slide; shown as bullets",
                 section.id)
        from briefer.layout.engine import bullet_slides  # engine imports this module

        return bullet_slides(ctx, replace(section, points=table_as_points(table), table=None))
    rows = [row_blocks(tuple((list(r) + [""] * ncols)[:ncols]), cell_style) for r in table.rows]
    def paged(limit: float) -> list[list[list[Block]]]:
        pages: list[list[list[Block]]] = [[]]
        used = header_h
        queue = list(rows)
        while queue:
            row = queue.pop(0)
            h = _row_height(row)
            if used + h <= limit:
                pages[-1].append(row)
                used += h
                continue
            if not pages[-1]:  # one row taller than a page: split its cells' lines
                lh = cell_style.line_height
                fit = max(1, int((limit - used - 2 * CELL_PAD) // lh))  # ≥ 1: checked above
                halves = [b.split(fit) if len(b.lines) > fit else
                          (b, replace(b, lines=("",), joins=(), slack=0.0)) for b in row]
                head = [h for h, _ in halves]
                tail = [t for _, t in halves]
                pages[-1].append(head)
                if any(b.lines[fit:] for b in row):
                    queue.insert(0, tail)
            else:
                queue.insert(0, row)
            pages.append([])
            used = header_h
        pages = [p for p in pages if p] or [[]]
        return pages

    pages = paged(body.h)
    if len(pages) > 1 and sum(len(p) for p in pages) == len(rows):  # no row was split
        lo, hi = body.h / len(pages), body.h  # rows spread evenly: no stub of a last slide
        for _ in range(12):
            mid = (lo + hi) / 2
            trial = paged(mid)
            if len(trial) <= len(pages) and sum(len(p) for p in trial) == len(rows):
                pages, hi = trial, mid
            else:
                lo = mid
    drafts: list[Draft] = []
    for title, page in zip(slide_titles(section.title, len(pages)), pages, strict=True):
        head, area = header(t, ctx.furniture, title)
        grid = [header_row, *page]
        heights = tuple(_row_height(r) for r in grid)
        cells = []
        for r, row in enumerate(grid):
            y = area.y + sum(heights[:r])
            fill = t.color("accent") if r == 0 else (t.color("tile") if r % 2 == 0 else t.color("background"))
            x = area.x
            out_row = []
            for block, w in zip(row, widths, strict=True):
                box = place([block], x + CELL_PAD, y + CELL_PAD, w - 2 * CELL_PAD,
                            heights[r] - 2 * CELL_PAD, "cell")
                out_row.append(TableCell(box, fill))
                x += w
            cells.append(tuple(out_row))
        said = ", ".join(h for h in table.header if h)
        grid_el = Table(area.x, area.y, tuple(widths), heights, tuple(cells), t.color("muted"),
                        description=f"Table: {title}; {len(page)} rows; columns {said}")
        drafts.append(Draft("table", title, [*head, grid_el], "", section.id))
    return drafts


def _row_height(blocks: list[Block]) -> float:
    return max(blocks_height([b]) for b in blocks) + 2 * CELL_PAD


_NUMBER = re.compile(
    r"[~≈<>≤≥]?\s?[-+−(]?\s?(?:[A-Z]{3}\s?|[$€£¥₺])?\s?\d[\d,.\u202f\u00a0 ]*"
    r"\s?(?:%|‰|bn|m|mn|k|x|×|[A-Z]{3}|million|billion|trillion)?\)?")


def _numeric(cells: list[str]) -> bool:
    """A column of numbers (amounts, percentages, counts): every filled cell is one."""
    filled = [" ".join(c.split()) for c in cells if c.strip() and c.strip() not in ("—", "–", "-")]
    return bool(filled) and all(_NUMBER.fullmatch(c) for c in filled)


def _column_widths(ctx: Context, rows: list[list[str]], style: Style, total: float,
                   head: Style | None = None) -> tuple[list[float], bool]:
    """Share *total* between columns by how much text each holds, never cutting a word when
    the longest words of all columns can fit side by side, and never a header word when those
    can; and whether every header word is whole."""
    ncols = len(rows[0])
    head = head or style
    natural = [0.0] * ncols
    longest = [0.0] * ncols
    heads = [0.0] * ncols
    for r, row in enumerate(rows):
        look = head if r == 0 else style
        for i, cell in enumerate(row[:ncols]):
            natural[i] = max(natural[i], look.metrics.width(cell, look.size) + 2 * CELL_PAD + 8)
            for piece in segments(" ".join(cell.split())):
                wide = look.metrics.width(piece.rstrip(), look.size)
                longest[i] = max(longest[i], wide)
                if r == 0:
                    heads[i] = max(heads[i], wide)
    if sum(natural) <= total:
        extra = (total - sum(natural)) / ncols
        return [n + extra for n in natural], True
    weights = [max(n, 1.0) ** 0.5 for n in natural]
    widths = [total * w / sum(weights) for w in weights]
    floor = [w + 2 * CELL_PAD + 1 for w in longest]
    if sum(floor) > total:  # some word must break: keep the header's whole at least
        floor = [w + 2 * CELL_PAD + 1 for w in heads]
        if sum(floor) > total:
            return widths, False
    for _ in range(ncols):  # raise narrow columns to their floor, paid for by the wide ones
        short = [i for i in range(ncols) if widths[i] < floor[i]]
        if not short:
            break
        need = sum(floor[i] - widths[i] for i in short)
        for i in short:
            widths[i] = floor[i]
        spare = [i for i in range(ncols) if i not in short]
        room = sum(widths[i] - floor[i] for i in spare)
        for i in spare:
            widths[i] -= need * (widths[i] - floor[i]) / room if room > 0 else 0
    return widths, True


def table_as_points(table) -> tuple[Bullet, ...]:
    """A table as bullets: each row's first cell, then "Header: cell" sub-bullets."""
    points: list[Bullet] = [Bullet(" · ".join(h for h in table.header if h) or "—", 0)]
    for row in table.rows:
        cells = list(row) + [""] * (len(table.header) - len(row))
        points.append(Bullet(cells[0] or "—", 0))
        points.extend(Bullet(f"{head}: {cell}", 1) for head, cell in
                      zip(table.header[1:], cells[1:], strict=False) if cell)
    return tuple(points)
