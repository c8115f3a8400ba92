"""Bulk edits: one edit to many postings in one transaction, and its undo in one step.

A status, a document label's answer, a field's value, or the machine's value of a field
accepted, on every posting asked; the decisions on other fields are never touched, and
undo puts every posting back as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reviewer.core.labels import Option, Question
from reviewer.core.store import BulkEdit, ChangedSince, NewPosting, Store


def posting(n: int) -> NewPosting:
    text = f"# Data Engineer {n}\n\nRemote, in Berlin. Python and SQL.\n"
    fields: dict[str, Any] = {"title": f"Data Engineer {n}", "company": "Acme",
                              "locations": ["Berlin"], "skills": ["Python", "SQL"]}
    if n % 2:  # the odd postings: the machine found them remote
        fields["remote"] = "remote"
    return NewPosting(source=f"p{n}.txt", hash=f"h{n}", kind="text", raw=text, cleaned=text,
                      fields=fields, evidence={"remote": [[0, 6]]},
                      confidence=dict.fromkeys(fields, 0.8))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "project.db")
    s.postings.add([posting(n) for n in range(1, 11)])
    return s


def state(store: Store, pid: int) -> dict[str, Any]:
    """What a bulk edit may change of a posting, and what it must not. (Not its
    ``updated_at``: an undo is an edit of now, dated when it is made; see below.)"""
    p = store.records.get(pid)
    return {k: p[k] for k in ("status", "fields", "provenance", "labels",
                              "title", "company", "location")}


def test_an_undo_is_dated_when_it_is_made(store: Store,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A merge takes a reviewer's latest value by its time: the value an undo puts back
    is their latest, so the postings it changes are dated now, after the edit it undoes,
    and the postings it leaves keep their time."""
    import importlib

    seconds = iter(range(10, 60))
    for module in ("history", "bulk", "postings", "decisions"):
        monkeypatch.setattr(importlib.import_module(f"reviewer.core.store.{module}"), "now",
                            lambda: f"2030-01-01T00:00:{next(seconds)}+00:00")
    store.postings.set_status(2, "reviewed")
    before = {pid: store.records.get(pid)["updated_at"] for pid in range(1, 11)}
    change = store.bulk.apply(BulkEdit("status", value="reviewed"), [1, 2, 3])
    assert change is not None
    edited = {pid: store.records.get(pid)["updated_at"] for pid in range(1, 11)}
    store.bulk.undo(change)
    after = {pid: store.records.get(pid)["updated_at"] for pid in range(1, 11)}
    assert all(after[pid] > edited[pid] > before[pid] for pid in (1, 3))
    assert {pid: after[pid] for pid in range(4, 11)} == \
        {pid: before[pid] for pid in range(4, 11)}


def test_a_status_on_many_postings_and_its_undo_in_one_step(store: Store) -> None:
    store.postings.set_status(2, "reviewed")
    before = {pid: state(store, pid) for pid in range(1, 11)}
    change = store.bulk.apply(BulkEdit("status", value="reviewed"), [1, 2, 3, 4])
    assert change is not None and change.changed == 3  # 2 was reviewed already
    assert [store.records.get(p)["status"] for p in range(1, 6)] == ["reviewed"] * 4 + ["new"]
    assert store.queue.count("reviewed") == 4
    store.bulk.undo(change)
    assert {pid: state(store, pid) for pid in range(1, 11)} == before


def test_a_label_answer_and_its_undo(store: Store) -> None:
    store.labels.answer(3, "relevant", ["no"])
    before = {pid: state(store, pid) for pid in range(1, 11)}
    change = store.bulk.apply(BulkEdit("label", "relevant", ["yes"]), [1, 2, 3])
    assert change is not None and change.changed == 3
    assert [store.records.get(p)["labels"].get("relevant") for p in (1, 2, 3, 4)] == \
        [["yes"], ["yes"], ["yes"], None]
    store.bulk.undo(change)
    assert {pid: state(store, pid) for pid in range(1, 11)} == before
    assert store.records.get(3)["labels"] == {"relevant": ["no"]}


