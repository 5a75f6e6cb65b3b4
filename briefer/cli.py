"""The `briefer` command line: list sections and templates, build decks, start the app.

Exit codes: 0 success (warnings on stderr), 1 bad input or a failed build, 2 usage errors,
130, 143 and 129 after Ctrl+C, SIGTERM and SIGHUP, 141 when the reader of the output has gone (`| head -1`).
Errors are one line, `briefer: error: …`, with anything read from files escaped (see
`briefer.terminal`); set BRIEFER_DEBUG=1 for a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from briefer import __version__
from briefer.errors import BrieferError
from briefer.resources import DEFAULT_ANALYSIS
from briefer.terminal import safe


class _Terminated(BaseException):
    """SIGTERM or SIGHUP, raised like KeyboardInterrupt so an export in progress cleans up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Usage errors quote the arguments: escape them like every other message."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {safe(message)}\n")


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with *command*, only that command's subparser (all a run of
    one command reads: each parser costs argparse's gettext lookups, 0.5 ms apiece)."""
    parser = _Parser(
        prog="briefer",
        description="Turn a written analysis into a briefing deck (PowerPoint or PDF).",
    )
    parser.add_argument("--version", action="version", version=f"briefer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _COMMANDS.items():
        if command is None or name == command:
            add(sub)
    return parser


def _sections_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sections", help="list the sections of an analysis")
    p.add_argument("--analysis", "-a", default=DEFAULT_ANALYSIS,
                   help="built-in analysis name, or a Markdown or Word (.docx) path "
                        "(default: %(default)s)")


def _templates_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("templates", help="list, import or check templates")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help="list the available templates (the default)")
    q = actions.add_parser("import", help="make an organisation's .potx/.pptx a user template")
    q.add_argument("file", type=Path, help="the organisation's PowerPoint template or deck")
    q.add_argument("--name", help="the template's name (default: the file's name)")
    q = actions.add_parser("check", help="show how briefer reads a .potx/.pptx and what it lacks")
    q.add_argument("file", type=Path, help="a .potx or .pptx file")


def _import_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="write an analysis (a Word .docx) as a Markdown analysis")
    p.add_argument("source", type=Path, help="the analysis to import (.docx, or .md)")
    p.add_argument("--output", "-o", required=True, type=Path,
                   help="OUT.md (pictures go into OUT-media/ beside it)")


def _build_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build a PowerPoint or PDF deck, notes, handout or report")
    p.add_argument("project", nargs="?", type=Path, help="a saved deck (.brief) to build")
    p.add_argument("--analysis", "-a", help="built-in analysis name, or a Markdown or Word path")
    p.add_argument("--sections", "-s", help="comma-separated section ids, in the order wanted")
    p.add_argument("--template", "-t", help="template name or folder")
    p.add_argument("--title", help="deck title (default: the analysis title)")
    p.add_argument("--classification", help="deck classification marking")
    p.add_argument("--strict", action="store_true", help="treat layout warnings as errors")
    for name, what in (("title-slide", "the title slide"),
                       ("summary", "the bottom line up front (.summary sections)"),
                       ("agenda", "the agenda slide"),
                       ("closing", "the closing slides (.closing sections)"),
                       ("sources", "the sources slide"),
                       ("backup", "the Backup divider and .backup sections")):
        p.add_argument(f"--{name}", dest=f"slide_{name.split('-')[0]}",
                       action=argparse.BooleanOptionalAction, default=None,
                       help=f"include or leave out {what} (default: as the template says)")
    from briefer.render import PRODUCT_NAMES

    p.add_argument("--as", dest="product", choices=PRODUCT_NAMES, default="slides",
                   help="what to build: the slides (default), notes pages, a handout or the "
                        "written report")
    p.add_argument("--paper", choices=("a4", "letter"),
                   help="paper for notes, handouts and the report (default: the template's)")
    p.add_argument("--per-page", type=int, choices=(1, 2, 3, 4, 6), default=3,
                   help="handout slides per page (default: %(default)s)")
    p.add_argument("--strip-notes", action="store_true",
                   help="a distribution copy: leave the speaker notes (the report's prose) out")
    p.add_argument("--output", "-o", required=True,
                   help="OUT.pptx or OUT.pdf (notes, handout: .pdf; report: .pdf or .docx)")


