"""A reviewer's file whose label schema changed after a merge: what the change removed
from it leaves the merged project at the next merge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from team_projects import make_source, shared_files

from reviewer.core.labels import Option, Question
from reviewer.core.store import Store
from reviewer.core.team import merge_projects, split_project

NAMES = ["ana", "ben"]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return shared_files(tmp_path, NAMES)


def test_answers_a_schema_change_removed_in_a_reviewer_s_file_leave_the_merge(
        files: dict[str, Path], tmp_path: Path) -> None:
    """Ana answered "no" and a span TOOL; her file's schema then lost "no" and TOOL (as
    `labels --import --force` does): the merged project kept her answer and span, final,
    as if she still gave them."""
    out = tmp_path / "merged.db"
    with Store(files["ana"], reviewer="ana") as store:
        store.labels.answer(3, "relevant", ["no"])
        store.labels.answer(4, "tags", ["urgent"])
        store.spans.add(5, 0, 4, "TOOL")
    with Store(files["ben"], reviewer="ben") as store:
        store.labels.answer(4, "tags", ["urgent"])
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert store.records.get(3)["labels"] == {"relevant": ["no"]}
        assert [s["label"] for s in store.records.get(5)["spans"]] == ["TOOL"]
    with Store(files["ana"], reviewer="ana") as store:
        store.labels.save_schema([
            Question("relevant", "single", [Option("yes")]),
            Question("tags", "multi", [Option("urgent"), Option("remote"), Option("junior")]),
            Question("spans", "span", [Option("SKILL")])])
        assert store.records.get(3)["labels"] == {}
    report = merge_projects(out, [files["ana"], files["ben"]])
    assert report.taken_back == 2
    with Store(out) as store:
        assert store.records.get(3)["labels"] == {}
        assert store.reviews.of(3) == {}
        assert store.records.get(5)["spans"] == []
        assert store.records.get(4)["labels"] == {"tags": ["urgent"]}  # still held: kept
        assert set(store.reviews.of(4)) == {"ana", "ben"}
    again = merge_projects(out, [files["ana"], files["ben"]])
    assert again.taken_back == 0 and again.final == again.withdrawn == 0


SCHEMA_WITHOUT_NO = [
    Question("relevant", "single", [Option("yes")]),
    Question("tags", "multi", [Option("urgent"), Option("remote"), Option("junior")]),
    Question("spans", "span", [Option("SKILL"), Option("TOOL")])]


def test_a_schema_change_takes_back_only_what_it_removed_and_from_whom_it_was(
        tmp_path: Path) -> None:
    """The lead changed ana's file's schema (opened under the lead's name): the merge
    took back the lead's own answers and span on every posting, and left ana's removed
    answer final. A merged file's unused option renamed took back the lead's work too."""
    source = make_source(tmp_path / "project.db", n=6)
    with Store(source, reviewer="lead") as store:
        for pid in (1, 2, 4, 5, 6):
            store.labels.answer(pid, "tags", ["remote"])
        store.spans.add(2, 0, 4, "SKILL")
        files = split_project(store, NAMES, tmp_path / "out", overlap=1.0, copies=2).files
    with Store(files["ana"], reviewer="ana") as store:
        store.labels.answer(3, "relevant", ["no"])
    merge_projects(source, [files["ana"], files["ben"]])
    with Store(files["ana"], reviewer="lead") as store:
        store.labels.save_schema(SCHEMA_WITHOUT_NO)
    report = merge_projects(source, [files["ana"], files["ben"]])
    assert report.taken_back == 1
    with Store(source) as store:
        assert store.records.get(3)["labels"] == {}
        assert all(store.records.get(p)["labels"] == {"tags": ["remote"]}
                   for p in (1, 2, 4, 5, 6))
        assert [s["label"] for s in store.records.get(2)["spans"]] == ["SKILL"]
    merged = tmp_path / "m1.db"
    merge_projects(merged, [files["ana"], files["ben"]], reviewer="lead")
    with Store(merged, reviewer="lead") as store:
        schema = store.labels.schema()
        store.labels.save_schema(schema, {("tags", "entry" if o == "junior" else o): (
            "tags", o) for o in ("urgent", "remote", "junior")} | {
            (q.name, o): (q.name, o) for q in schema if q.name != "tags"
            for o in q.option_names()})
    report = merge_projects(source, [merged], reviewer="lead")
    assert report.taken_back == 0 and report.withdrawn == 0


def test_a_merged_file_whose_schema_lost_a_reviewer_s_answer_takes_it_back(
        tmp_path: Path) -> None:
    source = make_source(tmp_path / "project.db", n=6)
    with Store(source, reviewer="lead") as store:
        files = split_project(store, NAMES, tmp_path / "out", overlap=1.0, copies=2).files
    with Store(files["ana"], reviewer="ana") as store:
        store.labels.answer(3, "relevant", ["no"])
    merged, onward = tmp_path / "m1.db", tmp_path / "out2.db"
    merge_projects(merged, [files["ana"], files["ben"]], reviewer="lead")
    merge_projects(onward, [merged], reviewer="lead")
    with Store(merged, reviewer="lead") as store:
        store.labels.save_schema(SCHEMA_WITHOUT_NO)
    report = merge_projects(onward, [merged], reviewer="lead")
    assert report.taken_back == 1
    with Store(onward) as store:
        assert store.records.get(3)["labels"] == {} and store.reviews.of(3) == {}


def test_answers_to_a_question_the_schema_lacks_removed_by_a_change_are_taken_back(
        tmp_path: Path) -> None:
    """A merged file held ana's answer to a question of her own its schema lacks (as a
    merge made it before the merged schema asked every file's questions); any change of
    its schema removed it (as it removes every answer of no option), but nothing was
    logged, and the next project kept it, final."""
    source = make_source(tmp_path / "project.db", n=6)
    with Store(source, reviewer="lead") as store:
        files = split_project(store, NAMES, tmp_path / "out", overlap=1.0, copies=2).files
    with Store(files["ana"], reviewer="ana") as store:
        store.labels.save_schema([*store.labels.schema(), Question(
            "seniority", "single", [Option("junior"), Option("senior")])])
        store.labels.answer(2, "seniority", ["senior"])
    merged, onward = tmp_path / "m1.db", tmp_path / "onward.db"
    merge_projects(merged, [files["ben"], files["ana"]], reviewer="lead")
    with Store(merged) as store:
        store.db.execute("DELETE FROM label_schema WHERE question = 'seniority'")
    merge_projects(onward, [merged], reviewer="lead")
    with Store(onward) as store:
        assert store.records.get(2)["labels"] == {"seniority": ["senior"]}
    with Store(merged, reviewer="lead") as store:  # an option added, nothing removed
        store.labels.save_schema([Question(q.name, q.kind, [*q.options, Option("lead")])
                                  if q.name == "tags" else q for q in store.labels.schema()])
        assert store.records.get(2)["labels"] == {}
    assert merge_projects(onward, [merged], reviewer="lead").taken_back == 1
    with Store(onward) as store:
        assert store.records.get(2)["labels"] == {} and store.reviews.of(2) == {}


def test_a_question_renamed_whole_is_said_as_a_rename(tmp_path: Path) -> None:
    from reviewer.gui.history_pane import describe

    source = make_source(tmp_path / "project.db", n=6)
    with Store(source, reviewer="lead") as store:
        store.labels.answer(1, "tags", ["remote"])
        schema = store.labels.schema()
        renamed = [Question("topics", q.kind, q.options) if q.name == "tags" else q
                   for q in schema]
        store.labels.save_schema(renamed, {("topics", o): ("tags", o) for o in (
            "urgent", "remote", "junior")} | {(q.name, o): (q.name, o) for q in schema
                                              if q.name != "tags" for o in q.option_names()})
        assert store.records.get(1)["labels"] == {"topics": ["remote"]}
        [(data,)] = store.db.execute(
            "SELECT data FROM events WHERE kind = 'schema_removed' AND posting_id = 1")
    said = describe("schema_removed", json.loads(data))
    assert said == "renamed question tags to topics: lead's answer is one to it now"
