"""The project files of a team's work: an input checked and opened, and the files put in
place only when whole (a split's shares, a merge's new file)."""

from __future__ import annotations

import glob
import os
import time
import uuid
from pathlib import Path

from reviewer.core.store import ProjectError, Store

LEFT_FOR = 3600  # seconds unwritten after which a partial file is a stopped run's


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
    """A new name where this run writes a file until it is whole (hidden, beside it):
    never one an earlier run used (a process id comes again, in a container at every
    start), never another running merge's."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.partial")


def clear_leftovers(path: Path, now: float | None = None) -> None:
    """The partial files of ``path`` that stopped merges or splits left: those nothing
    has written to for ``LEFT_FOR`` seconds (a running one writes every batch, whatever
    machine it runs on: a shared folder's process ids are another machine's)."""
    remove_project(path.with_name(f".{path.name}.partial"))  # (named so before)
    now = time.time() if now is None else now
    for left in path.parent.glob(f".{glob.escape(path.name)}.*.partial"):
        times = []
        for suffix in ("", "-wal"):
            try:
                times.append(Path(f"{left}{suffix}").stat().st_mtime)
            except OSError:
                continue
        if times and now - max(times) > LEFT_FOR:
            remove_project(left)


def remove_project(path: Path) -> None:
    """A project file and the files SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def put_in_place(partial: Path, path: Path) -> None:
    """A file written whole under its partial name, put at ``path``, where there is no
    file: one made there meanwhile (another program's project) is never replaced. Then
    ``partial`` is kept under a free name beside it, and ``TeamError`` says where."""
    if not path.exists():
        for suffix in ("-wal", "-shm"):  # left by a project removed: not to be read as ours
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if _placed(partial, path):
        return
    for number in range(1, 1000):
        kept = path.with_name(f"{path.stem}.merged{'' if number == 1 else f'-{number}'}"
                              f"{path.suffix}")
        if _placed(partial, kept):
            break
    else:
        kept = partial
    raise TeamError(f"{path} was made by another program meanwhile: it is left as it is, "
                    f"and what was written is in {kept}")


def _placed(partial: Path, path: Path) -> bool:
    """``partial`` renamed to ``path`` if no file is there (False: one is)."""
    try:
        os.link(partial, path)  # fails where a file is: a rename would replace it
    except FileExistsError:
        return False
    except OSError:  # no hard links on this file system: looked at, then renamed
        if path.exists():
            return False
        os.replace(partial, path)
        return True
    partial.unlink()
    return True
