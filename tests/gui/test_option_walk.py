"""Every document-label option is reached by the keyboard: Tab comes into a question,
the arrow keys move among its options, Space chooses, Tab goes on to the next one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.core.labels import Option, Question, default_schema
from reviewer.core.store import Store
from reviewer.gui.window import ReviewWindow

SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def win(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    """The default questions (single choices) and a multiple choice after them."""
    with Store(project) as store:
        store.labels.save_schema([*default_schema(), Question(
            "perks", "multi", [Option("gym"), Option("bike"), Option("lunch")])])
    window: ReviewWindow = open_window(project)
    window.side.setCurrentIndex(1)  # Labels & comment
    return window


def _at(win: ReviewWindow) -> tuple[str, str] | None:
    """The option that has the focus, as (question, option)."""
    focus = QApplication.focusWidget()
    return next((k for k, b in win.labels.buttons.items() if b is focus), None)


def _key(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _labels(win: ReviewWindow) -> dict[str, list[str]]:
    return win.store.records.get(win.pid)["labels"]  # type: ignore[arg-type, no-any-return]


def test_the_arrows_reach_every_option_and_tab_goes_question_to_question(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """Tab visited "yes", then "engineering", then the comment: "no", "data", "product
    design"… could not be reached, and the arrows moved nowhere."""
    bar = win.side.tabBar()
    bar.setFocus()
    qtbot.waitUntil(bar.hasFocus)
    _key(qtbot, Qt.Key.Key_Tab)
    questions = [q for q in win.labels.questions.values() if q.kind != "span"]
    for question in questions:
        names = [o.name for o in question.options]
        assert _at(win) == (question.name, names[0])
        seen = [names[0]]
        for _ in names[1:]:  # Down and Right alike: the next option, in the grid's order
            _key(qtbot, Qt.Key.Key_Down if len(seen) % 2 else Qt.Key.Key_Right)
            seen.append(_at(win)[1])  # type: ignore[index]
        assert seen == names
        _key(qtbot, Qt.Key.Key_Down)  # the last: stays
        assert _at(win) == (question.name, names[-1])
        for _ in names[1:]:
            _key(qtbot, Qt.Key.Key_Up)
        _key(qtbot, Qt.Key.Key_Right)
        assert _at(win) == (question.name, names[1])
        _key(qtbot, Qt.Key.Key_Tab)  # on to the next question, from any of its options
    assert QApplication.focusWidget() is win.labels.comment
    assert _labels(win) == {}  # the arrows only move


def test_space_chooses_and_a_question_is_come_back_to_at_its_answer(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """A single choice keeps one answer, a multiple choice several; Shift+Tab goes
    back a question, to its answer."""
    buttons = win.labels.buttons
    buttons[("relevant", "yes")].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: _at(win) == ("relevant", "yes"))
    _key(qtbot, Qt.Key.Key_Right)
    _key(qtbot, Qt.Key.Key_Space)
    assert _labels(win) == {"relevant": ["no"]}
    _key(qtbot, Qt.Key.Key_Tab)
    for _ in range(3):
        _key(qtbot, Qt.Key.Key_Right)
    _key(qtbot, Qt.Key.Key_Space)
    _key(qtbot, Qt.Key.Key_Left)
    _key(qtbot, Qt.Key.Key_Space)  # product design in place of sales and marketing
    assert _labels(win)["role_family"] == ["product_design"]
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Space)
    _key(qtbot, Qt.Key.Key_Right)
    _key(qtbot, Qt.Key.Key_Right)
    _key(qtbot, Qt.Key.Key_Space)
    assert sorted(_labels(win)["perks"]) == ["gym", "lunch"]
    _key(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert _at(win) == ("role_family", "product_design")
    _key(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert _at(win) == ("relevant", "no")
    _key(qtbot, Qt.Key.Key_Space)  # chosen again: cleared, as a click does
    assert "relevant" not in _labels(win)
    win.queue_pane.go_next()  # another posting: each question's stop at its first again
    buttons[("relevant", "yes")].setFocus(Qt.FocusReason.TabFocusReason)
    _key(qtbot, Qt.Key.Key_Tab)
    assert _at(win) == ("role_family", "engineering")
