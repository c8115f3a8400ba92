"""The label schema: its default, its checks, its JSON, and labels carried through edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.labels import (
    Option,
    Question,
    check,
    default_schema,
    from_json,
    normal_key,
    to_json,
    with_defaults,
)
from reviewer.core.store import Store


def test_a_new_project_has_the_default_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        schema = store.labels.schema()
    assert [q.name for q in schema] == ["relevant", "role_family", "spans"]
    assert schema[-1].kind == "span"
    assert schema[-1].option_names() == ["SKILL", "TOOL", "QUALIFICATION", "BENEFIT"]
    keys = [o.key for q in schema for o in q.options if o.key]
    assert keys[:2] == ["Alt+1", "Alt+2"] and "Ctrl+1" in keys and len(keys) == len(set(keys))
    assert all(o.color.startswith("#") for q in schema for o in q.options)


def test_an_existing_project_keeps_its_schema_when_opened_again(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        store.labels.save_schema([Question("topic", "multi", [Option("ml")])])
    with Store(tmp_path / "p.db") as store:
        assert [q.name for q in store.labels.schema()] == ["topic"]


@pytest.mark.parametrize(("questions", "message"), [
    ([Question("a", "single", [])], "has no options"),
    ([Question("a", "pick", [Option("x")])], "is not one of"),
    ([Question("a", "single", [Option("x"), Option("x")])], "an option twice"),
    ([Question("a", "single", [Option("x")]), Question("a", "multi", [Option("y")])],
     "two questions"),
    ([Question("a", "span", [Option("X")]), Question("b", "span", [Option("X")])],
     "in two questions"),
    ([Question("a", "single", [Option("x", key="Alt+1"), Option("y", key="Alt+1")])],
     r"Alt\+1 is the key of both"),
    ([Question("a", "single", [Option("x", color="red")])], "like #1f77b4"),
    ([Question(" ", "single", [Option("x")])], "needs a name"),
    ([Question("a", "single", [Option("x", key="Alt+T")])], "goes to a field"),
])
def test_a_bad_schema_says_what_to_change(questions: list[Question], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check(questions)


def test_json_round_trip_and_bare_option_names() -> None:
    schema = default_schema()
    assert from_json(json.loads(json.dumps(to_json(schema)))) == schema
    short = from_json([{"question": "topic", "kind": "multi", "options": ["ml", "web"]}])
    assert short[0].option_names() == ["ml", "web"]
    assert [o.key for o in short[0].options] == ["Alt+1", "Alt+2"] and short[0].options[0].color
    with pytest.raises(ValueError, match="key of both"):
        from_json([{"question": "t", "kind": "multi", "options": [
            {"name": "a", "key": "ctrl + 1"}, {"name": "b", "key": "Ctrl+1"}]}])
    with pytest.raises(ValueError, match="is not Ctrl, Alt"):
        from_json([{"question": "t", "kind": "multi",
                    "options": [{"name": "a", "key": "Hyper+1"}]}])
    assert normal_key("shift+alt+f1") == "Alt+Shift+F1" and normal_key("Ctrl++") == "Ctrl++"
    with pytest.raises(ValueError, match="JSON list"):
        from_json({"question": "x"})


def _with_seniority() -> list[Question]:
    """The schema projects made before saved: a seniority question besides the field."""
    schema = default_schema()
    for option in (o for q in schema for o in q.options):
        option.key = ""
    schema.insert(1, Question("seniority", "single", [Option(n) for n in (
        "intern", "junior", "mid", "senior", "lead")]))
    return with_defaults(schema)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "p.db")
    from reviewer.core.store import NewPosting

    s.labels.save_schema(_with_seniority())  # an existing project keeps it as saved

    text = "# Data Engineer\n\nPython and SQL in Berlin. Health insurance.\n"
    s.postings.add([NewPosting(source="a", hash="a", kind="text", raw=text, cleaned=text),
                    NewPosting(source="b", hash="b", kind="text", raw=text, cleaned=text)])
    s.labels.answer(1, "seniority", ["senior"])
    s.labels.answer(2, "seniority", ["junior"])
    s.spans.add(1, 17, 23, "SKILL")
    s.spans.add(1, 45, 61, "BENEFIT")
    yield s
    s.close()


def test_renaming_options_and_questions_carries_the_labels(store: Store) -> None:
    schema = store.labels.schema()
    seniority = next(q for q in schema if q.name == "seniority")
    seniority.name = "level"
    seniority.options[3].name = "experienced"  # was senior
    spans = schema[-1]
    spans.options[0].name = "HARD_SKILL"
    origins = {(q.name, o.name): (q.name, o.name) for q in schema for o in q.options}
    origins.update({("level", o.name): ("seniority", o.name) for o in seniority.options})
    origins[("level", "experienced")] = ("seniority", "senior")
    origins[("spans", "HARD_SKILL")] = ("spans", "SKILL")
    removed = store.labels.save_schema(schema, origins)
    assert removed == 0
    assert store.records.get(1)["labels"] == {"level": ["experienced"]}
    assert store.records.get(2)["labels"] == {"level": ["junior"]}
    assert [s["label"] for s in store.records.get(1)["spans"]] == ["HARD_SKILL", "BENEFIT"]
    assert store.labels.uses(next(q for q in schema if q.name == "level")) == {
        "experienced": 1, "junior": 1}


def test_removing_options_removes_their_labels_only(store: Store) -> None:
    schema = store.labels.schema()
    seniority = next(q for q in schema if q.name == "seniority")
    seniority.options = [o for o in seniority.options if o.name != "senior"]
    schema[-1].options = [o for o in schema[-1].options if o.name != "BENEFIT"]
    assert store.labels.save_schema(schema) == 2
    assert store.records.get(1)["labels"] == {}
    assert store.records.get(2)["labels"] == {"seniority": ["junior"]}
    assert [s["label"] for s in store.records.get(1)["spans"]] == ["SKILL"]


def test_an_import_that_removes_reviewers_own_answers_counts_them(
        tmp_path: Path, store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    """The refusal counted each reviewer's own answers of an option dropped (a merged
    project's), and ``--force`` removed them, but its last line counted the final
    labels alone ("1 labels removed" of 3)."""
    at = "2024-05-01T10:00:00Z"
    store.reviews.put([(1, "ana", "label", "seniority", json.dumps(["senior"]), at),
                       (2, "ben", "label", "seniority", json.dumps(["senior", "junior"]), at),
                       (2, "ana", "spans", "", json.dumps([[0, 4, "BENEFIT"]]), at)])
    out = tmp_path / "schema.json"
    data = to_json(store.labels.schema())
    data[1]["options"] = [o for o in data[1]["options"] if o["name"] != "senior"]
    out.write_text(json.dumps(data))
    assert main(["labels", str(store.path), "--import", str(out)]) == 2
    assert "seniority/senior (3)" in capsys.readouterr().err
    assert main(["labels", str(store.path), "--import", str(out), "--force"]) == 0
    assert capsys.readouterr().out.strip() == f"label schema saved: {len(data)} questions, 3" \
        " labels removed"
    own = store.db.execute("SELECT posting_id, reviewer, value FROM reviews WHERE kind ="
                           " 'label' ORDER BY posting_id").fetchall()
    assert own == [(2, "ben", '["junior"]')]
    data[-1]["options"] = [o for o in data[-1]["options"] if o["name"] != "BENEFIT"]
    out.write_text(json.dumps(data))
    assert main(["labels", str(store.path), "--import", str(out), "--force"]) == 0
    assert capsys.readouterr().out.strip().endswith(", 2 labels removed")  # (1 final span)


def test_the_labels_command_exports_imports_and_guards(tmp_path: Path, store: Store,
                                                       capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(store.path)
    out = tmp_path / "schema.json"
    assert main(["labels", db, "--export", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data == to_json(store.labels.schema())
    data[1]["options"] = [o for o in data[1]["options"] if o["name"] != "senior"]
    out.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["labels", db, "--import", str(out)]) == 2
    assert "seniority/senior (1)" in capsys.readouterr().err
    assert main(["labels", db, "--import", str(out), "--force"]) == 0
    assert capsys.readouterr().out.endswith(", 1 label removed\n")
    out.write_text("[{]")
    assert main(["labels", db, "--import", str(out)]) == 2
    assert main(["labels", db]) == 0
    assert "seniority (single): intern [Alt+3]" in capsys.readouterr().out
    # a question made single-choice that a posting answers with two options
    data = to_json(store.labels.schema())
    data[1]["kind"] = "multi"
    out.write_text(json.dumps(data))
    assert main(["labels", db, "--import", str(out)]) == 0
    store.labels.answer(1, "seniority", ["intern", "junior"])
    data[1]["kind"] = "single"
    out.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["labels", db, "--import", str(out)]) == 2
    assert "1 posting answers seniority with several options" in capsys.readouterr().err
    assert main(["labels", db, "--import", str(out), "--force"]) == 0
    # a file nested too deeply for the reader is refused in a line, not a traceback
    out.write_text("[" * 100_000 + "]" * 100_000)
    assert main(["labels", db, "--import", str(out)]) == 2
    assert "nested too deeply" in capsys.readouterr().err


def test_span_edits_undo_and_redo(store: Store) -> None:
    before = store.records.get(1)["spans"]
    change = store.spans.add_many(1, [(0, 6, "SKILL"), (2, 6, "TOOL")], origin="machine")
    assert [(s["label"], s["origin"]) for s in store.records.get(1)["spans"]][:2] == [
        ("SKILL", "machine"), ("TOOL", "machine")]
    redo = store.history.undo(change)
    assert store.records.get(1)["spans"] == before
    store.history.undo(redo)
    sid = store.records.get(1)["spans"][0]["id"]
    relabel = store.spans.relabel(sid, "QUALIFICATION")
    assert store.records.get(1)["spans"][0]["label"] == "QUALIFICATION"
    store.history.undo(relabel)
    assert store.records.get(1)["spans"][0]["label"] == "SKILL"
    with pytest.raises(ValueError, match="outside the text"):
        store.spans.add_many(1, [(0, 10_000, "SKILL")])


def test_progress_counts_postings_reviewed_each_day(store: Store) -> None:

    assert store.reports.progress() == []
    store.postings.set_status(1, "reviewed")
    store.decisions.accept_all(2)
    store.postings.set_status(1, "flagged")
    store.postings.set_status(1, "reviewed")  # the same posting again: counted once that day
    ((day, n),) = store.reports.progress()
    assert n == 2 and len(day) == 10


def _origins(schema: list[Question]) -> dict[tuple[str, str], tuple[str, str]]:
    return {(q.name, o.name): (q.name, o.name) for q in schema for o in q.options}


def test_swapped_names_swap_their_labels(store: Store) -> None:
    store.spans.add(2, 17, 23, "TOOL")
    schema = store.labels.schema()
    seniority = next(q for q in schema if q.name == "seniority")
    names = seniority.option_names()
    junior, senior = names.index("junior"), names.index("senior")
    seniority.options[junior].name, seniority.options[senior].name = "senior", "junior"
    spans = schema[-1]
    spans.options[0].name, spans.options[1].name = "TOOL", "SKILL"
    origins = _origins(schema)
    origins[("seniority", "senior")] = ("seniority", "junior")
    origins[("seniority", "junior")] = ("seniority", "senior")
    origins[("spans", "TOOL")] = ("spans", "SKILL")
    origins[("spans", "SKILL")] = ("spans", "TOOL")
    assert store.labels.lost(schema, origins) == []
    assert store.labels.save_schema(schema, origins) == 0
    assert store.records.get(1)["labels"] == {"seniority": ["junior"]}
    assert store.records.get(2)["labels"] == {"seniority": ["senior"]}
    assert [s["label"] for s in store.records.get(1)["spans"]] == ["TOOL", "BENEFIT"]
    assert [s["label"] for s in store.records.get(2)["spans"]] == ["SKILL"]


def test_a_chain_of_question_renames_moves_each_once(store: Store) -> None:
    store.labels.answer(1, "relevant", ["yes"])
    schema = store.labels.schema()
    relevant = next(q for q in schema if q.name == "relevant")
    seniority = next(q for q in schema if q.name == "seniority")
    relevant.name, seniority.name = "seniority", "level"  # relevant -> seniority -> level
    origins = {(q.name, o.name): (q.name, o.name) for q in schema for o in q.options}
    origins.update({("seniority", o.name): ("relevant", o.name) for o in relevant.options})
    origins.update({("level", o.name): ("seniority", o.name) for o in seniority.options})
    assert store.labels.save_schema(schema, origins) == 0
    assert store.records.get(1)["labels"] == {"level": ["senior"], "seniority": ["yes"]}


def test_a_question_that_changes_kind_loses_its_labels_and_says_so(store: Store) -> None:
    schema = store.labels.schema()
    next(q for q in schema if q.name == "seniority").kind = "span"
    lost = store.labels.lost(schema)
    assert ("seniority", "senior", 1) in lost and ("seniority", "junior", 1) in lost
    assert store.labels.save_schema(schema) == 2
    assert store.records.get(1)["labels"] == {} and store.records.get(2)["labels"] == {}


def test_a_project_made_before_labels_gets_the_default_once(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as s:
        s.db.execute("DELETE FROM label_schema")
        s.db.execute("DELETE FROM events")
        s.db.conn.commit()
    with Store(tmp_path / "p.db") as s:
        assert [q.name for q in s.labels.schema()][:1] == ["relevant"]
        s.labels.save_schema([Question("topic", "multi", [Option("ml")])])
        s.labels.save_schema([])  # emptied on purpose: stays empty
    with Store(tmp_path / "p.db") as s:
        assert s.labels.schema() == []


def test_reviewers_answers_and_span_labels_follow_a_rename(store: Store) -> None:
    """After a merge, the reviewers' own answers and span labels move with a renamed
    question or option as the final ones do (else the posting stayed a disagreement
    nobody could settle, on a question no longer there); removed options go."""
    at = "2026-01-01T00:00:00+00:00"
    store.reviews.put([
        (1, "ana", "label", "seniority", json.dumps(["senior"]), at),
        (1, "ben", "label", "seniority", json.dumps(["junior", "lead"]), at),
        (1, "ana", "spans", "", json.dumps([[17, 23, "SKILL"]]), at),
        (1, "ben", "spans", "", json.dumps([[45, 61, "BENEFIT"]]), at)])
    store.labels.answer(1, "seniority", [])  # the final answer: none, they differ
    store.reviews.refresh([1])
    assert ("label", "seniority") in store.reviews.differing(1)
    schema = store.labels.schema()
    seniority = next(q for q in schema if q.name == "seniority")
    seniority.name = "level"
    seniority.options[3].name = "experienced"  # was senior
    seniority.options = [o for o in seniority.options if o.name != "lead"]
    schema[-1].options[0].name = "HARD_SKILL"
    origins = _origins(schema)
    origins.update({("level", o.name): ("seniority", o.name) for o in seniority.options})
    origins[("level", "experienced")] = ("seniority", "senior")
    origins[("spans", "HARD_SKILL")] = ("spans", "SKILL")
    store.labels.save_schema(schema, origins)
    mine = store.reviews.of(1)
    assert mine["ana"][("label", "level")] == ["experienced"]
    assert mine["ben"][("label", "level")] == ["junior"]  # lead removed
    assert mine["ana"][("spans", "")] == [[17, 23, "HARD_SKILL"]]
    assert ("label", "level") in store.reviews.differing(1)
    assert not any(key == "seniority" for by in mine.values() for _kind, key in by)
    store.labels.answer(1, "level", ["junior"])  # adjudicated
    store.reviews.refresh([1])
    assert ("label", "level") not in store.reviews.differing(1)


def test_removing_an_option_only_reviewers_gave_counts_their_labels(store: Store) -> None:
    """A merged project: ben answered "lead" and labelled a BENEFIT, in his own values
    only (no final answer, they differ). Removing the option or the span label said
    nothing would go, and took ben's values (the disagreement with them) in silence."""
    at = "2026-01-01T00:00:00+00:00"
    store.reviews.put([
        (1, "ana", "label", "seniority", json.dumps(["senior"]), at),
        (1, "ben", "label", "seniority", json.dumps(["lead"]), at),
        (1, "ben", "spans", "", json.dumps([[45, 61, "BENEFIT"]]), at)])
    schema = store.labels.schema()
    seniority = next(q for q in schema if q.name == "seniority")
    seniority.options = [o for o in seniority.options if o.name != "lead"]
    schema[-1].options = [o for o in schema[-1].options if o.name != "BENEFIT"]
    lost = store.labels.lost(schema)
    assert ("seniority", "lead", 1) in lost
    assert ("spans", "BENEFIT", 2) in lost  # the final one, and ben's


