"""Reviews each day count the reviews that stand: an undone review is no review."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.core.store import NewPosting, Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "p.db")
    text = "# Data Engineer\n\nPython and SQL in Berlin.\n"
    s.postings.add([NewPosting(source=n, hash=n, kind="text", raw=text, cleaned=text)
                    for n in "abcd"])
    yield s
    s.close()


def _total(store: Store) -> int:
    return sum(n for _day, n in store.reports.progress())


def test_an_undone_review_is_not_counted(store: Store) -> None:
    store.decisions.accept_all(1)
    undone = store.decisions.accept_all(2)
    store.history.undo(undone)
    assert store.queue.count("reviewed") == 1 == _total(store)
    redo = store.history.undo(store.decisions.accept_all(3))  # undone ...
    store.history.undo(redo)  # ... and redone: it stands
    assert store.queue.count("reviewed") == 2 == _total(store)


def test_a_posting_reviewed_then_marked_otherwise_is_not_counted(store: Store) -> None:
    store.postings.set_status(1, "reviewed")
    store.postings.set_status(1, "flagged")
    store.decisions.accept_all(2)
    store.postings.set_status(2, "skipped")
    store.postings.set_status(2, "reviewed")  # reviewed again: counted once
    assert _total(store) == 1 == store.queue.count("reviewed")
    ((day, n),) = store.reports.progress()
    assert n == 1 and len(day) == 10
