"""Clean and extract the stored pages again, after the pipeline has improved.

The machine's suggestions are replaced; every person's decision is kept (see
``store.machine.replace``), and so are the values a data file's columns gave (the
``dataset`` stage), their evidence found again in the new cleaned text. Batches are
single transactions, so stopping at any point leaves a project that opens, and running
again finishes the rest. A plug-in extractor, given, is run over each batch after the
pipeline, before the batch is written (its readings of decided fields are not used).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reviewer.core.ingest.dataset import STAGE
from reviewer.core.ingest.importer import page_workers, prepare_page
from reviewer.core.ingest.items import Skipped
from reviewer.core.ingest.pages import Pipelined, Work, finish, pipeline_page
from reviewer.core.ingest.training import project_model
from reviewer.core.store import DatabaseError, PreparedPosting, Store

if TYPE_CHECKING:
    from reviewer.core.learn import Model
    from reviewer.core.plugins import ExtractorRun

BATCH = 200


@dataclass
class ReextractReport:
    total: int = 0  # postings in the project when the run began
    seen: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # reviewed, or the cleaned text changed and people had worked on the old one
    no_page: int = 0  # imported from a record that carries no raw page
    failed: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    learned: bool = False  # the project's learned model read pages (not reviewed ones)
    model_note: str | None = None  # why the project's learned model was not used
    workers: int = 1  # processes that cleaned pages (1: this one alone)

    def line(self) -> str:
        """Where the run is, in one line."""
        return (f"{self.seen:,} of {self.total:,} · {self.updated:,} updated · "
                f"{self.kept:,} kept")

    def describe(self) -> str:
        text = (f"{self.updated:,} {'posting' if self.updated == 1 else 'postings'} updated, "
                f"{self.unchanged:,} unchanged of {self.seen:,} ({self.seconds:.1f} s"
                f"{f', {self.workers} worker processes' if self.workers > 1 else ''}"
                f"{', with the project’s learned model' if self.learned else ''})")
        notes = [f"{n:,} {what}" for n, what in (
            (self.kept, "kept as they were: reviewed, or their cleaned text would change "
                        "and people had already worked on it"),
            (self.no_page, "without a stored page"),
            (self.failed, "failed to clean")) if n]
        if self.cancelled:
            notes.append("stopped before the end (run again to finish)")
        if self.model_note:
            notes.append(self.model_note)
        return text + ("; " + "; ".join(notes) if notes else "")


def reextract(store: Store, *, progress: Callable[[ReextractReport], None] | None = None,
              cancelled: Callable[[], bool] | None = None, batch: int = BATCH,
              extractor: ExtractorRun | None = None, jobs: int = 1,
              report: ReextractReport | None = None) -> ReextractReport:
    """Clean and extract every stored page again, in id order; ``extractor``
    (``plugins.load_extractor``) offers its readings too. With ``jobs`` over 1 the pages
    are cleaned in that many worker processes, a batch while the one before is written.
    ``report``: the report to fill (a new one where none is given); the caller's own
    tells it, after a stop (Ctrl+C raises through, logged as a cancel), what the batches
    committed before it did."""
    report = report if report is not None else ReextractReport()
    report.total = store.queue.count()
    model, report.model_note = project_model(store)
    step = prepare_page if extractor is None and model is None else pipeline_page
    started = time.perf_counter()
    workers = page_workers(jobs)
    in_flight: _Batch | None = None
    after = 0
    try:
        while True:
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            rows, after = _batch_of_pages(store, after, batch)
            if not rows:
                break
            pages = _pages(store, rows)
            works = [page[2] for page in pages if page[2] is not None]
            done = workers.map(step, works)
            if in_flight is not None:
                _write(store, *in_flight, report, extractor, model, started, progress)
            in_flight = (pages, done)
        if in_flight is not None and not report.cancelled:
            _write(store, *in_flight, report, extractor, model, started, progress)
    except KeyboardInterrupt:  # (a signal too) the batches written before it are kept
        report.cancelled = True
        with contextlib.suppress(DatabaseError):  # (a file that cannot be written: unsaid)
            store.machine.log_run(report.updated, report.kept, report.cancelled)
        raise
    finally:
        workers.shutdown()
    report.workers = workers.processes
    report.seconds = time.perf_counter() - started
    store.machine.log_run(report.updated, report.kept, report.cancelled)
    if progress is not None:
        progress(report)
    return report


# id, raw page (None: none stored, or reviewed), its work (None: none to do), reviewed
_Page = tuple[int, str | None, Work | None, bool]
_Batch = tuple[list[_Page], Iterator[PreparedPosting | Pipelined | Skipped]]
_READ_ON = 20  # batches of postings read at most to gather one of pages to clean


def _batch_of_pages(store: Store, after: int, batch: int) -> tuple[list[tuple[Any, ...]], int]:
    """The stored postings after id ``after`` up to ``batch`` pages to clean (reviewed
    ones and those without a page are passed over, and do not count: read on, so that a
    batch stays big enough to share among worker processes), and the last id read."""
    rows: list[tuple[Any, ...]] = []
    pages = 0
    for _ in range(_READ_ON):
        more = store.postings.stored_pages(after, batch)
        if not more:
            break
        rows += more
        after = more[-1][0]
        pages += sum(row[2] is not None for row in more)
        if pages >= batch:
            break
    return rows, after


def _pages(store: Store, rows: list[tuple[Any, ...]]) -> list[_Page]:
    """A batch of stored pages (``Postings.stored_pages``) as the pipeline's work; a
    reviewed posting's is none (it is kept as its reviewer saw it, whatever the
    pipeline would read now)."""
    given = store.decisions.stage_values(rows[0][0], rows[-1][0], STAGE)
    return [(pid, raw, None if raw is None else
             (source, raw, kind, json.loads(metadata), digest, given.get(pid, {})), reviewed)
            for pid, source, raw, kind, digest, metadata, reviewed in rows]


def _write(store: Store, pages: list[_Page],
           done: Iterator[PreparedPosting | Pipelined | Skipped], report: ReextractReport,
           extractor: ExtractorRun | None, model: Model | None, started: float,
           progress: Callable[[ReextractReport], None] | None) -> None:
    """A batch's new cleaning and extraction in place of the old, in one transaction;
    counted in ``report`` once committed (a batch stopped part way is counted nowhere)."""
    results = iter(finish(done, extractor, model))
    counts: Counter[str] = Counter()
    with store.atomic():
        for pid, raw, work, reviewed in pages:
            counts["seen"] += 1
            if work is None:
                counts["kept" if reviewed else "no_page"] += 1
                continue
            prepared = next(results)
            if isinstance(prepared, Skipped):
                counts["failed"] += 1
                continue
            prepared.raw = raw
            report.learned = model is not None  # it read this page (or none reads any)
            # (what a plug-in won where a person decided, or in a posting kept whole, is
            # no suggestion: not counted as one; read only where it won something)
            won = [row[0] for row in prepared.suggestions
                   if extractor is not None and row[4] == extractor.stage]
            decided = store.decisions.decided(pid) if won else set()
            outcome = store.machine.replace(pid, prepared)
            counts[outcome] += 1
            counts["not_won"] += sum(outcome == "kept" or name in decided for name in won)
    for name, n in counts.items():
        if name != "not_won":
            setattr(report, name, getattr(report, name) + n)
    if extractor is not None:
        extractor.report.won -= counts["not_won"]
    report.seconds = time.perf_counter() - started
    if progress is not None:
        progress(report)
