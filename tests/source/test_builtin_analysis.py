"""The built-in S-400 analysis: the sections a briefer needs, in correct Turkish spelling."""

from __future__ import annotations

import re

from briefer.source.library import builtin_analyses
from tests.conftest import REQUIRED


def test_is_listed(analysis):
    assert "s400-turkiye" in builtin_analyses()
    assert "Türkiye" in analysis.meta.title


def test_has_required_and_supporting_sections(analysis):
    ids = analysis.ids
    for sid in REQUIRED + ["bluf", "timeline", "key-figures", "us-position", "russia-position",
                           "outlook"]:
        assert sid in ids
    assert analysis.section("bluf").kind == "summary"
    assert analysis.section("timeline").kind == "timeline"
    assert analysis.section("key-figures").kind == "figures"


def test_every_section_is_briefable(analysis):
    for section in analysis.sections:
        assert section.prose, section.id
        assert section.sources, section.id
        if section.table is None:
            top = [p for p in section.points if p.level == 0]
            assert 3 <= len(top) <= 7, section.id


def test_turkish_spelling(analysis):
    from briefer.source.markdown import write_analysis

    text = write_analysis(analysis)
    assert "Erdoğan" in text and "Türkiye" in text
    assert not re.search(r"\bErdogan\b|\bTurkiye\b|\bTurkey\b", text)
    assert "Триумф" in text


def test_facts_carried_over(analysis):
    from briefer.source.markdown import write_analysis

    text = write_analysis(analysis)
    for fact in ("2.5", "400", "2017", "2019", "CAATSA", "F-35", "KAAN", "Ashgabat", "Barrack",
                 "Peskov"):
        assert fact in text, fact


def test_timeline_and_figures_are_machine_readable(analysis):
    dated = re.compile(r"^\d{4}(-\d{2}){0,2}: ")
    assert all(dated.match(p.text) for p in analysis.section("timeline").points)
    assert all(": " in p.text for p in analysis.section("key-figures").points)
