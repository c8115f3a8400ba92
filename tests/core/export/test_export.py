"""Dataset exporters: every format written from canonical records, splits, span safety."""

from __future__ import annotations

import contextlib
import copy
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, cast

import orjson
import pytest

from reviewer.core.export import (
    FORMATS,
    assign_split,
    export,
    parse_split,
    plan_split,
)
from reviewer.core.records import (
    RECORD_KEYS,
    PostingRecord,
    Provenance,
    SpanRecord,
    json_line_bytes,
)
from reviewer.core.schema import FIELD_NAMES

STAMP = "2024-05-01T10:00:00Z"


def span(text: str, sub: str, label: str, origin: Literal["machine", "human"] = "human",
         nth: int = 0) -> SpanRecord:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return {"start": start, "end": start + len(sub), "label": label, "text": sub,
            "origin": origin}


def make_record(rid: int, text: str, *, status: str = "reviewed",
                fields: dict[str, Any] | None = None,
                provenance: dict[str, Provenance] | None = None,
                spans: list[SpanRecord] | None = None,
                labels: dict[str, list[str]] | None = None,
                machine: dict[str, Any] | None = None,
                raw_hash: str | None = None) -> PostingRecord:
    values = dict.fromkeys(FIELD_NAMES)
    values.update(fields or {})
    prov: dict[str, Provenance] = {
        name: ("accepted" if values[name] is not None else "none") for name in FIELD_NAMES}
    prov.update(provenance or {})
    return {
        "id": rid, "source": f"pages/{rid}.html",
        "raw_hash": hashlib.sha256(f"raw {rid}".encode()).hexdigest() if raw_hash is None
        else raw_hash,
        "status": status, "reviewer": "ana" if status != "new" else "", "text": text,
        "fields": values, "provenance": prov,
        "machine": machine or {}, "field_spans": {}, "spans": spans or [],
        "labels": labels or {}, "comment": "", "metadata": {"board": "x"},
        "imported_at": STAMP, "updated_at": STAMP, "schema_version": 1,
    }


T1 = "# Senior Data Engineer\n\nAcme Ltd is hiring in Leeds, UK.\n\n- Build pipelines\n"
T2 = "Développeur·se 🚀 Python à Montréal — 東京オフィス勤務も可能です。Remote OK."
T3 = "Barista wanted in Café Zoë, part time."
T4 = "Nurse, Ward 7. Apply by 2024-06-30."
T5 = "Intern 🧪 — Data team, Berlin. Stipend $20/hour."


def sample() -> list[PostingRecord]:
    """Seven postings: overlapping spans, unicode offsets, rejected and corrected fields,
    labels, every status, an empty raw hash."""
    return [
        make_record(
            1, T1,
            fields={"title": "Senior Data Engineer", "company": "Acme Ltd",
                    "locations": ["Leeds, UK"], "employment_type": "full_time",
                    "salary": {"min": 50000, "max": 65000, "currency": "GBP", "period": "year"},
                    "experience_years": 3, "education": "bachelor",
                    "responsibilities": ["Build pipelines"], "skills": ["Python", "SQL"],
                    "required_qualifications": ["SQL"], "preferred_qualifications": ["dbt"],
                    "requisition_id": "R-1", "date_posted": "2024-05-01"},
            provenance={"title": "corrected"},
            spans=[span(T1, "Senior Data Engineer", "TITLE"),
                   span(T1, "Data Engineer", "ROLE", "machine"),
                   span(T1, "Leeds, UK", "LOC")],
            labels={"quality": ["good"], "tags": ["tech", "remote"]},
            machine={"title": {"value": "Data Engineer", "confidence": 0.7, "spans": [[9, 22]],
                               "stage": "headings"}}),
        make_record(
            2, T2,
            fields={"title": "Développeur·se Python", "locations": ["Montréal"],
                    "remote": None},
            provenance={"remote": "rejected"},
            spans=[span(T2, "Montréal", "LOC"), span(T2, "東京", "LOC", "machine"),
                   span(T2, "🚀 Python", "SKILL"), span(T2, "Python", "SKILL", "machine")],
            labels={"quality": ["good"]},
            machine={"remote": {"value": "onsite", "confidence": 0.4, "spans": [],
                                "stage": "lexicon"}}),
        make_record(3, T3, status="skipped", fields={"company": "Café Zoë",
                                                     "employment_type": "part_time"},
                    spans=[span(T3, "Café Zoë", "ORG")]),
        make_record(4, T4, status="flagged", fields={"valid_through": "2024-06-30"},
                    spans=[span(T4, "Ward 7", "DEPT"),
                           {"start": 0, "end": 5, "label": "TITLE", "text": "Nurse",
                            "origin": "human"}],
                    labels={"quality": ["bad"]}),
        make_record(5, T5, status="new", raw_hash="",
                    fields={"title": "Intern", "remote": "remote", "employment_type":
                            "internship", "salary": {"min": 20, "max": None, "currency": "USD",
                                                     "period": "hour"}},
                    spans=[span(T5, "🧪", "EMOJI"), span(T5, "Berlin", "LOC")]),
        make_record(6, "Welder. Night shifts.", labels={"quality": ["ok"]},
                    fields={"work_hours": 40}),
        make_record(7, "Driver wanted.", status="reviewed"),
    ]


