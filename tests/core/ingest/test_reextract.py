"""Cleaning and extracting the stored pages again keeps every person's decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.ingest import importer, reprocess
from reviewer.core.ingest.importer import import_paths
from reviewer.core.ingest.reprocess import reextract
from reviewer.core.store import Store

SAMPLES = Path(__file__).resolve().parents[3] / "reviewer" / "resources" / "samples"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "p.db")
    import_paths(s, [SAMPLES])
    return s


def _age(store: Store, pid: int, cleaned_suffix: str = "") -> None:
    """Make posting ``pid`` look as an older pipeline left it."""
    with store.db.atomic():
        store.db.execute("UPDATE suggestions SET value = '\"Old title\"', confidence = 0.1"
                         " WHERE posting_id = ? AND field IN ('title', 'company')", (pid,))
        store.db.execute("UPDATE postings SET title = 'Old title' WHERE id = ?", (pid,))
        if cleaned_suffix:
            store.db.execute("UPDATE postings SET cleaned = cleaned || ? WHERE id = ?",
                             (cleaned_suffix, pid))


def test_a_fresh_project_is_unchanged(store: Store) -> None:
    report = reextract(store)
    assert report.seen == report.unchanged == store.queue.count() > 0
    assert report.updated == report.kept == report.failed == 0


def test_older_suggestions_are_replaced_and_listing_follows(store: Store) -> None:
    before = store.records.get(1)
    _age(store, 1, "\n\nSign in to apply")
    report = reextract(store)
    after = store.records.get(1)
    assert report.updated == 1
    assert after["cleaned"] == before["cleaned"]
    assert after["machine"] == before["machine"]
    assert after["title"] == before["title"] != "Old title"  # the listing follows


@pytest.mark.parametrize("work", [
    lambda s, pid: s.decisions.set_field(pid, "company", "Someone Else"),
    lambda s, pid: s.spans.add(pid, 0, 5, "SKILL"),
    lambda s, pid: s.labels.answer(pid, "role_family", ["data"]),
    lambda s, pid: s.postings.set_comment(pid, "check the pay"),
    lambda s, pid: s.postings.set_status(pid, "flagged"),
], ids=["decision", "span", "label", "comment", "status"])
def test_a_changed_text_with_human_work_is_kept(store: Store, work) -> None:  # type: ignore[no-untyped-def]
    work(store, 2)
    _age(store, 2, "\n\nSign in to apply")
    aged = store.records.get(2)
    report = reextract(store)
    after = store.records.get(2)
    assert report.kept == 1 and report.updated == 0
    assert after["cleaned"] == aged["cleaned"]
    assert after["machine"]["title"]["value"] == "Old title"
    assert (after["human"], after["spans"], after["labels"], after["comment"], after["status"]) \
        == (aged["human"], aged["spans"], aged["labels"], aged["comment"], aged["status"])


def test_same_text_keeps_the_suggestion_a_decision_was_made_on(store: Store) -> None:
    right = store.records.get(1)["machine"]["title"]
    _age(store, 1)
    store.decisions.set_field(1, "company", "Someone Else")  # decided against the old suggestion
    assert reextract(store).updated == 1
    after = store.records.get(1)
    assert after["machine"]["title"] == right  # undecided: the new suggestion
    assert after["machine"]["company"]["value"] == "Old title"  # decided on: kept
    assert after["fields"]["company"] == "Someone Else"
    assert after["provenance"]["company"] == "corrected"


@pytest.mark.parametrize("aged", [True, False], ids=["other-value", "no-value"])
def test_a_reviewed_posting_keeps_what_its_reviewer_saw(store: Store, aged: bool) -> None:
    """Its undecided fields are exported as they were shown when it was reviewed: a
    new reading (a learned model's, a newer version's) would be a value no one saw."""
    if aged:
        _age(store, 1)
    else:  # the field was empty when it was reviewed (Ctrl+Enter decides nothing then)
        with store.db.atomic():
            store.db.execute("DELETE FROM suggestions WHERE posting_id = 1 AND field = 'title'")
    store.postings.set_status(1, "reviewed")
    seen = store.records.get(1)
    report = reextract(store)
    after = store.records.get(1)
    assert report.kept == 1 and report.updated == 0
    assert after["fields"] == seen["fields"] and after["machine"] == seen["machine"]
    assert after["fields"].get("title") == ("Old title" if aged else None)


def test_records_without_a_page_are_counted(store: Store) -> None:
    store.db.execute("UPDATE postings SET raw = NULL WHERE id = 1")
    store.db.conn.commit()
    assert reextract(store).no_page == 1


def test_cancel_stops_between_batches_and_a_second_run_finishes(store: Store) -> None:
    for pid in (1, store.queue.count()):
        _age(store, pid)
    seen: list[int] = []
    report = reextract(store, batch=2, progress=lambda r: seen.append(r.seen),
                       cancelled=lambda: bool(seen))
    assert report.cancelled and report.seen == 2 and report.updated == 1
    assert "stopped before the end" in report.describe()
    again = reextract(store)
    assert again.updated == 1 and not again.cancelled


def test_worker_processes_give_what_one_process_gives(store: Store, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``jobs`` the pages are cleaned in worker processes while the last batch is
    written: the same project and the same report, decisions kept."""
    monkeypatch.setattr(importer, "POOL_FROM", 2)  # these small batches too
    store.decisions.set_field(3, "company", "Someone Else")
    store.postings.set_status(4, "reviewed")
    for pid in range(1, store.queue.count() + 1):
        _age(store, pid, "\n\nSign in to apply" if pid % 2 else "")
    store.close()
    copy = tmp_path / "copy.db"
    copy.write_bytes((tmp_path / "p.db").read_bytes())
    found = []
    for path, jobs in ((tmp_path / "p.db", 1), (copy, 2)):
        with Store(path) as each:
            report = reextract(each, jobs=jobs, batch=3)
            assert report.workers == jobs
            found.append(((report.seen, report.updated, report.unchanged, report.kept),
                          [dict(r, id=0) for r in each.records.all(reviewed_only=False)]))
    assert found[0] == found[1]
    assert found[0][0][1] > 0 and found[0][0][3] > 0  # some updated, some kept


