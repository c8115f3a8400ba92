"""Label Studio export: tasks in the documented task / annotation / prediction JSON, checked
shape by shape, and the labeling config written beside them, cross-checked against them.

The shape checked is Label Studio's documented import format: a list of tasks, each
``{"data": {...}, "annotations": [{"result": [...]}], "predictions": [{"model_version",
"result"}]}``; a span result ``{"id", "from_name", "to_name", "type": "labels", "value":
{"start", "end", "text", "labels"}}``, a choices result ``{"type": "choices", "value":
{"choices": [...]}}``, a text area result ``{"type": "textarea", "value": {"text": [...]}}``.
Every ``from_name`` must be a control tag of the config, every ``to_name`` the object tag
that control labels, and every label or choice one of that control's values.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pytest

from reviewer.core.export import export, export_whole
from reviewer.core.labels import Option, Question, default_schema
from reviewer.core.records import PostingRecord, Provenance, SpanRecord
from reviewer.core.schema import FIELD_NAMES

STAMP = "2024-05-01T10:00:00Z"
Task = dict[str, Any]


# -- records ------------------------------------------------------------------------------------


def span(text: str, sub: str, label: str,
         origin: Literal["machine", "human"] = "human") -> SpanRecord:
    start = text.index(sub)
    return {"start": start, "end": start + len(sub), "label": label, "text": sub,
            "origin": origin}


def where(text: str, sub: str) -> list[int]:
    start = text.index(sub)
    return [start, start + len(sub)]


def make_record(rid: int, text: str, *, status: str = "reviewed",
                fields: dict[str, Any] | None = None,
                provenance: dict[str, Provenance] | None = None,
                spans: list[SpanRecord] | None = None,
                labels: dict[str, list[str]] | None = None,
                machine: dict[str, Any] | None = None,
                field_spans: dict[str, list[list[int]]] | None = None) -> PostingRecord:
    values = dict.fromkeys(FIELD_NAMES)
    values.update(fields or {})
    prov: dict[str, Provenance] = {
        name: ("accepted" if values[name] is not None else "none") for name in FIELD_NAMES}
    prov.update(provenance or {})
    return {
        "id": rid, "source": f"pages/{rid}.html",
        "raw_hash": hashlib.sha256(f"raw {rid}".encode()).hexdigest(),
        "status": status, "text": text, "fields": values, "provenance": prov,
        "machine": machine or {}, "field_spans": field_spans or {}, "spans": spans or [],
        "labels": labels or {}, "comment": "", "metadata": {},
        "imported_at": STAMP, "updated_at": STAMP, "schema_version": 1,
    }


def machine(value: Any, spans: list[list[int]], confidence: float = 0.8,
            stage: str = "lexicon") -> dict[str, Any]:
    return {"value": value, "confidence": confidence, "spans": spans, "stage": stage}


T1 = "# Senior Data Engineer\n\nAcme Ltd is hiring in Leeds. Python, SQL and dbt.\n"
T2 = "Développeur·se 🚀 Python à Montréal — Rust est un plus. 東京 possible."
T3 = "Barista wanted in Café Zoë, part time."
T4 = "Intern 🧪 — Data team, Berlin. Go and Kotlin. Remote OK."
T5 = "Nurse, Ward 7, Leeds. Apply by 2024-06-30."
ODD_QUESTION = 'a "q" <&> \'x\''
ODD_LABEL = 'B&W "<tag>"'


def sample() -> list[PostingRecord]:
    """Every status; accepted machine spans beside human ones; undecided machine values;
    a question that can take several options; names that need escaping in XML or that
    could be mistaken for the config's own tags."""
    reviewed = make_record(
        11, T1,
        fields={"title": "Senior Data Engineer", "company": "Acme Ltd", "locations": ["Leeds"],
                "remote": None, "employment_type": "full_time", "skills": ["Python", "SQL"],
                "salary": {"min": 50000, "max": 65000, "currency": "GBP", "period": "year"},
                "experience_years": 3},
        provenance={"title": "corrected", "remote": "rejected"},
        spans=[span(T1, "Senior Data Engineer", "TITLE"), span(T1, "Python", "SKILL", "machine"),
               span(T1, "SQL", "SKILL")],
        labels={"quality": ["good"], "tags": ["tech", "remote"]},
        machine={"title": machine("Data Engineer", [where(T1, "Data Engineer")], 0.7, "headings"),
                 "skills": machine(["Python", "SQL", "dbt"],
                                   [where(T1, "Python"), where(T1, "SQL"), where(T1, "dbt")]),
                 "remote": machine("onsite", [], 0.4)})
    flagged = make_record(
        12, T2, status="flagged",
        fields={"title": "Développeur·se Python", "company": "Acme", "skills": ["Python", "Rust"]},
        provenance={"title": "machine", "skills": "machine"},
        spans=[span(T2, "Montréal", "LOC"), span(T2, "Python", "SKILL", "machine")],
        labels={"quality": ["bad"]},
        machine={"title": machine("Développeur·se Python", [where(T2, "Python")], 0.55, "headings"),
                 "skills": machine(["Python", "Rust"], [where(T2, "Python"), where(T2, "Rust")],
                                   0.6)})
    skipped = make_record(13, T3, status="skipped", fields={"company": "Café Zoë"},
                          spans=[span(T3, "Café Zoë", "ORG")], labels={"quality": ["ok"]})
    untouched = make_record(
        14, T4, status="new",
        fields={"title": "Intern", "remote": "remote", "skills": ["Go", "Kotlin"]},
        provenance={"title": "machine", "remote": "machine", "skills": "machine"},
        machine={"title": machine("Intern", [where(T4, "Intern")], 0.9, "headings"),
                 "remote": machine("remote", [where(T4, "Remote OK")], 0.5),
                 "skills": machine(["Go", "Kotlin"], [where(T4, "Go"), where(T4, "Kotlin")])})
    started = make_record(15, T5, status="new", fields={"valid_through": "2024-06-30"},
                          provenance={"valid_through": "machine"},
                          spans=[span(T5, "Leeds", "LOC")],
                          machine={"valid_through": machine("2024-06-30",
                                                            [where(T5, "2024-06-30")])})
    empty = make_record(16, "Driver wanted.")
    odd_text = "Black & white <b> photos; quote \"x\"."
    odd = make_record(17, odd_text, spans=[span(odd_text, "Black & white", ODD_LABEL)],
                      labels={ODD_QUESTION: ["x & y", "<z>"], "text": ["yes"], "label": ["no"],
                              "field_title": ["t"], "question_x": ["1"],
                              "$text": ["$text"]})
    return [reviewed, flagged, skipped, untouched, started, empty, odd]


