"""The start screen and moving between projects: open, new, import, demo, recent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from reviewer.core.store import Store
from reviewer.gui import preferences
from reviewer.gui.app import Launcher

SAMPLES = Path(__file__).resolve().parents[2] / "reviewer" / "resources" / "samples"


def test_a_first_start_offers_the_four_ways_in(launcher: Launcher) -> None:
    launcher.show_start()
    screen = launcher.start_screen
    assert screen is not None and screen.isVisible()
    assert set(screen.buttons) == {"open", "new", "import", "demo"}
    assert screen.recent.isHidden()


def test_the_demo_opens_from_the_start_screen(launcher: Launcher) -> None:
    launcher.show_start()
    assert launcher.start_screen is not None
    launcher.start_screen.buttons["demo"].click()
    window = launcher.window
    assert window is not None and window.isVisible() and launcher.start_screen is None
    assert window.model.rowCount() == 8 and window.pid is not None


def test_closing_a_project_lists_it_as_recent_and_it_reopens(launcher: Launcher,
                                                             project: Path) -> None:
    assert launcher.open(project, create=False)
    assert launcher.window is not None
    launcher.window.action_table.by_id["close_project"].trigger()
    screen = launcher.start_screen
    assert screen is not None and launcher.window is None
    assert screen.recent.count() == 1 and screen.recent.item(0).text().startswith("project.db")
    screen.recent.itemActivated.emit(screen.recent.item(0))
    assert launcher.window is not None and launcher.window.store.path == project


def test_a_project_reopens_at_the_posting_shown_when_it_was_closed(launcher: Launcher,
                                                                  project: Path) -> None:
    """It opened at the first posting, reviewed long ago: the reviewer had to find their
    place again every time."""
    assert launcher.open(project, create=False) and launcher.window is not None
    launcher.window.queue_pane.go_next()
    launcher.window.queue_pane.go_next()
    third = launcher.window.pid
    launcher.window.action_table.by_id["close_project"].trigger()
    assert launcher.open(project, create=False) and launcher.window is not None
    assert launcher.window.pid == third != launcher.window.model.id_at(0)


def test_a_file_that_is_no_project_is_refused_with_a_message(launcher: Launcher,
                                                             tmp_path: Path) -> None:
    launcher.show_start()
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list")
    assert not launcher.open(notes, create=False)
    assert launcher.error_box is not None and "not a project file" in launcher.error_box.text()
    assert launcher.start_screen is not None and launcher.start_screen.isVisible()
    assert notes.read_text() == "shopping list"


def test_a_new_project_imports_the_chosen_files(launcher: Launcher, tmp_path: Path,
                                                qtbot) -> None:  # type: ignore[no-untyped-def]
    launcher.show_start()
    assert launcher.start_screen is not None
    launcher.start_screen.new_project.emit(tmp_path / "new.db", [SAMPLES])
    window = launcher.window
    assert window is not None and window.long_work.job is not None
    with qtbot.waitSignal(window.long_work.job.signals.finished, timeout=60_000):
        pass
    assert window.model.rowCount() == 8


def test_switching_projects_from_the_window(launcher: Launcher, project: Path,
                                            tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    Store(other).close()
    assert launcher.open(project)
    first = launcher.window
    assert first is not None
    first.switch_project.emit(other)
    assert launcher.window is not None and launcher.window is not first
    assert launcher.window.store.path == other
    assert preferences.recent_projects(launcher.settings) == [other.resolve(), project.resolve()]


def test_recent_projects_forget_files_that_are_gone(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    kept, gone = tmp_path / "kept.db", tmp_path / "gone.db"
    kept.write_bytes(b"")
    for path in (gone, kept, gone):  # the newest first, no repeats
        preferences.remember_project(settings, path)
    assert preferences.recent_projects(settings) == [kept.resolve()]
    for i in range(15):
        preferences.remember_project(settings, tmp_path / f"{i}.db")
    assert len(settings.value("recent_projects")) == preferences.RECENT  # type: ignore[arg-type]


def test_a_demo_file_that_cannot_be_opened_is_made_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The demo is throw-away: one written by a newer version, or damaged, is replaced by
    a fresh one rather than refused."""
    import sqlite3

    from reviewer.gui import app

    monkeypatch.setattr(app.QStandardPaths, "writableLocation", lambda _where: str(tmp_path))
    newer = sqlite3.connect(tmp_path / "demo.db")
    newer.execute("PRAGMA user_version = 999")
    newer.close()
    path = app.demo_project()
    with Store(path) as store:
        assert store.queue.count() > 0
    (tmp_path / "demo.db").write_bytes(b"not a database" * 100)
    with Store(app.demo_project()) as store:
        assert store.queue.count() > 0


