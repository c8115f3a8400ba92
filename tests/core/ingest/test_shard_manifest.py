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
