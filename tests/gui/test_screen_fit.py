"""On a laptop's screen (1366 x 768, or 1024 x 600 with panels) the window and its
dialogs open inside the screen's free area: a window opened at 1400 x 860 hid its
status bar and the reject buttons below the screen's edge."""

from __future__ import annotations

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
