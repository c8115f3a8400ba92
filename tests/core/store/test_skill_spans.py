"""One meaning for skills: the skills field's values are suggested as SKILL spans, and a
skill whose spans are all rejected leaves the field, in the same edit (one undo)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.core.store import NewPosting, Store

TEXT = "Python, k8s and SQL. We love Python."
PYTHON, K8S, SQL, PYTHON_AGAIN = (0, 6), (8, 11), (16, 19), (29, 35)
SKILLS = ["Python", "Kubernetes", "SQL"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "p.db")
    s.postings.add([NewPosting(
        source="a", hash="a", kind="text", raw=TEXT, cleaned=TEXT,
        fields={"title": "Data Engineer", "skills": SKILLS},
        evidence={"title": [], "skills": [list(s) for s in (PYTHON, K8S, SQL, PYTHON_AGAIN)]},
        confidence={"title": 0.9, "skills": 0.7}, stages={"title": "label", "skills": "pattern"})])
    yield s
    s.close()


def _skills(store: Store) -> tuple[str, Any, list[list[int]]]:
    posting = store.records.get(1)
    state = posting["provenance"]["skills"]
    source = posting["machine"] if state == "machine" else posting["human"]
    spans = source["skills"]["spans"] if state != "rejected" else []
    return state, posting["fields"]["skills"], spans


def _reject(store: Store, *ranges: tuple[int, int]) -> Any:
    return store.spans.add_many(1, [(a, b, "SKILL") for a, b in ranges], "machine", "rejected")


def test_rejecting_every_suggested_span_rejects_the_skills_in_one_undo(store: Store) -> None:
    change = _reject(store, PYTHON, K8S, SQL, PYTHON_AGAIN)
    assert _skills(store)[:2] == ("rejected", None)
    store.history.undo(change)
    assert _skills(store) == ("machine", SKILLS, [list(PYTHON), list(K8S), list(SQL),
                                                   list(PYTHON_AGAIN)])
    assert store.records.get(1)["spans"] == []


def test_a_rejected_span_takes_its_skill_out_and_the_rest_stay(store: Store) -> None:
    _reject(store, K8S)  # an alias: "k8s" names Kubernetes
    assert _skills(store) == ("corrected", ["Python", "SQL"],
                              [list(PYTHON), list(SQL), list(PYTHON_AGAIN)])
    _reject(store, PYTHON)  # Python is named again further on: it stays
    assert _skills(store)[1] == ["Python", "SQL"]
    _reject(store, PYTHON_AGAIN)
    assert _skills(store) == ("corrected", ["SQL"], [list(SQL)])
    _reject(store, SQL)
    assert _skills(store)[:2] == ("rejected", None)


def test_accepting_the_spans_keeps_the_skills(store: Store) -> None:
    store.spans.add_many(1, [(a, b, "SKILL") for a, b in (PYTHON, K8S, SQL, PYTHON_AGAIN)],
                         "machine", "accepted")
    assert _skills(store)[:2] == ("machine", SKILLS)


def test_deleting_an_accepted_suggestion_takes_its_skill_out(store: Store) -> None:
    store.spans.add_many(1, [(*SQL, "SKILL")], "machine", "accepted")
    span = store.records.get(1)["spans"][0]["id"]
    change = store.spans.reject(span)
    assert _skills(store)[:2] == ("corrected", ["Python", "Kubernetes"])
    store.history.undo(change)
    assert _skills(store)[:2] == ("machine", SKILLS)
    assert store.records.get(1)["spans"][0]["state"] == "accepted"


def test_a_person_who_labels_the_words_again_keeps_the_skill(store: Store) -> None:
    store.spans.add(1, *K8S, "SKILL")  # a person's span on the same words
    _reject(store, K8S)
    assert _skills(store)[1] == SKILLS


def test_eval_counts_rejected_skills_as_rejected(store: Store, capsys) -> None:  # type: ignore[no-untyped-def]
    _reject(store, PYTHON, K8S, SQL, PYTHON_AGAIN)
    store.decisions.accept_all(1)  # accept and go on: the rest of the fields
    assert store.reports.evaluation()["skills"] == {
        "accepted": 0, "corrected": 0, "rejected": 1, "added": 0, "adjudicated": 0,
        "accuracy": 0.0}
    assert main(["eval", str(store.path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("skills"))
    assert line.split()[1:] == ["0", "0", "1", "0", "0.000"]


def test_a_skill_typed_into_the_list_keeps_the_others_evidence(store: Store) -> None:
    """Adding "Rust" by typing made the list a correction with no evidence: every SKILL
    suggestion in the text went (20 on a sample posting). The items kept keep their
    spans ("k8s" is Kubernetes's); a removed item's go."""
    store.decisions.set_field(1, "skills", ["Python", "Kubernetes", "SQL", "Rust"])
    state, value, spans = _skills(store)
    assert (state, value) == ("corrected", ["Python", "Kubernetes", "SQL", "Rust"])
    assert sorted(map(tuple, spans)) == [PYTHON, K8S, SQL, PYTHON_AGAIN]
    store.decisions.set_field(1, "skills", ["python", "SQL"])
    assert sorted(map(tuple, _skills(store)[2])) == [PYTHON, SQL, PYTHON_AGAIN]
    store.decisions.set_field(1, "title", "Data engineer (typed)")  # no span says it
    assert store.records.get(1)["human"]["title"]["spans"] == []


def test_rejected_spans_leave_a_skills_field_the_reviewers_differ_on(store: Store) -> None:
    """Reviewers differ on the skills, so the field stands undecided: rejecting its
    suggested spans made it "rejected", a value neither gave, and the posting left the
    disagreement list. The spans are rejected; the field waits for adjudication."""
    import json

    field = {"state": "corrected", "spans": []}
    store.reviews.put([
        (1, "ana", "field", "skills", json.dumps({**field, "value": SKILLS}), "t"),
        (1, "ben", "field", "skills", json.dumps({**field, "value": ["Python", "SQL"]}), "t")])
    store.reviews.refresh([1])
    _reject(store, PYTHON, K8S, SQL, PYTHON_AGAIN)
    assert _skills(store)[0] == "machine"
    assert store.reviews.differing(1) == [("field", "skills")]


def test_a_blank_skill_an_older_version_stored_does_not_stop_a_span_s_rejection(
        store: Store) -> None:
    """An older version stored a blank item in a person's skills; the store refuses one
    now, and rejecting a skill's span (which sets the field again) raised."""
    store.decisions.set_field(1, "skills", SKILLS, [list(PYTHON), list(K8S), list(SQL)])
    with store.atomic():
        store.db.execute("UPDATE annotations SET value = ? WHERE field = 'skills'",
                         ('["Python", "Kubernetes", "SQL", " "]',))
    _reject(store, SQL)
    assert _skills(store)[:2] == ("corrected", ["Python", "Kubernetes"])


def test_a_rejected_span_over_a_link_takes_the_skill_it_shows_out(tmp_path: Path) -> None:
    text = "Built with [Django](https://djangoproject.com) and SQL."
    django = [text.index("[Django"), text.index(") and") + 1]  # the link whole
    with Store(tmp_path / "p.db") as store:
        store.postings.add([NewPosting(
            source="a", hash="a", kind="text", raw=text, cleaned=text,
            fields={"skills": ["Django", "SQL"]},
            evidence={"skills": [django, _at(text, "SQL")]}, confidence={"skills": 0.7})])
        store.spans.add_many(1, [(*django, "SKILL")], "machine", "rejected")
        assert store.records.get(1)["fields"]["skills"] == ["SQL"]


def _at(text: str, words: str) -> list[int]:
    return [text.index(words), text.index(words) + len(words)]


def _spans_saved(store: Store, names: list[str],
                 renames: dict[str, str] | None = None) -> None:
    """The span labels saved as ``names``, each renamed from its ``renames`` entry."""
    from reviewer.core.labels import Option, Question

    schema = [q for q in store.labels.schema() if q.kind != "span"]
    origins = {(q.name, o): (q.name, o) for q in schema for o in q.option_names()}
    origins |= {("spans", n): ("spans", (renames or {}).get(n, n)) for n in names}
    store.labels.save_schema([*schema, Question("spans", "span", [Option(n) for n in names])],
                             origins)


def test_the_label_standing_for_skills_follows_its_renames(store: Store,
                                                           tmp_path: Path) -> None:
    """SKILL renamed and moved after BENEFIT: the suggestions took BENEFIT, the first
    label. A swap moves it too; a removed label stands for nothing, until a label is
    given its name again; a split file keeps the project's."""
    from reviewer.core.team import split_project

    assert store.labels.skill_label() == "SKILL"
    _spans_saved(store, ["BENEFIT", "TOOL", "HARD_SKILL"], {"HARD_SKILL": "SKILL"})
    assert store.labels.skill_label() == "HARD_SKILL"
    files = split_project(store, ["ana"], tmp_path / "team").files
    with Store(files["ana"]) as own:
        assert own.labels.skill_label() == "HARD_SKILL"
    _spans_saved(store, ["BENEFIT", "HARD_SKILL", "TOOL"], {"HARD_SKILL": "TOOL",
                                                            "TOOL": "HARD_SKILL"})
    assert store.labels.skill_label() == "TOOL"  # swapped: its spans are TOOL's now
    _spans_saved(store, ["BENEFIT", "HARD_SKILL"])
    assert store.labels.skill_label() is None  # removed
    _spans_saved(store, ["BENEFIT", "TOOL"], {"TOOL": "HARD_SKILL"})
    assert store.labels.skill_label() == "TOOL"  # (the spans of HARD_SKILL are TOOL's)
