"""The state of a project file: checked when it opens, and what a failure of the file
means to a person.

A file damaged in the middle (a failing disk, a copy cut short) still opens as SQLite,
and reads or writes go wrong later, some silently; so ``check`` runs SQLite's
``PRAGMA quick_check`` first, bounded in time (a file too big to check within
``CHECK_SECONDS`` opens as before, unchecked; one over ``CHECK_MAX_BYTES`` at once).
``kind_of`` sorts an error into the file's own problems, which no retry of the same
work fixes: ``damaged``, ``read-only``, ``full`` (its disk), and ``busy`` (another
program holds it); ``describe`` says each for a person, with what to do.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

CHECK_SECONDS = 0.5  # the longest the check on opening may take; past it, it stops
# the check reads about a gigabyte a second from the page cache: a file larger than this
# could never be gone through within CHECK_SECONDS, so it opens unchecked at once
CHECK_MAX_BYTES = 1 << 30
_CHECKED: set[tuple[str, int, int, int, int]] = set()  # files found sound in this process

# SQLite's primary result codes for the file's own problems
_CODES = {11: "damaged", 26: "damaged",  # SQLITE_CORRUPT, SQLITE_NOTADB
          8: "read-only",  # SQLITE_READONLY
          13: "full", 10: "full",  # SQLITE_FULL; SQLITE_IOERR: mostly a write the disk refused
          5: "busy", 6: "busy"}  # SQLITE_BUSY, SQLITE_LOCKED
_READ_ERRORS = (266, 522)  # SQLITE_IOERR_READ, SQLITE_IOERR_SHORT_READ
_WORDS = (("malformed", "damaged"), ("not a database", "damaged"),
          ("could not decode to utf-8", "damaged"),  # the app only ever writes UTF-8
          ("readonly", "read-only"), ("read-only", "read-only"),
          ("disk is full", "full"), ("disk i/o error", "full"),
          ("is locked", "busy"))


class ProjectError(Exception):
    """A project file that cannot be opened or written; the message says why and what
    to do."""


class ProjectFileError(sqlite3.OperationalError):
    """A write the project file refused for a reason of its own (``kind``: damaged,
    read-only, full), said for a person. Still a ``DatabaseError``, so that what
    catches a refused edit catches this one too."""

    def __init__(self, kind: str, path: Path | None, detail: str) -> None:
        super().__init__(describe(kind, path, detail))
        self.kind, self.path, self.detail = kind, path, detail

    def __reduce__(self) -> tuple[type[ProjectFileError], tuple[str, Path | None, str]]:
        return ProjectFileError, (self.kind, self.path, self.detail)  # from a worker process


def first_problem(conn: sqlite3.Connection, seconds: float = CHECK_SECONDS) -> str | None:
    """The first problem ``PRAGMA quick_check`` finds in the file, or None when it
    finds none or cannot finish within ``seconds``."""
    if seconds <= 0:
        return None
    lock, running = threading.Lock(), [True]

    def stop() -> None:  # the check runs as one step of SQLite's: only an interrupt stops it
        with lock:
            if running[0]:
                conn.interrupt()

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        cursor = conn.execute("PRAGMA quick_check")
        try:
            row = cursor.fetchone()
        finally:
            cursor.close()  # no statement left running for a late interrupt to stop
    except sqlite3.DatabaseError as err:
        if getattr(err, "sqlite_errorcode", None) == 9 or str(err) == "interrupted":
            return None  # too big to check in time: it opens unchecked, as before
        return str(err)
    finally:
        with lock:
            running[0] = False
        timer.cancel()
    if row is None or row[0] == "ok":
        return None
    lines = [line for line in str(row[0]).splitlines() if not line.startswith("***")]
    return lines[0].strip() if lines else str(row[0])


def check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise ``ProjectError`` if the file is damaged; nothing is written to it."""
    key = _key(path)
    if key is not None and key in _CHECKED:
        return  # opened again in this process (a worker's connection): checked already
    if key is not None and key[3] > CHECK_MAX_BYTES:
        return  # too big to go through in time: the check would stop unfinished
    problem = first_problem(conn)
    if problem is not None:
        if _whole_alone(path):
            raise ProjectError(not_its_own_wal(path, problem))
        raise ProjectError(damaged(path, problem, untouched=True))
    if key is not None:
        _CHECKED.add(key)


