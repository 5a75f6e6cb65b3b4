"""Shared fixtures: the built-in analysis, a hostile analysis, isolated user folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefer.deck.model import Deck
from briefer.source.library import load_analysis
from briefer.source.markdown import read_analysis

DATA = Path(__file__).parent / "data"
REQUIRED = ["background", "financial-issues", "domestic-resistance", "regional-lessons"]
TEMPLATES = ["staff-brief", "think-tank", "plain"]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("BRIEFER_DATA_DIR", str(home / "briefer-data"))
    monkeypatch.setenv("BRIEFER_CONFIG_DIR", str(home / "briefer-config"))
    from briefer.templates import forget_discovered

    forget_discovered()  # user templates of an earlier test's home are not this test's
    yield
    forget_discovered()


@pytest.fixture(autouse=True)
def _every_pptx_is_valid(request: pytest.FixtureRequest):
    """Every PowerPoint file a test leaves in its tmp_path passes openxml-audit (the Open XML
    SDK's checks): zero findings means PowerPoint opens it without a repair prompt."""
    yield
    folder = getattr(request.node, "funcargs", {}).get("tmp_path")
    if folder is None:
        return
    import zipfile

    from openxml_audit import validate_pptx

    for path in sorted(Path(folder).rglob("*.pptx")):
        if path.is_file() and not path.is_symlink() and zipfile.is_zipfile(path):
            result = validate_pptx(str(path))
            findings = [str(e) for e in result.errors]
            assert not findings, f"{path.name}: {findings[:5]}"


@pytest.fixture(scope="session")
def analysis():
    return load_analysis("s400-turkiye")


@pytest.fixture()
def deck(analysis) -> Deck:
    return Deck.new(analysis, "s400-turkiye", "staff-brief")


@pytest.fixture(scope="session")
def hostile_path() -> Path:
    return DATA / "hostile.md"


@pytest.fixture(scope="session")
def hostile(hostile_path):
    return read_analysis(hostile_path)


def pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def words_of(text: str) -> list[str]:
    return text.split()


def needs(*programs: str):
    """Skip a test when a program it renders with is missing, except on CI (CI=true), where
    .ci/run installs them: there a missing tool must fail, never pass silently as a skip."""
    import shutil

    missing = [p for p in programs if shutil.which(p) is None]
    return pytest.mark.skipif(bool(missing) and os.environ.get("CI") != "true",
                              reason=f"needs {', '.join(missing)}")


def build_markdown(text: str, template: str, folder: Path, stem: str):
    """A Markdown analysis written to *folder*, laid out in *template* and exported to
    STEM.pptx and STEM.pdf there; returns the laid-out deck."""
    from briefer.export import export
    from briefer.layout import layout
    from briefer.source.markdown import read_analysis
    from briefer.templates import load_template

    source = folder / f"{stem}.md"
    source.write_text(text, encoding="utf-8")
    deck = Deck.new(read_analysis(source), str(source), template)
    laid, _ = layout(deck, load_template(template))
    export(deck, folder / f"{stem}.pptx")
    export(deck, folder / f"{stem}.pdf")
    return laid


def have(program: str) -> bool:
    return any((Path(p) / program).exists() for p in os.environ.get("PATH", "").split(os.pathsep))
