"""The Hugging Face dataset folder: column types, Parquet conversion and the dataset card.

``ner_tags`` is a ``ClassLabel`` (``ClassNames``): ``O``, then ``B-`` and ``I-`` of every
span label of the label schema, in its order, then of any other the export uses, sorted,
the same in every part. It is declared in the card's
``dataset_info`` and, in Parquet files, in the schema's ``huggingface`` metadata (written
with ``datasets`` when it is installed).
"""


from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

from reviewer.core.export import rows, writers
from reviewer.core.export.tokens_bio import tag_names
from reviewer.core.schema import FIELD_NAMES, FIELDS, PERIODS, FieldSpec


@dataclass(frozen=True)
class ClassNames:
    """A ``ClassLabel`` column: integer ids standing for ``names``."""

    names: tuple[str, ...]


TypeSpec: TypeAlias = "str | ClassNames | list[TypeSpec] | dict[str, TypeSpec]"
_SALARY: TypeSpec = {key: ("float64" if key in ("min", "max") else "string")
                     for key in rows.SALARY_KEYS}
# a date is a day (date32): its JSON text is read by ``datasets`` (pyarrow) as a time of
# the day, which as "string" came back as "2024-05-01 00:00:00"
_KIND_TYPES: dict[str, TypeSpec] = {"text": "string", "enum": "string", "date": "date32",
                                    "number": "float64", "list": ["string"], "salary": _SALARY}


def hf_features(questions: Iterable[str], tags: Sequence[str] = ("O",),
                reviewers: bool = False) -> dict[str, TypeSpec]:
    """The columns of the Hugging Face dataset and their types (``datasets`` dtypes);
    ``tags``: the names of the ``ner_tags`` classes; ``reviewers``: with the column of
    every reviewer's own values."""
    columns: dict[str, TypeSpec] = {"id": "int64", "text": "string", "status": "string",
                                    "reviewer": "string"}
    columns.update({spec.name: _KIND_TYPES[spec.kind] for spec in FIELDS})
    columns["provenance"] = {name: "string" for name in FIELD_NAMES}
    columns["spans"] = [{"start": "int64", "end": "int64", "label": "string", "text": "string",
                         "origin": "string"}]
    columns["tokens"] = ["string"]
    columns["ner_tags"] = [ClassNames(tuple(tags))]
    columns["labels"] = {question: ["string"] for question in sorted(questions)}
    columns["comment"] = "string"
    columns["undecided"] = ["string"]
    columns["adjudicated_by"] = [{"decided": "string", "by": "string"}]
    if reviewers:
        own: dict[str, TypeSpec] = {
            "reviewer": "string", "status": "string", "comment": "string",
            "fields": {spec.name: {"state": "string", "value": _KIND_TYPES[spec.kind]}
                       for spec in FIELDS},
            "labels": columns["labels"],
            "spans": [{"start": "int64", "end": "int64", "label": "string", "text": "string"}]}
        columns["reviewers"] = [own]
    return columns


def _arrow_type(pa: Any, spec: TypeSpec) -> Any:
    if isinstance(spec, ClassNames):
        return pa.int64()
    if isinstance(spec, str):
        return {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(),
                "date32": pa.date32()}[spec]
    if isinstance(spec, list):
        return pa.list_(_arrow_type(pa, spec[0]))
    return pa.struct([(name, _arrow_type(pa, sub)) for name, sub in spec.items()])


def _yaml_columns(columns: dict[str, TypeSpec], indent: int) -> list[str]:
    """``datasets`` features in its README YAML form (names quoted as JSON strings)."""
    lines = []
    for name, spec in columns.items():
        lines.append(f"{' ' * indent}- name: {rows.dumps(name)}")
        lines += _yaml_type(spec, indent + 2)
    return lines


