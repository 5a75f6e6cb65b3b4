"""The `briefer` command line: list sections and templates, build decks, start the app.

Exit codes: 0 success (warnings on stderr), 1 bad input or a failed build, 2 usage errors.
Errors are one line, `briefer: error: …`; set BRIEFER_DEBUG=1 for a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from briefer import __version__
from briefer.errors import BrieferError
from briefer.resources import DEFAULT_ANALYSIS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefer",
        description="Turn a written analysis into a briefing deck (PowerPoint or PDF).",
    )
    parser.add_argument("--version", action="version", version=f"briefer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("sections", help="list the sections of an analysis")
    p.add_argument("--analysis", "-a", default=DEFAULT_ANALYSIS,
                   help="built-in analysis name or Markdown path (default: %(default)s)")

    sub.add_parser("templates", help="list the available templates")

    p = sub.add_parser("build", help="build a PowerPoint or PDF deck")
    p.add_argument("project", nargs="?", type=Path, help="a saved deck (.brief) to build")
    p.add_argument("--analysis", "-a", help="built-in analysis name or Markdown path")
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
    p.add_argument("--output", "-o", required=True, help="OUT.pptx or OUT.pdf")

    p = sub.add_parser("gui", help="start the desktop app (the default)")
    p.add_argument("file", nargs="?", type=Path, help="a deck (.brief) or analysis (.md) to open")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command in (None, "gui"):
            return _gui(getattr(args, "file", None))
        if args.command == "sections":
            return _sections(args)
        if args.command == "templates":
            return _templates()
        return _build(args)
    except BrieferError as exc:
        print(f"briefer: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("briefer: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line for the user, the traceback on request
        if os.environ.get("BRIEFER_DEBUG"):
            raise
        print(f"briefer: error: unexpected {type(exc).__name__}: {exc} "
              f"(set BRIEFER_DEBUG=1 for details)", file=sys.stderr)
        return 1


def _sections(args: argparse.Namespace) -> int:
    from briefer.source.library import load_analysis

    analysis = load_analysis(args.analysis)
    width = max(len(s.id) for s in analysis.sections)
    for section in analysis.sections:
        print(f"{section.id:<{width}}  {section.title}")
    return 0


def _templates() -> int:
    from briefer.templates import builtin_template_names, load_template

    names = builtin_template_names()
    width = max((len(n) for n in names), default=0)
    for name in names:
        print(f"{name:<{width}}  {load_template(name).description}")
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
    format_for(output)  # fail fast on an unsupported extension
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
    warnings = export(deck, output, strict=args.strict, template=template)
    for warning in warnings:
        print(f"briefer: warning: {warning}", file=sys.stderr)
    return 0


def _gui(path: Path | None) -> int:
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
    one_shot = bool(argv) and argv[0] in ("build", "sections", "templates")
    if one_shot:
        gc.disable()
    code = main(argv)
    if not one_shot:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a closed pipe: `briefer sections | head -1`
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
