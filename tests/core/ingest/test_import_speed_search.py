"""A big import writes the search index a batch at a time, in the batch's own
transaction, never posting by posting; and search finds every posting stored, however
the import ends (finished, stopped in the middle of a batch, or killed)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from import_pages import write_pages

from reviewer.core.ingest import import_paths
from reviewer.core.store import Store
from reviewer.core.store import decisions as store_decisions

PAGES = 300


def search_misses(store: Store) -> list[int]:
    """The postings that a search for their own word does not find."""
    missed = []
    for pid in store.queue.ids():
        text = store.postings.cleaned(pid)
        ref = next(w for w in text.replace(".", " ").split() if w.startswith("ref"))
        if pid not in store.queue.search(ref):
            missed.append(pid)
    return missed


def index_sound(path: Path) -> bool:
    """FTS5's own check of the index against the postings table (rank 1: the
    external content is compared too); and the insert trigger is in place."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO postings_fts(postings_fts, rank) VALUES ('integrity-check', 1)")
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                            "name = 'postings_ai'").fetchone()[0] == 1
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def test_a_big_import_writes_the_index_once_a_batch(tmp_path: Path) -> None:
    folder = write_pages(tmp_path / "in", PAGES)
    statements: list[str] = []
    with Store(tmp_path / "p.db") as store:
        store.db.conn.set_trace_callback(statements.append)
        report = import_paths(store, [folder], batch=100)
        store.db.conn.set_trace_callback(None)
        assert report.added == PAGES
        # each posting inserted once, with no trigger run for it (a trigger's statements
        # are traced as the statement that fired it), and the index filled a batch at a time
        inserts = [s for s in statements if s.startswith("INSERT OR IGNORE INTO postings ")]
        assert len(inserts) == PAGES
        assert len([s for s in statements if s.startswith("INSERT INTO postings_fts(")]) == 3
        assert search_misses(store) == []
    assert index_sound(tmp_path / "p.db")


def _rows(path: Path) -> dict[str, Any]:
    """Every table an import writes, as rows (times left out), and the index's terms."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, postings_fts, "
                     "instance)")
        return {
            "postings": conn.execute(
                "SELECT id, hash, source, kind, raw, cleaned, source_text, removed, context, "
                "metadata, status, title, company, location, min_confidence, usefulness "
                "FROM postings ORDER BY id").fetchall(),
            "suggestions": conn.execute("SELECT rowid, * FROM suggestions ORDER BY rowid")
            .fetchall(),
            "label_suggestions": conn.execute("SELECT rowid, * FROM label_suggestions "
                                              "ORDER BY rowid").fetchall(),
            "added": conn.execute("SELECT sum(json_extract(data, '$.added')) FROM events "
                                  "WHERE kind = 'import'").fetchone(),
            "terms": conn.execute("SELECT term, doc, col, offset FROM temp.terms "
                                  "ORDER BY term, doc, col, offset").fetchall(),
        }
    finally:
        conn.close()


def test_a_batch_indexed_at_its_end_holds_what_the_trigger_writes(tmp_path: Path) -> None:
    """Batches under ``BULK_INDEX`` are indexed by the trigger, posting by posting; bigger
    ones at their end: the rows and the index's every term are the same."""
    folder = write_pages(tmp_path / "in", 160)
    with Store(tmp_path / "small.db") as store:
        import_paths(store, [folder], batch=10)
    with Store(tmp_path / "big.db") as store:
        import_paths(store, [folder], batch=160)
    small, big = _rows(tmp_path / "small.db"), _rows(tmp_path / "big.db")
    assert small["added"] == (160,)
    assert len(small["terms"]) > 160 * 40
    assert small == big


def test_an_import_stopped_inside_a_batch_leaves_every_stored_posting_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_pages(tmp_path / "in", PAGES)
    real, calls = store_decisions.insert_suggestions, []

    def stop_in_the_third_batch(*args: Any) -> None:
        real(*args)
        calls.append(args[1])
        if (len(calls) == 3 and args[1] is None) or len(calls) == 250:
            raise KeyboardInterrupt  # as Ctrl+C would, between two statements of a batch

    monkeypatch.setattr(store_decisions, "insert_suggestions", stop_in_the_third_batch)
    path = tmp_path / "p.db"
    with Store(path) as store, pytest.raises(KeyboardInterrupt):
        import_paths(store, [folder], batch=100)
    monkeypatch.undo()
    assert index_sound(path)
    with Store(path) as store:
        stored = store.queue.count()
        assert stored == 200 and search_misses(store) == []
        report = import_paths(store, [folder], batch=100)  # the rest, found too
        assert (report.added, report.duplicates) == (PAGES - stored, stored)
        assert store.queue.count() == PAGES and search_misses(store) == []
    assert index_sound(path)


def test_an_import_killed_mid_way_leaves_every_stored_posting_found(tmp_path: Path) -> None:
    folder = write_pages(tmp_path / "in", 3000)
    path = tmp_path / "p.db"
    proc = subprocess.Popen([sys.executable, "-m", "reviewer.cli", "import", str(path),
                             str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored, deadline = 0, time.monotonic() + 120
    try:
        while proc.poll() is None and stored < 500 and time.monotonic() < deadline:
            time.sleep(0.05)
            stored = _count(path)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    if proc.returncode != -signal.SIGKILL:
        pytest.skip(f"the import ended before it could be killed: {proc.stderr.read()!r}"
                    if proc.stderr else "the import ended before it could be killed")
    assert index_sound(path)
    with Store(path) as store:
        assert store.queue.count() >= stored
        assert search_misses(store) == []


def _count(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM postings").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return 0  # not made yet, or its tables not yet
