"""Font metrics: one set per font file, however the file is named; the fallback font measures
what the template's font lacks."""

from __future__ import annotations

from pathlib import Path

from briefer.layout.measure import FALLBACK_FILES, metrics
from briefer.templates import load_template


def test_one_metrics_per_font_file_however_it_is_named():
    path = load_template("plain").body_font.file
    font = metrics(path)
    assert metrics(str(path)) is font and metrics(Path(str(path))) is font and metrics(str(path)) is font


def test_characters_the_font_lacks_are_measured_and_run_in_the_fallback():
    font = metrics(load_template("plain").body_font.file)
    assert font.fallback is metrics(FALLBACK_FILES[font.bold])
    assert font.covers("Türkiye, Москва") and not font.covers("₺1.2")
    assert font.font_runs("cost ₺1.2 trn") == [(0, 5, False), (5, 6, True), (6, 13, False)]
    assert font.font_runs("plain") == [(0, 5, False)] and font.font_runs("") == []
    assert font.char_width("₺") == font.fallback.char_width("₺") > 0