def _gui_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="start the desktop app (the default)")
    p.add_argument("file", nargs="?", type=Path, help="a deck (.brief) or analysis (.md, .docx) to open")


_COMMANDS = {"sections": _sections_parser, "templates": _templates_parser, "import": _import_parser,
             "build": _build_parser, "gui": _gui_parser}


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser(argv[0] if argv and argv[0] in _COMMANDS else None)
    args = parser.parse_args(argv)
    try:
        if args.command in (None, "gui"):
            return _gui(getattr(args, "file", None))
        if args.command == "sections":
            return _sections(args)
        if args.command == "templates":
            if args.action == "import":
                return _templates_import(args)
            if args.action == "check":
                return _templates_check(args)
            return _templates()
        if args.command == "import":
            return _import(args)
        return _build(args)
    except BrieferError as exc:
        _tell(f"briefer: error: {safe(exc)}")
        return 1
    except KeyboardInterrupt:
        _tell("briefer: interrupted")
        return 130
    except _Terminated as exc:
        _tell("briefer: terminated")
        return 128 + exc.signum
    except BrokenPipeError:
        raise  # the reader has gone: `run` leaves quietly
    except Exception as exc:  # a bug: still one line for the user, the traceback on request
        if os.environ.get("BRIEFER_DEBUG"):
            raise
        _tell(f"briefer: error: unexpected {type(exc).__name__}: {safe(exc)} "
              f"(set BRIEFER_DEBUG=1 for details)")
        return 1


def _say(line: str) -> None:
    """One line of a listing on stdout; a full disk or closed stdout is one line, not a bug."""
    if sys.stdout is None:  # started with `>&-`
        return
    try:
        print(line, file=sys.stdout)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise BrieferError(f"cannot write the listing: {exc.strerror or exc}") from None


