"""A posting whose reviewers still differ on its span labels (merged, not adjudicated)
has no span labels anyone decided: the record says what is undecided, and the formats
that tag every token do not tag its tokens as outside any span (spaCy: missing; Hugging
Face: no tags; CoNLL, which has no word for unknown: the posting left out, said)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_export import load_hf, read_lines

from reviewer.cli import main
from reviewer.core.store import NewPosting, Store

TEXT = "# Data Analyst\n\nWe need SQL and Python."
STAMP = "2024-05-01T10:00:00Z"


def make_project(path: Path) -> Path:
    """Two reviewed postings: on the first, ana labelled SQL a SKILL and ben a TOOL; on
    the second both labelled it a SKILL."""
    at = TEXT.index("SQL")
    with Store(path, reviewer="lead") as store:
        store.postings.add([NewPosting(source=f"{n}.md", hash=f"h{n}", kind="text", raw=TEXT,
                                       cleaned=TEXT, fields={"title": "Data Analyst"},
                                       confidence={"title": 0.9}) for n in (1, 2)])
        store.reviews.put([
            (1, "ana", "spans", "", json.dumps([[at, at + 3, "SKILL"]]), STAMP),
            (1, "ben", "spans", "", json.dumps([[at, at + 3, "TOOL"]]), STAMP),
            (2, "ana", "spans", "", json.dumps([[at, at + 3, "SKILL"]]), STAMP),
            (2, "ben", "spans", "", json.dumps([[at, at + 3, "SKILL"]]), STAMP)])
        store.spans.add(2, at, at + 3, "SKILL")
        for pid in (1, 2):
            store.postings.set_status(pid, "reviewed")
        store.reviews.refresh([1, 2])
        assert store.reviews.differing(1) == [("spans", "")]
    return path


def _export(db: Path, fmt: str, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", str(db), "--format", fmt, "-o", str(out)]) == 0
    return capsys.readouterr().out


def test_the_record_says_what_its_reviewers_still_differ_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_project(tmp_path / "p.db")
    _export(db, "jsonl", tmp_path / "out.jsonl", capsys)
    one, two = read_lines(tmp_path / "out.jsonl")
    assert one["undecided"] == ["spans"] and one["spans"] == []
    assert "undecided" not in two and [s["label"] for s in two["spans"]] == ["SKILL"]


def test_spacy_marks_the_tokens_of_undecided_spans_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spacy = pytest.importorskip("spacy", reason="spaCy is not installed")
    from spacy.tokens import DocBin

    db = make_project(tmp_path / "p.db")
    _export(db, "spacy", tmp_path / "out.spacy", capsys)
    one, two = DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("en").vocab)
    assert {token.ent_iob_ for token in one} == {""}  # missing: not "O", no entity
    assert [(e.text, e.label_) for e in two.ents] == [("SQL", "SKILL")]
    assert {token.ent_iob_ for token in two} == {"O", "B"}


def test_conll_leaves_out_a_posting_of_undecided_spans_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_project(tmp_path / "p.db")
    said = _export(db, "conll", tmp_path / "out.conll", capsys)
    text = (tmp_path / "out.conll").read_text(encoding="utf-8")
    assert text.count("-DOCSTART-") == 1 and "SQL -X- _ B-SKILL" in text
    assert "1 posting whose reviewers differ on the span labels left out" in said


def test_hugging_face_gives_no_tags_to_a_posting_of_undecided_spans(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = make_project(tmp_path / "p.db")
    _export(db, "hf", tmp_path / "hf", capsys)
    rows = read_lines(next((tmp_path / "hf" / "data").glob("train-*.jsonl")))
    assert rows[0]["ner_tags"] is None and rows[0]["spans"] is None
    assert rows[0]["undecided"] == ["spans"]
    assert rows[1]["ner_tags"] and rows[1]["spans"]
    data = load_hf(monkeypatch, tmp_path / "hf", "train")
    assert data[0]["ner_tags"] is None and data[1]["ner_tags"]


def test_prodigy_ignores_and_label_studio_gives_no_ground_truth_where_undecided(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_project(tmp_path / "p.db")
    _export(db, "prodigy", tmp_path / "out.jsonl", capsys)
    one, two = read_lines(tmp_path / "out.jsonl")
    assert (one["answer"], one["meta"]["undecided"]) == ("ignore", ["spans"])
    assert (two["answer"], two["meta"]["undecided"]) == ("accept", [])
    assert main(["export", str(db), "--format", "labelstudio", "--all-reviewers", "-o",
                 str(tmp_path / "ls.json")]) == 0
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert tasks[0]["meta"]["undecided"] == ["spans"]
    assert not any(a.get("ground_truth") for a in tasks[0]["annotations"])
    assert tasks[0]["annotations"][0]["was_cancelled"] is True  # the final one
    assert tasks[1]["annotations"][0]["was_cancelled"] is False
    assert tasks[1]["annotations"][0]["ground_truth"] is True


def test_doccano_and_argilla_give_no_span_answer_where_undecided(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_project(tmp_path / "p.db")
    _export(db, "doccano", tmp_path / "d.jsonl", capsys)
    one, two = read_lines(tmp_path / "d.jsonl")
    assert "label" not in one and two["label"] == [[TEXT.index("SQL"), TEXT.index("SQL") + 3,
                                                    "SKILL"]]
    _export(db, "argilla", tmp_path / "a.jsonl", capsys)
    one, two = read_lines(tmp_path / "a.jsonl")
    assert "spans" not in one["responses"] and two["responses"]["spans"][0]["value"]
    assert two["responses"]["spans"][0]["status"] == "submitted"


def test_prodigy_ignores_a_task_whose_answer_to_a_question_is_undecided(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_project(tmp_path / "p.db")
    with Store(db, reviewer="lead") as store:
        store.reviews.put([(2, "ana", "label", "relevant", json.dumps(["yes"]), STAMP),
                           (2, "ben", "label", "relevant", json.dumps(["no"]), STAMP)])
        store.reviews.refresh([2])
    _export(db, "prodigy", tmp_path / "out.jsonl", capsys)
    two = read_lines(tmp_path / "out.jsonl")[1]
    assert (two["answer"], two["meta"]["undecided"]) == ("ignore", ["label:relevant"])


def test_an_import_of_undecided_records_says_what_it_cannot_keep(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_project(tmp_path / "p.db")
    _export(db, "jsonl", tmp_path / "out.jsonl", capsys)
    assert main(["import", str(tmp_path / "back.db"), str(tmp_path / "out.jsonl")]) == 0
    said = capsys.readouterr()
    assert "1 record said their reviewers still differed ('undecided')" in said.out + said.err


def _with_a_new_posting(path: Path) -> Path:
    """The project, and a third posting no one reviewed, one span of it labelled."""
    make_project(path)
    at = TEXT.index("Python")
    with Store(path, reviewer="ana") as store:
        store.postings.add([NewPosting(source="3.md", hash="h3", kind="text", raw=TEXT,
                                       cleaned=TEXT, fields={"title": "Data Analyst"},
                                       confidence={"title": 0.9})])
        store.spans.add(3, at, at + 6, "SKILL")
    return path


def test_spacy_marks_what_no_one_labelled_of_a_posting_not_reviewed_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--all``: a posting no one reviewed was all "O" but its labelled span: no entity,
    said of words no one looked at."""
    spacy = pytest.importorskip("spacy", reason="spaCy is not installed")
    from spacy.tokens import DocBin

    db = _with_a_new_posting(tmp_path / "p.db")
    assert main(["export", str(db), "--all", "--format", "spacy", "-o",
                 str(tmp_path / "out.spacy")]) == 0
    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("en").vocab))
    third = docs[2]
    assert [(e.text, e.label_) for e in third.ents] == [("Python", "SKILL")]
    assert {token.ent_iob_ for token in third if token.text != "Python"} == {""}
    assert {token.ent_iob_ for token in docs[1]} == {"O", "B"}  # reviewed: known