# -- the documented shape, and the config -------------------------------------------------------


RESULT_TAGS = {"labels": "Labels", "choices": "Choices", "textarea": "TextArea"}
CONTROL_TAGS = set(RESULT_TAGS.values())
OBJECT_TAGS = {"Text"}
CHOICE_MODES = {"single", "single-radio", "multiple"}


@dataclass
class Control:
    tag: str
    to_name: str
    values: list[str] = field(default_factory=list)
    choice: str = ""


@dataclass
class Config:
    objects: dict[str, str]  # name → value ("$text")
    controls: dict[str, Control]
    root: ET.Element


def parse_config(text: str) -> Config:
    """The config as Label Studio reads it; asserts what Label Studio would refuse."""
    root = ET.fromstring(text)
    assert root.tag == "View"
    objects: dict[str, str] = {}
    controls: dict[str, Control] = {}
    for el in root.iter():
        if el.tag not in OBJECT_TAGS | CONTROL_TAGS:
            continue
        name = el.get("name")
        assert name, f"<{el.tag}> without a name"
        assert name not in objects and name not in controls, f"two tags are called {name!r}"
        if el.tag in OBJECT_TAGS:
            value = el.get("value") or ""
            assert value.startswith("$"), value
            objects[name] = value
            continue
        to_name = el.get("toName") or ""
        control = Control(el.tag, to_name, choice=el.get("choice", ""))
        child = {"Labels": "Label", "Choices": "Choice"}.get(el.tag)
        if child is not None:
            control.values = [c.get("value") or "" for c in el if c.tag == child]
            assert control.values, f"<{el.tag} name={name!r}> has no <{child}>"
            assert len(set(control.values)) == len(control.values), control.values
        if el.tag == "Choices":
            assert control.choice in CHOICE_MODES, control.choice
        controls[name] = control
    for name, control in controls.items():
        assert control.to_name in objects, f"{name!r} labels {control.to_name!r}: no such object"
    assert objects and controls
    return Config(objects, controls, root)


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_result(result: Any, data: dict[str, Any], config: Config, predicted: bool) -> None:
    assert isinstance(result, dict), result
    assert {"id", "from_name", "to_name", "type", "value"} <= set(result), result
    assert isinstance(result["id"], str) and result["id"]
    assert result["type"] in RESULT_TAGS, result["type"]
    control = config.controls.get(result["from_name"])
    assert control is not None, f"from_name {result['from_name']!r} is not in the config"
    assert control.tag == RESULT_TAGS[result["type"]], (result["from_name"], control.tag)
    assert result["to_name"] == control.to_name and result["to_name"] in config.objects
    text = data[config.objects[result["to_name"]][1:]]
    value = result["value"]
    assert isinstance(value, dict)
    if result["type"] == "labels":
        start, end = value["start"], value["end"]
        assert is_int(start) and is_int(end) and 0 <= start < end <= len(text), value
        assert value["text"] == text[start:end], (value, text[start:end])
        assert isinstance(value["labels"], list) and value["labels"], value
        assert set(value["labels"]) <= set(control.values), (value["labels"], control.values)
    elif result["type"] == "choices":
        choices = value["choices"]
        assert isinstance(choices, list) and choices and all(isinstance(c, str) for c in choices)
        assert set(choices) <= set(control.values), (result["from_name"], choices,
                                                      control.values)
        if control.choice != "multiple":
            assert len(choices) == 1, (result["from_name"], choices)
    else:
        lines = value["text"]
        assert isinstance(lines, list) and lines and all(isinstance(t, str) for t in lines)
    if predicted and "score" in result:
        assert isinstance(result["score"], int | float) and 0 <= result["score"] <= 1


