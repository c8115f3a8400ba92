"""A project file in a bad way: damaged in the middle, read-only, or on a full disk.

A damaged file is refused when it opens, with nothing written to it and a message that
says how to get the postings back; a read-only one opens for reading and every write
says it is read-only; a disk that fills during an import stops it cleanly, keeping
every batch before."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from project_files import damage, integrity_ok, make_project, posting, read_only_copy

from reviewer.core.ingest import import_paths
from reviewer.core.store import DatabaseError, ProjectError, Store, explain, health
from reviewer.core.store import db as store_db


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("pristine") / "project.db")


@pytest.fixture
def project(pristine: Path, tmp_path: Path) -> Path:
    path = tmp_path / "project.db"
    shutil.copyfile(pristine, path)
    return path


@pytest.fixture
def damaged(project: Path) -> Path:
    assert damage(project)  # quick_check sees it
    return project


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- damaged -----------------------------------------------------------------------------


def test_a_damaged_project_is_refused_untouched_with_a_way_out(damaged: Path) -> None:
    before = _digest(damaged)
    with pytest.raises(ProjectError) as refused:
        Store(damaged)
    message = str(refused.value)
    assert message.startswith(f"{damaged} is damaged (")
    assert "Nothing was written to it" in message
    assert f"sqlite3 {damaged} .recover | sqlite3 " in message and "backup" in message
    assert _digest(damaged) == before
    assert not Path(f"{damaged}-wal").exists()


def test_the_message_names_the_backups_beside_the_file(damaged: Path) -> None:
    backup = damaged.with_name(f"{damaged.name}.v3.bak")
    backup.write_bytes(b"")
    with pytest.raises(ProjectError, match=r"open a backup \(.*project\.db\.v3\.bak\)"):
        Store(damaged)


def test_a_sound_project_opens_and_the_check_is_quick(project: Path) -> None:
    started = time.perf_counter()
    with Store(project) as store:
        assert store.queue.count() == 300 and not store.read_only
    assert time.perf_counter() - started < 2


def test_the_check_stops_in_time_and_then_says_nothing(project: Path) -> None:
    """On a file too big to check within the time allowed, the check stops and says
    nothing: the file opens as it did before there was a check."""
    conn = sqlite3.connect(project)
    cols = ", ".join(r[1] for r in conn.execute("PRAGMA table_info(postings)")
                     if r[1] not in ("id", "hash"))
    for n in range(12):  # about 40 MB
        conn.execute(f"INSERT INTO postings ({cols}, hash) SELECT {cols}, hash || '-{n}' "
                     "FROM postings WHERE id <= 300")
    conn.commit()
    conn.close()
    assert damage(project)
    conn = sqlite3.connect(project)
    try:
        started = time.perf_counter()
        assert health.first_problem(conn, 30.0) is not None
        whole = time.perf_counter() - started
        stops = []  # (a loaded machine may reach the damage before the timer's thread
        for share in (20, 200, 2000):  # runs: a shorter limit is tried then)
            started = time.perf_counter()
            verdict = health.first_problem(conn, whole / share)
            stops.append((verdict, time.perf_counter() - started))
            if verdict is None:
                break
        assert stops[-1][0] is None, stops  # stopped: no verdict
        assert stops[-1][1] < whole / 2
        assert conn.execute("SELECT count(*) FROM postings").fetchone()[0] > 0  # no late stop
    finally:
        conn.close()


def test_damage_met_after_opening_is_said_for_a_person(damaged: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A file too big to check in time opens unchecked; the damage, when a read meets
    it, is explained like the check's."""
    monkeypatch.setattr(health, "first_problem", lambda conn, seconds=0: None)
    with Store(damaged) as store, pytest.raises(DatabaseError) as failed:
        for _ in store.records.all(False):
            pass
    message = explain(failed.value, damaged)
    assert message is not None and message.startswith(f"{damaged} is damaged (")
    assert ".recover" in message