@pytest.mark.parametrize(("option", "message"), [
    ({"name": None}, "name"), ({"name": "x", "key": ["x"]}, "key"),
    ({"name": "x", "color": 5}, "colour"), ({"name": 7}, "name"),
])
def test_a_schema_file_of_the_wrong_types_is_refused(option: dict[str, object],
                                                     message: str) -> None:
    """(null became an option called 'None', a list a key called "['x']".)"""
    with pytest.raises(ValueError, match=message):
        from_json([{"question": "q", "kind": "single", "options": [option]}])


def test_the_labels_command_refuses_descriptions_that_are_not_text_and_escapes_names(
        tmp_path: Path, store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(store.path)
    out = tmp_path / "schema.json"
    data = to_json(store.labels.schema())
    data[0]["description"] = {"a": 1}
    out.write_text(json.dumps(data))
    before = store.labels.schema()
    assert main(["labels", db, "--import", str(out)]) == 2
    assert "a description is not text" in capsys.readouterr().err
    assert store.labels.schema() == before  # nothing saved
    data[0]["description"] = "Is it a posting?"
    data[0]["question"] = "rel\x1b[31mRED"
    out.write_text(json.dumps(data))
    assert main(["labels", db, "--import", str(out), "--force"]) == 2  # (no such name now)
    err = capsys.readouterr().err
    assert "\x1b" not in err and "rel\\x1b[31mRED" in err and "cannot be seen" in err
    # a name stored before such names were refused is shown with its escape written out
    store.db.execute("UPDATE label_schema SET question = ? WHERE position = 0",
                     ("rel\x1b[31mRED",))
    assert main(["labels", db]) == 0
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "rel\\x1b[31mRED" in shown


def test_a_schema_file_with_a_byte_order_mark_is_read(tmp_path: Path, store: Store,
                                                      capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "schema.json"
    out.write_bytes(b"\xef\xbb\xbf" + json.dumps(to_json(store.labels.schema())).encode())
    assert main(["labels", str(store.path), "--import", str(out)]) == 0


def test_an_answer_or_span_label_the_schema_no_longer_has_is_refused(tmp_path: Path) -> None:
    """Another program changed the schema while a window showed the old one: an answer
    with an option gone, or a span of a label gone, is refused (saying so), not stored
    as a label the schema lacks; what the schema has is taken."""
    from reviewer.core.store import ChangedMeanwhile, NewPosting

    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(source="a.txt", hash="h1", kind="text", raw="p",
                                       cleaned="Data Engineer at Acme", fields={},
                                       confidence={}, stages={})])
        store.labels.save_schema([Question("relevant", "single", [Option("yes")]),
                                  Question("spans", "span", [Option("SKILL")])])
        for edit in (lambda: store.labels.answer(1, "relevant", ["no"]),
                     lambda: store.labels.answer(1, "gone", ["x"]),
                     lambda: store.spans.add(1, 0, 4, "TOOL"),
                     lambda: store.spans.add_many(1, [(0, 4, "TOOL")])):
            with pytest.raises(ChangedMeanwhile, match="label schema has no"):
                edit()
        span_id, _ = store.spans.add(1, 0, 4, "SKILL")
        with pytest.raises(ChangedMeanwhile, match="label schema has no"):
            store.spans.relabel(span_id, "TOOL")
        store.spans.add_many(1, [(5, 13, "TOOL")], "machine", "rejected")  # kept: not shown
        # a ruling takes a reviewer's spans as they gave them (their file's schema)
        store.spans.add_many(1, [(14, 16, "ROLE")], schema=False)
        store.labels.answer(1, "relevant", ["yes"])
        assert store.records.get(1)["labels"] == {"relevant": ["yes"]}  # type: ignore[index]
        assert [s["label"] for s in store.records.get(1)["spans"]] == ["SKILL", "TOOL", "ROLE"]  # type: ignore[index]


