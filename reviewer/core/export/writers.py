"""One writer a dataset format, each fed canonical posting records one at a time.

``run.export`` picks the part (split) of each record and hands it to the part's
writer; a writer turns the record into its format's row (``rows``) and writes it at once (spaCy's
a part of a corpus at a time), so no format holds the dataset in memory. Every record reaching a
writer has already had its bad spans dropped (``text[start:end] == span text``).

Writers share one small protocol: ``write(record)`` returns how many of the
record's spans it could not write (spaCy, Prodigy, the Hugging Face tags and CoNLL
skip the spans that hold no token), ``close()`` finishes the file. The formats that list
every option of each document-label question (Prodigy's ``options``, spaCy's 0.0
categories) learn them in a ``choices.Choices`` and use it on ``close()``; the writers of
the parts of one export may share one, so that every part lists the same options.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import importlib
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import IO, Any, Protocol

import orjson

from reviewer.core.export.choices import Choices
from reviewer.core.export.reviewers import reviewer_records
from reviewer.core.export.rows import Row, dumps, hf_row, prodigy_task
from reviewer.core.export.table import cell, csv_columns, csv_head, head_cells, tail_cells
from reviewer.core.export.tokens_bio import bio_tags
from reviewer.core.file_lock import held_alone
from reviewer.core.record_check import is_date
from reviewer.core.records import PostingRecord, json_line, unsettled_spans
from reviewer.core.schema import FIELDS


class PartWriter(Protocol):
    def write(self, record: PostingRecord) -> int: ...

    def close(self) -> None: ...


_DATES = tuple(spec.name for spec in FIELDS if spec.kind == "date")
NAME_MAX = 255  # bytes of a file's name (ext4, XFS, APFS, NTFS's 255 characters)


def check_output(out: Path) -> None:
    """ValueError when ``out`` cannot be an export's output: a name over ``NAME_MAX``
    bytes, or a thing that is neither a file nor a folder (a device, a pipe, a socket),
    which an export would replace with a file (/dev/null among them), or a folder with
    files in it (a dataset is never mixed into one)."""
    if len(os.fsencode(out.name)) > NAME_MAX:
        raise ValueError(f"the output's name is over the {NAME_MAX} bytes a file's name may "
                         "have: choose a shorter one")
    try:
        mode = out.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # a new name (a folder on the way that is a file is said where it is made)
    except OSError as err:
        raise ValueError(f"{out} cannot be written: {err.strerror or err}") from err
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise ValueError(f"{out} is not a file or a folder (a device, a pipe or a socket): an "
                         "export writes only files; choose another name")
    if stat.S_ISDIR(mode) and any(out.iterdir()):
        raise ValueError(f"{out} is a folder with files in it; choose a new or empty folder")


def check_written(out: Path, part: Path, fmt: str) -> None:
    """ValueError where what the export wrote (``part``) cannot take the place of
    ``out``: one file where ``out`` is a folder, a folder where it is a file."""
    if out.is_dir() and not part.is_dir():
        raise ValueError(f"{out} is a folder, and this {fmt} export is one file: give a "
                         f"file's name (such as {out / ('postings.' + fmt)})")
    if part.is_dir() and out.exists() and not out.is_dir():
        raise ValueError(f"{out} is a file, and this export writes a folder (of its parts, "
                         "or of a dataset): give a new name, or an empty folder's")


def part_path(out: Path, beside: str = "") -> Path:
    """Where ``out`` is written until it is whole: ``.<name>.part`` beside it, or, for a
    name too long for that, ``.<a digest of the name>.part``. ``beside``: the suffix of a
    file the export writes beside ``out`` as well (Label Studio's config): ValueError when
    that file's name cannot be made."""
    if len(os.fsencode(out.name + beside)) > NAME_MAX:
        raise ValueError(f"the file beside the output would be named {out.name + beside!r}, "
                         f"over the {NAME_MAX} bytes a file's name may have: choose a "
                         "shorter output name")
    name = f".{out.name}.part"
    if len(os.fsencode(name + max(beside, LOCK, key=len))) > NAME_MAX:
        name = f".{hashlib.sha256(os.fsencode(out.name)).hexdigest()[:16]}.part"
    return out.with_name(name)


LOCK = ".lock"  # the suffix of an export's lock, beside its part


@contextlib.contextmanager
def writing_alone(part: Path, out: Path) -> Iterator[None]:
    """The only export writing ``part`` (and so ``out``) while inside: a second one to
    the same output, which would write into the same part file, is refused
    (ValueError). The lock is on ``<part>.lock`` (``file_lock``), removed as it is let go
    (and left by an export killed, for the next one to take); where the system has no
    such locks (or the folder keeps none), exports are not kept apart."""
    def refused(_holder: str) -> ValueError:
        return ValueError(f"another export is writing {out} now: wait for it to end, or "
                          "choose another name")

    with held_alone(lock_path(part), refused):
        yield


def lock_path(part: Path) -> Path:
    """The lock of the export writing ``part`` (see ``writing_alone``)."""
    return part.with_name(part.name + LOCK)


def optional_module(name: str, install: str) -> ModuleType:
    """Import an optional dependency, or raise ImportError saying how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(f"this export format needs {name.split('.')[0]}: "
                          f"run `{install}`") from exc


# -- canonical and Prodigy JSONL, and the Hugging Face row -------------------------------------


class HfWriter:
    """Rows of one part, first to an anonymous temporary file: the ids of the ``ner_tags``
    (and, for Parquet, the label columns) are known only once every part is written.
    ``labels`` and ``overlapping`` gather the span labels seen and the spans the tags leave
    out; ``finish`` writes the part, ``discard`` drops an empty one."""

    def __init__(self, path: Path, questions: set[str], parquet: bool,
                 suggests: bool = True) -> None:
        """``suggests``: see ``records.unsettled_spans``."""
        self.path, self.rows, self._questions, self._parquet = path, 0, questions, parquet
        self._suggests = suggests
        self.labels: set[str] = set()
        self.overlapping = 0
        self.bad_dates = 0  # dates not of the calendar (older projects hold some): null
        self.reviewers = False  # rows carry every reviewer's values
        self.machine_rows = 0  # rows with a field no person checked (provenance machine)
        self._file: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115 (closed by finish())
            "w+", encoding="utf-8", dir=path.parent)

    def write(self, record: PostingRecord) -> int:
        tagged = bio_tags(record["text"], record["spans"],
                          unsettled_spans(record, self._suggests))
        row = hf_row(record, tagged)
        self.bad_dates += _days_only(row)
        self.machine_rows += "machine" in row["provenance"].values()
        self._questions.update(row["labels"])
        for values in row.get("reviewers", ()):
            self._questions.update(values["labels"])
            self.reviewers = True
        self.labels.update(s["label"] for s in record["spans"])
        self._file.write(json_line(row))
        self.rows += 1
        if row["ner_tags"] is None:  # no tags (unknown): none left out of them
            return 0
        self.overlapping += tagged.overlapping
        return tagged.untaggable

    def close(self) -> None:
        self._file.flush()  # held open until finish(): closing would delete it

    def discard(self) -> None:
        self._file.close()

    def finish(self, tag_ids: Mapping[str, int], schema: Any = None, batch: int = 1000) -> None:
        """Write the rows to ``self.path``, ``ner_tags`` as ids of ``tag_ids``: as JSON lines,
        or as Parquet in batches with a pyarrow ``schema``."""
        try:
            self._file.seek(0)
            if schema is None:
                with self.path.open("w", encoding="utf-8") as out:
                    for line in self._file:
                        row = orjson.loads(line)
                        row["ner_tags"] = _ids(tag_ids, row["ner_tags"])
                        out.write(json_line(row))
                return
            pa = optional_module("pyarrow", "pip install pyarrow")
            pq = optional_module("pyarrow.parquet", "pip install pyarrow")
            with pq.ParquetWriter(self.path, schema) as parquet:
                for rows in iter_lines(self._file, batch):
                    for row in rows:
                        row["ner_tags"] = _ids(tag_ids, row["ner_tags"])
                        _as_days(row)
                    parquet.write_table(pa.Table.from_pylist(rows, schema=schema))
        finally:
            self._file.close()


def _date_slots(row: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    """Where an ``hf`` row holds a date: (holder, key) of its fields' and of each
    reviewer's that hold one."""
    yield from ((row, name) for name in _DATES if row.get(name) is not None)
    for own in row.get("reviewers") or ():
        yield from ((decided, "value") for name, decided in (own.get("fields") or {}).items()
                    if name in _DATES and decided.get("value") is not None)


def _days_only(row: dict[str, Any]) -> int:
    """Each date of an ``hf`` row that is no day of the calendar written YYYY-MM-DD made
    null (a project of a version that took "2024-5-1" holds such dates: the card's
    ``date32`` reads none); how many."""
    bad = 0
    for holder, key in _date_slots(row):
        if not isinstance(holder[key], str) or not is_date(holder[key]):
            holder[key] = None
            bad += 1
    return bad


def _as_days(row: dict[str, Any]) -> None:
    """The dates of an ``hf`` row as days, the Parquet column's type (``_days_only`` left
    only days of the calendar)."""
    for holder, key in _date_slots(row):
        holder[key] = date.fromisoformat(holder[key])


NO_TAG = -1  # a token's tag unknown: ``datasets``' ClassLabel reads -1 as "no label"


def _ids(tag_ids: Mapping[str, int], tags: list[str | None] | None) -> list[int] | None:
    """BIO tags as the ids of their class (a tag None, unknown: ``NO_TAG``; no tags,
    undecided: None, as it was)."""
    return None if tags is None else [NO_TAG if tag is None else tag_ids[tag] for tag in tags]


class JsonLinesWriter:
    """One JSON object a line, UTF-8, non-ASCII kept as is.

    Prodigy tasks (``row`` is ``rows.prodigy_task``) offer every option of the export,
    known only once every record has been seen: their records wait in an anonymous
    temporary file beside the output and become tasks on ``close``. The writers of the
    parts of one export may share ``choices``, so that every part offers the same options.
    A record with every reviewer's values (``reviewers``) is followed by one example per
    reviewer (``reviewers.reviewer_records``): the same ``_input_hash``, their own answer,
    their name as ``_annotator_id`` and ``_session_id`` (the final example has none), as
    Prodigy keeps several annotators' work for its ``review`` recipe.
    """

    def __init__(self, path: Path, row: Callable[[PostingRecord], Row],
                 choices: Choices | None = None, suggests: bool = True) -> None:
        """``suggests`` (Prodigy): see ``records.unsettled_spans``."""
        self._path, self._row, self._suggests = path, row, suggests
        self._choices: Choices | None = None
        if row is prodigy_task:
            self._choices = Choices() if choices is None else choices
        if self._choices is None:
            self._file: IO[str] = path.open("w", encoding="utf-8")
        else:
            self._file = tempfile.TemporaryFile(  # noqa: SIM115 (closed by close())
                "w+", encoding="utf-8", dir=path.parent)

    def write(self, record: PostingRecord) -> int:
        if self._choices is None:
            self._file.write(json_line(self._row(record)))
            return 0
        self._choices.add(record["labels"])
        for values in record.get("reviewers", {}).values():
            self._choices.add(values["labels"])
        self._file.write(json_line(record))
        return sum(not s["text"].strip() for s in record["spans"])  # no token to hold

    def close(self) -> None:
        if self._choices is None:
            self._file.close()
            return
        options = self._choices.by_question()
        try:
            self._file.seek(0)
            with self._path.open("w", encoding="utf-8") as out:
                for line in self._file:
                    record = orjson.loads(line)
                    out.write(json_line(prodigy_task(record, options, self._suggests)))
                    for own in reviewer_records(record):  # one example per reviewer
                        task = prodigy_task(own, options, self._suggests)
                        task["_session_id"] = task["_annotator_id"]
                        out.write(json_line(task))
        finally:
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


class CsvWriter:
    """One flat row a posting, header first.

    The label columns (``labels__<question>``, sorted) are only known once every
    record has been seen, so rows go first to an anonymous temporary file beside
    the output (constant memory) and are copied under the header on ``close``.
    ``questions``, shared by the parts of a split, gathers those of every part: each
    part's file has the same columns.

    Cells a spreadsheet would run as formulas get a leading ``'`` (``neutral``),
    unless ``raw_cells``: then every cell is the exact text.
    """

    def __init__(self, path: Path, raw_cells: bool = False,
                 questions: set[str] | None = None) -> None:
        self._path = path
        self._raw = raw_cells
        self._spool: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115 (closed by close())
            "w+", encoding="utf-8", newline="", dir=path.parent)
        self._rows = csv.writer(self._spool)
        self._questions: set[str] = set() if questions is None else questions

    def write(self, record: PostingRecord) -> int:
        self._questions.update(record["labels"])
        self._rows.writerow([*head_cells(record, self._raw), dumps(record["labels"]),
                             *tail_cells(record, self._raw)])
        return 0

    def close(self) -> None:
        questions = sorted(self._questions)
        n_head = len(csv_head())
        self._spool.seek(0)
        with self._path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(csv_columns(questions))
            for row in csv.reader(self._spool):
                labels = json.loads(row[n_head])
                writer.writerow([*row[:n_head],
                                 *(cell(labels.get(q), self._raw) for q in questions),
                                 *row[n_head + 1:]])
        self._spool.close()


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
