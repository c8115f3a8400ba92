"""GUI tests run headless: Qt's offscreen platform, set before any QApplication exists,
on a screen of 1920 x 1080 (the platform's own is 800 x 800, which a window now fits
itself to; tests of smaller screens say so)."""

from __future__ import annotations

import os
from pathlib import Path

if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = \
        f"offscreen:configfile={Path(__file__).with_name('screen_1920x1080.json')}"

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from file_watch import FileWatch, png
from planted_files import Planted
from PySide6.QtCore import QSettings, QStandardPaths, QTimer

from reviewer.core import workers
from reviewer.core.ingest import import_paths
from reviewer.core.store import Store
from reviewer.gui import jobs, ops
from reviewer.gui.app import Launcher
from reviewer.gui.document_view import DocumentView
from reviewer.gui.window import ReviewWindow

SAMPLES = Path(__file__).resolve().parents[2] / "reviewer" / "resources" / "samples"


@pytest.fixture(autouse=True)
def long_work_starts_with_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long work starts once the test waits for it (the event loop runs), not at once:
    a test connects to the job's signals after starting it, and a job that ended
    before that (a failure at its first step, on a busy machine) would go unseen."""
    def start_later(job: jobs.Job) -> None:
        QTimer.singleShot(0, lambda: jobs.start(job))

    monkeypatch.setattr(ops, "start", start_later)


@pytest.fixture(autouse=True)
def workers_start_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window has this process start its worker processes from a server from then on
    (``workers.start_from_server``): put back after each test, so that the tests after
    it start theirs as the command line does. A worker started from the server does not
    see what a later test patched in this process (a limit made small, say)."""
    monkeypatch.setattr(workers, "_FROM_SERVER", workers._FROM_SERVER)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project file of the eight bundled sample postings."""
    path = tmp_path / "project.db"
    with Store(path) as store:
        import_paths(store, [SAMPLES])
    return path


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[..., ReviewWindow]]:  # type: ignore[no-untyped-def]
    """Opens a review window on a project file, shown and active (shortcuts go to the
    active window); its store is closed after the test."""
    stores: list[Store] = []

    def open_(path: Path, settings: QSettings | None = None) -> ReviewWindow:
        store = Store(path)
        stores.append(store)
        win = ReviewWindow(store, settings)
        qtbot.addWidget(win)
        with qtbot.waitExposed(win):
            win.show()
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        return win

    yield open_
    for store in stores:
        store.close()


@pytest.fixture
def launcher(tmp_path: Path, qtbot: Any) -> Iterator[Launcher]:
    """The app as it starts, with settings of its own (the demo goes to a test folder)."""
    QStandardPaths.setTestModeEnabled(True)
    launch = Launcher(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    yield launch
    launch.close_window()
    if launch.start_screen is not None:
        launch.start_screen.close()


@pytest.fixture
def view(qtbot: Any) -> DocumentView:
    """A document view on its own, 800 × 600."""
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    return widget


@pytest.fixture
def planted(tmp_path: Path) -> Iterator[Planted]:
    folder = tmp_path / "planted"
    folder.mkdir()
    (folder / "secret.png").write_bytes(png())
    (folder / "secret.txt").write_text("root:x:0:0:root:/root:/bin/sh\n")
    watch = FileWatch(folder)
    if not watch.works(folder / "secret.txt"):
        watch.close()
        pytest.skip("the kernel does not report file opens here (no inotify)")
    yield Planted(folder, folder / "secret.png", folder / "secret.txt", watch)
    watch.close()