def with_bad_span(records: list[PostingRecord]) -> list[PostingRecord]:
    """The sample with one span whose text does not match its offsets."""
    broken = copy.deepcopy(records)
    broken[3]["spans"].append({"start": 7, "end": 11, "label": "X", "text": "nope",
                               "origin": "human"})
    return broken


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_sample_spans_hold_their_text() -> None:
    for record in sample():
        for s in record["spans"]:
            assert record["text"][s["start"]:s["end"]] == s["text"]


# -- canonical JSONL ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "prodigy", "doccano", "argilla", "hf"])
def test_one_record_a_line_for_readers_that_break_at_unicode_s_line_ends(
        tmp_path: Path, fmt: str) -> None:
    """U+2028, U+2029 and U+0085 in a text were written as they are: a reader of lines
    that breaks at them (``str.splitlines``, JavaScript) cut the record apart."""
    text = "Driver\u2028wanted\u2029in Leeds\x85today."
    records = [make_record(1, text), make_record(2, "Nurse, Leeds.")]
    summary = export(records, fmt, tmp_path / "out", schema=[])
    [path] = [f for f in summary.files if f.suffix == ".jsonl"] or summary.files
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert text in json.dumps([json.loads(line) for line in lines], ensure_ascii=False)



@pytest.mark.parametrize("text", [
    "Café crème, Ça va, © Åre, è, Ô, …, – ’ ” €",  # bytes A8, A9, 85 inside other characters
    "Line\u2028end", "Para\u2029end", "Next\x85line", "\u2028\u2029\x85" * 3, "plain"])
def test_a_json_line_escapes_only_unicode_s_line_ends(text: str) -> None:
    """A line is looked at again only where it holds a byte the three line ends end
    with; characters whose UTF-8 holds such a byte are written as they are."""
    line = json_line_bytes({"text": text, text: [text]})
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert b"\xe2\x80\xa8" not in line and b"\xe2\x80\xa9" not in line
    assert b"\xc2\x85" not in line
    assert line.decode("utf-8").splitlines() == [line.decode("utf-8")[:-1]]
    assert json.loads(line) == {"text": text, text: [text]}
    if not any(c in text for c in "\u2028\u2029\x85"):
        assert line == orjson.dumps({"text": text, text: [text]}) + b"\n"

def test_jsonl_round_trip(tmp_path: Path) -> None:
    records = sample()
    out = tmp_path / "postings.jsonl"
    summary = export(iter(records), "jsonl", out)
    assert summary.counts == {"all": 7} and summary.files == [out] and summary.dropped_spans == 0
    rows = read_lines(out)
    assert rows == records
    assert all(list(row) == list(RECORD_KEYS) for row in rows)
    assert "Montréal" in out.read_text(encoding="utf-8")  # ensure_ascii=False


def test_bad_spans_are_dropped_and_counted(tmp_path: Path) -> None:
    records = with_bad_span(sample())
    records[0]["machine"]["title"]["spans"].append([5, 10_000])
    summary = export(records, "jsonl", tmp_path / "p.jsonl")
    assert summary.dropped_spans == 2
    rows = read_lines(tmp_path / "p.jsonl")
    assert [s["label"] for s in rows[3]["spans"]] == ["DEPT", "TITLE"]
    assert rows[0]["machine"]["title"]["spans"] == [[9, 22]]
    assert len(records[3]["spans"]) == 3  # the caller's record is untouched
    assert "2 bad spans dropped" in summary.describe()


def test_split_writes_one_file_a_part(tmp_path: Path) -> None:
    split = {"train": 0.5, "dev": 0.25, "test": 0.25}
    summary = export(sample(), "jsonl", tmp_path / "out", split=split)
    assert summary.files == [tmp_path / "out" / f"{p}.jsonl" for p in split]
    for part, path in zip(split, summary.files, strict=True):
        rows = read_lines(path)
        assert len(rows) == summary.counts[part]
        assert all(assign_split(cast(PostingRecord, r), split) == part for r in rows)
    assert summary.total == 7


