"""Our own records (canonical JSONL, Parquet shards) read, checked and encoded in worker
processes (``--jobs``): the project is the one a single process makes, every row in the
order read, and a line that cannot be stored is reported as a single process reports it."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from import_pages import write_jsonl, write_pages

from reviewer.core.ingest import (
    Skipped,
    datafiles,
    import_paths,
    importer,
    items,
    iter_inputs,
    own_records,
    shards,
)
from reviewer.core.store import Store


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The canonical records of 150 imported pages, with people's work on some of them:
    statuses, a corrected and a rejected field, a comment, labels and spans."""
    tmp = tmp_path_factory.mktemp("records")
    with Store(tmp / "p.db") as store:
        import_paths(store, [write_pages(tmp / "in", 150)])
        ids = store.queue.ids()
        store.postings.set_status(ids[10], "reviewed")
        store.decisions.set_field(ids[40], "title", "Chief Tester")
        store.decisions.reject_field(ids[40], "company")
        store.postings.set_comment(ids[41], "look again")
        store.labels.answer(ids[42], "relevant", ["yes"])
        store.spans.add(ids[43], 0, 4, "SKILL")
        store.decisions.accept_all(ids[120])
        return [dict(r) for r in store.records.all(reviewed_only=False)]


def tables(path: Path, times: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an import writes, by rowid, the search index's words by
    posting, and the log but for its times (a record with people's work on it is logged
    when it is stored); ``times``: with the times of the postings (a page's are those of
    its import)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, postings_fts, "
                     "instance)")
        out = {table: conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()
               for table in ("postings", "suggestions", "annotations", "spans", "doc_labels")}
        if not times:
            columns = [row[1] for row in conn.execute("PRAGMA table_info(postings)")]
            out["postings"] = [tuple(cell for column, cell in zip(
                ["rowid", *columns], row, strict=True) if not column.endswith("ed_at"))
                for row in out["postings"]]
        out["events"] = conn.execute("SELECT id, kind, posting_id, data, reviewer FROM events"
                                     " ORDER BY id").fetchall()
        out["terms"] = conn.execute("SELECT * FROM temp.terms ORDER BY 1, 2, 3, 4").fetchall()
        return out
    finally:
        conn.close()


