"""Every decision, label, span, event, status and comment says who made it."""

from __future__ import annotations

import shutil
from pathlib import Path

from reviewer.core.store import NewPosting, Store
from reviewer.core.store.reviewer import clean_name, default_reviewer

DATA = Path(__file__).resolve().parents[2] / "data" / "projects"


def _project(path: Path, reviewer: str) -> Store:
    store = Store(path, reviewer=reviewer)
    store.postings.add([NewPosting(source="a.txt", hash="h1", kind="text", raw="p",
                                   cleaned="Data Engineer at Acme", fields={"title": "x"},
                                   confidence={"title": 0.5}, stages={"title": "prose"})])
    return store


def who(store: Store, sql: str) -> list[str]:
    return [r[0] for r in store.db.execute(sql)]


def _work(store: Store) -> None:
    """A field decided, a question answered, a span labelled, reviewed, commented."""
    store.decisions.set_field(1, "title", "Data Engineer", [[0, 13]])
    store.labels.answer(1, "relevant", ["yes"])
    store.spans.add(1, 0, 4, "SKILL")
    store.postings.set_status(1, "reviewed")
    store.postings.set_comment(1, "fine")


def test_each_edit_carries_the_reviewer_s_name(tmp_path: Path) -> None:
    with _project(tmp_path / "p.db", "Ana") as store:
        _work(store)
        assert who(store, "SELECT reviewer FROM annotations") == ["Ana"]
        assert who(store, "SELECT reviewer FROM doc_labels") == ["Ana"]
        assert who(store, "SELECT reviewer FROM spans") == ["Ana"]
        assert set(who(store, "SELECT reviewer FROM events WHERE posting_id = 1")) == {"Ana"}
        assert who(store, "SELECT status_by || '/' || comment_by FROM postings") == ["Ana/Ana"]
    with Store(tmp_path / "p.db", reviewer="Ben") as store:  # another person, same file
        store.decisions.reject_field(1, "title")
        store.postings.set_status(1, "flagged")
        assert who(store, "SELECT reviewer FROM annotations") == ["Ben"]
        assert who(store, "SELECT status_by || '/' || comment_by FROM postings") == ["Ben/Ana"]
        assert who(store, "SELECT reviewer FROM doc_labels") == ["Ana"]  # untouched


def test_undo_puts_back_the_name_the_row_had(tmp_path: Path) -> None:
    with _project(tmp_path / "p.db", "Ana") as store:
        store.decisions.set_field(1, "title", "Data Engineer", [[0, 13]])
    with Store(tmp_path / "p.db", reviewer="Ben") as store:
        change = store.decisions.set_field(1, "title", "Engineer", [[5, 13]])
        store.history.undo(change)
        assert who(store, "SELECT reviewer FROM annotations") == ["Ana"]


def test_an_undo_of_an_answer_or_a_bulk_edit_puts_back_whose_rows_they_were(
        tmp_path: Path) -> None:
    """Ben's answer, field value and status, then Ana's edits of them undone (one
    posting's answer, and bulk edits of status, answer and field): Ben's again, not
    Ana's (a merge would count them hers), and a posting nobody had set, nobody's."""
    from reviewer.core.store.bulk import BulkEdit

    with _project(tmp_path / "p.db", "Ben") as store:
        store.postings.add([NewPosting(source="b.txt", hash="h2", kind="text", raw="q",
                                       cleaned="Analyst at Acme", fields={"title": "y"},
                                       confidence={"title": 0.5}, stages={"title": "prose"})])
        store.labels.answer(1, "relevant", ["yes"])
        store.decisions.set_field(1, "title", "Data Engineer", [[0, 13]])
        store.postings.set_status(1, "reviewed")
    with Store(tmp_path / "p.db", reviewer="Ana") as store:
        store.history.undo(store.labels.answer(1, "relevant", ["no"]))
        assert who(store, "SELECT option || '/' || reviewer FROM doc_labels") == ["yes/Ben"]
        for edit in (BulkEdit("status", value="flagged"),
                     BulkEdit("label", "relevant", ["no"]),
                     BulkEdit("field", "title", "Engineer")):
            change = store.bulk.apply(edit, [1, 2])
            assert change is not None and store.bulk.undo(change)
        assert who(store, "SELECT status || '/' || status_by FROM postings ORDER BY id") == \
            ["reviewed/Ben", "new/"]
        assert who(store, "SELECT option || '/' || reviewer FROM doc_labels") == ["yes/Ben"]
        assert who(store, "SELECT value || '/' || reviewer FROM annotations") == \
            ['"Data Engineer"/Ben']


def test_another_tool_writing_the_file_writes_no_name(tmp_path: Path) -> None:
    import sqlite3

    _project(tmp_path / "p.db", "Ana").close()
    conn = sqlite3.connect(tmp_path / "p.db")
    conn.execute("INSERT INTO doc_labels (posting_id, question, option) VALUES (1, 'q', 'o')")
    conn.commit()
    assert conn.execute("SELECT reviewer FROM doc_labels").fetchone() == ("",)
    conn.close()


