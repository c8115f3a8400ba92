"""Hostile tests of the guidelines dialog (F2): a project file's Markdown is untrusted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from planted_files import Planted
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from test_no_local_files import painted, shown_text

from reviewer.core.store import Store
from reviewer.gui.window import ReviewWindow


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_link_title_in_the_guidelines_is_a_plain_tooltip(project: Path, planted: Planted,
                                                            open_window: Any,
                                                            qtbot: Any) -> None:
    """A Markdown link's title becomes the link's tooltip; shown on hover it is read as
    rich text, and its <img> loads a local file."""
    tag = f"<img src='{planted.url}'>"
    with Store(project) as store:
        store.meta.set_guidelines(f'# Rules\n\nRead [the rules](https://example.com "{tag}") '
                                  "before you start.\n")
    window: ReviewWindow = open_window(project)
    qtbot.keyClick(window.document, Qt.Key.Key_F2)
    dialog = window.guidelines
    assert dialog is not None
    painted(dialog)
    planted.opened()
    browser = dialog.browser
    cursor = QTextCursor(browser.document())
    cursor.setPosition(browser.document().toPlainText().index("the rules") + 3)
    point = browser.cursorRect(cursor).center()
    QApplication.sendEvent(browser.viewport(), QHelpEvent(
        QEvent.Type.ToolTip, point, browser.viewport().mapToGlobal(point)))
    shown = QToolTip.text() if QToolTip.isVisible() else ""
    for tip in QApplication.topLevelWidgets():
        if tip.inherits("QTipLabel") and tip.isVisible():
            painted(tip)
    QToolTip.hideText()
    assert planted.opened() == []
    assert shown == "" or tag in shown_text(shown)


def _nested_descriptions(project: Path) -> None:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(project)) as db, db:
        db.execute("INSERT OR REPLACE INTO project_meta (key, value) VALUES"
                   " ('descriptions', ?)", ("[" * 100_000 + "]" * 100_000,))


def test_nested_descriptions_in_a_project_file_are_no_crash(project: Path) -> None:
    """``Meta.descriptions`` catches JSONDecodeError but not the RecursionError that
    deeply nested JSON (200 KB) raises."""
    _nested_descriptions(project)
    with Store(project) as store:
        assert store.meta.descriptions() == {}


def test_nested_descriptions_do_not_stop_the_window_opening(project: Path, open_window: Any,
                                                            qtbot: Any) -> None:
    _nested_descriptions(project)
    window: ReviewWindow = open_window(project)
    assert window.isVisible()
