"""Which paths hold a project: an export never writes over one, and the app opens only
such a file as a project."""

from __future__ import annotations

from pathlib import Path


def is_project_file(path: Path) -> bool:
    """Is ``path`` an SQLite file (a project), or the -wal, -shm or -journal file SQLite
    keeps beside one? Only regular files are read (a pipe would wait for ever)."""
    candidates = [path]
    for suffix in ("-wal", "-shm", "-journal"):
        if path.name.endswith(suffix):
            candidates.append(path.with_name(path.name[:-len(suffix)]))
    return any(is_sqlite_file(candidate) for candidate in candidates)


def is_sqlite_file(path: Path) -> bool:
    """Is ``path`` a regular file that starts as an SQLite database does (only such a
    file is read: a pipe would wait for ever)?"""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False
