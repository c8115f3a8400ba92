"""Our own export run through ``extract --engine dask`` keeps the people's work its
records carry: each reviewer's own values, the spans rejected, what reviewers still
differ on and who ruled; its shards import as the export itself does."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow", reason="needs the cluster extra: pip install -e '.[cluster]'")
pytest.importorskip("distributed", reason="needs the cluster extra")

from reviewer.cli import main  # noqa: E402
from reviewer.core.ingest.shards import record_item, shard_table  # noqa: E402
from reviewer.core.records import OPTIONAL_KEYS  # noqa: E402
from reviewer.core.store import Store  # noqa: E402
from reviewer.core.team import merge_projects  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "team"))
from team_projects import shared_files  # noqa: E402


def merged_export(tmp_path: Path) -> Path:
    """ana and ben's files merged, a lead's ruling and a rejected suggestion in it, and
    exported whole with each reviewer's own values."""
    files = shared_files(tmp_path, ["ana", "ben"])
    for name, title in (("ana", "Engineer"), ("ben", "Analyst")):
        with Store(files[name], reviewer=name) as store:
            store.decisions.set_field(1, "title", title)  # they differ: undecided
            store.decisions.set_field(2, "title", title)  # ruled on below
            if name == "ana":
                store.spans.add(5, 0, 4, "TOOL")
                store.postings.set_status(5, "reviewed")
            else:
                store.decisions.accept_all(5)  # no span: they differ on the spans
    merged = tmp_path / "merged.db"
    merge_projects(merged, [files["ana"], files["ben"]])
    with Store(merged, reviewer="lead") as store:
        store.reviews.adjudicate(2, "title", "Data Engineer")
        store.spans.add_many(4, [(5, 13, "SKILL")], "machine", "rejected", follow=False)
    out = tmp_path / "all.jsonl"
    assert main(["export", str(merged), "--all", "--all-reviewers", "-o", str(out)]) == 0
    return out


def exported(db: Path, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / f"{db.stem}.jsonl"
    assert main(["export", str(db), "--all", "--all-reviewers", "-o", str(out)]) == 0
    return sorted((json.loads(line) for line in out.read_text("utf-8").splitlines()),
                  key=lambda r: r["raw_hash"])


def test_shards_of_our_export_import_as_the_export_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The shards kept only a record's first keys: a posting its reviewers differed on
    came in decided, with no word of it, and a rejected suggestion was forgotten."""
    from reviewer.core.cluster import extract_to_parquet

    export = merged_export(tmp_path)
    lines = [json.loads(line) for line in export.read_text("utf-8").splitlines()]
    for key in OPTIONAL_KEYS:
        assert any(key in record for record in lines), key
    report = extract_to_parquet([export], tmp_path / "shards", workers=1)
    assert report.records == len(lines) and not report.failed
    capsys.readouterr()
    assert main(["import", str(tmp_path / "direct.db"), str(export)]) == 0
    direct = capsys.readouterr().err
    assert main(["import", str(tmp_path / "sharded.db"), str(tmp_path / "shards")]) == 0
    sharded = capsys.readouterr().err
    assert "now reads as decided" in direct and sharded == direct
    assert exported(tmp_path / "sharded.db", tmp_path) == exported(tmp_path / "direct.db",
                                                                   tmp_path)


def test_every_shard_has_the_same_columns_and_keeps_what_its_records_carry() -> None:
    """A shard of records with people's work is of a newer format than one without (a
    version that reads no more refuses it, saying so), but its columns are the same."""
    base = {"id": None, "source": "a.txt", "raw_hash": "h", "status": "new", "text": "Data",
            "fields": {}, "provenance": {}, "machine": {}, "field_spans": {}, "spans": [],
            "labels": {}, "comment": "", "metadata": {}, "imported_at": "2026-01-01T00:00:00+00:00",
            "updated_at": "2026-01-01T00:00:00+00:00", "schema_version": 1}
    worked = {**base, "undecided": ["spans"], "adjudicated_by": {"status": "lead"},
              "rejected_spans": [{"start": 0, "end": 4, "label": "SKILL", "origin": "machine"}]}
    plain, carried = shard_table([base]), shard_table([base, worked])
    assert plain.schema.remove_metadata() == carried.schema.remove_metadata()
    versions = [json.loads(t.schema.metadata[b"posting_reviewer"])["version"]
                for t in (plain, carried)]
    assert versions == [1, 2]
    rows = carried.to_pylist()
    first, second = (record_item(f"s#{n}", row).record for n, row in enumerate(rows))
    assert first is not None and not set(OPTIONAL_KEYS) & set(first)
    assert second is not None and {k: second[k] for k in ("undecided", "adjudicated_by",
                                                          "rejected_spans")} == {
        k: worked[k] for k in ("undecided", "adjudicated_by", "rejected_spans")}

