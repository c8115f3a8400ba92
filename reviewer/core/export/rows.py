"""One posting record to one row or task of each format: canonical and Prodigy JSONL,
the Hugging Face row and the Label Studio task (the schema.org JobPosting is ``jsonld``'s).

Pure functions of a record; the writers (``writers``) put the rows in files."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson

from reviewer.core.export.choices import option_id
from reviewer.core.export.tokens import token_range, tokenize
from reviewer.core.export.tokens_bio import Tagged, bio_tags
from reviewer.core.records import (
    OPTIONAL_KEYS,
    RECORD_KEYS,
    PostingRecord,
    SpanRecord,
    adjudicator,
    persons_fields,
    undecided,
    unsettled_spans,
)
from reviewer.core.schema import FIELD_NAMES, FIELDS

Row = dict[str, Any]
SALARY_KEYS = ("min", "max", "currency", "period")


def dumps(obj: Any) -> str:
    """Compact JSON, UTF-8 as is (orjson: several times faster than json for a dataset)."""
    return orjson.dumps(obj).decode()


def _int_hash(*parts: str) -> int:
    """A signed 32-bit int from strings (Prodigy's hashes are 32-bit ints)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


def record_key(record: PostingRecord) -> str:
    """The identity a record is hashed by: its raw page hash, else its id."""
    return record["raw_hash"] or str(record["id"])


def canonical_row(record: PostingRecord) -> Row:
    """The record with its keys in RECORD_KEYS order, then OPTIONAL_KEYS (missing keys
    left out)."""
    data: Row = dict(record)
    return {key: data[key] for key in (*RECORD_KEYS, *OPTIONAL_KEYS) if key in data}


ANNOTATOR = "posting-reviewer"  # the annotator of a record that names no reviewer


def annotator(record: PostingRecord) -> str:
    """Who decided the record: its adjudicator where rulings decided it
    (``records.adjudicator``), else who reviewed it (who set its status), else
    ``ANNOTATOR``."""
    return adjudicator(record) or record.get("reviewer") or ANNOTATOR


def unix_time(stamp: str) -> int | None:
    """An ISO 8601 timestamp as whole seconds since 1970 (UTC when it names no zone)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def prodigy_task(record: PostingRecord, options: Mapping[str, Sequence[str]] | None = None,
                 suggests: bool = True) -> Row:
    """A Prodigy task: text, tokens, every span that holds a token, the options offered and
    the chosen ones, and the review as the answer.

    Tokens come from ``tokens.tokenize``, cut at every span's ends, so each span's
    ``token_start`` and ``token_end`` (inclusive, as Prodigy has them) hold it exactly,
    whitespace at its ends left out (its ``start`` and ``end`` are then its tokens'); a
    span of whitespace only holds no token and is left out. ``options`` (``{question:
    [option, ...]}``, default: the record's own answers) of the questions the record
    answered become the task's ``options`` (one it did not answer is offered nothing:
    Prodigy would read each of its options as not chosen),
    ``{"id": "question=option", "text": "question: option"}``; ``accept`` names the chosen
    ones by the same ids. ``_annotator_id`` is who decided the posting (``annotator``: its
    adjudicator, else the reviewer who set its status), and ``meta.adjudicated_by`` what
    each ruling decided where there are some; ``_timestamp`` is ``updated_at`` in Unix
    seconds. A posting whose spans or answers are not all known (its reviewers differ, or
    spans are still suggested: ``records.unsettled_spans``, with ``suggests``) is
    ``ignore``: its spans are not all there is.
    """
    status = record["status"]
    answer = {"reviewed": "accept", "flagged": "reject"}.get(status, "ignore")
    if undecided(record, "spans", "label") or unsettled_spans(record, suggests):
        answer = "ignore"  # its spans or a choice unknown: no example of "these, no more"
    text = record["text"]
    tokens = tokenize(text, (x for s in record["spans"] for x in (s["start"], s["end"])))
    starts = [token["start"] for token in tokens]
    spans = []
    for s in record["spans"]:
        held = token_range(tokens, starts, s["start"], s["end"])
        if held is not None:
            # its ends as its tokens', whitespace at either end left out: Prodigy (and
            # spaCy from its tokens) take a span's characters and tokens as one
            spans.append({"start": tokens[held[0]]["start"], "end": tokens[held[1]]["end"],
                          "label": s["label"], "token_start": held[0], "token_end": held[1]})
    labels = record["labels"]
    offered = [{"id": option_id(question, option), "text": f"{question}: {option}"}
               for question, names in (labels if options is None else options).items()
               if labels.get(question)  # one it did not answer: no "no" to each option
               for option in names]
    accept = [option_id(question, option) for question, chosen in labels.items()
              for option in chosen]
    key = record_key(record)
    fields, suggested = persons_fields(record)  # (the machine's apart: no person's values)
    task: Row = {
        "text": text,
        "tokens": tokens,
        "spans": spans,
        "options": offered,
        "accept": accept,
        "answer": answer,
        "meta": {"id": record["id"], "source": record["source"], "status": status,
                 **{name: fields.get(name) for name in FIELD_NAMES}, "suggested": suggested,
                 "provenance": {name: record["provenance"].get(name, "none")
                                for name in FIELD_NAMES},
                 "labels": labels, "undecided": record.get("undecided", [])},
        "_input_hash": _int_hash(key),
        "_task_hash": _int_hash(key, dumps(spans), dumps(accept),
                                dumps([o["id"] for o in offered])),
        "_annotator_id": annotator(record),
    }
    if "adjudicated_by" in record:
        task["meta"]["adjudicated_by"] = record["adjudicated_by"]
    if (moment := unix_time(record["updated_at"])) is not None:
        task["_timestamp"] = moment
    return task


def hf_value(kind: str, value: Any) -> Any:
    """A field value as the column type of its kind (numbers as floats, lists of str)."""
    if value is None:
        return None
    if kind == "number":
        return float(value) if isinstance(value, int | float) else None
    if kind == "salary":
        return {key: (float(value[key]) if key in ("min", "max") and value.get(key) is not None
                      else value.get(key)) for key in SALARY_KEYS}
    if kind == "list":
        return [str(item) for item in value]
    return str(value)


def rulings(record: PostingRecord) -> list[Row] | None:
    """What each ruling of the record decided and who made it (``adjudicated_by``), in the
    order made, as ``{"decided", "by"}`` entries: a column of one type in every row,
    where the mapping's keys differ from posting to posting. None where no ruling
    decided anything."""
    made = record.get("adjudicated_by")
    return [{"decided": what, "by": who} for what, who in made.items()] if made else None


def hf_row(record: PostingRecord, tagged: Tagged | None = None) -> Row:
    """One flat row of the Hugging Face dataset: every span with its text and origin, and
    the tokens with their BIO tags (``tokens_bio``; ``tagged``: already worked out, with
    the tokens no one settled, ``Tagged.unknown``, as None). The tags are names here; the
    writer turns them into the ids of the ``ClassLabel`` (None: -1, no label)."""
    row: Row = {"id": record["id"], "text": record["text"], "status": record["status"],
                "reviewer": record.get("reviewer") or None}
    row.update({spec.name: hf_value(spec.kind, record["fields"].get(spec.name))
                for spec in FIELDS})
    row["provenance"] = {name: record["provenance"].get(name, "none") for name in FIELD_NAMES}
    row["spans"] = [{"start": s["start"], "end": s["end"], "label": s["label"],
                     "text": s["text"], "origin": s["origin"]} for s in record["spans"]]
    if tagged is None:
        tagged = bio_tags(record["text"], record["spans"])
    row["tokens"] = [token["text"] for token in tagged.tokens]
    # a token of a span still suggested: unknown (None, written -1), not "O"
    row["ner_tags"] = [None if i in tagged.unknown else tag
                       for i, tag in enumerate(tagged.tags)] if tagged.unknown else tagged.tags
    if undecided(record, "spans"):  # unknown, not "no span": no tag says either
        row["spans"] = row["ner_tags"] = None
    elif record["status"] != "reviewed":  # (``--all``) the words no one labelled: unknown
        row["ner_tags"] = None
    row["labels"] = {question: list(options) for question, options in record["labels"].items()}
    row["comment"] = record.get("comment") or ""
    row["undecided"] = record.get("undecided", [])
    row["adjudicated_by"] = rulings(record) or []
    if "reviewers" in record:
        row["reviewers"] = hf_reviewers(record)
    return row


def hf_reviewers(record: PostingRecord) -> list[Row]:
    """Every reviewer's own values, one entry each by name: every field's state and value
    (typed as its column), the labels, the spans with their text, status and comment."""
    out = []
    for name, values in sorted(record.get("reviewers", {}).items()):
        fields = {}
        for spec in FIELDS:
            decided = values["fields"].get(spec.name) or {}
            state = decided.get("state")
            fields[spec.name] = {"state": state, "value": None if state == "rejected" else
                                 hf_value(spec.kind, decided.get("value"))}
        out.append({"reviewer": name, "status": values["status"], "comment": values["comment"],
                    "fields": fields, "labels": dict(values["labels"]),
                    "spans": [dict(s) for s in values["spans"]]})
    return out


def _ls_span(result_id: str, span: SpanRecord) -> Row:
    return {"id": result_id, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": span["start"], "end": span["end"], "text": span["text"],
                      "labels": [span["label"]]}}


def labelstudio_task(record: PostingRecord) -> Row:
    """A Label Studio task: human work as the annotation, machine spans as the prediction."""
    rid = record["id"]
    task: Row = {"id": rid, "data": {"text": record["text"], "source": record["source"],
                                     **{name: record["fields"].get(name) for name in FIELD_NAMES}}}
    human = [_ls_span(f"{rid}-h{i}", s) for i, s in enumerate(record["spans"])
             if s["origin"] == "human"]
    human += [{"id": f"{rid}-c{i}", "from_name": question, "to_name": "text", "type": "choices",
               "value": {"choices": list(options)}}
              for i, (question, options) in enumerate(record["labels"].items()) if options]
    if record["status"] == "reviewed" and human:
        task["annotations"] = [{"result": human}]
    machine = [_ls_span(f"{rid}-m{i}", s) for i, s in enumerate(record["spans"])
               if s["origin"] == "machine"]
    if machine:
        stages = sorted({m["stage"] for m in record["machine"].values() if m.get("stage")})
        version = "posting-reviewer" + (f" ({', '.join(stages)})" if stages else "")
        task["predictions"] = [{"model_version": version, "result": machine}]
    return task
