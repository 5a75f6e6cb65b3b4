"""layout(deck, template): pure, fast, and the only place that decides where things go.

Order of a deck: title · bottom line up front (.summary sections) · agenda · sections in the
user's order · closing (.closing sections) · sources · Backup divider and .backup sections.
Each part can be switched off by the template ([slides]) or the deck (options); a part that is
off leaves its sections out. Numbering: "n of N" on main slides, "B-n" in backup.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

from briefer.dates import date_problem, format_as_of
from briefer.deck.model import Deck, check_limits
from briefer.errors import BrieferError, LayoutError
from briefer.layout import graphics
from briefer.layout.context import Context, Draft, LayoutWarning, slide_titles
from briefer.layout.frame import LOGO_DESCRIPTION, Area, Furniture, content_area, fonts, footer, header
from briefer.layout.frame import banners as make_banners
from briefer.layout.furniture import (
    LAYOUT_FURNITURE,
    bind,
    footer_placeholders,
    layout_role,
    placed_like,
    placeholders_of,
    split,
)
from briefer.layout.measure import metrics
from briefer.layout.model import (
    LAYOUT_NAMES,
    DocumentInfo,
    Element,
    Frame,
    LaidOutDeck,
    Picture,
    Rect,
    Slide,
    TextBox,
    changed,
)
from briefer.layout.text import (
    Block,
    Style,
    balance,
    blocks_height,
    joined_text,
    make_block,
    paginate,
    place,
    title_block,
)
from briefer.markings import banner_colors, highest, portion_mark
from briefer.source.model import Bullet, Section
from briefer.templates import Template

BULLETS = ("•", "–", "▪")  # one glyph per outline level
LEVEL_SCALE = (1.0, 0.9, 0.85)
SHRINK_LIMIT = 0.85  # fit a section on one slide by shrinking at most to 85 % (never below min)
SHRINK_HOPELESS = 1.5  # text this many pages long cannot shrink onto one: 1.5 * 0.85² > 1
PICTURE_TEXT_SHARE = 0.56  # beside a picture, the key points take this share of the width
PICTURE_GAP = 24.0


def layout(deck: Deck, template: Template) -> tuple[LaidOutDeck, list[LayoutWarning]]:
    """Lay the deck out on the template; warnings are returned, never raised.

    Content beyond briefer's limits (briefer/limits.py) is a LayoutError: it is refused, not slow.
    """
    check_limits(deck, LayoutError)
    sections = deck.selected_sections()
    scale = template.marking
    marking, unknown = highest(
        [deck.meta.classification, *(s.classification or "" for s in sections)], scale
    )
    date = format_as_of(deck.meta.as_of, template.date_style) if deck.meta.as_of else ""
    furniture = Furniture(
        marking=marking,
        marking_colors=banner_colors(marking, scale) if marking else ("#000000", "#FFFFFF"),
        fields={
            "title": deck.meta.title,
            "subtitle": deck.meta.subtitle,
            "presenter": deck.meta.presenter,
            "organisation": deck.meta.organisation,
            "date": f"As of {date}" if date else "",
            "classification": marking,
        },
    )
    ctx = Context(deck, template, furniture)
    shown = {s.id for s in sections}
    ctx.warnings.extend(w for w in deck.analysis.warnings  # the reader's, about what is shown
                        if w.section_id is None or w.section_id in shown)
    if template.master is not None:
        for problem in template.master.problems:
            ctx.warn(f"master {template.master.path.name}: {problem}")
    _check_as_of(ctx)
    for bad in unknown:
        ctx.warn(f"marking '{bad}' is not on the template's scale ({', '.join(scale.levels)})")
    if not sections:
        ctx.warn("no sections are selected")
    if deck.orphans:
        many = len(deck.orphans) > 1
        ctx.warn(f"the analysis no longer has section{'s' if many else ''} "
                 f"{', '.join(deck.orphans)}; {'their' if many else 'its'} choices and edits are kept "
                 "in the deck file")

    # the standard parts: switched off, their sections are left out of the deck
    summaries = [s for s in sections if s.kind == "summary"] if ctx.option("summary") else []
    closings = [s for s in sections if s.kind == "closing"] if ctx.option("closing") else []
    backups = [s for s in sections if s.backup] if ctx.option("backup") else []
    main = [s for s in sections if s.kind not in ("summary", "closing") and not s.backup]

    drafts: list[Draft] = []
    if ctx.option("title"):
        drafts.extend(_title_slides(ctx))
    for section in summaries:
        drafts.extend(_section_slides(ctx, section))
    if ctx.option("agenda") and main:
        drafts.extend(_agenda(ctx, main))
    for section in main:
        drafts.extend(_section_slides(ctx, section))
    for section in closings:
        drafts.extend(_section_slides(ctx, section))
    if ctx.option("sources"):
        drafts.extend(_sources(ctx, sections))
    if backups:
        drafts.append(_divider(ctx, "Backup"))
        for section in backups:
            drafts.extend(changed(d, backup=True) for d in _section_slides(ctx, section))

    _check_glyphs(ctx, sections)
    slides, master, frames = _finish(ctx, drafts)
    info = DocumentInfo(
        title=deck.meta.title,
        author=deck.meta.presenter or deck.meta.organisation,
        subject=deck.meta.subtitle,
        keywords=marking,
    )
    heading, body = fonts(template)
    return (
        LaidOutDeck(template.page_width, template.page_height, tuple(slides), info,
                    (heading, body), marking, master, frames, deck.analysis.meta.lang,
                    dict(template.colors),
                    str(template.master.path) if template.master is not None else ""),
        ctx.warnings,
    )


def _check_as_of(ctx: Context) -> None:
    """An impossible as-of date is shown as typed and reported, naming the field and its file.

    Reading the file does not fail on it, so the app can open the file and show the problem.
    """
    as_of = ctx.deck.meta.as_of
    problem = date_problem(as_of) if as_of else None
    if problem is None:
        return
    origin = (f"the front matter of {ctx.deck.analysis_ref}"
              if as_of == ctx.deck.analysis.meta.as_of else "the deck's properties")
    ctx.warn(f"as_of '{as_of.strip()}' in {origin} is not a real date ({problem}); "
             "it is shown as typed")


def _finish(ctx: Context, drafts: list[Draft]) -> tuple[list[Slide], tuple[Element, ...],
                                                     dict[str, Frame]]:
    """Number the slides, add footers, put each on its layout and take the shared furniture
    off it; returns the slides, the master's banners and the layouts."""
    main_total = sum(1 for d in drafts if not d.backup and d.kind != "divider")
    main_no = backup_no = 0
    t = ctx.template
    footers = footer_placeholders(t.footer)
    frames = _frames(ctx, footers)
    laid: list[Slide] = []
    for draft in drafts:
        if draft.kind == "divider":
            number = ""
        elif draft.backup:
            backup_no += 1
            number = f"B-{backup_no}"
        else:
            main_no += 1
            number = f"{main_no} of {main_total}"
        elements = list(draft.elements)
        if draft.furniture and number:
            elements.extend(footer(t, ctx.furniture, number))
        role = layout_role(draft.kind, elements)
        cover = role in ("title", "section")
        background = t.color("title_background") if cover else t.color("background")
        offered = None
        if t.master is not None:  # the organisation's layout decides background and placeholders
            background, offered = frames[role].background, frames[role].refs.keys()
        laid.append(Slide(draft.kind, draft.title, tuple(bind(elements, footers, role, offered)),
                          background, draft.notes, draft.section_id, draft.bookmark, number,
                          ctx.furniture.marking, role))
    master = tuple(make_banners(t, ctx.furniture))
    slides = [split(slide, frames[slide.layout], master) for slide in laid]
    for role, frame in frames.items():  # placeholders where the deck's own slides have them
        if t.master is not None:
            break  # an organisation's layouts stay as the organisation made them
        seen = placeholders_of([s for s in slides if s.layout == role and not s.own_frame])
        frames[role] = replace(frame, placeholders={
            name: placed_like(sample, seen.get(name)) for name, sample in frame.placeholders.items()})
    return slides, master, frames


