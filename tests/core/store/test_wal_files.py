"""The -wal file beside a project file: its own, left by a crash, is read and kept; one
of another project file (a crash's, beside a backup copied back over the file), or one
without its file, is refused with nothing written to either."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from project_files import make_project

from reviewer.core.store import DatabaseError, ProjectError, Store
from reviewer.core.store.wal import committed, foreign

HERE = str(Path(__file__).parent)


def crash(path: Path, work: str, checkpoint: str = "") -> None:
    """Run ``work`` on the store of ``path`` in a process that then dies, leaving what
    it wrote in the -wal file (``checkpoint``: a PRAGMA wal_checkpoint mode run first,
    whose fold into the file the -wal outlives)."""
    script = ("import os, sys\nsys.path.insert(0, sys.argv[2])\n"
              "from project_files import posting\nfrom reviewer.core.store import Store\n"
              "store = Store(sys.argv[1])\nstore.db.execute('PRAGMA wal_autocheckpoint = 0')\n"
              f"{work}\n")
    if checkpoint:
        script += f"store.db.execute('PRAGMA wal_checkpoint({checkpoint})').fetchall()\n"
    script += "os._exit(0)\n"
    subprocess.run([sys.executable, "-c", script, str(path), HERE], check=True)
    assert Path(f"{path}-wal").stat().st_size > 0


def count(path: Path) -> int:
    with Store(path, read_only=True) as store:
        return int(store.db.execute("SELECT count(*) FROM postings").fetchone()[0])


def alone(path: Path) -> int:
    """The postings of the file read without the -wal beside it."""
    uri = f"{path.resolve().as_uri()}?immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        return int(conn.execute("SELECT count(*) FROM postings").fetchone()[0])


ADD = "store.postings.add([posting(n) for n in range(1000, 1040)])"
EDIT = "store.decisions.set_field(1, 'title', 'Kept')"


def test_a_crashed_import_s_wal_beside_a_restored_backup_is_refused_untouched(
        tmp_path: Path) -> None:
    """An import into a new project was killed; the person put their backup back at the
    same name and opened it: the crashed import's -wal was read over the backup and
    written into it, and the backup's postings were gone for good."""
    backup = make_project(tmp_path / "backup.db", 8)
    project = tmp_path / "p.db"
    crash(project, ADD)
    shutil.copyfile(backup, project)
    before, wal = project.read_bytes(), Path(f"{project}-wal").read_bytes()
    for read_only in (False, True):
        with pytest.raises(ProjectError) as err:
            Store(project, read_only=read_only)
        said = str(err.value)
        assert said.startswith(f"p.db-wal beside {project} is not that file's own")
        assert "Nothing was written to either" in said
        assert "move p.db-wal and p.db-shm aside (keep them)" in said
        assert project.read_bytes() == before
        assert Path(f"{project}-wal").read_bytes() == wal
    Path(f"{project}-wal").rename(tmp_path / "kept-wal")
    assert count(project) == 8


def test_the_wal_of_a_bigger_project_s_session_is_refused(tmp_path: Path) -> None:
    """The -wal of a session on another project made by the same version (the same
    tables, the same first page but for its size) beside a smaller one."""
    big, small = make_project(tmp_path / "big.db", 200), make_project(tmp_path / "small.db", 30)
    crash(big, ADD)
    shutil.copyfile(f"{big}-wal", f"{small}-wal")
    with pytest.raises(ProjectError, match=r"small.db-wal beside .* is not that file's own"):
        Store(small)
    assert alone(small) == 30


@pytest.mark.parametrize("work", [ADD, EDIT, f"{ADD}\n{EDIT}"])
@pytest.mark.parametrize("checkpoint", ["", "PASSIVE"])
def test_a_project_s_own_wal_after_a_crash_is_read_and_kept(tmp_path: Path, work: str,
                                                          checkpoint: str) -> None:
    """Killed with its last changes in the -wal (a part of them folded into the file
    already, or none), the project opens with them all."""
    project = make_project(tmp_path / "p.db", 50)
    crash(project, work, checkpoint)
    assert not foreign(project)
    with Store(project) as store:
        assert store.db.execute("SELECT count(*) FROM postings").fetchone()[0] == (
            90 if ADD in work else 50)
        if EDIT in work:
            assert store.db.execute("SELECT value FROM annotations WHERE posting_id = 1 "
                                    "AND field = 'title'").fetchone()[0] == '"Kept"'


def test_a_new_project_s_own_wal_after_a_crash_is_read(tmp_path: Path) -> None:
    project = tmp_path / "p.db"
    crash(project, ADD)
    assert count(project) == 40


