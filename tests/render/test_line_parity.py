"""One line-breaking model for every output: our PDF and LibreOffice's rendering of our PPTX
break the same lines, and the PPTX stores every text as written."""

from __future__ import annotations

import pytest

from briefer.deck.model import Deck
from briefer.export import export
from tests.conftest import DATA, TEMPLATES, needs
from tests.render.parity import compare

HARD = DATA / "hard.md"


@pytest.fixture(scope="module")
def hard():
    from briefer.source.markdown import read_analysis

    return read_analysis(HARD)


@pytest.mark.slow
@needs("soffice", "pdftotext")
@pytest.mark.parametrize("template", TEMPLATES)
def test_pdf_and_libreoffice_break_the_same_lines(analysis, hard, tmp_path, template):
    for source, name, floor in ((analysis, "s400-turkiye", 0.90), (hard, "hard", 0.75)):
        diffs = compare(Deck.new(source, name, template), tmp_path / name)
        assert diffs.rate >= floor, (name, diffs.rate, diffs[:3])


def _stored_paragraphs(path) -> set[str]:
    from pptx import Presentation

    out: set[str] = set()
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if getattr(shape, "has_table", False) and shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            if shape.shape_type == 6:  # a group: timeline, figures
                frames += [s.text_frame for s in shape.shapes if s.has_text_frame]
            for frame in frames:
                out.update(p.text for p in frame.paragraphs)
    return out


@pytest.mark.parametrize("template", TEMPLATES)
def test_pptx_stores_every_bullet_cell_and_label_as_written(hard, tmp_path, template):
    """Words too long for their box break on the page, never in the stored text."""
    pptx = tmp_path / "hard.pptx"
    export(Deck.new(hard, "hard", template), pptx)
    stored = _stored_paragraphs(pptx)
    expected: list[str] = []
    for section in hard.sections:
        for point in section.points:
            if section.kind == "timeline":
                expected.append(point.text.split(": ", 1)[1])
            elif section.kind == "figures":
                expected.extend(point.text.split(": ", 1))
            else:
                expected.append(point.text)
        if section.table is not None:
            expected += [c for row in (section.table.header, *section.table.rows) for c in row]
    missing = [text for text in expected if text not in stored]
    assert not missing, missing[:5]
    assert "Afyonkarahisarlılaştıramadıklarımızdan mısınız?" in " ".join(stored)


def test_breaks_where_office_suites_do():
    from briefer.layout.measure import metrics, segments, wrap
    from briefer.templates import load_template

    assert segments("the S-400 and F-35s (re-entry)") == (
        "the ", "S-", "400 ", "and ", "F-", "35s ", "(re-", "entry)")
    assert segments("no break before it ) or ; here") == ("no ", "break ", "before ", "it ) ", "or ; ",
                                                           "here")
    font = metrics(load_template("plain").body_font.file)
    lines = wrap("Afyonkarahisarlılaştıramadıklarımızdan", font, 20, 120)
    assert len(lines) > 1 and "".join(lines) == "Afyonkarahisarlılaştıramadıklarımızdan"


@needs("pdftotext")
def test_characters_the_template_lacks_come_from_the_fallback_font(hard, tmp_path):
    """₺ is not in Carlito: measured, drawn and extracted from DejaVu Sans, named in the PPTX."""
    import subprocess
    import zipfile

    from briefer.layout import layout
    from briefer.templates import load_template

    deck = Deck.new(hard, "hard", "plain")
    _, warnings = layout(deck, load_template("plain"))
    assert not any("glyph" in str(w) for w in warnings)
    pdf, pptx = tmp_path / "hard.pdf", tmp_path / "hard.pptx"
    export(deck, pdf)
    export(deck, pptx)
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "₺1.2 trillion" in text and "₺1.2 trn" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts
    with zipfile.ZipFile(pptx) as package:
        slides = "".join(package.read(n).decode() for n in package.namelist()
                         if n.startswith("ppt/slides/slide"))
    assert '<a:latin typeface="DejaVu Sans"/>' in slides
    assert "<a:t>₺</a:t>" in slides