def _frames(ctx: Context, footers: dict[str, str]) -> dict[str, Frame]:
    """Every layout's standard furniture and placeholder boxes, from a sample of each slide."""
    t = ctx.template
    if t.master is not None:
        return _org_frames(ctx)
    head, body = header(t, ctx.furniture, "Agenda")
    foot = footer(t, ctx.furniture, "1 of 1")
    shared = [e for e in head + foot if e.role in LAYOUT_FURNITURE]
    levels = Section("sample", "", points=tuple(Bullet(f"Level {n + 1}", n) for n in range(3)))

    def sample(x: float, w: float) -> TextBox:
        return place(_bullet_blocks(ctx, levels, t.size("body"), w), x, body.y, w, body.h, "body")

    text_w = body.w * PICTURE_TEXT_SHARE
    sample_body = [sample(body.x, body.w)]
    two = [sample(body.x, text_w),
           sample(body.x + text_w + PICTURE_GAP, body.w - text_w - PICTURE_GAP)]
    warnings = len(ctx.warnings)  # the samples' warnings are not the deck's
    title_sample = _title_slides(ctx)[0].elements
    section_sample = _divider(ctx, "Backup").elements
    del ctx.warnings[warnings:]
    samples: dict[str, list[Element]] = {
        "title": list(title_sample),
        "content": head + sample_body + foot,
        "two-content": head + two + foot,
        "section": list(section_sample),
        "title-only": head + foot,
        "blank": [e for e in head if e.role == "logo"] + foot,
    }
    frames: dict[str, Frame] = {}
    for role, elements in samples.items():
        cover = role in ("title", "section")
        furniture = [e for e in elements if e.role in LAYOUT_FURNITURE]
        if role not in ("title", "section", "blank"):
            furniture = list(shared)
        bound = bind([e for e in elements if e.role not in LAYOUT_FURNITURE], footers, role)
        probe = Slide(role, "", tuple(bound), "", layout=role)
        background = t.color("title_background") if cover else t.color("background")
        frames[role] = Frame(role, background, tuple(furniture), placeholders_of([probe]))
    return frames


