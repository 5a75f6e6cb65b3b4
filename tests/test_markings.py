"""Markings cannot be lowered by invisible characters, and an unknown marking is never dropped."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from briefer import cli
from briefer.deck.model import Deck
from briefer.deck.project import load_deck
from briefer.errors import SourceError
from briefer.layout import layout
from briefer.markings import banner_colors, highest, level_of, normalise, portion_mark
from briefer.source.markdown import parse_analysis
from briefer.templates import load_template

SCALE = load_template("staff-brief").marking

DISGUISED_SECRETS = [
    "SECRET\u200b",  # zero-width space
    "\u200bSECRET",
    "SE\u200dCRET",  # zero-width joiner inside
    "SECRET\ufeff",  # byte-order mark
    "SECRET\u2060",  # word joiner
    "S\u00adECRET",  # soft hyphen
    "\uff33\uff25\uff23\uff32\uff25\uff34",  # full-width letters
    "secret",
    "  Secret  ",
    "SECRET\ufe0f",  # variation selector
    "SECRET\x07",  # a control character
]


@pytest.mark.parametrize("marking", DISGUISED_SECRETS)
def test_disguised_secret_ranks_as_secret(marking):
    assert level_of(marking, SCALE) == SCALE.levels.index("SECRET")
    assert highest(["CUI", marking], SCALE) == ("SECRET", [])
    assert banner_colors(marking, SCALE) == SCALE.colors["SECRET"]


def test_spaces_inside_a_marking_are_collapsed():
    assert normalise("top\u00a0 \u2003secret//noforn") == "TOP SECRET//NOFORN"
    assert highest(["SECRET", "top\u00a0 secret"], SCALE)[0] == "TOP SECRET"


def test_a_section_marked_secret_with_a_zero_width_space_gets_a_secret_banner():
    analysis = parse_analysis('## Open {#open classification=CUI}\n\n- a\n\n'
                              '## Hidden {#hidden classification="SECRET\u200b"}\n\n- b\n')
    laid, warnings = layout(Deck.new(analysis, "m"), load_template("staff-brief"))
    assert laid.marking == "SECRET"
    assert not any("scale" in str(w) for w in warnings)
    banners = [e.paragraphs[0].lines[0].text for s in laid.slides for e in laid.page(s)
               if getattr(e, "role", "") == "banner-top"]
    assert banners and set(banners) == {"SECRET"}


@pytest.mark.parametrize(("markings", "expected"), [
    (["NATO RESTRICTED"], "NATO RESTRICTED"),
    (["UNCLASSIFIED", "NATO RESTRICTED"], "NATO RESTRICTED"),
    (["TOP SECRET", "NATO RESTRICTED"], "TOP SECRET + NATO RESTRICTED"),
    (["CUI", "\u0421ECRET"], "CUI + \u0421ECRET"),  # a Cyrillic С: shown, never ranked low
    (["SECRET", "foo", "FOO", "bar"], "SECRET + FOO + BAR"),
])
def test_unknown_markings_are_never_dropped(markings, expected):
    marking, unknown = highest(markings, SCALE)
    assert marking == expected
    assert unknown and all(u in marking for u in unknown)


def test_an_unknown_marking_shows_its_banner_even_where_the_lowest_level_is_hidden():
    template = load_template("plain")  # banner = false: the lowest level goes without one
    assert not template.marking.banner
    analysis = parse_analysis("## S {classification=RESTRICTED}\n\n- a\n")
    laid, warnings = layout(Deck.new(analysis, "m"), template)
    roles = {getattr(e, "role", "") for s in laid.slides for e in laid.page(s)}
    assert "banner-top" in roles and laid.marking == "RESTRICTED"
    assert any("'RESTRICTED' is not on the template's scale" in str(w) for w in warnings)


def test_portion_marks_of_unknown_markings_are_shown_whole():
    assert portion_mark("secret\u200b", SCALE) == "(S)"
    assert portion_mark("RESTRICTED", SCALE) == "(RESTRICTED)"
    assert portion_mark("", SCALE) == ""


def test_two_classifications_on_one_heading_are_an_error():
    with pytest.raises(SourceError, match=r"gives 'classification' twice"):
        parse_analysis("## Mixed {#m classification=SECRET classification=CUI}\n\n- a\n")


def test_template_levels_are_normalised_too(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "template.toml").write_text(
        '[classification]\nlevels = ["Official", "official\u200b-sensitive", "Secret"]\n'
        'colors = { "Secret" = ["#C8102E", "#FFFFFF"] }\n', encoding="utf-8")
    scale = load_template(str(folder)).marking
    assert scale.levels == ("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET")
    assert highest(["OFFICIAL-SENSITIVE", "secret"], scale) == ("SECRET", [])
    assert banner_colors("Secret", scale) == ("#C8102E", "#FFFFFF")


def test_deck_level_markings_are_normalised_from_front_matter_brief_and_cli(tmp_path, capsys):
    analysis_path = tmp_path / "a.md"
    analysis_path.write_text('---\ntitle: T\nclassification: "SECRET\u200b"\n---\n\n'
                             "## S {classification=CUI}\n\n- a\n", encoding="utf-8")
    from briefer.source.library import load_analysis

    deck = Deck.new(load_analysis(str(analysis_path)), str(analysis_path))
    assert layout(deck, load_template("plain"))[0].marking == "SECRET"

    brief = tmp_path / "d.brief"
    brief.write_text(json.dumps({"format": "briefer-deck", "version": 1, "analysis": "a.md",
                                 "meta": {"classification": "\uff34\uff2f\uff30 SECRET"}}),
                     encoding="utf-8")
    assert layout(load_deck(brief), load_template("plain"))[0].marking == "TOP SECRET"

    lowered = replace(deck, meta=replace(deck.meta, classification=""))
    assert layout(lowered, load_template("plain"))[0].marking == "CUI"
    out = tmp_path / "o.pdf"
    code = cli.main(["build", "--analysis", str(analysis_path), "--classification",
                     "secret\u200b", "-o", str(out)])
    assert code == 0
    assert "scale" not in capsys.readouterr().err
    from pypdf import PdfReader

    assert PdfReader(out).metadata.get("/Keywords") == "SECRET"
