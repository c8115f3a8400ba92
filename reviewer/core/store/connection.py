"""A project file's connection: its transactions, the checks that the file it writes
is still the one opened (not moved, replaced or written over), and how it is folded and
closed. ``db`` opens it."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from reviewer.core.store import file_bytes
from reviewer.core.store.health import ProjectError, ProjectFileError, file_error
from reviewer.core.store.sqlite import Database
from reviewer.core.store.wal import foreign

BUSY_TIMEOUT = 30.0  # seconds a write waits for another process's write to end
CLOSE_WAIT = 1.0  # seconds a close waits to fold the -wal file into the project file


class ProjectDatabase(Database):
    """A project's connection, whose transactions take the write lock when they begin
    (``BEGIN IMMEDIATE``): a second process writing the same file makes a write wait
    its turn (up to the busy timeout) instead of failing at once, as a transaction
    that read first and then found its snapshot stale would. A transaction the file
    refuses for a reason of its own (damaged, read-only, disk full) raises a
    ``ProjectFileError`` that says so for a person."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False) -> None:
        super().__init__(conn)
        self.path, self.read_only = path, read_only
        self._file = _identity(path)  # the file opened, to know it is still the one there
        file_bytes.opened(self._file)  # (its bytes read beside it without dropping its locks)
        self._counted = True
        self._let_go = False  # the file opened was let go of (``let_go``)
        self._head = _head(path)  # its header as last seen (``overwritten``)
        self._keep_wal = False  # the -wal is not the file's own any more: never folded

    def overwritten(self) -> bool:
        """Whether the file opened was written over where it is (a copy put over it in
        place, as ``cp`` does): its -wal file, this connection's edits, is no longer its
        own. Asked of its header first (the same: no), then of the -wal (``wal.foreign``:
        a fold of the -wal changes the header too)."""
        if self._keep_wal:
            return True
        head = _head(self.path)
        if head == self._head or self.read_only or _identity(self.path) != self._file:
            return False  # (another file at its path: ``moved``)
        if holds_wal(self.path) and foreign(self.path):
            self._keep_wal = True
            return True
        self._head = head
        return False

    def close(self) -> None:
        """Close the connection; the -wal file of a file written over is left as it is
        (SQLite folds it in as its last connection closes, but not while another one
        reads: a reader that cannot write holds it for that moment)."""
        try:
            if not (self._keep_wal and holds_wal(self.path)):
                self.conn.close()
                return
            with contextlib.closing(connect_file(self.path, True)) as reader:
                with contextlib.suppress(sqlite3.Error):
                    reader.execute("BEGIN")
                    reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
                self.conn.close()
        finally:
            if self._counted:
                self._counted = False
                file_bytes.closed(self._file)

    def moved(self) -> bool:
        """Whether the file at the project's path is no longer the one opened, as it was
        (or it was let go of): moved, deleted, replaced, or written over."""
        return self._let_go or (self._file is not None and _identity(self.path) != self._file) \
            or self.overwritten()

    def replaced(self) -> bool:
        """Whether another file is at the project's path than the one opened."""
        now = _identity(self.path)
        return self._file is not None and now is not None and now != self._file

    def let_go(self) -> None:
        """Let go of the file opened, no longer at its path: the -wal file beside the
        path (this connection's) folded into the file opened and emptied, so that a file
        put in its place is not read with it, and the connection closed, so that nothing
        of it stays open there. A file now at the path is not touched. From then on any
        use of the connection raises ``ProjectFileError`` (gone)."""
        self.checkpoint()
        with contextlib.suppress(sqlite3.Error):
            self.close()
        self.conn = _LetGo(self.path)  # type: ignore[assignment]
        self._let_go = True

    def check_same_file(self) -> None:
        """``ProjectFileError`` (kind ``gone``) when the file at the project's path is no
        longer the one opened (deleted, moved, another put in its place): what is written
        now would go to a file nobody sees again. The write-ahead log is folded into the
        file opened first, so that a file put in its place is not read with it."""
        if self.overwritten():
            raise ProjectFileError("overwritten", self.path, "")
        if self.moved():
            self.checkpoint()
            raise ProjectFileError("gone", self.path, "")

    def checkpoint(self) -> None:
        """Fold the -wal file into the project file and empty it, so that the file alone
        holds every edit (a copy of it lacks none). Waits ``CLOSE_WAIT`` at most for a
        reader of another connection to finish; one that goes on reading, or any other
        failure, leaves the edits in the -wal file, where the next open finds them: never
        an error. Nothing for a read-only file or within a transaction."""
        if self.read_only or self.overwritten():
            return
        with contextlib.suppress(sqlite3.Error):  # a closed connection too
            if self.conn.in_transaction:
                return
            self.conn.execute(f"PRAGMA busy_timeout = {int(CLOSE_WAIT * 1000)}")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()  # busy: kept

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:  # nested: a savepoint, as sqlite-utils makes it
            with super().atomic() as db:
                yield db
            return
        self.check_same_file()
        try:
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
        except sqlite3.Error as err:
            problem = file_error(err, self.path)
            if problem is None:
                raise
            raise problem from err


class _LetGo:
    """The connection of a project file let go of (``ProjectDatabase.let_go``): any use
    says the file is gone, as a write to it does; closing it again does nothing."""

    in_transaction = False

    def __init__(self, path: Path) -> None:
        self.path = path

    def close(self) -> None:
        pass

    def __getattr__(self, name: str) -> object:
        raise ProjectFileError("gone", self.path, "")


def _head(path: Path) -> bytes:
    """The file's header (its first 100 bytes; none where it cannot be read)."""
    try:
        return file_bytes.read_at(path, 0, 100)
    except OSError:
        return b""


_identity = file_bytes.identity


# how SQLite says it cannot make a WAL file's index (-shm) beside it: CANTOPEN, and (by
# SQLite's version) READONLY_CANTINIT and READONLY_DIRECTORY
_NO_WAL_INDEX = (14, 1288, 1544)


def holds_wal(path: Path) -> bool:
    """Is there a -wal beside the file with something in it?"""
    try:
        return os.path.getsize(f"{path}-wal") > 0
    except OSError:
        return False


def connect_file(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection to the file; for reading only when it cannot be written. WAL needs
    a -shm file beside the file to read it, and SQLite cannot make one in a read-only
    folder: then the file is read as it is (immutable), as long as no -wal file holds
    changes that are not in it yet."""
    if not read_only:
        return sqlite3.connect(str(path))
    uri = f"{path.absolute().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as err:
        conn.close()
        if getattr(err, "sqlite_errorcode", None) not in _NO_WAL_INDEX:
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise ProjectError(f"{path} is read-only, and its latest changes are in {wal.name}, "
                           "which cannot be read without writing beside it: copy both files "
                           "to a folder you can write to and open the copy.")
    return sqlite3.connect(f"{uri}&immutable=1", uri=True)


__all__ = ["BUSY_TIMEOUT", "CLOSE_WAIT", "ProjectDatabase", "connect_file", "holds_wal"]