def test_setting_a_field_keeps_the_decisions_on_other_fields(store: Store) -> None:
    store.decisions.set_field(2, "title", "Staff Data Engineer")
    store.decisions.reject_field(4, "skills")
    store.decisions.set_field(6, "remote", "hybrid")
    before = {pid: state(store, pid) for pid in range(1, 11)}
    change = store.bulk.apply(BulkEdit("field", "remote", "remote"), list(range(1, 11)))
    assert change is not None
    for pid in range(1, 11):
        p = store.records.get(pid)
        assert p["fields"]["remote"] == "remote"
        # the machine said remote on the odd ones: accepted; corrected on the even ones
        assert p["provenance"]["remote"] == ("accepted" if pid % 2 else "corrected")
    assert store.records.get(2)["fields"]["title"] == "Staff Data Engineer"
    assert store.records.get(2)["provenance"]["title"] == "corrected"
    assert store.records.get(4)["provenance"]["skills"] == "rejected"
    store.bulk.undo(change)
    assert {pid: state(store, pid) for pid in range(1, 11)} == before
    assert store.records.get(6)["fields"]["remote"] == "hybrid"


def test_accepting_the_machines_value_leaves_decided_and_unsuggested_postings(
        store: Store) -> None:
    store.decisions.set_field(3, "remote", "onsite")
    preview = store.bulk.preview(BulkEdit("accept", "remote"), [1, 2, 3, 4, 5])
    assert preview.changing == 2  # 1 and 5: 2 and 4 have no suggestion, 3 is decided
    change = store.bulk.apply(BulkEdit("accept", "remote"), [1, 2, 3, 4, 5])
    assert change is not None and change.changed == 2
    provenance = [store.records.get(p)["provenance"]["remote"] for p in range(1, 6)]
    assert provenance == ["accepted", "none", "corrected", "none", "accepted"]
    assert store.records.get(1)["human"]["remote"]["spans"] == [[0, 6]]  # its evidence
    store.bulk.undo(change)
    assert [store.records.get(p)["provenance"]["remote"] for p in (1, 5)] == ["machine"] * 2


def test_accepting_the_machines_value_leaves_a_field_reviewers_differ_on(
        store: Store) -> None:
    """Reviewers differ on the remote of posting 1 (neither took the machine's): bulk
    accept made the machine's value final, "accepted", and the disagreement went."""
    import json

    field = {"state": "corrected", "spans": []}
    store.reviews.put([
        (1, "ana", "field", "remote", json.dumps({**field, "value": "hybrid"}), "t"),
        (1, "ben", "field", "remote", json.dumps({**field, "value": "onsite"}), "t")])
    store.reviews.refresh([1])
    assert store.bulk.preview(BulkEdit("accept", "remote"), [1, 5]).changing == 1
    change = store.bulk.apply(BulkEdit("accept", "remote"), [1, 5])
    assert change is not None and change.changed == 1
    assert store.records.get(1)["provenance"]["remote"] == "machine"
    assert store.reviews.differing(1) == [("field", "remote")]


def test_a_listed_field_keeps_the_list_columns_and_the_search_on_it(store: Store) -> None:
    change = store.bulk.apply(BulkEdit("field", "company", "Globex"), [1, 2])
    assert change is not None
    assert store.queue.rows([1, 2, 3])[1][3] == "Globex"
    assert store.queue.rows([1, 2, 3])[3][3] == "Acme"
    assert sorted(store.queue.search("Globex")) == [1, 2]
    store.bulk.undo(change)
    assert store.queue.rows([1])[1][3] == "Acme" and store.queue.search("Globex") == []
    store.bulk.apply(BulkEdit("field", "locations", ["Paris", "Lyon"]), [4])
    assert store.queue.rows([4])[4][4] == "Paris; Lyon"  # every place: filtered by any


def test_a_preview_counts_what_would_change_and_what_a_person_decided(store: Store) -> None:
    store.decisions.set_field(2, "remote", "hybrid")
    store.decisions.set_field(3, "remote", "remote")
    preview = store.bulk.preview(BulkEdit("field", "remote", "remote"), [1, 2, 3, 4])
    assert (preview.changing, preview.replacing) == (3, 1)  # 3 has it; 2's decision goes
    assert store.bulk.preview(BulkEdit("status", value="new"), [1, 2]).changing == 0
    assert store.records.get(1)["provenance"]["remote"] == "machine"  # nothing written


def test_redo_is_the_edit_made_again(store: Store) -> None:
    change = store.bulk.apply(BulkEdit("label", "role_family", ["data"]), [5, 6])
    assert change is not None
    store.bulk.undo(change)
    again = store.bulk.apply(change.edit, change.ids)
    assert again is not None and again.changed == 2
    assert store.records.get(6)["labels"] == {"role_family": ["data"]}


