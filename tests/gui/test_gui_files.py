"""Files: save and reopen, export through the worker, recovery, settings, drops, closing."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from pptx import Presentation
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from briefer import cli
from briefer.deck import edits
from briefer.deck.project import load_deck
from briefer.gui.export import ExportJob

from .helpers import ScriptedPrompts, close_export_box, export_box


def _export(qtbot, window, path: Path) -> Path:
    """Export through the worker and dismiss the "Export finished" box."""
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        window.start_export(path)
    close_export_box(qtbot, window)
    return path


def test_save_and_reopen(qtbot, make_window, prompts, tmp_path):
    window = make_window()
    doc = window.document
    doc.push(edits.toggle(doc.deck, "timeline", False))
    doc.push(edits.move(doc.deck, "outlook", 1))
    doc.push(edits.edit_section(doc.deck, "background", title="Context"))
    doc.push(edits.set_meta(doc.deck, presenter="Col Jones"))
    assert window.isWindowModified()
    target = tmp_path / "my deck.brief"
    prompts.save_answers.append(target)
    window.actions_["save"].trigger()
    assert target.is_file()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("my deck.brief")
    assert window.settings.recent_files()[0] == target.resolve()

    other = make_window(target)
    deck = other.document.deck
    assert deck.entries == doc.deck.entries
    assert deck.section("background").title == "Context"
    assert deck.meta.presenter == "Col Jones"
    assert other.document.path == target.resolve()
    window.refresh_preview()
    assert [s.title for s in other.laid.slides] == [s.title for s in window.laid.slides]


def test_export_both_formats_matches_the_cli(qtbot, make_window, prompts, tmp_path):
    window = make_window()
    doc = window.document
    doc.push(edits.toggle(doc.deck, "key-figures", False))
    doc.push(edits.edit_section(doc.deck, "outlook", title="What to watch"))
    prompts.save_answers.append(tmp_path / "gui.pptx")
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        window.actions_["export_pptx"].trigger()
    assert ("export_done", tmp_path / "gui.pptx", tuple(str(w) for w in window.warnings)) in prompts.asked
    assert export_box(qtbot, window).text() == "Saved gui.pptx"
    close_export_box(qtbot, window)
    pdf = _export(qtbot, window, tmp_path / "gui.pdf")

    brief = tmp_path / "deck.brief"
    doc.save(brief)
    assert cli.main(["build", str(brief), "-o", str(tmp_path / "cli.pdf")]) == 0
    assert cli.main(["build", str(brief), "-o", str(tmp_path / "cli.pptx")]) == 0

    gui_pages = [p.extract_text() for p in PdfReader(str(pdf)).pages]
    cli_pages = [p.extract_text() for p in PdfReader(str(tmp_path / "cli.pdf")).pages]
    assert gui_pages == cli_pages
    assert len(gui_pages) == len(window.laid.slides)
    assert any("What to watch" in page for page in gui_pages)
    assert not any("Key figures" in page.split("\n")[:3] for page in gui_pages)

    def shapes(path):
        return [[(s.name, s.text_frame.text if s.has_text_frame else "") for s in slide.shapes]
                for slide in Presentation(str(path)).slides]

    assert shapes(tmp_path / "gui.pptx") == shapes(tmp_path / "cli.pptx")
    assert not list(tmp_path.glob(".*export*"))  # no temporary files left behind


def test_export_failure_is_reported_and_work_kept(qtbot, make_window, prompts, tmp_path):
    window = make_window()
    doc = window.document
    doc.push(edits.toggle(doc.deck, "background", False))
    deck = doc.deck
    with qtbot.waitSignal(window.exporter.failed, timeout=30_000) as blocker:
        window.start_export(tmp_path / "missing-folder" / "out.pdf")
    message = blocker.args[0]
    assert "missing-folder" in message
    assert prompts.errors() == [message]
    assert doc.deck is deck and window.isWindowModified()
    assert window.actions_["export_pdf"].isEnabled()


def test_cancelled_export_writes_nothing(qtbot, tmp_path, make_window):
    window = make_window()
    job = ExportJob(window.document.deck, tmp_path / "out.pptx")
    seen = []
    job.signals.cancelled.connect(lambda: seen.append("cancelled"))
    job.signals.finished.connect(lambda *a: seen.append("finished"))
    job.cancel()
    job.run()
    QApplication.processEvents()
    assert seen == ["cancelled"]
    assert list(tmp_path.glob("*.pptx")) == [] and list(tmp_path.glob(".*")) == []


def test_recover_after_a_crash(qtbot, make_window, isolated_dirs):
    first = make_window(autosave_ms=50)
    doc = first.document
    doc.push(edits.toggle(doc.deck, "background", False))
    doc.push(edits.set_meta(doc.deck, title="Crash survivor"))
    with qtbot.waitSignal(first.autosaver.saved, timeout=5000):
        pass
    autosave = first.autosaver.deck_file
    assert autosave.is_file() and autosave.parent == isolated_dirs["data"] / "autosave"
    info = json.loads(autosave.with_suffix(".json").read_text())
    assert info["title"] == "Crash survivor"
    first.autosaver.timer.stop()
    first.autosaver.release()  # what a crash leaves: the copy, with nobody holding its lock

    script = ScriptedPrompts()
    second = make_window(recover=True, script=script)
    assert ("recover", "Crash survivor") in script.asked
    assert second.document.deck.meta.title == "Crash survivor"
    assert "background" not in second.document.deck.selected_ids
    assert second.isWindowModified()
    assert not autosave.exists()
    assert second.autosaver.deck_file.is_file()  # the recovered work is protected again

    second.document.undo_stack.setClean()  # a save or clean close removes the copy
    assert not second.autosaver.deck_file.exists()


def test_declined_recovery_deletes_the_copy(make_window):
    first = make_window(autosave_ms=60_000)
    first.document.push(edits.set_meta(first.document.deck, title="Unwanted"))
    assert first.autosaver.save_now()
    first.autosaver.release()
    script = ScriptedPrompts()
    script.recover_answer = False
    second = make_window(recover=True, script=script)
    assert ("recover", "Unwanted") in script.asked
    assert second.document.deck.meta.title != "Unwanted"
    assert not first.autosaver.deck_file.exists()


def test_live_windows_autosave_is_not_offered(make_window):
    first = make_window(autosave_ms=60_000)
    first.document.push(edits.set_meta(first.document.deck, title="Still open"))
    assert first.autosaver.save_now()
    script = ScriptedPrompts()
    make_window(recover=True, script=script)
    assert not [a for a in script.asked if a[0] == "recover"]
    assert first.autosaver.deck_file.exists()


def test_close_asks_about_unsaved_changes(make_window, prompts, isolated_dirs):
    window = make_window(autosave_ms=60_000)
    window.document.push(edits.toggle(window.document.deck, "background", False))
    assert window.autosaver.save_now()
    prompts.save_changes_answer = "cancel"
    assert not window.close()
    assert window.isVisible()
    prompts.save_changes_answer = "discard"
    assert window.close()
    assert not window.autosaver.deck_file.exists()
    ini = isolated_dirs["config"] / "briefer.ini"
    assert ini.is_file() and "geometry" in ini.read_text()


def test_settings_remember_geometry_and_recent_files(make_window, small_analysis):
    window = make_window(small_analysis)
    window.resize(790, 560)  # within the 800×600 offscreen screen
    window.main_splitter.setSizes([250, 400, 320])
    QApplication.processEvents()
    window.save_settings()
    again = make_window()
    assert again.size() == window.size()
    assert again.main_splitter.sizes() == window.main_splitter.sizes()
    assert again.settings.recent_files()[0] == small_analysis.resolve()
    again._fill_recent_menu()
    assert any(small_analysis.name in a.text() for a in again.recent_menu.actions())


def test_dropping_a_file_opens_it(qtbot, make_window, small_analysis):
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(small_analysis))])
    target = window.preview.view
    with warnings.catch_warnings():  # Qt 6.12 marks the only QDragEnterEvent constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: window.document.deck.analysis.meta.title == "Small test analysis")
    assert window.sections.model.rowCount() == 3


def test_open_analysis_and_bad_files(make_window, prompts, tmp_path, small_analysis):
    window = make_window()
    prompts.open_answers.append(small_analysis)
    window.actions_["open_analysis"].trigger()
    assert window.document.deck.analysis.meta.title == "Small test analysis"
    assert window.document.path is None
    bad = tmp_path / "bad.brief"
    bad.write_text("{not json", encoding="utf-8")
    assert not window.open_path(bad)
    assert "not a briefer deck" in prompts.errors()[-1]
    assert window.document.deck.analysis.meta.title == "Small test analysis"
    saved = tmp_path / "ok.brief"
    window.document.save(saved)
    assert load_deck(saved).analysis_ref == str(small_analysis.resolve())


def test_cancel_during_writing_leaves_the_old_file(qtbot, make_window, tmp_path, monkeypatch):
    import briefer.gui.export as gui_export
    from briefer.fileio import atomic_output

    window = make_window()
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "deck.pdf"
    target.write_bytes(b"the previous export")
    job = ExportJob(window.document.deck, target)

    def slow_export(deck, path, progress=None):  # the core's contract: atomic, cleans up
        progress("Laying out slides…")
        with atomic_output(Path(path)) as handle:
            handle.write(b"half a new file")
            job.cancel()  # the user presses Cancel while the renderer writes
            progress("Writing…")  # raises the worker's private exception
            handle.write(b"never reached")
        return []

    monkeypatch.setattr(gui_export, "export", slow_export)
    seen = []
    job.signals.cancelled.connect(lambda: seen.append("cancelled"))
    job.run()
    QApplication.processEvents()
    assert seen == ["cancelled"]
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["deck.pdf"]


def test_cancel_through_the_core_export_writes_nothing(qtbot, make_window, tmp_path):
    window = make_window()
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"the previous export")
    job = ExportJob(window.document.deck, target)
    seen = []
    # Cancel pressed while the slides are laid out: the core's next progress step stops it
    job.signals.progress.connect(lambda message: (seen.append(message), job.cancel()))
    job.signals.cancelled.connect(lambda: seen.append("cancelled"))
    job.signals.finished.connect(lambda *a: seen.append("finished"))
    job.run()
    QApplication.processEvents()
    assert seen == ["Laying out slides…", "cancelled"]
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name != "config" and p.name != "data"] \
        == ["deck.pptx"]


def test_export_goes_through_the_core_and_keeps_permissions(qtbot, make_window, tmp_path,
                                                             monkeypatch):
    import briefer.gui.export as gui_export

    window = make_window()
    target = tmp_path / "deck.pdf"
    target.write_bytes(b"the previous export")
    target.chmod(0o640)
    calls = []
    real = gui_export.export
    monkeypatch.setattr(gui_export, "export",
                        lambda deck, path, **kw: calls.append(Path(path)) or real(deck, path, **kw))
    _export(qtbot, window, target)
    assert calls == [target]  # the target itself: the core writes it atomically
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf" or
                  p.name.startswith(".")) == ["deck.pdf"]


def test_progress_dialog_cancel_reaches_the_worker(qtbot, make_window, tmp_path, monkeypatch):
    import threading

    import briefer.gui.export as gui_export

    window = make_window()
    release = threading.Event()

    def blocking_export(deck, path, progress=None):
        progress("Laying out slides…")
        release.wait(10)
        progress("Writing…")  # raises once the user has cancelled
        Path(path).write_bytes(b"never kept")
        return []

    monkeypatch.setattr(gui_export, "export", blocking_export)
    with qtbot.waitSignal(window.exporter.cancelled, timeout=10_000):
        window.start_export(tmp_path / "out.pptx")
        qtbot.waitUntil(lambda: window.progress is not None and window.progress.isVisible())
        qtbot.mouseClick(window.progress.cancel_button, Qt.MouseButton.LeftButton)
        assert window.progress.label.text() == "Cancelling…"
        release.set()
    assert not (tmp_path / "out.pptx").exists()
    assert window.actions_["export_pptx"].isEnabled()
    assert window.status_message() == "Export cancelled"
    assert window.progress is None and QApplication.activeModalWidget() is None


def test_a_vanished_recent_file_is_dropped_from_the_menu(make_window, prompts, tmp_path):
    window = make_window()
    brief = tmp_path / "gone.brief"
    window.document.save(brief)
    window.settings.add_recent(brief)
    brief.unlink()
    assert not window.open_path(brief)
    assert "not found" in prompts.errors()[-1]
    assert brief.resolve() not in window.settings.recent_files()


def test_a_copy_that_cannot_be_recovered_now_is_kept(make_window, small_analysis):
    first = make_window(small_analysis, autosave_ms=60_000)
    first.document.push(edits.set_meta(first.document.deck, title="Precious work"))
    assert first.autosaver.save_now()
    first.autosaver.release()  # a crash
    autosave = first.autosaver.deck_file
    away = small_analysis.with_name("moved-away.md")
    small_analysis.rename(away)  # the analysis is temporarily missing (unmounted share, say)

    script = ScriptedPrompts()
    second = make_window(recover=True, script=script)
    assert ("recover", "Precious work") in script.asked
    [message] = script.errors()
    assert "small.md" in message  # the core's own reason
    assert str(autosave) in message and "offered again" in message
    assert autosave.is_file() and autosave.with_suffix(".json").is_file()
    assert second.document.deck.meta.title != "Precious work"

    away.rename(small_analysis)  # next start, with the analysis back: offered and recovered
    third = make_window(recover=True, script=ScriptedPrompts())
    assert third.document.deck.meta.title == "Precious work"
    assert not autosave.exists()
    assert third.autosaver.deck_file.is_file()


def test_an_unexpected_error_on_recovery_keeps_the_copy(make_window, monkeypatch):
    from briefer.gui.autosave import Orphan

    first = make_window(autosave_ms=60_000)
    first.document.push(edits.set_meta(first.document.deck, title="Odd copy"))
    assert first.autosaver.save_now()
    first.autosaver.release()

    def broken(self):
        raise KeyError("sections")

    monkeypatch.setattr(Orphan, "load", broken)
    script = ScriptedPrompts()
    make_window(recover=True, script=script)
    [message] = script.errors()
    assert "KeyError" in message and str(first.autosaver.deck_file) in message
    assert first.autosaver.deck_file.is_file()
