"""The command line as a new user meets it: options where they are typed, the output
named as the user named it, and messages in the words of the options typed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "team"))
from team_projects import make_source


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def reviewed(path: Path, n: int = 6) -> Path:
    """A project of ``n`` postings, all reviewed."""
    make_source(path, n=n)
    with Store(path, reviewer="ana") as store:
        for pid in store.queue.ids():
            store.postings.set_status(pid, "reviewed")
    return path


def test_the_reviewer_option_after_the_command_names_the_edits(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After ``split`` it was read as ``--reviewers`` cut short: the list replaced by
    one name, without a word."""
    source = make_source(tmp_path / "p.db", n=10)
    code, out, err = run(capsys, "split", source, "--reviewers", "ana,ben", "-o",
                         tmp_path / "team", "--reviewer", "solo")
    assert code == 0, err
    assert "among 2 reviewers" in out
    assert sorted(p.name for p in (tmp_path / "team").glob("*.db")) == ["ana.db", "ben.db"]
    with pytest.raises(SystemExit):  # an option cut short is not taken for another
        main(["split", str(source), "--reviewer", "ana,ben", "-o", str(tmp_path / "t2")])
    assert "--reviewers" in capsys.readouterr().err
    code, out, err = run(capsys, "stats", source, "--reviewer", "bob")
    assert code == 0, err


def test_an_existing_project_file_of_any_name_opens_in_the_window(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reviewer.gui.app
    from reviewer.app import main as entry

    opened: list[list[str]] = []
    monkeypatch.setattr(reviewer.gui.app, "run", lambda argv: opened.append(argv) or 0)
    monkeypatch.setenv("DISPLAY", ":0")
    project = make_source(tmp_path / "newp", n=2)
    monkeypatch.chdir(tmp_path)
    assert entry(["newp"]) == 0
    assert opened == [["newp"]]
    assert entry([str(project)]) == 0
    # a script, notes or an empty file is no project: the command line says so
    (tmp_path / "notes.txt").write_text("notes")
    (tmp_path / "empty").write_bytes(b"")
    for name in ("notes.txt", "empty"):
        with pytest.raises(SystemExit):
            entry([name])
    assert len(opened) == 2 and (tmp_path / "empty").stat().st_size == 0


def test_the_export_s_format_follows_the_output_s_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``-o out.csv`` without ``--format`` wrote JSONL into out.csv."""
    db = reviewed(tmp_path / "p.db")
    code, out, err = run(capsys, "export", db, "-o", tmp_path / "out.csv")
    assert code == 0, err
    assert (tmp_path / "out.csv").read_text().startswith("id,")
    assert "as csv" in out and str(tmp_path / "out.csv") in out
    code, out, err = run(capsys, "export", db, "-o", tmp_path / "out.parquet")
    assert code == 0 and (tmp_path / "out.parquet").read_bytes()[:4] == b"PAR1"
    code, out, err = run(capsys, "export", db, "-o", tmp_path / "x.data")
    assert code == 0 and "as jsonl" in out  # a name that names no format: JSONL
    code, out, err = run(capsys, "export", db, "-o", tmp_path / "jobs.jsonld")
    assert code == 0 and "as jsonld" in out  # (the name the window proposes for it)
    code, out, err = run(capsys, "export", db, "-o", tmp_path / "t.json", "-f", "labelstudio")
    assert code == 0 and "as labelstudio" in out


@pytest.mark.parametrize(("name", "options"), [
    ("a.csv", ["-f", "jsonl"]), ("b.csv", ["-f", "csv", "--parquet"]),
    ("c.parquet", ["-f", "csv"]), ("d.jsonl", ["-f", "csv"]), ("e.jsonld", ["-f", "jsonl"]),
    ("tasks.json", []), ("f.json", ["-f", "jsonl"]), ("g.csv", ["-f", "hf"]),
    ("h.csv", ["-f", "jsonld-html"]), ("i.jsonl", ["-f", "hf"]),
    ("j.csv", ["-f", "conll", "--split", "train=0.5,test=0.5"])])
def test_an_output_named_for_another_format_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
        options: list[str]) -> None:
    db = reviewed(tmp_path / "p.db")
    code, _out, err = run(capsys, "export", db, "-o", tmp_path / name, *options)
    assert code == 2 and name in err and "--format" in err, err
    assert not (tmp_path / name).exists()


def test_an_empty_folder_is_not_replaced_by_one_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = reviewed(tmp_path / "p.db")
    (tmp_path / "adir").mkdir()
    code, _out, err = run(capsys, "export", db, "-o", tmp_path / "adir")
    assert code == 2 and "adir is a folder" in err, err
    assert (tmp_path / "adir").is_dir() and not any((tmp_path / "adir").iterdir())
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    code, _out, err = run(capsys, "export", db, "-o", tmp_path / "adir", "-f", "hf")
    assert code == 0, err  # a folder an export writes: taken


def test_a_folder_export_over_a_file_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = reviewed(tmp_path / "p.db")
    (tmp_path / "existing.txt").write_text("keep me")
    code, _out, err = run(capsys, "export", db, "-o", tmp_path / "existing.txt", "--split",
                         "train=0.5,test=0.5")
    assert code == 2 and "existing.txt is a file" in err and ".part" not in err, err
    assert (tmp_path / "existing.txt").read_text() == "keep me"


def test_standard_output_is_refused_by_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = reviewed(tmp_path / "p.db")
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "export", db, "-o", "-")
    assert code == 2 and "standard output" in err
    assert not (tmp_path / "-").exists()


def test_the_summary_counts_the_files_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A spaCy export of two questions wrote three files a part, said as one."""
    db = reviewed(tmp_path / "p.db", n=12)
    with Store(db) as store:
        for n, pid in enumerate(store.queue.ids()):
            store.labels.answer(pid, "relevant", ["yes" if n % 2 else "no"])
            store.labels.answer(pid, "tags", ["urgent" if n % 3 else "junior"])
    out_dir = tmp_path / "sp"
    code, out, err = run(capsys, "export", db, "-f", "spacy", "--split", "train=0.5,test=0.5",
                         "-o", out_dir)
    pytest.importorskip("spacy")
    assert code == 0, err
    files = sorted(p for p in out_dir.rglob("*") if p.is_file())
    assert len(files) > 2
    assert f"({len(files)} files)" in out and str(out_dir) in out


@pytest.mark.parametrize(("options", "said"), [
    (["-f", "jsonl", "--strict"], "--strict"), (["-f", "jsonl", "--parquet"], "--parquet"),
    (["-f", "jsonl", "--raw-cells"], "--raw-cells"),
    (["--stratify", "relevant"], "--stratify")])
def test_a_misplaced_option_is_named_as_typed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str],
        said: str) -> None:
    db = reviewed(tmp_path / "p.db")
    code, _out, err = run(capsys, "export", db, "-o", tmp_path / "o.jsonl", *options)
    assert code == 2 and said in err and "=True" not in err, err


