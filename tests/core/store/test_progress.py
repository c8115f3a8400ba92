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


def test_reviews_a_merge_brought_count_on_the_day_their_reviewer_made_them(
        tmp_path: Path) -> None:
    """A merged project's reviews are logged as the merge, not as reviews: the chart of
    reviews by day said nothing of them ("Nothing yet" beside 28 postings reviewed)."""
    from reviewer.core.team import merge_projects

    files = []
    for name, day in (("ana", "2026-11-30"), ("ben", "2026-12-01")):
        path = tmp_path / f"{name}.db"
        with Store(path, reviewer=name) as store:
            text = "# Data Engineer\n\nPython and SQL in Berlin.\n"
            store.postings.add([NewPosting(source=n, hash=n, kind="text", raw=text,
                                           cleaned=text) for n in "ab"])
            store.postings.set_status(1 if name == "ana" else 2, "reviewed")
            for table in ("events SET at = ? || substr(at, 11)",
                          "postings SET updated_at = ? || substr(updated_at, 11)"):
                store.db.execute(f"UPDATE {table}", (day,))
        files.append(path)
    merged = tmp_path / "merged.db"
    merge_projects(merged, files)
    with Store(merged) as store:
        assert store.queue.count("reviewed") == 2
        assert store.reports.progress() == [("2026-11-30", 1), ("2026-12-01", 1)]
