"""Import, re-extract and export from the window: off the GUI thread, with progress,
cancel, and errors shown in a dialog while the window goes on."""

from __future__ import annotations

import json
import threading
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QPushButton

import reviewer.gui.ops as ops_module
from reviewer.core import workers
from reviewer.core.export import bulk, export
from reviewer.core.ingest import importer
from reviewer.core.store import DatabaseError
from reviewer.gui import jobs
from reviewer.gui.window import ReviewWindow

SAMPLES = Path(__file__).resolve().parents[2] / "reviewer" / "resources" / "samples"
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
    assert empty.queue_pane.count_label.text() == "0 of 0"


def test_import_shows_progress_and_cancel_stops_it(empty: ReviewWindow, tmp_path: Path, qtbot,
                                                    monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = _postings(tmp_path / "in", 1000)
    seen: list[str] = []
    clicked = threading.Event()
    real_chunks = importer._chunks

    def chunks(items, size):  # type: ignore[no-untyped-def]
        """The import waits after its first batch for the click, as a slower one would
        (without it, a fast machine imported every page before the click was seen)."""
        for n, chunk in enumerate(real_chunks(items, size)):
            yield chunk
            if n == 0:
                clicked.wait(WAIT / 1000)

    monkeypatch.setattr(importer, "_chunks", chunks)

    def cancel_once(_done: int, _total: int, text: str) -> None:
        if not seen:
            seen.append(empty.long_work.job_dialog.labelText())
            assert empty.long_work.job_dialog.isVisible()
            assert empty.long_work.job_dialog.windowModality() == Qt.WindowModality.WindowModal
            button = empty.long_work.job_dialog.findChild(QPushButton)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            clicked.set()

    def start_watched(job):  # type: ignore[no-untyped-def]
        job.signals.progress.connect(cancel_once)  # before the job can report anything
        jobs.start(job)

    monkeypatch.setattr(ops_module, "start", start_watched)
    assert empty.long_work.import_files([folder])
    with qtbot.waitSignal(empty.long_work.job.signals.finished, timeout=WAIT) as finished:
        pass
    report = finished.args[0]
    assert "read" in seen[0] and "added" in seen[0]
    assert report.cancelled and report.added < 1000
    assert empty.store.queue.count() == report.added
    assert not empty.long_work.job_dialog.isVisible() and empty.long_work.job is None
    assert "import the same files again" in empty.statusBar().currentMessage()

    monkeypatch.setattr(ops_module, "start", jobs.start)
    monkeypatch.setattr(importer, "_chunks", real_chunks)
    assert empty.long_work.import_files([folder])  # again: the rest comes in
    with qtbot.waitSignal(empty.long_work.job.signals.finished, timeout=WAIT):
        pass
    assert empty.store.queue.count() == 1000
    assert empty.queue_pane.count_label.text() == "1,000 of 1,000"
    assert empty.pid is not None and empty.fields.isEnabled()


def test_import_and_reextract_clean_in_worker_processes(empty: ReviewWindow, tmp_path: Path,
                                                        qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The window's long work cleans pages in worker processes, one per core, started
    from a server process (the window runs threads: it does not fork itself)."""
    monkeypatch.setattr(workers, "_FROM_SERVER", False)  # as the window starts
    monkeypatch.setattr(workers, "one_per_core", lambda: 2)
    monkeypatch.setattr(importer, "POOL_FROM", 2)  # forty pages to the workers too
    folder = _postings(tmp_path / "in", 40)
    assert empty.long_work.import_files([folder])
    with qtbot.waitSignal(empty.long_work.job.signals.finished, timeout=WAIT) as finished:
        pass
    assert (finished.args[0].added, finished.args[0].workers) == (40, 2)
    assert "40 postings added" in empty.statusBar().currentMessage()
    assert "2 worker processes" in empty.statusBar().currentMessage()
    assert workers.start_context().get_start_method() == "forkserver"
    assert empty.long_work.run_reextract()
    with qtbot.waitSignal(empty.long_work.job.signals.finished, timeout=WAIT) as finished:
        pass
    assert (finished.args[0].unchanged, finished.args[0].workers) == (40, 2)
    box = empty.long_work.message_box
    assert box is not None and "2 worker processes" in box.text()


def test_an_import_says_each_reviewers_values_were_left_out(
        samples: ReviewWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = next(iter(samples.store.records.all(False)))  # as exported
    record = dict(first, raw_hash="another", reviewers={"ana": {
        "fields": {}, "labels": {"relevant": ["yes"]}, "spans": [], "status": "reviewed",
        "comment": None}})
    data = tmp_path / "merged.jsonl"
    data.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert samples.long_work.import_files([data], mapping={})
    with qtbot.waitSignal(samples.long_work.job.signals.finished, timeout=WAIT):
        pass
    box = samples.long_work.message_box
    assert box is not None and box.isVisible()
    assert "1 posting added" in box.text()
    assert "1 record carried each reviewer's own values" in box.text()
    box.close()


def test_a_worker_that_died_is_said_plainly() -> None:
    said = ops_module.describe_error(BrokenProcessPool("A process in the pool was terminated"))
    assert said.startswith("A worker process ended while it worked (killed, or out of memory)")
    assert "--jobs" not in said and "run it again" in said


def test_files_dropped_on_the_window_are_imported(empty: ReviewWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = next(SAMPLES.glob("*.html"))
    assert _drop(empty, page)
    with qtbot.waitSignal(empty.long_work.job.signals.finished, timeout=WAIT):
        pass
    assert empty.model.rowCount() == 1
    assert empty.posting is not None and empty.posting["source"].endswith(page.name)


def test_a_bad_file_dropped_shows_an_error_and_the_window_goes_on(
        samples: ReviewWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "scan.html"
    bad.write_bytes(b"\x00\x01\x02\xff" * 200)
    shown = samples.pid
    assert _drop(samples, bad)
    with qtbot.waitSignal(samples.long_work.job.signals.finished, timeout=WAIT):
        pass
    box = samples.long_work.message_box
    assert box is not None and box.isVisible()
    assert "scan.html" in box.text() and "could not be imported" in box.text()
    assert "Traceback" not in box.text() + box.detailedText()
    box.close()
    assert samples.pid == shown and samples.store.queue.count() == 8
    samples.queue_pane.go_next()
    assert samples.pid != shown


def test_the_progress_dialog_never_comes_back_after_its_work_ended(
        samples: ReviewWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Its timer showed it again after the import ended, over the result's message: Enter
    pressed its Cancel, and the window took no keys."""
    from reviewer.gui.jobs import JobDialog

    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4")
    assert _drop(samples, bad)
    dialog = samples.long_work.job_dialog
    assert isinstance(dialog, JobDialog)
    qtbot.waitUntil(lambda: samples.long_work.message_box is not None, timeout=WAIT)
    qtbot.wait(max(500, dialog.minimumDuration() + 300))  # past when its timer would fire
    assert not dialog.isVisible()
    dialog.job.signals.progress.emit(1, 2, "late")  # a step late in coming shows nothing
    qtbot.wait(100)
    assert not dialog.isVisible()


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
    assert samples.long_work.import_files([folder])
    assert not samples.long_work.run_export("jsonl", tmp_path / "out.jsonl", False)
    assert "Wait for the work" in samples.statusBar().currentMessage()
    with qtbot.waitSignal(samples.long_work.job.signals.finished, timeout=WAIT):
        pass


def test_export_writes_the_dataset_and_says_where(samples: ReviewWindow, tmp_path: Path,
                                                  qtbot) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "all.jsonl"
    assert samples.long_work.run_export("jsonl", out, False)
    with qtbot.waitSignal(samples.long_work.job.signals.finished, timeout=WAIT):
        pass
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 8 and all(r["text"] for r in rows)
    box = samples.long_work.message_box
    assert box is not None and str(out) in box.text()
    # said once: "8 postings as jsonl to …/all.jsonl:\n…/all.jsonl" named it twice
    assert box.text().count(str(out)) == 1 and box.text().endswith(f"to {out}.")


def test_an_export_of_one_file_is_written_by_worker_processes(
        samples: ReviewWindow, tmp_path: Path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(workers, "_FROM_SERVER", False)  # as the window starts
    monkeypatch.setattr(workers, "one_per_core", lambda: 2)
    monkeypatch.setattr(bulk, "RANGE", 2)  # eight postings: four ranges
    seen: list[tuple[int, int]] = []
    monkeypatch.setattr(ops_module, "start", lambda job: (
        job.signals.progress.connect(lambda done, total, _text: seen.append((done, total))),
        jobs.start(job)))
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"all.{fmt}"
        assert samples.long_work.run_export(fmt, out, False)
        with qtbot.waitSignal(samples.long_work.job.signals.finished, timeout=WAIT):
            pass
        box = samples.long_work.message_box
        assert box is not None and "8 postings" in box.text()
        assert "by 2 worker processes" in box.text() and str(out) in box.text()
        with samples.store.atomic():  # as one process writes it
            expected = export(samples.store.records.all(False), fmt, tmp_path / f"one.{fmt}",
                              schema=samples.store.labels.schema())
        assert expected.total == 8 and out.read_bytes() == (tmp_path / f"one.{fmt}").read_bytes()
    assert seen[-4:] == [(2, 8), (4, 8), (6, 8), (8, 8)]


def test_an_export_of_the_reviewed_says_those_left_out_as_their_status_is_undecided(
        project: Path, tmp_path: Path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from reviewer.core.store import Store
    from reviewer.core.team import merge_projects, split_project

    with Store(project) as store:
        files = split_project(store, ["ana", "ben"], tmp_path / "team", overlap=1.0).files
    for name, path in files.items():
        with Store(path, reviewer=name) as store:
            for n, pid in enumerate(store.queue.ids()):
                store.postings.set_status(pid, "skipped" if name == "ben" and n < 3
                                          else "reviewed")
    merge_projects(tmp_path / "merged.db", list(files.values()))
    win = open_window(tmp_path / "merged.db")
    assert win.long_work.run_export("jsonl", tmp_path / "out.jsonl", True)
    with qtbot.waitSignal(win.long_work.job.signals.finished, timeout=WAIT):
        pass
    box = win.long_work.message_box
    assert box is not None and "5 postings" in box.text()
    assert ("3 postings whose reviewers gave them different statuses (undecided status) were "
            "left out") in box.text() and "clear 'Only reviewed postings'" in box.text()


def test_a_cancelled_export_leaves_no_file(samples: ReviewWindow, tmp_path: Path, qtbot,
                                           monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def cancel_first(job):  # type: ignore[no-untyped-def]
        job.cancel()  # as if Cancel were pressed before the first posting was written
        jobs.start(job)

    monkeypatch.setattr(ops_module, "start", cancel_first)
    out = tmp_path / "cancelled.csv"
    assert samples.long_work.run_export("csv", out, False)
    with qtbot.waitSignal(samples.long_work.job.signals.finished, timeout=WAIT) as finished:
        pass
    assert finished.args[0] is None
    assert not out.exists()
    assert samples.statusBar().currentMessage() == "Export cancelled; nothing was written."



def test_a_cancelled_merge_stops_and_says_what_it_merged(
        project: Path, tmp_path: Path, open_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Cancel said "Stopping after the current batch…" and the merge went on to the end."""
    from reviewer.core.store import Store
    from reviewer.core.team import split_project

    with Store(project) as store:
        files = split_project(store, ["ana", "ben"], tmp_path / "team", overlap=1.0).files
    for name, path in files.items():
        with Store(path, reviewer=name) as store:
            store.postings.set_status(1, "reviewed")
    win = open_window(project)
    _cancelled_at_once(monkeypatch)
    assert win.long_work.merge_files(list(files.values()))
    with qtbot.waitSignal(win.long_work.job.signals.finished, timeout=WAIT):
        pass
    box = win.long_work.message_box
    assert box is not None and box.windowTitle() == "Merge stopped"
    assert box.text().startswith("Stopped before the end: 0 of the files' 16 postings were "
                                 "merged into project.db")
    assert win.store.reviews.reviewers() == []

def test_an_export_that_fails_says_why_in_a_dialog(samples: ReviewWindow, tmp_path: Path,
                                                   qtbot) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "taken").write_text("a file where the folder would go")
    out = tmp_path / "taken" / "out.jsonl"
    assert samples.long_work.run_export("jsonl", out, False)
    with qtbot.waitSignal(samples.long_work.job.signals.failed, timeout=WAIT):
        pass
    box = samples.long_work.message_box
    assert box is not None and box.icon() == box.Icon.Warning
    assert f"{tmp_path / 'taken'}: not a folder" in box.text()
    assert "Traceback" not in box.text()
    assert samples.long_work.job is None


def test_reextract_replaces_old_suggestions_and_shows_them(samples: ReviewWindow,
                                                           qtbot) -> None:  # type: ignore[no-untyped-def]
    pid = samples.pid
    assert pid is not None
    right = samples.posting["fields"]["title"]  # type: ignore[index]
    samples.store.db.execute("UPDATE suggestions SET value = '\"Old\"' WHERE posting_id = ?"
                             " AND field = 'title'", (pid,))
    samples.store.db.conn.commit()
    samples.flow.show(pid)
    assert samples.posting["fields"]["title"] == "Old"  # type: ignore[index]
    assert samples.long_work.run_reextract()
    with qtbot.waitSignal(samples.long_work.job.signals.finished, timeout=WAIT):
        pass
    assert samples.pid == pid and samples.posting["fields"]["title"] == right  # type: ignore[index]
    assert samples.long_work.message_box is not None
    assert samples.long_work.message_box.text().startswith("1 posting updated, 7 unchanged of 8")


def _cancelled_at_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def cancel_first(job):  # type: ignore[no-untyped-def]
        job.cancel()
        jobs.start(job)

    monkeypatch.setattr(ops_module, "start", cancel_first)


def test_a_cancelled_export_leaves_an_existing_file_as_it_was(
        samples: ReviewWindow, tmp_path: Path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "precious.jsonl"
    out.write_text("last week's export\n")
    _cancelled_at_once(monkeypatch)
    assert samples.long_work.run_export("jsonl", out, False)
    with qtbot.waitSignal(samples.long_work.job.signals.finished, timeout=WAIT):
        pass
    assert out.read_text() == "last week's export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_export_replaces_a_file_only_when_whole(samples: ReviewWindow, tmp_path: Path,
                                                   qtbot) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "old.csv"
    out.write_text("old\n")
    assert samples.long_work.run_export("csv", out, False)
    with qtbot.waitSignal(samples.long_work.job.signals.finished, timeout=WAIT):
        pass
    assert out.read_text().count("\n") > 8 and not out.read_text().startswith("old")


def test_a_dataset_folder_is_never_written_into_a_folder_with_files(
        samples: ReviewWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "README.md").write_text("my notes")
    assert samples.long_work.run_export("hf", folder, False)
    with qtbot.waitSignal(samples.long_work.job.signals.failed, timeout=WAIT):
        pass
    assert (folder / "README.md").read_text() == "my notes"
    box = samples.long_work.message_box
    assert box is not None and "new or empty folder" in box.text()
    assert samples.long_work.run_export("hf", tmp_path / "dataset", False)
    with qtbot.waitSignal(samples.long_work.job.signals.finished, timeout=WAIT) as finished:
        pass
    data = next((tmp_path / "dataset" / "data").glob("train-*.jsonl"))
    assert data.read_text().count("\n") == 8
    assert all(str(f).startswith(str(tmp_path / "dataset")) for f in finished.args[0].files)


def test_the_export_dialog_asks_before_replacing_and_refuses_a_full_folder(
        samples: ReviewWindow, tmp_path: Path) -> None:
    from reviewer.gui.dialogs import ExportDialog

    dialog = ExportDialog(samples, samples.store.path, 0, 8)
    dialog.reviewed_only.setChecked(False)
    existing = tmp_path / "there.jsonl"
    existing.write_text("x")
    dialog.output.setText(str(existing))
    dialog._accept()
    assert "Press Export again" in dialog.problem.text() and not dialog.result()
    dialog._accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    full = ExportDialog(samples, samples.store.path, 0, 8)
    full.reviewed_only.setChecked(False)
    full.format_choice.setCurrentIndex(full.format_choice.findData("hf"))
    full.output.setText(str(tmp_path))
    full._accept()
    assert "has files in it" in full.problem.text() and not full.result()
    empty = ExportDialog(samples, samples.store.path, 0, 0)
    empty._accept()
    assert "no postings yet" in empty.problem.text()
    itself = ExportDialog(samples, samples.store.path, 0, 8)
    itself.reviewed_only.setChecked(False)
    itself.output.setText(str(samples.store.path))  # the project file itself, twice
    for _ in range(2):
        itself._accept()
        assert "is a project file: an export never replaces one" in itself.problem.text()
        assert not itself.result()


def test_the_export_dialog_says_what_is_wrong_with_a_name_too_long_or_a_pipe(
        samples: ReviewWindow, tmp_path: Path) -> None:
    import os

    from reviewer.gui.dialogs import ExportDialog

    dialog = ExportDialog(samples, samples.store.path, 0, 8)
    dialog.reviewed_only.setChecked(False)
    dialog.output.setText(str(tmp_path / ("a" * 300 + ".jsonl")))
    dialog._accept()
    assert "File name too long" in dialog.problem.text() and not dialog.result()
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    dialog.output.setText(str(fifo))
    for _ in range(2):  # (never "Press Export again to replace it")
        dialog._accept()
        assert "is not a file" in dialog.problem.text() and not dialog.result()


def test_closing_while_a_large_search_is_read_is_quiet(samples: ReviewWindow, qtbot,
                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("reviewer.core.store.queue.Queue.RANKED", 1)
    samples.queue_pane.search_box.setText("the")
    samples.queue_pane.search()
    assert samples.model.reading_more is not None
    samples.close()
    samples.store.close()
    qtbot.wait(100)  # a late result would touch the closed store and raise here


def test_a_filtered_large_search_shows_a_posting_when_the_rest_comes(
        samples: ReviewWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    matches = samples.store.queue.search("the", limit=100)
    assert len(matches) >= 4
    last = max(matches)
    samples.store.postings.set_status(last, "flagged")
    monkeypatch.setattr("reviewer.core.store.queue.Queue.RANKED", 1)
    samples.queue_pane.status_filter.setCurrentIndex(samples.queue_pane.status_filter.findData("flagged"))
    samples.queue_pane.search_box.setText("the")
    with qtbot.waitSignal(samples.model.rest_added, timeout=WAIT):
        samples.queue_pane.search()
        assert samples.pid is None
        assert "Searching the rest" in samples.document.toPlainText()
    assert samples.pid == last
    assert samples.queue_pane.count_label.text() == "1 of 8"


def test_a_project_file_dropped_on_the_window_is_opened(samples: ReviewWindow, tmp_path: Path,
                                                        qtbot) -> None:  # type: ignore[no-untyped-def]
    for name in ("other.db", "Other.DB"):  # (a name in capitals was imported, and failed)
        other = tmp_path / name
        other.write_bytes(b"")
        with qtbot.waitSignal(samples.switch_project) as switched:
            assert _drop(samples, other)
        assert switched.args == [other] and samples.long_work.job is None


def test_a_large_project_s_order_comes_from_a_worker_and_its_first_posting_is_shown(
        samples: ReviewWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("reviewer.gui.queue_model.QueueModel.BACKGROUND_FROM", 2)
    combo = samples.queue_pane.order_choice
    expected = list(samples.store.queue.ids("confidence"))
    with qtbot.waitSignal(samples.model.rest_added, timeout=WAIT):
        combo.setCurrentIndex(combo.findData("confidence"))
        assert samples.pid is None  # the window goes on meanwhile, and says why it waits
        assert "Putting the postings in order" in samples.document.toPlainText()
        assert samples.queue_pane.count_label.text() == "0+ of 8"
    assert [samples.model.id_at(r) for r in range(samples.model.rowCount())] == expected
    assert samples.pid == expected[0]
    assert samples.queue_pane.count_label.text() == "8 of 8"


def test_after_long_work_a_large_project_s_list_comes_back_on_the_same_posting(
        samples: ReviewWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("reviewer.gui.queue_model.QueueModel.BACKGROUND_FROM", 2)
    samples.queue_pane.status_filter.setCurrentIndex(
        samples.queue_pane.status_filter.findData("new"))
    qtbot.waitUntil(lambda: samples.model.reading_more is None and samples.pid is not None)
    third = samples.model.id_at(2)
    samples.queue_pane.select_row(2)
    with qtbot.waitSignal(samples.model.rest_added, timeout=WAIT):
        samples.queue_pane.reload_at(third)
    assert samples.pid == third


def test_after_long_work_a_posting_found_in_the_rest_of_a_large_search_stays_shown(
        samples: ReviewWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("reviewer.core.store.queue.Queue.RANKED", 3)
    samples.queue_pane.search_box.setText("the")
    samples.queue_pane.search()
    qtbot.waitUntil(lambda: samples.model.reading_more is None)
    samples.queue_pane.select_row(1)
    shown = samples.pid
    with qtbot.waitSignal(samples.model.rest_added, timeout=WAIT):
        samples.queue_pane.reload_at(shown)
    assert samples.pid == shown
    assert samples.queue_pane.current_row() == samples.model.row_of(shown)


def test_two_ends_of_long_work_before_a_large_list_comes_keep_the_posting(
        samples: ReviewWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("reviewer.gui.queue_model.QueueModel.BACKGROUND_FROM", 2)
    pane = samples.queue_pane
    pane.status_filter.setCurrentIndex(pane.status_filter.findData("new"))
    qtbot.waitUntil(lambda: samples.model.reading_more is None and samples.pid is not None)
    pane.select_row(2)
    third = samples.pid
    pane.reload_at(third)
    pane.reload_at(samples.pid)  # None: nothing is shown while the list comes
    qtbot.waitUntil(lambda: samples.model.reading_more is None and samples.pid is not None)
    assert samples.pid == third


def test_an_undo_while_a_large_list_comes_goes_to_its_posting_when_it_is_in(
        samples: ReviewWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("reviewer.gui.queue_model.QueueModel.BACKGROUND_FROM", 2)
    first = samples.pid
    assert first is not None and samples.flow.flag()
    said: list[str] = []
    samples.statusBar().messageChanged.connect(said.append)
    pane = samples.queue_pane
    pane.order_choice.setCurrentIndex(pane.order_choice.findData("confidence"))
    assert samples.model.reading_more is not None
    samples.undo_stack.undo()
    qtbot.waitUntil(lambda: samples.model.reading_more is None and samples.pid is not None)
    assert samples.pid == first
    assert not any("does not show" in text for text in said)
    assert samples.store.records.get(first)["status"] != "flagged"


def test_a_large_list_that_cannot_be_read_says_so_not_that_nothing_matches(
        samples: ReviewWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("reviewer.gui.queue_model.QueueModel.BACKGROUND_FROM", 2)

    def locked(*_args: object) -> list[int]:
        raise DatabaseError("database is locked")

    monkeypatch.setattr("reviewer.core.store.queue.Queue.ids", locked)
    pane = samples.queue_pane
    with qtbot.waitSignal(samples.model.list_failed, timeout=WAIT):
        pane.order_choice.setCurrentIndex(pane.order_choice.findData("recent"))
    qtbot.waitUntil(lambda: samples.model.reading_more is None)
    text = samples.document.toPlainText()
    assert "The list could not be read: database is locked" in text
    assert "No posting matches" not in text and "damaged" not in text
    assert "try once more" in text


def test_an_export_says_how_many_postings_still_have_reviewers_who_differ(
        samples: ReviewWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    with samples.store.atomic():  # as a merge marks them
        samples.store.db.execute("UPDATE postings SET disagreement = 1 WHERE id IN (1, 2)")
    assert samples.long_work.run_export("jsonl", tmp_path / "all.jsonl", False)
    with qtbot.waitSignal(samples.long_work.job.signals.finished, timeout=WAIT):
        pass
    box = samples.long_work.message_box
    assert box is not None and "2 of the postings chosen for the export still have " \
        "reviewers who differ" in box.text() and "--all-reviewers" not in box.text()


def test_a_reextract_refused_while_other_work_runs_keeps_the_undo_history(
        samples: ReviewWindow) -> None:
    """Training in the background, then File → Clean and extract again: refused ("wait
    for the work in progress"), yet the edits made before could no longer be undone."""
    samples.flow.set_comment("check the pay")
    assert samples.undo_stack.count() == 1
    samples.long_work.job = object()  # type: ignore[assignment]  (work in progress)
    try:
        assert not samples.long_work.run_reextract()
    finally:
        samples.long_work.job = None
    assert samples.undo_stack.count() == 1


def test_the_dialog_ends_on_the_last_step_however_fast_the_steps_come(qtbot, empty) -> None:  # type: ignore[no-untyped-def]
    """A window-modal progress dialog's setValue handles the events waiting: the later
    steps were shown inside it, then the earlier step's text set over them ("step 84 of
    90" left on a finished training)."""
    def work(progress, _cancelled):  # type: ignore[no-untyped-def]
        for done in range(1, 201):
            progress(done, 200, f"step {done} of 200")
        return None

    job = jobs.Job(work, str)
    dialog = jobs.JobDialog(empty, "Working", job)
    dialog.show()
    finished: list[object] = []
    job.signals.finished.connect(finished.append)
    jobs.start(job)
    qtbot.waitUntil(lambda: finished == [None], timeout=WAIT)
    assert dialog.labelText() == "step 200 of 200"
