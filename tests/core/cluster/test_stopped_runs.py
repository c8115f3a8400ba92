"""A run stopped on its way (Ctrl+C, a cluster left with no worker) leaves its output
folder in order and says what it holds; two runs into one folder at once are one too
many."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyarrow", reason="needs the cluster extra: pip install -e '.[cluster]'")
pytest.importorskip("distributed", reason="needs the cluster extra")

from reviewer.cli import main
from reviewer.core.cluster import SchedulerError, extract_to_parquet
from reviewer.core.cluster import run as cluster_run
from reviewer.core.ingest import iter_inputs

NO_WORKER = SchedulerError("the cluster has had no worker for 120 s, with 2 partitions "
                           "to go: stopped (start a worker and run again)")


def pages(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    made = []
    for k in range(n):
        page = folder / f"p{k:03d}.txt"
        page.write_text(f"Data Engineer {k}\n\nAcme {k} is hiring in Leeds. Python and SQL.\n",
                        encoding="utf-8")
        made.append(page)
    return made


def stops_after_one(stop: BaseException) -> Callable[..., Iterator[Any]]:
    """``finished`` that gives the first partition done, then stops as ``stop`` does."""
    real = cluster_run.finished

    def finished(client: Any, futures: list[Any], *args: Any) -> Iterator[Any]:
        for n, future in enumerate(real(client, futures, *args)):
            if n == 1:
                raise stop
            yield future

    return finished


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_ctrl_c_during_a_run_into_a_folder_puts_the_earlier_run_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The earlier run's shards and manifest were removed once the run had written a
    shard: a few new shards and no manifest were left, and "reviewer: stopped" said
    nothing of it."""
    given = pages(tmp_path / "pages", 30)
    out = tmp_path / "shards"
    extract_to_parquet(given[:12], out, partition_size=10, workers=1)
    before = contents(out)
    monkeypatch.setattr(cluster_run, "finished", stops_after_one(KeyboardInterrupt()))
    code = main(["extract", "--engine", "dask", "--jobs", "1", "--partition-size", "10",
                 "--to-parquet", str(out), *map(str, given)])
    assert code == 130
    err = capsys.readouterr().err
    assert f"{out} holds the earlier run's output again, as it was" in err
    assert contents(out) == before


def test_a_run_left_with_no_worker_lists_what_it_did_not_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It wrote no manifest: an import said the folder was perhaps incomplete, and what
    the run did not write was not known, though the run knew it."""
    given = pages(tmp_path / "pages", 30)
    out = tmp_path / "shards"
    monkeypatch.setattr(cluster_run, "finished", stops_after_one(NO_WORKER))
    report = cluster_run.ClusterReport(str(out))
    with pytest.raises(SchedulerError):
        extract_to_parquet(given, out, partition_size=10, workers=1, report=report)
    assert report.left.startswith(f"{out} holds the 1 shard this run wrote (10 records) "
                                  "and a manifest.json that lists the 2 partitions it did "
                                  "not write")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    written = [shard["file"] for shard in manifest["shards"]]
    assert sorted(p.name for p in out.glob("part-*")) == written and len(written) == 1
    assert [f["stopped"] for f in manifest["failed"]] == [True, True]
    said = [s.reason for s in iter_inputs([out]) if s.source.endswith(("partition 0",
                                                                         "partition 1",
                                                                         "partition 2"))]
    assert len(said) == 2 and all(r.startswith("not reached, its 10 inputs") and
                                  "no worker for 120 s" in r for r in said)


def test_a_second_run_into_a_folder_in_use_is_refused(tmp_path: Path) -> None:
    """Two runs at once mixed their output: one's manifest listed the other's shards."""
    from reviewer.core.cluster import FolderInUse
    from reviewer.core.cluster.folder_lock import held

    with held(str(tmp_path)), pytest.raises(FolderInUse, match="another run is writing"):
        extract_to_parquet(pages(tmp_path / "pages", 2), tmp_path, workers=1)
    assert not any(tmp_path.glob("part-*"))


def test_a_lock_a_dead_run_left_is_taken(tmp_path: Path) -> None:
    """A killed run leaves its lock file; the system's lock on it went with the run."""
    from reviewer.core.cluster.folder_lock import LOCK, held

    (tmp_path / LOCK).write_text("999999999\n")
    with held(str(tmp_path)):
        assert (tmp_path / LOCK).read_text().strip().isdigit()
    assert not (tmp_path / LOCK).exists()


def test_a_folder_that_keeps_no_locks_is_said_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Where the file system keeps no locks, a run went on without one in silence: a
    second run into the folder at once was not refused, and nothing said so."""
    import errno
    import fcntl

    def no_locks(*_args: Any) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    given = pages(tmp_path / "pages", 2)
    out = tmp_path / "shards"
    assert main(["extract", "--engine", "dask", "--jobs", "1", "--to-parquet", str(out),
                 *map(str, given)]) == 0
    captured = capsys.readouterr()
    assert captured.err.count(f"{out} could not be locked (its file system keeps no "
                              "locks)") == 1
    assert "2 records in 1 shard in" in captured.out


def test_a_lock_file_never_the_one_locked_is_given_up(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system whose files change inode from one look to the next made the run
    take the lock again and again, for ever."""
    import os

    from reviewer.core.cluster import folder_lock

    real, looks = os.fstat, []

    def other_inode(handle: int) -> Any:
        looks.append(handle)
        if len(looks) > 100:
            raise AssertionError("taken for ever")
        found = real(handle)
        return os.stat_result((found.st_mode, found.st_ino + 1, *tuple(found)[2:]))

    monkeypatch.setattr(os, "fstat", other_inode)
    with folder_lock.held(str(tmp_path)) as locked:
        assert locked is False
    assert len(looks) == folder_lock.TRIES
