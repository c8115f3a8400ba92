"""A second process writing the same project: writers wait their turn, nothing is lost."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reviewer.core.store import ChangedMeanwhile, DatabaseError, NewPosting, ProjectError, Store

ROOT = Path(__file__).resolve().parents[3]


def _posting(n: int) -> NewPosting:
    return NewPosting(source=f"p{n}.txt", hash=f"h{n}", kind="text", raw=f"Posting {n}",
                      cleaned=f"# Posting {n}\n", fields={"title": f"Posting {n}"},
                      evidence={"title": [[2, 11]]}, confidence={"title": 0.9})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    with Store(path) as store:
        store.postings.add([_posting(n) for n in range(1, 4)])
    return path


def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    """Another connection writes, holding the project's write lock for ``seconds``."""
    other = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE postings SET comment = 'from elsewhere' WHERE id = 1")

    def release() -> None:
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def test_an_edit_waits_for_another_writer_and_is_saved(project: Path) -> None:
    with Store(project) as store:
        store.records.get(2)  # the connection has read before: its snapshot is old
        thread = _hold_write_lock(project, 0.5)
        store.decisions.set_field(2, "title", "Data Engineer")
        store.postings.set_comment(3, "mine")
        thread.join()
        assert store.records.get(2)["fields"]["title"] == "Data Engineer"
        assert store.records.get(1)["comment"] == "from elsewhere"
        assert store.records.get(3)["comment"] == "mine"


