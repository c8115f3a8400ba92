"""Hostile inputs cost one skipped file each, with a reason: never the run.

The files come from ``hostile.write_hostile_files``; good postings lie among them and
must all be stored (import) or printed (extract)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from hostile import TITLES, write_hostile_files

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "reviewer.cli", *args], cwd=ROOT,
                          capture_output=True, timeout=timeout)


def _stored_texts(db: Path) -> str:
    with closing(sqlite3.connect(db)) as conn:
        return "\n".join(row[0] for row in conn.execute("SELECT cleaned FROM postings"))


def test_import_of_hostile_files_skips_each_with_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    bad, good = write_hostile_files(folder)
    assert len(bad) > 150
    db = tmp_path / "project.db"
    started = time.monotonic()
    proc = _run("import", str(db), str(folder))
    seconds = time.monotonic() - started
    err = proc.stderr.decode("utf-8")  # valid UTF-8, whatever the file names were
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    skipped = [line for line in err.splitlines() if line.startswith("skipped ")]
    assert skipped and all(line.split(": ", 1)[1].strip() for line in skipped)
    texts = _stored_texts(db)
    names = [f"{TITLES[n % len(TITLES)]} {n}" for n in (*range(40), 900, 902, 903)]
    assert len(names) == good
    assert [name for name in names if name not in texts] == []
    assert seconds < 120  # nothing hangs: the deep and wide pages are refused at once
    reasons = "\n".join(skipped)
    for expected in ("nests elements over", "attributes (over", "zip file version 24.7",
                     "holds no file that import reads", "unknown status 'bogus'",
                     "outside the text", "field title: not text", "not a list of text"):
        assert expected in reasons, expected


def test_import_again_adds_nothing_and_exits_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_hostile_files(folder)
    db = tmp_path / "project.db"
    assert _run("import", str(db), str(folder)).returncode == 0
    again = _run("import", str(db), str(folder))
    assert again.returncode == 0 and b"Traceback" not in again.stderr
    assert b" 0 postings added" in b" " + again.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_extract_prints_one_record_a_file_for_hostile_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_hostile_files(folder)
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    files = [*sorted(folder.iterdir()), fifo, Path("/dev/zero")]
    files = [f for f in files if f.suffix in (".html", ".htm", ".txt", ".md", "")]
    proc = _run("extract", "--format", "jsonl", *map(str, files), timeout=300)
    out = proc.stdout.decode("utf-8")  # valid UTF-8 even for names that are not
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")[-2000:]
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == len(files)
    by_source = {r["source"]: r for r in records}
    assert "not a regular file" in by_source[str(fifo)]["error"]
    assert "not a regular file" in by_source["/dev/zero"]["error"]
    assert "nests elements over" in by_source[str(folder / "nested.html")]["error"]
    assert "attributes" in by_source[str(folder / "attributes.html")]["error"]
    assert by_source[str(folder / "undefined-charset.html")]["cleaned"].strip()
    assert proc.returncode == 1  # some files could not be read, and it says so


def test_names_read_from_files_are_printed_with_their_controls_escaped(tmp_path: Path) -> None:
    """A file name holding a terminal's escape sequence or a carriage return is shown,
    never obeyed (it could clear the screen or hide which files were skipped)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b]0;PWNED\x07\x1b[2J\r.json").write_text("{not json")
    (folder / "rows.csv").write_text("text,bad\x1b[31mcolumn\nEngineer in Leeds,x\n")
    db = tmp_path / "project.db"
    for args in (("import", str(db), str(folder)), ("columns", str(folder / "rows.csv"))):
        proc = _run(*args)
        out = proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")
        assert "\x1b" not in out and "\r" not in out and "\x07" not in out, out
    assert "evil\\x1b]0;PWNED\\x07\\x1b[2J\\r.json" in _run(
        "import", str(db), str(folder)).stderr.decode("utf-8")


@pytest.mark.parametrize("options", ['["yes", {"name": "no"}]', '[{"name": 5}]', '{"a": 1}'])
def test_a_label_schema_edited_into_another_shape_is_said_in_a_line(
        tmp_path: Path, options: str) -> None:
    """Options that are JSON but not the schema's ("yes" where {"name": "yes"} is): a
    TypeError's traceback from `labels` and the exports that list the options."""
    db = tmp_path / "p.db"
    page = tmp_path / "page.txt"
    page.write_text("Data Engineer\n\nAcme Ltd is hiring in Leeds. Python and SQL.\n")
    assert _run("import", str(db), str(page)).returncode == 0
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE label_schema SET options = ? WHERE question = 'relevant'",
                     (options,))
    for args in (("labels", str(db)), ("export", str(db), "--all", "-f", "prodigy", "-o",
                                       str(tmp_path / "o.jsonl"))):
        proc = _run(*args)
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 2 and "Traceback" not in err, err
        assert "cannot be read" in err and "edited" in err


def test_a_project_value_edited_into_something_unreadable_is_said_in_a_line(
        tmp_path: Path) -> None:
    """A table edited by hand (sqlite3, sqlite-utils) so that a value is no longer JSON,
    or text became bytes: the commands that read it say so, not a traceback."""
    db = tmp_path / "p.db"
    page = tmp_path / "page.txt"
    page.write_text("Data Engineer\n\nAcme Ltd is hiring in Leeds. Python and SQL.\n")
    assert _run("import", str(db), str(page)).returncode == 0
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE label_schema SET options = 'not json'")
        conn.execute("UPDATE postings SET cleaned = x'fffe00'")
        conn.execute("UPDATE suggestions SET value = '{broken'")
    for args in (("train", str(db)), ("export", str(db), "-o", str(tmp_path / "o.jsonl"),
                                      "--all"), ("export", str(db), "-o",
                                                 str(tmp_path / "o.csv"), "--all", "-f", "csv",
                                                 "--split", "a=0.5,b=0.5")):
        proc = _run(*args)
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 2 and "Traceback" not in err, err
        if args[0] == "train":  # (too few reviewed postings: said before any is read)
            assert "needs at least 10 reviewed postings" in err
            continue
        assert "cannot be read" in err and "edited" in err
