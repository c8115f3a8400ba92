"""Start the app: on a project file, on the demo project, on the last one, or on the
start screen; and switch between projects while it runs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from reviewer.core.ingest import import_paths
from reviewer.core.store import ProjectError, Store
from reviewer.gui import preferences
from reviewer.gui.plain import message_box, name_shown
from reviewer.gui.reviewer_name import ask_once
from reviewer.gui.start_screen import StartScreen
from reviewer.gui.theme import apply_theme
from reviewer.gui.window import ReviewWindow

# seconds an edit in the window waits while another program writes the project (an
# import's batch takes well under one); longer, and the window would seem hung: it says
# the edit is not saved, with Retry
WINDOW_WAIT = 5.0


def demo_project() -> Path:
    """A project of the bundled sample postings (made on first use). It is throw-away:
    one this version cannot open (written by a newer one, or damaged) is made again."""
    folder = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation) or Path.home() / ".posting-reviewer")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.db"
    samples = resources.files("reviewer.resources") / "samples"
    with resources.as_file(samples) as sample_dir:
        try:
            store = Store(path)
        except ProjectError:
            for name in ("demo.db", "demo.db-wal", "demo.db-shm"):
                (folder / name).unlink(missing_ok=True)
            store = Store(path)
        with store:
            import_paths(store, [sample_dir])
    return path


class Launcher(QObject):
    """Owns what is on screen: the start screen or one review window."""

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.window: ReviewWindow | None = None
        self.start_screen: StartScreen | None = None
        self.error_box: QMessageBox | None = None
        self.name_dialog: QDialog | None = None  # the first start's question: who is it?

    def show_start(self) -> None:
        if self.window is not None and not self.window.may_close():
            return  # what was typed in the open project waits (asked, or refused)
        screen = StartScreen(preferences.recent_projects(self.settings))
        screen.open_project.connect(lambda path: self.open(path, create=False))
        screen.new_project.connect(lambda path, files: self.open(path, files=files))
        screen.open_demo.connect(self.open_demo)
        screen.show()
        self.close_window()
        self.start_screen = screen

    def open_demo(self) -> bool:
        return self.open(demo_project())

    def open(self, path: Path, *, create: bool = True, files: Sequence[Path] = ()) -> bool:
        """Show the project at ``path`` (made if missing and ``create``), then import
        ``files`` into it. False, with a message, if it cannot be opened (damaged, say);
        one that cannot be written opens with a message that says so."""
        if self.window is not None and not self.window.may_close():
            return False  # what was typed in the open project waits (asked, or refused)
        try:  # every edit in the window carries the reviewer's name
            store = Store(path, create=create, busy_timeout=WINDOW_WAIT,
                          reviewer=preferences.reviewer_name(self.settings))
        except ProjectError as err:
            if not _exists(path):
                preferences.forget_project(self.settings, path)
            self._error("Cannot open the project", str(err))
            return False
        preferences.remember_project(self.settings, path)
        window = ReviewWindow(store, self.settings)
        window.switch_project.connect(self._switch)
        window.show()  # before the old one closes, so the app never has no window
        left = self.close_window()
        if self.start_screen is not None:
            self.start_screen.close()
            self.start_screen.deleteLater()
            self.start_screen = None
        self.window = window
        if store.read_only:
            try:
                store.check_writable()
            except ProjectError as err:
                self._error("Opened read-only", f"{err}\n\nYou can look through it here, but "
                            "no edit will be saved.")
        if left is not None:
            self._error("Closed", left)
        if files:
            window.long_work.import_files(list(files))
        return True

    def ask_name(self, then: Callable[[], None]) -> None:
        """On the first start, who is reviewing (asked once), then ``then``."""
        self.name_dialog = ask_once(self.settings, then)

    def _switch(self, path: Path | None) -> None:
        if path is None:
            self.show_start()
        else:
            self.open(path)

    def close_window(self) -> str | None:
        """Close the project's window and file; what to tell where the file alone does
        not hold every edit yet (they stayed in the -wal file beside it), else None."""
        window, self.window = self.window, None
        if window is None:
            return None
        window.close()
        whole = window.store.close()
        window.deleteLater()
        name = name_shown(window.store.path.name)
        if window.store.overwritten():
            return (f"{name} was written over by another program while it was open: what "
                    f"the window saved is kept apart, in {name}-wal beside it, not put into "
                    "the copy; nothing was saved since.")
        if window.store.replaced():
            return (f"{name} was replaced by another file while it was open: what the window "
                    f"saved went to the file it replaced, not to the one at {name} now, "
                    "which it did not change; nothing was saved since.")
        if window.store.moved():
            return (f"{name} was moved or deleted while it was open: the edits saved before "
                    "went with that file, and none was saved since.")
        if whole:
            return None
        return (f"What the window saved last to {name} (edits, the time spent on "
                f"postings) is kept in {name}-wal beside it: the project file alone does not "
                "hold it yet (it could not be written, or another program was reading it). "
                "Keep the two files together, and copy both; opening the project again puts "
                "it into the file.")

    def _error(self, title: str, text: str) -> None:
        parent: QWidget | None = self.window or self.start_screen
        # plain text: the message names a file, and a file name may look like HTML
        self.error_box = message_box(QMessageBox.Icon.Warning, title, text,
                                     QMessageBox.StandardButton.Ok, parent)
        self.error_box.open()


def run(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName("Posting Reviewer")
    app.setOrganizationName("Posting Reviewer")
    icon = resources.files("reviewer.resources") / "icon.svg"
    with resources.as_file(icon) as icon_path:
        app.setWindowIcon(QIcon(str(icon_path)))
    launcher = Launcher(QSettings())
    theme = lambda: str(launcher.settings.value("theme", "system"))  # noqa: E731
    apply_theme(app, theme())
    app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: theme() == "system" and apply_theme(app, "system"))

    def first_screen() -> None:
        if argv and argv[0] == "demo":
            opened = launcher.open_demo()
        elif argv:
            opened = launcher.open(Path(argv[0]))
        else:
            last = str(launcher.settings.value("last_project", "") or "")
            opened = bool(last) and Path(last).is_file() and launcher.open(Path(last),
                                                                           create=False)
        if not opened:
            launcher.show_start()

    if argv and argv[0] == "demo":
        first_screen()  # a throw-away project to look around in: no question first
    else:
        launcher.ask_name(first_screen)
    code = app.exec()
    left = launcher.close_window()
    if left is not None:  # (the app's loop is over: this box runs its own)
        message_box(QMessageBox.Icon.Warning, "Closed", left, QMessageBox.StandardButton.Ok,
                    None).exec()
    return int(code)


def _exists(path: Path) -> bool:
    """Whether ``path`` is there; False for a name the file system cannot hold (too long)."""
    try:
        return path.exists()
    except OSError:
        return False