def test_explain_sorts_the_errors_of_the_file() -> None:
    path = Path("p.db")
    cases = {
        "database disk image is malformed": "p.db is damaged (database disk image is malformed)",
        "file is not a database": "p.db is damaged",
        "attempt to write a readonly database": "p.db is read-only: ",
        "database or disk is full": "the disk is full (p.db): free some space and run the "
                                    "import again; what was imported before is kept",
        "disk I/O error": "the disk is full (p.db)",
        "database is locked": "p.db is in use by another program",
    }
    for error, said in cases.items():
        message = explain(sqlite3.OperationalError(error), path, work="import")
        assert message is not None and message.startswith(said), (error, message)
    assert explain(sqlite3.OperationalError("no such column: x"), path) is None
    assert explain(ValueError("bad"), path) is None


def test_a_file_held_or_full_says_what_the_command_kept_and_how_to_run_it_again() -> None:
    """Every command was told "run the train again; what was imported before is kept";
    the window, which names no command, is told to try again."""
    path = Path("p.db")
    locked, full = (sqlite3.OperationalError(e) for e in ("database is locked",
                                                           "database or disk is full"))
    said = {work: explain(locked, path, work=work) for work in
            ("train", "labels", "guidelines", "merge", "reextract", "stats", "")}
    assert said["train"] is not None and said["train"].endswith(
        "run `reviewer train` again; no model was saved.")
    assert str(said["labels"]).endswith("run `reviewer labels` again; nothing was changed.")
    assert str(said["guidelines"]).endswith("`reviewer guidelines` again; nothing was changed.")
    assert str(said["merge"]).endswith("; the postings already merged are kept.")
    assert str(said["reextract"]).endswith("`reviewer reextract` again to finish; the "
                                           "postings already updated are kept.")
    assert str(said["stats"]).endswith("and run `reviewer stats` again.")
    assert said[""] == ("p.db is in use by another program, which is writing to it: wait "
                        "for it to finish (or close it) and try again.")
    assert not any("imported" in str(text) for text in said.values())
    assert explain(full, path, work="train") == ("the disk is full (p.db): free some space "
                                                 "and run `reviewer train` again; no model "
                                                 "was saved.")
    assert explain(full, path) == ("the disk is full (p.db): free some space and try again; "
                                   "what was saved before is kept.")


# --- read-only ---------------------------------------------------------------------------


def _reads_but_never_writes(path: Path) -> None:
    with Store(path) as store:
        assert store.read_only
        assert store.queue.count() == 300
        assert store.records.get(1)["fields"]["title"] == "Data Engineer 1"
        with pytest.raises(ProjectError, match="is read-only: "):
            store.check_writable()
        with pytest.raises(DatabaseError, match=f"{path} is read-only: "):
            store.postings.set_comment(1, "mine")
        with pytest.raises(ProjectError, match=f"{path} is read-only: "):
            store.postings.add([posting(1000)])  # an import stops at once
        assert store.queue.count() == 300


