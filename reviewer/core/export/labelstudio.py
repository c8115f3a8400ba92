"""Label Studio tasks from posting records, and the labeling config they fit.

Each record becomes one task in Label Studio's JSON import format::

    {"id": 7, "data": {"text", "posting_id", "source", "status", <each field>},
     "meta": {"posting_id", "source", "status", "comment"},
     "annotations": [{"result": [...], "was_cancelled": false}],
     "predictions": [{"model_version", "score", "result": [...]}]}

``id`` is the posting's id, but Label Studio numbers the tasks it imports anew:
``data.posting_id`` and ``meta.posting_id`` keep it. ``data.reviewer`` and
``meta.reviewer`` name who reviewed the posting (who set its status); where rulings
decided some of it after a merge, ``meta.adjudicated_by`` says what each decided and
who ruled, and the annotation of the final decisions is the adjudicator's
(``records.adjudicator``).

**Who**: Label Studio takes an annotation's ``completed_by`` as one of its users, by
``{"email": ...}`` (or its own user id); a name alone is no user, and one that is not a
member makes it refuse the whole import (its newest versions give such an annotation to
whoever imports instead). So ``completed_by`` is written where the reviewer's e-mail is
known: a reviewer named by an e-mail address (``--reviewer ana@example.org``), or one given
in ``emails``; an annotation without it belongs to whoever imports it, and the name is
still in ``data``/``meta``.

**Several reviewers** (records exported with ``reviewers``): besides the final annotation
(``ground_truth: true``), one annotation per reviewer holding what that reviewer decided
(``reviewers.reviewer_records``; ``ground_truth: false``), in the order of
``meta.reviewers``, each with its ``completed_by`` where the e-mail is known.

**Annotation** (what people decided), for every posting a person worked on: one
reviewed, flagged or skipped, or a new one that already has a span, a label or a field
decision. Its result holds every span of the record (a record's spans are the accepted
ones: a person's, and the machine's that a person accepted, those with ``"origin":
"prediction"``), every document label, and the fields a person decided (accepted,
corrected or adjudicated): a field still the machine's is a prediction, on a reviewed
posting too (one marked reviewed in bulk, or by a merge, whose fields nobody looked
at). Only a reviewed posting's annotation is whole: the others' (skipped, flagged, or
new with a decision) have ``was_cancelled: true``, as Label Studio marks a skipped task,
so that its exports (which pass over a cancelled annotation) do not take the words
nobody labelled for "no entity"; the status is in ``data``/``meta``. A reviewed posting
with nothing labelled still gets its (empty) annotation: it is gold. A reviewed posting
whose skills' evidence is still suggested (``records.unsettled_spans``: no span put on it,
none rejected) has its annotation cancelled too, those words being neither a span nor
none, and the suggestions as its prediction.

**Prediction** (what the machine suggests and nobody decided): the fields whose value
is still the machine's, each scored by its confidence, and the skills field's evidence
not yet labelled, as spans labelled ``SKILL`` (or the name a rename gave it; none when the
schema has no label standing for skills), the same suggestions the review window offers
(``records.suggested_skill_spans``: none where a person rejected one, the record's
``rejected_spans``, or the skills field). The prediction's score is its least sure value's.

**Config** (``config()``): the ``Text`` object ``text`` over ``$text``; one ``Labels``
``label`` holding every span label; one ``Choices`` per document question (``single``,
or ``multiple`` for a ``multi`` question, or when a posting has more than one of its
options); and one ``TextArea`` per field (a list field one line an item, a salary as
"min-max CURRENCY per period"; a field of fixed values names them in its header), so that
``choices`` results are the document labels alone. It lists every name and value the
tasks use, taken from the records as they are written, so it is complete only once the
last task is; a label schema, when given, adds its questions, options and colours first
and in its order.

Control names: a question is named by itself unless that is ``text`` or ``label`` or
begins with ``field_`` or ``question_`` (then ``question_`` + its name); field controls
are ``field_`` + the field. Names and values go into the XML escaped; characters XML
cannot hold at all (control characters) become U+FFFD in the tasks and the config alike.

Offsets are Unicode code points, ``text[start:end]`` in Python, which is how Label Studio
stores a region's ``start`` and ``end`` (some of its versions draw a region after an
emoji a character off, while the offsets it exports stay right).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from reviewer.core.export.reviewers import reviewer_records
from reviewer.core.export.rows import Row
from reviewer.core.labels import PALETTE, Question, skill_label
from reviewer.core.records import (
    PERSONS_VALUES,
    PostingRecord,
    adjudicator,
    persons_fields,
    suggested_skill_spans,
    undecided,
    unsettled_spans,
)
from reviewer.core.schema import FIELD_NAMES, FIELDS, FieldSpec

CONFIG_SUFFIX = ".config.xml"  # beside a single file: ``tasks.json.config.xml``
FOLDER_CONFIG = "config.xml"  # inside the folder of a split export
TEXT, LABEL = "text", "label"
FIELD_PREFIX, QUESTION_PREFIX = "field_", "question_"
MODEL = "posting-reviewer"
WORKED = ("reviewed", "flagged", "skipped")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")


def config_path(out: Path, folder: bool) -> Path:
    """Where the config of an export to ``out`` goes."""
    return out / FOLDER_CONFIG if folder else out.with_name(out.name + CONFIG_SUFFIX)


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold as U+FFFD."""
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