def test_a_reviewed_posting_is_not_cleaned_again(store: Store,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Its page is neither read nor run through the pipeline: what the run would find is
    never stored for it. A project half reviewed re-extracts in half the time."""
    total = store.queue.count()
    for pid in range(1, total + 1, 2):
        store.postings.set_status(pid, "reviewed")
    reviewed = len(range(1, total + 1, 2))
    cleaned: list[str] = []
    real = reprocess.prepare_page

    def counting(work):  # type: ignore[no-untyped-def]
        cleaned.append(work[0])
        return real(work)

    monkeypatch.setattr(reprocess, "prepare_page", counting)
    seen = [store.records.get(pid) for pid in range(1, total + 1)]
    report = reextract(store, batch=3)
    assert len(cleaned) == total - reviewed
    assert report.seen == total and report.kept == reviewed and report.no_page == 0
    assert report.unchanged == total - reviewed
    assert [store.records.get(pid) for pid in range(1, total + 1)] == seen


def test_the_pages_to_clean_come_a_whole_batch_at_a_time(store: Store,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Reviewed postings are passed over, so a batch is read on until it holds ``batch``
    pages to clean: half reviewed, the batches held half as many, and too few to start
    the worker processes for (a half-reviewed project re-extracted in the time of a
    whole one)."""
    total = store.queue.count()
    for pid in range(2, total + 1, 2):
        store.postings.set_status(pid, "reviewed")
    sizes: list[int] = []
    from reviewer.core.workers import Workers

    real = Workers.map

    def counted(self, fn, items):  # type: ignore[no-untyped-def]
        sizes.append(len(items))
        return real(self, fn, items)

    monkeypatch.setattr(Workers, "map", counted)
    report = reextract(store, batch=2)
    assert report.seen == total and report.kept == total // 2
    assert sizes[:-1] and all(size == 2 for size in sizes[:-1])


def test_a_stop_inside_a_batch_counts_and_logs_the_batches_committed(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped by Ctrl+C (or a signal), the run left no line in the log, and a batch
    taken back was counted as done."""
    import json

    from reviewer.core.ingest.reprocess import ReextractReport

    for pid in range(1, 5):
        _age(store, pid)
    replace, calls = store.machine.replace, []

    def stopped_at_the_fourth(pid: int, prepared: object) -> str:
        calls.append(pid)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return replace(pid, prepared)  # type: ignore[arg-type]

    monkeypatch.setattr(store.machine, "replace", stopped_at_the_fourth)
    report = ReextractReport()
    with pytest.raises(KeyboardInterrupt):
        reextract(store, batch=2, report=report)
    assert (report.seen, report.updated, report.cancelled) == (2, 2, True)
    assert [store.records.get(pid)["title"] for pid in (3, 4)] == ["Old title"] * 2
    logged = store.db.execute("SELECT data FROM events WHERE kind = 'reextract'").fetchall()
    assert [json.loads(row[0]) for row in logged] == [
        {"updated": 2, "kept": 0, "cancelled": True}]
