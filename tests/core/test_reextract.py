"""Cleaning and extracting the stored pages again keeps every person's decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.importer import import_paths
from reviewer.core.reextract import reextract
from reviewer.core.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "p.db")
    import_paths(s, [SAMPLES])
    return s


def _age(store: Store, pid: int, cleaned_suffix: str = "") -> None:
    """Make posting ``pid`` look as an older pipeline left it."""
    with store.db.atomic():
        store.db.execute("UPDATE suggestions SET value = '\"Old title\"', confidence = 0.1"
                         " WHERE posting_id = ? AND field = 'title'", (pid,))
        if cleaned_suffix:
            store.db.execute("UPDATE postings SET cleaned = cleaned || ? WHERE id = ?",
                             (cleaned_suffix, pid))


def test_a_fresh_project_is_unchanged(store: Store) -> None:
    report = reextract(store)
    assert report.seen == report.unchanged == store.count() > 0
    assert report.updated == report.kept == report.failed == 0


def test_older_suggestions_are_replaced_and_listing_follows(store: Store) -> None:
    before = store.get(1)
    _age(store, 1, "\n\nSign in to apply")
    report = reextract(store)
    after = store.get(1)
    assert report.updated == 1
    assert after["cleaned"] == before["cleaned"]
    assert after["machine"] == before["machine"]
    assert after["title"] == before["title"]


def test_a_changed_text_with_human_work_is_kept(store: Store) -> None:
    store.set_field(2, "company", "Someone Else")
    _age(store, 2, "\n\nSign in to apply")
    aged = store.get(2)
    report = reextract(store)
    after = store.get(2)
    assert report.kept == 1 and report.updated == 0
    assert after["cleaned"] == aged["cleaned"]
    assert after["fields"]["company"] == "Someone Else"
    assert after["machine"]["title"]["value"] == "Old title"


def test_same_text_with_human_work_gets_new_suggestions_and_keeps_the_work(store: Store) -> None:
    store.set_field(3, "company", "Someone Else")
    store.set_status(3, "reviewed")
    right = store.get(3)["machine"]["title"]
    _age(store, 3)
    assert reextract(store).updated == 1
    after = store.get(3)
    assert after["machine"]["title"] == right
    assert after["fields"]["company"] == "Someone Else" and after["status"] == "reviewed"


def test_records_without_a_page_are_counted(store: Store) -> None:
    store.db.execute("UPDATE postings SET raw = NULL WHERE id = 1")
    store.db.conn.commit()
    assert reextract(store).no_page == 1


def test_cancel_stops_between_batches_and_a_second_run_finishes(store: Store) -> None:
    for pid in (1, store.count()):
        _age(store, pid)
    seen: list[int] = []
    report = reextract(store, batch=2, progress=lambda r: seen.append(r.seen),
                       cancelled=lambda: bool(seen))
    assert report.cancelled and report.seen == 2 and report.updated == 1
    assert "stopped before the end" in report.describe()
    again = reextract(store)
    assert again.updated == 1 and not again.cancelled