def question_control(question: str) -> str:
    """The control name of a document question (never one of the config's own names)."""
    if question in (TEXT, LABEL) or question.startswith((FIELD_PREFIX, QUESTION_PREFIX)):
        question = QUESTION_PREFIX + question
    return xml_safe(question)


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def field_lines(spec: FieldSpec, value: Any) -> list[str]:
    """A field's value as the lines of its text area (none: nothing to write)."""
    if value is None:
        return []
    if spec.kind == "list":
        return [str(item) for item in value if str(item)]
    if spec.kind == "number":
        return [_number(value)]
    if spec.kind == "salary":
        low, high = value.get("min"), value.get("max")
        amount = (f"{_number(low)}-{_number(high)}" if low is not None and high is not None
                  else f"from {_number(low)}" if low is not None
                  else f"up to {_number(high)}" if high is not None else "")
        period = f"per {value['period']}" if value.get("period") else ""
        text = " ".join(part for part in (amount, str(value.get("currency") or ""), period)
                        if part)
        return [text] if text else []
    return [str(value)] if str(value) else []


class LabelStudioTasks:
    """Turns records into tasks (``task``), noting every name and value they use, for
    the config (``config``) that holds them all. One for a whole export, shared by
    its parts."""

    def __init__(self, schema: Sequence[Question] | None = None,
                 emails: Mapping[str, str] | None = None, skills: str = "SKILL") -> None:
        """``emails``: the Label Studio user (e-mail) of each reviewer, by name; ``skills``:
        the label standing for skills (``labels.skill_label``)."""
        self.emails = dict(emails or {})
        self.span_labels: dict[str, str] = {}  # label → colour ("" none yet)
        self.questions: dict[str, tuple[str, dict[str, None]]] = {}  # control → mode, options
        self.headers: dict[str, str] = {}  # control → the question's own name
        spans = [o for q in schema or [] if q.kind == "span" for o in q.options]
        for option in spans:
            self.span_labels[xml_safe(option.name)] = option.color
        # the label of a suggested skill span: none when the schema has no label for skills
        self.skill_label = skill_label(schema, skills)
        for question in schema or []:
            if question.kind != "span":
                mode = "multiple" if question.kind == "multi" else "single"
                self._question(question.name, question.option_names(), mode)

    # -- tasks ----------------------------------------------------------------------------------

    def task(self, record: PostingRecord) -> Row:
        """One task: data, meta, the people's annotation and the machine's prediction."""
        rid, status = record["id"], record["status"]
        who = record.get("reviewer", "")
        persons = persons_fields(record)[0]  # (the machine's values: the prediction)
        task: Row = {"id": rid, "data": {
            "text": record["text"], "posting_id": rid, "source": record["source"],
            "status": status, "reviewer": who,
            **{name: persons.get(name) for name in FIELD_NAMES}}}
        task["meta"] = {"posting_id": rid, "source": record["source"], "status": status,
                        "reviewer": who, "comment": record["comment"],
                        "undecided": record.get("undecided", [])}
        if "adjudicated_by" in record:
            task["meta"]["adjudicated_by"] = record["adjudicated_by"]
        decided = self._decided(record)
        # not the final answer where the reviewers differ on what it holds: cancelled, so
        # that no export of Label Studio takes its missing spans or answers for "none"
        # (and where spans are still suggested: the words are neither a span nor none)
        final = not undecided(record, "spans", "field", "label") and not unsettled_spans(
            record, self.skill_label is not None)
        if status in WORKED or decided:
            task["annotations"] = [self._annotation(decided, status,
                                                    adjudicator(record) or who)]
            if not final:
                task["annotations"][0]["was_cancelled"] = True
        if "reviewers" in record:
            own = reviewer_records(record)
            task["meta"]["reviewers"] = [r.get("reviewer", "") for r in own]
            for annotation in task.get("annotations", []):
                annotation["ground_truth"] = final
            task.setdefault("annotations", []).extend(
                {**self._annotation(self._decided(r, f"{rid}-r{n}"), r["status"],
                                    r.get("reviewer", "")), "ground_truth": False}
                for n, r in enumerate(own))
        suggested, stages = self._suggested(record)
        if suggested:
            prediction: Row = {"model_version": MODEL + (
                f" ({', '.join(sorted(stages))})" if stages else "")}
            scores = [r["score"] for r in suggested if "score" in r]
            if scores:
                prediction["score"] = min(scores)
            task["predictions"] = [{**prediction, "result": suggested}]
        return task

    def completed_by(self, name: str) -> Row | None:
        """The Label Studio user of reviewer ``name``, by e-mail; None when not known."""
        email = self.emails.get(name) or (name if _EMAIL.match(name) else "")
        return {"email": email} if email else None

    def _annotation(self, result: list[Row], status: str, name: str) -> Row:
        # not reviewed, not whole: cancelled, which Label Studio's exports pass over
        annotation: Row = {"result": result, "was_cancelled": status != "reviewed"}
        if (user := self.completed_by(name)) is not None:
            annotation["completed_by"] = user
        return annotation

    def _decided(self, record: PostingRecord, prefix: str | None = None) -> list[Row]:
        rid, text = prefix or str(record["id"]), record["text"]
        out = [self._span(f"{rid}-s{i}", text, s["start"], s["end"], s["label"],
                          "manual" if s["origin"] == "human" else "prediction")
               for i, s in enumerate(record["spans"])]
        for i, (question, options) in enumerate(record["labels"].items()):
            if options:
                name = self._question(question, options)
                out.append({"id": f"{rid}-l{i}", "from_name": name, "to_name": TEXT,
                            "type": "choices", "value": {"choices": [xml_safe(o)
                                                                     for o in options]}})
        for spec in FIELDS:
            if record["provenance"].get(spec.name, "none") in PERSONS_VALUES:
                out += self._field(f"{rid}-f", spec, record["fields"].get(spec.name))
        return out

    def _suggested(self, record: PostingRecord) -> tuple[list[Row], set[str]]:
        rid, text, machine = record["id"], record["text"], record["machine"]
        out: list[Row] = []
        stages: set[str] = set()
        skills = machine.get("skills")
        if self.skill_label is not None:
            for start, end in suggested_skill_spans(record):
                out.append(self._span(f"{rid}-p{len(out)}", text, start, end,
                                      self.skill_label, None))
                if skills is not None:
                    out[-1]["score"] = float(skills.get("confidence", 0.0))
                    stages.add(skills.get("stage", ""))
        for spec in FIELDS:
            suggestion = machine.get(spec.name)
            if record["provenance"].get(spec.name) == "machine" and suggestion is not None:
                found = self._field(f"{rid}-m", spec, suggestion.get("value"))
                for result in found:
                    result["score"] = float(suggestion.get("confidence", 0.0))
                    stages.add(suggestion.get("stage", ""))
                out += found
        return out, stages - {""}

    def _span(self, rid: str, text: str, start: int, end: int, label: str,
              origin: str | None) -> Row:
        label = xml_safe(label)
        self.span_labels.setdefault(label, "")
        result: Row = {"id": rid, "from_name": LABEL, "to_name": TEXT, "type": "labels",
                       "value": {"start": start, "end": end, "text": text[start:end],
                                 "labels": [label]}}
        if origin is not None:
            result["origin"] = origin
        return result

    def _question(self, question: str, options: Sequence[str], mode: str = "") -> str:
        name = question_control(question)
        old_mode, known = self.questions.get(name, ("single", {}))
        if not mode:
            mode = "multiple" if len(options) > 1 else old_mode
        known.update(dict.fromkeys(map(xml_safe, options)))
        self.questions[name] = ("multiple" if "multiple" in (mode, old_mode) else mode, known)
        self.headers.setdefault(name, xml_safe(question))
        return name

    def _field(self, prefix: str, spec: FieldSpec, value: Any) -> list[Row]:
        if value is None:
            return []
        lines = field_lines(spec, value)
        return [{"id": prefix + spec.name, "from_name": FIELD_PREFIX + spec.name,
                 "to_name": TEXT, "type": "textarea", "value": {"text": lines}}] if lines else []

    # -- config ---------------------------------------------------------------------------------

    def config(self) -> str:
        """The labeling config (XML) that every task written so far fits."""
        view = ET.Element("View")
        if self.span_labels:
            labels = ET.SubElement(view, "Labels", name=LABEL, toName=TEXT)
            for i, (label, colour) in enumerate(self.span_labels.items()):
                ET.SubElement(labels, "Label", value=label,
                              background=colour or PALETTE[i % len(PALETTE)])
        ET.SubElement(view, "Text", name=TEXT, value="$" + TEXT)
        for name, (mode, options) in self.questions.items():
            if "$" not in self.headers[name]:  # a header's "$name" would show data
                ET.SubElement(view, "Header", value=self.headers[name])
            choices = ET.SubElement(view, "Choices", name=name, toName=TEXT, choice=mode,
                                    showInline="true")
            for option in options:
                ET.SubElement(choices, "Choice", value=option)
        ET.SubElement(view, "Header", value="Fields")
        for spec in FIELDS:
            header = spec.label + (f" ({', '.join(spec.choices)})" if spec.choices else "")
            ET.SubElement(view, "Header", value=header, size="6")
            area = ET.SubElement(view, "TextArea", name=FIELD_PREFIX + spec.name, toName=TEXT,
                                 editable="true")
            if spec.kind != "list":
                area.set("maxSubmissions", "1")
        ET.indent(view)
        return ET.tostring(view, encoding="unicode") + "\n"

    def write_config(self, path: Path) -> Path:
        path.write_text(self.config(), encoding="utf-8")
        return path
