"""One writer a dataset format, each fed canonical posting records one at a time.

``run.export`` picks the part (split) of each record and hands it to the part's
writer; a writer turns the record into its format's row (``rows``) and writes it at once,
so no format but spaCy's holds the dataset in memory. Every record reaching a
writer has already had its bad spans dropped (``text[start:end] == span text``).

Writers share one small protocol: ``write(record)`` returns how many of the
record's spans it could not write (only spaCy ever skips any), ``close()``
finishes the file.
"""

from __future__ import annotations

import csv
import importlib
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import IO, Any, Protocol

from reviewer.core.export.rows import SALARY_KEYS, Row, chosen_options, dumps, hf_row
from reviewer.core.records import PostingRecord
from reviewer.core.schema import FIELDS


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










# -- canonical and Prodigy JSONL, and the Hugging Face row -------------------------------------










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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(text: str) -> str:
    """``text`` with a leading ``'`` if a spreadsheet would run it as a formula.

    OWASP's advice against CSV injection: a cell starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return is read as a formula by spreadsheets.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any, raw: bool = False) -> str:
    """One CSV cell: a list joined with `` | ``, a dict as JSON, ``None`` empty.

    Unless ``raw``, text a spreadsheet would run as a formula gets a leading ``'``
    (``neutral``); only the start of the whole cell matters. Numbers from the
    record (ints and floats, negative ones too) are data and written as they are.
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        text = " | ".join(_cell(item, raw=True) for item in value)
    elif isinstance(value, dict):
        text = dumps(value)
    else:
        text = str(value)
    return text if raw else neutral(text)


def csv_head() -> list[str]:
    """The columns before the label columns."""
    head = ["id", "source", "raw_hash", "status", "text"]
    for spec in FIELDS:
        head += [f"salary_{key}" for key in SALARY_KEYS] if spec.kind == "salary" else [spec.name]
        head.append(f"{spec.name}__provenance")
    return head


CSV_TAIL = ["spans", "comment", "imported_at", "updated_at", "metadata"]


def _csv_head_cells(record: PostingRecord, raw: bool) -> list[str]:
    cells = [_cell(record[key], raw) for key in ("id", "source", "raw_hash", "status", "text")]
    for spec in FIELDS:
        value = record["fields"].get(spec.name)
        if spec.kind == "salary":
            cells += [_cell((value or {}).get(key), raw) for key in SALARY_KEYS]
        else:
            cells.append(_cell(value, raw))
        cells.append(_cell(record["provenance"].get(spec.name, "none"), raw))
    return cells


class CsvWriter:
    """One flat row a posting, header first.

    The label columns (``labels__<question>``, sorted) are only known once every
    record has been seen, so rows go first to an anonymous temporary file beside
    the output (constant memory) and are copied under the header on ``close``.

    Cells a spreadsheet would run as formulas get a leading ``'`` (``neutral``),
    unless ``raw_cells``: then every cell is the exact text.
    """

    def __init__(self, path: Path, raw_cells: bool = False) -> None:
        self._path = path
        self._raw = raw_cells
        self._spool: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115 (closed by close())
            "w+", encoding="utf-8", newline="", dir=path.parent)
        self._rows = csv.writer(self._spool)
        self._questions: set[str] = set()

    def write(self, record: PostingRecord) -> int:
        self._questions.update(record["labels"])
        spans = [dict(s) for s in record["spans"]]
        raw = self._raw
        self._rows.writerow([*_csv_head_cells(record, raw), dumps(record["labels"]),
                             *(_cell(value, raw) for value in (
                                 dumps(spans), record["comment"], record["imported_at"],
                                 record["updated_at"], dumps(record["metadata"])))])
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
                writer.writerow([*row[:n_head],
                                 *(_cell(labels.get(q), self._raw) for q in questions),
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
