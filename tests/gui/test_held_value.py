"""A value typed over one another window or program set since it was shown, held in its
box: Esc keeps the file's value, Tab saves yours over it, nothing else goes on over it
wherever the focus is; a value typed as the one set meanwhile stands; a value put in
from a selection is held as one typed; closing says what the held text is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from reviewer.core.store import Store
from reviewer.gui.field_rows import FieldEditor
from reviewer.gui.window import ReviewWindow


@pytest.fixture
def win(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    window: ReviewWindow = open_window(project)
    window.queue_pane.select_row(0)
    return window


def _set_elsewhere(win: ReviewWindow, value: str) -> None:
    with Store(win.store.path) as other:  # another window, or program
        other.decisions.set_field(1, "company", value)


def _company(win: ReviewWindow) -> str:
    return win.store.records.get(1)["fields"]["company"]  # type: ignore[no-any-return]


def _typed_over(win: ReviewWindow, qtbot, meanwhile: str, typed: str) -> FieldEditor:  # type: ignore[no-untyped-def]
    """``typed`` into the company's box and Tab, over ``meanwhile``, set since it was shown."""
    _set_elsewhere(win, meanwhile)
    row = win.fields.editors["company"]
    assert isinstance(row.editor, QLineEdit)
    row.editor.setFocus()
    row.editor.selectAll()
    row.editor.insert(typed)
    qtbot.keyClick(row.editor, Qt.Key.Key_Tab)
    return row


def _held(win: ReviewWindow, qtbot) -> FieldEditor:  # type: ignore[no-untyped-def]
    """“Mine” typed over “B co”, set since the field was shown; the focus back in it."""
    row = _typed_over(win, qtbot, "B co", "Mine")
    assert row.held and row.editor.text() == "Mine" and _company(win) == "B co"
    row.editor.setFocus()
    return row


def test_esc_in_a_held_box_keeps_the_value_set_meanwhile(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = _held(win, qtbot)
    qtbot.keyClick(row.editor, Qt.Key.Key_Escape)
    assert _company(win) == "B co" and row.editor.text() == "B co"
    assert not row.held and not row.state.isVisible() and win.fields.unreadable() == []
    assert "yours dropped; “B co”" in win.statusBar().currentMessage()
    assert win.flow.may_leave()  # nothing holds the posting now


def test_nothing_goes_on_over_a_held_box_the_focus_is_in(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = _held(win, qtbot)
    win.flow.accept_and_next()
    assert win.pid == 1 and win.store.records.get(1)["status"] == "new"
    assert _company(win) == "B co" and row.editor.text() == "Mine"
    said = win.statusBar().currentMessage()
    assert said.startswith("Accept all: not done. Company: “B co” was set meanwhile")
    assert "Esc keeps that" in said and "correct it" not in said
    assert not win.flow.may_leave()
    qtbot.keyClick(row.editor, Qt.Key.Key_Tab)  # saved over it, seen
    assert _company(win) == "Mine" and not row.held


def test_a_value_typed_as_the_one_set_meanwhile_stands(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = _typed_over(win, qtbot, "Same Co", "Same  Co")
    assert not row.held and not row.state.isVisible() and win.fields.unreadable() == []
    assert row.editor.text() == "Same Co" and _company(win) == "Same Co"
    assert "it stands" in win.statusBar().currentMessage()


def test_a_value_put_in_from_a_selection_refused_is_held_in_its_box(
        win: ReviewWindow) -> None:
    _set_elsewhere(win, "B co")
    found = win.document.document().find("dashboards and alerts")
    assert not found.isNull()
    win.document.setTextCursor(found)
    win.put_selection("company")
    row = win.fields.editors["company"]
    assert _company(win) == "B co" and row.held and row.editor.text() == "dashboards and alerts"


def test_closing_says_the_held_text_was_typed_over_a_value_set_meanwhile(
        win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _held(win, qtbot)
    assert not win.close()
    ask = win.leave.question
    assert ask is not None
    assert "Company: typed over “B co”, which was set meanwhile" in ask.text()
    assert "cannot be read" not in ask.text().split("\n\n")[1]
    ask.button(QMessageBox.StandardButton.Cancel).click()
