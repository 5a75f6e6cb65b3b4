"""The written report, read back: text and order (pypdf), structure tree, language, bookmarks,
artifacts and fonts (pikepdf), and the Word document (python-docx)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import docx
import pikepdf
import pytest

from briefer.deck.model import Deck
from briefer.errors import BrieferError
from briefer.export import export
from briefer.source.markdown import read_analysis
from tests.conftest import pdf_text

CHOSEN = ["background", "timeline", "financial-issues", "options", "regional-lessons", "bluf"]


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def deck(analysis):
    ids = [i for i in CHOSEN if i in analysis.ids]
    assert len(ids) == len(CHOSEN), analysis.ids
    return Deck.new(analysis, "s400-turkiye").with_selection(ids)


@pytest.fixture(scope="module")
def reports(deck, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    built = {}
    for name in ("staff-brief", "think-tank"):
        for fmt in ("pdf", "docx"):
            path = out / f"{name}.{fmt}"
            export(replace(deck, template=name), path, as_product="report")
            built[name, fmt] = path
    return built


def _body_order(deck) -> list[str]:
    """Section titles in the report's order: summary first, main, backup as annexes."""
    sections = deck.selected_sections()
    main = [s.title for s in sections if s.kind not in ("summary", "closing") and not s.backup]
    annexes = [s.title for s in sections if s.backup]
    return main + annexes


@pytest.mark.parametrize("name", ["staff-brief", "think-tank"])
def test_report_pdf_text_has_contents_sections_in_order_prose_sources_and_banners(
        reports, deck, name):
    pages = [_words(p) for p in pdf_text(reports[name, "pdf"])]
    text = " ".join(pages)
    assert "Contents" in pages[1]
    order = _body_order(deck)
    body = text[text.index("Executive summary", text.index("Contents") + 20):]
    positions = [body.index(title) for title in order]
    assert positions == sorted(positions), order
    for section in deck.selected_sections():
        if section.prose:
            assert _words(section.prose[0])[:80] in text, section.id
        for source in section.sources:
            assert _words(source)[:50] in text, source
    assert "Annex A: Options compared" in text
    assert text.index("Endnotes", body.index(order[-1])) > 0
    marking = "UNCLASSIFIED"
    assert all(page.count(marking) >= 2 for page in pages)
    total = len(pages)
    assert all(f"Page {n} of {total}" in page for n, page in enumerate(pages, 1))


def _tree(pdf: pikepdf.Pdf) -> tuple[Counter, list[tuple[str, str]], list[str]]:
    """Counts of structure types, (type, alt) of figures, and header cells seen."""
    kinds: Counter = Counter()
    figures: list[tuple[str, str]] = []
    order: list[str] = []

    def walk(node: pikepdf.Dictionary) -> None:
        kind = str(node.get("/S", ""))
        if kind:
            kinds[kind] += 1
            order.append(kind)
        if kind == "/Figure":
            figures.append((kind, str(node.get("/Alt", ""))))
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return kinds, figures, order


@pytest.mark.parametrize("name", ["staff-brief", "think-tank"])
def test_report_pdf_is_tagged_and_accessible(reports, deck, name, analysis):
    with pikepdf.open(reports[name, "pdf"]) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == analysis.meta.lang
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.get("/Title")) == analysis.meta.title
        kinds, figures, order = _tree(pdf)
        assert kinds["/H1"] >= len(_body_order(deck)) and kinds["/H2"] >= 1
        assert kinds["/P"] > 10 and kinds["/L"] >= 5 and kinds["/LI"] >= 20
        assert kinds["/Table"] >= 1 and kinds["/TH"] >= 3 and kinds["/TD"] >= 3
        assert figures and all(alt.startswith("Timeline") for _, alt in figures)
        assert kinds["/Caption"] >= 2
        assert order.index("/H1") < order.index("/Table")
        # bookmarks nested by heading: Annexes holds its annex
        with pdf.open_outline() as outline:
            top = [(item.title, [child.title for child in item.children]) for item in outline.root]
        titles = [t for t, _ in top]
        assert titles[0] == "Executive summary" and "Endnotes" in titles
        assert ("Annexes", ["Annex A: Options compared"]) in top
        # banners, running header and page numbers are artifacts, on every page
        for page in pdf.pages:
            artifacts = 0
            inside = 0
            texts_in_artifacts = 0
            for operands, operator in pikepdf.parse_content_stream(page):
                name_ = str(operator)
                if name_ in ("BDC", "BMC"):
                    inside += 1
                    if str(operands[0]) == "/Artifact":
                        artifacts += 1
                elif name_ in ("Tj", "TJ") and inside and artifacts:
                    texts_in_artifacts += 1
            assert artifacts >= 2 and texts_in_artifacts >= 2
        # every font embedded
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize("name", ["staff-brief", "think-tank"])
def test_word_report_has_headings_in_order_with_prose_and_markings(reports, deck, name):
    document = docx.Document(str(reports[name, "docx"]))
    paragraphs = document.paragraphs
    heading1 = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    main = [s.title for s in deck.selected_sections()
            if s.kind not in ("summary", "closing") and not s.backup]
    assert heading1[0] == "Executive summary"
    assert [h for h in heading1 if h in main] == main
    assert heading1[-1] == "Endnotes"
    text = [p.text for p in paragraphs]
    for title in main:
        section = next(s for s in deck.selected_sections() if s.title == title)
        start = next(i for i, p in enumerate(paragraphs)
                     if p.style.name == "Heading 1" and p.text == title)
        if section.prose:
            assert _words(text[start + 1]).startswith(_words(section.prose[0])[:60])
    assert paragraphs[0].style.name == "Title"
    assert any(p.style.name == "Caption" for p in paragraphs)
    assert any(p.style.name.startswith("List Bullet") for t in document.tables
               for row in t.rows for cell in row.cells for p in cell.paragraphs)
    assert any(t.style.name == "Table Grid" for t in document.tables)
    section = document.sections[0]
    assert "UNCLASSIFIED" in section.header.paragraphs[0].text
    assert "UNCLASSIFIED" in " ".join(p.text for p in section.footer.paragraphs)
    assert document.core_properties.title == deck.meta.title