def _whole_alone(path: Path) -> bool:
    """Is the file whole read without the -wal beside it (which SQLite reads over it:
    one left by a crash of another copy of the file, a backup copied over this one,
    gives damage the file itself has not)?"""
    if not os.path.exists(f"{path}-wal") or not os.path.getsize(f"{path}-wal"):
        return False
    try:  # (immutable: the file alone, no -wal read, no lock, nothing written)
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1",
                                                uri=True)) as alone:
            # (a file of at most CHECK_MAX_BYTES: about a second at most, and only here)
            return bool(alone.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.Error:
        return False


def not_its_own_wal(path: Path, problem: str) -> str:
    """A whole project file that a -wal beside it damages: what to do."""
    wal, shm = f"{path.name}-wal", f"{path.name}-shm"
    return (f"{path} is whole, but {wal} beside it is not its own (left by a crash of "
            f"another copy of the file) or is damaged: read over the file, it gives "
            f"damage ({problem}). Nothing was written to either. Move {wal} and {shm} "
            f"aside (keep them), then open the project again: it opens as it was last "
            f"saved whole, without what only {wal} held.")


def _key(path: Path) -> tuple[str, int, int, int, int] | None:
    try:
        st = path.stat()
        return (str(path.resolve()), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    except OSError:
        return None


def kind_of(err: BaseException) -> str | None:
    """``damaged``, ``read-only``, ``full`` or ``busy`` when ``err`` (an SQLite error)
    is a failure of the project file itself or of the disk under it; None otherwise."""
    if isinstance(err, ProjectFileError):
        return err.kind
    if not isinstance(err, sqlite3.Error):
        return None
    code = getattr(err, "sqlite_errorcode", None)
    if code in _READ_ERRORS:
        return None  # the disk could not be read: no more is known
    if isinstance(code, int) and (code & 0xFF) in _CODES:
        return _CODES[code & 0xFF]
    text = str(err).lower()
    return next((kind for words, kind in _WORDS if words in text), None)


def unwritable_beside(path: Path) -> list[str]:
    """The names of the files WAL keeps beside a writable project file (-wal, -shm) that
    are there but cannot be written: a read-only open made them as read-only as the file
    was, and SQLite cannot write the project while they stay so."""
    if not os.access(path, os.W_OK):
        return []
    return [f"{path.name}{suffix}" for suffix in ("-wal", "-shm")
            if os.path.exists(f"{path}{suffix}") and not os.access(f"{path}{suffix}", os.W_OK)]


def describe(kind: str, path: Path | str | None, detail: str = "", *, work: str = "") -> str:
    """What is wrong with the project at ``path`` (None: "the project file") and what
    to do; ``work``: the command that was stopped (see ``again``)."""
    name = str(path) if path is not None else "the project file"
    if kind == "damaged":  # (the text SQLite could not decode is no help to a person)
        detail = detail.split(" with text '", 1)[0][:200]
        return damaged(path, detail or "database disk image is malformed")
    if kind == "read-only":
        if path is not None and (stuck := unwritable_beside(Path(path))):
            return (f"{name} cannot be saved to: {', '.join(stuck)} beside it cannot be "
                    "written (left so when the file was opened read-only). Make "
                    f"{'them' if len(stuck) > 1 else 'it'} writable (chmod u+w), or "
                    "delete it while no program has the project open.")
        return (f"{name} is read-only: nothing can be saved to it. Make the file and its "
                "folder writable, or copy it to a folder you can write to and use the copy.")
    if kind == "full":
        return f"the disk is full ({name}): free some space and {again(work, 'saved')}."
    if kind == "gone":
        return (f"{name} was moved, deleted or replaced since it was opened: nothing more "
                "can be saved to it. Open the project file again.")
    if kind == "overwritten":
        wal = f"{Path(path).name}-wal" if path is not None else "its -wal file"
        return (f"{name} was written over by another program while it was open (a copy put "
                f"in its place): nothing more can be saved to it, and what was not saved "
                f"into it yet is kept apart, in {wal}. Open the project file again.")
    if kind == "busy":
        return (f"{name} is in use by another program, which is writing to it: wait for it "
                f"to finish (or close it) and {again(work)}.")
    return f"{name}: {detail}"


# what each command keeps when the project file stops it, and how it is run again
_AGAIN = {
    "import": ("run the import again", "what was imported before is kept"),
    "reextract": ("run `reviewer reextract` again to finish",
                  "the postings already updated are kept"),
    "train": ("run `reviewer train` again", "no model was saved"),
    "merge": ("run `reviewer merge` again", "the postings already merged are kept"),
    "labels": ("run `reviewer labels` again", "nothing was changed"),
    "guidelines": ("run `reviewer guidelines` again", "nothing was changed"),
}


def again(work: str, kept: str = "") -> str:
    """What to do once the file may be written again, and what was kept. ``work``: the
    command that was stopped, as named on the command line (none from the window, which
    is told to try again); ``kept``: what any other is said to have kept ("saved": what
    was saved before is kept)."""
    other = f"what was {kept} before is kept" if kept else ""
    run, said = _AGAIN.get(work, (f"run `reviewer {work}` again" if work else "try again",
                                  other))
    return f"{run}; {said}" if said else run


def damaged(path: Path | str | None, problem: str, *, untouched: bool = False) -> str:
    """A damaged project: what is wrong, and how to get the postings back."""
    if path is None:
        return (f"The project file is damaged ({problem}). Keep a copy of it, then try "
                "`sqlite3 FILE .recover | sqlite3 repaired.db` and open repaired.db, or "
                "open a backup copy.")
    path = Path(path)
    repaired = path.with_name(f"{path.stem}-repaired{path.suffix or '.db'}")
    backups = sorted(path.parent.glob(f"{path.name}.v*.bak"))
    backup = (f"or open a backup ({', '.join(str(b) for b in backups)})" if backups
              else "or open a backup copy if you have one")
    written = " Nothing was written to it." if untouched else ""
    return (f"{path} is damaged ({problem}).{written} Keep a copy of the file, then try "
            f"`sqlite3 {shlex.quote(str(path))} .recover | sqlite3 "
            f"{shlex.quote(str(repaired))}` and open {repaired.name}, {backup}.")


def file_error(err: BaseException, path: Path | None) -> ProjectFileError | None:
    """``err`` said for a person, when a write failed for the file's own reason
    (another program holding it aside: that one passes as it is, to be retried)."""
    kind = kind_of(err)
    if isinstance(err, ProjectFileError) or kind is None or kind == "busy":
        return None
    return ProjectFileError(kind, path, str(err))


@contextlib.contextmanager
def stops_the_import(path: Path | None = None) -> Iterator[None]:
    """Around a write of imported postings to the project at ``path``: the file's own
    failure, or another program holding it past the wait, raises ``ProjectError``,
    which stops the import (every posting would fail alike), not a ``DatabaseError``,
    which an import counts against the one posting at fault."""
    try:
        yield
    except ProjectFileError as err:
        raise ProjectError(describe(err.kind, err.path, err.detail, work="import")) from err
    except sqlite3.OperationalError as err:
        if kind_of(err) != "busy":
            raise
        raise ProjectError(describe("busy", path, str(err), work="import")) from err


def explain(err: BaseException, path: Path | str | None = None, *, work: str = "") -> str | None:
    """What a person is told when ``err`` is the project file's own problem (damaged,
    read-only, its disk full, held by another program); None for any other error.
    ``work``: see ``describe``."""
    kind = kind_of(err)
    if kind is None:
        return None
    if isinstance(err, ProjectFileError):
        return describe(kind, err.path if path is None else path, err.detail, work=work)
    return describe(kind, path, str(err), work=work)


__all__ = ["CHECK_SECONDS", "ProjectError", "ProjectFileError", "check", "damaged",
           "describe", "explain", "file_error", "first_problem", "kind_of", "stops_the_import"]
