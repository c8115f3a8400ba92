"""The Hugging Face dataset folder: column types, Parquet conversion and the dataset card."""


from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeAlias

from reviewer.core.export import rows, writers
from reviewer.core.schema import FIELD_NAMES, FIELDS, PERIODS, FieldSpec

TypeSpec: TypeAlias = "str | list[TypeSpec] | dict[str, TypeSpec]"
_SALARY: TypeSpec = {key: ("float64" if key in ("min", "max") else "string")
                     for key in rows.SALARY_KEYS}
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
        lines.append(f"{' ' * indent}- name: {rows.dumps(name)}")
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


def finish_hf(out: Path, parts: Mapping[str, writers.HfWriter], questions: set[str],
               parquet: bool) -> list[Path]:
    """Convert to Parquet if asked, drop empty parts (``datasets`` refuses them), write the card."""
    columns = hf_features(questions)
    if parquet and not questions:
        del columns["labels"]  # Parquet cannot store a struct without fields
    kept = {part: w for part, w in parts.items() if w.rows}
    if parquet:
        pa = writers.optional_module("pyarrow", "pip install pyarrow")
        schema = pa.schema([(name, _arrow_type(pa, spec)) for name, spec in columns.items()])
    for writer in parts.values():
        if parquet and writer.rows:
            writer.to_parquet(schema)
        elif not parquet and not writer.rows:
            writer.path.unlink()
    paths = {part: w.path.relative_to(out).as_posix() for part, w in kept.items()}
    card = out / "README.md"
    card.write_text(dataset_card({p: w.rows for p, w in kept.items()}, paths, columns),
                    encoding="utf-8")
    return [w.path for w in kept.values()] + [card]


