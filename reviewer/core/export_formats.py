"""One writer a dataset format, each fed canonical posting records one at a time.

``export.export`` picks the part (split) of each record and hands it to the part's
writer; a writer turns the record into its format's shape and writes it at once,
so no format but spaCy's holds the dataset in memory. Every record reaching a
writer has already had its bad spans dropped (``text[start:end] == span text``).

Writers share one small protocol: ``write(record)`` returns how many of the
record's spans it could not write (only spaCy ever skips any), ``close()``
finishes the file.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import IO, Any, Protocol

import orjson

from reviewer.core.records import RECORD_KEYS, PostingRecord, SpanRecord
from reviewer.core.schema import FIELD_NAMES, FIELDS

Row = dict[str, Any]
SALARY_KEYS = ("min", "max", "currency", "period")


class PartWriter(Protocol):
    def write(self, record: PostingRecord) -> int: ...

    def close(self) -> None: ...


def optional_module(name: str, install: str) -> ModuleType:
    """Import an optional dependency, or raise ImportError saying how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(f"this export format needs {name.split('.')[0]}: "
                          f"run `{install}`") from exc


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


def chosen_options(record: PostingRecord) -> list[str]:
    """Every option chosen for any document-label question, in question order."""
    return [opt for options in record["labels"].values() for opt in options]


# -- canonical and Prodigy JSONL, and the Hugging Face row -------------------------------------


def canonical_row(record: PostingRecord) -> Row:
    """The record with its keys in RECORD_KEYS order (missing keys left out)."""
    data: Row = dict(record)
    return {key: data[key] for key in RECORD_KEYS if key in data}


def prodigy_task(record: PostingRecord) -> Row:
    """A Prodigy task: text, every span, the chosen options, and the review as the answer."""
    status = record["status"]
    answer = {"reviewed": "accept", "flagged": "reject"}.get(status, "ignore")
    spans = [{"start": s["start"], "end": s["end"], "label": s["label"]} for s in record["spans"]]
    accept = chosen_options(record)
    key = record_key(record)
    return {
        "text": record["text"],
        "spans": spans,
        "accept": accept,
        "answer": answer,
        "meta": {"id": record["id"], "source": record["source"], "status": status,
                 **{name: record["fields"].get(name) for name in FIELD_NAMES},
                 "labels": record["labels"]},
        "_input_hash": _int_hash(key),
        "_task_hash": _int_hash(key, dumps(spans), dumps(accept)),
    }


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


def hf_row(record: PostingRecord) -> Row:
    """One flat row of the Hugging Face dataset."""
    row: Row = {"id": record["id"], "text": record["text"], "status": record["status"]}
    row.update({spec.name: hf_value(spec.kind, record["fields"].get(spec.name))
                for spec in FIELDS})
    row["provenance"] = {name: record["provenance"].get(name, "none") for name in FIELD_NAMES}
    row["spans"] = [{"start": s["start"], "end": s["end"], "label": s["label"]}
                    for s in record["spans"]]
    row["labels"] = {question: list(options) for question, options in record["labels"].items()}
    return row


class HfWriter:
    """Rows of one part as JSON lines; with Parquet, first to an anonymous temporary file,
    converted once every part is written and the label questions (columns) are known."""

    def __init__(self, path: Path, questions: set[str], parquet: bool) -> None:
        self.path, self.rows, self._questions, self._parquet = path, 0, questions, parquet
        if parquet:  # held open until to_parquet(): closing would delete it
            self._file: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115
                "w+", encoding="utf-8", dir=path.parent)
        else:
            self._file = path.open("w", encoding="utf-8")

    def write(self, record: PostingRecord) -> int:
        row = hf_row(record)
        self._questions.update(row["labels"])
        self._file.write(dumps(row) + "\n")
        self.rows += 1
        return 0

    def close(self) -> None:
        if not self._parquet:
            self._file.close()

    def to_parquet(self, schema: Any, batch: int = 1000) -> None:
        """Write the rows to ``self.path`` as Parquet, in batches, with a pyarrow ``schema``."""
        pa = optional_module("pyarrow", "pip install pyarrow")
        pq = optional_module("pyarrow.parquet", "pip install pyarrow")
        self._file.seek(0)
        with pq.ParquetWriter(self.path, schema) as out:
            for rows in iter_lines(self._file, batch):
                out.write_table(pa.Table.from_pylist(rows, schema=schema))
        self._file.close()


