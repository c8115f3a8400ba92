"""Project files in a bad way, for tests: damaged in the middle, on a read-only file
system, on a small one that fills up.

``make_project`` writes a project of a few hundred postings; ``damage`` overwrites
pages in the middle of it with random bytes (page 1 stays, so it still opens as an
SQLite file); ``small_disk`` and ``read_only`` mount a size-limited file system (a
tmpfs, which needs the right to mount) and skip the test with a reason where that
cannot be done.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.core.store import NewPosting, Store

WORDS = ("Python SQL Kubernetes Berlin remote senior data pipelines customers team "
         "salary benefits holiday pension mentor design build review").split()


def posting(n: int) -> NewPosting:
    rng = random.Random(n)
    body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(8))
    text = f"# Data Engineer {n}\n\nCompany: Acme {n}\nLocation: Berlin\n\n{body}\n"
    return NewPosting(source=f"p{n}.txt", hash=f"h{n}", kind="text", raw=text, cleaned=text,
                      fields={"title": f"Data Engineer {n}", "company": f"Acme {n}"},
                      evidence={"title": [[2, 2 + len(f"Data Engineer {n}")]]},
                      confidence={"title": 0.9, "company": 0.6})


def make_project(path: Path, n: int = 300) -> Path:
    """A project of ``n`` postings, closed with nothing left in a -wal file."""
    with Store(path) as store:
        store.postings.add([posting(i) for i in range(1, n + 1)])
    assert not Path(f"{path}-wal").exists()
    return path


def damage(path: Path, pages: int = 4, seed: int = 1) -> list[str]:
    """Overwrite ``pages`` pages in the middle of the file with random bytes; returns
    what ``PRAGMA quick_check`` says of it afterwards (it must say something)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size, count = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_size", "page_count"))
    conn.close()
    rng = random.Random(seed)
    with path.open("r+b") as handle:
        for page in range(count // 2, count // 2 + pages):
            handle.seek(page * size)
            handle.write(rng.randbytes(size))
    return quick_check(path)


def quick_check(path: Path) -> list[str]:
    """The problems ``PRAGMA quick_check`` finds (an error stopping it counts as one)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    found: list[str] = []
    try:
        for (row,) in conn.execute("PRAGMA quick_check"):
            if row != "ok":
                found.append(row)
    except sqlite3.DatabaseError as err:
        found.append(str(err))
    finally:
        conn.close()
    return found


def integrity_ok(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return bool(conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)])
    finally:
        conn.close()


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (the test is skipped where mounting is
    not allowed); unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def make_read_only(folder: Path) -> None:
    """Remount a tmpfs from ``small_disk`` read-only: no write, not even root's."""
    done = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only here: {done.stderr.strip() or done.returncode}")


@contextlib.contextmanager
def read_only_copy(project: Path, where: Path) -> Iterator[Path]:
    """A copy of ``project`` that cannot be written: its file and its folder read-only
    by their modes for a user, on a read-only file system for root (who ignores modes)."""
    if os.geteuid() != 0:
        where.mkdir()
        copy = where / project.name
        copy.write_bytes(project.read_bytes())
        copy.chmod(0o444)
        where.chmod(0o555)
        try:
            yield copy
        finally:
            where.chmod(0o755)
        return
    with small_disk(where, "16m"):
        copy = where / project.name
        copy.write_bytes(project.read_bytes())
        make_read_only(where)
        yield copy