def test_every_part_of_a_csv_split_has_the_same_columns(tmp_path: Path) -> None:
    """A question answered in one part only was a column of that part's file only (an
    empty part had none): ``datasets`` refuses to load such parts together."""
    split = {"train": 0.5, "dev": 0.25, "test": 0.249, "none": 0.001}
    summary = export(sample(), "csv", tmp_path / "out", split=split)
    heads = {path.name: path.read_text(encoding="utf-8").splitlines()[0]
             for path in summary.files}
    assert summary.counts["none"] == 0 and len(set(heads.values())) == 1, heads
    assert "labels__quality" in heads["none.csv"] and "labels__tags" in heads["none.csv"]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export([], "xml", Path("x"))
    with pytest.raises(ValueError, match="hf and csv formats only"):
        export([], "jsonl", Path("x"), parquet=True)
    with pytest.raises(ValueError, match="stratify needs a --split"):
        export(sample, "jsonl", Path("x"), stratify="quality")
    with pytest.raises(ValueError, match="function that returns"):
        export(sample(), "jsonl", Path("x"), split={"a": 0.5, "b": 0.5}, stratify="quality")
    with pytest.raises(ValueError, match="'all' is the name"):  # datasets' word for every part
        export(sample, "hf", Path("x"), split={"all": 0.5, "test": 0.5})
    assert {"jsonl", "csv", "hf", "prodigy", "labelstudio", "spacy", "jsonld", "conll",
            "doccano", "argilla"} <= set(FORMATS)


# -- CSV ----------------------------------------------------------------------------------------


