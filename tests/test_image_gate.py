"""Pictures and logos reach only the decoders on briefer's list, whatever their file names say.

Pillow chooses a decoder from a file's content: an EPS named map.png would otherwise go to
Ghostscript (which can loop forever, read other files and write files).
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from PIL import EpsImagePlugin, Image

from briefer import images
from briefer.deck.model import Deck
from briefer.errors import RenderError, SourceError, TemplateError
from briefer.export import export
from briefer.layout import layout
from briefer.layout.model import Picture
from briefer.source.library import load_analysis
from briefer.templates import load_template
from tests.conftest import have

ROOT = Path(__file__).parent.parent

# A tiny, well-formed EPS: Ghostscript would render it as a black square.
EPS = b"""%!PS-Adobe-3.0 EPSF-3.0
%%BoundingBox: 0 0 20 20
%%EndComments
0 0 moveto 20 0 lineto 20 20 lineto 0 20 lineto closepath fill
showpage
%%EOF
"""


def _saved(fmt: str, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (16, 8), 1 if mode == "1" else "#336699").save(out, format=fmt)
    return out.getvalue()


@pytest.fixture()
def decoders(monkeypatch) -> list[str]:
    """The formats whose decoders Pillow instantiates during the test."""
    Image.init()
    opened: list[str] = []
    for fmt, (factory, accept) in list(Image.OPEN.items()):
        def spy(fp, filename, *args, _fmt=fmt, _factory=factory):
            opened.append(_fmt)
            return _factory(fp, filename, *args)
        monkeypatch.setitem(Image.OPEN, fmt, (spy, accept))

    def no_ghostscript(*args, **kwargs):
        opened.append("ghostscript")
        raise AssertionError("Ghostscript must never run")
    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", no_ghostscript)
    return opened


def _analysis_with(tmp_path: Path, name: str, data: bytes) -> str:
    (tmp_path / name).write_bytes(data)
    source = tmp_path / "analysis.md"
    source.write_text(f"## The map {{#map}}\n\n- A point beside the map\n\n![Caption]({name})\n",
                      encoding="utf-8")
    return str(source)


def _pictures(laid) -> list[Picture]:
    return [e for s in laid.slides for e in s.elements if isinstance(e, Picture) and e.role == "image"]


def test_an_eps_named_png_is_refused_and_ghostscript_never_runs(tmp_path, decoders):
    deck = Deck.new(load_analysis(_analysis_with(tmp_path, "map.png", EPS)), "x")
    laid, warnings = layout(deck, load_template("plain"))
    assert [str(w) for w in warnings] == [
        "'The map': image map.png is not a PNG, JPEG, GIF, BMP or WebP image; the picture is left out"]
    assert _pictures(laid) == []
    assert "A point beside the map" in " ".join(laid.texts())  # the slide is still built
    export(deck, tmp_path / "deck.pdf")
    export(deck, tmp_path / "deck.pptx")
    assert "EPS" not in decoders and "ghostscript" not in decoders
    assert set(decoders) <= set(images.FORMATS)


@pytest.mark.skipif(not have("gs"), reason="Ghostscript not installed")
def test_an_eps_named_png_is_not_drawn_even_with_ghostscript_installed(tmp_path):
    """Without the gate, Pillow hands this file to the real Ghostscript and draws the result."""
    deck = Deck.new(load_analysis(_analysis_with(tmp_path, "map.png", EPS)), "x")
    laid, warnings = layout(deck, load_template("plain"))
    assert _pictures(laid) == [] and len(warnings) == 1


@pytest.mark.parametrize("fmt", ["XBM", "MSP", "PPM", "TGA", "PCX", "SGI", "ICNS", "TIFF", "DDS",
                                 "QOI", "JPEG2000", "ICO"])
def test_other_formats_named_png_are_refused_undecoded(tmp_path, decoders, fmt):
    try:
        data = _saved(fmt, "1" if fmt in ("XBM", "MSP") else "RGB")
    except (KeyError, OSError):
        pytest.skip(f"this Pillow cannot write {fmt}")
    deck = Deck.new(load_analysis(_analysis_with(tmp_path, "map.png", data)), "x")
    laid, warnings = layout(deck, load_template("plain"))
    assert any("is not a PNG, JPEG, GIF, BMP or WebP image" in str(w) for w in warnings)
    assert _pictures(laid) == []
    assert set(decoders) <= set(images.FORMATS), decoders


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP", "WEBP"])
def test_allowed_formats_work_whatever_their_names(tmp_path, decoders, fmt):
    deck = Deck.new(load_analysis(_analysis_with(tmp_path, "picture.png", _saved(fmt))), "x")
    laid, warnings = layout(deck, load_template("plain"))
    assert warnings == []
    assert len(_pictures(laid)) == 1
    assert fmt in decoders


def test_a_refused_logo_is_a_one_line_template_error(tmp_path, decoders):
    folder = tmp_path / "eps-logo"
    shutil.copytree(ROOT / "templates" / "staff-brief", folder)
    (folder / "logo.png").write_bytes(EPS)
    with pytest.raises(TemplateError) as caught:
        load_template(str(folder))
    assert str(caught.value) == "template eps-logo: logo logo.png is not a PNG, JPEG, GIF, BMP or WebP image"
    assert "EPS" not in decoders and "ghostscript" not in decoders


def test_the_gate_bounds_bytes_and_pixels():
    with pytest.raises(SourceError, match="image big.png is too large .31 MB; at most 30 MB"):
        images.to_png(b"\x89PNG\r\n\x1a\n" + bytes(31_000_000), "image big.png", SourceError)
    bomb = io.BytesIO()
    Image.new("1", (8000, 6000)).save(bomb, format="PNG")  # 48 Mpx in a few kB
    with pytest.raises(SourceError, match=r"too large \(8000×6000 px\)"):
        images.to_png(bomb.getvalue(), "image bomb.png", SourceError)


def test_damaged_data_in_an_allowed_format_is_a_one_line_error():
    png = _saved("PNG")
    for data in (png[:40], png[:8] + b"\x00" * 60, _saved("GIF")[:20], _saved("JPEG")[:30]):
        with pytest.raises(SourceError, match="^image x.png is (not a readable|not a PNG)"):
            images.to_png(data, "image x.png", SourceError)


def test_the_pdf_renderer_decodes_png_only(decoders):
    from briefer.render import pdf

    with pytest.raises(RenderError, match="not PNG data"):
        pdf._decode(EPS)
    assert pdf._decode(_saved("PNG"))[1] == (16, 8)
    assert decoders == []  # the PNG decoder is used directly, never Image.open's guess


def test_every_picture_decode_in_briefer_goes_through_the_gate():
    """A new image path (say, a master's media) must call images.to_png, not a decoder."""
    package = ROOT / "briefer"
    for path in package.rglob("*.py"):
        relative = path.relative_to(package).as_posix()
        text = path.read_text(encoding="utf-8")
        if relative != "images.py":
            assert "Image.open(" not in text, f"{relative} opens images itself"
        assert "QImageReader" not in text and "QPixmap(" not in text, relative
        for call in re.findall(r"loadFromData\(([^)]*)\)", text):
            assert call.replace(" ", "").endswith(',"PNG"'), f"{relative}: {call}"
        if "ImagePlugin" in text:
            assert relative == "render/pdf.py" and "PngImagePlugin" in text, relative
