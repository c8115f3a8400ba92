"""What the project commands share: opening the project file, the one-line error, the
progress line on a terminal."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the project modules load only for the commands that use them
    from reviewer.core.store import Store

# the commands (``build_parser`` makes one of each): any other single word the window
# may take for a project file's name
COMMANDS = ("extract", "import", "columns", "export", "reextract", "train", "split", "merge",
            "agreement", "guidelines", "labels", "stats", "eval", "serve")
WINDOW_USAGE = """the review window:
  reviewer              the project opened last (else the start screen)
  reviewer FILE.db      the project FILE.db (made if missing)
  reviewer demo         the demo project: the bundled sample postings"""


def open_project(path: str, create: bool = False, read_only: bool = False) -> Store:
    from reviewer.core.store import ProjectError, Store

    if not create and not Path(path).exists():
        raise CliError(f"{path}: no such project file (create one with 'reviewer import "
                       f"{path} FILES...')")
    try:
        return Store(path, create=create, read_only=read_only)
    except ProjectError as err:
        raise CliError(str(err)) from err


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def file_name(text: str) -> str:
    """A file option's value: an empty one is refused (it was taken as no option)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty name: no file")
    return text


def jobs_count(text: str) -> int:
    """A ``--jobs`` value: worker processes, 0 or more (0: one per core)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of worker processes "
                                         "(0: one per core)") from None
    if value < 0:  # (-1 was taken as "one per core" in silence)
        raise argparse.ArgumentTypeError(f"{value} worker processes: give 0 (one per core) "
                                         "or more")
    return value


def shown(text: str) -> str:
    """Text read from files (their names, columns, values) as printed to a terminal: a
    control character written as its escape, shown and never obeyed."""
    from reviewer.core.words import escaped_controls

    return escaped_controls(text)


def escaped_json(text: str) -> str:
    """JSON text (whose characters past ASCII all stand in its strings) as printed to a
    terminal: each character that is not printable but a line break (a C1 control such
    as U+009B, which a terminal obeys; a right-to-left override) written as its JSON
    escape, which every JSON reader reads back as the character."""
    if text.replace("\n", "").isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\n" else _json_escape(ord(c)) for c in text)


def _json_escape(point: int) -> str:
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    point -= 0x10000  # a pair of surrogates, as JSON writes a character past the BMP
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def print_json(obj: Any, **options: Any) -> None:
    """``obj`` printed as JSON (indented by two), its characters as they are but those a
    terminal would obey or hide (``escaped_json``)."""
    print(escaped_json(json.dumps(obj, ensure_ascii=False, **{"indent": 2, **options})))


def write_out(path: Path, text: str) -> None:
    """Write a small text file the user named (guidelines, a label schema), as an export
    writes: a CliError where it would replace a project file, a folder or a pipe."""
    from reviewer.core.export import write_text_whole

    try:
        write_text_whole(path, text)
    except ValueError as err:
        raise CliError(str(err)) from err
    except FileNotFoundError as err:
        raise CliError(f"{path} cannot be written: there is no folder {path.parent}") from err
    except OSError as err:
        raise CliError(f"{path} cannot be written: {err.strerror or err}") from err


def print_skipped(skipped: Any) -> None:
    """One line on stderr for each input ``skipped`` (``Skipped``: source, reason)."""
    for item in skipped:
        print(shown(f"skipped {item.source}: {item.reason}"), file=sys.stderr)


def read_text(path: str) -> str:
    """The text of a file the user named (a byte-order mark, which Notepad writes, no part
    of it); CliError saying, in words, why it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as err:
        raise CliError(f"{path}: no such file") from err
    except IsADirectoryError as err:
        raise CliError(f"{path} is a folder: give a file's name") from err
    except UnicodeDecodeError as err:
        raise CliError(f"{path} is not UTF-8 text (byte 0x{err.object[err.start]:02x} at "
                       f"{err.start:,}): save it as UTF-8 and try again") from err
    except OSError as err:
        raise CliError(f"{path} cannot be read: {err.strerror or err}") from err


class ProgressLine:
    """One line on the terminal, rewritten as a long command goes on."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, report: Any) -> None:
        now = time.monotonic()
        if not self.live or now - self.last < 0.2:
            return
        self.last = now
        print(f"\r{report.line()}", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.live:
            print(file=sys.stderr)
            self.live = False  # (said once)
