"""The template picker lists a broken user template greyed, with its error, beside the others."""

from __future__ import annotations

from pathlib import Path

from briefer import templates
from briefer.gui.template_picker import BROKEN_ROLE, NAME_ROLE

PLAIN = Path(__file__).parents[2] / "templates" / "plain" / "template.toml"


def test_a_broken_user_template_is_listed_greyed_with_its_error(make_window, isolated_dirs):
    folder = isolated_dirs["data"] / "templates" / "broken"
    folder.mkdir(parents=True)
    text = PLAIN.read_text(encoding="utf-8").replace('size = "16:9"', 'size = "21:9"')
    (folder / "template.toml").write_text(text, encoding="utf-8")
    templates._discover.cache_clear()
    try:
        window = make_window()
        picker = window.inspector.template_picker
        items = {picker.list.item(i).data(NAME_ROLE): picker.list.item(i)
                 for i in range(picker.list.count())}
    finally:
        templates._discover.cache_clear()
    assert {"plain", "staff-brief", "think-tank", "broken"} <= set(items)
    assert items["broken"].data(BROKEN_ROLE) is True
    assert "page.size must be one of" in items["broken"].toolTip()
    assert items["plain"].data(BROKEN_ROLE) is False