def _org_frames(ctx: Context) -> dict[str, Frame]:
    """An organisation's layouts as frames: their art (for the PDF and the preview), their
    placeholders' text areas, and the <p:ph> each of briefer's placeholders fills there."""
    from briefer.layout.org import art_elements, inner

    t = ctx.template
    assert t.master is not None
    frames: dict[str, Frame] = {}
    style = ctx.body_style()
    for role in LAYOUT_NAMES:
        lay = t.master.layout(role)
        bodies = lay.bodies()
        chosen = {
            "title": lay.placeholder("title", "ctrTitle"),
            "subTitle": lay.placeholder("subTitle") if role == "title" else None,
            "byline": bodies[0] if role == "title" and bodies else None,
            "body": bodies[0] if role != "title" and bodies else None,
            "body2": bodies[1] if role != "title" and len(bodies) > 1 else None,
            "dt": lay.placeholder("dt"), "ftr": lay.placeholder("ftr"),
            "sldNum": lay.placeholder("sldNum"),
        }
        places = {name: TextBox(*inner(ph), (), name, ph.anchor)
                  for name, ph in chosen.items() if ph is not None}
        refs = {name: ph.ref for name, ph in chosen.items() if ph is not None}
        frames[role] = Frame(role, lay.background,
                             art_elements(lay, style, t.page_width, t.page_height), places,
                             lay.part, refs)
    return frames


# ------------------------------------------------------------------ standard slides

