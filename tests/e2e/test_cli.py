"""The ``reviewer extract`` command: the headless contract of DESIGN.md, end to end."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.core.export import ExportSummary, export_whole, is_project_file
from reviewer.core.ingest import importer, read_file
from reviewer.core.pipeline import process, record
from reviewer.core.schema import FIELD_NAMES

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "reviewer" / "resources" / "samples").iterdir())
RECORD_KEYS = {"source", "cleaned", "fields", "evidence", "confidence"}


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["extract", *(str(a) for a in args)])
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def check_record(rec: dict[str, Any]) -> None:
    assert set(rec) == RECORD_KEYS, set(rec)
    assert tuple(rec["fields"]) == FIELD_NAMES
    assert len(rec["fields"]) == 19
    cleaned = rec["cleaned"]
    for field, spans in rec["evidence"].items():
        assert field in FIELD_NAMES
        assert rec["fields"][field] is not None, field
        for start, end in spans:
            assert 0 <= start <= end <= len(cleaned), (field, start, end, len(cleaned))
    for field, confidence in rec["confidence"].items():
        assert rec["fields"][field] is not None, field
        assert 0 <= confidence <= 1


@pytest.fixture
def postings(tmp_path: Path) -> list[Path]:
    """Copies of the bundled samples in a folder of the test's own."""
    out = []
    for sample in SAMPLES:
        target = tmp_path / sample.name
        shutil.copyfile(sample, target)
        out.append(target)
    return out


def test_the_samples_are_there() -> None:
    assert len(SAMPLES) >= 6
    assert {p.suffix for p in SAMPLES} >= {".html", ".txt"}


# --- formats --------------------------------------------------------------------------------------


def test_jsonl_prints_one_record_per_file_in_order(
    capsys: pytest.CaptureFixture[str], postings: list[Path]
) -> None:
    first, second = postings[3], postings[0]  # a text dump, then an HTML page
    code, out, err = run(capsys, "--format", "jsonl", first, second)
    assert code == 0, err
    records = jsonl(out)
    assert [r["source"] for r in records] == [str(first), str(second)]
    for rec in records:
        check_record(rec)
        assert rec["cleaned"].strip()
        assert rec["fields"]["title"]


def test_jsonl_is_the_default_format(capsys: pytest.CaptureFixture[str],
                                     postings: list[Path]) -> None:
    _, default, _ = run(capsys, postings[0])
    _, explicit, _ = run(capsys, "--format", "jsonl", postings[0])
    assert default == explicit
    assert len(default.splitlines()) == 1


def test_json_prints_one_array(capsys: pytest.CaptureFixture[str], postings: list[Path]) -> None:
    code, out, _ = run(capsys, "--format", "json", postings[0], postings[2])
    assert code == 0
    records = json.loads(out)
    assert isinstance(records, list)
    assert [r["source"] for r in records] == [str(postings[0]), str(postings[2])]
    for rec in records:
        check_record(rec)
    _, lines, _ = run(capsys, "--format", "jsonl", postings[0], postings[2])
    assert records == jsonl(lines)


def test_md_prints_a_readable_report(capsys: pytest.CaptureFixture[str],
                                     postings: list[Path]) -> None:
    _, lines, _ = run(capsys, postings[0])
    rec = jsonl(lines)[0]
    code, out, _ = run(capsys, "--format", "md", postings[0])
    assert code == 0
    assert out.startswith(f"# {str(postings[0]).replace('_', chr(92) + '_')}\n")
    assert "| field | value | confidence |" in out
    assert f"| Title | {rec['fields']['title']} |" in out
    assert "## Cleaned posting" in out
    assert rec["cleaned"].strip().splitlines()[-1] in out
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


