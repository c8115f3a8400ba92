"""The project files of a team's work: an input checked and opened, and the files put in
place only when whole (a split's shares, a merge's new file)."""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from reviewer.core.store import (
    SCHEMA_VERSION,
    DatabaseError,
    ProjectError,
    Store,
    file_version,
    fold_wal,
)
from reviewer.core.words import escaped_controls

LEFT_FOR = 3600  # seconds unwritten after which a partial file is a stopped run's
UNHELD_FOR = 60  # the same, for one whose lock no run holds
_PARTIAL = re.compile(r"\.[0-9a-f]{12}\.partial")  # after the target's name


class TeamError(Exception):
    """A split or merge that cannot be made; the message says why and what to do."""


def named(path: Path | str) -> str:
    """A file's name or path as a report or a message says it: a character that is not
    printable (a line break, a right-to-left override) written as its escape, so that a
    name cannot break a line nor turn the text after it around."""
    return escaped_controls(str(path))


def check_input(path: Path, out_path: Path) -> int:
    """How many postings input ``path`` holds; ``TeamError`` if it cannot be merged."""
    if path.is_dir():
        raise TeamError(f"{named(path)} is a folder, not a project file: name the .db files in it")
    if not path.exists():
        raise TeamError(f"{named(path)}: no such project file")
    if not path.is_file():  # (asked of its status alone: nothing read, no pipe waited on)
        raise TeamError(f"{named(path)} is not a file (a device or a pipe): a project is a file of "
                        "its own")
    if out_path.exists() and path.samefile(out_path):  # (a link to it, a hard one too)
        raise TeamError(f"{named(path)} is the file merged into: name it once, as OUT")
    if path.stat().st_size == 0:
        raise TeamError(f"{named(path)} is empty, not a project file")
    with opened_input(path) as store:
        return store.queue.count()


def check_distinct(paths: list[Path]) -> None:
    """``TeamError`` where two of ``paths`` name one file (twice, or by a link to it):
    its reviewers' values would come in twice, as if from two people."""
    seen: dict[tuple[int, int], Path] = {}
    for path in paths:
        try:
            found = path.stat()
        except OSError:  # (none there: said of it by ``check_input``)
            continue
        earlier = seen.setdefault((found.st_dev, found.st_ino), path)
        if earlier is not path:
            shown = named(path) if str(path) == str(earlier) else \
                f"{named(earlier)} and {named(path)}"
            raise TeamError(f"{shown}: one file named twice; name each file once")


def check_not_a_reviewers(out: Store, out_path: Path, paths: list[Path]) -> None:
    """``TeamError`` for an OUT a split made for one reviewer: merged into, it would hold
    the team's final decisions in place of theirs, and their next edits would be rulings.
    Unless it is the file the inputs were split from (a reviewer who split their share
    with another)."""
    owner = out.meta.assigned_reviewer()
    if owner and not _split_from(out_path, paths):
        raise TeamError(f"{named(out_path.name)} is {owner}'s own file (a split made it for "
                        f"{owner}): merged into, it would no longer hold {owner}'s decisions. "
                        "Nothing was merged: name a new file as OUT, or the project the "
                        "split came from")


def _split_from(out_path: Path, paths: list[Path]) -> bool:
    """Whether one of the files ``paths`` was split from the file ``out_path``."""
    for path in paths:
        with opened_input(path) as src:
            if str(out_path.resolve()) in src.transfer.split_from():
                return True
    return False


def worked_on(path: Path) -> int:
    """How many postings of the project file ``path`` hold a person's work (a status, a
    comment, a field's value, a span, a label); -1 where the file cannot be read."""
    try:
        with Store(path, create=False) as store:
            return store.postings.worked_on()
    except (ProjectError, DatabaseError):
        return -1


def set_aside(path: Path, kept_as: str) -> Path:
    """The project file ``path`` moved beside itself, whole, to a free name
    (``NAME.<kept_as>.db``); ``TeamError`` where it cannot be."""
    _fold(path)
    kept = _keep(path, path, kept_as)
    if kept == path:
        raise TeamError(f"{named(path)} could not be set aside (no free name beside it): nothing "
                        "was replaced")
    remove_project(path)  # (its -wal and -shm, folded into the file kept)
    return kept


@contextlib.contextmanager
def opened_input(path: Path) -> Iterator[Store]:
    """Input ``path`` opened to be read (``TeamError`` when it cannot be merged). One an
    older version wrote is not updated in place (its reviewer, on that version still,
    could no longer open it): a copy of it, under its name in a folder of its own, is
    read, and gone after."""
    with contextlib.ExitStack() as stack:
        version = file_version(path)
        if version is not None and 0 < version < SCHEMA_VERSION:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(
                prefix="reviewer-merge-")))
            try:
                for suffix in ("", "-wal"):
                    if Path(f"{path}{suffix}").exists():
                        shutil.copyfile(f"{path}{suffix}", folder / f"{path.name}{suffix}")
            except OSError as err:
                raise TeamError(f"{named(path)} was written by an older version and is read from a "
                                f"copy, which could not be made in {named(folder.parent)}: "
                                f"{err.strerror or err}. Nothing was merged.") from err
            path = folder / path.name
        try:
            store = Store(path, create=False)
        except ProjectError as err:
            said = str(err).rstrip()
            raise TeamError(f"{said}{'' if said.endswith('.') else '.'} Nothing was "
                            "merged.") from err
        with contextlib.closing(store):
            yield store


