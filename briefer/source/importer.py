"""`briefer import`: any analysis briefer reads (a Word file) written out as Markdown.

The Markdown is briefer's own format, so the user can keep it as the source and edit it as
text. Pictures the document carries go into a folder beside it (`<name>-media/`), each
re-encoded as PNG by the one image gate (`images.to_png`), so nothing undecoded from a
stranger's file lands on disk. Every file is written atomically.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from briefer.errors import BrieferError, SourceError
from briefer.fileio import write_atomic, write_text_atomic
from briefer.messages import Notice
from briefer.source import readers
from briefer.source.model import Analysis, Figure

MARKDOWN_SUFFIXES = (".md", ".markdown")


def media_folder(output: Path) -> Path:
    """Where the pictures of *output* go: `report-media/` beside `report.md`."""
    return output.with_name(f"{output.stem}-media")


def import_analysis(source: Path, output: Path) -> list[Notice]:
    """Read *source* with its reader and write it to *output* as Markdown; the warnings."""
    source, output = Path(source), Path(output)
    if output.suffix.lower() not in MARKDOWN_SUFFIXES:
        raise BrieferError(f"cannot write {output}: an imported analysis is Markdown (.md)")
    _refuse_same_file(source, output)
    analysis, warnings = readers.read(source)
    analysis, pictures = _pictures_as_files(analysis, media_folder(output), warnings)
    from briefer.source.markdown import write_analysis

    text = write_analysis(analysis)
    if pictures:
        folder = media_folder(output)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise BrieferError(f"cannot create the picture folder {folder}: "
                               f"{exc.strerror or exc}") from None
        if not folder.is_dir() or folder.is_symlink():
            raise BrieferError(f"cannot write pictures into {folder}: it is not a folder")
        for name, png in pictures.items():
            write_atomic(folder / name, lambda handle, png=png: handle.write(png))
    write_text_atomic(output, text)
    return warnings


def _pictures_as_files(analysis: Analysis, folder: Path, warnings: list[Notice]
                       ) -> tuple[Analysis, dict[str, bytes]]:
    """The analysis with carried pictures turned into file references, and those files' PNGs.

    A picture the gate refuses is left out with a warning, as the layout would.
    """
    from briefer.images import to_png

    pictures: dict[str, bytes] = {}
    sections = []
    for section in analysis.sections:
        figures = []
        for figure in section.images:
            if figure.data is None:
                figures.append(figure)
                continue
            try:
                png, _, _ = to_png(figure.data, f"picture {figure.path}", SourceError)
            except SourceError as exc:
                warnings.append(Notice(f"'{section.title}': {exc}; the picture is left out",
                                       section.id))
                continue
            name = f"picture-{len(pictures) + 1}.png"
            pictures[name] = png
            figures.append(Figure(f"{folder.name}/{name}", figure.caption, alt=figure.alt))
        sections.append(replace(section, images=tuple(figures)))
    return replace(analysis, sections=tuple(sections)), pictures


def _refuse_same_file(source: Path, output: Path) -> None:
    try:
        same = os.path.samefile(source, output)
    except (OSError, ValueError):
        return
    if same:
        raise BrieferError(f"refusing to write {output}: it is the file being imported")
