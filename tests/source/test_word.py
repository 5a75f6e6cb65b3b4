"""Word analyses: each feature of a .docx read into sections, key points, notes, tables,
pictures and sources, from files python-docx (and pandoc, when installed) write."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import Image

from briefer.images import load_figure
from briefer.source.model import Bullet, Table
from briefer.source.readers import read, reader_for
from tests.source import docx_factory as f


@pytest.fixture()
def report(tmp_path):
    analysis, warnings = read(f.report(tmp_path / "report.docx"))
    return analysis, warnings


def test_the_suffix_picks_the_reader(tmp_path):
    assert reader_for(tmp_path / "a.DOCX").name == "Word documents"
    assert reader_for(tmp_path / "a.markdown").name == "Markdown analyses"
    assert reader_for(tmp_path / "notes.txt").name == "Markdown analyses"


def test_metadata_from_title_paragraph_core_properties_and_banner(report):
    analysis, warnings = report
    meta = analysis.meta
    assert meta.title == "Türkiye and the S-400"  # the Title paragraph beats the core title
    assert meta.subtitle == "Weighing a return to Moscow"  # core subject
    assert meta.author == "Analysis desk"
    assert meta.as_of == "2013-12-23"  # python-docx's template's modified date
    assert meta.classification == "UNCLASSIFIED"  # the first paragraph is a banner line
    assert warnings == []  # the banner is not "a paragraph before the first heading"


def test_sections_start_at_top_level_headings(report):
    analysis, _ = report
    assert analysis.ids == ("bottom-line-up-front", "background", "regional-picture",
                            "options-compared")
    assert [s.title for s in analysis.sections][:2] == ["Bottom line up front", "Background"]


def test_bullets_and_numbered_lists_keep_their_levels(report):
    analysis, _ = report
    assert analysis.section("bottom-line-up-front").points == (
        Bullet("Ankara weighs a return", 0),
        Bullet("Talks reported in December", 1),  # List Bullet 2
        Bullet("Washington wants the systems gone", 0),
    )
    assert analysis.section("background").points == (
        Bullet("First step", 0), Bullet("Second step", 0),
        Bullet("A detail of the second step", 1),  # numPr ilvl 1 on the paragraph
    )


def test_prose_subheadings_links_and_footnotes(report):
    analysis, _ = report
    background = analysis.section("background")
    assert background.prose == ("See the agency report for details.", "History",
                                "The deal was signed in 2017.")
    assert background.sources == ("the agency report (https://example.org/report)",)
    bluf = analysis.section("bottom-line-up-front")
    assert bluf.kind == "summary"  # its title says so
    assert bluf.prose == ("The report rests on open sources.",)
    assert bluf.sources == ("Agency report, 2025",)  # the footnote; separators are skipped


def test_picture_with_caption_goes_through_the_gate(report):
    analysis, _ = report
    section = analysis.section("regional-picture")
    assert section.points == (Bullet("Neighbours watch closely", 0),)
    assert section.image is not None and section.image.caption == "Figure 1: the region"
    assert section.image.data == f.png()  # the bytes as stored in the document
    png, width, height = load_figure(analysis.folder, section.image)
    assert (width, height) == (40, 20) and png.startswith(b"\x89PNG")


def test_table(report):
    analysis, _ = report
    section = analysis.section("options-compared")
    assert section.kind == "table"
    assert section.table == Table(("Option", "Gains", "Costs"),
                                  (("Return them", "Sanctions relief", "Sovereignty backlash"),
                                   ("Keep them", "Autonomy", "CAATSA")))


def test_custom_heading_styles_with_outline_levels(tmp_path):
    d = f.new_document()
    f.outline_style(d, "Chapter", 0)
    f.outline_style(d, "Part of chapter", 1)
    f.outline_style(d, "Berichtsteil", 0, based_on="Normal")
    d.add_paragraph("Opening", style="Chapter")
    d.add_paragraph("A point", style="List Bullet")
    d.add_paragraph("Aside", style="Part of chapter")
    d.add_paragraph("Body text")
    d.add_paragraph("Zweiter Teil", style="Berichtsteil")
    d.add_paragraph("Noch ein Punkt", style="List Bullet")
    analysis, warnings = read(f.save(d, tmp_path / "custom.docx"))
    assert [s.title for s in analysis.sections] == ["Opening", "Zweiter Teil"]
    assert analysis.sections[0].points == (Bullet("A point", 0),)
    assert analysis.sections[0].prose == ("Aside", "Body text")
    assert analysis.sections[1].points == (Bullet("Noch ein Punkt", 0),)
    assert warnings == []


def test_localised_heading_styles(tmp_path):
    """German and French Word keep the built-in name ("heading 1") under a localised id; a
    custom style named in another language is found by its outline level."""
    d = f.new_document()
    d.add_heading("Contexte", 1)
    d.add_paragraph("Un point", style="List Bullet")
    d.add_heading("Détail", 2)
    d.add_heading("Perspectives", 1)
    f.localise_heading(d, 1, "Titre1")
    f.localise_heading(d, 2, "Titre2")
    f.outline_style(d, "Überschrift 1", 0)
    d.add_paragraph("Ausblick", style="Überschrift 1")
    analysis, _ = read(f.save(d, tmp_path / "fr.docx"))
    assert [s.title for s in analysis.sections] == ["Contexte", "Perspectives", "Ausblick"]
    assert analysis.sections[0].prose == ("Détail",)


def test_the_first_heading_level_in_use_starts_sections(tmp_path):
    d = f.new_document()
    d.add_paragraph("Title line", style="Title")
    for title in ("One", "Two"):
        d.add_heading(title, 2)
        d.add_heading(f"{title} detail", 3)
        d.add_paragraph("text")
    analysis, _ = read(f.save(d, tmp_path / "h2.docx"))
    assert [s.title for s in analysis.sections] == ["One", "Two"]
    assert analysis.sections[0].prose == ("One detail", "text")


def test_a_lone_top_heading_is_the_title_and_says_so(tmp_path):
    d = f.new_document()
    d.add_heading("The whole report", 1)
    for title in ("One", "Two"):
        d.add_heading(title, 2)
        d.add_paragraph("text")
    analysis, warnings = read(f.save(d, tmp_path / "lone.docx"))
    assert analysis.meta.title == "The whole report"
    assert analysis.ids == ("one", "two")
    assert any("read as the title" in str(w) for w in warnings)


def test_portion_marks_raise_the_section_marking_and_leave_the_text(tmp_path):
    d = f.new_document()
    d.add_heading("(U) Overview", 1)
    d.add_paragraph("(S//NF) A sensitive point", style="List Bullet")
    d.add_paragraph("(C) A confidential note")
    d.add_heading("Open part {#open classification=CUI}", 1)
    d.add_paragraph("(U) Nothing sensitive", style="List Bullet")
    analysis, _ = read(f.save(d, tmp_path / "marks.docx"))
    overview, open_part = analysis.sections
    assert overview.title == "Overview"
    assert overview.points == (Bullet("A sensitive point", 0),)
    assert overview.prose == ("A confidential note",)
    assert overview.classification == "SECRET//NOFORN"
    assert open_part.id == "open" and open_part.classification == "CUI"  # higher than (U)


def test_marking_from_the_header_banner(tmp_path):
    d = f.new_document()
    d.sections[0].header.paragraphs[0].text = "SECRET//REL TO USA, GBR"
    d.add_heading("Only", 1)
    analysis, _ = read(f.save(d, tmp_path / "banner.docx"))
    assert analysis.meta.classification == "SECRET//REL TO USA, GBR"


def test_dated_lists_stay_bullets_with_a_hint_and_a_tag_opts_in(tmp_path):
    d = f.new_document()
    d.add_heading("Key dates", 1)
    for line in ("2017-12: Deal signed", "2019-07: Delivery", "2025-12: Talks"):
        d.add_paragraph(line, style="List Bullet")
    d.add_heading("Timeline {.timeline}", 1)
    for line in ("2017-12: Deal signed", "2019-07: Delivery"):
        d.add_paragraph(line, style="List Bullet")
    analysis, warnings = read(f.save(d, tmp_path / "dates.docx"))
    assert analysis.section("key-dates").kind == "bullets"
    assert analysis.section("timeline").kind == "timeline"
    assert [w.section_id for w in warnings if "{.timeline}" in str(w)] == ["key-dates"]


def test_what_is_left_out_is_a_warning(tmp_path):
    d = f.new_document()
    d.add_paragraph("A stray opening paragraph")
    d.add_heading("Repeated", 1)
    d.add_picture(io.BytesIO(f.png()))
    d.add_picture(io.BytesIO(f.png(color="#993333")))
    for _ in range(2):
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "a", "b"
    d.add_heading("Repeated", 1)
    analysis, warnings = read(f.save(d, tmp_path / "lossy.docx"))
    messages = [str(w) for w in warnings]
    assert analysis.ids == ("repeated", "repeated-2")  # repeated headings get distinct ids
    assert len(analysis.sections[0].images) == 1
    assert analysis.sections[0].prose == ("a | b",)  # the second table, as text
    assert any("1 paragraph before the first heading left out" in m for m in messages)
    assert any("2 pictures; only the first is kept" in m for m in messages)
    assert any("more than one table" in m for m in messages)
    assert all(m.startswith("lossy.docx: ") for m in messages)


def test_text_in_content_controls_and_tracked_insertions_is_read(tmp_path):
    """python-docx's Paragraph.text misses both; deleted text stays out."""
    from docx.oxml import parse_xml

    d = f.new_document()
    d.add_heading("Controls", 1)
    p = d.add_paragraph("Start ")
    p._p.append(parse_xml(
        f'<w:sdt xmlns:w="{f.W_NS}"><w:sdtContent><w:r><w:t>in a control </w:t></w:r>'
        '</w:sdtContent></w:sdt>'))
    p._p.append(parse_xml(
        f'<w:ins xmlns:w="{f.W_NS}" w:id="1" w:author="a"><w:r><w:t>inserted</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(
        f'<w:del xmlns:w="{f.W_NS}" w:id="2" w:author="a"><w:r><w:delText> deleted</w:delText>'
        "</w:r></w:del>"))
    analysis, _ = read(f.save(d, tmp_path / "sdt.docx"))
    assert analysis.sections[0].prose == ("Start in a control inserted",)


