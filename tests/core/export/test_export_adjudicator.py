"""An export credits each final decision to whoever made it: where an adjudicator's
ruling decided something after a merge, the record says what and by whom
(``adjudicated_by``), and the formats with one author an item (Prodigy, Label Studio)
give the final example to the adjudicator, not to a reviewer whose answer was set aside."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reviewer.cli import main
from reviewer.core.export import export
from reviewer.core.labels import Option, Question
from reviewer.core.record_check import record_problem
from reviewer.core.store import NewPosting, Store
from reviewer.core.team import merge_projects, split_project

TEXT = "Data Engineer {n}\n\nAcme is hiring in Berlin. Python and SQL.\n"


def merged(tmp_path: Path) -> Path:
    """Two postings split to ana and chen, both reviewed by both, merged: they agree on
    the second, and differ on the first's title and on whether it is relevant."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    with Store(tmp_path / "project.db", reviewer="lead") as store:
        store.postings.add([NewPosting(
            source=f"p{n}.txt", hash=f"h{n}", kind="text", raw=TEXT.format(n=n),
            cleaned=TEXT.format(n=n), fields={"title": f"Data Engineer {n}"},
            evidence={"title": [[0, 15]]}, confidence={"title": 0.9}) for n in (1, 2)])
        store.labels.save_schema([Question("relevant", "single", [Option("yes"), Option("no")])])
        files = split_project(store, ["ana", "chen"], tmp_path / "team", overlap=1.0).files
    for name, title, relevant in (("ana", "Data Engineer", "no"),
                                  ("chen", "Senior Data Engineer", "yes")):
        with Store(files[name]) as store:
            store.decisions.set_field(1, "title", title)
            store.labels.answer(1, "relevant", [relevant])
            store.labels.answer(2, "relevant", ["yes"])
            for pid in (1, 2):
                store.postings.set_status(pid, "reviewed")
    merge_projects(tmp_path / "merged.db", [files["ana"], files["chen"]])
    return tmp_path / "merged.db"


def adjudicated(tmp_path: Path, adjudicator: str = "lead") -> Path:
    path = merged(tmp_path)
    with Store(path, reviewer=adjudicator) as store:
        store.reviews.adjudicate(1, "title", "Data Engineer")
        store.labels.answer(1, "relevant", ["no"])  # ana's answer, chen's set aside
    return path


def records(path: Path, reviewers: bool = False) -> list[Any]:
    with Store(path, create=False) as store:
        return list(store.records.all(reviewed_only=False, reviewers=reviewers))


def test_the_record_names_who_ruled_what(tmp_path: Path) -> None:
    first, second = records(adjudicated(tmp_path), reviewers=True)
    assert first["adjudicated_by"] == {"field:title": "lead", "label:relevant": "lead"}
    assert first["labels"] == {"relevant": ["no"]} and first["reviewer"] in ("ana", "chen")
    assert "adjudicated_by" not in second  # the reviewers' own, agreed
    assert record_problem(dict(first)) is None
    # a merged project nobody adjudicated yet has no ruling
    (tmp_path / "m").mkdir()
    assert all("adjudicated_by" not in r for r in records(merged(tmp_path / "m")))


def test_a_reviewer_who_rules_with_their_own_answer_is_named(tmp_path: Path) -> None:
    first, _second = records(adjudicated(tmp_path, adjudicator="ana"))
    assert first["adjudicated_by"] == {"field:title": "ana", "label:relevant": "ana"}


def test_what_no_reviewer_decided_is_the_adjudicators(tmp_path: Path) -> None:
    """A field, a question and a comment decided after the merge where neither reviewer
    gave one are rulings, as the merge counts them: not credited to the reviewer whose
    status the posting kept."""
    db = merged(tmp_path)
    with Store(db, reviewer="lead") as store:
        store.labels.save_schema([
            Question("relevant", "single", [Option("yes"), Option("no")]),
            Question("tags", "multi", [Option("a"), Option("b")])])
        store.labels.answer(2, "tags", ["b"])
        store.decisions.set_field(2, "company", "Acme")
        store.postings.set_comment(2, "a duplicate")
    second = records(db)[1]
    assert second["adjudicated_by"] == {"field:company": "lead", "label:tags": "lead",
                                        "comment": "lead"}
    export(records(db, reviewers=True), "prodigy", tmp_path / "p.jsonl")
    tasks = [json.loads(line) for line in (tmp_path / "p.jsonl").open(encoding="utf-8")]
    final = next(t for t in tasks if t["meta"]["id"] == 2)
    assert (final["_annotator_id"], final["accept"]) == ("lead", ["relevant=yes", "tags=b"])


def test_of_adjudicators_who_ruled_as_much_the_latest_is_credited(tmp_path: Path) -> None:
    for turn, (earlier, later) in enumerate((("ana", "zoe"), ("zoe", "ana"))):
        db = merged(tmp_path / str(turn))
        with Store(db, reviewer=earlier) as store:
            store.labels.answer(1, "relevant", ["no"])
        with Store(db, reviewer=later) as store:
            store.reviews.adjudicate(1, "title", "Data Engineer")
        first = records(db)[0]
        assert list(first["adjudicated_by"].items()) == [
            ("label:relevant", earlier), ("field:title", later)]  # in the order made
        export([first], "prodigy", tmp_path / f"{turn}.jsonl")
        task = json.loads((tmp_path / f"{turn}.jsonl").read_text(encoding="utf-8"))
        assert task["_annotator_id"] == later


