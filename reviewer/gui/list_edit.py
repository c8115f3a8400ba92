"""A box of one item a line that behaves as a line edit does for focus and editing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget


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