def test_a_redo_of_a_label_the_schema_lost_meanwhile_is_refused(tmp_path: Path) -> None:
    """Answer "no", undo it, another program drops "no" (unused now), redo: the answer
    came back, a label the schema lacks; the same for a span label."""
    from reviewer.core.store import ChangedMeanwhile, NewPosting

    path = tmp_path / "p.db"
    with Store(path) as store:
        store.postings.add([NewPosting(source="a.txt", hash="h1", kind="text", raw="p",
                                       cleaned="Data Engineer at Acme", fields={},
                                       confidence={}, stages={})])
        redo_answer = store.history.undo(store.labels.answer(1, "relevant", ["no"]))
        redo_span = store.history.undo(store.spans.add(1, 0, 4, "TOOL")[1])
        with Store(path) as other:
            other.labels.save_schema([Question("relevant", "single", [Option("yes")]),
                                      Question("spans", "span", [Option("SKILL")])])
        for redo in (redo_answer, redo_span):
            with pytest.raises(ChangedMeanwhile, match="label schema has no"):
                store.history.undo(redo)
        assert store.records.get(1)["labels"] == {}  # type: ignore[index]
        assert store.records.get(1)["spans"] == []  # type: ignore[index]


def test_an_answer_the_posting_holds_already_may_stay_beside_a_new_option(
        tmp_path: Path) -> None:
    """An option imported with a record (or merged) that the schema lacks: every later
    toggle of that question sent it with the new option, and was refused for ever."""
    from reviewer.core.store import NewPosting

    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(source="a.txt", hash="h1", kind="text", raw="p",
                                       cleaned="Data Engineer at Acme", fields={},
                                       confidence={}, stages={})])
        store.labels.save_schema([Question("tags", "multi", [Option("a"), Option("b")])])
        store.labels.insert(1, {"tags": ["foreign"], "old question": ["x"]})
        change = store.labels.answer(1, "tags", ["foreign", "a"])
        cleared = store.labels.answer(1, "old question", [])  # cleared, as the window may
        assert store.records.get(1)["labels"] == {"tags": ["a", "foreign"]}  # type: ignore[index]
        store.history.undo(change)  # what it held stays: "foreign" too
        assert store.records.get(1)["labels"] == {"tags": ["foreign"]}  # type: ignore[index]
        # an undo puts back what the posting held before the edit, the schema's or not
        store.history.undo(store.labels.answer(1, "tags", []))
        store.history.undo(cleared)
        assert store.records.get(1)["labels"] == {  # type: ignore[index]
            "old question": ["x"], "tags": ["foreign"]}


