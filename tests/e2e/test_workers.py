"""Worker processes end with the command that started them, even when it is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("command", ["import", "extract"])
def test_workers_die_with_a_killed_parent(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    pages = []
    for n in range(4000):
        page = folder / f"{n}.html"
        page.write_text("<html><body>" + f"<p>Engineer {n} who knows SQL and Python.</p>" * 200
                        + "</body></html>")
        pages.append(str(page))
    args = (["import", str(tmp_path / "p.db"), str(folder)] if command == "import"
            else ["extract", *pages])
    parent = subprocess.Popen([sys.executable, "-m", "reviewer.cli", *args, "--jobs", "2"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kill_and_see_all_end(parent, 2)


def kill_and_see_all_end(parent: subprocess.Popen[bytes], started: int) -> None:
    """Once ``started`` processes below ``parent`` run, kill it (-9): each of them ends."""
    below: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(below) < started:
            time.sleep(0.2)
            below = [pid for pid in _descendants(parent.pid) if _alive(pid)]
        assert len(below) >= started, "the workers never started"
        time.sleep(1)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(map(_alive, below)):
            time.sleep(0.2)
        assert not [pid for pid in below if _alive(pid)]
    finally:
        for pid in [*below, *_descendants(parent.pid)]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        parent.kill()


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for child in _children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


_WINDOW_LIKE = """
import sys, threading
from reviewer.core import workers
from reviewer.core.ingest import import_paths
from reviewer.core.store import Store

def work():
    with Store(sys.argv[1]) as store:
        import_paths(store, [sys.argv[2]], jobs=2)

if __name__ == "__main__":
    workers.start_from_server()  # as the window does
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_from_the_server_die_with_a_killed_window(tmp_path: Path) -> None:
    """The window's workers are forked from a server process, not from the window: when
    the window is killed, the server and every worker end too."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4000):
        (folder / f"{n}.html").write_text(
            "<html><body>" + f"<p>Engineer {n} who knows SQL and Python.</p>" * 200
            + "</body></html>")
    script = tmp_path / "window_like.py"
    script.write_text(_WINDOW_LIKE)
    parent = subprocess.Popen([sys.executable, str(script), str(tmp_path / "p.db"),
                               str(folder)], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    kill_and_see_all_end(parent, 3)  # the server and two workers


_DIES_WHILE_SENDING = """
import os, sys, threading, time
from pathlib import Path
from reviewer.core.ingest import importer, import_paths
from reviewer.core.store import Store

CLEAN = importer.prepare_page

def dies_while_sending(work):
    if "DIE" in work[1]:  # ends while its 400 MB result is still going down the pipe
        threading.Thread(target=lambda: (time.sleep(0.8), os._exit(1)), daemon=True).start()
        return b"x" * 400_000_000
    return CLEAN(work)

if __name__ == "__main__":
    importer.POOL_FROM = 2
    importer.prepare_page = dies_while_sending
    try:
        with Store(sys.argv[1]) as store:
            import_paths(store, [sys.argv[2]], jobs=2, batch=10)
    except Exception as err:
        print(type(err).__name__)
"""


def test_a_worker_that_ends_while_it_sends_a_result_does_not_stop_the_run_for_ever(
        tmp_path: Path) -> None:
    """Python's pool notices a worker that ended, except one that ended while it sent its
    result: then it waited for the rest for ever. The run now ends, saying why."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(40):
        (folder / f"{n:02}.txt").write_text(f"Data Engineer {n}\n\nAcme hires.\n"
                                            + ("DIE\n" if n == 30 else ""))
    script = tmp_path / "dies.py"
    script.write_text(_DIES_WHILE_SENDING)
    try:
        done = subprocess.run([sys.executable, str(script), str(tmp_path / "p.db"), str(folder)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the run waited for ever for the worker that ended")
    assert done.stdout.strip() == "BrokenProcessPool", done.stderr[-2000:]