def _yaml_type(spec: TypeSpec, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(spec, str):
        return [f"{pad}dtype: {spec}"]
    if isinstance(spec, ClassNames):
        return [f"{pad}class_label:", f"{pad}  names:",
                *(f"{pad}    '{i}': {rows.dumps(name)}" for i, name in enumerate(spec.names))]
    if isinstance(spec, list):
        inner = spec[0]
        if isinstance(inner, str):
            return [f"{pad}list: {inner}"]
        if isinstance(inner, dict):
            return [f"{pad}list:", *_yaml_columns(inner, indent)]
        if isinstance(inner, ClassNames):
            return [f"{pad}list:", *_yaml_type(inner, indent + 2)]
        raise ValueError("lists of lists are not used in the dataset's columns")
    return [f"{pad}struct:", *_yaml_columns(spec, indent)] if spec else [f"{pad}struct: []"]


_COLUMN_NOTES = {
    "id": "the posting's id in the project", "text": "the cleaned posting (Markdown)",
    "status": "review status: new, reviewed, skipped or flagged",
    "reviewer": "who set the status (null: nobody yet; unknown: before names were kept)",
    "reviewers": "every reviewer's own values (`--all-reviewers`): their name, status, "
                 "comment, each field's state and value, labels and spans",
    "provenance": "per field: accepted, corrected, rejected, adjudicated (a person's), "
                  "machine (the machine's value, no person checked it) or none",
    "spans": "labelled spans, character offsets into `text`, with their `text` and `origin` "
             "(human, or machine: a suggestion a person accepted)",
    "tokens": "the tokens of `text` (no model: words, numbers and single symbols, cut at "
              "every span's ends; whitespace left out)",
    "ner_tags": "the BIO tag of each token (a `ClassLabel`) from `spans`; of overlapping "
                "spans the longest is tagged, the earlier on a tie; -1 (`datasets`' \"no "
                "label\") where a token's tag is unknown: the words of a span still "
                "suggested, that no one accepted or rejected (read tags with `int2str`, "
                "which refuses -1, not `names[i]`; mask them, as -100, to train); null where "
                "the span labels are undecided, or the posting is not reviewed (its words no "
                "one labelled are unknown)",
    "labels": "document labels: the options chosen per question",
    "comment": "the reviewers' comment on the posting (empty: none)",
    "undecided": "what the reviewers still differ on (spans, status, comment, field:NAME, "
                 "label:QUESTION): the posting's value of it is no person's; where `spans` "
                 "is, `spans` and `ner_tags` are null (unknown, not: no entity)",
    "adjudicated_by": "the rulings made after the reviewers' files were merged (where they "
                      "differed, or over what they gave), in the order made: what each "
                      "`decided` (named as in `undecided`) and `by` whom; empty where no "
                      "ruling decided anything",
}


_SIZES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
          (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"), (math.inf, "n>10M"))


def _field_note(spec: FieldSpec) -> str:
    if spec.kind == "enum":
        return f"{spec.label}: one of {', '.join(spec.choices)}"
    if spec.kind == "salary":
        return f"{spec.label}: min, max, currency (ISO 4217), period ({', '.join(PERIODS)})"
    extra = {"date": " (a day: YYYY-MM-DD in the JSON lines)",
             "list": ", one item each"}.get(spec.kind, "")
    return f"{spec.label}{extra}; null when no value"


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*\Z")


def _scalar(text: str) -> str:
    """A YAML scalar: as it is when plain (``mit``, ``en``), else quoted."""
    return text if _PLAIN.match(text) and text.lower() not in _YAML_WORDS else rows.dumps(text)


_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def card_metadata(license: str | None, language: str | Sequence[str] | None) -> list[str]:
    """The card's ``license`` and ``language`` YAML lines, for those given."""
    lines = [] if license is None else [f"license: {_scalar(license)}"]
    if language is not None:
        languages = [language] if isinstance(language, str) else list(language)
        lines += ["language:", *(f"- {_scalar(code)}" for code in languages)]
    return lines


def _machine_note(rows: int, total: int) -> list[str]:
    """What the card says of ``rows`` (of ``total``) that hold a value no person checked."""
    return [f"{rows} of {total} rows hold values no person checked (postings not reviewed, "
            "exported with `--all`, or marked reviewed without their fields being looked "
            "at): there a field's column holds the machine's value, and its `provenance` says "
            "`machine`. For people's values only, keep a field where its `provenance` is "
            "`accepted`, `corrected` or `adjudicated` (or `rejected`: no value), and the rows "
            "whose `status` is `reviewed`:", "",
            "```python", 'ds = ds.filter(lambda row: row["status"] == "reviewed")',
            'ds = ds.map(lambda row: {"title": row["title"] if row["provenance"]["title"] '
            '!= "machine" else None})', "```",
            ""]


def dataset_card(counts: Mapping[str, int], paths: Mapping[str, str],
                 columns: dict[str, TypeSpec], *, metadata: Sequence[str] = (),
                 overlapping: int = 0, machine: int = 0) -> str:
    """README.md: the YAML ``datasets`` reads (configs, features), then splits and columns.
    ``metadata``: more YAML lines (``card_metadata``); ``overlapping``: how many spans
    ``ner_tags`` leaves out; ``machine``: how many rows hold a value no person checked
    (a field's provenance ``machine``), of which the card then warns."""
    total = sum(counts.values())
    size = next(name for limit, name in _SIZES if total < limit)
    yaml = ["---", "pretty_name: Job postings", *metadata, "task_categories:",
            "- token-classification", "- text-classification", "tags:", "- job-postings",
            "size_categories:", f"- {size}", "configs:",
            "- config_name: default", "  data_files:"]
    for part, path in paths.items():
        yaml += [f"  - split: {part}", f"    path: {path}"]
    yaml += ["dataset_info:", "  features:", *_yaml_columns(columns, 2)]
    notes = {**{spec.name: _field_note(spec) + (
        "; the machine's where its `provenance` is `machine`" if machine else "")
        for spec in FIELDS}, **_COLUMN_NOTES}
    checked = ("checked by people where their `provenance` says so" if machine
               else "checked by people")
    many = overlapping != 1
    left = (f"{overlapping} span{'s' if many else ''} overlap{'' if many else 's'} a longer (or "
            f"earlier) one: {'they are' if many else 'it is'} in `spans` but not in `ner_tags`.")
    body = ["---", "", "# Job postings", "",
            f"Job postings cleaned to Markdown, with their fields extracted and {checked}, "
            "exported by Posting Reviewer.", "",
            "```python", "import datasets", 'ds = datasets.load_dataset("path/to/this/folder")',
            "```", "", *(_machine_note(machine, total) if machine else []),
            "## Splits", "", "| split | postings |", "|---|---|",
            *(f"| {part} | {counts[part]} |" for part in paths), "", "## Columns", "",
            "| column | meaning |", "|---|---|",
            *(f"| `{name}` | {notes.get(name, '')} |" for name in columns), "",
            *([left, ""] if overlapping else [])]
    return "\n".join(yaml + body)


def _parquet_schema(columns: dict[str, TypeSpec]) -> Any:
    """The Parquet schema of ``columns``: with ``datasets`` installed, its own (the features,
    ``ClassLabel`` included, in the schema's metadata); else plain pyarrow types."""
    pa = writers.optional_module("pyarrow", "pip install pyarrow")
    try:
        datasets = writers.optional_module("datasets", "pip install datasets")
    except ImportError:
        return pa.schema([(name, _arrow_type(pa, spec)) for name, spec in columns.items()])

    def feature(spec: TypeSpec) -> Any:
        if isinstance(spec, ClassNames):
            return datasets.ClassLabel(names=list(spec.names))
        if isinstance(spec, str):
            return datasets.Value(spec)
        if isinstance(spec, list):
            return [feature(spec[0])]
        return {name: feature(sub) for name, sub in spec.items()}

    return datasets.Features({name: feature(spec) for name, spec in columns.items()}).arrow_schema


def _named_by_content(path: Path) -> Path:
    """``path`` renamed ``<part>-<digest>.<ext>`` by what it holds: ``datasets`` caches a
    folder's data by its files' names, so a folder exported again under the same name
    loaded the rows of the first export (the card names each file)."""
    with path.open("rb") as data:
        digest = hashlib.file_digest(data, "sha256")
    named = path.with_name(f"{path.stem}-{digest.hexdigest()[:12]}{path.suffix}")
    path.replace(named)
    return named


def finish_hf(out: Path, parts: Mapping[str, writers.HfWriter], questions: set[str],
              parquet: bool, license: str | None = None,
              language: str | Sequence[str] | None = None,
              span_labels: Sequence[str] = ()) -> list[Path]:
    """Write each part (JSON lines or Parquet, ``ner_tags`` as class ids: ``tag_names``
    of the schema's ``span_labels``), drop empty parts (``datasets`` refuses them), write
    the card."""
    names = tag_names((label for w in parts.values() for label in w.labels), span_labels)
    columns = hf_features(questions, names, any(w.reviewers for w in parts.values()))
    if parquet and not questions:
        del columns["labels"]  # Parquet cannot store a struct without fields
        if isinstance(own := columns.get("reviewers"), list) and isinstance(own[0], dict):
            del own[0]["labels"]
    kept = {part: w for part, w in parts.items() if w.rows}
    schema = _parquet_schema(columns) if parquet else None
    ids = {name: i for i, name in enumerate(names)}
    for writer in parts.values():
        if writer.rows:
            writer.finish(ids, schema)
            writer.path = _named_by_content(writer.path)
        else:
            writer.discard()
    paths = {part: w.path.relative_to(out).as_posix() for part, w in kept.items()}
    card = out / "README.md"
    overlapping = sum(w.overlapping for w in parts.values())
    card.write_text(dataset_card({p: w.rows for p, w in kept.items()}, paths, columns,
                                 metadata=card_metadata(license, language),
                                 overlapping=overlapping,
                                 machine=sum(w.machine_rows for w in parts.values())),
                    encoding="utf-8")
    return [w.path for w in kept.values()] + [card]