def test_a_rejected_span_goes_out_and_comes_back_with_its_origin(tmp_path: Path) -> None:
    """A ruling that sets a reviewer's span aside rejects a person's span: exported and
    imported again, it came back as a machine's rejected suggestion."""
    from reviewer.core.store import NewPosting

    with Store(tmp_path / "a.db") as store:
        store.postings.add([NewPosting(source="a.txt", hash="h1", kind="text", raw="p",
                                       cleaned="Data Engineer at Acme", fields={},
                                       confidence={}, stages={})])
        store.spans.add_many(1, [(0, 4, "TOOL")], "human", "rejected", follow=False)
        record = next(store.records.all(reviewed_only=False))
    assert record["rejected_spans"] == [{"start": 0, "end": 4, "label": "TOOL",  # type: ignore[typeddict-item]
                                         "origin": "human"}]
    with Store(tmp_path / "b.db") as store:
        store.records.add(dict(record))
        assert [(s["origin"], s["state"]) for s in store.records.get(1)["spans"]] == [  # type: ignore[index]
            ("human", "rejected")]


def test_renaming_an_option_keeps_whose_answers_they_are_and_drops_its_suggestions(
        tmp_path: Path) -> None:
    """Answers moved to an option's new name became the renamer's (a merge then counted
    them theirs); the answers a model suggested under the old names stayed, pointing
    at the option that now has that name (a swap of yes and no)."""
    from reviewer.core.store import NewPosting

    path = tmp_path / "p.db"
    with Store(path, reviewer="ben") as store:
        store.postings.add([NewPosting(source="a.txt", hash="h1", kind="text", raw="p",
                                       cleaned="Data Engineer at Acme", fields={},
                                       confidence={}, stages={})])
        store.labels.answer(1, "relevant", ["yes"])
        store.spans.add(1, 0, 4, "TOOL")
        store.db.execute("INSERT INTO label_suggestions (posting_id, question, answer,"
                         " confidence) VALUES (1, 'relevant', '\"no\"', 0.7)")
    with Store(path, reviewer="lead") as store:
        swapped = [Question("relevant", "single", [Option("no"), Option("yes")]),
                   Question("spans", "span", [Option("DEVTOOL")])]
        store.labels.save_schema(swapped, origins={("relevant", "no"): ("relevant", "yes"),
                                                   ("relevant", "yes"): ("relevant", "no"),
                                                   ("spans", "DEVTOOL"): ("spans", "TOOL")})
        assert store.db.execute("SELECT option, reviewer FROM doc_labels").fetchall() == [
            ("no", "ben")]
        assert store.db.execute("SELECT label, reviewer FROM spans").fetchall() == [
            ("DEVTOOL", "ben")]
        assert store.db.execute("SELECT count(*) FROM label_suggestions").fetchone()[0] == 0