def test_the_window_knows_every_command_s_name() -> None:
    from reviewer.cli import build_parser
    from reviewer.cli.common import COMMANDS

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    assert tuple(commands.choices) == COMMANDS  # type: ignore[arg-type]


def six_hundred_pages(tmp_path: Path) -> Path:
    """A folder of 600 small text postings: more than one batch of an import."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(600):
        (pages / f"{n:03d}.txt").write_text(f"Data Engineer {n}\n\nAcme {n} hires in Leeds.\n")
    return pages


def test_a_stopped_import_says_what_it_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "stopped" alone: the batches before the stop are kept, and said."""
    from reviewer.cli import common

    pages = six_hundred_pages(tmp_path)
    calls = []

    def progress(_line: common.ProgressLine, _report: object) -> None:
        calls.append(1)
        if len(calls) == 2:  # after the first batch is written
            raise KeyboardInterrupt

    monkeypatch.setattr(common.ProgressLine, "__call__", progress)
    code, _out, err = run(capsys, "import", tmp_path / "p.db", pages)
    assert code == 130
    with Store(tmp_path / "p.db") as store:
        kept = store.queue.count()
    assert 0 < kept < 600
    assert f"the {kept:,} postings it added before are kept" in err and "again" in err


def test_a_stopped_import_counts_its_own_postings_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The postings added were counted from the project's size: those another import
    added meanwhile were said to be its own."""
    from team_projects import posting

    from reviewer.cli import common

    pages = six_hundred_pages(tmp_path)
    calls = []

    def progress(_line: common.ProgressLine, _report: object) -> None:
        calls.append(1)
        if len(calls) == 1:  # another import, of other pages, meanwhile
            with Store(tmp_path / "p.db") as other:
                other.postings.add([posting(n) for n in range(700)])
        if len(calls) == 2:  # after the first batch is written
            raise KeyboardInterrupt

    monkeypatch.setattr(common.ProgressLine, "__call__", progress)
    code, _out, err = run(capsys, "import", tmp_path / "p.db", pages)
    assert code == 130
    with Store(tmp_path / "p.db") as store:
        own = store.queue.count() - 700
    assert 0 < own < 600
    assert f"the {own:,} postings it added before are kept" in err, err


def test_a_stopped_reextract_says_what_it_updated_and_logs_the_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "stopped" alone, and left no line in the project's log (a stop from the
    window logs one, cancelled)."""
    import json

    from reviewer.cli import common
    from reviewer.core.ingest import reprocess

    db = tmp_path / "p.db"
    assert run(capsys, "import", db, Path(__file__).parents[2] / "reviewer" / "resources"
               / "samples")[0] == 0
    with Store(db) as store, store.atomic():  # as an older pipeline left them
        store.db.execute("UPDATE suggestions SET value = '\"Old title\"' WHERE field = 'title'")
    monkeypatch.setitem(reprocess.reextract.__kwdefaults__, "batch", 2)

    def progress(_line: common.ProgressLine, report: reprocess.ReextractReport) -> None:
        if report.seen > 2:  # the second batch written: the third is stopped
            raise KeyboardInterrupt

    monkeypatch.setattr(common.ProgressLine, "__call__", progress)
    code, _out, err = run(capsys, "reextract", db)
    assert code == 130
    with Store(db) as store:
        rows = store.db.execute("SELECT data FROM events WHERE kind = 'reextract'").fetchall()
    assert [json.loads(row[0]) for row in rows] == [
        {"updated": 4, "kept": 0, "cancelled": True}]
    assert ("reviewer: the re-extraction was stopped; 4 postings updated, the rest kept as "
            "they were: run `reviewer reextract` again to finish") in err, err
    monkeypatch.undo()
    code, out, _err = run(capsys, "reextract", db)  # run again, it finishes
    assert code == 0 and out.startswith("4 postings updated, 4 unchanged of 8"), out


