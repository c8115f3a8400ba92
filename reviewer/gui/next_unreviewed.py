"""The next posting of the list not reviewed, for "accept and go on" (Ctrl+Enter).

The rows just after the current one are looked up at once, with one query of the status
index. Past them (a long run of reviewed postings: a list read after a bulk edit, the
end of the work) the rest of the list is looked through in a worker thread, the window
staying responsive, and the row found is shown when it comes; moving to another
posting, reading the list again or closing the window drops it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import chain, islice

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from reviewer.core.store import DatabaseError, Store
from reviewer.gui.jobs import Job, start
from reviewer.gui.queue_model import QueueModel, reading

NEAR = 500  # rows looked up at once (one query); past them, in a worker thread
NONE_LEFT = "Every posting in the list is reviewed."


class NextUnreviewed(QObject):
    """Goes to the next posting not reviewed in ``model``: ``show`` is given its row, and
    ``say`` what a person should know (none is left, the file cannot be read)."""

    def __init__(self, model: QueueModel, show: Callable[[int], None],
                 say: Callable[[str, int], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.model, self.show, self.say = model, show, say
        self.job: Job | None = None  # looking through the rest of the list
        model.modelAboutToBeReset.connect(self.stop)  # (its rows would mean others)
        parent.installEventFilter(self)  # hidden (its window closed): stops

    def go(self, row: int) -> bool:
        """Show the first row after ``row``, going round to the top, whose posting is not
        reviewed: at once when it is among the next ``NEAR``, else once a worker thread
        has looked through the rest. False when no other is left (said)."""
        found = self.look(row)
        if found is not None:
            self.show(found)
        elif self.job is None:
            self.say(NONE_LEFT, 6000)
            return False
        return True

    def look(self, row: int) -> int | None:
        """The first row after ``row``, going round to the top (``row`` left out), whose
        posting is not reviewed, when it is among the next ``NEAR``; None when it is not
        there, and the rest of the list, if any, is looked through (``job``)."""
        self.stop()
        count = self.model.rowCount()
        rows = list(islice(_round(row, count), NEAR))
        ids = [self.model.id_at(r) for r in rows]
        try:
            pid = self.model.store.postings.first_unreviewed(ids)
        except DatabaseError:  # (a damaged file: the worker says why, on its own)
            self._look_further(row, self.model.listed_ids(), 0)
            return None
        if pid is not None:
            return rows[ids.index(pid)]
        if count - (row >= 0) > NEAR:
            self._look_further(row, self.model.listed_ids(), NEAR)
        return None

    def stop(self) -> None:
        """Stop looking (the posting shown or the list changed): nothing is said."""
        if self.job is not None:
            self.job.cancel()
            self.job = None

    def _look_further(self, row: int, listed: Sequence[int], skip: int) -> None:
        def read(store: Store) -> int | None:
            pid = store.postings.first_unreviewed(
                listed[r] for r in islice(_round(row, len(listed)), skip, None))
            return None if pid is None else listed.index(pid)

        job = self.job = reading(self.model.store, read)
        job.signals.finished.connect(lambda found: self._done(job, found))
        job.signals.failed.connect(lambda why: self._done(job, why, failed=True))
        start(job)

    def _done(self, job: Job, result: int | str | None, failed: bool = False) -> None:
        if job is not self.job:
            return  # stopped: the posting shown or the list changed meanwhile
        self.job = None
        if failed:
            self.say(f"The next posting not reviewed could not be looked for: {result}", 15000)
        elif isinstance(result, int):
            self.show(result)
        else:
            self.say(NONE_LEFT, 6000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide:
            self.stop()
        return False


def _round(row: int, count: int) -> Iterator[int]:
    """The rows after ``row``, then those above it (``row`` left out)."""
    return chain(range(row + 1, count), range(max(0, row)))
