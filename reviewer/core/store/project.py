"""The ``Store``: one open project file, and the parts it is made of.

A thin facade in the manner of a collection object: it opens the file (``db``) and
hands the one connection to each part, which owns the SQL of its own tables:

``store.postings``   the postings table: adding, status, comment, listing columns
``store.queue``      lists of postings: counts, pages, ids, search
``store.decisions``  the machine's field values and people's decisions on them
``store.spans``      labelled spans of the cleaned text
``store.labels``     the label schema and the answers to its questions
``store.history``    undo of any edit, and the project's log
``store.records``    whole postings and canonical records, read and stored back
``store.machine``    a new cleaning and extraction put in place (re-extract)
``store.reports``    figures: counts, reviews per day, the machine's accuracy
``store.bulk``       one edit made to many postings at once, and its undo in one step
``store.column_maps`` the column mapping of data files, remembered by their columns
``store.models``     the models the project learnt from its reviewed postings
``store.reviews``    each reviewer's values after files merged; disagreements, adjudication
``store.meta``       the guidelines, and what each field, question and option means
``store.timing``     the time each reviewer spent on each posting
``store.transfer``   postings whole and their decisions, moved between files (split, merge)

Every edit is one committed transaction and returns a ``Change`` that
``store.history.undo`` reverses. A part never writes another part's tables except
through that part's methods and functions (``records`` and ``reports`` read across
them; undo puts back the rows the owners snapshotted, and ``bulk`` writes the rows of
many postings at once, in SQL, as a million one-posting calls could not).
One connection, one thread: a worker thread opens its own ``Store(path)``.

A damaged file is refused when it opens (``ProjectError``). One that cannot be written
opens for reading only (``read_only``): every edit then fails saying so, and work that
only writes asks ``check_writable`` before it begins.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from reviewer.core.labels import default_schema
from reviewer.core.store.bulk import Bulk
from reviewer.core.store.column_maps import ColumnMaps
from reviewer.core.store.connection import BUSY_TIMEOUT
from reviewer.core.store.db import open_project, schema_version
from reviewer.core.store.decisions import Decisions
from reviewer.core.store.health import ProjectError, describe
from reviewer.core.store.history import History
from reviewer.core.store.labels import Labels
from reviewer.core.store.machine import Machine
from reviewer.core.store.merge_log import MergeLog
from reviewer.core.store.meta import Meta
from reviewer.core.store.models import Models
from reviewer.core.store.postings import Postings
from reviewer.core.store.queue import Queue
from reviewer.core.store.records import Records
from reviewer.core.store.reports import Reports
from reviewer.core.store.reviewer import clean_name, default_reviewer, same_reviewer, stamp_rows
from reviewer.core.store.reviews import Reviews
from reviewer.core.store.spans import Spans, schema_holds
from reviewer.core.store.sqlite import Database
from reviewer.core.store.timing import Timing
from reviewer.core.store.transfer import Transfer


class Store:
    """A project file. Open with ``Store(path)``; one connection, one thread."""

    def __init__(self, path: str | Path, *, create: bool = True,
                 busy_timeout: float = BUSY_TIMEOUT, reviewer: str | None = None,
                 read_only: bool = False) -> None:
        """``busy_timeout``: seconds a write waits while another process writes;
        ``reviewer``: the name every edit made through this store carries (default:
        ``REVIEWER_NAME``, else the reviewer a split wrote the file for, else the
        system's user name); ``read_only``: for reading only (closed without folding
        the -wal file into the file, so without waiting for another connection)."""
        self.path = Path(path)
        self.db, created = open_project(self.path, create, busy_timeout, read_only)
        self._interrupted = False
        self._version: int | None = None  # the data_version last asked (written_elsewhere)
        if self.db.read_only:  # its few statements each call back once, as they start
            self.db.conn.set_trace_callback(self._statement_started)
        self.meta = Meta(self.db)
        assigned = self.meta.assigned_reviewer()
        self.reviewer = same_reviewer(clean_name(reviewer), assigned) if reviewer is not None \
            else same_reviewer(default_reviewer(assigned), assigned)
        if not self.db.read_only:
            stamp_rows(self.db, self.reviewer)
        self.postings = Postings(self.db)
        self.queue = Queue(self.db)
        self.history = History(self.db, self.postings.refresh,
                               lambda rows: schema_holds(self.db, rows))
        self.decisions = Decisions(self.db, self.postings)
        self.spans = Spans(self.db, self.postings, self.decisions)
        self.reviews = Reviews(self.db, self.postings)
        self.labels = Labels(self.db, self.postings, self.spans, self.reviews)
        parts = (self.postings, self.decisions, self.spans, self.labels)
        self.records = Records(self.db, self.postings, self.decisions, self.reviews,
                               reviewer=self.reviewer, stem=self.path.stem)
        self.machine = Machine(self.db, *parts)
        self.reports = Reports(self.db)
        self.bulk = Bulk(self.db, self.labels, self.reviews.refresh_merged)
        self.column_maps = ColumnMaps(self.db)
        self.models = Models(self.db)
        self.timing = Timing(self.db, self.reviewer)
        self.transfer = Transfer(self.db, self.postings)
        self.merge_log = MergeLog(self.db)
        if not self.read_only and (created or not (self.labels.has_schema()
                                                   or self.history.logged("label_schema"))):
            # (a project made before labels too); looked at again inside the transaction,
            # so that two processes that opened the new file at once save it once
            with self.db.atomic():
                if not (self.labels.has_schema() or self.history.logged("label_schema")):
                    self.labels.save_schema(default_schema())
        self._changes = self.db.conn.total_changes  # (rows this connection wrote by now)

    @property
    def read_only(self) -> bool:
        """The file cannot be written (its own mode, its folder's, or its file system's):
        it was opened for reading only."""
        return self.db.read_only

    def check_writable(self) -> None:
        """Raise ``ProjectError`` saying so if the file is read-only."""
        if self.read_only:
            raise ProjectError(describe("read-only", self.path))

    def atomic(self) -> AbstractContextManager[Database]:
        """One transaction around several edits (nested blocks become savepoints)."""
        return self.db.atomic()

    @contextlib.contextmanager
    def one_snapshot(self) -> Iterator[None]:
        """Reads alike all through: the project as it is at the first read, whatever
        another program writes meanwhile (a read transaction; nothing may be written on
        this connection inside it)."""
        conn = self.db.conn
        began = not conn.in_transaction
        if began:
            conn.execute("BEGIN")
        try:
            yield
        finally:
            if began and conn.in_transaction:
                conn.execute("ROLLBACK")  # (nothing was written: it only read)

    def interrupt(self) -> None:
        """Stop the statement this connection is running, from any thread: it raises
        ``DatabaseError`` "interrupted" (for work in a worker thread that is no longer
        wanted, such as a list replaced before it came). Nothing when none is running
        or the store is closed. SQLite forgets an interrupt that comes between two
        statements; a store opened for reading remembers it, and every statement it
        starts after it that reads rows stops the same way (the store is of no more use)."""
        self._interrupted = True
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.interrupt()

    def _statement_started(self, _sql: str) -> None:
        """Called by SQLite as a statement of a reading store starts."""
        if self._interrupted:
            self.db.conn.interrupt()  # it runs now: this interrupt is not forgotten

    def schema_version(self) -> int:
        """The version of the project file's tables."""
        return schema_version(self.db)

    def moved(self) -> bool:
        """Whether the project file opened is no longer at its path (deleted, moved,
        another put in its place): nothing more can be saved to it."""
        return self.db.moved()

    def replaced(self) -> bool:
        """Whether another file is at the project's path than the one opened (a copy
        put back in its place, say)."""
        return self.db.replaced()

    def overwritten(self) -> bool:
        """Whether the project file opened was written over where it is (a copy put over
        it in place): what this store saved is kept apart in the -wal file beside it."""
        return self.db.overwritten()

    def let_go(self) -> None:
        """Let go of the project file opened, once it is no longer at its path
        (``moved``): what this connection wrote is folded into it and the connection
        closed, so that a file put in its place is neither read with it nor touched.
        Nothing can be read or written through this store after it (``DatabaseError``:
        gone); closing it is harmless."""
        self.db.let_go()

    def written_elsewhere(self) -> bool:
        """Whether another connection (another process) committed to the file since this
        was last asked (SQLite's ``data_version``); False the first time, and where the
        file cannot say (a damaged one says so elsewhere)."""
        try:
            version = int(self.db.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return False
        changed, self._version = self._version not in (None, version), version
        return changed

    def close(self) -> bool:
        """Close the file, its edits folded into it first (``checkpoint``): a copy of the
        file alone then holds them all, even while another connection has it open.
        Never raises, for a read-only file neither; closing twice is harmless. False
        where edits made through it stay in the -wal file beside it (it could not be
        written, or another connection was reading it): the file alone does not hold
        them yet."""
        try:
            wrote = self.db.conn.total_changes != self._changes  # (since it was opened)
        except sqlite3.Error:  # closed before
            wrote = False
        self.db.checkpoint()
        self.db.close()
        try:
            return self.read_only or not wrote or os.path.getsize(f"{self.path}-wal") == 0
        except OSError:
            return True  # none beside it

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
