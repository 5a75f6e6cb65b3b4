"""Decks on an organisation's own master (.potx/.pptx): its layouts, fonts and page, our text.

Every PPTX written here also passes openxml-audit (tests/conftest.py).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from briefer.cli import main
from briefer.deck.model import Deck
from briefer.errors import TemplateError
from briefer.export import export
from briefer.layout import layout
from briefer.source.library import load_analysis
from briefer.templates import load_template
from tests.conftest import needs, pdf_text
from tests.geometry import problems
from tests.masters import FIXTURES, GERMAN


@pytest.fixture(scope="module")
def masters(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("masters")
    return {name: make(folder / name) for name, make in FIXTURES.items()}


def _open(path: Path) -> Presentation:
    """python-pptx opens presentations only: a .potx gets the presentation type in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"template.main+xml", b"presentation.main+xml")
            dst.writestr(info.filename, data)
    return Presentation(io.BytesIO(buffer.getvalue()))


def _theme_fonts(path: Path) -> tuple[str, str]:
    with zipfile.ZipFile(path) as z:
        theme = z.read("ppt/theme/theme1.xml").decode()
    major = re.search(r'<a:majorFont><a:latin typeface="([^"]*)"', theme)
    minor = re.search(r'<a:minorFont><a:latin typeface="([^"]*)"', theme)
    return major.group(1), minor.group(1)


def _layouts(path: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(path) as z:
        return sorted((n, re.search(r'<p:cSld name="([^"]*)"', z.read(n).decode()).group(1))
                      for n in z.namelist() if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n))


@pytest.mark.parametrize("name", list(FIXTURES))
def test_a_deck_on_an_organisation_master(masters, analysis, tmp_path, name):
    source = masters[name]
    deck = Deck.new(analysis, "s400-turkiye", str(source))
    template = load_template(source)
    laid, _ = layout(deck, template)
    out = tmp_path / "deck.pptx"
    export(deck, out)
    export(deck, tmp_path / "deck.pdf")
    org, ours = _open(source), Presentation(str(out))
    # the organisation's page, layouts and theme fonts
    assert (ours.slide_width, ours.slide_height) == (org.slide_width, org.slide_height)
    assert _layouts(out) == _layouts(source)
    assert _theme_fonts(out) == _theme_fonts(source)
    assert len(ours.slide_masters) == len(org.slide_masters)
    names = {lay.name for master in org.slide_masters for lay in master.slide_layouts}
    # every slide on one of its layouts, its title in the title placeholder
    assert len(ours.slides) == len(laid.slides)
    used = set()
    for slide, planned in zip(ours.slides, laid.slides, strict=True):
        assert slide.slide_layout.name in names
        used.add(slide.slide_layout.name)
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        if planned.kind not in ("title",):
            assert title.text_frame.text.replace("\n", " ") == planned.title
    assert len(used) >= 4
    # none of the file's example slides, notes or pictures remain
    with zipfile.ZipFile(out) as z:
        everything = b"".join(z.read(n) for n in z.namelist())
        assert not [n for n in z.namelist() if n.startswith("docProps/thumbnail")]
    assert b"EXAMPLE SLIDE" not in everything and b"must not survive" not in everything
    # the PDF: one page per slide, with the master's art
    pages = pdf_text(tmp_path / "deck.pdf")
    assert len(pages) == len(laid.slides)
    if name == "widescreen.potx":
        assert all("ACME DEFENCE INSTITUTE" in page for page in pages[1:])
    if name == "logo.pptx":
        page = PdfReader(str(tmp_path / "deck.pdf")).pages[2]
        assert page["/Resources"].get("/XObject"), "the master's logo is drawn"
    if name == "german-two-masters.pptx":
        assert used <= set(GERMAN.values())
    # banners on the organisation's master, where its art leaves room
    banner = [s for s in ours.slide_master.shapes if s.name == "banner-top"]
    assert banner and banner[0].text_frame.text == laid.marking


@pytest.mark.parametrize("name", list(FIXTURES))
def test_hostile_text_never_overflows_an_organisation_master(masters, hostile, name):
    deck = Deck.new(hostile, "hostile", str(masters[name]))
    laid, _ = layout(deck, load_template(masters[name]))
    assert problems(laid) == []


def test_roles_found_in_another_language_and_changed_in_template_toml(masters, tmp_path):
    template = load_template(masters["german-two-masters.pptx"])
    assert template.master is not None
    assert template.master.layout("content").name == "Titel und Inhalt"
    assert template.master.layout("section").name == "Abschnittsüberschrift"
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "org.pptx").write_bytes(masters["german-two-masters.pptx"].read_bytes())
    (folder / "template.toml").write_text(
        '[master]\nfile = "org.pptx"\n[master.layouts]\ncontent = "Zwei Inhalte"\n'
        '[sizes]\nbody = 18\n', encoding="utf-8")
    chosen = load_template(folder)
    assert chosen.master.layout("content").name == "Zwei Inhalte"
    assert chosen.size("body") == 18
    other = tmp_path / "title-only"  # a content layout must have room for key points
    other.mkdir()
    (other / "org.pptx").write_bytes(masters["german-two-masters.pptx"].read_bytes())
    (other / "template.toml").write_text(
        '[master]\nfile = "org.pptx"\n[master.layouts]\ncontent = "Nur Titel"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match="'Nur Titel' layout has no body placeholder"):
        load_template(other)


def test_import_and_check_on_the_command_line(masters, tmp_path, capsys):
    assert main(["templates", "check", str(masters["german-two-masters.pptx"])]) == 0
    shown = capsys.readouterr().out
    assert "Titel und Inhalt" in shown and "22 in 2 masters" in shown
    assert main(["templates", "import", str(masters["widescreen.potx"]), "--name", "acme"]) == 0
    assert main(["templates"]) == 0
    assert re.search(r"^acme\s+Organisation master", capsys.readouterr().out, re.M)
    out = tmp_path / "acme.pptx"
    assert main(["build", "--template", "acme", "-o", str(out)]) == 0
    assert Presentation(str(out)).slide_width == 12192000
    assert main(["build", "--template", str(masters["examples-4x3.pptx"]), "-o",
                 str(tmp_path / "direct.pdf")]) == 0


def _broken(kind: str, good: Path, folder: Path) -> Path:
    path = folder / f"{kind}.pptx"
    if kind == "not-a-zip":
        path.write_bytes(b"PK\x03\x04 this is no zip at all")
    elif kind == "encrypted":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    elif kind == "bomb":
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info.filename, src.read(info.filename))
            dst.writestr("ppt/media/huge.bin", b"\0" * 120_000_000)
    elif kind == "external":
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
                    data = data.replace(b"</Relationships>", (
                        b'<Relationship Id="rId77" Type="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/relationships/image" Target="file:///etc/passwd" '
                        b'TargetMode="External"/></Relationships>'))
                dst.writestr(info.filename, data)
    elif kind == "no-layout":
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename.startswith(("ppt/slideLayouts/slideLayout", "ppt/slideMasters/sl")):
                    data = re.sub(rb'<p:ph type="(title|ctrTitle)"[^/]*/>', b'<p:ph type="body"/>', data)
                dst.writestr(info.filename, data)
    return path


