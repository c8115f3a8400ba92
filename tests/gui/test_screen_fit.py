"""On a laptop's screen (1366 x 768, or 1024 x 600 with panels) the window and its
dialogs open inside the screen's free area: a window opened at 1400 x 860 hid its
status bar and the reject buttons below the screen's edge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from reviewer.gui import screen_fit
from reviewer.gui.guidelines import GuidelinesDialog
from reviewer.gui.stats_view import StatsView
from reviewer.gui.window import ReviewWindow


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1024, 600)])
def test_the_window_and_its_dialogs_open_within_a_small_screen(
        project: Path, open_window, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        width: int, height: int) -> None:
    monkeypatch.setattr(screen_fit, "free_area", lambda _widget: QRect(0, 0, width, height))
    win: ReviewWindow = open_window(project)
    opened = [win, GuidelinesDialog(win, "Guidelines", "", {}),
              StatsView(win, project, str)]
    for widget in opened:
        assert widget.width() <= width and widget.height() <= height, type(widget).__name__
    assert win.width() >= width * 0.9  # as much of it as it may have
    for dialog in opened[1:]:
        dialog.close()


def test_the_fields_side_grows_with_a_larger_font(project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    """At 14 pt the side pane kept the share of 9 pt: the fields' boxes were 100 px wide
    ("2025-01-1", "bachelo")."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    before = QApplication.font()
    widths = []
    try:
        for size in (before.pointSizeF(), 14.0):
            font = QFont(before)
            font.setPointSizeF(size)
            QApplication.setFont(font)
            win: ReviewWindow = open_window(project)
            win.resize(1366, 768)
            QApplication.processEvents()
            widths.append(win.side.width() / win.width())
            win.close()
    finally:
        QApplication.setFont(before)
    assert widths[1] > widths[0] * 1.25


@pytest.fixture
def big_font() -> Iterator[None]:
    """The app's font at 14 pt, as a person who reads large text sets it."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    before = QApplication.font()
    font = QFont(before)
    font.setPointSizeF(14.0)
    QApplication.setFont(font)
    yield
    QApplication.setFont(before)


def test_dialogs_fit_a_small_screen_at_a_large_font(
        tmp_path: Path, open_window, monkeypatch: pytest.MonkeyPatch, big_font: None,  # type: ignore[no-untyped-def]
        qtbot) -> None:
    """At 14 pt on 1024 x 600 the import preview opened 1270 px wide (Import and Cancel
    past the screen's right edge) and the shortcut editor 1059 px: they scroll inside
    instead."""
    import csv

    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from reviewer.core.store import Store

    width, height = 1024, 600
    monkeypatch.setattr(screen_fit, "free_area", lambda _widget: QRect(0, 0, width, height))
    path = tmp_path / "empty.db"
    Store(path).close()
    win: ReviewWindow = open_window(path)
    data = tmp_path / "jobs.csv"
    with data.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Job Title", "Company Name", "Location", "Salary Estimate",
                         "Job Description"])
        writer.writerow(["Data Engineer", "Quillstone Labs", "Irvine, CA", "$90K",
                         "We are hiring a data engineer to build our pipelines. " * 4])
    assert win.long_work.import_files([data])
    win.action_table.edit_shortcuts()
    dialogs = [win.long_work.import_dialog, win.action_table.shortcut_dialog]
    for dialog in dialogs:
        assert dialog is not None
        dialog.show()
        QApplication.processEvents()
        name = type(dialog).__name__
        assert dialog.width() <= width and dialog.height() <= height, (name, dialog.size())
        buttons = dialog.findChild(QDialogButtonBox)
        corner = buttons.mapTo(dialog, QPoint(buttons.width(), buttons.height()))
        assert dialog.rect().contains(corner - QPoint(1, 1)), name  # the buttons in view
        dialog.reject()
