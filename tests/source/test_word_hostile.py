"""Hostile .docx files: a one-line error or a bounded result, never a traceback, a hang or a
read outside the file."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from briefer import limits
from briefer.cli import main
from briefer.errors import SourceError
from briefer.source.readers import read
from tests.source import docx_factory as f

BODY_OPEN = f'<w:document xmlns:w="{f.W_NS}"><w:body>'
BODY_CLOSE = "</w:body></w:document>"


def _base(tmp_path: Path) -> Path:
    d = f.new_document()
    d.add_heading("Only", 1)
    return f.save(d, tmp_path / "base.docx")


def _rezip(src: Path, dst: Path, parts: dict[str, bytes]) -> Path:
    """A copy of *src* with *parts* replaced or added."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename not in parts:
                new.writestr(info, old.read(info))
        for name, data in parts.items():
            new.writestr(name, data)
    return dst


def _with_body(tmp_path: Path, body: str, name: str = "x.docx") -> Path:
    xml = (BODY_OPEN + body + BODY_CLOSE).encode()
    return _rezip(_base(tmp_path), tmp_path / name, {"word/document.xml": xml})


def _claim_size(path: Path, member: str, size: int) -> None:
    """Rewrite the zip directory so *member* claims to inflate to *size* bytes."""
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46: pos + 46 + name_len].decode() == member:
            struct.pack_into("<I", data, pos + 24, size)
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))


def _error(path: Path, match: str) -> str:
    with pytest.raises(SourceError, match=match) as caught:
        read(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_text_file_named_docx(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("## Not a zip\n", encoding="utf-8")
    _error(path, "not a Word document \\(not a zip package\\)")


def test_a_password_protected_document(tmp_path):
    path = tmp_path / "locked.docx"  # encrypted OOXML is an OLE compound file
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    _error(path, "password-protected")


def test_a_presentation_named_docx(tmp_path):
    from pptx import Presentation

    path = tmp_path / "slides.docx"
    Presentation().save(str(path))
    _error(path, "not a Word document")


def test_an_xml_bomb_part_is_refused_from_the_directory(tmp_path):
    """30 MB of document.xml deflates to a few KB: refused before a byte is inflated."""
    big = BODY_OPEN + " " * (limits.MAX_PACKAGE_XML + 10) + BODY_CLOSE
    path = _rezip(_base(tmp_path), tmp_path / "bomb.docx", {"word/document.xml": big.encode()})
    assert path.stat().st_size < 200_000
    _error(path, "word/document.xml is too large")


def test_a_package_claiming_gigabytes_is_refused(tmp_path):
    path = _rezip(_base(tmp_path), tmp_path / "huge.docx", {"word/media/big.png": b"x" * 1000})
    _claim_size(path, "word/media/big.png", 2_000_000_000)
    _error(path, "inflates to more than")


def test_a_member_that_inflates_past_its_claimed_size_stops_there(tmp_path):
    path = _with_body(tmp_path, "<w:p/>" * 50_000, "liar.docx")
    _claim_size(path, "word/document.xml", 100)
    _error(path, "not a readable Word document")


def test_malformed_xml(tmp_path):
    path = _rezip(_base(tmp_path), tmp_path / "broken.docx",
                  {"word/document.xml": b"<w:document><w:body><w:p>"})
    _error(path, "not a readable Word document")


def test_deep_nesting_is_refused_by_the_parser(tmp_path):
    depth = 5_000
    body = "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth
    _error(_with_body(tmp_path, body, "deep.docx"), "not a readable Word document")


def test_entities_are_never_expanded(tmp_path):
    laughs = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                        for p, c in zip("abcdefgh", "bcdefghi", strict=True))
              + "]>")
    xml = (laughs + BODY_OPEN + '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>'
           "&i;</w:t></w:r></w:p>" + BODY_CLOSE).encode()
    path = _rezip(_base(tmp_path), tmp_path / "laughs.docx", {"word/document.xml": xml})
    try:
        analysis, _ = read(path)
    except SourceError as exc:
        assert "\n" not in str(exc)
    else:
        assert all(len(s.title) < 1000 for s in analysis.sections)


def test_a_hundred_thousand_paragraphs_is_one_line(tmp_path):
    body = '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>H</w:t></w:r></w:p>' \
        + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 100_000
    message = _error(_with_body(tmp_path, body, "many.docx"), "too many paragraphs")
    assert "100,001" in message


def test_a_long_section_is_kept_to_the_limits_with_a_warning(tmp_path):
    body = '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>H</w:t></w:r></w:p>' \
        + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 20_000
    analysis, warnings = read(_with_body(tmp_path, body, "long.docx"))
    assert len(analysis.sections[0].prose) == limits.MAX_PARAGRAPHS
    assert [str(w) for w in warnings if "note paragraphs" in str(w)] == [
        "section 'h' has more than 200 note paragraphs; the rest are left out"]


def test_linked_pictures_and_alt_chunks_are_reported_never_read(tmp_path):
    """A picture linked to a file elsewhere (here /etc/passwd) and embedded HTML (altChunk)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    d = f.new_document()
    d.add_heading("Linked", 1)
    d.add_picture(io.BytesIO(f.png()))
    blip = next(d.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
    link = d.part.relate_to("file:///etc/passwd", RT.IMAGE, is_external=True)
    blip.attrib.pop("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
    blip.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}link", link)
    html = Part(PackURI("/word/chunk.html"), "text/html", b"<p>hidden</p>", d.part.package)
    chunk = d.part.relate_to(html, RT.A_F_CHUNK)
    d.element.body.insert(-1, parse_xml(
        f'<w:altChunk xmlns:w="{f.W_NS}" xmlns:r="http://schemas.openxmlformats.org/'
        f'officeDocument/2006/relationships" r:id="{chunk}"/>'))
    analysis, warnings = read(f.save(d, tmp_path / "linked.docx"))
    messages = " / ".join(str(w) for w in warnings)
    assert analysis.sections[0].images == ()
    assert "file:///etc/passwd" in messages and "not read" in messages
    assert "altChunk" in messages
    assert "hidden" not in repr(analysis)


def test_the_cli_reports_a_hostile_file_on_one_line(tmp_path, capsys):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    assert main(["sections", "--analysis", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefer: error: ") and err.count("\n") == 1
    assert "Traceback" not in err