def test_a_removed_option_s_name_given_to_another_does_not_keep_its_labels(
        store: Store) -> None:
    """Remove "senior", rename "junior" to "senior": the removed option's labels were
    said to go (``lost``) but were kept, mixed with the renamed one's; the same for span
    labels and for each reviewer's own answers."""
    at = "2026-01-01T00:00:00+00:00"
    store.reviews.put([(1, "ana", "label", "seniority", json.dumps(["senior"]), at),
                       (2, "ben", "label", "seniority", json.dumps(["junior"]), at),
                       (1, "ana", "spans", "", json.dumps([[17, 23, "SKILL"]]), at),
                       (1, "ben", "spans", "", json.dumps([[45, 61, "BENEFIT"]]), at)])
    schema = store.labels.schema()
    seniority = next(q for q in schema if q.name == "seniority")
    seniority.options = [o for o in seniority.options if o.name != "senior"]
    next(o for o in seniority.options if o.name == "junior").name = "senior"
    spans = schema[-1]
    spans.options = [o for o in spans.options if o.name != "SKILL"]
    next(o for o in spans.options if o.name == "BENEFIT").name = "SKILL"
    origins = _origins(schema)
    origins[("seniority", "senior")] = ("seniority", "junior")
    origins[("spans", "SKILL")] = ("spans", "BENEFIT")
    lost = store.labels.lost(schema, origins)
    assert {(q, o) for q, o, _n in lost} == {("seniority", "senior"), ("spans", "SKILL")}
    # posting 1's senior and its SKILL, and ana's own of each
    assert store.labels.save_schema(schema, origins) == 4
    assert store.records.get(1)["labels"] == {}  # its "senior" went
    assert store.records.get(2)["labels"] == {"seniority": ["senior"]}  # was junior
    assert [(s["start"], s["label"]) for s in store.records.get(1)["spans"]] == [
        (45, "SKILL")]  # was BENEFIT
    mine = {(pid, who): by for pid in (1, 2) for who, by in store.reviews.of(pid).items()}
    assert mine[(1, "ana")].get(("label", "seniority"), []) == []
    assert mine[(2, "ben")][("label", "seniority")] == ["senior"]
    assert mine[(1, "ana")][("spans", "")] == []
    assert mine[(1, "ben")][("spans", "")] == [[45, 61, "SKILL"]]


