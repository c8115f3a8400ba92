"""The window on a project file in a bad way: a damaged one is refused with a message
and the start screen stays; a read-only one opens for reading and says so; long work
that meets either, or a full disk, says so in words."""

from __future__ import annotations

import errno
import hashlib
import sqlite3
import sys
from pathlib import Path

import pytest

from reviewer.core.store import DatabaseError, ProjectError, Store
from reviewer.core.store import db as store_db
from reviewer.gui.app import Launcher
from reviewer.gui.ops import describe_error
from reviewer.gui.works import import_work, reextract_work

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "reviewer" / "resources" / "samples"
sys.path.insert(0, str(ROOT / "tests" / "core" / "store"))
from project_files import damage, make_project  # noqa: E402


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = make_project(tmp_path / "damaged.db")
    assert damage(path)
    return path


def test_a_damaged_project_is_refused_and_the_start_screen_stays(launcher: Launcher,
                                                                damaged: Path) -> None:
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    launcher.show_start()
    assert not launcher.open(damaged, create=False)
    box = launcher.error_box
    assert box is not None and box.windowTitle() == "Cannot open the project"
    assert box.text().startswith(f"{damaged} is damaged (") and ".recover" in box.text()
    assert launcher.window is None
    assert launcher.start_screen is not None and launcher.start_screen.isVisible()
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before


def test_a_read_only_project_opens_and_says_edits_are_not_saved(
        launcher: Launcher, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_db, "_writable", lambda path: False)
    assert launcher.open(project, create=False)
    window = launcher.window
    assert window is not None and window.store.read_only and window.model.rowCount() == 8
    box = launcher.error_box
    assert box is not None and box.windowTitle() == "Opened read-only"
    assert box.text().startswith(f"{project} is read-only: ")
    assert not window.flow.set_field("title", "Data Engineer")  # an edit: refused, saying why
    problem = window.save_state.problem
    assert problem is not None
    assert f"{project} is read-only: " in problem.text() + problem.informativeText()
    assert window.undo_stack.count() == 0


@pytest.mark.parametrize("work", [import_work, reextract_work])
def test_long_work_on_a_read_only_project_says_so(  # type: ignore[no-untyped-def]
        work, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_db, "_writable", lambda path: False)
    page = tmp_path / "new.txt"
    page.write_text("Job Title: Data Engineer\nLocation: Berlin\n\nWe build pipelines in "
                    "Python for our customers.\n", encoding="utf-8")
    run = work(project, [page]) if work is import_work else work(project)
    with pytest.raises((ProjectError, DatabaseError)) as failed:
        run(lambda *args: None, lambda: False)
    assert describe_error(failed.value).startswith(f"{project} is read-only: ")


def test_describe_error_says_what_the_file_or_disk_has() -> None:
    cases: list[tuple[Exception, str]] = [
        (sqlite3.DatabaseError("database disk image is malformed"),
         "The project file is damaged (database disk image is malformed)"),
        (sqlite3.OperationalError("attempt to write a readonly database"),
         "The project file is read-only: "),
        (sqlite3.OperationalError("database or disk is full"), "The disk is full ("),
        (sqlite3.OperationalError("disk I/O error"), "The disk is full ("),
        (ProjectError("the disk is full (p.db): free some space"), "The disk is full (p.db)"),
        (OSError(errno.ENOSPC, "No space left on device", "out.csv"),
         "out.csv: the disk is full"),
        (OSError(errno.EROFS, "Read-only file system", "out.csv"), "out.csv: read-only"),
    ]
    for err, said in cases:
        assert describe_error(err).startswith(said), (err, describe_error(err))
    assert "Something unexpected" in describe_error(sqlite3.OperationalError("no such column"))


def test_a_window_project_that_cannot_be_made_is_refused(launcher: Launcher,
                                                         tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_db.os, "access", lambda path, mode: False)
    launcher.show_start()
    assert not launcher.open(tmp_path / "new.db")
    box = launcher.error_box
    assert box is not None and "its folder is read-only" in box.text()
    assert not (tmp_path / "new.db").exists()


def test_the_store_of_a_refused_project_is_closed(damaged: Path) -> None:
    with pytest.raises(ProjectError):
        Store(damaged)
    assert not Path(f"{damaged}-shm").exists() and not Path(f"{damaged}-wal").exists()


_WALK = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reviewer.core.store import Store, health
health.first_problem = lambda conn, seconds=0: None  # as for a file too big to check
from reviewer.gui.window import ReviewWindow
window = ReviewWindow(Store(Path(sys.argv[1])))
window.show()
for row in range(window.model.rowCount()):
    window.queue_pane.select_row(row)
    app.processEvents()
    if row % 50 == 0:
        window.flow.set_field("title", f"T{row}")
        window.flow.accept_and_next()
    for column in range(5):
        window.model.index(row, column).data()
print("walked", window.save_state.problem is not None)
"""


def test_a_damaged_file_too_big_to_check_never_crashes_the_window(tmp_path: Path) -> None:
    """Damage the check on opening did not see (it stops on big files): every row, every
    posting and some edits are tried in a process of their own, which must not crash."""
    path = make_project(tmp_path / "damaged.db", 600)
    assert damage(path, pages=8)
    import subprocess

    done = subprocess.run([sys.executable, "-c", _WALK, str(path),
                           str(ROOT / "tests" / "core" / "store")],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "walked True" in done.stdout  # and the window said the file cannot be read
    assert "Traceback" not in done.stderr
