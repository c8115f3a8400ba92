"""`reviewer import`, `export`, `stats` and `eval` on real project files."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.labels import Question
from reviewer.core.records import RECORD_KEYS, bad_spans
from reviewer.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "reviewer" / "resources" / "samples"
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import postings  # noqa: E402


def reviewer(*args: str) -> int:
    return main(list(args))


def test_import_the_samples_then_again_adds_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "p.db")
    assert reviewer("import", db, str(SAMPLES)) == 0
    assert "8 postings added" in capsys.readouterr().out
    assert reviewer("import", db, str(SAMPLES), "--jobs", "2") == 0
    assert "0 postings added, 8 already in the project" in capsys.readouterr().out
    with Store(db) as store:
        assert store.queue.count() == 8
        p = store.records.get(store.queue.ids()[0])
        assert p["cleaned"] and p["machine"]["title"]["value"]


def test_bad_inputs_are_reported_and_the_rest_imports(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Job Title: Data Engineer\nLocation: Berlin\n\n"
                                     "We build pipelines in Python for our customers.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "lines.jsonl").write_text('{"text": "Job Title: Analyst\\n\\nWe need SQL and '
                                        'Excel skills for reporting."}\nnot json\n')
    db = str(tmp_path / "p.db")
    assert reviewer("import", db, str(folder)) == 0
    captured = capsys.readouterr()
    assert "2 postings added" in captured.out
    assert "empty.txt" in captured.err and "binary.html" in captured.err
    assert "lines.jsonl#2" in captured.err


def test_reextract_reports_what_it_did(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "p.db")
    assert reviewer("import", db, str(SAMPLES)) == 0
    with Store(db) as store:
        store.db.execute("UPDATE suggestions SET value = '\"Old\"' WHERE field = 'title'")
        store.db.conn.commit()
    capsys.readouterr()
    assert reviewer("reextract", db) == 0
    assert capsys.readouterr().out.startswith("8 postings updated, 0 unchanged of 8")
    with Store(db) as store:
        assert "Old" not in [store.records.get(pid)["fields"]["title"] for pid in store.queue.ids()]


def test_a_missing_project_gives_a_clear_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert reviewer("stats", str(tmp_path / "none.db")) == 2
    assert "no such project file" in capsys.readouterr().err


def test_export_import_export_is_identical(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    assert reviewer("import", str(db), str(SAMPLES)) == 0
    with Store(db) as store:
        first, second = store.queue.ids()[:2]
        store.decisions.set_field(first, "title", "Senior Backend Engineer (Data)")
        store.decisions.reject_field(first, "company")
        store.spans.add(first, 2, 8, "SKILL")
        store.labels.answer(first, "relevant", ["yes"])
        store.postings.set_comment(first, "checked")
        store.decisions.accept_all(first)
        store.decisions.accept_all(second)
    out1 = tmp_path / "one.jsonl"
    assert reviewer("export", str(db), "--format", "jsonl", "-o", str(out1)) == 0
    records = [json.loads(line) for line in out1.read_text().splitlines()]
    assert len(records) == 2  # reviewed postings only
    assert all(list(r) == list(RECORD_KEYS) and not bad_spans(r) for r in records)
    db2 = tmp_path / "again.db"
    assert reviewer("import", str(db2), str(out1)) == 0
    out2 = tmp_path / "two.jsonl"
    assert reviewer("export", str(db2), "--format", "jsonl", "-o", str(out2)) == 0
    assert out2.read_text() == out1.read_text()


def test_reviewed_records_of_pages_the_project_holds_say_their_work_was_not_taken(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Records exported reviewed, imported into a project that holds their pages (new):
    "0 postings added, 2 already in the project", and nothing said of the corrections,
    answers and statuses they carried, which were not taken."""
    db, other = tmp_path / "a.db", tmp_path / "b.db"
    for project in (db, other):
        assert reviewer("import", str(project), str(SAMPLES)) == 0
    with Store(db) as store:
        first, second = store.queue.ids()[:2]
        store.decisions.set_field(first, "title", "Corrected title")
        store.labels.answer(second, "relevant", ["yes"])
        store.decisions.accept_all(first)
        store.decisions.accept_all(second)
    out = tmp_path / "reviewed.jsonl"
    assert reviewer("export", str(db), "-o", str(out), "--all") == 0
    capsys.readouterr()
    assert reviewer("import", str(other), str(out)) == 0
    said = capsys.readouterr()
    assert "0 postings added, 8 already in the project" in said.out
    assert "2 records carried people's work (decisions, labels, a status or a comment) " \
        "on pages the project holds already" in said.err
    assert "reviewer merge" in said.err
    with Store(other) as store:
        assert store.queue.count("reviewed") == 0  # (kept as the project had it)
    assert reviewer("import", str(db), str(out)) == 0  # its own export back: the same work
    assert "2 records carried" in capsys.readouterr().err
    copies = tmp_path / "copies"  # the same records twice in one import: the first taken
    copies.mkdir()
    for name in ("a.jsonl", "b.jsonl"):
        (copies / name).write_bytes(out.read_bytes())
    assert reviewer("import", str(tmp_path / "new.db"), str(copies)) == 0
    assert "carried people's work" not in capsys.readouterr().err
    other = [json.loads(line) for line in out.read_text().splitlines()]  # another's work
    for record in other:  # on the same pages, in the same import: not taken, said
        record["comment"] = "another reviewer's"
    (copies / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in other))
    assert reviewer("import", str(tmp_path / "third.db"), str(copies)) == 0
    assert "8 records carried people's work" in capsys.readouterr().err  # (each a comment)