def check_task(task: Any, config: Config) -> None:
    """One task in Label Studio's documented import shape, and every result in the config."""
    assert isinstance(task, dict)
    assert set(task) <= {"id", "data", "annotations", "predictions", "meta"}, set(task)
    data = task["data"]
    assert isinstance(data, dict) and isinstance(data.get("text"), str)
    for value in config.objects.values():
        assert value[1:] in data, f"the config shows {value} but the task has no such data"
    ids: list[str] = []
    for annotation in task.get("annotations", []):
        assert isinstance(annotation, dict) and isinstance(annotation["result"], list)
        assert isinstance(annotation.get("was_cancelled", False), bool)
        for result in annotation["result"]:
            check_result(result, data, config, predicted=False)
            ids.append(result["id"])
    for prediction in task.get("predictions", []):
        assert isinstance(prediction, dict)
        assert isinstance(prediction["model_version"], str) and prediction["model_version"]
        assert isinstance(prediction["result"], list) and prediction["result"]
        if "score" in prediction:
            assert isinstance(prediction["score"], int | float)
            assert 0 <= prediction["score"] <= 1
        for result in prediction["result"]:
            check_result(result, data, config, predicted=True)
            ids.append(result["id"])
    assert len(ids) == len(set(ids)), f"result ids repeat in a task: {ids}"
    if "meta" in task:
        assert isinstance(task["meta"], dict)


def exported(tmp_path: Path, records: Sequence[PostingRecord] | None = None,
             **kwargs: Any) -> tuple[list[Task], Config]:
    out = tmp_path / "ls.json"
    summary = export(list(sample() if records is None else records), "labelstudio", out,
                     **kwargs)
    config_file = tmp_path / "ls.json.config.xml"
    assert summary.files == [out, config_file]
    tasks = json.loads(out.read_text(encoding="utf-8"))
    config = parse_config(config_file.read_text(encoding="utf-8"))
    for task in tasks:
        check_task(task, config)
    return tasks, config


def results(task: Task, kind: str = "annotations") -> list[dict[str, Any]]:
    return [r for entry in task.get(kind, []) for r in entry["result"]]


def spans_of(task: Task, kind: str = "annotations") -> list[tuple[str, str]]:
    return [(r["value"]["text"], r["value"]["labels"][0]) for r in results(task, kind)
            if r["type"] == "labels"]


def by_id(tasks: list[Task]) -> dict[int, Task]:
    return {task["data"]["posting_id"]: task for task in tasks}


# -- the checker itself -------------------------------------------------------------------------