@pytest.fixture
def small_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of lines shorter than a line, tasks of a few records, few of them under
    way: many tasks, each waited for."""
    monkeypatch.setattr(datafiles, "LINES_BLOCK", 1000)
    monkeypatch.setattr(own_records, "TASK_ROWS", 7)
    monkeypatch.setattr(own_records, "TASKS_AHEAD", 1)
    monkeypatch.setattr(shards, "DEFERRED_ROWS", 9)


@pytest.mark.usefixtures("small_tasks")
@pytest.mark.parametrize("zipped", [False, True])
def test_records_read_by_workers_are_stored_as_one_process_stores_them(
        exported: list[dict[str, Any]], tmp_path: Path, zipped: bool) -> None:
    source = write_jsonl(tmp_path / "records.jsonl", exported)
    if zipped:
        with zipfile.ZipFile(tmp_path / "records.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(source, "records.jsonl")
        source = tmp_path / "records.zip"
    written = []
    for jobs in (1, 2):
        with Store(tmp_path / f"j{jobs}.db") as store:
            report = import_paths(store, [source], jobs=jobs)
            assert (report.added, report.duplicates, report.skipped) == (150, 0, [])
            assert [dict(r) for r in store.records.all(reviewed_only=False)] == exported
            found = store.queue.search("engineer", limit=1000)
            assert sorted(found) == list(store.queue.ids())
        written.append(tables(tmp_path / f"j{jobs}.db"))
    assert written[0] == written[1]
    assert [len(written[0][t]) for t in ("annotations", "spans", "doc_labels")] == [10, 1, 1]


@pytest.mark.usefixtures("small_tasks")
def test_shards_read_by_workers_are_stored_as_one_process_stores_them(
        exported: list[dict[str, Any]], tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from reviewer.core.cluster.run import ClusterReport, ShardResult, write_manifest, write_shard

    folder = tmp_path / "shards"
    report = ClusterReport(str(folder))  # the folder as a run writes it, manifest and all
    for number, start in enumerate(range(0, len(exported), 60)):
        batch = [dict(r, id=None) for r in exported[start:start + 60]]
        write_shard(batch, str(folder), f"part-{number:05d}.parquet")
        report.shards.append(ShardResult(number, f"part-{number:05d}.parquet", len(batch), []))
    write_manifest(report, [])
    written = []
    for jobs in (1, 2):
        with Store(tmp_path / f"j{jobs}.db") as store:
            report = import_paths(store, [folder], jobs=jobs)
            assert (report.added, report.skipped) == (150, [])
            again = [dict(r) for r in store.records.all(reviewed_only=False)]
            assert again == [dict(r, id=n) for n, r in enumerate(exported, 1)]
        written.append(tables(tmp_path / f"j{jobs}.db"))
    assert written[0] == written[1]


@pytest.mark.parametrize("block", [1000, 1 << 20])
def test_what_cannot_be_stored_is_reported_as_one_process_reports_it(
        exported: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        block: int) -> None:
    """Lines that are not JSON, too long, records of the wrong shape or that cannot be
    encoded, a page among the records (read by the importing process, which maps its
    keys), blank lines and a record met twice, in a file of records: each reported as
    reading the file in one process reports it, the same project with workers or
    without."""
    monkeypatch.setattr(datafiles, "LINES_BLOCK", block)
    monkeypatch.setattr(own_records, "TASK_ROWS", 3)
    monkeypatch.setattr(items, "DATA_MAX_BYTES", 20_000)
    deep: Any = "end"
    for _ in range(300):
        deep = {"x": deep}
    lines = [*exported[:5], "{not json", dict(exported[5], fields={"title": 5}), "",
             {"text": "Senior Analyst\nAcme · Paris\nWe want an analyst who knows SQL."},
             dict(exported[6], metadata=deep), exported[7], exported[7], "x" * 30_000,
             *exported[8:20], "   ", "[1, 2]", dict(exported[20], comment="x" * 30_000)]
    source = write_jsonl(tmp_path / "mixed.jsonl", lines)
    source.write_bytes(source.read_bytes().rstrip(b"\n"))  # its last line without an end
    read = [(s.source, s.reason) for s in iter_inputs([source]) if isinstance(s, Skipped)]
    assert [where for where, _ in read] == [f"{source}#{n}" for n in (6, 7, 13, 27, 28)]
    reports, written = [], []
    for jobs in (1, 2):
        with Store(tmp_path / f"j{jobs}.db") as store:
            report = import_paths(store, [source], jobs=jobs)
            reports.append((report.added, report.duplicates,
                            [(s.source, s.reason) for s in report.skipped]))
        written.append(tables(tmp_path / f"j{jobs}.db", times=False))
    assert reports[0] == reports[1]
    assert written[0] == written[1]
    added, duplicates, skipped = reports[0]
    assert (added, duplicates) == (5 + 1 + 1 + 12, 1)
    assert skipped == [*read[:2], skipped[2], *read[2:]]
    assert skipped[1][1] == "an exported record that cannot be stored: field title: not text"
    assert skipped[2][0] == f"{source}#10"
    assert skipped[2][1].startswith(  # orjson's error: nested too deeply to write
        f"the record cannot be stored: {orjson.JSONEncodeError.__name__}: ")


def test_an_import_of_records_leaves_the_connection_as_it_was(
        exported: list[dict[str, Any]], tmp_path: Path) -> None:
    """The page cache is larger and the references to postings are not looked up while
    records are written; both are as they were after."""
    source = write_jsonl(tmp_path / "records.jsonl", exported)
    with Store(tmp_path / "p.db") as store:

        def setting(name: str) -> int:
            return int(store.db.execute(f"PRAGMA {name}").fetchone()[0])

        before = setting("cache_size"), setting("foreign_keys")
        import_paths(store, [source])
        assert (setting("cache_size"), setting("foreign_keys")) == before == (-2000, 1)
        store.records.add_many([dict(exported[0], raw_hash="another")])
        assert setting("foreign_keys") == 1


def test_pages_among_records_are_numbered_the_same_whatever_the_workers(
        exported: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages and records that ask for their ids, read in one import: the postings are
    written in the same order, and so numbered the same, with one process or several.
    Before, a page took the id a record asked for with one process and not with two."""
    monkeypatch.setattr(importer, "RECORDS_BATCH", 30)
    for folder, count in (("pages", 3), ("more", 2)):
        (tmp_path / folder).mkdir()
        for n in range(count):
            (tmp_path / folder / f"{n}.txt").write_text(
                f"Welder {folder} {n}\nNorth Yard, Hull\n\nWe build ships.\n",
                encoding="utf-8")
    first = write_jsonl(tmp_path / "first.jsonl", exported[:87])
    last = write_jsonl(tmp_path / "last.jsonl", exported[87:])
    dup = write_pages(tmp_path / "dup", 1)  # the page of the first record, again
    written = []
    for jobs in (1, 2, 3):
        with Store(tmp_path / f"j{jobs}.db") as store:
            report = import_paths(store, [tmp_path / "pages", first, dup, last,
                                          tmp_path / "more"], jobs=jobs, batch=40)
            assert (report.added, report.duplicates) == (150 + 5, 1)
        written.append(tables(tmp_path / f"j{jobs}.db", times=False))
    assert written[0] == written[1] == written[2]


