"""Several reviewers' values of a posting, their disagreements and adjudication; the
guidelines and descriptions; the time spent on each posting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.core.store import NewPosting, Store
from reviewer.core.store.reviews import normalise, same


def _store(tmp_path: Path, reviewer: str = "adj") -> Store:
    store = Store(tmp_path / "p.db", reviewer=reviewer)
    store.postings.add([NewPosting(source="a.txt", hash=f"h{n}", kind="text", raw="p",
                                   cleaned="Data Engineer at Acme", fields={"title": "x"},
                                   confidence={"title": 0.5}, stages={"title": "prose"})
                        for n in (1, 2)])
    return store


def _field(value: object, state: str = "corrected") -> str:
    return json.dumps({"state": state, "value": value, "spans": []})


def test_values_compare_without_case_and_a_rejection_is_none() -> None:
    assert same({"state": "corrected", "value": "Data  Engineer"},
                {"state": "accepted", "value": "data engineer"})
    assert normalise({"state": "rejected", "value": "x"}) == normalise(None)
    assert not same(["a"], ["b"])
    # letters beyond ASCII lose their case too
    assert same("Zürich", "ZÜRICH") and same("São Paulo", "SÃO PAULO")
    assert same(["Düsseldorf"], ["düsseldorf"]) and not same("Zürich", "Zurich")


def test_a_whole_number_with_a_point_is_the_same_number() -> None:
    """3 from the window and 3.0 from a data file's float column counted as two values."""
    assert same({"state": "corrected", "value": 3}, {"state": "corrected", "value": 3.0})
    assert same({"state": "corrected", "value": {"min": 70000.0, "max": None}},
                {"state": "corrected", "value": {"min": 70000, "max": None}})
    assert not same({"state": "corrected", "value": 3}, {"state": "corrected", "value": 3.5})


def test_a_person_s_value_no_record_may_hold_is_refused(tmp_path: Path) -> None:
    """A blank title or skill was stored, exported, and refused by the export's own
    import; an adjudicated value was stored unchecked (a number for a title)."""
    store = _store(tmp_path)
    for name, value in (("title", "   "), ("skills", ["Python", ""]), ("company", "")):
        with pytest.raises(ValueError, match="blank"):
            store.decisions.set_field(1, name, value)
        with pytest.raises(ValueError, match="blank"):
            store.reviews.adjudicate(1, name, value)
    with pytest.raises(ValueError, match="not text"):
        store.reviews.adjudicate(1, "title", 5)
    with pytest.raises(ValueError, match="not a field"):
        store.reviews.adjudicate(1, "nonsense", None)
    assert store.records.get(1)["provenance"]["title"] == "machine"  # nothing written
    store.reviews.adjudicate(1, "title", None)  # (no value: the posting has none)
    store.close()



def test_a_ruling_on_values_changed_since_they_were_shown_is_refused(tmp_path: Path) -> None:
    """``shown``: the reviewers' values the ruling was taken from, checked in its own
    transaction; another program's merge that changed them since refuses it, writing
    nothing."""
    from reviewer.core.store import ChangedMeanwhile

    with _store(tmp_path) as store:
        store.reviews.put([(1, "ana", "field", "title", _field("A"), "t"),
                           (1, "ben", "field", "title", _field("B"), "t")])
        shown = {who: values[("field", "title")]
                 for who, values in store.reviews.of(1).items()}
        store.reviews.put([(1, "ben", "field", "title", _field("A"), "t2")])
        with pytest.raises(ChangedMeanwhile, match="values of Title changed"):
            store.reviews.adjudicate(1, "title", "B", shown=shown)
        assert store.records.get(1)["provenance"]["title"] == "machine"
        shown["ben"] = {"state": "corrected", "value": "A", "spans": []}
        store.reviews.adjudicate(1, "title", "A", shown=shown)
        assert store.records.get(1)["provenance"]["title"] == "adjudicated"


def test_values_given_again_alike_are_as_shown(tmp_path: Path) -> None:
    """A merge that brought the same title with other evidence, or the same skills in
    another order, refused the ruling as "changed since they were shown": they are
    compared as the disagreement is."""
    def given(value: object, spans: list[list[int]]) -> str:
        return json.dumps({"state": "corrected", "value": value, "spans": spans})

    with _store(tmp_path) as store:
        store.reviews.put([(1, "ana", "field", "title", given("A", []), "t1"),
                           (1, "ben", "field", "title", given("B", [[0, 4]]), "t1"),
                           (1, "ana", "field", "skills", given(["Go", "SQL"], []), "t1"),
                           (1, "ben", "field", "skills", given(["Rust"], []), "t1")])
        shown = store.reviews.of(1)
        store.reviews.put([(1, "ben", "field", "title", given(" b", [[0, 5]]), "t2"),
                           (1, "ana", "field", "skills", given(["SQL", "Go"], []), "t2")])
        for name, value in (("title", "A"), ("skills", ["Go", "SQL"])):
            store.reviews.adjudicate(1, name, value, shown={
                who: values[("field", name)] for who, values in shown.items()})
            assert store.records.get(1)["provenance"][name] == "adjudicated"


