"""The project files of a team's work: an input checked and opened, and the files put in
place only when whole (a split's shares, a merge's new file)."""

from __future__ import annotations

import os
from pathlib import Path

from reviewer.core.store import ProjectError, Store


class TeamError(Exception):
    """A split or merge that cannot be made; the message says why and what to do."""


def check_input(path: Path, out_path: Path) -> int:
    """How many postings input ``path`` holds; ``TeamError`` if it cannot be merged."""
    if path.is_dir():
        raise TeamError(f"{path} is a folder, not a project file: name the .db files in it")
    if not path.is_file():
        raise TeamError(f"{path}: no such project file")
    if out_path.exists() and path.resolve() == out_path.resolve():
        raise TeamError(f"{path} is the file merged into: name it once, as OUT")
    if path.stat().st_size == 0:
        raise TeamError(f"{path} is empty, not a project file")
    store = open_input(path)
    try:
        return store.queue.count()
    finally:
        store.close()


def open_input(path: Path) -> Store:
    try:
        return Store(path, create=False)
    except ProjectError as err:
        raise TeamError(f"{err} Nothing was merged.") from err


def partial_name(path: Path) -> Path:
    """Where a file is written until it is whole (hidden, beside it)."""
    return path.with_name(f".{path.name}.partial")


def remove_project(path: Path) -> None:
    """A project file and the files SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def put_in_place(partial: Path, path: Path) -> None:
    """A file written whole under its partial name, in place of ``path`` (and of what
    SQLite kept beside an earlier one)."""
    remove_project(path)
    os.replace(partial, path)
