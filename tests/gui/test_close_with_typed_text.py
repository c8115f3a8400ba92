"""Closing the window, or the project, while a field holds text typed that cannot be read
(so is not saved) asks first: Cancel keeps the window and the text; Discard closes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from reviewer.gui.app import Launcher
from reviewer.gui.window import ReviewWindow


def _type_unreadable(win: ReviewWindow, qtbot) -> QLineEdit:  # type: ignore[no-untyped-def]
    box = win.fields.editors["valid_through"].editor
    assert isinstance(box, QLineEdit)
    box.setFocus()
    box.selectAll()
    box.insert("next friday <b>soon</b>")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # read, refused: kept in the box, not saved
    assert win.fields.unreadable() == ["Apply by"]
    return box


def _answer(box: QMessageBox | None, button: QMessageBox.StandardButton) -> None:
    assert box is not None and box.isVisible()
    box.button(button).click()


def test_closing_the_window_asks_before_dropping_unreadable_text(
        project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    win: ReviewWindow = open_window(project)
    box = _type_unreadable(win, qtbot)
    pid = win.pid
    assert not win.close()  # not closed: asked
    ask = win.leave.question
    assert ask is not None and ask.textFormat() == Qt.TextFormat.PlainText
    assert f"Posting {pid}" in ask.text() and "Apply by" in ask.text()
    assert "next friday <b>soon</b>" in ask.text()
    assert ask.defaultButton() is ask.button(QMessageBox.StandardButton.Cancel)
    _answer(ask, QMessageBox.StandardButton.Cancel)
    assert win.isVisible() and box.text() == "next friday <b>soon</b>"
    assert not win.close()  # asked again
    _answer(win.leave.question, QMessageBox.StandardButton.Discard)
    qtbot.waitUntil(lambda: not win.isVisible())


def test_closing_with_nothing_unreadable_asks_nothing(project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    win: ReviewWindow = open_window(project)
    assert win.close()
    assert win.leave.question is None


def test_closing_the_project_asks_before_dropping_unreadable_text(
        launcher: Launcher, project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert launcher.open(project, create=False)
    win = launcher.window
    assert win is not None
    box = _type_unreadable(win, qtbot)
    win.action_table.by_id["close_project"].trigger()
    assert launcher.window is win and launcher.start_screen is None  # not yet: asked
    _answer(win.leave.question, QMessageBox.StandardButton.Cancel)
    assert launcher.window is win and win.isVisible() and box.text().startswith("next friday")
    win.action_table.by_id["close_project"].trigger()
    _answer(win.leave.question, QMessageBox.StandardButton.Discard)
    assert launcher.window is None and launcher.start_screen is not None


def test_opening_another_project_asks_before_dropping_unreadable_text(
        launcher: Launcher, project: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert launcher.open(project, create=False)
    win = launcher.window
    assert win is not None
    _type_unreadable(win, qtbot)
    win.leave.open_project(tmp_path / "other.db")
    assert launcher.window is win
    _answer(win.leave.question, QMessageBox.StandardButton.Discard)
    assert launcher.window is not None and launcher.window.store.path == tmp_path / "other.db"


def test_closing_the_project_while_still_typing_asks_first(
        launcher: Launcher, project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The caret still in the field (the text not yet read): the gate found nothing to
    lose, the project closed, and the question came once the text was gone."""
    assert launcher.open(project, create=False)
    win = launcher.window
    assert win is not None
    box = win.fields.editors["valid_through"].editor
    assert isinstance(box, QLineEdit)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.selectAll()
    box.insert("next friday soon")  # typed, not read yet
    win.action_table.by_id["close_project"].trigger()
    assert launcher.window is win and launcher.start_screen is None  # asked first
    _answer(win.leave.question, QMessageBox.StandardButton.Cancel)
    assert launcher.window is win and box.text() == "next friday soon"