def test_differing_reviewers_make_a_disagreement_until_adjudicated(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        store.reviews.put([
            (1, "ana", "field", "title", _field("Data Engineer"), "t"),
            (1, "ben", "field", "title", _field("data engineer", "accepted"), "t"),
            (1, "ana", "field", "company", _field("Acme"), "t"),
            (1, "ben", "field", "company", _field(None, "rejected"), "t"),
            (1, "ana", "label", "relevant", json.dumps(["yes"]), "t"),
            (1, "ben", "label", "relevant", json.dumps(["no"]), "t"),
            (2, "ana", "field", "title", _field("Engineer"), "t")])
        assert store.reviews.reviewers() == ["ana", "ben"]
        assert store.reviews.of(1)["ben"][("field", "company")]["state"] == "rejected"
        assert store.reviews.differing(1) == [("field", "company"), ("label", "relevant")]
        assert store.reviews.differing(2) == []  # one reviewer: nothing to differ on
        store.reviews.refresh([1, 2])
        assert list(store.queue.ids(field_state="disagreement")) == [1]
        store.reviews.adjudicate(1, "company", "Acme", [[17, 21]])
        assert store.records.get(1)["human"]["company"]["state"] == "adjudicated"
        assert list(store.queue.ids(field_state="disagreement")) == [1]  # the label is left
        store.labels.answer(1, "relevant", ["yes"])
        store.reviews.refresh([1])
        assert list(store.queue.ids(field_state="disagreement")) == []
        assert store.db.execute("SELECT reviewer FROM annotations WHERE field = 'company'"
                                ).fetchone() == ("adj",)


def test_adjudication_is_undone_with_its_mark(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        store.reviews.put([(1, "ana", "field", "title", _field("A"), "t"),
                           (1, "ben", "field", "title", _field("B"), "t")])
        store.reviews.refresh([1])
        change = store.reviews.adjudicate(1, "title", "A")
        assert list(store.queue.ids(field_state="disagreement")) == []
        store.history.undo(change)
        assert list(store.queue.ids(field_state="disagreement")) == [1]
        assert "title" not in store.records.get(1)["human"]
        with pytest.raises(KeyError):
            store.reviews.adjudicate(99, "title", "A")


def test_an_answer_a_comment_or_a_span_settles_the_mark_and_its_undo_puts_it_back(
        tmp_path: Path) -> None:
    """Each edit that decides what the reviewers differ on takes the posting out of the
    disagreements, as an adjudicated field does, without a refresh asked for."""
    with _store(tmp_path) as store:
        store.reviews.put([(1, "ana", "label", "relevant", json.dumps(["yes"]), "t"),
                           (1, "ben", "label", "relevant", json.dumps(["no"]), "t"),
                           (2, "ana", "comment", "", json.dumps("dup"), "t"),
                           (2, "ben", "comment", "", json.dumps("fine"), "t")])
        store.reviews.refresh([1, 2])
        answered = store.history.made(lambda: store.labels.answer(1, "relevant", ["no"]))
        commented = store.history.made(lambda: store.postings.set_comment(2, "a dup"))
        assert list(store.queue.ids(field_state="disagreement")) == []
        store.history.undo(answered)
        store.history.undo(commented)
        assert list(store.queue.ids(field_state="disagreement")) == [1, 2]


def test_guidelines_and_descriptions(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        assert store.meta.guidelines() == "" and store.meta.descriptions() == {}
        store.meta.set_guidelines("# Guidelines\n\nA title is the role, not the team.")
        store.meta.set_descriptions({"field:title": "The role as the posting names it.",
                                     "option:relevant/yes": "A posting for one job."})
        assert store.meta.guidelines().startswith("# Guidelines")
        assert store.meta.descriptions()["option:relevant/yes"] == "A posting for one job."
        with pytest.raises(ValueError, match="field:NAME"):
            store.meta.set_descriptions({"title": "no kind"})


def test_time_is_kept_per_reviewer_and_visits_are_capped(tmp_path: Path) -> None:
    with _store(tmp_path, "ana") as store:
        store.timing.add(1, 30.5)
        store.timing.add(1, 10)
        store.timing.add(2, 99_999)  # a window left open counts an hour at most
        store.timing.add(2, -5)
        store.postings.set_status(1, "reviewed")
        assert store.timing.seconds(1) == {"ana": 40.5}
        assert store.timing.per_reviewer() == {"ana": (1, 40.5 + 3600.0)}
    with Store(tmp_path / "p.db", reviewer="ben") as store:
        store.timing.add(1, 20)
        assert store.timing.seconds(1) == {"ana": 40.5, "ben": 20.0}


def test_differing_spans_are_settled_by_spans_of_the_posting(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        store.reviews.put([(1, "ana", "spans", "", json.dumps([[0, 4, "SKILL"]]), "t"),
                           (1, "ben", "spans", "", json.dumps([[5, 13, "SKILL"]]), "t")])
        store.reviews.refresh([1])
        assert store.reviews.differing(1) == [("spans", "")]
        store.spans.add(1, 0, 4, "SKILL")
        store.reviews.refresh([1])
        assert store.reviews.differing(1) == []
        assert list(store.queue.ids(field_state="disagreement")) == []


def test_a_bulk_edit_settles_the_disagreements_it_decides(tmp_path: Path) -> None:
    from reviewer.core.store import BulkEdit

    with _store(tmp_path) as store:
        store.reviews.put([(1, "ana", "field", "title", _field("A"), "t"),
                           (1, "ben", "field", "title", _field("B"), "t")])
        store.reviews.refresh([1])
        change = store.bulk.apply(BulkEdit("field", "title", "A"), [1, 2])
        assert change is not None
        assert list(store.queue.ids(field_state="disagreement")) == []
        # settled as typing it does: adjudicated (it was "corrected"); no dispute on 2
        assert store.records.get(1)["provenance"]["title"] == "adjudicated"
        assert store.records.get(2)["provenance"]["title"] in ("accepted", "corrected")
        store.bulk.undo(change)
        assert list(store.queue.ids(field_state="disagreement")) == [1]


def test_values_alike_but_for_spaces_at_their_ends_are_the_same() -> None:
    """"A" and "a " were two values (a disagreement, agreement 0.0): the README says
    case and spaces aside."""
    from reviewer.core.store import reviewers_differ, same_review

    field = {"state": "corrected", "spans": []}
    assert same_review({**field, "value": "Data  Engineer "}, {**field, "value": "data engineer"})
    assert not reviewers_differ([{**field, "value": ["Python ", "SQL"]},
                                 {**field, "value": ["python", " sql"]}])
    assert reviewers_differ([{**field, "value": "A"}, {**field, "value": "B"}])


def test_a_list_field_s_items_in_another_order_say_the_same() -> None:
    """Two reviewers with the skills Python and Go, written in another order (or one of
    them twice), agreed: the posting was a disagreement, and the agreement 0."""
    ana = {"state": "corrected", "value": ["Python", "Go"], "spans": []}
    ben = {"state": "corrected", "value": ["go", "Python", "Python "], "spans": []}
    assert same(ana, ben) and normalise(ana) == normalise(ben)
    assert not same(ana, {"state": "corrected", "value": ["Python"], "spans": []})
    assert not same(["a", "b"], [["a", "b"]])  # spans and other lists as they are


def test_time_waits_for_another_writer_only_as_long_as_asked(tmp_path: Path) -> None:
    """Another process holds the file for a second: time added with a short wait is not
    written (DatabaseError: the window keeps the seconds for later), where a write of
    a person's edit waits its turn (the busy timeout) and is."""
    import sqlite3
    import threading

    from reviewer.core.store import DatabaseError

    _store(tmp_path, "ana").close()
    holder = sqlite3.connect(tmp_path / "p.db", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        with Store(tmp_path / "p.db", reviewer="ana") as store:
            with pytest.raises(DatabaseError):
                store.timing.add(1, 30, wait=0.05)
            store.timing.add(1, 10)  # waits for the holder, then is written
            assert store.timing.seconds(1) == {"ana": 10.0}
    finally:
        release.join()
        holder.close()


def test_a_reviewer_s_name_in_another_spelling_is_the_same_reviewer(tmp_path: Path) -> None:
    """"José" composed or not, "ben" or "Ben" in ben's own file, "b\\u200ben": two
    people to a merge and the agreement, and their spans undecided."""
    import unicodedata

    path = tmp_path / "ben.db"
    with Store(path) as store:
        store.meta.set_assigned_reviewer("ben")
    with Store(path, reviewer="Ben") as store:
        assert store.reviewer == "ben"
    with Store(path, reviewer="b\u200ben") as store:
        assert store.reviewer == "ben"
    decomposed = unicodedata.normalize("NFD", "José")
    with Store(tmp_path / "j.db", reviewer=decomposed) as store:
        assert store.reviewer == "José" and len(store.reviewer) == 4
