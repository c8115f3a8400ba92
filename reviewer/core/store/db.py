"""Opening a project file: the SQLite connection, its settings and its migrations.

Generic: knows no table but the one that tells a project file from another
application's (the record of this app's steps, ``_sqlite_migrations``). A file is
checked before anything is written to it (``health``, and its -wal file: ``wal``); one
that cannot be written (its file or its folder, which WAL needs for its -wal and -shm
files) opens for reading only, and every write to it fails saying it is read-only."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from reviewer.core.store.connection import (
    BUSY_TIMEOUT,
    ProjectDatabase,
    connect_file,
    holds_wal,
)
from reviewer.core.store.file_bytes import read_at
from reviewer.core.store.health import (
    ProjectError,
    check,
    describe,
    kind_of,
)
from reviewer.core.store.migrations import SCHEMA_VERSION, migrations
from reviewer.core.store.sqlite import Database
from reviewer.core.store.wal import foreign


def open_project(path: Path, create: bool = True, busy_timeout: float = BUSY_TIMEOUT,
                 read_only: bool = False) -> tuple[ProjectDatabase, bool]:
    """The project at ``path``, migrated to this version: (database, newly created);
    ``read_only``: opened for reading only (as a file that cannot be written is).

    WAL on, foreign keys on; a file of another application, a damaged one or one
    written by a newer version raises ``ProjectError``, with nothing written to it.
    Before migrating a file that has tables, a copy is kept beside it
    (``name.vN.bak``; see ``_back_up``)."""
    try:  # (a name too long for the file system raises here)
        exists = path.exists()
        if exists and not path.is_file() and not path.is_dir():  # (a folder: said below)
            # (its size is 0, as a new project's: SQLite would write beside it)
            raise ProjectError(f"{path} is not a file (a device or a pipe): a project is a "
                               "file of its own")
        if exists and not _is_sqlite(path):
            raise ProjectError(f"{path} is not a project file (not an SQLite database)")
    except OSError as err:
        raise ProjectError(f"{path} cannot be opened: {err.strerror or err}") from err
    if not exists and (read_only or not create):
        raise ProjectError(f"{path}: no such project file")
    _own_wal(path, exists)
    created = not exists
    if created and not path.parent.is_dir():
        raise ProjectError(f"{path} cannot be made: there is no folder {path.parent}. Make "
                           "it first, or choose a folder that is there.")
    if created and path.parent.is_dir() and not os.access(path.parent, os.W_OK):
        raise ProjectError(f"{path} cannot be made: its folder is read-only. Choose a folder "
                           "you can write to.")
    read_only = read_only or (not created and not _writable(path))
    if not read_only:
        _one_name(path)
    db: ProjectDatabase | None = None
    try:
        if not read_only and holds_wal(path):
            # checked first where nothing can be written: closing the last connection that
            # can write folds the -wal into the file, one not its own too (damaging it)
            with contextlib.closing(connect_file(path, True)) as reader:
                check(reader, path)
        db = ProjectDatabase(connect_file(path, read_only), path, read_only)
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        db.execute("PRAGMA foreign_keys = ON")
        # two processes making the same new file: one at a time (a file made already is
        # not waited for: the lock is the whole folder's; its version is read first,
        # outside the lock, where waiting for another writer blocks no one else)
        made = db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        with _one_at_a_time(path) if not (read_only or made) else contextlib.nullcontext():
            check(db.conn, path)  # before anything is written
            _ours(db, path, create)  # what is not a project: refused before WAL is turned on
            if not read_only:
                db.enable_wal()
                # with WAL, NORMAL loses no committed edit when the app stops, only (at
                # worst) the last ones if the whole machine loses power; and spares a
                # sync per edit
                db.execute("PRAGMA synchronous = NORMAL")
            # newly made: by this process (the other of two at once finds the tables)
            created = _migrate(db, path)
    except (ProjectError, sqlite3.Error, OSError) as err:
        if db is not None:
            db.close()
        if isinstance(err, ProjectError):
            raise
        raise ProjectError(_cannot_open(path, err)) from err
    return db, created


def _one_name(path: Path) -> None:
    """``ProjectError`` for a project file with more than one name (a hard link): SQLite
    keeps the -wal and -shm files beside the name it was given, so two programs opening
    it by two names each wrote to it through their own, and damaged it."""
    with contextlib.suppress(OSError):
        names = path.stat().st_nlink
        if names > 1:
            raise ProjectError(
                f"{path} is one file with {names} names (hard links): two programs opening "
                "it by two of them would each keep changes of their own beside the name "
                "they use, and damage it. Nothing was written to it. Copy it to a file of "
                "its own and open the copy, or remove its other names.")


def _own_wal(path: Path, exists: bool) -> None:
    """``ProjectError`` when the -wal file beside the project file is not its own (see
    ``wal.foreign``), or is there without it: SQLite would read it over the file and,
    closing, write it in for good. Nothing is written to either."""
    if not holds_wal(path):
        return
    wal, shm = f"{path.name}-wal", f"{path.name}-shm"
    if not exists:
        raise ProjectError(
            f"{path} is not there, but {wal} beside it is: the last changes of a project "
            f"file of that name, moved or deleted after the program writing it stopped. "
            f"Put that file back as {path.name} to open it with them; or move {wal} and "
            f"{shm} aside (keep them) to make a new project under this name.")
    if foreign(path):
        raise ProjectError(
            f"{wal} beside {path} is not that file's own: it holds the changes of another "
            f"project file (left by a crash, before {path.name} was copied or restored "
            f"over), and read over {path.name} it would make it that other project. "
            f"Nothing was written to either. If {path.name} is the project you want, move "
            f"{wal} and {shm} aside (keep them) and open it again.")


@contextlib.contextmanager
def _one_at_a_time(path: Path) -> Iterator[None]:
    """Checking a file and making or updating its tables, one process at a time: two
    that open the same new file at once both find no tables, and both made them (one
    failed, or took the other's half-made tables for another application's). The lock
    is the folder's (flock): the project file's own locks are SQLite's, and a second
    handle on the file, once closed, would drop them."""
    try:
        import fcntl

        folder = os.open(path.parent, os.O_RDONLY)
    except (ImportError, OSError):  # no such locks here, or a folder that cannot be held
        yield
        return
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # (which lets the lock go)


def fold_wal(path: Path) -> str | None:
    """Fold the writes a closed project file left in its -wal file into it (SQLite does
    so as its last connection closes, unless it cannot: a full disk, another program
    reading it); None when the file holds them all, else why it could not."""
    wal = Path(f"{path}-wal")
    if not (wal.exists() and wal.stat().st_size):
        return None
    try:
        conn = sqlite3.connect(path)
        try:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as err:
        return str(err)
    if busy or (wal.exists() and wal.stat().st_size):
        return "another program holds it open"
    return None


def file_version(path: Path) -> int | None:
    """The version of the tables of the project file ``path`` (its ``user_version``),
    read without writing to it nor beside it (None: it cannot be read so, or says none).
    From the file's header when no -wal file may hold a newer one (a connection, even a
    read-only one, would leave -wal and -shm files beside it); else from SQLite."""
    try:
        wal = Path(f"{path}-wal")
        if not (wal.exists() and wal.stat().st_size):
            header = read_at(path, 0, 100)
            if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
                return None
            return int.from_bytes(header[60:64], "big") or None
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0] or None
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def schema_version(db: Database) -> int:
    """The version of the project's tables (``PRAGMA user_version``)."""
    value: int = db.execute("PRAGMA user_version").fetchone()[0]
    if value == 0 and "postings" in db.table_names():
        value = len(migrations.applied(db))  # written before user_version was set
    return value


