"""`reviewer export --format labelstudio` on a real project: the tasks and, beside them, the
labeling config they fit, so that "create a project, paste the config, import the tasks"
works; the people's work as annotations, the machine's suggestions as predictions."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from reviewer.cli import main
from reviewer.core.labels import Option, Question
from reviewer.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "reviewer" / "resources" / "samples"
RESULT_TAGS = {"labels": "Labels", "choices": "Choices", "textarea": "TextArea"}


def reviewer(*args: str) -> int:
    return main(list(args))


def project(tmp_path: Path) -> tuple[Path, dict[int, str]]:
    """The samples, one reviewed with spans (a person's and an accepted suggestion) and a
    label, one reviewed as it came, one flagged and one skipped with a span each."""
    db = tmp_path / "p.db"
    assert reviewer("import", str(db), str(SAMPLES)) == 0
    with Store(db) as store:
        store.labels.save_schema([*store.labels.schema(),
                                  Question("seniority", "single", [Option("senior")])])
        ids = store.queue.ids()
        first, second, third, fourth = ids[:4]
        text = store.records.get(first)["cleaned"]  # type: ignore[index]
        skills = store.records.get(first)["machine"]["skills"]["spans"]  # type: ignore[index]
        store.spans.add_many(first, [(skills[0][0], skills[0][1], "SKILL")], "machine")
        store.spans.add(first, 0, text.index(" ", 2), "QUALIFICATION")
        store.labels.answer(first, "relevant", ["yes"])
        store.decisions.accept_all(first)
        store.decisions.accept_all(second)
        for pid, status in ((third, "flagged"), (fourth, "skipped")):
            store.spans.add(pid, 0, 4, "TOOL")
            store.labels.answer(pid, "seniority", ["senior"])
            store.postings.set_status(pid, status)
        statuses = {pid: store.records.get(pid)["status"] for pid in ids}  # type: ignore[index]
    return db, statuses


def controls(config: ET.Element) -> dict[str, tuple[str, str, set[str]]]:
    found = {}
    for el in config.iter():
        if el.tag in RESULT_TAGS.values():
            values = {c.get("value") or "" for c in el if c.tag in ("Label", "Choice")}
            found[el.get("name") or ""] = (el.tag, el.get("toName") or "", values)
    return found


def check(tasks: list[dict[str, Any]], config: ET.Element) -> None:
    named = controls(config)
    objects = {el.get("name"): el.get("value") for el in config.iter("Text")}
    assert objects == {"text": "$text"}
    for task in tasks:
        text = task["data"]["text"]
        for entry in task.get("annotations", []) + task.get("predictions", []):
            for r in entry["result"]:
                tag, to_name, values = named[r["from_name"]]
                assert tag == RESULT_TAGS[r["type"]] and r["to_name"] == to_name == "text"
                if r["type"] == "labels":
                    v = r["value"]
                    assert text[v["start"]:v["end"]] == v["text"] and set(v["labels"]) <= values
                elif r["type"] == "choices":
                    assert set(r["value"]["choices"]) <= values


def test_labelstudio_export_writes_the_config_beside_the_tasks(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db, statuses = project(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    assert reviewer("export", str(db), "--format", "labelstudio", "--all", "-o",
                    str(out / "ls.json")) == 0
    assert "8 postings as labelstudio" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["ls.json", "ls.json.config.xml"]
    tasks = json.loads((out / "ls.json").read_text(encoding="utf-8"))
    config = ET.fromstring((out / "ls.json.config.xml").read_text(encoding="utf-8"))
    check(tasks, config)
    assert {t["data"]["posting_id"]: t["data"]["status"] for t in tasks} == statuses
    by_status: dict[str, list[dict[str, Any]]] = {}
    for task in tasks:
        by_status.setdefault(task["meta"]["status"], []).append(task)
    spans = {status: sorted(r["value"]["labels"][0] for t in group
                            for a in t.get("annotations", []) for r in a["result"]
                            if r["type"] == "labels")
             for status, group in by_status.items()}
    assert spans == {"reviewed": ["QUALIFICATION", "SKILL"], "flagged": ["TOOL"],
                     "skipped": ["TOOL"], "new": []}
    [skipped] = by_status["skipped"]
    assert skipped["annotations"][0]["was_cancelled"] is True
    for task in by_status["reviewed"]:  # the skills the window still suggests, no field:
        assert {(r["type"], *r["value"]["labels"]) for r in task["predictions"][0]["result"]} \
            == {("labels", "SKILL")}
        assert task["annotations"][0]["was_cancelled"] is True  # (not "no entity" there)
    assert all(t["predictions"] and "annotations" not in t for t in by_status["new"])
    choices = {el.get("name"): el.get("choice") for el in config.iter("Choices")}
    assert choices["relevant"] == choices["seniority"] == "single"


def test_a_split_labelstudio_export_keeps_one_config_in_its_folder(tmp_path: Path) -> None:
    db, _ = project(tmp_path)
    out = tmp_path / "split"
    assert reviewer("export", str(db), "--format", "labelstudio", "--all", "--split",
                    "train=0.5,test=0.5", "-o", str(out)) == 0
    assert sorted(p.name for p in out.iterdir()) == ["config.xml", "test.json", "train.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db", "split"]
    config = ET.fromstring((out / "config.xml").read_text(encoding="utf-8"))
    tasks = [t for part in ("train", "test")
             for t in json.loads((out / f"{part}.json").read_text(encoding="utf-8"))]
    assert len(tasks) == 8
    check(tasks, config)


def test_the_config_holds_every_question_and_option_of_the_project(tmp_path: Path) -> None:
    """Options no posting was given yet are in the config too: the project's schema is
    passed to the export, so later imports into the same Label Studio project fit."""
    db, _ids = project(tmp_path)
    out = tmp_path / "ls.json"
    assert reviewer("export", str(db), "--format", "labelstudio", "-o", str(out)) == 0
    config = ET.parse(out.with_name(out.name + ".config.xml")).getroot()
    with Store(db) as store:
        schema = store.labels.schema()
    span_labels = {label.get("value") for labels in config.iter("Labels")
                   for label in labels.iter("Label")}
    choices = {choices.get("name"): {c.get("value") for c in choices.iter("Choice")}
               for choices in config.iter("Choices")}
    for question in schema:
        if question.kind == "span":
            assert set(question.option_names()) <= span_labels
        else:
            named = next(values for name, values in choices.items()
                         if name in (question.name, f"question_{question.name}"))
            assert set(question.option_names()) <= named


def test_a_suggested_span_a_person_rejected_is_not_predicted_again(tmp_path: Path) -> None:
    """A skill named twice, one of its suggested spans rejected in the window (the skill
    stays, by its other span): the tasks' prediction leaves that span out, as the window
    does, in the export and in a project that imports the export."""
    page = tmp_path / "job.txt"
    page.write_text("Backend Developer\n\nWe use Python and Go every day.\n\n"
                    "Requirements:\n- five years of Python\n- Docker\n", encoding="utf-8")
    db = tmp_path / "p.db"
    assert reviewer("import", str(db), str(page)) == 0
    with Store(db) as store:
        [pid] = store.queue.ids()
        posting = store.records.get(pid)
        text = posting["cleaned"]  # type: ignore[index]
        evidence = posting["machine"]["skills"]["spans"]  # type: ignore[index]
        first = next(span for span in evidence if text[span[0]:span[1]] == "Python")
        store.spans.add_many(pid, [(first[0], first[1], "SKILL")], "machine", "rejected")
        assert "Python" in store.records.get(pid)["fields"]["skills"]  # type: ignore[index]

    def predicted(project: Path) -> set[tuple[int, int]]:
        out = tmp_path / f"{project.stem}.json"
        assert reviewer("export", str(project), "--format", "labelstudio", "--all", "-o",
                        str(out)) == 0
        [task] = json.loads(out.read_text(encoding="utf-8"))
        return {(r["value"]["start"], r["value"]["end"]) for p in task["predictions"]
                for r in p["result"] if r["type"] == "labels"}

    ranges = predicted(db)
    assert (first[0], first[1]) not in ranges
    assert len(ranges) == len(evidence) - 1  # the other Python and the rest still offered
    exported = tmp_path / "all.jsonl"
    assert reviewer("export", str(db), "--all", "-o", str(exported)) == 0
    [record] = [json.loads(line) for line in exported.open(encoding="utf-8")]
    assert record["rejected_spans"] == [{"start": first[0], "end": first[1], "label": "SKILL",
                                         "origin": "machine"}]
    again = tmp_path / "again.db"
    assert reviewer("import", str(again), str(exported)) == 0
    assert predicted(again) == ranges
    with Store(again) as store:
        [pid] = store.queue.ids()
        assert store.records.get(pid)["status"] == "new"  # type: ignore[index]
        assert next(store.records.all(reviewed_only=False))["rejected_spans"] == \
            record["rejected_spans"]
