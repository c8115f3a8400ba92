"""Every export says who reviewed each posting, and with every reviewer's values
(``--all-reviewers``) carries them where the format has a place for several annotators:
JSONL and Hugging Face as a column, Prodigy one example per reviewer, Label Studio one
annotation per reviewer. The final decision stays what each record holds."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from test_export import load_hf, read_lines
from test_labelstudio import check_task, parse_config

from reviewer.cli import main
from reviewer.core.export import export, export_jsonl
from reviewer.core.record_check import record_problem
from reviewer.core.store import NewPosting, Store

TEXT = "# Data Engineer\n\nAcme hires in Leeds. Python and SQL."
STAMP = "2024-05-01T10:00:00Z"


def where(sub: str) -> list[int]:
    start = TEXT.index(sub)
    return [start, start + len(sub)]


def field(value: Any, state: str = "corrected") -> str:
    return json.dumps({"state": state, "value": value, "spans": []})


def make_project(path: Path, adjudicator: str = "adj") -> Path:
    """Two postings: ana and ben reviewed the first, ana alone the second; the adjudicator
    gave the first its final values and set both statuses."""
    with Store(path, reviewer=adjudicator) as store:
        store.postings.add([NewPosting(source=f"{n}.md", hash=f"h{n}", kind="text", raw=TEXT,
                                       cleaned=TEXT, fields={"title": "Data Engineer"},
                                       evidence={"title": [where("Data Engineer")]},
                                       confidence={"title": 0.9}) for n in (1, 2)])
        python, sql = where("Python"), where("SQL")
        store.reviews.put([
            (1, "ana", "field", "title", field("Data Engineer", "accepted"), STAMP),
            (1, "ben", "field", "title", field("Senior Data Engineer"), STAMP),
            (1, "ana", "field", "company", field("Acme"), STAMP),
            (1, "ben", "field", "company", field(None, "rejected"), STAMP),
            (1, "ana", "label", "relevant", json.dumps(["yes"]), STAMP),
            (1, "ben", "label", "relevant", json.dumps(["no"]), STAMP),
            (1, "ana", "spans", "", json.dumps([[*python, "SKILL"], [*sql, "SKILL"]]), STAMP),
            (1, "ben", "spans", "", json.dumps([[*python, "SKILL"]]), STAMP),
            (1, "ana", "status", "", json.dumps("reviewed"), STAMP),
            (1, "ben", "status", "", json.dumps("flagged"), STAMP),
            (1, "ben", "comment", "", json.dumps("is it senior?"), STAMP),
            (2, "ana", "field", "title", field("Data Engineer", "accepted"), STAMP)])
        store.reviews.adjudicate(1, "title", "Data Engineer", [where("Data Engineer")])
        store.labels.answer(1, "relevant", ["yes"])
        store.spans.add(1, *python, "SKILL")
        store.decisions.accept_all(1)
        store.decisions.accept_all(2)
    return path


def records(path: Path, reviewers: bool = False) -> list[Any]:
    with Store(path, create=False) as store:
        return list(store.records.all(reviewers=reviewers))


# -- who ------------------------------------------------------------------------------------


def test_the_record_says_who_reviewed_it(tmp_path: Path) -> None:
    db = make_project(tmp_path / "p.db")
    first, second = records(db)
    assert first["reviewer"] == "adj" and second["reviewer"] == "adj"
    assert "reviewers" not in first and record_problem(dict(first)) is None
    with Store(db, create=False) as store:
        new = store.records.get(1) | {"status_by": ""}  # a posting nobody reviewed yet
    from reviewer.core.store import record_of
    assert record_of(new)["reviewer"] == ""


def test_every_format_carries_the_reviewer(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    recs = records(make_project(tmp_path / "p.db", adjudicator="ana"))
    export(recs, "jsonl", tmp_path / "p.jsonl")
    assert [r["reviewer"] for r in read_lines(tmp_path / "p.jsonl")] == ["ana", "ana"]
    export(recs, "csv", tmp_path / "p.csv")
    with (tmp_path / "p.csv").open(encoding="utf-8", newline="") as handle:
        assert [row["reviewer"] for row in csv.DictReader(handle)] == ["ana", "ana"]
    export(recs, "prodigy", tmp_path / "p.prodigy.jsonl")
    assert {t["_annotator_id"] for t in read_lines(tmp_path / "p.prodigy.jsonl")} == {"ana"}
    export(recs, "labelstudio", tmp_path / "ls.json")
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert [(t["data"]["reviewer"], t["meta"]["reviewer"]) for t in tasks] == [("ana", "ana")] * 2
    # "ana" is no Label Studio user: the annotation goes to whoever imports it
    assert all("completed_by" not in a for t in tasks for a in t["annotations"])
    export(recs, "hf", tmp_path / "hf")
    assert load_hf(monkeypatch, tmp_path / "hf", "train")["reviewer"] == ["ana", "ana"]


def test_label_studio_names_its_users_by_email(tmp_path: Path) -> None:
    recs = records(make_project(tmp_path / "p.db", adjudicator="ana@example.org"))
    export(recs, "labelstudio", tmp_path / "ls.json")
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert {a["completed_by"]["email"] for t in tasks for a in t["annotations"]} == \
        {"ana@example.org"}
    recs = records(make_project(tmp_path / "q.db", adjudicator="ben"))
    export(recs, "labelstudio", tmp_path / "ls2.json", emails={"ben": "b@example.org"})
    tasks = json.loads((tmp_path / "ls2.json").read_text(encoding="utf-8"))
    assert tasks[0]["annotations"][0]["completed_by"] == {"email": "b@example.org"}


# -- every reviewer -------------------------------------------------------------------------


def test_all_reviewers_in_the_canonical_record(tmp_path: Path) -> None:
    db = make_project(tmp_path / "p.db")
    first, second = records(db, reviewers=True)
    assert first["fields"]["title"] == "Data Engineer"  # the final decision stays
    assert first["labels"] == {"relevant": ["yes"]}
    ana, ben = first["reviewers"]["ana"], first["reviewers"]["ben"]
    assert ana["fields"]["title"]["state"] == "accepted"
    assert ben["fields"]["title"]["value"] == "Senior Data Engineer"
    assert ben["fields"]["company"]["state"] == "rejected"
    assert (ana["labels"], ben["labels"]) == ({"relevant": ["yes"]}, {"relevant": ["no"]})
    assert [s["text"] for s in ana["spans"]] == ["Python", "SQL"]
    assert (ana["status"], ben["status"], ana["comment"], ben["comment"]) == \
        ("reviewed", "flagged", None, "is it senior?")
    assert list(second["reviewers"]) == ["ana"]
    assert record_problem(dict(first)) is None


def test_all_reviewers_jsonl_in_parallel_and_back_in(tmp_path: Path) -> None:
    db = make_project(tmp_path / "p.db")
    export(records(db, reviewers=True), "jsonl", tmp_path / "one.jsonl")
    export_jsonl(db, tmp_path / "two.jsonl", jobs=2, reviewers=True)
    text = (tmp_path / "one.jsonl").read_text(encoding="utf-8")
    assert (tmp_path / "two.jsonl").read_text(encoding="utf-8") == text
    assert list(json.loads(text.splitlines()[0]))[-3:] == ["reviewers", "undecided",
                                                           "adjudicated_by"]
    assert main(["import", str(tmp_path / "back.db"), str(tmp_path / "one.jsonl")]) == 0
    back = records(tmp_path / "back.db")
    assert [(r["reviewer"], r["fields"]["title"]) for r in back] == \
        [("adj", "Data Engineer"), ("adj", "Data Engineer")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_import_says_it_leaves_every_reviewers_values_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: int) -> None:
    """An import keeps a record's final decisions, not each reviewer's values: it says
    so, and how to keep them, rather than leave them out unsaid."""
    db = make_project(tmp_path / "p.db")
    export_jsonl(db, tmp_path / "all.jsonl", jobs=1, reviewers=True)
    export_jsonl(db, tmp_path / "final.jsonl", jobs=1)
    capsys.readouterr()
    assert main(["import", str(tmp_path / "back.db"), str(tmp_path / "all.jsonl"),
                 "--jobs", str(jobs)]) == 0
    err = capsys.readouterr().err
    assert "2 records carried each reviewer's own values" in err and "reviewer merge" in err
    assert main(["import", str(tmp_path / "back.db"), str(tmp_path / "all.jsonl")]) == 0
    assert "own values" not in capsys.readouterr().err  # none added: none left out
    assert main(["import", str(tmp_path / "other.db"), str(tmp_path / "final.jsonl")]) == 0
    assert "own values" not in capsys.readouterr().err


@pytest.mark.parametrize("parquet", [False, True])
def test_all_reviewers_in_the_hf_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         parquet: bool) -> None:
    export(records(make_project(tmp_path / "p.db"), reviewers=True), "hf", tmp_path / "hf",
           parquet=parquet)
    data = load_hf(monkeypatch, tmp_path / "hf", "train")
    first = data[0]["reviewers"]
    assert [r["reviewer"] for r in first] == ["ana", "ben"]
    assert first[1]["fields"]["title"] == {"state": "corrected", "value": "Senior Data Engineer"}
    assert first[1]["fields"]["company"] == {"state": "rejected", "value": None}
    assert first[0]["labels"]["relevant"] == ["yes"] and first[1]["comment"] == "is it senior?"
    assert [s["text"] for s in first[0]["spans"]] == ["Python", "SQL"]
    assert "reviewers" in (tmp_path / "hf" / "README.md").read_text(encoding="utf-8")


def test_all_reviewers_prodigy_one_example_per_reviewer(tmp_path: Path) -> None:
    export(records(make_project(tmp_path / "p.db"), reviewers=True), "prodigy",
           tmp_path / "p.jsonl")
    tasks = read_lines(tmp_path / "p.jsonl")
    assert [(t["meta"]["id"], t["_annotator_id"], t.get("_session_id")) for t in tasks] == [
        (1, "adj", None), (1, "ana", "ana"), (1, "ben", "ben"), (2, "adj", None),
        (2, "ana", "ana")]
    final, ana, ben = tasks[:3]
    assert final["_input_hash"] == ana["_input_hash"] == ben["_input_hash"]
    assert (final["accept"], ana["accept"], ben["accept"]) == (
        ["relevant=yes"], ["relevant=yes"], ["relevant=no"])
    assert [o["id"] for o in final["options"]] == [o["id"] for o in ben["options"]]
    assert (ana["answer"], ben["answer"]) == ("accept", "reject")
    assert [s["label"] for s in ana["spans"]] == ["SKILL", "SKILL"]
    assert ben["meta"]["title"] == "Senior Data Engineer" and ben["meta"]["company"] is None


def test_all_reviewers_label_studio_one_annotation_per_reviewer(tmp_path: Path) -> None:
    recs = records(make_project(tmp_path / "p.db"), reviewers=True)
    export(recs, "labelstudio", tmp_path / "ls.json", emails={"ben": "ben@example.org"})
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    config = parse_config((tmp_path / "ls.json.config.xml").read_text(encoding="utf-8"))
    for task in tasks:
        check_task(task, config)  # the documented shape, every result in the config
    first = tasks[0]
    assert first["meta"]["reviewers"] == ["ana", "ben"]
    final, ana, ben = first["annotations"]
    # ana and ben still differ on the company: the final annotation is not ground truth
    assert first["meta"]["undecided"] == ["field:company"]
    assert (final["ground_truth"], ana["ground_truth"], ben["ground_truth"]) == (
        False, False, False)
    assert "completed_by" not in ana and ben["completed_by"] == {"email": "ben@example.org"}

    def choices(annotation: dict[str, Any]) -> list[str]:
        return [c for r in annotation["result"] if r["type"] == "choices"
                for c in r["value"]["choices"]]

    assert (choices(final), choices(ana), choices(ben)) == (["yes"], ["yes"], ["no"])
    texts = {r["from_name"]: r["value"]["text"] for r in ben["result"]
             if r["type"] == "textarea"}
    assert texts["field_title"] == ["Senior Data Engineer"] and "field_company" not in texts
    assert [r["value"]["text"] for r in ana["result"] if r["type"] == "labels"] == \
        ["Python", "SQL"]


def test_the_command_line_takes_all_reviewers(tmp_path: Path) -> None:
    db = make_project(tmp_path / "p.db")
    out = tmp_path / "p.jsonl"
    assert main(["export", str(db), "-o", str(out), "--all-reviewers"]) == 0
    assert set(read_lines(out)[0]["reviewers"]) == {"ana", "ben"}
    ls = tmp_path / "ls.json"
    assert main(["export", str(db), "-f", "labelstudio", "-o", str(ls), "--all-reviewers",
                 "--annotator-email", "ana=ana@example.org"]) == 0
    annotations = json.loads(ls.read_text(encoding="utf-8"))[0]["annotations"]
    assert annotations[1]["completed_by"] == {"email": "ana@example.org"}
    assert main(["export", str(db), "-f", "csv", "-o", str(tmp_path / "p.csv"),
                 "--all-reviewers"]) == 2
    assert main(["export", str(db), "-o", str(out), "--annotator-email", "ana"]) == 2


def test_an_e_mail_for_a_reviewer_the_project_does_not_name_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name typed wrong ("anna") gave no annotation its user, and said nothing."""
    db = make_project(tmp_path / "p.db")
    ls = tmp_path / "ls.json"
    assert main(["export", str(db), "-f", "labelstudio", "-o", str(ls), "--all-reviewers",
                 "--annotator-email", "anna=ana@example.org"]) == 2
    err = capsys.readouterr().err
    assert "no reviewer 'anna'" in err and "ana, " in err and not ls.exists()
    # the one who set a status (here "adj") is a reviewer the export names too
    assert main(["export", str(db), "-f", "labelstudio", "-o", str(ls),
                 "--annotator-email", "adj=adj@example.org"]) == 0


