"""Import postings into a project: read every input, clean and extract, store in batches.

Each batch is one transaction, its postings added to the search index at its end, in
it: an import stopped at any point (interrupted, killed) leaves a project that opens,
holding the batches before it, every one found by search; running the same import
again adds only what is missing (postings are de-duplicated by the hash of their page).
Cleaning and extraction run in ``jobs`` worker processes; the store is written by the
calling process alone. Our own records (canonical JSONL, Parquet shards), which carry
their cleaning and fields, run no pipeline: the workers read, check and encode them
(``own_records``), and they are stored ``RECORDS_BATCH`` at a time, in the order read.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.core.ingest.columns import Mapper
from reviewer.core.ingest.import_report import ImportReport
from reviewer.core.ingest.inputs import item_hash, read_inputs
from reviewer.core.ingest.items import Item, Skipped
from reviewer.core.ingest.own_records import ReadRecord, resolved
from reviewer.core.ingest.pages import (
    Pipelined,
    Work,
    encode_page,
    finish,
    held_before,
    imported_before,
    pipeline_page,
)
from reviewer.core.ingest.training import project_model
from reviewer.core.store import DatabaseError, PreparedPosting, RecordRows, Store
from reviewer.core.workers import Workers

if TYPE_CHECKING:
    from reviewer.core.learn import Model
    from reviewer.core.plugins import ExtractorRun

BATCH = 250
RECORDS_BATCH = 1000  # our own records stored a transaction (they need no cleaning)
EXAMPLES = 3  # values left out quoted per field
POOL_FROM = 200  # pages a batch from which workers are started to clean it (fewer are
# cleaned here sooner than workers start: a third of a second from a server process)
GC_THRESHOLD = (10_000, 50, 100)  # the garbage collector's thresholds while an import runs


Progress = Callable[[ImportReport], None]


def import_paths(
    store: Store, paths: Iterable[str | Path], *, column: str | None = None,
    mapping: Mapping[str, str | None] | None = None, jobs: int = 1,
    progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
    batch: int = BATCH, extractor: ExtractorRun | None = None,
    report: ImportReport | None = None,
) -> ImportReport:
    """Import every posting under ``paths`` into ``store``; see the module docstring.

    ``column`` names the page column of data files; ``mapping`` (``{field: column}``,
    None unmapping a field) maps their columns over what their names say and what the
    project remembers (``columns.find_mapping``; ValueError for a field it lacks). The
    mappings used are remembered for the next import. With worker processes, the next
    batch is being cleaned while the last one is written, so the store's writer and the
    workers run side by side. An ``extractor`` (``plugins.load_extractor``) is run here,
    in this process, over each batch the workers cleaned, before it is written.
    ``report``: the report to fill (a new one where none is given); the caller's own
    tells it, after a stop (Ctrl+C raises through), how many postings this import added
    (counted as each batch is committed: the project's size counts another's too)."""
    mapper = Mapper(mapping, column, store.column_maps.all())
    report = report if report is not None else ImportReport()
    report.mappings = mapper.files
    model, report.model_note = project_model(store)
    started = time.perf_counter()
    workers = page_workers(jobs)
    seen: set[str] = set()  # hashes met in this run, so a page twice in the input counts once
    in_flight: tuple[list[Work], _Plan, Iterator[PreparedPosting | Pipelined | Skipped]] \
        | None = None
    records: list[ReadRecord] = []  # our own records read, not yet stored
    step = prepare_page if extractor is None and model is None else pipeline_page
    with _collected_less(), store.postings.importing():
        try:
            inputs = resolved(read_inputs(paths, mapper), mapper, workers)
            for chunk in _chunks(inputs, batch * max(1, jobs)):
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    break
                work, plan = _new_work(store, chunk, report, seen)
                submitted = workers.map(step, work)
                if in_flight is not None:
                    _write_in_order(store, *in_flight, records, report, extractor, model)
                in_flight = (work, plan, submitted)
                report.seconds = time.perf_counter() - started
                if progress is not None:
                    progress(report)
            if in_flight is not None and not report.cancelled:
                _write_in_order(store, *in_flight, records, report, extractor, model)
            elif in_flight is not None:  # records read before a cancel: stored as before
                records += [r for part in in_flight[1] if isinstance(part, list) for r in part]
            _add_records(store, records, report)
            store.column_maps.remember(mapper.to_remember())
        finally:
            workers.shutdown()
    report.workers = workers.processes
    report.seconds = time.perf_counter() - started
    if progress is not None:
        progress(report)
    return report


@dataclass
class _Collector:
    """The imports under way in this process, and the garbage collector's thresholds
    before the first of them began."""

    runs: int = 0
    before: tuple[int, int, int] = (700, 10, 10)
    lock: threading.Lock = field(default_factory=threading.Lock)


_COLLECTOR = _Collector()


@contextlib.contextmanager
def _collected_less() -> Iterator[None]:
    """The cyclic garbage collector runs less often while imports run (``GC_THRESHOLD``):
    each record read makes hundreds of containers, and with a batch of them alive the
    collector went through them again and again (a fifth of an import of records). The
    thresholds are put back as they were when the last import under way ends."""
    state = _COLLECTOR
    with state.lock:
        if state.runs == 0:
            state.before = gc.get_threshold()
            gc.set_threshold(*(max(a, b) for a, b in zip(GC_THRESHOLD, state.before,
                                                         strict=True)))
        state.runs += 1
    try:
        yield
    finally:
        with state.lock:
            state.runs -= 1
            if state.runs == 0:
                gc.set_threshold(*state.before)


# a chunk in the order it was read: runs of our own records, and counts of the pages
# between them (the next so many of the chunk's work)
_Plan = list[list[ReadRecord] | int]


def _new_work(store: Store, chunk: list[Item | Skipped | ReadRecord], report: ImportReport,
              seen: set[str]) -> tuple[list[Work], _Plan]:
    """The pages of a chunk still to clean (skipped inputs and known pages counted), and
    the chunk's ``_Plan``: in what order its records and pages are to be written."""
    fresh: list[tuple[Item, str]] = []
    order: list[list[ReadRecord] | list[str]] = []  # records, and the pages' digests
    for entry in chunk:
        if isinstance(entry, Skipped) and entry.aside:  # (no posting: not one read)
            report.put_aside(entry.source)
            continue
        report.seen += 1
        if isinstance(entry, ReadRecord):
            if order and order[-1] and isinstance(order[-1][0], ReadRecord):
                order[-1].append(entry)
            else:
                order.append([entry])
            continue
        if isinstance(entry, Skipped):
            report.skipped.append(entry)
            continue
        for left in entry.left_out:
            count = report.left_out[left.field] = report.left_out.get(left.field, 0) + 1
            if count <= EXAMPLES:
                report.left_out_examples.append(left)
        if entry.note is not None:
            report.notes[entry.note] = report.notes.get(entry.note, 0) + 1
        digest = item_hash(entry.text, entry.given)  # (one page in three cities: three)
        if digest in seen:
            report.duplicates += 1
            continue
        seen.add(digest)
        fresh.append((entry, digest))
        if order and order[-1] and isinstance(order[-1][0], str):
            order[-1].append(digest)
        else:
            order.append([digest])
    known = store.postings.known_hashes([d for _, d in fresh])
    known |= held_before(store, [(i, d) for i, d in fresh if i.given and d not in known])
    other = imported_before(store, [(i, d) for i, d in fresh if d not in known])
    report.other_values += len(other)
    if other and len(report.other_values_examples) < EXAMPLES:
        report.other_values_examples += [i.source for i, d in fresh if d in other][
            :EXAMPLES - len(report.other_values_examples)]
    known |= other
    report.duplicates += len(known)
    plan: _Plan = [part if isinstance(part[0], ReadRecord)
                   else sum(digest not in known for digest in part)
                   for part in order]
    return [(item.source, item.text, item.kind, item.metadata, digest, item.given)
            for item, digest in fresh if digest not in known], plan


