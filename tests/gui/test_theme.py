"""The dark theme: what a reviewer must tell at a glance stands out from the panel."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton, QWidget

from reviewer.gui.theme import PROBLEM, apply_theme, show_as_problem


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[None]:
    apply_theme(qapp, "dark")
    yield
    apply_theme(qapp, "light")


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        parts = [x / 255 for x in (c.red(), c.green(), c.blue())]
        lin = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in parts]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_a_chosen_option_is_marked_plainly_in_the_dark(dark: None, qtbot: Any) -> None:
    """The chosen label's mark was a grey dot in a frame the colour of the panel."""
    _panel, chosen, other, back = _radio_panel(qtbot)  # (held: its buttons live in it)
    assert _marks(chosen, back) > _marks(other, back) + 20  # a filled dot
    assert _marks(other, back) > 10  # and an empty frame that shows


def test_a_problem_reads_well_in_either_theme(qapp: QApplication, qtbot: Any) -> None:
    """Errors were #c0392b on the dark panel: 2.5 : 1."""
    label = QLabel("⚠ Title: typed, not saved")
    qtbot.addWidget(label)
    show_as_problem(label)
    try:
        for theme, dark in (("light", False), ("dark", True)):
            apply_theme(qapp, theme)
            label.ensurePolished()
            text = label.palette().color(QPalette.ColorRole.WindowText)
            assert text == QColor(PROBLEM[dark])
            assert _contrast(text, qapp.palette().color(QPalette.ColorRole.Window)) >= 4.5
    finally:
        apply_theme(qapp, "light")


def test_a_list_s_check_boxes_show_in_the_dark(dark: None, qtbot: Any) -> None:
    """The bulk edit's options (a list of check boxes) were invisible unchecked."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QListWidget, QListWidgetItem

    options = QListWidget()
    qtbot.addWidget(options)
    item = QListWidgetItem("remote")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    options.addItem(item)
    options.resize(200, 60)
    options.show()
    qtbot.waitExposed(options)
    back = options.viewport().palette().color(QPalette.ColorRole.Base)
    image = options.viewport().grab().toImage()
    box = options.visualItemRect(item)
    frame = sum(_contrast(QColor(image.pixel(x, y)), back) >= 3
                for x in range(box.left(), box.left() + 20) for y in range(box.top(), box.bottom()))
    assert frame > 10


def test_the_list_s_selection_shows_whether_the_keys_go_to_it(open_window, project,
                                                              qtbot) -> None:  # type: ignore[no-untyped-def]
    """The selected row looked the same whether the list had the keyboard focus or
    another pane did: a keyboard user could not tell where Up and Down would go."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    win = open_window(project)
    shown = QApplication.palette(win.queue).color(QPalette.ColorRole.Highlight)
    win.queue.setFocus()
    qtbot.waitUntil(win.queue.hasFocus)
    assert win.queue.palette().color(QPalette.ColorRole.Highlight) == shown
    win.document.setFocus()
    qtbot.waitUntil(win.document.hasFocus)
    grey = win.queue.palette().color(QPalette.ColorRole.Highlight)
    assert grey != shown and grey.saturation() < 20  # grey, not the highlight's colour
    text = win.queue.palette().color(QPalette.ColorRole.HighlightedText)
    assert abs(text.lightness() - grey.lightness()) > 100  # still readable on it


