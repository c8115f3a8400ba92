"""Export canonical posting records as a labelled dataset, whole or split into parts.

The only input is a stream of ``PostingRecord`` (``reviewer.core.records``); which
postings to export (by default the reviewed ones) is the caller's choice. Records
are written one at a time, so an export of a million postings runs in constant
memory, except where a format says otherwise: spaCy's ``DocBin`` holds its part,
and a stratified split holds one small ``(id, hash, stratum)`` tuple a record.

Splits are deterministic. A record's place in [0, 1) is the SHA-256 of its
``raw_hash`` (its id when that is empty), so it lands in the same part on every
export, whatever else is exported with it. A stratified split balances each
stratum (the first option chosen for a document-label question) instead, which
depends on the other records of the stratum: see ``plan_split``.

Every span written satisfies ``text[start:end] == span text``: spans that do not
are dropped and counted (``ExportSummary.dropped_spans``), never written wrong.
"""

from __future__ import annotations

import copy
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from reviewer.core import export_formats as fmts
from reviewer.core.records import PostingRecord, bad_spans
from reviewer.core.schema import FIELD_NAMES, FIELDS, PERIODS, FieldSpec

FORMATS = ("jsonl", "csv", "hf", "prodigy", "labelstudio", "spacy", "jsonld")
EXTENSIONS = {"jsonl": "jsonl", "csv": "csv", "hf": "jsonl", "prodigy": "jsonl",
              "labelstudio": "json", "spacy": "spacy", "jsonld": "jsonld"}
Records: TypeAlias = "Iterable[PostingRecord] | Callable[[], Iterable[PostingRecord]]"
NO_LABEL = "<none>"
_PART_NAME = re.compile(r"\w+\Z", re.ASCII)


@dataclass
class ExportSummary:
    """What an export wrote: postings per part, the files, and the spans left out."""

    fmt: str
    counts: dict[str, int]
    files: list[Path] = field(default_factory=list)
    dropped_spans: int = 0  # offsets that did not hold their text (or lay outside it)
    unaligned_spans: int = 0  # spaCy only: spans no token boundary could hold

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def describe(self) -> str:
        """One line for a person: what went where, and what was left out."""
        parts = ", ".join(f"{name} {n:,}" for name, n in self.counts.items())
        text = f"{self.total:,} postings as {self.fmt} ({parts}) to {len(self.files)} file(s)"
        left = [f"{n:,} {what}" for n, what in ((self.dropped_spans, "bad spans dropped"),
                (self.unaligned_spans, "spans off token boundaries skipped")) if n]
        return text + (": " + ", ".join(left) if left else "")


# -- splits -------------------------------------------------------------------------------------


def check_split(split: Mapping[str, float]) -> None:
    """Raise ValueError unless ``split`` names its parts simply and its fractions sum to 1."""
    if not split:
        raise ValueError("a split needs at least one part, e.g. train=0.8,test=0.2")
    for name, fraction in split.items():
        if not name:
            raise ValueError("a split part has an empty name (write NAME=FRACTION)")
        if not _PART_NAME.match(name):
            raise ValueError(f"split part name {name!r} may hold only letters, digits and _")
        if not (math.isfinite(fraction) and fraction > 0):
            raise ValueError(f"split part {name!r} has fraction {fraction}: it must be positive")
    total = math.fsum(split.values())
    if abs(total - 1) > 1e-6:
        raise ValueError(f"split fractions sum to {total:g}, not 1")


def parse_split(text: str) -> dict[str, float]:
    """``"train=0.8,dev=0.1,test=0.1"`` as ``{"train": 0.8, "dev": 0.1, "test": 0.1}``."""
    if not text.strip():
        raise ValueError("the split is empty: write e.g. train=0.8,dev=0.1,test=0.1")
    split: dict[str, float] = {}
    for item in text.split(","):
        name, sep, value = (part.strip() for part in item.partition("="))
        if not sep:
            raise ValueError(f"split part {item.strip()!r} is not NAME=FRACTION (e.g. train=0.8)")
        if name in split:
            raise ValueError(f"split part {name!r} is named twice")
        try:
            split[name] = float(value)
        except ValueError:
            raise ValueError(f"split part {name!r}: {value!r} is not a number") from None
    check_split(split)
    return split


