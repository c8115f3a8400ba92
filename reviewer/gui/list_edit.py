"""A box of one item a line that behaves as a line edit does for focus and editing; and
the undo of a field's boxes begun again where their value is saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget


class ListEdit(QPlainTextEdit):
    """One item a line; like a line edit, it reports its text when focus leaves it,
    so typing an item is one edit, not one a keystroke. Enter adds a line; Tab and
    Shift+Tab move to the next and previous field, as in every other field.
    ``left_for`` is why the focus last left it (``Qt.FocusReason``)."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.left_for: Qt.FocusReason | None = None

    def focusOutEvent(self, event: Any) -> None:
        self.left_for = event.reason()
        self.editingFinished.emit()
        super().focusOutEvent(event)


def forget_undo(owner: QWidget) -> None:
    """The own undo (Ctrl+Z while typing) of the text boxes in ``owner`` begun here, at
    the value saved: it went back past it to the machine's, shown while the file held
    the saved one. The caret stays where it is."""
    for box in owner.findChildren(QLineEdit):
        if box.isUndoAvailable() or box.isRedoAvailable():
            at = box.cursorPosition()
            box.setText(box.text())  # (which forgets what came before)
            box.setCursorPosition(at)
    for text in owner.findChildren(QPlainTextEdit):
        text.document().clearUndoRedoStacks()
