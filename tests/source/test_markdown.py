"""The Markdown analysis format: reading, writing, and the round trip between them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.errors import SourceError
from briefer.source.markdown import parse_analysis, read_analysis, slugify, write_analysis
from briefer.source.model import Analysis, AnalysisMeta, Bullet, Section, Table

SAMPLE = """---
title: "Türkiye & the S-400"
as_of: 2025-12-20
classification: UNCLASSIFIED
sources: ["Agency report"]
---

## Bottom line {#bluf .summary}

- First point
  - A sub-point
    - A sub-sub-point
- Second point with *emphasis* and `code`

A paragraph of notes
over two lines.

### Sources

- Some source

## Türkiye’s Options

| Option | Cost |
| --- | --- |
| Return | High |

## Annex {#annex .table .backup classification="SECRET//NOFORN"}

Only prose here.
"""


def test_reads_front_matter_sections_and_attributes():
    analysis = parse_analysis(SAMPLE)
    assert analysis.meta.title == "Türkiye & the S-400"
    assert analysis.meta.as_of == "2025-12-20"
    assert analysis.meta.sources == ("Agency report",)
    assert analysis.ids == ("bluf", "turkiyes-options", "annex")
    bluf = analysis.section("bluf")
    assert bluf.kind == "summary"
    assert bluf.points == (
        Bullet("First point", 0),
        Bullet("A sub-point", 1),
        Bullet("A sub-sub-point", 2),
        Bullet("Second point with emphasis and code", 0),
    )
    assert bluf.prose == ("A paragraph of notes over two lines.",)
    assert bluf.sources == ("Some source",)
    options = analysis.section("turkiyes-options")
    assert options.kind == "table"
    assert options.table == Table(("Option", "Cost"), (("Return", "High"),))
    annex = analysis.section("annex")
    assert annex.backup and annex.kind == "table"
    assert annex.classification == "SECRET//NOFORN"


def test_deeper_nesting_is_clamped_not_dropped():
    text = "## S\n\n- a\n  - b\n    - c\n      - d\n        - e\n"
    points = parse_analysis(text).sections[0].points
    assert [p.text for p in points] == ["a", "b", "c", "d", "e"]
    assert [p.level for p in points] == [0, 1, 2, 2, 2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("just prose, no headings", "no sections"),
        ("---\n- a\n- b\n---\n## S\n", "mapping"),
        ("---\ntitle: [unclosed\n---\n## S\n", "YAML"),
        ("## Same {#x}\n\n## Other {#x}\n", "two sections share the id 'x'"),
        ("## T\n\n| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n", "more than one table"),
    ],
)
def test_malformed_input_gets_a_clear_error(text, message):
    with pytest.raises(SourceError, match=message):
        parse_analysis(text)


def test_file_errors_are_one_line(tmp_path):
    with pytest.raises(SourceError, match="not found"):
        read_analysis(tmp_path / "missing.md")
    garbage = tmp_path / "garbage.md"
    garbage.write_bytes(b"\xff\xfe\x00\x81binary")
    with pytest.raises(SourceError, match="not a text file"):
        read_analysis(garbage)
    latin = tmp_path / "latin.md"
    latin.write_bytes("## Türkiye\n".encode("latin-1"))
    with pytest.raises(SourceError, match="not UTF-8"):
        read_analysis(latin)
    with pytest.raises(SourceError, match="folder"):
        read_analysis(tmp_path)


def test_slugs_are_ascii_and_stable():
    assert slugify("Türkiye’s position") == "turkiyes-position"
    assert slugify("Iğdır & Şanlıurfa") == "igdir-sanliurfa"
    assert slugify("Триумф") == ""


def test_writer_output_reads_back_identically(analysis):
    assert parse_analysis(write_analysis(analysis)) == analysis


# ------------------------------------------------------------------ property: round trip

_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs"),
    exclude_characters="\u2028\u2029\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u202f\u205f\u3000",
)
_text = st.text(_ALPHABET, min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(bool)


@st.composite
def _points(draw):
    count = draw(st.integers(0, 6))
    points, previous = [], -1
    for _ in range(count):
        level = draw(st.integers(0, min(previous + 1, 2)))
        points.append(Bullet(draw(_text), level))
        previous = level
    return tuple(points)


@st.composite
def _analyses(draw):
    n = draw(st.integers(1, 4))
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True), min_size=n,
                        max_size=n, unique=True))
    sections = []
    for sid in ids:
        table = None
        if draw(st.booleans()):
            width = draw(st.integers(1, 3))
            header = tuple(draw(_text) for _ in range(width))
            rows = tuple(tuple(draw(_text) for _ in range(width)) for _ in range(draw(st.integers(0, 2))))
            table = Table(header, rows)
        points = draw(_points())
        kind = draw(st.sampled_from(["bullets", "summary", "timeline", "figures", "closing"]))
        if kind == "bullets" and table is not None and not points:
            kind = "table"
        sections.append(Section(
            id=sid,
            title=draw(_text),
            kind=kind,
            points=points,
            prose=tuple(draw(st.lists(_text, max_size=2))),
            sources=tuple(draw(st.lists(_text, max_size=2))),
            classification=draw(st.one_of(st.none(), st.sampled_from(["SECRET", "CUI"]))),
            backup=draw(st.booleans()),
            table=table,
        ))
    meta = AnalysisMeta(title=draw(_text), subtitle=draw(st.one_of(st.just(""), _text)),
                        sources=tuple(draw(st.lists(_text, max_size=2))))
    return Analysis(meta, tuple(sections))


@settings(max_examples=150, deadline=None)
@given(_analyses())
def test_round_trip_property(analysis):
    assert parse_analysis(write_analysis(analysis)) == analysis


def test_link_urls_are_kept_as_sources():
    analysis = parse_analysis(
        '---\nsources: ["[Report](https://example.com/r)"]\n---\n'
        "## S\n\n- See [the report](https://example.com/a)\n\nNotes [here](https://example.com/c).\n\n"
        "### Sources\n\n- [Title](https://example.com/t)\n- <https://example.com/plain>\n")
    section = analysis.sections[0]
    assert section.points[0].text == "See the report"
    assert section.points[0].links == ((4, 14, "https://example.com/a"),)
    assert section.prose == ("Notes here.",)
    assert section.sources == ("the report (https://example.com/a)", "here (https://example.com/c)",
                               "Title (https://example.com/t)", "https://example.com/plain")
    assert analysis.meta.sources == ("Report (https://example.com/r)",)
    assert parse_analysis(write_analysis(analysis)) == analysis
