"""The earlier run's output a stopped run puts back stays put back: a task still running
on a worker writes nothing over it, and a run cut short as it finishes or puts back
leaves a folder the next run puts in order without losing either run."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyarrow", reason="needs the cluster extra: pip install -e '.[cluster]'")
pytest.importorskip("distributed", reason="needs the cluster extra")

from test_stopped_runs import pages, stops_after_one

from reviewer.core.cluster import ClusterReport, extract_to_parquet, partitions
from reviewer.core.cluster import run as cluster_run
from reviewer.core.cluster.earlier import recover
from reviewer.core.cluster.folder_lock import LOCK
from reviewer.core.ingest import iter_inputs


def files(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` and its hidden folders (the lock file left out)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != LOCK}


@pytest.fixture
def maps(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, list[Any], dict[str, Any]]]:
    """What each run maps over its cluster (the function, its partitions, its keywords),
    recorded, so that a test can run a task as a worker would, after the run stopped."""
    calls: list[tuple[Any, list[Any], dict[str, Any]]] = []
    real = cluster_run.cluster_client

    class Recording:
        def __init__(self, client: Any) -> None:
            self.client = client

        def __getattr__(self, name: str) -> Any:
            return getattr(self.client, name)

        def map(self, func: Any, parts: list[Any], **kwargs: Any) -> Any:
            calls.append((func, parts, {k: v for k, v in kwargs.items()
                                        if k not in ("key", "retries")}))
            return self.client.map(func, parts, **kwargs)

    @contextlib.contextmanager
    def recording(*args: Any) -> Iterator[Any]:
        with real(*args) as client:
            yield Recording(client)

    monkeypatch.setattr(cluster_run, "cluster_client", recording)
    return calls


def late_task(call: tuple[Any, list[Any], dict[str, Any]], index: int) -> None:
    """Partition ``index`` of a run written as its task, still running on a worker when
    the run stopped, writes it: now, after the run put its folder in order."""
    func, parts, kwargs = call
    with contextlib.suppress(OSError):  # (a task may find nowhere left to write)
        func(parts[index], **kwargs)


def test_a_task_that_ends_after_the_put_back_leaves_the_earlier_output_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        maps: list[tuple[Any, list[Any], dict[str, Any]]]) -> None:
    """A task still running when the run stopped (a second Ctrl+C, a remote worker)
    wrote its shard over the earlier run's of the same name, after the run had said the
    folder held the earlier run's output again, as it was."""
    given = pages(tmp_path / "pages", 30)
    out = tmp_path / "shards"
    extract_to_parquet(given[:20], out, partition_size=10, workers=1)
    before = files(out)
    monkeypatch.setattr(cluster_run, "finished", stops_after_one(KeyboardInterrupt()))
    report = ClusterReport(str(out))
    with pytest.raises(KeyboardInterrupt):
        extract_to_parquet(given, out, partition_size=10, workers=1, report=report)
    late_task(maps[-1], 1)
    assert files(out) == before
    recover(str(out))  # (the next run into the folder)
    assert files(out) == before
    assert report.left == (f"{out} holds the earlier run's output again, as it was (the 1 "
                           "shard this run wrote is removed)")


def test_a_task_that_ends_after_a_stop_adds_no_shard_beside_the_manifest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        maps: list[tuple[Any, list[Any], dict[str, Any]]]) -> None:
    """With no earlier output, a late task's shard lay beside a manifest that said its
    partition was not reached."""
    given = pages(tmp_path / "pages", 30)
    out = tmp_path / "shards"
    monkeypatch.setattr(cluster_run, "finished", stops_after_one(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        extract_to_parquet(given, out, partition_size=10, workers=1)
    late_task(maps[-1], 2)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert sorted(files(out)) == ["manifest.json", *(s["file"] for s in manifest["shards"])]
    assert len(manifest["shards"]) == 1


def test_ctrl_c_as_a_finished_run_removes_the_earlier_output_keeps_the_new(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The new, complete shards were left without a manifest and the earlier run's in
    its hidden folder: the next run deleted the new ones and put back the earlier ones,
    without their manifest."""
    given = pages(tmp_path / "pages", 60)
    out = tmp_path / "shards"
    extract_to_parquet(given[:40], out, partition_size=10, workers=1)  # 4 shards
    real = cluster_run.remove

    def cut_short(aside: Path | None) -> None:
        if aside is not None:  # Ctrl+C once the first file set aside is gone
            sorted(aside.iterdir())[0].unlink()
            raise KeyboardInterrupt
        real(aside)

    monkeypatch.setattr(cluster_run, "remove", cut_short)
    with pytest.raises(KeyboardInterrupt):
        extract_to_parquet(given, out, partition_size=20, workers=1)  # 3 shards
    monkeypatch.undo()
    recover(str(out))
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert [s["file"] for s in manifest["shards"]] == [f"part-0000{n}.parquet" for n in range(3)]
    assert sorted(files(out)) == ["manifest.json", *(s["file"] for s in manifest["shards"])]
    assert manifest["records"] == 60 and not manifest["failed"]
    assert not [s for s in iter_inputs([out]) if hasattr(s, "reason")]


def test_a_second_ctrl_c_during_the_put_back_loses_none_of_the_earlier_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The put-back cut short left no manifest: the next run took the shards already
    moved back for the stopped run's and deleted them."""
    given = pages(tmp_path / "pages", 60)
    out = tmp_path / "shards"
    extract_to_parquet(given[:40], out, partition_size=10, workers=1)
    before = files(out)
    monkeypatch.setattr(cluster_run, "finished", stops_after_one(KeyboardInterrupt()))
    real, moved = os.replace, []

    def replace(source: Any, target: Any) -> None:
        if Path(source).parent.name.startswith(".earlier-run-") \
                and Path(target).parent == out:  # a file put back
            if len(moved) == 2:
                raise KeyboardInterrupt  # the second Ctrl+C
            moved.append(source)
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        extract_to_parquet(given, out, partition_size=10, workers=1)
    monkeypatch.undo()
    assert len(moved) == 2
    recover(str(out))
    assert files(out) == before


def test_the_shard_of_a_partition_is_written_where_the_run_says(tmp_path: Path) -> None:
    """``run_partition`` as a Spark job or a script calls it: into the folder given,
    made if missing."""
    page = tmp_path / "a.txt"
    page.write_text("Nurse\n\nCity Hospital, Leeds.\n", encoding="utf-8")
    shard = cluster_run.run_partition(partitions([page], 10)[0][0], str(tmp_path / "o"),
                                      "2026-01-01T00:00:00+00:00")
    assert shard.file == "part-00000.parquet" and (tmp_path / "o" / shard.file).is_file()