def test_a_project_that_cannot_be_written_opens_for_reading(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file's permissions as the store sees them (any user, root too)."""
    monkeypatch.setattr(store_db, "_writable", lambda path: False)
    before = _digest(project)
    _reads_but_never_writes(project)
    assert _digest(project) == before


def test_a_project_on_a_read_only_file_system_opens_for_reading(project: Path,
                                                                tmp_path: Path) -> None:
    """Really read-only: by its modes (a user), on a read-only mount (root)."""
    with read_only_copy(project, tmp_path / "ro") as copy:
        _reads_but_never_writes(copy)


class _NoIndex:
    """A connection whose first read fails as SQLite fails to make the WAL index beside
    a file in a folder the user may not write (``SQLITE_READONLY_DIRECTORY``)."""

    def execute(self, *_args: object) -> None:
        err = sqlite3.OperationalError("attempt to write a readonly database")
        err.sqlite_errorcode = 1544  # type: ignore[attr-defined]
        raise err

    def close(self) -> None:
        pass


def test_a_project_whose_folder_refuses_the_wal_index_opens_for_reading(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's read-only folder (root ignores modes; a read-only mount fails otherwise):
    SQLite says SQLITE_READONLY_DIRECTORY, and the project was refused as read-only
    instead of opened for reading."""
    connect = sqlite3.connect
    monkeypatch.setattr(store_db, "_writable", lambda path: False)
    monkeypatch.setattr(store_db.sqlite3, "connect", lambda name, **kw: _NoIndex() if (
        "mode=ro" in str(name) and "immutable" not in str(name)) else connect(name, **kw))
    _reads_but_never_writes(project)


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                    reason="runs the store as another user (needs root and setpriv)")
def test_a_project_in_a_folder_of_another_user_opens_for_reading(project: Path) -> None:
    """The same as a user of the machine meets it: the file and its folder root's."""
    folder = Path(tempfile.mkdtemp(prefix="other-user-"))
    try:
        folder.chmod(0o755)
        copy = folder / "project.db"
        shutil.copyfile(project, copy)
        copy.chmod(0o644)
        script = ("import sys\nfrom reviewer.core.store import Store\nwith Store(sys.argv[1])"
                  " as store:\n    print(store.read_only, store.queue.count())")
        run = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable]
        if subprocess.run([*run, "-c", "import reviewer"], capture_output=True).returncode:
            pytest.skip("another user cannot run this Python (a private folder holds it)")
        out = subprocess.run([*run, "-c", script, str(copy)], capture_output=True, text=True,
                             cwd=folder)
        assert out.stdout.split() == ["True", "300"], out.stderr
    finally:
        shutil.rmtree(folder)


def test_a_new_project_in_a_read_only_folder_is_refused(project: Path, tmp_path: Path) -> None:
    with read_only_copy(project, tmp_path / "ro") as copy, \
            pytest.raises(ProjectError, match="its folder is read-only"):
        Store(copy.with_name("new.db"))


# --- full disk ---------------------------------------------------------------------------


def _pages(n: int, folder: Path) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"job{i:04d}.txt").write_text(
            f"Job Title: Data Engineer {i}\nLocation: Berlin\n\n"
            + f"We build pipelines in Python for customer {i}. " * 40 + "\n", encoding="utf-8")
    return folder


def test_a_disk_filling_during_an_import_stops_it_and_keeps_the_batches_before(
        tmp_path: Path) -> None:
    folder = _pages(120, tmp_path / "in")
    path = tmp_path / "p.db"
    with Store(path) as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 40}")  # room for a few batches
        with pytest.raises(ProjectError) as stopped:
            import_paths(store, [folder], batch=10)
        assert str(stopped.value) == (
            f"the disk is full ({path}): free some space and run the import again; what "
            "was imported before is kept.")
        added = store.queue.count()
        assert 0 < added < 120 and added % 10 == 0  # whole batches, none in part
        assert all(store.records.get(pid)["machine"] for pid in store.queue.ids())
    assert integrity_ok(path)
    with Store(path) as store:  # room again: the same import adds the rest
        report = import_paths(store, [folder], batch=10)
        assert (report.added, report.duplicates) == (120 - added, added)
        assert store.queue.count() == 120


def test_an_edit_on_a_full_disk_fails_saying_so(project: Path) -> None:
    with Store(project) as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DatabaseError, match=r"^the disk is full \("):
            store.postings.set_comment(1, "x" * 100_000)
        assert store.records.get(1)["comment"] == ""