def _tell(line: str) -> None:
    """One line on stderr, if there is a stderr that still takes it."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(line, file=sys.stderr)


def _sections(args: argparse.Namespace) -> int:
    from briefer.source.library import load_analysis

    analysis = load_analysis(args.analysis)
    width = max(len(safe(s.id)) for s in analysis.sections)
    for section in analysis.sections:
        _say(f"{safe(section.id):<{width}}  {safe(section.title)}")
    for warning in analysis.warnings:  # what the reader left out
        _tell(f"briefer: warning: {safe(warning)}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from briefer.source.importer import import_analysis

    for warning in import_analysis(args.source, args.output):
        _tell(f"briefer: warning: {safe(warning)}")
    return 0


def _templates() -> int:
    """Every template, a broken one with its error; fails only when none can be used."""
    from briefer.templates import template_entries

    entries = template_entries()
    width = max((len(safe(e.name)) for e in entries), default=0)
    for entry in entries:
        about = entry.template.description if entry.template else f"(error: {entry.error})"
        _say(f"{safe(entry.name):<{width}}  {safe(about)}")
    if not any(entry.template for entry in entries):
        raise BrieferError("no usable template found")
    return 0


def _templates_import(args: argparse.Namespace) -> int:
    from briefer.master.library import import_master

    folder = import_master(args.file, args.name)
    _say(f"imported {safe(args.file.name)} as template '{safe(folder.name)}' ({safe(str(folder))})")
    return 0


def _templates_check(args: argparse.Namespace) -> int:
    from briefer.master.library import describe
    from briefer.master.reader import read_master

    for line in describe(read_master(args.file)):
        _say(safe(line))
    return 0


def _build(args: argparse.Namespace) -> int:
    from briefer.deck.model import Deck
    from briefer.export import export
    from briefer.render import format_for
    from briefer.source.library import load_analysis
    from briefer.templates import load_template

    if args.output.endswith(("/", os.sep)):
        raise BrieferError(f"cannot write {args.output}: that names a folder, not a file")
    output = Path(args.output)
    format_for(output, args.product)  # fail fast on an unsupported extension
    if args.project is not None:
        if args.analysis:
            raise BrieferError("give either a deck file or --analysis, not both")
        from briefer.deck.project import load_deck  # only for saved decks: json and friends

        deck = load_deck(args.project)
    else:
        ref = args.analysis or DEFAULT_ANALYSIS
        deck = Deck.new(load_analysis(ref), ref)
    if args.sections is not None:
        ids = [i.strip() for i in args.sections.split(",") if i.strip()]
        if not ids:
            raise BrieferError("--sections needs at least one section id")
        deck = deck.with_selection(ids)
    if args.template:
        deck = replace(deck, template=args.template)
    template = load_template(deck.template)
    if args.title is not None:
        deck = replace(deck, meta=replace(deck.meta, title=args.title))
    if args.classification is not None:
        deck = replace(deck, meta=replace(deck.meta, classification=args.classification))
    options = dict(deck.options)
    for name in ("title", "summary", "agenda", "closing", "sources", "backup"):
        value = getattr(args, f"slide_{name}")
        if value is not None:
            options[name] = value
    deck = replace(deck, options=MappingProxyType(options))
    inputs = [args.project] if args.project is not None else []
    warnings = export(deck, output, strict=args.strict, template=template, inputs=inputs,
                      as_product=args.product, paper=args.paper, per_page=args.per_page,
                      strip_notes=args.strip_notes)
    for warning in warnings:
        _tell(f"briefer: warning: {safe(warning)}")
    return 0


def _gui(path: Path | None) -> int:
    from briefer.gui.platform_check import check_platform

    check_platform()  # before Qt, whose own message for a missing library names the wrong one
    try:
        from briefer.gui.app import run
    except ImportError as exc:
        raise BrieferError(f"the desktop app is not available: {exc}") from None
    return run(path)


def run() -> None:
    """Console-script entry: `main`, then a fast exit for the one-shot commands.

    A build allocates many small objects and then ends, so the cyclic garbage collector and the
    interpreter's teardown are pure overhead (about 15 ms of a 130 ms build). Every output has
    been written, flushed and renamed into place by then; the app (`gui`) exits normally.
    """
    argv = sys.argv[1:]
    one_shot = bool(argv) and argv[0] in ("build", "sections", "templates", "import")
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a character gets \u…
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    if one_shot:
        gc.disable()
        _handle_termination()
    try:
        code = main(argv)
    except SystemExit as exc:  # --help, --version and usage errors, from argparse
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    except BrokenPipeError:  # `briefer sections | head -1`: the reader has all it wanted
        code = 141  # what a shell reports for a program stopped by SIGPIPE
    if not _flush_quietly() and code == 0:
        code = 1
    if not one_shot:
        sys.exit(code)
    os._exit(code)


def _handle_termination() -> None:
    """SIGTERM (and SIGHUP, a closed terminal) end a command the way Ctrl+C does: temporary
    files removed, old output kept."""
    def terminate(signum: int, frame: object) -> None:
        raise _Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # not on this system
            if signal.getsignal(getattr(signal, name)) is signal.SIG_DFL:  # nohup's SIG_IGN stays
                signal.signal(getattr(signal, name), terminate)


def _flush_quietly() -> bool:
    """Flush stdout and stderr; whether stdout took everything.

    A stream whose reader has gone is pointed at the null device, so the interpreter's own
    flush at exit has nothing to complain about; a stdout that fails otherwise (a full disk) is
    reported in one line.
    """
    complete = True
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with `>&-` or `2>&-`
            continue
        try:
            stream.flush()
        except OSError as exc:
            if stream is sys.stdout and not isinstance(exc, BrokenPipeError):
                complete = False
                _tell(f"briefer: error: cannot write the listing: {exc.strerror or exc}")
            with contextlib.suppress(OSError, ValueError, AttributeError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, stream.fileno())
                os.close(devnull)
    return complete


if __name__ == "__main__":
    run()
