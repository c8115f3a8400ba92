"""What the mouse learns by hovering, the keys learn too: the caret moved onto removed
text says why it was removed, onto a highlight what it is; a field reached by the keys
says its state and, where a person changed it, what the machine read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reviewer.gui.fields_panel import KEYS
from reviewer.gui.window import ReviewWindow


def _enter(win: ReviewWindow, qtbot, wanted) -> None:  # type: ignore[no-untyped-def]
    """The caret moved by the Left key onto the last character of the first run of text
    whose format is ``wanted`` (from the text after it, of another tooltip)."""
    doc = win.document.document()
    cursor = QTextCursor(doc)
    tips = []
    for position in range(1, doc.characterCount()):
        cursor.setPosition(position)  # (the format of the character before it)
        tips.append((cursor.charFormat().toolTip(), wanted(cursor.charFormat())))
    at = next(i for i in range(len(tips) - 1) if tips[i][1] and tips[i][0] != tips[i + 1][0])
    cursor = win.document.textCursor()
    cursor.setPosition(at + 1)
    win.document.setTextCursor(cursor)
    qtbot.keyClick(win.document, Qt.Key.Key_Left)
    assert win.document.textCursor().position() == at


def test_the_caret_on_removed_text_says_why_it_was_removed(project: Path, open_window,  # type: ignore[no-untyped-def]
                                                           qtbot) -> None:
    win: ReviewWindow = open_window(project)
    win.view_choice.setCurrentIndex(win.view_choice.findData("removed"))
    win.document.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.document)
    _enter(win, qtbot, lambda fmt: fmt.fontStrikeOut())
    said = win.statusBar().currentMessage()
    assert said.startswith("Removed"), said
    _enter(win, qtbot, lambda fmt: not fmt.fontStrikeOut() and not fmt.toolTip())
    assert win.statusBar().currentMessage() == ""


def test_the_caret_on_a_highlight_names_its_field(project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win: ReviewWindow = open_window(project)
    win.document.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.document)
    _enter(win, qtbot, lambda fmt: "Title" in fmt.toolTip())
    assert "Title" in win.statusBar().currentMessage()


def test_a_corrected_field_reached_by_its_key_says_what_the_machine_read(  # type: ignore[no-untyped-def]
        project: Path, open_window, qtbot) -> None:
    win: ReviewWindow = open_window(project)
    machine = win.store.records.get(win.pid)["machine"]["company"]["value"]  # type: ignore[arg-type]
    win.flow.set_field("company", "Someone Else Ltd")
    win.document.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.document)
    qtbot.keyClick(win.document, getattr(Qt.Key, f"Key_{KEYS['company']}"),
                   Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: win.fields.editors["company"].isAncestorOf(
        QApplication.focusWidget()))
    said = win.statusBar().currentMessage()
    assert said.startswith("Company: corrected") and f"The machine read: {machine}" in said


def test_a_field_reached_by_tab_says_its_state_and_one_focused_by_the_window_does_not(  # type: ignore[no-untyped-def]
        project: Path, open_window, qtbot) -> None:
    win: ReviewWindow = open_window(project)
    win.statusBar().showMessage("what the window said")
    title = win.fields.editors["title"]
    title.editor.setFocus(Qt.FocusReason.OtherFocusReason)  # (as the window moves it)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title.editor)
    assert win.statusBar().currentMessage() == "what the window said"
    qtbot.keyClick(title.editor, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    name = next(n for n, e in win.fields.editors.items() if e.isAncestorOf(focused))
    assert win.statusBar().currentMessage().startswith(win.fields.editors[name].spec.label)
