"""Shared state while one deck is laid out: the deck, its template, furniture and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefer.deck.model import Deck
from briefer.layout.frame import Furniture, fonts
from briefer.layout.model import Element
from briefer.layout.text import Style
from briefer.messages import Notice
from briefer.templates import Template

LayoutWarning = Notice  # the layout's warnings are the same type as the readers'


@dataclass
class Draft:
    """A slide being laid out, before it is numbered and takes its footer."""

    kind: str
    title: str
    elements: list[Element]
    notes: str = ""
    section_id: str | None = None
    bookmark: str | None = None
    backup: bool = False
    furniture: bool = True  # footer with numbering


@dataclass
class Context:
    """What laying out one deck needs throughout: the deck, template, furniture and warnings."""

    deck: Deck
    template: Template
    furniture: Furniture
    warnings: list[LayoutWarning] = field(default_factory=list)

    def warn(self, message: str, section_id: str | None = None) -> None:
        self.warnings.append(LayoutWarning(message, section_id))

    def body_style(self, size: float | None = None) -> Style:
        _, body = fonts(self.template)
        t = self.template
        return Style(body, size or t.size("body"), t.color("text"), t.line_spacing)

    def heading_style(self, size: float, color: str, align: str = "left") -> Style:
        heading, _ = fonts(self.template)
        return Style(heading, size, color, 1.1, align)

    def option(self, name: str) -> bool:
        return self.deck.option(name, self.template.slides.get(name, True))


def slide_titles(title: str, count: int) -> list[str]:
    """The first slide keeps the title; the rest say "(cont.)"."""
    return [title if i == 0 else f"{title} (cont.)" for i in range(count)]