def test_md_shows_a_posting_s_markup_as_text(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    """A text page's image, HTML and links went into the Markdown report as they were:
    a Markdown viewer showing it fetched the images' addresses and made the link live.
    The report's values and the cleaned posting are text in it: the values escaped, the
    posting in a code block."""
    page = tmp_path / "Acme ![logo](http:&#47;&#47;127.0.0.1:9&#47;t.png) <img src=x>.txt"
    page.write_text("Job Title: Engineer ![x](http://127.0.0.1:9/md.png)\nLocation: <img "
                    'src="http://127.0.0.1:9/loc.png"> Berlin\nCompany: [ACME]'
                    "(javascript:alert(1))\n\nWe build rockets. ``` a fence ````\n",
                    encoding="utf-8")
    code, out, _ = run(capsys, "--format", "md", page)
    assert code == 0
    table, _, body = out.partition("## Cleaned posting")
    assert "<img" not in table and "![" not in table and "](" not in table
    assert "/Acme \\!\\[logo\\]\\(http:&amp;\\#47;" in table.splitlines()[0]  # (its name)
    assert '\\["&lt;img src=\\\\"http://127.0.0.1:9/loc.png\\\\"&gt; Berlin"\\]' in table
    fence = "`````"  # (longer than any run of backticks in the posting)
    assert body.startswith(f"\n\n{fence}text\n") and f"\n{fence}\n" in body
    inside = body.split(f"{fence}text\n", 1)[1].split(f"\n{fence}\n", 1)[0]
    assert "![x](http://127.0.0.1:9/md.png)" in inside and "We build rockets." in inside


# --- bad files ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_bad_files_give_error_records_and_the_rest_goes_on(
    capsys: pytest.CaptureFixture[str], postings: list[Path], tmp_path: Path, fmt: str
) -> None:
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "--format", fmt, missing, postings[0], empty, postings[2])
    assert code == 1
    records = json.loads(out) if fmt == "json" else jsonl(out)
    assert [r["source"] for r in records] == [str(missing), str(postings[0]), str(empty),
                                              str(postings[2])]
    assert set(records[0]) == {"source", "error"}
    assert "no such file" in records[0]["error"].lower()
    assert set(records[2]) == {"source", "error"}
    assert "empty" in records[2]["error"]
    for rec in (records[1], records[3]):
        check_record(rec)
    assert "2 of 4" in err
    assert "Traceback" not in err


