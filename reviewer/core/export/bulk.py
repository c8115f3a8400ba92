"""Whole-project exports with worker processes: canonical JSONL, the flat table as CSV or
Parquet, doccano and Argilla.

Reading a posting back with everything attached is most of an export's work, so worker
processes each read ranges of ``RANGE`` postings, in id order, through their own
connection (WAL lets readers share the file). The output is byte for byte the file
``run.export`` writes from the same records in one process; with one job the ranges are
written straight into it, one after another.

Text formats: a worker makes its range in memory and writes it into its place in the
output once the sizes of the ranges before it are known (``parts.place_range``), so no
part file is written and then copied: for a 6 GB JSONL that would double the writing.

CSV and Parquet have a column a question answered; the questions are read from the
project before any row (``records.questions``), so each range is written whole, and a
question first answered while the export runs fails it.

Parquet is one file, its rows in id order, a row group a range: the file pandas
(``read_parquet``), pyarrow and datasets (``load_dataset("parquet", data_files=...)``)
read as it is, where a folder of parts would need a pattern. Workers turn the records
into Arrow tables (the slow part) and hand them over as Arrow IPC files beside the
output; the calling process writes each, memory-mapped, to the Parquet file as soon as
it and those before it are done, and deletes it (at most two ranges a worker under way
or waiting). Encoding the Parquet takes a few percent of the time; the file is the same
whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from reviewer.core.export.parts import (
    ABORTED,
    PYARROW,
    TEXT_FORMATS,
    Job,
    Part,
    append_part,
    parquet_schema,
    place_range,
    start_worker,
    table_range,
    write_range,
    write_table,
)
from reviewer.core.export.summary import ExportSummary
from reviewer.core.export.table import csv_columns, csv_line
from reviewer.core.export.writers import optional_module
from reviewer.core.labels import Question
from reviewer.core.store import Store
from reviewer.core.workers import process_pool

BULK_FORMATS = (*TEXT_FORMATS, "parquet")
RANGE = 5000  # postings a worker reads at a time (for Parquet, a row group)


def export_bulk(db: Path, out: Path, fmt: str = "jsonl", *, reviewed_only: bool = True,
                jobs: int = 2, reviewers: bool = False, raw_cells: bool = False,
                schema: Sequence[Question] | None = None,
                progress: Callable[[int, int], None] | None = None) -> ExportSummary:
    """Write every (reviewed) posting of the project at ``db`` to ``out`` in ``fmt``
    (one of ``BULK_FORMATS``) with ``jobs`` processes: the file ``run.export`` writes
    from the same records without a split (``reviewers``: jsonl with every reviewer's
    values; ``raw_cells``: csv cells as the exact text; ``schema``: the label schema of
    argilla and doccano, by default the project's). Parquet (the CSV's columns, typed:
    see ``table``) needs pyarrow. ``progress(done, total)`` is told the postings written
    as each range is in place; what it raises stops the export (the workers too) and is
    raised here.

    Every value written is of one moment of the project, whatever another program writes
    meanwhile: this process reads the ids, the questions, the schema and (with one job)
    every record inside one read transaction. Worker processes cannot share it: where
    another connection wrote to the project while they read (``Store.written_elsewhere``),
    their ranges may be of different moments, and the export is written again by this
    process alone, inside one read transaction (``ExportSummary.again``)."""
    if fmt not in BULK_FORMATS:
        raise ValueError(f"{fmt!r} is not written by worker processes: choose one of "
                         f"{', '.join(BULK_FORMATS)}")
    if reviewers and fmt != "jsonl":
        raise ValueError("--all-reviewers applies to the jsonl format only")
    if raw_cells and fmt != "csv":
        raise ValueError("--raw-cells applies to the csv format only")
    if fmt == "parquet":
        optional_module("pyarrow.parquet", PYARROW)  # fail before any work
    out.parent.mkdir(parents=True, exist_ok=True)
    job = Job(str(db), fmt, reviewed_only, reviewers, raw_cells,
              schema=tuple(schema) if schema is not None else None)
    with Store(db, create=False):
        pass  # (a project of an earlier version brought up to this one, as it is opened)
    with Store(db, create=False, read_only=True) as store:  # (its close waits for no one)
        summary, new = _export_once(store, job, jobs, out, progress)
        if summary.workers > 1 and store.written_elsewhere():  # (asked outside the snapshot)
            summary, new = _export_once(store, job, 1, out, progress)
            summary.again = True
    if new:
        raise ValueError(f"the postings were labelled while the export ran ({', '.join(new)}"
                         "): export again")
    return summary


def _export_once(store: Store, job: Job, jobs: int, out: Path,
                 progress: Callable[[int, int], None] | None) -> tuple[ExportSummary, set[str]]:
    """Write the export (see ``export_bulk``) from the project as it is at this moment:
    what was written, and the questions the workers met that the columns lack."""
    with store.one_snapshot():
        store.written_elsewhere()  # the first read: the moment the snapshot holds
        ids = store.queue.ids(status="reviewed" if job.reviewed_only else None)
        questions = store.records.questions(job.reviewed_only) \
            if job.fmt in ("csv", "parquet") else []
        schema, skills = job.schema, job.skills
        if job.fmt in ("argilla", "doccano") and schema is None:
            schema, skills = tuple(store.labels.schema()), store.meta.skills_label()
        job = replace(job, questions=tuple(questions), schema=schema, skills=skills)
        ranges = [(ids[i], ids[min(i + RANGE, len(ids)) - 1])
                  for i in range(0, len(ids), RANGE)]
        write = _write_parquet if job.fmt == "parquet" else _write_text
        told = _Told(len(ids), progress)
        parts = write(job, ranges, jobs, out, told, store)
    summary = ExportSummary(job.fmt, {"all": sum(p.count for p in parts)}, [out],
                            dropped_spans=sum(p.dropped for p in parts),
                            unaligned_spans=sum(p.unaligned for p in parts),
                            workers=told.workers)
    return summary, set().union(*(p.questions for p in parts)) - set(questions)


def export_jsonl(db: Path, out: Path, *, reviewed_only: bool = True,
                 jobs: int = 2, reviewers: bool = False) -> ExportSummary:
    """Write every (reviewed) posting of the project at ``db`` as canonical JSONL
    (``reviewers``: with every reviewer's own values)."""
    return export_bulk(db, out, "jsonl", reviewed_only=reviewed_only, jobs=jobs,
                       reviewers=reviewers)


class _Told:
    """The postings written so far, told to ``export_bulk``'s ``progress``, and by how
    many processes."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None) -> None:
        self.done, self.total, self.progress = 0, total, progress
        self.workers = 1

    def __call__(self, part: Part) -> Part:
        self.done += part.count
        if self.progress is not None:
            self.progress(self.done, self.total)
        return part


def _write_text(job: Job, ranges: list[tuple[int, int]], jobs: int, out: Path,
                told: _Told, store: Store) -> list[Part]:
    with out.open("wb") as handle:
        if job.fmt == "csv":
            handle.write(_csv_header(job.questions))
        pool, sizes = _text_workers(jobs, len(ranges))
        if pool is None or sizes is None:
            return [told(write_range(job, lo, hi, handle, store)) for lo, hi in ranges]
        start = handle.tell()
    told.workers = jobs
    with pool:
        futures = [pool.submit(place_range, job, n, lo, hi, str(out), start)
                   for n, (lo, hi) in enumerate(ranges)]
        try:
            return [told(future.result()) for future in futures]
        except BaseException:
            for future in futures:
                future.cancel()
            for n in range(len(ranges)):  # the workers waiting for a range stop
                if sizes[n] == -1:
                    sizes[n] = ABORTED
            raise


def _text_workers(jobs: int, ranges: int) -> tuple[ProcessPoolExecutor | None, Any]:
    """Worker processes for the ranges of a text export, and the sizes they share (a
    ``multiprocessing.RawArray``); (None, None) for one range, one job, or a system that
    cannot start them (then this process writes every range)."""
    if jobs <= 1 or ranges <= 1:
        return None, None
    try:
        sizes = multiprocessing.RawArray("q", [-1] * ranges)
    except OSError:  # no shared memory here
        return None, None
    return process_pool(jobs, start_worker, (sizes,)), sizes


def _write_parquet(job: Job, ranges: list[tuple[int, int]], jobs: int, out: Path,
                   told: _Told, store: Store) -> list[Part]:
    pq = optional_module("pyarrow.parquet", PYARROW)
    parts = []
    with pq.ParquetWriter(out, parquet_schema(job.questions)) as writer:
        pool = process_pool(jobs) if jobs > 1 and len(ranges) > 1 else None
        if pool is None:
            for lo, hi in ranges:
                table, part = table_range(job, lo, hi, store=store)
                writer.write_table(table)
                parts.append(told(part))
            return parts
        told.workers = jobs
        for part, path in _tables_in_workers(job, ranges, pool, jobs, out):
            append_part(writer, path)
            os.unlink(path)
            parts.append(told(part))
    return parts


def _csv_header(questions: Sequence[str]) -> bytes:
    """The CSV's first row, as ``writers.CsvWriter`` writes it."""
    return csv_line(csv_columns(questions)).encode("utf-8")


def _tables_in_workers(job: Job, ranges: list[tuple[int, int]], pool: ProcessPoolExecutor,
                       jobs: int, out: Path) -> Iterator[tuple[Part, str]]:
    """Each range's Arrow table written by a worker process to a file beside ``out``, as
    (what it wrote, the file), in id order; at most two ranges a worker under way or
    done and not yet taken."""
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".export-") as tmp, pool:
        todo = iter(enumerate(ranges))
        window: deque[tuple[Future[Part], str]] = deque()

        def submit() -> None:
            for n, (lo, hi) in todo:
                path = os.path.join(tmp, f"{n:06d}.arrow")
                window.append((pool.submit(write_table, job, lo, hi, path), path))
                return

        try:
            for _ in range(2 * jobs):
                submit()
            while window:
                future, path = window.popleft()
                part = future.result()
                submit()
                yield part, path
        finally:
            for future, _ in window:
                future.cancel()
