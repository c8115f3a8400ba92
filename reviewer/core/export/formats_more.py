"""More formats for annotation tools: doccano's JSONL, Argilla's record dicts, and the CSV
table as Parquet.

**doccano** (``doccano_line``), its JSONL import for a sequence-labelling project, one
posting a line::

    {"id": 7, "text": "...", "label": [[start, end, "LABEL"], ...],
     "cats": ["question=option", ...], "status": "reviewed", "source": "..."}

``label`` holds every span as ``[start, end, label]``, overlapping spans included, in
doccano's own offsets: UTF-16 code units, as its annotator (JavaScript) counts them. They
are Python's ``text[start:end]`` where the text holds no character past U+FFFF; after an
emoji, each such character counts two. doccano keeps every key besides ``text`` and
``label`` as the example's metadata. ``cats`` are the document labels named
``question=option``. A span of no character (doccano refuses them) is left out and counted.
A posting whose reviewers differ on its spans, one no person reviewed (``--all``) with no
span, or a reviewed one with spans still suggested (``records.unsettled_spans``: the skills'
evidence the window suggests, neither a span nor rejected) has no ``label``: its entities
are unknown, where ``[]`` would say it has none.

**Argilla** (``ArgillaRecords``), one ``rg.Record`` dict a line (Argilla 2.x, what
``Record.to_dict`` gives and ``Record.from_dict`` reads)::

    {"id": "7", "fields": {"text": "..."},
     "metadata": {"posting_id": 7, "status": "reviewed", "source": "..."},
     "suggestions": {"spans": {"value": [{"start", "end", "label"}, ...], "score": null,
                               "agent": "posting-reviewer"}},
     "responses": {"spans": [{"value": [...], "user_id": "...", "status": "submitted"}],
                   "<question>": [{"value": "option" or ["option", ...], ...}]},
     "vectors": {}}

The span question is ``spans`` over the text field ``text``. Its suggestion holds the
spans the machine suggested (those a person accepted, and the skills' evidence the window
still suggests: ``records.suggested_skill_spans``); the response holds every span of
the posting and each document question answered: a single-choice question of the label
schema (an ``rg.LabelQuestion``) with the option, any other (an ``rg.MultiLabelQuestion``)
with the list. A posting a person worked on gets responses ``submitted`` (reviewed) or
``discarded`` (skipped, or flagged: rejected, as Prodigy's ``reject`` and Label Studio's
cancelled annotation have it); one not reviewed gets a ``draft`` when a person
labelled something, else none; a reviewed one with spans still suggested gets a ``draft``
too (its spans known so far: the suggested words are neither a span nor none).
``user_id`` is one fixed id (``ARGILLA_USER``), the records not saying who reviewed: give
the responses the id of a user of your Argilla before logging them. Question names are
made ones Argilla accepts (``argilla_name``).

**CSV as Parquet** (``CsvParquetWriter``): the CSV export's columns in the same order,
typed: numbers as floats (the id an integer), lists (list fields, ``labels__<question>``)
as list columns, ``spans`` as a list of ``{start, end, label, text, origin}``, ``metadata``
as a JSON string (its keys vary), a missing value as null. Cells are the exact text: Parquet
is not read as formulas, so nothing gets a leading ``'``.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from reviewer.core.export.choices import option_id
from reviewer.core.export.rows import Row, dumps
from reviewer.core.export.table import table_row, table_types
from reviewer.core.export.writers import iter_lines, optional_module
from reviewer.core.labels import Question
from reviewer.core.records import (
    PostingRecord,
    json_line,
    suggested_skill_spans,
    undecided,
    unsettled_spans,
)
from reviewer.core.words.text import utf16_offsets

AGENT = "posting-reviewer"
ARGILLA_USER = str(uuid.uuid5(uuid.NAMESPACE_URL, "posting-reviewer"))
SPAN_QUESTION, TEXT_FIELD = "spans", "text"
_RESPONSE = {"reviewed": "submitted", "flagged": "discarded", "skipped": "discarded"}


class LinesWriter:
    """One JSON object a line from ``row``, which also says how many spans it left out."""

    def __init__(self, path: Path, row: Callable[[PostingRecord], tuple[Row, int]]) -> None:
        self._file = path.open("w", encoding="utf-8")
        self._row = row

    def write(self, record: PostingRecord) -> int:
        row, left_out = self._row(record)
        self._file.write(json_line(row))
        return left_out

    def close(self) -> None:
        self._file.close()


# -- doccano ------------------------------------------------------------------------------------


def doccano_line(record: PostingRecord, suggests: bool = True) -> tuple[Row, int]:
    """A doccano sequence-labelling line, and how many spans of no character it left out
    (``suggests``: see ``records.unsettled_spans``)."""
    kept = [s for s in record["spans"] if s["start"] < s["end"]]
    # doccano counts UTF-16 code units, as JavaScript does
    units = utf16_offsets(record["text"]) or range(len(record["text"]) + 1)
    spans = [[units[s["start"]], units[s["end"]], s["label"]] for s in kept]
    line: Row = {"id": record["id"], "text": record["text"], "label": spans,
                 "cats": [option_id(question, option)
                          for question, chosen in record["labels"].items() for option in chosen],
                 "status": record["status"], "source": record["source"]}
    if (undecided(record, "spans") or (not spans and record["status"] != "reviewed")
            or unsettled_spans(record, suggests)):
        # no label said: unknown (reviewers differ, no one reviewed it, or spans still
        # suggested, neither one nor none)
        del line["label"]
    return line, len(record["spans"]) - len(kept)


# -- Argilla ------------------------------------------------------------------------------------


def argilla_name(question: str) -> str:
    """A question's name as Argilla accepts it (lower-case letters, digits, ``_`` and ``-``):
    itself when it is one, else cleaned with a short hash of the name, so that names never
    collide; never ``spans`` or ``text`` (the span question and the text field)."""
    safe = re.sub(r"[^a-z0-9_-]+", "_", question.lower()).strip("_")
    if (safe == question and len(safe) <= 60 and re.search("[a-z0-9]", safe)
            and safe not in (SPAN_QUESTION, TEXT_FIELD)):
        return question
    digest = hashlib.sha256(question.encode("utf-8")).hexdigest()[:8]
    return f"{safe[:60] or 'question'}-{digest}"


class ArgillaRecords:
    """Argilla record dicts; ``schema`` (the label schema) tells the single-choice questions."""

    def __init__(self, schema: Sequence[Question] | None, skill: str | None) -> None:
        """``skill``: the label of the machine's skill spans suggested (``labels.skill_label``),
        None: none are."""
        self._single = {q.name for q in schema or () if q.kind == "single"}
        self._skill = skill

    def record(self, record: PostingRecord) -> tuple[Row, int]:
        """One record dict (no span is left out: Argilla keeps overlapping ones)."""
        spans = [{"start": s["start"], "end": s["end"], "label": s["label"]}
                 for s in record["spans"]]
        machine = [span for span, s in zip(spans, record["spans"], strict=True)
                   if s["origin"] == "machine"]
        # what the machine still suggests (as the window, and the Label Studio export)
        suggested = [{"start": start, "end": end, "label": self._skill}
                     for start, end in suggested_skill_spans(record)] if self._skill else []
        labels = {question: chosen for question, chosen in record["labels"].items() if chosen}
        row: Row = {"id": str(record["id"]), "fields": {TEXT_FIELD: record["text"]},
                    "metadata": {"posting_id": record["id"], "status": record["status"],
                                 "source": record["source"]},
                    "suggestions": {}, "responses": {}, "vectors": {}}
        if machine or suggested:
            stages = sorted({m["stage"] for m in record["machine"].values() if m.get("stage")})
            agent = AGENT + (f" ({', '.join(stages)})" if stages else "")
            row["suggestions"][SPAN_QUESTION] = {
                "value": sorted(machine + suggested, key=lambda s: (s["start"], s["end"])),
                "score": None, "agent": agent}
        human = labels or len(machine) < len(spans)
        if record["status"] in _RESPONSE or human:
            # a posting whose span labels are undecided: a draft (none answers the spans);
            # one with spans still suggested, a draft of its spans known so far
            unsure = undecided(record, "spans") or bool(
                self._skill and unsettled_spans(record))
            status = "draft" if unsure else _RESPONSE.get(record["status"], "draft")

            def answer(value: Any) -> list[Row]:
                return [{"value": value, "user_id": ARGILLA_USER, "status": status}]

            if not undecided(record, "spans"):  # else no one's answer: none given
                row["responses"][SPAN_QUESTION] = answer(spans)
            for question, chosen in labels.items():
                single = question in self._single and len(chosen) == 1
                row["responses"][argilla_name(question)] = answer(
                    chosen[0] if single else list(chosen))
        return row, 0


# -- CSV as Parquet -----------------------------------------------------------------------------


class CsvParquetWriter:
    """The flat table as Parquet. The label columns are known only once every record has
    been seen: rows wait in an anonymous temporary file beside the output. The parts of
    one export share ``questions``, so that every part has the same columns."""

    def __init__(self, path: Path, questions: set[str] | None = None) -> None:
        self._path = path
        self._spool: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115 (closed by close())
            "w+", encoding="utf-8", dir=path.parent)
        self._questions: set[str] = set() if questions is None else questions

    def write(self, record: PostingRecord) -> int:
        self._questions.update(record["labels"])
        self._spool.write(dumps(table_row(record)) + "\n")
        return 0

    def close(self, batch: int = 1000) -> None:
        pa = optional_module("pyarrow", "pip install pyarrow")
        pq = optional_module("pyarrow.parquet", "pip install pyarrow")
        questions = sorted(self._questions)
        schema = pa.schema(table_types(pa, questions))
        try:
            self._spool.seek(0)
            with pq.ParquetWriter(self._path, schema) as out:
                for rows in iter_lines(self._spool, batch):
                    for row in rows:
                        labels = row.pop("labels")
                        row.update({f"labels__{q}": labels.get(q) for q in questions})
                    out.write_table(pa.Table.from_pylist(rows, schema=schema))
        finally:
            self._spool.close()
