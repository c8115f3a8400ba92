"""``merge_projects``: three reviewers edit their files through the store → merge → the
values they agree on are final, those they differ on a disagreement, each reviewer's
values kept; merging again changes nothing; adjudications stay; a file that cannot be
merged is refused before anything is written."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from team_projects import dump, make_source

from reviewer.core.store import NewPosting, Store
from reviewer.core.team import TeamError, merge_projects, split_project
from reviewer.core.team import merge as merge_module

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from project_files import damage

NAMES = ["ana", "ben", "chen"]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Three reviewers' files, each with the same 12 postings (all shared)."""
    source = make_source(tmp_path / "project.db", n=12)
    with Store(source) as store:
        report = split_project(store, NAMES, tmp_path / "out", overlap=1.0, copies=3)
    return report.files


def edits(files: dict[str, Path]) -> None:
    """What the three reviewers do, each in their own file."""
    for name in NAMES:
        with Store(files[name], reviewer=name) as store:
            store.decisions.set_field(1, "title", "data  engineer" if name == "ben"
                                      else "Data Engineer", [[0, 13]])
            store.decisions.set_field(2, "title", "Engineer" if name == "ana" else "Analyst")
            store.labels.answer(3, "relevant", ["no"] if name == "chen" else ["yes"])
            store.labels.answer(4, "tags", ["remote", "urgent"])
            store.spans.add(5, 0, 4, "SKILL")
            if name != "chen":
                store.decisions.reject_field(6, "company")
            store.postings.set_status(7, "reviewed")
            if name == "ana":
                store.postings.set_comment(8, "check the salary")
                store.spans.add(9, 20, 26, "TOOL")
            store.timing.add(1, 30.0)


def reviews(path: Path) -> dict[tuple[str, str, str, str], object]:
    with closing(sqlite3.connect(path)) as db:
        return {(h, r, k, key): json.loads(v) for h, r, k, key, v in db.execute(
            "SELECT p.hash, r.reviewer, r.kind, r.key, r.value FROM reviews r"
            " JOIN postings p ON p.id = r.posting_id")}


def test_agreed_values_are_final_and_differing_ones_a_disagreement(
        files: dict[str, Path], tmp_path: Path) -> None:
    edits(files)
    out = tmp_path / "merged.db"
    report = merge_projects(out, [files[n] for n in NAMES])
    assert report.created and report.postings == 12
    assert [i.added for i in report.inputs] == [12, 0, 0]
    assert [i.reviewers for i in report.inputs] == [{n} for n in NAMES]
    with Store(out) as store:
        one = store.records.get(1)
        # alike but for case and spaces: the latest is final (chen's, who edited last)
        assert one["human"]["title"]["value"] == "Data Engineer"
        assert one["title"] == "Data Engineer"
        assert "title" not in store.records.get(2)["human"]  # ana differs from ben and chen
        assert store.records.get(3)["labels"] == {}  # chen differs
        assert store.records.get(4)["labels"] == {"tags": ["remote", "urgent"]}
        assert [(s["start"], s["end"], s["label"]) for s in store.records.get(5)["spans"]] == [
            (0, 4, "SKILL")]
        six = store.records.get(6)["human"]["company"]
        assert six["state"] == "rejected"  # chen did not decide the company: no vote
        seven = store.records.get(7)  # all three: the latest (by time, then name) credited
        assert (seven["status"], seven["status_by"]) == ("reviewed", "chen")
        eight = store.records.get(8)
        assert (eight["comment"], eight["comment_by"]) == ("check the salary", "ana")
        assert [s["label"] for s in store.records.get(9)["spans"]] == ["TOOL"]  # ana's alone
        assert sorted(store.queue.ids(field_state="disagreement")) == [2, 3]
        assert report.disagreements == 2
        assert store.reviews.reviewers() == NAMES
        assert store.reviews.of(2)["ana"][("field", "title")]["value"] == "Engineer"
        assert store.reviews.of(3)["chen"][("label", "relevant")] == ["no"]
        assert store.timing.seconds(1) == {"ana": 30.0, "ben": 30.0, "chen": 30.0}
        who = {r: by for r, by in store.db.execute(
            "SELECT field, reviewer FROM annotations WHERE posting_id = 1")}
        assert who == {"title": "chen"}


def test_a_span_only_one_reviewer_labelled_is_final(files: dict[str, Path],
                                                   tmp_path: Path) -> None:
    with Store(files["ana"], reviewer="ana") as store:
        store.spans.add(9, 20, 26, "TOOL")
    merge_projects(tmp_path / "merged.db", [files[n] for n in NAMES])
    with Store(tmp_path / "merged.db") as store:
        spans = store.records.get(9)["spans"]
        assert [(s["start"], s["end"], s["label"], s["origin"]) for s in spans] == [
            (20, 26, "TOOL", "human")]
        assert store.reviews.of(9) == {"ana": {("spans", ""): [[20, 26, "TOOL"]]}}


def test_merging_twice_changes_nothing(files: dict[str, Path], tmp_path: Path) -> None:
    edits(files)
    out = tmp_path / "merged.db"
    merge_projects(out, [files[n] for n in NAMES])
    first = dump(out)
    again = merge_projects(out, [files["ben"], files["ana"], files["chen"]])
    assert dump(out) == first
    assert sum(i.decisions for i in again.inputs) == 0 and again.final == again.withdrawn == 0


def test_the_order_of_the_files_does_not_change_the_reviews(files: dict[str, Path],
                                                            tmp_path: Path) -> None:
    edits(files)
    merge_projects(tmp_path / "a.db", [files[n] for n in NAMES])
    merge_projects(tmp_path / "b.db", [files[n] for n in reversed(NAMES)])
    assert reviews(tmp_path / "a.db") == reviews(tmp_path / "b.db")


