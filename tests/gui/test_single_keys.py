"""Single-key mode: A, X, Space, Backspace and 1–9 in the document or the queue; off by
default, kept in the settings, and never taking a key typed into a field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit

from reviewer.gui.window import ReviewWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def win(project: Path, open_window, settings: QSettings) -> ReviewWindow:  # type: ignore[no-untyped-def]
    window: ReviewWindow = open_window(project, settings)
    window.queue_pane.select_row(0)
    window.single_keys.action.trigger()  # View → Single-key mode
    window.document.setFocus()
    return window


def _status(win: ReviewWindow, pid: int) -> str:
    return str(win.store.records.get(pid)["status"])


def test_off_by_default_and_a_is_then_just_a_key(project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project)
    window.queue_pane.select_row(0)
    first = window.pid
    qtbot.keyClick(window.document, Qt.Key.Key_A)
    assert window.pid == first and _status(window, first) == "new"


def test_a_accepts_and_goes_on_and_backspace_undoes(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = win.pid
    assert first is not None
    qtbot.keyClick(win.document, Qt.Key.Key_A)
    assert _status(win, first) == "reviewed" and win.pid != first
    assert win.document.hasFocus()  # the next posting starts in the document
    qtbot.keyClick(win.document, Qt.Key.Key_Backspace)
    assert _status(win, first) == "new"


def test_x_rejects_space_skips(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = win.pid
    assert first is not None
    qtbot.keyClick(win.document, Qt.Key.Key_X)
    assert _status(win, first) == "flagged" and win.pid != first
    second = win.pid
    assert second is not None
    qtbot.keyClick(win.queue, Qt.Key.Key_Space)  # in the queue too
    assert _status(win, second) == "skipped" and win.pid != second


def test_digits_answer_the_document_options(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    options = [(q.name, o.name) for q in win.schema if q.kind != "span" for o in q.options]
    qtbot.keyClick(win.document, Qt.Key.Key_2)
    question, option = options[1]
    assert win.store.records.get(win.pid)["labels"].get(question) == [option]  # type: ignore[arg-type]


def test_keys_typed_into_a_field_are_text(win: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    title = win.fields.editors["title"].editor
    assert isinstance(title, QLineEdit)
    first = win.pid
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "ax 1")
    assert title.text() == "ax 1" and win.pid == first


def test_the_mode_is_kept(win: ReviewWindow, open_window, project: Path,  # type: ignore[no-untyped-def]
                          settings: QSettings) -> None:
    settings.sync()
    assert open_window(project, settings).single_keys.on


def test_what_the_mode_says_fits_the_status_bar_of_a_laptop(  # type: ignore[no-untyped-def]
        project: Path, open_window, qtbot) -> None:
    """At 1366 px the message was cut at "…first nine document"."""
    window: ReviewWindow = open_window(project)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    window.single_keys.action.trigger()
    bar = window.statusBar()
    said = bar.currentMessage()
    room = min(w.x() for w in (window.saved, window.progress) if w.isVisible()) - 12
    assert bar.fontMetrics().horizontalAdvance(said) <= room, (said, room)
    assert said.startswith("Single-key mode on: A accept") and "F1" in said
    window.single_keys.action.trigger()
    assert bar.currentMessage() == "Single-key mode off."