def test_the_checker_refuses_what_label_studio_would() -> None:
    config = parse_config('<View><Labels name="label" toName="text"><Label value="A"/></Labels>'
                          '<Text name="text" value="$text"/><Choices name="q" toName="text" '
                          'choice="single"><Choice value="x"/><Choice value="y"/></Choices>'
                          "</View>")
    good = {"data": {"text": "hello world"}, "annotations": [{"result": [
        {"id": "1", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 5, "text": "hello", "labels": ["A"]}},
        {"id": "2", "from_name": "q", "to_name": "text", "type": "choices",
         "value": {"choices": ["x"]}}]}]}
    check_task(good, config)
    broken: list[tuple[str, Any]] = [
        ("from_name", "nolabel"), ("to_name", "other"), ("type", "choices"), ("id", 2)]
    for key, value in broken:
        task = json.loads(json.dumps(good))
        task["annotations"][0]["result"][0][key] = value
        with pytest.raises(AssertionError):
            check_task(task, config)
    for value in ({"start": 0, "end": 5, "text": "hellO", "labels": ["A"]},
                  {"start": 0, "end": 5, "text": "hello", "labels": ["B"]},
                  {"start": 6, "end": 99, "text": "world", "labels": ["A"]}):
        task = json.loads(json.dumps(good))
        task["annotations"][0]["result"][0]["value"] = value
        with pytest.raises(AssertionError):
            check_task(task, config)
    for choices in (["z"], ["x", "y"], []):
        task = json.loads(json.dumps(good))
        task["annotations"][0]["result"][1]["value"] = {"choices": choices}
        with pytest.raises(AssertionError):
            check_task(task, config)
    with pytest.raises(AssertionError):
        check_task({"data": {"txt": "x"}}, config)
    with pytest.raises(AssertionError, match="two tags"):
        parse_config('<View><Text name="a" value="$text"/><Text name="a" value="$text"/></View>')


# -- tasks and config ---------------------------------------------------------------------------


def test_every_task_fits_the_documented_shape_and_the_config(tmp_path: Path) -> None:
    tasks, config = exported(tmp_path)
    assert len(tasks) == 7
    assert config.objects == {"text": "$text"}
    # one control for the span labels, one a question, one a field
    assert config.controls["label"].tag == "Labels"
    for name in FIELD_NAMES:
        assert any(c for key, c in config.controls.items() if key.endswith(name)), name


def test_every_span_and_label_of_a_posting_worked_on_is_in_its_annotation(
        tmp_path: Path) -> None:
    records = sample()
    tasks = by_id(exported(tmp_path, records)[0])
    for record in records:
        task = tasks[record["id"]]
        worked = record["status"] != "new" or record["spans"] or record["labels"]
        if not worked:
            assert "annotations" not in task
            continue
        [annotation] = task["annotations"]
        # accepted machine spans are gold too, beside the human ones
        assert spans_of(task) == [(s["text"], s["label"]) for s in record["spans"]]
        choices = [r["value"]["choices"] for r in annotation["result"] if r["type"] == "choices"]
        assert choices == [o for o in record["labels"].values() if o]
        # only a reviewed posting's annotation is whole: Label Studio's own exports took
        # the words of a flagged or half-labelled one for "no entity" (they pass over a
        # cancelled annotation)
        assert annotation.get("was_cancelled", False) is (record["status"] != "reviewed")
    gold = sum(len(spans_of(t)) for t in tasks.values())
    assert gold == sum(len(r["spans"]) for r in records) == 8


def test_reviewed_spans_all_reach_the_annotation(tmp_path: Path) -> None:
    """The issue's count: of the reviewed postings' spans, every one is gold (before, only
    the human ones were, the accepted machine spans going to the predictions)."""
    records = [r for r in sample() if r["status"] == "reviewed"]
    tasks, _ = exported(tmp_path, records)
    assert sum(len(spans_of(t)) for t in tasks) == sum(len(r["spans"]) for r in records) == 4
    assert all("predictions" not in t for t in tasks)


