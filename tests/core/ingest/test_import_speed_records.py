"""Records that carry their cleaning and fields (our canonical JSONL, Parquet shards) go
straight to the store: what is stored is what was read, whatever the batches, and a
JSONL line is read as the standard library's json reads it, however fast."""

from __future__ import annotations

import gc
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from import_pages import write_jsonl, write_pages

from reviewer.core.ingest import Item, Skipped, import_paths, iter_inputs
from reviewer.core.store import Store


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The canonical records of 150 imported pages, a few of them with people's work
    on them here and there (a status, a corrected field, a comment, a label)."""
    tmp = tmp_path_factory.mktemp("records")
    with Store(tmp / "p.db") as store:
        import_paths(store, [write_pages(tmp / "in", 150)])
        ids = store.queue.ids()
        store.postings.set_status(ids[10], "reviewed")
        store.decisions.set_field(ids[40], "title", "Chief Tester")
        store.postings.set_comment(ids[41], "look again")
        store.postings.set_status(ids[120], "flagged")
        return [dict(r) for r in store.records.all(reviewed_only=False)]


def tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row an import of records writes, in the order of its id or rowid (the log's
    times left out: a record with people's work is logged when it is stored)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, postings_fts, "
                     "instance)")
        return {name: conn.execute(query).fetchall() for name, query in {
            "postings": "SELECT * FROM postings ORDER BY id",
            "suggestions": "SELECT rowid, * FROM suggestions ORDER BY rowid",
            "annotations": "SELECT posting_id, field, state, value, spans FROM annotations "
                           "ORDER BY rowid",
            "events": "SELECT id, kind, posting_id, data FROM events WHERE kind = "
                      "'import_record' ORDER BY id",
            "terms": "SELECT term, doc, col, offset FROM temp.terms ORDER BY 1, 2, 3, 4",
        }.items()}
    finally:
        conn.close()


def test_records_are_stored_as_read_whatever_the_batches(
        exported: list[dict[str, Any]], tmp_path: Path) -> None:
    """One batch, or batches that split the runs of plain records anywhere: the same
    rows, in the order of the input (the log too), and every posting found by search."""
    written = []
    for size in (len(exported), 100, 7):
        path = tmp_path / f"b{size}.db"
        with Store(path) as store:
            for start in range(0, len(exported), size):
                store.records.add_many(exported[start:start + size])
            assert sorted(store.queue.search("engineer", limit=1000)) == list(store.queue.ids())
        written.append(tables(path))
    events = written[0]["events"]
    assert [e[2] for e in events] == list(range(1, 151))
    assert [e[0] for e in events] == sorted(e[0] for e in events)
    assert len(written[0]["annotations"]) == 1
    assert written[0] == written[1] == written[2]


def test_canonical_jsonl_import_stores_exactly_what_it_read(
        exported: list[dict[str, Any]], tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "records.jsonl", exported)
    with Store(tmp_path / "q.db") as store:
        report = import_paths(store, [source])
        assert (report.added, report.duplicates, report.skipped) == (150, 0, [])
        again = [dict(r) for r in store.records.all(reviewed_only=False)]
        assert again == exported
        report = import_paths(store, [source])  # again: nothing new
        assert (report.added, report.duplicates) == (0, 150)


def test_a_mixed_import_keeps_the_order_of_records_and_of_pages(
        exported: list[dict[str, Any]], tmp_path: Path) -> None:
    """Records are stored a thousand at a time, pages a batch at a time, the two in the
    order read: a record keeps the id it asks for where a page read before it has not
    taken it, and one whose id was taken is numbered after the others."""
    first = write_jsonl(tmp_path / "first.jsonl", exported[:60])
    pages = write_pages(tmp_path / "more", 30)
    for page in sorted(pages.iterdir()):
        page.write_text(page.read_text(encoding="utf-8") + "\nA page of its own.\n",
                        encoding="utf-8")
    last = write_jsonl(tmp_path / "last.jsonl", exported[60:])
    with Store(tmp_path / "m.db") as store:
        report = import_paths(store, [first, pages, last], batch=10)
        assert (report.added, report.duplicates) == (180, 0)
        sources = [store.records.get(pid)["source"] for pid in store.queue.ids()]
        assert sorted(store.queue.search("engineer", limit=1000)) == list(store.queue.ids())
    page_files = sorted(str(p) for p in pages.iterdir())
    records = [r["source"] for r in exported]
    # the first 60 records keep ids 1-60, the pages take 61-90, the last records keep
    # 91-150, and those that asked for 61-90 come after them
    assert sources == records[:60] + page_files + records[90:] + records[60:90]


def _read(line: bytes, tmp_path: Path) -> list[Item | Skipped]:
    path = tmp_path / "f.jsonl"
    path.write_bytes(line + b"\n")
    return list(iter_inputs([path]))


@pytest.mark.parametrize(("line", "metadata"), [
    (b'{"text": "a page", "n": 18446744073709551616}', {"n": "18446744073709551616"}),
    (b'{"text": "a page", "n": 9223372036854775808}', {"n": "9223372036854775808"}),
    (b'{"text": "a page", "n": -9223372036854775809}', {"n": "-9223372036854775809"}),
    (b'{"text": "a page", "n": 1234567890123456789}', {"n": 1234567890123456789}),
    (b'{"text": "a page", "n": 1e400}', {"n": float("inf")}),
    (b'{"text": "a page", "n": 0.1, "m": -0, "k": 1E2}', {"n": 0.1, "m": 0, "k": 100.0}),
    (b'{"text": "a page", "n": "\\ud800"}', {"n": "\ufffd"}),
    (b'{"text": "a page", "n": 1, "n": 2}', {"n": 2}),
    (b'{"text": "a page", "n": "caf\xe9"}', {"n": "caf\xe9"}),  # Latin-1 bytes
])
def test_a_jsonl_line_is_read_as_json_reads_it(line: bytes, metadata: dict[str, Any],
                                               tmp_path: Path) -> None:
    (item,) = _read(line, tmp_path)
    assert isinstance(item, Item) and item.text == "a page"
    assert item.metadata == metadata
    assert [type(v) for v in item.metadata.values()] == [type(v) for v in metadata.values()]


def test_a_record_with_numbers_or_text_json_alone_reads_is_kept_as_before(
        exported: list[dict[str, Any]], tmp_path: Path) -> None:
    record = dict(exported[0], raw_hash="x" * 64, id=None)
    line = json.dumps(record)[:-1] + ', "extra": 1}'
    big = line.replace('"metadata": {}', '"metadata": {"n": 18446744073709551616, '
                                          '"s": "\\udc80", "f": NaN}')
    assert big != line
    (path := tmp_path / "big.jsonl").write_text(big + "\n", encoding="utf-8")
    (item,) = list(iter_inputs([path]))
    assert isinstance(item, Item) and item.record is not None
    assert item.metadata["n"] == "18446744073709551616" and item.metadata["s"] == "\ufffd"
    assert item.metadata["f"] != item.metadata["f"]  # NaN, as json reads it
    assert item.record["metadata"] == item.metadata


def test_an_import_leaves_the_garbage_collector_and_the_project_as_they_were(
        tmp_path: Path) -> None:
    """Collections and -wal folds are made rarer while an import runs, and put back when
    it ends, however it ends."""
    before = gc.get_threshold()
    during: list[tuple[tuple[int, int, int], int]] = []
    with Store(tmp_path / "p.db") as store:

        def checkpoint() -> int:
            return int(store.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0])

        folds = checkpoint()
        import_paths(store, [write_pages(tmp_path / "in", 20)],
                     progress=lambda report: during.append((gc.get_threshold(), checkpoint())))
        assert checkpoint() == folds
        with pytest.raises(RuntimeError):
            import_paths(store, [tmp_path / "in"], progress=_fail)
        assert checkpoint() == folds
    assert gc.get_threshold() == before
    assert max(t[0] for t, _ in during) >= max(before[0], 10_000)
    assert max(n for _, n in during) > folds


def _fail(report: object) -> None:
    raise RuntimeError("stop")