def test_names_are_one_line_and_the_default_comes_from_the_environment(monkeypatch) -> None:
    assert clean_name("  Ana\n María\x00 ") == "Ana María"
    assert clean_name("") == "unknown" and clean_name(None) == "unknown"
    assert len(clean_name("x" * 500)) == 80
    monkeypatch.setenv("REVIEWER_NAME", "Chen")
    assert default_reviewer() == "Chen"
    monkeypatch.delenv("REVIEWER_NAME")
    assert default_reviewer()  # the system's user name, or unknown


def test_a_name_with_quotes_is_stored_as_written(tmp_path: Path) -> None:
    with _project(tmp_path / "p.db", "O'Brien'); DROP TABLE postings; --") as store:
        store.postings.set_status(1, "reviewed")
        assert who(store, "SELECT status_by FROM postings") == [
            "O'Brien'); DROP TABLE postings; --"]


def test_a_version_7_project_s_decisions_are_unknown(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(DATA / "v7.db", path)
    with Store(path, reviewer="Ana") as store:
        assert set(who(store, "SELECT reviewer FROM annotations")) == {"unknown"}
        assert store.records.get(1)["fields"]["title"]
        assert who(store, "SELECT status_by FROM postings WHERE id = 1") == ["unknown"]


def test_the_command_line_names_the_reviewer(tmp_path: Path, monkeypatch) -> None:
    from reviewer.cli import main

    # (set, so that the name the command puts in the environment goes with the test)
    monkeypatch.setenv("REVIEWER_NAME", "ana")
    page = tmp_path / "p.txt"
    page.write_text("Data Engineer\n\nAcme is hiring a Data Engineer in Leeds.\n",
                    encoding="utf-8")
    assert main(["--reviewer", "Chen", "import", str(tmp_path / "p.db"), str(page)]) == 0
    with Store(tmp_path / "p.db", reviewer="x") as store:
        assert who(store, "SELECT DISTINCT reviewer FROM events") == ["Chen"]


def test_a_name_that_is_not_utf_8_is_stored_with_its_bytes_escaped(tmp_path: Path,
                                                                     monkeypatch) -> None:
    """A user name of Latin-1 bytes (as the environment gives it, each such byte a lone
    surrogate) stopped every command with an encoding error."""
    from reviewer.cli import main

    assert clean_name("Jos\udce9") == "Jos\\xe9"
    assert clean_name("Jos\udce9") != clean_name("Jos\udcea")  # two names stay two
    assert clean_name("a\ud800b") == "a\ufffdb"  # a lone surrogate of a JSON escape
    page = tmp_path / "p.txt"
    page.write_text("Data Engineer\n\nAcme is hiring a Data Engineer in Leeds.\n",
                    encoding="utf-8")
    monkeypatch.setenv("REVIEWER_NAME", "Jos\udce9")
    assert main(["import", str(tmp_path / "p.db"), str(page)]) == 0
    with Store(tmp_path / "p.db", reviewer="x") as store:
        assert who(store, "SELECT DISTINCT reviewer FROM events") == ["Jos\\xe9"]


def test_an_exported_record_imported_again_keeps_whose_work_it_was(tmp_path: Path) -> None:
    """The record names who reviewed it; its decisions, labels, spans and comment were
    named after the reviewer who imported it (a merge then counted Ana's work as Ben's)."""
    with _project(tmp_path / "p.db", "Ana") as store:
        _work(store)
        [record] = store.records.all()
    assert record["reviewer"] == "Ana"
    with Store(tmp_path / "q.db", reviewer="Ben") as store:
        assert store.records.add(record)
        assert who(store, "SELECT reviewer FROM annotations") == ["Ana"]
        assert who(store, "SELECT reviewer FROM doc_labels") == ["Ana"]
        assert who(store, "SELECT reviewer FROM spans") == ["Ana"]
        assert who(store, "SELECT status_by || '/' || comment_by FROM postings") == ["Ana/Ana"]
        assert set(who(store, "SELECT reviewer FROM events")) == {"Ben"}  # Ben imported it
        [again] = store.records.all()
        assert again["reviewer"] == "Ana"


def test_a_new_posting_s_record_keeps_its_reviewer_through_a_round_trip(tmp_path: Path) -> None:
    """A posting set back to new by Ana still names her (as the store does); imported,
    its spans were hers but its status named nobody, so the next export and import
    named them after that importer."""
    with _project(tmp_path / "p.db", "Ana") as store:
        store.spans.add(1, 0, 4, "SKILL")
        store.postings.set_status(1, "reviewed")
        store.postings.set_status(1, "new")
        [record] = store.records.all(reviewed_only=False)
    assert record["status"] == "new" and record["reviewer"] == "Ana"
    with Store(tmp_path / "q.db", reviewer="Ben") as store:
        assert store.records.add(record)
        [again] = store.records.all(reviewed_only=False)
    assert again["reviewer"] == "Ana"
    with Store(tmp_path / "r.db", reviewer="Carl") as store:
        assert store.records.add(again)
        assert who(store, "SELECT reviewer FROM spans") == ["Ana"]
