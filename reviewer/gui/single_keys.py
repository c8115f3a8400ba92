"""Single-key mode (View → Single-key mode), for reviewers who judge postings rather
than type into fields: in the document or the queue, A accepts and goes on, X rejects
(flags) the posting and goes on, Space skips, Backspace undoes, 1–9 answer the label
schema's first nine document options. Keys typed into a field are never taken, and a
key held down acts once (its repeats would accept or skip postings never seen).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from reviewer.core.labels import Question

KEYS = (("A", "accept all (fields, suggested spans) and go to the next unreviewed"),
        ("X", "reject (flag) the posting and go on"), ("Space", "skip"),
        ("Backspace", "undo"), ("1–9", "the label schema's first nine document options"))
# what turning the mode on says: short enough for a laptop's status bar (the keys'
# meanings in full: F1, and the shortcut editor's refusals)
SAID_ON = ("Single-key mode on: A accept and go on, X reject, Space skip, Backspace undo, "
           "1–9 document labels (F1 lists every key).")


def option_toggles(questions: Sequence[Question],
                   toggle: Callable[[Question, str], Any]) -> list[Callable[[], Any]]:
    """A toggle a document option, in the schema's order (the keys 1–9)."""
    return [lambda q=q, o=o.name: toggle(q, o)
            for q in questions if q.kind != "span" for o in q.options]


class SingleKeys(QObject):
    """The mode's action and the keys it gives the ``watched`` widgets."""

    def __init__(self, window: QMainWindow, moves: dict[str, Callable[[], Any]],
                 options: Callable[[], Sequence[Callable[[], Any]]],
                 watched: Sequence[QWidget], settings: QSettings | None) -> None:
        super().__init__(window)
        self.settings = settings
        self.moves = {Qt.Key.Key_A: moves["accept"], Qt.Key.Key_X: moves["reject"],
                      Qt.Key.Key_Space: moves["skip"], Qt.Key.Key_Backspace: moves["undo"]}
        self.options = options  # the document options' toggles, in the schema's order
        self.action = QAction("Single-&key mode (A accept, X reject, Space skip, 1–9 labels)",
                              window, checkable=True)
        self.action.setChecked(bool(settings is not None and settings.value(
            "single_key_mode", False, type=bool)))
        self.action.toggled.connect(self._toggled)
        for menu_action in window.menuBar().actions():
            if menu_action.text() == "&View" and menu_action.menu() is not None:
                menu_action.menu().addAction(self.action)  # type: ignore[union-attr]
        self.say = window.statusBar().showMessage
        for widget in watched:
            widget.installEventFilter(self)

    @property
    def on(self) -> bool:
        return self.action.isChecked()

    def _toggled(self, on: bool) -> None:
        if self.settings is not None:
            self.settings.setValue("single_key_mode", on)
        self.say(SAID_ON if on else "Single-key mode off.", 10000)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if not self.on or event.type() != QEvent.Type.KeyPress:
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False  # Shift+arrows select, Ctrl+… are the window's: all as before
        key = event.key()
        if event.isAutoRepeat() and (key in self.moves or Qt.Key.Key_1 <= key <= Qt.Key.Key_9):
            return True  # a key held down acts once: no posting is accepted unseen
        if key in self.moves:
            self.moves[key]()
            return True
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            options = self.options()
            n = key - Qt.Key.Key_1
            if n < len(options):
                options[n]()
            return True
        return False
