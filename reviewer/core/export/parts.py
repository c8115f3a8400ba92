"""What one range of postings becomes in a whole-project export (``bulk``): its lines of
canonical JSONL, doccano or Argilla, its rows of the CSV table, or its Parquet rows as an
Arrow table. Runs in a worker process (or in the calling one with one job), reading the
range through its own connection to the project.

Each record has its bad spans dropped first and counted (``run.drop_bad_spans``), as
``run.export`` does, so that a part holds exactly what a single-process export writes for
the same postings.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from reviewer.core.export.formats_more import ArgillaRecords, doccano_line
from reviewer.core.export.rows import Row, canonical_row
from reviewer.core.export.run import drop_bad_spans
from reviewer.core.export.table import arrow_table, csv_cells, csv_line, table_types
from reviewer.core.export.writers import optional_module
from reviewer.core.labels import Question, skill_label
from reviewer.core.records import PostingRecord, json_line_bytes
from reviewer.core.store import Store

TEXT_FORMATS = ("jsonl", "csv", "doccano", "argilla")
PYARROW = "pip install pyarrow (or pip install -e '.[parquet]')"


@dataclass(frozen=True)
class Job:
    """What every range of one export is written with (sent to each worker)."""

    db: str
    fmt: str
    reviewed_only: bool = True
    reviewers: bool = False  # jsonl: with every reviewer's own values
    raw_cells: bool = False  # csv: cells as the exact text
    questions: tuple[str, ...] = ()  # csv and parquet: the label columns
    schema: tuple[Question, ...] | None = None  # argilla, doccano: the label schema
    skills: str = "SKILL"  # argilla, doccano: the span label standing for skills


@dataclass
class Part:
    """What a range wrote: postings, the spans left out, and the questions its
    postings answer (csv and parquet: each must have its column)."""

    count: int = 0
    dropped: int = 0  # bad spans (run.drop_bad_spans)
    unaligned: int = 0  # spans the format has no place for (doccano: of no character)
    questions: set[str] = field(default_factory=set)


@contextlib.contextmanager
def no_collector() -> Iterator[None]:
    """The cyclic garbage collector off while a range is written. Records are trees (no
    cycles), freed by reference counting as soon as written; the collector would only
    walk the page of records being read, again and again: a third of the time of a
    range."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _records(job: Job, first: int, last: int,
             store: Store | None = None) -> Iterator[tuple[PostingRecord, int]]:
    """The records of the postings first..last, each without its bad spans, and how
    many it had: read through ``store`` (the exporting process's, inside its snapshot),
    else through a connection of their own (a worker's: for reading only, so that its
    close neither waits for the others' reads nor folds the -wal file, which another
    connection would take for a change of the project)."""
    with contextlib.ExitStack() as opened:
        if store is None:
            store = opened.enter_context(Store(job.db, create=False, read_only=True))
        for record in store.records.all(job.reviewed_only, first=first, last=last,
                                        reviewers=job.reviewers):
            yield drop_bad_spans(record)


def _line(job: Job) -> Callable[[PostingRecord], tuple[Row, int]]:
    """A record's object of the JSON-lines format, and the spans it left out."""
    skill = skill_label(job.schema, job.skills)  # (the window's suggested spans' label)
    if job.fmt == "doccano":
        return functools.partial(doccano_line, suggests=skill is not None)
    if job.fmt == "argilla":
        return ArgillaRecords(job.schema, skill).record
    return lambda record: (canonical_row(record), 0)


def write_range(job: Job, first: int, last: int, out: IO[bytes],
                store: Store | None = None) -> Part:
    """Write the postings first..last (those of the job's status) to ``out`` in the job's
    text format: lines, or CSV rows without the header (read through ``store`` when
    given: see ``_records``)."""
    part = Part()
    with no_collector():
        if job.fmt == "csv":
            for record, dropped in _records(job, first, last, store):
                part.questions.update(record["labels"])
                out.write(csv_line(csv_cells(record, job.questions, job.raw_cells)).encode())
                part.count, part.dropped = part.count + 1, part.dropped + dropped
            return part
        line = _line(job)
        for record, dropped in _records(job, first, last, store):
            row, left_out = line(record)
            out.write(json_line_bytes(row))
            part.count, part.dropped = part.count + 1, part.dropped + dropped
            part.unaligned += left_out
    return part