def test_descriptions_follow_a_rename(store: Store) -> None:
    """Renamed in the dialog, a question and its options lost their descriptions: the
    tooltips showed none, and `guidelines --json` kept the old keys."""
    from reviewer.core.labels import option_key

    store.meta.set_descriptions({"question:seniority": "How senior the role is.",
                                 option_key("seniority", "senior"): "Five years or more.",
                                 option_key("seniority", "junior"): "Under two years.",
                                 option_key("spans", "SKILL"): "A skill named.",
                                 "field:title": "The role."})
    schema = store.labels.schema()
    seniority = next(q for q in schema if q.name == "seniority")
    seniority.name = "level"
    seniority.options = [o for o in seniority.options if o.name != "junior"]
    next(o for o in seniority.options if o.name == "senior").name = "experienced"
    next(o for o in schema[-1].options if o.name == "SKILL").name = "HARD_SKILL"
    origins = _origins(schema)
    origins.update({("level", o.name): ("seniority", o.name) for o in seniority.options})
    origins[("level", "experienced")] = ("seniority", "senior")
    origins[("spans", "HARD_SKILL")] = ("spans", "SKILL")
    store.labels.save_schema(schema, origins, )
    assert store.meta.descriptions() == {
        "question:level": "How senior the role is.",
        option_key("level", "experienced"): "Five years or more.",
        option_key("spans", "HARD_SKILL"): "A skill named.",
        "field:title": "The role."}  # junior's went with it


def test_an_option_added_keeps_the_labels_a_record_brought_for_it(store: Store) -> None:
    """Labels a record brought that the schema lacked (the import says to add them to the
    schema): adding the option removed them, and adding a span question to a schema
    without one removed every span."""
    at = "2026-01-01T00:00:00+00:00"
    store.labels.insert(1, {"relevant": ["maybe"]})
    store.reviews.put([(1, "ana", "label", "relevant", json.dumps(["maybe"]), at)])
    schema = store.labels.schema()
    relevant = next(q for q in schema if q.name == "relevant")
    relevant.options.append(Option("maybe"))
    assert store.labels.lost(schema) == []
    assert store.labels.save_schema(schema) == 0
    assert store.records.get(1)["labels"]["relevant"] == ["maybe"]
    assert store.reviews.of(1)["ana"][("label", "relevant")] == ["maybe"]
    spans = [s["label"] for s in store.records.get(1)["spans"]]
    without = [q for q in store.labels.schema() if q.kind != "span"]
    store.labels.save_schema(without, None)  # no span question: the spans go
    assert store.records.get(1)["spans"] == []
    store.db.execute("INSERT INTO spans (posting_id, start, \"end\", label, origin, state,"
                     " created_at) VALUES (1, 17, 23, 'SKILL', 'machine', 'suggested', ?)", (at,))
    assert store.labels.save_schema([*without, Question("spans", "span", [Option("SKILL")])]) == 0
    assert [s["label"] for s in store.records.get(1)["spans"]] == ["SKILL"] and spans


def test_a_rename_onto_a_name_records_brought_says_their_labels_go(store: Store) -> None:
    """"no" renamed to "maybe", which records had brought: the two meanings were merged
    under "maybe" in silence; and the labels of a question the schema lacks were removed
    with no word from ``lost``."""
    store.labels.insert(1, {"relevant": ["maybe"], "mood": ["happy"]})
    store.labels.answer(2, "relevant", ["no"])
    schema = store.labels.schema()
    relevant = next(q for q in schema if q.name == "relevant")
    next(o for o in relevant.options if o.name == "no").name = "maybe"
    origins = _origins(schema)
    origins[("relevant", "maybe")] = ("relevant", "no")
    lost = store.labels.lost(schema, origins)
    assert ("relevant", "maybe", 1) in lost and ("mood", "happy", 1) in lost
    assert store.labels.save_schema(schema, origins) == 2
    assert store.records.get(1)["labels"] == {"seniority": ["senior"]}  # its maybe, mood went
    assert store.records.get(2)["labels"]["relevant"] == ["maybe"]  # was no


def test_labels_records_brought_that_a_save_removes_are_said_first(store: Store) -> None:
    """Span labels a record brought that the schema lacks ("HARD"), and answers to a
    question it does not ask ("family"): a rename onto their names (SKILL to HARD,
    role_family to family), or any save that leaves them out, removed them with no word
    from ``lost`` (no --force asked for, no question in the dialog)."""
    at = "2026-01-01T00:00:00+00:00"
    for start, end, label in ((17, 23, "HARD"), (28, 31, "HARD"), (35, 41, "SOFT")):
        store.db.execute("INSERT INTO spans (posting_id, start, \"end\", label, origin, state,"
                         " created_at) VALUES (1, ?, ?, ?, 'human', 'accepted', ?)",
                         (start, end, label, at))
    store.labels.insert(2, {"family": ["data"]})
    schema = store.labels.schema()
    spans = next(q for q in schema if q.kind == "span")
    next(o for o in spans.options if o.name == "SKILL").name = "HARD"
    origins = _origins(schema)
    origins[("spans", "HARD")] = ("spans", "SKILL")
    lost = store.labels.lost(schema, origins)
    assert ("spans", "HARD", 2) in lost and ("spans", "SOFT", 1) in lost
    assert ("family", "data", 1) in lost
    assert store.labels.save_schema(schema, origins) == 4
    assert sorted(s["label"] for s in store.records.get(1)["spans"]) == ["BENEFIT", "HARD"]


