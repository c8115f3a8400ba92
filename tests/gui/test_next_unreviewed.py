"""Accept and go on: the next posting not reviewed, past a long run of reviewed ones
looked for in a worker thread, the window staying responsive."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.core.store import DatabaseError, NewPosting, Store
from reviewer.gui.queue_model import QueueModel
from reviewer.gui.queue_pane import QueuePane

pytestmark = pytest.mark.qt_log_level_fail("WARNING")

def posting(n: int) -> NewPosting:
    text = f"# Data Engineer {n}\n\nPython and SQL in Berlin.\n"
    return NewPosting(source=f"p{n}.txt", hash=f"h{n}", kind="text", raw=text, cleaned=text,
                      fields={"title": f"Data Engineer {n}"},
                      confidence={"title": (n * 37 % 97) / 100}, status="reviewed")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "project.db")
    s.postings.add([posting(n) for n in range(1, 3001)])
    yield s
    s.close()


class Reads:
    """The list rows the window's connection reads while installed, a query a page."""

    def __init__(self, store: Store) -> None:
        self.store, self.statements = store, list[str]()

    def __enter__(self) -> Reads:
        self.store.db.conn.set_trace_callback(self.statements.append)
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.db.conn.set_trace_callback(None)


def listed(qtbot, store: Store) -> tuple[QueuePane, list[str]]:  # type: ignore[no-untyped-def]
    """A pane listing every posting of ``store``, and what it says, as it says it."""
    pane = QueuePane(QueueModel(store))
    qtbot.addWidget(pane)
    said: list[str] = []
    pane.message.connect(lambda text, _ms: said.append(text))
    pane.search()
    return pane, said


def test_the_next_posting_not_reviewed_past_many_reviewed_is_looked_for_in_a_worker(
        qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Enter with the rest of the list reviewed read every row on the window's
    thread, 200 a query: the window stood still ten seconds at a million postings."""
    pane, said = listed(qtbot, store)
    store.postings.set_status(1, "new")
    store.postings.set_status(2901, "skipped")
    pane.select_row(0)
    with Reads(store) as reads:
        assert pane.next_unreviewed()
    assert len(reads.statements) <= 2  # the next rows at once; never the list
    assert pane.current_row() == 0 and pane.unreviewed.job is not None
    qtbot.waitUntil(lambda: pane.current_row() == 2900, timeout=10_000)
    assert pane.unreviewed.job is None and said == []
    for pid in (1, 2901):  # then none below, and none above
        store.postings.set_status(pid, "reviewed")
    with Reads(store) as reads:
        pane.next_unreviewed()
    assert len(reads.statements) <= 2
    qtbot.waitUntil(lambda: said == ["Every posting in the list is reviewed."], timeout=10_000)
    assert pane.current_row() == 2900
    store.postings.set_status(2903, "flagged")  # near: shown at once
    assert pane.next_unreviewed() and pane.current_row() == 2902
    assert pane.unreviewed.job is None
    store.postings.set_status(1, "new")
    assert pane.next_unreviewed() and pane.current_row() == 0  # round to the top
    assert pane.next_unreviewed()  # (far below: looked for in the worker)
    qtbot.waitUntil(lambda: pane.current_row() == 2902, timeout=10_000)


def test_a_move_or_a_new_list_drops_the_posting_looked_for(
        qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    pane, _said = listed(qtbot, store)
    store.postings.set_status(2500, "new")
    pane.select_row(0)
    pane.next_unreviewed()
    job = pane.unreviewed.job
    assert job is not None
    pane.select_row(5)  # moved meanwhile: stays there
    assert job.cancelled() and pane.unreviewed.job is None
    pane.next_unreviewed()
    job = pane.unreviewed.job
    assert job is not None
    pane.search()  # the list read again
    assert job.cancelled() and pane.unreviewed.job is None
    qtbot.wait(200)
    assert pane.current_row() == 5


def test_a_file_that_cannot_be_read_is_said_not_taken_for_a_list_reviewed(
        qtbot, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(*_args: object) -> None:
        raise DatabaseError("database disk image is malformed")

    pane, said = listed(qtbot, store)
    pane.select_row(0)
    monkeypatch.setattr("reviewer.core.store.postings.Postings.first_unreviewed", broken)
    assert pane.next_unreviewed()  # (no exception into Qt)
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said == ["The next posting not reviewed could not be looked for: database disk "
                    "image is malformed"] and pane.current_row() == 0