class JsonLinesWriter:
    """One JSON object a line, UTF-8, non-ASCII kept as is."""

    def __init__(self, path: Path, row: Callable[[PostingRecord], Row]) -> None:
        self._file = path.open("w", encoding="utf-8")
        self._row = row

    def write(self, record: PostingRecord) -> int:
        self._file.write(dumps(self._row(record)) + "\n")
        return 0

    def close(self) -> None:
        self._file.close()


# -- Label Studio and JSON-LD: one JSON array, written item by item --------------------------------


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


EMPLOYMENT_TYPE = {"full_time": "FULL_TIME", "part_time": "PART_TIME", "contract": "CONTRACTOR",
                   "temporary": "TEMPORARY", "internship": "INTERN"}
CREDENTIAL = {"high_school": "high school", "associate": "associate degree",
              "bachelor": "bachelor degree", "master": "postgraduate degree",
              "doctorate": "postgraduate degree"}


def _lines(value: Any) -> str:
    return "\n".join(str(item) for item in value or [])


def jsonld_posting(record: PostingRecord) -> Row:
    """A schema.org JobPosting from the final fields; only properties that have a value.

    schema.org has no property for preferred qualifications: they follow the required
    ones in ``qualifications``, each line starting "Preferred: ".
    """
    f = record["fields"]
    out: Row = {"@context": "https://schema.org", "@type": "JobPosting"}
    simple = {"title": "title", "date_posted": "datePosted", "valid_through": "validThrough"}
    out.update({prop: f[name] for name, prop in simple.items() if f.get(name)})
    if f.get("company"):
        out["hiringOrganization"] = {"@type": "Organization", "name": f["company"]}
    if f.get("locations"):
        out["jobLocation"] = [{"@type": "Place", "address": {"@type": "PostalAddress",
                                                             "addressLocality": place}}
                              for place in f["locations"]]
    if f.get("remote") == "remote":
        out["jobLocationType"] = "TELECOMMUTE"
    if f.get("employment_type") in EMPLOYMENT_TYPE:
        out["employmentType"] = EMPLOYMENT_TYPE[f["employment_type"]]
    if f.get("requisition_id"):
        out["identifier"] = {"@type": "PropertyValue", "name": f.get("company") or "requisition",
                             "value": f["requisition_id"]}
    salary = f.get("salary") or {}
    amount = {prop: salary[key] for key, prop in (("min", "minValue"), ("max", "maxValue"))
              if salary.get(key) is not None}
    if amount:
        if salary.get("period"):
            amount["unitText"] = str(salary["period"]).upper()
        out["baseSalary"] = {"@type": "MonetaryAmount",
                             "value": {"@type": "QuantitativeValue", **amount}}
        if salary.get("currency"):
            out["baseSalary"]["currency"] = salary["currency"]
    if f.get("experience_years") is not None:
        out["experienceRequirements"] = {"@type": "OccupationalExperienceRequirements",
                                         "monthsOfExperience": f["experience_years"] * 12}
    if f.get("education") in CREDENTIAL:
        out["educationRequirements"] = {"@type": "EducationalOccupationalCredential",
                                        "credentialCategory": CREDENTIAL[f["education"]]}
    qualifications = [str(q) for q in f.get("required_qualifications") or []]
    qualifications += [f"Preferred: {q}" for q in f.get("preferred_qualifications") or []]
    texts = {"responsibilities": _lines(f.get("responsibilities")),
             "qualifications": "\n".join(qualifications),
             "skills": _lines(f.get("skills")), "jobBenefits": _lines(f.get("benefits"))}
    out.update({prop: text for prop, text in texts.items() if text})
    out["description"] = record["text"]
    return out


class JsonArrayWriter:
    """A JSON array written one item at a time (one item a line), never held whole."""

    def __init__(self, path: Path, item: Callable[[PostingRecord], Row]) -> None:
        self._file = path.open("w", encoding="utf-8")
        self._item = item
        self._first = True
        self._file.write("[")

    def write(self, record: PostingRecord) -> int:
        self._file.write(("\n" if self._first else ",\n") + dumps(self._item(record)))
        self._first = False
        return 0

    def close(self) -> None:
        self._file.write("\n]\n" if not self._first else "]\n")
        self._file.close()


