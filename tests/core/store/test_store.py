"""The project store: opening and migrating, adding, reading, every edit and its undo."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from reviewer.core.store import ChangedSince, NewPosting, ProjectError, Store, record_of
from reviewer.core.store.migrations import SCHEMA_VERSION

DATA = Path(__file__).resolve().parents[2] / "data" / "projects"


def posting(n: int, **extra: object) -> NewPosting:
    text = f"# Data Engineer {n}\n\nWe are hiring in Berlin. Python and SQL.\n"
    fields = {"title": f"Data Engineer {n}", "company": "Acme", "locations": ["Berlin"],
              "skills": ["Python", "SQL"]}
    return NewPosting(
        source=f"p{n}.txt", hash=f"h{n}", kind="text", raw=text, cleaned=text,
        fields=fields, evidence={"title": [[2, 2 + len(fields["title"])]]},
        confidence={"title": 0.9, "company": 0.5 + n / 100, "locations": 0.7, "skills": 0.7},
        stages={"title": "structure"}, **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "project.db")
    s.postings.add([posting(n) for n in range(1, 6)])
    return s


# --- opening ---------------------------------------------------------------------------------


def test_a_new_project_has_the_current_schema_and_wal(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db") as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert {"postings", "suggestions", "annotations", "spans", "doc_labels",
                "label_schema", "events"} <= set(s.db.table_names())


def test_a_file_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="newer Posting Reviewer"):
        Store(path)
    assert path.read_bytes() == before


def test_a_folder_is_refused_as_a_project(tmp_path: Path) -> None:
    (tmp_path / "folder.db").mkdir()
    with pytest.raises(ProjectError, match="cannot be opened"):
        Store(tmp_path / "folder.db")


@pytest.mark.parametrize("kind", ["device", "pipe"])
def test_a_device_or_a_pipe_is_refused_as_a_project(tmp_path: Path, kind: str) -> None:
    """/dev/null as the project: its size is 0, as a new project's, so it was opened,
    "the disk is full (/dev/null)" said, and /dev/null-journal left beside it; a pipe
    gave "disk I/O error"."""
    if kind == "device":
        path = tmp_path / "null"
        os.symlink(os.devnull, path)  # (a device of its own needs root)
    else:
        path = tmp_path / "pipe.db"
        os.mkfifo(path)
    with pytest.raises(ProjectError, match=r"is not a file \(a device or a pipe\): a "
                                           r"project is a file of its own"):
        Store(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database at all")
    with pytest.raises(ProjectError, match="not a project file"):
        Store(path)


def test_another_applications_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="another application"):
        Store(path)
    assert path.read_bytes() == before  # (WAL was turned on first: its header rewritten)
    conn = sqlite3.connect(path)  # one whose version number is this version's, too
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="another application"):
        Store(path)
    assert path.read_bytes() == before


def test_another_applications_database_with_a_postings_table_is_refused_untouched(
        tmp_path: Path) -> None:
    """A scraper's database whose table is named ``postings`` too was taken for a
    project: WAL turned on, a backup written beside it at each try, the steps' record
    added, then SQLite's "table postings already exists"."""
    path = tmp_path / "scraper.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE postings (id INTEGER PRIMARY KEY, url TEXT, html TEXT)")
        conn.execute("INSERT INTO postings VALUES (1, 'http://x', '<p>hi</p>')")
        conn.commit()
    before = path.read_bytes()
    for read_only in (False, True, False):
        with pytest.raises(ProjectError) as err:
            Store(path, read_only=read_only)
        assert str(err.value) == (f"{path} is an SQLite file of another application, not a "
                                  "Posting Reviewer project: nothing was written to it")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scraper.db"]


def test_an_empty_file_is_no_project_to_open(tmp_path: Path) -> None:
    """Opened to be read (``create`` False: stats, labels, eval), an empty file was made
    a project of 176 KB; it is refused, untouched. Made (an import), it is a project."""
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with pytest.raises(ProjectError, match="holds no project"):
        Store(path, create=False)
    assert path.read_bytes() == b""
    with Store(path) as store:
        assert store.queue.count() == 0


