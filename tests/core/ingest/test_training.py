"""The project's model: trained from its reviewed postings, kept in the file, loaded."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from reviewer.core.ingest import TrainingError, project_model, train_project
from reviewer.core.ingest.training import examples_of, model_summary
from reviewer.core.schema import FIELD_NAMES
from reviewer.core.store import Store

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "dev" / "linkedin.jsonl"


def reviewed_records(n: int) -> list[dict]:
    """``n`` reviewed postings: the corpus's description texts, their gold values as
    the reviewers' corrections."""
    out = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines()[:n]:
        rec = json.loads(line)
        fields = {name: rec["fields"].get(name) for name in FIELD_NAMES}
        provenance = {name: ("corrected" if name in rec["fields"] else "none")
                      for name in FIELD_NAMES}
        out.append({"text": rec["raw"], "fields": fields, "provenance": provenance,
                    "raw_hash": hashlib.sha256(rec["raw"].encode()).hexdigest(),
                    "status": "reviewed", "source": rec["id"]})
    return out


def project(tmp_path: Path, n: int) -> Store:
    store = Store(tmp_path / "p.db")
    for record in reviewed_records(n):
        assert store.records.add(record)
    return store


def import_pages(store: Store, tmp_path: Path, lines: list[str]) -> list[int]:
    """The corpus lines as pages imported (not reviewed); their ids."""
    from reviewer.core.ingest import import_paths

    pages = tmp_path / "pages"
    pages.mkdir()
    for line in lines:
        rec = json.loads(line)
        (pages / f"{rec['id']}.txt").write_text(rec["raw"], encoding="utf-8")
    import_paths(store, [pages])
    return store.queue.ids(status="new")


def test_the_reviewed_postings_are_the_examples(tmp_path: Path) -> None:
    with project(tmp_path, 12) as store:
        examples, ids = examples_of(store)
        assert len(examples) == len(ids) == 12
        first = json.loads(CORPUS.read_text(encoding="utf-8").splitlines()[0])
        assert examples[0].fields["title"] == first["fields"].get("title")
        assert examples[0].markdown == first["raw"]


def test_a_posting_without_the_rules_reading_is_read_by_the_rules_again(
        tmp_path: Path) -> None:
    """A reviewed record imported without the machine's values carries no reading of
    the rules: learning must not take it as "the rules found nothing" (it would learn
    to trust itself over rules it never saw), it runs them again."""
    with project(tmp_path, 2) as store:
        record = reviewed_records(3)[2]
        record["machine"] = {"title": {"value": "Stored Title", "confidence": 0.7,
                                       "spans": [], "stage": "structure"}}
        assert store.records.add(record)
        examples, _ = examples_of(store)
        assert [e.extraction is None for e in examples] == [True, True, False]
        stored = examples[2].extraction
        assert stored is not None and stored.fields["title"] == "Stored Title"


@pytest.mark.parametrize("stage", ["command", "plugin:oracle", "learned"])
def test_a_value_another_stage_suggested_is_not_taken_for_the_rules(
        tmp_path: Path, stage: str) -> None:
    """A posting imported with a command extractor (or a plug-in, or a learned model)
    stores that stage's value: learning took it for the rules' reading, so the rules'
    figures rose with a better extractor, and the model learnt from what it never sees
    when it suggests (the rules' reading). The rules read such a posting again; a value
    a data file's column gave stays, as it is there when the model suggests."""
    from reviewer.core.extract import extract
    from reviewer.core.schema import CleanDoc

    with project(tmp_path, 2) as store:
        record = reviewed_records(3)[2]
        record["machine"] = {
            "title": {"value": "Oracle Title", "confidence": 0.99, "spans": [],
                      "stage": stage},
            "company": {"value": "Given Co", "confidence": 0.9, "spans": [],
                        "stage": "dataset"}}
        assert store.records.add(record)
        examples, _ = examples_of(store)
        reading = examples[2].extraction
        assert reading is not None
        rules = extract(CleanDoc(record["text"], "text"))
        assert reading.fields["title"] == rules.fields["title"] != "Oracle Title"
        assert reading.stages.get("title") == rules.stages.get("title")
        assert reading.fields["company"] == "Given Co"
        assert reading.stages["company"] == "dataset"


