"""Tab and Shift+Tab move between the fields everywhere, list fields included, and the
revert and reject buttons are no stops on the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolButton

from reviewer.gui.window import ReviewWindow


@pytest.fixture
def window(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(project)  # type: ignore[no-any-return]


@pytest.mark.parametrize("size", [None, (760, 700)])  # (narrow: the tabs get arrows)
def test_a_tab_walk_visits_every_field_and_types_no_tab(window: ReviewWindow, qtbot,  # type: ignore[no-untyped-def]
                                                        size: tuple[int, int] | None) -> None:
    if size is not None:
        window.resize(*size)
        qtbot.wait(10)
    first = window.fields.editors["title"].editor
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    seen: list[str] = []
    for _ in range(60):
        focus = QApplication.focusWidget()
        assert not isinstance(focus, QToolButton)  # the ✗ and ↺ buttons are no stops
        name = window.fields._field_of.get(focus)
        if name is not None and name not in seen:
            seen.append(name)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    assert {"title", "locations", "responsibilities", "skills", "benefits"} <= set(seen)
    for name, editor in window.fields.editors.items():
        if isinstance(editor.editor, QPlainTextEdit):
            assert "\t" not in editor.editor.toPlainText(), name


def test_enter_adds_a_line_in_a_list_field(window: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    skills = window.fields.editors["skills"].editor
    assert isinstance(skills, QPlainTextEdit)
    window.fields.editors["skills"].focus()  # a list field opens when it takes the focus
    skills.moveCursor(skills.textCursor().MoveOperation.End)
    qtbot.keyClick(skills, Qt.Key.Key_Return)
    qtbot.keyClicks(skills, "Rust")
    assert skills.toPlainText().endswith("\nRust")
    qtbot.keyClick(skills, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not skills.hasFocus()


def test_tab_from_the_side_tabs_goes_to_the_first_field(window: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """It stopped first on the fields' scroll area, which shows no focus: a Tab seemed
    to do nothing."""
    bar = window.side.tabBar()
    window.side.setCurrentIndex(0)
    bar.setFocus()
    qtbot.waitUntil(bar.hasFocus)
    qtbot.keyClick(bar, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.fields.editors["title"].editor