def test_csv_header_and_flattened_row(tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    export(sample(), "csv", out)
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    assert header[:8] == ["id", "source", "raw_hash", "status", "reviewer", "text", "title",
                          "title__provenance"]
    salary = header.index("salary_min")
    assert header[salary:salary + 5] == ["salary_min", "salary_max", "salary_currency",
                                         "salary_period", "salary__provenance"]
    assert header[-9:] == ["labels__quality", "labels__tags", "spans", "comment",
                           "imported_at", "updated_at", "metadata", "undecided",
                           "adjudicated_by"]
    assert len(rows) == 8 and all(len(r) == len(header) for r in rows)
    row = dict(zip(header, rows[1], strict=True))
    assert row["text"] == T1  # newlines survive quoting
    assert row["title"] == "Senior Data Engineer" and row["title__provenance"] == "corrected"
    assert row["locations"] == '["Leeds, UK"]' and row["skills"] == '["Python","SQL"]'
    assert (row["salary_min"], row["salary_currency"], row["salary_period"]) == \
        ("50000", "GBP", "year")
    assert row["remote"] == "" and row["remote__provenance"] == "none"
    assert row["labels__tags"] == '["tech","remote"]' and row["labels__quality"] == '["good"]'
    assert json.loads(row["spans"]) == sample()[0]["spans"]
    assert json.loads(row["metadata"]) == {"board": "x"}
    second = dict(zip(header, rows[2], strict=True))
    assert second["remote__provenance"] == "rejected" and second["labels__tags"] == ""
    assert list(tmp_path.iterdir()) == [out]  # the spool was anonymous


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_record(start: str) -> PostingRecord:
    """A posting whose user text starts, cell by cell, with ``start``."""
    text = f"{start}HYPERLINK(\"http://x\")\nSenior Engineer"
    record = make_record(
        8, text, labels={"quality": [f"{start}bad", "good"], "tags": ["ok", f"{start}odd"]},
        fields={"title": f"{start}cmd|' /C calc'!A0", "work_hours": -5,
                "experience_years": -1.5, "locations": [f"{start}Leeds", "York"],
                "skills": ["Python", f"{start}SQL"],
                "required_qualifications": [f"{start} Fluent English"],
                "salary": {"min": -100, "max": 200, "currency": f"{start}GBP",
                           "period": "year"}})
    record["comment"] = f"{start}SUM(A1:A2)"
    record["metadata"] = {"board": f"{start}x"}
    record["source"] = f"{start}pages/8.html"
    return record


def read_csv_row(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as f:
        header, row = list(csv.reader(f))
    return dict(zip(header, row, strict=True))


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_neutralises_cells_a_spreadsheet_would_run(tmp_path: Path, start: str) -> None:
    record = formula_record(start)
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    export([record], "csv", safe)
    export([record], "csv", raw, raw_cells=True)
    row, exact = read_csv_row(safe), read_csv_row(raw)
    user_text = {"text": record["text"], "source": record["source"],
                 "title": f"{start}cmd|' /C calc'!A0", "comment": f"{start}SUM(A1:A2)",
                 "salary_currency": f"{start}GBP"}
    for column, value in user_text.items():
        assert row[column] == "'" + value, column
        assert exact[column] == value, column
    # lists are JSON arrays: a cell starting with a bracket is never run, items stay exact
    lists = {"locations": [f"{start}Leeds", "York"], "skills": ["Python", f"{start}SQL"],
             "required_qualifications": [f"{start} Fluent English"],
             "labels__quality": [f"{start}bad", "good"], "labels__tags": ["ok", f"{start}odd"]}
    for cells in (row, exact):
        for column, items in lists.items():
            assert cells[column].startswith("[") and json.loads(cells[column]) == items, column
        # numbers we write are data, not formulas, negative or not
        assert cells["id"] == "8" and cells["work_hours"] == "-5"
        assert cells["experience_years"] == "-1.5"
        assert (cells["salary_min"], cells["salary_max"]) == ("-100", "200")
        assert cells["salary_period"] == "year" and cells["status"] == "reviewed"
        # JSON cells start with a bracket, so they never need a quote and still parse
        assert json.loads(cells["metadata"]) == {"board": f"{start}x"}
        assert json.loads(cells["spans"]) == []


@pytest.mark.parametrize("start", [*FORMULA_STARTS, "'"])
def test_csv_span_offsets_index_the_text_cell_as_written(tmp_path: Path, start: str) -> None:
    """Where the guard puts a ``'`` before the text cell, the spans' offsets count it: in
    every row, ``text[start:end]`` is the span's text, read with the csv module alone."""
    text = f"{start} Python and SQL"
    records = [make_record(1, text, spans=[span(text, "Python", "SKILL"),
                                           span(text, "SQL", "SKILL")]),
               make_record(2, "Python and SQL", spans=[span("Python and SQL", "SQL", "SKILL")])]
    for raw in (False, True):
        out = tmp_path / f"raw{raw}.csv"
        export(records, "csv", out, raw_cells=raw)
        with out.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert rows[0]["text"] == (text if raw else "'" + text)
        for row in rows:
            spans = json.loads(row["spans"])
            assert spans and all(row["text"][s["start"]:s["end"]] == s["text"] for s in spans)


def test_raw_cells_is_for_csv_only(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="csv format only"):
        export(sample(), "jsonl", tmp_path / "p.jsonl", raw_cells=True)


def test_csv_plain_cells_are_the_same_with_and_without_raw_cells(tmp_path: Path) -> None:
    export(sample(), "csv", tmp_path / "safe.csv")
    export(sample(), "csv", tmp_path / "raw.csv", raw_cells=True)
    assert (tmp_path / "safe.csv").read_bytes() == (tmp_path / "raw.csv").read_bytes()


# -- splits -------------------------------------------------------------------------------------


def test_parse_split() -> None:
    assert parse_split("train=0.8,dev=0.1,test=0.1") == {"train": 0.8, "dev": 0.1, "test": 0.1}
    assert parse_split(" train = 0.7 , test = 0.3 ") == {"train": 0.7, "test": 0.3}


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("train=0.8,test=0.3", "sum to 1.1"),
    ("train=0.5,train=0.5", "named twice"),
    ("train=0,test=1", "must be positive"),
    ("train=-0.5,test=1.5", "must be positive"),
    ("=1", "empty name"),
    ("train", "NAME=FRACTION"),
    ("train=abc,test=1", "not a number"),
    ("tr/ain=1", "letters, digits"),
    ("TRAIN=0.5,train=0.5", "one file name"),
])
def test_parse_split_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_split(text)


def many(n: int) -> list[PostingRecord]:
    strata = ["a"] * 6 + ["b"] * 3 + ["c"]
    out = []
    for i in range(n):
        label = {"quality": [strata[i % 10]]} if i % 17 else {}
        out.append(make_record(i, f"posting {i}", labels=label))
    return out


def test_assign_split_is_deterministic_and_proportional() -> None:
    records = many(1000)
    split = {"train": 0.8, "dev": 0.1, "test": 0.1}
    first = [assign_split(r, split) for r in records]
    assert first == [assign_split(copy.deepcopy(r), split) for r in reversed(records)][::-1]
    counts = Counter(first)
    for part, share in split.items():
        assert abs(counts[part] / 1000 - share) <= 0.05, counts
    no_hash = make_record(1, "x", raw_hash="")
    assert assign_split(no_hash, split) == assign_split(copy.deepcopy(no_hash), split)