# -- CSV ----------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " | ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return dumps(value)
    return str(value)


def csv_head() -> list[str]:
    """The columns before the label columns."""
    head = ["id", "source", "raw_hash", "status", "text"]
    for spec in FIELDS:
        head += [f"salary_{key}" for key in SALARY_KEYS] if spec.kind == "salary" else [spec.name]
        head.append(f"{spec.name}__provenance")
    return head


CSV_TAIL = ["spans", "comment", "imported_at", "updated_at", "metadata"]


def _csv_head_cells(record: PostingRecord) -> list[str]:
    cells = [str(record["id"]), record["source"], record["raw_hash"], record["status"],
             record["text"]]
    for spec in FIELDS:
        value = record["fields"].get(spec.name)
        if spec.kind == "salary":
            cells += [_cell((value or {}).get(key)) for key in SALARY_KEYS]
        else:
            cells.append(_cell(value))
        cells.append(record["provenance"].get(spec.name, "none"))
    return cells


class CsvWriter:
    """One flat row a posting, header first.

    The label columns (``labels__<question>``, sorted) are only known once every
    record has been seen, so rows go first to an anonymous temporary file beside
    the output (constant memory) and are copied under the header on ``close``.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._spool: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115 (closed by close())
            "w+", encoding="utf-8", newline="", dir=path.parent)
        self._rows = csv.writer(self._spool)
        self._questions: set[str] = set()

    def write(self, record: PostingRecord) -> int:
        self._questions.update(record["labels"])
        spans = [dict(s) for s in record["spans"]]
        self._rows.writerow([*_csv_head_cells(record), dumps(record["labels"]), dumps(spans),
                             record["comment"], record["imported_at"], record["updated_at"],
                             dumps(record["metadata"])])
        return 0

    def close(self) -> None:
        questions = sorted(self._questions)
        n_head = len(csv_head())
        self._spool.seek(0)
        with self._path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([*csv_head(), *(f"labels__{q}" for q in questions), *CSV_TAIL])
            for row in csv.reader(self._spool):
                labels = json.loads(row[n_head])
                writer.writerow([*row[:n_head], *(_cell(labels.get(q)) for q in questions),
                                 *row[n_head + 1:]])
        self._spool.close()


# -- spaCy ----------------------------------------------------------------------------------------


class SpacyWriter:
    """A spaCy ``DocBin``: all spans in ``doc.spans["sc"]``, a non-overlapping subset as
    ``doc.ents``, chosen document-label options as ``doc.cats`` (1.0; keyed by option).

    A span is widened to the tokens it touches; one that holds no token (empty, or
    whitespace only) is skipped and counted.

    ``DocBin`` keeps every doc of the part in memory until it is written: spaCy's
    format is one file a corpus, so this writer cannot stream.
    """

    def __init__(self, path: Path) -> None:
        spacy = optional_module("spacy", "pip install -e '.[spacy]'")
        self._filter_spans = optional_module("spacy.util", "pip install spacy").filter_spans
        self._nlp = spacy.blank("en")
        self._bin = optional_module("spacy.tokens", "pip install spacy").DocBin()
        self._path = path

    def write(self, record: PostingRecord) -> int:
        doc = self._nlp.make_doc(record["text"])
        spans = [doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand")
                 for s in record["spans"] if s["start"] < s["end"]]
        aligned = [span for span in spans if span is not None and len(span)]  # not whitespace
        doc.spans["sc"] = aligned
        doc.ents = self._filter_spans(aligned)
        doc.cats = {option: 1.0 for option in chosen_options(record)}
        self._bin.add(doc)
        return len(record["spans"]) - len(aligned)

    def close(self) -> None:
        self._bin.to_disk(self._path)


def iter_lines(stream: IO[str], size: int) -> Iterator[list[Row]]:
    """Batches of ``size`` JSON objects read back from a JSON-lines stream."""
    batch: list[Row] = []
    for line in stream:
        batch.append(json.loads(line))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