def test_conll_leaves_out_a_posting_not_reviewed_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _with_a_new_posting(tmp_path / "p.db")
    assert main(["export", str(db), "--all", "--format", "conll", "-o",
                 str(tmp_path / "out.conll")]) == 0
    said = capsys.readouterr().out
    text = (tmp_path / "out.conll").read_text(encoding="utf-8")
    assert text.count("-DOCSTART-") == 1 and "Python -X- _ B-SKILL" not in text
    assert "1 posting not reviewed left out" in said
    assert said.startswith("1 of 3 postings as conll")  # not "3 postings": two are not there


def test_hugging_face_gives_no_tags_to_a_posting_not_reviewed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``--all``: the tokens of a posting no one reviewed were all "O" but its labelled
    span, where spaCy says missing and CoNLL leaves it out."""
    db = _with_a_new_posting(tmp_path / "p.db")
    assert main(["export", str(db), "--all", "--format", "hf", "-o",
                 str(tmp_path / "hf")]) == 0
    rows = read_lines(next((tmp_path / "hf" / "data").glob("train-*.jsonl")))
    assert rows[2]["ner_tags"] is None and [s["text"] for s in rows[2]["spans"]] == ["Python"]
    assert rows[1]["ner_tags"]  # reviewed: every token known
    assert load_hf(monkeypatch, tmp_path / "hf", "train")[2]["ner_tags"] is None


def test_spans_of_a_posting_without_tags_are_not_counted_as_left_out_of_them(
        tmp_path: Path) -> None:
    """Overlapping spans of a posting not reviewed (no ner_tags) were counted as
    "overlapping spans left untagged", and the card said so."""
    from test_export import make_record, span

    from reviewer.core.export import export

    text = "Senior Data Engineer"
    record = make_record(1, text, status="new", spans=[span(text, "Senior Data", "A"),
                                                       span(text, "Data Engineer", "B")])
    summary = export([record], "hf", tmp_path / "hf")
    assert summary.overlapping_spans == 0 and "overlapping" not in summary.describe()


def test_the_csv_row_says_what_its_reviewers_still_differ_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV row of a reviewed posting with no spans read "no entities", the reviewers'
    difference on them nowhere; and the note named --all-reviewers, which CSV refuses."""
    import csv

    db = make_project(tmp_path / "p.db")
    assert main(["export", str(db), "--format", "csv", "-o", str(tmp_path / "out.csv")]) == 0
    assert "--all-reviewers" not in capsys.readouterr().err
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as rows:
        one, two = csv.DictReader(rows)
    assert json.loads(one["undecided"]) == ["spans"] and one["spans"] == "[]"
    assert two["undecided"] == ""
    assert main(["export", str(db), "--format", "csv", "--parquet", "-o",
                 str(tmp_path / "out.parquet")]) == 0
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert table[0]["undecided"] == ["spans"] and table[1]["undecided"] is None


def test_conll_of_no_posting_reviewed_writes_no_empty_file_and_says_why(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--all`` of postings none reviewed: CoNLL left every one out and wrote a file of
    0 bytes; the export fails, saying why, and an older file stays as it was."""
    db = tmp_path / "p.db"
    with Store(db, reviewer="ana") as store:
        store.postings.add([NewPosting(source="1.md", hash="h1", kind="text", raw=TEXT,
                                       cleaned=TEXT, fields={}, confidence={})])
    out = tmp_path / "out.conll"
    out.write_text("an older export\n", encoding="utf-8")
    assert main(["export", str(db), "--all", "--format", "conll", "-o", str(out)]) != 0
    said = capsys.readouterr().err
    assert "no posting to write as conll: 1 posting not reviewed left out" in said
    assert out.read_text(encoding="utf-8") == "an older export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.conll", "p.db"]
