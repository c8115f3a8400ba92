"""Worker processes of a process that runs other threads (the window runs its imports
and exports in worker threads) are not forked from it: they come from a clean server
process, and the work they do is the same."""

from __future__ import annotations

import concurrent.futures
import functools
import json
import multiprocessing
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.core import workers
from reviewer.core.export import bulk as bulk_module
from reviewer.core.export import export_bulk
from reviewer.core.ingest import import_paths, importer, reextract
from reviewer.core.ingest.importer import prepare_page
from reviewer.core.store import Store
from reviewer.core.workers import process_pool


def page_folder(folder: Path, count: int, crash_at: int = -1) -> Path:
    """A folder of ``count`` short text postings (the one numbered ``crash_at`` says CRASH)."""
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:03}.txt").write_text(
            f"Data Engineer {n}\n\nAcme Corp is hiring in Berlin.\n\nResponsibilities\n"
            f"- Build pipelines number {n}\n- Keep them running\n"
            + ("CRASH\n" if n == crash_at else ""), encoding="utf-8")
    return folder


def in_a_thread(work: Callable[[], Any]) -> Any:
    """What ``work`` returns (or raises) run in a thread of its own, as the window runs
    long work."""
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(work())
        except BaseException as err:  # handed to the test
            out.append(err)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(120)
    assert not thread.is_alive()
    if isinstance(out[0], BaseException):
        raise out[0]
    return out[0]


@pytest.fixture
def from_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process starts its workers as the window does (``start_from_server``)."""
    monkeypatch.setattr(workers, "_FROM_SERVER", False)
    workers.start_from_server()


def start_method(code: str = "") -> str:
    said = subprocess.run(
        [sys.executable, "-c", f"from reviewer.core import workers;{code}"
                               "print(workers.start_context().get_start_method())"],
        capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2])
    return said.stdout.strip()


def test_a_command_forks_its_workers_and_the_window_has_them_from_the_server() -> None:
    assert start_method() == "fork"
    assert start_method("workers.start_from_server();") == "forkserver"


def test_workers_from_the_server_work(from_server: None) -> None:
    with process_pool(2) as pool:
        assert pool._mp_context.get_start_method() == "forkserver"  # type: ignore[attr-defined]
        assert sorted(pool.map(abs, [-2, -1, 3])) == [1, 2, 3]


def test_an_import_and_an_export_in_a_thread_with_workers_from_the_server(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, from_server: None) -> None:
    monkeypatch.setattr(bulk_module, "RANGE", 4)  # several ranges a worker
    monkeypatch.setattr(importer, "POOL_FROM", 2)  # small batches to the workers too
    pages = page_folder(tmp_path / "pages", 12)
    alone, threaded = tmp_path / "alone.db", tmp_path / "threaded.db"
    with Store(alone) as store:
        import_paths(store, [pages])

    def threaded_import() -> Any:
        with Store(threaded) as store:
            return import_paths(store, [pages], jobs=2, batch=2)

    report = in_a_thread(threaded_import)
    assert report.added == 12
    assert untimed(alone) == untimed(threaded)
    for fmt in ("jsonl", "csv"):
        one, two = tmp_path / f"one.{fmt}", tmp_path / f"two.{fmt}"
        export_bulk(threaded, one, fmt, reviewed_only=False, jobs=1)
        in_a_thread(functools.partial(export_bulk, threaded, two, fmt, reviewed_only=False,
                                      jobs=2))
        assert two.read_bytes() == one.read_bytes()


def untimed(path: Path) -> list[dict[str, Any]]:
    """A project's records, without the times they were imported and changed."""
    with Store(path) as store:
        return [{key: value for key, value in record.items() if not key.endswith("_at")}
                for record in store.records.all(reviewed_only=False)]


class NoSemaphores(OSError):
    """What multiprocessing raises where it cannot make its locks (a read-only /dev/shm)."""


def no_workers(*_args: Any, **_kwargs: Any) -> Any:
    raise NoSemaphores(30, "Read-only file system", "/dev/shm/sem.mp-x")


def test_where_no_worker_can_start_this_process_does_the_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A system that cannot start worker processes (no semaphores, a confined sandbox)
    imports, re-extracts and exports in the one process, with the same result."""
    monkeypatch.setattr(importer, "POOL_FROM", 2)
    monkeypatch.setattr(bulk_module, "RANGE", 4)
    pages = page_folder(tmp_path / "pages", 12)
    with Store(tmp_path / "alone.db") as store:
        import_paths(store, [pages])
    export_bulk(tmp_path / "alone.db", tmp_path / "alone.jsonl", "jsonl", reviewed_only=False,
                jobs=1)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_workers)
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [pages], jobs=2, batch=4)
        assert (report.added, report.workers) == (12, 1)
        again = reextract(store, jobs=2, batch=4)
        assert (again.unchanged, again.workers) == (12, 1)
    assert untimed(tmp_path / "p.db") == untimed(tmp_path / "alone.db")
    summary = export_bulk(tmp_path / "p.db", tmp_path / "p.jsonl", "jsonl",
                          reviewed_only=False, jobs=2)
    assert summary.workers == 1
    texts = [[json.loads(line)["text"] for line in path.read_text().splitlines()]
             for path in (tmp_path / "p.jsonl", tmp_path / "alone.jsonl")]
    assert texts[0] == texts[1] and len(texts[0]) == 12
    monkeypatch.setattr(multiprocessing, "RawArray", no_workers)  # no shared memory either
    assert export_bulk(tmp_path / "p.db", tmp_path / "p.csv", "csv", reviewed_only=False,
                       jobs=2).workers == 1


def test_a_few_pages_are_cleaned_here_without_starting_workers(tmp_path: Path) -> None:
    pages = page_folder(tmp_path / "pages", importer.POOL_FROM - 1)
    with Store(tmp_path / "p.db") as store:
        assert import_paths(store, [pages], jobs=2).workers == 1
        assert reextract(store, jobs=2).workers == 1


def crash_on_some(work: Any) -> Any:
    """A page that makes its worker process end at once (as one killed, or out of memory)."""
    if "CRASH" in work[1]:
        os._exit(1)
    return prepare_page(work)


def test_a_worker_that_dies_is_said_plainly_and_what_was_stored_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(importer, "POOL_FROM", 2)
    monkeypatch.setattr(importer, "prepare_page", crash_on_some)
    pages = page_folder(tmp_path / "pages", 30, crash_at=25)
    db = tmp_path / "p.db"
    assert main(["import", str(db), str(pages), "--jobs", "2"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reviewer: a worker process ended while it worked")
    assert "--jobs 1" in err and "Traceback" not in err
    with Store(db) as store:
        assert store.queue.count() in range(0, 26)  # the batches before it, whole
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_where_no_process_can_be_forked_this_process_does_the_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A limit on processes (a pids cgroup, a sandbox): the pool is made, its first
    worker cannot be; the work is done here, not failed with a misleading message."""
    monkeypatch.setattr(importer, "POOL_FROM", 2)

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    pages = page_folder(tmp_path / "pages", 6)
    with Store(tmp_path / "p.db") as store:
        assert (import_paths(store, [pages], jobs=2).workers, store.queue.count()) == (1, 6)
    assert process_pool(2) is None