def _write_in_order(store: Store, work: list[Work], plan: _Plan,
                    results: Iterable[PreparedPosting | Pipelined | Skipped],
                    pending: list[ReadRecord], report: ImportReport,
                    extractor: ExtractorRun | None, model: Model | None) -> None:
    """A chunk's records and cleaned pages written in the order they were read, so that
    the postings are numbered the same however the input was cut into chunks (and so
    whatever the number of workers): a page written before a record takes the id the
    record asks for. Records are gathered in ``pending`` up to ``RECORDS_BATCH`` a
    transaction, and stored before the next pages."""
    done = iter(results)
    at = 0
    for part in plan:
        if isinstance(part, list):
            pending += part
            while len(pending) >= RECORDS_BATCH:  # cut where the input says, not the chunk
                _add_records(store, pending[:RECORDS_BATCH], report)
                del pending[:RECORDS_BATCH]
        else:  # a run of pages (none left, perhaps: known already): records before it
            _add_records(store, pending, report)  # (cut here whatever was known when)
            if part:
                _write(store, work[at:at + part], itertools.islice(done, part), report,
                       extractor, model)
                at += part


def _add_records(store: Store, kept: list[ReadRecord], report: ImportReport) -> None:
    """Records that carry their cleaning and fields, stored in one batch (and taken out
    of ``kept``); a batch the store refuses is stored record by record, each that fails
    skipped with its reason."""
    if not kept:
        return
    batch = list(kept)
    kept.clear()
    try:
        added = list(zip(batch, store.records.add_rows([entry.rows for entry in batch]),
                         strict=True))
    except (ValueError, TypeError, KeyError, DatabaseError):
        added = []
        for entry in batch:
            try:
                added.append((entry, store.records.add_rows([entry.rows])[0]))
            except (ValueError, TypeError, KeyError, DatabaseError) as err:
                report.skipped.append(Skipped(entry.source, f"the record cannot be stored: "
                                                            f"{type(err).__name__}: {err}"))
    report.added += sum(new for _entry, new in added)
    report.duplicates += sum(not new for _entry, new in added)
    report.reviewers_left += sum(new and entry.rows.reviewers_left for entry, new in added)
    report.undecided += sum(new and entry.rows.undecided for entry, new in added)
    for entry, new in added:  # (a record that carries a person's work is logged when
        if entry.rows.logged_at is None:  # stored: ``record_rows``)
            if new:
                report.worked[entry.rows.hash] = entry.rows.work()
            elif report.worked.get(entry.rows.hash) != entry.rows.work():
                report.work_not_taken += 1
    labelled = [entry.rows for entry, new in added if new and (entry.rows.labels or any(
        span[4] == "accepted" for span in entry.rows.spans))]
    if labelled:
        _count_unknown_labels(store, labelled, report.unknown_labels)


