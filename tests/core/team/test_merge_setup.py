"""The merged file's label schema and guidelines, when the reviewers' files differ in
them: the same whatever the order of the files, and said."""

from __future__ import annotations

from pathlib import Path

import pytest
from team_projects import shared_files

from reviewer.core.labels import Option, Question, to_json
from reviewer.core.store import Store
from reviewer.core.team import merge_projects

NAMES = ["ana", "ben", "chen"]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Ana renamed "junior" to "entry"; chen added the question "urgent" and answered
    it; ben wrote guidelines of his own after the split."""
    files = shared_files(tmp_path, NAMES)
    with Store(files["ana"], reviewer="ana") as store:
        schema = store.labels.schema()
        renamed = [Question(q.name, q.kind, [Option("entry") if o.name == "junior" else o
                                             for o in q.options]) for q in schema]
        store.labels.save_schema(renamed, {
            (q.name, o): (q.name, "junior" if o == "entry" else o)
            for q in renamed for o in q.option_names()})
        store.labels.answer(2, "tags", ["entry"])
    with Store(files["chen"], reviewer="chen") as store:
        store.labels.save_schema([*store.labels.schema(),
                                  Question("urgent", "single", [Option("yes"), Option("no")])])
        store.labels.answer(1, "urgent", ["yes"])
    with Store(files["ben"], reviewer="ben") as store:
        store.meta.set_guidelines("# Ben's guidelines", at="2999-01-01T00:00:00+00:00")
    return files


def test_the_merged_schema_asks_every_file_s_questions_whatever_their_order(
        files: dict[str, Path], tmp_path: Path) -> None:
    """The merged schema was the first file's: chen's answer to "urgent" was exported
    but the window, which shows the schema's questions, never showed it; merged in
    another order, another schema."""
    first, second = tmp_path / "abc.db", tmp_path / "cba.db"
    report = merge_projects(first, [files["ana"], files["ben"], files["chen"]])
    merge_projects(second, [files["chen"], files["ben"], files["ana"]])
    with Store(first) as one, Store(second) as other:
        assert to_json(one.labels.schema()) == to_json(other.labels.schema())
        asked = {q.name: q.option_names() for q in one.labels.schema()}
        assert asked["urgent"] == ["yes", "no"]
        assert set(asked["tags"]) == {"urgent", "remote", "junior", "entry"}
        assert one.records.get(1)["labels"] == {"urgent": ["yes"]}
        assert one.records.get(2)["labels"] == {"tags": ["entry"]}
        keys = [o.key for q in one.labels.schema() for o in q.options]
        assert len(set(keys)) == len(keys)  # (ana's "entry" took junior's key: given another)
    said = "\n".join(report.describe())
    assert "question urgent: only chen.db has it" in said
    assert "option entry of tags: only ana.db has it" in said
    assert "option junior of tags: ana.db lacks it" in said


def test_merging_into_a_project_widens_its_schema_and_keeps_its_answers(
        files: dict[str, Path], tmp_path: Path) -> None:
    source = tmp_path / "project.db"
    with Store(source, reviewer="lead") as store:
        store.labels.answer(3, "tags", ["junior"])
    merge_projects(source, [files["chen"], files["ana"]])
    with Store(source) as store:
        asked = {q.name: q.option_names() for q in store.labels.schema()}
        assert asked["tags"] == ["urgent", "remote", "junior", "entry"]
        assert asked["urgent"] == ["yes", "no"]
        assert store.records.get(3)["labels"] == {"tags": ["junior"]}
        assert store.records.get(1)["labels"] == {"urgent": ["yes"]}


def test_the_guidelines_set_last_are_kept_and_said(files: dict[str, Path],
                                                   tmp_path: Path) -> None:
    """The first file's guidelines were kept, the others' dropped without a word."""
    for order, name in ((["ana", "ben", "chen"], "abc.db"), (["chen", "ben", "ana"], "cba.db")):
        report = merge_projects(tmp_path / name, [files[n] for n in order])
        with Store(tmp_path / name) as store:
            assert store.meta.guidelines() == "# Ben's guidelines"
        assert (f"guidelines differ: {name} keeps ben.db's, set last "
                "(2999-01-01T00:00:00+00:00); ana.db's and chen.db's differ"
                in report.describe())
    again = merge_projects(tmp_path / "abc.db", [files["ana"]])
    with Store(tmp_path / "abc.db") as store:  # (its time came with them: still the last)
        assert store.meta.guidelines() == "# Ben's guidelines"
    assert "guidelines differ: abc.db keeps abc.db's" in "\n".join(again.describe())


def test_every_file_s_descriptions_are_kept_those_set_last_where_they_differ(
        files: dict[str, Path], tmp_path: Path) -> None:
    """The first file's descriptions were kept: chen's of his own question was lost."""
    with Store(files["chen"]) as store:
        store.meta.set_descriptions({**store.meta.descriptions(),
                                     "question:urgent": "Needed this week?"})
    with Store(files["ana"]) as store:
        store.meta.set_descriptions({**store.meta.descriptions(), "field:title": "The job."},
                                    at="2999-01-01T00:00:00+00:00")
    for order, name in ((["ana", "chen"], "ac.db"), (["chen", "ana"], "ca.db")):
        report = merge_projects(tmp_path / name, [files[n] for n in order])
        with Store(tmp_path / name) as store:
            assert store.meta.descriptions() == {
                "field:title": "The job.", "question:relevant": "Is it a job posting?",
                "question:urgent": "Needed this week?"}
        assert (f"descriptions differ: {name} keeps each one set last: field:title "
                "(ana.db's)" in report.describe())


def test_files_alike_say_nothing_of_their_setup(tmp_path: Path) -> None:
    files = shared_files(tmp_path, ["ana", "ben"])
    report = merge_projects(tmp_path / "merged.db", [files["ana"], files["ben"]])
    assert report.setup == []


def test_answers_to_a_question_no_schema_asks_are_asked(tmp_path: Path) -> None:
    """A reviewer's file held answers its schema does not ask (a record's imported with
    its labels): the merged file exported them, its window never showed them."""
    files = shared_files(tmp_path, ["ana", "ben"])
    with Store(files["ana"], reviewer="ana") as store, store.atomic():
        store.labels.insert(1, {"seniority": ["senior"], "tags": ["urgent", "lead"]})
    merge_projects(tmp_path / "merged.db", [files["ana"], files["ben"]])
    with Store(tmp_path / "merged.db") as store:
        asked = {q.name: (q.kind, q.option_names()) for q in store.labels.schema()}
        assert asked["seniority"] == ("single", ["senior"])
        assert asked["tags"] == ("multi", ["urgent", "remote", "junior", "lead"])
        assert store.records.get(1)["labels"] == {"seniority": ["senior"],
                                                  "tags": ["lead", "urgent"]}
