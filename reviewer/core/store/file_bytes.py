"""Bytes of a project file read beside this process's own connections to it.

On POSIX systems all of a process's locks on a file go when the process closes any one
of its descriptors of that file. SQLite's connections hold a shared lock on the project
file for as long as they are open, and a program closing the file takes the exclusive
one it then gets for a sign that it is the file's last user: it folds the -wal file in
and deletes it. Reading the file's header with ``open`` and ``close`` while the window
had the project open dropped the window's locks, and ``reviewer stats`` in a terminal
then deleted the -wal under the window (its edits lost; the file later "damaged").

So while a connection of this process has a file open (``opened`` … ``closed``), its
bytes are read through one descriptor kept open until the last such connection has
closed (``read_at``); when none has, a plain open and close takes no lock from anyone.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from pathlib import Path

_LOCK = threading.Lock()
_LIVE: Counter[tuple[int, int]] = Counter()  # connections of this process, by file
_HELD: dict[tuple[int, int], int] = {}  # the descriptor kept for each of those files


def identity(path: Path) -> tuple[int, int] | None:
    """The file at ``path`` (its device and inode); None where there is none."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def read_at(path: Path, offset: int, count: int) -> bytes:
    """Up to ``count`` bytes of the file at ``path`` from ``offset``; OSError as
    ``open`` raises it."""
    key = identity(path)
    with _LOCK:
        held = _HELD.get(key) if key is not None else None
        if held is None and key is not None and _LIVE[key] and hasattr(os, "pread"):
            held = _HELD[key] = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    if held is not None:
        return os.pread(held, count, offset)
    with path.open("rb") as file:
        file.seek(offset)
        return file.read(count)


def opened(key: tuple[int, int] | None) -> None:
    """A connection of this process to the file ``key`` was opened."""
    if key is not None:
        with _LOCK:
            _LIVE[key] += 1


def closed(key: tuple[int, int] | None) -> None:
    """A connection of this process to the file ``key`` was closed: its descriptor is
    closed with the last one (no lock of this process left on the file to drop)."""
    if key is None:
        return
    with _LOCK:
        _LIVE[key] -= 1
        if _LIVE[key] > 0:
            return
        del _LIVE[key]
        held = _HELD.pop(key, None)
    if held is not None:
        os.close(held)


__all__ = ["closed", "identity", "opened", "read_at"]
