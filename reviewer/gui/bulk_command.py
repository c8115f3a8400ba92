"""A bulk edit made, and on the undo stack as one command.

``BulkRunner`` makes an edit of many postings through ``store.bulk`` and pushes one
``BulkCommand``, whose undo and redo call ``store.bulk`` again: Ctrl+Z undoes every
posting of it at once. Up to ``LONG`` postings each step runs at once; more run as
long work (``ops.LongWork``, its own connection, a progress dialog that can cancel).
A step that is cancelled or refused leaves the file as it was, and the stack is put
back where the file is. After each step the rows in view, the shown posting and the
counts are read again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoCommand

from reviewer.core.store import BulkChange, BulkEdit, ChangedSince, DatabaseError, Store
from reviewer.gui.jobs import Progress
from reviewer.gui.plain import sentence

if TYPE_CHECKING:
    from reviewer.gui.ops import LongWork
    from reviewer.gui.review_flow import ReviewFlow

LONG = 2_000  # more postings than this: the edit and its undo run as long work (a
# million take a minute; a posting costs tens of microseconds, its whole row rewritten)
Done = Callable[[int, int], None]  # postings done, postings in all
Step = Callable[[Store, Done | None, Callable[[], bool]], Any]  # a store edit, run somewhere


def postings(n: int) -> str:
    return f"{n:,} posting{'' if n == 1 else 's'}"


class BulkCommand(QUndoCommand):
    """A bulk edit on the undo stack, already made when it is pushed. An undo or redo
    that is cancelled or refused leaves the file as it was, and the stack where the file
    is: the step stays to do (one the file refused at once goes off the stack, as a
    one-posting edit's does)."""

    def __init__(self, runner: BulkRunner, text: str, change: BulkChange) -> None:
        super().__init__(text)
        self.runner, self.change = runner, change
        self._pushed = False
        self.resyncing = False  # the next call only puts the stack back where the file is

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
        elif not self._resynced():
            self.runner.redo(self)

    def undo(self) -> None:
        if not self._resynced():
            self.runner.undo(self)

    def _resynced(self) -> bool:
        """Whether this call only puts the stack back where the file is."""
        if not self.resyncing:
            return False
        self.resyncing = False
        return True


class BulkRunner(QObject):
    """Makes bulk edits, and undoes and redoes them, for the window's flow."""

    def __init__(self, flow: ReviewFlow, long_work: LongWork,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.flow, self.long_work = flow, long_work
        self.store: Store = flow.store

    def make(self, edit: BulkEdit, ids: Sequence[int], what: str = "") -> None:
        """Make ``edit`` on the postings ``ids``, as one command on the undo stack
        (``what``: the edit in words, before "on N postings"; its log words by default)."""
        what = what or sentence(edit.describe())
        text = f"{what} on {postings(len(ids))}"
        stopped = self.flow.before_edit("")
        if stopped is not None:
            self.flow.message.emit(f"{text}: not done. {stopped}", 10000)
            return

        def made(change: BulkChange | None) -> None:
            if change is None:
                self.flow.message.emit(f"{text}: cancelled, no posting changed.", 8000)
            else:
                self._push(f"{what} on {postings(change.changed)}", change)

        def retry() -> bool:
            self.make(edit, ids, what)
            return True  # this message goes; a new one says if it fails again

        if len(ids) > LONG:
            self._long(f"Editing {postings(len(ids))}",
                       lambda store, progress, cancelled: store.bulk.apply(
                           edit, ids, progress, cancelled), made, lambda: None)
            return
        try:
            made(self.store.bulk.apply(edit, ids))
        except DatabaseError as err:
            self.flow.refused.emit(f"{text}: not saved", str(err), retry)

    def _push(self, text: str, change: BulkChange) -> None:
        self.flow.undo_stack.push(BulkCommand(self, text, change))
        self._changed(f"{text}.")

    def undo(self, command: BulkCommand) -> None:
        try:  # (a long one too: an answer's options renamed since are refused here)
            self.store.bulk.check_redo(command.change, undoing=True)
        except (DatabaseError, ChangedSince) as err:
            self._refused(command, "undone", err)
            return
        self._again(command, "undone", lambda store, progress, cancelled: store.bulk.undo(
            command.change, progress, cancelled))

    def redo(self, command: BulkCommand) -> None:
        try:  # (asked on this thread first: long work refused would only say it failed)
            self.store.bulk.check_redo(command.change)
        except (DatabaseError, ValueError) as err:
            self._refused(command, "redone", err)
            return
        self._again(command, "redone", lambda store, progress, cancelled: store.bulk.redo(
            command.change, progress, cancelled))

    def _again(self, command: BulkCommand, verb: str, step: Step) -> None:
        """Undo or redo ``command`` (``step`` does it on a store: True or the new change
        when done, False or None when cancelled); when it is not done, put the stack
        back where the file is."""
        stack = self.flow.undo_stack
        put_back = stack.redo if verb == "undone" else stack.undo

        def resync() -> None:  # (after this call, which the stack is still in)
            command.resyncing = True
            QTimer.singleShot(0, put_back)

        def finish(result: Any) -> None:
            if not result:
                resync()
                return
            if isinstance(result, BulkChange):  # redone: how the postings were, again
                command.change = result
            left = command.change.left
            self._changed(f"{command.text()}: {verb}" + (
                f", but for {postings(len(left))} changed since by another process or "
                "reviewer, left as they are." if left else "."))

        if command.change.changed > LONG:
            title = f"{command.text()}: {'undoing' if verb == 'undone' else 'redoing'}"
            if not self._long(title, step, finish, resync):
                resync()
            return
        try:
            finish(step(self.store, None, lambda: False))
        except (DatabaseError, ValueError, ChangedSince) as err:
            self._refused(command, verb, err)

    def _refused(self, command: BulkCommand, verb: str, err: Exception) -> None:
        """An undo or redo the file refused at once, nothing written: the command goes off
        the stack (obsolete), so that the stack holds only what the file holds, and why
        is said."""
        command.setObsolete(True)
        if isinstance(err, DatabaseError):
            self.flow.refused.emit(f"{command.text()}: not {verb}", str(err), None)
        elif isinstance(err, ChangedSince):  # (an answer's options may mean others now)
            self.flow.message.emit(
                f"{command.text()}: not {verb}: {err.what} was changed since by another "
                "process or reviewer. Make the edit again if it is still wanted.", 15000)
        else:
            self.flow.message.emit(f"{command.text()}: not {verb}: {err}.", 15000)

    def _long(self, title: str, step: Step, done: Callable[[Any], Any],
              failed: Callable[[], None]) -> bool:
        """Run ``step`` as long work on its own connection; ``done`` gets its result,
        ``failed`` hears when it failed (LongWork says why). False: other long work
        is running, nothing was started."""
        path, reviewer = self.store.path, self.store.reviewer

        def work(progress: Progress, cancelled: Callable[[], bool]) -> Any:
            with Store(path, create=False, reviewer=reviewer) as store:
                return step(store, lambda d, t: progress(d, t, f"{d:,} of {postings(t)}"),
                            cancelled)

        if not self.long_work.run(title, work, done):
            return False
        job = self.long_work.job
        if job is not None:
            job.signals.failed.connect(lambda _message: failed())
        return True

    def _changed(self, message: str) -> None:
        """After a bulk edit, its undo or redo: the rows in view read again, the shown
        posting too, and the counts."""
        model = self.flow.queue.model
        for page in model.cached_pages():
            first = page * model.page_size
            for row in range(first, min(first + model.page_size, model.rowCount())):
                model.invalidate(model.id_at(row))
        if self.flow.pid is not None:
            self.flow.refresh(self.flow.pid)
        self.flow.message.emit(message, 8000)
