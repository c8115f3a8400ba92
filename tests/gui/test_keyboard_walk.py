"""A whole posting reviewed by keyboard alone: Tab through every field, select a phrase
with Shift+arrows, put it into a field, label a span, reject a field, accept and go
on, and undo, with no mouse event on the way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from reviewer.core.schema import FIELDS
from reviewer.gui.window import ReviewWindow

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _key(qtbot: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
         ) -> None:
    """A key pressed where the focus is, as a person would."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def _select(win: ReviewWindow, qtbot: Any, words: str) -> None:
    """Move the caret to ``words`` with the arrows, then select them with Shift+arrows."""
    document = win.document
    text = document.document().toPlainText()
    start = text.index(words)
    _key(qtbot, Qt.Key.Key_Home, CTRL)
    while document.textCursor().position() < start:
        _key(qtbot, Qt.Key.Key_Right)
    for _ in words:
        _key(qtbot, Qt.Key.Key_Right, SHIFT)
    assert document.textCursor().selectedText() == words


def _stored(win: ReviewWindow, pid: int) -> dict[str, Any]:
    return win.store.records.get(pid)


def test_a_posting_reviewed_by_keyboard_alone(project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win: ReviewWindow = open_window(project)
    win.resize(1366, 768)
    win.queue_pane.select_row(0)
    first = win.pid
    assert first is not None
    win.document.setFocus()

    # Tab through every field, from the first (Alt+T) to the last
    _key(qtbot, Qt.Key.Key_T, ALT)
    seen: list[str] = []
    for _ in range(60):  # (a field that swallowed Tab would stop the walk here)
        focus = QApplication.focusWidget()
        assert not isinstance(focus, QToolButton)
        name = win.fields._field_of.get(focus)
        if name is not None and name not in seen:
            seen.append(name)
        if len(seen) == len(FIELDS):
            break
        _key(qtbot, Qt.Key.Key_Tab)
    assert seen == [f.name for f in FIELDS]
    assert win.pid == first

    # a phrase into a field: go to the field, back to the document, select, put
    _key(qtbot, Qt.Key.Key_D, ALT)  # department
    assert win.focused_field == "department"
    _key(qtbot, Qt.Key.Key_Escape)
    assert win.document.hasFocus()
    _select(win, qtbot, "Data Platform team")
    _key(qtbot, Qt.Key.Key_E, CTRL)
    assert _stored(win, first)["fields"]["department"] == "Data Platform team"
    assert _stored(win, first)["provenance"]["department"] == "corrected"

    # a span labelled
    _select(win, qtbot, "telemetry")
    _key(qtbot, Qt.Key.Key_1, CTRL)  # the first span label
    spans = _stored(win, first)["spans"]
    text = _stored(win, first)["cleaned"]
    assert any(text[s["start"]:s["end"]] == "telemetry" for s in spans)

    # a field rejected
    _key(qtbot, Qt.Key.Key_W, ALT)  # hours per week
    _key(qtbot, Qt.Key.Key_X, CTRL | SHIFT)
    assert _stored(win, first)["provenance"]["work_hours"] == "rejected"

    # accept and go on: the next posting starts in the document
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    assert _stored(win, first)["status"] == "reviewed"
    assert win.pid != first and win.document.hasFocus()

    # undo: the accept is undone, and the window goes back to its posting
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: win.pid == first)
    assert _stored(win, first)["status"] == "new"
    assert _stored(win, first)["provenance"]["work_hours"] == "rejected"  # one step only


def test_ctrl_e_on_the_next_posting_asks_for_a_field_first(project: Path, open_window,  # type: ignore[no-untyped-def]
                                                            qtbot) -> None:
    """A field gone to on one posting, then the next posting: Ctrl+E with a selection
    puts it into no field (the one of the posting before is not this one's), as Ctrl+Shift+X
    rejects none."""
    win = open_window(project)
    _key(qtbot, Qt.Key.Key_D, ALT)  # department, on the first posting
    _key(qtbot, Qt.Key.Key_Escape)
    _key(qtbot, Qt.Key.Key_Right, CTRL)
    second = win.pid
    before = _stored(win, second)["fields"]
    words = win.document.document().toPlainText().split()[0]
    _select(win, qtbot, words)
    _key(qtbot, Qt.Key.Key_E, CTRL)
    assert _stored(win, second)["fields"] == before
    assert "Go to a field first" in win.statusBar().currentMessage()


