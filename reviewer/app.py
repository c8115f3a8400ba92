"""The `reviewer` command: the window for `reviewer`, `reviewer demo` and `reviewer FILE.db`;
every other command goes to the command line (reviewer.cli), which never loads Qt."""

from __future__ import annotations

import os
import sys

_WINDOW_FILES = (".db", ".sqlite", ".sqlite3")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["demo"] and args[1:]:  # "reviewer demo --help" opened the window
        if args[1:] in (["-h"], ["--help"]):
            from reviewer.cli.common import WINDOW_USAGE

            print("usage: reviewer demo\n\nOpen the review window on the demo project, the "
                  f"bundled sample postings.\n\n{WINDOW_USAGE}")
            return 0
        print(f"reviewer demo: it takes no arguments (given: {' '.join(args[1:])})",
              file=sys.stderr)
        return 2
    if not args or args[0] == "demo" or (len(args) == 1 and _a_project(args[0])):
        if (missing := _no_screen()) is not None:
            print(f"reviewer: {missing}", file=sys.stderr)
            return 2
        try:
            from reviewer.gui.app import run
        except ImportError as err:
            print(f"reviewer: the window needs PySide6 ({err}); pip install PySide6-Essentials",
                  file=sys.stderr)
            return 2
        return run(args)
    from reviewer.cli import main as cli_main

    return cli_main(args)


def _a_project(arg: str) -> bool:
    """Does ``arg`` name a project for the window: a name of a project's kind (made if
    missing), or an SQLite file there that no command is named ("newp", which import
    made)?"""
    if arg.endswith(_WINDOW_FILES):
        return True
    from reviewer.cli.common import COMMANDS

    if arg in COMMANDS or arg.startswith("-"):
        return False
    from pathlib import Path

    from reviewer.core.export import is_sqlite_file

    # an SQLite file: not a script, not notes, not an empty file made a project
    return is_sqlite_file(Path(arg))


def _no_screen() -> str | None:
    """Why the window cannot open here, or None (Qt itself aborts, in lines about its
    plug-ins): on Linux, no display to open it on. (A library Qt lacks, Qt names.)"""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return ("there is no screen to open the window on (neither DISPLAY nor "
                "WAYLAND_DISPLAY is set): run it on a desktop or under xvfb-run, or set "
                "QT_QPA_PLATFORM; the other commands need none")
    return None


if __name__ == "__main__":
    sys.exit(main())
