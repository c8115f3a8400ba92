"""Import, re-extract and export from the window: off the GUI thread, with progress,
cancel, and errors shown in a dialog while the window goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QPushButton

import reviewer.gui.window as window_module
from reviewer.gui import jobs
from reviewer.gui.window import ReviewWindow

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
WAIT = 60_000  # ms; the work takes well under a second here


@pytest.fixture
def empty(tmp_path: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(tmp_path / "empty.db")  # type: ignore[no-any-return]


@pytest.fixture
def samples(project: Path, open_window) -> ReviewWindow:  # type: ignore[no-untyped-def]
    return open_window(project)  # type: ignore[no-any-return]


def _postings(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:04}.txt").write_text(
            f"Job Title: Data Engineer {i}\nLocation: Berlin\n\nWe build pipelines in "
            f"Python and SQL for customer {i}. You will own ingestion.\n")
    return folder


def _drop(win: ReviewWindow, *paths: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(win.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dragEnterEvent(enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(win.rect().center()), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dropEvent(drop)
    return True


def test_an_empty_project_says_what_to_do(empty: ReviewWindow) -> None:
    assert "no postings yet" in empty.document.toPlainText()
    assert not empty.fields.isEnabled()
    assert empty.count_label.text() == "0 of 0"


def test_import_shows_progress_and_cancel_stops_it(empty: ReviewWindow, tmp_path: Path,
                                                    qtbot) -> None:  # type: ignore[no-untyped-def]
    folder = _postings(tmp_path / "in", 1000)
    seen: list[str] = []

    def cancel_once(_done: int, _total: int, text: str) -> None:
        if not seen:
            seen.append(empty.job_dialog.labelText())
            assert empty.job_dialog.isVisible()
            assert empty.job_dialog.windowModality() == Qt.WindowModality.WindowModal
            button = empty.job_dialog.findChild(QPushButton)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert empty.import_files([folder])
    empty.job.signals.progress.connect(cancel_once)
    with qtbot.waitSignal(empty.job.signals.finished, timeout=WAIT) as finished:
        pass
    report = finished.args[0]
    assert "read" in seen[0] and "added" in seen[0]
    assert report.cancelled and report.added < 1000
    assert empty.store.count() == report.added
    assert not empty.job_dialog.isVisible() and empty.job is None
    assert "import the same files again" in empty.statusBar().currentMessage()

    assert empty.import_files([folder])  # again: the rest comes in
    with qtbot.waitSignal(empty.job.signals.finished, timeout=WAIT):
        pass
    assert empty.store.count() == 1000
    assert empty.count_label.text() == "1,000 of 1,000"
    assert empty.pid is not None and empty.fields.isEnabled()


def test_files_dropped_on_the_window_are_imported(empty: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = next(SAMPLES.glob("*.html"))
    assert _drop(empty, page)
    with qtbot.waitSignal(empty.job.signals.finished, timeout=WAIT):
        pass
    assert empty.model.rowCount() == 1
    assert empty.posting is not None and empty.posting["source"].endswith(page.name)


def test_a_bad_file_dropped_shows_an_error_and_the_window_goes_on(
        samples: ReviewWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "scan.html"
    bad.write_bytes(b"\x00\x01\x02\xff" * 200)
    shown = samples.pid
    assert _drop(samples, bad)
    with qtbot.waitSignal(samples.job.signals.finished, timeout=WAIT):
        pass
    box = samples.message_box
    assert box is not None and box.isVisible()
    assert "scan.html" in box.text() and "could not be imported" in box.text()
    assert "Traceback" not in box.text() + box.detailedText()
    box.close()
    assert samples.pid == shown and samples.store.count() == 8
    samples.go_next()
    assert samples.pid != shown


def test_a_drag_without_files_is_refused(samples: ReviewWindow) -> None:
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(samples.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    samples.dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_one_job_at_a_time(samples: ReviewWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder = _postings(tmp_path / "in", 300)
    assert samples.import_files([folder])
    assert not samples.run_export("jsonl", tmp_path / "out.jsonl", False)
    assert "Wait for the work" in samples.statusBar().currentMessage()
    with qtbot.waitSignal(samples.job.signals.finished, timeout=WAIT):
        pass


def test_export_writes_the_dataset_and_says_where(samples: ReviewWindow, tmp_path: Path,
                                                  qtbot) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "all.jsonl"
    assert samples.run_export("jsonl", out, False)
    with qtbot.waitSignal(samples.job.signals.finished, timeout=WAIT):
        pass
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 8 and all(r["text"] for r in rows)
    assert samples.message_box is not None and str(out) in samples.message_box.text()


def test_a_cancelled_export_leaves_no_file(samples: ReviewWindow, tmp_path: Path, qtbot,
                                           monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def cancel_first(job):  # type: ignore[no-untyped-def]
        job.cancel()  # as if Cancel were pressed before the first posting was written
        jobs.start(job)

    monkeypatch.setattr(window_module, "start", cancel_first)
    out = tmp_path / "cancelled.csv"
    assert samples.run_export("csv", out, False)
    with qtbot.waitSignal(samples.job.signals.finished, timeout=WAIT) as finished:
        pass
    assert finished.args[0] is None
    assert not out.exists()
    assert samples.statusBar().currentMessage() == "Export cancelled."


def test_an_export_that_fails_says_why_in_a_dialog(samples: ReviewWindow, tmp_path: Path,
                                                   qtbot) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "no such folder" / "out.jsonl"
    assert samples.run_export("jsonl", out, False)
    with qtbot.waitSignal(samples.job.signals.failed, timeout=WAIT):
        pass
    box = samples.message_box
    assert box is not None and box.icon() == box.Icon.Warning
    assert "No such file or directory" in box.text() and "Traceback" not in box.text()
    assert samples.job is None


def test_reextract_replaces_old_suggestions_and_shows_them(samples: ReviewWindow,
                                                           qtbot) -> None:  # type: ignore[no-untyped-def]
    pid = samples.pid
    assert pid is not None
    right = samples.posting["fields"]["title"]  # type: ignore[index]
    samples.store.db.execute("UPDATE suggestions SET value = '\"Old\"' WHERE posting_id = ?"
                             " AND field = 'title'", (pid,))
    samples.store.db.conn.commit()
    samples.show_posting(pid)
    assert samples.posting["fields"]["title"] == "Old"  # type: ignore[index]
    assert samples.run_reextract()
    with qtbot.waitSignal(samples.job.signals.finished, timeout=WAIT):
        pass
    assert samples.pid == pid and samples.posting["fields"]["title"] == right  # type: ignore[index]
    assert samples.message_box is not None
    assert samples.message_box.text().startswith("1 postings updated, 7 unchanged of 8")