def test_undoing_a_status_puts_back_who_set_it(tmp_path: Path) -> None:
    db = make_project(tmp_path / "p.db")
    with Store(db, create=False, reviewer="zoe") as store:
        change = store.postings.set_status(2, "flagged")
        assert store.records.get(2)["status_by"] == "zoe"
        store.history.undo(change)
        assert (store.records.get(2)["status"], store.records.get(2)["status_by"]) == (
            "reviewed", "adj")


def test_hf_parquet_with_reviewers_and_no_labels(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    recs = records(make_project(tmp_path / "p.db"), reviewers=True)
    for record in recs:
        record["labels"] = {}
        for values in record["reviewers"].values():
            values["labels"] = {}
    export(recs, "hf", tmp_path / "hf", parquet=True)
    data = load_hf(monkeypatch, tmp_path / "hf", "train")
    assert [r["reviewer"] for r in data[0]["reviewers"]] == ["ana", "ben"]
    assert "labels" not in data.column_names


def test_a_reviewer_who_set_no_status_is_not_said_to_have_reviewed() -> None:
    from reviewer.core.export.reviewers import reviewer_record

    record = {"id": 1, "status": "reviewed", "fields": {}, "provenance": {}, "spans": [],
              "labels": {}, "comment": "", "text": "Data Engineer"}
    values = {"fields": {"title": {"state": "corrected", "value": "Data Engineer",
                                   "spans": []}},
              "labels": {}, "spans": [], "status": None, "comment": None}
    own = reviewer_record(record, "ana", values)  # type: ignore[arg-type]
    assert own["status"] == "new" and own["fields"]["title"] == "Data Engineer"
    values["status"] = "reviewed"
    assert reviewer_record(record, "ana", values)["status"] == "reviewed"  # type: ignore[arg-type]


def test_the_note_of_postings_still_differing_names_all_they_may_differ_on() -> None:
    """A posting is marked for a status or a comment the reviewers differ on too: the
    export's note said "a field, a question or the spans"."""
    from reviewer.core.export import differing_note

    note = differing_note(3)
    assert note is not None and note.startswith("3 of the postings chosen")
    for thing in ("a field", "a question", "the span labels", "the status", "the comment"):
        assert thing in note, thing
    assert differing_note(0) is None


def test_an_e_mail_for_a_name_that_holds_an_equals_sign(tmp_path: Path) -> None:
    """A reviewer a split takes, named ``<img src=x>``, could be given no e-mail: the
    pair was cut at the first "=", and its name was no reviewer."""
    name = "<img src=file:///etc/passwd>"
    db = make_project(tmp_path / "p.db", adjudicator=name)
    ls = tmp_path / "ls.json"
    assert main(["export", str(db), "-f", "labelstudio", "-o", str(ls),
                 "--annotator-email", f"{name}=lead@example.org"]) == 0
    annotations = json.loads(ls.read_text(encoding="utf-8"))[0]["annotations"]
    assert annotations[0]["completed_by"] == {"email": "lead@example.org"}