def test_files_that_cannot_be_read_or_made_are_said_in_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_source(tmp_path / "p.db", n=2)
    (tmp_path / "bin.md").write_bytes(b"abc\x96def")
    (tmp_path / "afold").mkdir()
    for args, said in (
            (["import", tmp_path / "nodir" / "p.db", tmp_path / "bin.md"],
             f"there is no folder {tmp_path / 'nodir'}"),
            (["labels", db, "--import", tmp_path / "nosuch.json"], "nosuch.json: no such file"),
            (["labels", db, "--import", tmp_path / "afold"], "afold is a folder"),
            (["guidelines", db, "--import", tmp_path / "bin.md"],
             "bin.md is not UTF-8 text (byte 0x96 at 3)"),
            (["columns", tmp_path / "afold"], "a folder"),
            (["labels", db, "--export", tmp_path / "nodir2" / "x.json"],
             f"there is no folder {tmp_path / 'nodir2'}")):
        code, _out, err = run(capsys, *args)
        assert code != 0 and said in err, (args, err)
        assert "Errno" not in err and "codec" not in err, err
    assert not (tmp_path / "nodir").exists()


def test_a_label_saved_while_the_schema_is_imported_is_not_removed_without_force(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check for options in use ran before the save's transaction: a label a window
    saved in between was removed, though --force was not given."""
    import json

    from reviewer.core.labels import to_json
    from reviewer.core.store import DatabaseError
    from reviewer.core.store.labels import Labels

    db = make_source(tmp_path / "p.db", n=3)
    with Store(db) as store:
        schema = to_json(store.labels.schema())
    for question in schema:
        if question["question"] == "relevant":
            question["options"] = [o for o in question["options"] if o["name"] != "yes"]
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    checked = Labels.lost
    window: list[str] = []

    def lost_then_a_window_saves(self: Labels, *args: object) -> object:
        found = checked(self, *args)
        try:
            with Store(db, reviewer="ana", busy_timeout=0.3) as other:
                other.labels.answer(1, "relevant", ["yes"])
            window.append("saved")
        except DatabaseError:
            window.append("waited")  # the import holds the file: the window's edit waits
        return found

    monkeypatch.setattr(Labels, "lost", lost_then_a_window_saves)
    code, out, _err = run(capsys, "labels", db, "--import", tmp_path / "schema.json")
    with Store(db) as store:
        answers = store.records.get(1)["labels"]
    if window == ["saved"]:  # its label is kept, or the import refused
        assert answers.get("relevant") == ["yes"] or code != 0
    else:
        assert window == ["waited"] and code == 0 and "removed" not in out


@pytest.mark.parametrize("name", ["jobs.csv", "jobs.jsonl", "jobs.zip", "JOBS.PARQUET",
                                  "jobs.tsv"])
def test_extract_says_a_data_file_is_for_import(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    """A CSV was printed as one posting whose text was the whole file."""
    (tmp_path / name).write_text("title,description\nData Engineer,We hire in Leeds.\n")
    code, out, _err = run(capsys, "extract", tmp_path / name)
    assert code == 1 and "reviewer import reads it" in out and '"cleaned"' not in out


def test_a_split_for_one_reviewer_and_too_many_copies_are_said_plainly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = make_source(tmp_path / "p.db", n=6)
    code, out, err = run(capsys, "split", source, "--reviewers", "ana", "-o", tmp_path / "one")
    assert code == 0, err
    assert "for one reviewer" in out and "shared by 1 reviewers" not in out
    code, out, err = run(capsys, "split", source, "--reviewers", "ana,ben", "--copies", "1",
                         "-o", tmp_path / "two")
    assert code == 2 and "--copies" in err and "2 to 2" not in err, err