def test_ctrl_and_the_keypad_s_enter_accept_as_ctrl_return_does(project: Path, open_window,  # type: ignore[no-untyped-def]
                                                                  qtbot) -> None:
    win = open_window(project)
    first = win.pid
    win.document.setFocus()
    _key(qtbot, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert _stored(win, first)["status"] == "reviewed"
    assert win.pid != first


def test_tab_leaves_the_list_and_never_changes_the_posting(project: Path, open_window,  # type: ignore[no-untyped-def]
                                                           qtbot) -> None:
    """Tab in the list moved from cell to cell and, past the last column, to the next
    row: the next posting was shown, under the keys of a reviewer moving between panes."""
    win = open_window(project)
    first = win.pid
    win.queue.setFocus()
    _key(qtbot, Qt.Key.Key_Tab)
    assert not win.queue.hasFocus()
    win.queue.setFocus()
    for _ in range(12):
        _key(qtbot, Qt.Key.Key_Backtab, SHIFT)
        win.queue.setFocus()
    assert win.pid == first


def test_ctrl_shift_x_from_the_comment_rejects_no_field(project: Path, open_window,  # type: ignore[no-untyped-def]
                                                         qtbot) -> None:
    """A field gone to (Alt+T), then the comment on the other tab: Ctrl+Shift+X ("reject
    the focused field") rejected the title, hidden behind the tab, without a word. From
    a box that is no field's (the comment, the search) it rejects none, and says why;
    from a field or the document (where Ctrl+E puts a selection into the field last
    gone to) it rejects that field, and says which."""
    win = open_window(project)
    first = win.pid
    _key(qtbot, Qt.Key.Key_T, ALT)
    win.side.setCurrentIndex(1)  # labels and comment
    win.labels.comment.setFocus()
    qtbot.waitUntil(win.labels.comment.hasFocus)
    before = _stored(win, first)["provenance"]["title"]
    _key(qtbot, Qt.Key.Key_X, CTRL | SHIFT)
    assert _stored(win, first)["provenance"]["title"] == before
    assert "Go to a field first" in win.statusBar().currentMessage()
    win.queue_pane.search_box.setFocus()
    _key(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    assert "Go to a field first" in win.statusBar().currentMessage()

    win.document.setFocus()
    _key(qtbot, Qt.Key.Key_X, CTRL | SHIFT)
    assert _stored(win, first)["provenance"]["title"] == "rejected"
    assert win.statusBar().currentMessage().startswith("Title rejected")
    _key(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    assert _stored(win, first)["provenance"]["title"] != "rejected"
    assert win.statusBar().currentMessage().startswith("Title back to the machine's value")


def test_an_undo_says_what_it_undid_not_what_the_edit_said(project: Path, open_window,  # type: ignore[no-untyped-def]
                                                           qtbot) -> None:
    """An undo of the posting shown said nothing: the bar went on saying "Title
    rejected … (Ctrl+Z takes it back)" once it was taken back."""
    win = open_window(project)
    first = win.pid
    _key(qtbot, Qt.Key.Key_T, ALT)
    _key(qtbot, Qt.Key.Key_X, CTRL | SHIFT)
    assert win.statusBar().currentMessage().startswith("Title rejected")
    win.document.setFocus()
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert _stored(win, first)["provenance"]["title"] != "rejected"
    assert win.statusBar().currentMessage() == f"Undone “reject title” of posting {first}."
    _key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _stored(win, first)["provenance"]["title"] == "rejected"
    assert win.statusBar().currentMessage() == f"Redone “reject title” of posting {first}."