def _count_unknown_labels(store: Store, labelled: list[RecordRows],
                          counts: dict[str, int]) -> None:
    """Count in ``counts`` the answers and span labels of records that the project's
    label schema lacks."""
    pairs, span_labels = store.labels.option_names()
    for rows in labelled:
        for question, option in rows.labels:
            if (question, option) not in pairs:
                counts[f"{question}/{option}"] = counts.get(f"{question}/{option}", 0) + 1
        for span in rows.spans:
            if span[4] == "accepted" and span[2] not in span_labels:
                counts[f"span {span[2]}"] = counts.get(f"span {span[2]}", 0) + 1


def _write(store: Store, work: list[Work],
           results: Iterable[PreparedPosting | Pipelined | Skipped], report: ImportReport,
           extractor: ExtractorRun | None = None, model: Model | None = None) -> None:
    batch: list[PreparedPosting] = []
    for (_source, text, *_rest), result in zip(work, finish(results, extractor, model),
                                               strict=True):
        if isinstance(result, Skipped):
            report.skipped.append(result)
        else:
            result.raw = text  # the page stayed here; the worker sent back only its results
            batch.append(result)
    if not batch:
        return
    try:
        added, failed = store.postings.add(batch), 0
    except (ValueError, TypeError, DatabaseError):
        added, failed = _write_one_by_one(store, batch, work, report)  # find the one that fails
    report.added += added
    report.duplicates += len(batch) - added - failed
    # (a record of ours keeps the values it carries: the model reads pages alone)
    report.learned = report.learned or (model is not None and added > 0)


def _write_one_by_one(store: Store, batch: list[PreparedPosting], work: list[Work],
                      report: ImportReport) -> tuple[int, int]:
    """A batch the store refused, posting by posting: each that fails is skipped.
    Returns how many were added and how many failed."""
    sources = {digest: source for source, _text, _kind, _meta, digest, _given in work}
    added = failed = 0
    for item in batch:
        try:
            added += store.postings.add([item])
        except (ValueError, TypeError, DatabaseError) as err:
            report.skipped.append(Skipped(sources.get(item.hash, item.hash),
                                          f"could not be stored: {type(err).__name__}: {err}"))
            failed += 1
    return added, failed


def page_workers(jobs: int) -> Workers:
    """The worker processes that clean the pages of an import or a re-extraction, started
    for the first batch of ``POOL_FROM`` pages."""
    return Workers(jobs, worker_start, start_from=POOL_FROM)


def worker_start() -> None:
    """A worker process collects garbage as seldom as the import does (``GC_THRESHOLD``:
    a few per cent of the pipeline's time)."""
    gc.set_threshold(*GC_THRESHOLD)


def prepare_page(work: Work) -> PreparedPosting | Skipped:
    """Clean and extract one page, and encode its rows (runs in a worker process)."""
    done = pipeline_page(work)
    return done if isinstance(done, Skipped) else encode_page(done)


def _chunks(items: Iterable[Item | Skipped | ReadRecord],
            size: int) -> Iterator[list[Item | Skipped | ReadRecord]]:
    chunk: list[Item | Skipped | ReadRecord] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
