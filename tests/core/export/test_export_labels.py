"""Document labels and tokens in the exports: Prodigy tasks with tokens, token offsets,
options and answers keyed by question; spaCy categories keyed by question with negatives,
and one DocBin per single-choice question; CSV lists as JSON arrays."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.core.export import export
from reviewer.core.records import PostingRecord, SpanRecord
from reviewer.core.schema import FIELD_NAMES

STAMP = "2024-05-01T10:00:00Z"
CJK = "Développeur·se 🚀 Python à Montréal — 東京オフィス勤務も可能です。Remote OK."


def span(text: str, sub: str, label: str) -> SpanRecord:
    start = text.index(sub)
    return {"start": start, "end": start + len(sub), "label": label, "text": sub,
            "origin": "human"}


def record(rid: int, text: str, labels: dict[str, list[str]] | None = None,
           spans: list[SpanRecord] | None = None, **fields: Any) -> PostingRecord:
    values: dict[str, Any] = dict.fromkeys(FIELD_NAMES)
    values.update(fields)
    return {
        "id": rid, "source": f"pages/{rid}.html",
        "raw_hash": hashlib.sha256(f"raw {rid}".encode()).hexdigest(), "status": "reviewed",
        "text": text, "fields": values,
        "provenance": {name: "accepted" if values[name] is not None else "none"
                       for name in FIELD_NAMES},
        "machine": {}, "field_spans": {}, "spans": spans or [], "labels": labels or {},
        "comment": "", "metadata": {}, "imported_at": STAMP, "updated_at": STAMP,
        "schema_version": 1,
    }


def postings() -> list[PostingRecord]:
    """Two single-choice questions that share the option names yes/no, and a multi one."""
    t1 = "Senior Data Engineer at Acme Ltd in Leeds, UK.\n\n- Build pipelines"
    t2 = "Nurse, Ward 7. Apply by 2024-06-30 (don't wait)."
    t4 = "Barista in Café Zoë, part time:  tips  shared."
    return [
        record(1, t1, {"relevant": ["yes"], "tags": ["tech", "remote"]},
               [span(t1, "Senior Data Engineer", "TITLE"), span(t1, "Data Engineer", "ROLE"),
                span(t1, "Leeds, UK", "LOC"), span(t1, "Build pipelines", "SKILL")]),
        record(2, t2, {"relevant": ["no"], "remote_ok": ["no"]},
               [span(t2, "Ward 7", "DEPT"), span(t2, "2024-06-30", "DATE")]),
        record(3, CJK, {"remote_ok": ["yes"], "tags": ["tech"]},
               [span(CJK, "東京", "LOC"), span(CJK, "🚀 Python", "SKILL"),
                span(CJK, "Montréal", "LOC")]),
        record(4, t4, {}, [span(t4, "Café Zoë", "ORG"), span(t4, "tips", "BENEFIT")]),
    ]


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- Prodigy ------------------------------------------------------------------------------------


def test_prodigy_tasks_carry_tokens_that_rebuild_the_text(tmp_path: Path) -> None:
    export(postings(), "prodigy", tmp_path / "p.jsonl")
    for task in read_lines(tmp_path / "p.jsonl"):
        tokens = task["tokens"]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        assert all(set(t) == {"text", "start", "end", "id", "ws"} for t in tokens)
        assert all(t["text"] and task["text"][t["start"]:t["end"]] == t["text"]
                   for t in tokens)
        assert "".join(t["text"] + (" " if t["ws"] else "") for t in tokens) == task["text"]
    first = read_lines(tmp_path / "p.jsonl")[0]
    words = [t["text"] for t in first["tokens"]]
    assert words[:6] == ["Senior", "Data", "Engineer", "at", "Acme", "Ltd"]
    assert "," in words and "." in words  # punctuation is a token of its own


def test_prodigy_spans_have_token_offsets(tmp_path: Path) -> None:
    summary = export(postings(), "prodigy", tmp_path / "p.jsonl")
    assert summary.unaligned_spans == 0
    for task, rec in zip(read_lines(tmp_path / "p.jsonl"), postings(), strict=True):
        tokens = task["tokens"]
        assert [(s["start"], s["end"], s["label"]) for s in task["spans"]] == \
            [(s["start"], s["end"], s["label"]) for s in rec["spans"]]
        for s in task["spans"]:
            # inclusive end, as Prodigy has it; the tokens hold the span exactly
            assert tokens[s["token_start"]]["start"] == s["start"]
            assert tokens[s["token_end"]]["end"] == s["end"]
            assert s["token_start"] <= s["token_end"]
    cjk = read_lines(tmp_path / "p.jsonl")[2]
    tokyo = cjk["spans"][0]
    assert tokyo["token_start"] == tokyo["token_end"]
    assert cjk["tokens"][tokyo["token_start"]]["text"] == "東京"


def test_prodigy_skips_and_counts_spans_that_hold_no_token(tmp_path: Path) -> None:
    rec = record(1, "Driver  wanted.", spans=[
        {"start": 6, "end": 7, "label": "GAP", "text": " ", "origin": "human"},
        {"start": 0, "end": 6, "label": "ROLE", "text": "Driver", "origin": "human"}])
    summary = export([rec], "prodigy", tmp_path / "p.jsonl")
    assert summary.unaligned_spans == 1
    [task] = read_lines(tmp_path / "p.jsonl")
    assert [s["label"] for s in task["spans"]] == ["ROLE"]


def test_prodigy_options_and_answers_are_keyed_by_question(tmp_path: Path) -> None:
    export(postings(), "prodigy", tmp_path / "p.jsonl")
    tasks = read_lines(tmp_path / "p.jsonl")
    ids = ["relevant=no", "relevant=yes", "remote_ok=no", "remote_ok=yes", "tags=remote",
           "tags=tech"]
    for task in tasks:  # every option the export has seen of each question answered
        answered = {q for q, chosen in task["meta"]["labels"].items() if chosen}
        assert [o["id"] for o in task["options"]] == [
            i for i in ids if i.split("=")[0] in answered]
        assert set(task["accept"]) <= set(ids)
    # a question a posting did not answer is no "no" to each of its options
    assert [o["id"] for o in tasks[1]["options"]] == [
        "relevant=no", "relevant=yes", "remote_ok=no", "remote_ok=yes"]
    assert tasks[3]["options"] == []
    assert tasks[0]["options"][1] == {"id": "relevant=yes", "text": "relevant: yes"}
    assert tasks[0]["accept"] == ["relevant=yes", "tags=tech", "tags=remote"]
    assert tasks[1]["accept"] == ["relevant=no", "remote_ok=no"]  # no collision on "no"
    assert tasks[3]["accept"] == []


def test_prodigy_annotator_and_timestamp(tmp_path: Path) -> None:
    records = postings()
    records[1]["updated_at"] = "2024-06-02T08:30:15+00:00"
    export(records, "prodigy", tmp_path / "p.jsonl")
    tasks = read_lines(tmp_path / "p.jsonl")
    assert {t["_annotator_id"] for t in tasks} == {"posting-reviewer"}
    assert tasks[0]["_timestamp"] == int(datetime.fromisoformat("2024-05-01T10:00:00+00:00")
                                         .timestamp())
    assert tasks[1]["_timestamp"] == 1717317015
    assert all(isinstance(t["_timestamp"], int) for t in tasks)


@given(st.text(alphabet=st.sampled_from("ab1.,' \n\t-éé東🚀\u200d\ufe0f"), max_size=40))
def test_tokens_rebuild_any_text(text: str) -> None:
    from reviewer.core.export.tokens import tokenize

    tokens = tokenize(text)
    assert "".join(t["text"] + (" " if t["ws"] else "") for t in tokens) == text
    assert all(t["text"] and text[t["start"]:t["end"]] == t["text"] for t in tokens)
    assert [t["id"] for t in tokens] == list(range(len(tokens)))


def test_tokens_split_at_the_boundaries_asked_for() -> None:
    from reviewer.core.export.tokens import tokenize

    text = "東京オフィス勤務 Pythonista"
    assert [t["text"] for t in tokenize(text)] == ["東京オフィス勤務", "Pythonista"]
    assert [t["text"] for t in tokenize(text, {2, 15})] == \
        ["東京", "オフィス勤務", "Python", "ista"]


# -- spaCy --------------------------------------------------------------------------------------


def read_docs(path: Path) -> list[Any]:
    spacy = pytest.importorskip("spacy", reason="spacy is not installed")
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_spacy_cats_are_keyed_by_question_with_negatives(tmp_path: Path) -> None:
    pytest.importorskip("spacy", reason="spacy is not installed")
    export(postings(), "spacy", tmp_path / "p.spacy")
    docs = read_docs(tmp_path / "p.spacy")
    assert docs[0].cats == {"relevant=yes": 1.0, "relevant=no": 0.0,
                            "tags=tech": 1.0, "tags=remote": 1.0}
    assert docs[1].cats == {"relevant=no": 1.0, "relevant=yes": 0.0,
                            "remote_ok=no": 1.0, "remote_ok=yes": 0.0}
    assert docs[2].cats == {"remote_ok=yes": 1.0, "remote_ok=no": 0.0,
                            "tags=tech": 1.0, "tags=remote": 0.0}
    assert docs[3].cats == {}  # no question answered: nothing known, nothing negative


def test_spacy_writes_a_docbin_per_single_choice_question(tmp_path: Path) -> None:
    pytest.importorskip("spacy", reason="spacy is not installed")
    export(postings(), "spacy", tmp_path / "p.spacy")
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        ["p.relevant.spacy", "p.remote_ok.spacy", "p.spacy"]  # tags is multi-choice
    relevant = read_docs(tmp_path / "p.relevant.spacy")
    assert [d.text for d in relevant] == [r["text"] for r in postings()[:2]]
    assert [d.user_data["posting_id"] for d in relevant] == [1, 2]  # (a question's too)
    assert [d.cats for d in relevant] == [{"relevant=yes": 1.0, "relevant=no": 0.0},
                                          {"relevant=no": 1.0, "relevant=yes": 0.0}]
    remote = read_docs(tmp_path / "p.remote_ok.spacy")
    assert [sorted(d.cats.values()) for d in remote] == [[0.0, 1.0], [0.0, 1.0]]
    assert [s.label_ for s in relevant[0].spans["sc"]] == ["TITLE", "ROLE", "LOC", "SKILL"]


def test_spacy_question_files_with_a_split_and_odd_names(tmp_path: Path) -> None:
    pytest.importorskip("spacy", reason="spacy is not installed")
    records = postings()
    for rec in records:
        rec["labels"] = {("role family/x" if q == "relevant" else q): o
                         for q, o in rec["labels"].items()}
    split = {"train": 0.5, "dev": 0.5}  # by hash: each part answers the renamed question
    summary = export(records, "spacy", tmp_path / "corpus", split=split)
    names = sorted(p.name for p in (tmp_path / "corpus").iterdir())
    odd = [n for n in names if n.startswith("train.role")]
    assert len(odd) == 1 and "/" not in odd[0] and " " not in odd[0]
    for part in split:
        assert f"{part}.spacy" in names
        assert f"{part}{odd[0][len('train'):]}" in names
    # remote_ok is answered in train only: dev's file would hold no doc
    assert "train.remote_ok.spacy" in names and len(names) == 5
    assert summary.unwritten == ["dev.remote_ok.spacy"]


def test_a_question_s_docbin_has_every_option_of_the_schema_and_trains(
        tmp_path: Path) -> None:
    """One option of eight used so far: the file held one category, which spaCy's
    exclusive textcat refuses (E867, "at least two labels"); a part where no posting
    answers the question is not written, and said."""
    pytest.importorskip("spacy", reason="spacy is not installed")
    from spacy.lang.en import English
    from spacy.training import Example

    from reviewer.core.labels import Option, Question

    role = Question("role_family", "single", [Option(n) for n in (
        "engineering", "data", "sales", "other")])
    schema = [role, Question("skill", "span", [Option("SKILL")])]
    texts = [f"Posting number {n}: engineers wanted." for n in range(8)]
    records = [record(n, t, {"role_family": ["engineering"]}) for n, t in enumerate(texts)]
    records.append(record(8, "Only in one part.", {"relevant": ["yes"]}))
    split = {"train": 0.5, "dev": 0.5}
    summary = export(records, "spacy", tmp_path / "c", split=split, schema=schema)
    docs = read_docs(tmp_path / "c" / "train.role_family.spacy")
    assert docs and all(d.cats == {"role_family=data": 0.0, "role_family=engineering": 1.0,
                                   "role_family=other": 0.0, "role_family=sales": 0.0}
                        for d in docs)
    nlp = English()
    textcat = nlp.add_pipe("textcat")
    textcat.initialize(lambda: [Example(nlp.make_doc(d.text), d) for d in docs])
    assert len(textcat.labels) == 4  # (one label: E867)
    names = {p.name for p in (tmp_path / "c").iterdir()}
    [empty] = {f"{part}.relevant.spacy" for part in split} - names  # its part answers none
    assert f"{empty} not written (no posting of the part answers the question)" in \
        summary.describe(tmp_path / "c")


# -- CSV ----------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.mark.parametrize("raw_cells", [False, True])
def test_csv_lists_are_json_arrays(tmp_path: Path, raw_cells: bool) -> None:
    contact = "+32 (0)81 81 37 00 | jobs@odoo.com"
    rec = record(1, "=Engineer", {"tags": ["a | b", "=c"], "quality": ["good"]},
                 benefits=[contact, "Lunch"], skills=["=SUM(A1)", "SQL"], locations=[])
    export([rec], "csv", tmp_path / "p.csv", raw_cells=raw_cells)
    [row] = read_csv(tmp_path / "p.csv")
    assert json.loads(row["benefits"]) == [contact, "Lunch"]
    assert json.loads(row["skills"]) == ["=SUM(A1)", "SQL"]  # a bracket first: never run
    assert json.loads(row["labels__tags"]) == ["a | b", "=c"]
    assert json.loads(row["labels__quality"]) == ["good"]
    assert row["locations"] == "[]" and row["title"] == ""
    assert row["text"] == ("=Engineer" if raw_cells else "'=Engineer")


def test_option_ids_of_two_questions_never_collide() -> None:
    """'team' with the option 'data=yes' and 'team=data' with 'yes' were both
    'team=data=yes': an '=' (or a backslash) in a question's name is escaped."""
    from reviewer.core.export.choices import option_id

    assert option_id("team", "data=yes") != option_id("team=data", "yes")
    assert option_id("team", "data=yes") == "team=data=yes"  # the usual name, as before
    assert option_id("team=data", "yes") == "team\\=data=yes"
    assert option_id("a\\", "=b") != option_id("a\\=", "b")