def parquet_schema(questions: tuple[str, ...]) -> Any:
    """The pyarrow schema of the table's Parquet (ImportError without pyarrow)."""
    pa = optional_module("pyarrow", PYARROW)
    return pa.schema(table_types(pa, questions))


def table_range(job: Job, first: int, last: int, batch: int = 500,
                store: Store | None = None) -> tuple[Any, Part]:
    """The Parquet rows of the postings first..last as a pyarrow Table, and the part
    (read through ``store`` when given: see ``_records``).
    Records become Arrow columns ``batch`` at a time and are freed: the records of a
    whole range, held to the end, made reading them a third slower (fresh memory for
    each, where freed records' memory is reused while still in the processor's cache)."""
    pa = optional_module("pyarrow", PYARROW)
    schema = parquet_schema(job.questions)
    part = Part()
    tables, kept = [], []
    with no_collector():
        for record, dropped in _records(job, first, last, store):
            part.questions.update(record["labels"])
            kept.append(record)
            part.count, part.dropped = part.count + 1, part.dropped + dropped
            if len(kept) == batch:
                tables.append(arrow_table(pa, schema, kept))
                kept = []
        tables.append(arrow_table(pa, schema, kept))
    return pa.concat_tables(tables), part


# -- in a worker process ----------------------------------------------------------------------

_SIZES: Any = None  # the bytes of each range of the text export under way (-1: not yet)
ABORTED = -2  # a range's size when the export has failed: the workers waiting stop
POLL = 0.005  # seconds between two looks at the sizes of the ranges before


def start_worker(sizes: Any) -> None:
    """A worker's start (the pool's initializer): it shares ``sizes`` (a
    ``multiprocessing.RawArray`` of int64, one a range) with the others."""
    global _SIZES
    _SIZES = sizes


def place_range(job: Job, n: int, first: int, last: int, path: str, start: int) -> Part:
    """Write range ``n`` (postings first..last) of a text export into its place in the
    file at ``path``: after ``start`` bytes and every range before it.

    The range is made in memory and its size published at once; the worker then waits
    for the sizes of the ranges before it (being made by the other workers: the pool
    hands ranges out in order) and writes at the sum. So no part file is written and
    copied, and the output is never a range out of order. Waits stop when the export
    fails (``ABORTED``)."""
    buffer = io.BytesIO()
    part = write_range(job, first, last, buffer)
    data = buffer.getbuffer()
    _SIZES[n] = len(data)
    while True:
        before = _SIZES[:n]
        if ABORTED in before:
            raise RuntimeError("the export stopped")
        if -1 not in before:
            break
        time.sleep(POLL)
    offset = start + sum(before)
    fd = os.open(path, os.O_WRONLY)
    try:
        written = 0
        while written < len(data):
            written += os.pwrite(fd, data[written:], offset + written)
    finally:
        os.close(fd)
    return part


def write_table(job: Job, first: int, last: int, path: str) -> Part:
    """Write the Parquet rows of the range to ``path`` as an Arrow IPC file."""
    pa = optional_module("pyarrow", PYARROW)
    table, part = table_range(job, first, last)
    with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return part


def append_part(writer: Any, path: str) -> None:
    """Write the Arrow table a worker wrote to ``path`` (``write_table``) with the
    ParquetWriter ``writer``: read memory-mapped, never copied."""
    pa = optional_module("pyarrow", PYARROW)
    with pa.memory_map(path) as source:
        writer.write_table(pa.ipc.open_file(source).read_all())
