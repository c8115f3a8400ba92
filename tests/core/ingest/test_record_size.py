"""A record of our own (a JSONL line, a shard's row) whose text is over the limit of a
page file is refused with its reason, as the page would be; the others are imported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.ingest import Item, Skipped, iter_inputs
from reviewer.core.ingest.read import MAX_BYTES

STAMP = "2026-01-01T00:00:00+00:00"


def record(n: int, text: str) -> dict[str, Any]:
    return {"id": None, "source": f"p{n}.txt", "raw_hash": f"hash-{n}", "status": "new",
            "reviewer": "", "text": text, "fields": {}, "provenance": {}, "machine": {},
            "field_spans": {}, "spans": [], "labels": {}, "comment": "", "metadata": {},
            "imported_at": STAMP, "updated_at": STAMP, "schema_version": 1}


HUGE = "Data Engineer\n\n" + "Python and SQL in Leeds. " * (MAX_BYTES // 25 * 11 // 10)
SAID = "an exported record that cannot be stored: the text is 22.0 MB, over the 20 MB limit"


def read(path: Path) -> list[Item | Skipped]:
    return list(iter_inputs([path]))


def test_a_jsonl_record_over_the_limit_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    """A 56 MB text came in, and the window then did not open the posting."""
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(record(n, text)) + "\n" for n, text in
                            enumerate(["Data Engineer\n\nAcme.", HUGE, "Analyst\n\nAcme."])),
                    encoding="utf-8")
    found = read(path)
    assert [type(r).__name__ for r in found] == ["CheckedItem", "Skipped", "CheckedItem"]
    assert isinstance(found[1], Skipped) and found[1].reason == SAID


def test_a_shard_row_over_the_limit_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="needs pyarrow")
    from reviewer.core.ingest.shards import shard_table

    path = tmp_path / "records.parquet"
    pq.write_table(shard_table([record(1, HUGE), record(2, "Data Engineer\n\nAcme.")]), path)
    found = read(path)
    assert [type(r).__name__ for r in found] == ["Skipped", "CheckedItem"]
    assert isinstance(found[0], Skipped) and found[0].reason == SAID