def _ours(db: ProjectDatabase, path: Path, create: bool) -> None:
    """``ProjectError`` for a file that is not a project, before anything is written to
    it: tables but no record of this app's steps among them (another application's,
    even one with a ``postings`` table: turning WAL on rewrote its header, and the steps
    were tried on it), or no tables at all where a project is to be opened, not made
    (``create`` False: an empty file)."""
    tables = db.table_names()
    record = migrations.migrations_table  # (a step is recorded as it is made)
    started = tables == [record] and not db.execute(f"SELECT 1 FROM {record}").fetchone()
    if tables and not (started or migrations.applied(db)):
        raise ProjectError(f"{path} is an SQLite file of another application, not a "
                           "Posting Reviewer project: nothing was written to it")
    if not tables and not create:
        raise ProjectError(f"{path} holds no project (it is empty): nothing was written to "
                           "it")


def _migrate(db: ProjectDatabase, path: Path) -> bool:
    """Bring the file's tables to this version; whether they were made from nothing."""
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"{path} was written by a newer Posting Reviewer (project version "
            f"{version}; this one reads up to {SCHEMA_VERSION}). Update the app to open it.")
    has_tables = bool(db.table_names())
    if version and not has_tables:
        raise ProjectError(f"{path} is damaged: it has a version but no tables")
    pending = migrations.pending(db)
    if not pending:
        return False
    if db.read_only:
        raise ProjectError(f"{path} is read-only, and it was made by an older version whose "
                           "tables need an update before this one opens it: copy it to a "
                           "folder you can write to and open the copy.")
    if has_tables:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _back_up(path, version)
    migrations.apply(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return not has_tables


def _back_up(path: Path, version: int) -> Path:
    """A copy of the project before its tables are updated: ``name.vN.bak``, or, when
    that is there already (an update stopped part way, and tried again), the next free
    ``name.vN-2.bak``: an earlier backup is never written over. Written under another
    name first, so that one stopped on the way is not taken for a backup."""
    backup = path.with_name(f"{path.name}.v{version}.bak")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.v{version}-{n}.bak")
    partial = backup.with_name(f".{backup.name}.partial")
    shutil.copy2(path, partial)
    os.replace(partial, backup)
    return backup


def _writable(path: Path) -> bool:
    """Whether the file can be written, and the files WAL keeps beside it made or
    written (by the folder, or as they are)."""
    if not os.access(path, os.W_OK):
        return False
    return os.access(path.parent, os.W_OK) or all(
        os.access(f"{path}{suffix}", os.W_OK) for suffix in ("-wal", "-shm"))


def _cannot_open(path: Path, err: BaseException) -> str:
    kind = kind_of(err)
    if kind is not None:
        return describe(kind, path, str(err))
    if isinstance(err, OSError):
        return f"{path} cannot be opened: {err.strerror or err}"
    return f"{path} cannot be opened: {err}"


def _is_sqlite(path: Path) -> bool:
    if path.stat().st_size == 0:
        return True
    return read_at(path, 0, 16) == b"SQLite format 3\x00"


__all__ = ["ProjectDatabase", "ProjectError", "open_project", "schema_version"]
