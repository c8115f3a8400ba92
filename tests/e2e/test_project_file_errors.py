"""The command line on a project file in a bad way: damaged, read-only, on a full disk.

Each command says what is wrong and what to do in one line, exits 2, and writes
nothing into a damaged file; never a traceback."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.store import db as store_db
from reviewer.core.store import health

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "reviewer" / "resources" / "samples"
sys.path.insert(0, str(ROOT / "tests" / "core" / "store"))
from project_files import (  # noqa: E402
    damage,
    integrity_ok,
    make_project,
    read_only_copy,
    small_disk,
)

COMMANDS = {
    "import": ["import", "{db}", str(SAMPLES)],
    "stats": ["stats", "{db}"],
    "export jsonl": ["export", "{db}", "--all", "-o", "{out}/out.jsonl", "--jobs", "2"],
    "export csv": ["export", "{db}", "--all", "-f", "csv", "-o", "{out}/out.csv"],
    "reextract": ["reextract", "{db}"],
    "labels": ["labels", "{db}"],
    "eval": ["eval", "{db}"],
}


def _args(command: str, db: Path, out: Path) -> list[str]:
    return [a.format(db=db, out=out) for a in COMMANDS[command]]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
    assert damage(project)
    return project


# --- damaged -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_refuses_a_damaged_project_untouched(
        command: str, damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(damaged)
    assert main(_args(command, damaged, tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"reviewer: {damaged} is damaged (")
    assert "Nothing was written to it" in err and ".recover" in err
    assert err.count("\n") == 1
    assert _digest(damaged) == before
    assert not list(tmp_path.glob("out.*"))


def test_import_into_a_damaged_project_prints_no_traceback(damaged: Path) -> None:
    before = _digest(damaged)
    done = subprocess.run([sys.executable, "-m", "reviewer.cli", "import", str(damaged),
                           str(SAMPLES)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "is damaged" in done.stderr
    assert _digest(damaged) == before


@pytest.mark.parametrize("command", ["export jsonl", "export csv", "reextract"])
def test_damage_met_during_a_command_is_said_in_a_line(
        command: str, damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A file too big to check in time opens unchecked; a read that meets the damage
    ends the command with the same message, not a traceback."""
    monkeypatch.setattr(health, "first_problem", lambda conn, seconds=0: None)
    assert main(_args(command, damaged, tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"reviewer: {damaged} is damaged (") and ".recover" in err


# --- read-only ---------------------------------------------------------------------------


def _read_only_commands(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("import", "reextract"):
        assert main(_args(command, db, tmp_path)) == 2, command
        err = capsys.readouterr().err
        assert err.startswith(f"reviewer: {db} is read-only: "), err
    schema = tmp_path / "schema.json"
    assert main(["labels", str(db), "--export", str(schema)]) == 0
    assert main(["labels", str(db), "--import", str(schema)]) == 2
    assert "is read-only: " in capsys.readouterr().err
    for command in ("stats", "export jsonl", "export csv"):  # reading is fine
        assert main(_args(command, db, tmp_path)) == 0, command
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 300


def test_commands_that_write_say_the_project_is_read_only(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The file's permissions as the store sees them (any user, root too)."""
    monkeypatch.setattr(store_db, "_writable", lambda path: False)
    before = _digest(project)
    _read_only_commands(project, tmp_path, capsys)
    assert _digest(project) == before


def test_a_project_on_a_read_only_file_system(project: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with read_only_copy(project, tmp_path / "ro") as copy:
        out = tmp_path / "out"
        out.mkdir()
        _read_only_commands(copy, out, capsys)


@pytest.mark.parametrize("command", ["export jsonl", "export csv"])
def test_an_export_into_a_read_only_folder_says_so(
        command: str, project: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    with read_only_copy(project, tmp_path / "ro") as copy:
        assert main(_args(command, project, copy.parent)) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"reviewer: {copy.parent} is read-only: "), err


# --- full disk ---------------------------------------------------------------------------


def _inputs(folder: Path, n: int) -> Path:
    folder.mkdir()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import postings

    with (folder / "pages.jsonl").open("w", encoding="utf-8") as handle:
        for page in postings(n):
            handle.write(json.dumps(page) + "\n")
    return folder / "pages.jsonl"


def test_a_disk_filling_during_an_import_leaves_a_sound_project(tmp_path: Path) -> None:
    """On a small file system (a tmpfs): the import stops saying the disk is full, the
    project is sound and holds whole batches, and with room the same import finishes."""
    pages = _inputs(tmp_path / "in", 1500)
    with small_disk(tmp_path / "disk", "4m") as disk:
        db = disk / "p.db"
        cli = [sys.executable, "-m", "reviewer.cli", "import", str(db), str(pages)]
        done = subprocess.run(cli, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert done.stderr == (f"reviewer: the disk is full ({db}): free some space and run the "
                               "import again; what was imported before is kept.\n")
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        assert integrity_ok(db)
        conn = sqlite3.connect(db)
        kept = conn.execute("SELECT count(*) FROM postings").fetchone()[0]
        conn.close()
        assert 0 < kept < 1500 and kept % 250 == 0  # whole batches only
        done = subprocess.run(cli, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        assert f"{1500 - kept:,} postings added, {kept:,} already" in done.stdout
        assert integrity_ok(db)


@pytest.mark.parametrize("command", ["export jsonl", "export csv"])
def test_an_export_onto_a_full_disk_says_so(command: str, project: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    with small_disk(tmp_path / "disk", "256k") as disk:
        assert main(_args(command, project, disk)) == 2
        err = capsys.readouterr().err
        assert err.startswith("reviewer: the disk is full (") and "run the export again" in err


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_an_export_that_fills_the_disk_leaves_the_older_file_as_it_was(
        fmt: str, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A disk without room for the new export: it fails with a message, and the older
    export is as it was (an export that wrote its file in place would have lost it)."""
    whole = tmp_path / f"whole.{fmt}"
    args = ["export", str(project), "--all", "--format", fmt]
    assert main([*args, "-o", str(whole)]) == 0
    room = whole.stat().st_size // 2 // 1024 + 8
    capsys.readouterr()
    with small_disk(tmp_path / "disk", f"{room}k") as disk:
        out = disk / f"out.{fmt}"
        out.write_text("the export of last week\n", encoding="utf-8")
        assert main([*args, "-o", str(out)]) == 2
        assert "the disk is full" in capsys.readouterr().err
        assert out.read_text(encoding="utf-8") == "the export of last week\n"
        assert sorted(p.name for p in disk.iterdir()) == [out.name]  # nothing half-written


# --- held by another program -------------------------------------------------------------


@pytest.mark.parametrize(("command", "again"), [
    ("import", "run the import again; what was imported before is kept"),
    ("reextract", "run `reviewer reextract` again to finish; the postings already updated "
                  "are kept"),
    ("train", "run `reviewer train` again; no model was saved"),
    ("merge", "run `reviewer merge` again; the postings already merged are kept"),
    ("labels", "run `reviewer labels` again; nothing was changed"),
    ("guidelines", "run `reviewer guidelines` again; nothing was changed")])
def test_a_command_held_up_by_another_program_says_what_it_kept(
        command: str, again: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program writing the project past the wait: every command said "run the
    train again; what was imported before is kept", whatever it was and kept."""
    import reviewer.core.ingest
    from reviewer.core.store import Store

    sys.path.insert(0, str(ROOT / "tests" / "core" / "team"))
    from team_projects import shared_files

    ana = shared_files(tmp_path, ["ana"])["ana"]
    db = tmp_path / "project.db"
    (tmp_path / "g.md").write_text("# Guidelines\n\nThe title is the role.\n")
    assert main(["labels", str(db), "--export", str(tmp_path / "schema.json")]) == 0
    args = {"import": ["import", db, tmp_path / "g.md"], "reextract": ["reextract", db],
            "train": ["train", db], "merge": ["merge", db, ana],
            "labels": ["labels", db, "--import", tmp_path / "schema.json"],
            "guidelines": ["guidelines", db, "--import", tmp_path / "g.md"]}[command]
    # (too few reviewed postings to learn from: the model is saved at once)
    monkeypatch.setattr(reviewer.core.ingest, "train_project",
                        lambda store, **_: store.models.save("fields", b"m", [1], {}))
    monkeypatch.setitem(Store.__init__.__kwdefaults__, "busy_timeout", 0.2)
    capsys.readouterr()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert main([str(a) for a in args]) == 2
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert err == (f"reviewer: {db} is in use by another program, which is writing to it: "
                   f"wait for it to finish (or close it) and {again}.\n")