def _title_slides(ctx: Context) -> list[Draft]:
    """Title, subtitle and byline as separate text boxes; a title too long for one slide goes on."""
    t, meta = ctx.template, ctx.deck.meta
    if t.master is not None:
        drafts = _org_title_slides(ctx)
        if drafts:
            return drafts
    area = content_area(t, ctx.furniture, with_footer=False)
    title_color = t.color("title_text")
    on_dark = t.header_style == "bar"
    muted = title_color if on_dark else t.color("muted")
    inner = Area(area.x + 20, area.y, area.w - 40, area.h)
    rule_y = area.y + area.h * 0.28
    size = t.size("title")
    title = meta.title or "Untitled briefing"
    first, title_w = title_block(title, ctx.heading_style(size, title_color), inner.w,
                                 t.size("min_heading"), 3)
    size = first.style.size
    _, body_font = fonts(t)
    parts: list[tuple[str, list[Block]]] = [("title", [first])]
    if meta.subtitle:  # never larger than a title that had to shrink
        sub = Style(body_font, min(t.size("subtitle"), size * 0.75), muted, t.line_spacing)
        parts.append(("subtitle", [make_block(meta.subtitle, sub, inner.w)]))
    small = Style(body_font, t.size("subtitle") * 0.8, muted, t.line_spacing)
    byline = [make_block(x, small, inner.w, space_before=4)
              for x in (" · ".join(x for x in (meta.presenter, meta.organisation) if x),
                        ctx.furniture.fields["date"]) if x]
    if byline:
        parts.append(("byline", byline))
    gaps = {"title": 0.0, "subtitle": 12.0, "byline": 28.0}
    top = rule_y + 24
    total = sum(gaps[role] + blocks_h(blocks) for role, blocks in parts)
    if total > area.bottom - top:  # long titles start higher, where the accent rule would be
        top = area.y + 8
    elements: list[Element] = []
    if top > area.y + 8:
        rule_x, rule_w = (0.0, t.page_width) if on_dark else (inner.x, 80.0)
        elements.append(Rect(rule_x, rule_y, rule_w, 4, fill=t.color("accent"), role="title-rule"))
    drafts: list[Draft] = []
    cursor = top
    for role, blocks in parts:
        cursor += gaps[role] if elements and cursor > top else 0.0
        for block in blocks:
            while True:  # split a block only when a whole slide cannot hold it
                room = area.bottom - cursor
                width = title_w if role == "title" else inner.w
                if block.height(True) <= room + 0.01:
                    elements.append(place([block], inner.x, cursor, width, block.height(True), role))
                    cursor += block.height(True)
                    break
                fit = int((room + 0.01) // block.style.line_height)
                if fit < 1 and not elements:  # an empty slide always takes a line: progress
                    fit = 1
                if fit >= 1:
                    head, block = block.split(fit)
                    elements.append(place([head], inner.x, cursor, width, head.height(True), role))
                drafts.append(Draft("title", meta.title, elements, "", furniture=False))
                elements, cursor = [], area.y + 8
    if t.logo is not None:
        logo = t.logo
        elements.append(Picture(inner.x + inner.w - logo.width, area.y + 8, logo.width,
                                logo.height, logo.png, "logo", LOGO_DESCRIPTION))
    drafts.append(Draft("title", meta.title, elements, "", furniture=False))
    for draft in drafts:  # the byline's lines are one box: one placeholder in PowerPoint
        draft.elements = _joined(draft.elements, "byline")
    if len(drafts) > 1:
        ctx.warn("the title page text is too long for one slide and continues on the next")
    fields = ctx.furniture.fields
    facts = [meta.title, meta.subtitle,
             f"Presented by {', '.join(x for x in (meta.presenter, meta.organisation) if x)}"
             if meta.presenter or meta.organisation else "", fields["date"],
             f"Overall classification: {ctx.furniture.marking}" if ctx.furniture.marking else ""]
    drafts[0].notes = ". ".join(f.rstrip(".") for f in facts if f) + "."
    return drafts


def _title_facts(ctx: Context) -> str:
    meta, fields = ctx.deck.meta, ctx.furniture.fields
    facts = [meta.title, meta.subtitle,
             f"Presented by {', '.join(x for x in (meta.presenter, meta.organisation) if x)}"
             if meta.presenter or meta.organisation else "", fields["date"],
             f"Overall classification: {ctx.furniture.marking}" if ctx.furniture.marking else ""]
    return ". ".join(f.rstrip(".") for f in facts if f) + "."


def _org_title_slides(ctx: Context) -> list[Draft]:
    """The title slide in an organisation's Title Slide layout: the title in its title
    placeholder, subtitle and byline in its subtitle placeholder. [] when they cannot fit there
    even at the smallest sizes (the caller then lays the slide out on its own)."""
    from briefer.layout.frame import banner_height
    from briefer.layout.org import clip, inner, title_box

    t, meta = ctx.template, ctx.deck.meta
    assert t.master is not None
    lay = t.master.layout("title")
    banner_h = banner_height(t, ctx.furniture)
    heading = ctx.heading_style(t.size("title"), t.color("title_text"))
    title = title_box(t, lay, meta.title or "Untitled briefing", banner_h, heading,
                      t.size("min_heading"))
    _, bottom = clip(t, banner_h, 0, t.page_height)
    if title.y + title.h > bottom:
        return []
    _, body_font = fonts(t)
    sub = lay.placeholder("subTitle") or (lay.bodies()[0] if lay.bodies() else None)
    if sub is not None:
        x, y, w, h = inner(sub)
        align = sub.align
    else:
        x, y, w, h = title.x, title.y + title.h + 12, title.w, bottom - title.y - title.h - 12
        align = "left"
    y = max(y, title.y + title.h + 6)
    size = min(t.size("subtitle"), title.paragraphs[0].size * 0.75 if title.paragraphs else 99)
    muted = t.color("muted")
    blocks = []
    if meta.subtitle:
        blocks.append(make_block(meta.subtitle, Style(body_font, size, muted, t.line_spacing, align), w))
    for text in (" · ".join(x for x in (meta.presenter, meta.organisation) if x),
                 ctx.furniture.fields["date"]):
        if text:
            style = Style(body_font, max(t.size("min_body"), size * 0.8), muted, t.line_spacing, align)
            blocks.append(make_block(text, style, w, space_before=6))
    elements: list[Element] = [title]
    if blocks:
        need = blocks_h(blocks)
        if need > bottom - y:
            return []
        elements.append(place(blocks, x, y, w, max(min(h, bottom - y), need), "subtitle",
                              sub.anchor if sub is not None else "top"))
    return [Draft("title", meta.title, elements, _title_facts(ctx), furniture=False)]


def _joined(elements: list[Element], role: str) -> list[Element]:
    """Consecutive text boxes of *role* as one box spanning them (lines keep their places)."""
    out: list[Element] = []
    for e in elements:
        last = out[-1] if out else None
        if isinstance(e, TextBox) and e.role == role and isinstance(last, TextBox) \
                and last.role == role:
            bottom = max(last.y + last.h, e.y + e.h)
            out[-1] = replace(last, h=bottom - last.y, paragraphs=last.paragraphs + e.paragraphs)
        else:
            out.append(e)
    return out


def _agenda(ctx: Context, sections: list[Section]) -> list[Draft]:
    """The agenda: laid out again only when a title, the template or the furniture changed."""
    titles = tuple(s.title for s in sections)
    return _memoised(ctx, ("agenda", titles, id(ctx.template), ctx.furniture.key),
                     lambda: _lay_out_agenda(ctx, titles))


def _lay_out_agenda(ctx: Context, titles: tuple[str, ...]) -> list[Draft]:
    t = ctx.template
    style = ctx.body_style()
    probe_elements, body = header(t, ctx.furniture, "Agenda")
    number_w = metrics(style.font.file).width("00.", style.size) + 10
    blocks = [
        make_block(title, style, body.w, space_before=style.size * 0.6, indent=number_w,
                   bullet=f"{i}.", bullet_x=0, bullet_color=t.color("accent"), number=i)
        for i, title in enumerate(titles, 1)
    ]
    pages = balance(blocks, body.h)
    if len(pages) > 1:
        ctx.warn(f"the agenda continues on {len(pages) - 1} more slide{'s' if len(pages) > 2 else ''}")
    drafts = _pages(ctx, "agenda", "Agenda", pages, body, None,
                    "Agenda: " + "; ".join(titles) + ".")
    _continuation_notes(drafts, "the agenda", drafts[0].notes if drafts else "")
    return drafts


def _sources(ctx: Context, sections: list[Section]) -> list[Draft]:
    seen: dict[str, None] = {}
    for section in sections:
        for source in section.sources:
            seen.setdefault(source, None)
    for source in ctx.deck.analysis.meta.sources:
        seen.setdefault(source, None)
    if not seen:
        return []
    lines = tuple(seen)
    return _memoised(ctx, ("sources", lines, id(ctx.template), ctx.furniture.key),
                     lambda: _lay_out_sources(ctx, lines))


def _lay_out_sources(ctx: Context, lines: tuple[str, ...]) -> list[Draft]:
    """The sources slides: every distinct source once, in the order the sections give them."""
    t = ctx.template
    _, body = header(t, ctx.furniture, "Sources")
    style = ctx.body_style(max(t.size("min_body"), t.size("body") - 4))
    hang = style.size * 1.0
    blocks = [
        make_block(text, style, body.w, space_before=style.size * 0.4, indent=hang,
                   bullet="•", bullet_x=0, bullet_color=t.color("accent"), link=_url_in(text))
        for text in lines
    ]
    pages = balance(blocks, body.h)
    if len(pages) > 1:
        ctx.warn(f"the sources continue on {len(pages) - 1} more slide{'s' if len(pages) > 2 else ''}")
    drafts = _pages(ctx, "sources", "Sources", pages, body, None,
                    "Sources gathered from the sections in this deck.")
    _continuation_notes(drafts, "the sources", "")
    return drafts


def _divider(ctx: Context, title: str) -> Draft:
    t = ctx.template
    if t.master is not None:
        from briefer.layout.frame import banner_height
        from briefer.layout.org import title_box

        style = ctx.heading_style(t.size("title"), t.color("title_text"))
        box = title_box(t, t.master.layout("section"), title, banner_height(t, ctx.furniture), style,
                        t.size("min_heading"))
        return Draft("divider", title, [box], "Backup material follows.", bookmark=title,
                     furniture=False)
    area = content_area(t, ctx.furniture, with_footer=False)
    style = ctx.heading_style(t.size("title"), t.color("title_text"), "center")
    block = make_block(title, style, area.w)
    box = place([block], area.x, area.y, area.w, area.h, "title", "middle")
    return Draft("divider", title, [box], "Backup material follows.", bookmark=title,
                  furniture=False)


_URL = re.compile(r"https?://[^\s<>()\[\]]+(?:\([^\s<>()]*\)[^\s<>()\[\]]*)*")


def _url_in(text: str) -> str | None:
    """The first address in a source line ("anchor (URL)" or the URL alone)."""
    match = _URL.search(text)
    return match.group(0).rstrip(".,;:") if match else None


# ------------------------------------------------------------------ sections

SECTION_MEMO_SIZE = 4096  # laid-out sections kept: a 1000-slide deck and its recent edits
_SECTION_MEMO: OrderedDict[tuple, tuple[Template, list[Draft], list[LayoutWarning]]] = OrderedDict()
_MEMO_LOCK = threading.Lock()  # the app lays out on a worker thread and on the UI thread


def _section_slides(ctx: Context, section: Section) -> list[Draft]:
    """A section's slides, laid out once: an edit lays out only the sections it changed.

    The result depends on the section, the template, the banner (it sets the room under the
    header), the deck's marking (portion marks) and the picture file's state; all are the key.
    """
    key = (section, id(ctx.template), ctx.furniture.marking, ctx.deck.meta.classification,
           ctx.deck.analysis.folder, _picture_state(ctx, section))
    return _memoised(ctx, key, lambda: _lay_out_section(ctx, section))


def _memoised(ctx: Context, key: tuple, build: Callable[[], list[Draft]]) -> list[Draft]:
    """*build*'s drafts, laid out once per *key* (which must hold everything they depend on
    besides the template). Cached drafts are handed out as copies, and their warnings are said
    again."""
    with _MEMO_LOCK:
        hit = _SECTION_MEMO.get(key)
        if hit is not None and hit[0] is ctx.template:
            _SECTION_MEMO.move_to_end(key)
    if hit is not None and hit[0] is ctx.template:
        ctx.warnings.extend(hit[2])
        return [changed(d, elements=list(d.elements)) for d in hit[1]]
    start = len(ctx.warnings)
    drafts = build()
    kept = [changed(d, elements=list(d.elements)) for d in drafts]
    with _MEMO_LOCK:
        _SECTION_MEMO[key] = (ctx.template, kept, ctx.warnings[start:])
        while len(_SECTION_MEMO) > SECTION_MEMO_SIZE:
            _SECTION_MEMO.popitem(last=False)
    return drafts


def _picture_state(ctx: Context, section: Section) -> tuple:
    """The picture file's size and time, so a picture changed on disk is laid out again."""
    figure = section.image
    if figure is None or figure.data is not None:
        return ()
    try:
        from briefer.images import resolve

        info = resolve(ctx.deck.analysis.folder, figure.path).stat()
        return (info.st_size, info.st_mtime_ns)
    except Exception:  # an unusable reference is the layout's warning, not the key's problem
        return ("missing",)


def _lay_out_section(ctx: Context, section: Section) -> list[Draft]:
    notes = section.notes
    if section.sources:
        notes = (notes + "\n\n" if notes else "") + "Sources: " + "; ".join(section.sources)
    drafts: list[Draft] = []
    if section.kind == "timeline" and section.points:
        drafts = graphics.timeline_slides(ctx, section)
    elif section.kind == "figures" and section.points:
        drafts = graphics.figure_slides(ctx, section)
    else:
        if section.points or section.table is None:
            drafts = bullet_slides(ctx, section)
        if section.table is not None and section.table.header:
            drafts += graphics.table_slides(ctx, section)
    if len(drafts) > 1:
        ctx.warn(f"'{section.title}' continues on {len(drafts) - 1} more slide"
                 f"{'s' if len(drafts) > 2 else ''}", section.id)
    for i, draft in enumerate(drafts):
        draft.section_id = section.id
        draft.bookmark = section.title if i == 0 else None
        if i == 0:
            draft.notes = "\n\n".join(x for x in (notes, draft.notes) if x)
    _continuation_notes(drafts, f"'{section.title}'", drafts[0].notes if drafts else "")
    return drafts


def _continuation_notes(drafts: list[Draft], what: str, first_notes: str) -> None:
    """Notes for each slide after the first that say what it is, and point to the first
    slide's notes only when there are some."""
    for i, draft in enumerate(drafts[1:], 2):
        where = " Its speaker notes are on the first of them." if first_notes.strip() else ""
        draft.notes = f"Slide {i} of {len(drafts)} for {what}, continued from the slide before.{where}"


def _bullet_blocks(ctx: Context, section: Section, size: float, width: float) -> list[Block]:
    t = ctx.template
    mark = ""
    if t.marking.portion_marks:
        mark = portion_mark(section.classification or ctx.deck.meta.classification
                            or t.marking.levels[0], t.marking)
    blocks: list[Block] = []
    if not section.points and section.image is not None:
        return []  # a picture slide
    points = section.points or (Bullet("(no key points)", 0),)
    step = size * 1.3
    styles: dict[int, tuple[float, Style]] = {}  # one per level: thousands of points share them
    for point in points:
        level = min(point.level, 2)
        if level not in styles:
            lsize = max(t.size("min_body"), round(size * LEVEL_SCALE[level], 1))
            style = ctx.body_style(lsize)
            if level:
                style = replace(style, color=t.color("text"))
            styles[level] = (lsize, style)
        lsize, style = styles[level]
        hang = lsize * 0.95
        text = f"{mark} {point.text}" if mark else point.text
        shift = len(text) - len(point.text)
        blocks.append(make_block(
            text, style, width,
            space_before=lsize * (0.55 if level == 0 else 0.25),
            indent=level * step + hang,
            bullet=BULLETS[level],
            bullet_x=level * step,
            bullet_color=t.color("accent"),
            level=level,
            links=tuple((a + shift, b + shift, url) for a, b, url in point.links),
        ))
    return blocks


def bullet_slides(ctx: Context, section: Section) -> list[Draft]:
    picture = _picture(ctx, section)
    if not section.points and picture is None:
        ctx.warn(f"'{section.title}' has no key points", section.id)
    t = ctx.template
    _, body = header(t, ctx.furniture, section.title)
    # with a picture, the key points take the left part of the slide
    text_w = body.w * PICTURE_TEXT_SHARE if picture is not None and section.points else body.w
    size = t.size("body")
    floor = max(t.size("min_body"), size * SHRINK_LIMIT)
    blocks = _bullet_blocks(ctx, section, size, text_w)
    pages = balance(blocks, body.h)
    trial = size
    # text height goes with the square of the size: shrunk to 85 %, text more than 1.5 pages
    # long still fills more than one, so the trial wraps (all of a long section's text each)
    # are skipped
    if blocks_height(blocks) > SHRINK_HOPELESS * body.h:
        trial = floor
    while len(pages) > 1 and trial - 1 >= floor:
        trial -= 1
        smaller = _bullet_blocks(ctx, section, trial, text_w)
        if len(paginate(smaller, body.h)) == 1:
            pages = [smaller]
            break
    kind = section.kind if section.kind in ("summary", "closing") else "content"
    drafts = _pages(ctx, kind, section.title, pages, body, section.id, "", text_w)
    if picture is not None:
        gap = PICTURE_GAP if section.points else 0.0
        region = Area(body.x + (text_w + gap if section.points else 0), body.y,
                      body.w - (text_w + gap if section.points else 0), body.h)
        elements, shown = _picture_elements(ctx, picture, section.image.caption, region,
                                            section.image.alt or section.image.caption
                                            or section.title)
        drafts[0].elements.extend(elements)
        if section.image.caption and not shown:
            ctx.warn(f"'{section.title}': the picture's caption is too long for the slide; it is "
                     "in the speaker notes", section.id)
            drafts[0].notes = f"Picture: {section.image.caption}"
    return drafts


def _picture(ctx: Context, section: Section) -> tuple[bytes, int, int] | None:
    if section.image is None:
        return None
    if len(section.images) > 1:
        ctx.warn(f"'{section.title}': only the first of its {len(section.images)} pictures is shown",
                 section.id)
    from briefer.images import load_figure

    try:
        return load_figure(ctx.deck.analysis.folder, section.image)
    except BrieferError as exc:
        ctx.warn(f"'{section.title}': {exc}; the picture is left out", section.id)
        return None


def _picture_elements(ctx: Context, picture: tuple[bytes, int, int], caption: str,
                      region: Area, description: str) -> tuple[list[Element], bool]:
    """The picture scaled to fit the region (never enlarged past 2× its pixels), caption below;
    and whether the caption fitted."""
    png, width_px, height_px = picture
    t = ctx.template
    blocks: list[Block] = []
    if caption:
        style = Style(fonts(t)[1], t.size("min_body"), t.color("muted"), t.line_spacing, "center")
        blocks = [make_block(caption, style, region.w)]
    caption_h = blocks_h(blocks) + (6 if blocks else 0)
    room_h = region.h - caption_h
    if room_h < region.h / 2:  # a caption this long goes to the notes instead
        blocks, caption_h, room_h = [], 0.0, region.h
    scale = min(region.w / width_px, room_h / height_px, 2.0)
    w, h = width_px * scale, height_px * scale
    x = region.x + (region.w - w) / 2
    out: list[Element] = [Picture(x, region.y, w, h, png, "image", description)]
    if blocks:
        out.append(place(blocks, region.x, region.y + h + 6, region.w, blocks_h(blocks), "caption"))
    return out, bool(blocks)


def _pages(ctx: Context, kind: str, title: str, pages: list[list[Block]], body: Area,
           section_id: str | None, notes: str, text_w: float | None = None) -> list[Draft]:
    drafts: list[Draft] = []
    t = ctx.template
    for page_title, blocks in zip(slide_titles(title, len(pages)), pages, strict=True):
        elements, area = header(t, ctx.furniture, page_title)
        if area.h < body.h - 0.5:  # a "(cont.)" title that wraps further: re-flow this page
            return _pages(ctx, kind, title, _reflow(pages, area.h), area, section_id, notes, text_w)
        if kind in ("summary", "closing") and blocks:
            elements.append(Rect(area.x - 14, area.y, 5, blocks_h(blocks), fill=t.color("accent"),
                                 role="accent-bar"))
        if blocks:
            elements.append(place(blocks, area.x, area.y, text_w or area.w, area.h, "body"))
        drafts.append(Draft(kind, page_title, elements, notes, section_id))
    return drafts


def blocks_h(blocks: list[Block]) -> float:
    from briefer.layout.text import blocks_height

    return blocks_height(blocks)


def _reflow(pages: list[list[Block]], height: float) -> list[list[Block]]:
    merged: list[Block] = []
    for page in pages:
        for block in page:
            if merged and block.bullet is None and merged[-1].style == block.style \
                    and merged[-1].indent == block.indent:
                last = merged[-1]
                skip = len(joined_text(last.lines, last.line_joins)) + (
                    0 if block.line_joins[:1] == (True,) else 1)
                merged[-1] = replace(last, lines=last.lines + block.lines,
                                     joins=last.line_joins + block.line_joins,
                                     links=last.links + tuple((a + skip, b + skip, u)
                                                              for a, b, u in block.links))
            else:
                merged.append(block)
    return balance(merged, height)


def _check_glyphs(ctx: Context, sections: list[Section]) -> None:
    """Warn about characters the template's fonts cannot draw (each distinct character once)."""
    heading, body = fonts(ctx.template)
    meta = ctx.deck.meta
    chars: set[str] = set()
    for text in (meta.title, meta.subtitle, meta.presenter, meta.organisation, meta.classification,
                 *ctx.deck.analysis.meta.sources):
        chars.update(text)
    for s in sections:
        chars.update(" ".join(s.sources))
        chars.update(s.title)
        for point in s.points:
            chars.update(point.text)
        if s.table is not None:
            for cell in (*s.table.header, *(c for row in s.table.rows for c in row)):
                chars.update(cell)
    chars.discard(" ")
    text = "".join(sorted(chars))
    missing = metrics(body.file).missing(text) | metrics(heading.file).missing(text)
    if missing:
        shown = "".join(sorted(missing))[:20]
        ctx.warn(f"neither the template's fonts nor the fallback font have a glyph for "
                 f"{shown!r}; those characters will show as boxes")
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in chars):
        ctx.warn("right-to-left text (Arabic, Hebrew) is not supported yet: it will print in the "
                 "wrong order in the PDF")