def test_a_wal_whose_file_is_gone_is_said_and_no_file_is_made(tmp_path: Path) -> None:
    """The file moved away after a crash, its -wal left: a new project under its name
    was made beside that -wal (or SQLite said only "unable to open database file")."""
    project = make_project(tmp_path / "p.db", 20)
    crash(project, ADD)
    project.rename(tmp_path / "moved.db")
    with pytest.raises(ProjectError) as err:
        Store(project)
    assert str(err.value).startswith(f"{project} is not there, but p.db-wal beside it is")
    assert not project.exists()
    (tmp_path / "moved.db").rename(project)
    assert count(project) == 60


def test_a_wal_beside_an_empty_file_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.db", 20)
    crash(project, ADD)
    project.write_bytes(b"")
    with pytest.raises(ProjectError, match="is not that file's own"):
        Store(project)
    assert project.read_bytes() == b""


def test_only_the_committed_frames_are_read(tmp_path: Path) -> None:
    """A -wal whose last frame was cut short (the machine stopped writing it) is read as
    SQLite reads it: up to its last whole transaction."""
    project = make_project(tmp_path / "p.db", 20)
    crash(project, f"{ADD}\n{EDIT}")
    wal = Path(f"{project}-wal")
    read = committed(wal)
    assert read is not None
    _, frames = read
    whole = wal.read_bytes()
    wal.write_bytes(whole[:-100])
    cut = committed(wal)
    assert cut is not None and len(cut[1]) < len(frames) and cut[1][-1][1]
    assert not foreign(project)


def test_a_project_file_with_two_names_is_refused_for_writing(tmp_path: Path) -> None:
    """One file under two names (a hard link), opened by two programs, one by each name:
    each kept its own -wal beside the name it used, and the file was damaged while both
    said all was saved."""
    project = make_project(tmp_path / "p.db", 20)
    os.link(project, tmp_path / "link.db")
    before = project.read_bytes()
    for name in (project, tmp_path / "link.db"):
        with pytest.raises(ProjectError) as err:
            Store(name)
        assert str(err.value).startswith(f"{name} is one file with 2 names (hard links)")
    assert project.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.db", "p.db"]
    with Store(project, read_only=True) as store:
        assert store.db.execute("SELECT count(*) FROM postings").fetchone()[0] == 20
    (tmp_path / "link.db").unlink()
    with Store(project) as store:
        store.decisions.set_field(1, "title", "Mine")


def test_a_copy_put_over_the_open_project_in_place_is_never_folded_into(
        tmp_path: Path) -> None:
    """A backup copied over the project while it was open (``cp``, the same file written
    over) went unnoticed: the next edits were saved "fine", and closing folded the -wal
    of the project as it was into the copy, damaging it."""
    backup = make_project(tmp_path / "backup.db", 30)
    project = make_project(tmp_path / "p.db", 50)
    store = Store(project)
    store.decisions.set_field(1, "title", "Before")
    assert Path(f"{project}-wal").stat().st_size > 0
    shutil.copyfile(backup, project)  # (in place: the same file, its bytes written over)
    assert store.overwritten() and store.moved()  # (the same file: not replaced)
    assert not store.replaced()
    with pytest.raises(DatabaseError) as err:
        store.decisions.set_field(2, "title", "After")
    assert "was written over by another program while it was open" in str(err.value)
    store.close()
    assert project.read_bytes() == backup.read_bytes()
    with pytest.raises(ProjectError, match="is not that file's own"):
        Store(project)


