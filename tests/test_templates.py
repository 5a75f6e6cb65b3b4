"""Templates are data; bad templates fail with one line naming the problem."""

from __future__ import annotations

import shutil
import struct
import zlib

import pytest

from briefer.errors import TemplateError
from briefer.resources import templates_dir
from briefer.templates import builtin_template_names, load_template
from tests.conftest import TEMPLATES


def test_builtins_load_and_differ():
    assert set(TEMPLATES) <= set(builtin_template_names())
    loaded = [load_template(name) for name in TEMPLATES]
    assert len({(t.heading_font.file, t.colors["accent"], t.header_style) for t in loaded}) == 3
    for t in loaded:
        assert t.description
        assert (t.page_width, t.page_height) == (960.0, 540.0)
        assert t.heading_font.file.is_file() and t.body_font.file.is_file()
        assert t.sizes["min_body"] <= t.sizes["body"]


def test_template_by_folder_path(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(templates_dir() / "plain", folder)
    assert load_template(str(folder)).folder == folder.resolve()


def test_unknown_template_lists_the_known_ones():
    with pytest.raises(TemplateError, match="unknown template 'nope' \\(available: .*plain"):
        load_template("nope")


def _folder(tmp_path, toml: str, name: str = "t"):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "template.toml").write_text(toml, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("name = \n", "not valid TOML"),
        ("[colors]\naccent = 'blue'\n", "colors.accent must be a colour"),
        ("[sizes]\nbody = 12\nmin_body = 14\n", "minimum size is larger"),
        ("[sizes]\nbody = 'big'\n", "sizes.body"),
        ("[fonts]\nbody = { name = 'X', file = 'nope.ttf' }\n", "font file not found"),
        ("[header]\nstyle = 'fancy'\n", "header.style"),
        ("[footer]\nleft = '{nonsense}'\n", "unknown field"),
        ("[slides]\nagenda = 'yes'\n", "slides.agenda"),
        ("[logo]\nfile = '../../etc/passwd'\n", "outside the template folder"),
        ("[page]\nsize = 'A4'\n", "page.size"),
        ("colors = 3\n", "\\[colors\\] must be a table"),
        ("[text]\nline_spacing = 'abc'\n", "line_spacing must be a number"),
        ("[margins]\nleft = true\n", "margins.left"),
        ("[fonts]\nbody = { name = 'X', file = 'x.otf' }\n", "TrueType \\(.ttf\\)"),
    ],
)
def test_malformed_templates(tmp_path, toml, message):
    with pytest.raises(TemplateError, match=message):
        load_template(str(_folder(tmp_path, toml)))


def test_corrupt_logo(tmp_path):
    folder = _folder(tmp_path, "[logo]\nfile = 'logo.png'\n")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20)
    with pytest.raises(TemplateError, match="not a readable image"):
        load_template(str(folder))


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG file that claims to be huge: an image bomb."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + \
        chunk(b"IEND", b"")


def test_image_bomb_logo_is_refused(tmp_path):
    folder = _folder(tmp_path, "[logo]\nfile = 'logo.png'\n")
    (folder / "logo.png").write_bytes(_png_header_only(60000, 60000))
    with pytest.raises(TemplateError, match="too large"):
        load_template(str(folder))


def test_missing_toml(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(TemplateError, match="no template.toml"):
        load_template(str(tmp_path / "empty"))


def test_damaged_font_is_refused(tmp_path):
    folder = _folder(tmp_path, "[fonts]\nbody = { name = 'Broken', file = 'broken.ttf' }\n"
                               "[text]\nline_spacing = 1.2\n")
    (folder / "broken.ttf").write_bytes(b"\x00\x01\x00\x00" + b"nonsense" * 50)
    with pytest.raises(TemplateError, match="not a usable TrueType font"):
        load_template(str(folder))
