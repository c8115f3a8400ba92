"""A shard folder's manifest edited by hand or damaged costs its odd entries, not the
folder: the shards beside it are read."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.core.ingest import iter_inputs
from reviewer.core.ingest.shards import MANIFEST_KEY


def test_entries_that_are_not_objects_are_said_and_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "shards"
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({
        MANIFEST_KEY: 1, "failed": ["x", {"partition": 3, "inputs": "not a list",
                                          "error": "boom"}],
        "skipped": "one odd entry", "shards": [7, {"file": "part-00001.parquet",
                                                    "records": 5}]}), encoding="utf-8")
    said = {(s.source, s.reason) for s in iter_inputs([folder])}
    manifest = str(folder / "manifest.json")
    assert (f"{manifest}: partition 3",
            "failed on the cluster, its 0 inputs () not extracted: boom") in said
    assert (str(folder / "part-00001.parquet"),
            "a shard the manifest lists is missing (5 records)") in said
    assert (manifest, "3 entries of the manifest are not understood (not objects): "
                      "left out") in said


def test_a_shard_given_by_name_that_its_manifest_does_not_list_is_not_read(
        tmp_path: Path) -> None:
    """The shards of a folder given one by one (``out/*``) are held to its manifest as
    the folder is: one it does not list was imported when given by name."""
    import pytest

    pytest.importorskip("pyarrow")
    from reviewer.core.cluster.run import (
        ClusterReport,
        ShardResult,
        write_manifest,
        write_shard,
    )

    folder = tmp_path / "shards"
    record = {"raw_hash": "h1", "text": "Nurse\n\nCity Hospital, Leeds.", "source": "a.txt",
              "status": "new"}
    for number in (0, 1):
        write_shard([dict(record, raw_hash=f"h{number}")], str(folder),
                    f"part-0000{number}.parquet")
    report = ClusterReport(str(folder))
    report.shards.append(ShardResult(0, "part-00000.parquet", 1, []))
    write_manifest(report, [])
    read = list(iter_inputs(sorted(folder.iterdir())))
    assert [(Path(s.source).name, s.reason) for s in read if not hasattr(s, "text")] == [
        ("part-00001.parquet", "a shard the folder's manifest.json does not list (left by "
                               "another run?): not imported")]
    assert len([r for r in read if hasattr(r, "text")]) == 1
