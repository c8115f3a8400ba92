"""The search box never shows a search the list is not read by, unless it is being
typed: Ctrl+Z there undoes the window's last edit once the search has run, and its
clear button lists every posting again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from reviewer.gui.window import ReviewWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def win(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(project)  # type: ignore[no-any-return]


def _title(win: ReviewWindow, pid: int) -> str:
    return win.store.records.get(pid)["fields"]["title"]  # type: ignore[no-any-return]


def _typed_title_then_searched(win: ReviewWindow, qtbot) -> int:  # type: ignore[no-untyped-def]
    """Alt+T, Ctrl+A, "Typed Title", Ctrl+F, "python", Enter: the posting titled."""
    pid = win.pid
    assert pid is not None
    qtbot.keyClick(win.document, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    title = QApplication.focusWidget()
    qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(title, "Typed Title")
    qtbot.keyClick(title, Qt.Key.Key_F, CTRL)
    box = win.queue_pane.search_box
    assert box.hasFocus()
    qtbot.keyClicks(box, "python")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert win.model.query == "python" and _title(win, pid) == "Typed Title"
    return pid


def test_ctrl_z_in_the_box_after_its_search_undoes_the_last_edit(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """Ctrl+Z emptied the box (its own undo of the typing) and the list stayed searched
    under an empty box, the title edit not undone."""
    pid = _typed_title_then_searched(win, qtbot)
    box = win.queue_pane.search_box
    listed = win.model.rowCount()
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert box.text() == "python" and win.model.query == "python"
    assert win.model.rowCount() == listed
    assert _title(win, pid) != "Typed Title"
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert _title(win, pid) == "Typed Title" and box.text() == "python"


def test_words_typed_and_not_searched_are_the_box_s_own_to_undo(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    """Its own undo takes back what was typed since the search, no further."""
    pid = _typed_title_then_searched(win, qtbot)
    box = win.queue_pane.search_box
    qtbot.keyClicks(box, " kafka")
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert box.text() == "python" and _title(win, pid) == "Typed Title"
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)  # nothing typed is left: the window's
    assert box.text() == "python" and _title(win, pid) != "Typed Title"


def test_the_clear_button_lists_every_posting_again(  # type: ignore[no-untyped-def]
        win: ReviewWindow, qtbot) -> None:
    box = win.queue_pane.search_box
    box.setText("python")
    box.returnPressed.emit()
    assert win.model.query == "python" and win.model.rowCount() < win.model.total()
    shown = win.pid
    button = box.findChild(QToolButton)
    qtbot.waitUntil(button.isVisible)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.model.query == "")
    assert box.text() == "" and win.model.rowCount() == win.model.total()
    assert win.pid == shown


@pytest.mark.parametrize(("query", "hint"), [("数据", True), ("データ python", True),
                                             ("zzqx", False), ("company:数据", False)])
def test_no_match_for_words_written_without_spaces_says_why(win: ReviewWindow, qtbot,  # type: ignore[no-untyped-def]
                                                            query: str, hint: bool) -> None:
    """"数据" found nothing and the window said only that nothing matched: the words of
    Chinese or Japanese are not told apart in the index (its runs between spaces and
    signs are), as the README says; the message says so where the search has such."""
    win.queue_pane.search_box.setText(query)
    win.queue_pane.search()
    qtbot.waitUntil(lambda: win.model.rowCount() == 0 and "No posting matches"
                    in win.document.toPlainText())
    text = win.document.toPlainText()
    assert ("between spaces and signs" in text) == hint, text