def test_an_accepted_value_not_the_machine_s_is_imported_as_corrected(
        tmp_path: Path) -> None:
    """A record edited by a script kept provenance accepted for values the machine never
    gave ("Mars" for its place, a department where it read none): stored as the machine's
    value accepted, ``eval`` counted them hits. Such a value is a person's own, stored
    corrected; a list of the machine's items in another order stays accepted (as the
    window takes it), and the project's own export comes back whole."""
    db, again = tmp_path / "p.db", tmp_path / "again.db"
    assert reviewer("import", str(db), str(SAMPLES)) == 0
    with Store(db) as store:
        pid = next(p for p in store.queue.ids() if len(
            store.records.get(p)["machine"].get("skills", {}).get("value") or []) > 1)
        skills = store.records.get(pid)["machine"]["skills"]["value"]
        store.decisions.set_field(pid, "skills", list(reversed(skills)))
        store.decisions.accept_all(pid)
        assert store.records.get(pid)["provenance"]["skills"] == "accepted"
    out = tmp_path / "out.jsonl"
    assert reviewer("export", str(db), "-o", str(out)) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    record["fields"]["locations"] = ["Mars"]
    record["fields"]["department"], record["provenance"]["department"] = "Invented", "accepted"
    record["fields"]["title"] = None  # (accepted: the machine's title, taken out)
    out.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert reviewer("import", str(again), str(out)) == 0
    with Store(again) as store:
        stored = store.records.get(store.queue.ids()[0])
        report = store.reports.evaluation()
    assert stored["fields"]["locations"] == ["Mars"] and stored["fields"]["skills"] == \
        list(reversed(skills))
    assert (stored["provenance"]["locations"], stored["provenance"]["department"],
            stored["provenance"]["skills"], stored["provenance"]["title"]) == (
        "corrected", "corrected", "accepted", "rejected")
    assert report["locations"]["accepted"] == 0 and report["locations"]["corrected"] == 1


