"""The models a project learnt: kept as bytes with what they are, the newest in use."""

from __future__ import annotations

import shutil
from pathlib import Path

from reviewer.core.store import SCHEMA_VERSION, NewPosting, Store

DATA = Path(__file__).resolve().parents[2] / "data" / "projects"


def test_a_model_is_kept_and_read_back(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        assert store.models.latest("learned") is None
        model_id = store.models.save("learned", b"\x00model bytes", [3, 1, 2],
                                     {"format": "reviewer-model", "figures": {"title": 0.8}})
        got = store.models.latest("learned")
        assert got is not None
        assert got.id == model_id and got.data == b"\x00model bytes"
        assert got.postings == 3 and got.info["figures"] == {"title": 0.8}
        assert store.models.learnt_from(model_id) == [3, 1, 2]
    with Store(tmp_path / "p.db") as again:  # in the file, not only in memory
        stored = again.models.latest("learned")
        assert stored is not None and stored.data == b"\x00model bytes"


def test_a_new_model_replaces_the_old_ones_of_its_kind(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        first = store.models.save("learned", b"one", [1], {})
        store.models.save("other", b"kept", [1], {})
        second = store.models.save("learned", b"two", [1, 2], {})
        latest = store.models.latest("learned")
        assert latest is not None and latest.id == second and latest.data == b"two"
        assert store.models.learnt_from(first) == []  # dropped
        other = store.models.latest("other")
        assert other is not None and other.data == b"kept"
        assert store.models.drop("learned") == 1
        assert store.models.latest("learned") is None


def test_a_damaged_info_reads_as_empty(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        model_id = store.models.save("learned", b"x", [], {})
        store.db.execute("UPDATE models SET info = 'not json' WHERE id = ?", (model_id,))
        latest = store.models.latest("learned")
        assert latest is not None and latest.info == {}


def test_columns_of_another_type_read_as_a_model_no_one_can_load(tmp_path: Path) -> None:
    """A file edited by hand or by another tool may hold text where the bytes go, or
    words where the count goes: the row still reads (its bytes empty, its count 0), so
    that loading refuses it with a reason instead of every command failing."""
    with Store(tmp_path / "p.db") as store:
        model_id = store.models.save("learned", b"x", [1, 2], {})
        store.db.execute("UPDATE models SET data = 'hello', postings = 'many',"
                         " trained_at = 12, info = 5, learnt_from = 7 WHERE id = ?",
                         (model_id,))
        latest = store.models.latest("learned")
        assert latest is not None
        assert (latest.data, latest.postings, latest.trained_at, latest.info) == (
            b"", 0, "12", {})
        assert store.models.learnt_from(model_id) == []


def test_the_schema_has_the_models_step(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        assert store.schema_version() == SCHEMA_VERSION >= 7


def test_a_version_6_project_migrates_with_no_models(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(DATA / "v6.db", path)
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.models.latest("learned") is None
        assert store.records.get(1)["machine"]["title"]["value"]
        assert (tmp_path / "old.db.v6.bak").exists()


def _posting(n: int, source: str, usefulness: float | None,
             labels: dict | None = None) -> NewPosting:
    return NewPosting(source=source, hash=f"h{n}", kind="text", raw=f"page {n}",
                      cleaned=f"Posting {n}", usefulness=usefulness,
                      label_suggestions=labels or {})


def test_most_useful_first_taking_turns_among_sources(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        store.postings.add([
            _posting(1, "big.csv#1", 0.9), _posting(2, "big.csv#2", 0.8),
            _posting(3, "big.csv#3", 0.7), _posting(4, "pages/acme/1.html", 0.2),
            _posting(5, "pages/acme/2.html", 0.1), _posting(6, "small.csv#1", None),
            _posting(7, "https://jobs.example.com/7", 0.5)])
        # each source's most useful first (big 0.9, web 0.5, acme 0.2), then the seconds…;
        # the posting no model read comes last
        assert list(store.queue.ids("useful")) == [1, 7, 4, 2, 5, 3, 6]
        assert list(store.queue.ids("useful", status="new")) == [1, 7, 4, 2, 5, 3, 6]
        store.postings.set_status(2, "reviewed")
        assert 2 not in store.queue.ids("useful", status="new")
        # with every posting listed, one reviewed is no longer useful to review next: it
        # goes to the end, whatever the model thought of it before
        store.postings.set_status(1, "reviewed")
        assert list(store.queue.ids("useful")) == [3, 7, 4, 5, 6, 1, 2]
        store.postings.set_status(4, "reviewed")
        store.postings.set_status(7, "reviewed")
        # listed alone, the reviewed are in the order of usefulness, not of import
        assert list(store.queue.ids("useful", status="reviewed")) == [1, 7, 4, 2]


def test_label_suggestions_are_kept_with_the_posting(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        store.postings.add([_posting(1, "a.txt", 0.4, {"relevant": ("yes", 0.83),
                                                         "tags": (["a", "b"], 0.5)})])
        assert store.records.get(1)["label_suggestions"] == {
            "relevant": {"answer": "yes", "confidence": 0.83},
            "tags": {"answer": ["a", "b"], "confidence": 0.5}}
        assert store.records.get(1)["labels"] == {}


def test_a_question_changed_while_a_model_learnt_stays_changed_after_it(
        tmp_path: Path) -> None:
    """A training reads the schema, learns for minutes and is kept: the options renamed
    meanwhile are still not the ones it learnt (a rename and a rename back, too)."""
    with Store(tmp_path / "p.db") as store:
        store.meta.mark_changed_questions(["relevant", "role"])
        read = store.meta.changed_questions()  # the training starts here
        store.meta.mark_changed_questions(["role"])
        store.meta.model_trained(read, [])
        assert set(store.meta.changed_questions()) == {"role"}
        store.meta.model_trained(store.meta.changed_questions(), ["seniority"])
        assert set(store.meta.changed_questions()) == {"seniority"}
        store.meta.model_trained(store.meta.changed_questions(), [])
        assert store.meta.changed_questions() == {}
