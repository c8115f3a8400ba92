"""A shard folder's manifest edited by hand or damaged costs its odd entries, not the
folder: the shards beside it are read."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.core.ingest import items, iter_inputs
from reviewer.core.ingest.shards import MANIFEST_KEY

ROOT = Path(__file__).resolve().parents[3]


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


def test_the_manifest_is_read_once_for_all_its_shards(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Each shard read the folder's manifest again (it lists every input: 13 MB for
    100,000 postings, 7 s for 200 shards, minutes for a million postings)."""
    from reviewer.core.ingest import shards

    doc = {shards.MANIFEST_KEY: 1, "shards": [
        {"file": f"part-{k:05d}.parquet", "records": 10 + k} for k in range(50)]}
    (tmp_path / "manifest.json").write_text(json.dumps(doc), encoding="utf-8")
    reads = []
    real = shards.orjson.loads
    monkeypatch.setattr(shards.orjson, "loads", lambda data: reads.append(1) or real(data))
    counts = [shards.manifest_records(str(tmp_path / f"part-{k:05d}.parquet"))
              for k in range(50)]
    assert counts == [10 + k for k in range(50)] and len(reads) == 1


def _memory_limited() -> None:  # (a reader of /dev/zero stops at 3 GB, not the machine's)
    resource.setrlimit(resource.RLIMIT_AS, (3_000_000_000, 3_000_000_000))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_a_manifest_that_is_no_regular_file_is_said_and_the_folder_imported(
        tmp_path: Path, kind: str) -> None:
    """A FIFO named manifest.json beside a shard: the import waited for it for ever; a
    link to /dev/zero was read until memory ran out, and the whole folder was lost."""
    folder = tmp_path / "shards"
    folder.mkdir()
    (folder / "a.txt").write_text("Engineer. Location: Berlin. We build rockets.\n")
    (folder / "part-00000.parquet").write_text("junk\n")
    manifest = folder / "manifest.json"
    if kind == "pipe":
        os.mkfifo(manifest)
    else:
        manifest.symlink_to("/dev/zero")
    proc = subprocess.run(
        [sys.executable, "-m", "reviewer.cli", "import", str(tmp_path / "p.db"), str(folder)],
        capture_output=True, text=True, timeout=60, cwd=ROOT, preexec_fn=_memory_limited)
    said = proc.stdout + proc.stderr
    assert "1 posting added" in said, said
    assert (f"skipped {folder}: its manifest.json cannot be read: not a regular file"
            in said), said
    assert f"skipped {manifest}: not a regular file" in said
    assert "Error" not in said


def test_a_manifest_too_large_is_said_and_its_shards_imported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.core.ingest import shards

    (tmp_path / "manifest.json").write_text(json.dumps({MANIFEST_KEY: 1, "shards": [
        {"file": "part-00000.parquet", "records": 1}], "inputs": ["x" * 400]}))
    (tmp_path / "part-00000.parquet").write_text("junk\n")
    monkeypatch.setattr(items, "DATA_MAX_BYTES", 200)
    [said] = [s.reason for s in iter_inputs([tmp_path]) if s.source == str(tmp_path)]
    assert said.startswith("its manifest.json cannot be read: the manifest is ")
    assert said.endswith("over the 0 MB limit; what the run that wrote the shards did not "
                         "write is not known (the shards found are imported)")
    assert shards.manifest_records(str(tmp_path / "part-00000.parquet")) is None


def test_only_a_file_named_manifest_json_is_a_manifest(tmp_path: Path) -> None:
    """Any JSON file with the manifest's key was read as one: its "skipped" list printed
    as report lines of the import, and the shards it listed looked for anywhere."""
    data = tmp_path / "m.json"
    data.write_text(json.dumps({
        MANIFEST_KEY: 1, "shards": [{"file": str(tmp_path / "gone" / "part-00001.parquet"),
                                     "records": 7}],
        "skipped": [{"source": "IMPORTANT.txt", "reason": "fake reason injected"}]}))
    said = [(s.source, s.reason) for s in iter_inputs([data])]
    assert all("IMPORTANT" not in source and "manifest" not in reason
               for source, reason in said), said


@pytest.mark.parametrize("name", ["../part-00009.parquet", "{outside}/part-00009.parquet",
                                  "sub/part-00009.parquet", "..", "", "passwd"])
def test_a_shard_the_manifest_names_outside_its_folder_is_not_looked_for(
        tmp_path: Path, name: str) -> None:
    """A manifest's shard was looked for wherever its name led (``/etc/passwd``,
    ``../x``): a shard's name is a file name in the manifest's folder, or the manifest
    is damaged."""
    folder = tmp_path / "shards"
    (folder / "sub").mkdir(parents=True)
    name = name.format(outside=tmp_path)
    for there in (tmp_path / "part-00009.parquet", folder / "sub" / "part-00009.parquet"):
        there.write_text("a file outside the folder")
    (folder / "manifest.json").write_text(json.dumps({MANIFEST_KEY: 1, "shards": [
        {"file": name, "records": 3}]}))
    said = [(s.source, s.reason) for s in iter_inputs([folder / "manifest.json"])]
    assert said == [(str(folder / "manifest.json"),
                     f"a damaged manifest: 1 shard it lists is named by no shard's file name "
                     f'in its folder ("{name}"): not looked for')]