def test_fields_are_annotated_as_decided(tmp_path: Path) -> None:
    tasks = by_id(exported(tmp_path)[0])

    def fields(task: Task, kind: str = "annotations") -> dict[str, Any]:
        return {r["from_name"]: r["value"]["text"] for r in results(task, kind)
                if r["from_name"].startswith("field_")}

    reviewed = fields(tasks[11])
    assert reviewed["field_title"] == ["Senior Data Engineer"]
    assert reviewed["field_company"] == ["Acme Ltd"]
    assert reviewed["field_locations"] == ["Leeds"]
    assert reviewed["field_skills"] == ["Python", "SQL"]
    assert reviewed["field_employment_type"] == ["full_time"]
    assert len(reviewed) == 7
    assert reviewed["field_experience_years"] == ["3"]
    assert "50000" in reviewed["field_salary"][0] and "GBP" in reviewed["field_salary"][0]
    assert "field_remote" not in reviewed  # rejected: no value
    # flagged: the company was decided, the title and skills are still the machine's
    assert fields(tasks[12]) == {"field_company": ["Acme"]}
    assert fields(tasks[12], "predictions") == {"field_title": ["Développeur·se Python"],
                                               "field_skills": ["Python", "Rust"]}
    assert fields(tasks[14], "predictions") == {"field_title": ["Intern"],
                                               "field_remote": ["remote"],
                                               "field_skills": ["Go", "Kotlin"]}


def test_postings_not_reviewed_get_the_machine_suggestions_as_predictions(
        tmp_path: Path) -> None:
    tasks = by_id(exported(tmp_path)[0])
    assert "predictions" not in tasks[11] and "predictions" not in tasks[17]
    # the skills evidence not yet labelled: Python is a span already, Rust is not
    assert spans_of(tasks[12], "predictions") == [("Rust", "SKILL")]
    assert spans_of(tasks[14], "predictions") == [("Go", "SKILL"), ("Kotlin", "SKILL")]
    assert "annotations" not in tasks[14]
    [prediction] = tasks[14]["predictions"]
    assert "headings" in prediction["model_version"] and "lexicon" in prediction["model_version"]
    assert prediction["score"] == 0.5  # the least sure of its values
    started = tasks[15]  # new, but a person labelled a span: their work, and the rest
    assert spans_of(started) == [("Leeds", "LOC")]
    assert started["annotations"][0].get("was_cancelled", False) is True  # not whole
    assert [r["from_name"] for r in results(started, "predictions")] == ["field_valid_through"]


def test_the_posting_id_and_status_are_kept(tmp_path: Path) -> None:
    tasks = exported(tmp_path)[0]
    for task, record in zip(tasks, sample(), strict=True):
        assert task["data"]["posting_id"] == record["id"] == task["meta"]["posting_id"]
        assert task["data"]["status"] == record["status"] == task["meta"]["status"]
        assert task["data"]["source"] == record["source"]
        assert task["data"]["text"] == record["text"]


def test_offsets_count_characters(tmp_path: Path) -> None:
    """Offsets are Unicode code points (Python's), as Label Studio stores them: the span
    after 🚀 keeps its text."""
    tasks = by_id(exported(tmp_path)[0])
    [python] = [r for r in results(tasks[12]) if r["type"] == "labels"
                and r["value"]["text"] == "Python"]
    assert python["value"]["start"] == T2.index("Python")


def test_choice_modes_come_from_the_records(tmp_path: Path) -> None:
    _, config = exported(tmp_path)
    assert config.controls["tags"].choice == "multiple"  # one posting has two tags
    assert config.controls["quality"].choice == "single"
    assert config.controls["tags"].values == ["tech", "remote"]
    assert config.controls["quality"].values == ["good", "bad", "ok"]
    # fields are text areas, so that choices are the document labels alone
    assert {config.controls[f"field_{name}"].tag for name in FIELD_NAMES} == {"TextArea"}
    headers = [el.get("value") for el in config.root.iter("Header")]
    assert "Remote (onsite, hybrid, remote)" in headers
    assert set(config.controls["label"].values) == {"TITLE", "SKILL", "LOC", "ORG", ODD_LABEL}


def test_names_are_escaped_and_never_taken_for_the_configs_own(tmp_path: Path) -> None:
    tasks, config = exported(tmp_path)
    odd = by_id(tasks)[17]
    questions = {r["from_name"]: r["value"]["choices"] for r in results(odd)
                 if r["type"] == "choices"}
    assert questions[ODD_QUESTION] == ["x & y", "<z>"]
    assert config.controls[ODD_QUESTION].values == ["x & y", "<z>"]
    # questions called like the config's own tags get a name of their own, consistently
    own = {"text", "label", "field_title"}
    assert not own & set(questions)
    assert len(questions) == 6
    assert [config.controls[name].tag for name in questions] == ["Choices"] * 6
    assert spans_of(odd) == [("Black & white", ODD_LABEL)]
    raw = (tmp_path / "ls.json.config.xml").read_text(encoding="utf-8")
    assert "&amp;" in raw and "&lt;" in raw and "<tag>" not in raw
    # a "$" name is never read as a reference to the task's data
    assert not [el for el in config.root.iter("Header") if "$" in (el.get("value") or "")]


