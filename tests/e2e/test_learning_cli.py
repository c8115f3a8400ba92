"""Learning through the command line, as a user would: import reviewed records, train,
re-extract, export: the postings not yet reviewed carry the learned suggestions."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.schema import FIELD_NAMES
from reviewer.core.store import Store

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev" / "emscad.jsonl"
REVIEWED = 60


# the desk each posting is for, on a line of its own the rules have no reading of: the
# project's reviewers give it as the department, which only learning can take up
DESKS = ("Harbour", "Meadow", "Granite", "Willow", "Cobalt", "Juniper")


def with_desk(number: int, rec: dict) -> str:
    return f"Desk: {DESKS[number % len(DESKS)]}\n\n{rec['raw']}"


def reviewed_record(rec: dict, number: int | None = None) -> dict:
    fields = {name: rec["fields"].get(name) for name in FIELD_NAMES}
    provenance = {name: ("corrected" if name in rec["fields"] else "none")
                  for name in FIELD_NAMES}
    text = rec["raw"]
    if number is not None:
        text = with_desk(number, rec)
        fields["department"], provenance["department"] = DESKS[number % len(DESKS)], "corrected"
    return {"text": text, "fields": fields, "status": "reviewed", "source": rec["id"],
            "provenance": provenance, "raw_hash": hashlib.sha256(text.encode()).hexdigest()}


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out + err


def test_train_reextract_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    reviewed = tmp_path / "reviewed.jsonl"
    reviewed.write_text("".join(json.dumps(reviewed_record(r, i)) + "\n"
                                for i, r in enumerate(corpus[:REVIEWED])), encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for i, rec in enumerate(corpus[REVIEWED:REVIEWED + 30]):
        (pages / f"{rec['id']}.txt").write_text(with_desk(i, rec), encoding="utf-8")
    db = tmp_path / "p.db"
    cli(capsys, "import", db, reviewed)
    cli(capsys, "import", db, pages)
    trained = cli(capsys, "train", db)
    assert f"learnt from {REVIEWED} reviewed postings" in trained
    assert "cascade" in trained  # the cross-validated figures
    again = cli(capsys, "reextract", db)
    assert "with the project’s learned model" in again
    out = tmp_path / "all.jsonl"
    cli(capsys, "export", db, "--all", "--output", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    unreviewed = [r for r in records if r["status"] != "reviewed"]
    assert len(unreviewed) == 30
    learned = [r for r in unreviewed
               if any(m.get("stage") == "learned" for m in r["machine"].values())]
    assert learned, "no unreviewed posting carries a learned suggestion"
    # the convention the reviewers kept and the rules do not know, learnt
    desk_of = {f"{rec['id']}.txt": DESKS[i % len(DESKS)]
               for i, rec in enumerate(corpus[REVIEWED:REVIEWED + 30])}
    assert sum(r["fields"]["department"] == desk_of[Path(r["source"]).name]
               for r in unreviewed) >= 25
    assert all(r["machine"]["department"]["stage"] == "learned" for r in unreviewed
               if r["fields"]["department"] in DESKS)
    with Store(db) as store:  # the postings the model read come first, most useful first
        useful = store.queue.ids("useful")
        assert set(useful[:30]) == {r["id"] for r in unreviewed}
    evaluated = cli(capsys, "eval", db)
    assert "the learned model (trained" in evaluated and f"on {REVIEWED} reviewed" in evaluated
    assert "cascade" in evaluated and "title" in evaluated.split("the learned model")[1]
    # a new import is read by the model at once
    more = tmp_path / "more"
    more.mkdir()
    rec = corpus[REVIEWED + 40]
    (more / "one.txt").write_text(rec["raw"], encoding="utf-8")
    assert "read by the project's learned model too" in cli(capsys, "import", db, more)
    # records of ours keep the values they carry: the model does not read them
    record = tmp_path / "record.jsonl"
    record.write_text(json.dumps(dict(reviewed_record(corpus[REVIEWED + 41]), status="new"))
                      + "\n", encoding="utf-8")
    said = cli(capsys, "import", db, record)
    assert "1 posting added" in said and "learned model" not in said


def test_eval_says_a_stored_model_is_not_used_and_prints_no_control_characters(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The figures of a model this version refuses are its own account, not the figures
    of what re-extract uses; and names read from the file reach the terminal escaped."""
    corpus = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    db = tmp_path / "p.db"
    with Store(db) as store:
        for rec in corpus[:3]:
            assert store.records.add(reviewed_record(rec))
        figures = {"title": {"rules": 0.5, "model": 0.75, "cascade": 0.75, "n": 3},
                   "\x1b]0;owned\x07\x1b[2J": {"rules": 1, "model": 1, "cascade": 1, "n": 3}}
        store.models.save("learned", b"PK\x03\x04 not a model of ours", [1, 2, 3],
                          {"figures": figures})
    out = cli(capsys, "eval", db)
    assert "the learned model (trained" in out
    assert "is not used: this is not a model of Posting Reviewer" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;owned\\x07\\x1b[2J" in out
    listed = json.loads(cli(capsys, "eval", db, "--json"))["learned model"]
    assert listed["in_use"] is False and "not a zip archive" in listed["not_used"]


def test_eval_says_which_questions_the_model_no_longer_answers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Options swapped after training: the model is in use, but not for that question."""
    from reviewer.core.labels import Option, Question

    corpus = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    db = tmp_path / "p.db"
    with Store(db) as store:
        for rec in corpus[:12]:
            assert store.records.add(dict(reviewed_record(rec), labels={"relevant": ["yes"]}))
    cli(capsys, "train", db)
    assert json.loads(cli(capsys, "eval", db, "--json"))["learned model"]["note"] is None
    with Store(db) as store:
        schema = store.labels.schema()
        store.labels.save_schema(
            [Question(q.name, q.kind, [Option("yes, surely"), Option("no")])
             if q.name == "relevant" else q for q in schema],
            origins={**{(q.name, o): (q.name, o) for q in schema for o in q.option_names()},
                     ("relevant", "yes, surely"): ("relevant", "yes")})
    listed = json.loads(cli(capsys, "eval", db, "--json"))["learned model"]
    assert listed["in_use"] is True and listed["not_used"] is None
    assert "does not answer relevant" in listed["note"]
    assert "does not answer relevant" in cli(capsys, "eval", db)


def test_a_worker_that_ends_under_training_is_said_with_what_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A worker killed (out of memory) under `reviewer train` was said with advice to run
    it "with --jobs 1", an option train did not have."""
    from concurrent.futures.process import BrokenProcessPool

    import reviewer.core.ingest.training as training

    corpus = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    reviewed = tmp_path / "reviewed.jsonl"
    reviewed.write_text("".join(json.dumps(reviewed_record(r, i)) + "\n"
                                for i, r in enumerate(corpus[:12])), encoding="utf-8")
    db = tmp_path / "p.db"
    cli(capsys, "import", db, reviewed)
    jobs_given = []

    def ended(store, **kwargs):  # type: ignore[no-untyped-def]
        jobs_given.append(kwargs.get("jobs"))
        raise BrokenProcessPool("a child process terminated abruptly")

    monkeypatch.setattr(training, "train_project", ended)
    import reviewer.core.ingest as ingest

    monkeypatch.setattr(ingest, "train_project", ended)
    assert main(["train", str(db)]) == 2
    err = capsys.readouterr().err
    assert "no model was kept" in err and "--jobs 1" in err
    monkeypatch.undo()
    trained = cli(capsys, "train", db, "--jobs", "1")  # the advice works
    assert "learnt from 12 reviewed postings" in trained
    assert jobs_given == [None]