def test_a_project_name_too_long_for_the_file_system_is_said(launcher: Launcher,
                                                             project: Path,
                                                             tmp_path: Path) -> None:
    assert launcher.open(project)
    first = launcher.window
    assert first is not None
    first.switch_project.emit(tmp_path / ("b" * 300 + ".db"))
    assert launcher.error_box is not None and "File name too long" in launcher.error_box.text()
    assert launcher.window is first and first.store.path == project


def test_an_edit_waits_for_another_program_a_few_seconds_not_half_a_minute(
        launcher: Launcher, project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Another program holding the project's write lock held the window 30 s at one
    Tab, with nothing said: it waits a few seconds, then says the edit is not saved,
    with Retry."""
    import sqlite3
    import time

    from reviewer.gui.app import WINDOW_WAIT

    assert WINDOW_WAIT <= 5
    assert launcher.open(project)
    window = launcher.window
    assert window is not None
    other = sqlite3.connect(project, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        assert not window.flow.set_field("title", "Data Engineer")
        assert time.monotonic() - began < WINDOW_WAIT + 2
        qtbot.waitUntil(lambda: window.save_state.problem is not None)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_closing_says_where_edits_are_when_the_file_alone_lacks_them(
        launcher: Launcher, project: Path) -> None:
    """Another program reading the project at close: the edits stayed in project.db-wal,
    and nothing said that project.db alone, copied or backed up, lacks them."""
    import sqlite3

    assert launcher.open(project)
    window = launcher.window
    assert window is not None
    assert window.flow.set_field("title", "Data Engineer")
    reader = sqlite3.connect(project, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM annotations").fetchone()
    try:
        said = launcher.close_window()
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    assert said is not None and f"{project.name}-wal" in said
    assert launcher.open(project)
    assert launcher.close_window() is None  # nothing left beside it



def test_each_recent_project_has_room_for_its_folder(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A name in a script the list's font lacks (Chinese, Japanese) is drawn in another
    font, its line a fraction of a pixel taller than the row's measure left room for:
    the folder's line was dropped ("求人データ.db…"). A row is as tall as its lines as
    laid out, each in the font it is drawn in, rounded up."""
    import math

    from PySide6.QtGui import QTextLayout

    from reviewer.gui.start_screen import StartScreen

    names = ["proj.db", "مشروع-التوظيف.db", "求人データ.db"]
    screen = StartScreen([tmp_path / name for name in names])
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)

    def lines_height(text: str) -> float:
        total = 0.0
        for part in text.split("\n"):
            layout = QTextLayout(part, screen.recent.font())
            layout.beginLayout()
            line = layout.createLine()
            line.setLineWidth(10000.0)
            total += line.height()
            layout.endLayout()
        return total

    for row, name in enumerate(names):
        item = screen.recent.item(row)
        assert item.text() == f"{name}\n{tmp_path}"
        height = screen.recent.visualItemRect(item).height()
        assert height >= math.ceil(lines_height(item.text())) + 1, (name, height)


def test_the_demo_s_icon_shows_in_the_dark(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The ▶ of "Open the demo" was near black (#0d0d0d) on the dark theme's grey."""
    from PySide6.QtGui import QPalette

    from reviewer.gui.start_screen import StartScreen
    from reviewer.gui.theme import apply_theme

    apply_theme(qapp, "dark")
    try:
        screen = StartScreen([])
        qtbot.addWidget(screen)
        button = screen.buttons["demo"]
        image = button.icon().pixmap(button.iconSize()).toImage()
        back = button.palette().color(QPalette.ColorRole.Button)
        inked = [image.pixelColor(x, y) for x in range(image.width())
                 for y in range(image.height()) if image.pixelColor(x, y).alpha() > 200]
        assert inked and sum(abs(c.lightness() - back.lightness()) > 100 for c in inked) \
            > len(inked) // 2
    finally:
        apply_theme(qapp, "light")