@pytest.mark.parametrize("change", ["drop provenance", "rename text", "newer version"])
def test_a_shard_that_lost_a_column_or_is_newer_is_refused_not_read_as_pages(
        exported: list[dict[str, Any]], tmp_path: Path, change: str) -> None:
    """A shard whose record columns were cut or renamed was read as a data file of pages
    (its cleaned text cleaned again, each posting with a new hash: imported twice)."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = shards.shard_table([dict(r, id=None) for r in exported[:5]])
    meta = table.schema.metadata
    if change == "drop provenance":
        table = table.drop(["provenance"])
    elif change == "rename text":
        table = table.rename_columns(["TEXT" if n == "text" else n for n in table.column_names])
    else:
        meta = {shards.SHARD_KEY: orjson.dumps({"version": 99, "json": shards.JSON_KEYS})}
    path = tmp_path / "part-00000.parquet"
    pq.write_table(table.replace_schema_metadata(meta), path)
    assert isinstance(table, pa.Table)
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [path])
        assert report.added == 0
        reasons = {s.source: s.reason for s in report.skipped}  # (and: no manifest beside it)
        assert ("newer" if change == "newer version" else "damaged") in reasons[str(path)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_records_labelled_outside_the_schema_are_kept_and_said(
        exported: list[dict[str, Any]], tmp_path: Path, jobs: int) -> None:
    """A record whose labels the project's schema lacks (another project's, edited) was
    stored in silence: the next save of the schema removed them, and an import of the
    schema as it was was refused for options "in use"."""
    records = [dict(r) for r in exported[40:46]]
    records[0]["labels"] = {"relevant": ["yes", "maybe"], "mood": ["happy"]}
    records[1]["spans"] = [{"start": 0, "end": 4, "label": "FOO", "text": records[1]["text"][:4],
                            "origin": "human"}]
    records[1]["status"] = "reviewed"
    path = write_jsonl(tmp_path / "r.jsonl", records)
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [path], jobs=jobs)
        assert report.added == 6
        note = report.reviewers_note() or ""
        assert "relevant/maybe" in note and "mood/happy" in note and "FOO" in note
        assert "relevant/yes" not in note


@pytest.mark.parametrize("key", ["raw_hash", "fields", "provenance", "text"])
def test_an_exported_record_missing_a_key_is_refused_not_read_as_a_page(
        exported: list[dict[str, Any]], tmp_path: Path, key: str) -> None:
    """A record of ours with its raw_hash (or fields) deleted by hand was read as a data
    file's row: extracted again, its status "new", a person's corrections the machine's,
    and nothing said."""
    reviewed = next(r for r in exported if r["status"] == "reviewed")
    record = {k: v for k, v in reviewed.items() if k != key}
    source = write_jsonl(tmp_path / "edited.jsonl", [record])
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [source])
        assert report.added == 0 and store.queue.count() == 0
    [(where, why)] = [(s.source, s.reason) for s in report.skipped]
    assert where == f"{source}#1"
    assert why.startswith(f"an exported record without {key!r}")
