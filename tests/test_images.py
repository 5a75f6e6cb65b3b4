"""Section images: shown beside the key points in both formats, read only from the analysis's folder."""

from __future__ import annotations

from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from briefer.deck.model import Deck
from briefer.export import export
from briefer.layout import layout
from briefer.layout.model import Picture
from briefer.source.library import load_analysis
from briefer.source.markdown import parse_analysis, write_analysis
from briefer.templates import load_template
from tests.conftest import pdf_text
from tests.geometry import problems


def _analysis(tmp_path, image_ref: str, points: str = "- A point beside the map\n") -> str:
    (tmp_path / "maps").mkdir(exist_ok=True)
    Image.new("RGB", (400, 200), "#336699").save(tmp_path / "maps" / "black sea.png")
    source = tmp_path / "analysis.md"
    source.write_text(f"## The map {{#map}}\n\n{points}\n![Black Sea approaches]({image_ref})\n\n"
                      "Notes on the map.\n", encoding="utf-8")
    return str(source)


def test_picture_beside_the_points_in_both_formats(tmp_path):
    analysis = load_analysis(_analysis(tmp_path, "maps/black%20sea.png"))
    assert analysis.sections[0].image.caption == "Black Sea approaches"
    assert parse_analysis(write_analysis(analysis)) == analysis
    deck = Deck.new(analysis, str(tmp_path / "analysis.md")).with_selection(["map"])
    laid, warnings = layout(deck, load_template("staff-brief"))
    assert warnings == [] and problems(laid) == []
    slide = next(s for s in laid.slides if s.section_id == "map")
    picture = next(e for e in slide.elements if isinstance(e, Picture) and e.role == "image")
    assert abs(picture.w / picture.h - 2.0) < 0.01  # aspect kept
    body = next(e for e in slide.elements if getattr(e, "role", "") == "body")
    assert body.x + body.w <= picture.x  # the points stay left of the picture
    export(deck, tmp_path / "m.pptx")
    export(deck, tmp_path / "m.pdf")
    index = laid.slides.index(slide)
    shapes = Presentation(str(tmp_path / "m.pptx")).slides[index].shapes
    assert [s.name for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE] == ["image"]  # logo: layout
    assert "Black Sea approaches" in pdf_text(tmp_path / "m.pdf")[index]
    xobjects = PdfReader(str(tmp_path / "m.pdf")).pages[index]["/Resources"]["/XObject"]
    assert len(xobjects) == 2  # the picture and the logo


def test_picture_alone_has_no_placeholder(tmp_path):
    analysis = load_analysis(_analysis(tmp_path, "maps/black%20sea.png", points=""))
    laid, warnings = layout(Deck.new(analysis, "x").with_selection(["map"]), load_template("plain"))
    assert warnings == []
    slide = next(s for s in laid.slides if s.section_id == "map")
    assert "(no key points)" not in " ".join(laid.texts())
    assert any(isinstance(e, Picture) and e.role == "image" for e in slide.elements)


def test_pictures_outside_the_folder_or_broken_are_warned_not_fatal(tmp_path):
    outside = tmp_path / "outside.png"
    Image.new("RGB", (10, 10)).save(outside)
    inner = tmp_path / "inner"
    inner.mkdir()
    for ref, message in (("../outside.png", "must lie in the analysis's folder"),
                         ("/etc/passwd", "must lie in the analysis's folder"),
                         (str(inner / "maps" / "nope.png"), "not found"),  # absolute, inside: allowed
                         ("https://example.com/x.png", "only image files next to the analysis"),
                         ("maps/missing.png", "not found"),
                         ("analysis.md", "is not a PNG, JPEG, GIF, BMP or WebP image")):
        analysis = load_analysis(_analysis(inner, ref))
        laid, warnings = layout(Deck.new(analysis, "x"), load_template("plain"))
        assert any(message in str(w) for w in warnings), (ref, [str(w) for w in warnings])
        assert "A point beside the map" in " ".join(laid.texts())


def test_only_the_first_picture_is_shown_and_the_rest_are_warned(tmp_path):
    source = _analysis(tmp_path, "maps/black%20sea.png")
    with open(source, "a", encoding="utf-8") as handle:
        handle.write("\n![Second](maps/black%20sea.png)\n")
    analysis = load_analysis(source)
    assert [i.caption for i in analysis.sections[0].images] == ["Black Sea approaches", "Second"]
    assert analysis.sections[0].prose == ("Notes on the map.",)
    assert parse_analysis(write_analysis(analysis)) == analysis
    _, warnings = layout(Deck.new(analysis, "x"), load_template("plain"))
    assert any("only the first of its 2 pictures" in str(w) for w in warnings)


def test_alt_text_is_read_written_kept_and_used(tmp_path):
    """`![caption](file "alt text")`: the alt text survives the Markdown writer and the .brief,
    and is the picture's description in the PPTX; without it the caption is."""
    from briefer.deck.project import load_deck, save_deck
    from briefer.source.markdown import read_analysis, write_analysis

    folder = tmp_path / "a"
    folder.mkdir()
    Image.new("RGB", (40, 30), "red").save(folder / "map.png")
    source = folder / "a.md"
    source.write_text('---\ntitle: T\n---\n\n## Map {#map}\n\n- a point\n\n'
                      '![Border crossings](map.png "Map of the \\"crossings\\" on the border")\n',
                      encoding="utf-8")
    analysis = read_analysis(source)
    assert analysis.section("map").image.alt == 'Map of the "crossings" on the border'
    written = folder / "b.md"
    written.write_text(write_analysis(analysis), encoding="utf-8")
    assert read_analysis(written).section("map").image.alt == analysis.section("map").image.alt
    deck = Deck.new(analysis, str(source))
    save_deck(deck, tmp_path / "d.brief")
    assert load_deck(tmp_path / "d.brief").section("map").image.alt == \
        'Map of the "crossings" on the border'
    export(deck, tmp_path / "d.pptx")
    pictures = [s for slide in Presentation(str(tmp_path / "d.pptx")).slides for s in slide.shapes
                if s.shape_type == 13]
    assert pictures[0]._element.xpath(".//p:cNvPr/@descr")[0] == 'Map of the "crossings" on the border'
