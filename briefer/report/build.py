"""Deck → Report: the chosen sections in the chosen order, as a document.

The summary (BLUF) becomes the executive summary, each main section a Heading 1 with its prose
as body text and its key points boxed, the closing sections the recommendations, backup
sections annexes; sources become numbered endnotes. Timelines and key figures are the very
graphics the slides show (taken from the laid-out deck, drawn as SVG), so report and deck agree.
"""

from __future__ import annotations

from briefer.dates import format_as_of
from briefer.deck.model import Deck
from briefer.errors import BrieferError
from briefer.layout.model import Group, LaidOutDeck, Rect, TextBox
from briefer.markings import portion_mark
from briefer.report.model import (
    Block,
    Endnote,
    FigureBlock,
    Heading,
    KeyPoints,
    Para,
    PictureBlock,
    Point,
    Report,
    ReportLook,
    TableBlock,
)
from briefer.source.model import Figure, Section
from briefer.templates import Template

FIGURE_PAD = 6.0


def build_report(deck: Deck, template: Template, laid: LaidOutDeck, *,
                 strip_notes: bool = False) -> Report:
    """The report of *deck*; *laid* is its slide layout (graphics are taken from it)."""
    sections = deck.selected_sections()

    def on(name: str) -> bool:
        return deck.option(name, template.slides.get(name, True))

    summaries = [s for s in sections if s.kind == "summary"] if on("summary") else []
    closings = [s for s in sections if s.kind == "closing"] if on("closing") else []
    backups = [s for s in sections if s.backup] if on("backup") else []
    main = [s for s in sections if s.kind not in ("summary", "closing") and not s.backup]

    writer = _Writer(deck, template, laid, strip_notes)
    if summaries:
        writer.blocks.append(Heading(1, "Executive summary"))
        for section in summaries:
            if len(summaries) > 1:
                writer.blocks.append(Heading(2, section.title))
            writer.section(section)
    for section in main:
        writer.blocks.append(Heading(1, section.title))
        writer.section(section)
    if closings:
        writer.blocks.append(Heading(1, "Recommendations"))
        for section in closings:
            writer.blocks.append(Heading(2, section.title))
            writer.section(section)
    if backups:
        writer.blocks.append(Heading(1, "Annexes"))
        for index, section in enumerate(backups):
            writer.blocks.append(Heading(2, f"Annex {_letter(index)}: {section.title}"))
            writer.section(section)

    meta = deck.analysis.meta
    date = format_as_of(deck.meta.as_of, "long") if deck.meta.as_of else ""
    authority = ()
    if laid.marking and _classified(laid.marking, template):
        authority = tuple((label, value) for label, value in (
            ("Classified By", meta.classified_by), ("Derived From", meta.derived_from),
            ("Declassify On", meta.declassify_on)) if value)
    title = deck.meta.title or meta.title
    return Report(
        title=title,
        short_title=_short(title),
        subtitle=deck.meta.subtitle,
        author=deck.meta.presenter,
        organisation=deck.meta.organisation,
        date=f"As of {date}" if date else "",
        marking=laid.marking,
        authority=authority,
        lang=laid.lang,
        look=_look(template, laid),
        blocks=tuple(writer.blocks),
        endnotes=tuple(writer.endnotes),
    )