def test_the_list_s_grey_follows_a_change_of_theme(open_window, project, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPalette

    win = open_window(project)
    win.document.setFocus()
    qtbot.waitUntil(win.document.hasFocus)
    dark = next(a for a in win.action_table.theme_actions.actions() if a.data() == "dark")
    try:
        dark.trigger()
        qtbot.waitUntil(lambda: win.document.dark)
        palette = win.queue.palette()
        assert palette.color(QPalette.ColorRole.Base).lightness() < 128  # the theme's
        grey = palette.color(QPalette.ColorRole.Highlight)
        assert grey.lightness() < 128  # a dark grey, light text on it
        assert palette.color(QPalette.ColorRole.HighlightedText).lightness() > 200
    finally:
        win.action_table.set_theme("light")
    qtbot.waitUntil(lambda: not win.document.dark)
    assert win.queue.palette().color(QPalette.ColorRole.Highlight).lightness() > 128


def _desktop_dark() -> QPalette:
    """A dark palette as a desktop's theme gives Qt (not the app's own)."""
    roles, palette = QPalette.ColorRole, QPalette()
    for role, color in ((roles.Window, "#31363b"), (roles.WindowText, "#eff0f1"),
                        (roles.Base, "#232629"), (roles.Text, "#eff0f1"),
                        (roles.Button, "#31363b"), (roles.ButtonText, "#eff0f1"),
                        (roles.Highlight, "#3daee9"), (roles.HighlightedText, "#eff0f1")):
        palette.setColor(role, QColor(color))
    return palette


@pytest.fixture
def dark_desktop(qapp: QApplication) -> Iterator[None]:
    """The app started on a dark desktop that does not say it is dark (Qt's colour
    scheme Unknown, as under qt6ct or an older platform theme)."""
    before = QPalette(qapp.palette())
    qapp.setPalette(_desktop_dark())
    yield
    qapp.setPalette(before)
    apply_theme(qapp, "system")  # the palette as before, taken as the desktop's again
    apply_theme(qapp, "light")


def _radio_panel(qtbot: Any) -> tuple[QWidget, QRadioButton, QRadioButton, QColor]:
    """A panel shown with two radio buttons, the first chosen; and the panel's colour."""
    panel = QWidget()
    qtbot.addWidget(panel)
    chosen, other = QRadioButton("yes", panel), QRadioButton("no", panel)
    other.move(0, 40)
    chosen.setChecked(True)
    panel.resize(120, 80)
    panel.show()
    qtbot.waitExposed(panel)
    return panel, chosen, other, panel.palette().color(QPalette.ColorRole.Window)


def _marks(button: QRadioButton, back: QColor) -> int:
    """Pixels of a radio button's mark that stand out from the panel ``back``."""
    image = button.grab().toImage()
    return sum(_contrast(QColor(image.pixel(x, y)), back) >= 3
               for x in range(min(20, image.width())) for y in range(image.height()))


def test_following_the_system_keeps_a_dark_desktop_s_palette(dark_desktop: None,
                                                             qapp: QApplication,
                                                             qtbot: Any) -> None:
    """"Follow the system" put the style's light palette over the desktop's dark one
    whenever Qt could not tell the scheme; the radio buttons' empty marks then vanished
    on the dark panel, the remedy being the app's own Dark theme's alone."""
    from PySide6.QtCore import Qt

    assert qapp.styleHints().colorScheme() != Qt.ColorScheme.Dark
    apply_theme(qapp, "system")
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor("#31363b")
    _panel, chosen, other, back = _radio_panel(qtbot)  # (held: its buttons live in it)
    assert _marks(other, back) > 10
    assert _marks(chosen, back) > _marks(other, back) + 20
    apply_theme(qapp, "dark")  # the app's own, and back to the desktop's
    apply_theme(qapp, "system")
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor("#31363b")


def test_a_dark_palette_set_later_gets_marks_that_show(qapp: QApplication,
                                                       qtbot: Any) -> None:
    """A window opened on a dark palette (the desktop's, never a theme chosen here) had
    no remedy for its radio buttons either."""
    from reviewer.gui.theme import follow_palette

    before = QPalette(qapp.palette())
    follow_palette(qapp)  # (as a review window does)
    try:
        qapp.setPalette(_desktop_dark())
        assert "indicator" in qapp.styleSheet() and "#232629" in qapp.styleSheet()
    finally:
        qapp.setPalette(before)
    assert "indicator" not in qapp.styleSheet()
