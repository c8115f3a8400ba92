"""One edit of the project as an undo step: made in the file before it is pushed, its
undo and redo made through ``store.history``, and taken off the stack when the file
refuses them, so that the undo stack holds only what the file holds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reviewer.core.store import Change, ChangedMeanwhile, ChangedSince, DatabaseError, Store
from reviewer.gui.plain import sentence


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