def test_bad_files_in_the_md_report(capsys: pytest.CaptureFixture[str], postings: list[Path],
                                    tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = run(capsys, "--format", "md", empty, postings[0])
    assert code == 1
    assert "**Error:** the file is empty" in out
    assert "## Cleaned posting" in out


def test_a_folder_is_an_error_record(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path)
    assert code == 1
    assert "folder" in jsonl(out)[0]["error"]


# --- parallel runs --------------------------------------------------------------------------------


def test_jobs_2_gives_the_same_records_in_the_same_order(
    capsys: pytest.CaptureFixture[str], postings: list[Path], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files = [*postings[:5], empty]  # six files, one of them bad
    _, serial, _ = run(capsys, "--jobs", "1", *files)
    code, parallel, _ = run(capsys, "--jobs", "2", *files)
    assert code == 1
    assert len(jsonl(serial)) == 6
    assert jsonl(parallel) == jsonl(serial)


# --- the samples ----------------------------------------------------------------------------------


def test_every_sample_extracts_without_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *SAMPLES)
    assert code == 0, err
    records = jsonl(out)
    assert [r["source"] for r in records] == [str(p) for p in SAMPLES]
    for rec in records:
        assert "error" not in rec, rec
        check_record(rec)
        assert rec["fields"]["title"], rec["source"]
        assert rec["cleaned"].count("\n") > 5, rec["source"]


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_the_cli_record_is_the_library_record(capsys: pytest.CaptureFixture[str],
                                              sample: Path) -> None:
    _, out, _ = run(capsys, sample)
    expected = record(str(sample), process(read_file(sample), name=str(sample)))
    assert jsonl(out) == [json.loads(json.dumps(expected))]


def test_a_txt_file_that_starts_like_html_is_cleaned_as_html(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "<!DOCTYPE html><html><body><nav>Home Jobs About</nav><main><h1>Data Analyst</h1>"
        "<p>We are looking for a data analyst to join our team in Leeds, and you will build "
        "the reports our managers read every Monday morning.</p></main></body></html>",
        encoding="utf-8")
    _, out, _ = run(capsys, page)
    cleaned = jsonl(out)[0]["cleaned"]
    assert cleaned.startswith("# Data Analyst")
    assert "<" not in cleaned
    assert "Home Jobs About" not in cleaned


# --- the command as a process ---------------------------------------------------------------------


def test_the_command_runs_as_a_process(postings: list[Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = subprocess.run(
        [sys.executable, "-m", "reviewer.cli", "extract", str(postings[1]), str(empty)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=tmp_path,
    )
    assert proc.returncode == 1
    records = jsonl(proc.stdout)
    assert [r["source"] for r in records] == [str(postings[1]), str(empty)]
    check_record(records[0])
    assert records[1]["error"] == "the file is empty"
    assert "could not be read" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "extract" in capsys.readouterr().out


def test_extract_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["extract"])
    assert exit_.value.code == 2
    assert "FILE" in capsys.readouterr().err


def test_the_command_line_starts_without_the_pipeline() -> None:
    """Commands that extract nothing (stats, export, agreement …) do not pay for importing
    the cleaning and extraction stages; ``extract`` imports them when it runs."""
    code = ("import sys; import reviewer.cli; "
            "print(sorted(m for m in ('reviewer.core.pipeline', 'reviewer.core.extract', "
            "'reviewer.core.clean') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_extract_starts_without_the_data_file_readers(tmp_path: Path) -> None:
    """``reviewer extract`` of a page file reads it with ``read_file`` alone: the readers
    of data files, the column mapping and the encoding guesser (needed for a file that
    is not UTF-8) are not loaded at start."""
    page = tmp_path / "p.txt"
    page.write_text("Python developer\nBerlin\n", encoding="utf-8")
    code = ("import sys; from reviewer.cli import main; main(['extract', sys.argv[1]]); "
            "print(sorted(m for m in ('reviewer.core.ingest.columns', "
            "'reviewer.core.ingest.datafiles', 'reviewer.core.ingest.inputs', "
            "'charset_normalizer') if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True,
                          text=True, check=True)
    assert '"title":"Python developer"' in done.stdout
    assert done.stderr.strip() == "[]"


def test_reextract_with_worker_processes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "POOL_FROM", 2)  # eight pages to the workers too
    db = tmp_path / "p.db"
    assert main(["import", str(db), *map(str, SAMPLES)]) == 0
    capsys.readouterr()
    assert main(["reextract", str(db), "--jobs", "2"]) == 0
    out = capsys.readouterr().out
    assert f"0 postings updated, {len(SAMPLES)} unchanged of {len(SAMPLES)}" in out
    assert "2 worker processes" in out


@pytest.mark.parametrize("fmt", ["jsonl", "prodigy"])  # by workers, and by this process
def test_an_export_into_a_new_folder_makes_it(tmp_path: Path, fmt: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    assert main(["import", str(db), *map(str, SAMPLES)]) == 0
    out = tmp_path / "new" / "folder" / "all.jsonl"
    assert main(["export", str(db), "--all", "--format", fmt, "-o", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(SAMPLES)
    assert [p.name for p in out.parent.iterdir()] == ["all.jsonl"]
    capsys.readouterr()
    (tmp_path / "all.jsonl").write_text("a file where a folder would go")
    blocked = tmp_path / "all.jsonl" / "again.jsonl"
    assert main(["export", str(db), "--all", "--format", fmt, "-o", str(blocked)]) == 2
    err = capsys.readouterr().err
    assert err == f"reviewer: {tmp_path / 'all.jsonl'}: not a folder.\n"


def test_an_export_that_fails_leaves_no_folder_it_made(tmp_path: Path) -> None:
    def failing(part: Path) -> Any:
        part.write_text("half")
        raise OSError(28, "No space left on device", str(part))

    (tmp_path / "kept").mkdir()
    for out in (tmp_path / "new" / "deeper" / "all.jsonl", tmp_path / "kept" / "all.jsonl"):
        with pytest.raises(OSError, match="No space"):
            export_whole(out, failing)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept"]
    assert list((tmp_path / "kept").iterdir()) == []


def test_a_second_export_to_the_same_file_while_one_writes_it_is_refused(
        tmp_path: Path) -> None:
    """Both wrote the same part file: the second's records, then the first's rest over
    them, put in place as the export's output (the second said it was done; the first
    failed, its part gone)."""
    started, go_on = threading.Event(), threading.Event()
    out = tmp_path / "all.jsonl"

    def slow(part: Path) -> Any:
        part.write_text("first's records\n")
        started.set()
        go_on.wait(10)
        return ExportSummary("jsonl", {"all": 1}, [part])

    def quick(part: Path) -> Any:
        part.write_text("second's records\n")
        return ExportSummary("jsonl", {"all": 1}, [part])

    first = threading.Thread(target=export_whole, args=(out, slow))
    first.start()
    try:
        assert started.wait(10)
        with pytest.raises(ValueError, match="another export is writing"):
            export_whole(out, quick)
    finally:
        go_on.set()
        first.join(10)
    assert out.read_text() == "first's records\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.jsonl"]  # nothing left beside
    export_whole(out, quick)  # once it is done, the next goes ahead
    assert out.read_text() == "second's records\n"


@pytest.mark.parametrize("fmt", ["jsonl", "prodigy", "csv"])
def test_an_export_never_replaces_a_project_file(tmp_path: Path, fmt: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    assert main(["import", str(db), *map(str, SAMPLES)]) == 0
    other = tmp_path / "other.db"
    shutil.copyfile(db, other)
    before = db.read_bytes()
    capsys.readouterr()
    for out in (db, other, Path(f"{db}-wal")):
        assert main(["export", str(db), "--all", "--format", fmt, "-o", str(out)]) == 2
        assert "is a project file" in capsys.readouterr().err
    assert db.read_bytes() == before and other.read_bytes() == before
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM postings").fetchone()[0] == len(SAMPLES)


def test_a_project_is_known_by_its_content_and_a_pipe_is_not_read(tmp_path: Path) -> None:
    db = tmp_path / "team-journal"  # a project whose own name ends like SQLite's files
    assert main(["import", str(db), str(SAMPLES[0])]) == 0
    assert is_project_file(db) and is_project_file(Path(f"{db}-wal"))
    (tmp_path / "old.jsonl").write_text("{}\n")
    assert not is_project_file(tmp_path / "old.jsonl")  # an older export: replaced
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    answer: list[bool] = []
    reader = threading.Thread(target=lambda: answer.append(is_project_file(fifo)), daemon=True)
    reader.start()
    reader.join(5)
    assert answer == [False]


def test_an_export_through_dot_dot_makes_no_folder_and_a_failed_one_leaves_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def written(part: Path) -> Any:
        part.write_text("x")
        return ExportSummary("jsonl", {"all": 1}, [part])

    monkeypatch.chdir(tmp_path)
    summary = export_whole(Path("newdir/../all.jsonl"), written)
    assert summary.files == [tmp_path.resolve() / "all.jsonl"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.jsonl"]
    with pytest.raises(OSError, match="too long"):
        export_whole(Path("made") / ("x" * 300) / "all.jsonl", written)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.jsonl"]


def test_more_jobs_than_the_cores_can_use_are_capped_saying_so(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    """--jobs 64 on 2 cores started 64 workers (3.3 GB) for no gain."""
    from reviewer.cli import extract

    monkeypatch.setattr(extract, "one_per_core", lambda: 2)
    assert extract.worker_count(64) == 4
    assert "--jobs 64 is more than 2 cores can use: 4 worker processes" in \
        capsys.readouterr().err
    assert (extract.worker_count(3), extract.worker_count(0)) == (3, 2)
    assert capsys.readouterr().err == ""
    from reviewer.cli import cluster  # the Dask workers of a local cluster too
    seen: dict[str, object] = {}
    monkeypatch.setattr("reviewer.core.cluster.extract_to_parquet",
                        lambda *a, **k: seen.update(k) or (_ for _ in ()).throw(SystemExit(0)))
    with pytest.raises(SystemExit):
        cluster.cmd_cluster_extract(argparse.Namespace(
            files=["x"], to_parquet=str(tmp_path / "out"), scheduler=None, partition_size=10,
            jobs=64, column=None, extractor=None, engine="dask"))
    assert seen["workers"] == 4


def test_a_page_of_whitespace_only_is_said_empty_as_import_says(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\t\n", encoding="utf-8")
    code, out, _err = run(capsys, "--format", "jsonl", blank)
    assert code == 1 and json.loads(out)["error"] == "the page is empty"


def test_names_with_a_terminal_s_escape_sequences_are_printed_escaped(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A file's name went to the terminal as it was: its escape sequences obeyed (a new
    window title, the screen cleared)."""
    name = "\x1b]0;PWNED\x07\x1b[2Jx"
    code = main(["columns", str(tmp_path / f"{name}.csv")])
    err = capsys.readouterr().err
    assert code != 0 and "\x1b" not in err and "\\x1b]0;PWNED\\x07" in err
    page = tmp_path / f"{name}.txt"
    page.write_text("Data Engineer\n\nAcme is hiring a Data Engineer in Leeds.\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "--format", "md", page)
    assert code == 0 and "\x1b" not in out and "\\\\x1b\\]0;PWNED" in out  # (Markdown's)


def test_an_empty_name_is_said_to_be_one(capsys: pytest.CaptureFixture[str]) -> None:
    """``reviewer extract ''`` said "this is a folder, not a file" (the one it ran in)."""
    code, out, _err = run(capsys, "--format", "jsonl", "")
    assert code == 1 and json.loads(out) == {"source": "", "error": "an empty name: no file"}


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_json_of_names_a_terminal_would_obey_holds_them_escaped(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> None:
    """A name holding an 8-bit escape (U+009B, a terminal's CSI) or a right-to-left
    override went to the terminal as it was in the JSON of ``reviewer extract`` (its
    Markdown report escaped them): written as JSON escapes, read back the same."""
    name = "a\u009b2Jb\u202ecod.exe\U000e0041"
    page = tmp_path / f"{name}.txt"
    page.write_text("Data Engineer\n\nAcme is hiring a Data Engineer in Leeds.\n",
                    encoding="utf-8")
    code, out, _err = run(capsys, "--format", fmt, page)
    assert code == 0 and all(c.isprintable() or c == "\n" for c in out)
    data = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    assert data[0]["source"] == str(page)


@pytest.mark.parametrize("command", [["extract", "x.txt"], ["import", "p.db", "x.txt"],
                                     ["reextract", "p.db"], ["export", "p.db", "-o", "x"]])
def test_a_number_of_workers_below_zero_is_refused(
        command: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``--jobs -1`` was taken as one worker a core, in silence."""
    monkeypatch.chdir(tmp_path)  # (the names are relative: nothing made beside the tests)
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--jobs", "-1"])
    assert exit_.value.code == 2
    assert "-1 worker processes: give 0 (one per core) or more" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_column_preview_writes_nothing_to_the_project_it_reads(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``columns --project`` promises to write nothing, but brought an older project to
    this version (a changed file, a backup beside it)."""
    old = tmp_path / "old.db"
    old.write_bytes((ROOT / "tests" / "data" / "projects" / "v4.db").read_bytes())
    before = old.read_bytes()
    (tmp_path / "c.csv").write_text('title,description\nDev,"We need a developer."\n',
                                    encoding="utf-8")
    assert main(["columns", str(tmp_path / "c.csv"), "--project", str(old)]) == 0
    out, err = capsys.readouterr()
    assert "title: title" in out and "made by an older version" in err
    assert old.read_bytes() == before and not list(tmp_path.glob("old.db.v*.bak"))


def test_demo_help_is_printed_not_the_window_opened(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`reviewer demo --help` opened the window, and `reviewer --help` never said how
    the window is opened."""
    import reviewer.gui.app
    from reviewer.app import main as entry

    def window(_argv: list[str]) -> int:
        raise AssertionError("the window was opened")

    monkeypatch.setattr(reviewer.gui.app, "run", window)
    assert entry(["demo", "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: reviewer demo\n")
    assert entry(["demo", "now"]) == 2
    assert "takes no arguments" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        entry(["--help"])
    said = capsys.readouterr().out
    assert "reviewer demo " in said and "reviewer FILE.db" in said


def test_an_export_leaves_the_part_and_lock_of_another_export_beside_it(
        tmp_path: Path) -> None:
    """Exporting "ds" removed ".ds.part2.jsonl.part" and its lock, another export's:
    that one failed, and a third to its file was let in."""
    other_part = tmp_path / ".ds.part2.jsonl.part"
    other_lock = tmp_path / ".ds.part2.jsonl.part.lock"
    other_part.write_text("half of another export")
    other_lock.write_text("")

    def written(part: Path) -> Any:
        part.write_text("x")
        (part.parent / (part.name + ".config.xml")).write_text("<View/>")  # its own, beside
        return ExportSummary("jsonl", {"all": 1}, [part])

    export_whole(tmp_path / "ds", written)
    assert other_part.exists() and other_lock.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["ds", other_part.name, other_lock.name])


def test_where_no_lock_can_be_taken_none_is_left_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    def refuse(_fd: int, _how: int) -> None:
        raise OSError(37, "No locks available")

    monkeypatch.setattr(fcntl, "flock", refuse)
    export_whole(tmp_path / "all.jsonl",
                 lambda part: (part.write_text("x"), ExportSummary("jsonl", {"all": 1}, [part]))[1])
    assert [p.name for p in tmp_path.iterdir()] == ["all.jsonl"]


def test_extract_writes_one_record_a_line_to_any_reader(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """U+2028 in a page was written as it was: a reader that breaks lines at it
    (``str.splitlines``, JavaScript) read one record as several, none of them JSON."""
    page = tmp_path / "page.txt"
    page.write_text("Data Engineer\u2028Leeds\n\nAcme Ltd is hiring. Python and SQL.\n",
                    encoding="utf-8")
    code, out, _err = run(capsys, "--format", "jsonl", page)
    assert code == 0
    [line] = out.splitlines()
    assert "\u2028" in json.loads(line)["cleaned"] or "Leeds" in json.loads(line)["cleaned"]