def test_csv_export_neutralises_formulas_unless_raw_cells(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "p.db"
    assert reviewer("import", str(db), str(SAMPLES)) == 0
    with Store(db) as store:
        pid = store.queue.ids()[0]
        store.decisions.set_field(pid, "title", "=HYPERLINK(\"http://x\")")
        store.postings.set_comment(pid, "- Fluent English")
        store.decisions.accept_all(pid)

    def exported(*extra: str) -> dict[str, str]:
        out = tmp_path / f"p{len(extra)}.csv"
        assert reviewer("export", str(db), "--format", "csv", "-o", str(out), *extra) == 0
        with out.open(encoding="utf-8", newline="") as f:
            header, row = list(csv.reader(f))
        return dict(zip(header, row, strict=True))

    safe, raw = exported(), exported("--raw-cells")
    assert (safe["title"], safe["comment"]) == ("'=HYPERLINK(\"http://x\")", "'- Fluent English")
    assert (raw["title"], raw["comment"]) == ("=HYPERLINK(\"http://x\")", "- Fluent English")
    assert safe["id"] == raw["id"] == str(pid)
    capsys.readouterr()
    assert reviewer("export", str(db), "-o", str(tmp_path / "p.jsonl"), "--raw-cells") == 2
    assert "csv format only" in capsys.readouterr().err


def test_the_csv_export_imported_again_loses_its_guards_not_its_text(
        tmp_path: Path) -> None:
    """The leading ' the CSV export puts before a cell a spreadsheet would run was read
    back as data: page text and values no person typed began with it, and the page's
    hash changed with it."""
    db, again = tmp_path / "p.db", tmp_path / "again.db"
    page = tmp_path / "b.txt"
    page.write_text("- Remote-first team\n\nAcme Corp is hiring a Data Engineer in Berlin.\n",
                    encoding="utf-8")
    assert reviewer("import", str(db), str(page)) == 0
    with Store(db) as store:
        store.decisions.set_field(1, "title", "+1 Data Engineer")
        store.decisions.set_field(1, "company", "@Acme")
        store.decisions.set_field(1, "department", "'-' separated values")  # (its own ')
        store.decisions.accept_all(1)
        text = store.records.get(1)["cleaned"]
    out = tmp_path / "p.csv"
    assert reviewer("export", str(db), "--format", "csv", "-o", str(out)) == 0
    assert "'+1 Data Engineer" in out.read_text(encoding="utf-8")  # (guarded in the file)
    # the people's work in it cannot come back from a table: said, not lost unsaid
    assert reviewer("import", str(again), str(out)) == 1
    with Store(again) as store:
        assert store.queue.count() == 0
    assert reviewer("import", str(again), str(out), "--column", "text") == 0
    with Store(again) as store:
        record = store.records.get(store.queue.ids()[0])
    assert record["cleaned"] == text
    assert record["fields"]["title"] == "+1 Data Engineer"
    assert record["fields"]["company"] == "@Acme"
    assert record["fields"]["department"] == "'-' separated values"


def test_stats_and_eval(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "p.db"
    reviewer("import", str(db), str(SAMPLES))
    with Store(db) as store:
        pid = store.queue.ids()[0]
        store.decisions.set_field(pid, "title", "Something else")
        store.decisions.accept_all(pid)
    capsys.readouterr()
    assert reviewer("stats", str(db)) == 0
    out = capsys.readouterr().out
    assert "8 postings: 7 new, 1 reviewed" in out
    assert reviewer("eval", str(db), "--json") == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["title"]["corrected"] == 1 and figures["title"]["accuracy"] == 0.0
    assert figures["company"]["accepted"] == 1


def test_an_import_killed_midway_leaves_a_project_that_reimports(tmp_path: Path) -> None:
    data = tmp_path / "many.jsonl"
    total = 3000
    with data.open("w") as out:
        for obj in postings(total, seed=3):
            out.write(json.dumps(obj) + "\n")
    db = tmp_path / "p.db"
    proc = subprocess.Popen([sys.executable, "-m", "reviewer.cli", "import", str(db), str(data)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    count = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                count = conn.execute("SELECT count(*) FROM postings").fetchone()[0]
        except sqlite3.Error:
            continue
        if count > 0:
            break
    if proc.poll() is not None:
        pytest.skip("the import finished before it could be stopped")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        partial = store.queue.count()
        assert 0 < partial < total
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # no posting without its suggestions: batches are all or nothing
        orphans = store.db.execute(
            "SELECT count(*) FROM postings p WHERE NOT EXISTS "
            "(SELECT 1 FROM suggestions s WHERE s.posting_id = p.id)").fetchone()[0]
        assert orphans == 0
    assert reviewer("import", str(db), str(data)) == 0
    with Store(db) as store:
        assert store.queue.count() == total


def store_schema(db: Path) -> list[Question]:
    with Store(db) as store:
        return store.labels.schema()


def test_stratifying_by_a_question_the_project_lacks_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt question stratified nothing, without a word."""
    db = tmp_path / "p.db"
    assert main(["import", str(db), str(SAMPLES)]) == 0
    with Store(db) as store:
        store.labels.answer(1, "relevant", ["yes"])
    capsys.readouterr()
    args = ["export", str(db), "--all", "--split", "train=0.5,test=0.5", "-o",
            str(tmp_path / "out.jsonl")]
    assert main([*args, "--stratify", "relevnt"]) == 2
    err = capsys.readouterr().err
    assert "relevnt" in err and "no document question" in err
    spans = [q.name for q in store_schema(db) if q.kind == "span"]
    assert spans and main([*args, "--stratify", spans[0]]) == 2  # a span question: no answers
    assert spans[0] not in capsys.readouterr().err.split("questions:")[1]
    assert not list(tmp_path.glob("out*"))
    assert main([*args, "--stratify", "relevant"]) == 0  # answered, though not in a schema


def test_an_output_name_as_long_as_a_name_may_be_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The export writes beside the output under a longer name first: for a name of
    250 bytes that name was too long, and the export failed naming a file not asked for."""
    db = tmp_path / "p.db"
    assert main(["import", str(db), str(SAMPLES)]) == 0
    # (Label Studio's config beside it is named <name>.config.xml: that must fit too)
    for fmt, name in (("jsonl", "a" * 244 + ".jsonl"), ("labelstudio", "b" * 238 + ".json")):
        out = tmp_path / name
        assert main(["export", str(db), "--all", "--format", fmt, "-o", str(out)]) == 0, \
            capsys.readouterr().err
        assert out.is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    capsys.readouterr()
    too_long = str(tmp_path / ("c" * 245 + ".json"))  # its config's name would be too long
    assert main(["export", str(db), "--all", "--format", "labelstudio", "-o", too_long]) == 2
    err = capsys.readouterr().err
    assert "c" * 245 + ".json.config.xml" in err and ".part" not in err
    assert not Path(too_long).exists()


def test_a_table_the_app_exported_is_not_imported_as_pages_without_a_word(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A reviewed project's CSV or Parquet export, imported again, came back as new
    postings: every status, decision, span and label gone, "7 postings added" said."""
    pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    db = tmp_path / "p.db"
    assert reviewer("import", str(db), str(SAMPLES)) == 0
    with Store(db) as store:
        store.decisions.accept_all(1)
    for name in ("p.csv", "p.parquet"):
        out = tmp_path / name
        assert reviewer("export", str(db), "-o", str(out)) == 0
        capsys.readouterr()
        again = tmp_path / f"again-{name}.db"
        assert reviewer("import", str(again), str(out)) == 1
        said = capsys.readouterr()
        assert "a table this app exported" in said.err and "JSONL export" in said.err
        assert "0 postings added" in said.out
        with Store(again) as store:  # (the mapping of a refused file is none to keep)
            assert store.column_maps.all() == {}