@pytest.mark.parametrize("version_file", sorted(DATA.glob("v*.db")), ids=lambda p: p.stem)
def test_every_earlier_version_migrates_after_a_backup(version_file: Path,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(version_file, path)
    old_version = int(version_file.stem[1:])
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.queue.count() == 3
        first = s.records.get(1)
        assert first["fields"]["title"] == "Senior Backend Engineer (Data Platform)"
        assert first["provenance"]["title"] == "corrected"
        assert first["machine"]["title"]["value"] == "Senior Backend Engineer, Data Platform"
        assert first["comment"] == ""
        assert s.queue.search("Lumenfield") == [1]  # the search index is built for old postings
    backup = tmp_path / f"old.db.v{old_version}.bak"
    assert backup.exists()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == old_version


# --- adding and reading ------------------------------------------------------------------------


def test_adding_the_same_page_twice_adds_it_once(store: Store) -> None:
    assert store.postings.add([posting(1), posting(6)]) == 1
    assert store.queue.count() == 6
    assert store.postings.known_hashes(["h1", "h6", "h99"]) == {"h1", "h6"}


def test_get_returns_everything_attached(store: Store) -> None:
    p = store.records.get(1)
    assert p["title"] == "Data Engineer 1" and p["location"] == "Berlin"
    assert p["machine"]["skills"]["value"] == ["Python", "SQL"]
    assert p["fields"]["company"] == "Acme" and p["provenance"]["company"] == "machine"
    assert p["provenance"]["salary"] == "none"
    with pytest.raises(KeyError):
        store.records.get(999)


def test_keyset_paging_walks_every_posting_in_order(store: Store) -> None:
    for order in ("import", "confidence", "recent"):
        seen, after = [], None
        while True:
            rows = store.queue.page(order, after=after, limit=2)
            if not rows:
                break
            seen += [r["id"] for r in rows]
            after = rows[-1]["key"]
        assert seen == list(store.queue.ids(order))
        assert sorted(seen) == [1, 2, 3, 4, 5]
    assert store.queue.ids("confidence")[0] == 1  # company 0.51: the least confident first


def test_filters_by_status_and_field_state(store: Store) -> None:
    store.postings.set_status(2, "flagged")
    store.decisions.reject_field(3, "company")
    assert store.queue.ids(status="flagged") == [2]
    assert store.queue.count(status="new") == 4
    assert store.queue.ids(field_state="rejected") == [3]
    assert 3 in store.queue.ids(field_state="suggested")
    with pytest.raises(ValueError, match="unknown status"):
        store.queue.count(status="done")


def test_search_finds_title_company_and_text(store: Store) -> None:
    assert set(store.queue.search("Berlin")) == {1, 2, 3, 4, 5}
    assert store.queue.search("Engineer 3") == [3]
    store.decisions.set_field(4, "title", "Platform Wrangler")
    assert store.queue.search("wrangler") == [4]
    assert store.queue.search("") == []


def test_search_ranks_a_few_matches_and_lists_many_in_import_order(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.decisions.set_field(5, "title", "Wrangler Wrangler Wrangler")
    store.decisions.set_field(2, "title", "Wrangler of data, Berlin")
    assert store.queue.search("wrangler") == [5, 2]  # ranked: the title that says it most first
    monkeypatch.setattr("reviewer.core.store.queue.Queue.RANKED", 1)
    assert store.queue.search("wrangler") == [2, 5]
    assert store.queue.search("wrangler", limit=1) == [2]
    assert store.queue.search_after("wrangler", 2) == [5]
    assert store.queue.search_after("  ", 0) == []


def test_ids_in_every_order_and_filter_match_a_plain_sort(store: Store) -> None:
    store.postings.set_status(3, "reviewed")
    store.postings.set_status(1, "reviewed")
    assert store.queue.ids() == range(1, 6)  # none missing: a range, not a million-row read
    assert store.queue.ids(status="reviewed") == [1, 3]
    unsure = posting(9)
    unsure.confidence = {}
    store.postings.add([posting(0), unsure])  # ids 6 (lowest 0.50) and 7 (no confidence)
    assert store.queue.ids("confidence") == [6, 1, 2, 3, 4, 5, 7]  # company confidence 0.5 + n/100
    assert store.queue.ids("confidence", status="new") == [6, 2, 4, 5, 7]
    store.db.execute("DELETE FROM postings WHERE id = 4")
    store.db.conn.commit()
    assert store.queue.ids() == [1, 2, 3, 5, 6, 7]  # one missing: the ids themselves


def test_an_empty_project_has_no_ids(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as empty:
        assert list(empty.queue.ids()) == [] and list(empty.queue.ids("confidence")) == []


# --- edits and undo ------------------------------------------------------------------------------


def test_a_human_value_never_overwrites_the_machines(store: Store) -> None:
    store.decisions.set_field(1, "title", "Senior Data Engineer")
    p = store.records.get(1)
    assert p["fields"]["title"] == "Senior Data Engineer"
    assert p["provenance"]["title"] == "corrected"
    assert p["machine"]["title"]["value"] == "Data Engineer 1"
    assert p["title"] == "Senior Data Engineer"  # the listing follows the final value


def test_setting_the_machine_value_counts_as_accepting(store: Store) -> None:
    store.decisions.set_field(1, "company", "Acme")
    assert store.records.get(1)["provenance"]["company"] == "accepted"


def test_reject_and_revert(store: Store) -> None:
    store.decisions.reject_field(1, "company")
    p = store.records.get(1)
    assert p["fields"]["company"] is None and p["provenance"]["company"] == "rejected"
    store.decisions.revert_field(1, "company")
    assert store.records.get(1)["provenance"]["company"] == "machine"


def test_accept_all_marks_reviewed_and_keeps_earlier_decisions(store: Store) -> None:
    store.decisions.set_field(1, "title", "Lead Data Engineer")
    store.decisions.accept_all(1)
    p = store.records.get(1)
    assert p["status"] == "reviewed"
    assert p["provenance"]["title"] == "corrected"
    assert p["provenance"]["skills"] == "accepted"
    assert p["human"]["title"]["value"] == "Lead Data Engineer"


@pytest.mark.parametrize("edit", [
    lambda s: s.decisions.set_field(1, "title", "Other"),
    lambda s: s.decisions.accept_field(1, "title"),
    lambda s: s.decisions.reject_field(1, "company"),
    lambda s: s.decisions.accept_all(1),
    lambda s: s.postings.set_status(1, "skipped"),
    lambda s: s.postings.set_comment(1, "check the salary"),
    lambda s: s.spans.add(1, 2, 6, "SKILL")[1],
    lambda s: s.labels.answer(1, "role_family", ["data"]),
])
def test_every_edit_undoes_and_redoes(store: Store, edit) -> None:  # type: ignore[no-untyped-def]
    before = record_of(store.records.get(1))
    change = edit(store)
    after = record_of(store.records.get(1))
    assert after != before
    redo = store.history.undo(change)
    assert _same(record_of(store.records.get(1)), before)
    store.history.undo(redo)
    assert _same(record_of(store.records.get(1)), after)


def test_undo_of_a_revert_and_of_a_span_removal(store: Store) -> None:
    store.decisions.set_field(2, "title", "Mine")
    change = store.decisions.revert_field(2, "title")
    store.history.undo(change)
    assert store.records.get(2)["fields"]["title"] == "Mine"
    span_id, _ = store.spans.add(2, 2, 6, "SKILL")
    removal = store.spans.remove(span_id)
    assert store.records.get(2)["spans"] == []
    store.history.undo(removal)
    assert [s["label"] for s in store.records.get(2)["spans"]] == ["SKILL"]


def test_an_undo_never_puts_back_what_another_process_changed_since(
        store: Store, tmp_path: Path) -> None:
    """An undo wrote back the rows its edit replaced, whole: undoing an "accept all"
    deleted the company another reviewer corrected meanwhile, and their comment."""
    change = store.history.sealed(store.decisions.accept_all(1))
    with Store(tmp_path / "project.db", reviewer="ben") as other:
        other.decisions.set_field(1, "company", "Globex")
        other.postings.set_comment(1, "pay is missing")
    with pytest.raises(ChangedSince, match="company"):
        store.history.undo(change)
    posting = store.records.get(1)
    assert posting["fields"]["company"] == "Globex" and posting["comment"] == "pay is missing"
    assert posting["status"] == "reviewed"  # nothing of the undo was written
    # another process's edit of what this edit left alone does not stop the undo
    change = store.history.sealed(store.decisions.set_field(2, "title", "Mine"))
    with Store(tmp_path / "project.db", reviewer="ben") as other:
        other.postings.set_comment(2, "pay is missing")
    redo = store.history.undo(change)
    posting = store.records.get(2)
    assert posting["fields"]["title"] == "Data Engineer 2"
    assert posting["comment"] == "pay is missing"  # not written back as it was
    with Store(tmp_path / "project.db", reviewer="ben") as other:
        other.decisions.set_field(2, "title", "Theirs")
    with pytest.raises(ChangedSince, match="title"):
        store.history.undo(redo)  # the redo: their title stays
    assert store.records.get(2)["fields"]["title"] == "Theirs"


def test_an_undo_of_a_relabel_keeps_another_reviewer_s_later_rejection(
        store: Store, tmp_path: Path) -> None:
    """Rows of other tables than the posting's were written back whole: undoing a
    relabel put back the span as accepted over ben's rejection of it."""
    sid, _ = store.spans.add(1, 2, 15, "SKILL")
    change = store.history.sealed(store.spans.relabel(sid, "TOOL"))
    with Store(tmp_path / "project.db", reviewer="ben") as other:
        other.spans.reject(sid)
    store.history.undo(change)
    row = store.db.execute("SELECT label, state FROM spans WHERE id = ?", (sid,)).fetchone()
    assert tuple(row) == ("SKILL", "rejected")  # the label put back, the rejection kept


def test_span_outside_the_text_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="outside the text"):
        store.spans.add(1, 5, 5000, "SKILL")


def test_a_span_of_spaces_or_one_labelled_so_already_is_refused(store: Store) -> None:
    """Both were stored and exported: a duplicate in every export (spaCy's spans held it
    twice), a span of "\n\n" in the formats of offsets while those of tokens dropped it."""
    text = store.records.get(1)["cleaned"]
    gap = text.index(" ")
    with pytest.raises(ValueError, match="no word"):
        store.spans.add(1, gap, gap + 1, "SKILL")
    with pytest.raises(ValueError, match="no word"):
        store.spans.add_many(1, [(0, 3, "SKILL"), (gap, gap + 1, "SKILL")])
    store.spans.add(1, 0, 3, "SKILL")
    with pytest.raises(ValueError, match="SKILL already"):
        store.spans.add(1, 0, 3, "SKILL")
    tool, _ = store.spans.add(1, 0, 3, "TOOL")  # (another label: another span)
    assert [(s["start"], s["end"], s["label"]) for s in store.records.get(1)["spans"]] == [
        (0, 3, "SKILL"), (0, 3, "TOOL")]
    with pytest.raises(ValueError, match="SKILL already"):
        store.spans.add_many(1, [(0, 3, "SKILL")])
    with pytest.raises(ValueError, match="twice"):
        store.spans.add_many(1, [(4, 8, "SKILL"), (4, 8, "SKILL")])
    with pytest.raises(ValueError, match="SKILL already"):
        store.spans.relabel(tool, "SKILL")
    store.spans.relabel(tool, "TOOL")  # (its own label again: no other span)
    assert len(store.records.get(1)["spans"]) == 2


def test_every_edit_is_logged(store: Store) -> None:
    store.postings.set_status(1, "reviewed")
    kinds = [r[0] for r in store.db.execute("SELECT kind FROM events ORDER BY id")]
    assert kinds[:2] == ["label_schema", "import"] and kinds[-1] == "set_status"


def test_edits_are_committed_at_once(store: Store) -> None:
    store.decisions.set_field(3, "title", "Committed")
    other = sqlite3.connect(store.path)
    row = other.execute("SELECT state FROM annotations WHERE posting_id = 3").fetchone()
    other.close()
    assert row == ("corrected",)


def test_a_record_round_trips_through_another_project(store: Store, tmp_path: Path) -> None:
    store.decisions.set_field(1, "title", "Senior Data Engineer")
    store.decisions.reject_field(1, "company")
    store.spans.add(1, 2, 6, "SKILL")
    store.labels.answer(1, "relevant", ["yes"])
    store.postings.set_comment(1, "good one")
    store.decisions.accept_all(1)
    record = record_of(store.records.get(1))
    with Store(tmp_path / "other.db") as other:
        assert other.records.add(dict(record))
        assert not other.records.add(dict(record))  # known hash: not added again
        assert record_of(other.records.get(record["id"])) == record


def _same(a: dict, b: dict) -> bool:  # type: ignore[type-arg]
    """Equal but for the time of the last edit."""
    return {**a, "updated_at": None} == {**b, "updated_at": None}


def test_the_listing_columns_follow_reject_and_revert(store: Store) -> None:
    store.decisions.reject_field(1, "locations")
    store.decisions.set_field(1, "company", "Acme Data GmbH")
    p = store.records.get(1)
    assert (p["title"], p["company"], p["location"]) == ("Data Engineer 1", "Acme Data GmbH", None)
    store.decisions.revert_field(1, "locations")
    store.decisions.revert_field(1, "company")
    p = store.records.get(1)
    assert (p["company"], p["location"]) == ("Acme", "Berlin")


def test_a_record_whose_id_is_taken_does_not_take_the_ids_the_others_ask_for(
        store: Store, tmp_path: Path) -> None:
    """Records of a batch keep the ids they ask for where free; one whose id is taken
    gets an id after them. Before, it took the next id, which the next record asked
    for, and so on down the batch: one page imported before a project's export moved
    every record's id."""
    records = [record_of(store.records.get(pid)) for pid in store.queue.ids()]
    with Store(tmp_path / "other.db") as other:
        other.postings.add([posting(99)])  # a page first: it takes id 1
        added = other.records.add_many([dict(r) for r in records])
        assert added == [True] * len(records)
        ids = {r["raw_hash"]: r["id"] for r in other.records.all(reviewed_only=False)}
    kept = [r["raw_hash"] for r in records if ids[r["raw_hash"]] == r["id"]]
    assert len(kept) == len(records) - 1
    assert ids[records[0]["raw_hash"]] == max(r["id"] for r in records) + 1


def test_a_record_asking_for_a_huge_id_is_numbered_as_a_page_is(
        store: Store, tmp_path: Path) -> None:
    """An id near what every tool reads exactly (2**53) is not kept: kept at 2**63 - 1,
    SQLite numbered every posting after it at random, and the postings numbered after
    one kept at 2**53 - 1 were past it."""
    record = record_of(store.records.get(1))
    with Store(tmp_path / "other.db") as other:
        assert other.records.add(dict(record, id=2**63 - 1))
        other.postings.add([posting(7), posting(8)])
        assert list(other.queue.ids()) == [1, 2, 3]
        assert other.records.add(dict(record_of(store.records.get(2)), id=2**53 - 1))
        assert other.queue.ids()[-1] == 4
        assert other.records.add(dict(record_of(store.records.get(3)), id=2**52))
        assert other.queue.ids()[-1] == 2**52


def test_records_after_a_posting_at_sqlites_largest_id_are_numbered_by_sqlite(
        store: Store, tmp_path: Path) -> None:
    """A project that holds a posting at SQLite's largest id (kept so before ids past
    2**52 were numbered anew): the records of a batch that ask for no id are numbered
    by SQLite, as a page is; those that ask for a free one keep it."""
    records = [record_of(store.records.get(pid)) for pid in store.queue.ids()]
    with Store(tmp_path / "other.db") as other:
        other.db.execute("INSERT INTO postings (id, hash, source, kind, cleaned, imported_at,"
                         " updated_at) VALUES (?, 'h', 'old', 'text', 'x', '', '')",
                         (2**63 - 1,))
        batch = [{k: v for k, v in r.items() if k != "id"} for r in records[1:]]
        assert other.records.add_many([records[0], *batch]) == [True] * len(records)
        ids = {r["raw_hash"]: r["id"] for r in other.records.all(reviewed_only=False)}
    assert ids[records[0]["raw_hash"]] == records[0]["id"]
    assert len(set(ids.values())) == len(records)


def test_records_are_stored_where_sqlite_takes_few_values_a_statement(
        store: Store, tmp_path: Path) -> None:
    """SQLite before 3.32 takes 999 values a statement: the machine's values of a batch,
    200 rows of 5 a statement, failed the import ("too many SQL variables")."""
    records = [record_of(store.records.get(pid)) for pid in store.queue.ids()]
    with Store(tmp_path / "other.db") as other:
        other.db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        many = [dict(r, id=None, raw_hash=f"{r['raw_hash']}-{n}") for n in range(60)
                for r in records]
        assert other.records.add_many(many) == [True] * len(many)
        stored = other.db.execute("SELECT count(*) FROM suggestions").fetchone()[0]
    assert stored == 60 * store.db.execute("SELECT count(*) FROM suggestions").fetchone()[0]


def test_a_batch_with_a_row_the_store_refuses_stores_nothing(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A row the store refuses (a suggestion without a confidence) in a statement of many
    rows fails its whole batch: nothing of it is left, and the batch without it is
    stored whole."""
    from reviewer.core.store import record_rows
    from reviewer.core.store import rows as store_rows

    monkeypatch.setattr(store_rows, "MANY_ROWS", 2)
    rows = [record_rows(record_of(store.records.get(pid))) for pid in store.queue.ids()]
    first, *rest = rows[-1].suggestions  # the refused row second of its statement's two
    bad = rows[-1]._replace(hash="other", suggestions=(
        first, ("bogus", '"x"', "[]", None, "s"), *rest))
    with Store(tmp_path / "other.db") as other:
        with pytest.raises(sqlite3.IntegrityError):
            other.records.add_rows([*rows[:-1], bad])
        counts = [other.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("postings", "suggestions", "events WHERE posting_id > 0")]
        assert counts == [0, 0, 0]
        assert other.records.add_rows(rows) == [True] * len(rows)
        assert sum(len(r.suggestions) for r in rows) == other.db.execute(
            "SELECT count(*) FROM suggestions").fetchone()[0] > 4


def test_a_migration_stopped_part_way_keeps_the_first_backup_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped during its upgrade (killed, power lost), a project is upgraded again at
    its next opening; the backup taken before the first try is the file as it was then,
    and it is never written over."""
    from reviewer.core.store import migrations as steps

    path = tmp_path / "old.db"
    shutil.copy(DATA / "v1.db", path)
    real = steps.migrations.apply

    def applied(file: Path) -> list[str]:
        with closing(sqlite3.connect(file)) as conn:
            return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]

    before = applied(path)

    def stopped(db: Any) -> None:  # one step made (each is a transaction), then it dies
        real(db, stop_before=steps.migrations.pending(db)[1].name)
        raise KeyboardInterrupt

    monkeypatch.setattr(steps.migrations, "apply", stopped)
    with pytest.raises(KeyboardInterrupt):
        Store(path)
    monkeypatch.undo()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
    assert applied(tmp_path / "old.db.v1.bak") == before  # the next try's: old.db.v1-2.bak
    assert len(applied(tmp_path / "old.db.v1-2.bak")) == len(before) + 1
    assert not list(tmp_path.glob("*.partial"))


def test_the_machine_s_list_in_another_order_is_accepted_not_corrected(store: Store) -> None:
    """Skills kept as the machine gave them, one line moved in the list editor: eval
    counted a correction (and the machine wrong) where the items are the machine's."""
    store.decisions.set_field(1, "skills", ["SQL", "Python"])
    store.decisions.set_field(2, "skills", ["SQL", "Python", "Go"])
    store.decisions.set_field(3, "skills", ["SQL", "SQL"])
    states = {pid: store.records.get(pid)["provenance"]["skills"] for pid in (1, 2, 3)}  # type: ignore[index]
    assert states == {1: "accepted", 2: "corrected", 3: "corrected"}
    assert store.records.get(1)["fields"]["skills"] == ["SQL", "Python"]  # type: ignore[index]
    for pid in (1, 4):  # a case apart, or another order: the stage was right
        store.postings.set_status(pid, "reviewed")
    store.decisions.set_field(4, "skills", ["sql", "python"])
    assert store.reports.by_stage()[""]["skills"]["right"] == 2
    from reviewer.core.store.bulk import BulkEdit  # a bulk edit alike

    store.bulk.apply(BulkEdit("field", "skills", ["SQL", "Python"]), [5])
    assert store.records.get(5)["provenance"]["skills"] == "accepted"  # type: ignore[index]
