"""Help inside the app (F1): the workflow, every shortcut, the analysis format and templates;
and a "Keyboard shortcuts" dialog. Both are built from the window's own actions, so the
shortcuts listed are the ones that work."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

# keys that belong to a widget rather than to a window action
WIDGET_KEYS = (
    ("Space", "Include or exclude the current section (in the section list)"),
    ("Delete", "Delete the current section (in the section list or the slides)"),
    ("Ctrl+]  /  Ctrl+[", "Indent or outdent the selected key points"),
    ("Ctrl+F", "Filter the section list"),
    ("Ctrl+V", "Paste cells from a spreadsheet into a table, or a picture onto the picture box"),
    ("Right-click", "The section's menu, in the section list and on a slide"),
)

ATTRIBUTES = (
    ("#id", "the section id used by --sections and .brief files (default: a slug of the title)"),
    (".summary", "bottom line up front: placed straight after the title slide"),
    (".timeline", "dated bullets (YYYY, YYYY-MM or YYYY-MM-DD: what happened) drawn as a "
                  "timeline"),
    (".figures", "VALUE: label bullets drawn as big-number tiles"),
    (".table", "a Markdown pipe table drawn as a native table, header repeated on every slide"),
    (".closing", "conclusion or recommendation: placed after the main sections"),
    (".backup", "placed after a Backup divider, numbered B-1, B-2 …"),
    ("classification=…", "the section's marking; the deck shows the highest marking it "
                         "includes"),
)


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every window action that has a shortcut, then widget keys."""
    rows = []
    for action in actions.values():
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                         for s in action.shortcuts() if not s.isEmpty())
        if keys and keys not in ("Space", "Del"):
            text = action.text().replace("&", "").rstrip("…")
            if text.startswith(("Undo ", "Redo ")):  # not what the next undo would take back
                text = text[:4]
            rows.append((keys, text))
    return rows + list(WIDGET_KEYS)


def help_html(actions: dict[str, QAction], templates: list[tuple[str, str]]) -> str:
    keys = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                   for k, v in shortcut_rows(actions))
    attrs = "".join(f"<tr><td><code>{escape(k)}</code></td><td>{escape(v)}</td></tr>"
                    for k, v in ATTRIBUTES)
    temps = "".join(f"<li><b>{escape(n)}</b>: {escape(d)}</li>" for n, d in templates)
    return f"""
<h2>briefer</h2>
<p>briefer turns a written analysis into a briefing deck: PowerPoint and PDF that match slide
for slide.</p>
<h3>The workflow</h3>
<ol>
<li><b>Start</b>: File ▸ New offers a blank analysis, a new deck from the current analysis, or
a deck from a file (Markdown or Word). File ▸ Import Sections brings sections from another
analysis into this deck.</li>
<li><b>Choose and order</b> sections on the left: tick them in or out, drag them, or use
Ctrl+Up/Down. A section tagged BLUF, Closing or Backup always goes to that part of the deck;
dragging it orders it among its own group.</li>
<li><b>Shape each section</b> on the right (Section tab): title, kind (key points, timeline, key
figures or table), role (normal, bottom line up front, closing, backup), marking, its picture
(insert, drop or paste one), its sources and the speaker notes. In the key points a link is
written as in an analysis, <code>[words](https://…)</code>, and is one of the section's
sources too. A timeline date that is not a real
YYYY, YYYY-MM or YYYY-MM-DD stays red until fixed and is not used meanwhile. Add, duplicate,
delete and rename sections from the Section menu, the toolbar or a right-click; a new section
takes its id from the title you type for it, and keeps that id when renamed later.</li>
<li><b>The deck</b> (Deck tab): title page fields, the deck's own marking, which standard slides
to show. The badge above the slide shows the deck's marking: the highest of the deck's own and
of every section it includes; its tooltip names the section that raised it.</li>
<li><b>The look</b> (Template tab): pick a template, or add your organisation's .potx/.pptx
master with "Add organisation template…" (or drop the file on the tab).</li>
<li><b>Keep and share</b>: Save keeps the deck as a .brief file (with its pictures beside it);
File ▸ Save Analysis As writes your sections back as a Markdown analysis for next time;
Export writes PowerPoint, PDF, notes pages, handouts or the written report.</li>
</ol>
<p>Every change can be undone (Ctrl+Z) and redone (Ctrl+Shift+Z): typing within a line is one
step, a new bullet or an indent change is another.</p>
<h3>Keyboard shortcuts</h3>
<table cellpadding="3">{keys}</table>
<h3>The analysis format</h3>
<p>An analysis is Markdown with YAML front matter (title, subtitle, author, organisation,
as_of, classification, sources). Each <code>##</code> heading starts a section; bullets are its
key points (two spaces of indent for a sub-point), paragraphs its speaker notes, a
<code>### Sources</code> list its sources, a paragraph that is only a picture
(<code>![caption](images/map.png)</code>) its picture. Heading attributes go in
<code>{{…}}</code> after the title:</p>
<table cellpadding="3">{attrs}</table>
<h3>Templates</h3>
<ul>{temps}</ul>
<p>Your own templates go in the user template folder: a folder with a
<code>template.toml</code>, or an organisation master added from the Template tab.</p>
"""


class HelpDialog(QDialog):
    """The help page, shown beside the window (not modal)."""

    def __init__(self, html: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("briefer Help")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(html)
        self.browser.setAccessibleName("Help")
        _framed(self, self.browser, 680, 720)


def _framed(dialog: QDialog, body: QWidget, width: int, height: int) -> None:
    """*body* above a Close button, at a size that reads well."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body)
    layout.addWidget(buttons)
    dialog.resize(width, height)


class ShortcutsDialog(QDialog):
    """Every shortcut in a two-column table."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["Keys", "Does"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (keys, does) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(does))
        _framed(self, self.table, 560, 560)