def test_labels_only_reviewers_gave_under_names_no_schema_has_are_said_first(
        store: Store) -> None:
    """A merged project: ana's own spans labelled HARD (her file's schema had it) and her
    answers to a question the project does not ask ("family"). A rename of SKILL onto
    HARD, or a save leaving "family" out, removed them with no word from ``lost``; and
    the count of removed labels took in the rejected suggestions ``lost`` leaves out."""
    at = "2026-01-01T00:00:00+00:00"
    store.reviews.put([
        (1, "ana", "spans", "", json.dumps([[17, 23, "HARD"], [28, 31, "HARD"]]), at),
        (2, "ana", "spans", "", json.dumps([[35, 41, "SOFT"]]), at),
        (1, "ana", "label", "family", json.dumps(["data"]), at)])
    store.spans.add_many(2, [(0, 4, "BENEFIT")], "machine", "rejected")
    schema = store.labels.schema()
    spans = next(q for q in schema if q.kind == "span")
    next(o for o in spans.options if o.name == "SKILL").name = "HARD"
    spans.options = [o for o in spans.options if o.name != "BENEFIT"]
    origins = _origins(schema)
    origins[("spans", "HARD")] = ("spans", "SKILL")
    lost = store.labels.lost(schema, origins)
    assert sorted(lost) == [("family", "data", 1), ("spans", "BENEFIT", 1),
                            ("spans", "HARD", 2), ("spans", "SOFT", 1)]
    assert store.labels.save_schema(schema, origins) == sum(n for *_, n in lost)
    assert store.reviews.of(1) == store.reviews.of(2) == {"ana": {("spans", ""): []}}


def test_an_option_removed_and_added_again_does_not_inherit_its_description(
        store: Store) -> None:
    """Removed in the dialog and added anew under its name (no origin): its labels went,
    and its description stayed on the new option."""
    from reviewer.core.labels import option_key

    store.meta.set_descriptions({option_key("seniority", "senior"): "Five years or more.",
                                 option_key("seniority", "junior"): "Under two years."})
    schema = store.labels.schema()
    origins = _origins(schema)
    del origins[("seniority", "senior")]  # a new option of that name: it came from nothing
    store.labels.save_schema(schema, origins)
    assert store.meta.descriptions() == {option_key("seniority", "junior"): "Under two years."}


def test_an_undo_of_labels_across_a_change_of_the_schema_is_refused(tmp_path: Path) -> None:
    """Another program swapped "a" and "b": the undo of answering "a" beside "b" removed
    the answer now named "a", which was the "b" held before."""
    from reviewer.core.store import ChangedSince, NewPosting

    with Store(tmp_path / "p.db") as store:
        store.labels.save_schema([Question("q", "multi", [Option("a"), Option("b")])])
        store.postings.add([NewPosting(source="x", hash="x", kind="text", raw="t",
                                       cleaned="Data Engineer")])
        store.labels.answer(1, "q", ["b"])
        change = store.history.made(lambda: store.labels.answer(1, "q", ["a", "b"]))
        swapped = [Question("q", "multi", [Option("b"), Option("a")])]
        store.labels.save_schema(swapped, {("q", "b"): ("q", "a"), ("q", "a"): ("q", "b")})
        held = store.records.get(1)["labels"]
        with pytest.raises(ChangedSince):
            store.history.undo(change)
        assert store.records.get(1)["labels"] == held


@pytest.mark.parametrize(("written", "key"), [
    ('{"name": "ja", "was": "yes", "was": "no"}', "was"),
    ('{"name": "ja", "name": "nein"}', "name"),
])
def test_a_schema_file_with_a_key_written_twice_is_refused_naming_it(
        tmp_path: Path, store: Store, written: str, key: str,
        capsys) -> None:  # type: ignore[no-untyped-def]
    """An object of the file with a key twice was read with the last one alone: options
    written "ja" was yes, was no and "nein" was no, was yes swapped the postings'
    answers, with no word (a "kind" or a "question" twice, the same)."""
    out = tmp_path / "schema.json"
    text = json.dumps(to_json(store.labels.schema()))
    yes = json.dumps(to_json(store.labels.schema())[0]["options"][0])
    out.write_text(text.replace(yes, written, 1))
    before = store.labels.schema(), store.records.get(1)["labels"]
    assert main(["labels", str(store.path), "--import", str(out)]) == 2
    assert f"{key!r} twice" in capsys.readouterr().err
    assert (store.labels.schema(), store.records.get(1)["labels"]) == before
    doubled = text.replace('"kind": "single"', '"kind": "multi", "kind": "single"', 1)
    out.write_text(doubled)
    assert main(["labels", str(store.path), "--import", str(out)]) == 2
    assert "'kind' twice" in capsys.readouterr().err