@pytest.mark.parametrize(("fmt", "suffix"), [("spacy", "spacy"), ("conll", "conll")])
def test_a_split_part_no_posting_falls_in_is_not_written_as_an_empty_corpus(
        tmp_path: Path, fmt: str, suffix: str) -> None:
    """A training corpus of no posting (spaCy's empty DocBin, an empty CoNLL file) trains
    nothing and stops the tools that read it: such a part is not written, and said."""
    if fmt == "spacy":
        pytest.importorskip("spacy", reason="spacy is not installed")
    records = [record(0, "Data Engineer in Leeds.", {"relevant": ["yes"]})]
    records[0]["status"] = "reviewed"
    split = {"train": 0.5, "dev": 0.25, "test": 0.25}
    summary = export(records, fmt, tmp_path / "c", split=split)
    names = sorted(p.name for p in (tmp_path / "c").iterdir() if p.suffix == f".{suffix}"
                   and p.name.count(".") == 1)
    (held,) = [part for part, n in summary.counts.items() if n]
    assert names == [f"{held}.{suffix}"]
    empty = sorted(f"{part}.{suffix}" for part in split if part != held)
    assert sorted(summary.empty) == empty
    assert f"{', '.join(summary.empty)} not written (no posting in the part)" in \
        summary.describe(tmp_path / "c")
    assert all(path.exists() for path in summary.files)


@pytest.mark.parametrize("fmt", ["spacy", "conll"])
@pytest.mark.parametrize("split", [None, {"train": 0.5, "dev": 0.5}])
def test_a_corpus_no_posting_can_be_written_in_is_refused_and_writes_nothing(
        tmp_path: Path, fmt: str, split: dict[str, float] | None) -> None:
    """Every posting left out (CoNLL: none reviewed; spaCy: all flagged): a split wrote no
    part, said, but a whole export wrote an empty file (CoNLL's of 0 bytes), which trains
    nothing and stops the tools that read it."""
    if fmt == "spacy":
        pytest.importorskip("spacy", reason="spacy is not installed")
    records = [record(n, f"Posting {n}: Data Engineer in Leeds.") for n in range(4)]
    for rec in records:
        rec["status"] = "flagged" if fmt == "spacy" else "new"
    out = tmp_path / ("c" if split else f"c.{fmt}")
    why = "4 postings flagged" if fmt == "spacy" else "4 postings not reviewed left out"
    with pytest.raises(ValueError, match=f"no posting to write as {fmt}: {why}.*; an empty "
                       "corpus trains nothing"):
        export(records, fmt, out, split=split)
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
