"""A drop-down choice that the mouse wheel does not change in passing.

A field's choice (seniority, remote, the salary's period) sits in a pane that scrolls:
a wheel turned over it to scroll the pane changed the choice, and the change was saved
as the reviewer's correction. It takes the wheel only once it has the focus (a click
or Tab), as a line of text takes typing; otherwise the pane under it scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox


class ChoiceBox(QComboBox):
    """A ``QComboBox`` the wheel changes only while it has the focus."""

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not taken by the wheel either

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # to the pane, which scrolls
