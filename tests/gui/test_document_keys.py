"""The document from the keyboard: a caret that arrows move, selections by key that the
span keys and "put into field" act on, while the window's own keys keep working."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from reviewer.gui.document_view import DocumentView
from reviewer.gui.window import ReviewWindow

QUIET = pytest.mark.qt_log_level_fail("WARNING")  # (a window warns of size hints offscreen)

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
TEXT = "Senior engineer in Berlin\n\nWe use Kafka daily and Go at night.\n"


@pytest.fixture
def shown(qtbot: Any) -> DocumentView:
    """A document view shown, focused, on a short posting, the caret at its start."""
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    with qtbot.waitExposed(view):
        view.show()
    view.show_posting(TEXT, {})
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    return view


@pytest.fixture
def win(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(project)  # type: ignore[no-any-return]


def keys(qtbot: Any, widget: Any, *presses: tuple[Qt.Key, Any] | Qt.Key) -> None:
    for press in presses:
        key, mods = press if isinstance(press, tuple) else (press, Qt.KeyboardModifier(0))
        qtbot.keyClick(widget, key, mods)


def caret_at(view: DocumentView, words: str) -> None:
    """The caret just before ``words`` (no selection), as a click would leave it."""
    found = view.document().find(words)
    assert not found.isNull(), words
    cursor = QTextCursor(view.document())
    cursor.setPosition(found.selectionStart())
    view.setTextCursor(cursor)


def selected(view: DocumentView) -> str:
    return view.textCursor().selectedText()


@QUIET
def test_arrows_move_the_caret_and_shift_selects(shown: DocumentView, qtbot: Any) -> None:
    keys(qtbot, shown, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right)
    assert shown.textCursor().position() == 3 and not shown.textCursor().hasSelection()
    keys(qtbot, shown, (Qt.Key.Key_Right, SHIFT), (Qt.Key.Key_Right, SHIFT),
         (Qt.Key.Key_Right, SHIFT))
    assert selected(shown) == "ior"
    keys(qtbot, shown, (Qt.Key.Key_End, SHIFT))
    assert selected(shown) == "ior engineer in Berlin"
    keys(qtbot, shown, (Qt.Key.Key_Home, SHIFT))
    assert selected(shown) == "Sen"
    keys(qtbot, shown, Qt.Key.Key_Down, Qt.Key.Key_Home)
    assert shown.textCursor().block().text().startswith("We use")
    keys(qtbot, shown, (Qt.Key.Key_Right, CTRL | SHIFT), (Qt.Key.Key_Right, CTRL | SHIFT))
    assert selected(shown).strip() == "We use"


@QUIET
def test_the_caret_is_drawn(shown: DocumentView, qtbot: Any) -> None:
    """Moving the caret (no selection) changes the picture: a caret is drawn."""
    before = shown.viewport().grab().toImage()
    keys(qtbot, shown, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right)
    assert not shown.textCursor().hasSelection()
    assert shown.viewport().grab().toImage() != before


@QUIET
def test_keys_do_not_edit_the_document(shown: DocumentView, qtbot: Any) -> None:
    text = shown.toPlainText()
    keys(qtbot, shown, (Qt.Key.Key_Right, SHIFT), Qt.Key.Key_X, Qt.Key.Key_Backspace,
         Qt.Key.Key_Delete, Qt.Key.Key_Return, (Qt.Key.Key_V, CTRL), (Qt.Key.Key_X, CTRL))
    assert shown.toPlainText() == text and shown.isReadOnly()


def test_ctrl_arrows_still_move_through_the_queue(win: ReviewWindow, qtbot: Any) -> None:
    """Ctrl+Left/Right are the window's (previous/next posting), also from the document;
    Ctrl+Shift+Left/Right select by word there and leave the posting where it is."""
    win.focus_document()
    qtbot.waitUntil(win.document.hasFocus)
    first = win.pid
    caret_at(win.document, "Austin")
    keys(qtbot, win.document, (Qt.Key.Key_Right, CTRL | SHIFT))
    assert win.pid == first and selected(win.document).startswith("Austin")
    keys(qtbot, win.document, (Qt.Key.Key_Left, CTRL | SHIFT))
    assert win.pid == first and not win.document.textCursor().hasSelection()
    keys(qtbot, win.document, (Qt.Key.Key_Right, CTRL))
    assert win.pid == win.model.id_at(1)
    assert win.document.hasFocus()  # the caret is where the person is working
    keys(qtbot, win.document, (Qt.Key.Key_Left, CTRL))
    assert win.pid == first


def test_a_span_key_labels_a_selection_made_by_keys(win: ReviewWindow, qtbot: Any) -> None:
    win.focus_document()
    caret_at(win.document, "Kafka and Kubernetes")
    keys(qtbot, win.document, *[(Qt.Key.Key_Right, SHIFT)] * 5)
    assert selected(win.document) == "Kafka"
    keys(qtbot, win.document, (Qt.Key.Key_1, CTRL))  # the first span label: SKILL
    posting = win.store.records.get(win.pid)  # type: ignore[arg-type]
    assert [(posting["cleaned"][s["start"]:s["end"]], s["label"]) for s in posting["spans"]
            if s["state"] == "accepted"] == [("Kafka", "SKILL")]


def test_ctrl_e_puts_a_selection_made_by_keys(win: ReviewWindow, qtbot: Any) -> None:
    department = win.fields.editors["department"].editor
    department.setFocus()  # the field to put into
    qtbot.keyClick(department, Qt.Key.Key_Escape)  # back to the document
    assert win.document.hasFocus()
    caret_at(win.document, "Data Platform team")
    keys(qtbot, win.document, *[(Qt.Key.Key_Right, CTRL | SHIFT)] * 2)
    keys(qtbot, win.document, (Qt.Key.Key_E, CTRL))
    assert win.store.records.get(win.pid)["fields"]["department"] == "Data Platform"  # type: ignore[arg-type]


def test_going_to_a_field_keeps_the_selection_for_ctrl_e(win: ReviewWindow, qtbot: Any) -> None:
    """Select, go to the field (Alt + its letter: its evidence flashes), Ctrl+E: the
    selection is what is put, not lost to the flash."""
    win.focus_document()
    caret_at(win.document, "Data Platform team")
    keys(qtbot, win.document, *[(Qt.Key.Key_Right, CTRL | SHIFT)] * 2)
    assert selected(win.document).strip() == "Data Platform"
    keys(qtbot, win, (Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier))  # the title
    assert win.fields.focused() == "title"
    assert selected(win.document).strip() == "Data Platform"