def test_a_later_reviewer_who_differs_reopens_a_merged_value(files: dict[str, Path],
                                                            tmp_path: Path) -> None:
    out = tmp_path / "merged.db"
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.set_field(1, "title", "Data Engineer")
        store.postings.set_status(1, "reviewed")
    merge_projects(out, [files["ana"]])
    with Store(out) as store:
        assert store.records.get(1)["human"]["title"]["value"] == "Data Engineer"
    with Store(files["ben"], reviewer="ben") as store:
        store.decisions.set_field(1, "title", "Engineer")
        store.postings.set_status(1, "reviewed")
    report = merge_projects(out, [files["ben"]])
    assert report.withdrawn == 1 and report.disagreements == 1
    with Store(out) as store:
        assert "title" not in store.records.get(1)["human"]
        assert store.records.get(1)["status"] == "reviewed"  # they agree on that
        assert set(store.reviews.of(1)) == {"ana", "ben"}
    with Store(files["ana"], reviewer="ana") as store:  # ana comes round to ben's value
        store.decisions.set_field(1, "title", "engineer")
    merge_projects(out, [files["ana"]])
    with Store(out) as store:
        # (the later of the two alike; in the same second, the later name's)
        assert store.records.get(1)["human"]["title"]["value"].casefold() == "engineer"
        assert store.queue.count(field_state="disagreement") == 0


def test_adjudications_survive_a_later_merge(files: dict[str, Path], tmp_path: Path) -> None:
    edits(files)
    out = tmp_path / "merged.db"
    merge_projects(out, [files[n] for n in NAMES])
    with Store(out, reviewer="lead") as store:
        store.reviews.adjudicate(2, "title", "Data Analyst")
        store.labels.answer(3, "relevant", ["yes"])
        store.reviews.refresh([3])
        assert store.queue.count(field_state="disagreement") == 0
    with Store(files["chen"], reviewer="chen") as store:
        store.decisions.set_field(2, "title", "Engineer II")
        store.labels.answer(3, "relevant", ["yes"])
    report = merge_projects(out, [files[n] for n in NAMES])
    assert report.inputs[2].decisions == 2 and report.withdrawn == 0
    with Store(out) as store:
        title = store.records.get(2)["human"]["title"]
        assert (title["state"], title["value"]) == ("adjudicated", "Data Analyst")
        assert store.records.get(3)["labels"] == {"relevant": ["yes"]}
        assert store.reviews.of(2)["chen"][("field", "title")]["value"] == "Engineer II"
        assert "lead" not in store.reviews.reviewers()  # a ruling is no reviewer's value
        assert store.queue.count(field_state="disagreement") == 0


def test_the_project_a_split_came_from_counts_its_own_decisions(tmp_path: Path) -> None:
    source = make_source(tmp_path / "project.db", n=12)
    with Store(source, reviewer="lead") as store:
        store.decisions.set_field(1, "title", "Lead Title")
        store.decisions.set_field(2, "title", "Same Title")
        store.labels.answer(3, "relevant", ["no"])
        with store.atomic():  # a decision made before reviewers had names
            store.db.execute("UPDATE annotations SET reviewer = 'unknown' WHERE posting_id = 2")
        report = split_project(store, ["ana", "ben"], tmp_path / "out", overlap=1.0)
    with Store(report.files["ana"], reviewer="ana") as store:
        store.decisions.set_field(1, "title", "Ana Title")
        store.decisions.set_field(2, "title", "same title")
        store.labels.answer(4, "relevant", ["yes"])
    merged = merge_projects(source, [report.files["ana"], report.files["ben"]])
    # lead's titles count as reviewers' values; the label no reviewer answered stays theirs
    assert merged.own == 2 and merged.withdrawn == 1 and not merged.created
    with Store(source) as store:
        assert store.reviews.of(1) == {
            "ana": {("field", "title"): {"state": "corrected", "value": "Ana Title",
                                         "spans": []}},
            "lead": {("field", "title"): {"state": "corrected", "value": "Lead Title",
                                          "spans": []}}}
        assert set(store.reviews.of(2)) == {"ana", "project"}  # unknown: the file's name
        assert store.records.get(2)["human"]["title"]["value"].casefold() == "same title"
        assert store.records.get(3)["labels"] == {"relevant": ["no"]}
        assert store.records.get(4)["labels"] == {"relevant": ["yes"]}
        assert list(store.queue.ids(field_state="disagreement")) == [1]


def test_an_input_that_was_merged_brings_its_reviewers(files: dict[str, Path],
                                                       tmp_path: Path) -> None:
    edits(files)
    first = tmp_path / "first.db"
    merge_projects(first, [files["ana"], files["ben"]])
    with Store(first, reviewer="lead") as store:
        store.reviews.adjudicate(2, "title", "Data Analyst")
    second = tmp_path / "second.db"
    merge_projects(second, [first, files["chen"]])
    merge_projects(tmp_path / "all.db", [files[n] for n in NAMES])
    assert reviews(second) == reviews(tmp_path / "all.db")
    with Store(second) as store:
        title = store.records.get(2)["human"]["title"]
        assert (title["state"], title["value"]) == ("adjudicated", "Data Analyst")


def test_the_same_reviewer_s_later_value_wins(files: dict[str, Path], tmp_path: Path) -> None:
    old = tmp_path / "ana-old.db"
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.set_field(1, "title", "Old")
    shutil.copy(files["ana"], old)
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.set_field(1, "title", "New")
        with store.atomic():
            store.db.execute("UPDATE annotations SET updated_at = '2999-01-01T00:00:00+00:00'")
    out = tmp_path / "merged.db"
    report = merge_projects(out, [files["ana"], old])
    with Store(out) as store:
        assert store.reviews.of(1)["ana"][("field", "title")]["value"] == "New"
        assert store.records.get(1)["human"]["title"]["value"] == "New"
    # the older value not taken is said (a clock behind would lose a reviewer's edits)
    assert (report.inputs[0].older_values, report.inputs[1].older_values) == (0, 1)
    assert "  1 value of ana is older than theirs merged before, which stand: this file" \
        " was merged before, or is an older copy, or the clock of the machine it was worked" \
        " on is behind" in report.describe()


