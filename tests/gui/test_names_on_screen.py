"""A file's or a reviewer's name is shown as it is in the title bar and the menus: an
"&" is no mnemonic, a "[*]" no placeholder for the modified mark."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings

from reviewer.gui import preferences

NAME = "R&D [*] plan.db"


def test_a_project_s_name_shows_as_it_is_in_the_title_and_the_recent_menu(
        project: Path, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    named = tmp_path / NAME
    shutil.copy(project, named)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    preferences.remember_project(settings, named)
    win = open_window(named, settings)
    assert NAME in win.windowHandle().title()
    win.action_table.recent_menu.aboutToShow.emit()
    shown = [a.text() for a in win.action_table.recent_menu.actions()]
    assert shown == ["&1 " + NAME.replace("&", "&&")]  # (a menu shows "&&" as one "&")


def test_a_menu_section_shows_a_name_with_an_ampersand_once(project: Path,
                                                            open_window) -> None:  # type: ignore[no-untyped-def]
    """A section heading is drawn as written (no mnemonic): "&&" would show twice."""
    from reviewer.core.labels import Option, Question
    from reviewer.core.store import Store
    from reviewer.gui.actions import unmarked

    with Store(project) as store:
        schema = store.labels.schema()
        schema.append(Question("R&D", "single", [Option("Q&A")]))
        store.labels.save_schema(schema)
    win = open_window(project)
    menu = win.action_table.labels_menu
    sections = [a.text() for a in menu.actions() if a.isSeparator() and a.text()]
    items = [a.text() for a in menu.actions() if not a.isSeparator()]
    item = next(i for i in items if unmarked(i) == "R&D: Q&A")  # (the names' "&" shown)
    assert "R&D" in sections and item.startswith("R&&D: ") and item.count("&") in (4, 5)


def test_a_long_question_name_does_not_push_the_fields_off_the_window(
        project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A question of 60 letters and no space, answered: the one-line summary of labels
    above the fields could not break it, and the fields' buttons went past the window's
    right edge (x 1502 in a window 1400 wide)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    from reviewer.core.labels import Option, Question
    from reviewer.core.store import Store

    name = "Q" * 60
    with Store(project) as store:
        schema = store.labels.schema()
        schema.append(Question(name, "single", [Option("yes")]))
        store.labels.save_schema(schema)
        store.labels.answer(1, name, ["yes"])
    win = open_window(project)
    win.resize(1400, 860)
    qtbot.waitUntil(lambda: win.pid is not None)
    qtbot.wait(100)
    editor = win.fields.editors["title"]
    buttons = [b for b in editor.findChildren(QToolButton) if b.isVisible()]
    assert buttons
    right = max(b.mapTo(win, b.rect().topRight()).x() for b in buttons)
    assert right < win.width(), right
    assert Qt.TextFormat.PlainText == win.side.summary.textFormat()


def test_a_long_option_name_is_cut_in_its_box_and_whole_in_its_tip(
        project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """An option of 60 characters and no space made its button as wide: the labels' tab
    scrolled sideways and its other column and the comment box were cut off."""
    from PySide6.QtWidgets import QScrollArea

    from reviewer.core.labels import Option, Question
    from reviewer.core.store import Store

    long = "<img_src=file:///tmp/secret/x.png>" + "x" * 30
    with Store(project) as store:
        schema = store.labels.schema()
        schema.append(Question("Q" * 60, "single", [Option("R&D"), Option(long)]))
        # two long names beside each other, each with a long key: the tab scrolled sideways
        schema.append(Question("many", "multi", [
            Option("A_very_long_option_name_" * 3, "", "Alt+Shift+1"),
            Option("Wide_wide_wide_wide_wide_" * 3, "", "Alt+Shift+2")]))
        store.labels.save_schema(schema)
    win = open_window(project)
    win.resize(1366, 768)
    win.side.setCurrentIndex(1)
    qtbot.wait(100)
    scroll = win.side.widget(1)
    assert isinstance(scroll, QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0
    button = win.labels.buttons[("Q" * 60, long)]
    assert "…" in button.text() and button.toolTip().endswith("x" * 30)
    assert win.labels.comment.visibleRegion().boundingRect().width() == \
        win.labels.comment.width()
    win.resize(800, 600)  # a small screen: the options in one column, none cut off
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0)
    assert win.labels.comment.visibleRegion().boundingRect().width() == \
        win.labels.comment.width()


def test_in_a_small_window_each_field_shows_a_readable_stretch_of_its_value(
        project: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """At 800 × 600 the line boxes of the fields shrank to 30 pixels ("Seni", "Lum",
    "202"), while the choices went under their names: a line box keeps room for a
    short value, its name going above it where the pane is narrow."""
    from PySide6.QtWidgets import QLineEdit

    from reviewer.gui.salary_boxes import SalaryBoxes

    win = open_window(project)
    win.resize(800, 600)
    qtbot.waitUntil(lambda: win.pid is not None)
    qtbot.wait(100)
    boxes = [box for editor in win.fields.editors.values()
             for box in editor.findChildren(QLineEdit) if box.isVisibleTo(win)
             and not isinstance(box.parentWidget(), SalaryBoxes)]  # (figures, in a grid)
    assert boxes
    letter = boxes[0].fontMetrics().averageCharWidth()
    narrow = [box.text() for box in boxes if box.width() < letter * 12]
    assert not narrow, narrow


def test_a_name_with_a_right_to_left_override_or_a_line_break_is_shown_escaped(
        project: Path, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Was: "rtl\\u202eblog.db" was drawn "rtlbd.golb" in the title, the status bar and
    the recent lists (the override obeyed, the name disguised), and a line break split
    the title. They are shown as their escapes, as the command line prints them."""
    from PySide6.QtWidgets import QLabel

    from reviewer.gui.start_screen import StartScreen

    folder = tmp_path / "odd\u202efolder"
    folder.mkdir()
    named = folder / "rtl\u202eblog\nx.db"
    shutil.copy(project, named)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    preferences.remember_project(settings, named)
    win = open_window(named, settings)
    title = win.windowHandle().title()
    assert "rtl\\u202eblog\\nx.db" in title and "\u202e" not in title and "\n" not in title
    status = [label.text() for label in win.statusBar().findChildren(QLabel)]
    assert any("odd\\u202efolder" in text for text in status)
    assert not any("\u202e" in text for text in status)
    win.action_table.recent_menu.aboutToShow.emit()
    assert [a.text() for a in win.action_table.recent_menu.actions()] == [
        "&1 rtl\\u202eblog\\nx.db"]
    screen = StartScreen(preferences.recent_projects(settings))
    items = [screen.recent.item(n).text() for n in range(screen.recent.count())]
    assert items and all("\u202e" not in item for item in items)
    assert items[0].startswith("rtl\\u202eblog\\nx.db\n")
    screen.deleteLater()