def test_a_name_that_xml_cannot_hold_is_written_the_same_in_tasks_and_config(
        tmp_path: Path) -> None:
    record = make_record(1, "Some text here.", labels={"q\x01": ["a\x02"]},
                         spans=[span("Some text here.", "text", "L\x0b")])
    tasks, config = exported(tmp_path, [record])
    check_task(tasks[0], config)  # parses, and every name is in it


def test_a_label_schema_gives_every_question_option_and_colour(tmp_path: Path) -> None:
    schema = default_schema()
    schema.append(Question("perks", "multi", [Option("gym"), Option("meals")]))
    _tasks, config = exported(tmp_path, schema=schema)
    for question in schema:
        if question.kind == "span":
            continue
        control = config.controls[question.name]
        assert control.values[:len(question.options)] == question.option_names()
        assert control.choice == ("multiple" if question.kind == "multi" else "single")
    labels = config.controls["label"].values
    assert labels[:4] == ["SKILL", "TOOL", "QUALIFICATION", "BENEFIT"]
    assert {"TITLE", "LOC", "ORG", ODD_LABEL} <= set(labels)  # seen in the records too
    colours = {el.get("value"): el.get("background") for el in config.root.iter("Label")}
    spans = next(q for q in schema if q.kind == "span")
    assert colours["SKILL"] == spans.options[0].color
    assert config.controls["quality"].values == ["good", "bad", "ok"]  # not in the schema


def test_suggested_spans_take_the_label_standing_for_skills(tmp_path: Path) -> None:
    """The label SKILL was renamed to; none where no label stands for skills (the first
    label was taken, whatever it meant)."""
    schema = [Question("kinds", "span", [Option("TECH"), Option("SOFT")])]
    tasks = by_id(exported(tmp_path, schema=schema, skills="TECH")[0])
    assert spans_of(tasks[14], "predictions") == [("Go", "TECH"), ("Kotlin", "TECH")]
    tasks = by_id(exported(tmp_path, schema=schema)[0])
    assert spans_of(tasks[14], "predictions") == []
    no_spans = [Question("relevant", "single", [Option("yes"), Option("no")])]
    tasks = by_id(exported(tmp_path, schema=no_spans)[0])
    assert spans_of(tasks[14], "predictions") == []
    assert [r["from_name"] for r in results(tasks[14], "predictions")] == [
        "field_title", "field_remote", "field_skills"]


def test_a_split_writes_one_config_in_the_folder(tmp_path: Path) -> None:
    split = {"train": 0.5, "test": 0.5}
    out = tmp_path / "ls"
    summary = export(sample(), "labelstudio", out, split=split)
    assert summary.files == [out / "train.json", out / "test.json", out / "config.xml"]
    config = parse_config((out / "config.xml").read_text(encoding="utf-8"))
    seen = 0
    for part in split:
        for task in json.loads((out / f"{part}.json").read_text(encoding="utf-8")):
            check_task(task, config)
            seen += 1
    assert seen == 7