def test_stratified_split_balances_each_stratum() -> None:
    records = many(1000)
    split = {"train": 0.7, "dev": 0.2, "test": 0.1}
    plan = plan_split(records, split, "quality")
    assert plan == plan_split(list(reversed(records)), split, "quality")
    assert set(plan) == {r["id"] for r in records}
    by_stratum: dict[str, Counter[str]] = {}
    for r in records:
        key = r["labels"].get("quality", ["<none>"])[0]
        by_stratum.setdefault(key, Counter())[plan[r["id"]]] += 1
    assert set(by_stratum) == {"a", "b", "c", "<none>"}
    for counts in by_stratum.values():
        n = sum(counts.values())
        for part, share in split.items():
            assert abs(counts[part] - n * share) <= 1, (counts, n)


def test_postings_of_one_text_go_to_one_part() -> None:
    """The same posting imported twice from pages that differ (a blank line more) is two
    postings of one text: in two parts, the test part held what training saw."""
    records = many(400)
    copies = [make_record(1000 + r["id"], r["text"] if r["id"] % 2 else
                          "  " + r["text"].upper().replace(" ", "\n\n") + "\n",
                          labels={"quality": ["b"]}) for r in records]
    split = {"train": 0.5, "dev": 0.25, "test": 0.25}
    parts = {r["id"]: assign_split(r, split) for r in records + copies}
    assert all(parts[r["id"]] == parts[r["id"] + 1000] for r in records)
    plan = plan_split(records + copies, split, "quality")
    assert all(plan[r["id"]] == plan[r["id"] + 1000] for r in records)
    counts = Counter(plan.values())
    for part, share in split.items():
        assert abs(counts[part] - 800 * share) <= 2, counts


def test_stratified_export_reads_the_records_twice(tmp_path: Path) -> None:
    records = many(200)
    split = {"train": 0.5, "test": 0.5}
    summary = export(lambda: iter(records), "jsonl", tmp_path / "s", split=split,
                     stratify="quality")
    plan = plan_split(records, split, "quality")
    assert summary.counts == dict(Counter(plan.values()))
    assert {r["id"] for r in read_lines(tmp_path / "s" / "test.jsonl")} == \
        {rid for rid, part in plan.items() if part == "test"}


# -- Prodigy ------------------------------------------------------------------------------------


def test_prodigy_tasks(tmp_path: Path) -> None:
    export(sample(), "prodigy", tmp_path / "p.jsonl")
    tasks = read_lines(tmp_path / "p.jsonl")
    first = tasks[0]
    assert first["text"] == T1
    assert [{k: s[k] for k in ("start", "end", "label")} for s in first["spans"]] == \
        [{"start": s["start"], "end": s["end"], "label": s["label"]}
         for s in sample()[0]["spans"]]
    assert first["accept"] == ["quality=good", "tags=tech", "tags=remote"]
    assert [t["answer"] for t in tasks] == ["accept", "accept", "ignore", "reject", "ignore",
                                            "accept", "accept"]
    assert first["meta"]["id"] == 1 and first["meta"]["title"] == "Senior Data Engineer"
    assert first["meta"]["labels"] == {"quality": ["good"], "tags": ["tech", "remote"]}
    for task in tasks:
        assert isinstance(task["_input_hash"], int) and isinstance(task["_task_hash"], int)
        for s in task["spans"]:
            assert task["text"][s["start"]:s["end"]]
    again = tmp_path / "again.jsonl"
    export(sample(), "prodigy", again)
    assert read_lines(again) == tasks
    assert len({t["_input_hash"] for t in tasks}) == 7


# -- Label Studio -------------------------------------------------------------------------------