def test_no_headings_is_a_one_line_error(tmp_path):
    from briefer.errors import SourceError

    d = f.new_document()
    d.add_paragraph("Just text")
    with pytest.raises(SourceError, match="no sections found"):
        read(f.save(d, tmp_path / "flat.docx"))


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_a_document_pandoc_wrote(tmp_path):
    """pandoc's docx writer: numbering on the paragraphs, footnotes, its title block styles."""
    Image.new("RGB", (30, 20), "red").save(tmp_path / "pic.png")
    (tmp_path / "p.md").write_text(
        "---\ntitle: Pandoc report\nauthor: Desk\ndate: 2025-12-20\n---\n\n"
        "# Overview\n\n- Point one[^1]\n    - Nested point\n        - Deeper point\n"
        "- Point two with [a link](https://example.com/x)\n\nSome prose.\n\n"
        "# Steps\n\n1. First\n2. Second\n    1. Second-a\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n"
        "![A caption](pic.png)\n\n[^1]: A footnote source.\n", encoding="utf-8")
    subprocess.run(["pandoc", "p.md", "-o", "p.docx"], cwd=tmp_path, check=True)
    analysis, warnings = read(tmp_path / "p.docx")
    assert (analysis.meta.title, analysis.meta.author, analysis.meta.as_of) == \
        ("Pandoc report", "Desk", "2025-12-20")
    overview, steps = analysis.sections
    assert overview.points == (Bullet("Point one", 0), Bullet("Nested point", 1),
                               Bullet("Deeper point", 2),
                               Bullet("Point two with a link", 0, ((15, 21, "https://example.com/x"),)))
    assert overview.prose == ("Some prose.",)
    assert overview.sources == ("A footnote source.", "a link (https://example.com/x)")
    assert steps.points == (Bullet("First", 0), Bullet("Second", 0), Bullet("Second-a", 1))
    assert steps.table == Table(("A", "B"), (("1", "2"),))
    assert steps.image is not None and steps.image.caption == "A caption"
    assert load_figure(analysis.folder, steps.image)[1:] == (30, 20)
    assert warnings == []


