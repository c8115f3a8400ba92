"""The window's undo and redo actions: what is typed in a field is saved first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QUndoStack
from shiboken6 import isValid

from reviewer.gui.plain import menu_text


class AfterTyping(QAction):
    """An action that does what ``stack_action`` (the undo stack's undo or redo) does,
    and shows its text and state, once ``first`` allows it: what is being typed in a
    field is saved first, as before any other edit, not overwritten by what the stack
    puts back. Its text is the command's as written (a label's "&" shown, not taken for
    the access key, which is the U of Undo, the R of Redo)."""

    def __init__(self, first: Callable[[], bool], stack_action: QAction, stack: QUndoStack,
                 said: Callable[[str], None], redo: bool) -> None:
        super().__init__(stack_action.text(), stack_action.parent())
        self._first, self._stack_action, self._stack = first, stack_action, stack
        self._said, self._redo = said, redo
        stack_action.changed.connect(self._mirror)
        self.triggered.connect(self._run)
        self._mirror()

    def _mirror(self) -> None:
        if isValid(self) and isValid(self._stack_action):  # (not as the window goes)
            what = self._stack.redoText() if self._redo else self._stack.undoText()
            self.setText(f"{'&Redo' if self._redo else '&Undo'} {menu_text(what)}".rstrip())
            self.setEnabled(self._stack_action.isEnabled())

    def _run(self) -> None:
        redo = self._redo and self._stack.canRedo()
        if not self._first():
            return
        if redo and not self._stack.canRedo():  # the typing, saved, ended the redo: said
            self._said("Redo: not done. What was typed is saved first, as a new edit, and "
                       "a new edit ends what could be redone (Ctrl+Z undoes the typing).")
            return
        self._stack_action.trigger()
