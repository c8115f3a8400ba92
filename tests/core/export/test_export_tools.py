"""Exports for more annotation tools: doccano's sequence-labelling JSONL, Argilla 2.x record
dicts (read back by Argilla's own SDK when it is installed), and the CSV table as Parquet."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from test_export import formula_record, make_record, read_lines, sample, span

from reviewer.core.export import export
from reviewer.core.labels import Option, Question
from reviewer.core.words.text import utf16_offsets

# -- doccano ------------------------------------------------------------------------------------


def test_doccano_sequence_labelling_lines(tmp_path: Path) -> None:
    """doccano's JSONL import for sequence labelling: ``text`` and ``label`` as
    ``[start, end, label]`` triples (start < end, character offsets); every other key
    becomes the example's metadata."""
    out = tmp_path / "p.jsonl"
    summary = export(sample(), "doccano", out)
    assert summary.files == [out] and summary.unaligned_spans == 0
    lines = read_lines(out)
    assert len(lines) == 7
    for line, record in zip(lines, sample(), strict=True):
        assert line["id"] == record["id"] and line["text"] == record["text"]
        units = utf16_offsets(record["text"]) or list(range(len(record["text"]) + 1))
        assert line["label"] == [[units[s["start"]], units[s["end"]], s["label"]]
                                 for s in record["spans"]]
        for start, end, label in line["label"]:
            assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end
            assert end <= len(line["text"]) and isinstance(label, str) and label
        assert line["cats"] == [f"{q}={o}" for q, options in record["labels"].items()
                                for o in options]
        assert line["status"] == record["status"] and line["source"] == record["source"]
    units = lines[1]["text"].encode("utf-16-le")
    start, end = lines[1]["label"][1][:2]
    assert units[2 * start:2 * end].decode("utf-16-le") == "東京"


def test_doccano_gives_no_span_answer_for_a_posting_no_person_reviewed(tmp_path: Path) -> None:
    """``--all``: a posting not reviewed that has no span is unknown, not "no entity" (as
    doccano's undecided case, no ``label`` key); a reviewed one without spans says "none",
    and the spans a person made on one not reviewed are kept."""
    text = "Data engineer, Python."
    records = [make_record(1, text, status="new"), make_record(2, text),
               make_record(3, text, status="flagged"),
               make_record(4, text, status="new", spans=[span(text, "Python", "SKILL")])]
    export(records, "doccano", tmp_path / "a.jsonl")
    new, reviewed, flagged, labelled = read_lines(tmp_path / "a.jsonl")
    assert "label" not in new and "label" not in flagged
    assert (new["status"], flagged["status"]) == ("new", "flagged")
    assert reviewed["label"] == []
    assert labelled["label"] == [[15, 21, "SKILL"]]


def test_doccano_offsets_count_what_its_annotator_counts(tmp_path: Path) -> None:
    """doccano's annotator counts a text in UTF-16 code units, as JavaScript does: after
    an emoji, offsets in code points put every span one character early ("n, R" for
    "Rust")."""
    text = "Backend Engineer 🚀\n\nCompany: Acme 👩‍💻 Labs\n\nSkills: Python, Rust 🦀 and Go\n"
    spans = [span(text, "Rust", "SKILL"), span(text, "🦀", "EMOJI"), span(text, "Go", "SKILL"),
             span(text, "Backend", "TITLE")]
    export([make_record(1, text, spans=spans)], "doccano", tmp_path / "p.jsonl")
    line = read_lines(tmp_path / "p.jsonl")[0]
    units = line["text"].encode("utf-16-le")
    assert [units[2 * a:2 * b].decode("utf-16-le") for a, b, _ in line["label"]] == \
        ["Rust", "🦀", "Go", "Backend"]


def test_doccano_drops_bad_spans(tmp_path: Path) -> None:
    records = sample()
    records[0]["spans"].append({"start": 3, "end": 8, "label": "X", "text": "wrong",
                                "origin": "human"})
    summary = export(records, "doccano", tmp_path / "p.jsonl")
    assert summary.dropped_spans == 1
    assert len(read_lines(tmp_path / "p.jsonl")[0]["label"]) == 3


# -- Argilla ------------------------------------------------------------------------------------


def schema() -> list[Question]:
    return [Question("quality", "single", [Option("good"), Option("ok"), Option("bad")]),
            Question("tags", "multi", [Option("tech"), Option("remote")]),
            Question("spans", "span", [Option("TITLE")])]