class _Writer:
    def __init__(self, deck: Deck, template: Template, laid: LaidOutDeck, strip_notes: bool):
        self.deck, self.template, self.laid, self.strip_notes = deck, template, laid, strip_notes
        self.blocks: list[Block] = []
        self.endnotes: list[Endnote] = []
        self.figures = 0
        self.tables = 0

    def section(self, section: Section) -> None:
        mark = self._mark(section)
        notes = self._notes(section)
        prose = () if self.strip_notes else section.prose
        for index, paragraph in enumerate(prose):
            last = index == len(prose) - 1
            self.blocks.append(Para(mark + " ".join(paragraph.split()), notes if last else ()))
        graphic = self._graphics(section) if section.kind in ("timeline", "figures") else []
        if section.points and not graphic:
            self.blocks.append(KeyPoints(tuple(Point(mark + p.text, p.level) for p in section.points),
                                         notes=() if prose else notes))
        elif not prose and notes:
            self.blocks.append(Para(mark + "Sources:", notes))
        self.blocks.extend(graphic)
        if section.table is not None and section.table.header:
            self.tables += 1
            self.blocks.append(TableBlock(section.table.header, section.table.rows,
                                          f"{mark}{section.title}"))
        for figure in section.images[:1]:
            self._picture(section, figure, mark)

    def _mark(self, section: Section) -> str:
        scale = self.template.marking
        if not scale.portion_marks:
            return ""
        mark = portion_mark(section.classification or self.deck.meta.classification or scale.levels[0],
                            scale)
        return f"{mark} " if mark else ""

    def _notes(self, section: Section) -> tuple[int, ...]:
        numbers = []
        for source in section.sources:
            number = len(self.endnotes) + 1
            self.endnotes.append(Endnote(number, source, _url_in(source)))
            numbers.append(number)
        return tuple(numbers)

    def _graphics(self, section: Section) -> list[Block]:
        """The section's graphics as the slides draw them; none when the layout fell back to
        bullets (then the key points are listed instead)."""
        out: list[Block] = []
        groups = [e for slide in self.laid.slides if slide.section_id == section.id
                  for e in slide.elements if isinstance(e, Group)]
        rows = tuple(_split(p.text) for p in section.points)
        header = ("Date", "Event") if section.kind == "timeline" else ("Figure", "What it measures")
        for number, group in enumerate(groups, 1):
            x, y, w, h = group.bounds
            box = (x - FIGURE_PAD, y - FIGURE_PAD, w + 2 * FIGURE_PAD, h + 2 * FIGURE_PAD)
            caption = section.title if len(groups) == 1 else f"{section.title} ({number} of {len(groups)})"
            self.figures += 1
            out.append(FigureBlock(group.elements, box, caption, group.description,
                                   rows if number == 1 else (), header))
        return out

    def _picture(self, section: Section, figure: Figure, mark: str) -> None:
        from briefer.images import load_figure

        caption = figure.caption
        try:
            png, width, height = load_figure(self.deck.analysis.folder, figure)
        except BrieferError:
            return  # the slide layout has warned about it already
        alt = caption or f"Picture for {section.title}"
        self.blocks.append(PictureBlock(png, width, height, mark + (caption or section.title), alt))


def _look(template: Template, laid: LaidOutDeck) -> ReportLook:
    style = template.report
    banner = None
    fill = next((e for e in laid.master if isinstance(e, Rect) and e.role == "banner-top-fill"), None)
    text = next((e for e in laid.master if isinstance(e, TextBox) and e.role == "banner-top"), None)
    if fill is not None and fill.fill and text is not None and text.paragraphs:
        banner = (fill.fill, text.paragraphs[0].color)
    return ReportLook(
        paper=style.paper,
        heading_font=style.heading_font or template.heading_font,
        body_font=style.body_font or template.body_font,
        size=style.size,
        colors=dict(style.colors),
        margins=dict(style.margins),
        banner=banner,
    )


def _classified(marking: str, template: Template) -> bool:
    from briefer.markings import level_of

    rank = level_of(marking, template.marking)
    return rank is None or rank > 0


def _split(text: str) -> tuple[str, str]:
    value, sep, label = text.partition(": ")
    return (value.strip(), label.strip()) if sep else ("", text.strip())


def _url_in(text: str) -> str | None:
    for word in text.split():
        if word.startswith(("http://", "https://")):
            return word.rstrip(".,;)")
    return None


def _short(title: str, most: int = 60) -> str:
    """The running header's title: up to a colon, or cut at a word near *most* characters."""
    head = title.split(":")[0].strip() or title
    if len(head) <= most:
        return head
    return head[:most].rsplit(" ", 1)[0] + " …"


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
