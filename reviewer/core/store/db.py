"""Opening a project file: the SQLite connection, its settings and its migrations.

Generic: knows no table but the one that tells a project file from another
application's (``postings``)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from reviewer.core.store.migrations import SCHEMA_VERSION, migrations
from reviewer.core.store.sqlite import Database

BUSY_TIMEOUT = 30.0  # seconds a write waits for another process's write to end


class ProjectDatabase(Database):
    """A project's connection, whose transactions take the write lock when they begin
    (``BEGIN IMMEDIATE``): a second process writing the same file makes a write wait
    its turn (up to the busy timeout) instead of failing at once, as a transaction
    that read first and then found its snapshot stale would."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:  # nested: a savepoint, as sqlite-utils makes it
            with super().atomic() as db:
                yield db
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise


class ProjectError(Exception):
    """A project file that cannot be opened; the message says why and what to do."""


def open_project(path: Path, create: bool = True,
                 busy_timeout: float = BUSY_TIMEOUT) -> tuple[Database, bool]:
    """The project at ``path``, migrated to this version: (database, newly created).

    WAL on, foreign keys on; a file of another application, a damaged one or one
    written by a newer version raises ``ProjectError``. Before migrating a file
    that has tables, a copy is kept beside it (``name.vN.bak``)."""
    if not path.exists() and not create:
        raise ProjectError(f"{path}: no such project file")
    try:
        if path.exists() and not _is_sqlite(path):
            raise ProjectError(f"{path} is not a project file (not an SQLite database)")
    except OSError as err:
        raise ProjectError(f"{path} cannot be opened: {err.strerror or err}") from err
    created = not path.exists()
    try:
        db = ProjectDatabase(path)
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        db.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
        # with WAL, NORMAL loses no committed edit when the app stops, only (at worst)
        # the last ones if the whole machine loses power; and spares a sync per edit
        db.execute("PRAGMA synchronous = NORMAL")
        _migrate(db, path)
    except sqlite3.DatabaseError as err:
        raise ProjectError(f"{path} cannot be opened: {err}") from err
    return db, created


def schema_version(db: Database) -> int:
    """The version of the project's tables (``PRAGMA user_version``)."""
    value: int = db.execute("PRAGMA user_version").fetchone()[0]
    if value == 0 and "postings" in db.table_names():
        value = len(migrations.applied(db))  # written before user_version was set
    return value


def _migrate(db: Database, path: Path) -> None:
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
        return
    if has_tables and "postings" not in db.table_names():
        raise ProjectError(f"{path} is an SQLite file of another application")
    if has_tables:
        backup = path.with_name(f"{path.name}.v{version}.bak")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy2(path, backup)
    migrations.apply(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _is_sqlite(path: Path) -> bool:
    if path.stat().st_size == 0:
        return True
    with path.open("rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


__all__ = ["ProjectError", "open_project", "schema_version"]