def test_batches_report_progress_and_a_cancel_leaves_every_posting(store: Store) -> None:
    store.bulk.batch = 3
    seen: list[tuple[int, int]] = []
    change = store.bulk.apply(BulkEdit("status", value="flagged"), list(range(1, 11)),
                              progress=lambda done, total: seen.append((done, total)))
    assert change is not None and seen == [(3, 10), (6, 10), (9, 10), (10, 10)]
    store.bulk.undo(change)
    calls = iter([False, False, True])
    assert store.bulk.apply(BulkEdit("status", value="skipped"), list(range(1, 11)),
                            cancelled=lambda: next(calls)) is None
    assert store.queue.count("skipped") == 0  # the batches done before are rolled back
    change = store.bulk.apply(BulkEdit("status", value="skipped"), list(range(1, 11)))
    assert change is not None
    assert not store.bulk.undo(change, cancelled=lambda: True)
    assert store.queue.count("skipped") == 10  # an undo stopped undoes nothing


def test_the_log_names_each_posting_so_reviews_per_day_count_them(store: Store) -> None:
    change = store.bulk.apply(BulkEdit("status", value="reviewed"), [1, 2, 3])
    assert change is not None
    assert sum(n for _day, n in store.reports.progress()) == 3
    store.bulk.undo(change)
    assert sum(n for _day, n in store.reports.progress()) == 0


def test_an_edit_that_cannot_be_made_is_refused_before_anything_changes(store: Store) -> None:
    for edit in (BulkEdit("status", value="done"), BulkEdit("label", "relevant", ["maybe"]),
                 BulkEdit("label", "relevant", ["yes", "no"]), BulkEdit("label", "spans", []),
                 BulkEdit("label", "nope", []), BulkEdit("field", "colour", "red"),
                 BulkEdit("field", "remote", None), BulkEdit("accept", "colour"),
                 BulkEdit("rename", "title", "x"), BulkEdit("field", "title", "  "),
                 BulkEdit("field", "skills", ["Go", ""]), BulkEdit("field", "title", 5)):
        with pytest.raises(ValueError):
            store.bulk.apply(edit, [1, 2])
    assert store.bulk.apply(BulkEdit("label", "relevant", []), [1]) is not None  # no answer


def test_ids_not_in_the_project_and_repeated_ids_are_passed_over(store: Store) -> None:
    change = store.bulk.apply(BulkEdit("status", value="flagged"), [1, 1, 99, 2])
    assert change is not None and change.changed == 2
    store.bulk.undo(change)
    assert store.queue.count("flagged") == 0


def test_every_posting_of_a_range_in_one_edit(store: Store) -> None:
    change = store.bulk.apply(BulkEdit("label", "role_family", ["data"]), range(1, 11))
    assert change is not None and change.changed == 10
    assert store.reports.stats()["labels"] == {"role_family": {"data": 10}}
    store.bulk.undo(change)
    assert store.reports.stats()["labels"] == {}


def test_a_multiple_choice_answer_replaces_the_old_one(store: Store) -> None:
    store.labels.save_schema([Question("perks", "multi", [Option("gym"), Option("bike"),
                                                          Option("food")])])
    store.labels.answer(2, "perks", ["food"])
    change = store.bulk.apply(BulkEdit("label", "perks", ["gym", "bike"]), [1, 2])
    assert change is not None and change.changed == 2
    assert [sorted(store.records.get(p)["labels"]["perks"]) for p in (1, 2)] == \
        [["bike", "gym"]] * 2
    store.bulk.undo(change)
    assert [store.records.get(p)["labels"] for p in (1, 2)] == [{}, {"perks": ["food"]}]


def test_a_status_set_in_bulk_settles_a_status_the_reviewers_differ_on(store: Store) -> None:
    """Marked reviewed in bulk, a posting whose reviewers differed on its status stayed
    in the disagreement list though nothing differed any more; its undo likewise."""
    import json

    store.reviews.put([(3, "ana", "status", "", json.dumps("flagged"), "t"),
                       (3, "ben", "status", "", json.dumps("reviewed"), "t")])
    store.reviews.refresh([3])
    assert 3 in store.queue.ids(field_state="disagreement")
    change = store.bulk.apply(BulkEdit("status", value="reviewed"), [2, 3])
    assert change is not None
    assert 3 not in store.queue.ids(field_state="disagreement")
    store.bulk.undo(change)
    assert 3 in store.queue.ids(field_state="disagreement")


