"""Word analyses through the commands: `build` makes slides of them, `import` writes Markdown
that lists the same sections, decks and the cache treat them like Markdown analyses."""

from __future__ import annotations

import io

from pptx import Presentation

from briefer.cli import main
from briefer.deck.model import Deck
from briefer.deck.project import load_deck, save_deck
from briefer.layout import layout
from briefer.source.library import load_analysis
from briefer.source.markdown import read_analysis
from briefer.templates import load_template
from tests.conftest import pdf_text
from tests.source import docx_factory as f


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_build_makes_slides_of_a_word_report(tmp_path, capsys):
    source = f.report(tmp_path / "report.docx")
    code, _, err = run(["build", "--analysis", str(source), "-o", str(tmp_path / "r.pptx")],
                       capsys)
    assert code == 0, err
    prs = Presentation(str(tmp_path / "r.pptx"))
    texts = [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame] for s in prs.slides]
    flat = "\n".join("\n".join(t) for t in texts)
    for expected in ("Türkiye and the S-400", "Bottom line up front", "Talks reported in December",
                     "Regional picture", "Agency report, 2025"):
        assert expected in flat
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert any(p.image.size == (40, 20) for p in pictures)
    tables = [sh for s in prs.slides for sh in s.shapes if sh.has_table]
    assert tables and tables[0].table.cell(1, 2).text == "Sovereignty backlash"
    code, _, err = run(["build", "--analysis", str(source), "-o", str(tmp_path / "r.pdf")], capsys)
    assert code == 0, err
    assert "Sanctions relief" in "\n".join(pdf_text(tmp_path / "r.pdf"))


def test_import_round_trips_through_sections(tmp_path, capsys):
    source = f.report(tmp_path / "report.docx")
    out = tmp_path / "kept" / "analysis.md"
    out.parent.mkdir()
    code, _, err = run(["import", str(source), "-o", str(out)], capsys)
    assert code == 0, err
    _, from_docx, _ = run(["sections", "--analysis", str(source)], capsys)
    _, from_md, _ = run(["sections", "--analysis", str(out)], capsys)
    assert from_md == from_docx and "regional-picture" in from_md
    docx_analysis, md_analysis = load_analysis(str(source)), read_analysis(out)
    assert md_analysis.meta == docx_analysis.meta
    for a, b in zip(docx_analysis.sections, md_analysis.sections, strict=True):
        assert (a.title, a.kind, a.points, a.prose, a.sources, a.table, a.classification) == \
            (b.title, b.kind, b.points, b.prose, b.sources, b.table, b.classification)
    picture = md_analysis.section("regional-picture").image
    assert picture is not None and picture.data is None
    assert picture.path == "analysis-media/picture-1.png"
    assert picture.caption == "Figure 1: the region"
    assert (out.parent / picture.path).read_bytes().startswith(b"\x89PNG")
    # and the Markdown builds, its picture read from the folder beside it
    code, _, err = run(["build", "--analysis", str(out), "-o", str(tmp_path / "md.pptx")], capsys)
    assert code == 0, err


def test_import_refuses_a_non_markdown_output_and_its_own_input(tmp_path, capsys):
    source = f.report(tmp_path / "report.docx")
    code, _, err = run(["import", str(source), "-o", str(tmp_path / "x.pptx")], capsys)
    assert code == 1 and "imported analysis is Markdown" in err
    code, _, err = run(["import", str(source), "-o", str(source)], capsys)
    assert code == 1 and source.read_bytes()[:2] == b"PK"


def test_reader_warnings_reach_build_and_strict(tmp_path, capsys):
    d = f.new_document()
    d.add_paragraph("Stray paragraph before any heading")
    d.add_heading("Only", 1)
    d.add_paragraph("A point", style="List Bullet")
    source = f.save(d, tmp_path / "stray.docx")
    code, _, err = run(["build", "--analysis", str(source), "-o", str(tmp_path / "s.pdf")], capsys)
    assert code == 0
    assert "briefer: warning: stray.docx: 1 paragraph before the first heading left out" in err
    code, _, err = run(["build", "--strict", "--analysis", str(source), "-o",
                        str(tmp_path / "t.pdf")], capsys)
    assert code == 1 and "before the first heading" in err
    assert not (tmp_path / "t.pdf").exists()
    code, out, err = run(["sections", "--analysis", str(source)], capsys)
    assert out.split() == ["only", "Only"] and "before the first heading" in err


def test_reader_warnings_about_unselected_sections_are_not_layout_warnings(tmp_path):
    d = f.new_document()
    d.add_heading("Pictures", 1)
    d.add_picture(io.BytesIO(f.png()))
    d.add_picture(io.BytesIO(f.png()))
    d.add_heading("Plain", 1)
    d.add_paragraph("A point", style="List Bullet")
    analysis = load_analysis(str(f.save(d, tmp_path / "two.docx")))
    deck = Deck.new(analysis, str(tmp_path / "two.docx"))
    template = load_template("staff-brief")
    _, everything = layout(deck, template)
    assert any("only the first is kept" in str(w) for w in everything)
    _, plain_only = layout(deck.with_selection(["plain"]), template)
    assert not any("only the first is kept" in str(w) for w in plain_only)


def test_a_brief_file_names_its_word_analysis_relatively(tmp_path):
    source = f.report(tmp_path / "report.docx")
    deck = Deck.new(load_analysis(str(source)), str(source))
    save_deck(deck.with_selection(["background"]), tmp_path / "deck.brief")
    assert '"analysis": "report.docx"' in (tmp_path / "deck.brief").read_text(encoding="utf-8")
    (tmp_path / "moved").mkdir()
    for name in ("report.docx", "deck.brief"):
        (tmp_path / name).rename(tmp_path / "moved" / name)
    loaded = load_deck(tmp_path / "moved" / "deck.brief")
    assert loaded.analysis.meta.title == "Türkiye and the S-400"
    assert [s.id for s in loaded.selected_sections()] == ["background"]


def test_word_analyses_are_cached_with_their_warnings(tmp_path, monkeypatch):
    from briefer.cache import cache_dir
    from briefer.source import library

    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    d = f.new_document()
    d.add_paragraph("Stray")
    d.add_heading("Only", 1)
    d.add_picture(io.BytesIO(f.png()))
    source = f.save(d, tmp_path / "c.docx")
    first = load_analysis(str(source))
    assert list(cache_dir().glob("analysis-*.pickle"))
    library._CACHE.clear()
    monkeypatch.setattr("briefer.source.readers.read", lambda path: 1 / 0)  # must not be asked
    again = load_analysis(str(source))
    assert again == first and again.warnings == first.warnings and again.warnings
    assert again.sections[0].image.data == f.png()