def test_a_file_over_the_size_the_check_could_go_through_opens_at_once(
        damaged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check would stop unfinished on a file of gigabytes and cost its half second
    for nothing: such a file is not checked at all (a smaller damaged one is refused)."""
    ran: list[float] = []
    real = health.first_problem

    def spy(conn: sqlite3.Connection, seconds: float = health.CHECK_SECONDS) -> str | None:
        ran.append(seconds)
        return real(conn, seconds)

    monkeypatch.setattr(health, "first_problem", spy)
    with pytest.raises(ProjectError):
        Store(damaged).close()
    assert ran
    ran.clear()
    monkeypatch.setattr(health, "CHECK_MAX_BYTES", damaged.stat().st_size - 1)
    Store(damaged).close()  # opens unchecked, as one too big to check in time always did
    assert not ran


def test_a_read_only_file_beside_a_writable_project_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only open left -shm as read-only as the file was; once the file was made
    writable, every edit was refused as "the file is read-only", which it no longer
    was, and the message named nothing else to make writable."""
    path = make_project(tmp_path / "p.db")
    shm = tmp_path / "p.db-shm"
    shm.write_bytes(b"")
    real = health.os.access
    monkeypatch.setattr(health.os, "access", lambda p, mode: real(p, mode) and (
        str(p) != str(shm) or mode != health.os.W_OK))  # (the tests may run as root)
    said = health.describe("read-only", path)
    assert "p.db-shm" in said and "chmod u+w" in said and "p.db-wal" not in said
    shm.unlink()
    assert "p.db-shm" not in health.describe("read-only", path)


def test_a_wal_of_a_sibling_copy_is_left_as_it_was_and_the_file_too(tmp_path: Path) -> None:
    """Two copies of one project (a team's files); one's -wal, left by a crash, beside the
    other: opening it was refused with "nothing was written to either", and closing the
    connection wrote the -wal's pages into the file (damaged now) and deleted the -wal
    (the advice to keep it could not be followed)."""
    make_project(tmp_path / "team.db", 200)
    ana, ben = tmp_path / "ana.db", tmp_path / "ben.db"
    shutil.copyfile(tmp_path / "team.db", ana)
    shutil.copyfile(tmp_path / "team.db", ben)
    with Store(ana) as store:  # her own work since: the two files' pages differ
        store.postings.add([posting(n) for n in range(1000, 1100)])
    script = ("import os, sqlite3, sys\nconn = sqlite3.connect(sys.argv[1])\n"
              "conn.execute('PRAGMA journal_mode = WAL')\n"
              "conn.execute('PRAGMA wal_autocheckpoint = 0')\n"
              "conn.execute(\"UPDATE postings SET comment = 'x'\")\n"
              "conn.execute('DELETE FROM suggestions')\nconn.commit()\nos._exit(0)\n")
    subprocess.run([sys.executable, "-c", script, str(ben)], check=True)
    shutil.copyfile(f"{ben}-wal", f"{ana}-wal")
    before, wal = ana.read_bytes(), Path(f"{ana}-wal").read_bytes()
    with pytest.raises(ProjectError) as err:
        Store(ana)
    assert "Nothing was written to either" in str(err.value)
    assert ana.read_bytes() == before
    assert Path(f"{ana}-wal").read_bytes() == wal


def test_a_wal_left_by_another_copy_is_named_not_the_file(tmp_path: Path) -> None:
    """A crash left a -wal beside the project, and a backup was copied over the file:
    SQLite read the other copy's -wal over it, and the file, whole, was said damaged,
    with advice to recover it (which reads the same -wal). The file alone is whole: the
    -wal is named, and what to do with it."""
    other = make_project(tmp_path / "other.db", 200)
    script = ("import os, sys\nfrom reviewer.core.store import Store\n"
              "sys.path.insert(0, sys.argv[2])\nfrom project_files import posting\n"
              "store = Store(sys.argv[1])\nstore.db.execute('PRAGMA wal_autocheckpoint = 0')\n"
              "store.postings.add([posting(n) for n in range(1000, 1020)])\nos._exit(0)\n")
    subprocess.run([sys.executable, "-c", script, str(other), str(Path(__file__).parent)],
                   check=True)
    assert Path(f"{other}-wal").stat().st_size > 0  # (the crash's leftover)
    backup = make_project(tmp_path / "backup.db", 30)
    project = tmp_path / "p.db"
    shutil.copyfile(backup, project)
    shutil.copyfile(f"{other}-wal", f"{project}-wal")
    before = project.read_bytes()
    with pytest.raises(ProjectError) as err:
        Store(project)
    assert str(err.value).startswith(f"p.db-wal beside {project} is not that file's own")
    assert "move p.db-wal and p.db-shm aside" in str(err.value)
    assert ".recover" not in str(err.value)
    assert project.read_bytes() == before
