"""One edit of the project as an undo step: made in the file before it is pushed, its
undo and redo made through ``store.history``, and taken off the stack when the file
refuses them, so that the undo stack holds only what the file holds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from reviewer.core.store import Change, ChangedMeanwhile, ChangedSince, DatabaseError, Store
from reviewer.gui.plain import sentence


def keep_or_clear(stack: QUndoStack, keeps_labels: bool, before: str,
                  digest: Callable[[], str]) -> str:
    """After a label schema change: the undo steps kept where it renamed and removed
    nothing (``keeps_labels``; ``before``: the schema's digest before it, ``digest``
    gives it now), else gone, as they may name options that are gone or mean others
    now; what to say of that."""
    if keeps_labels:
        carry_over(stack, before, digest())
        return ""
    if not stack.count():
        return ""
    stack.clear()
    return (" The edits before it can no longer be undone (it renamed or removed options, "
            "or changed a question's kind).")


def carry_over(stack: QUndoStack, before: str, after: str) -> None:
    """The undo steps made on the label schema whose digest is ``before``
    (``History.schema_digest``) taken as made on ``after``: a schema change that renamed,
    removed and moved nothing and changed no question's kind (a colour, a key, the
    order, an option added), under which every label they put back means what it meant.
    Steps made on another schema stay refused (another program's change)."""
    for n in range(stack.count()):
        change = getattr(stack.command(n), "change", None)  # (an edit's, a bulk edit's)
        if change is not None and change.schema == before:
            change.schema = after


class EditCommand(QUndoCommand):
    """One store edit, already made and in the file when the command is pushed; undone
    and redone through ``store.history``. An undo or redo the file refuses leaves the
    file as it was and takes the command off the stack (obsolete), so that the stack
    holds only what the file holds. ``done`` is told "" after the edit, "undone" or
    "redone" after an undo or a redo."""

    def __init__(self, store: Store, text: str, change: Change, done: Callable[[str], None],
                 refused: Callable[[str, str], None], say: Callable[[str], None]) -> None:
        super().__init__(text)
        # sealed (``History.made``): an undo over another process's later edit is refused
        self.store, self.change, self.done, self.refused, self.say = (
            store, change, done, refused, say)
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # pushing: the edit is made already
            self._pushed = True
            self.done("")
            return
        self._apply("redone")

    def undo(self) -> None:
        self._apply("undone")

    def _apply(self, verb: str) -> None:
        try:
            self.change = self.store.history.undo(self.change)
        except DatabaseError as err:
            self.setObsolete(True)
            self.refused(f"{self.text()}: not {verb}", str(err))
            return
        except ChangedSince as err:  # the posting shown again as it is now
            self.setObsolete(True)
            self.done("")
            self.say(f"{sentence(self.text())}: not {verb}: {err.what} was changed since "
                     "by another process or reviewer, whose work it would undo. Shown as it "
                     "is now.")
            return
        except ChangedMeanwhile as err:  # (an option the schema no longer has)
            self.setObsolete(True)
            self.done("")
            self.say(f"{sentence(self.text())}: not {verb}: {err}.")
            return
        self.done(verb)