def test_fields_text_boxes_charts_and_contents(tmp_path):
    """A complex-field hyperlink is a source (its code is not text); a table of contents is
    skipped; a text box and a chart are left out with warnings."""
    field = ('<w:p><w:r><w:t xml:space="preserve">Read </w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/f" </w:instrText>'
             '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             '<w:r><w:t>the field</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    text_box = ('<w:p><w:r><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.'
                'microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
                "<w:txbxContent>" + f.para("boxed text") + "</w:txbxContent></wps:txbx></wps:wsp>"
                "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>")
    chart = ('<w:p><w:r><w:drawing><wp:inline><a:graphic><a:graphicData uri="http://schemas.'
             'openxmlformats.org/drawingml/2006/chart"/></a:graphic></wp:inline></w:drawing>'
             "</w:r></w:p>")
    body = (f.para("Contents", "TOCHeading") + f.para("Fields 1", "toc1")
            + f.para("Fields", "Heading1") + field + text_box + chart)
    analysis, warnings = read(f.with_body(tmp_path / "fields.docx", body, styles=("toc 1",)))
    section, = analysis.sections
    assert section.title == "Fields"
    assert section.prose == ("Read the field",)
    assert section.sources == ("the field (https://example.org/f)",)
    assert "boxed text" not in repr(analysis)
    messages = " / ".join(str(w) for w in warnings)
    assert "1 text box left out" in messages and "1 chart left out" in messages
    assert "before the first heading" not in messages  # the contents are not "left out"


def test_big_tables_are_cut_to_the_limits_with_warnings(tmp_path):
    from briefer import limits

    cells = "".join(f"<w:tc>{f.para(f'c{n}')}</w:tc>" for n in range(limits.MAX_TABLE_COLUMNS + 5))
    rows = "".join(f"<w:tr>{cells}</w:tr>" for _ in range(limits.MAX_TABLE_ROWS + 50))
    body = f.para("Data", "Heading1") + f"<w:tbl>{rows}</w:tbl>"
    analysis, warnings = read(f.with_body(tmp_path / "big.docx", body))
    table = analysis.sections[0].table
    assert table is not None and len(table.rows) == limits.MAX_TABLE_ROWS
    assert len(table.header) == limits.MAX_TABLE_COLUMNS
    messages = " / ".join(str(w) for w in warnings)
    assert "more than 500 rows" in messages and "more than 20 columns" in messages


def test_endnotes_are_sources_too(tmp_path):
    d = f.new_document()
    d.add_heading("Noted", 1)
    p = d.add_paragraph("A claim")
    f.add_footnote_reference(p, 7, kind="endnote")
    f.add_footnotes(d, {7: "Ministry statement, 3 March"}, kind="endnote")
    analysis, _ = read(f.save(d, tmp_path / "end.docx"))
    assert analysis.sections[0].prose == ("A claim",)
    assert analysis.sections[0].sources == ("Ministry statement, 3 March",)


def test_an_unconvertible_value_is_one_line(tmp_path):
    from briefer.errors import SourceError

    body = f.para("T", "Heading1") + '<w:p><w:pPr><w:numPr><w:ilvl w:val="x"/></w:numPr></w:pPr></w:p>' \
        + '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="lots"/></w:tcPr>' + f.para("c") \
        + "</w:tc></w:tr></w:tbl>"
    try:
        analysis, _ = read(f.with_body(tmp_path / "odd.docx", body))
    except SourceError as exc:
        assert "\n" not in str(exc)
    else:
        assert analysis.sections[0].table.header == ("c",)