def split_point(record: PostingRecord) -> float:
    """The record's place in [0, 1): the SHA-256 of its raw hash (or id)."""
    digest = hashlib.sha256(fmts.record_key(record).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_split(record: PostingRecord, split: Mapping[str, float]) -> str:
    """The part whose cumulative range holds the record's ``split_point``.

    Stable: a record's part depends on nothing but its hash and the split. (A
    stratified split cannot be decided one record at a time; see ``plan_split``.)
    """
    point, cumulative, name = split_point(record), 0.0, ""
    for name, fraction in split.items():
        cumulative += fraction
        if point < cumulative:
            return name
    return name  # a point past a sum a rounding error short of 1


def stratum(record: PostingRecord, question: str) -> str:
    """The record's stratum: its first option for ``question``, or ``"<none>"``."""
    options = record["labels"].get(question) or []
    return options[0] if options else NO_LABEL


def _most_behind(split: Mapping[str, float], counts: Mapping[str, int], seen: int) -> str:
    """The part furthest below its share once ``seen`` records are placed (first on ties)."""
    return max(split, key=lambda name: seen * split[name] - counts[name])


def plan_split(records: Iterable[PostingRecord], split: Mapping[str, float],
               question: str) -> dict[int, str]:
    """The part of each record id, balanced within each stratum of ``question``.

    Within a stratum, records are taken in hash order and each goes to the part
    furthest below its share so far, so every part's count stays within one record
    of its target. Deterministic for a given set of records, but adding records can
    move others. Holds one ``(hash, key, id)`` tuple a record, never the records.
    """
    check_split(split)
    strata: dict[str, list[tuple[float, str, int]]] = defaultdict(list)
    for record in records:
        strata[stratum(record, question)].append(
            (split_point(record), fmts.record_key(record), record["id"]))
    plan: dict[int, str] = {}
    for members in strata.values():
        members.sort()
        counts = dict.fromkeys(split, 0)
        for seen, (_, _, record_id) in enumerate(members, 1):
            part = _most_behind(split, counts, seen)
            counts[part] += 1
            plan[record_id] = part
    return plan


# -- spans --------------------------------------------------------------------------------------


def _in_text(span: list[int], size: int) -> bool:
    return len(span) == 2 and 0 <= span[0] <= span[1] <= size


def drop_bad_spans(record: PostingRecord) -> tuple[PostingRecord, int]:
    """The record without the spans whose offsets do not hold their text, and how many.

    Checks labelled spans (``records.bad_spans``), field evidence and machine
    evidence; the record passed in is never changed.
    """
    text, size = record["text"], len(record["text"])
    try:  # the common case, checked without a call per span
        machine_ok = all(0 <= a <= b <= size for m in record["machine"].values()
                         for a, b in m.get("spans", []))
    except (TypeError, ValueError):  # a span that is not a pair of numbers
        machine_ok = False
    if machine_ok and not bad_spans(record):
        return record, 0
    clean = copy.copy(record)
    clean["spans"] = [s for s in record["spans"] if 0 <= s["start"] <= s["end"] <= size
                      and text[s["start"]:s["end"]] == s["text"]]
    clean["field_spans"] = {name: [s for s in spans if _in_text(s, size)]
                            for name, spans in record["field_spans"].items()}
    clean["machine"] = {}
    for name, suggestion in record["machine"].items():
        clean["machine"][name] = copy.copy(suggestion)
        clean["machine"][name]["spans"] = [s for s in suggestion.get("spans", [])
                                           if _in_text(s, size)]

    def count(rec: PostingRecord) -> int:
        return (len(rec["spans"]) + sum(map(len, rec["field_spans"].values()))
                + sum(len(m.get("spans", [])) for m in rec["machine"].values()))

    return clean, count(record) - count(clean)


# -- Hugging Face -------------------------------------------------------------------------------

TypeSpec: TypeAlias = "str | list[TypeSpec] | dict[str, TypeSpec]"
_SALARY: TypeSpec = {key: ("float64" if key in ("min", "max") else "string")
                     for key in fmts.SALARY_KEYS}
_KIND_TYPES: dict[str, TypeSpec] = {"text": "string", "enum": "string", "date": "string",
                                    "number": "float64", "list": ["string"], "salary": _SALARY}


def hf_features(questions: Iterable[str]) -> dict[str, TypeSpec]:
    """The columns of the Hugging Face dataset and their types (``datasets`` dtypes)."""
    columns: dict[str, TypeSpec] = {"id": "int64", "text": "string", "status": "string"}
    columns.update({spec.name: _KIND_TYPES[spec.kind] for spec in FIELDS})
    columns["provenance"] = {name: "string" for name in FIELD_NAMES}
    columns["spans"] = [{"start": "int64", "end": "int64", "label": "string"}]
    columns["labels"] = {question: ["string"] for question in sorted(questions)}
    return columns


def _arrow_type(pa: Any, spec: TypeSpec) -> Any:
    if isinstance(spec, str):
        return {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}[spec]
    if isinstance(spec, list):
        return pa.list_(_arrow_type(pa, spec[0]))
    return pa.struct([(name, _arrow_type(pa, sub)) for name, sub in spec.items()])


def _yaml_columns(columns: dict[str, TypeSpec], indent: int) -> list[str]:
    """``datasets`` features in its README YAML form (names quoted as JSON strings)."""
    lines = []
    for name, spec in columns.items():
        lines.append(f"{' ' * indent}- name: {fmts.dumps(name)}")
        lines += _yaml_type(spec, indent + 2)
    return lines


def _yaml_type(spec: TypeSpec, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(spec, str):
        return [f"{pad}dtype: {spec}"]
    if isinstance(spec, list):
        inner = spec[0]
        if isinstance(inner, str):
            return [f"{pad}list: {inner}"]
        if isinstance(inner, dict):
            return [f"{pad}list:", *_yaml_columns(inner, indent)]
        raise ValueError("lists of lists are not used in the dataset's columns")
    return [f"{pad}struct:", *_yaml_columns(spec, indent)] if spec else [f"{pad}struct: []"]


_COLUMN_NOTES = {
    "id": "the posting's id in the project", "text": "the cleaned posting (Markdown)",
    "status": "review status: new, reviewed, skipped or flagged",
    "provenance": "per field: accepted, corrected, rejected, machine or none",
    "spans": "labelled spans, character offsets into `text`",
    "labels": "document labels: the options chosen per question",
}


_SIZES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
          (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"), (math.inf, "n>10M"))


def _field_note(spec: FieldSpec) -> str:
    if spec.kind == "enum":
        return f"{spec.label}: one of {', '.join(spec.choices)}"
    if spec.kind == "salary":
        return f"{spec.label}: min, max, currency (ISO 4217), period ({', '.join(PERIODS)})"
    extra = {"date": " (YYYY-MM-DD)", "list": ", one item each"}.get(spec.kind, "")
    return f"{spec.label}{extra}; null when no value"


def dataset_card(counts: Mapping[str, int], paths: Mapping[str, str],
                 columns: dict[str, TypeSpec]) -> str:
    """README.md: the YAML ``datasets`` reads (configs, features), then splits and columns."""
    total = sum(counts.values())
    size = next(name for limit, name in _SIZES if total < limit)
    yaml = ["---", "pretty_name: Job postings", "task_categories:", "- token-classification",
            "- text-classification", "tags:", "- job-postings", "size_categories:", f"- {size}",
            "configs:",
            "- config_name: default", "  data_files:"]
    for part, path in paths.items():
        yaml += [f"  - split: {part}", f"    path: {path}"]
    yaml += ["dataset_info:", "  features:", *_yaml_columns(columns, 2)]
    notes = {**{spec.name: _field_note(spec) for spec in FIELDS}, **_COLUMN_NOTES}
    body = ["---", "", "# Job postings", "",
            "Job postings cleaned to Markdown, with their fields extracted and checked by people, "
            "exported by Posting Reviewer.", "",
            "```python", "import datasets", 'ds = datasets.load_dataset("path/to/this/folder")',
            "```", "", "## Splits", "", "| split | postings |", "|---|---|",
            *(f"| {part} | {counts[part]} |" for part in paths), "", "## Columns", "",
            "| column | meaning |", "|---|---|",
            *(f"| `{name}` | {notes.get(name, '')} |" for name in columns), ""]
    return "\n".join(yaml + body)


def _finish_hf(out: Path, writers: Mapping[str, fmts.HfWriter], questions: set[str],
               parquet: bool) -> list[Path]:
    """Convert to Parquet if asked, drop empty parts (``datasets`` refuses them), write the card."""
    columns = hf_features(questions)
    if parquet and not questions:
        del columns["labels"]  # Parquet cannot store a struct without fields
    kept = {part: w for part, w in writers.items() if w.rows}
    if parquet:
        pa = fmts.optional_module("pyarrow", "pip install pyarrow")
        schema = pa.schema([(name, _arrow_type(pa, spec)) for name, spec in columns.items()])
    for writer in writers.values():
        if parquet and writer.rows:
            writer.to_parquet(schema)
        elif not parquet and not writer.rows:
            writer.path.unlink()
    paths = {part: w.path.relative_to(out).as_posix() for part, w in kept.items()}
    card = out / "README.md"
    card.write_text(dataset_card({p: w.rows for p, w in kept.items()}, paths, columns),
                    encoding="utf-8")
    return [w.path for w in kept.values()] + [card]


# -- export -------------------------------------------------------------------------------------


def _check_args(records: Records, fmt: str, split: Mapping[str, float] | None,
                stratify: str | None, parquet: bool) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if parquet and fmt != "hf":
        raise ValueError("parquet=True applies to the hf format only")
    if split is not None:
        check_split(split)
    if stratify is not None:
        if split is None:
            raise ValueError("stratify needs a split (e.g. train=0.8,test=0.2)")
        if not callable(records):
            raise ValueError("a stratified export reads the records twice: pass a function "
                             "that returns a fresh iterable of them, not the iterable itself")


def _open(fmt: str, path: Path, questions: set[str], parquet: bool) -> fmts.PartWriter:
    if fmt == "hf":
        return fmts.HfWriter(path.with_suffix(".parquet") if parquet else path, questions, parquet)
    if fmt == "csv":
        return fmts.CsvWriter(path)
    if fmt == "spacy":
        return fmts.SpacyWriter(path)
    if fmt in ("labelstudio", "jsonld"):
        item = fmts.labelstudio_task if fmt == "labelstudio" else fmts.jsonld_posting
        return fmts.JsonArrayWriter(path, item)
    return fmts.JsonLinesWriter(path, fmts.prodigy_task if fmt == "prodigy" else fmts.canonical_row)


def export(records: Records, fmt: str, out: Path, *, split: dict[str, float] | None = None,
           stratify: str | None = None, parquet: bool = False) -> ExportSummary:
    """Write ``records`` in ``fmt`` to ``out``, whole or split into parts.

    ``out`` is the file written, unless there is a split (then each part goes to
    ``out/<part>.<ext>``) or the format is ``hf``, which always writes a folder
    (``out/data/<part>.jsonl`` or ``.parquet``, one part ``train`` without a split,
    and ``out/README.md``). ``records`` is an iterable, or a function returning a
    fresh one: a stratified split (``stratify`` = a document-label question) needs
    the function, to read the records once to plan the split and once to write.
    """
    _check_args(records, fmt, split, stratify, parquet)
    if parquet:
        fmts.optional_module("pyarrow.parquet", "pip install pyarrow")  # fail before writing
    if fmt == "spacy":
        fmts.optional_module("spacy", "pip install -e '.[spacy]'")
    plan: dict[int, str] | None = None
    if callable(records):
        if split is not None and stratify is not None:
            plan = plan_split(records(), split, stratify)
        records = records()
    parts = list(split) if split else ["train" if fmt == "hf" else "all"]
    folder = fmt == "hf" or split is not None
    base = out / "data" if fmt == "hf" else out
    if folder:
        base.mkdir(parents=True, exist_ok=True)
    questions: set[str] = set()
    writers = {part: _open(fmt, base / f"{part}.{EXTENSIONS[fmt]}" if folder else out,
                           questions, parquet) for part in parts}
    summary = ExportSummary(fmt, dict.fromkeys(parts, 0))
    try:
        for record in records:
            if plan is not None:
                if record["id"] not in plan:
                    raise ValueError(f"posting {record['id']} was not there when the split was "
                                     "planned: the records changed between the two readings")
                part = plan[record["id"]]
            else:
                part = assign_split(record, split) if split else parts[0]
            clean, dropped = drop_bad_spans(record)
            summary.dropped_spans += dropped
            summary.unaligned_spans += writers[part].write(clean)
            summary.counts[part] += 1
    finally:
        for writer in writers.values():
            writer.close()
    if fmt == "hf":
        hf = {part: w for part, w in writers.items() if isinstance(w, fmts.HfWriter)}
        summary.files = _finish_hf(out, hf, questions, parquet)
    else:
        summary.files = [base / f"{part}.{EXTENSIONS[fmt]}" for part in parts] if folder else [out]
    return summary
