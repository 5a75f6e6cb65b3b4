"""What a product is drawn with besides its model: paper, slides per page, notes kept or not."""

from __future__ import annotations

from briefer.records import record


@record
class RenderOptions:
    """What a product's renderer is asked for beyond the model: paper, handout layout, notes."""

    paper: str = "a4"  # a4 | letter: notes pages, handouts and the report
    per_page: int = 3  # handout slides per page: 1, 2, 3, 4 or 6
    strip_notes: bool = False  # a distribution copy: no speaker notes (or report prose)