def test_labelstudio_tasks(tmp_path: Path) -> None:
    out = tmp_path / "ls.json"
    export(with_bad_span(sample()), "labelstudio", out)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(tasks, list) and len(tasks) == 7
    ids: list[str] = []
    for task in tasks:
        text = task["data"]["text"]
        results = [r for a in task.get("annotations", []) for r in a["result"]]
        results += [r for p in task.get("predictions", []) for r in p["result"]]
        for r in results:
            assert isinstance(r["id"], str) and r["to_name"] == "text"
            ids.append(r["id"])
            if r["type"] == "labels":
                v = r["value"]
                assert v["text"] == text[v["start"]:v["end"]] and len(v["labels"]) == 1
    assert len(ids) == len(set(ids))
    first = tasks[0]
    assert first["data"]["title"] == "Senior Data Engineer" and first["data"]["source"]
    assert first["data"]["posting_id"] == first["meta"]["posting_id"]
    [annotation] = first["annotations"]
    results = [r for r in annotation["result"] if r["type"] != "textarea"]
    kinds = [(r["from_name"], r["type"]) for r in results]
    # every accepted span is gold, machine-accepted ones too, then the document labels
    assert kinds == [("label", "labels")] * 3 + [("quality", "choices"), ("tags", "choices")]
    assert results[4]["value"] == {"choices": ["tech", "remote"]}
    assert "predictions" not in first  # reviewed: what was decided is the annotation
    unicode = tasks[1]["annotations"][0]["result"]
    assert [r["value"]["text"] for r in unicode if r["type"] == "labels"] == \
        ["Montréal", "東京", "🚀 Python", "Python"]
    assert tasks[2]["annotations"][0]["was_cancelled"] is True  # skipped
    assert tasks[3]["annotations"][0]["result"]  # flagged: its labels are kept
    assert tasks[6]["annotations"] == [{"result": [], "was_cancelled": False}]


# -- schema.org JSON-LD -------------------------------------------------------------------------


def test_jsonld_job_postings(tmp_path: Path) -> None:
    out = tmp_path / "p.jsonld"
    export(sample(), "jsonld", out)
    postings = json.loads(out.read_text(encoding="utf-8"))
    first, fifth, sixth = postings[0], postings[4], postings[5]
    assert first["@context"] == "https://schema.org" and first["@type"] == "JobPosting"
    assert first["title"] == "Senior Data Engineer"
    assert first["hiringOrganization"] == {"@type": "Organization", "name": "Acme Ltd"}
    assert first["jobLocation"] == [{"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": "Leeds", "addressCountry": "GB"}}]
    assert first["employmentType"] == "FULL_TIME" and first["datePosted"] == "2024-05-01"
    assert first["baseSalary"] == {"@type": "MonetaryAmount", "currency": "GBP", "value": {
        "@type": "QuantitativeValue", "minValue": 50000, "maxValue": 65000, "unitText": "YEAR"}}
    assert first["experienceRequirements"]["monthsOfExperience"] == 36
    assert first["educationRequirements"]["credentialCategory"] == "bachelor degree"
    assert first["qualifications"] == "SQL\nPreferred: dbt"
    assert first["skills"] == "Python\nSQL" and first["responsibilities"] == "Build pipelines"
    assert first["identifier"]["value"] == "R-1"
    assert first["description"] == ("<h1>Senior Data Engineer</h1><p>Acme Ltd is hiring in "
                                    "Leeds, UK.</p><ul><li>Build pipelines</li></ul>")
    assert "jobLocationType" not in first and "jobBenefits" not in first
    assert fifth["jobLocationType"] == "TELECOMMUTE" and fifth["employmentType"] == "INTERN"
    assert "applicantLocationRequirements" not in fifth  # remote, and no place to say where
    assert fifth["baseSalary"]["value"] == {"@type": "QuantitativeValue", "minValue": 20,
                                            "unitText": "HOUR"}
    assert set(sixth) == {"@context", "@type", "description"}
    assert postings[3]["validThrough"] == "2024-06-30"


def test_empty_json_array(tmp_path: Path) -> None:
    export([], "jsonld", tmp_path / "none.jsonld")
    assert json.loads((tmp_path / "none.jsonld").read_text(encoding="utf-8")) == []


# -- Hugging Face -------------------------------------------------------------------------------


def load_hf(monkeypatch: pytest.MonkeyPatch, folder: Path, split: str) -> Any:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets = pytest.importorskip("datasets", reason="datasets is not installed")
    return datasets.load_dataset(str(folder), split=split, cache_dir=str(folder.parent / "c"))


def test_an_hf_folder_exported_again_loads_its_new_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``datasets`` caches a folder's data by its files' names: the same folder exported
    again, with other rows, loaded the first export's."""
    pytest.importorskip("datasets", reason="datasets is not installed")
    out = tmp_path / "hf"
    records = [{**r, "spans": [], "labels": {}} for r in sample()]  # one card's features
    load = ("import datasets; print(datasets.load_dataset('hf')['train'].num_rows)")
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1",
           "HF_DATASETS_CACHE": str(tmp_path / "cache")}
    for n in (1, len(records)):  # each load a process of its own, as a user's are
        shutil.rmtree(out, ignore_errors=True)
        export(records[:n], "hf", out)
        loaded = subprocess.run([sys.executable, "-c", load], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=300)
        assert loaded.stdout.split()[-1:] == [str(n)], loaded.stderr[-2000:]


