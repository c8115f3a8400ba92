"""How the list's queries read the project: by an index in the list's order, never by a
scan of every posting (a million postings are gigabytes of table; a scan of an index of
them, seconds). Checked on SQLite's own query plans, whatever the size."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.store import STATUSES, NewPosting, Store

DATA = Path(__file__).resolve().parents[2] / "data" / "projects"


def posting(n: int) -> NewPosting:
    text = f"# Data Engineer {n}\n\nPython and SQL in Berlin.\n"
    return NewPosting(source=f"p{n}.txt", hash=f"h{n}", kind="text", raw=text, cleaned=text,
                      fields={"title": f"Data Engineer {n}"},
                      confidence={} if n % 7 == 0 else {"title": (n * 37 % 97) / 100},
                      status=STATUSES[n % len(STATUSES)])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "project.db")
    s.postings.add([posting(n) for n in range(1, 61)])
    yield s
    s.close()


def plans(store: Store, read: Callable[[], Any]) -> list[str]:
    """The query plan of each SELECT that ``read`` runs, one line a query."""
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        read()
    finally:
        store.db.conn.set_trace_callback(None)
    return [" | ".join(str(row[-1]) for row in store.db.conn.execute(f"EXPLAIN QUERY PLAN {s}"))
            for s in statements if s.lstrip().upper().startswith("SELECT")]


@pytest.mark.parametrize("order", ["import", "confidence", "recent"])
@pytest.mark.parametrize("status", [None, "new"])
def test_the_postings_reviewers_disagree_on_are_read_by_their_index(
        store: Store, order: str, status: str | None) -> None:
    """The filter alone took eleven seconds to list none of a million postings: it read
    every entry of the status index, forced in import order, and each posting's row."""
    store.db.execute("UPDATE postings SET disagreement = 1 WHERE id IN (5, 9, 30)")
    expected = [pid for pid in store.queue.ids(order, status) if pid in (5, 9, 30)]
    assert list(store.queue.ids(order, status, "disagreement")) == expected
    found = plans(store, lambda: store.queue.ids(order, status, "disagreement"))
    assert found
    for plan in found:
        assert "INDEX postings_disagreement (disagreement=?)" in plan, plan
        assert "SCAN" not in plan, plan


@pytest.mark.parametrize("order", ["confidence", "recent"])
def test_a_status_in_an_order_is_read_in_the_order_of_an_index(
        store: Store, order: str) -> None:
    """"New" postings, least confident first, took ten seconds at a million: every one
    of their rows was read (for its confidence) and sorted."""
    index = "postings_status_confidence" if order == "confidence" else "postings_status_updated"
    store.db.execute("UPDATE postings SET updated_at = '2030-01-01T10:00:00+00:00'"
                     " WHERE id = 4")  # (edited last: first of the recent)
    for status in STATUSES:
        listed = list(store.queue.ids(order, status))
        assert listed == [pid for pid in store.queue.ids(order) if pid in set(listed)]
        found = plans(store, lambda s=status: store.queue.ids(order, s))
        assert found
        for plan in found:
            assert f"COVERING INDEX {index} (status=?" in plan, plan
            assert "TEMP B-TREE" not in plan, plan
    assert store.queue.ids("recent", "new")[0] == 4


def test_the_first_posting_not_reviewed_is_looked_up_in_the_status_index(
        store: Store) -> None:
    """Accept and go on read every row below the posting shown, 200 a query, when they
    were all reviewed: ten seconds at a million postings."""
    postings = store.postings
    store.db.execute("UPDATE postings SET status = CASE WHEN id IN (3, 45) THEN 'new'"
                     " ELSE 'reviewed' END")
    assert postings.first_unreviewed([1, 2, 45, 3]) == 45
    assert postings.first_unreviewed(range(46, 61)) is None
    assert postings.first_unreviewed([]) is None
    store.db.execute("UPDATE postings SET status = 'flagged' WHERE id = 2")
    assert postings.first_unreviewed([1, 2, 45]) == 2
    for plan in plans(store, lambda: postings.first_unreviewed(range(1, 61))):
        assert "COVERING INDEX postings_status (status=? AND id=?" in plan, plan

    class Counting(list[int]):  # how far the ids were read
        taken = 0

        def __iter__(self) -> Iterator[int]:
            for pid in super().__iter__():
                Counting.taken += 1
                yield pid

    many = Counting([2, *range(1, 61)] * 100)
    assert postings.first_unreviewed(many) == 2 and Counting.taken <= 500


def test_a_version_9_project_gets_the_indexes_of_a_status_in_an_order(
        tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(DATA / "v9.db", path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 9
    conn.close()
    with Store(path) as store:
        assert store.queue.ids("confidence", "reviewed") == [1]
        for plan in plans(store, lambda: store.queue.ids("recent", "new")):
            assert "COVERING INDEX postings_status_updated (status=?)" in plan, plan