@pytest.mark.parametrize("kind", ["not-a-zip", "encrypted", "bomb", "external", "no-layout"])
def test_bad_masters_get_one_line_errors(masters, tmp_path, kind, capsys):
    bad = _broken(kind, masters["logo.pptx"], tmp_path)
    with pytest.raises(TemplateError) as caught:
        load_template(bad)
    message = str(caught.value)
    assert bad.name in message and "\n" not in message
    assert main(["build", "--template", str(bad), "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


@needs("soffice", "pdftotext")
@pytest.mark.parametrize("name", ["widescreen.potx", "german-two-masters.pptx"])
def test_libreoffice_keeps_hostile_text_inside_an_organisation_master(masters, hostile, tmp_path,
                                                                      name):
    from tests.render.test_libreoffice import assert_libreoffice_keeps_every_paragraph

    assert_libreoffice_keeps_every_paragraph(hostile, str(masters[name]), tmp_path)


@needs("pdftotext")
def test_capitals_shown_by_the_master_are_drawn_so_and_stored_as_written(masters, analysis,
                                                                       tmp_path):
    deck = Deck.new(analysis, "s400-turkiye", str(masters["widescreen.potx"]))
    export(deck, tmp_path / "deck.pdf")
    export(deck, tmp_path / "deck.pptx")
    laid, _ = layout(deck, load_template(masters["widescreen.potx"]))
    divider = next(i for i, s in enumerate(laid.slides) if s.kind == "divider")
    assert "BACKUP" in pdf_text(tmp_path / "deck.pdf")[divider]  # the layout says cap="all"
    assert Presentation(str(tmp_path / "deck.pptx")).slides[divider].shapes.title.text == "Backup"


def test_core_still_builds_without_qt_on_a_master(masters, tmp_path):
    code = ("import sys\nfrom briefer.cli import main\n"
            f"assert main(['build', '--template', r'{masters['logo.pptx']}', '-o', "
            f"r'{tmp_path / 'x.pptx'}']) == 0\n"
            "assert not any(m.startswith('PySide6') for m in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert io.BytesIO((tmp_path / "x.pptx").read_bytes()).getbuffer().nbytes > 0


def test_outputs_beside_a_master_are_fine_but_never_over_it(masters, tmp_path, capsys):
    source = tmp_path / "org.pptx"
    source.write_bytes(masters["logo.pptx"].read_bytes())
    (tmp_path / "notes.txt").write_text("another file in the folder", encoding="utf-8")
    assert main(["build", "--template", str(source), "-o", str(tmp_path / "deck.pdf")]) == 0
    assert main(["build", "--template", str(source), "-o", str(source)]) == 1
    assert "master org.pptx" in capsys.readouterr().err
    assert Presentation(str(source)).slides is not None  # the master is untouched


def _with_theme_font(source: Path, target: Path, family: str) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("ppt/theme/"):
                data = re.sub(rb'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*"',
                              rb'\g<1>' + family.encode() + b'"', data)
            dst.writestr(info.filename, data)
    return target


def test_theme_fonts_briefer_cannot_measure_are_said_and_measured_wide(masters, tmp_path):
    from briefer import resources

    odd = _with_theme_font(masters["logo.pptx"], tmp_path / "odd.pptx", "Frutiger Next")
    template = load_template(odd)
    assert template.body_font.name == "Frutiger Next"  # the name PowerPoint will look for
    assert template.body_font.file.name == "LiberationSans-Bold.ttf"  # a wider stand-in
    _, warnings = layout(Deck.new(load_analysis("s400-turkiye"), "s400-turkiye", str(odd)), template)
    assert any("'Frutiger Next' has no metric-compatible font" in str(w) for w in warnings)
    # the organisation's own TrueType file beside the master measures it exactly
    folder = tmp_path / "own"
    folder.mkdir()
    own = _with_theme_font(masters["logo.pptx"], folder / "org.pptx", "Liberation Serif")
    (folder / "Serif.ttf").write_bytes((resources.fonts_dir() / "LiberationSerif-Regular.ttf")
                                       .read_bytes())
    assert load_template(own).body_font.file == folder / "Serif.ttf"
    assert load_template(masters["german-two-masters.pptx"]).body_font.file.name == \
        "Carlito-Regular.ttf"  # Calibri, measured with its metric-compatible twin