def test_a_value_put_back_by_an_undo_after_a_merge_is_the_reviewer_s_value(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """X, merged; Y, merged; Ctrl+Z (X again), merged: the merged project holds X. The
    row an undo puts back is an edit of the time of the undo, not of the first X."""
    import importlib

    seconds = iter(range(10, 60))
    for module in ("history", "decisions", "postings", "reviews", "spans"):
        monkeypatch.setattr(importlib.import_module(f"reviewer.core.store.{module}"), "now",
                            lambda: f"2030-01-01T00:00:{next(seconds)}+00:00")
    out = tmp_path / "merged.db"
    with Store(files["ben"], reviewer="ben") as store:
        store.decisions.set_field(1, "title", "X")
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(files["ben"], reviewer="ben") as store:
        y = store.decisions.set_field(1, "title", "Y")
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(files["ben"], reviewer="ben") as store:
        store.history.undo(y)
        assert store.records.get(1)["fields"]["title"] == "X"
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert store.reviews.of(1)["ben"][("field", "title")]["value"] == "X"


def test_a_file_that_cannot_be_merged_is_refused_before_anything_is_written(
        files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "merged.db"
    text = tmp_path / "notes.db"
    text.write_text("not a project", encoding="utf-8")
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE things (x)")
    empty = tmp_path / "empty.db"
    empty.touch()
    broken = tmp_path / "broken.db"
    shutil.copy(files["ben"], broken)
    assert damage(broken)
    for bad, words in ((text, "not a project file"), (other, "another application"),
                       (empty, "empty"), (tmp_path / "missing.db", "no such project file"),
                       (broken, "damaged")):
        with pytest.raises(TeamError, match=words) as refused:
            merge_projects(out, [files["ana"], bad])
        assert not out.exists()
        said = str(refused.value)  # one sentence, then the next
        assert ". Nothing was merged." in said or "Nothing" not in said, said
        assert ".." not in said, said
    merge_projects(out, [files["ana"]])
    before = dump(out)
    with pytest.raises(TeamError, match="the file merged into"):
        merge_projects(out, [files["ben"], out])
    with pytest.raises(TeamError, match="damaged"):
        merge_projects(out, [files["ben"], broken])
    assert dump(out) == before


def test_a_posting_whose_text_changed_since_the_split_is_reported(files: dict[str, Path],
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "merged.db"
    merge_projects(out, [files["ana"]])
    with Store(out) as store, store.atomic():
        store.db.execute("UPDATE postings SET cleaned = 'cleaned again' WHERE id = 1")
    with Store(files["ben"], reviewer="ben") as store:
        store.spans.add(1, 0, 4, "SKILL")
    report = merge_projects(out, [files["ben"]])
    assert report.inputs[0].text_differs == 1
    assert "1 postings have another cleaned text" in "\n".join(report.describe())


def test_spans_over_a_text_cleaned_again_are_moved_to_the_same_words(
        files: dict[str, Path], tmp_path: Path) -> None:
    """OUT's posting was cleaned again since the split (a line more at its top): the
    span labels and a field's evidence a reviewer made over the text they saw label the
    same words in OUT's text; a span whose words OUT's text does not hold is left out,
    said. Kept at their offsets, they labelled other words (" more " as a SKILL)."""
    out = tmp_path / "merged.db"
    with Store(files["ben"], reviewer="ben") as store:
        text = store.records.get(1)["cleaned"]
        gone = text.index("Python")
        store.spans.add(1, 0, 4, "SKILL")
        store.spans.add(1, gone, gone + 6, "TOOL")
        store.decisions.set_field(1, "title", text[0:4], [[0, 4]])
    merge_projects(out, [files["ana"]])
    prefix = "Posted again.\n\n"
    with Store(out) as store, store.atomic():
        store.db.execute("UPDATE postings SET cleaned = ? WHERE id = 1",
                         (prefix + text[:gone] + "Rust" + text[gone + 6:],))
    report = merge_projects(out, [files["ben"]])
    assert report.inputs[0].text_differs == 1 and report.inputs[0].spans_left == 1
    said = "\n".join(report.describe())
    assert "their spans were moved to the same words there (1 left out" in said
    with Store(out) as store:
        record = store.records.get(1)
        ours = record["cleaned"]
        spans = [(s["start"], s["end"], s["label"]) for s in record["spans"]]
        assert spans == [(len(prefix), len(prefix) + 4, "SKILL")]
        assert ours[len(prefix):len(prefix) + 4] == text[0:4]
        assert record["human"]["title"]["spans"] == [[len(prefix), len(prefix) + 4]]


def test_a_span_is_moved_to_the_occurrence_of_its_words_with_the_same_neighbours() -> None:
    from reviewer.core.team.anchor import place

    theirs = "Skills: Go. Nice to have: Go and Rust."
    ours = "New intro.\nSkills: Go. Nice to have: Go and Rust."
    assert place(theirs, ours, 26, 28) == 37 and ours[37:39] == "Go"  # the second "Go"
    assert place(theirs, ours, 8, 10) == 19
    assert place(theirs, theirs, 8, 10) == 8  # an unchanged text: where it was
    assert place(theirs, "no such words", 8, 10) is None
    assert place(theirs, ours, 30, 90) is None  # outside the reviewer's text
    # not inside another word: "SQL" is not the start of "SQLite", "50" not of "500",
    # where it is (the words before alike) or anywhere, in any script
    assert place("Python and SQL.", "Python; SQLite is a plus.", 11, 14) is None
    assert place("Python and SQL.", "Python and SQLite is a plus.", 11, 14) is None
    assert place("Salary 50 EUR", "Salary 500 EUR", 7, 9) is None
    assert place("\u0921\u0947\u091f\u093e \u0914\u0930", "\u0921\u0947\u091f\u093e\u092c"
                 "\u0947\u0938 \u0921\u0947\u091f\u093e", 0, 4) == 8  # Hindi: a mark ends it
    # a span inside a glued word lands where cleaning again set the words apart
    glued = "We are hiring.RequirementsStrong SQL skills"
    apart = "We are hiring.\nRequirements\nStrong SQL skills"
    at = glued.index("Strong")
    assert place(glued, apart, at, at + 17) == apart.index("Strong")
    assert place("SeniorPython developer", "Senior Python developer", 6, 12) == 7
    # many alike: the one where the span was, however many come before it
    lines = "".join(f"item {n}\n" for n in range(3000))
    at = lines.index("item 2500\n")
    moved = place(lines, "A new line.\n" + lines, at, at + 9)
    assert moved is not None and ("A new line.\n" + lines)[moved:moved + 10] == "item 2500\n"


def test_a_split_file_is_worked_in_its_reviewer_s_name(files: dict[str, Path],
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    """Two reviewers who never set a name (both "root" to the system) stay two: each
    file a split wrote edits in the name it was written for."""
    monkeypatch.delenv("REVIEWER_NAME", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "root")
    for name in ("ana", "ben"):
        with Store(files[name]) as store:
            assert store.reviewer == name
            store.decisions.set_field(1, "title", f"Title by {name}")
    with Store(tmp_path / "elsewhere.db") as store:
        assert store.reviewer == "root"
    monkeypatch.setenv("REVIEWER_NAME", "dora")  # a name given still wins
    with Store(files["ana"]) as store:
        assert store.reviewer == "dora"
    out = tmp_path / "merged.db"
    report = merge_projects(out, [files["ana"], files["ben"]])
    assert report.disagreements == 1
    with Store(out) as store:
        mine = store.reviews.of(1)
        assert mine["ana"][("field", "title")]["value"] == "Title by ana"
        assert mine["ben"][("field", "title")]["value"] == "Title by ben"


def test_one_name_in_two_files_is_said(files: dict[str, Path], tmp_path: Path) -> None:
    """Files worked under one name count as one reviewer's: a merge says so, since two
    people who kept the system's name look like that too (where they differ it refuses
    them: ``test_merge_names``)."""
    for pid, name in enumerate(("ana", "ben"), 1):
        with Store(files[name], reviewer="root") as store:
            store.decisions.set_field(pid, "title", f"Title by {name}")
    report = merge_projects(tmp_path / "merged.db", [files["ana"], files["ben"]])
    assert report.shared_names == {"root": ["ana.db", "ben.db"]}
    assert "ana.db and ben.db both carry the reviewer root" in "\n".join(report.describe())


def test_a_decision_taken_back_is_taken_back_in_the_merge(files: dict[str, Path],
                                                          tmp_path: Path) -> None:
    """A value a reviewer reverts, clears or undoes after a merge leaves the merged
    project at the next one: what they agreed on then is no one's decision now."""
    out = tmp_path / "merged.db"
    for name in ("ana", "ben"):
        with Store(files[name], reviewer=name) as store:
            store.decisions.set_field(1, "title", "A")
            store.labels.answer(3, "relevant", ["yes"])
            store.decisions.set_field(4, "company", "Acme")
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert store.records.get(1)["human"]["title"]["value"] == "A"
        assert store.records.get(3)["labels"] == {"relevant": ["yes"]}
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.revert_field(1, "title")
        store.labels.answer(3, "relevant", [])
        store.history.undo(store.decisions.set_field(4, "company", "Acme Ltd"))
        store.history.undo(store.decisions.revert_field(4, "company"))  # (back to Acme)
    with Store(files["ben"], reviewer="ben") as store:
        store.decisions.revert_field(1, "title")
    report = merge_projects(out, [files["ana"], files["ben"]])
    assert report.taken_back == 3
    with Store(out) as store:
        record = store.records.get(1)
        assert "title" not in record["human"]
        assert record["provenance"].get("title") in (None, "machine")
        assert store.records.get(3)["labels"] == {"relevant": ["yes"]}  # ben's still
        assert set(store.reviews.of(3)) == {"ben"}
        assert store.records.get(4)["human"]["company"]["value"] == "Acme"  # undone twice
        assert all(("field", "title") not in v for v in store.reviews.of(1).values())
    again = merge_projects(out, [files["ana"], files["ben"]])
    assert again.taken_back == 0 and again.final == again.withdrawn == 0


def test_spans_a_comment_and_a_status_taken_back_leave_the_merge(
        files: dict[str, Path], tmp_path: Path) -> None:
    """A reviewer's spans removed, comment cleared and status set back to new after a
    merge are taken back at the next one, as a field reverted is."""
    out = tmp_path / "merged.db"
    with Store(files["ana"], reviewer="ana") as store:
        span, _change = store.spans.add(9, 20, 26, "TOOL")
        store.postings.set_comment(8, "call HR 555-0100")
        store.postings.set_status(10, "flagged")
    merge_projects(out, [files["ana"]])
    with Store(out) as store:
        assert [s["label"] for s in store.records.get(9)["spans"]] == ["TOOL"]
        assert store.records.get(8)["comment"] == "call HR 555-0100"
        assert store.records.get(10)["status"] == "flagged"
    with Store(files["ana"], reviewer="ana") as store:
        store.spans.remove(span)
        store.postings.set_comment(8, "")
        store.postings.set_status(10, "new")
    report = merge_projects(out, [files["ana"]])
    assert report.taken_back == 3
    with Store(out) as store:
        assert store.records.get(9)["spans"] == []
        assert store.records.get(8)["comment"] == ""
        assert store.records.get(10)["status"] == "new"
        assert store.reviews.of(9) == store.reviews.of(8) == store.reviews.of(10) == {}


def test_a_status_or_a_comment_the_reviewers_differ_on_is_a_disagreement(
        files: dict[str, Path], tmp_path: Path) -> None:
    """ana flagged a posting ben reviewed; they left two comments on another. Both came
    out undecided (the flagged posting "new", out of a default export) and unmarked:
    now each is a disagreement until someone decides it in the merged file."""
    with Store(files["ana"], reviewer="ana") as store:
        store.postings.set_status(10, "flagged")
        store.postings.set_comment(11, "the salary is monthly")
    with Store(files["ben"], reviewer="ben") as store:
        store.postings.set_status(10, "reviewed")
        store.postings.set_comment(11, "duplicate of 12")
    out = tmp_path / "merged.db"
    report = merge_projects(out, [files["ana"], files["ben"]])
    with Store(out, reviewer="lead") as store:
        assert store.reviews.differing(10) == [("status", "")]
        assert store.reviews.differing(11) == [("comment", "")]
        assert {10, 11} <= set(store.queue.ids(field_state="disagreement"))
        store.postings.set_status(10, "flagged")  # the lead decides
        store.postings.set_comment(11, "monthly pay; a duplicate of 12")
        store.reviews.refresh([10, 11])
        assert store.reviews.differing(10) == store.reviews.differing(11) == []
    assert report.disagreements >= 2


def test_every_decision_of_the_project_split_from_counts_at_its_first_merge(
        tmp_path: Path) -> None:
    """The lead set a posting's title and company, then split: merged back, only the
    first (company) counted as the lead's value; the title stood as a ruling over ana's
    different one, unmarked."""
    source = make_source(tmp_path / "project.db", n=4)
    with Store(source, reviewer="lead") as store:
        store.decisions.set_field(1, "company", "Lead Co")
        store.decisions.set_field(1, "title", "Lead Title")
        report = split_project(store, ["ana", "ben"], tmp_path / "out", overlap=1.0,
                               copies=2)
    with Store(report.files["ana"], reviewer="ana") as store:
        store.decisions.set_field(1, "company", "Ana Co")
        store.decisions.set_field(1, "title", "Ana Title")
    merged = merge_projects(source, [report.files["ana"], report.files["ben"]])
    assert merged.own == 2
    with Store(source) as store:
        assert store.reviews.differing(1) == [("field", "company"), ("field", "title")]


def test_what_the_adjudicator_does_in_the_merged_file_is_no_reviewer_s_value(
        files: dict[str, Path], tmp_path: Path) -> None:
    """The lead accepted all on a merged posting: merging the same files again made every
    value the lead accepted, and "no span labels", the lead's own values, a third
    reviewer in the agreement and the exports."""
    edits(files)
    out = tmp_path / "merged.db"
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out, reviewer="lead") as store:
        store.decisions.accept_all(1)
        store.postings.set_status(7, "flagged")
        store.postings.set_status(12, "flagged")  # a posting no reviewer decided
    with Store(files["ana"], reviewer="ana") as store:
        store.postings.set_status(12, "new")  # (a line in her log: it comes to the merge)
    again = merge_projects(out, [files["ana"], files["ben"]])
    assert again.own == 0
    with Store(out) as store:
        assert store.reviews.reviewers() == ["ana", "ben"]


def test_the_latest_of_agreeing_reviewers_is_credited_whatever_the_order(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ana and ben gave the same title, ben later: merged ana then ben, ana was credited
    (the export's reviewer, Prodigy's annotator, Label Studio's completed_by); ben then
    ana, ben. The latest is, either way."""
    import importlib

    seconds = iter(range(10, 60))
    for module in ("history", "decisions"):
        monkeypatch.setattr(importlib.import_module(f"reviewer.core.store.{module}"), "now",
                            lambda: f"2030-01-01T00:00:{next(seconds)}+00:00")
    for name in ("ana", "ben"):
        with Store(files[name], reviewer=name) as store:
            store.decisions.set_field(1, "title", "Same Title")
    credited = []
    for n, order in enumerate((["ana", "ben"], ["ben", "ana"])):
        out = tmp_path / f"merged{n}.db"
        merge_projects(out, [files[name] for name in order])
        with closing(sqlite3.connect(out)) as db:
            credited.append(db.execute("SELECT reviewer FROM annotations WHERE field ="
                                       " 'title' AND posting_id = 1").fetchone()[0])
    assert credited == ["ben", "ben"]


def test_a_merged_posting_s_history_says_whose_values_came_in(
        files: dict[str, Path], tmp_path: Path) -> None:
    """The history of a posting three reviewers worked on said "Nothing done to this
    posting yet": the merge now logs, for each posting it brought values to, whose."""
    edits(files)
    out = tmp_path / "merged.db"
    merge_projects(out, [files[name] for name in NAMES])
    with Store(out) as store:
        merged = [(kind, data) for _at, _who, kind, data in store.history.posting_events(1)]
        assert [kind for kind, _data in merged] == ["merge", "merge", "merge"]
        assert sorted(data["reviewers"][0] for _kind, data in merged) == NAMES
        assert {data["file"] for _kind, data in merged} == {"ana.db", "ben.db", "chen.db"}
        assert all(data["decisions"] >= 1 for _kind, data in merged)
    before = len(store_events(out))
    merge_projects(out, [files[name] for name in NAMES])  # nothing new: no new lines
    assert len(store_events(out)) == before


def store_events(path: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT * FROM events WHERE kind = 'merge'").fetchall()


def test_a_reviewer_who_labelled_no_span_differs_from_one_who_did(
        files: dict[str, Path], tmp_path: Path) -> None:
    """Reviewed with no span labelled is an answer (none), as the agreement counts it: one
    reviewer's spans are not final where another reviewed the posting without them."""
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.accept_all(5)
    _spans_of(files, "ben", 5, (0, 4, "TOOL"))
    for n, order in enumerate((["ana", "ben"], ["ben", "ana"])):  # in either order
        out = tmp_path / f"merged{n}.db"
        merge_projects(out, [files[name] for name in order])
        _assert_spans_differ(out, 5)


def test_a_posting_no_longer_reviewed_has_no_answer_on_spans(
        files: dict[str, Path], tmp_path: Path) -> None:
    with Store(files["ana"], reviewer="ana") as store:
        store.postings.set_status(5, "reviewed")
    out = tmp_path / "merged.db"
    merge_projects(out, [files["ana"]])
    with Store(out) as store:
        assert store.reviews.of(5) == {"ana": {("spans", ""): [], ("status", ""): "reviewed"}}
    with Store(files["ana"], reviewer="ana") as store:
        store.postings.set_status(5, "new")
    merge_projects(out, [files["ana"]])
    with Store(out) as store:
        assert store.reviews.of(5) == {}


def test_values_alike_but_for_case_give_one_final_value_in_any_order(
        files: dict[str, Path], tmp_path: Path) -> None:
    """Two reviewers agree on a title but for its case: the final value is the later
    one's, whichever file is merged first."""
    with Store(files["ana"], reviewer="ana") as store:
        store.decisions.set_field(1, "title", "Senior Django developer")
    with Store(files["ben"], reviewer="ben") as store:
        store.decisions.set_field(1, "title", "Senior Django Developer")  # later
    finals = []
    for n, order in enumerate((["ana", "ben"], ["ben", "ana"])):
        out = tmp_path / f"merged{n}.db"
        merge_projects(out, [files[name] for name in order])
        with Store(out) as store:
            record = store.records.get(1)
            finals.append(record["human"]["title"]["value"])
            assert store.reviews.differing(1) == []
    assert finals == ["Senior Django Developer"] * 2


def test_a_merge_into_a_new_file_stopped_on_the_way_leaves_no_file(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new OUT is written under another name and put in place when the merge is done:
    one stopped part way (Ctrl-C) leaves nothing that looks like the merged project."""
    edits(files)
    out = tmp_path / "merged.db"
    real = merge_module._Merger.merge
    calls = 0

    def stopped(self: Any, *args: Any) -> int:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt
        return real(self, *args)

    monkeypatch.setattr(merge_module._Merger, "merge", stopped)
    with pytest.raises(KeyboardInterrupt):
        merge_projects(out, [files[n] for n in NAMES])
    assert sorted(p.name for p in tmp_path.iterdir() if "merged" in p.name) == []
    monkeypatch.undo()
    report = merge_projects(out, [files[n] for n in NAMES])
    assert report.created and report.postings == 12
    with Store(out) as store:  # the merge's own names are OUT's, not a temporary file's
        assert store.reviews.reviewers() == NAMES


def test_a_project_made_at_a_new_out_meanwhile_is_never_replaced(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OUT did not exist when the merge began; another program made a project there
    while it ran: that project is left as it is, and the merge is kept beside it, said."""
    out = tmp_path / "merged.db"
    real = merge_module._Merger.merge

    def meanwhile(self: Any, *args: Any) -> int:
        if not out.exists():
            with Store(out, reviewer="zoe") as other:  # (its -wal file too, on the way)
                other.postings.add([])
                other.meta.set_assigned_reviewer("zoe")
        return real(self, *args)

    monkeypatch.setattr(merge_module._Merger, "merge", meanwhile)
    with pytest.raises(TeamError, match=r"merged\.db was made by another program meanwhile"
                       r".*written is in .*merged\.merged\.db"):
        merge_projects(out, [files[n] for n in NAMES])
    with Store(out) as store:
        assert store.queue.count() == 0 and store.meta.assigned_reviewer() == "zoe"
    with Store(tmp_path / "merged.merged.db") as store:
        assert store.queue.count() == 12
    assert not list(tmp_path.glob(".merged.db*"))


def test_a_running_merges_file_is_not_taken_for_a_stopped_ones(
        files: dict[str, Path], tmp_path: Path) -> None:
    """Two merges into one new file: each writes a file of its own, and one starting
    removes another's only when nothing wrote to it for an hour (a running merge writes
    every batch, on whatever machine; a process id says nothing of another machine's)."""
    out = tmp_path / "merged.db"
    running = tmp_path / ".merged.db.4d2a17c9e3b1.partial"
    stopped = tmp_path / ".merged.db.0b9f3c2e11aa.partial"
    old = tmp_path / ".merged.db.partial"
    for path in (running, stopped, old):
        path.write_bytes(b"half a project")
    hours_ago = time.time() - 2 * 3600
    os.utime(stopped, (hours_ago, hours_ago))
    merge_projects(out, [files[n] for n in NAMES])
    assert running.read_bytes() == b"half a project"
    assert not stopped.exists() and not old.exists()


def test_a_new_merge_never_opens_a_file_an_earlier_run_left(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A merge killed part way left its file, named for its process; a later merge of
    the same process id (in a container, every run is process 1) opened it and put
    another project's postings in the merged file."""
    out = tmp_path / "merged.db"
    other = tmp_path / "other.db"
    with Store(other) as store:  # another project's postings
        store.postings.add([NewPosting(source=f"o{n}.txt", hash=f"other-{n}", kind="text",
                                       raw="x", cleaned="x", fields={}, confidence={})
                            for n in range(5)])
    for n in range(3):  # whatever the earlier runs' files were named
        shutil.copy(other, tmp_path / f".merged.db.{n}.partial")
    shutil.copy(other, tmp_path / f".merged.db.{os.getpid()}.partial")
    report = merge_projects(out, [files["ana"]])
    assert report.postings == 12
    with Store(out) as store:
        assert store.queue.count() == 12


def test_a_merge_whose_last_writes_stay_in_its_wal_file_is_not_put_in_place(
        files: dict[str, Path], tmp_path: Path) -> None:
    """A program reading the merge's file as it ended (a viewer, a backup) kept SQLite
    from folding the -wal file in; the main file alone was put in place and "merged"
    said, and merged.db was damaged. The merge's file is now kept, said, until its
    writes are whole."""
    out = tmp_path / "merged.db"
    reader: dict[str, sqlite3.Connection] = {}

    def progress(_done: int, _total: int) -> None:
        if "conn" not in reader:
            [partial] = tmp_path.glob(".merged.db.*.partial")
            conn = sqlite3.connect(partial, isolation_level=None)
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            reader["conn"] = conn

    with pytest.raises(TeamError, match=r"could not be completed \(another program holds it"):
        merge_projects(out, [files[n] for n in NAMES], progress=progress)
    reader["conn"].close()
    assert not out.exists()
    [partial] = tmp_path.glob(".merged.db.*.partial")
    with Store(partial) as store:  # nothing lost: the data is all there
        assert store.queue.count() == 12


def test_only_a_stopped_merges_own_files_are_removed(tmp_path: Path) -> None:
    from reviewer.core.team.files import clear_leftovers

    hours_ago = time.time() - 2 * 3600
    mine = tmp_path / ".a.db.0123456789ab.partial"
    theirs = tmp_path / ".a.db.x.db.0123456789ab.partial"  # a merge into a.db.x.db's
    for path in (mine, theirs):
        path.write_bytes(b"x")
        os.utime(path, (hours_ago, hours_ago))
    clear_leftovers(tmp_path / "a.db")
    assert not mine.exists() and theirs.exists()


def test_a_killed_merge_s_files_go_at_the_next_run_but_a_running_one_s_stay(
        files: dict[str, Path], tmp_path: Path) -> None:
    """A merge killed left its partial file, and each run killed added one (133 MB after
    four) until an hour had passed: one no run holds goes a minute after its last write;
    one a run holds (its lock taken) stays."""
    import fcntl

    from reviewer.core.team.files import clear_leftovers

    minutes_ago = time.time() - 120
    killed = tmp_path / ".m.db.0123456789ab.partial"
    running = tmp_path / ".m.db.ba9876543210.partial"
    for path in (killed, running):
        path.write_bytes(b"x")
        Path(f"{path}.lock").write_bytes(b"")
        os.utime(path, (minutes_ago, minutes_ago))
    handle = os.open(f"{running}.lock", os.O_RDWR)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        merge_projects(tmp_path / "m.db", [files["ana"], files["ben"]])
        assert not killed.exists() and not Path(f"{killed}.lock").exists()
        assert running.exists()
    finally:
        os.close(handle)
    clear_leftovers(tmp_path / "m.x.db")  # (another name's: nothing of m.db's)
    assert running.exists()
    assert [p.name for p in tmp_path.glob(".m.db.*.partial.lock")] == [f"{running.name}.lock"]


def test_a_folder_given_as_a_file_to_merge_is_said_so(files: dict[str, Path],
                                                    tmp_path: Path) -> None:
    with pytest.raises(TeamError, match="is a folder, not a project file"):
        merge_projects(tmp_path / "m.db", [files["ana"], tmp_path])


def test_a_merged_file_whose_spans_and_status_are_two_reviewers_is_no_ruling(
        files: dict[str, Path], tmp_path: Path) -> None:
    """team.db: ana's spans final, ben's status (ben reviewed it with the same span).
    Merged on into another file in either order with chen's different span, the
    reviewers differ on the spans: nothing of it is taken for an adjudication."""
    _spans_of(files, "ana", 1, (0, 4, "SKILL"), reviewed=False)
    _spans_of(files, "ben", 1, (0, 4, "SKILL"))
    _spans_of(files, "chen", 1, (5, 13, "TOOL"))
    team = tmp_path / "team.db"
    merge_projects(team, [files["ana"], files["ben"]])
    for n, order in enumerate(([team, files["chen"]], [files["chen"], team])):
        out = tmp_path / f"all{n}.db"
        report = merge_projects(out, order[:1])
        assert all(i.rulings == 0 for i in report.inputs)
        merge_projects(out, order[1:])
        _assert_spans_differ(out, 1)


def _spans_of(files: dict[str, Path], name: str, pid: int, span: tuple[int, int, str],
              reviewed: bool = True) -> None:
    """Reviewer ``name`` labels ``span`` of posting ``pid`` in their file (and marks it
    reviewed)."""
    with Store(files[name], reviewer=name) as store:
        store.spans.add(pid, *span)
        if reviewed:
            store.postings.set_status(pid, "reviewed")


def _assert_spans_differ(out: Path, pid: int) -> None:
    with Store(out) as store:
        assert store.records.get(pid)["spans"] == []
        assert ("spans", "") in store.reviews.differing(pid)


def test_spans_every_reviewer_took_back_leave_the_merge(files: dict[str, Path],
                                                       tmp_path: Path) -> None:
    spans = {}
    for name in ("ana", "ben"):
        with Store(files[name], reviewer=name) as store:
            spans[name] = store.spans.add(1, 0, 4, "SKILL")[0]
            if name == "ben":
                store.postings.set_status(1, "reviewed")
    out = tmp_path / "merged.db"
    merge_projects(out, [files["ana"], files["ben"]])
    for name in ("ana", "ben"):
        with Store(files[name], reviewer=name) as store:
            store.spans.remove(spans[name])
            if name == "ben":
                store.postings.set_status(1, "new")
    merge_projects(out, [files["ana"], files["ben"]])
    with Store(out) as store:
        assert store.records.get(1)["spans"] == [] and store.reviews.of(1) == {}


def test_one_span_of_several_removed_is_merged(files: dict[str, Path],
                                              tmp_path: Path) -> None:
    """(The spans' time was their latest row's: with the later span removed, the value
    looked older than the one merged before, and was passed over.)"""
    with Store(files["ana"], reviewer="ana") as store:
        store.spans.add(1, 0, 4, "SKILL")
        store.db.execute("UPDATE spans SET created_at = '2020-01-01T00:00:00+00:00'")
        late, _change = store.spans.add(1, 5, 13, "TOOL")
    out = tmp_path / "merged.db"
    merge_projects(out, [files["ana"]])
    with Store(files["ana"], reviewer="ana") as store:
        store.spans.remove(late)
    merge_projects(out, [files["ana"]])
    with Store(out) as store:
        assert [(s["start"], s["label"]) for s in store.records.get(1)["spans"]] == [
            (0, "SKILL")]
        assert store.reviews.of(1)["ana"][("spans", "")] == [[0, 4, "SKILL"]]


def test_the_report_counts_the_final_decisions_as_they_stand_whatever_the_order(
        files: dict[str, Path], tmp_path: Path) -> None:
    """The first file's values were counted final, then those a later file differed on
    "taken away": a new merged file said 15 final decisions and 4 taken away one way
    round, 10 and 4 the other, where 6 stood (and none had been there to take away)."""
    edits(files)
    for n, order in enumerate((NAMES, list(reversed(NAMES)))):
        report = merge_projects(tmp_path / f"m{n}.db", [files[name] for name in order])
        # the titles of 1, the tags of 4, the spans of 5 and 9, the company of 6, the
        # status of 7, the comment of 8; a new file: nothing was there to take away
        assert (report.final, report.withdrawn) == (7, 0)
        again = merge_projects(tmp_path / f"m{n}.db", [files[name] for name in order])
        assert (again.final, again.withdrawn) == (0, 0)


def test_without_hard_links_a_file_made_meanwhile_is_not_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the file system has no hard links (FAT, many network shares), the target was
    looked at and then renamed over: a file made between the two was replaced. The name
    is now taken first (a file made before the look, as if after, is kept)."""
    from reviewer.core.team import files as team_files

    def no_links(*_args: object) -> None:
        raise PermissionError("no hard links here")

    monkeypatch.setattr(team_files.os, "link", no_links)
    monkeypatch.setattr(team_files.Path, "exists", lambda _self: False)  # looked too early
    partial, target = tmp_path / ".t.db.0123456789ab.partial", tmp_path / "t.db"
    partial.write_bytes(b"the merge")
    target.write_bytes(b"another program's")
    assert not team_files._placed(partial, target)
    assert target.read_bytes() == b"another program's" and os.path.exists(partial)
    other = tmp_path / "u.db"
    assert team_files._placed(partial, other)
    assert other.read_bytes() == b"the merge" and not os.path.exists(partial)


def test_a_span_label_undone_in_a_reviewer_s_file_leaves_the_merged_one(
        files: dict[str, Path], tmp_path: Path) -> None:
    """Ctrl+Z of a span label wrote no line in the file's log (the change's rows were all
    new: it named no posting), so the next merge kept the span, and the export a label
    its reviewer took back. A redo is logged as one, not as a second undo."""
    out = tmp_path / "merged.db"
    with Store(files["ana"], reviewer="ana") as store:
        _sid, change = store.spans.add(1, 0, 4, "SKILL")
        change = store.history.sealed(change)
    merge_projects(out, [files["ana"]])
    with Store(out) as store:
        assert [s["label"] for s in store.records.get(1)["spans"]] == ["SKILL"]
    with Store(files["ana"], reviewer="ana") as store:
        redo = store.history.undo(change)
        assert store.records.get(1)["spans"] == []
        kinds = [k for (k,) in store.db.execute(
            "SELECT kind FROM events WHERE posting_id = 1 ORDER BY id")]
        assert kinds[-2:] == ["add_span", "undo"]
    report = merge_projects(out, [files["ana"]])
    assert report.taken_back == 1
    with Store(out) as store:
        assert store.records.get(1)["spans"] == []
    with Store(files["ana"], reviewer="ana") as store:
        store.history.undo(redo)
        assert [k for (k,) in store.db.execute(
            "SELECT kind FROM events WHERE posting_id = 1 ORDER BY id")][-1] == "redo"


def test_a_merge_asked_to_stop_stops_between_batches_and_running_it_again_finishes(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's Cancel said "Stopping after the current batch…" and the merge ran to
    the end. Asked to stop, it stops before its next batch; what it merged stays, the
    report says so, and the same merge again gives what one whole merge gives."""
    edits(files)
    source = tmp_path / "project.db"  # (the split's: merged into, as a lead does)
    whole, out = tmp_path / "whole.db", tmp_path / "out.db"
    shutil.copy(source, whole)
    shutil.copy(source, out)
    merge_projects(whole, [files[n] for n in NAMES])
    monkeypatch.setattr(merge_module, "BATCH", 5)
    steps: list[int] = []
    report = merge_projects(out, [files[n] for n in NAMES], lambda done, _t: steps.append(done),
                            cancelled=lambda: len(steps) == 2)
    assert report.stopped and steps == [5, 10]
    assert [item.postings for item in report.inputs] == [10]
    said = report.describe()
    assert said[0].startswith("Stopped before the end: 10 of the files' 36 postings were "
                              "merged into out.db")
    with Store(out) as store:
        assert list(store.reviews.of(1)) == ["ana"]  # ana's first two batches alone
        assert store.reviews.of(12) == {}
    again = merge_projects(out, [files[n] for n in NAMES])
    assert not again.stopped and not again.describe()[0].startswith("Stopped")

    def decided(path: Path) -> list[list[tuple[Any, ...]]]:
        with closing(sqlite3.connect(path)) as db:
            return [db.execute(sql).fetchall() for sql in (
                "SELECT * FROM annotations ORDER BY 1, 2", "SELECT * FROM doc_labels ORDER BY"
                " 1, 2, 3", 'SELECT posting_id, start, "end", label, origin, state, reviewer'
                " FROM spans ORDER BY 1, 2, 3, 4, 6", "SELECT * FROM reviews ORDER BY 1, 2, 3,"
                " 4", "SELECT id, status, status_by, disagreement, comment FROM postings")]
    assert decided(out) == decided(whole)


def test_a_new_file_s_merge_asked_to_stop_makes_no_file(files: dict[str, Path],
                                                        tmp_path: Path) -> None:
    out = tmp_path / "merged.db"
    report = merge_projects(out, [files[n] for n in NAMES], cancelled=lambda: True)
    assert report.stopped and report.describe() == [
        "Stopped before the end: merged.db was not made. Merge again to make it."]
    assert sorted(p.name for p in tmp_path.iterdir() if "merged" in p.name) == []