def test_prodigy_gives_the_final_example_to_the_adjudicator(tmp_path: Path) -> None:
    export(records(adjudicated(tmp_path), reviewers=True), "prodigy", tmp_path / "p.jsonl")
    tasks = [json.loads(line) for line in (tmp_path / "p.jsonl").open(encoding="utf-8")]
    final, *own = [t for t in tasks if t["meta"]["id"] == 1]
    assert (final["_annotator_id"], final["accept"]) == ("lead", ["relevant=no"])
    assert final["meta"]["adjudicated_by"]["label:relevant"] == "lead"
    assert sorted((t["_annotator_id"], t["accept"][0]) for t in own) == [
        ("ana", "relevant=no"), ("chen", "relevant=yes")]
    assert all("adjudicated_by" not in t["meta"] for t in own)
    second = next(t for t in tasks if t["meta"]["id"] == 2)
    assert second["_annotator_id"] in ("ana", "chen")


def test_label_studio_gives_the_final_annotation_to_the_adjudicator(tmp_path: Path) -> None:
    db = adjudicated(tmp_path)
    out = tmp_path / "ls.json"
    assert main(["export", str(db), "-f", "labelstudio", "-o", str(out), "--all-reviewers",
                 "--annotator-email", "lead=lead@example.org"]) == 0
    task = json.loads(out.read_text(encoding="utf-8"))[0]
    assert task["meta"]["adjudicated_by"] == {"field:title": "lead", "label:relevant": "lead"}
    final, *own = task["annotations"]
    assert final["completed_by"] == {"email": "lead@example.org"} and final["ground_truth"]
    assert all("completed_by" not in a for a in own)


def test_the_jsonl_goes_back_in_with_who_ruled(tmp_path: Path) -> None:
    db = adjudicated(tmp_path)
    assert main(["export", str(db), "-o", str(tmp_path / "p.jsonl"), "--all"]) == 0
    assert main(["import", str(tmp_path / "back.db"), str(tmp_path / "p.jsonl")]) == 0
    first = records(tmp_path / "back.db")[0]
    # every ruling is still the adjudicator's, not the reviewer's who set the status
    assert first["adjudicated_by"] == {"field:title": "lead", "label:relevant": "lead"}
    with Store(tmp_path / "back.db", create=False) as store:
        assert store.db.execute("SELECT reviewer FROM doc_labels WHERE posting_id = 1"
                                ).fetchall() == [("lead",)]


def test_every_kind_of_ruling_is_kept_through_an_import(tmp_path: Path) -> None:
    db = adjudicated(tmp_path)
    with Store(db, reviewer="zoe") as store:
        store.postings.set_status(1, "skipped")
        store.postings.set_comment(1, "a duplicate")
    ruled = records(db)[0]["adjudicated_by"]
    assert ruled == {"field:title": "lead", "label:relevant": "lead", "status": "zoe",
                     "comment": "zoe"}
    for turn in ("a", "b"):
        assert main(["export", str(db), "-o", str(tmp_path / f"{turn}.jsonl"), "--all"]) == 0
        assert main(["import", str(tmp_path / f"{turn}.db"), str(tmp_path / f"{turn}.jsonl")]) == 0
        db = tmp_path / f"{turn}.db"
        assert records(db)[0]["adjudicated_by"] == ruled
    assert main(["export", str(db), "-f", "prodigy", "-o", str(tmp_path / "p.jsonl"), "--all"]) == 0
    task = json.loads((tmp_path / "p.jsonl").open(encoding="utf-8").readline())
    assert task["meta"]["adjudicated_by"] == ruled
    assert task["_annotator_id"] == "zoe"  # as many as lead's, and the latest


def test_a_ruling_whose_adjudicator_the_record_does_not_name_is_no_ones(tmp_path: Path) -> None:
    """A record written before records said who ruled: its adjudicated field is credited to
    no one known, never to the reviewer who set the status."""
    db = adjudicated(tmp_path)
    assert main(["export", str(db), "-o", str(tmp_path / "p.jsonl"), "--all"]) == 0
    lines = (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()
    old = json.loads(lines[0])
    del old["adjudicated_by"]
    (tmp_path / "old.jsonl").write_text(json.dumps(old) + "\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "back.db"), str(tmp_path / "old.jsonl")]) == 0
    first = records(tmp_path / "back.db")[0]
    assert first["adjudicated_by"] == {"field:title": "unknown"}
    assert first["provenance"]["title"] == "adjudicated"


def test_an_adjudicated_by_that_names_no_one_is_refused(tmp_path: Path) -> None:
    first = dict(records(adjudicated(tmp_path))[0])
    for wrong, said in (({"field:title": 5}, "5"), ({"field:title": ["lead"]}, "lead"),
                        ({"field:title": "   "}, "no reviewer's name"),
                        ({"field:nosuch": "lead"}, "field:nosuch"), (["lead"], "object")):
        problem = record_problem({**first, "adjudicated_by": wrong})
        assert problem is not None and said in problem