def test_a_writer_that_cannot_get_its_turn_fails_and_writes_nothing(project: Path) -> None:
    with Store(project, busy_timeout=0.2) as store:
        thread = _hold_write_lock(project, 1.0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            store.decisions.set_field(2, "title", "Data Engineer")
        thread.join()
        assert store.records.get(2)["human"] == {}


def test_two_imports_into_one_project_at_once(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    Store(db).close()
    folders = []
    for side in ("a", "b"):
        folder = tmp_path / side
        folder.mkdir()
        for n in range(300):
            (folder / f"{n}.txt").write_text(f"Engineer {side} {n}\n\nWe want an engineer "
                                             f"{side}{n} who knows SQL and Python.\n")
        folders.append(folder)
    runs = [subprocess.Popen([sys.executable, "-m", "reviewer.cli", "import", str(db),
                              str(folder), "--jobs", "1"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for folder in folders]
    for run in runs:
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    with Store(db) as store:
        assert store.queue.count() == 600


def test_two_processes_making_the_same_new_project_at_once(tmp_path: Path) -> None:
    """Both find no file and make the project's tables: one makes them, the other waits
    and opens what it made. Before, one of two often failed ("table _sqlite_migrations
    already exists", "an SQLite file of another application") and left backups of an
    "upgrade" beside the file."""
    script = ("import sys\nfrom reviewer.core.store import Store\n"
              "sys.stdin.readline()\n"  # both wait here, then open at once
              "Store(sys.argv[1]).close()\n")
    for attempt in range(12):
        db = tmp_path / f"new{attempt}.db"
        runs = [subprocess.Popen([sys.executable, "-c", script, str(db)], cwd=ROOT,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]
        time.sleep(0.5)  # both started and waiting
        for run in runs:
            assert run.stdin is not None
            run.stdin.write("go\n")
            run.stdin.flush()
        for run in runs:
            _out, err = run.communicate(timeout=60)
            assert run.returncode == 0, err
        with Store(db) as store:
            assert store.queue.count() == 0
            # made once: the default label questions saved by the one that made it
            assert store.db.execute("SELECT count(*) FROM events WHERE kind = 'label_schema'"
                                    ).fetchone()[0] == 1
    assert not list(tmp_path.glob("*.bak"))


def test_a_project_another_program_is_writing_holds_up_no_other(tmp_path: Path) -> None:
    """Opening a project whose file another program holds waits for it: opening another
    project in the same folder meanwhile does not wait (it waited the whole time)."""
    Store(tmp_path / "y.db").close()
    held = tmp_path / "x.db"
    with sqlite3.connect(held) as made:  # another program's file, locked for writing
        made.execute("CREATE TABLE t (x)")
    holder = sqlite3.connect(held, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    waiting = threading.Thread(target=lambda: _try_open(held), daemon=True)
    waiting.start()
    time.sleep(0.5)  # it is waiting for the file now
    started = time.monotonic()
    Store(tmp_path / "y.db").close()
    assert time.monotonic() - started < 2
    holder.execute("ROLLBACK")
    holder.close()
    waiting.join(30)


def _try_open(path: Path) -> None:
    with contextlib.suppress(ProjectError):  # (another application's file: refused)
        Store(path, busy_timeout=4).close()


def test_accepting_what_was_shown_refuses_values_changed_since(project: Path) -> None:
    """Accept all, told the values a person saw: another process's new reading of a
    field (a re-extract) is not accepted in their name, and nothing is changed."""
    with Store(project) as store:
        shown = {"title": store.records.get(2)["fields"]["title"]}
        with Store(project) as other:
            other.db.execute("UPDATE suggestions SET value = '\"Changed\"' WHERE posting_id = 2")
        with pytest.raises(ChangedMeanwhile, match="Title"):
            store.decisions.accept_all(2, shown)
        record = store.records.get(2)
        assert record["status"] == "new" and record["provenance"]["title"] == "machine"
        store.decisions.accept_all(2, {"title": "Changed"})
        assert store.records.get(2)["provenance"]["title"] == "accepted"


@pytest.mark.parametrize("meanwhile", ["suggestion removed", "decided otherwise",
                                       "rejected"])
def test_accepting_what_was_shown_refuses_a_shown_value_gone_since(
        project: Path, meanwhile: str) -> None:
    """A value shown that the file no longer holds as the machine's undecided one (a
    re-extract removed it, another person decided the field): the posting was marked
    reviewed with a value the person never saw, and nothing said."""
    with Store(project) as store:
        shown = {"title": store.records.get(2)["fields"]["title"]}
        with Store(project, reviewer="ben") as other:
            if meanwhile == "suggestion removed":
                other.db.execute("DELETE FROM suggestions WHERE posting_id = 2 AND field = "
                                 "'title'")
            elif meanwhile == "decided otherwise":
                other.decisions.set_field(2, "title", "Typed by Ben")
            else:
                other.decisions.reject_field(2, "title")
        with pytest.raises(ChangedMeanwhile, match="Title"):
            store.decisions.accept_all(2, shown)
        assert store.records.get(2)["status"] == "new"


def test_accepting_what_was_shown_does_not_overrule_a_status_set_since(project: Path) -> None:
    """Another reviewer flagged the posting; Ctrl+Enter made it reviewed, said nothing."""
    with Store(project) as store:
        record = store.records.get(2)
        shown = {"title": record["fields"]["title"]}
        with Store(project, reviewer="ben") as other:
            other.postings.set_status(2, "flagged")
        with pytest.raises(ChangedMeanwhile, match="flagged"):
            store.decisions.accept_all(2, shown, record["status"])
        assert store.records.get(2)["status"] == "flagged"
        store.decisions.accept_all(2, shown, "flagged")  # seen flagged: the person's call
        assert store.records.get(2)["status"] == "reviewed"


def test_a_field_decided_meanwhile_is_said_as_such(project: Path) -> None:
    with Store(project) as store:
        shown = {"title": store.records.get(2)["fields"]["title"]}
        with Store(project, reviewer="ben") as other:
            other.decisions.set_field(2, "title", "Typed by Ben")
        with pytest.raises(ChangedMeanwhile, match="another window") as said:
            store.decisions.accept_all(2, shown)
        assert "the page was read again" not in str(said.value)


def test_accepting_what_was_shown_takes_a_value_another_accepted_meanwhile(
        project: Path) -> None:
    with Store(project) as store:
        shown = {"title": store.records.get(2)["fields"]["title"]}
        with Store(project, reviewer="ben") as other:
            other.decisions.accept_field(2, "title")
        store.decisions.accept_all(2, shown)
        assert store.records.get(2)["status"] == "reviewed"


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_an_edit_after_the_file_was_deleted_or_replaced_is_refused(
        project: Path, tmp_path: Path, how: str) -> None:
    """Edits written to a file no longer at its path would be lost when the project
    closes (deleted) or never seen (another file put in its place): refused, saying so."""
    copy = tmp_path / "copy.db"
    with Store(project) as store:
        store.records.get(1)
        if how == "deleted":
            for path in project.parent.glob(project.name + "*"):
                path.unlink()
        else:
            with Store(copy) as other:
                other.postings.add([_posting(7)])
            copy.replace(project)
        with pytest.raises(DatabaseError, match="moved, deleted or replaced"):
            store.decisions.set_field(1, "title", "Mine")
    if how == "replaced":
        with Store(project, read_only=True) as store:
            assert [r["fields"]["title"] for r in store.records.all(False)] == ["Posting 7"]


@pytest.mark.parametrize("how", ["replaced", "moved"])
def test_a_file_no_longer_at_its_path_is_let_go_of_untouched_by_what_was_written(
        project: Path, tmp_path: Path, how: str) -> None:
    """A connection kept open on a file replaced at its path (a copy put back with
    ``mv``) left its -wal beside the path until it closed: a program opening the path
    meanwhile read the file put there with that -wal, as one (its own postings mixed
    with the other's edits, or damage). Let go of, it is folded into the file opened
    and the connection closed: the file at the path is read whole, and unchanged."""
    copy, elsewhere = tmp_path / "copy.db", tmp_path / "elsewhere.db"
    with Store(copy) as other:
        other.postings.add([_posting(7)])
    store = Store(project)
    store.decisions.set_field(1, "title", "Mine")  # (in the -wal beside the path)
    if how == "replaced":
        copy.replace(project)
        put_there = project.read_bytes()
    else:
        project.rename(elsewhere)
    assert store.moved() and store.replaced() == (how == "replaced")
    store.let_go()
    if how == "replaced":
        assert project.read_bytes() == put_there
        plain = sqlite3.connect(project)  # a program of its own: no store's checks
        assert plain.execute("SELECT title FROM postings").fetchall() == [("Posting 7",)]
        assert plain.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        plain.close()
    else:  # what was written went with the file
        with Store(elsewhere, read_only=True) as moved:
            assert moved.records.get(1)["fields"]["title"] == "Mine"
    with pytest.raises(DatabaseError, match="moved, deleted or replaced"):
        store.records.get(1)
    with pytest.raises(DatabaseError, match="moved, deleted or replaced"):
        store.decisions.set_field(1, "title", "Again")
    store.close()  # harmless, and it touches the file there no more than letting go did
    if how == "replaced":
        assert project.read_bytes() == put_there


def test_an_import_while_another_program_holds_the_file_stops_saying_so(
        project: Path, tmp_path: Path) -> None:
    """Not each page blamed ('could not be stored: database is locked'), waiting the
    whole time for each: the import stops at once with what to do."""
    from reviewer.core.ingest import import_paths

    pages = []
    for n in range(3):
        pages.append(tmp_path / f"page{n}.txt")
        pages[-1].write_text(f"Engineer number {n} in Leeds who knows SQL and Python")
    with Store(project, busy_timeout=0.2) as store:
        thread = _hold_write_lock(project, 1.5)
        started = time.monotonic()
        with pytest.raises(ProjectError, match="in use by another program"):
            import_paths(store, pages)
        assert time.monotonic() - started < 1.2
        thread.join()
        assert import_paths(store, pages).added == 3  # run again: nothing was lost
    with Store(project) as store:
        rows = store.db.execute("SELECT count(*) FROM postings").fetchone()
        assert rows[0] == 6


@pytest.mark.parametrize(("typed", "theirs", "saved"), [
    ("pay looks monthly", "the title is wrong", "the title is wrong\n\npay looks monthly"),
    ("", "the title is wrong", "the title is wrong"),  # emptied: theirs stays
    ("was fine. check pay", "was fine", "was fine. check pay"),  # theirs typed on: as typed
    ("check pay", "", "check pay"),  # theirs emptied meanwhile: what was typed
    ("not sure about the pay", "no", "no\n\nnot sure about the pay"),  # (a word in mine)
    ("ok\n\nand the title", "ok", "ok\n\nand the title"),  # theirs kept by the typist
])
def test_a_comment_typed_over_one_another_process_replaced_keeps_both(
        project: Path, typed: str, theirs: str, saved: str) -> None:
    with Store(project, reviewer="ana") as ana, Store(project, reviewer="ben") as ben:
        ana.postings.set_comment(1, "was fine")
        ben.postings.set_comment(1, theirs)
        ana.postings.set_comment(1, typed, typed_over="was fine")
        assert ben.records.get(1)["comment"] == saved
        ana.postings.set_comment(1, "mine alone", typed_over=saved)
        assert ben.records.get(1)["comment"] == "mine alone"
