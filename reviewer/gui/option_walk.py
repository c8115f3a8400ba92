"""The keys among the options of the document-label questions: Tab comes into a
question, the arrow keys move among its options in the order they are laid out (Down
and Right to the next, Up and Left to the one before), Space chooses (or clears) the
one with the focus, and Tab goes on to the next question.

Each question is one stop of a Tab walk: its chosen option (else its first, else the
one the keys or a click last went to); its other options take the focus by the arrows
or a click. The options are in no ``QButtonGroup``: with one, Tab skipped every option
of a question but one, and the arrows moved nowhere, so most options could not be
reached by the keyboard. The arrows only move: choosing stays Space's (or Alt+N's),
one edit a key.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton

_STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}


class OptionWalk(QObject):
    """The arrow keys and the Tab stops of each question's options."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._questions: list[list[QAbstractButton]] = []
        self._of: dict[QAbstractButton, list[QAbstractButton]] = {}  # a button's question

    def clear(self) -> None:
        """Forget the questions (their buttons are going)."""
        self._questions, self._of = [], {}

    def add(self, buttons: list[QAbstractButton]) -> None:
        """A question's options, in the order they are laid out."""
        self._questions.append(buttons)
        for button in buttons:
            button.installEventFilter(self)
            self._of[button] = buttons
        _stop_at(buttons, buttons[0] if buttons else None)

    def reset(self) -> None:
        """Each question's stop at its chosen option, else its first; but the question
        the focus is in, whose stop is where the focus is (a Shift+Tab from it leaves)."""
        for buttons in self._questions:
            if not any(button.hasFocus() for button in buttons):
                chosen = next((b for b in buttons if b.isChecked()), None)
                _stop_at(buttons, chosen or (buttons[0] if buttons else None))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QAbstractButton) or watched not in self._of:
            return False
        buttons = self._of[watched]
        if event.type() == QEvent.Type.FocusIn:
            _stop_at(buttons, watched)
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in _STEPS and not (
                    event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            step = _STEPS[Qt.Key(event.key())]
            at = buttons.index(watched) + step
            if 0 <= at < len(buttons):  # (at either end: stays, as in a list)
                buttons[at].setFocus(Qt.FocusReason.TabFocusReason if step > 0
                                     else Qt.FocusReason.BacktabFocusReason)
            return True
        return False

def _stop_at(buttons: list[QAbstractButton], stop: QAbstractButton | None) -> None:
    """``stop`` the question's one Tab stop; the others are reached by the arrows."""
    for button in buttons:
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if button is stop
                              else Qt.FocusPolicy.ClickFocus)

