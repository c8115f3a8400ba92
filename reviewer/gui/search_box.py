"""The queue's search box: it never shows a search the list is not read by, unless it
is being typed.

Once a search has run, the box holds the search in force with no undo of its own:
Ctrl+Z (Ctrl+Shift+Z) there is the window's undo (redo) of its last edit, as in a field
whose typing is saved; while the box holds words typed and not searched yet, its own,
which goes back as far as the search in force and no further (an undo that emptied
the box left the list filtered under it). Its clear button clears the search: the list
follows (``cleared``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from reviewer.core.store import parse_search
from reviewer.core.words import spaced
from reviewer.gui.queue_choices import SEARCH_TIP


def unspaced_hint(query: str) -> str:
    """Why a search with words of a script written without spaces (Chinese, Japanese,
    Thai …) may find nothing, to say after "no posting matches" ("" where it has none):
    the index tells words apart by spaces and signs, so it holds each run between them
    whole, not the words in it."""
    unspaced = [w for w in parse_search(query).words if not all(map(spaced, w))]
    if not unspaced:
        return ""
    return (f"\n\n“{unspaced[0]}” is written without spaces: the search finds such text by "
            "the runs between spaces and signs, not by each word in them. Search a whole "
            "run, as the posting writes it from one space or sign to the next.")


class SearchBox(QLineEdit):
    """A line of search words; ``in_force()`` gives the search the list is read by."""

    cleared = Signal()  # its clear button emptied it: the list is to be read again

    def __init__(self, in_force: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.in_force = in_force
        self.setPlaceholderText("Search, or filter: company:… source:…")
        self.setToolTip(SEARCH_TIP)
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search the postings")
        clear = self.findChild(QAction, "_q_qlineeditclearaction")
        if clear is not None:  # (it fires before the box is emptied: looked at after)
            clear.triggered.connect(lambda: QTimer.singleShot(0, self, self._emptied))

    def searched(self) -> None:
        """The list is read by the words in the box now: the box's own undo starts from
        here (``setText`` forgets it), the caret where it was."""
        at = self.cursorPosition()
        self.setText(self.text())
        self.setCursorPosition(at)

    def typing(self) -> bool:
        """Whether the box holds words typed that are not the search in force."""
        return self.text().strip() != self.in_force().strip()

    def _emptied(self) -> None:
        if not self.text() and self.typing():
            self.cleared.emit()

    def event(self, event: QEvent) -> bool:
        """Ctrl+Z (Ctrl+Shift+Z) with nothing typed of its own to take back (bring
        back): not the box's, the window's (the box lets the key go)."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            for standard, can in ((QKeySequence.StandardKey.Undo, self.isUndoAvailable),
                                  (QKeySequence.StandardKey.Redo, self.isRedoAvailable)):
                if event.matches(standard) and not (can() and self.typing()):
                    event.ignore()
                    return True
        return super().event(event)