@pytest.mark.parametrize("parquet", [False, True])
def test_hf_dataset_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          parquet: bool) -> None:
    if parquet:
        pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    out = tmp_path / "hf"
    split = {"train": 0.6, "test": 0.4}
    records = sample()
    records[0]["comment"] = "pay looks monthly"  # (the dataset had no comment column)
    summary = export(records, "hf", out, split=split, parquet=parquet)
    ext = "parquet" if parquet else "jsonl"
    assert (out / "README.md") in summary.files
    names = sorted(p.name for p in (out / "data").iterdir())
    assert [re.sub(r"-[0-9a-f]{12}\.", ".", name) for name in names] == \
        sorted(f"{part}.{ext}" for part, n in summary.counts.items() if n)
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and f"path: data/{names[-1]}" in card
    for part in split:
        if not summary.counts[part]:
            continue
        ds = load_hf(monkeypatch, out, part)
        assert ds.num_rows == summary.counts[part]
        assert {"id", "text", "status", "comment", "salary", "provenance", "spans",
                "labels", *FIELD_NAMES} <= set(ds.column_names)
    rows = {row["id"]: row for part in split if summary.counts[part]
            for row in load_hf(monkeypatch, out, part)}
    first = rows[1]
    assert first["salary"] == {"min": 50000.0, "max": 65000.0, "currency": "GBP",
                               "period": "year"}
    assert first["provenance"]["title"] == "corrected"
    assert first["comment"] == "pay looks monthly" and rows[2]["comment"] == ""
    # a date is the day written, whichever file holds it (JSON lines were read as times
    # of the day and given back as text: "2024-05-01 00:00:00")
    assert str(first["date_posted"]) == "2024-05-01"
    assert str(rows[4]["valid_through"]) == "2024-06-30"
    assert first["labels"] == {"quality": ["good"], "tags": ["tech", "remote"]}
    assert rows[2]["labels"]["tags"] is None
    for row in rows.values():
        for s in row["spans"]:
            assert row["text"][s["start"]:s["end"]]
    assert [rows[2]["text"][s["start"]:s["end"]] for s in rows[2]["spans"]] == \
        ["Montréal", "東京", "🚀 Python", "Python"]


def test_hf_without_split_is_train(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = export(sample()[5:], "hf", tmp_path / "hf")
    assert summary.counts == {"train": 2}
    assert load_hf(monkeypatch, tmp_path / "hf", "train").num_rows == 2


def test_missing_optional_package_says_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ImportError, match=r"pip install -e '\.\[spacy\]'"):
        export(sample(), "spacy", tmp_path / "p.spacy")
    with pytest.raises(ImportError, match="pip install pyarrow"):
        export(sample(), "hf", tmp_path / "hf", parquet=True)
    assert not (tmp_path / "hf").exists()


# -- spaCy --------------------------------------------------------------------------------------


def test_spacy_docbin(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy", reason="spacy is not installed")
    from spacy.tokens import DocBin

    records = sample()
    records[6]["spans"] = [{"start": 6, "end": 7, "label": "GAP", "text": " ",
                            "origin": "human"}]
    out = tmp_path / "p.spacy"
    summary = export(records, "spacy", out)
    assert summary.files == [out] and summary.unaligned_spans == 1
    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(out).get_docs(nlp.vocab))
    assert [d.text for d in docs] == [r["text"] for r in records if r["status"] != "flagged"]
    # each doc says which posting it is (user_data was empty: matched back by text alone)
    assert [(d.user_data["posting_id"], d.user_data["source"]) for d in docs] == [
        (r["id"], r["source"]) for r in records if r["status"] != "flagged"]
    first = docs[0]
    assert [(s.start_char, s.end_char, s.label_) for s in first.spans["sc"]] == \
        [(s["start"], s["end"], s["label"]) for s in records[0]["spans"]]
    assert [e.text for e in first.ents] == ["Senior Data Engineer", "Leeds, UK"]
    # (no "quality=bad": only the flagged posting, rejected, chose it)
    assert first.cats == {"quality=good": 1.0, "quality=ok": 0.0,
                          "tags=tech": 1.0, "tags=remote": 1.0}
    # every span holds exactly the text labelled (the tokens are cut at its ends: 東京
    # inside a run of Japanese, "Redis" in "Postgres+Redis"), in the text as it is
    # the flagged posting, rejected, is no training example: left out (an empty span
    # group would train spancat that no span is there), and said
    kept = [r for r in records if r["status"] != "flagged"]
    assert summary.flagged_left_out == 1 and "1 posting flagged" in summary.describe()
    for doc, record in zip(docs[:5], kept, strict=False):
        assert [(s.start_char, s.end_char, s.text) for s in doc.spans["sc"]] == [
            (s["start"], s["end"], s["text"]) for s in record["spans"]]
    assert "東京" in [s.text for s in docs[1].spans["sc"]]
    assert len(docs[5].spans["sc"]) == 0
    glued = {**records[0], "text": "Postgres+Redis, jobs@acme.com",
             "spans": [{"start": 9, "end": 14, "label": "TOOL", "text": "Redis",
                        "origin": "human"},
                       {"start": 21, "end": 25, "label": "ORG", "text": "acme",
                        "origin": "human"}]}
    export([glued], "spacy", tmp_path / "glued.spacy")
    [doc] = DocBin().from_disk(tmp_path / "glued.spacy").get_docs(nlp.vocab)
    assert doc.text == glued["text"]
    assert [s.text for s in doc.spans["sc"]] == [e.text for e in doc.ents] == ["Redis", "acme"]


