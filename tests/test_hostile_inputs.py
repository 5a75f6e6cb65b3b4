"""Every error names its culprit: hostile analyses, .brief files and templates give one line
naming the file and the field, never 'unexpected X'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefer import cli, templates
from briefer.deck.model import Deck
from briefer.deck.project import load_deck
from briefer.errors import ProjectError, SourceError, TemplateError
from briefer.layout import layout
from briefer.source.library import load_analysis
from briefer.source.markdown import parse_analysis, read_analysis
from briefer.templates import _parse_folder, load_template, template_entries

ROOT = Path(__file__).parents[1]
PLAIN = ROOT / "templates" / "plain" / "template.toml"


# ------------------------------------------------------------------ impossible dates

@pytest.mark.parametrize(("as_of", "problem"), [
    ("2025-02-30", "day is out of range for month"),
    ("0000-01-01", "year 0 is out of range"),
    ("2025-12-20T25:00Z", "hour or minute out of range"),
])
def test_an_impossible_as_of_date_opens_and_is_reported_naming_field_and_file(tmp_path, as_of,
                                                                               problem):
    path = tmp_path / "dated.md"
    path.write_text(f"---\ntitle: T\nas_of: {as_of}\n---\n\n## S\n\n- p\n", encoding="utf-8")
    analysis = load_analysis(str(path))  # opens: the app can show the file and the problem
    assert analysis.meta.as_of == as_of  # kept as typed
    deck = Deck.new(analysis, str(path))
    laid, warnings = layout(deck, load_template("staff-brief"))
    assert [str(w) for w in warnings if "as_of" in str(w)] == [
        f"as_of '{as_of}' in the front matter of {path} is not a real date ({problem}); "
        "it is shown as typed"]
    assert any(as_of in line.text for s in laid.slides for e in s.elements
               for p in getattr(e, "paragraphs", ()) for line in p.lines)


def test_an_impossible_date_typed_into_the_deck_names_the_deck(deck):
    from briefer.deck import edits

    changed = edits.set_meta(deck, as_of="2025-02-29").apply(deck)
    _, warnings = layout(changed, load_template("plain"))
    assert any("as_of '2025-02-29' in the deck's properties is not a real date" in str(w)
               for w in warnings)


def test_real_dates_and_plain_text_give_no_warning(deck):
    from briefer.deck import edits

    for value in ("2025-12-20", "2026-11-24T15:30Z", "Spring 2026", "2024-02-29"):
        _, warnings = layout(edits.set_meta(deck, as_of=value).apply(deck), load_template("plain"))
        assert not [w for w in warnings if "as_of" in str(w)], value


@pytest.mark.parametrize("line", ["as_of: " + "9" * 5000, "title: 1" + "0" * 5000])
def test_thousands_of_digits_in_front_matter_name_the_field(line):
    field = line.split(":")[0]
    with pytest.raises(SourceError, match=rf"front matter '{field}' is too long \(5,00\d characters"):
        parse_analysis(f"---\n{line}\n---\n\n## S\n")


def test_numbers_and_yes_no_in_front_matter_are_kept_as_typed():
    meta = parse_analysis("---\ntitle: 0x1F\nsubtitle: yes\nauthor: 1.50\n---\n\n## S\n").meta
    assert (meta.title, meta.subtitle, meta.author) == ("0x1F", "yes", "1.50")


# ------------------------------------------------------------------ .brief files

def _brief(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "d.brief"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "message"), [
    ('{"format": "briefer-deck", "analysis": ' + "[" * 100_000 + "]" * 100_000 + "}",
     r"d\.brief is not a briefer deck \(JSON nested too deeply\)"),
    ('{"format": "briefer-deck", "version": 1' + "0" * 5000 + ', "analysis": "s400-turkiye"}',
     r"d\.brief is not a briefer deck \(Exceeds the limit"),
    ('{"format": "briefer-deck", "analysis": "' + "a" * 5000 + '.md"}',
     r"d\.brief: analysis is too long \(5,003 characters; at most 1,000\)"),
    ('{"format": "briefer-deck", "analysis": "' + "a" * 300 + '.md"}',
     r"d\.brief: cannot read analysis .*a\.md: File name too long"),
    ('{"format": "briefer-deck", "analysis": "' + "a" * 300 + '"}',
     r"d\.brief: unknown analysis 'a{300}'"),
    ('{"format": "briefer-deck", "analysis": "x\\u0000.md"}', r"d\.brief: analysis 'x\\x00\.md' "
                                                              "contains a NUL byte"),
    ('{"format": "briefer-deck", "analysis": "s400-turkiye", "template": "' + "t" * 5000 + '"}',
     r"d\.brief: template is too long"),
])
def test_hostile_brief_files_name_file_and_field(tmp_path, text, message):
    with pytest.raises(ProjectError if "unknown analysis" not in message and "cannot read" not in
                       message else SourceError, match=message):
        load_deck(_brief(tmp_path, text))


def test_a_long_template_name_in_a_brief_is_a_template_error_at_build(tmp_path):
    path = _brief(tmp_path, json.dumps({"format": "briefer-deck", "analysis": "s400-turkiye",
                                        "template": "t" * 300}))
    deck = load_deck(path)
    with pytest.raises(TemplateError, match=r"unknown template 't{300}'"):
        load_template(deck.template)


# ------------------------------------------------------------------ templates

def _template(tmp_path: Path, replacements: dict[str, str] | None = None, extra: str = "",
              name: str = "t") -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True)
    text = PLAIN.read_text(encoding="utf-8")
    for old, new in (replacements or {}).items():
        assert old in text
        text = text.replace(old, new)
    (folder / "template.toml").write_text(text + extra, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("replacements", "message"), [
    ({'size = "16:9"': 'size = ["16:9"]'}, "page.size must be one of"),
    ({'background = "#FFFFFF"': "background = 0xFFFFFF"}, "colors.background must be a colour"),
    ({'background = "#FFFFFF"': 'background = "#FFFFFF\\n"'}, "colors.background must be a colour"),
    ({'style = "plain"': "style = [1]"}, "header.style must be"),
    ({'style = "iso"': "style = {a = 1}"}, "date.style must be"),
    ({"bold = true": 'bold = "false"'}, "fonts.heading.bold must be true or false"),
    ({"Carlito-Regular.ttf": "x\\u0000.ttf"}, "fonts.body.file is not a usable file name"),
    ({"banner = false": 'banner = "no"'}, "classification.banner must be true or false"),
    ({"banner = false": 'colors = { SECRET = ["#C8102E", "#FFFFFF\\n"] }'},
     "classification.colors.SECRET must be"),
    ({"banner = false": "colors = { SECRET = [1, 2] }"}, "classification.colors.SECRET must be"),
    ({"banner = false": 'levels = ["A", "a"]'}, "classification.levels must be distinct"),
    ({'name = "plain"': "name = 5"}, "name must be text"),
    ({"title = 38": "title = 1" + "0" * 5000}, r"is not valid TOML: Exceeds the limit"),
    ({"title = 38": "title = " + "[" * 5000 + "]" * 5000}, "is not valid TOML: nested too deeply"),
])
def test_wrongly_typed_template_values_name_the_field(tmp_path, replacements, message):
    folder = _template(tmp_path, replacements)
    with pytest.raises(TemplateError, match=message):
        _parse_folder(folder)


def test_a_logo_reference_with_a_nul_byte_is_refused(tmp_path):
    folder = _template(tmp_path, extra='\n[logo]\nfile = "a\\u0000.png"\n')
    with pytest.raises(TemplateError, match="logo.file must name a picture file"):
        _parse_folder(folder)


def test_a_template_toml_that_links_out_of_its_folder_is_refused(tmp_path):
    outside = _template(tmp_path, name="elsewhere")
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / "template.toml").symlink_to(outside / "template.toml")
    with pytest.raises(TemplateError, match=r"template\.toml is a link to a file outside the "
                                            "template folder"):
        load_template(str(folder))
    inner = tmp_path / "inner"  # a link that stays inside the folder is fine
    inner.mkdir()
    (inner / "real.toml").write_text(PLAIN.read_text(encoding="utf-8"), encoding="utf-8")
    (inner / "template.toml").symlink_to(inner / "real.toml")
    assert load_template(str(inner)).name == "plain"


@pytest.fixture
def broken_user_template(tmp_path, monkeypatch):
    user = tmp_path / "user-data"
    monkeypatch.setenv("BRIEFER_DATA_DIR", str(user))
    _template(user / "templates", {'size = "16:9"': 'size = "21:9"'}, name="broken")
    templates._discover.cache_clear()
    yield
    templates._discover.cache_clear()


def test_one_broken_user_template_does_not_hide_the_others(broken_user_template):
    entries = {e.name: e for e in template_entries()}
    assert {"plain", "staff-brief", "think-tank", "broken"} <= set(entries)
    assert entries["broken"].template is None
    assert entries["broken"].error == "template broken: page.size must be one of 16:9, 4:3, 16:10"
    assert entries["plain"].template is not None and entries["plain"].error == ""


def test_briefer_templates_lists_a_broken_one_with_its_error(broken_user_template, capsys):
    assert cli.main(["templates"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("broken ") and line.endswith(
        "(error: template broken: page.size must be one of 16:9, 4:3, 16:10)") for line in out)
    assert any(line.startswith("plain ") and "Plain and neutral" in line for line in out)


def test_analysis_names_with_nul_bytes_are_refused():
    with pytest.raises(SourceError, match="contains a NUL byte"):
        load_analysis("a\x00b.md")


def test_unreadable_analysis_reference_is_named(tmp_path):
    with pytest.raises(SourceError, match="File name too long"):
        read_analysis(tmp_path / ("a" * 300 + ".md"))