def test_an_undone_bulk_edit_is_an_edit_of_its_own_time(store: Store,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A bulk edit undone put back the old rows with their old times: a merge, which
    keeps a reviewer's latest value by its time, then kept the value undone."""
    import reviewer.core.store.bulk as bulk

    seconds = iter(range(10, 60))
    monkeypatch.setattr(bulk, "now", lambda: f"2030-01-01T00:00:{next(seconds)}+00:00")
    store.decisions.set_field(2, "title", "X")
    change = store.bulk.apply(BulkEdit("field", "title", "Y"), [2])  # at :10
    assert change is not None
    store.bulk.undo(change)  # at :11
    annotation = store.db.execute("SELECT value, updated_at FROM annotations WHERE"
                                  " posting_id = 2 AND field = 'title'").fetchone()
    assert annotation == ('"X"', "2030-01-01T00:00:11+00:00")
    assert store.records.get(2)["updated_at"] == "2030-01-01T00:00:11+00:00"


@pytest.mark.parametrize(("edit", "theirs"), [
    (BulkEdit("status", value="reviewed"), lambda s: s.postings.set_status(2, "flagged")),
    (BulkEdit("label", "relevant", ["yes"]), lambda s: s.labels.answer(2, "relevant", ["no"])),
    (BulkEdit("field", "remote", "remote"),
     lambda s: s.decisions.set_field(2, "remote", "hybrid")),
    (BulkEdit("accept", "remote"), lambda s: s.decisions.set_field(3, "remote", "hybrid")),
])
def test_a_bulk_undo_leaves_what_another_process_changed_since(
        store: Store, tmp_path: Path, edit: BulkEdit, theirs: Any) -> None:
    """An undo put back every posting as it was before the edit, over what another
    process or reviewer had done to one of them since; and a redo wrote over it again."""
    ids = [1, 2, 3, 4]
    change = store.bulk.apply(edit, ids)
    assert change is not None and change.changed >= 2
    touched = 2 if edit.kind != "accept" else 3
    with Store(tmp_path / "project.db", reviewer="ben") as other:
        theirs(other)
    after_them = state(store, touched)
    assert store.bulk.undo(change)
    assert change.left == [touched]  # said, and left as they made it
    assert {k: v for k, v in state(store, touched).items() if k != "updated_at"} == \
        {k: v for k, v in after_them.items() if k != "updated_at"}
    others = [pid for pid in change.ids if pid != touched]
    again = store.bulk.apply(change.edit, change.redo_ids)
    assert again is not None and touched not in again.ids and set(again.ids) <= set(others)
    assert {k: v for k, v in state(store, touched).items() if k != "updated_at"} == \
        {k: v for k, v in after_them.items() if k != "updated_at"}


@pytest.mark.parametrize(("edit", "theirs"), [
    (BulkEdit("status", value="reviewed"), lambda s: s.postings.set_status(2, "skipped")),
    (BulkEdit("label", "relevant", ["yes"]), lambda s: s.labels.answer(2, "relevant", ["no"])),
    (BulkEdit("field", "company", "Bulkco"),
     lambda s: s.decisions.set_field(2, "company", "Ben's Company")),
    (BulkEdit("accept", "remote"), lambda s: s.decisions.set_field(3, "remote", "hybrid")),
])
def test_a_bulk_redo_leaves_what_another_process_changed_since_the_undo(
        store: Store, tmp_path: Path, edit: BulkEdit, theirs: Any) -> None:
    """A redo made the edit again on every posting its undo had put back, over what another
    process or reviewer had done to one of them after the undo: their "skipped" became
    "reviewed" again, their company the one given in bulk, and nothing said so."""
    change = store.bulk.apply(edit, [1, 2, 3, 4])
    assert change is not None and change.changed >= 2
    assert store.bulk.undo(change) and change.left == []
    touched = 2 if edit.kind != "accept" else 3
    with Store(tmp_path / "project.db", reviewer="ben") as other:
        theirs(other)
    after_them = state(store, touched)
    again = store.bulk.redo(change)
    assert again is not None and again.left == [touched]  # said, and left as they made it
    assert state(store, touched) == after_them
    assert sorted(again.ids) == [pid for pid in change.ids if pid != touched]
    assert store.bulk.undo(again) and again.left == []  # its undo puts back only those
    assert state(store, touched) == after_them


@pytest.mark.parametrize("was", [{"ja": "yes", "no": "no"}, {"no": "yes", "yes": "no"}])
def test_a_bulk_label_redo_is_refused_once_the_label_schema_changed(
        store: Store, tmp_path: Path, was: dict[str, str]) -> None:
    """Another program renamed the option answered ("yes" to "ja"): the redo failed on a
    bare ValueError, "relevant has no option 'yes'", that the window did not expect; had
    it swapped "yes" and "no", the redo would have answered the option that means "no"."""
    change = store.bulk.apply(BulkEdit("label", "relevant", ["yes"]), [1, 2, 3])
    assert change is not None and store.bulk.undo(change)
    with Store(tmp_path / "project.db", reviewer="ben") as other:
        schema = other.labels.schema()
        origins = {(q.name, o): (q.name, o) for q in schema for o in q.option_names()
                   if q.name != "relevant"}
        origins.update({("relevant", new): ("relevant", old) for new, old in was.items()})
        relevant = next(q for q in schema if q.name == "relevant")
        relevant.options = [Option(new) for new in was]
        other.labels.save_schema(schema, origins)
    before = {pid: state(store, pid) for pid in range(1, 11)}
    with pytest.raises(ChangedSince, match="the label schema"):
        store.bulk.redo(change)
    with pytest.raises(ChangedSince, match="the label schema"):
        store.bulk.check_redo(change)  # (what the window asks before a long redo)
    assert {pid: state(store, pid) for pid in range(1, 11)} == before
    status = store.bulk.apply(BulkEdit("status", value="reviewed"), [1, 2])
    assert status is not None and store.bulk.undo(status)
    store.bulk.check_redo(status)  # a status is no label: the schema is not its concern


def test_names_swapped_in_their_places_stop_a_label_undo_and_redo(store: Store,
                                                                  tmp_path: Path) -> None:
    """Another program swapped the names "yes" and "no" each in its place (the schema's
    text the same after, its answers moved): a redo answered "yes", which meant "no"
    now, and a bulk undo put back a "no" that meant "yes" (a one-posting redo as well);
    none of them was refused."""
    store.labels.answer(4, "relevant", ["no"])
    one = store.history.made(lambda: store.labels.answer(5, "relevant", ["yes"]))
    one = store.history.undo(one)
    undone = store.bulk.apply(BulkEdit("label", "relevant", ["yes"]), [1, 2, 3])
    assert undone is not None and store.bulk.undo(undone)
    later = store.bulk.apply(BulkEdit("label", "relevant", ["yes"]), [4])
    with Store(tmp_path / "project.db", reviewer="ben") as other:
        schema = other.labels.schema()
        origins = {(q.name, o): (q.name, o) for q in schema for o in q.option_names()}
        origins[("relevant", "yes")], origins[("relevant", "no")] = (
            ("relevant", "no"), ("relevant", "yes"))
        other.labels.save_schema(schema, origins)  # (same names, same places)
    with pytest.raises(ChangedSince, match="the label schema"):
        store.bulk.redo(undone)
    with pytest.raises(ChangedSince, match="the label schema"):
        store.bulk.undo(later)
    with pytest.raises(ChangedSince, match="the label schema"):
        store.history.undo(one)


def test_a_bulk_accept_redo_leaves_a_posting_whose_suggestion_changed_since_the_undo(
        store: Store, tmp_path: Path) -> None:
    """An accept undone, then the machine's value of one posting changed (a re-extraction
    by another process), then redone: the new value was accepted, one no person saw
    (the undo itself leaves such a posting)."""
    change = store.bulk.apply(BulkEdit("accept", "remote"), [1, 3, 5])  # (odd: remote)
    assert change is not None and store.bulk.undo(change) and change.left == []
    with Store(tmp_path / "project.db", reviewer="ben") as other:
        other.db.execute("UPDATE suggestions SET value = '\"onsite\"' WHERE posting_id = 3"
                         " AND field = 'remote'")
    again = store.bulk.redo(change)
    assert again is not None and again.left == [3] and sorted(again.ids) == [1, 5]
    assert store.records.get(3)["provenance"]["remote"] == "machine"
    assert store.bulk.undo(again) and store.bulk.redo(again) is not None  # (again, and back)