def test_export_whole_puts_the_config_beside_the_output(tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    (tmp_path / "tasks.json.config.xml").write_text("old", encoding="utf-8")
    summary = export_whole(out, lambda part: export(sample(), "labelstudio", part))
    config = tmp_path / "tasks.json.config.xml"
    assert summary.files == [out, config]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.json", "tasks.json.config.xml"]
    parsed = parse_config(config.read_text(encoding="utf-8"))
    for task in json.loads(out.read_text(encoding="utf-8")):
        check_task(task, parsed)


def test_a_failed_export_whole_leaves_no_config_behind(tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"

    def fail(part: Path) -> Any:
        export(sample(), "labelstudio", part)
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        export_whole(out, fail)
    assert list(tmp_path.iterdir()) == []


def test_no_records_still_give_a_config(tmp_path: Path) -> None:
    tasks, config = exported(tmp_path, [])
    assert tasks == [] and "label" not in config.controls  # no span label seen, none asked
    assert config.controls["field_title"].tag == "TextArea"


# -- Label Studio itself ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _call(url: str, token: str, body: Any = None) -> Any:
    request = urllib.request.Request(
        url, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        method="GET" if body is None else "POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


@pytest.mark.skipif(importlib.util.find_spec("label_studio") is None
                    or shutil.which("label-studio") is None,
                    reason="label-studio is not installed (a large optional install)")
def test_label_studio_takes_the_config_and_the_tasks(tmp_path: Path) -> None:
    """Start Label Studio on 127.0.0.1, make a project of the written config, import the
    tasks and read them back: every annotation and prediction arrives whole."""
    tasks, _ = exported(tmp_path)
    port, token = _free_port(), secrets.token_hex(20)
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(tmp_path / "ls-data"),
           "LABEL_STUDIO_USERNAME": "test@example.org",
           "LABEL_STUDIO_PASSWORD": secrets.token_hex(12), "LABEL_STUDIO_USER_TOKEN": token,
           "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true"}
    proc = subprocess.Popen(
        [str(shutil.which("label-studio")), "start", "--no-browser", "--host", "127.0.0.1",
         "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            assert proc.poll() is None, "Label Studio stopped while starting"
            try:
                _call(f"{url}/api/current-user/whoami", token)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, "Label Studio did not start in 5 minutes"
                time.sleep(2)
        config = (tmp_path / "ls.json.config.xml").read_text(encoding="utf-8")
        project = _call(f"{url}/api/projects", token, {"title": "postings",
                                                       "label_config": config})
        _call(f"{url}/api/projects/{project['id']}/import", token, tasks)
        back = _call(f"{url}/api/projects/{project['id']}/export?exportType=JSON", token)
        assert len(back) == len(tasks)
        got = {t["data"]["posting_id"]: t for t in back}
        for task in tasks:  # Label Studio's own export holds every result we gave it
            mine = got[task["data"]["posting_id"]]
            assert mine["data"] == task["data"]
            kept = [a for a in mine.get("annotations", []) if not a.get("was_cancelled")]
            given = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
            assert sorted(len(a["result"]) for a in kept) == sorted(len(a["result"])
                                                                    for a in given)
            assert sorted(spans_of({"annotations": kept})) == \
                sorted(spans_of({"annotations": given}))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_a_reviewed_postings_field_nobody_decided_stays_a_prediction(tmp_path: Path) -> None:
    # marked reviewed without its fields being looked at (a bulk status edit, a merge): the
    # machine's values are no person's annotation
    text = "Data Engineer\n\nAcme Ltd hires in Leeds.\n"
    record = make_record(
        31, text, fields={"title": "Data Engineer", "company": "Acme Ltd", "skills": ["SQL"]},
        provenance={"title": "machine", "company": "corrected", "skills": "machine"},
        machine={"title": machine("Data Engineer", [where(text, "Data Engineer")], 0.3),
                 "company": machine("Acme", [where(text, "Acme")], 0.2),
                 "skills": machine(["SQL"], [where(text, "Leeds")], 0.4)})
    [task] = exported(tmp_path, [record])[0]
    annotated = {r["from_name"] for r in results(task)}
    predicted = {r["from_name"] for r in results(task, "predictions")}
    assert annotated == {"field_company"}
    assert predicted == {"field_title", "field_skills", "label"}
    assert task["predictions"][0]["score"] == 0.3


def test_a_task_s_data_holds_no_value_no_person_decided(tmp_path: Path) -> None:
    """The fields no one decided on a posting marked reviewed (in bulk) were in the
    task's ``data`` as its values, nothing to tell them from the people's; they are the
    prediction alone."""
    text = "Data Engineer at Acme Ltd in Leeds."
    record = make_record(1, text, fields={"title": "Data Engineer", "company": "Acme Ltd"},
                         provenance={"company": "machine"},
                         machine={"company": {"value": "Acme Ltd", "confidence": 0.8,
                                              "spans": [where(text, "Acme Ltd")]}})
    [task], _config = exported(tmp_path, [record])
    assert task["data"]["title"] == "Data Engineer"
    assert task["data"]["company"] is None
    assert any(r["from_name"].endswith("company") for r in results(task, "predictions"))
