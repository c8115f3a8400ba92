"""Before the window closes or another project takes its place: text typed in a field that
is not in the file (it cannot be read, or it is held over a value another window or
program set meanwhile: ``held_value``) goes only when the reviewer says so.

A move to another posting, a search and a filter stop at such text
(``ReviewFlow.may_leave``, ``QueuePane._asked``); closing the window, closing the project
and opening another one ask instead: Cancel keeps the window and what is typed, Discard
drops it and goes on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.gui.plain import message_box


class LeaveGate:
    """Asks before the window goes while a field holds text that cannot be read.

    ``unreadable``: each such field's label and why its text cannot be read; ``shown``:
    the posting shown; ``switch``: opens another project (a path) or the start screen
    (None), closing this window."""

    def __init__(self, parent: QWidget, unreadable: Callable[[], list[str]],
                 shown: Callable[[], int | None], switch: Callable[[Path | None], None]) -> None:
        self.parent_widget = parent
        self.unreadable = unreadable
        self.shown = shown
        self.switch = switch
        self.question: QMessageBox | None = None  # the last question asked (kept for tests)
        self._dropping = False  # the reviewer said Discard: the window goes without asking

    def through(self, then: Callable[[], object]) -> bool:
        """Whether the window may go now: True when nothing typed would be lost (``then``
        is not called); otherwise False, and ``then`` runs once the reviewer says
        Discard."""
        lost = self.unreadable()
        if self._dropping or not lost:
            return True
        pid = self.shown()
        where = f"Posting {pid}" if pid is not None else "The posting shown"
        self.question = box = message_box(
            QMessageBox.Icon.Question, "Text typed not saved",
            f"{where} has text typed that is not saved:\n\n" + "\n".join(lost)
            + "\n\nDiscard it, or cancel and go back to it: correct text that cannot be "
            "read (or empty the field for no value); in a box typed over another's value, "
            "Tab saves yours over it.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self.parent_widget)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Discard).clicked.connect(
            lambda: self._drop_and(then))
        box.open()
        return False

    def _drop_and(self, then: Callable[[], object]) -> None:
        self._dropping = True
        try:
            then()
        finally:  # a project that would not open leaves this window as it was
            self._dropping = False

    def open_project(self, path: Path | None) -> None:
        """Open the project at ``path`` in place of this one (None: none was chosen)."""
        if path is not None:
            self._switch_after_asking(path)

    def close_project(self) -> None:
        """Back to the start screen."""
        self._switch_after_asking(None)

    def _switch_after_asking(self, path: Path | None) -> None:
        if self.through(lambda: self.switch(path)):
            self.switch(path)
