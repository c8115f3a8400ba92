"""Closing a project moves every edit into the project file itself: a copy of the
file alone holds the last edit, even when another connection (the window's queue, a
worker thread, another program) still has the file open."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from project_files import make_project, posting, read_only_copy

from reviewer.core.store import ProjectError, Store


def wal_bytes(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def copy_alone(path: Path, where: Path) -> Path:
    where.mkdir()
    return Path(shutil.copy(path, where / path.name))


def test_a_copy_of_the_closed_file_alone_holds_the_last_edit(tmp_path: Path) -> None:
    path = make_project(tmp_path / "project.db", n=20)
    other = Store(path)  # stays open: closing the first is not the file's last close
    try:
        store = Store(path)
        store.postings.add([posting(n) for n in range(21, 41)])
        store.postings.set_comment(7, "checked twice")
        store.postings.set_status(7, "reviewed")
        assert wal_bytes(path) > 0
        store.close()
        assert wal_bytes(path) == 0
        copy = copy_alone(path, tmp_path / "elsewhere")
        with Store(copy) as opened:
            assert opened.queue.count() == 40
            row = opened.records.get(7)
            assert row["comment"] == "checked twice" and row["status"] == "reviewed"
    finally:
        other.close()


def test_closing_twice_is_harmless(tmp_path: Path) -> None:
    store = Store(tmp_path / "project.db")
    store.close()
    store.close()


def test_a_reader_in_the_middle_of_a_read_does_not_hold_up_the_close(tmp_path: Path) -> None:
    path = make_project(tmp_path / "project.db", n=20)
    reader = sqlite3.connect(path)
    try:
        store = Store(path)
        store.postings.set_comment(3, "first")
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM postings").fetchone()  # a read snapshot held
        store.postings.set_comment(3, "second")
        began = time.monotonic()
        store.close()  # the checkpoint cannot finish: the close neither fails nor waits long
        assert time.monotonic() - began < 5
        reader.execute("COMMIT")
    finally:
        reader.close()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT comment FROM postings WHERE id = 3").fetchone()[0] == "second"


def test_closing_a_read_only_project_never_raises(tmp_path: Path) -> None:
    path = make_project(tmp_path / "project.db", n=5)
    with read_only_copy(path, tmp_path / "ro") as copy:
        store = Store(copy)
        assert store.read_only
        assert store.queue.count() == 5
        store.close()
        store.close()


def test_a_store_opened_for_reading_only_reads_and_writes_nothing(tmp_path: Path) -> None:
    path = make_project(tmp_path / "project.db", n=20)
    with Store(path) as writer:  # a writer in the middle of a transaction, as the
        writer.db.conn.execute("BEGIN IMMEDIATE")  # window's can be while a list is read
        reader = Store(path, create=False, read_only=True)
        assert reader.read_only and len(reader.queue.ids()) == 20
        writes = reader.db.conn.total_changes
        reader.close()  # no checkpoint to wait for behind the writer
        assert writes == 0
        writer.db.conn.execute("ROLLBACK")
    with pytest.raises(ProjectError, match="no such project file"):
        Store(tmp_path / "missing.db", read_only=True)


def test_a_statement_is_interrupted_from_another_thread(tmp_path: Path) -> None:
    path = make_project(tmp_path / "project.db", n=5)
    opened: list[Store] = []
    failed: list[Exception] = []

    def endless() -> None:  # a worker thread's list, reading on its own connection
        with Store(path, read_only=True) as store:
            opened.append(store)
            try:
                store.queue.db.execute(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                    " SELECT count(*) FROM n").fetchone()
            except Exception as err:  # what the worker meets
                failed.append(err)

    worker = threading.Thread(target=endless)
    worker.start()
    while not opened:
        time.sleep(0.01)
    time.sleep(0.2)
    opened[0].interrupt()  # from this thread
    worker.join(10)
    assert not worker.is_alive()
    assert "interrupted" in str(failed[0])
    opened[0].interrupt()  # closed: nothing


def test_an_interrupt_between_two_statements_stops_the_next(tmp_path: Path) -> None:
    """SQLite forgets an interrupt that comes while no statement runs (a list read in
    Python between two of its queries): a store opened for reading remembers it, and
    the next statement that reads rows stops."""
    path = make_project(tmp_path / "project.db", n=5)
    with Store(path, read_only=True) as store:
        assert list(store.queue.ids("confidence"))  # reads while not interrupted
        store.interrupt()  # between two statements
        with pytest.raises(sqlite3.DatabaseError, match="interrupted"):
            store.queue.ids("confidence")
        with pytest.raises(sqlite3.DatabaseError, match="interrupted"):
            store.queue.ids("useful")  # and every one after


@pytest.mark.parametrize("create", [True, False])
def test_a_name_too_long_for_the_file_system_is_a_project_error(tmp_path: Path,
                                                                 create: bool) -> None:
    with pytest.raises(ProjectError, match="cannot be opened: File name too long"):
        Store(tmp_path / ("b" * 300 + ".db"), create=create)


def test_close_says_whether_the_file_alone_holds_what_was_written_through_it(
        tmp_path: Path) -> None:
    """Another connection reading as the store closes keeps the -wal file: the edits
    written through the store are then not in the file alone (False); a store that wrote
    nothing says nothing of another program's edits there (True)."""
    path = make_project(tmp_path / "p.db")
    for writes in (True, False):
        store = Store(path)
        other = sqlite3.connect(path, isolation_level=None)
        if writes:
            store.postings.set_comment(store.queue.ids()[0], "mine")
        else:
            other.execute("UPDATE postings SET comment = 'a script''s'")
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM postings").fetchone()
        try:
            assert store.close() is (not writes)
        finally:
            other.execute("ROLLBACK")
            other.close()