def test_spacy_files_are_those_written_with_every_encoder_looked_up(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The serialiser's encoders are looked up once an export (two thirds of its time
    was their lookup at every doc): the files are those written looking them up at each,
    and outside the export the serialiser looks them up as before."""
    pytest.importorskip("spacy", reason="spacy is not installed")
    import srsly.msgpack

    from reviewer.core.export import spacy_docs

    encoders = srsly.msgpack.msgpack_encoders
    before = encoders.get_all()
    export(sample(), "spacy", tmp_path / "once.spacy")
    assert "get_all" not in vars(encoders) and encoders.get_all() == before

    @contextlib.contextmanager
    def every_time() -> Iterator[None]:
        yield

    monkeypatch.setattr(spacy_docs, "encoders_looked_up_once", every_time)
    export(sample(), "spacy", tmp_path / "each.spacy")
    written = sorted(p.name for p in tmp_path.glob("*.spacy"))
    assert written == ["each.quality.spacy", "each.spacy", "once.quality.spacy", "once.spacy"]
    for name in ("spacy", "quality.spacy"):
        assert (tmp_path / f"once.{name}").read_bytes() == (tmp_path / f"each.{name}").read_bytes()


def test_spacy_split_writes_a_file_a_part(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy", reason="spacy is not installed")
    from spacy.tokens import DocBin

    split = {"train": 0.5, "dev": 0.5}
    summary = export(sample(), "spacy", tmp_path / "corpus", split=split)
    nlp = spacy.blank("en")
    written = sum(len(list(DocBin().from_disk(tmp_path / "corpus" / f"{part}.spacy")
                           .get_docs(nlp.vocab))) for part in split)
    assert written == summary.total and summary.flagged_left_out == 1  # (the flagged: out)


@pytest.mark.parametrize("parquet", [False, True])
def test_an_hf_date_no_calendar_has_is_null_and_counted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parquet: bool) -> None:
    """Versions before took "2024-5-1" for a date: with the card's date32 the Parquet
    export stopped ("Invalid isoformat string") and ``datasets`` could not load the JSON
    lines."""
    if parquet:
        pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    records = sample()[:2]
    records[0]["fields"]["date_posted"] = "2024-5-1"
    records[1]["fields"]["valid_through"] = "2024-02-31"
    summary = export(records, "hf", tmp_path / "hf", parquet=parquet)
    assert summary.bad_dates == 2 and "2 dates not of the calendar written as null" in \
        summary.describe()
    rows = {row["id"]: row for row in load_hf(monkeypatch, tmp_path / "hf", "train")}
    assert rows[1]["date_posted"] is None and rows[2]["valid_through"] is None


def test_a_prodigy_task_s_meta_holds_a_person_s_values_and_the_machine_s_apart() -> None:
    """A posting marked reviewed with fields no one decided (in bulk) was an "accept"
    whose meta held the machine's values as its fields, nothing to tell them from the
    people's; they are the meta's ``suggested`` now, each field's provenance beside."""
    from reviewer.core.export.rows import prodigy_task

    record = make_record(1, T1, fields={"title": "Senior Data Engineer", "company": "Acme Ltd",
                                        "skills": ["Python"]},
                         provenance={"company": "machine", "skills": "machine"})
    meta = prodigy_task(record)["meta"]
    assert meta["title"] == "Senior Data Engineer"
    assert meta["company"] is None and meta["skills"] is None
    assert meta["suggested"] == {"company": "Acme Ltd", "skills": ["Python"]}
    assert meta["provenance"]["company"] == "machine"
    assert meta["provenance"]["title"] == "accepted"