def partial_name(path: Path) -> Path:
    """A new name where this run writes a file until it is whole (hidden, beside it):
    never one an earlier run used (a process id comes again, in a container at every
    start), never another running merge's."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.partial")


def clear_leftovers(path: Path, now: float | None = None) -> None:
    """The partial files of ``path`` that stopped merges or splits left: those no run
    holds (``held``) that nothing has written to for ``UNHELD_FOR`` seconds, and any
    nothing has written to for ``LEFT_FOR`` (a running one writes every batch, whatever
    machine it runs on: a shared folder may keep no locks, and its process ids are
    another machine's)."""
    remove_project(path.with_name(f".{path.name}.partial"))  # (named so before)
    now = time.time() if now is None else now
    for left in path.parent.glob(f".{glob.escape(path.name)}.*.partial"):
        if not _PARTIAL.fullmatch(left.name[len(path.name) + 1:]):
            continue  # another file's (".a.db.x.db.<hex>.partial" is a.db.x.db's)
        times = []
        for suffix in ("", "-wal"):
            try:
                times.append(Path(f"{left}{suffix}").stat().st_mtime)
            except OSError:
                continue
        unwritten = now - max(times) if times else 0.0
        if unwritten > LEFT_FOR or (unwritten > UNHELD_FOR and _unheld(left)):
            remove_project(left)


@contextlib.contextmanager
def held(partial: Path) -> Iterator[None]:
    """``partial`` marked as a running merge's or split's while inside: a lock on
    ``<partial>.lock``, which ``clear_leftovers`` of another run finds taken (where the
    system keeps no locks, the age of the file alone tells)."""
    lock = Path(f"{partial}.lock")
    handle = None
    with contextlib.suppress(OSError, ImportError):
        import fcntl

        handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
        if handle is not None:
            os.close(handle)


def _unheld(partial: Path) -> bool:
    """Does no run hold ``partial`` (its lock file there, and free)?"""
    try:
        import fcntl

        handle = os.open(f"{partial}.lock", os.O_RDWR)
    except (OSError, ImportError):
        return False  # no lock file: a run of a version before them, or one of no locks
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(handle)
    return True


def remove_project(path: Path) -> None:
    """A project file and the files SQLite keeps beside it (and a run's lock on it)."""
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def put_in_place(partial: Path, path: Path) -> None:
    """A merge's file written whole under its partial name, put at ``path`` (see
    ``put_all_in_place``; kept beside as ``NAME.merged.db``)."""
    put_all_in_place({path: partial}, "merged")


def put_all_in_place(files: dict[Path, Path], kept_as: str) -> None:
    """Files written whole under their partial names (``files``: each target's), put in
    place where no file is: one made at a target meanwhile (another program's project)
    is never replaced. Then none of them is put in place: each is kept under a free name
    beside its target (``NAME.<kept_as>.db``), and ``TeamError`` names them. A partial
    whose last writes SQLite could not fold into it (a full disk, a reader holding it)
    is kept as it is, named."""
    for partial in files.values():
        _fold(partial)
    for path in files:
        if not path.exists():  # left by a project removed: not to be read as ours
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    if not any(path.exists() for path in files):
        placed = [path for path, partial in files.items() if _placed(partial, path)]
        if len(placed) == len(files):
            return
    else:
        placed = []
    kept = {path: _keep(partial, path, kept_as) for path, partial in files.items()
            if path not in placed}
    made = [named(path) for path in kept if path.exists()]
    raise TeamError(f"{', '.join(made)} {'was' if len(made) == 1 else 'were'} made by another "
                    "program meanwhile and left as "
                    f"{'it is' if len(made) == 1 else 'they are'}; what was written is in "
                    + ", ".join(named(k) for k in kept.values()))


def _fold(partial: Path) -> None:
    """The partial's last writes folded into it; ``TeamError`` where they stay out."""
    reason = fold_wal(partial)
    if reason is not None:
        raise TeamError(f"what was written could not be completed ({reason}): it is kept in "
                        f"{named(partial)} and {named(partial)}-wal; free space or close what "
                        "holds it, then run the same command again")


def _keep(partial: Path, path: Path, kept_as: str) -> Path:
    for number in range(1, 1000):
        kept = path.with_name(f"{path.stem}.{kept_as}{'' if number == 1 else f'-{number}'}"
                              f"{path.suffix}")
        if _placed(partial, kept):
            return kept
    return partial


def _placed(partial: Path, path: Path) -> bool:
    """``partial`` renamed to ``path`` if no file is there (False: one is)."""
    try:
        os.link(partial, path)  # fails where a file is: a rename would replace it
    except FileExistsError:
        return False
    except FileNotFoundError:
        raise TeamError(f"{named(partial)} was removed before it was put in place") from None
    except OSError:  # no hard links here: the name taken first, then ours put over it
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        os.replace(partial, path)
        return True
    partial.unlink()
    return True