def test_a_trained_model_is_kept_in_the_file_and_loads(tmp_path: Path) -> None:
    with project(tmp_path, 40) as store:
        steps: list[tuple[int, int]] = []
        report = train_project(store, progress=lambda d, t: steps.append((d, t)))
        assert report.postings == 40 and report.model_bytes > 0
        assert steps and steps[-1][0] == steps[-1][1]
        assert "title" in report.figures and report.figures["title"]["n"] > 0
        assert type(report.figures["title"]["n"]) is int  # ("n": 37.0 in train --json)
        assert any("title" in row for row in report.table())
    with Store(tmp_path / "p.db") as again:
        model, why = project_model(again)
        assert why is None and model is not None
        assert "title" in model.fields
        stored = again.models.latest("learned")
        assert stored is not None and stored.postings == 40
        assert len(again.models.learnt_from(stored.id)) == 40


def test_too_few_reviewed_postings_are_refused_with_the_reason(tmp_path: Path) -> None:
    with project(tmp_path, 3) as store:
        with pytest.raises(TrainingError, match="at least 10 reviewed postings; this project "
                                                "has 3"):
            train_project(store)
        assert store.models.latest("learned") is None


def test_too_few_reviewed_postings_are_refused_before_any_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each reviewed posting is read (extracted again) before the count was checked: a
    project of 6 took 17 s to be told it needs 10."""
    from reviewer.core.ingest import training

    def read(*_args: object) -> None:
        raise AssertionError("the reviewed postings were read")

    monkeypatch.setattr(training, "examples_of", read)
    with project(tmp_path, 3) as store, pytest.raises(TrainingError, match="has 3"):
        train_project(store)


def test_too_few_reviewed_postings_are_refused_before_the_learning_loads(
        tmp_path: Path) -> None:
    """The learning's libraries (seconds to load) were loaded before the count was
    checked: the window said "Reading 0 reviewed postings…" for 2 s before it said 10
    are needed."""
    import subprocess
    import sys

    Store(tmp_path / "p.db").close()
    script = ("import sys\nfrom reviewer.core.ingest import TrainingError, train_project\n"
              "from reviewer.core.store import Store\n"
              "with Store(sys.argv[1]) as store:\n"
              "    try:\n        train_project(store)\n"
              "    except TrainingError as err:\n        print(err)\n"
              "print(sorted(m for m in ('sklearn', 'scipy', 'reviewer.core.learn')"
              " if m in sys.modules))\n")
    said = subprocess.run([sys.executable, "-c", script, str(tmp_path / "p.db")],
                          capture_output=True, text=True, check=True).stdout.splitlines()
    assert said[0].startswith("learning needs at least 10 reviewed postings")
    assert said[-1] == "[]"


def test_a_model_this_version_cannot_read_is_not_used_and_says_why(tmp_path: Path) -> None:
    with project(tmp_path, 3) as store:
        store.models.save("learned", b"PK\x03\x04 not a model of ours", [1, 2], {})
        model, why = project_model(store)
        assert model is None
        assert why is not None and "not used" in why and "train it again" in why
        assert project_model(Store(tmp_path / "empty.db")) == (None, None)


def test_a_model_row_of_the_wrong_types_is_not_used_and_says_why(tmp_path: Path) -> None:
    with project(tmp_path, 3) as store:
        model_id = store.models.save("learned", b"x", [1, 2], {})
        store.db.execute("UPDATE models SET data = 'hello', postings = 'many' WHERE id = ?",
                         (model_id,))
        model, why = project_model(store)
        assert model is None
        assert why is not None and "not a zip archive" in why
        summary = model_summary(store)
        assert summary is not None and summary.postings == 0


def test_a_refused_model_s_note_shows_the_file_s_control_characters_never_obeys_them(
        tmp_path: Path) -> None:
    """The note that a stored model is not used printed its date and the reason read
    from the file as they were: a date of "\x1b[2J\x1b[8m" cleared the terminal and hid
    the note itself; a date stored as bytes showed as "b'…'"."""
    with project(tmp_path, 3) as store:
        model_id = store.models.save("learned", b"PK\x03\x04 not a model", [1, 2], {})
        store.db.execute("UPDATE models SET trained_at = ? WHERE id = ?",
                         ("\x1b[2J\x1b[8m", model_id))
        _model, why = project_model(store)
        assert why is not None and "\x1b" not in why and "\\x1b[2J" in why
        store.db.execute("UPDATE models SET trained_at = ? WHERE id = ?",
                         (b"\x00\xff", model_id))
        _model, why = project_model(store)
        assert why is not None and "b'" not in why and "\x00" not in why


def test_re_extract_puts_the_model_s_readings_and_label_answers_on_the_rest(
        tmp_path: Path) -> None:
    from reviewer.core.ingest import reextract

    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    with project(tmp_path, 0) as store:
        records = reviewed_records(40)
        for record in records:  # every posting that names "sales" is about sales
            sales = "sales" in record["text"].lower()
            record["labels"] = {"relevant": ["yes"],
                                "role_family": ["sales_marketing" if sales else "other"]}
            assert store.records.add(record)
        new_ids = import_pages(store, tmp_path, lines[40:55])
        assert len(new_ids) == 15
        assert all(not store.records.get(pid)["label_suggestions"] for pid in new_ids)
        train_project(store)
        report = reextract(store)
        assert report.learned and report.updated == 15
        for pid in new_ids:
            posting = store.records.get(pid)
            suggested = posting["label_suggestions"]
            assert suggested["relevant"]["answer"] == "yes"
            assert 0 <= suggested["relevant"]["confidence"] <= 1
            assert suggested["role_family"]["answer"] in ("sales_marketing", "other")
            assert posting["labels"] == {}  # suggested, not answered
        assert set(store.queue.ids("useful")[:15]) == set(new_ids)
        reviewed_before = store.records.get(1)
        assert reextract(store).unchanged == 15  # the same model reads the same again
        assert store.records.get(1)["fields"] == reviewed_before["fields"]


def test_the_figures_table_names_each_question_whole() -> None:
    """Two questions that share their first 28 letters were two rows of one name."""
    from reviewer.core.ingest.training import figures_table

    rows = figures_table({"label:requires_security_clearance_level": {"model": 0.4, "n": 12},
                          "label:requires_security_clearance_type": {"model": 1.0, "n": 12}})
    assert rows[1].startswith("label:requires_security_clearance_level ")
    assert rows[2].startswith("label:requires_security_clearance_type ")
    assert len({len(row) for row in rows}) == 1  # the columns still line up


@pytest.mark.parametrize("figure", ["NaN", "1e999", "-1e999", "1" + "0" * 400])
def test_figures_edited_into_no_number_are_left_out_of_the_table(tmp_path: Path,
                                                                  figure: str) -> None:
    from reviewer.core.ingest.training import figures_table

    with project(tmp_path, 3) as store:
        model_id = store.models.save("learned", b"x", [1, 2], {})
        store.db.execute(
            "UPDATE models SET info = ? WHERE id = ?",
            ('{"figures": {"title": {"n": FIG, "rules": 0.5, "model": FIG}}}'.replace(
                "FIG", figure), model_id))
        summary = model_summary(store)
    assert summary is not None and summary.figures == {"title": {"rules": 0.5}}
    assert figures_table(summary.figures)[1].split() == ["title", "0.500", "-", "-", "0"]


def test_what_reviewers_still_differ_on_is_not_learnt_as_decided(tmp_path: Path) -> None:
    """A merged project where ana and ben gave two titles, none final: the machine's
    title, which neither chose, was learnt as the answer (and the rules scored 1.000
    against their own reading)."""
    def field(value: str) -> str:
        return json.dumps({"state": "corrected", "value": value, "spans": []})

    with project(tmp_path, 2) as store:
        first = store.queue.ids()[0]
        store.decisions.revert_field(first, "title")  # the machine's, as a merge leaves it
        store.reviews.put([(first, "ana", "field", "title", field("A"), "t"),
                           (first, "ben", "field", "title", field("B"), "t"),
                           (first, "ana", "label", "relevant", '["yes"]', "t"),
                           (first, "ben", "label", "relevant", '["no"]', "t")])
        store.reviews.refresh([first])
        examples, ids = examples_of(store)
        mine = examples[ids.index(first)]
        assert "title" not in mine.fields and "company" in mine.fields
        assert "relevant" not in mine.labels


def test_a_machine_value_no_one_decided_is_not_learnt(tmp_path: Path) -> None:
    """A posting marked reviewed in bulk keeps its fields' machine values undecided: a
    command extractor's "remote" on every posting was learnt as the reviewers' answer,
    and suggested again by the model as its own. What no one decided is no example."""
    from reviewer.core.ingest import import_paths
    from reviewer.core.store import BulkEdit

    with project(tmp_path, 2) as store:
        page = tmp_path / "page.txt"
        page.write_text("Data Engineer\n\nAcme is hiring in Berlin, Germany. Full-time, "
                        "remote.\n", encoding="utf-8")
        import_paths(store, [page])
        [new] = store.queue.ids(status="new")
        machine = store.records.get(new)["machine"]
        assert machine["title"]["value"] and machine["locations"]["value"]
        store.decisions.set_field(new, "title", "Data Engineer II")
        store.bulk.apply(BulkEdit("status", value="reviewed"), [new])
        examples, ids = examples_of(store)
        mine = examples[ids.index(new)]
        assert mine.fields["title"] == "Data Engineer II"
        assert "locations" not in mine.fields
        assert store.records.get(new)["provenance"]["locations"] == "machine"


def test_a_question_whose_options_were_renamed_is_not_answered_by_the_older_model(
        tmp_path: Path) -> None:
    """The model learnt "relevant": "yes"; the options were swapped (yes <-> no) after
    it was trained. A re-extract with it suggested "yes" again, which now means what
    "no" meant, unsaid; its answers to that question are not used until it learns again."""
    from reviewer.core.ingest import reextract
    from reviewer.core.labels import Option, Question

    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    with project(tmp_path, 0) as store:
        for record in reviewed_records(30):
            record["labels"] = {"relevant": ["yes"], "role_family": ["other"]}
            assert store.records.add(record)
        new_ids = import_pages(store, tmp_path, lines[30:34])
        train_project(store)
        schema = store.labels.schema()
        relevant = next(q for q in schema if q.name == "relevant")
        swapped = [Question(q.name, q.kind, [Option(o.name) for o in q.options][::-1])
                   if q is relevant else q for q in schema]
        origins = {(q.name, o): (q.name, o) for q in schema for o in q.option_names()}
        origins[("relevant", "yes")] = ("relevant", "no")
        origins[("relevant", "no")] = ("relevant", "yes")
        store.labels.save_schema(swapped, origins=origins)

        report = reextract(store)
        assert report.model_note and "relevant" in report.model_note
        assert "train" in report.model_note
        for pid in new_ids:
            suggested = store.records.get(pid)["label_suggestions"]
            assert "relevant" not in suggested
            assert suggested["role_family"]["answer"] == "other"  # untouched: still used

        train_project(store)  # learnt again: its answers are used again
        report = reextract(store)
        assert report.model_note is None
        assert all("relevant" in store.records.get(pid)["label_suggestions"]
                   for pid in new_ids)


def _single_answer_model(classes: list[str]) -> bytes:
    """A well-formed stored model whose only part answers the question "relevant" with
    ``classes``."""
    import numpy as np

    from reviewer.core.learn import Model
    from reviewer.core.learn.classify import LinearModel
    from reviewer.core.learn.model import Part

    k = 1 if len(classes) == 2 else len(classes)
    linear = LinearModel(classes, np.zeros(0, np.int32), np.zeros((0, k), np.float32),
                         np.zeros(k, np.float32))
    return Model({"label:relevant": Part("label:relevant", "single")}, {},
                 {"label:relevant": linear}, {}).to_bytes()


def test_a_model_answering_a_question_outside_its_options_is_not_used(tmp_path: Path) -> None:
    """A crafted model whose classifier named "<b>EVIL</b>" for a question of options yes
    and no had it suggested for every posting, as a choice field's value outside its
    choices never is."""
    with project(tmp_path, 3) as store:
        store.models.save("learned", _single_answer_model(["<b>EVIL</b>", "yes"]), [1], {})
        model, why = project_model(store)
        assert model is None
        assert why is not None and "not used" in why and "'relevant'" in why
        assert "train it again" in why
        store.models.save("learned", _single_answer_model(["no", "yes"]), [1], {})
        model, why = project_model(store)
        assert model is not None and model.questions == ["relevant"] and why is None


@pytest.mark.parametrize(("size", "said"), [
    (40_000, "40 kB"), (300, "1 kB"), (99_000, "99 kB"), (2_500_000, "2.5 MB")])
def test_the_model_s_size_is_said_in_kb_or_mb(size: int, said: str) -> None:
    """A 40 kB model was "(0.0 MB in the project file)"."""
    from reviewer.core.ingest.training import TrainReport

    report = TrainReport(postings=12, seconds=1.0, model_bytes=size)
    assert report.size_text() == said
    assert f"({said} in the project file)" in report.describe()