@pytest.mark.parametrize("name", [None, 7, ["x"], {"a": 1}, True])
def test_a_question_name_that_is_not_text_is_refused(name: object) -> None:
    """(null became a question called 'None', 7 one called '7', ["x"] one called
    "['x']", saved with exit 0; an option's name that is no text was refused.)"""
    with pytest.raises(ValueError, match="is not text"):
        from_json([{"question": name, "kind": "single", "options": ["a"]}])


@pytest.mark.parametrize("where", ["option", "question"])
def test_a_name_with_a_character_that_is_no_unicode_is_refused_not_a_traceback(
        tmp_path: Path, store: Store, where: str,
        capsys) -> None:  # type: ignore[no-untyped-def]
    """A lone surrogate written as an escape ("\\ud800", valid JSON) passed the checks,
    and the save ended in a UnicodeEncodeError's traceback."""
    data = to_json(store.labels.schema())
    if where == "option":
        data[0]["options"].append({"name": "\ud800x"})
    else:
        data.append({"question": "q\udfff", "kind": "single", "options": ["a"]})
    out = tmp_path / "schema.json"
    out.write_text(json.dumps(data))  # (written as the escape: ASCII)
    before = store.labels.schema()
    assert main(["labels", str(store.path), "--import", str(out)]) == 2
    err = capsys.readouterr().err
    assert "U+D800" in err or "U+DFFF" in err
    assert "no valid Unicode" in err and "Traceback" not in err
    assert store.labels.schema() == before


def test_a_description_with_a_character_that_is_no_unicode_is_refused_before_saving(
        tmp_path: Path, store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    """(The schema was saved, then the description's save ended in a traceback.)"""
    data = to_json(store.labels.schema())
    data[0]["options"].append({"name": "maybe", "description": "un\udc80sure"})
    out = tmp_path / "schema.json"
    out.write_text(json.dumps(data))
    before = store.labels.schema()
    assert main(["labels", str(store.path), "--import", str(out)]) == 2
    assert "U+DC80, no valid Unicode" in capsys.readouterr().err
    assert store.labels.schema() == before


def test_a_question_split_in_two_keeps_its_description_and_the_new_one_gets_a_copy(
        store: Store) -> None:
    """"seniority" split into "seniority" (intern … mid) and "senior_levels" (senior
    and lead, whose "was" is seniority): the answers moved right, but seniority's
    description moved to senior_levels, and seniority was left with none (a second
    span question made from "spans", the same)."""
    from reviewer.core.labels import option_key

    said = {"question:seniority": "How senior the role is.",
            option_key("seniority", "senior"): "Five years or more.",
            option_key("seniority", "junior"): "Under two years.",
            "question:spans": "Spans of the text."}
    store.meta.set_descriptions(said)
    schema = store.labels.schema()
    seniority = next(q for q in schema if q.name == "seniority")
    upper = [o for o in seniority.options if o.name in ("senior", "lead")]
    seniority.options = [o for o in seniority.options if o not in upper]
    benefit = next(o for o in schema[-1].options if o.name == "BENEFIT")
    schema[-1].options.remove(benefit)
    schema += [Question("senior_levels", "single", upper),
               Question("perks", "span", [benefit])]
    origins = _origins(schema)
    origins.update({("senior_levels", o.name): ("seniority", o.name) for o in upper})
    origins[("perks", "BENEFIT")] = ("spans", "BENEFIT")
    store.labels.save_schema(schema, origins)
    assert store.meta.descriptions() == {
        "question:seniority": "How senior the role is.",  # kept, where it was
        "question:senior_levels": "How senior the role is.",  # a copy, to be edited
        "question:spans": "Spans of the text.", "question:perks": "Spans of the text.",
        option_key("senior_levels", "senior"): "Five years or more.",
        option_key("seniority", "junior"): "Under two years."}
    assert store.records.get(1)["labels"] == {"senior_levels": ["senior"]}


def test_span_labels_that_stay_span_labels_keep_their_spans_under_another_question(
        tmp_path: Path, store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    """The span question renamed without a "was" ("spans" to "entities", its labels the
    same), or BENEFIT moved to a second span question: refused as "drops options in use:
    spans/SKILL (1), spans/BENEFIT (1)", and with --force every span was removed, though
    spans are stored by their label alone and the labels were still span labels."""
    from reviewer.core.labels import option_key

    store.meta.set_descriptions({option_key("spans", "SKILL"): "A skill named."})
    out = tmp_path / "schema.json"
    data = to_json(store.labels.schema())
    data[-1]["question"] = "entities"
    out.write_text(json.dumps(data))
    assert store.labels.lost(from_json(data)) == []
    assert main(["labels", str(store.path), "--import", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"label schema saved: {len(data)} questions"
    assert [s["label"] for s in store.records.get(1)["spans"]] == ["SKILL", "BENEFIT"]
    assert store.meta.descriptions() == {option_key("entities", "SKILL"): "A skill named."}
    benefit = data[-1]["options"].pop()
    data.append({"question": "perks", "kind": "span", "options": [benefit]})
    out.write_text(json.dumps(data))
    assert main(["labels", str(store.path), "--import", str(out)]) == 0
    assert [s["label"] for s in store.records.get(1)["spans"]] == ["SKILL", "BENEFIT"]
    # a label renamed away, and a new one given its name: the spans went with the rename
    data[-1]["options"] = [{"name": "PERK", "was": "BENEFIT"}]
    data[-2]["options"].append({"name": "BENEFIT"})
    out.write_text(json.dumps(data))
    assert main(["labels", str(store.path), "--import", str(out)]) == 0
    assert [s["label"] for s in store.records.get(1)["spans"]] == ["SKILL", "PERK"]