def test_argilla_record_dicts(tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    export(sample(), "argilla", out, schema=schema())
    lines = read_lines(out)
    assert len(lines) == 7
    first = lines[0]
    assert set(first) == {"id", "fields", "metadata", "suggestions", "responses", "vectors"}
    assert first["id"] == "1" and first["fields"] == {"text": sample()[0]["text"]}
    assert first["metadata"] == {"posting_id": 1, "status": "reviewed",
                                 "source": "pages/1.html"}
    spans = [{k: s[k] for k in ("start", "end", "label")} for s in sample()[0]["spans"]]
    machine = [spans[1]]  # "Data Engineer", the machine's, accepted by a person
    assert first["suggestions"] == {"spans": {"value": machine, "score": None,
                                              "agent": "posting-reviewer (headings)"}}
    [response] = first["responses"]["spans"]
    assert response["value"] == spans and response["status"] == "submitted"
    uuid.UUID(response["user_id"])
    assert first["responses"]["quality"][0]["value"] == "good"  # single choice: the option
    assert first["responses"]["tags"][0]["value"] == ["tech", "remote"]
    by_status = {line["metadata"]["status"]: line for line in lines}
    assert by_status["skipped"]["responses"]["spans"][0]["status"] == "discarded"
    # flagged: rejected (Prodigy "reject", Label Studio cancelled), no good annotation
    assert by_status["flagged"]["responses"]["spans"][0]["status"] == "discarded"
    new = by_status["new"]  # not reviewed: a person's spans are a draft
    assert new["responses"]["spans"][0]["status"] == "draft"
    assert lines[6]["responses"] == {"spans": [{"value": [], "user_id": response["user_id"],
                                                "status": "submitted"}]}


def test_argilla_suggests_the_machine_s_skill_spans_on_a_posting_not_reviewed(
        tmp_path: Path) -> None:
    """A posting no one reviewed carried no suggestion: only the machine's spans a person
    had accepted were one (Label Studio's export offered the skills' spans)."""
    from test_export import make_record

    text = "We need Python and SQL. Rust is nice."
    machine = {"skills": {"value": ["Python", "SQL", "Rust"], "confidence": 0.7,
                          "stage": "patterns", "spans": [[8, 14], [19, 22], [24, 28]]}}
    rust = {"start": 24, "end": 28, "label": "SKILL", "text": "Rust", "origin": "human"}
    records = [make_record(1, text, status="new", fields={"skills": ["Python", "SQL", "Rust"]},
                           provenance={"skills": "machine"}, machine=machine, spans=[rust]),
               make_record(2, text, fields={"skills": ["Python"]},
                           provenance={"skills": "corrected"}, machine=machine)]
    out = tmp_path / "p.jsonl"
    span_schema = [Question("spans", "span", [Option("TOOL"), Option("SKILL")])]
    export(records, "argilla", out, schema=span_schema)
    new, reviewed = read_lines(out)
    assert new["suggestions"]["spans"]["value"] == [  # (none where a person's span is)
        {"start": 8, "end": 14, "label": "SKILL"}, {"start": 19, "end": 22, "label": "SKILL"}]
    assert reviewed["suggestions"] == {}  # reviewed, the skills decided: as left


def test_argilla_names_questions_as_argilla_allows(tmp_path: Path) -> None:
    from reviewer.core.export.formats_more import argilla_name

    assert argilla_name("relevant") == "relevant"
    odd = argilla_name("Role family/x")
    assert odd != argilla_name("role family x") and odd.startswith("role_family_x-")
    assert argilla_name("spans") != "spans" and argilla_name("text") != "text"
    records = [make_record(1, "x", labels={"Role family/x": ["a b"]})]
    export(records, "argilla", tmp_path / "p.jsonl")  # no schema: every answer is a list
    [line] = read_lines(tmp_path / "p.jsonl")
    assert line["responses"][odd][0]["value"] == ["a b"]


@pytest.fixture
def argilla_client() -> Iterator[Any]:
    """Argilla's SDK client, on a stand-in server on this machine that only says who the
    user is (the client asks once, when it starts): records are checked by the SDK itself
    without a running Argilla."""
    rg = pytest.importorskip("argilla", reason="argilla is not installed")

    class Me(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps({"id": str(uuid.uuid4()), "username": "offline",
                               "role": "owner"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Me)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield rg.Argilla(api_url=f"http://127.0.0.1:{server.server_port}", api_key="offline",
                         retries=0)
    finally:
        server.shutdown()
        server.server_close()


def test_argilla_sdk_reads_the_records(tmp_path: Path, argilla_client: Any) -> None:
    import argilla as rg

    out = tmp_path / "p.jsonl"
    export(sample(), "argilla", out, schema=schema())
    lines = read_lines(out)
    labels = sorted({s["label"] for r in sample() for s in r["spans"]})
    settings = rg.Settings(
        fields=[rg.TextField(name="text", client=argilla_client)],
        questions=[rg.SpanQuestion(name="spans", field="text", labels=labels,
                                   allow_overlapping=True, client=argilla_client),
                   rg.LabelQuestion(name="quality", labels=["good", "ok", "bad"],
                                    client=argilla_client),
                   rg.MultiLabelQuestion(name="tags", labels=["tech", "remote"],
                                         client=argilla_client)],
        metadata=[rg.TermsMetadataProperty(name="status", client=argilla_client),
                  rg.TermsMetadataProperty(name="source", client=argilla_client),
                  rg.IntegerMetadataProperty(name="posting_id", client=argilla_client)])
    dataset = rg.Dataset(name="postings", settings=settings, client=argilla_client)
    records = [rg.Record.from_dict(line) for line in lines]
    # what ``dataset.records.log`` sends, checked against the dataset's questions
    models = dataset.records._ingest_records(records)
    assert [m.external_id for m in models] == [str(r["id"]) for r in sample()]
    for record, line in zip(records, lines, strict=True):
        again = record.to_dict()
        for key in ("id", "fields", "metadata", "suggestions"):
            assert again[key] == line[key], key
        assert {q: [r["value"] for r in rs] for q, rs in again["responses"].items()} == \
            {q: [r["value"] for r in rs] for q, rs in line["responses"].items()}
        for suggestion in record.suggestions:
            for value in suggestion.value:
                assert value["label"] in labels
    assert {str(getattr(m.status, "value", m.status)) for r in models for m in r.responses} >= \
        {"submitted", "discarded"}
    bad = rg.Record.from_dict({**lines[0], "responses": {"nope": [
        {"value": "x", "user_id": str(uuid.uuid4()), "status": "submitted"}]}})
    with pytest.raises(Exception, match="nope"):
        dataset.records._ingest_records([bad])


# -- CSV as Parquet -----------------------------------------------------------------------------


def test_csv_parquet_is_the_flat_table_with_typed_columns(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    import csv

    import pyarrow.parquet as pq

    table_csv, table_parquet = tmp_path / "p.csv", tmp_path / "p.parquet"
    export(sample(), "csv", table_csv)
    summary = export(sample(), "csv", table_parquet, parquet=True)
    assert summary.files == [table_parquet]
    with table_csv.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    table = pq.read_table(table_parquet)
    assert table.column_names == header and table.num_rows == 7
    types = dict(zip(table.column_names, table.schema.types, strict=True))
    assert types["id"] == pa.int64() and types["text"] == pa.string()
    assert types["salary_min"] == pa.float64() and types["work_hours"] == pa.float64()
    assert types["locations"] == pa.list_(pa.string())
    assert types["labels__tags"] == pa.list_(pa.string())
    assert types["metadata"] == pa.string()
    rows = table.to_pylist()
    first = rows[0]
    assert first["locations"] == ["Leeds, UK"] and first["salary_min"] == 50000.0
    assert first["labels__tags"] == ["tech", "remote"] and rows[1]["labels__tags"] is None
    assert first["spans"] == sample()[0]["spans"]
    assert json.loads(first["metadata"]) == {"board": "x"}
    assert first["title__provenance"] == "corrected" and first["remote"] is None
    assert rows[5]["work_hours"] == 40.0


def test_csv_parquet_cells_are_exact(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    import pyarrow.parquet as pq

    record = formula_record("=")
    export([record], "csv", tmp_path / "p.parquet", parquet=True)
    [row] = pq.read_table(tmp_path / "p.parquet").to_pylist()
    assert row["text"] == record["text"] and row["comment"] == "=SUM(A1:A2)"
    assert row["skills"] == ["Python", "=SQL"] and row["experience_years"] == -1.5


def test_csv_parquet_split_and_datasets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    datasets = pytest.importorskip("datasets", reason="datasets is not installed")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    split = {"train": 0.5, "test": 0.5}
    summary = export(sample(), "csv", tmp_path / "t", split=split, parquet=True)
    assert summary.files == [tmp_path / "t" / "train.parquet", tmp_path / "t" / "test.parquet"]
    files = {part: str(path) for part, path in zip(split, summary.files, strict=True)
             if summary.counts[part]}
    ds = datasets.load_dataset("parquet", data_files=files, cache_dir=str(tmp_path / "c"))
    assert sum(ds[part].num_rows for part in files) == 7


def test_parquet_is_for_hf_and_csv_only(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="hf and csv formats only"):
        export(sample(), "jsonl", tmp_path / "p.jsonl", parquet=True)
    assert span  # shared helper, used by the other tests of this folder