def test_a_wal_read_before_is_read_again_only_where_it_grew(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Was: every opening of the project (each of the window's background reads) read
    the whole -wal again, frame by frame: a -wal of 620 MB, grown while a long export
    kept it from being folded in, took 25 s an opening. A -wal already read is read
    again from where it was read to, as long as it is the same -wal (its salts)."""
    from reviewer.core.store import wal as wal_module

    project = make_project(tmp_path / "p.db", 20)
    with Store(project) as store:
        store.db.execute("PRAGMA wal_autocheckpoint = 0")
        with closing(sqlite3.connect(project)) as reader:
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM postings").fetchone()  # (no fold meanwhile)
            for n in range(30):
                store.decisions.set_field(1 + n % 20, "title", f"Title {n}")
            sums: list[int] = []
            real = wal_module._checksum
            monkeypatch.setattr(wal_module, "_checksum",
                                lambda *a: sums.append(1) or real(*a))
            getattr(wal_module, "_READINGS", {}).clear()  # (read afresh)
            monkeypatch.setattr(wal_module, "_MANY", 10 ** 9, raising=False)  # (frame by frame)
            assert not foreign(project)
            whole = len(sums)  # (30 edits' frames)
            sums.clear()
            assert not foreign(project)
            assert len(sums) <= 1  # (nothing added: its header's sum alone)
            sums.clear()
            store.decisions.set_field(2, "title", "One more")
            assert not foreign(project)
            assert 1 < len(sums) < whole / 10  # (one edit's frames, not 31 edits')


@pytest.mark.parametrize(("size", "order"), [(4096, "<"), (4096, ">"), (512, "<"),
                                             (65536, ">")])
def test_frames_summed_together_sum_as_one_by_one(size: int, order: str) -> None:
    """Many frames' checksums are worked out together (``wal_sums``): each the one the
    frame-by-frame sum gives, for every page size and byte order."""
    from reviewer.core.store.wal import _checksum
    from reviewer.core.store.wal_sums import carried, frame_sums

    frames = 12
    data = os.urandom(frames * (24 + size))
    one_by_one, together = [], []
    sums = (7, 11)
    for n in range(frames):
        frame = data[n * (24 + size):(n + 1) * (24 + size)]
        sums = _checksum(frame[24:], _checksum(frame[:8], sums, order), order)
        one_by_one.append(sums)
    own, carry = frame_sums(data, frames, size, order)
    sums = (7, 11)
    for part in own:
        sums = carried(sums, part, carry)
        together.append(sums)
    assert together == one_by_one


def test_a_long_wal_read_frames_together_reads_as_frame_by_frame(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A -wal of many frames (a crashed import's) is read the same whichever way its
    frames are summed, and is the project's own."""
    from reviewer.core.store import wal as wal_module

    project = make_project(tmp_path / "p.db", 20)
    crash(project, "for n in range(40):\n    store.decisions.set_field(1 + n % 20, 'title', "
                   "f'Title {n}')")
    wal = Path(f"{project}-wal")
    wal_module._READINGS.clear()
    monkeypatch.setattr(wal_module, "_MANY", 10 ** 9)
    slow = committed(wal)
    wal_module._READINGS.clear()
    monkeypatch.setattr(wal_module, "_MANY", 2)
    fast = committed(wal)
    assert slow is not None and fast == slow and len(fast[1]) > 100
    assert not foreign(project)


def test_the_checks_of_an_open_project_keep_its_locks(tmp_path: Path) -> None:
    """Was: the checks before each edit read the project file's header with open() and
    close(), which drops every lock this process holds on the file (POSIX): another
    program closing the project then took itself for its last user, folded the -wal
    in and deleted it under the open window, whose edits were then lost."""
    project = make_project(tmp_path / "p.db", 5)
    window = Store(project)
    try:
        window.db.execute("PRAGMA wal_autocheckpoint = 0")
        with window.atomic():
            window.meta.set_guidelines("first")  # (its checks read the file's header)
        assert foreign(project) is False  # (and so does this, page 1 and all)
        script = ("import sys\nfrom reviewer.core.store import Store\n"
                  "Store(sys.argv[1]).close()\n")
        subprocess.run([sys.executable, "-c", script, str(project)], check=True,
                       env={**os.environ, "PYTHONPATH": str(Path(HERE).parents[2])})
        assert Path(f"{project}-wal").exists()  # (not folded and deleted under it)
        with window.atomic():
            window.meta.set_guidelines("second")
        with Store(project, read_only=True) as reader:
            assert reader.meta.guidelines() == "second"
    finally:
        window.close()


def test_frames_of_a_transaction_rolled_back_are_read_again(tmp_path: Path) -> None:
    """Was: the frames a rolled-back transaction had spilled into the -wal (or one of a
    process killed mid-way) were kept as read; the next commits, written over them, were
    never read, and after a fold the project's own -wal was called another file's (the
    window refused its own project). A -wal is read on from its last commit."""
    from reviewer.core.store import wal as wal_module

    project = tmp_path / "p.db"
    with closing(sqlite3.connect(project, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("PRAGMA cache_size=10")  # (a big transaction spills into the -wal)
        conn.execute("CREATE TABLE t(v)")
        conn.execute("INSERT INTO t VALUES ('a')")
        assert not foreign(project)
        conn.execute("BEGIN")
        for _ in range(300):
            conn.execute("INSERT INTO t VALUES (?)", (os.urandom(500).hex(),))
        conn.execute("ROLLBACK")
        assert not foreign(project)  # (the spilled frames read)
        for _ in range(5):
            conn.execute("INSERT INTO t VALUES (?)", (os.urandom(500).hex(),))
        assert not foreign(project)
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        assert not foreign(project)
        wal_module._READINGS.clear()
        assert not foreign(project)


def test_the_wal_of_a_vacuum_cut_short_is_the_file_s_own(tmp_path: Path) -> None:
    """Was: a project compacted (VACUUM, as other tools offer) by a program that stopped
    before folding its -wal in was refused: "the file never shrinks" held for every
    transaction but that one."""
    project = make_project(tmp_path / "p.db", 60)
    with closing(sqlite3.connect(project)) as conn:
        conn.execute("DELETE FROM postings_fts")
        conn.commit()
    script = ("import os, sqlite3, sys\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "c.execute('PRAGMA wal_autocheckpoint=0')\nc.execute('VACUUM')\nos._exit(0)\n")
    subprocess.run([sys.executable, "-c", script, str(project)], check=True)
    assert Path(f"{project}-wal").stat().st_size > 0
    assert not foreign(project)
    assert count(project) == 60