def test_report_with_notes_stripped_keeps_points_and_drops_prose(deck, tmp_path):
    path = tmp_path / "r.pdf"
    export(deck, path, as_product="report", strip_notes=True)
    text = _words(" ".join(pdf_text(path)))
    background = deck.section("background")
    assert _words(background.prose[0])[:60] not in text
    assert _words(background.points[0].text)[:40] in text


def test_classified_report_has_portion_marks_and_authority_block(tmp_path):
    source = tmp_path / "secret.md"
    source.write_text(
        "---\ntitle: A classified paper\nclassification: SECRET\nclassified_by: J. Smith, J2\n"
        "derived_from: Multiple Sources\ndeclassify_on: 20501231\n---\n\n"
        "## Situation {#situation}\n\n- Enemy massing <forces> & #set text(fill: red)\n\n"
        "What the staff should know. [not a link] *not bold* $x$\n\n### Sources\n\n"
        "- Report one https://example.org/one\n",
        encoding="utf-8")
    template = tmp_path / "marked"
    template.mkdir()
    from briefer.resources import templates_dir

    toml = (templates_dir() / "staff-brief" / "template.toml").read_text(encoding="utf-8")
    (template / "template.toml").write_text(
        toml.replace("portion_marks = false", "portion_marks = true").replace('file = "logo.png"\n', "")
        .replace("[logo]\n", "").replace("width = 34\n", "").replace('position = "top-right"\n', ""),
        encoding="utf-8")
    analysis = read_analysis(source)
    deck = replace(Deck.new(analysis, str(source)), template=str(template))
    pdf, word = tmp_path / "r.pdf", tmp_path / "r.docx"
    export(deck, pdf, as_product="report")
    export(deck, word, as_product="report")
    pages = [_words(p) for p in pdf_text(pdf)]
    assert "Classified By: J. Smith, J2" in pages[0] and "Declassify On: 20501231" in pages[0]
    assert "(S) What the staff should know." in " ".join(pages)
    assert "(S) Enemy massing <forces> & #set text(fill: red)" in " ".join(pages)
    assert all(page.count("SECRET") >= 2 for page in pages)
    with pikepdf.open(pdf) as opened:
        links = [str(a.A.URI) for page in opened.pages for a in page.get("/Annots", [])
                 if "/A" in a and "/URI" in a.A]
    assert "https://example.org/one" in links
    document = docx.Document(str(word))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "(S) What the staff should know." in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Classified By:" in cells and "J. Smith, J2" in cells


def test_report_formats_are_checked(deck, tmp_path):
    with pytest.raises(BrieferError, match="--as report writes .pdf, .docx, not '.pptx'"):
        export(deck, tmp_path / "r.pptx", as_product="report")


def test_a_picture_goes_into_both_reports_with_its_caption_and_alt_text(tmp_path):
    from PIL import Image

    Image.new("RGB", (120, 80), "#2266AA").save(tmp_path / "map.png")
    source = tmp_path / "pic.md"
    source.write_text("---\ntitle: Pictures\n---\n\n## Region {#region}\n\n- A point\n\n"
                      "![The region at a glance](map.png)\n", encoding="utf-8")
    deck = Deck.new(read_analysis(source), str(source))
    pdf, word = tmp_path / "r.pdf", tmp_path / "r.docx"
    export(deck, pdf, as_product="report")
    export(deck, word, as_product="report")
    with pikepdf.open(pdf) as opened:
        _, figures, _ = _tree(opened)
    assert ("/Figure", "The region at a glance") in figures
    assert "The region at a glance" in _words(" ".join(pdf_text(pdf)))
    document = docx.Document(str(word))
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0]._inline.docPr.get("descr") == "The region at a glance"
    assert any(p.style.name == "Caption" and "The region at a glance" in p.text
               for p in document.paragraphs)
